"""Flat rows for analysts: one row per record (figure, finding, evidence item, ...), ready for CSV,
Excel or a dataframe. Numbers stay ``Decimal``; CSV writes them as written, Excel as numbers.

CSV starts with a UTF-8 BOM: Excel on Chinese Windows otherwise reads the file as GBK (mojibake).
"""
from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from .models import Comparison, Document, Evidence, Finding, Quantity

BOM = "\ufeff"
Row = dict[str, Any]

COLUMNS = ["source", "figure", "indicator", "entity", "entity_text", "period", "period_start",
           "period_end", "period_reason", "role", "value", "unit",
           "normalized_value", "normalized_unit", "qualifier", "growth", "gap_to_target", "target", "contribution",
           "share", "share_of", "rank", "rank_scope", "increment", "change", "parent", "start", "end", "text"]
FINDING_COLUMNS = ["source", "finding", "rule", "status", "claimed", "computed", "tolerance", "formula", "message_zh",
                   "message_en", "figure", "indicator", "entity", "period", "basis", "reason", "doubt", "bound",
                   "relation", "claim", "claim_file", "claim_sheet", "claim_cell", "claim_start", "claim_end",
                   "evidence"]
EVIDENCE_COLUMNS = ["source", "finding", "role", "kind", "label", "text", "file", "sheet", "cell", "table", "row",
                    "col", "start", "end"]
QUANTITY_COLUMNS = ["source", "quantity", "text", "value", "low", "high", "unit", "kind", "qualifier", "decimals",
                    "normalized_value", "normalized_unit", "start", "end"]
UNCHECKED_COLUMNS = ["source", "figure", "indicator", "value", "unit", "reason", "start", "end"]
FILE_COLUMNS = ["source", "format", "error", "quantities", "figures", "tables", "checked", "coverage", "findings",
                "mismatch", "doubtful", "rounding", "unverifiable", "consistent"]


def figure_rows(doc: Document) -> list[Row]:
    rows = []
    for f in doc.figures:
        q = doc.quantities[f.value] if f.value is not None else None
        row: Row = {
            "source": doc.source, "figure": f.id, "indicator": f.indicator, "entity": f.entity,
            "entity_text": f.entity_text, "period": f.period,
            "period_start": f.period_start.isoformat() if f.period_start else None,
            "period_end": f.period_end.isoformat() if f.period_end else None,
            "period_reason": f.period_reason, "role": f.role,
            "value": q.value if q else None, "unit": q.unit if q else None,
            "normalized_value": q.normalized.value if q and q.normalized else None,
            "normalized_unit": q.normalized.unit if q and q.normalized else None,
            "qualifier": q.qualifier if q else None, "parent": f.parent, "start": f.start, "end": f.end,
            "text": doc.text[f.sentence.start:f.sentence.end].strip(),
        }
        for c in f.comparisons:
            row.setdefault(c.type, comparison_value(c, doc.quantities[c.quantity]))
            if c.type == "gap_to_target" and c.target is not None:
                row["target"] = doc.quantities[c.target].value
            if c.type == "share":
                row["share_of"] = c.of
            if c.type == "rank":
                row["rank_scope"] = c.scope
        rows.append(row)
    return rows


def comparison_value(c: Comparison, q: Quantity) -> Decimal:
    """The comparison's value with its sign: a growth of -3.2, a gap below target, a negative contribution."""
    if (c.type == "gap_to_target" and c.direction == "below") or (c.type == "contribution" and c.direction == "down"):
        return -q.value
    return c.signed_value(q)


def _claim(f: Finding) -> Evidence | None:
    return next((e for e in f.evidence if e.role == "claim"), f.evidence[0] if f.evidence else None)


def finding_rows(doc: Document) -> list[Row]:
    rows = []
    for i, f in enumerate(doc.findings):
        fig = doc.figures[f.figure] if f.figure is not None and 0 <= f.figure < len(doc.figures) else None
        ev = _claim(f)
        rows.append({
            "source": doc.source, "finding": i, "rule": f.rule, "status": f.status, "claimed": f.claimed,
            "computed": f.computed, "tolerance": f.tolerance, "formula": f.formula, "message_zh": f.message_zh,
            "message_en": f.message_en, "figure": f.figure, "indicator": fig.indicator if fig else None,
            "entity": fig.entity if fig else None, "period": fig.period if fig else None, "basis": f.basis,
            "reason": f.reason, "doubt": f.doubt, "bound": f.bound, "relation": f.relation,
            "claim": ev.text if ev else None, "claim_file": ev.file if ev else None,
            "claim_sheet": ev.sheet if ev else None, "claim_cell": ev.cell if ev else None,
            "claim_start": ev.start if ev else None, "claim_end": ev.end if ev else None,
            "evidence": len(f.evidence),
        })
    return rows


def evidence_rows(doc: Document) -> list[Row]:
    return [{"source": doc.source, "finding": i, "role": e.role, "kind": e.kind, "label": e.label, "text": e.text,
             "file": e.file, "sheet": e.sheet, "cell": e.cell, "table": e.table, "row": e.row, "col": e.col,
             "start": e.start, "end": e.end}
            for i, f in enumerate(doc.findings) for e in f.evidence]


def quantity_rows(doc: Document) -> list[Row]:
    return [{"source": doc.source, "quantity": q.id, "text": q.text, "value": q.value, "low": q.low, "high": q.high,
             "unit": q.unit, "kind": q.kind, "qualifier": q.qualifier, "decimals": q.decimals,
             "normalized_value": q.normalized.value if q.normalized else None,
             "normalized_unit": q.normalized.unit if q.normalized else None, "start": q.start, "end": q.end}
            for q in doc.quantities]


def unchecked_rows(doc: Document) -> list[Row]:
    rows = []
    for u in doc.unchecked:
        fig = doc.figures[u.figure]
        q = doc.quantities[fig.value] if fig.value is not None else None
        rows.append({"source": doc.source, "figure": u.figure, "indicator": fig.indicator,
                     "value": q.value if q else None, "unit": q.unit if q else None, "reason": u.reason,
                     "start": fig.start, "end": fig.end})
    return rows


def file_row(doc: Document | None, name: str, error: str | None = None) -> Row:
    """One row per input file: what was read, or why it could not be."""
    if doc is None:
        return {"source": name, "error": error}
    row: Row = {"source": doc.source, "format": doc.format, "quantities": len(doc.quantities),
                "figures": len(doc.figures), "tables": len(doc.tables)}
    s = doc.summary
    if s is not None:
        row.update(checked=s.checked, coverage=s.coverage, findings=s.findings, mismatch=s.mismatch,
                   doubtful=s.doubtful, rounding=s.rounding, unverifiable=s.unverifiable, consistent=s.consistent)
    return row


# record type -> (columns, rows of a document); the XLSX export writes one sheet per type
SHEETS = {
    "figures": (COLUMNS, figure_rows),
    "quantities": (QUANTITY_COLUMNS, quantity_rows),
    "findings": (FINDING_COLUMNS, finding_rows),
    "evidence": (EVIDENCE_COLUMNS, evidence_rows),
    "unchecked": (UNCHECKED_COLUMNS, unchecked_rows),
}


def _cell(v: Any) -> Any:
    return format(v, "f") if isinstance(v, Decimal) else v


class CsvWriter:
    """Rows of one record type as CSV, the header (after a BOM) once, whatever the number of files."""

    def __init__(self, out: Any, columns: list[str]) -> None:
        self.out, self.columns, self._w = out, columns, None

    def write(self, rows: Iterable[Row]) -> None:
        if self._w is None:
            self.out.write(BOM)
            self._w = csv.DictWriter(self.out, fieldnames=self.columns, extrasaction="ignore", lineterminator="\n")
            self._w.writeheader()
        self._w.writerows({k: _cell(v) for k, v in r.items()} for r in rows)


def to_csv(docs: Iterable[Document], kind: str = "figures") -> str:
    """CSV (with its BOM) of one record type of several documents."""
    columns, rows = SHEETS[kind]
    buf = io.StringIO()
    w = CsvWriter(buf, columns)
    w.write([])  # the header even with no document
    for doc in docs:
        w.write(rows(doc))
    return buf.getvalue()


class XlsxWriter:
    """One sheet per record type ("files" first, then ``kinds``), each with its header row even when
    no document gave it a row. Needs openpyxl (the ``formats`` extra)."""

    def __init__(self, kinds: Iterable[str]) -> None:
        self.kinds = list(kinds)
        self.rows: dict[str, list[Row]] = {k: [] for k in ["files", *self.kinds]}

    def add(self, doc: Document) -> None:
        self.rows["files"].append(file_row(doc, doc.source))
        for k in self.kinds:
            self.rows[k] += SHEETS[k][1](doc)

    def add_error(self, name: str, error: str) -> None:
        self.rows["files"].append(file_row(None, name, error))

    def save(self, path: Path) -> None:
        import openpyxl
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        columns = {"files": FILE_COLUMNS, **{k: SHEETS[k][0] for k in self.kinds}}
        for kind, rows in self.rows.items():
            ws = wb.create_sheet(kind)
            ws.append(columns[kind])
            for r in rows:
                ws.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v
                           for v in (r.get(c) for c in columns[kind])])
            for row in ws.iter_rows(min_row=2):
                for c in row:  # text is text: "=..." must not become a formula
                    if isinstance(c.value, str) and c.value.startswith("="):
                        c.data_type = "s"
            ws.freeze_panes = "A2"
        wb.save(path)
