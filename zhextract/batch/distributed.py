"""A corpus run on a Dask cluster: the same ``rows.process`` mapped over a dask.bag of paths.

Workers read the files (so the paths must be reachable from them: the same machine or a shared
file system) and send their rows back; this process commits each partition as it completes, through
the same store as a local run, so the tables, re-runs and resumption are the same.
"""
from __future__ import annotations

import math
import os
import sys
from time import perf_counter
from typing import Any, Optional

from .rows import process
from .run import Committer, Summary, _bar
from .store import Store


def run_dask(paths: list[str], store: Store, *, address: Optional[str] = None, workers: Optional[int] = None,
             force: bool = False, commit_every: int = 20, progress: Optional[bool] = None,
             client: Any = None) -> Summary:
    """``address``: a scheduler ("tcp://host:8786"), or None / "local" for a LocalCluster of ``workers``
    single-threaded worker processes on this machine; or pass a ``dask.distributed.Client``."""
    import dask
    import dask.bag as db
    from dask.distributed import Client, LocalCluster, as_completed

    own_cluster = None
    if client is None:
        if address in (None, "local"):
            own_cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                       processes=True, dashboard_address=None)
            client = Client(own_cluster)
        else:
            client = Client(address)
    own_client = own_cluster is not None or address not in (None, "local")
    try:
        n_workers = max(1, len(client.scheduler_info()["workers"]))
        summary = Summary(target=store.target, jobs=n_workers)
        known = frozenset() if force else frozenset(store.known())
        commit = Committer(store, summary, replace=force, every=commit_every)
        t0 = perf_counter()
        bar = _bar(len(paths), progress, sys.stderr)
        if paths:
            # enough partitions to keep every worker busy, none larger than one commit
            n = min(len(paths), max(n_workers * 4, math.ceil(len(paths) / max(1, commit_every))))
            bag = db.from_sequence(paths, npartitions=n).map(process, known=dask.delayed(known, pure=True))
            try:
                for future in as_completed(client.compute(bag.to_delayed())):
                    for r in future.result():
                        commit.add(r)
                    commit.flush()  # a partition is a commit
                    if bar is not None:
                        bar.update(len(future.result()))
            except KeyboardInterrupt:
                summary.interrupted = True
            finally:
                commit.flush()
        if bar is not None:
            bar.close()
        summary.seconds = perf_counter() - t0
        return summary
    finally:
        if own_client:
            client.close()
        if own_cluster is not None:
            own_cluster.close()

