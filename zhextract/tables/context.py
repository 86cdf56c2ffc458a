"""Title and label of a table, read from the lines above its block.

The nearest title-like line above the block is the title ("## 2020年…情况表", "## 表1:…"); the
nearest "附件N" line is the annex. An annex whose first table has a 表N title holds several
numbered tables (附件4: 表1, 表3 → "附件4 表1", "附件4 表3"); an annex whose first table is
untitled by number holds that table only, so a later "## 表2:…" under it is labelled "表2"
alone, as the text says.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Optional

from ..lines import TERMINAL, is_source_line, is_table_line, is_unit_line

_ANNEX = re.compile(r"^\s*(?:#{1,6}\s*)?(附件|附表)\s*(\d+)\s*(?:[:：]\s*(.*))?$")
_TABLE_NO = re.compile(r"^\s*(?:#{1,6}\s*)?(表\s*\d+)\s*(?:[:：．.、]\s*|\s+)?(.*)$")
_MD = re.compile(r"^\s*#{1,6}\s*")
_UNIT_IN_TITLE = re.compile(r"\s*[(（]?\s*(单位\s*[:：][^)）]*)[)）]?\s*$")
_LOOK_LINES = 3  # title, annex and 单位 lines sit right above a table


@dataclass
class Context:
    title: Optional[str] = None
    label: Optional[str] = None
    unit_line: Optional[str] = None


def _lines_before(text: str, pos: int) -> Iterator[tuple[int, str]]:
    """(start, line) of the lines before pos, nearest first: read backwards as the caller asks, not
    the whole text before pos split per table (quadratic in a long document)."""
    end, first = pos, True
    while True:
        k = text.rfind("\n", 0, end)
        line = text[k + 1:end]
        if first and not line:  # the empty remainder after the newline that ends the last line
            if k < 0:
                return
        else:
            yield k + 1, line
            if k < 0:
                return
        first, end = False, k


def _annex_before(text: str, pos: int) -> Optional[tuple[int, str]]:
    """(start, line) of the nearest 附件/附表 line before pos (the first of ``_lines_before`` that is
    one): the text's own lines up to the last before pos from an index built once per text, not a
    walk back to the top of the document for each table."""
    k = text.rfind("\n", 0, pos)
    last = text[k + 1:pos]  # the line pos is in, cut at pos
    if last and _ANNEX.match(last):
        return k + 1, last
    starts, lines = _annex_lines(text)
    i = bisect_right(starts, k) - 1  # the lines starting before ``last`` end at its newline or before
    return (starts[i], lines[i]) if i >= 0 else None


@lru_cache(maxsize=1)  # the document being parsed: its tables come one after another
def _annex_lines(text: str) -> tuple[list[int], list[str]]:
    """Starts and text of the lines that are 附件/附表 headings (a document's tables share it)."""
    starts, lines, p = [], [], 0
    for line in text.split("\n"):
        if _ANNEX.match(line):
            starts.append(p)
            lines.append(line)
        p += len(line) + 1
    return starts, lines


def _titleish(line: str) -> bool:
    s = line.strip()
    if _MD.match(s) or _TABLE_NO.match(s):
        return True
    return len(s) <= 60 and s[-1] not in TERMINAL and s[-1] not in ",，、:："


def _annex_owns(region: str) -> bool:
    """Does the annex above hold this table? Yes unless its first table is not a numbered 表N."""
    lines = [l for l in region.split("\n") if l.strip()]
    if not any(is_table_line(l) for l in lines):
        return True
    for l in lines:
        if is_unit_line(l):
            continue
        return bool(_TABLE_NO.match(l)) and not is_table_line(l)
    return True


def find_context(text: str, block_start: int) -> Context:
    ctx = Context()
    title_at: Optional[int] = None
    annex: Optional[str] = None
    seen = 0
    for start, line in _lines_before(text, block_start):
        s = line.strip()
        if not s:
            continue
        seen += 1
        if seen > _LOOK_LINES or is_table_line(line) or is_source_line(line):
            break
        if is_unit_line(s):
            ctx.unit_line = ctx.unit_line or s
            continue
        m = _ANNEX.match(s)
        if m:
            annex = m.group(1) + m.group(2)
            if m.group(3) and ctx.title is None:
                ctx.title, title_at = m.group(3).strip(), start
            break
        if ctx.title is None and _titleish(s):
            ctx.title, title_at = _MD.sub("", s), start
            continue
        break
    if annex is None:
        upto = title_at if title_at is not None else block_start
        near = _annex_before(text, upto)
        if near is not None:
            start, line = near
            m = _ANNEX.match(line)
            if m and _annex_owns(text[start + len(line):upto]):
                annex = m.group(1) + m.group(2)
    number = None
    if ctx.title:
        u = _UNIT_IN_TITLE.search(ctx.title)
        if u and u.start() > 0:
            ctx.unit_line = ctx.unit_line or u.group(1)
            ctx.title = ctx.title[:u.start()].strip()
        m = _TABLE_NO.match(ctx.title)
        if m:
            number = re.sub(r"\s", "", m.group(1))
            ctx.title = m.group(2).strip() or None
    ctx.label = " ".join(x for x in (annex, number) if x) or None
    return ctx
