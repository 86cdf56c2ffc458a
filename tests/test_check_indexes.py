"""The position indexes the checks use for speed (issue 13) give what the scans they replaced gave:
each lookup is compared with its plain definition, at many positions of real bulletins (read, not
copied, from corpus/). A wrong bisect bound or a stale memo makes these fail; the byte-identical
outputs are proved on the whole corpus by ``bench/identical.py``."""
from __future__ import annotations

from pathlib import Path

import pytest

import zhextract
from zhextract.checks.base import Ctx
from zhextract.checks.restate import _shared
from zhextract.checks.tableview import build_view

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
# bulletins with tables, sections, bundled reports and lists, and one long real one
DOCS = sorted(CORPUS.glob("00[0-4]_*.txt"))[:3] + sorted((CORPUS / "real").glob("*.txt"))[:2]


@pytest.fixture(scope="module", params=[p.name for p in DOCS])
def ctx(request: pytest.FixtureRequest) -> Ctx:
    path = next(p for p in DOCS if p.name == request.param)
    doc = zhextract.extract(path.read_text(encoding="utf-8"))
    return Ctx.build(doc, [build_view(t, doc.text) for t in doc.tables])


def _positions(ctx: Ctx) -> list[int]:
    n = len(ctx.doc.text)
    return sorted(set(range(0, n + 1, 37)) | {q.start for q in ctx.doc.quantities} | {0, n})


def test_sections_and_parts(ctx: Ctx) -> None:
    secs = ctx.doc.sections
    for pos in _positions(ctx):
        cur = None
        for i, sec in enumerate(secs):
            if sec.start <= pos:
                cur = i
        if cur is None:
            want = 0, (secs[0].start if secs else len(ctx.doc.text))
        else:
            end = next((s.start for s in secs[cur + 1:] if s.level <= secs[cur].level), len(ctx.doc.text))
            want = secs[cur].start, end
        assert ctx.section_span(pos) == want
        assert ctx.section(pos) is (secs[cur] if cur is not None else None)
        assert ctx.part(pos) == sum(1 for s in ctx.parts if s <= pos)


def test_figures_quantities_sentences_by_position(ctx: Ctx) -> None:
    doc = ctx.doc
    pos = _positions(ctx)
    for s, e in zip(pos, pos[3:]):
        assert ctx.figures_in(s, e) == [o for o in doc.figures if s <= o.start < e]
        assert ctx.quantities_from(s, e) == [q for q in doc.quantities if s <= q.start < e]
    for p in pos:
        prev = [st for st in doc.sentences if st.end <= p and st.text.strip()]
        assert ctx.sentence_before(p) is (prev[-1] if prev else None)
        for marks in ("，,；;。\n", ",，;；:：。、\n"):
            assert ctx.clause_start(p, marks) == max(ctx.src.rfind(c, 0, p) for c in marks) + 1
        assert ctx.in_table(p) == any(t.table.source == 0 and t.table.start <= p < t.table.end for t in ctx.tables)


def test_figures_named_and_dimensions(ctx: Ctx) -> None:
    from zhextract.checks.base import norm_indicator, qdim

    for f in ctx.doc.figures:
        key = norm_indicator(f.indicator)
        assert ctx.figures_named(key) == [o for o in ctx.doc.figures if norm_indicator(o.indicator) == key]
    for q in ctx.doc.quantities:
        assert ctx.dim(q) == qdim(q) == ctx.dim(q)  # the second ask reads the kept answer


def test_judged_at_takes_in_new_findings(ctx: Ctx) -> None:
    from zhextract.checks import RULES

    seen: set[int] = set()
    for _, rule in RULES:
        rule(ctx)
        want = {e.start for f in ctx.findings if f.status != "unverifiable" for e in f.evidence if e.kind == "text"}
        probes = want | {q.start for q in ctx.doc.quantities}
        assert {p for p in probes if ctx.judged_at(p)} == want
        seen |= want
    assert seen or not ctx.doc.figures  # a bulletin with figures gets some verdict


def test_shared_bigrams_count_as_set_intersection() -> None:
    feats = [{"La", "Lb", "Rc"}, {"La", "Rc"}, {"Lx"}, {"Lb", "Rc", "Ry"}, {"La", "Lb"}]
    posting: dict[str, list[int]] = {}
    for j, fj in enumerate(feats):
        for lo, hi in ((0, j), (j - 2, j), (j - 1, j), (0, j - 1), (1, 2)):
            got = _shared(posting, fj, lo, hi)
            want = {p: len(feats[p] & fj) for p in range(max(lo, 0), min(hi, j)) if feats[p] & fj}
            assert dict(got) == want
        for g in fj:
            posting.setdefault(g, []).append(j)


def test_tables_left_out_by_their_names_match_no_column(ctx: Ctx) -> None:
    """A table ``tables_to_match`` leaves out for a figure's texts is one match_column finds no
    column in, and the tables kept come in the order they came without the texts."""
    from zhextract.checks.lookup import context_text, match_column, tables_to_match

    asked = 0
    for f in ctx.doc.figures:
        q = ctx.value_q(f)
        if q is None:
            continue
        text = context_text(ctx, f, q)
        for asks in (((ctx.dim(q), False),), ((ctx.dim(q), False), ("percent", True)), ((None, False),)):
            every = tables_to_match(ctx, q.start, asks)
            kept = tables_to_match(ctx, q.start, asks, text)
            assert kept == [t for t in every if any(t is k for k in kept)]
            for tv in every:
                if not any(tv is k for k in kept):
                    asked += 1
                    assert all(match_column(tv, text, d, growth=g) is None for d, g in asks)
    assert asked or len(ctx.tables) < 2 or not ctx.doc.figures


def test_name_keys_cover_every_score_above_one_half() -> None:
    """``_score`` above one half implies a shared key: the name inside the text, a bigram in common,
    or (not wide) two characters in the same order; strings of a small alphabet meet all of these."""
    import itertools
    import random

    from zhextract.checks.lookup import _name_bigrams, _pairs, _score

    rnd = random.Random(13)
    words = ["".join(rnd.choice("甲乙丙丁戊（）“”") for _ in range(rnd.randint(1, 7))) for _ in range(300)]
    above = 0
    for name, text in itertools.product(words[:60], words[60:]):
        for wide in (False, True):
            if _score(name, text, wide) > 0.5:
                above += 1
                nkeys = _name_bigrams(name) if len(name) >= 2 else {name}
                shared = nkeys & (_name_bigrams(text) | set(text))
                assert shared or not wide and _pairs(name) & _pairs(text), (name, text, wide)
    assert above > 1000
