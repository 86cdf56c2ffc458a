"""Checks inside a table: column sums against 合计, size-bucket parts against the row total, derived
columns (rates, ratios, shares, coverage, intensity) against their inputs, and whole-count growths."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Optional

from ..models import Evidence
from ..quantities.units import lexicon
from .arith import fmt, HUNDRED, Iv, Verdict, half_unit, judge, total
from .base import Ctx, config, norm_indicator, similarity
from .tableview import cell_ev, ColView, RowView, summable, TableView, tname

def column_sum(tv: TableView, col: ColView) -> tuple[Iv, list[tuple[RowView, Iv]]]:
    """Σ of a column over the data rows; blank, — and 0 cells add nothing."""
    vals = [(r, iv) for r, _, iv in tv.column_values(col)]
    return total(iv for _, iv in vals), vals


def table_column_sum(ctx: Ctx) -> None:
    for tv in ctx.tables:
        if tv.total is None:
            continue
        for col in tv.numeric_cols():
            tcell = tv.total.cells.get(col.index)
            tiv = tv.iv(tcell, col)
            if not summable(col) or tcell is None or tiv is None:
                continue
            s, vals = column_sum(tv, col)
            if not vals:
                continue
            n = tv.number(tcell)
            assert n is not None
            v = judge(n[0], n[1], s, exact_claim=tiv.is_point and s.is_point)
            ctx.emit("table_column_sum", v, claimed=n[0], computed=s, decimals=n[1],
                     formula=f"合计 = Σ {col.name} over {len(vals)} rows",
                     zh=f"{tname(tv)}「{col.name}」列各行之和 {fmt(s.nom)},合计行写为 {tcell.text}",
                     en=f"{tname(tv)} column {col.name!r}: the rows add to {fmt(s.nom)}, 合计 says {tcell.text}",
                     evidence=[cell_ev(tv, tv.total, col, "claim", "合计")]  # type: ignore[list-item]
                     + [cell_ev(tv, r, col) for r, _ in vals])


def _row_total_col(tv: TableView, group: list[ColView]) -> Optional[ColView]:
    rx = re.compile(config()["columns"]["row_total"])
    first = min(c.index for c in group)
    cands = [c for c in tv.numeric_cols() if c not in group and c.index < first and c.dim == group[0].dim
             and rx.search(c.name) and summable(c)]
    return cands[-1] if cands else None


def bucket_groups(tv: TableView) -> list[list[ColView]]:
    """Columns under one parent header ("项目完成情况/0.5—1亿元" ...), same dimension, summable."""
    groups: dict[str, list[ColView]] = {}
    for c in tv.numeric_cols():
        if "/" in c.name and summable(c):
            groups.setdefault(c.name.rsplit("/", 1)[0], []).append(c)
    return [g for g in groups.values() if len(g) >= 2 and len({c.dim for c in g}) == 1]


def table_row_parts(ctx: Ctx) -> None:
    for tv in ctx.tables:
        for group in bucket_groups(tv):
            tcol = _row_total_col(tv, group)
            if tcol is None:
                continue
            for row in tv.rows:
                tcell = row.cells.get(tcol.index)
                tiv = tv.iv(tcell, tcol)
                if tcell is None or tiv is None:
                    continue
                parts = [(c, tv.iv(row.cells.get(c.index), c)) for c in group]
                parts = [(c, iv) for c, iv in parts if iv is not None]
                s = total(iv for _, iv in parts)
                n = tv.number(tcell)
                assert n is not None
                v = judge(n[0], n[1], s, exact_claim=tiv.is_point and s.is_point)
                ctx.emit("table_row_parts", v, claimed=n[0], computed=s, decimals=n[1],
                         formula=f"{tcol.name} = Σ {group[0].name.rsplit('/', 1)[0]} buckets",
                         zh=f"{tname(tv)} {row.name}:分档之和 {fmt(s.nom)},{tcol.name}写为 {tcell.text}",
                         en=f"{tname(tv)} {row.name}: the buckets add to {fmt(s.nom)}, {tcol.name} says {tcell.text}",
                         evidence=[cell_ev(tv, row, tcol, "claim", tcol.name)]  # type: ignore[list-item]
                         + [cell_ev(tv, row, c) for c, _ in parts])


# --- derived columns ------------------------------------------------------------------------
@dataclass
class Derived:
    col: ColView
    num: ColView
    den: ColView
    scale: str  # "100" (percent), "1" (ratio) or "unit" (a compound unit such as 万元/亩)


@lru_cache(maxsize=None)
def _specs() -> list[tuple[re.Pattern[str], dict]]:
    return [(re.compile(d["column"]), d) for d in config()["derived"]]


def _find_col(tv: TableView, spec: str, exclude: set[int]) -> Optional[ColView]:
    """A column named by a captured phrase (exact, then containment, then close) or by a regex."""
    cols = [c for c in tv.numeric_cols() if c.index not in exclude and not c.growth]
    want = norm_indicator(spec)
    exact = [c for c in cols if norm_indicator(c.name) == want]
    if exact:
        return exact[0]
    inside = [c for c in cols if want and (norm_indicator(c.name).startswith(want) or want in norm_indicator(c.name))]
    if len(inside) == 1:
        return inside[0]
    close = sorted(((similarity(c.name, want), c) for c in cols), key=lambda t: -t[0])
    if close and close[0][0] >= 0.6 and (len(close) == 1 or close[1][0] < close[0][0]):
        return close[0][1]
    return None


def _find_rx(tv: TableView, rx: str, exclude: set[int]) -> Optional[ColView]:
    r = re.compile(rx)
    hits = [c for c in tv.numeric_cols() if c.index not in exclude and not c.growth and r.search(c.name)]
    return hits[0] if len(hits) == 1 else None


def derived_columns(tv: TableView) -> list[Derived]:
    out: list[Derived] = []
    for col in tv.numeric_cols():
        if col.growth:
            continue
        for rx, spec in _specs():
            m = rx.search(col.name)
            if not m:
                continue
            ex = {col.index}
            gd = m.groupdict()
            if spec.get("num") == "@before":
                before = [c for c in tv.numeric_cols() if c.index < col.index and not c.growth and summable(c)]
                num = before[-1] if before else None
            elif gd.get("num"):
                num = _find_col(tv, gd["num"], ex)
            else:
                num = _find_rx(tv, spec["num"], ex)
            if num is None:
                continue
            den = _find_col(tv, gd["den"], ex | {num.index}) if gd.get("den") else _find_rx(tv, spec["den"], ex | {num.index})
            if den is None:
                continue
            out.append(Derived(col, num, den, spec.get("scale", "100")))
            break
    return out


def _unit_parts(unit: str) -> Optional[tuple[Decimal, Decimal]]:
    """万元/亩 -> (factor of 万元, factor of 亩) in base units."""
    if "/" not in unit:
        return None
    a, b = unit.split("/", 1)
    ua, ub = lexicon().by_form.get(a), lexicon().by_form.get(b)
    return (ua.factor, ub.factor) if ua and ub else None


def derive(d: Derived, num: Iv, den: Iv) -> Optional[Iv]:
    """The derived value from its inputs (each already in base units)."""
    if den.lo <= 0:
        return None
    if d.scale == "unit":
        parts = _unit_parts(d.col.unit or "")
        if parts is None:
            return None
        return (num.scale(1 / parts[0])) / (den.scale(1 / parts[1]))
    r = num / den
    return r.scale(HUNDRED) if d.scale == "100" else r


def table_derived(ctx: Ctx) -> None:
    for tv in ctx.tables:
        for d in derived_columns(tv):
            if d.num.factor is None or d.den.factor is None:
                continue
            for row in tv.rows + ([tv.total] if tv.total is not None else []):
                cell = row.cells.get(d.col.index)
                n = tv.number(cell)
                a, b = tv.base_iv(row.cells.get(d.num.index), d.num), tv.base_iv(row.cells.get(d.den.index), d.den)
                if cell is None or n is None or a is None or b is None:
                    continue
                comp = derive(d, a, b)
                if comp is None:
                    continue
                v = judge(n[0], n[1], comp)
                ctx.emit("table_derived", v, claimed=n[0], computed=comp, decimals=n[1],
                         formula=f"{d.col.name} = {d.num.name} / {d.den.name}" + (" × 100" if d.scale == "100" else ""),
                         zh=f"{tname(tv)} {row.name}「{d.col.name}」= {d.num.name} ÷ {d.den.name} = {comp.nom:.4f},表中写为 {cell.text}",  # type: ignore[union-attr]
                         en=f"{tname(tv)} {row.name} {d.col.name!r} = {d.num.name} / {d.den.name} = {comp.nom:.4f}; the table says {cell.text}",
                         evidence=[cell_ev(tv, row, d.col, "claim", d.col.name), cell_ev(tv, row, d.num, "input", d.num.name),  # type: ignore[list-item]
                                   cell_ev(tv, row, d.den, "input", d.den.name)])


def table_grim(ctx: Ctx) -> None:
    """A whole count with its growth (高新技术企业数 24, 增速 14.3%): some whole prior must give it."""
    for tv in ctx.tables:
        for col in tv.numeric_cols():
            if col.dim != "count" or col.growth or (col.factor is not None and col.factor != 1):
                continue  # a count in 万 is rounded: its prior need not be whole
            gcol = next((c for c in tv.cols.values() if c.growth and c.growth_of == col.index), None)
            if gcol is None:
                continue
            for row in tv.rows:
                nc, gc = tv.number(row.cells.get(col.index)), tv.number(row.cells.get(gcol.index))
                if nc is None or gc is None or nc[1] != 0 or nc[0] <= 0:
                    continue
                n, (g, d) = int(nc[0]), gc
                if g <= -100:
                    continue
                est = Decimal(n) / (1 + g / HUNDRED)
                if est <= 0 or Decimal(100 * n) / (est * est) <= 2 * half_unit(d):
                    continue  # every growth is reachable at this size: the test says nothing
                qd = Decimal(1).scaleb(-d)
                cands = list(range(max(1, int(est) - 2), int(est) + 3))
                hit = next((P for P in cands if ((Decimal(n) / P - 1) * HUNDRED).quantize(qd, rounding=ROUND_HALF_UP) == g), None)
                near = hit if hit is not None else min(cands, key=lambda P: abs((Decimal(n) / P - 1) * HUNDRED - g))
                comp = Iv.exact((Decimal(n) / near - 1) * HUNDRED)
                ctx.emit("grim", Verdict("consistent" if hit is not None else "mismatch", half_unit(d)), claimed=g,
                         computed=comp, decimals=d, formula=f"{gcol.name} = {col.name} / P − 1 for some whole prior P",
                         zh=f"{tname(tv)} {row.name}:{col.name} {n},上年整数 {near} 得增速 {comp.nom:.3f}%,表中写为 {g}%",
                         en=f"{tname(tv)} {row.name}: {col.name} {n} on a whole prior of {near} grows {comp.nom:.3f}%; the table says {g}%",
                         evidence=[cell_ev(tv, row, gcol, "claim", gcol.name), cell_ev(tv, row, col, "input", col.name)])  # type: ignore[list-item]
