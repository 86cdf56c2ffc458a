"""Line shapes shared by repair and segmentation: table rows, headings, source lines."""
from __future__ import annotations

import re

_ALIGNED = re.compile(r"\S {2,}\S.* {2,}\S")  # at least three whitespace-aligned fields
_PIPE = re.compile(r"^\s*\|.*\|\s*$")
# Web pages flatten their tables to rows that lost their first bar: "城镇 | 2505 | 9.9 |", or a header
# cell left alone on its line, "结构(%) |" (short, no sentence stop). A "表1 …|" line is the title.
_BARE_PIPE = re.compile(r"^(?!\s*附?表\s*[\d一二三四五六七八九十])(?:[^|]+\|(?:[^|]*\|)+|[^|。；;]{1,30}\|)\s*$")
_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s|【[^】]{1,30}】\s*$|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]"
    r"|\d{1,2}[、.．](?!\d)|附件\s*\d*\s*$|附表\s*\d*|表\s*\d+\s*[:：])")
# "\s*[(（]?\s*" split a run of spaces between its two \s* in every way: quadratic (issue 14)
_SOURCE = re.compile(r"^\s*(?:[(（]\s*)?(?:供稿|来源|稿源|数据来源|资料来源)\s*[:：]")
UNIT_PREFIX = re.compile(r"^\s*(?:单位|計量單位|计量单位|金额单位|金額單位)\s*[:：]\s*")
TERMINAL = set("。！？!?；;")


def is_table_line(line: str) -> bool:
    # The substring tests are what each pattern needs anyway, and spare a regex pass over most lines.
    return "\t" in line or is_pipe_line(line) \
        or ("  " in line and bool(_ALIGNED.search(line)))


def is_pipe_line(line: str) -> bool:
    return "|" in line and bool(_PIPE.match(line) or _BARE_PIPE.match(line))


def is_heading_line(line: str) -> bool:
    return bool(_HEADING.match(line))


def is_source_line(line: str) -> bool:
    return bool(_SOURCE.match(line.replace("*", "")))


def is_unit_line(line: str) -> bool:
    return bool(UNIT_PREFIX.match(line))


def is_plain_title(line: str, max_len: int = 30) -> bool:
    """A short line with no sentence punctuation: a title or a section label."""
    s = line.strip()
    return 0 < len(s) <= max_len and not (set(s) & (TERMINAL | set(",，")))
