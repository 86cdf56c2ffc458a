"""Narrative aggregates against the table they summarise: totals (Σ rows), means, ratios of sums
(产出强度 = Σ营业收入 / Σ面积), counts of rows and of non-zero rows, and the growth of a total from
its parts' growth (each part's prior = value / (1 + growth)); and the same growth rule inside the
text when a total's parts are stated with their own growth."""
from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal
from typing import Optional

from ..models import Figure, Quantity
from .arith import Iv, fmt, growth_of_total, judge, mean, total
from .base import comparable_prices, Ctx, config, norm_indicator, pattern, rx
from .lookup import candidate_tables, col_score, context_text, covers, growth_column, match_column, tables_to_match
from .table_rules import column_sum, derive, derived_columns
from .tableview import cell_ev, summable, tname
from .tableview import ColView, RowView, TableView
from .text_rules import _same_indicator
from .text_vs_table import in_written_unit, is_aggregate, locate, summed_rows

_BREAK_ZERO = {"破零"}


_NESTED_ROWS = rx(r"\s*(?:其中|总|合计|总计|全部)")  # a row of the whole, or one opening a view of it


def aggregate_vs_table(ctx: Ctx) -> None:
    if not ctx.tables:
        return
    for f in ctx.doc.figures:
        if f.role != "actual":
            continue
        q = ctx.value_q(f)
        if q is not None and not ctx.approx(q) and q.kind not in ("rank", "duration"):
            _value(ctx, f, q)
        _growth(ctx, f)
        _row_counts(ctx, f)


def _value(ctx: Ctx, f: Figure, q: Quantity) -> None:
    hit = locate(ctx, f, q)
    if hit is not None and summable(hit[1]) and summed_rows(ctx, f, q, hit[2]):
        _listed_sum(ctx, f, q, *hit)
        return
    if hit is None or hit[2] or not covers(hit[0], f):
        return
    tv, col, _ = hit
    if tv.total is not None and not tv.blank(tv.total.cells.get(col.index)):
        return  # text_vs_table compares it with the 合计 cell
    vals = tv.column_values(col)
    if not vals:
        return
    if any(_NESTED_ROWS.match(r.name) for r, _, _ in vals):
        return  # "总户籍人口 / 其中:城镇 / 乡村 / 其中:男性 …": a whole and its views, no parts to add up
    ev = [ctx.ev_q(q, "claim", "aggregate")] + [cell_ev(tv, r, col) for r, _, _ in vals]
    if summable(col):
        s, _ = column_sum(tv, col)
        w = in_written_unit(s, col, q, ctx)
        if w is None:
            return
        how, formula = "Σ", f"total = Σ {col.name} over {len(vals)} rows of {tname(tv)}"
    else:
        d = next((d for d in derived_columns(tv) if d.col.index == col.index), None)
        if d is not None:
            a, _ = column_sum(tv, d.num)
            b, _ = column_sum(tv, d.den)
            if d.num.factor is None or d.den.factor is None:
                return
            w = derive(d, a.scale(d.num.factor), b.scale(d.den.factor))
            if w is None:
                return
            how, formula = "ratio of sums", f"{col.name} = Σ {d.num.name} / Σ {d.den.name} ({tname(tv)})"
            ev = [ctx.ev_q(q, "claim", "aggregate")] + [cell_ev(tv, r, c) for c in (d.num, d.den) for r in tv.rows]
        else:
            w = mean([iv for _, _, iv in vals])
            how, formula = "mean", f"{col.name} = mean of {len(vals)} rows of {tname(tv)}"
    v = judge(q.value, q.decimals, w)
    ctx.emit("aggregate_vs_table", v, claimed=q.value, computed=w, decimals=q.decimals, formula=formula, basis=how,
             zh=f"正文 {q.text} 对照{tname(tv)}「{col.name}」{ {'Σ': '各行合计', 'mean': '各行平均', 'ratio of sums': '合计之比'}[how]} {w.nom:.4f}",
             en=f"text {q.text} against {how} of {tname(tv)} {col.name!r} = {w.nom:.4f}",
             evidence=ev, figure=f.id)


def _listed_sum(ctx: Ctx, f: Figure, q: Quantity, tv: TableView, col: ColView, rows: list[RowView]) -> None:
    """"经开区、高新区、工业园区合计2477.6亿元": the sum of the rows named."""
    ivs = [tv.iv(r.cells.get(col.index), col) for r in rows]
    if any(iv is None for iv in ivs):
        return
    w = in_written_unit(total(iv for iv in ivs if iv is not None), col, q, ctx)
    if w is None:
        return
    names = "、".join(r.name for r in rows)
    ctx.emit("aggregate_vs_table", judge(q.value, q.decimals, w), claimed=q.value, computed=w, decimals=q.decimals,
             formula=f"total = Σ {col.name} over {names} ({tname(tv)})", basis="Σ",
             zh=f"正文 {q.text} 对照{tname(tv)}「{col.name}」{names}之和 {w.nom:.4f}",
             en=f"text {q.text} against the sum of {names} in {tname(tv)} {col.name!r} = {w.nom:.4f}",
             evidence=[ctx.ev_q(q, "claim", "aggregate")] + [cell_ev(tv, r, col) for r in rows], figure=f.id)


def _priors(tv: TableView, col: ColView, gcol: ColView) -> Optional[tuple[list[Iv], list[Optional[Iv]], list[RowView]]]:
    """Each row's value and growth; a 破零 or a zero row has no prior to speak of (growth None)."""
    vals: list[Iv] = []
    growths: list[Optional[Iv]] = []
    used: list[RowView] = []
    for r in tv.rows:
        vc, gc = r.cells.get(col.index), r.cells.get(gcol.index)
        v = tv.iv(vc, col)
        if v is None:
            if tv.blank(vc):
                continue
            return None
        gtext = gc.text.strip() if gc is not None else ""
        g = tv.iv(gc, gcol)
        if gtext in _BREAK_ZERO or v.nom == 0:
            g = None
        elif g is None or g.nom <= -100:
            return None  # a value without its growth: the prior cannot be known
        vals.append(v)
        growths.append(g)
        used.append(r)
    return (vals, growths, used) if used else None


def _growth(ctx: Ctx, f: Figure) -> None:
    c = ctx.growth(f)
    if c is None:
        return
    gq = ctx.q(c.quantity)
    g = ctx.signed(c)
    assert gq is not None and g is not None
    q = ctx.value_q(f)
    text = context_text(ctx, f, q or gq)
    dim = ctx.dim(q) if q is not None else None
    asks = ((dim, False), ("percent", True)) if q is not None else (("percent", True),)
    for tv in tables_to_match(ctx, gq.start, asks, text):
        col = match_column(tv, text, dim) if q is not None else None
        gcol = growth_column(tv, col) if col is not None else None
        if col is None:
            gcol = match_column(tv, text, "percent", growth=True)
            if gcol is not None and gcol.growth_of is not None:
                col = tv.cols[gcol.growth_of]
        if gcol is None or not is_aggregate(ctx, f, tv):
            continue
        if tv.total is not None and not tv.blank(tv.total.cells.get(gcol.index)):
            return  # text_vs_table compares it with the 合计 cell
        if col is None and not any("平均" in t for t in text):
            continue  # a growth column alone is read only for a stated average (平均增速)
        if col is None or any("平均" in t for t in text):
            vals = tv.column_values(gcol)
            if not vals:
                return
            w = mean([iv for _, _, iv in vals])
            v = judge(g.nom, gq.decimals, w)
            ctx.emit("aggregate_vs_table", v, claimed=g.nom, computed=w, decimals=gq.decimals, basis="mean",
                     formula=f"average growth = mean of {tname(tv)} {gcol.name}",
                     zh=f"平均增速 {gq.text} 对照{tname(tv)}「{gcol.name}」各行平均 {w.nom:.4f}%",
                     en=f"average growth {gq.text} against the mean of {tname(tv)} {gcol.name!r} = {w.nom:.4f}%",
                     evidence=[ctx.ev_q(gq, "claim", "growth")] + [cell_ev(tv, r, gcol) for r, _, _ in vals], figure=f.id)
            return
        pr = _priors(tv, col, gcol)
        if pr is None:
            ctx.unverifiable("aggregate_vs_table", "a row has a value but no growth", "某行有数值而无增速",
                             [ctx.ev_q(gq, "claim", "growth")], "growth of total = Σ values / Σ priors − 1", g.nom)
            return
        vals, growths, rows = pr
        try:
            w = growth_of_total(vals, growths)
        except (ZeroDivisionError, ArithmeticError):
            return
        now = total(vals)
        prior = Iv.exact(sum((v.nom / (1 + g.nom / 100) for v, g in zip(vals, growths) if g is not None), Decimal(0)))
        v = judge(g.nom, gq.decimals, w)
        ctx.emit("aggregate_vs_table", v, claimed=g.nom, computed=w, decimals=gq.decimals, basis="growth from priors",
                 formula=f"growth = Σ {col.name} / Σ {col.name}/(1+{gcol.name}) − 1 ({tname(tv)})",
                 zh=f"增速 {gq.text}:{tname(tv)}各行合计 {fmt(now.nom)} ÷ 上年合计 {prior.nom:.4f} − 1 = {w.nom:.3f}%",
                 en=f"growth {gq.text}: {tname(tv)} rows total {fmt(now.nom)} / prior total {prior.nom:.4f} − 1 = {w.nom:.3f}%",
                 evidence=[ctx.ev_q(gq, "claim", "growth")] + [cell_ev(tv, r, c) for r in rows for c in (col, gcol)],
                 figure=f.id)
        return


def _row_counts(ctx: Ctx, f: Figure) -> None:
    """"全市6个工业类开发区(园区)完成工业投资…(附件2表3)": the table has 6 rows for that column;
    "3个工业类开发区有出口实绩": 3 rows with a non-zero 出口额."""
    q = ctx.value_q(f)
    text = ctx.src
    # counts that qualify a figure located in a table
    if q is not None and f.conditions:
        hit = locate(ctx, f, q)
        if hit is not None:
            tv, col, _ = hit
            for cid in f.conditions:
                cq = ctx.q(cid)
                if cq is None or cq.kind != "count" or cq.unit not in ("个", "家"):
                    continue
                rows = [r for r, _, _ in tv.column_values(col)]
                _emit_count(ctx, cq, len(rows), tv, col, rows, f"rows of {tname(tv)} with {col.name}")
    if q is None or q.kind != "count" or q.unit not in ("个", "家"):
        return
    after = text[q.end:q.end + 30]
    m = pattern("aggregates", "nonzero").match(after)
    if m:
        what = m.group("what")
        for tv in candidate_tables(ctx, q.start):
            scored = sorted(((col_score(what, c), c) for c in tv.numeric_cols() if not c.growth and summable(c)),
                            key=lambda t: -t[0])
            if not scored or scored[0][0] < 0.6 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
                continue
            col = scored[0][1]
            rows = [r for r, _, iv in tv.column_values(col) if iv.nom != 0]
            _emit_count(ctx, q, len(rows), tv, col, rows, f"rows of {tname(tv)} with a non-zero {col.name}")
            return
    noun = norm_indicator(f.indicator)
    if noun in config()["aggregates"]["zone_nouns"] and is_aggregate(ctx, f) and not f.conditions:
        tv = max(ctx.tables, key=lambda t: len(t.rows))
        col = tv.cols[tv.entity_col] if tv.entity_col is not None else None
        if col is not None:
            _emit_count(ctx, q, len(tv.rows), tv, col, tv.rows, f"zones listed in {tname(tv)}")


def _emit_count(ctx: Ctx, cq: Quantity, n: int, tv: TableView, col: ColView, rows: list[RowView], what: str) -> None:
    comp = Iv.exact(Decimal(n))
    v = judge(cq.value, 0, comp, exact_claim=True)
    ctx.emit("aggregate_vs_table", v, claimed=cq.value, computed=comp, decimals=0, basis="count",
             formula=f"count = number of {what}",
             zh=f"正文 {cq.text} 对照{tname(tv)}:{n} 行", en=f"text {cq.text} against {what}: {n}",
             evidence=[ctx.ev_q(cq, "claim", "count")] + [cell_ev(tv, r, col) for r in rows])


def growth_from_parts(ctx: Ctx) -> None:
    """A total with its growth, and its parts stated with theirs: Σ values / Σ priors − 1 must give
    the total's growth (the parts must add up to the total for this to hold)."""
    figs = ctx.doc.figures
    # the figures that can be a part (actual, with a value and a growth), per dimension, in text order:
    # a total looks among those after it in its section, not at every figure there
    can_part: dict[Optional[str], tuple[list[int], list[Figure]]] = {}
    for p in sorted(figs, key=lambda o: o.start):
        pq = ctx.value_q(p)
        if p.role == "actual" and ctx.growth(p) is not None and pq is not None:
            starts, members = can_part.setdefault(ctx.dim(pq), ([], []))
            starts.append(p.start)
            members.append(p)
    for tot in figs:
        tq, gc = ctx.value_q(tot), ctx.growth(tot)
        if tq is None or gc is None or ctx.comparisons(tot, "contribution") or tot.role != "actual":
            continue
        s0, s1 = ctx.section_span(tot.start)
        # those after the total in its section, in document order (found by position, not a scan)
        starts, members = can_part.get(ctx.dim(tq), ([], []))
        after = sorted(members[bisect_left(starts, tot.start + 1):bisect_left(starts, s1)], key=lambda p: p.id)
        parts = [p for p in after if _same_indicator(tot.indicator, p.indicator) and p.entity != tot.entity]
        if len(parts) < 2:
            continue
        vals = [ctx.iv(ctx.value_q(p)) for p in parts]  # type: ignore[arg-type]
        if judge(tq.value, tq.decimals, total(vals)).status != "consistent":
            continue  # not the whole set of parts
        if comparable_prices(tot.indicator):
            gq0 = ctx.q(ctx.growth(tot).quantity)  # type: ignore[union-attr]
            ctx.unverifiable("growth_from_parts", "growth of value added is at comparable prices; the values are at "
                             "current prices", "增加值增速按可比价格计算,不能由现价数值推算",
                             [ctx.ev_q(gq0, "claim", "growth")], "growth of total from its parts' priors",
                             ctx.signed(ctx.growth(tot)).nom)  # type: ignore[union-attr]
            continue
        gs = [ctx.signed(ctx.growth(p)) for p in parts]  # type: ignore[arg-type]
        try:
            w = growth_of_total(vals, gs)  # the parts' own sum, which agrees with the total written
        except (ZeroDivisionError, ArithmeticError):
            continue
        P = Iv.exact(sum((v.nom / (1 + g.nom / 100) for v, g in zip(vals, gs) if g is not None), Decimal(0)))
        G = ctx.signed(gc)
        gq = ctx.q(gc.quantity)
        assert G is not None and gq is not None
        v = judge(G.nom, gq.decimals, w)
        ev = [ctx.ev_q(gq, "claim", "growth"), ctx.ev_q(tq, "input", "total")]
        for p in parts:
            ev += [ctx.ev_q(ctx.value_q(p), "input", "part"), ctx.ev_q(ctx.q(ctx.growth(p).quantity), "input", "part growth")]  # type: ignore[arg-type,union-attr]
        ctx.emit("growth_from_parts", v, claimed=G.nom, computed=w, decimals=gq.decimals,
                 formula="growth of total = total / Σ part/(1+part growth) − 1",
                 zh=f"总量 {tq.text} 增速 {gq.text}:由各部分增速推得上年合计 {P.nom:.4f},增速应为 {w.nom:.2f}%",
                 en=f"total {tq.text} growing {gq.text}: the parts' growths imply a prior total of {P.nom:.4f}, "
                    f"so growth {w.nom:.2f}%",
                 evidence=ev, figure=tot.id)
