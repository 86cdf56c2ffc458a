"""Flat rows for analysts: one row per figure, ready for CSV or a dataframe."""
from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any, Iterable

from .models import Comparison, Document, Quantity

COLUMNS = ["source", "figure", "indicator", "entity", "entity_text", "period", "period_start",
           "period_end", "period_reason", "role", "value", "unit",
           "normalized_value", "normalized_unit", "qualifier", "growth", "gap_to_target", "target", "contribution",
           "share", "share_of", "rank", "rank_scope", "increment", "change", "parent", "start", "end", "text"]


def figure_rows(doc: Document) -> list[dict[str, Any]]:
    rows = []
    for f in doc.figures:
        q = doc.quantities[f.value] if f.value is not None else None
        row: dict[str, Any] = {
            "source": doc.source, "figure": f.id, "indicator": f.indicator, "entity": f.entity,
            "entity_text": f.entity_text, "period": f.period,
            "period_start": f.period_start.isoformat() if f.period_start else None,
            "period_end": f.period_end.isoformat() if f.period_end else None,
            "period_reason": f.period_reason, "role": f.role,
            "value": format(q.value, "f") if q else None, "unit": q.unit if q else None,
            "normalized_value": format(q.normalized.value, "f") if q and q.normalized else None,
            "normalized_unit": q.normalized.unit if q and q.normalized else None,
            "qualifier": q.qualifier if q else None, "parent": f.parent, "start": f.start, "end": f.end,
            "text": doc.text[f.sentence.start:f.sentence.end].strip(),
        }
        for c in f.comparisons:
            row.setdefault(c.type, format(comparison_value(c, doc.quantities[c.quantity]), "f"))
            if c.type == "gap_to_target" and c.target is not None:
                row["target"] = format(doc.quantities[c.target].value, "f")
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


def to_csv(docs: Iterable[Document]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for doc in docs:
        w.writerows(figure_rows(doc))
    return buf.getvalue()
