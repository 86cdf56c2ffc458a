"""Benchmark: `batch` (extract + check + store) with 1 worker process and with N, on the same files.
Prints seconds, documents/s, characters/s and the scaling N-job / 1-job; asserts nothing (issue 13's
goal: at least 0.8×N on N dedicated cores). Needs the [batch] extra.

    python bench/batch_scaling.py [--jobs N] [--repeat R] [INPUT…]   (default: corpus/*.txt corpus/heldout/*.txt)
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def one_run(paths: list[str], jobs: int) -> float:
    from zhextract.batch.run import run_local
    from zhextract.batch.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.duckdb"))
        try:
            summary = run_local(paths, store, jobs=jobs, progress=False, total=len(paths))
        finally:
            store.close()
    assert summary.done + summary.bad_input + summary.internal_error + summary.duplicates == len(paths)
    return summary.seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="*")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--repeat", type=int, default=1, help="runs per setting; the fastest is kept")
    ns = ap.parse_args()
    from zhextract.batch.inputs import expand

    paths = expand(ns.inputs or [str(ROOT / "corpus" / "*.txt"), str(ROOT / "corpus" / "heldout" / "*.txt")])
    chars = sum(len(Path(p).read_text(encoding="utf-8", errors="replace")) for p in paths)
    print(f"{len(paths)} documents, {chars:,} characters, {os.cpu_count()} cores")
    times = {}
    for jobs in sorted({1, ns.jobs}):
        times[jobs] = min(one_run(paths, jobs) for _ in range(ns.repeat))
        t = times[jobs]
        print(f"jobs {jobs}: {t:.1f} s, {len(paths) / t:.2f} documents/s, {chars / t:,.0f} characters/s")
    if ns.jobs > 1:
        print(f"scaling: {times[1] / times[ns.jobs]:.2f}x with {ns.jobs} jobs "
              f"({times[1] / times[ns.jobs] / ns.jobs:.2f} of linear; goal 0.8 on dedicated cores)")


if __name__ == "__main__":
    main()
