"""Checks on real published bulletins (corpus/real): no unexplained mismatch, planted errors caught.

Every document is its own case: a mismatch on an unmodified real bulletin is a false alarm unless
the hand-written findings say that relation fails in the source. Every planted single-digit error is
its own case too: the ones not caught yet are listed in corpus/real/known_misses.json and marked
xfail(strict=True), so a fix that starts catching one fails here until the list is updated, and a
regression on one already caught fails at once.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "corpus" / "real"
sys.path.insert(0, str(ROOT / "tools"))

import real_eval  # noqa: E402  (tools/real_eval.py: the scorer the README's figures come from)

DOCS = sorted(REAL.glob("*.txt"))
MISSES = set(json.loads((REAL / "known_misses.json").read_text(encoding="utf-8"))["missed"])


def _planted() -> list:
    out = []
    for txt in DOCS:
        path = txt.with_name(txt.name[:-4] + ".planted.json")
        if not path.exists():
            continue
        for p in json.loads(path.read_text(encoding="utf-8"))["planted"]:
            key = f"{txt.name[:-4]}@{p['start']}"
            marks = [pytest.mark.xfail(strict=True, reason="known miss (corpus/real/known_misses.json)")] \
                if key in MISSES else []
            out.append(pytest.param(txt, p, id=key, marks=marks))
    return out


def test_corpus_is_large_and_varied() -> None:
    metas = [json.loads(p.read_text(encoding="utf-8")) for p in REAL.glob("*.meta.json")]
    assert len(DOCS) >= 40 and len(metas) == len(DOCS)
    assert len({m["province"] for m in metas}) >= 15
    assert {m["script"] for m in metas} == {"simplified", "traditional"}
    assert len({m["genre"] for m in metas}) >= 8


@pytest.mark.parametrize("txt", DOCS, ids=[p.name[:-4] for p in DOCS])
def test_no_unexplained_mismatch(txt: Path) -> None:
    res = real_eval.evaluate(txt, planted=False)
    assert res.error is None, res.error
    assert not res.false_mismatches, res.false_mismatches


@pytest.mark.parametrize("txt,planted", _planted())
def test_planted_error_is_caught(txt: Path, planted: dict) -> None:
    text = txt.read_text(encoding="utf-8-sig")
    assert real_eval.caught(text, txt.name, planted) == "mismatch"


def test_known_misses_are_planted_errors() -> None:
    """The list of known misses names real planted errors (a stale entry would hide nothing)."""
    keys = {f"{t.name[:-4]}@{p['start']}" for t in DOCS
            for p in json.loads(t.with_name(t.name[:-4] + ".planted.json").read_text(encoding="utf-8"))["planted"]}
    assert MISSES <= keys, sorted(MISSES - keys)
