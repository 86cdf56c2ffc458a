"""A narrative figure against its table cell: same entity (row), indicator (column), unit converted
through base units (亿元 ↔ 万元, 亿美元 ↔ 万美元); the table the text cites is preferred."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from ..models import Figure, Quantity
from ..quantities.numerals import cn_int
from .arith import fmt, Iv, judge
from .base import Ctx, bigrams, config, pattern
from .base import is_same_count_unit
from .lookup import context_text, covers, growth_column, match_column, rows_for, tables_to_match
from .tableview import cell_ev, tname
from .tableview import ColView, RowView, TableView


def is_aggregate(ctx: Ctx, f: Figure, tv: Optional[TableView] = None) -> bool:
    """A figure about a set of zones: an aggregate word (全市, 工业类开发区), a name that several rows
    of the table share as their ending (生态文化旅游园区 for 代县…, 偏关…), or no entity at all
    unless the figure is an item of a list (依次为:甲5.49亿元、乙…) whose name was not resolved."""
    words = config()["aggregates"]["entity_words"]
    ent = (f.entity or "") + (f.entity_text or "")
    ranked = pattern("aggregates", "ranked_set").match(f.entity_text or "")
    if ranked:
        # "前十名开发区合计": the table's rows only when it lists exactly those N (an excerpt of the top N)
        n = cn_int(ranked.group("n"))
        return tv is not None and n is not None and n == len(tv.rows)
    if ent and (any(w in ent for w in words) or pattern("aggregates", "entity_pattern").search(f.entity or "")):
        return True
    if not ent:
        q = ctx.value_q(f)
        before = ctx.text(f.sentence.start, q.start if q else f.start)
        return not re.search(r"分别|依次|、\s*\S{1,8}$|均为\s*$", before)
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
    """Table, column and rows of a figure; rows empty for an aggregate matched to no row. Several rules
    ask for the same figure: the answer is looked up once per check."""
    key = ("locate", f.id, q.id)
    if key not in ctx.memo:
        ctx.memo[key] = _locate(ctx, f, q)
    hit = ctx.memo[key]
    return None if hit is None else (hit[0], hit[1], list(hit[2]))


def _locate(ctx: Ctx, f: Figure, q: Quantity) -> Optional[tuple[TableView, ColView, list[RowView]]]:
    text = context_text(ctx, f, q)
    dim = ctx.dim(q)
    for tv in tables_to_match(ctx, q.start, ((dim, False),), text):
        col = match_column(tv, text, dim)
        if col is None or not _same_set(ctx, f, text[1], col):
            continue
        rows = rows_for(tv, f)
        if rows or is_aggregate(ctx, f, tv):
            return tv, col, rows
    return None


def summed_rows(ctx: Ctx, f: Figure, q: Quantity, rows: list[RowView]) -> bool:
    """"经开区、高新区、工业园区合计2477.6亿元": several rows named and totalled just before the number."""
    start = max(f.sentence.start, q.start - 6)
    if f.entity_span is not None and f.sentence.start <= f.entity_span.end < start:
        start = f.entity_span.end  # "榆神、榆横合计完成工业总产值4102.6亿元": the cue follows the names
    return len(rows) > 1 and pattern("aggregates", "summed").search(ctx.text(start, q.start)) is not None


def _same_set(ctx: Ctx, f: Figure, clause: str, col: ColView) -> bool:
    """The column counts the same set as the figure: "新开工亿元以上项目" is not "签约亿元以上项目",
    and "10亿元以上项目" (a condition) is not "亿元以上项目"."""
    words = config()["columns"]["exclusive_words"]
    a = {w for w in words if w in (f.indicator or "") + clause}
    b = {w for w in words if w in col.name}
    if (a - b) and (b - a):
        return False  # each names a stage the other does not: 开工 vs 签约
    for cid in f.conditions:
        cq = ctx.q(cid)
        if cq is not None and cq.kind == "amount" and re.sub(r"\D", "", cq.text) not in re.sub(r"\D", "", col.name):
            return False
    return True


def _same_count(a: str, b: str) -> bool:
    """Counts meet when their measure words agree, a scale aside (万人 and 人; 个 and 家 count alike)."""
    return is_same_count_unit(a.lstrip("十百千万亿"), b.lstrip("十百千万亿"))


def compare(ctx: Ctx, rule: str, f: Figure, q: Quantity, tv: TableView, col: ColView, row: RowView,
            claimed: Optional[Decimal] = None, label: str = "value") -> bool:
    cell = row.cells.get(col.index)
    iv = tv.iv(cell, col)
    if cell is None or iv is None or ctx.dim(q) != col.dim:
        return False
    if q.kind == "count" and col.unit and not _same_count(q.unit, col.unit):
        return False  # "后移2位" is no score in 分, "12个" no count of 家 … of people
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
             + ([cell_ev(tv, row, tv.cols[tv.entity_col], "context", "row")]  # a cell of the table's own source
                if row.name_cell and tv.entity_col is not None else []),
             figure=f.id)
    return True


def text_vs_table(ctx: Ctx) -> None:
    if not ctx.tables:
        return
    for f in ctx.doc.figures:
        q = ctx.value_q(f)
        if q is not None and not ctx.approx(q) and q.kind not in ("rank", "duration"):
            hit = locate(ctx, f, q)
            if hit is not None and f.role != "actual" and not re.search(r"目标|计划|任务", hit[1].name):
                hit = None  # a target or a plan meets only a column of targets (完成年度目标)
            if hit is not None:
                tv, col, rows = hit
                if summed_rows(ctx, f, q, rows):
                    pass  # "经开区、高新区、工业园区合计2477.6亿元": a sum of the rows, checked by [aggregates]
                elif rows:
                    for r in rows:
                        if _row_measures_else(r, f):
                            continue
                        compare(ctx, "text_vs_table", f, q, tv, col, r)
                elif tv.total is not None and not tv.blank(tv.total.cells.get(col.index)) and covers(tv, f) \
                        and _total_names(tv, col, f):
                    compare(ctx, "text_vs_table", f, q, tv, col, tv.total)
        _growths(ctx, f)


def _row_measures_else(r: RowView, f: Figure) -> bool:
    """A row named by the figure's place and a measure of its own ("全市总人口" for a 全市 figure on
    产业增加值): the row states another measure, not this figure."""
    name = r.name
    for e in (f.entity_text, f.entity):
        if e and name.startswith(e):
            name = name[len(e):]
            break
    else:
        return False
    if not name or name[-1] in "区园县市镇乡旗州盟":
        return False  # the rest of the place's own name (榆横 of 榆横工业区), no measure
    return len(name) >= 2 and not bigrams(name) & bigrams(f.indicator or "")


def _total_names(tv: TableView, col: ColView, f: Figure) -> bool:
    """The figure's name, its column's words aside, is what the table's whole row or title names:
    "第二产业增加值比重" is no 比重 of a table whose whole is 全市总人口."""
    rest = pattern("shares", "region_word").sub("", (f.indicator or "").replace(col.name, ""))
    if len(rest) < 2:
        return True
    said = tv.total.name + (tv.title or "") if tv.total is not None else tv.title or ""
    return bool(bigrams(rest) & bigrams(said))


def _growths(ctx: Ctx, f: Figure) -> None:
    """A zone's growth in the text against the table's growth column of the same indicator."""
    c = ctx.growth(f)
    q = ctx.value_q(f)
    if c is None or q is None or f.role != "actual" or ctx.approx(ctx.q(c.quantity)):  # type: ignore[arg-type]
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
    targets = rows or ([tv.total] if tv.total is not None and not tv.blank(tv.total.cells.get(gcol.index))
                       and covers(tv, f) else [])
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

