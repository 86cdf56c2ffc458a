"""Split a table block into lines of raw cells with offsets in the repaired text.

Three layouts: tab-separated, markdown pipe (| a | b |, with a |---| separator line) and
whitespace-aligned (fields apart by 2+ spaces). In an aligned table an empty cell leaves only a
gap, so fields are placed in columns by their display position (CJK characters are two wide).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal, Optional

from ..lines import is_pipe_line, is_source_line, is_table_line, is_unit_line

Layout = Literal["tab", "pipe", "aligned"]


@dataclass
class RawCell:
    text: str  # stripped
    start: int  # repaired-text offsets of the stripped text; an empty cell has start == end
    end: int


@dataclass
class RawLine:
    start: int
    end: int
    cells: list[RawCell]
    problem: Optional[str] = None  # an aligned line whose fields do not fit the column grid


@dataclass
class Block:
    layout: Layout
    lines: list[RawLine] = field(default_factory=list)
    header_rows: Optional[int] = None  # known from a pipe separator line, else None
    bare: bool = False  # pipe rows without their first bar: a web copy, whose merged cells may be lost
    unit_line: Optional[RawCell] = None
    source_line: Optional[RawCell] = None


def _strip(text: str, start: int) -> RawCell:
    """The cell with surrounding whitespace removed; an empty cell sits where its text would start."""
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    return RawCell(body, start + lead, start + lead + len(body)) if body else RawCell("", start, start)


def _tab_cells(line: str, start: int) -> list[RawCell]:
    cells, pos = [], start
    for part in line.split("\t"):
        cells.append(_strip(part, pos))
        pos += len(part) + 1
    return cells


_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
_SEPARATOR = re.compile(r"^\s*:?-{2,}:?\s*$")


def _pipe_cells(line: str, start: int) -> list[RawCell]:
    bars = [m.start() for m in _PIPE_SPLIT.finditer(line)]
    if line.strip().startswith("|"):
        bounds = bars
    else:
        bounds = [-1] + bars
    if not line.rstrip().endswith("|"):
        bounds = bounds + [len(line)]
    return [_strip(line[a + 1:b], start + a + 1) for a, b in zip(bounds, bounds[1:])]


def _is_separator(cells: list[RawCell]) -> bool:
    return bool(cells) and all(_SEPARATOR.match(c.text) for c in cells)


_FIELD = re.compile(r"\S+(?: \S+)*")  # runs apart by two or more spaces


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@dataclass
class _Field:
    cell: RawCell
    left: int  # display columns
    right: int


def _aligned_fields(line: str, start: int) -> list[_Field]:
    out = []
    for m in _FIELD.finditer(line):
        left = _width(line[:m.start()])
        out.append(_Field(RawCell(m.group(), start + m.start(), start + m.end()), left, left + _width(m.group())))
    return out


def _fit(f: _Field, g: _Field) -> tuple[int, int]:
    """How well a field sits under a grid column: overlap first, then nearness of centres."""
    overlap = min(f.right, g.right) - max(f.left, g.left)
    return overlap, -abs((f.left + f.right) - (g.left + g.right))


def _place(fields: list[_Field], grid: list[_Field]) -> Optional[list[Optional[_Field]]]:
    """Put each field in the grid column it fits best; None if two fields want the same column."""
    slots: list[Optional[_Field]] = [None] * len(grid)
    last = -1
    for f in fields:
        best = max(range(len(grid)), key=lambda i: _fit(f, grid[i]))
        if best <= last:
            return None
        slots[best] = f
        last = best
    return slots


def _aligned_lines(raw: list[tuple[int, str]]) -> list[RawLine]:
    rows = [(s, line, _aligned_fields(line, s)) for s, line in raw]
    grid = max((f for _, _, f in rows), key=len)  # the first line with the most fields
    out = []
    for s, line, fields in rows:
        if len(fields) == len(grid):
            out.append(RawLine(s, s + len(line), [f.cell for f in fields]))
            continue
        slots = _place(fields, grid)
        if slots is None:
            out.append(RawLine(s, s + len(line), [f.cell for f in fields],
                               problem="fields do not line up with the columns"))
            continue
        cells, pos = [], s
        for slot in slots:
            if slot is None:
                cells.append(RawCell("", pos, pos))
            else:
                cells.append(slot.cell)
                pos = slot.cell.end
        out.append(RawLine(s, s + len(line), cells))
    return out


def _layout(lines: list[str]) -> Layout:
    tab = sum("\t" in l for l in lines)
    pipe = sum(is_pipe_line(l) for l in lines)
    if tab >= pipe and tab:
        return "tab"
    return "pipe" if pipe else "aligned"


def split_block(text: str, start: int, end: int) -> Block:
    """Raw cells of the table lines in text[start:end]; 单位 and 数据来源 lines are set apart."""
    raw: list[tuple[int, str]] = []
    unit_line = source_line = None
    pos = start
    for line in text[start:end].split("\n"):
        s = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        if is_unit_line(line) and not is_table_line(line):
            unit_line = unit_line or _strip(line, s)
        elif is_source_line(line):
            source_line = source_line or _strip(line, s)
        else:
            raw.append((s, line))
    layout = _layout([l for _, l in raw])
    block = Block(layout, unit_line=unit_line, source_line=source_line,
                  bare=layout == "pipe" and not any(l.lstrip().startswith("|") for _, l in raw))
    if not raw:
        return block
    if layout == "aligned":
        block.lines = _aligned_lines(raw)
        return block
    for s, line in raw:
        cells = _tab_cells(line, s) if layout == "tab" else _pipe_cells(line, s)
        if layout == "pipe" and _is_separator(cells):
            if block.header_rows is None:
                block.header_rows = len(block.lines)
            continue
        block.lines.append(RawLine(s, s + len(line), cells))
    return block
