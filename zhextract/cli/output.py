"""What goes to stdout (JSON, JSON Lines, the report, CSV) and to an --xlsx file, written file by
file as each one is done, so a long run streams and keeps one document in memory at a time."""
from __future__ import annotations

from typing import IO, Optional

from ..models import Document
from .args import Request
from .run import Outcome

# The parts of a Document each command prints; a finding's figures and their quantities go with it.
EXTRACT_FIELDS = {"source", "encoding", "format", "sections", "quantities", "figures", "skipped", "tables", "anchors"}
CHECK_FIELDS = {"source", "encoding", "format", "anchors", "summary", "relations", "findings", "unchecked",
                "quantities", "figures", "tables", "sources"}


class Writer:
    """Writes each outcome's document to stdout in the requested form, and to --xlsx at the end."""

    def __init__(self, req: Request, out: IO[str], single: bool) -> None:
        self.req, self.out, self.single = req, out, single
        self.fields = CHECK_FIELDS if req.command == "check" else EXTRACT_FIELDS
        self._count = 0
        self._csv = None
        self._xlsx = None
        if req.output == "csv":
            from ..export import SHEETS, CsvWriter

            self._csv = CsvWriter(out, SHEETS["findings" if req.command == "check" else "figures"][0])
        if req.xlsx is not None:
            from ..export import XlsxWriter

            kinds = ["figures", "findings", "evidence", "unchecked"] if req.command == "check" \
                else ["figures", "quantities"]
            self._xlsx = XlsxWriter(kinds)

    def __call__(self, o: Outcome) -> None:
        if self._xlsx is not None:
            if o.doc is not None:
                self._xlsx.add(o.doc)
            else:
                self._xlsx.add_error(o.input.name, o.error or "")
        if o.doc is not None:
            self._write(o.doc)
        self.out.flush()

    def _write(self, doc: Document) -> None:
        out, kind = self.out, self.req.output
        if kind == "jsonl":
            out.write(doc.model_dump_json(include=self.fields) + "\n")
        elif kind == "json":
            text = doc.model_dump_json(indent=self.req.indent, include=self.fields)
            if self.single:
                out.write(text + "\n")
            else:  # a list, written element by element
                out.write(("[\n" if self._count == 0 else ",\n") + text)
        elif kind == "report":
            import os

            from ..report import render_report

            color = out.isatty() and not os.environ.get("NO_COLOR")
            out.write(("\n" if self._count else "") + render_report(
                doc, all_findings=self.req.all_findings, show=self.req.show, color=color))
        elif kind == "csv":
            from ..export import finding_rows, figure_rows

            assert self._csv is not None
            self._csv.write(finding_rows(doc) if self.req.command == "check" else figure_rows(doc))
        self._count += 1

    def close(self) -> Optional[str]:
        """Finish stdout (a JSON list's bracket, a CSV header with no row) and save --xlsx;
        returns a message for stderr when the workbook cannot be written."""
        if self.req.output == "json" and not self.single:
            self.out.write("\n]\n" if self._count else "[]\n")
        if self._csv is not None:
            self._csv.write([])
        if self._xlsx is not None and self.req.xlsx is not None:
            try:
                self._xlsx.save(self.req.xlsx)
            except ImportError:
                return 'zhextract: --xlsx needs openpyxl: pip install "zhextract[formats]"'
            except OSError as exc:
                return f"zhextract: cannot write {self.req.xlsx}: {exc.strerror or exc}"
        return None
