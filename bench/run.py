"""Benchmark: warm throughput (characters/second, one core) on the corpus, cold start of the CLI,
and peak memory. Prints figures; it asserts nothing (goals: >= 1,000,000 chars/s warm, <= 0.5 s cold).

    python bench/run.py [--repeat N]
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def warm_throughput(texts: list[str], repeat: int, check: bool) -> tuple[float, float]:
    import zhextract
    from zhextract.load import Source
    from zhextract.pipeline import extract_source

    run = (lambda t: zhextract.check(t)) if check else (lambda t: extract_source(Source(t, "str", "<bench>")))
    for t in texts:  # warm-up: patterns compiled, lexicons loaded
        run(t)
    chars = sum(len(t) for t in texts)
    rates = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            run(t)
        rates.append(chars / (time.perf_counter() - t0))
    return statistics.median(rates), chars


def stage_times(texts: list[str], repeat: int) -> dict[str, float]:
    """Seconds per pass over the corpus for each stage of ``extract_source`` (its records included):
    where the time goes, and what the stages around figure building cost on their own."""
    from zhextract.figures.build import build_figures
    from zhextract.load import Source
    from zhextract.pipeline import extract_source
    from zhextract.quantities.scan import scan
    from zhextract.repair import repair
    from zhextract.segment import segment
    from zhextract.tables import parse_tables

    total: dict[str, float] = {}

    def timed(name: str, f, *args):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        out = f(*args)
        total[name] = total.get(name, 0.0) + time.perf_counter() - t0
        return out

    for _ in range(repeat):
        for t in texts:
            rep = timed("repair", repair, t)
            seg = timed("segment", segment, rep.text)
            raw_q, _ = timed("scan", scan, rep.text, seg.tables)
            timed("figures", build_figures, rep.text, seg, raw_q)
            timed("tables", parse_tables, rep, seg.tables)
            timed("whole extract", extract_source, Source(t, "str", "<bench>"))
    stages = {k: v / repeat for k, v in total.items()}
    parts = sum(v for k, v in stages.items() if k != "whole extract")
    stages["records (the rest)"] = max(0.0, stages["whole extract"] - parts)
    return stages


def cold_start(path: Path, runs: int) -> float:
    times = []
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="0")
    for _ in range(runs + 1):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "zhextract", str(path)], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times[1:])  # the first run writes the bytecode cache


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    rate, chars = warm_throughput(texts, args.repeat, check=False)
    print(f"corpus: {len(texts)} bulletins, {chars} characters")
    print(f"extract warm throughput: {rate:,.0f} characters/s (goal >= 1,000,000)")
    stages = stage_times(texts, max(3, args.repeat // 2))
    whole = stages.pop("whole extract")
    print(f"extract stages, per pass over the corpus ({whole * 1000:.1f} ms in all):")
    for name, secs in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<20} {secs * 1000:7.1f} ms  {100 * secs / whole:4.0f}%  ({chars / secs:>12,.0f} characters/s alone)")
    try:
        crate, _ = warm_throughput(texts, max(3, args.repeat // 4), check=True)
        print(f"check warm throughput:   {crate:,.0f} characters/s")
    except ImportError:
        pass
    biggest = max(sorted((ROOT / "corpus").glob("*.txt")), key=lambda p: p.stat().st_size)
    cold = cold_start(biggest, 5)
    print(f"cold start: python -m zhextract {biggest.name} ({biggest.stat().st_size / 1024:.1f} KB): "
          f"{cold:.3f} s (goal <= 0.5 s)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (this process): {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
