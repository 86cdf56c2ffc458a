"""What the terminal and HTML reports share: statuses in reading order, a finding's claim, table
names, and places a reviewer can find (line:column in text, page and paragraph in PDF and DOCX)."""
from __future__ import annotations

from pathlib import Path

from bisect import bisect_right
from typing import Optional

from ..checks.arith import fmt
from ..models import Document, Evidence, Finding, Status

ORDER: tuple[Status, ...] = ("mismatch", "doubtful", "rounding", "unverifiable", "consistent")
TITLE = {"mismatch": "MISMATCH 不一致", "doubtful": "DOUBTFUL 存疑 (a reading to confirm, not an error)",
         "rounding": "ROUNDING 仅在其他舍入方式下一致", "unverifiable": "UNVERIFIABLE 无法核对",
         "consistent": "CONSISTENT 一致", "unchecked": "NOT CHECKED 未核对"}
RANK = {s: i for i, s in enumerate(ORDER)}  # lower is worse: the status a figure shows first


def claim(f: Finding) -> Optional[Evidence]:
    """The evidence whose value the finding judges (the first one when no role says so)."""
    return next((e for e in f.evidence if e.role == "claim"), f.evidence[0] if f.evidence else None)


def num(d: object) -> str:
    return fmt(d) if d is not None else "—"  # type: ignore[arg-type]


def table_name(doc: Document, tid: Optional[int]) -> str:
    t = next((t for t in doc.tables if t.id == tid), None)
    return (t.label if t is not None and t.label else None) or f"table {(tid or 0) + 1}"


def cell_name(doc: Document, e: Evidence) -> str:
    """附件4 表1 r6c16: a table cell by its label, 1-based row and column; "" for text evidence."""
    if e.kind != "cell" or e.table is None:
        return ""
    return f"{table_name(doc, e.table)} r{(e.row or 0) + 1}c{(e.col or 0) + 1}"


def numbers(f: Finding) -> str:
    """claimed 93.4, recomputed 155.071 (tolerance ±0.4879), growth from priors"""
    out = f"claimed {num(f.claimed)}"
    if f.computed is not None:
        out += f", recomputed {num(f.computed)}"
    if f.tolerance is not None:
        out += f" (tolerance ±{num(f.tolerance)})"
    if f.basis:
        out += f", {f.basis}"
    return out


class Places:
    """Offsets of ``Document.text`` as a reviewer finds them: line:column for plain text; the page
    and the paragraph on it for PDF (p.3 ¶2), the body block for DOCX (¶14), the sheet for XLSX."""

    def __init__(self, doc: Document) -> None:
        text = doc.text
        self.format = doc.format
        self.lines = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        anchors = sorted(doc.anchors, key=lambda a: a.offset) if doc.format != "text" else []
        self.offsets = [a.offset for a in anchors]
        self.pages = [a.page for a in anchors]
        # PDF paragraphs: a block starts after a blank line; its number counts from its page's first.
        self.para: list[int] = []
        for i, a in enumerate(anchors):
            block = a.offset == 0 or text[max(0, a.offset - 2):a.offset] == "\n\n"
            prev = self.para[-1] if i and self.pages[i - 1] == a.page else 0
            self.para.append(prev + 1 if block or not prev else prev)

    def line(self, pos: int) -> int:
        """1-based line of an offset."""
        return bisect_right(self.lines, pos)

    def line_span(self, pos: int, text_len: int) -> tuple[int, int]:
        i = bisect_right(self.lines, pos) - 1
        end = self.lines[i + 1] - 1 if i + 1 < len(self.lines) else text_len
        return self.lines[i], end

    def page(self, pos: int) -> Optional[int]:
        """The PDF page (DOCX block, XLSX sheet) of an offset; None for plain text."""
        i = bisect_right(self.offsets, pos) - 1
        return self.pages[i] if i >= 0 else None

    def of(self, e: Evidence) -> str:
        """Where an evidence item is: its place in the document, or file, sheet and cell (or offset)
        in a file given beside it (--tables)."""
        if not e.source:
            return self.at(e.start)
        name = Path(e.file).name if e.file else f"source {e.source}"
        return f"{name} {e.sheet}!{e.cell}" if e.sheet else f"{name} @{e.start}"

    def at(self, pos: int) -> str:
        i = bisect_right(self.offsets, pos) - 1
        if i < 0:
            line = self.line(pos)
            return f"{line}:{pos - self.lines[line - 1] + 1}"
        if self.format == "pdf":
            return f"p.{self.pages[i]} ¶{self.para[i]}"
        if self.format == "docx":
            return f"¶{self.pages[i]}"
        return f"sheet {self.pages[i]}"
