"""Rankings and orderings: 排名前三位分别是, 由高到低依次为, 低于全市平均水平的是, against the table
column they speak of (or, with no table, against the values written in the list); 居全省第N位 is
unverifiable unless the document gives the other places' values."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional


from ..models import Quantity
from ..quantities.numerals import cn_int
from .arith import Iv, Verdict
from .base import Ctx, pattern
from .base import rx  # inline patterns compiled once
from .lookup import candidate_tables, growth_column, match_column, row_for
from .tableview import cell_ev, tname
from .tableview import ColView, RowView, TableView
from .text_vs_table import compare


@dataclass
class Item:
    names: list[str]
    q: Quantity
    start: int  # span of the names
    end: int


def _items(ctx: Ctx, s: int, e: int) -> list[Item]:
    """"原平354.5亿元,忻州226.7亿元" / "繁峙、岢岚、五寨均为12个" / "定襄5.49亿元、忻州2.61亿元":
    each item is names, then one value; names sharing a value are joined by 、."""
    qs = ctx.quantities_from(s, e)
    out: list[Item] = []
    pos = s
    for chunk in re.split(r"([,，;；])", ctx.text(s, e)):
        cs, ce = pos, pos + len(chunk)
        pos = ce
        if chunk in ",，;；" or not chunk.strip():
            continue
        inside = [q for q in qs if cs <= q.start < ce]
        seg_s = cs
        for k, q in enumerate(inside):
            nxt = inside[k + 1] if k + 1 < len(inside) else None
            if nxt is not None and not ctx.text(q.end, nxt.start).strip(" 、"):
                continue  # a number inside a name (五台) right before the value
            if nxt is not None and "、" not in ctx.text(q.end, nxt.start):
                continue  # only 、 separates two valued items inside one chunk
            head = ctx.text(seg_s, q.start)
            seg_s = q.end
            # "罗平（15.2%）、沾益（13.7%）": a value in brackets after its name
            head = re.sub(r"(?:均为|均是|都是|分别为|为|是|:|：|\s|[(（])+$", "", head).lstrip(" \n\t:：、)）")
            names = [n for n in re.split(r"[、和及]", head) if n]
            if not names or not all(rx(r"\p{Han}{2,10}").fullmatch(n) for n in names) \
                    or (out and ctx.dim(q) != ctx.dim(out[0].q)):
                return out  # the list ends where an item is not "names, value" of the same kind
            out.append(Item(names, q, q.start - len(head), q.start))
    return out


def _context(ctx: Ctx, cue_start: int) -> str:
    sent = ctx.sentence_of(cue_start)
    if sent is None:
        return ""
    before = ctx.text(sent.start, cue_start)
    if len(before.strip()) < 4:
        prev = ctx.sentence_before(sent.start)
        if prev is not None:
            before = ctx.text(prev.start, prev.end) + before
    return before


def ranking(ctx: Ctx) -> None:
    text = ctx.src
    rank_qs: set[int] = set()
    for kind in ("top", "order", "below", "above"):
        for m in pattern("ranking", kind).finditer(text):
            if ctx.in_table(m.start()):
                continue
            end = _clause_end(text, m.end())
            items = _items(ctx, m.end(), end)
            if not items:
                continue
            n = None
            rq = next((q for q in ctx.quantities_from(m.start(), m.end()) if q.kind == "rank"), None)
            if rq is not None:
                rank_qs.add(rq.id)
            if kind == "top":
                n = cn_int(m.group("n"))
                if n is not None:  # "前三位…；陆良同比下降3.6%": the list is n places (tied names share one)
                    items = items[:n]
            _check(ctx, kind, n, rq, items, _context(ctx, m.start()), m.start(), m.end())
    # 居全省第N位, 排名朔州第一: the other places are not in the document
    for q in ctx.doc.quantities:
        if q.kind != "rank" or q.id in rank_qs or q.qualifier == "前":
            continue
        if pattern("ranking", "place").search(text[max(0, q.start - 8):q.start]):
            ctx.unverifiable("ranking", "the other places' values are not in the document",
                             "文中没有其他地区的数值", [ctx.ev_q(q, "claim", "rank")], "rank among peers", q.value)


def _clause_end(text: str, pos: int) -> int:
    m = re.search(r"[。]|(?<![、，,])\n|[(（]附件|[(（]表", text[pos:])  # a line broken after 、 goes on
    return pos + (m.start() if m else len(text) - pos)


def _check(ctx: Ctx, kind: str, n: Optional[int], rq: Optional[Quantity], items: list[Item], context: str,
           cue_s: int, cue_e: int) -> None:
    if not items or (n is not None and n <= 0):
        return  # "前0位": no ranking to check, and nothing listed to check it with
    q0 = items[0].q
    growth = bool(re.search(r"增速|增长|增幅", context[-12:]))
    for tv in candidate_tables(ctx, cue_s):
        col = match_column(tv, context, ctx.dim(q0))
        if growth or col is None:
            # "增速排名前三位": the growth column of the indicator the paragraph is about
            base = match_column(tv, [context, ctx.text(*ctx.paragraph(cue_s))], "money") or \
                match_column(tv, [context, ctx.text(*ctx.paragraph(cue_s))], None)
            gcol = growth_column(tv, base) if base is not None else None
            col = gcol if gcol is not None and ctx.dim(q0) == "percent" else (None if growth else col)
        if col is None:
            continue
        rows = [[row_for(tv, nm) for nm in it.names] for it in items]
        if any(r is None for rr in rows for r in rr):
            continue
        for it, rr in zip(items, rows):  # each listed value against its cell
            for r in rr:
                if not _already(ctx, it.q, tv, r, col):  # type: ignore[arg-type]
                    fig = ctx.figure(ctx.fig_of_q.get(it.q.id))
                    if fig is not None:
                        compare(ctx, "text_vs_table", fig, it.q, tv, col, r)  # type: ignore[arg-type]
        _against_table(ctx, kind, n, rq, items, rows, tv, col, cue_s, cue_e)  # type: ignore[arg-type]
        return
    _against_text(ctx, kind, n, rq, items, cue_s, cue_e)


def _already(ctx: Ctx, q: Quantity, tv: TableView, r: RowView, col: ColView) -> bool:
    c = r.cells.get(col.index)
    if c is None:
        return True
    return any(f.rule == "text_vs_table" and any(e.kind == "text" and e.start == q.start for e in f.evidence)
               and any(e.kind == "cell" and e.start == c.start for e in f.evidence) for f in ctx.findings)


def _against_table(ctx: Ctx, kind: str, n: Optional[int], rq: Optional[Quantity], items: list[Item],
                   rows: list[list[RowView]], tv: TableView, col: ColView, cue_s: int, cue_e: int) -> None:
    vals = {r.index: iv.nom for r, _, iv in tv.column_values(col)}
    listed = [r for rr in rows for r in rr]
    listed_ids = [r.index for r in listed]
    problems: list[str] = []
    order = [vals.get(i) for i in listed_ids]
    if any(v is None for v in order):
        return
    if kind in ("top", "order", "below") and any(a < b for a, b in zip(order, order[1:])):  # type: ignore[operator]
        problems.append("not in descending order")
    if kind == "above" and any(a < b for a, b in zip(order, order[1:])):  # type: ignore[operator]
        problems.append("not in descending order")
    expected: list[int] = []
    if kind == "top" and n:
        distinct = sorted(set(vals.values()), reverse=True)[:n]
        expected = [i for i, v in vals.items() if v in distinct]
    elif kind == "order":
        floor = min(order)  # type: ignore[type-var]
        expected = [i for i, v in vals.items() if v >= floor and v != 0]  # type: ignore[operator]
    elif kind in ("below", "above"):
        avg = _average(ctx, tv, col, cue_s)
        if avg is None:
            return
        expected = [i for i, v in vals.items() if (v < avg if kind == "below" else v > avg)]
    if expected and set(expected) != set(listed_ids):
        missing = [r.name for r in tv.rows if r.index in set(expected) - set(listed_ids)]
        extra = [r.name for r in listed if r.index not in expected]
        problems.append("the table also has " + "、".join(missing) if missing else "")
        if extra:
            problems.append("listed but not qualifying: " + "、".join(extra))
    problems = [p for p in problems if p]
    status = "mismatch" if problems else "consistent"
    claim = rq if rq is not None else items[0].q
    cv = claim.value
    ev = [ctx.ev_q(claim, "claim", "rank" if rq is not None else "first listed")]
    ev += [ctx.ev_q(it.q, "input", "listed value") for it in items]
    ev += [ctx.ev_span(it.start, it.end, "input", "names") for it in items]
    ev += [cell_ev(tv, r, col) for r in tv.rows if r.index in set(expected) | set(listed_ids)]
    names = "、".join(nm for it in items for nm in it.names)
    ctx.emit("ranking", Verdict(status, Decimal(0)), claimed=cv, computed=Iv.exact(cv) if not problems else None,
             formula=f"{kind} ordering of {tname(tv)} {col.name}",
             zh=f"{ctx.text(cue_s, cue_e)}{names}:" + ("与表中排序一致" if not problems else ";".join(problems)),
             en=f"{kind} list {names} against {tname(tv)} {col.name!r}: " + ("agrees" if not problems else "; ".join(problems)),
             evidence=ev, bound=True)


def _average(ctx: Ctx, tv: TableView, col: ColView, pos: int) -> Optional[Decimal]:
    """全市平均水平: the 合计 row's value of the column (a rate's total is the city's average)."""
    if tv.total is not None:
        iv = tv.iv(tv.total.cells.get(col.index), col)
        if iv is not None:
            return iv.nom
    return None


def _against_text(ctx: Ctx, kind: str, n: Optional[int], rq: Optional[Quantity], items: list[Item],
                  cue_s: int, cue_e: int) -> None:
    """No table: the written values themselves must be in the order claimed."""
    if kind not in ("top", "order") or len(items) < 2:
        return
    vals = [ctx.base_iv(it.q) for it in items]
    if any(v is None for v in vals):
        return
    bad = any(a.hi < b.lo for a, b in zip(vals, vals[1:]))  # type: ignore[union-attr]
    claim = rq if rq is not None else items[0].q
    ctx.emit("ranking", Verdict("mismatch" if bad else "consistent", Decimal(0)), claimed=claim.value,
             formula="listed values in descending order",
             zh=f"{ctx.text(cue_s, cue_e)}所列数值" + ("未按由高到低排列" if bad else "按由高到低排列"),
             en="listed values " + ("are not" if bad else "are") + " in descending order",
             evidence=[ctx.ev_q(claim, "claim", "rank")] + [ctx.ev_q(it.q, "input", "listed value") for it in items],
             bound=True)
