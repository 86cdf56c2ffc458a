"""Long fuzzing run (issue 14): damaged corpus inputs through extract and check, as long as one likes.

    python tools/fuzz.py --count 1000000 [--start 0] [--jobs 2] [--size 600] [--seconds N] [--out fuzz-failures]

Inputs come from tests/mutations.py with seeds start..start+count, so any input can be rebuilt from
its seed. Each is run through ``extract`` and ``check``; anything raised but zhextract's InputError is
a failure, and so is a record whose offsets do not resolve or a number lost. Failures are written to
--out (one file per seed); an input still running after 10 s is a failure too. Prints progress, the number run, failures, and the slowest inputs.
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import signal
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import zhextract  # noqa: E402
from invariants import lost_numerals, offset_errors  # noqa: E402
from mutations import damaged_input  # noqa: E402


LIMIT_S = 10  # the bound per input; an input still running then is a failure, not a hang


class _TooSlow(Exception):
    pass


def _alarm(*_: object) -> None:
    raise _TooSlow


def run_one(seed: int, size: int) -> tuple[int, float, int, str | None]:
    """(seed, seconds, input length, failure or None) for one input."""
    text, names = damaged_input(random.Random(f"fuzz-{seed}"), size=size)
    t0 = time.process_time()
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(LIMIT_S)
    try:
        doc = zhextract.check(text)
        problems = offset_errors(doc, text)[:3] + [f"lost {x}" for x in lost_numerals(doc)[:3]]
        failure = f"{names}: {problems}" if problems else None
    except zhextract.InputError:
        failure = None
    except _TooSlow:
        failure = f"{names}: still running after {LIMIT_S} s"
    except Exception:  # noqa: BLE001 - that is what fuzzing looks for
        failure = f"{names}: {traceback.format_exc(limit=4)}"
    finally:
        signal.alarm(0)
    return seed, time.process_time() - t0, len(text), failure


def _warm() -> None:
    zhextract.check("全市完成投资12亿元,增长5%。")  # patterns and lexicons load before the first timed input


def _work(args: tuple[int, int, int]) -> tuple[int, float, tuple[float, int, int], list[tuple[int, str]]]:
    start, stop, size = args
    worst, total, fails = (0.0, 0, 0), 0.0, []
    for seed in range(start, stop):
        s, t, n, failure = run_one(seed, size)
        total += t
        worst = max(worst, (t, s, n))
        if failure:
            fails.append((s, failure))
    return stop - start, total, worst, fails


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--size", type=int, default=600, help="longest corpus excerpt before mutation")
    ap.add_argument("--chunk", type=int, default=500)
    ap.add_argument("--out", type=Path, default=Path("fuzz-failures"))
    ap.add_argument("--seconds", type=float, default=float("inf"), help="stop after this much wall time")
    a = ap.parse_args()
    chunks = [(s, min(s + a.chunk, a.start + a.count), a.size) for s in range(a.start, a.start + a.count, a.chunk)]
    done, cpu, worst, failures = 0, 0.0, (0.0, 0, 0), 0
    t0 = time.time()
    with multiprocessing.Pool(a.jobs, initializer=_warm) as pool:
        for n, total, w, fails in pool.imap_unordered(_work, chunks):
            done, cpu, worst = done + n, cpu + total, max(worst, w)
            for seed, failure in fails:
                failures += 1
                a.out.mkdir(exist_ok=True)
                (a.out / f"fuzz-{seed}.txt").write_text(failure, encoding="utf-8")
            print(f"{done:,} inputs, {failures} failures, {cpu / done * 1000:.1f} ms/input (cpu), worst "
                  f"{worst[0]:.2f}s (seed fuzz-{worst[1]}, {worst[2]:,} chars), {time.time() - t0:,.0f}s wall",
                  flush=True)
            if time.time() - t0 > a.seconds:
                pool.terminate()
                print(f"stopped after {a.seconds:,.0f}s: {done:,} of {a.count:,} inputs run", flush=True)
                break


if __name__ == "__main__":
    main()
