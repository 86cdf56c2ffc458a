"""``python -m zhextract batch``: its own arguments and help, like every subcommand of a tool."""
from __future__ import annotations

import argparse
import sys
from typing import Sequence

from ..cli.args import Parser
from ..errors import ZhextractError

USAGE = """\
python -m zhextract batch INPUT… --out results.duckdb [--jobs N] [--force]
python -m zhextract batch INPUT… --out results/ [--dask local|tcp://scheduler:8786]

INPUT: files, folders (walked for .txt .md .pdf .docx .xlsx …), globs ("corpus/**/*.txt"),
@list.txt (one path a line), or - (paths on standard input).
--out: *.duckdb / *.db for DuckDB; anything else is a folder of Parquet tables (<table>/part-*.parquet).

exit codes: 0 every document done or already stored, 2 bad input (a file that could not be read is
recorded in the documents table and the run goes on), 3 internal error (likewise recorded)"""


def _parser() -> argparse.ArgumentParser:
    p = Parser(prog="python -m zhextract batch", usage=USAGE,
                description="Extract and check many files into DuckDB or Parquet tables.")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--out", required=True, help="results.duckdb, or a folder (x.parquet) of Parquet tables")
    p.add_argument("--jobs", "-j", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--force", action="store_true", help="redo documents already stored")
    p.add_argument("--commit-every", type=int, default=20, metavar="N",
                   help="documents per commit (an interrupted run keeps every commit; default 20)")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="run on Dask: 'local' (a LocalCluster of --jobs workers) or a scheduler address")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    return p


def main(argv: Sequence[str]) -> int:
    try:
        ns = _parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if ns.jobs is not None and ns.jobs < 1:
        print("zhextract batch: error: --jobs must be at least 1", file=sys.stderr)
        return 2
    try:
        from .inputs import expand
        from .store import open_store

        paths = expand(ns.inputs)
        store = open_store(ns.out)
        try:
            progress = False if ns.no_progress else None
            if ns.dask:
                from .distributed import run_dask

                summary = run_dask(paths, store, address=ns.dask, workers=ns.jobs, force=ns.force,
                                   commit_every=ns.commit_every, progress=progress)
            else:
                from .run import run_local

                summary = run_local(paths, store, jobs=ns.jobs, force=ns.force, commit_every=ns.commit_every,
                                    progress=progress, total=len(paths))
        finally:
            store.close()
    except ZhextractError as exc:
        print(f"zhextract batch: {exc}", file=sys.stderr)
        return exc.exit_code
    except ModuleNotFoundError as exc:
        extra = "dask" if ns.dask else "batch"
        print(f"zhextract batch: batch runs need the [{extra}] extra ({exc.name} is not installed): "
              f"pip install 'zhextract[{extra}]'", file=sys.stderr)
        return 2
    except (Exception, MemoryError) as exc:  # noqa: BLE001 - one line, never a traceback (exit 3)
        print(f"zhextract batch: internal error ({type(exc).__name__}: {exc}); please report it", file=sys.stderr)
        return 3
    print(summary.render(), file=sys.stderr)
    return 130 if summary.interrupted else summary.exit_code

