"""Check time on real bulletins: each document apart, and all of them as one long document, for this
checkout and (optionally) another one such as the base commit, in one run on the same machine.

    git worktree add /tmp/base <commit>
    python bench/check_linear.py [--base /tmp/base] [--copies 2]

Prints characters per second both ways and their ratio (one long document / separate documents; 1.0
is linear). It asserts nothing.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_RUN = r"""
import glob, sys, time
sys.path.insert(0, sys.argv[1])
import zhextract
texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(sys.argv[2] + "/*.txt"))]
copies = int(sys.argv[3])
big = "\n\n".join(texts) * copies
for t in texts[:5]:
    zhextract.check(t)
t0 = time.perf_counter()
for _ in range(copies):
    for t in texts:
        zhextract.check(t)
sep = time.perf_counter() - t0
t0 = time.perf_counter()
zhextract.check(big)
one = time.perf_counter() - t0
print(f"{len(big)} {sep:.3f} {one:.3f}")
"""


def measure(checkout: Path, corpus: Path, copies: int) -> tuple[int, float, float]:
    out = subprocess.run([sys.executable, "-c", _RUN, str(checkout), str(corpus), str(copies)],
                         capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), float(out[1]), float(out[2])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, help="another checkout to time the same way (the base commit)")
    ap.add_argument("--copies", type=int, default=2, help="how many times the corpus is repeated")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus" / "real")
    ns = ap.parse_args()
    rows = [("this checkout", ROOT)] + ([("base", ns.base)] if ns.base else [])
    results = []
    for name, path in rows:
        chars, sep, one = measure(path, ns.corpus, ns.copies)
        results.append((name, sep, one))
        print(f"{name:14} {chars:,} chars: separate {sep:.2f} s ({chars / sep:,.0f} c/s), "
              f"one document {one:.2f} s ({chars / one:,.0f} c/s), ratio {one / sep:.2f}")
    if len(results) == 2:
        (_, s1, o1), (_, s0, o0) = results
        print(f"this / base: separate {s1 / s0:.2f}x the time, one document {o1 / o0:.2f}x the time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
