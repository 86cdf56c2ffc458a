"""Parse one table block of the repaired text into a Table.

Table.rows holds every body row (header rows excluded), the 合计 row included and pointed at by
Table.total_row; Table.columns comes from the header. Cell offsets are ORIGINAL offsets. A row
with more or fewer cells than the header is kept as written and reported in Table.issues; its
cells are never moved to other columns.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from ..lines import is_unit_line
from ..models import Cell, Column, Table, TableIssue
from ..repair import Repaired
from .cells import parse_cell
from .context import find_context
from .headers import HeaderColumn, build_columns, count_header_rows, is_column_numbers, realign_flattened
from .lexicon import canonical_unit, lexicon
from .split import RawLine, split_block
from .units import column_unit, parse_unit_line


def _leaf(name: str) -> str:
    return name.rsplit("/", 1)[-1]


def _bare(text: str) -> str:
    return re.sub(r"\s", "", text)


def _drop_banner_rows(lines: list[RawLine], table: Table,
                      unit_line: Optional[str]) -> tuple[list[RawLine], Optional[str]]:
    """A title or 单位 line exported as the first row of the grid is not a header."""
    wide = max((len(l.cells) for l in lines), default=0) >= 3
    while len(lines) > 1:
        filled = [c for c in lines[0].cells if c.text]
        if len(filled) != 1 or not (is_unit_line(filled[0].text) or (wide and lines[0].cells[0].text)):
            break
        if is_unit_line(filled[0].text):
            unit_line = unit_line or filled[0].text
        elif table.title is None:
            table.title = filled[0].text
        lines = lines[1:]
    return lines, unit_line


def _width(rows: list[list[str]]) -> int:
    return max((max((i + 1 for i, t in enumerate(r) if t), default=0) for r in rows), default=0)


def parse_block(rep: Repaired, table_id: int, start: int, end: int) -> Table:
    text = rep.text
    lex = lexicon()
    block = split_block(text, start, end)
    ctx = find_context(text, start)
    s, e = rep.span(start, end)
    table = Table(id=table_id, start=s, end=e, title=ctx.title, label=ctx.label,
                  source_line=block.source_line.text if block.source_line else None)
    unit_line = block.unit_line.text if block.unit_line else ctx.unit_line
    lines, unit_line = _drop_banner_rows(block.lines, table, unit_line)
    table.unit_line = unit_line
    if not lines:
        return table

    texts = [[c.text for c in l.cells] for l in lines]
    if block.header_rows is not None:  # a pipe table's |---| line ends its header
        n_head = max(block.header_rows - (len(block.lines) - len(lines)), 0)
    else:
        n_head = count_header_rows(texts)
    head = texts[:n_head]
    if n_head < len(texts) and is_column_numbers(texts[n_head]):
        n_head += 1  # the 栏次 row closes the header and names nothing
    width = _width(head or texts)
    ragged = False
    if block.bare and head and _ragged_header(head, texts[n_head:]):
        # A web copy drops the empty corner cells and the spans of merged header cells: put the labels
        # back over their columns, or, when they cannot be placed, give no unit rather than a shifted one
        body_width = max(width, _width(texts[n_head:]))
        grid = realign_flattened(head, body_width)
        if grid is not None:
            head, width = grid, body_width
        else:
            ragged = True
            table.issues.append(TableIssue(row=0, message="header cells do not line up with the body "
                                           "(a web copy lost its merged cells): no column units", start=s, end=s))
    heads = build_columns(head, width)
    if ragged:
        heads = [HeaderColumn(h.name, None) for h in heads]
    body = lines[n_head:]

    # Read every cell first: a column of words (names, 达标, "6个5亿") and no numbers has no unit.
    parsed = [[parse_cell(c.text) for c in l.cells] for l in body]
    numeric = {c for row in parsed for c, v in enumerate(row) if v.value is not None}
    wordy = {c for row in parsed for c, v in enumerate(row) if v.note == "text"} - numeric
    unit_cols = [c for c, h in enumerate(heads) if _leaf(h.name) in lex.unit_columns]
    specs = parse_unit_line(unit_line) if unit_line else []
    index_cols = {c for c, h in enumerate(heads)
                  if _leaf(h.name) in lex.index_columns or _is_running_number(parsed, c)}
    for c, h in enumerate(heads):
        unit = h.unit
        if unit is None and not ragged and c not in wordy and c not in index_cols and c not in unit_cols:
            unit = column_unit(h.name, None, specs, per_row_units=bool(unit_cols))
        table.columns.append(Column(index=c, name=h.name, unit=unit))

    for r, (line, values) in enumerate(zip(body, parsed)):
        raw = list(line.cells)
        while len(raw) > width and not raw[-1].text:  # a trailing tab is not a cell
            raw.pop()
        row_unit = canonical_unit(raw[unit_cols[0]].text) if unit_cols and unit_cols[0] < len(raw) and not ragged \
            else None
        cells = []
        for c, (rc, v) in enumerate(zip(raw, values)):
            unit = None
            if v.value is not None and c < width and c not in index_cols:
                unit = v.unit or table.columns[c].unit or row_unit
            cs, ce = rep.span(rc.start, rc.end)
            # Checked values (parse_cell, the offset map): no need to validate each cell again.
            cells.append(Cell.trusted(row=r, col=c, text=rc.text, start=cs, end=ce, value=v.value,
                                      unit=unit, decimals=v.decimals, note=v.note))
        table.rows.append(cells)
        _check_row(table, r, line, raw, width, rep)

    table.total_row = _total_row(table)
    return table


def _filled(row: list[str]) -> int:
    """Cells up to the last non-empty one."""
    return max((c + 1 for c, t in enumerate(row) if t), default=0)


def _ragged_header(header: list[list[str]], body: list[list[str]]) -> bool:
    """A header row that fills fewer cells than the body rows do."""
    widest = max((_filled(r) for r in body), default=0)
    return any(_filled(r) < widest for r in header)


def _is_running_number(parsed: list, col: int) -> bool:
    """A first column counting 1, 2, 3 … is a running number (序号, 排名) whatever its header says."""
    if col != 0:
        return False
    values = [row[col].value for row in parsed if len(row) > col and row[col].value is not None]
    return len(values) >= 2 and values == [Decimal(i) for i in range(1, len(values) + 1)]


def _check_row(table: Table, r: int, line: RawLine, raw: list, width: int, rep: Repaired) -> None:
    ls, le = rep.span(line.start, line.end)
    if line.problem:
        table.issues.append(TableIssue(row=r, message=line.problem, start=ls, end=le))
    elif len(raw) > width:
        extra = "、".join(repr(c.text) for c in raw[width:] if c.text)
        table.issues.append(TableIssue(row=r, message=f"row has {len(raw)} cells, the header has {width}: "
                                       f"{extra} beyond the last column", start=ls, end=le))
    elif len(raw) < width:
        table.issues.append(TableIssue(row=r, message=f"row has {len(raw)} cells, the header has {width}: "
                                       f"the last {width - len(raw)} missing", start=ls, end=le))


def _total_row(table: Table) -> Optional[int]:
    """The first row whose entity cell, or a cell before it (序号 merged with 合计), is a total word."""
    totals = lexicon().totals
    upto = table.entity_col if table.entity_col is not None else 1
    for r, row in enumerate(table.rows):
        if any(_bare(c.text) in totals for c in row[:upto + 1]):
            return r
    return None
