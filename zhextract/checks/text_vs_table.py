"""A narrative figure against its table cell: same entity (row), indicator (column), unit converted
through base units (亿元 ↔ 万元, 亿美元 ↔ 万美元); the table the text cites is preferred."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ..models import Figure, Quantity
from .arith import fmt, Iv, judge
from .base import Ctx, config
from .lookup import candidate_tables, context_text, growth_column, match_column, rows_for
from .table_rules import cell_ev, tname
from .tableview import ColView, RowView, TableView


def is_aggregate(f: Figure, tv: Optional[TableView] = None) -> bool:
    """A figure about a set of zones: no entity, an aggregate word (全市, 工业类开发区), or a name
    that several rows of the table share as their ending (生态文化旅游园区 for 代县…, 偏关…)."""
    words = config()["aggregates"]["entity_words"]
    ent = (f.entity or "") + (f.entity_text or "")
    if not ent or any(w in ent for w in words):
        return True
    if tv is not None and f.entity:
        tail = f.entity.replace("(", "（").replace(")", "）")
        return sum(1 for r in tv.rows if r.name.replace("(", "（").replace(")", "）").endswith(tail)
                   and len(r.name) > len(tail)) >= 2
    return False


def in_written_unit(cell: Iv, col: ColView, q: Quantity, ctx: Ctx) -> Optional[Iv]:
    """A cell's value in the unit the text wrote, so the verdict reads in the author's terms."""
    qb = ctx.base_iv(q)
    if qb is None or col.factor is None:
        return None
    if q.value == 0:
        return cell.scale(col.factor)
    k = qb.nom / q.value  # base units per written unit
    return cell.scale(col.factor / k) if k else None


def locate(ctx: Ctx, f: Figure, q: Quantity) -> Optional[tuple[TableView, ColView, list[RowView]]]:
    """Table, column and rows of a figure; rows empty for an aggregate matched to no row."""
    text = context_text(ctx, f, q)
    for tv in candidate_tables(ctx, q.start):
        col = match_column(tv, text, ctx.dim(q))
        if col is None:
            continue
        rows = rows_for(tv, f)
        if rows or is_aggregate(f, tv):
            return tv, col, rows
    return None


def compare(ctx: Ctx, rule: str, f: Figure, q: Quantity, tv: TableView, col: ColView, row: RowView,
            claimed: Optional[Decimal] = None, label: str = "value") -> bool:
    cell = row.cells.get(col.index)
    iv = tv.iv(cell, col)
    if cell is None or iv is None:
        return False
    w = in_written_unit(iv, col, q, ctx)
    if w is None:
        return False
    c = q.value if claimed is None else claimed
    v = judge(c, q.decimals, w)
    where = f"{tname(tv)} {row.name} / {col.name}"
    ctx.emit(rule, v, claimed=c, computed=w, decimals=q.decimals,
             formula=f"text = table cell ({col.unit or ''} → {q.unit}), {where}",
             zh=f"正文 {q.text} 对照{where} {cell.text}{col.unit or ''}(折合 {fmt(w.nom)}{q.unit})",
             en=f"text {q.text} against {where} = {cell.text} {col.unit or ''} ({fmt(w.nom)} {q.unit})",
             evidence=[ctx.ev_q(q, "claim", label), cell_ev(tv, row, col, "input", col.name)]  # type: ignore[list-item]
             + ([ctx.ev_span(row.name_cell.start, row.name_cell.end)] if row.name_cell else []),
             figure=f.id)
    return True


def text_vs_table(ctx: Ctx) -> None:
    if not ctx.tables:
        return
    for f in ctx.doc.figures:
        if f.role != "actual":
            continue
        q = ctx.value_q(f)
        if q is not None and not ctx.approx(q) and q.kind not in ("rank", "duration"):
            hit = locate(ctx, f, q)
            if hit is not None:
                tv, col, rows = hit
                if rows:
                    for r in rows:
                        compare(ctx, "text_vs_table", f, q, tv, col, r)
                elif tv.total is not None and not tv.blank(tv.total.cells.get(col.index)):
                    compare(ctx, "text_vs_table", f, q, tv, col, tv.total)
        _growths(ctx, f)


def _growths(ctx: Ctx, f: Figure) -> None:
    """A zone's growth in the text against the table's growth column of the same indicator."""
    c = ctx.growth(f)
    q = ctx.value_q(f)
    if c is None or q is None:
        return
    gq = ctx.q(c.quantity)
    g = ctx.signed(c)
    assert gq is not None and g is not None
    hit = locate(ctx, f, q)
    if hit is None:
        return
    tv, col, rows = hit
    gcol = growth_column(tv, col)
    if gcol is None:
        return
    targets = rows or ([tv.total] if tv.total is not None and not tv.blank(tv.total.cells.get(gcol.index)) else [])
    for r in targets:
        cell = r.cells.get(gcol.index)
        iv = tv.iv(cell, gcol)
        if cell is None or iv is None:
            continue
        v = judge(g.nom, gq.decimals, iv)
        ctx.emit("text_vs_table", v, claimed=g.nom, computed=iv, decimals=gq.decimals,
                 formula=f"growth in text = {tname(tv)} {r.name} / {gcol.name}",
                 zh=f"正文增速 {gq.text} 对照{tname(tv)} {r.name} {gcol.name} {cell.text}%",
                 en=f"growth {gq.text} against {tname(tv)} {r.name} {gcol.name} = {cell.text}%",
                 evidence=[ctx.ev_q(gq, "claim", "growth"), cell_ev(tv, r, gcol)], figure=f.id)  # type: ignore[list-item]

