"""What every rule needs: the document's quantities as intervals, spans of sentences and paragraphs,
the figure a quantity belongs to, and one way to write a Finding with its evidence."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date

import regex
from decimal import Decimal
from functools import lru_cache
from typing import Any, Iterable, Optional

from .. import resources
from ..models import Comparison, Document, Evidence, Figure, Finding, Quantity, Relation, Section, Sentence
from ..quantities.units import lexicon
from ..figures.cues import cues as figure_cues
from ..figures.periods import resolve
from ..repair import same_length_fixes
from .arith import Iv, Status, Verdict, half_unit, judge, show
from .tableview import TableView

# Units whose integer count is exact: a count of things, not a rounded measure ("19.6万人次" is rounded).
_MAGNITUDE = re.compile(r"^[万亿千百]")
# Qualifiers that make a number a bound or an approximation, never an exact figure.
APPROX = {"约", "近", "左右", "上下", "大约", "接近"}
LOWER = {"余", "多", "超", "超过", "以上", "不低于", "不少于", "至少", "逾", "突破", "破", "达"}
UPPER = {"不足", "不到", "以下", "不超过", "以内"}
_APPROX_OR_LOWER = frozenset(APPROX | LOWER)
_TERMINAL = "。！？!?；;:：”)）"


@lru_cache(maxsize=1)
def config() -> dict[str, Any]:
    """patterns/checks.toml, validated once."""
    data = resources.load("checks")
    for key in ("rates", "columns", "generic_indicators", "aggregates", "siblings", "derived", "ranking"):
        if key not in data:
            raise resources.PatternError(f"checks.toml: missing [{key}]")
    for name, rate in data["rates"].items():
        resources.require(rate, ("num", "den"), f"checks.toml rates.{name}")
    for i, d in enumerate(data["derived"]):
        resources.require(d, ("column",), f"checks.toml derived #{i + 1}")
        resources.compile_rx(d["column"], f"checks.toml derived #{i + 1}")
    for section in ("columns", "lists", "shares", "subsets", "ranking", "prices", "progress", "restate"):  # every regex compiles, or the file is rejected
        for key, val in data.get(section, {}).items():
            if isinstance(val, str):
                resources.compile_rx(val, f"checks.toml [{section}] {key}")
    return data


@lru_cache(maxsize=None)
@lru_cache(maxsize=None)
def pattern(section: str, key: str) -> "regex.Pattern[str]":
    """A regex of checks.toml, compiled once; one that does not compile names its key."""
    return resources.compile_rx(config()[section][key], f"checks.toml [{section}] {key}")


_YEAR_PREFIX = regex.compile(r"^(?:\d{4}年|今年)(?=.)")  # 今年上半年 is 上半年 of the document's year
_YEAR = regex.compile(r"\d{4}")


def same_period(a: Optional[str], b: Optional[str], *, unknown: bool = True) -> bool:
    """"1—11月" and "2024年1—11月" are one period (the year is the document's); a period not read
    agrees with any when ``unknown``."""
    if not a or not b:
        return unknown
    a, b = _YEAR_PREFIX.sub("", a), _YEAR_PREFIX.sub("", b)
    return a == b or (not _YEAR.search(a + b) and stretch(a) == stretch(b) is not None)


def period_key(period: Optional[str]) -> object:
    """One key for the periods ``same_period`` takes as one stretch of a year (1—6月份 and 今年上半年), a
    written year kept apart; the period itself when it resolves to no stretch."""
    if not period:
        return period
    bare = _YEAR_PREFIX.sub("", period)
    span = stretch(bare) if not _YEAR.search(bare) else None
    return (period[:len(period) - len(bare)].removeprefix("今年") or None, span) if span is not None else period


def other_stretch(a: Optional[str], b: Optional[str]) -> bool:
    """Two periods both read as stretches of a year, and not the same stretch (7月 and 1—7月); a vague
    word (今年, 目前) names no stretch of its own."""
    vague = figure_cues().vague_periods
    sa, sb = (stretch(a) if a and a not in vague else None), (stretch(b) if b and b not in vague else None)
    return sa is not None and sb is not None and \
        (sa[0].month, sa[0].day, sa[1].month, sa[1].day) != (sb[0].month, sb[0].day, sb[1].month, sb[1].day)


@lru_cache(maxsize=1 << 12)
def stretch(period: str) -> Optional[tuple[date, date]]:
    """The stretch of a year a period covers, first and last day, in a year of no consequence (2001,
    not a leap year): 前7月, 1—7月 and 截至7月底 are one stretch written three ways. None for a period
    that spans years or resolves to no interval."""
    r = resolve(period, 2001)
    if r.start is None or r.end is None or r.start.year != r.end.year:
        return None
    return r.start, r.end


# characters: how far back a whole or a reference named in words is looked for when no section holds it
# (bounded, so that a long document costs linear time)
FAR_ABOVE = Decimal("1.5")  # a part this many times its whole is no slip of one digit: another whole was meant
LOOK_BACK = 4000


def comparable_prices(indicator: Optional[str]) -> bool:
    """Growth of value added / GDP is at comparable prices: not recomputable from the values."""
    return bool(indicator) and "prices" in config() and bool(pattern("prices", "comparable").search(indicator))


def unit_factor(unit: str) -> Optional[Decimal]:
    u = lexicon().by_form.get(unit)
    return u.factor if u else None


@lru_cache(maxsize=None)
def rx(pattern: str) -> "regex.Pattern[str]":
    """An inline pattern compiled once: regex's module-level functions look their cache up at a cost
    above the match itself on the short strings the rules test."""
    return regex.compile(pattern)


def unit_dim(unit: str) -> Optional[str]:
    u = lexicon().by_form.get(unit)
    return u.dimension if u else None


def qdim(q: Quantity) -> Optional[str]:
    """What a quantity measures: money, money_usd, count, percent, area ...; a compound unit is its
    own dimension ("rate:万元/亩"), a bare ratio is "ratio"."""
    if "/" in q.unit:
        return f"rate:{q.unit}"
    if q.kind == "ratio":
        return "ratio"
    if q.normalized is not None:
        return q.normalized.dimension
    return unit_dim(q.unit)


def quals(q: Quantity) -> set[str]:
    """The qualifier words of a quantity: "约/余" is two."""
    return set(_qual_words(q.qualifier))


@lru_cache(maxsize=1024)
def _qual_words(qualifier: Optional[str]) -> frozenset[str]:
    return frozenset((qualifier or "").split("/")) - {""}


def as_percent(q: Quantity) -> tuple[Decimal, int]:
    """A percentage claim's value and written decimals, 成 read as ten per cent ("四成" -> 40, -1)."""
    return (q.value * 10, q.decimals - 1) if q.unit == "成" else (q.value, q.decimals)


def judge_written(q: Quantity, computed: "Iv") -> Verdict:
    """A percentage claim as written against a recomputed one: 成 is ten per cent ("四成" = 40 ± 5);
    "近四成" and "约40%" allow one more step of the written precision; "四成以上" and "超过40%" hold
    when the value reaches the bound, "不足三成" when it stays under it."""
    value, decimals = as_percent(q)
    qs = quals(q)
    h = half_unit(decimals)
    if qs & (LOWER | UPPER):
        b = half_unit(max(decimals, 0))  # the bound is the number itself: "四成以上" is 40% or more
        ok = computed.hi >= value - b if qs & LOWER else computed.lo < value + b
        return Verdict("consistent" if ok else "mismatch", b + computed.radius)
    if qs & APPROX:
        ok = computed.hi >= value - 3 * h and computed.lo <= value + 3 * h
        return Verdict("consistent" if ok else "mismatch", 3 * h + computed.radius)
    return judge(value, decimals, computed)


def is_lower_bound(q: Quantity) -> bool:
    """"100余项", "超过50": at least the number written."""
    return bool(quals(q) & LOWER)


def is_exact(q: Quantity) -> bool:
    """Counts of things are exact integers; every other written number is rounded to its last place."""
    return q.kind in ("count", "rank") and q.decimals == 0 and not _MAGNITUDE.match(q.unit) \
        and not quals(q) & APPROX


_ASIDE = re.compile(r"[(（][^)）]*[)）]?")
_MARKS = re.compile(r"[\s“”\"'‘’*—\-_·、,，:：()（）]")


@lru_cache(maxsize=1 << 16)
def norm_indicator(s: Optional[str]) -> str:
    """Indicator text without quotes, markup, brackets and spaces: for comparing two mentions."""
    if not s:
        return ""
    return _MARKS.sub("", _ASIDE.sub("", s))


@lru_cache(maxsize=1 << 16)
def bigrams(s: str) -> frozenset[str]:
    """The bigrams of the normalised text (its one character, if that is all): kept, as the same
    indicators are compared again and again (similarity of every candidate pair)."""
    s = norm_indicator(s)
    return frozenset({s[i:i + 2] for i in range(len(s) - 1)} | ({s} if len(s) == 1 else set()))


def similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams: robust to the fillers Chinese indicators carry."""
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


@dataclass(frozen=True)
class Doubt:
    """Why a relation might not be the one the author meant: an assumption it rests on, or the
    other readings the text allows, in both languages (the report names them)."""

    en: str
    zh: str

    def __add__(self, other: Optional["Doubt"]) -> "Doubt":
        if other is None or other == self:
            return self
        return Doubt(f"{self.en}; {other.en}", f"{self.zh};{other.zh}")


_OTHER_TOTAL_REACH = 3000  # characters: a total restated further back is no reading of this one


@dataclass
class Ctx:
    doc: Document
    tables: list[TableView]
    findings: list[Finding] = field(default_factory=list)
    fig_of_q: dict[int, int] = field(default_factory=dict)  # quantity id -> figure id
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    parts: list[int] = field(default_factory=list)  # starts of the reports a document bundles
    memo: dict[Any, Any] = field(default_factory=dict)  # lookups several rules repeat (locate)
    relations: list[Relation] = field(default_factory=list)  # the links the findings judged
    copies: list[tuple[TableView, TableView]] = field(default_factory=list)  # (own table, a given copy of it)
    # the text the rules read: the original with its same-length fixes (分別 read as 分别, full-width
    # digits as digits); offsets are the original's, and evidence quotes the original
    src: str = ""
    _para_starts: list[int] = field(default_factory=list)
    _dims: dict[int, tuple[Quantity, Optional[str]]] = field(default_factory=dict)  # see dim

    @classmethod
    def build(cls, doc: Document, tables: list[TableView]) -> "Ctx":
        ctx = cls(doc, tables, src=same_length_fixes(doc.text))
        for f in doc.figures:
            for qid in ctx.figure_quantities(f):
                ctx.fig_of_q.setdefault(qid, f.id)
        ctx.paragraphs = _paragraphs(ctx.src)
        ctx._para_starts = [s for s, _ in ctx.paragraphs]
        ctx.parts = _parts(ctx.src)
        return ctx

    def part(self, pos: int) -> int:
        """Which report of a bundle ``pos`` is in: a 供稿/来源 line closes one (two cities' reports
        in one 特刊 state different facts with the same words)."""
        return bisect_right(self.parts, pos)  # the starts are in text order

    # --- quantities -------------------------------------------------------------------------
    def q(self, qid: Optional[int]) -> Optional[Quantity]:
        return self.doc.quantities[qid] if qid is not None and 0 <= qid < len(self.doc.quantities) else None

    def figure_quantities(self, f: Figure) -> list[int]:
        ids = [f.value] if f.value is not None else []
        return ids + [c.quantity for c in f.comparisons]

    def value_q(self, f: Figure) -> Optional[Quantity]:
        return self.q(f.value)

    def iv(self, q: Quantity, exact: Optional[bool] = None) -> Iv:
        """The quantity in its written unit, with its rounding interval."""
        return Iv.written(q.value, q.decimals, is_exact(q) if exact is None else exact)

    def base_iv(self, q: Quantity, exact: Optional[bool] = None) -> Optional[Iv]:
        """The quantity in its base unit (元, 美元, 个 ...): how text meets tables written in 万元.
        Compound units (万元/亩) and bare ratios stay as written: they only meet their own unit."""
        if "/" in q.unit or q.kind == "ratio":
            return self.iv(q, exact)
        k = unit_factor(q.unit)
        return None if k is None else self.iv(q, exact).scale(k)

    def dim(self, q: Quantity) -> Optional[str]:
        # asked for the same quantities over and over: kept per document quantity (by identity)
        hit = self._dims.get(q.id)
        if hit is not None and hit[0] is q:
            return hit[1]
        d = qdim(q)
        self._dims[q.id] = (q, d)
        return d

    def alias_of(self, q: Quantity) -> Optional[Quantity]:
        """The number a bracket restates in another unit: "2400千公顷（3600万亩）" -> 2400千公顷."""
        if q.id == 0:
            return None
        between = self.text(self.doc.quantities[q.id - 1].end, q.start)
        if "(" not in between and "（" not in between:  # most numbers: no bracket, no pattern asked
            return None
        if not rx(r"\s*[(（]\s*").fullmatch(between) \
                or not rx(r"\s*[)）]").match(self.src[q.end:q.end + 3]):
            return None
        prev = self.doc.quantities[q.id - 1]
        a, b = self.dim(prev) or "", self.dim(q) or ""
        return prev if prev.kind == q.kind and (a == b or a.startswith("rate:") and b.startswith("rate:")) else None

    def is_change(self, q: Quantity) -> bool:
        """A change from another period ("比上年减收1070万元"), or that period's own level ("比上年的B万元
        增长…"): no level of the figure's period. Read from the clause before the number."""
        memo = self.memo.setdefault("is_change", {})
        alias = self.alias_of(q)
        if alias is not None:
            return self.is_change(alias)
        if q.id not in memo:
            text = self.src
            s = self.clause_start(q.start, "，,；;。\n")
            memo[q.id] = bool(pattern("changes", "before").search(text, max(s, q.start - 16), q.start)
                              # the base period's own level after 比…的 (extraction's cue, figures.toml base_level)
                              or figure_cues().base_level.search(text, max(s, q.start - 16), q.start)
                              or pattern("changes", "after_base").search(text, max(0, s - 30), q.start))
        return memo[q.id]

    def member_bound(self, q: Quantity) -> bool:
        """"均低于二百亿元", "进出口均超千亿元": a bound each member of a set passes, no total of them."""
        return pattern("lists", "each_bound").search(self.src, max(0, q.start - 6), q.start) is not None

    def is_reference_value(self, q: Quantity) -> bool:
        """A value in brackets after a place the subject is compared with ("落后于甲省(X亿元…)"): that
        place's, of the measure its clause names, no fact of the subject's."""
        return pattern("restate", "reference_value").search(self.src, max(0, q.start - 14), q.start) is not None

    @staticmethod
    def approx(q: Quantity) -> bool:
        return not _qual_words(q.qualifier).isdisjoint(_APPROX_OR_LOWER)

    def signed(self, c: Comparison) -> Optional[Iv]:
        """A growth or contribution with its sign: 下降 8.2% / 下拉 5.2 个百分点 are negative."""
        q = self.q(c.quantity)
        if q is None:
            return None
        v = self.iv(q, exact=False)
        if q.unit == "倍" and c.type == "growth":
            # 增长1.5倍 is +150%; 增长到1.5倍 (a level, not a rise) is another reading: no growth rate
            if rx(r"[到至为]\s*$").search(self.src[max(0, q.start - 2):q.start]):
                return None
            v = v.scale(Decimal(100))
        if q.value > 0 and (c.sign == "-" or (c.type == "contribution" and c.direction == "down")):
            return -v
        return v

    def comparisons(self, f: Figure, kind: str) -> list[Comparison]:
        return [c for c in f.comparisons if c.type == kind and self.q(c.quantity) is not None]

    def pulls(self, f: Optional[Figure]) -> list[Comparison]:
        """A figure's pulls in points (拉动…个百分点), not its 贡献率 in per cent."""
        return [c for c in self.comparisons(f, "contribution") if self.q(c.quantity).kind == "pp"] if f else []  # type: ignore[union-attr]

    def growth(self, f: Figure) -> Optional[Comparison]:
        cs = self.comparisons(f, "growth")
        return cs[0] if cs else None

    # --- text ------------------------------------------------------------------------------
    def text(self, s: int, e: int) -> str:
        return self.src[s:e]

    def item_start(self, pos: int) -> int:
        """The start of the numbered item ``pos`` is under (1、 / 一、 / （一） opening a line, 一是 opening
        a sentence); -1 before any. Figures under two items are about two things."""
        starts = self.memo.get("item_starts")
        if starts is None:
            starts = self.memo["item_starts"] = [m.start() for m in pattern("items", "start").finditer(self.src)]
        i = bisect_right(starts, pos) - 1
        return starts[i] if i >= 0 else -1

    def paragraph(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self._para_starts, pos) - 1  # paragraphs are in text order and do not overlap
        if i >= 0 and pos < self.paragraphs[i][1]:
            return self.paragraphs[i]
        return pos, pos

    def sentence_figures(self, f: Figure) -> list[Figure]:
        """The figures of ``f``'s sentence (same_sentence), in document order."""
        return self.sentence_figures_at(f.sentence.start)

    def figures_between(self, s: int, e: int) -> list[Figure]:
        """Figures whose anchor starts in [s, e), in text order."""
        figs = self.memo.get("figures_by_start")
        if figs is None:
            figs = self.memo["figures_by_start"] = sorted(self.doc.figures, key=lambda o: o.start)
            self.memo["figure_starts"] = [o.start for o in figs]
        starts = self.memo["figure_starts"]
        return figs[bisect_left(starts, s):bisect_left(starts, e)]

    def figures_in(self, s: int, e: int) -> list[Figure]:
        """Figures whose anchor starts in [s, e), in document order (a list's figures may be out of text
        order): what a scan of ``doc.figures`` filtered by position gives, without the scan."""
        return sorted(self.figures_between(s, e), key=lambda o: o.id)

    def figures_named(self, indicator: str) -> list[Figure]:
        """Figures whose normalised indicator is ``indicator``, in document order (indexed once)."""
        by = self.memo.get("figures_by_indicator")
        if by is None:
            by = self.memo["figures_by_indicator"] = {}
            for o in self.doc.figures:
                by.setdefault(norm_indicator(o.indicator), []).append(o)
        return by.get(indicator, [])

    def quantity_index(self, pos: int) -> int:
        """Index of the first quantity starting at or after ``pos`` (quantities are in text order)."""
        starts = self.memo.get("quantity_starts")
        if starts is None:
            starts = self.memo["quantity_starts"] = [q.start for q in self.doc.quantities]
        return bisect_left(starts, pos)

    def quantities_from(self, s: int, e: int) -> list[Quantity]:
        """Quantities starting in [s, e)."""
        return self.doc.quantities[self.quantity_index(s):self.quantity_index(e)]

    def sentence_before(self, pos: int) -> Optional[Sentence]:
        """The last sentence with some text ending at or before ``pos``."""
        ends = self.memo.get("sentence_ends")
        if ends is None:  # sentences are in text order and do not overlap: their ends are sorted too
            ends = self.memo["sentence_ends"] = [st.end for st in self.doc.sentences]
        i = bisect_right(ends, pos) - 1
        while i >= 0 and not self.doc.sentences[i].text.strip():
            i -= 1
        return self.doc.sentences[i] if i >= 0 else None

    def clause_start(self, pos: int, marks: str) -> int:
        """Just after the last of ``marks`` before ``pos`` (0 if none): ``max(text.rfind(c, 0, pos) for c
        in marks) + 1`` by a bisect in the marks' positions (found once per set of marks), not a scan
        back to a mark that is rare or absent."""
        key = ("marks", marks)
        at = self.memo.get(key)
        if at is None:
            at = self.memo[key] = [m.start() for m in _any_mark(marks).finditer(self.src)]
        i = bisect_left(at, pos) - 1
        return at[i] + 1 if i >= 0 else 0

    def clause_end(self, pos: int, marks: str) -> int:
        """The first of ``marks`` at or after ``pos`` (the text's length if none), by the same bisect."""
        self.clause_start(pos, marks)  # fills the marks' positions
        at = self.memo[("marks", marks)]
        i = bisect_left(at, pos)
        return at[i] if i < len(at) else len(self.src)

    def sentence_figures_at(self, start: int) -> list[Figure]:
        """The figures of the sentence starting at ``start``, in document order."""
        groups = self.memo.get("figures_by_sentence")
        if groups is None:
            groups = self.memo["figures_by_sentence"] = {}
            for o in self.doc.figures:
                groups.setdefault(o.sentence.start, []).append(o)
        return groups.get(start, [])

    def quantities_within(self, s: int, e: int) -> list[Quantity]:
        """Quantities lying inside [s, e), in document order."""
        qs = self.doc.quantities
        starts = self.memo.get("quantity_starts")
        if starts is None:
            starts = self.memo["quantity_starts"] = [q.start for q in qs]
        out = []
        for q in qs[bisect_left(starts, s):bisect_left(starts, e)]:
            if q.end <= e:
                out.append(q)
        return out

    def quantity_at(self, pos: int) -> Optional[Quantity]:
        """The quantity starting at ``pos`` (a regex group over the text names where a number is)."""
        by_start = self.memo.get("quantity_at")
        if by_start is None:
            by_start = self.memo["quantity_at"] = {q.start: q for q in self.doc.quantities}
        return by_start.get(pos)

    def sentence_of(self, pos: int) -> Optional[Sentence]:
        sents = self.doc.sentences
        starts = self.memo.get("sentence_starts")
        if starts is None:  # (setdefault would build the list on every call)
            starts = self.memo["sentence_starts"] = [st.start for st in sents]
        i = bisect_right(starts, pos) - 1  # sentences are in text order and do not overlap
        return sents[i] if i >= 0 and pos < sents[i].end else None

    def sentence_index(self, pos: int) -> Optional[int]:
        st = self.sentence_of(pos)
        return None if st is None else bisect_left(self.memo["sentence_starts"], st.start)

    def _section_index(self, pos: int) -> Optional[int]:
        """Index of the last section starting at or before ``pos``: sections are headings in text
        order, so a bisect (a scan per figure made long documents quadratic)."""
        starts = self.memo.get("section_starts")
        if starts is None:
            starts = self.memo["section_starts"] = [sec.start for sec in self.doc.sections]
        i = bisect_right(starts, pos) - 1
        return i if i >= 0 else None

    def section(self, pos: int) -> Optional[Section]:
        i = self._section_index(pos)
        return None if i is None else self.doc.sections[i]

    def total_matching(self, s: Iv, like: Quantity, pos: int, skip: set[int]) -> Optional[Quantity]:
        """A level stated before ``pos`` in its section (at most _OTHER_TOTAL_REACH characters back) that
        ``s`` (in base units) matches, of ``like``'s dimension: parts that add up exactly to another
        stated total may be that total's parts, a second reading of the whole they were paired with."""
        lo = max(self.section_span(pos)[0], pos - _OTHER_TOTAL_REACH)
        for q in reversed(self.quantities_within(lo, pos)):
            if q.id in skip or q.kind != like.kind or self.dim(q) != self.dim(like) or self.is_change(q) or self.approx(q):
                continue
            iv = self.base_iv(q)
            if iv is not None and iv.nom and iv.lo <= s.hi and s.lo <= iv.hi:
                return q
        return None

    def section_span(self, pos: int) -> tuple[int, int]:
        """From the heading above ``pos`` to the next heading of the same or a higher level."""
        secs = self.doc.sections
        cur = self._section_index(pos)
        if cur is None:
            return 0, (secs[0].start if secs else len(self.doc.text))
        spans = self.memo.setdefault("section_spans", {})
        if cur not in spans:
            end = len(self.doc.text)
            for sec in secs[cur + 1:]:
                if sec.level <= secs[cur].level:
                    end = sec.start
                    break
            spans[cur] = (secs[cur].start, end)
        return spans[cur]

    def in_table(self, pos: int) -> bool:
        """``pos`` lies in one of the document's own tables (a table given beside it, source > 0,
        has offsets into its own file's text, not the document's)."""
        index = self.memo.get("table_spans")
        if index is None:  # spans by start with the running maximum of their ends: a bisect per call
            spans = sorted((t.table.start, t.table.end) for t in self.tables if t.table.source == 0)
            reach: list[int] = []
            for _, e in spans:
                reach.append(max(e, reach[-1]) if reach else e)
            index = self.memo["table_spans"] = ([s for s, _ in spans], reach)
        starts, reach = index
        i = bisect_right(starts, pos) - 1
        return i >= 0 and reach[i] > pos

    def judged_at(self, start: int) -> bool:
        """Some finding so far with a verdict (not unverifiable) has text evidence starting at ``start``.
        Findings are only appended: the index takes in the new ones at each call."""
        seen, starts = self.memo.get("judged_starts", (0, set()))
        for f in self.findings[seen:]:
            if f.status != "unverifiable":
                starts.update(e.start for e in f.evidence if e.kind == "text")
        self.memo["judged_starts"] = (len(self.findings), starts)
        return start in starts

    def figure(self, fid: Optional[int]) -> Optional[Figure]:
        return self.doc.figures[fid] if fid is not None and 0 <= fid < len(self.doc.figures) else None

    def same_sentence(self, a: Figure, b: Figure) -> bool:
        return a.sentence.start == b.sentence.start

    # --- findings --------------------------------------------------------------------------
    def ev_q(self, q: Quantity, role: str = "input", label: Optional[str] = None) -> Evidence:
        return Evidence(kind="text", start=q.start, end=q.end, text=q.text, role=role, label=label)

    def ev_span(self, s: int, e: int, role: str = "context", label: Optional[str] = None) -> Evidence:
        return Evidence(kind="text", start=s, end=e, text=self.doc.text[s:e], role=role, label=label)

    def emit(self, rule: str, status: Status | Verdict, *, formula: str, zh: str, en: str,
             evidence: Iterable[Optional[Evidence]], claimed: Optional[Decimal] = None, computed: Optional[Iv] = None,
             decimals: int = 2, figure: Optional[int] = None, basis: Optional[str] = None,
             reason: Optional[str] = None, tolerance: Optional[Decimal] = None, bound: bool = False,
             doubt: Optional[Doubt] = None, relation: Optional[Relation] = None) -> Finding:
        if isinstance(status, Verdict):
            tolerance = status.tolerance if tolerance is None else tolerance
            basis = basis or (status.mode and f"agrees under {status.mode}")
            status = status.status
        if doubt is not None and status in ("mismatch", "rounding"):
            # The relation rests on an assumption or beat a close competitor: what fails under it is a
            # question for the reviewer, never an alarm.
            status = "doubtful"
            zh = f"存疑({doubt.zh}):{zh}"
            en = f"doubtful ({doubt.en}): {en}"
        ev = _dedup(e for e in evidence if e is not None)
        if figure is None:
            for e in ev:
                if e.role == "claim" and e.kind == "text":
                    figure = self.figure_at(e.start, e.end)
                    break
        if relation is None:
            relation = self.relate(_RULE_KIND.get(rule, "part_of"), ev, doubt=doubt)
        elif doubt is not None and relation.doubt is None:
            relation.doubt = doubt.en
        f = Finding(rule=rule, status=status, claimed=claimed, relation=relation.id,
                    computed=None if computed is None else show(computed.nom, decimals),
                    tolerance=None if tolerance is None else _tol(tolerance, decimals), formula=formula,
                    message_zh=zh, message_en=en, figure=figure, evidence=ev, basis=basis, reason=reason, bound=bound,
                    doubt=doubt.en if doubt is not None and status == "doubtful" else None)
        self.findings.append(f)
        return f

    def relate(self, kind: str, evidence: Iterable[Evidence], competitors: Iterable[Evidence] = (),
               doubt: Optional[Doubt] = None) -> Relation:
        """Record a link: the claim, the members (inputs) and the anchor words (context) it joins."""
        ev = list(evidence)
        rel = Relation(id=len(self.relations), kind=kind,  # type: ignore[arg-type]
                       claim=next((e for e in ev if e.role == "claim"), None),
                       members=[e for e in ev if e.role == "input"], anchors=[e for e in ev if e.role == "context"],
                       competitors=list(competitors), doubt=doubt.en if doubt is not None else None)
        self.relations.append(rel)
        return rel

    def figure_at(self, s: int, e: int) -> Optional[int]:
        qq = self.quantity_at(s)
        return self.fig_of_q.get(qq.id) if qq is not None and qq.end == e else None

    def unverifiable(self, rule: str, reason_en: str, reason_zh: str, evidence: Iterable[Evidence],
                     formula: str, claimed: Optional[Decimal] = None) -> Finding:
        return self.emit(rule, "unverifiable", formula=formula, zh=f"无法核对:{reason_zh}", en=f"cannot check: {reason_en}",
                         evidence=evidence, claimed=claimed, reason=reason_en)


# The kind of link each rule judges, for findings whose rule found its link itself.
_RULE_KIND = {"text_vs_table": "cell_of", "aggregate_vs_table": "cell_of", "table_column_sum": "part_of",
              "table_row_parts": "part_of", "table_subtotal": "part_of", "table_derived": "rate_of", "grim": "rate_of", "ranking": "order",
              "gap_to_target": "gap_between", "contributions_sum": "contribution_to", "contribution_rate": "contribution_to", "growth_from_parts": "growth_of",
              "increment_growth": "growth_of", "growth_from_values": "growth_of", "rate_from_parts": "share_of", "completion_rate": "target_of", "schedule_gap": "gap_between",
              "enumeration_sum": "part_of", "breakdown_bound": "part_of", "structure_sum": "structure",
              "repeated_fact": "restates", "unit_conversion": "conversion", "partition_sum": "partition",
              "partition_shares": "partition", "formula_rate": "rate_of", "running_sum": "part_of",
              "partition_growth": "growth_of", "appendix_copy": "restates", "trade_balance": "difference_of"}


def _tol(t: Decimal, decimals: int) -> Decimal:
    """Tolerances carry the precision of the claim plus three places: 0.59298634... -> 0.593."""
    q = Decimal(1).scaleb(-(decimals + 3))
    return t.quantize(q).normalize() if t else Decimal(0)


def _dedup(evs: Iterable[Evidence]) -> list[Evidence]:  # one entry per span; the claim role wins
    seen: dict[tuple[str, int, int], Evidence] = {}
    for e in evs:
        key = (e.kind, e.start, e.end)
        if key not in seen or (e.role == "claim" and seen[key].role != "claim"):
            seen[key] = e
    return sorted(seen.values(), key=lambda e: (e.role != "claim", e.start))


# the same lines as "^\s*[(（]?\s*(?:\*\*)?\s*供稿", whose three \s* split a run of spaces every way (issue 14)
_SUPPLIED_BY = re.compile(r"\s*(?:[(（]\s*)?(?:\*\*\s*)?供稿")


@lru_cache(maxsize=None)
def _any_mark(marks: str) -> "regex.Pattern[str]":
    return regex.compile("[" + regex.escape(marks) + "]")


def _parts(text: str) -> list[int]:
    from ..lines import is_source_line

    out, pos = [], 0
    for line in text.split("\n"):
        pos += len(line) + 1
        if is_source_line(line.strip().strip("()（）")) or _SUPPLIED_BY.match(line):
            out.append(pos)
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Lines, with a line that stops mid-sentence joined to the next (a PDF page break)."""
    out: list[tuple[int, int]] = []
    pos = 0
    start: Optional[int] = None
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        stripped = line.strip()
        if not stripped:
            continue
        if start is None:
            start = s
        if stripped[-1] in _TERMINAL or stripped.startswith("#") or "\t" in line or len(stripped) < 30:
            out.append((start, e))
            start = None
    if start is not None:
        out.append((start, len(text)))
    return out



def measure_of(ind: Optional[str]) -> Optional[str]:
    """The measure an indicator ends with (checks.toml [parts] measures, the longest form wins):
    完成投资 and 总投资 are two measures, 到位资金 another."""
    s = norm_indicator(ind)
    return next((m for m in _measures() if s.endswith(m)), None)


@lru_cache(maxsize=1 << 14)
def whole_words(s: str) -> str:
    """One spelling for the words a whole is named by (patterns/checks.toml [shares] whole_synonyms):
    进出口总值 and 外贸进出口 are 进出口, 地区生产总值 is 生产总值."""
    s = pattern("shares", "whole_prefix").sub("", s)
    for a, b in config()["shares"]["whole_synonyms"].items():
        s = s.replace(a, b)
    return s


@lru_cache(maxsize=1)
def _measures() -> tuple[str, ...]:
    return tuple(sorted(config()["parts"]["measures"], key=len, reverse=True))


def is_same_count_unit(a: str, b: str) -> bool:
    """Counts in the same measure word (个 and 家 count alike)."""
    return a == b or {a, b} <= {"个", "家"}


__all__ = ["Ctx", "Doubt", "config", "pattern", "is_exact", "is_same_count_unit", "norm_indicator", "similarity"]
