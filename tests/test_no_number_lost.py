"""No input is silently lost: every digit and Chinese numeral is a quantity, a skipped number with
its reason, or inside a table."""
from __future__ import annotations

from pathlib import Path

import pytest

import zhextract

ROOT = Path(__file__).resolve().parent.parent
NUMERAL = set("0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千")


@pytest.mark.parametrize("path", sorted((ROOT / "corpus").glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_numeral_is_accounted_for(path: Path):
    doc = zhextract.extract(path)
    covered = bytearray(len(doc.text))
    spans = [(q.start, q.end) for q in doc.quantities] + [(k.start, k.end) for k in doc.skipped] \
        + [(t.start, t.end) for t in doc.tables]
    for s, e in spans:
        covered[s:e] = b"\x01" * (e - s)
    lost = [(i, doc.text[max(0, i - 8):i + 8]) for i, ch in enumerate(doc.text) if ch in NUMERAL and not covered[i]]
    assert not lost, lost[:10]


def test_skipped_reasons_are_explained():
    doc = zhextract.extract("2020年,晋商开[2023]180号文件要求开展“三个一批”活动,第三次会议,一是抓项目。")
    reasons = {k.text: k.reason for k in doc.skipped}
    assert reasons["2020年"] == "date"
    assert reasons["晋商开[2023]180号"] == "document_number"
    assert reasons["“三个一批”"] == "name"
    assert reasons["第三次"] == "ordinal"
    assert reasons["一是"] == "heading"
