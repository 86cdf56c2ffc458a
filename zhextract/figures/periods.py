"""Periods resolved to dates: "2021年上半年" -> 2021-01-01/2021-06-30.

A period as written is resolved with its own year, a year relative to the one in force (去年), or the
year carried from the last year written before the figure (the title's "2021年", a sentence
"2020年,…" before "一季度,…"). Without a year, or for a stretch whose end the text does not give
(今年以来, 目前), there is no interval and the reason says why. The tables live in
patterns/periods.toml ``[resolve]``.
"""
from __future__ import annotations

import calendar
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Optional

import regex

from .. import resources

NO_PERIOD = "no period stated"
NO_YEAR = "no year stated in the period or before it"

_MONTHS = regex.compile(r"(\d{1,2})月?(?:[-—~～至－](\d{1,2}))?月(底|末|初)?")
_OWN_YEAR = regex.compile(r"((?:19|20)\d{2})(?:年|(?=[上下前首一二三四1-4]))")  # 2020年, 2020上半年
_CN_MONTH = regex.compile(r"(十[一二]|[一二三四五六七八九十])月")  # 十月, as Macau's releases write it
_ROC_YEAR = regex.compile(r"(?:民国)?(1[01]\d)年")
_DAYS = regex.compile(r"(\d{1,2})月(\d{1,2})日[-—~～至－](?:(\d{1,2})月)?(\d{1,2})日")  # 5月1日-5日
_FIRST_MONTHS = regex.compile(r"[前首头](\d{1,2}|[一二三四五六七八九十两]{1,3})个?月")  # 前7个月, 首四个月
_MONTH_WORDS = {w: n for n, w in enumerate("一 二 三 四 五 六 七 八 九 十 十一 十二".split(), 1)}


@dataclass(frozen=True)
class Resolved:
    start: Optional[date]
    end: Optional[date]
    reason: Optional[str]  # why there is no interval


@dataclass(frozen=True)
class _Rules:
    base_year: regex.Pattern[str]
    to_date: tuple[str, ...]
    relative: tuple[tuple[str, int], ...]  # longest word first
    open_ended: regex.Pattern[str]
    unresolved: dict[str, str]
    parts: dict[str, tuple[tuple[int, int], tuple[int, int]]]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = resources.load("periods")["resolve"]
    where = "periods.toml [resolve]"
    resources.require(data, ("base_year", "to_date", "relative_years", "open_ended", "unresolved", "parts"), where)
    parts = {}
    for key, (first, last) in data["parts"].items():
        parts[key] = (_month_day(first, where), _month_day(last, where))
    return _Rules(
        base_year=resources.compile_rx(data["base_year"], f"{where} base_year"),
        to_date=tuple(sorted(data["to_date"], key=len, reverse=True)),
        relative=tuple(sorted(data["relative_years"].items(), key=lambda kv: -len(kv[0]))),
        open_ended=resources.compile_rx(data["open_ended"], f"{where} open_ended"),
        unresolved=dict(data["unresolved"]),
        parts=parts,
    )


def _month_day(s: str, where: str) -> tuple[int, int]:
    try:
        m, d = (int(x) for x in s.split("-"))
        date(2000, m, d)  # a leap year: any real month-day passes
    except ValueError:
        raise resources.PatternError(f"{where} parts: {s!r} is not MM-DD") from None
    return m, d


class YearIndex:
    """The years a document writes that later periods carry, by position (repaired-text offsets)."""

    def __init__(self, text: str) -> None:
        found = [(m.start(), int(m.group(1))) for m in _rules().base_year.finditer(text)]
        self._starts = [s for s, _ in found]
        self._years = [y for _, y in found]

    def before(self, pos: int) -> Optional[int]:
        """The last year written before ``pos``, or None."""
        i = bisect_right(self._starts, pos - 1) - 1
        return self._years[i] if i >= 0 else None


def resolve(period: Optional[str], carried_year: Optional[int]) -> Resolved:
    """The interval of ``period`` (as the figure carries it); ``carried_year`` is the year in force."""
    if not period:
        return Resolved(None, None, NO_PERIOD)
    r = _rules()
    s = period.replace("份", "")  # 9月份 = 9月
    if s in r.unresolved:
        return Resolved(None, None, r.unresolved[s])
    to_date = False
    for word in r.to_date:
        if s.startswith(word):
            s, to_date = s[len(word):], True
            break
    if s in r.unresolved:  # 截至目前
        return Resolved(None, None, r.unresolved[s])
    if r.open_ended.search(s):
        return Resolved(None, None, "runs to the reporting date, which the text does not give")
    year = carried_year
    own = _OWN_YEAR.match(s)
    roc = _ROC_YEAR.match(s)
    if own:
        year, s = int(own.group(1)), s[own.end():]
    elif roc:  # a year of the Republic era (Taiwan): 111年 is 2022
        year, s = int(roc.group(1)) + 1911, s[roc.end():]
    else:
        for word, offset in r.relative:
            if s.startswith(word):
                year = None if carried_year is None else carried_year + offset
                s = s[len(word):]
                break
    if year is None:
        return Resolved(None, None, NO_YEAR)
    s = s.removeprefix("年")  # 年底前 -> 底前, as after "2024年"
    span = _part(s, r)
    if span is None:
        return Resolved(None, None, f"no rule reads {period!r} as dates")
    (m1, d1), (m2, d2) = span
    if to_date:
        m1, d1 = 1, 1
    # day 31 stands for the month's last day (February's depends on the year)
    return Resolved(_day(year, m1, d1), _day(year, m2, d2), None)


def _day(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _part(s: str, r: _Rules) -> Optional[tuple[tuple[int, int], tuple[int, int]]]:
    if s in r.parts:
        return r.parts[s]
    days = _DAYS.fullmatch(s)
    if days:
        m1, d1, d2 = int(days.group(1)), int(days.group(2)), int(days.group(4))
        m2 = int(days.group(3) or m1)
        ok = 1 <= m1 <= m2 <= 12 and 1 <= d1 <= 31 and 1 <= d2 <= 31 and (m1, d1) <= (m2, d2)
        return ((m1, d1), (m2, d2)) if ok else None
    first = _FIRST_MONTHS.fullmatch(s)
    if first:
        n = int(first.group(1)) if first.group(1).isdigit() else _MONTH_WORDS.get(first.group(1).replace("两", "二"), 0)
        return ((1, 1), (n, 31)) if 1 <= n <= 12 else None
    m = _MONTHS.fullmatch(s) or _MONTHS.fullmatch(_cn_month(s))
    if not m:
        return None
    first = int(m.group(1))
    last = int(m.group(2)) if m.group(2) else first
    if not 1 <= first <= last <= 12:
        return None
    if m.group(3) == "初":
        return (first, 1), (first, 1)
    if m.group(3):  # 10月底, 10月末: the month's last day (31: see _day)
        return (last, 31), (last, 31)
    return (first, 1), (last, 31)


def _cn_month(s: str) -> str:
    """"十月" -> "10月": a month written in numerals, as Macau's releases do."""
    m = _CN_MONTH.fullmatch(s)
    return f"{_MONTH_WORDS[m.group(1)]}月" if m else s
