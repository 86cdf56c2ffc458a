"""The command line's arguments: the parser, and the request they make once checked together."""
from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn, Optional

from ..limits import Limits, default_limits

USAGE = """\
python -m zhextract [extract] FILE…              extract figures, print JSON
python -m zhextract check FILE… [--json|--jsonl] reconcile figures and tables, print a report
python -m zhextract check FILE --tables X.xlsx   … against appendix tables given apart
python -m zhextract [check] FILE… --csv          CSV rows (figures; with check: findings)
python -m zhextract [check] FILE… --xlsx OUT     an Excel workbook, one sheet per record type
python -m zhextract check FILE --html report.html   … and the HTML report (--all, --show mismatch,doubtful)
python -m zhextract check DRAFT.docx --annotate OUT.docx [--annotate-all] [--highlight]
                                                 the draft back with a Word comment on each finding
python -m zhextract batch INPUT… --out results.duckdb   many files into DuckDB/Parquet (batch --help)
python -m zhextract --schema | --version

FILE: files, directories (every .txt .md .pdf .docx .xlsx under them), globs, or - for standard input.
Several files: JSON is a list (--jsonl: one document per line), progress and a summary go to stderr.

exit codes: 0 done (check: no mismatch), 1 check found mismatches, 2 bad input (a file that cannot be
read is named and the others still run), 3 internal error; the highest one met wins
limits: --limit NAME=N (repeatable) or ZHEXTRACT_LIMITS="NAME=N,…"; names in the README"""


class UsageError(Exception):
    """Options that do not go together: one line on stderr, exit 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """Usage errors in one line, like every other error (argparse prints the whole usage first)."""
        self.exit(2, f"{self.prog.removeprefix('python -m ')}: error: {message} ({self.prog} --help for usage)\n")


def parser() -> argparse.ArgumentParser:
    p = Parser(prog="python -m zhextract", usage=USAGE,
                description="Extract and check the figures of Chinese official bulletins.")
    p.add_argument("args", nargs="*", help="FILE…, or: extract FILE…, or: check FILE…")
    p.add_argument("--version", action="store_true", help="print the version and exit")
    p.add_argument("--schema", action="store_true", help="print the JSON Schema of the output and exit")
    p.add_argument("--json", action="store_true", help="with check: machine-readable findings (a list for several files)")
    p.add_argument("--jsonl", action="store_true", help="JSON Lines: one document per line, whatever the number of files")
    p.add_argument("--tables", action="append", default=[], metavar="XLSX",
                   help="with check: appendix workbook(s) to reconcile against (repeatable; one FILE)")
    p.add_argument("--indent", type=int, default=1, help="JSON indentation (default 1)")
    p.add_argument("--csv", action="store_true", help="CSV with a UTF-8 BOM: one row per figure (check: per finding)")
    p.add_argument("--xlsx", metavar="OUT", type=Path, help="write an Excel workbook, one sheet per record type")
    report = p.add_argument_group("reports (check)")
    report.add_argument("--html", metavar="FILE", type=Path, help="also write the HTML report to FILE (one input)")
    report.add_argument("--all", "--verbose", dest="all", action="store_true",
                        help="list every consistent finding (default: a count per rule)")
    report.add_argument("--show", metavar="STATUSES", type=_statuses,
                        help="only these, e.g. mismatch,doubtful (also rounding, unverifiable, consistent, unchecked)")
    word = p.add_argument_group("Word review (check a .docx draft)")
    word.add_argument("--annotate", metavar="OUT.docx", type=Path,
                      help="write a copy of the draft with a comment on each mismatch and doubtful finding")
    word.add_argument("--annotate-all", action="store_true", help="with --annotate: a short note on agreeing figures too")
    word.add_argument("--highlight", action="store_true", help="with --annotate: colour the figures by status")
    p.add_argument("--limit", action="append", default=[], metavar="NAME=N",
                   help="raise or lower a limit on the input (input_bytes, text_chars, line_chars, zip_bytes, "
                        "zip_entries, xml_bytes, table_cells, grid_span, pdf_pages); repeatable")
    p.add_argument("--debug", action="store_true", help="on an internal error, print the whole traceback")
    bar = p.add_mutually_exclusive_group()
    bar.add_argument("--progress", action="store_true", default=None, help="show the progress bar on stderr")
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show it")
    return p


def _statuses(value: str) -> set[str]:
    known = {"mismatch", "doubtful", "rounding", "unverifiable", "consistent", "unchecked"}
    chosen = {v.strip() for v in value.split(",") if v.strip()}
    if not chosen or chosen - known:
        raise argparse.ArgumentTypeError(f"unknown status in {value!r}; choose from {', '.join(sorted(known))}")
    return chosen


@dataclass
class Request:
    command: str  # "extract" or "check"
    paths: list[str]
    output: str  # "json", "jsonl", "report", "csv" or "none" (only --xlsx)
    indent: Optional[int] = 1
    xlsx: Optional[Path] = None
    tables: list[Path] = field(default_factory=list)
    progress: Optional[bool] = None  # None: when stderr is a terminal
    html: Optional[Path] = None  # the HTML report (check, one input)
    all_findings: bool = False  # the terminal report lists every consistent finding
    show: Optional[set[str]] = None  # the terminal report shows only these statuses
    limits: Optional[Limits] = None  # the input limits in force (defaults, ZHEXTRACT_LIMITS, --limit)
    debug: bool = False  # an internal error prints its traceback
    annotate: Optional[Path] = None  # the reviewed copy of a .docx draft
    annotate_all: bool = False
    highlight: bool = False


def request(ns: argparse.Namespace) -> Request:
    args = list(ns.args)
    command = "extract"
    if args and args[0] in ("check", "extract"):
        command = args.pop(0)
    if not args:
        raise UsageError("no input file given")
    chosen = [name for name in ("json", "jsonl", "csv") if getattr(ns, name)]
    if len(chosen) > 1:
        raise UsageError("choose one of --json, --jsonl, --csv")
    if chosen:
        output = chosen[0]
    elif ns.xlsx is not None:
        output = "none"
    else:
        output = "report" if command == "check" else "json"
    if ns.tables and command != "check":
        raise UsageError("--tables goes with check")
    if ns.tables and len(args) > 1:
        raise UsageError("--tables goes with one FILE: its appendix")
    if ns.html is not None and (command != "check" or len(args) != 1):
        raise UsageError("--html FILE goes with check and one input")
    if (ns.annotate_all or ns.highlight) and ns.annotate is None:
        raise UsageError("--annotate-all and --highlight go with --annotate")
    if ns.annotate is not None and (command != "check" or len(args) != 1):
        raise UsageError("--annotate OUT.docx goes with check and one FILE: the draft")
    if args.count("-") > 1:
        raise UsageError("standard input (-) can be read once")
    return Request(command=command, paths=args, output=output, indent=ns.indent, xlsx=ns.xlsx,
                   tables=[Path(t) for t in ns.tables], progress=ns.progress, html=ns.html,
                   all_findings=ns.all, show=ns.show, annotate=ns.annotate,
                   limits=default_limits().updated(",".join(ns.limit)), debug=ns.debug,
                   annotate_all=ns.annotate_all, highlight=ns.highlight)
