"""Header rows: how many there are, and the column names and units they give.

A second header row completes the first: it has no data-like cell and fills at least two
positions the first row left empty to the right of a label (a merged group cell such as
项目完成情况 over five size buckets). A group label then spans its columns: names are the
header path joined with "/", e.g. "项目完成情况/0.5—1亿元".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .cells import is_number_like
from .lexicon import canonical_unit

_PAREN_UNIT = re.compile(r"^(.*?)\s*[(（]\s*(?:单位\s*[:：]\s*)?([^()（）]+?)\s*[)）]\s*$")
_PERCENT_TAIL = re.compile(r"^(.*?)\s*[%％]$")


@dataclass
class HeaderColumn:
    name: str  # header path without units, joined with "/"
    unit: Optional[str]  # canonical unit written in the header, the deepest level winning


def split_unit(label: str) -> tuple[str, Optional[str]]:
    """工业投资(亿元) -> (工业投资, 亿元); 增长% -> (增长, %); 开发区(园区) stays whole: 园区 is no unit."""
    m = _PAREN_UNIT.match(label)
    if m:
        unit = canonical_unit(m.group(2))
        if unit:
            return m.group(1).strip(), unit
    m = _PERCENT_TAIL.match(label)
    if m:
        return m.group(1).strip(), "%"
    return label, None


def _header_like(row: list[str]) -> bool:
    return any(row) and not any(is_number_like(c) for c in row)


def _span_slots(row: list[str]) -> set[int]:
    """Empty positions right of a label: where a merged group cell continues."""
    slots, seen_label = set(), False
    for c, text in enumerate(row):
        if text:
            seen_label = True
        elif seen_label:
            slots.add(c)
    return slots


def count_header_rows(rows: list[list[str]]) -> int:
    """Leading rows that are header: the first if it reads as labels, then rows that complete it."""
    if not rows or not _header_like(rows[0]):
        return 0
    n = 1
    while n < len(rows) and _header_like(rows[n]):
        filled = [c for c, text in enumerate(rows[n]) if text]
        slots = _span_slots(rows[n - 1])
        if len(filled) < 2 or not slots.intersection(filled):
            break
        n += 1
    return n


def build_columns(header: list[list[str]], width: int) -> list[HeaderColumn]:
    grid = [(row + [""] * width)[:width] for row in header]
    filled = [list(r) for r in grid]
    for r in range(len(grid) - 1):
        label: Optional[str] = None
        for c in range(width):
            below = any(grid[r2][c] for r2 in range(r + 1, len(grid)))
            if grid[r][c]:
                label = grid[r][c] if below else None  # only a label with sub-labels is a group
            elif label is not None and below:
                filled[r][c] = label
            else:
                label = None
    columns = []
    for c in range(width):
        parts: list[str] = []
        for r in range(len(filled)):
            if filled[r][c] and (not parts or parts[-1] != filled[r][c]):
                parts.append(filled[r][c])
        names, unit = [], None
        for p in parts:
            name, u = split_unit(p)
            if name:
                names.append(name)
            unit = u or unit
        columns.append(HeaderColumn("/".join(names), unit))
    return columns


_COLUMN_NO_LABEL = re.compile(r"^(?:甲|乙|丙|栏次|欄次|序号|A|B)?$")


def is_column_numbers(row: list[str]) -> bool:
    """"栏次 | 1 | 2 | 3": the 栏次 row of a statistical table numbers its columns; it names nothing."""
    cells = [c.strip() for c in row]
    while cells and not cells[-1]:
        cells.pop()
    lead = 0
    while lead < len(cells) and _COLUMN_NO_LABEL.match(cells[lead]) and not cells[lead].isdigit():
        lead += 1
    numbers = cells[lead:]
    return len(numbers) >= 3 and numbers == [str(i) for i in range(1, len(numbers) + 1)]


def realign_flattened(header: list[list[str]], width: int) -> Optional[list[list[str]]]:
    """Header rows of a web table whose merged cells were flattened away ("项目 | 本年 | 上年同期 |"
    over "本月 | 累计 | 本月 | 累计 |"): each row lost the cells its rowspans and colspans covered.

    The deepest row holds leaf columns and is aligned right: the columns left of it are labels
    spanning all header rows. In a row above, a label at a column no deeper row covers spans that
    column alone; the labels after it share the covered columns evenly. None when a row cannot be
    placed so (too long, or labels that do not divide the columns): no name beats a wrong one."""
    rows = [list(r) for r in header]
    for r in rows:
        while r and not r[-1]:
            r.pop()
    if any(len(r) > width for r in rows):
        return None
    if not rows or all(len(r) == width for r in rows):
        return header
    grid = [[""] * width for _ in rows]
    covered = [False] * width
    for i in range(len(rows) - 1, -1, -1):
        labels = rows[i]
        if i == len(rows) - 1:
            for k, label in enumerate(labels):
                grid[i][width - len(labels) + k] = label
                covered[width - len(labels) + k] = True
            continue
        col, k = 0, 0
        while k < len(labels) and col < width and not covered[col]:
            grid[i][col] = labels[k]
            covered[col] = True  # a label spanning the header rows down to the body
            col, k = col + 1, k + 1
        rest, span = labels[k:], [c for c in range(col, width) if covered[c]]
        if rest and (not span or len(span) % len(rest)):
            return None
        step = len(span) // len(rest) if rest else 0
        for n, label in enumerate(rest):
            grid[i][span[n * step]] = label  # build_columns spreads a group over the empty cells after it
    return grid
