"""Command line: ``python -m zhextract FILE`` prints JSON; ``python -m zhextract check FILE`` a report."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn, Sequence

from .errors import InputError, ZhextractError

USAGE = """\
python -m zhextract FILE                 extract figures, print JSON
python -m zhextract --csv FILE [FILE…]   one row per figure, for datasets
python -m zhextract check FILE [--json]  reconcile figures and tables, print a report
python -m zhextract check FILE --html report.html   and write the HTML report
python -m zhextract check FILE --show mismatch,doubtful [--all]   only these statuses; --all: every finding
python -m zhextract --schema             print the JSON Schema of the output

exit codes: 0 done (check: no mismatch), 1 check found mismatches, 2 bad input, 3 internal error"""


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
    # report options (check)
    p.add_argument("--html", metavar="FILE", help="with check: also write the HTML report to FILE")
    p.add_argument("--all", "--verbose", dest="all", action="store_true",
                   help="with check: list every consistent finding (default: a count per rule)")
    p.add_argument("--show", metavar="STATUSES", type=_statuses,
                   help="with check: only these, e.g. mismatch,doubtful (also rounding, unverifiable, consistent, unchecked)")
    return p


def _statuses(value: str) -> set[str]:
    known = {"mismatch", "doubtful", "rounding", "unverifiable", "consistent", "unchecked"}
    chosen = {v.strip() for v in value.split(",") if v.strip()}
    if not chosen or chosen - known:
        raise argparse.ArgumentTypeError(f"unknown status in {value!r}; choose from {', '.join(sorted(known))}")
    return chosen


def _write_report(doc, ns: argparse.Namespace, out) -> None:  # noqa: ANN001 - a Document, a text stream
    """The readable report on stdout (coloured on a terminal unless NO_COLOR), and the HTML page if asked."""
    import os

    from .report import html, render_report

    if ns.html:
        try:
            Path(ns.html).write_text(html(doc), encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot write the HTML report: {exc.strerror or exc}", path=ns.html) from exc
        print(f"zhextract: HTML report written to {ns.html}", file=sys.stderr)
    color = out.isatty() and not os.environ.get("NO_COLOR")
    out.write(render_report(doc, all_findings=ns.all, show=ns.show, color=color))


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

            doc = check(Path(args[1]), tables=[Path(t) for t in ns.tables] or None)
            if ns.json:
                out.write(doc.model_dump_json(indent=ns.indent, include={"source", "encoding", "format", "summary", "relations", "findings", "unchecked", "figures", "tables"}))
                out.write("\n")
            else:
                _write_report(doc, ns, out)
            return 1 if doc.summary and doc.summary.mismatch else 0
        from . import extract

        if ns.csv:
            return _csv(args, out)
        if len(args) != 1:
            print("zhextract: error: give one FILE (or: check FILE; or --csv FILE…)", file=sys.stderr)
            return 2

        doc = extract(Path(args[0]))
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
        print(f"zhextract: internal error ({type(exc).__name__}: {exc}); please report it with the input",
              file=sys.stderr)
        return 3


def _csv(paths: list[str], out) -> int:  # noqa: ANN001 - a text stream
    """Every file that can be read is written; each one that cannot is named on stderr (exit 2)."""
    from . import extract
    from .export import to_csv

    docs, failed = [], 0
    for p in paths:
        try:
            docs.append(extract(Path(p)))
        except ZhextractError as exc:
            print(f"zhextract: {exc}", file=sys.stderr)
            failed += 1
    out.write(to_csv(docs))
    return 2 if failed else 0
