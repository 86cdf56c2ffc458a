"""Linear time on adversarial shapes (issue 14), benchmark-style: a run of 20,000 pieces of each shape
must take at most 20x the time of a run of 2,000 (10x is linear; a quadratic loop gives 100x).

It prints the ratios (pytest -s). Times are process times, the best of a few runs, so a loaded
machine does not fail it; the shapes are in bench/adversarial.py, which prints the same figures.
"""
from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

import zhextract

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from adversarial import SHAPES, shape  # noqa: E402

SMALL, LARGE, BOUND = 2_000, 20_000, 20.0


def _best(run, text: str, repeat: int) -> float:  # noqa: ANN001 - extract or check
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        run(text)
        best = min(best, time.process_time() - t0)
    return best


@pytest.mark.parametrize("mode", ["extract", "check"])
@pytest.mark.parametrize("name", sorted(SHAPES))
def test_runs_of_one_shape_take_linear_time(name: str, mode: str):
    run = zhextract.check if mode == "check" else zhextract.extract
    small, large = shape(name, SMALL), shape(name, LARGE)
    run("完成投资1亿元。")  # warm: patterns compiled, lexicons loaded
    floor = 0.02  # below this the small run is timer noise: the bound is taken on this much
    for attempt in range(3):  # a slow run on a loaded machine gets two more chances, each a best of more runs
        t_small = _best(run, small, 3 + attempt)
        t_large = _best(run, large, 1 + attempt)
        ratio = t_large / max(t_small, floor)
        if ratio <= BOUND:
            break
    print(f"\n{name:20} {mode:8} {SMALL}: {t_small:.3f}s  {LARGE}: {t_large:.3f}s  ratio {ratio:.1f}")
    assert ratio <= BOUND, f"{name} {mode}: {LARGE} pieces take {ratio:.1f}x the time of {SMALL}"


def test_a_pattern_that_times_out_gives_a_skipped_entry(monkeypatch):
    """The regex timeout is the last guard: a skip rule that runs past its budget leaves its line as a
    skipped entry with the reason "timeout", and nothing is lost or raised."""
    import regex

    from invariants import lost_numerals, offset_errors
    from zhextract.quantities import scan

    g = scan.grammar()
    slow = scan._SkipRule("slow", "name", regex.compile(r"(?:\d|\d\d)+(?:\d|\d\d)+[×x]"))
    monkeypatch.setattr(scan, "grammar", lambda: replace(g, skips=(slow, *g.skips)))
    monkeypatch.setattr(scan, "TIMEOUT_BASE", 0.0)
    monkeypatch.setattr(scan, "TIMEOUT_PER_CHAR", 1e-9)
    text = "全市完成投资12亿元。\n" + "9" * 3000 + "\n增长5%。"
    doc = zhextract.extract(text)
    assert not offset_errors(doc, text) and not lost_numerals(doc)
    assert any(k.reason == "timeout" for k in doc.skipped), [(k.reason, k.text[:20]) for k in doc.skipped]
