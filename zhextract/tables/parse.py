"""Parse one table block of the repaired text into a Table (minimal: rows of raw cells)."""
from __future__ import annotations

from ..models import Cell, Table
from ..repair import Repaired


def parse_block(rep: Repaired, table_id: int, start: int, end: int) -> Table:
    s, e = rep.span(start, end)
    t = Table(id=table_id, start=s, end=e)
    pos = start
    for r, line in enumerate(rep.text[start:end].split("\n")):
        cells = []
        col_pos = pos
        for c, cell in enumerate(line.split("\t")):
            cs, ce = rep.span(col_pos, col_pos + len(cell))
            cells.append(Cell(row=r, col=c, text=cell, start=cs, end=ce))
            col_pos += len(cell) + 1
        if line.strip():
            t.rows.append(cells)
        pos += len(line) + 1
    return t
