"""The gold files are valid: spans match the text, each quantity belongs to exactly one figure."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from evaluation import corpus_pairs, load_gold

ROOT = Path(__file__).resolve().parent.parent
KINDS = {"amount", "count", "percent", "pp", "rank", "ratio", "multiple", "duration"}


@pytest.mark.parametrize("txt,gold", corpus_pairs(ROOT / "corpus"), ids=lambda p: p.name[:3])
def test_gold_is_consistent(txt: Path, gold: Path):
    text = txt.read_bytes().decode("utf-8-sig")
    g = load_gold(gold)
    spans = []
    for q in g["quantities"]:
        assert text[q["start"]:q["end"]] == q["text"], q
        assert q["kind"] in KINDS, q
        Decimal(q["value"])
        spans.append((q["start"], q["end"]))
    assert spans == sorted(spans)
    for a, b in zip(spans, spans[1:]):
        assert a[1] <= b[0], (a, b)
    refs: Counter = Counter()
    for f in g["figures"]:
        if f.get("value"):
            refs[tuple(f["value"])] += 1
        for c in f.get("comparisons", []):
            refs[tuple(c["quantity"])] += 1
            if c.get("target"):
                refs[tuple(c["target"])] += 1
        for c in f.get("conditions", []):
            refs[tuple(c)] += 1
    for s in spans:
        assert refs[s] == 1, f"quantity {s} {text[s[0]:s[1]]!r} referenced {refs[s]} times"
