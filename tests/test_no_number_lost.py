"""No input is silently lost: every digit and Chinese numeral is a quantity, a skipped number with
its reason, or inside a table."""
from __future__ import annotations

from pathlib import Path

import pytest

import zhextract
from invariants import lost_numerals

ROOT = Path(__file__).resolve().parent.parent


# The seeds, the held-out bulletins and the real published passages (traditional script included).
_TEXTS = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus" / "heldout").glob("*.txt")) \
    + sorted((ROOT / "corpus" / "real").glob("*.txt"))


@pytest.mark.parametrize("path", _TEXTS, ids=lambda p: p.stem[:24])
def test_every_numeral_is_accounted_for(path: Path):
    lost = lost_numerals(zhextract.extract(path))
    assert not lost, lost[:10]


def test_skipped_reasons_are_explained():
    doc = zhextract.extract("2020年,晋商开[2023]180号文件要求开展“三个一批”活动,第三次会议,一是抓项目。")
    reasons = {k.text: k.reason for k in doc.skipped}
    assert reasons["2020年"] == "date"
    assert reasons["晋商开[2023]180号"] == "document_number"
    assert reasons["“三个一批”"] == "name"
    assert reasons["第三次"] == "ordinal"
    assert reasons["一是"] == "heading"
