"""Adversarial shapes (issue 14): runs of one short piece that once made extract or check super-linear.

    python bench/adversarial.py [--sizes 2000 20000] [--check] [--shape NAME ...] [--timeout 120]

Each shape at each size runs in a fresh process (so one slow case cannot hide another) and prints
the process time of extract (and check with --check) and the ratio between the sizes (10x more input
should take about 10x the time). tests/test_linear.py asserts the bound on the same shapes.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# name -> (repeated piece, tail): the input is piece * n + tail
SHAPES: dict[str, tuple[str, str]] = {
    "spaces": (" ", "1"),
    "ideographic_spaces": ("\u3000", "1"),
    "qizhong": ("其中", "1"),
    "digits": ("9", ""),
    "yi": ("一", ""),
    "list_number": ("1、", ""),
    "percent_list": ("12.5%、", ""),
    "growth_list": ("增长1%，", ""),
    "pipe": ("|1", ""),
    "tab": ("\t1", ""),
    "full_stop": ("。", "1"),
    "open_brackets": ("（", "1"),
    "brackets": ("（1）", ""),
    "parens": ("(", "1亿元"),
    # found by tools/fuzz.py: region words before a zone type, overlapping list cues before a number
    "region_words": ("全市", "据开发区"),
    "list_cues": ("分别为", "1"),
    # found by tools/fuzz.py in session 9: list cues each followed by members (every list held the rest)
    "listed_members": ("依次为1个百分点", ""),
}


def shape(name: str, n: int) -> str:
    """``n`` repetitions of the shape's piece (plus its tail)."""
    piece, tail = SHAPES[name]
    return piece * n + tail


_RUN = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[1] + "/bench")
import zhextract
from adversarial import shape
text = shape(sys.argv[2], int(sys.argv[3]))
run = zhextract.check if sys.argv[4] == "check" else zhextract.extract
run("warm up 1亿元。")
t0 = time.process_time()
run(text)
print(f"{time.process_time() - t0:.3f}")
"""


def measure(name: str, n: int, mode: str, timeout: float) -> float | None:
    try:
        r = subprocess.run([sys.executable, "-c", _RUN, str(ROOT), name, str(n), mode], capture_output=True,
                           text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if r.returncode:
        raise RuntimeError(f"{name} x{n} {mode}: {r.stderr.strip().splitlines()[-1:]}")
    return float(r.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs=2, default=[2000, 20000])
    ap.add_argument("--check", action="store_true", help="time check as well as extract")
    ap.add_argument("--shape", nargs="*", default=sorted(SHAPES))
    ap.add_argument("--timeout", type=float, default=120)
    a = ap.parse_args()
    small, large = a.sizes
    modes = ["extract", "check"] if a.check else ["extract"]
    print(f"{'shape':20} {'mode':8} {small:>9} {large:>9}  ratio")
    for name in a.shape:
        for mode in modes:
            t = [measure(name, n, mode, a.timeout) for n in (small, large)]
            ratio = f"{t[1] / max(t[0], 1e-3):.1f}" if None not in t else "-"
            cells = [f"{x:9.2f}" if x is not None else f"{'>' + str(int(a.timeout)):>9}" for x in t]
            print(f"{name:20} {mode:8} {cells[0]} {cells[1]}  {ratio}", flush=True)


if __name__ == "__main__":
    main()
