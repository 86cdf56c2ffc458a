"""Split repaired text into table blocks, sections (with heading paths) and sentences.

Heading levels are not fixed per marker: the first marker style met in a document gets level 1,
the next new one level 2, and so on, as outline detectors do; a source line (供稿/来源) closes the part.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import is_heading_line, is_plain_title, is_source_line, is_table_line, is_unit_line

_SENT_END = re.compile(r"[。！？!?；;]+[”’」』)）]?|\n")


@dataclass
class Heading:
    start: int
    end: int
    title: str
    style: str
    level: int
    path: list[str]


@dataclass
class Sent:
    start: int
    end: int
    text: str
    path: list[str] = field(default_factory=list)
    heading: bool = False


@dataclass
class Segments:
    tables: list[tuple[int, int]]
    headings: list[Heading]
    sentences: list[Sent]


def _style(line: str) -> str | None:
    s = line.strip()
    m = re.match(r"(#{1,6})\s", s)
    if m and not re.search(r"[。；;]\S", s):  # a "# …" line running on into sentences is prose (one-line exports)
        return f"md{len(m.group(1))}"
    if re.match(r"【[^】]{1,30}】$", s):
        return "bracket"
    if re.match(r"附件\s*\d*$", s):
        return "annex"
    if re.match(r"表\s*\d+\s*[:：]", s):
        return "table-title"
    if is_heading_line(s) and len(s) <= 40 and not re.search(r"[。；;]\S", s):
        if re.match(r"[一二三四五六七八九十]+[、.．]", s):
            return "cn-num"
        if re.match(r"[(（][一二三四五六七八九十]+[)）]", s):
            return "paren-cn"
        if re.match(r"\d{1,2}[、.．]", s):
            return "arabic"
    if is_plain_title(s, 30) and not re.search(r"\d", s[:1]):
        return "plain"
    return None


def segment(text: str) -> Segments:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw), raw))
        pos += len(raw) + 1

    # Table blocks: runs of table lines, with a 单位 line just above and a 数据来源 line just below.
    table_rows = [is_table_line(l) for _, _, l in lines]
    tables: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if table_rows[i]:
            j = i
            while j + 1 < len(lines) and (table_rows[j + 1] or (not lines[j + 1][2].strip() and j + 2 < len(lines) and table_rows[j + 2])):
                j += 1
            if j > i or lines[i][2].count("\t") >= 2:
                s = lines[i][0]
                k = i - 1
                while k >= 0 and not lines[k][2].strip():
                    k -= 1
                if k >= 0 and is_unit_line(lines[k][2]):
                    s = lines[k][0]
                e = lines[j][1]
                k = j + 1
                while k < len(lines) and not lines[k][2].strip():
                    k += 1
                if k < len(lines) and is_source_line(lines[k][2]) and "数据" in lines[k][2]:
                    e = lines[k][1]
                tables.append((s, e))
            i = j + 1
        else:
            i += 1

    def in_table(p: int) -> bool:
        return any(s <= p < e for s, e in tables)

    headings: list[Heading] = []
    sentences: list[Sent] = []
    level_of: dict[str, int] = {}
    stack: list[Heading] = []
    for s, e, raw in lines:
        if not raw.strip() or in_table(s):
            continue
        if is_source_line(raw):
            stack = []
            sentences.append(Sent(s, e, raw, [], heading=True))
            continue
        style = _style(raw)
        if style:
            level = level_of.setdefault(style, len(level_of) + 1)
            while stack and stack[-1].level >= level:
                stack.pop()
            title = raw.strip()
            path = [h.title for h in stack] + [title]
            h = Heading(s, e, title, style, level, path)
            headings.append(h)
            stack.append(h)
            sentences.append(Sent(s, e, raw, path, heading=True))
            continue
        path = [h.title for h in stack]
        cursor = s
        for m in _SENT_END.finditer(raw):
            end = s + m.end()
            if end > cursor and raw[cursor - s:m.end()].strip():
                sentences.append(Sent(cursor, end, text[cursor:end], path))
            cursor = end
        if cursor < e and text[cursor:e].strip():
            sentences.append(Sent(cursor, e, text[cursor:e], path))
    return Segments(tables, headings, sentences)
