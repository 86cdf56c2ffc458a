"""A corpus run on this machine: ``process`` in worker processes, rows committed to a store a
batch of documents at a time, a progress bar on stderr and a summary at the end."""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from dataclasses import dataclass, field
from time import perf_counter
from typing import Iterable, Iterator, Optional, TextIO

from .rows import BAD_INPUT, INTERNAL_ERROR, OK, STORED, DocResult, process
from .store import Store


@dataclass
class Summary:
    """What a run did; ``failed`` lists (path, error) of the documents that failed."""
    target: str
    documents: int = 0  # inputs seen
    done: int = 0
    stored: int = 0  # already in the store (same content), skipped
    duplicates: int = 0  # same content as another input of this run
    bad_input: int = 0
    internal_error: int = 0
    figures: int = 0
    findings: int = 0
    mismatches: int = 0
    seconds: float = 0.0
    jobs: int = 1
    interrupted: bool = False
    failed: list[tuple[str, str]] = field(default_factory=list)

    def add(self, r: DocResult) -> None:
        self.documents += 1
        if r.status == STORED:
            self.stored += 1
            return
        if r.status == OK:
            self.done += 1
            row = r.rows["documents"][0]
            self.figures += row["figures"]
            self.findings += row["findings"]
            self.mismatches += row["mismatches"]
        else:
            setattr(self, r.status, getattr(self, r.status) + 1)
            self.failed.append((r.path, r.rows["documents"][0]["error"]))

    @property
    def exit_code(self) -> int:
        """0 every document done (or stored), 3 an internal error in one, else 2 a file could not be read.
        Mismatches are data here (the findings table), not an exit code."""
        if self.internal_error:
            return 3
        return 2 if self.bad_input else 0

    def render(self) -> str:
        rate = f", {self.done / self.seconds:.1f} documents/s" if self.seconds and self.done else ""
        lines = [f"batch: {self.documents} documents in {self.seconds:.1f} s ({self.jobs} jobs{rate}) -> {self.target}",
                 f"  done {self.done}, already stored {self.stored}, duplicates {self.duplicates}, "
                 f"failed {self.bad_input + self.internal_error} (bad input {self.bad_input}, "
                 f"internal error {self.internal_error})",
                 f"  {self.figures} figures, {self.findings} findings, {self.mismatches} mismatches"]
        lines += [f"  failed: {error if path in error else f'{path}: {error}'}" for path, error in self.failed[:20]]
        if len(self.failed) > 20:
            lines.append(f"  … and {len(self.failed) - 20} more (documents table, status <> 'ok')")
        if self.interrupted:
            lines.append("  interrupted: what is committed stays; run the same command again to resume")
        return "\n".join(lines)


class Committer:
    """Collects results and commits them a batch at a time; a second copy of the same content in
    one run is counted, not stored twice."""

    def __init__(self, store: Store, summary: Summary, *, replace: bool, every: int) -> None:
        self.store, self.summary, self.replace, self.every = store, summary, replace, max(1, every)
        self.pending: list[DocResult] = []
        self.seen: set[str] = set()

    def add(self, r: DocResult) -> None:
        if r.status != STORED and r.doc_id in self.seen:
            self.summary.documents += 1
            self.summary.duplicates += 1
            return
        self.seen.add(r.doc_id)
        self.summary.add(r)
        if r.status != STORED:
            self.pending.append(r)
        if len(self.pending) >= self.every:
            self.flush()

    def flush(self) -> None:
        self.store.write(self.pending, replace=self.replace)
        self.pending = []


_KNOWN: frozenset[str] = frozenset()


def _init_worker(known: frozenset[str]) -> None:
    global _KNOWN
    _KNOWN = known
    # Ctrl-C is the parent's to handle (it commits what is done and stops the pool): no traceback per worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _work(path: str) -> DocResult:
    return process(path, _KNOWN)


def run_local(paths: Iterable[str], store: Store, *, jobs: Optional[int] = None, force: bool = False,
              commit_every: int = 20, progress: Optional[bool] = None, total: Optional[int] = None,
              err: TextIO = sys.stderr) -> Summary:
    """Process every path with ``jobs`` worker processes (default: all cores; 1 runs in this process)."""
    jobs = jobs or os.cpu_count() or 1
    if total is not None:
        jobs = max(1, min(jobs, total))  # no idle workers to start
    summary = Summary(target=store.target, jobs=jobs)
    known = frozenset() if force else frozenset(store.known())
    commit = Committer(store, summary, replace=force, every=commit_every)
    t0 = perf_counter()
    bar = _bar(total, progress, err)
    pool = None
    try:
        if jobs == 1:
            results: Iterator[DocResult] = (process(p, known) for p in paths)
        else:
            # forkserver: workers are forked from a clean process (not from this one, which holds a DuckDB
            # connection) that has imported zhextract and compiled its patterns once (batch/warm.py)
            if sys.platform.startswith("linux"):
                ctx = multiprocessing.get_context("forkserver")
                ctx.set_forkserver_preload(["zhextract.batch.warm"])
            else:
                ctx = multiprocessing.get_context("spawn")
            pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(known,))
            results = pool.imap_unordered(_work, paths, chunksize=1)
        for r in results:
            commit.add(r)
            if bar is not None:
                bar.update(1)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        if pool is not None:
            pool.terminate() if summary.interrupted else pool.close()
            pool.join()
        if bar is not None:
            bar.close()
        commit.flush()  # what finished is kept, interrupted or not
        summary.seconds = perf_counter() - t0
    return summary


def _bar(total: Optional[int], progress: Optional[bool], err: TextIO):  # noqa: ANN202 - a tqdm bar or None
    if progress is False:
        return None
    from tqdm import tqdm

    # progress None: only when stderr is a terminal (tqdm's disable=None)
    return tqdm(total=total, unit="doc", file=err, disable=None if progress is None else False, dynamic_ncols=True)
