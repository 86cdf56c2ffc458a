"""Command line: ``python -m zhextract FILE…`` prints JSON; ``python -m zhextract check FILE…`` a report.

args.py reads the arguments, inputs.py expands them to files, run.py runs each file (with a progress
bar), output.py writes stdout and --xlsx, summary.py the summary across files on stderr.
"""
from __future__ import annotations

import json
import sys
import traceback
from typing import IO, Sequence

from ..errors import ZhextractError
from .args import USAGE, Request, UsageError, parser, request
from .inputs import expand
from .output import Writer
from .run import BAD_INPUT, INTERNAL, Progress, run_all
from .summary import render_summary

__all__ = ["main", "USAGE"]


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["batch"]:  # a subcommand with its own arguments and --help
        from ..batch.cli import main as batch_main

        return batch_main(argv[1:])
    p = parser()
    try:
        ns = p.parse_intermixed_args(argv)  # "check --json FILE" as well as "check FILE --json"
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    out = sys.stdout
    try:
        if ns.version:
            from .. import __version__

            out.write(f"zhextract {__version__}\n")
            return 0
        if ns.schema:
            from ..models import Document

            json.dump(Document.model_json_schema(mode="serialization"), out, ensure_ascii=False, indent=1)
            out.write("\n")
            return 0
        return _run(request(ns), out)
    except UsageError as exc:
        print(f"zhextract: error: {exc} (python -m zhextract --help for usage)", file=sys.stderr)
        return BAD_INPUT
    except ZhextractError as exc:  # a bad --limit or ZHEXTRACT_LIMITS: the input to the command is bad
        print(f"zhextract: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("zhextract: interrupted", file=sys.stderr)
        return 130
    except (Exception, MemoryError) as exc:  # noqa: BLE001 - the command line's last word: reported, never hidden
        # a defect of zhextract, not of the input: one line, and never exit 1, which means "mismatches"
        debug = bool(getattr(ns, "debug", False))
        if debug:
            traceback.print_exc(file=sys.stderr)
        message = " ".join(str(exc).split())[:300]
        print(f"zhextract: internal error ({type(exc).__name__}: {message}); please report it with the input"
              + ("" if debug else " (rerun with --debug for the traceback)"), file=sys.stderr)
        return INTERNAL


def _run(req: Request, out: IO[str]) -> int:
    """Every input, each file's failure named on stderr; the exit code is the worst one met."""
    inputs = expand(req.paths)
    for message in inputs.errors:
        print(f"zhextract: {message}", file=sys.stderr)
    writer = Writer(req, out, inputs.single)
    progress = Progress(len(inputs.files), req.progress, req.command)
    try:
        outcomes = list(run_all(req, inputs.files, progress, writer))
    finally:
        progress.close()
    failure = writer.close()
    if failure:
        print(failure, file=sys.stderr)
    if len(outcomes) + len(inputs.errors) > 1 or req.output == "none":
        sys.stderr.write(render_summary(req.command, outcomes, inputs.errors))
    codes = [o.code for o in outcomes] + [BAD_INPUT] * (len(inputs.errors) + bool(failure))
    return max(codes, default=BAD_INPUT)
