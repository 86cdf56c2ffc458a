"""Command line: ``python -m zhextract FILE`` prints JSON; ``python -m zhextract check FILE`` a report."""
from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path
from typing import NoReturn, Sequence

from .errors import ZhextractError
from .limits import Limits, default_limits

USAGE = """\
python -m zhextract FILE                 extract figures, print JSON
python -m zhextract --csv FILE [FILE…]   one row per figure, for datasets
python -m zhextract check FILE [--json]  reconcile figures and tables, print a report
python -m zhextract --schema             print the JSON Schema of the output

exit codes: 0 done (check: no mismatch), 1 check found mismatches, 2 bad input, 3 internal error
limits: --limit NAME=N (repeatable) or ZHEXTRACT_LIMITS="NAME=N,…"; names in the README"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """Usage errors in one line, like every other error (argparse prints the whole usage first)."""
        self.exit(2, f"zhextract: error: {message} (python -m zhextract --help for usage)\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m zhextract", usage=USAGE,
                description="Extract and check the figures of Chinese official bulletins.")
    p.add_argument("args", nargs="*", help="FILE, or: check FILE")
    p.add_argument("--schema", action="store_true", help="print the JSON Schema of the output and exit")
    p.add_argument("--json", action="store_true", help="with check: machine-readable findings")
    p.add_argument("--tables", action="append", default=[], metavar="XLSX",
                   help="with check: appendix workbook(s) to reconcile against (repeatable)")
    p.add_argument("--indent", type=int, default=1, help="JSON indentation (default 1)")
    p.add_argument("--csv", action="store_true", help="one CSV row per figure; several FILEs allowed")
    p.add_argument("--limit", action="append", default=[], metavar="NAME=N",
                   help="raise or lower a limit on the input (input_bytes, text_chars, line_chars, zip_bytes, "
                        "zip_entries, xml_bytes, table_cells, grid_span, pdf_pages); repeatable")
    p.add_argument("--debug", action="store_true", help="on an internal error, print the whole traceback")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        ns = parser.parse_intermixed_args(argv)  # "check --json FILE" as well as "check FILE --json"
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    out = sys.stdout
    try:
        if ns.schema:
            from .models import Document

            json.dump(Document.model_json_schema(mode="serialization"), out, ensure_ascii=False, indent=1)
            out.write("\n")
            return 0
        limits = default_limits().updated(",".join(ns.limit))
        args = list(ns.args)
        if not args:
            parser.print_usage(sys.stderr)
            print("zhextract: error: no input file given", file=sys.stderr)
            return 2
        if args[0] == "check":
            if len(args) != 2:
                print("zhextract: error: check takes exactly one FILE", file=sys.stderr)
                return 2
            from . import check
            from .report import render_report

            doc = check(Path(args[1]), tables=[Path(t) for t in ns.tables] or None, limits=limits)
            if ns.json:
                out.write(doc.model_dump_json(indent=ns.indent, include={"source", "encoding", "format", "summary", "relations", "findings", "unchecked", "figures", "tables"}))
                out.write("\n")
            else:
                out.write(render_report(doc))
            return 1 if doc.summary and doc.summary.mismatch else 0
        from . import extract

        if ns.csv:
            return _csv(args, out, limits)
        if len(args) != 1:
            print("zhextract: error: give one FILE (or: check FILE; or --csv FILE…)", file=sys.stderr)
            return 2

        doc = extract(Path(args[0]), limits=limits)
        out.write(doc.model_dump_json(indent=ns.indent, include={"source", "encoding", "format", "sections", "quantities",
                                                                 "figures", "skipped", "tables", "anchors"}))
        out.write("\n")
        return 0
    except ZhextractError as exc:
        print(f"zhextract: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except (Exception, MemoryError) as exc:  # noqa: BLE001 - the command line's last word: reported, never hidden
        # a defect of zhextract, not of the input: one line, and never exit 1, which means "mismatches"
        if ns.debug:
            traceback.print_exc(file=sys.stderr)
        message = " ".join(str(exc).split())[:300]
        print(f"zhextract: internal error ({type(exc).__name__}: {message}); please report it with the input"
              + ("" if ns.debug else " (rerun with --debug for the traceback)"), file=sys.stderr)
        return 3


def _csv(paths: list[str], out, limits: Limits) -> int:  # noqa: ANN001 - a text stream
    """Every file that can be read is written; each one that cannot is named on stderr (exit 2)."""
    from . import extract
    from .export import to_csv

    docs, failed = [], 0
    for p in paths:
        try:
            docs.append(extract(Path(p), limits=limits))
        except ZhextractError as exc:
            print(f"zhextract: {exc}", file=sys.stderr)
            failed += 1
    out.write(to_csv(docs))
    return 2 if failed else 0
