"""Sums along a table's row tree and across its total column.

Statistical tables nest their rows by label: a group heading (一、按行业分) whose numbered items
(1、批发业 … 4、餐饮业) break down the table's total row, rows under an item (限额以上, 限额以下)
that break the item down, and 其中 rows that are only parts. Yearbook tables put the total in a
合计 column left of its parts. Neither layout says outright that the parts are complete, so a
set of parts is read as a partition only when the arithmetic agrees elsewhere in the table too:
in another column for a set of rows, in other rows for a set of columns. Where it then fails, a
cell was mistyped. A group named 按…分 whose one column cannot be cross-checked is doubtful.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from .arith import fmt, Iv, judge, total, Verdict
from .base import Ctx, Doubt, pattern
from .tableview import cell_ev, ColView, RowView, summable, TableView, tname


@dataclass
class _Group:
    parent: RowView
    children: list[RowView]
    heading: Optional[RowView] = None  # the 按…分 row a group of numbered items stands under


def _style(name: str) -> str:
    """How a row label is numbered: a marker style ("一、", "(一)", "1.", "(1)"), "part" (其中 / #) or
    "plain"."""
    if pattern("table_tree", "qizhong").match(name):
        return "part"
    for style in ("major", "paren_major", "minor", "paren_minor"):
        if pattern("table_tree", style).match(name):
            return style
    return "plain"


def _has_values(tv: TableView, row: RowView, cols: list[ColView]) -> bool:
    return any(tv.number(row.cells.get(c.index)) is not None for c in cols)


def row_groups(tv: TableView, cols: list[ColView]) -> list[_Group]:
    """Parent rows with the rows that break them down, from the labels' numbering.

    Marker styles nest in the order they first appear (一、 over (一) over 1. over (1)): a row's parent
    is the nearest row before it of a shallower style, and its siblings are the rows of its style under
    that parent. A group heading without values (一、按行业分) breaks down the row its parent does (the
    table's total). Plain rows sit under the numbered row before them; a 其中 (#) row opens a group of
    parts that the plain rows after it join."""
    rows = sorted(tv.rows + tv.group_labels, key=lambda r: r.index)
    if not rows:
        return []
    grand: Optional[RowView] = tv.total
    if grand is None and _style(rows[0].name) == "plain" and _has_values(tv, rows[0], cols):
        grand, rows = rows[0], rows[1:]
    depth: dict[str, int] = {}
    stack: list[tuple[int, RowView]] = []  # the numbered rows in effect, shallowest first
    groups: dict[tuple, _Group] = {}
    order: list[tuple] = []
    open_part: Optional[tuple] = None  # the 其中 group plain rows join
    parent_of: dict[int, Optional[RowView]] = {}

    def effective(row: Optional[RowView]) -> Optional[RowView]:
        # a heading with no values breaks down what its own parent is (the table's total row); a total
        # row without values has nothing above it to stand for it
        while row is not None and not _has_values(tv, row, cols):
            if row is grand:
                return None
            row = parent_of.get(row.index, grand)
        return row

    def add(key: tuple, parent: Optional[RowView], row: RowView, heading: Optional[RowView] = None) -> None:
        if key not in groups:
            groups[key] = _Group(parent, [], heading=heading)  # type: ignore[arg-type]
            order.append(key)
        groups[key].children.append(row)

    for row in rows:
        style = _style(row.name)
        if style == "part":
            parent = stack[-1][1] if stack else grand
            open_part = ("part", row.index)
            add(open_part, effective(parent), row)
            continue
        if style == "plain":
            if not _has_values(tv, row, cols):
                open_part = None  # a note or a label line ends the group before it
                continue
            if open_part is not None:
                groups[open_part].children.append(row)
            elif stack:
                add(("plain", stack[-1][1].index), effective(stack[-1][1]), row)
            continue
        open_part = None
        level = depth.setdefault(style, len(depth))
        while stack and stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1][1] if stack else grand
        parent_of[row.index] = parent
        heading = parent if parent is not None and parent is not grand and not _has_values(tv, parent, cols) else None
        add(("numbered", parent.index if parent is not None else -1, level), effective(parent), row, heading)
        stack.append((level, row))
    return [g for k in order if (g := groups[k]).parent is not None and len(g.children) >= 2]


def _judged(tv: TableView, claim: tuple[RowView, ColView],
            parts: list[tuple[RowView, ColView]]) -> Optional[tuple[Verdict, tuple[Decimal, int], Iv]]:
    """The claim cell against the sum of the part cells; None when a cell is blank (nothing says a
    blank part is zero)."""
    row, col = claim
    piv = tv.iv(row.cells.get(col.index), col)
    n = tv.number(row.cells.get(col.index))
    ivs = [tv.iv(r.cells.get(c.index), c) for r, c in parts]
    if piv is None or n is None or any(iv is None for iv in ivs):
        return None
    s = total(ivs)  # type: ignore[arg-type]
    return judge(n[0], n[1], s, exact_claim=piv.is_point and s.is_point), n, s


def _addable(col: ColView) -> bool:
    """A column whose cells add up: of a summable unit, or of no unit read but named as no rate, growth
    or share (a web table whose unit sits in a row label); the cross-check of another column guards
    the second kind."""
    if col.dim is None:
        return not col.growth and not pattern("table_tree", "not_addable").search(col.name)
    return summable(col)


def _holds_parts(tv: TableView, g: _Group, col: ColView) -> bool:
    """A column of no known unit adds up only if its parent cell is at least each child's (amounts do;
    a growth or a yield of the whole lies between its parts')."""
    p = tv.number(g.parent.cells.get(col.index))
    kids = [tv.number(r.cells.get(col.index)) for r in g.children]
    return p is not None and all(k is not None and 0 <= k[0] <= p[0] for k in kids)


def table_subtotals(ctx: Ctx) -> None:
    for tv in ctx.tables:
        cols = [c for c in tv.numeric_cols() if _addable(c)]
        for g in row_groups(tv, cols):
            judged = [(c, j) for c in cols if (c.dim is not None or _holds_parts(tv, g, c))
                      and (j := _judged(tv, (g.parent, c), [(r, c) for r in g.children])) is not None]
            agree = [c for c, (v, _, _) in judged if v.status != "mismatch"]
            named = g.heading is not None and pattern("table_tree", "breakdown").search(g.heading.name)
            for col, (v, n, s) in judged:
                cross = [c for c in agree if c is not col]
                if v.status == "mismatch" and not cross and not named:
                    continue  # nothing shows the parts are complete
                doubt = None
                if v.status == "mismatch" and not cross:
                    doubt = Doubt("the rows under the 按…分 heading are taken as complete",
                                  "按…分所列各项视为完整")
                names = "、".join(r.name for r in g.children)
                ctx.emit("table_subtotal", v, claimed=n[0], computed=s, decimals=n[1], doubt=doubt,
                         formula=f"{g.parent.name} = Σ {names} ({col.name})",
                         zh=f"{tname(tv)}「{col.name}」:{names}之和 {fmt(s.nom)},{g.parent.name}写为 {n[0]}",
                         en=f"{tname(tv)} {col.name!r}: {names} add to {fmt(s.nom)}, {g.parent.name} says {n[0]}",
                         evidence=[cell_ev(tv, g.parent, col, "claim", g.parent.name)]
                         + [cell_ev(tv, r, col) for r in g.children])


def total_column_groups(tv: TableView) -> list[tuple[ColView, list[ColView]]]:
    """A 合计 column and the columns right of it in its unit, when no header groups them."""
    cols = sorted((c for c in tv.numeric_cols() if summable(c)), key=lambda c: c.index)
    out = []
    for i, c in enumerate(cols):
        if "/" in c.name or not pattern("table_tree", "total_column").search(c.name):
            continue
        parts = [d for d in cols[i + 1:] if d.dim == c.dim and d.unit == c.unit and "/" not in d.name
                 and not pattern("table_tree", "total_column").search(d.name)]
        if len(parts) >= 2:
            out.append((c, parts))
    return out


def table_total_column(ctx: Ctx) -> None:
    for tv in ctx.tables:
        for tcol, parts in total_column_groups(tv):
            rows = [r for r in tv.rows if r is not tv.total]
            judged = [(row, j) for row in rows
                      if (j := _judged(tv, (row, tcol), [(row, c) for c in parts])) is not None]
            agree = sum(j[0].status != "mismatch" for _, j in judged)
            if agree < 2 or agree * 4 < len(judged) * 3:
                continue  # the parts are not the whole in most rows: not a partition
            for row, (v, n, s) in judged:
                names = "、".join(c.name for c in parts)
                ctx.emit("table_row_parts", v, claimed=n[0], computed=s, decimals=n[1],
                         formula=f"{tcol.name} = Σ {names}",
                         zh=f"{tname(tv)} {row.name}:{names}之和 {fmt(s.nom)},{tcol.name}写为 {n[0]}",
                         en=f"{tname(tv)} {row.name}: {names} add to {fmt(s.nom)}, {tcol.name} says {n[0]}",
                         evidence=[cell_ev(tv, row, tcol, "claim", tcol.name)] + [cell_ev(tv, row, c) for c in parts])
