"""The per-document function of every corpus run (local processes and Dask alike): a path in,
the rows of each table out. A file that fails gives a ``documents`` row with its error, never an
exception: one bad file must not stop a corpus."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from time import perf_counter
from typing import Any, Iterable, Optional

from ..errors import ZhextractError
from ..export import comparison_value
from ..models import Document, Evidence

Row = dict[str, Any]

# documents.status
OK, BAD_INPUT, INTERNAL_ERROR = "ok", "bad_input", "internal_error"
STORED = "stored"  # not a stored status: the result of a document whose content is already stored

_DEC_QUANTUM = Decimal("1e-10")
_DEC_LIMIT = Decimal("1e28")  # DECIMAL(38,10) holds 28 digits before the point


@dataclass
class DocResult:
    doc_id: str
    path: str
    status: str
    rows: dict[str, list[Row]] = field(default_factory=dict)


def process(path: str, known: Iterable[str] = frozenset()) -> DocResult:
    """Read, hash, extract and check one file. ``known`` holds the ids already stored: such a
    document is not processed again (status ``stored``, no rows)."""
    from .. import __version__
    from ..checks import check_document
    from ..load import load_data, read_bytes
    from ..pipeline import extract_source

    t0 = perf_counter()
    doc_row: Row = {"path": path, "version": __version__}
    try:
        data = read_bytes(Path(path))
    except ZhextractError as exc:
        # no content to hash: the id is the path's, so a re-run finds the failure stored
        doc_id = _sha256(b"path:" + os.path.abspath(path).encode("utf-8", "surrogateescape"))
        return _failed(doc_id, doc_row, BAD_INPUT, str(exc))
    doc_id = _sha256(data)
    doc_row["bytes"] = len(data)
    if doc_id in known:
        return DocResult(doc_id, path, STORED)
    try:
        src = load_data(data, Path(path))
        t1 = perf_counter()
        doc = extract_source(src)
        t2 = perf_counter()
        check_document(doc)
        t3 = perf_counter()
        rows = document_rows(doc_id, doc)
    except ZhextractError as exc:
        return _failed(doc_id, doc_row, BAD_INPUT, str(exc))
    except (Exception, MemoryError) as exc:  # noqa: BLE001 - recorded, and the corpus goes on
        return _failed(doc_id, doc_row, INTERNAL_ERROR, f"{type(exc).__name__}: {exc}")
    doc_row.update(doc_id=doc_id, status=OK, encoding=doc.encoding, format=doc.format, chars=len(doc.text),
                   quantities=len(doc.quantities), figures=len(doc.figures), findings=len(doc.findings),
                   mismatches=sum(f.status == "mismatch" for f in doc.findings),
                   load_ms=_ms(t1 - t0), extract_ms=_ms(t2 - t1), check_ms=_ms(t3 - t2))
    rows["documents"] = [doc_row]
    return DocResult(doc_id, path, OK, rows)


def _failed(doc_id: str, doc_row: Row, status: str, error: str) -> DocResult:
    doc_row.update(doc_id=doc_id, status=status, error=error)
    return DocResult(doc_id, doc_row["path"], status, {"documents": [doc_row]})


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def dec(d: Optional[Decimal]) -> Optional[Decimal]:
    """A value as DECIMAL(38,10) holds it: at most 10 places; None beyond 28 integer digits."""
    if d is None:
        return None
    if d.as_tuple().exponent < -10:  # type: ignore[operator]
        d = d.quantize(_DEC_QUANTUM)
    return d if abs(d) < _DEC_LIMIT else None


def document_rows(doc_id: str, doc: Document) -> dict[str, list[Row]]:
    """Every record of a checked Document as flat rows (documents row aside)."""
    qs = doc.quantities
    out: dict[str, list[Row]] = {}
    out["quantities"] = [
        {"doc_id": doc_id, "quantity_id": q.id, "text": q.text, "start": q.start, "end": q.end, "value": dec(q.value),
         "low": dec(q.low), "high": dec(q.high), "unit": q.unit, "kind": q.kind, "qualifier": q.qualifier,
         "decimals": q.decimals, "normalized_value": dec(q.normalized.value) if q.normalized else None,
         "normalized_unit": q.normalized.unit if q.normalized else None,
         "dimension": q.normalized.dimension if q.normalized else None}
        for q in qs]
    figures, comparisons = [], []
    for f in doc.figures:
        q = qs[f.value] if f.value is not None else None
        figures.append({
            "doc_id": doc_id, "figure_id": f.id, "quantity_id": f.value, "value": dec(q.value) if q else None,
            "unit": q.unit if q else None,
            "normalized_value": dec(q.normalized.value) if q and q.normalized else None,
            "normalized_unit": q.normalized.unit if q and q.normalized else None,
            "indicator": f.indicator, "entity": f.entity, "entity_text": f.entity_text, "period": f.period,
            "period_start": f.period_start, "period_end": f.period_end, "period_reason": f.period_reason,
            "role": f.role, "parent": f.parent, "start": f.start, "end": f.end,
            "sentence_start": f.sentence.start, "sentence_end": f.sentence.end, "section": list(f.section)})
        for n, c in enumerate(f.comparisons):
            cq = qs[c.quantity]
            comparisons.append({
                "doc_id": doc_id, "figure_id": f.id, "comparison_no": n, "type": c.type, "quantity_id": c.quantity,
                "value": dec(comparison_value(c, cq)), "unit": cq.unit, "sign": c.sign, "direction": c.direction,
                "target_quantity_id": c.target,
                "target_value": dec(qs[c.target].value) if c.target is not None else None,
                "reference": c.reference, "share_of": c.of, "scope": c.scope, "start": c.start, "end": c.end})
    out["figures"], out["comparisons"] = figures, comparisons
    out["skipped"] = [{"doc_id": doc_id, "skipped_no": n, "text": k.text, "start": k.start, "end": k.end,
                       "reason": k.reason} for n, k in enumerate(doc.skipped)]
    tables, cells = [], []
    for t in doc.tables:
        tables.append({"doc_id": doc_id, "table_id": t.id, "title": t.title, "label": t.label,
                       "unit_line": t.unit_line, "source_line": t.source_line, "start": t.start, "end": t.end,
                       "n_rows": len(t.rows), "n_columns": len(t.columns), "total_row": t.total_row,
                       "issues": len(t.issues)})
        columns = {c.index: c for c in t.columns}
        for r, row in enumerate(t.rows):
            row_name = t.entity(r)
            for c in row:
                col = columns.get(c.col)
                cells.append({"doc_id": doc_id, "table_id": t.id, "row_no": r, "col_no": c.col,
                              "column_name": col.name if col else None, "column_unit": col.unit if col else None,
                              "row_name": row_name, "is_total": r == t.total_row, "text": c.text,
                              "start": c.start, "end": c.end, "value": dec(c.value), "unit": c.unit,
                              "decimals": c.decimals, "note": c.note})
    out["tables"], out["cells"] = tables, cells
    evidence: list[Row] = []
    out["relations"] = []
    for rel in doc.relations:
        out["relations"].append({"doc_id": doc_id, "relation_id": rel.id, "kind": rel.kind, "doubt": rel.doubt})
        parts = [("claim", [rel.claim] if rel.claim else []), ("member", rel.members), ("anchor", rel.anchors),
                 ("competitor", rel.competitors)]
        for part, items in parts:
            evidence += _evidence(doc_id, "relation", rel.id, part, items)
    out["findings"] = []
    for n, fd in enumerate(doc.findings):
        out["findings"].append({
            "doc_id": doc_id, "finding_no": n, "rule": fd.rule, "status": fd.status, "claimed": dec(fd.claimed),
            "computed": dec(fd.computed), "tolerance": dec(fd.tolerance), "formula": fd.formula,
            "message_zh": fd.message_zh, "message_en": fd.message_en, "figure_id": fd.figure,
            "relation_id": fd.relation, "basis": fd.basis, "reason": fd.reason, "doubt": fd.doubt, "bound": fd.bound})
        evidence += _evidence(doc_id, "finding", n, "evidence", fd.evidence)
    out["evidence"] = evidence
    out["unchecked"] = [{"doc_id": doc_id, "figure_id": u.figure, "reason": u.reason} for u in doc.unchecked]
    return out


def _evidence(doc_id: str, owner: str, owner_no: int, part: str, items: list[Evidence]) -> list[Row]:
    return [{"doc_id": doc_id, "owner": owner, "owner_no": owner_no, "part": part, "evidence_no": n, "kind": e.kind,
             "role": e.role, "label": e.label, "start": e.start, "end": e.end, "text": e.text, "table_id": e.table,
             "row_no": e.row, "col_no": e.col} for n, e in enumerate(items)]
