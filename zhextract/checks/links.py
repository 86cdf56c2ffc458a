"""Links found once, before any rule runs: complete partitions of a whole named by their parts.

"第一产业增加值…；第二产业增加值…；第三产业增加值…" make up 地区生产总值 whatever joins them (其中, 分产业看,
a 分别 list, nothing); "出口…进口…" make up 进出口. The parts are named by the words of
patterns/checks.toml [[partitions]]; the whole is the nearest figure before them named as the whole
of that measure. Each link keeps the words that anchor it and the candidate wholes it did not take,
so a rule only does arithmetic over it and a close competitor makes its failure doubtful.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex

from .. import resources
from ..models import Comparison, Figure, Quantity
from .base import Ctx, config, measure_of, norm_indicator, pattern, rx, same_period

_SHARE_WORDS = regex.compile(r"比重|占比|贡献率|结构|比例")
_FILLER = regex.compile(r"^(?:的|市场|单位|实现|完成|累计|共|合计)+|(?:为|达|达到)$")  # 城市市场零售额, 城镇单位零售额: 零售额


@dataclass(frozen=True)
class PartitionSpec:
    name: str
    parts: tuple["regex.Pattern[str]", ...]
    collective: Optional["regex.Pattern[str]"]
    totals: tuple[tuple[str, Optional["regex.Pattern[str]"]], ...]  # measure tail -> how the whole is named
    not_whole: Optional["regex.Pattern[str]"] = None  # a sibling outside the partition (中央级 beside 省级, 市县级)
    wide_whole: Optional["regex.Pattern[str]"] = None  # a whole that may hold more than the parts (财政总收入)
    unless: Optional["regex.Pattern[str]"] = None  # a further part some texts state (早稻 beside 夏粮, 秋粮)
    averaged: bool = False  # the parts are components of one population's average (人均), so they add
    any_part: Optional["regex.Pattern[str]"] = field(default=None, compare=False, repr=False)  # see part_of

    def __post_init__(self) -> None:
        if self.any_part is None:
            object.__setattr__(self, "any_part", _any_part(self.parts))

    def part_of(self, indicator: str) -> Optional[tuple[int, int, int]]:
        """(part index, start, end) of the one part word the indicator holds; None for none or two."""
        if self.any_part is not None and self.any_part.search(indicator) is None:  # most hold none: one search
            return None
        hits = [(i, m.start(), m.end()) for i, rx in enumerate(self.parts) for m in [rx.search(indicator)] if m]
        return hits[0] if len(hits) == 1 else None

    def names_whole(self, indicator: str, tail: str) -> bool:
        if any(rx.search(indicator) for rx in self.parts) or (self.not_whole and self.not_whole.search(indicator)):
            return False
        for key, rx in self.totals:
            if key == tail or key == "*":
                if rx is None:  # the whole is named by the measure itself: 固定资产投资 for 第一产业投资
                    return bool(tail) and norm_indicator(indicator).endswith(tail)
                if key == "*" and tail and not _same_measure(indicator, tail):
                    return False  # 商品销售总额 and 营业额 are no parts of 社会消费品零售总额
                return bool(rx.search(indicator))
        return False


def _any_part(parts: tuple["regex.Pattern[str]", ...]) -> Optional["regex.Pattern[str]"]:
    """One pattern matching where any of ``parts`` does; None when joining could change what one
    means (a numbered or named back-reference, inline flags, flags that differ)."""
    if len({p.flags for p in parts}) != 1 or any(_NOT_JOINABLE.search(p.pattern) for p in parts):
        return None
    return regex.compile("|".join(f"(?:{p.pattern})" for p in parts), parts[0].flags)


_NOT_JOINABLE = regex.compile(r"\\[0-9g]|\(\?P=|\(\?[a-zA-Z]+[):]")


@lru_cache(maxsize=1)
def partition_specs() -> tuple[PartitionSpec, ...]:
    out = []
    for i, raw in enumerate(config().get("partitions", [])):
        where = f"checks.toml [[partitions]] #{i + 1}"
        resources.require(raw, ("name", "parts", "total"), where)
        if len(raw["parts"]) < 2:
            raise resources.PatternError(f"{where}: a partition needs two parts or more")
        parts = tuple(resources.compile_rx(p, f"{where} part {p!r}") for p in raw["parts"])
        totals = tuple(sorted(((k, resources.compile_rx(v, f"{where} total {k!r}") if v else None)
                              for k, v in raw["total"].items()), key=lambda kv: kv[0] == "*"))
        coll = resources.compile_rx(raw["collective"], f"{where} collective") if raw.get("collective") else None
        nw = resources.compile_rx(raw["not_whole"], f"{where} not_whole") if raw.get("not_whole") else None
        ww = resources.compile_rx(raw["wide_whole"], f"{where} wide_whole") if raw.get("wide_whole") else None
        un = resources.compile_rx(raw["unless"], f"{where} unless") if raw.get("unless") else None
        out.append(PartitionSpec(raw["name"], parts, coll, totals, nw, ww, un, bool(raw.get("averaged", False))))
    return tuple(out)


@dataclass
class Partition:
    """Every part of ``spec`` stated once, and the whole they make up (None for shares, whose whole
    is 100 %)."""

    spec: PartitionSpec
    kind: str  # "amount": values add up to the whole; "share": per cents add up to 100
    parts: list[Quantity]
    contribution: bool = False  # shares of the whole's growth (贡献率), not of its level
    wide: bool = False  # the whole is named so that it may hold more than these parts
    total: Optional[Quantity] = None
    anchors: list[tuple[int, int]] = field(default_factory=list)  # the part words, the whole's name
    competitors: list[Quantity] = field(default_factory=list)


def _measure_key(x: str) -> str:
    """One spelling of a measure: 总额 as 额, and a part's 总产值 as 产值 (林业总产值 beside 农业产值); trade's
    总值 as 额 (出口总值 of 进出口总额)."""
    return _TRADE_VALUE.sub("额", _head(x)).replace("总额", "额").removeprefix("总")


_TRADE_VALUE = regex.compile(r"(?:(?<=口)|^)总值$")


def _run_measure(tail: str) -> str:
    """The measure a part's run is kept by: the last measure word its name ends with (固定资产投资 and
    投资 are one; 播种面积 and 总产 two), else its own spelling; "" for a part named by its category alone."""
    key = _measure_key(tail)
    return next((m for m in _run_measures() if key.endswith(m)), key)


@lru_cache(maxsize=1)
def _run_measures() -> tuple[str, ...]:
    return tuple(sorted({_measure_key(m) for m in config()["parts"]["measures"]} - {""}, key=len, reverse=True))


def _same_measure(whole: str, tail: str) -> bool:
    """The part's measure (what follows its part word) ends the whole's name: 消费品零售额 of
    社会消费品零售总额 (总额 read as 额)."""
    key = _measure_key(tail)
    return key in ("额", "值") or _measure_key(whole).endswith(key)  # 出口总值: the value, no other measure


def _head(before: str) -> str:
    """What the words before the part word say the part is of, without the region and fillers:
    "手机出口" and "机电产品进口" are no parts of one whole ("手机" ≠ "机电产品"), "全市城镇" and "乡村" are."""
    return pattern("partitions_text", "head_noise").sub("", norm_indicator(before))


def _tail(ind: str, s: int, e: int) -> str:
    return _FILLER.sub("", norm_indicator(ind[e:]))


def _usable(ctx: Ctx, q: Quantity, f: Figure, averaged: bool = False) -> bool:
    """A value a partition may add: actual, exact, a level; an average only for a partition of one
    population's average into its components (``averaged``: 人均工资性收入 + … = 人均可支配收入)."""
    return f.role == "actual" and not ctx.approx(q) and not ctx.is_change(q) and ctx.alias_of(q) is None \
        and "/" not in q.unit and (averaged or not any(w in (f.indicator or "") for w in config()["aggregates"]["non_additive"]))


def partitions(ctx: Ctx) -> list[Partition]:
    """Every complete partition in the text, amounts and shares, found once per check."""
    found = ctx.memo.get("partitions")
    if found is None:
        found = ctx.memo["partitions"] = [p for spec in partition_specs() for p in _find(ctx, spec)]
        # a whole that earlier parts of the same kind make up is theirs, no competitor of later parts'
        # (城镇居民收入 by source, then 农村居民收入 by source: the town's total is no reading of the village's)
        for p in found:
            taken = {o.total.id for o in found if o is not p and o.spec is p.spec and o.total is not None
                     and o.parts[-1].start < p.parts[0].start}
            p.competitors = [q for q in p.competitors if q.id not in taken]
    return found


def _find(ctx: Ctx, spec: PartitionSpec) -> list[Partition]:
    out: list[Partition] = []
    # one run per kind and measure: "夏粮播种面积A，总产B。秋粮播种面积C，总产D" interleaves two partitions
    runs: dict[tuple[str, Optional[str], str], dict[int, tuple[Quantity, Figure, tuple[int, int], str, str]]] = {}
    n = len(spec.parts)

    def close(key: tuple[str, Optional[str], str]) -> None:
        run = runs.pop(key, {})
        if len(run) == n:
            p = _partition(ctx, spec, key[0], [run[i] for i in range(n)])
            if p is not None:
                out.append(p)

    for f in ctx.doc.figures:
        ind = f.indicator or ""
        hit = spec.part_of(ind)
        if hit is None:
            if spec.collective is not None and spec.collective.search(ind):
                _collective(ctx, spec, f, out)
            if ctx.value_q(f) is not None and any(rx is not None and rx.search(ind) for _, rx in spec.totals):
                for kind in list(runs):  # a whole named after a part opens a breakdown of its own
                    runs.pop(kind)
            continue
        i, s, e = hit
        anchor = _anchor(ctx, f, s, e)
        head = _head(ind[:s])
        tail = _tail(ind, s, e)
        for kind, q in _members(ctx, f, spec):
            key = (kind, ctx.dim(q), _run_measure(tail)) if kind == "amount" else (kind, None, "")
            if kind == "amount" and not key[2]:  # a part named by its category alone joins the run it continues
                key = max((k for k in runs if k[:2] == key[:2]), key=lambda k: max(m[0].start for m in runs[k].values()),
                          default=key)
            run = runs.get(key, {})
            prev = next(iter(run.values()), None)
            if prev is not None and not head and _scope(prev[4]):
                head = prev[4]  # "规模以上轻工业增加值A，重工业增加值B": the scope carries to the parts after
            if i in run or (prev is not None and (not _together(ctx, prev[0], prev[1], q, f) or prev[4] != head)):
                close(key)
            runs.setdefault(key, {})[i] = (q, f, anchor, tail, head)
            if len(runs[key]) == n:
                close(key)
    return out


def _anchor(ctx: Ctx, f: Figure, s: int, e: int) -> tuple[int, int]:
    span = f.indicator_span
    if span is not None and ctx.text(span.start, span.end) == f.indicator:
        return span.start + s, span.start + e
    return f.start, f.end


def _members(ctx: Ctx, f: Figure, spec: PartitionSpec) -> list[tuple[str, Quantity]]:
    """What a figure naming a part contributes: its value (an amount), and its share or contribution
    in per cent (占…的比重为, 贡献率为) when the share is of the whole itself, not of a part's own
    whole (占全国出口总额的) nor of a plan (占预算的)."""
    out: list[tuple[str, Quantity]] = []
    q = ctx.value_q(f)
    ind = f.indicator or ""
    # a figure stating its own share of the part's whole (五大商品出口X，占全市出口额的80%) is a piece of
    # that part, not the part
    # (of its own place's total: 占全国出口总额的 says how large the region's own exports are)
    of_part = any(c.of and spec.part_of(norm_indicator(c.of)) is not None and _own_place_whole(c.of, f.entity)
                  for c in f.comparisons if c.type == "share")
    if q is not None and q.kind in ("amount", "count") and _usable(ctx, q, f, spec.averaged) and not of_part:
        out.append(("amount", q))
    elif q is not None and q.kind == "percent" and _SHARE_WORDS.search(ind) and not ctx.approx(q):
        of = ind[ind.find("占") + 1:] if "占" in ind else ""
        if _of_whole(spec, of):
            out.append(("share:贡献率" if "贡献率" in ind else "share", q))
    for c in f.comparisons:
        cq = ctx.q(c.quantity)
        if cq is not None and cq.kind == "percent" and c.type in ("share", "contribution") and not ctx.approx(cq) \
                and (c.type == "contribution" or _of_whole(spec, c.of or "")):
            out.append(("share" if c.type == "share" else "share:贡献率", cq))
    return out


def _own_place_whole(of: str, entity: Optional[str]) -> bool:
    """Whether a share's whole is of the figure's own place (占全市出口额的 for a city's figure), not of a
    wider one (占全国出口总额的)."""
    m = pattern("shares", "region_word").match(of)
    if m is None:
        return True
    level = m.group(0)[-1]
    return not entity or entity.endswith(level) or entity == m.group(0)



def _of_whole(spec: PartitionSpec, of: str) -> bool:
    """A share's named whole may be the partition's whole (or left unnamed); not a part, a plan, or a
    wider region's total (全国出口总额)."""
    of = norm_indicator(of)
    if not of:
        return True
    if any(rx.search(of) for rx in spec.parts):
        return False
    if pattern("partitions_text", "not_a_whole").search(of):
        return False
    return any(rx is None or rx.search(of) for _, rx in spec.totals)


def _together(ctx: Ctx, a: Quantity, fa: Figure, b: Quantity, fb: Figure) -> bool:
    """Parts of one breakdown: the same section, close by, the same period and measure."""
    if ctx.section_span(a.start) != ctx.section_span(b.start) or b.start - a.start > 400:
        return False
    if fa.period and fb.period and fa.period != fb.period:
        return False
    if ctx.item_start(a.start) != ctx.item_start(b.start):
        return False  # "三是边贸…进口…。四是民营企业出口…": two items, two subjects
    return ctx.dim(a) == ctx.dim(b) and (a.kind == "count") == (b.kind == "count")


def _partition(ctx: Ctx, spec: PartitionSpec, kind: str,
               members: list[tuple[Quantity, Figure, tuple[int, int], str, str]]) -> Optional[Partition]:
    parts = [q for q, *_ in members]
    if spec.unless is not None and spec.unless.search(ctx.src, *ctx.section_span(parts[0].start)):
        return None  # the section names a further part: the listed ones need not be all
    p = Partition(spec, "share" if kind.startswith("share") else "amount", parts,
                  anchors=[m[2] for m in members], contribution=kind == "share:贡献率")
    if p.kind == "amount":
        tails = {_measure_key(m[3]) for m in members}
        if len(tails) == 2 and "" in tails:
            tails.discard("")  # a part named by its category alone is measured as the others are
        if len(tails) == 2:
            short, long = sorted(tails, key=len)
            if short and long.endswith(short) and spec.names_whole(long, short):
                tails.discard(long)  # "第一产业固定资产投资…第二产业投资": the whole's full name is the same measure
        if len(tails) > 1:
            return None  # parts measured otherwise (商品销售总额, 营业额) are no parts of one whole
        tail = next((m[3] for m in members if m[3] and _measure_key(m[3]) in tails), members[0][3])
        if members[0][4] or not _topic_sentence(ctx, min(parts, key=lambda q: q.start)):
            _whole(ctx, p, members[0][1], tail, members[0][4])
            _own_parent(ctx, p, [m[1] for m in members], tail)
    return p


def _topic_sentence(ctx: Ctx, q: Quantity) -> bool:
    """"此外，1-6月，汽车产品依然是出口的主力，累计出口X，进口Y": parts named bare in a sentence that opens
    with its topic and a copula are the topic's, not of a whole named before."""
    text = ctx.src
    start = ctx.clause_start(q.start, "。\n")  # the sentence's, across ；
    opening = pattern("partitions_text", "opening").match(text, start)
    return pattern("partitions_text", "topic_clause").match(text, opening.end() if opening else start) is not None


def _names_whole_at_end(spec: PartitionSpec, ind: str, tail: str) -> bool:
    """The whole's name ends the indicator, whatever subject opens it (对甲地贸易值 is 贸易值 of a partner)."""
    return any(spec.names_whole(ind[k:], tail) for k in range(max(0, len(ind) - 1)))


def _own_parent(ctx: Ctx, p: Partition, figs: list[Figure], tail: str) -> None:
    """Parts listed under one 其中 belong to the whole that 其中 follows ("对甲地贸易值X，其中进口A，出口B"),
    not to one named alike further back (the province's trade): that is another subject's."""
    parent = figs[0].parent
    if parent is None or any(f.parent != parent for f in figs):
        return
    f = ctx.figure(parent)
    q = ctx.value_q(f) if f is not None else None
    if f is None or q is None or q.start > min(x.start for x in p.parts) or not _may_hold(ctx, q, f, p.parts[0], p.spec.averaged) \
            or not _names_whole_at_end(p.spec, f.indicator or "", tail):
        return
    if p.total is None or p.total.start < q.start:
        p.total, p.wide, p.competitors = q, False, []
        if f.indicator_span is not None:
            p.anchors.append((f.indicator_span.start, f.indicator_span.end))


def _whole(ctx: Ctx, p: Partition, first: Figure, tail: str, head: str = "") -> None:
    """The nearest figure before the parts in their section named as the whole of their measure;
    others so named in the same paragraph with another value are its competitors."""
    q0 = p.parts[0]
    sec_s, _ = ctx.section_span(q0.start)
    cands = _whole_candidates(ctx, p, first, tail, max(sec_s, q0.start - 600), head)
    if not cands and sec_s > q0.start - 600:
        # "…地区生产总值X亿元…\n\n稳中向好\n\n第一产业…": a heading between the whole
        # and its parts; across it, only one whole so named and valued may qualify
        wider = _whole_candidates(ctx, p, first, tail, max(0, q0.start - 600), head)
        wider = _labelled_whole(ctx, wider, q0.start) or wider  # the heading may name which
        # (of the parts' own period when any is: 1—6月 parts after a 6月 whole and the 1—6月 one)
        wider = [c for c in wider if same_period(c[1].period, first.period)] or wider
        cands = wider if len({ctx.base_iv(q) for q, _ in wider}) == 1 else []
    # a label line before the parts naming one whole ("（三）限额以上单位消费品零售额构成") makes them its parts
    labelled = _labelled_whole(ctx, cands, q0.start)
    if labelled:
        cands = labelled
    # a candidate that is itself a 其中 part of another (限额以上单位消费品零售额 under 社会消费品零售总额) is no
    # whole of parts stated after both: those are the outer whole's
    ids = {f.id for _, f in cands}
    cands = [c for c in cands if c[1].parent not in ids]
    if not cands:
        return
    # a whole of the parts' own period beats a nearer one of another (11月当月 after 1—11月)
    same = [c for c in cands if same_period(c[1].period, first.period)]
    cands = same or cands
    q, f = cands[-1]
    p.total = q
    p.wide = bool(p.spec.wide_whole and p.spec.wide_whole.search(f.indicator or ""))
    if f.indicator_span is not None:
        p.anchors.append((f.indicator_span.start, f.indicator_span.end))
    para = ctx.paragraph(q.start)
    base = ctx.base_iv(q)
    # another whole of the same subject in the paragraph is a competing reading; the whole of another
    # subject stated before it (北京市 before 西城区) is not
    p.competitors = [o for o, g in cands[:-1] if para[0] <= o.start < para[1] and ctx.base_iv(o) != base
                     and g.entity == f.entity]


def _labelled_whole(ctx: Ctx, cands: list[tuple[Quantity, Figure]], pos: int) -> list[tuple[Quantity, Figure]]:
    """The candidates a label line between them and the parts names ("（三）限额以上单位消费品零售额构成"), in
    text order; [] when no such line stands there."""
    if not cands:
        return []
    for line in reversed(ctx.src[cands[-1][0].end:pos].split("\n")[1:]):
        m = pattern("partitions_text", "label_line").fullmatch(line)
        if m is not None:
            name = norm_indicator(m.group("name"))
            return [c for c in cands if norm_indicator(c[1].indicator or "") == name]
    return []


def _whole_candidates(ctx: Ctx, p: Partition, first: Figure, tail: str, lo: int,
                      head: str = "") -> list[tuple[Quantity, Figure]]:
    """The figures between ``lo`` and the parts named as their whole, in text order."""
    q0 = p.parts[0]
    cands: list[tuple[Quantity, Figure]] = []
    for f in ctx.figures_between(lo, q0.start):
        q = ctx.value_q(f)
        if q is None:
            continue
        if not _may_hold(ctx, q, f, q0, p.spec.averaged):
            continue
        # periods are not compared: the nearest whole before the parts is theirs, and a period read
        # from a bracket ("较一季度(…)") or the title often differs from theirs only on paper
        if first.parent is not None and f.parent == first.parent:
            continue  # a sibling of the parts under the same 其中 (城镇人口 beside 男性人口) is not their whole
        if rx(r"占[^，,。；;]{0,16}$").search(ctx.text(max(f.sentence.start, q.start - 18), q.start)) \
                and rx(r"的").match(ctx.src, q.end):
            continue  # "占全市地区生产总值X亿元的6.9%": the wider whole a share is of, not these parts' whole
        if pattern("breakdown", "bracketed_plan").search(ctx.text(max(f.sentence.start, q.start - 8), q.start)):
            continue  # "完成年度预算（14.60亿元）的…": the plan, not the amount its parts make up
        if p.spec.names_whole(f.indicator or "", tail) and _same_head(p.spec, f.indicator or "", head):
            cands.append((q, f))
    return cands


def _may_hold(ctx: Ctx, q: Quantity, f: Figure, part: Quantity, averaged: bool = False) -> bool:
    """A value that can be the whole of ``part``: usable, of its dimension, a count for counts."""
    return ctx.dim(q) == ctx.dim(part) and _usable(ctx, q, f, averaged) and (q.kind == "count") == (part.kind == "count")


def _same_head(spec: PartitionSpec, whole: str, head: str) -> bool:
    """Parts named with a subject (机电产品出口, 机电产品进口) make up that subject's whole only: a whole
    named with another subject (民营企业进出口) is not theirs."""
    if not head:
        return True
    if _scope(head):  # parts of the units above a size threshold make up those units' whole only
        return _scope_key(head) in _scope_key(norm_indicator(whole))
    m = next((m for _, rx in spec.totals if rx is not None and (m := rx.search(whole)) is not None), None)
    return m is None or _head(whole[:m.start()]) in ("", head)


def _scope(head: str) -> bool:
    """A head that names the units above a size threshold (限额以上, 规模以上), no subject of its own."""
    return bool(head) and pattern("partitions_text", "scope_head").fullmatch(head) is not None


def _scope_key(s: str) -> str:
    return s.replace("限上", "限额以上").replace("规上", "规模以上").replace("单位", "")


def _collective(ctx: Ctx, spec: PartitionSpec, f: Figure, out: list[Partition]) -> None:
    """"三次产业对经济增长的贡献率分别为8.1%、45.2%和46.7%": one share per part, listed in order."""
    for ctype in ("contribution", "share"):
        cs: list[Comparison] = [c for c in f.comparisons if c.type == ctype]
        qs = [ctx.q(c.quantity) for c in cs]
        if len(qs) == len(spec.parts) and all(q is not None and q.kind == "percent" and not ctx.approx(q) for q in qs):
            span = f.indicator_span
            anchors = [(span.start, span.end)] if span is not None else []
            out.append(Partition(spec, "share", [q for q in qs if q is not None], anchors=anchors,
                                 contribution=ctype == "contribution"))


def growth_whole(ctx: Ctx, f: Figure, reference: Optional[str], placeless: bool = False) -> Optional[Figure]:
    """The whole a part's pull or gap names by its place and growth ("拉动全市增速", "高于全市平均增速"): a
    figure before the part, of its place and period, with a growth and no pull of its own, whose
    indicator holds the measure the reference names (any, for 全市增速). All such figures must state
    one growth; two readings are no anchor. The place is the part's own (全市 for a city's figure, not
    a county's); the whole is of the part's measure (增加值 for 制造业增加值), is not the part stated
    again (a headline's 民间投资), states no share of its own (a sibling part: 占规模以上工业X%) and no gap
    to the same reference (县域投资…高于全省平均增速a个百分点, 其中民间投资…高于全省平均增速b个百分点)."""
    m = pattern("contributions", "rate_whole").match(reference or "")
    if m is None and placeless:  # a pull names its whole by its measure alone: the part's own place's
        m = pattern("contributions", "pull_whole").match(reference or "")
    own = measure_of(f.indicator)
    place = m.group("place") if m is not None else None
    every = place in ("全部", "所有")  # all of the measure, in the part's own place
    if m is None or own is None or not f.entity or (place and f.entity[-1] != place[-1] and not every):
        return None
    measure, name = norm_indicator(m.group("measure")), norm_indicator(f.indicator)
    found = [o for o in ctx.doc.figures if o.start < f.start and o.entity == f.entity
             and same_period(o.period, f.period, unknown=False) and ctx.growth(o) is not None
             and not ctx.comparisons(o, "contribution") and not ctx.comparisons(o, "share")
             and measure in norm_indicator(o.indicator) and measure_of(o.indicator) == own
             and name not in norm_indicator(o.indicator)
             # a figure whose sentence states a gap to the same reference is measured against it, never it
             and not any(c.reference == reference for g in ctx.sentence_figures(o) for c in ctx.comparisons(g, "gap_to_target"))
             and not (f.parent is not None and o.parent == f.parent)]  # a sibling under the same 其中
    if every:  # the whole the document leads with, named as all of the measure
        found = [o for o in found if _names_all_of(norm_indicator(o.indicator), measure)]
        return found[0] if found and measure else None
    growths = {ctx.q(ctx.growth(o).quantity).value for o in found}  # type: ignore[union-attr]
    return found[-1] if len(growths) == 1 else None


def upper_whole(ctx: Ctx, f: Figure, reference: Optional[str]) -> Optional[Figure]:
    """"甲市增长a%…，增速高于全省平均水平g个百分点": a member place's gap to the region it lies in (全省 for a
    city) is to that region's growth of the same measure and period stated before it. The region is a
    figure whose place is of the level the reference names and whose name is the member's; all such
    figures must state one growth."""
    m = pattern("contributions", "rate_whole").match(reference or "")
    level = m.group("place")[-1] if m is not None and m.group("place") else None
    if level is None or not f.entity or f.entity[-1] == level or m.group("measure"):
        return None
    name = norm_indicator(f.indicator)
    found = [o for o in ctx.doc.figures if o.start < f.start and o.entity and o.entity[-1] == level
             and o.entity != f.entity and norm_indicator(o.indicator) == name
             and same_period(o.period, f.period, unknown=False) and ctx.growth(o) is not None]
    growths = {ctx.q(ctx.growth(o).quantity).value for o in found}  # type: ignore[union-attr]
    return found[-1] if len(growths) == 1 else None


def whole_of_all(ctx: Ctx, f: Figure, of: str) -> Optional[Figure]:
    """"占全部投资的比重": all of a measure in the part's own place is the figure the document states for
    it by the measure alone or with the words that name all of it (固定资产投资, 全社会固定资产投资), of
    the part's period, before the part; the first of them, when all such figures state one value."""
    m = pattern("shares", "all_of").match(of)
    measure = norm_indicator(of[m.end():]) if m is not None else ""
    if len(measure) < 2 or not f.entity:
        return None
    found = [o for o in ctx.doc.figures if o.start < f.start and o.entity == f.entity and o.id != f.id
             and ctx.value_q(o) is not None and same_period(o.period, f.period, unknown=False)
             and _names_all_of(norm_indicator(o.indicator), measure)]
    values = {ctx.value_q(o).value for o in found}  # type: ignore[union-attr]
    return found[0] if len(values) == 1 else None


def _names_all_of(ind: str, measure: str) -> bool:
    """An indicator that names all of ``measure``: the measure alone or after the words that name all of
    it (固定资产投资, 全社会固定资产投资 for 投资)."""
    return ind.endswith(measure) and pattern("contributions", "every_whole").match(ind[:len(ind) - len(measure)]) is not None
