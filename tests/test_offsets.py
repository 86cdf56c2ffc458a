"""Offsets always point into the ORIGINAL input, whatever the repair step changed."""
from __future__ import annotations

from pathlib import Path

import pytest

import zhextract
from zhextract.offsets import Edit, OffsetChain, apply_edits
from zhextract.repair import repair

ROOT = Path(__file__).resolve().parent.parent


def test_edit_map_deletions_and_replacements():
    text = "总 投资 121.24 亿元"
    out, emap = apply_edits(text, [Edit(1, 2), Edit(4, 5), Edit(11, 12)])
    assert out == "总投资121.24亿元"
    chain = OffsetChain()
    chain.push(emap)
    s, e = out.index("121"), len(out)
    os_, oe = chain.span(s, e)
    assert text[os_:oe] == "121.24 亿元"


def test_ocr_spaces_and_fullwidth_map_back():
    text = "本次活动全市签约项目 18个,总 投资 １２１．２４ 亿元。"
    doc = zhextract.extract(text)
    got = [(q.text, str(q.value)) for q in doc.quantities]
    assert got == [("18个", "18"), ("１２１．２４ 亿元", "121.24")]
    for q in doc.quantities:
        assert text[q.start:q.end] == q.text


def test_markdown_and_page_breaks_map_back():
    text = "全市共有开发区**11家**,规划面积为**876.02平方公里**。工业投资持续低迷,部分项目处于收\n\n尾阶段,完成 1393\n\n项。"
    doc = zhextract.extract(text)
    spans = {q.text: (q.start, q.end) for q in doc.quantities}
    assert "11家" in spans and "876.02平方公里" in spans
    assert text[slice(*spans["1393\n\n项"])] == "1393\n\n项"


@pytest.mark.parametrize("path", sorted((ROOT / "corpus").glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_record_slices_the_original_to_its_number(path: Path):
    doc = zhextract.extract(path)
    for q in doc.quantities:
        piece = repair(doc.text[q.start:q.end]).text.replace(" ", "").replace("\n", "")
        digits = "".join(ch for ch in piece if ch.isdigit())
        if digits:  # Arabic numerals: the slice holds exactly the number's digits
            assert digits.lstrip("0") and format(q.value, "f").replace(".", "").replace("-", "").lstrip("0") in digits, (q.text, q.value)
    for f in doc.figures:
        assert 0 <= f.sentence.start <= f.start < f.end <= f.sentence.end <= len(doc.text)
        if f.indicator_span:
            assert f.indicator_span.end <= f.end


def test_comparison_spans_start_at_their_cue():
    """A comparison's span runs from its cue to its number, also when another number stands between
    the clause's start and the cue ("再出口(18.4亿元)减少17.8%", "出口20亿元增长5%")."""
    for text, want in [("全市出口20亿元增长5%。", ["增长5%"]), ("再出口(18.4亿元)减少17.8%,本地产品出口(2.9亿元)增加3.7%。", ["减少17.8%", "增加3.7%"]),
                       ("其中出口20亿元、进口30亿元，分别增长5%和6%。", ["增长5%", "6%"])]:
        doc = zhextract.extract(text)
        assert [text[c.start:c.end] for f in doc.figures for c in f.comparisons] == want


def test_no_comparison_span_starts_inside_a_number_on_real_text():
    import sys
    sys.path.insert(0, str(Path(__file__).parent))
    from invariants import offset_errors
    bad = []
    for path in sorted((ROOT / "corpus" / "real").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        bad += [f"{path.name}: {e}" for e in offset_errors(zhextract.extract(text), text) if "span" in e]
    assert not bad, bad[:5]
