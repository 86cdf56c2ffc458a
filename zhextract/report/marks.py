"""Which findings each figure and table cell takes part in, and the status it shows: the worst of
the findings that judge it (claim), else of those it is an input to; a figure no rule reached is
"unchecked", and a value of a checked figure that no finding names is "none"."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Optional
from unicodedata import normalize

from ..models import Document, Evidence, Table
from .common import RANK

CellKey = tuple[int, int, int]  # table id, row, column


@dataclass
class Mark:
    """A figure's quantity in the text (its value, a comparison or a condition), or a table cell."""
    start: int
    end: int
    figures: set[int] = field(default_factory=set)
    claims: set[int] = field(default_factory=set)  # indices into Document.findings
    inputs: set[int] = field(default_factory=set)
    why: Optional[str] = None  # the reason its figure is unchecked

    def status(self, doc: Document) -> tuple[str, bool]:
        """(status, True when only an input to the findings that give it) for the figure's colour."""
        for group, as_input in ((self.claims, False), (self.inputs, True)):
            if group:
                return min((doc.findings[k].status for k in group), key=RANK.__getitem__), as_input
        return ("unchecked" if self.why else "none"), False

    @property
    def findings(self) -> list[int]:
        return sorted(self.claims | self.inputs)


def in_text(doc: Document, t: Table) -> bool:
    """A table written in the document, not read from a file given beside it."""
    return t.source == 0


def evidence_key(k: int, j: int) -> str:
    """The name of finding k's j-th evidence item in the page: "3:0"."""
    return f"{k}:{j}"


class Marks:
    """The marks of one checked document and where each evidence item lands: a span of the text
    (``spans``) or a table cell (``cell_evidence``)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.tables = {t.id: t for t in doc.tables if in_text(doc, t)}
        self.figure_marks = self._figure_marks()
        self._starts = [m.start for m in self.figure_marks]
        self.cells: dict[CellKey, Mark] = {}
        self.text_evidence: list[tuple[int, int, str]] = []  # (start, end, key), text spans outside cells
        self.cell_evidence: dict[CellKey, list[str]] = {}
        self._cell_spans = {tid: sorted((c.start, c.end, (tid, c.row, c.col)) for row in t.rows for c in row)
                            for tid, t in self.tables.items()}
        for k, f in enumerate(doc.findings):
            for j, e in enumerate(f.evidence):
                self._place(k, j, e)
        self.text_evidence.sort()

    def _figure_marks(self) -> list[Mark]:
        doc = self.doc
        why = {u.figure: u.reason for u in doc.unchecked}
        by_span: dict[tuple[int, int], Mark] = {}
        for fig in doc.figures:
            qids = ([fig.value] if fig.value is not None else []) + [c.quantity for c in fig.comparisons] + fig.conditions
            spans = [(doc.quantities[q].start, doc.quantities[q].end) for q in qids] or [(fig.start, fig.end)]
            for span in spans:
                m = by_span.setdefault(span, Mark(*span))
                m.figures.add(fig.id)
                if fig.id in why and m.why is None:
                    m.why = why[fig.id]
        out: list[Mark] = []
        for m in sorted(by_span.values(), key=lambda m: (m.start, -m.end)):
            if not out or m.start >= out[-1].end:  # quantities do not overlap; keep the first if they do
                out.append(m)
        return out

    def _cell_at(self, pos: int) -> Optional[CellKey]:
        for tid, t in self.tables.items():
            if t.start <= pos < t.end:
                spans = self._cell_spans[tid]
                i = bisect_right(spans, (pos, 1 << 62)) - 1
                if i >= 0 and spans[i][0] <= pos < spans[i][1]:
                    return spans[i][2]
        return None

    def _place(self, k: int, j: int, e: Evidence) -> None:
        key = evidence_key(k, j)
        cell: Optional[CellKey] = None
        if e.kind == "cell" and e.table is not None and e.row is not None and e.col is not None:
            cell = (e.table, e.row, e.col)
        elif e.kind == "text":
            cell = self._cell_at(e.start)
        if cell is not None:
            self.cell_evidence.setdefault(cell, []).append(key)
            if e.role != "context":
                m = self.cells.setdefault(cell, Mark(e.start, e.end))
                (m.claims if e.role == "claim" else m.inputs).add(k)
            return
        if e.kind == "text":
            self.text_evidence.append((e.start, e.end, key))
            if e.role != "context":
                for m in self.overlapping(e.start, e.end):
                    (m.claims if e.role == "claim" else m.inputs).add(k)

    def overlapping(self, start: int, end: int) -> list[Mark]:
        """The figure marks that overlap [start, end)."""
        i = max(0, bisect_right(self._starts, start) - 1)
        j = bisect_left(self._starts, end)
        return [m for m in self.figure_marks[i:j] if m.start < end and start < m.end]
