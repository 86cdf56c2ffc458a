"""Benchmark: this checkout against another one (the base commit) in one run on the same machine.

    git worktree add /tmp/base <commit>
    python bench/run.py --base /tmp/base [--rounds 5] [--long-rounds 1]

Each measurement runs in its own fresh interpreter, the two checkouts alternating round by round
(the order flips every round), so a machine's load falls on both alike. Figures are CPU time per
character of that process (one core; the pipeline runs no threads), the median over the rounds:

- extract and check over every corpus file (corpus/*.txt, heldout, real), after one warm-up pass;
- the long document: the real bulletins joined into one document of at least 1 MB, against the same
  texts as separate documents (cost per character, one document / separate; 1.0 is linear);
- cold start: wall time of ``python -m zhextract`` on the largest bulletin, median of several runs, as
  installed (the modules' bytecode cached by the first, untimed run, in a temporary folder) and as the
  environment runs it (where PYTHONDONTWRITEBYTECODE is set, the package is compiled from source each time).

It prints figures and ratios and asserts nothing (the goals are in the README's Speed section).
Without ``--base`` only this checkout is measured. ``--stages`` adds where extract's time goes.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ("corpus/*.txt", "corpus/heldout/*.txt", "corpus/real/*.txt")
LONG_BYTES = 1_000_000

# One measurement in a fresh interpreter: argv = checkout, mode, passes, files (JSON on stdin).
_WORKER = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
import zhextract
mode, passes = sys.argv[2], int(sys.argv[3])
texts = [open(p, encoding="utf-8").read() for p in json.load(sys.stdin)]
if mode in ("extract", "check"):
    run = zhextract.check if mode == "check" else zhextract.extract
    for t in texts:  # warm-up: patterns compiled, lexicons loaded
        run(t)
    t0 = time.process_time()
    for _ in range(passes):
        for t in texts:
            run(t)
    print(json.dumps({"chars": passes * sum(map(len, texts)), "cpu": time.process_time() - t0}))
else:  # long-extract / long-check: one document of >= LONG bytes against its texts apart
    run = zhextract.check if mode == "long-check" else zhextract.extract
    joined = "\n\n".join(texts)
    copies = -(-int(sys.argv[4]) // len(joined.encode("utf-8")))
    big = "\n\n".join([joined] * copies)
    for t in texts:
        run(t)
    t0 = time.process_time()
    for t in texts:
        run(t)
    sep = time.process_time() - t0
    t0 = time.process_time()
    run(big)
    one = time.process_time() - t0
    print(json.dumps({"sep_chars": sum(map(len, texts)), "sep": sep, "chars": len(big), "one": one}))
"""


def files(globs: tuple[str, ...]) -> list[str]:
    return [str(p) for g in globs for p in sorted(ROOT.glob(g))]


def measure(checkout: Path, mode: str, paths: list[str], passes: int = 1) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", _WORKER, str(checkout.resolve()), mode, str(passes), str(LONG_BYTES)],
                         input=json.dumps(paths), capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def cold_start(checkout: Path, path: str, runs: int, cached: bool = True) -> float:
    env = dict(os.environ, PYTHONPATH=str(checkout.resolve()))
    with tempfile.TemporaryDirectory() as tmp:
        if cached:  # as after pip install: bytecode written once (not into the checkout), then read
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = tmp
        return _cold_runs(checkout, path, runs, env)


def _cold_runs(checkout: Path, path: str, runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs + 1):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "zhextract", path], cwd=checkout, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times[1:])  # the first run may write the bytecode cache


def alternate(checkouts: dict[str, Path], rounds: int, task) -> dict[str, list]:  # type: ignore[no-untyped-def]
    """``task(checkout)`` for every checkout, ``rounds`` times, the order flipping each round."""
    names = list(checkouts)
    got: dict[str, list] = {n: [] for n in names}
    for r in range(rounds):
        for n in (names if r % 2 == 0 else names[::-1]):
            got[n].append(task(checkouts[n]))
    return got


def stage_times(paths: list[str], repeat: int) -> dict[str, float]:
    """Seconds per pass for each stage of ``extract_source`` in this checkout (records included)."""
    sys.path.insert(0, str(ROOT))
    from zhextract.figures.build import build_figures
    from zhextract.load import Source
    from zhextract.pipeline import extract_source
    from zhextract.quantities.scan import scan
    from zhextract.repair import repair
    from zhextract.segment import segment
    from zhextract.tables import parse_tables

    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    total: dict[str, float] = {}

    def timed(name: str, f, *args):  # type: ignore[no-untyped-def]
        t0 = time.process_time()
        out = f(*args)
        total[name] = total.get(name, 0.0) + time.process_time() - t0
        return out

    for t in texts:  # warm-up
        extract_source(Source(t, "str", "<bench>"))
    for _ in range(repeat):  # the whole, then the stages, each over all texts: a text's second run in a
        for t in texts:      # row would find the small per-phrase caches warm
            timed("whole extract", extract_source, Source(t, "str", "<bench>"))
        for t in texts:
            rep = timed("repair", repair, t)
            seg = timed("segment", segment, rep.text)
            raw_q, _ = timed("scan", scan, rep.text, seg.tables)
            timed("figures", build_figures, rep.text, seg, raw_q)
            timed("tables", parse_tables, rep, seg.tables)
    stages = {k: v / repeat for k, v in total.items()}
    stages["records (the rest)"] = max(0.0, stages["whole extract"] - sum(
        v for k, v in stages.items() if k != "whole extract"))
    return stages


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, help="checkout of the base commit, timed the same way")
    ap.add_argument("--rounds", type=int, default=5, help="alternating rounds for extract, check, cold start")
    ap.add_argument("--long-rounds", type=int, default=1, help="rounds for the long document (0: skip)")
    ap.add_argument("--long-modes", default="extract,check", help="which runs the long document gets")
    ap.add_argument("--skip", default="", help="comma-separated parts to leave out: throughput, cold")
    ap.add_argument("--stages", action="store_true", help="also print where extract's time goes")
    ns = ap.parse_args()
    checkouts = {"this": ROOT} | ({"base": ns.base} if ns.base else {})
    corpus = files(CORPUS)
    chars = sum(len(Path(p).read_text(encoding="utf-8")) for p in corpus)
    print(f"corpus: {len(corpus)} files, {chars:,} characters; {ns.rounds} alternating rounds, CPU time, median")
    rate: dict[str, dict[str, float]] = {n: {} for n in checkouts}
    skip = set(ns.skip.split(","))
    for mode in () if "throughput" in skip else ("extract", "check"):
        got = alternate(checkouts, ns.rounds, lambda c: measure(c, mode, corpus))
        for n, rs in got.items():
            rate[n][mode] = statistics.median(r["chars"] / r["cpu"] for r in rs)
            print(f"  {mode:8} {n:5} {rate[n][mode]:>10,.0f} characters/s "
                  f"(rounds: {', '.join(format(r['chars'] / r['cpu'], ',.0f') for r in rs)})")
        if "base" in rate:
            print(f"  {mode:8} this / base throughput: {rate['this'][mode] / rate['base'][mode]:.2f}x")
    if ns.long_rounds:
        real = files(("corpus/real/*.txt",))
        for mode in ns.long_modes.split(","):
            got = alternate(checkouts, ns.long_rounds, lambda c: measure(c, "long-" + mode, real))
            for n, rs in got.items():
                ratio = statistics.median((r["one"] / r["chars"]) / (r["sep"] / r["sep_chars"]) for r in rs)
                r0 = rs[0]
                print(f"  long {mode:8} {n:5} {r0['chars']:,} characters: one document {r0['one']:.1f} s, "
                      f"cost per character {ratio:.2f}x the separate documents' (goal <= 1.3)")
    biggest = max(files(("corpus/*.txt",)), key=lambda p: Path(p).stat().st_size)
    for cached, how in ((True, "bytecode cached"), (False, "as the environment runs it")):
        cold = {} if "cold" in skip else alternate(checkouts, ns.rounds, lambda c: cold_start(c, biggest, 3, cached))
        for n, ts in cold.items():
            print(f"  cold start {n:5} python -m zhextract {Path(biggest).name}: {statistics.median(ts):.3f} s "
                  f"(goal <= 0.5 s; {how})")
    if ns.stages:
        stages = stage_times(corpus, 1)
        whole = stages.pop("whole extract")
        print(f"extract stages in this checkout, one pass ({whole:.2f} s CPU):")
        for name, secs in sorted(stages.items(), key=lambda kv: -kv[1]):
            print(f"  {name:<20} {secs:6.2f} s  {100 * secs / whole:4.0f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
