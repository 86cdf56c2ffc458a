"""Rankings and orderings: 排名前三位分别是, 由高到低依次为, 低于全市平均水平的是, against the table
column they speak of (or, with no table, against the values written in the list); 居全省第N位 is
unverifiable unless the document gives the other places' values."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

import regex


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
    """"寿阳218.3亿元,平遥164.9亿元" / "甲县、乙县、丙县均为9个" / "祁县4.37亿元、太谷1.86亿元":
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
    handled: list[tuple[int, int]] = []
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
            handled.append((m.start(), end))
    for m in pattern("ranking", "leaders").finditer(text):
        if not ctx.in_table(m.start()) and not any(s <= m.start() < e for s, e in handled):
            _leaders(ctx, m)
    covered = _sequences(ctx)
    # 居全省第N位, 排名朔州第一: the other places are not in the document
    for q in ctx.doc.quantities:
        if q.kind != "rank" or q.id in rank_qs or q.qualifier == "前" or any(s <= q.start < e for s, e in covered):
            continue
        if pattern("ranking", "place").search(text[max(0, q.start - 8):q.start]):
            ctx.unverifiable("ranking", "the other places' values are not in the document",
                             "文中没有其他地区的数值", [ctx.ev_q(q, "claim", "rank")], "rank among peers", q.value)


def _leaders(ctx: Ctx, m: "regex.Match[str]") -> None:
    """居前三位，分别为v1、v2、v3 / 排名前五的是A(v1)、B(v2)…: the first N places, listed, must be in
    descending order. Abstains when the list is of the last places or of declines, when the clause
    has no list of N values of one kind, or when a value's sign is in doubt."""
    n = cn_int(m.group("n"))
    if n is None or n < 2:
        return
    sent_s = ctx.clause_start(m.start(), "。；;\n")
    stop = ctx.clause_end(m.end(), "。；;\n")
    # the measure and the words of the list: nothing that ranks from the bottom or by a decline
    if pattern("ranking", "leaders_reversed").search(ctx.text(sent_s, stop)):
        return
    values = _values_after(ctx, m.end(), stop) or _values_before(ctx, sent_s, m.start(), n)
    if len(values) != n or len({ctx.dim(q) for q in values}) != 1 or ctx.dim(values[0]) is None:
        return
    _emit_order(ctx, values, m.start(), m.end(), descending=True, what=ctx.text(m.start(), m.end()))


def _values_after(ctx: Ctx, s: int, e: int) -> list[Quantity]:
    """The values the leaders cue lists: after 分别(为), v1、v2和v3; else one value in each of the next
    comma-separated items (名称(v1)、名称(v2) / 甲接待v1，乙接待v2)."""
    qs = [q for q in ctx.quantities_from(s, e) if q.kind in ("amount", "count", "percent")]
    if not qs:
        return []
    cue = pattern("ranking", "leaders_values")
    for k, q in enumerate(qs):
        if cue.search(ctx.text(max(s, q.start - 12), q.start)):
            run = [q]
            for nxt in qs[k + 1:]:
                if not _listed_together(ctx, run[-1], nxt):
                    break
                run.append(nxt)
            return run
    # one value per item: items end at 、 , ， and each holds exactly one value
    out: list[Quantity] = []
    pos = s
    for chunk in rx(r"[、，,]").split(ctx.text(s, e)):
        cs, ce = pos, pos + len(chunk)
        pos = ce + 1
        inside = [q for q in qs if cs <= q.start < ce]
        if not inside:
            if chunk.strip(" ：:"):
                break
            continue
        if len(inside) != 1:
            return []
        out.append(inside[0])
    return out


def _values_before(ctx: Ctx, s: int, cue: int, n: int) -> list[Quantity]:
    """分别为v1、v2、v3，位居前三位: the run of n values that ends right before the cue (only a comma and
    the cue's verb between) and opens after 分别(为)."""
    qs = [q for q in ctx.quantities_from(s, cue) if q.kind in ("amount", "count", "percent")]
    if len(qs) < n or not rx(r"\s*[，,]?\s*").fullmatch(ctx.text(qs[-1].end, cue)):
        return []
    run = qs[-n:]
    if any(not _listed_together(ctx, a, b) for a, b in zip(run, run[1:])):
        return []
    if not pattern("ranking", "leaders_before").search(ctx.text(max(s, run[0].start - 8), run[0].start)):
        return []
    return run


def _listed_together(ctx: Ctx, a: Quantity, b: Quantity) -> bool:
    """Two values of one list: only 、, a comma or 和/及/与 between them."""
    return rx(r"[、，,和及与\s]*").fullmatch(ctx.text(a.end, b.start)) is not None


def _sequences(ctx: Ctx) -> list[tuple[int, int]]:
    """以A v1最多、B v2次之、C v3居第3: the leader, the second and the third in that order. The leader's
    value is the one of the second's kind (以A 458人次、占26.5%最多 ranks the 人次)."""
    text = ctx.src
    first, second, third = (pattern("ranking", k) for k in ("first", "second", "third"))
    qs = [q for q in ctx.doc.quantities if q.kind in ("amount", "count", "percent")]
    covered: list[tuple[int, int]] = []
    for k, q2 in enumerate(qs):
        if k == 0 or second.match(text, q2.end) is None or ctx.in_table(q2.start):
            continue
        back = [q for q in qs[max(0, k - 4):k] if not rx(r"[。；;\n]").search(ctx.text(q.end, q2.start))]
        lead = next((j for j in range(len(back) - 1, -1, -1) if first.match(text, back[j].end)), None)
        if lead is None:
            continue
        m1 = first.match(text, back[lead].end)
        q1 = back[lead]
        if ctx.dim(q1) != ctx.dim(q2) and lead > 0 and len(ctx.text(back[lead - 1].end, q1.start)) <= 3:
            q1 = back[lead - 1]  # 312万人次、占18.4%，为最多
        if ctx.dim(q1) != ctx.dim(q2) or ctx.dim(q1) is None:
            continue
        chain = [q1, q2]
        q3 = qs[k + 1] if k + 1 < len(qs) else None
        m3 = third.match(text, q3.end) if q3 is not None and ctx.dim(q3) == ctx.dim(q2) else None
        if m3 is not None and q3 is not None and not rx(r"[。；;\n]").search(ctx.text(q2.end, q3.start)):
            chain.append(q3)
            covered.append((q3.end, m3.end()))  # its 居第3 is read here
        descending = m1.group("w") in ("最多", "最高", "最大", "最快", "居冠", "居首")  # type: ignore[union-attr]
        _emit_order(ctx, chain, q1.end, m1.end(), descending=descending, what=m1.group("w"))  # type: ignore[union-attr]
    return covered


def _emit_order(ctx: Ctx, values: list[Quantity], cue_s: int, cue_e: int, *, descending: bool, what: str) -> None:
    """The values, in the order written, must not rise (or, for 最少…次之, fall) by more than their
    rounding; a decline among them (its sign unwritten in the value) leaves the order unread."""
    for q in values:
        if q.value is None or q.value < 0 or rx(r"降|减少|负|-|−").search(ctx.text(max(0, q.start - 4), q.start)):
            return
    vals = [ctx.base_iv(q) for q in values]
    if any(v is None for v in vals):
        return
    pairs = list(zip(vals, vals[1:]))
    bad = any((a.hi < b.lo) if descending else (a.lo > b.hi) for a, b in pairs)  # type: ignore[union-attr]
    way = "descending" if descending else "ascending"
    ctx.emit("ranking", Verdict("mismatch" if bad else "consistent", Decimal(0)), claimed=values[0].value,
             formula=f"values listed after {what!r} in {way} order",
             zh=f"{what}所列数值" + ("未按" if bad else "按") + ("由高到低" if descending else "由低到高") + "排列",
             en=f"values listed after {what!r} " + ("are not" if bad else "are") + f" in {way} order",
             evidence=[ctx.ev_q(values[0], "claim", "first listed")]
             + [ctx.ev_q(q, "input", "listed value") for q in values[1:]]
             + [ctx.ev_span(cue_s, cue_e, "context", "ranking cue")], bound=True)


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
