"""The spaCy component (issue 13): a blank Chinese pipeline, no model download."""
from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

import zhextract

spacy = pytest.importorskip("spacy")

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    "2021年全县经济运行简报\n上半年,全县规上工业增加值完成 12.5 亿元,增长 6.1%,高于全市 1.2 个百分点。",
    "1—9月,全县新签约项目 37 个,总投资 84.2 亿元,其中亿元以上项目 12 个。",
    "一季度,全区粮食播种面积 3.2 万亩,同比增长 2.5%。",
]


def _installed_from_here() -> bool:
    """Whether the installed zhextract's metadata (and so its entry points) is this checkout's."""
    try:
        url = json.loads(metadata.distribution("zhextract").read_text("direct_url.json") or "{}").get("url", "")
    except metadata.PackageNotFoundError:
        return False
    return Path(unquote(urlparse(url).path)).resolve() == ROOT


def _nlp(segmenter: str = "char", **config):
    if not _installed_from_here():  # running from a checkout the installed entry point does not name
        import zhextract.spacy_component  # noqa: F401 - registers the factory
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})
    nlp.add_pipe("zhextract", config=config)
    return nlp


@pytest.mark.parametrize("segmenter", ["char", "jieba"])
def test_one_span_per_quantity_expanded_to_token_edges(segmenter):
    if segmenter == "jieba":
        pytest.importorskip("jieba")
    nlp = _nlp(segmenter)
    for text in TEXTS:
        doc = nlp(text)
        want = zhextract.check(text)
        spans = doc.spans["zhextract"]
        assert [s._.quantity.id for s in spans] == [q.id for q in want.quantities]
        for span, q in zip(spans, want.quantities):
            assert span.label_ == q.kind
            assert doc.text[q.start:q.end] == q.text  # exact offsets on the record
            assert span.start_char <= q.start and q.end <= span.end_char  # the span covers it...
            assert span.start_char == span[0].idx and span.end_char == span[-1].idx + len(span[-1].text)
            inner = doc.char_span(q.start, q.end, alignment_mode="contract")
            assert inner is None or len(inner) <= len(span)  # ...and is the smallest token run that does
            fig = span._.figure
            if fig is not None:
                assert (fig.start, fig.end) == (q.start, q.end)
        assert [f.id for f in doc._.figures] == [f.id for f in want.figures]
        assert [(f.rule, f.status) for f in doc._.findings] == [(f.rule, f.status) for f in want.findings]
        values = {s._.quantity.id for s in spans if s._.figure is not None and s._.figure.value == s._.quantity.id}
        assert values == {f.value for f in want.figures if f.value is not None}


def test_jieba_tokens_are_words_and_spans_still_cover_quantities():
    pytest.importorskip("jieba")
    doc = _nlp("jieba")(TEXTS[0])
    assert any(len(t.text) > 1 for t in doc)  # not the character tokenizer
    assert all(s.text.strip() for s in doc.spans["zhextract"])


def test_check_false_gives_no_findings():
    doc = _nlp(check=False)(TEXTS[0])
    assert doc._.findings == [] and doc._.figures and doc._.zhextract.summary is None


def test_nlp_pipe_streams_batches():
    nlp = _nlp()
    taken: list[int] = []

    def stream():
        for i in range(30):
            taken.append(i)
            yield TEXTS[i % len(TEXTS)]

    docs = nlp.pipe(stream(), batch_size=4)
    first = next(docs)
    assert len(taken) < 30  # lazily: the first document comes before the stream is read to its end
    rest = list(docs)
    assert len(rest) == 29
    single = nlp(TEXTS[1])
    piped = rest[0]
    assert [(s.start, s.end, s.label_) for s in piped.spans["zhextract"]] == \
        [(s.start, s.end, s.label_) for s in single.spans["zhextract"]]
    assert first.text == TEXTS[0]


def test_registered_through_the_entry_point_without_an_import():
    if not _installed_from_here():
        pytest.skip("the installed zhextract is another checkout; CI's fresh install runs this")
    eps = metadata.entry_points(group="spacy_factories", name="zhextract")
    assert [ep.value for ep in eps] == ["zhextract.spacy_component:make_component"]
    code = ("import spacy, sys; nlp = spacy.blank('zh'); nlp.add_pipe('zhextract'); "
            f"doc = nlp({TEXTS[1]!r}); print(len(doc.spans['zhextract']), len(doc._.figures))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/")
    want = zhextract.extract(TEXTS[1])
    assert out.stdout.split() == [str(len(want.quantities)), str(len(want.figures))]


def test_docs_keep_their_records_through_serialisation_and_worker_processes():
    from spacy.tokens import Doc, DocBin

    nlp = _nlp()
    doc = nlp(TEXTS[0])
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [(s.start, s.end, s.label_, s._.quantity.value) for s in again.spans["zhextract"]] == \
        [(s.start, s.end, s.label_, s._.quantity.value) for s in doc.spans["zhextract"]]
    assert [f.indicator for f in again._.figures] == [f.indicator for f in doc._.figures]
    bin_ = DocBin(store_user_data=True, docs=[doc])
    assert len(list(bin_.get_docs(nlp.vocab))[0]._.figures) == len(doc._.figures)
    piped = list(nlp.pipe(TEXTS, n_process=2, batch_size=1))
    assert [len(d.spans["zhextract"]) for d in piped] == [len(nlp(t).spans["zhextract"]) for t in TEXTS]
