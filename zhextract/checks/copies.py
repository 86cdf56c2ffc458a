"""A table given beside the document (an appendix workbook) that repeats one of the document's own
appendices: matched to it (``match``) and checked once, as the document's; where the two copies
disagree, each cell is a finding of its own (``appendix_copy``).

Rows are matched by their names (合计 to 合计), columns by their header names, so a copy with its
rows reordered or a column added still matches; a cell written with more decimals in one copy
agrees when it rounds to the other (a workbook shows 12.345 where the text prints 12.3).
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Optional

from ..models import Table
from .arith import Iv
from .base import Ctx
from .table_rules import cell_ev, tname
from .tableview import ColView, RowView, TableView

_SAME_NAME = 0.5  # share of rows and of columns two tables of the same label or title must share
_SAME_DATA = 0.8  # ... and two tables with neither in common


def match(own: list[TableView], given: list[TableView]) -> list[tuple[TableView, TableView]]:
    """(the document's table, the given table that repeats it), each table in one pair at most."""
    pairs: list[tuple[TableView, TableView]] = []
    taken: set[int] = set()
    for g in given:
        scored = [(_score(o, g), o) for o in own if o.id not in taken]
        scored = [(s, o) for s, o in scored if s is not None]
        if scored:
            best = max(scored, key=lambda x: x[0])[1]
            taken.add(best.id)
            pairs.append((best, g))
    return pairs


def _score(a: TableView, b: TableView) -> Optional[float]:
    rows = _overlap(set(_rows(a)), set(_rows(b)))
    cols = _overlap(set(_cols(a)), set(_cols(b)))
    named = bool(a.labels & b.labels) or bool(a.title and Table.match_key(a.title) == Table.match_key(b.title))
    least = _SAME_NAME if named else _SAME_DATA
    return rows + cols if rows >= least and cols >= least else None


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(len(a), len(b)) if a and b else 0.0


def _rows(tv: TableView) -> dict[str, RowView]:
    rows = tv.rows + ([tv.total] if tv.total is not None else [])
    return {("合计" if r.total else Table.match_key(r.name) or f"#{k}"): r for k, r in enumerate(rows)}


def _cols(tv: TableView) -> dict[str, ColView]:
    return {Table.match_key(c.name): c for c in tv.cols.values() if c.index != tv.entity_col and c.name}


def appendix_copy(ctx: Ctx) -> None:
    for own, given in ctx.copies:
        rows_a, rows_b = _rows(own), _rows(given)
        cols = [(ca, cb) for name, ca in _cols(own).items() if (cb := _cols(given).get(name)) is not None]
        compared, differ = [], 0
        for key, ra in rows_a.items():
            rb = rows_b.get(key)
            if rb is None:
                differ += _missing_row(ctx, own, ra, "the given copy")
                continue
            for ca, cb in cols:
                same = _same(own.number(ra.cells.get(ca.index)), given.number(rb.cells.get(cb.index)))
                if same is None:
                    continue
                compared.append((ra, ca, rb, cb))
                if not same:
                    differ += 1
                    _differs(ctx, own, given, ra, ca, rb, cb)
        for key, rb in rows_b.items():
            if key not in rows_a:
                differ += _missing_row(ctx, given, rb, "the document")
        if compared and not differ:  # one finding says the copy was read and agrees
            ra, ca, rb, cb = compared[0]
            ctx.emit("appendix_copy", "consistent", formula=f"{len(compared)} cells of the given copy = the document's",
                     zh=f"另附的表格与文中{tname(own)}一致({len(compared)} 个数值)",
                     en=f"the copy given beside the document agrees with its {tname(own)} ({len(compared)} numbers)",
                     evidence=[cell_ev(own, ra, ca, role="claim"), cell_ev(given, rb, cb)])


def _same(a: Optional[tuple[Decimal, int]], b: Optional[tuple[Decimal, int]]) -> Optional[bool]:
    """Do two cells' (value, decimals) say the same number? None when neither holds one; a value
    written with more decimals agrees when it rounds to the other."""
    if a is None and b is None:
        return None
    if a is None or b is None:
        return False
    step = Decimal(1).scaleb(-min(a[1], b[1]))
    return a[0] == b[0] or a[0].quantize(step, ROUND_HALF_UP) == b[0].quantize(step, ROUND_HALF_UP)


def _differs(ctx: Ctx, own: TableView, given: TableView, ra: RowView, ca: ColView, rb: RowView, cb: ColView) -> None:
    a, b = ra.cells.get(ca.index), rb.cells.get(cb.index)
    na, nb = own.number(a), given.number(b)
    where = f"{tname(own)}「{ra.name or '#' + str(ra.index + 1)}」「{ca.name}」"
    ta = own.quote(a) if a is not None else "(空)"
    tb = given.quote(b) if b is not None else "(空)"
    ctx.emit("appendix_copy", "mismatch", claimed=na[0] if na else None,
             computed=Iv.exact(nb[0]) if nb else None, decimals=nb[1] if nb else 2,
             formula=f"{where}: the document's cell = the given copy's cell",
             zh=f"{where}:文中附表为 {ta},另附的表格为 {tb}",
             en=f"{where}: the document's appendix says {ta}, the copy given beside it {tb}",
             evidence=[cell_ev(own, ra, ca, role="claim"), cell_ev(given, rb, cb)])


def _missing_row(ctx: Ctx, has: TableView, row: RowView, where: str) -> int:
    """A row one copy has and the other does not: a finding on its first cell (1), or none (0)."""
    col = next((c for c in has.cols.values() if row.cells.get(c.index) is not None), None)
    if col is None:
        return 0
    ctx.emit("appendix_copy", "mismatch", formula=f"row {row.name!r} in both copies",
             zh=f"{tname(has)}「{row.name}」行在{'另附的表格' if where == 'the given copy' else '文中附表'}中没有",
             en=f"{tname(has)} row {row.name!r} is missing from {where}",
             evidence=[cell_ev(has, row, col, role="claim")])
    return 1
