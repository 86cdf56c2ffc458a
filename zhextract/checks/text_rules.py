"""Arithmetic stated inside the text: gaps to targets, contributions to growth, increments with
growth, and facts stated twice."""
from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Callable, Optional

import regex

from ..models import Comparison, Figure, Quantity
from .arith import HUNDRED, Iv, Verdict, extremes, fmt, judge, overlap, total
from .base import (comparable_prices, Ctx, Doubt, config, is_same_count_unit, LOOK_BACK, measure_of, norm_indicator,
                   pattern, same_period, similarity, whole_words)
from .base import rx  # inline patterns compiled once
from .links import growth_whole, partitions, upper_whole
from ..quantities.numerals import cn_int



def gap_to_target(ctx: Ctx) -> None:
    """高于省定目标(12%)11.6个百分点: gap = growth − target, signed by 高于/低于."""
    listed = _listed_gaps(ctx) | _member_gaps(ctx)
    for f in ctx.doc.figures:
        for c in ctx.comparisons(f, "gap_to_target"):
            gq = ctx.q(c.quantity)
            assert gq is not None
            if gq.id in listed:
                continue
            named = _named_subject(ctx, f, c)
            if named is not None and c.reference and norm_indicator(f.indicator).startswith(c.reference):
                # the figure before the gap is its reference, the subject named before the comparison word
                s_q, s_g = _growth_of(ctx, named)
                r_q, r_g = _growth_of(ctx, f)
                if s_q is not None and s_g is not None and r_q is not None and r_g is not None:
                    below = c.direction == "below"
                    _gap(ctx, named, gq, -gq.value if below and gq.value > 0 else gq.value, s_q, s_g, r_q, r_g,
                         c.reference)
                    continue
            g_q, g = _listed_growth(ctx, f, c)
            subject = f
            if g is None:
                # "…增速快于城镇居民1.5个百分点" standing alone: the rate is the growth stated before for
                # the figure its name is the rate of
                subject = _rate_subject(ctx, f) or f
                g_q, g = _growth_of(ctx, subject)
            tq = ctx.q(c.target)
            below = c.direction == "below"
            claimed = -gq.value if below and gq.value > 0 else gq.value
            if tq is None and g is not None and g_q is not None:
                peer = _named_peer(ctx, subject, c.reference)
                if peer is not None:
                    _peer_gap(ctx, f, peer, gq, g_q, g, claimed)
                    continue
            if tq is None and _stated_gap(ctx, f, c, gq, claimed):
                continue
            whole = (growth_whole(ctx, subject, c.reference) or upper_whole(ctx, subject, c.reference)) \
                if tq is None and g is not None else None
            if whole is not None and g_q is not None and g is not None:
                # "增长11.8%，超过全县平均增速4个百分点": the whole's growth the document stated before
                w_q, w = _growth_of(ctx, whole)
                if w_q is not None and w is not None:
                    _gap(ctx, f, gq, claimed, g_q, g, w_q, w, c.reference or "the whole")
                    continue
            if tq is None or g is None or g_q is None:
                what = "target" if tq is None else "growth"
                ref = c.reference or ""
                ctx.unverifiable(
                    "gap_to_target", f"the {what} the gap is measured against ({ref or 'reference'}) is not stated",
                    f"未给出比较对象({ref or '参照值'})的数值", [ctx.ev_q(gq, "claim", "gap")] +
                    ([ctx.ev_q(g_q, "input", "growth")] if g_q else []),
                    "gap = growth − reference", claimed)
                continue
            t = ctx.iv(tq, exact=True)  # a target is set, not measured: 15% is exactly 15
            computed = g - t
            v = judge(claimed, gq.decimals, computed)
            word = "低于" if below else "高于"
            ctx.emit("gap_to_target", v, claimed=claimed, computed=computed, decimals=gq.decimals,
                     formula=f"gap (pp) = growth {g.nom} − target {t.nom}",
                     zh=f"{word}目标 {gq.value} 个百分点:增速 {g.nom}% − 目标 {t.nom}% = {computed.nom} 个百分点",
                     en=f"gap {claimed} pp: growth {g.nom}% − target {t.nom}% = {computed.nom} pp",
                     evidence=[ctx.ev_q(gq, "claim", "gap"), ctx.ev_q(g_q, "input", "growth"),
                               ctx.ev_q(tq, "input", "target")])
        for c in ctx.comparisons(f, "change"):
            q = ctx.q(c.quantity)
            assert q is not None
            if q.kind == "pp" and c.direction in ("up", "down") and _stated_gap(
                    ctx, f, c, q, -q.value if c.direction == "down" and q.value > 0 else q.value):
                continue
            ctx.unverifiable("gap_to_target", f"the value for {c.reference or 'the reference period'} is not stated",
                             f"未给出{c.reference or '参照期'}的数值", [ctx.ev_q(q, "claim", "change")],
                             "change (pp) = growth − growth of the reference period", q.value)


_BRACKETS = regex.compile(r"[(（][^)）]*[)）]")


def _listed_gaps(ctx: Ctx) -> set[int]:
    """"增长7.5%，比全省(5.2%)和全国(4.9%)分别高2.3、2.6个百分点" and "增长5.8%，分别高于全国(5.1%)、全省
    (4.6%)0.7和1.2个百分点": the i-th gap is to the i-th reference in brackets, from the own rate before
    them. Returns the gaps judged (and those of a list that does not pair up, which no rule may pair
    otherwise)."""
    done: set[int] = set()
    text = ctx.src

    def bracketed(q: Quantity, lo: int) -> bool:
        return q.kind == "percent" and bool(_BRACKETS.search(text, max(lo, q.start - 1), q.end + 1))

    for m in pattern("gaps", "listed").finditer(text):
        sent = ctx.sentence_of(m.start())
        if sent is None:
            continue
        before = ctx.quantities_within(sent.start, m.start())
        after = ctx.quantities_within(m.end(), sent.end)
        refs = [q for q in before if bracketed(q, sent.start)]
        if not refs:  # the references after the cue: 分别高于全国(5.1%)、全省(4.6%)0.7和1.2个百分点
            refs = list(itertools.takewhile(lambda q: bracketed(q, m.end()), after))
            after = after[len(refs):]
        own = next((q for q in reversed(before) if q.kind == "percent" and q not in refs
                    and (not refs or q.end <= refs[0].start)), None)
        start = refs[-1].end + 1 if refs and refs[-1].start > m.start() else m.end()
        gaps = _gap_run(ctx, start, after)
        if len(refs) < 2 or not gaps:
            continue
        done.update(q.id for q in gaps)  # a list of gaps is paired here or by nobody
        if own is None or len(gaps) != len(refs) or "百分点" not in text[gaps[-1].start:gaps[-1].end + 4]:
            continue
        f = ctx.figure(ctx.fig_of_q.get(own.id)) or next((g for g in ctx.sentence_figures_at(sent.start)), None)
        if f is None:
            continue
        below = m.group("dir") in ("低", "慢", "少")
        o = ctx.iv(own, exact=False)
        for gq, rq in zip(gaps, refs):
            claimed = -gq.value if below and gq.value > 0 else gq.value
            _gap(ctx, f, gq, claimed, own, o, rq, ctx.iv(rq, exact=False), "the reference")
    return done


def _gap_run(ctx: Ctx, start: int, after: list[Quantity]) -> list[Quantity]:
    """The gaps listed from ``start`` ("g1、g2和g3个百分点"): numbers joined by list separators only."""
    gaps: list[Quantity] = []
    for q in after:
        if not pattern("shares", "list_gap").fullmatch(ctx.src, gaps[-1].end if gaps else start, q.start) \
                or q.kind not in ("pp", "count", "amount"):
            break
        gaps.append(q)
    return gaps


def _member_gaps(ctx: Ctx) -> set[int]:
    """"服装类增长a%、珠宝类增长b%，增幅分别高于全市社会消费品零售总额g1、g2个百分点": the i-th gap is the
    i-th member's growth less the named whole's, the whole's growth of the members' period (one value, or
    no verdict). Returns the gaps judged."""
    done: set[int] = set()
    text = ctx.src
    for m in pattern("gaps", "listed_named").finditer(text):
        sent = ctx.sentence_of(m.start())
        if sent is None:
            continue
        gaps = _gap_run(ctx, m.end(), ctx.quantities_within(m.end(), sent.end))
        if len(gaps) < 2 or "百分点" not in text[gaps[-1].start:gaps[-1].end + 4]:
            continue
        rates = [q for q in ctx.quantities_within(sent.start, m.start()) if q.kind == "percent"
                 and not _BRACKETS.search(text, max(sent.start, q.start - 1), q.end + 1)]
        members = rates[-len(gaps):]
        figs = [ctx.figure(ctx.fig_of_q.get(q.id)) for q in members]
        if len(members) != len(gaps) or any(f is None or _growth_of(ctx, f)[0] is not members[k]
                                            for k, f in enumerate(figs)):
            continue  # not one growth stated per gap
        ref = _whole_key(pattern("gaps", "ref_prefix").sub("", norm_indicator(m.group("ref"))))
        period = figs[0].period  # type: ignore[union-attr]
        wholes = [o for o in ctx.figures_between(max(0, sent.start - 2000), sent.start)
                  if _whole_key(norm_indicator(o.indicator)) == ref and _growth_of(ctx, o)[1] is not None
                  and same_period(o.period, period)]
        if len({_growth_of(ctx, o)[0].value for o in wholes}) != 1:  # type: ignore[union-attr]
            continue  # the whole of that period is not stated, or stated with two growths
        w_q, w = _growth_of(ctx, wholes[-1])
        below = m.group("dir") in ("低", "慢")
        for gq, mq, f in zip(gaps, members, figs):
            _gap(ctx, f, gq, -gq.value if below and gq.value > 0 else gq.value, mq,  # type: ignore[arg-type]
                 ctx.iv(mq, exact=False), w_q, w, m.group("ref"))  # type: ignore[arg-type]
            done.add(gq.id)
    return done


def _whole_key(name: str) -> str:
    """One spelling of a whole's name for matching: 社会消费品零售总额 and 社会消费品零售额 alike."""
    return whole_words(name).replace("金额", "额").replace("总额", "额")


def _stated_gap(ctx: Ctx, f: Figure, c: Comparison, gq: Quantity, claimed: Decimal) -> bool:
    """A gap in points between two rates the sentence states: "较上半年(-7.9%)回升2.5个百分点" (the
    reference in brackets after its name), "快于全县平均水平1.6个百分点，全县增长5.3%" (the reference's
    own rate named after the gap). The own rate is the nearest one before the gap in its clause
    chain. True when a verdict was given."""
    text = ctx.src
    own = next((q for q in reversed(ctx.quantities_within(f.sentence.start, c.start))
                if q.kind == "percent" and not _BRACKETS.search(text, max(f.sentence.start, q.start - 1), q.end + 1)
                and q.id != gq.id), None)
    if own is None:
        return False
    if gq.kind != "pp":
        return False  # a gap in points, not a count that happens to follow the comparison
    ref_q = None
    m = pattern("gaps", "bracketed").search(text, c.start, gq.start)
    if m is not None and _own_bracket(text, c.start, m.start()):
        m = None  # "占全部投资比重(a%)比上年同期提高g个百分点": the share's own value, no reference
    if m is None:  # "比全国增长a%高g个百分点": the reference's rate between 比 and the gap
        m = pattern("gaps", "rate_between").fullmatch(text, c.start, gq.start)
    if m is None and c.start > own.end and "分别" not in text[own.end:gq.start]:
        # the reference's rate in brackets after its name, between the own rate and the cue word; only
        # one may stand there (a list of references takes a list of gaps)
        found = list(pattern("gaps", "bracketed").finditer(text, own.end, gq.start))
        # a bracket whose own gap follows it ("高于全市(a%)g个百分点，比上月回落c个百分点") is that gap's
        found = [b for b in found if not any(q.kind == "pp" and q.id != gq.id
                                             for q in ctx.quantities_within(b.end(), gq.start))]
        found = [b for b in found if not _own_bracket(text, own.end, b.start())]
        m = found[0] if len(found) == 1 else None
    if m is not None:
        ref_q = ctx.quantity_at(m.start("num"))
    elif c.reference:
        core = pattern("gaps", "average").sub("", c.reference)
        after = pattern("gaps", "stated_after").match(text, gq.end)
        if after is not None and len(core) >= 2 and after.group("ref").endswith(core[-2:]) \
                and core.startswith(after.group("ref")[:1]):
            ref_q = ctx.quantity_at(after.start("num"))
    if ref_q is None or ref_q.kind != "percent" or ref_q.id == own.id:
        return False
    o, r = ctx.iv(own, exact=False), ctx.iv(ref_q, exact=False)
    own_sign = -1 if pattern("gaps", "decline_before").search(text, max(0, own.start - 4), own.start) else 1
    o = o if own_sign > 0 or own.value < 0 else -o
    _gap(ctx, f, gq, claimed, own, o, ref_q, r, "the reference")
    return True


def _own_bracket(text: str, lo: int, at: int) -> bool:
    """A bracket after a share or rate word with no comparison word before it since ``lo`` holds the
    subject's own rate ("比重(a%)比上年同期提高…"); after one ("高于全省平均增速(a%)…") it is the reference's."""
    return pattern("gaps", "own_bracket").search(text, max(0, at - 4), at) is not None \
        and pattern("gaps", "compare_word").search(text, lo, at) is None


def _gap(ctx: Ctx, f: Figure, gq: Quantity, claimed: Decimal, own_q: Quantity, own: Iv, ref_q: Quantity, ref: Iv,
         ref_name: str) -> None:
    """A gap in points judged: the own rate less the reference rate."""
    computed = own - ref
    v = judge(claimed, gq.decimals, computed)
    ctx.emit("gap_to_target", v, claimed=claimed, computed=computed, decimals=gq.decimals,
             formula=f"gap (pp) = rate {own.nom} − rate of {ref_name} {ref.nom}",
             zh=f"相差 {gq.text}:{own.nom}% − {ref_name} {ref.nom}% = {computed.nom} 个百分点",
             en=f"gap {claimed} pp: {own.nom}% − {ref_name}'s {ref.nom}% = {computed.nom} pp",
             evidence=[ctx.ev_q(gq, "claim", "gap"), ctx.ev_q(own_q, "input", "growth"),
                       ctx.ev_q(ref_q, "input", "reference growth")], figure=f.id)


def _named_peer(ctx: Ctx, f: Figure, ref: Optional[str]) -> Optional[Figure]:
    """"农村居民人均可支配收入…增长8.2%，增速快于城镇居民6.1个百分点": the reference names a parallel
    figure, the same measure of another subject (城镇居民人均可支配收入), stated with its growth in the same
    paragraph and period. Only one such figure may qualify."""
    if not ref or len(ref) < 2 or not f.indicator:
        return None
    para = ctx.paragraph(f.start)
    peers = [o for o in ctx.figures_in(para[0], para[1]) if o is not f and o.period == f.period
             and (o.indicator or "").startswith(ref) and len(o.indicator or "") - len(ref) >= 2
             and f.indicator.endswith((o.indicator or "")[len(ref):]) and _growth_of(ctx, o)[1] is not None]
    if not peers:
        # "住宿收入…增长14.6%，高于商品零售额增速8.3个百分点": the reference names another figure of the
        # section outright; only one value may qualify
        core = pattern("gaps", "average").sub("", ref)
        sec = ctx.section_span(f.start)
        named = [o for o in ctx.figures_between(max(sec[0], f.start - LOOK_BACK), f.start) if o is not f
                 and len(core) >= 2 and norm_indicator(o.indicator) == core and same_period(o.period, f.period)
                 and _growth_of(ctx, o)[1] is not None]
        if not named and len(core) >= 2:
            # "增速高于全部规模以上工业2.3个百分点" (of 规上工业增加值), "快于全市经济增速" (of 地区生产总值)
            names = _reference_names(core, f.indicator)
            nation = core.removeprefix("同期").startswith("全国")  # the country's rate is no figure of the place
            named = [o for o in ctx.figures_between(max(sec[0], f.start - LOOK_BACK), f.start) if o is not f
                     and not ctx.same_sentence(o, f)  # one of the sentence is the own rate, not the reference
                     and (not nation or o.entity == "全国")
                     and _spelled(norm_indicator(o.indicator)) in names and _growth_of(ctx, o)[1] is not None
                     and not _own_other_period(ctx, o, f)
                     and norm_indicator(o.indicator) != measure_of(o.indicator)]  # a bare 增加值 names no whole
            # periods are not trusted here: a period carried from the sentence before (7月当月 after
            # 1—7月) may not be the one the reference means, so every growth so named must agree
        if len({_growth_of(ctx, o)[0].value for o in named}) == 1:  # type: ignore[union-attr]
            return named[-1]
    if not peers:
        # "榆林高新区营业收入…增长14.9%，高于全市开发区平均水平14.5个百分点": the same measure of the whole,
        # named by its entity anywhere before
        whole = pattern("gaps", "average").sub("", ref)
        peers = [o for o in ctx.figures_named(norm_indicator(f.indicator)) if o is not f and o.start < f.start
                 and len(whole) >= 2 and not _own_other_period(ctx, o, f)
                 and whole in _BRACKETS.sub("", (o.entity_text or "") + "|" + (o.entity or "")).split("|")
                 and norm_indicator(o.indicator) == norm_indicator(f.indicator) and _growth_of(ctx, o)[1] is not None]
    return peers[0] if len(peers) == 1 else None


def _named_subject(ctx: Ctx, f: Figure, c: Comparison) -> Optional[Figure]:
    """The figure a gap's clause names by its rate word before the comparison ("城镇单位增速高于…"), when
    that is not ``f``: the one figure of the sentence before ``f`` so named, with a growth."""
    m = pattern("gaps", "named_subject").search(ctx.text(ctx.clause_start(c.start, "，,；;。"), c.start))
    if m is None:
        return None
    name = norm_indicator(m.group("name"))
    if norm_indicator(f.indicator).startswith(name):
        return None
    named = [o for o in ctx.sentence_figures(f) if o is not f and o.start < f.start
             and norm_indicator(o.indicator).startswith(name) and _growth_of(ctx, o)[1] is not None]
    return named[0] if len(named) == 1 else None


def _own_other_period(ctx: Ctx, o: Figure, f: Figure) -> bool:
    """``o`` is of another period than ``f``, each period written in its own sentence ("其中10月份增加值…"
    beside "1—10月份，…增加值增长…"): neither carried from a sentence before, where another may be meant."""
    def written(g: Figure) -> bool:
        return bool(g.period) and g.period in ctx.text(ctx.clause_start(g.start, "。\n"), g.start)  # type: ignore[operator]
    return bool(o.period and f.period and not same_period(o.period, f.period) and written(o) and written(f))


def _rate_subject(ctx: Ctx, f: Figure) -> Optional[Figure]:
    """The figure a figure named "X增速" is the rate of: the nearest X before it in its paragraph with a
    growth of its own."""
    m = pattern("gaps", "rate_name").search(norm_indicator(f.indicator))
    if m is None:
        return None
    name = norm_indicator(f.indicator)[:m.start()]
    para = ctx.paragraph(f.start)
    if not name and f.entity:
        # "甲、乙市增速分别高于全省平均水平a、b个百分点": a rate named by its place alone is the rate of the
        # one measure the paragraph grew for that place before
        own = [o for o in ctx.figures_between(para[0], f.start) if o.entity == f.entity and o.indicator
               and ctx.growth(o) is not None]
        return own[-1] if own and len({norm_indicator(o.indicator) for o in own}) == 1 else None
    cands = [o for o in ctx.figures_between(para[0], f.start) if norm_indicator(o.indicator) == name
             and ctx.growth(o) is not None]
    return cands[-1] if len(name) >= 2 and cands else None


def _ref_spelling(s: str) -> str:
    for a, b in config()["gaps"]["ref_synonyms"].items():
        s = s.replace(a, b)
    return s


def _spelled(name: str) -> str:
    """A figure's name as a reference would give it: the whole's prefix (全省, 全部) dropped, synonyms read."""
    return _ref_spelling(pattern("gaps", "ref_prefix").sub("", name))


def _reference_names(core: str, own: Optional[str]) -> set[str]:
    """The names a reference may give a figure: as written, and with the figure's own measure after it
    (全部规上工业 + 增加值), the prefix of the whole (全部, 全市) dropped and synonyms read."""
    bare = _ref_spelling(pattern("gaps", "ref_prefix").sub("", core))
    measure = measure_of(own)
    names = {_ref_spelling(core), bare}
    if measure and not bare.endswith(measure):
        names.add(bare + measure)
    return {n for n in names if len(n) >= 2}


def _peer_gap(ctx: Ctx, f: Figure, peer: Figure, gq: Quantity, g_q: Quantity, g: Iv, claimed: Decimal) -> None:
    p_q, p = _growth_of(ctx, peer)
    assert p_q is not None and p is not None
    _gap(ctx, f, gq, claimed, g_q, g, p_q, p, peer.indicator or "the reference")


def _listed_growth(ctx: Ctx, f: Figure, gap: Comparison) -> tuple[Optional[Quantity], Optional[Iv]]:
    """The growth a gap is from: "分别增长a、b，快于全部c和d个百分点" pairs the i-th gap with the i-th
    growth; a figure with several growths and another number of gaps gives no pairing (no growth)."""
    growths, gaps = ctx.comparisons(f, "growth"), ctx.comparisons(f, "gap_to_target")
    if len(growths) < 2:
        return _growth_of(ctx, f)
    if len(growths) != len(gaps):
        return None, None
    c = growths[next(k for k, o in enumerate(gaps) if o is gap)]
    return ctx.q(c.quantity), ctx.signed(c)


def _growth_of(ctx: Ctx, f: Figure) -> tuple[Optional[Quantity], Optional[Iv]]:
    c = ctx.growth(f)
    if c is not None:
        return ctx.q(c.quantity), ctx.signed(c)
    vq = ctx.value_q(f)  # "增速40.6%,高于目标": the figure's value is the growth itself
    if vq is not None and vq.kind == "percent" and f.indicator and any(w in f.indicator for w in ("增速", "增长", "增幅")):
        return vq, ctx.iv(vq)
    return None, None


def _total_candidates(ctx: Ctx) -> list[Figure]:
    return [f for f in ctx.doc.figures if ctx.growth(f) is not None and not ctx.comparisons(f, "contribution")
            and ctx.value_q(f) is not None]


def contribution_groups(ctx: Ctx) -> list[tuple[Figure, list[Figure]]]:
    """A total with a growth, and the parts after it (same indicator, same section) that state
    their contribution to it (拉动/下拉)."""
    groups: list[tuple[Figure, list[Figure]]] = []
    contributors = [f for f in ctx.doc.figures if ctx.comparisons(f, "contribution") and ctx.value_q(f) is not None]
    used: set[int] = set()
    for tot in _total_candidates(ctx):
        s0, s1 = ctx.section_span(tot.start)
        parts = [p for p in contributors if p.id not in used and tot.start < p.start < s1
                 and _same_indicator(tot.indicator, p.indicator)
                 and ctx.dim(ctx.value_q(p)) == ctx.dim(ctx.value_q(tot))]  # type: ignore[arg-type]
        if len(parts) >= 2:
            used.update(p.id for p in parts)
            groups.append((tot, parts))
    return groups


def _partition_groups(ctx: Ctx, used: set[int]) -> list[tuple[Figure, list[Figure]]]:
    """"生产总值…增长g%。其中：第一产业…拉动经济增长a个百分点；第二产业…；第三产业…": the parts of a
    complete partition (links: 三次产业 of the economy), each stating its pull, with the whole's growth."""
    out = []
    for p in partitions(ctx):
        whole = ctx.figure(ctx.fig_of_q.get(p.total.id)) if p.kind == "amount" and p.total is not None else None
        if whole is None or ctx.growth(whole) is None or ctx.value_q(whole) is None:
            continue
        figs = [ctx.figure(ctx.fig_of_q.get(q.id)) for q in p.parts]
        if any(f is None or f.id in used or len(ctx.pulls(f)) != 1 for f in figs):
            continue
        out.append((whole, figs))  # type: ignore[arg-type]
    return out


def _same_indicator(a: Optional[str], b: Optional[str]) -> bool:
    x, y = norm_indicator(a), norm_indicator(b)
    if not x or not y:
        return False
    return x in y or y in x or similarity(x, y) >= 0.6


def _counted_breakdowns(ctx: Ctx, used: set[int]) -> None:
    """"分三大门类看，采矿业…拉动3.8个百分点；制造业…拉动4.4个百分点；电力…拉动0.4个百分点": a breakdown
    that says how many parts it has covers the whole; when it names that many contributions, they add
    up to the growth stated before it, even where no part states a value."""
    text = ctx.src
    for m in pattern("contributions", "exhaustive").finditer(text):
        n = cn_int(m.group("n"))
        para_s, para_e = ctx.paragraph(m.start())
        # the breakdown's parts are in its own sentence: pulls further on are of another set's members
        # ("分三大门类看，…。N个行业大类中，…其中甲业拉动a个百分点…")
        end = min(para_e, ctx.clause_end(m.end(), "。"))
        parts = [f for f in ctx.doc.figures if m.end() <= f.start < end and len(ctx.comparisons(f, "contribution")) == 1]
        if n is None or len(parts) != n or any(p.id in used for p in parts):
            continue
        # the whole is of the parts' period ("9月份增长a%。前三季度，分三大门类看": not the month's)
        tot = next((f for f in reversed(ctx.doc.figures) if para_s <= f.start < m.start() and ctx.growth(f) is not None
                    and not ctx.comparisons(f, "contribution") and (f.period == parts[0].period or not f.period
                                                                    or not parts[0].period)), None)
        if tot is None:  # "从三大门类看" opening its paragraph: the whole its pulls name ("拉动全市增速")
            refs = {ctx.comparisons(p, "contribution")[0].reference for p in parts}
            tot = growth_whole(ctx, parts[0], refs.pop()) if len(refs) == 1 else None
        if tot is None:
            continue
        gc = ctx.growth(tot)
        gq, G = ctx.q(gc.quantity), ctx.signed(gc)  # type: ignore[union-attr]
        if gq is None or G is None:
            continue
        cs = [ctx.comparisons(p, "contribution")[0] for p in parts]
        s = total([ctx.signed(c) for c in cs])  # type: ignore[misc]
        terms = _signed_terms(ctx, cs)
        used.update(p.id for p in parts)
        ctx.emit("contributions_sum", judge(G.nom, gq.decimals, s), claimed=G.nom, computed=s, decimals=gq.decimals,
                 formula="total growth (%) = Σ contributions (pp) of all the parts",
                 zh=f"{m.group(0)}:各部分拉动之和 {terms} = {s.nom} 个百分点,总增速写为 {G.nom}%",
                 en=f"all {n} parts ({m.group(0)}): contributions {terms} add to {s.nom} pp; the growth is written {G.nom}%",
                 evidence=[ctx.ev_q(gq, "claim", "growth")] + [ctx.ev_q(ctx.q(c.quantity), "input", "contribution") for c in cs]  # type: ignore[arg-type]
                 + [ctx.ev_span(m.start(), m.end())], figure=tot.id)


def _collective_pulls(ctx: Ctx) -> None:
    """"三次产业分别拉动经济增长0.4、4.6和3.6个百分点": the three industries' pulls are all of the growth
    of the economy stated before them in the paragraph."""
    whole = pattern("contributions", "collective_whole")
    for m in pattern("contributions", "collective").finditer(ctx.src):
        if ctx.in_table(m.start()):
            continue
        terms = [ctx.quantity_at(t) for t in m.starts("term")]
        para_s, _ = ctx.paragraph(m.start())
        tot = next((f for f in reversed(ctx.figures_between(para_s, m.start())) if ctx.growth(f) is not None
                    and whole.search(norm_indicator(f.indicator))), None)
        if tot is None or any(q is None for q in terms):
            continue
        gc = ctx.growth(tot)
        gq, G = ctx.q(gc.quantity), ctx.signed(gc)  # type: ignore[union-attr]
        if gq is None or G is None:
            continue
        s = total([ctx.iv(q) for q in terms])  # type: ignore[arg-type]
        listed = " + ".join(q.text for q in terms)  # type: ignore[union-attr]
        ctx.emit("contributions_sum", judge(G.nom, gq.decimals, s), claimed=G.nom, computed=s, decimals=gq.decimals,
                 formula="total growth (%) = Σ contributions (pp) of the three industries",
                 zh=f"三次产业拉动之和 {listed} = {s.nom} 个百分点,总增速写为 {G.nom}%",
                 en=f"the three industries' contributions {listed} add to {s.nom} pp; the growth is written {G.nom}%",
                 evidence=[ctx.ev_q(gq, "claim", "growth")] + [ctx.ev_q(q, "input", "contribution") for q in terms]  # type: ignore[arg-type]
                 + [ctx.ev_span(m.start(), m.end())], figure=tot.id)


def _signed_terms(ctx: Ctx, cs: list[Comparison]) -> str:
    """"+3.8 +4.4 −0.2": contributions with their signs, for a message."""
    return " ".join(f"{'+' if (ctx.signed(c).nom >= 0) else '−'}{abs(ctx.signed(c).nom)}" for c in cs)  # type: ignore[union-attr]


def contributions_sum(ctx: Ctx) -> None:
    """拉动/下拉: the parts' contributions add up to the total's growth, and each contribution is
    the part's increase over the total's prior value (priors implied by value / (1 + growth))."""
    groups = contribution_groups(ctx)
    groups += _partition_groups(ctx, {p.id for _, parts in groups for p in parts})
    _counted_breakdowns(ctx, {p.id for _, parts in groups for p in parts})
    _collective_pulls(ctx)
    for tot, parts in groups:
        tq = ctx.value_q(tot)
        gc = ctx.growth(tot)
        assert tq is not None and gc is not None
        gq = ctx.q(gc.quantity)
        assert gq is not None
        G = ctx.signed(gc)
        assert G is not None
        contribs = [(p, c) for p in parts for c in ctx.pulls(p)]
        pvals = [ctx.iv(ctx.value_q(p)) for p in parts]  # type: ignore[arg-type]
        exhaustive = judge(tq.value, tq.decimals, total(pvals)).status == "consistent"
        ev_parts = [ctx.ev_q(ctx.q(c.quantity), "input", "contribution") for _, c in contribs]  # type: ignore[arg-type]
        claimed = G.nom
        if not exhaustive:
            ctx.unverifiable("contributions_sum", "the parts listed do not make up the total",
                             "所列各部分之和不等于总量", [ctx.ev_q(gq, "claim", "growth")] + ev_parts,
                             "Σ contributions = total growth", claimed)
            continue
        s = total([ctx.signed(c) for _, c in contribs])  # type: ignore[misc]
        v = judge(claimed, gq.decimals, s)
        terms = _signed_terms(ctx, [c for _, c in contribs])
        ctx.emit("contributions_sum", v, claimed=claimed, computed=s, decimals=gq.decimals,
                 formula="total growth (%) = Σ contributions (pp)",
                 zh=f"各部分拉动之和 {terms} = {s.nom} 个百分点,总增速写为 {claimed}%",
                 en=f"contributions {terms} add to {s.nom} pp; the total's growth is written {claimed}%",
                 evidence=[ctx.ev_q(gq, "claim", "growth")] + ev_parts, figure=tot.id)
        # each contribution against its part's increase over the prior total (Σ of the parts'
        # priors); a part's value enters twice (its increase and the prior total), so the range
        # comes from extremes(), not from interval arithmetic that would count its rounding twice
        pins: list[tuple[Iv, Iv]] = []
        for p in parts:
            pg = ctx.growth(p)
            if pg is None or ctx.signed(pg) is None:
                pins = []
                break
            pins.append((ctx.iv(ctx.value_q(p)), ctx.signed(pg)))  # type: ignore[arg-type]
        if not pins or comparable_prices(tot.indicator):
            continue  # value-added growth is at comparable prices: priors cannot be implied from values
        flat = [x for pair in pins for x in pair]
        for k, p in enumerate(parts):
            pq, pg = ctx.value_q(p), ctx.growth(p)
            for c in ctx.pulls(p):
                cq, cs = ctx.q(c.quantity), ctx.signed(c)
                assert cq is not None and cs is not None and pq is not None and pg is not None

                def contrib(*xs: Decimal, k: int = k) -> Decimal:
                    vs, gs = xs[0::2], xs[1::2]
                    priors = [v / (1 + g / 100) for v, g in zip(vs, gs)]
                    return (vs[k] - priors[k]) / sum(priors) * 100
                try:
                    comp = extremes(contrib, flat)
                except (ZeroDivisionError, ArithmeticError):
                    continue
                v = judge(cs.nom, cq.decimals, comp)
                P = sum(v_.nom / (1 + g_.nom / 100) for v_, g_ in pins)
                pr = pins[k][0].nom / (1 + pins[k][1].nom / 100)
                ev = [ctx.ev_q(cq, "claim", "contribution")]
                ev += [ctx.ev_q(ctx.value_q(o), "input", "part value") for o in parts]  # type: ignore[arg-type]
                ev += [ctx.ev_q(ctx.q(ctx.growth(o).quantity), "input", "part growth") for o in parts]  # type: ignore[union-attr,arg-type]
                ctx.emit("contributions_sum", v, claimed=cs.nom, computed=comp, decimals=cq.decimals,
                         formula="contribution = (value − value/(1+g)) / Σ parts' value/(1+g) × 100",
                         zh=f"拉动 {fmt(cs.nom)} 个百分点:({pq.value} − 上年 {pr:.4f}) ÷ 上年合计 {P:.4f} = {comp.nom:.2f}",
                         en=f"contribution {fmt(cs.nom)} pp: ({pq.value} − prior {pr:.4f}) / prior total {P:.4f} = {comp.nom:.2f} pp",
                         evidence=ev, figure=p.id)



def increment_growth(ctx: Ctx) -> None:
    """新增24家, 增速20.0% on a total of 144: growth = N / (T − N)."""
    for f in ctx.doc.figures:
        tq = ctx.value_q(f)
        gc = ctx.growth(f)
        incs = ctx.comparisons(f, "increment")
        if tq is not None and not incs:  # "19862元，增长6.8%，比上年增加1365元": a change in the value's own unit
            incs = [c for c in ctx.comparisons(f, "change") if (cq := ctx.q(c.quantity)) is not None and cq.unit == tq.unit]
        if tq is None or gc is None or not incs:
            _increment_figure(ctx, f)
            continue
        nq = ctx.q(incs[0].quantity)
        gq = ctx.q(gc.quantity)
        g = ctx.signed(gc)
        assert nq is not None and gq is not None and g is not None
        if ctx.dim(nq) != ctx.dim(tq) or ctx.is_change(tq) or ctx.approx(gq) or ctx.approx(nq):
            continue  # (a change is no level: "同比增收A亿元，增长g%，…增加B亿元"; 增加A亿余元，增幅逾N成: bounds)
        other = pattern("increment", "other_base")
        inc_words = ctx.text(max(incs[0].start - 6, 0), nq.start)
        # the growth's words: its cue and the clause it ends ("比上年末增加N、增长g%" share one base)
        growth_words = ctx.text(min(max(gc.start - 6, 0), ctx.clause_start(gq.start, "，,；;。")), gq.start)
        if other.search(inc_words) and not other.search(growth_words):
            continue  # "增长7.9%, 比年初增加…": year on year against since January
        if pattern("increment", "led_by").match(ctx.text(ctx.clause_start(nq.start, "，,；;。"), nq.start)):
            continue  # "年增a%，以甲产品增加N较多": the change of the part that led the growth, not the whole's
        if gq.start < nq.start and pattern("increment", "named_year_base").search(inc_words):
            continue  # "增长a%，比某年增加N元": the increment is since that year, the growth on last year
        down = incs[0].sign == "-" or incs[0].direction == "down"
        if g.nom != 0 and nq.value != 0 and (g.nom < 0) != down:
            continue  # "下降a%；…比预算增加N": a change and a growth that go opposite ways are over two bases
        _growth_of_change(ctx, f, gq, g, tq, nq, down)


def base_value_growth(ctx: Ctx) -> None:
    """"进出口总值251.7亿美元，比上年的223.2亿美元增长12.8%": the base of the comparison stated in
    the sentence, so growth = level / base − 1. The base is the amount after 比…的, the level the amount
    of the same measure just before it; the growth is read on either (extraction gives it to the level
    when the base is written 比…的B, to the base when written 比上年同期B)."""
    for f in ctx.doc.figures:
        fq, gc = ctx.value_q(f), ctx.growth(f)
        if fq is not None and fq.kind in ("amount", "count"):
            _base_value_change(ctx, f, fq)
        if fq is None or gc is None or fq.kind not in ("amount", "count"):
            continue
        gq, g = ctx.q(gc.quantity), ctx.signed(gc)
        pair = _level_and_base(ctx, f, fq, gq)
        if pair is None or gq is None or g is None:
            continue
        level, lq, bq = pair
        L, B = ctx.base_iv(lq), ctx.base_iv(bq)
        if L is None or B is None or B.lo <= 0:
            continue
        comp = (L / B).scale(HUNDRED) - Iv.exact(HUNDRED)
        _growth_verdict(ctx, "growth_from_values", level, gq, g, comp, "growth = level / base − 1 (× 100)",
                        f"当期 {lq.text}、基期 {bq.text}:{L.nom} ÷ {B.nom} − 1",
                        f"level {lq.text} on base {bq.text}: {L.nom} / {B.nom} − 1",
                        [ctx.ev_q(lq, "input", "level"), ctx.ev_q(bq, "input", "base")])


def _level_and_base(ctx: Ctx, f: Figure, fq: Quantity, cq: Optional[Quantity]
                    ) -> Optional[tuple[Figure, Quantity, Quantity]]:
    """The level and the base of a comparison f holds (its number cq): f is the level and the base is
    the amount between them after 比…的, or f is the base and the level the nearest amount of its kind
    before it (not one that is the plan a share is of: "占预算X万元的…"), with no comparison of its own."""
    sent = ctx.sentence_figures(f)
    i = next((k for k, o in enumerate(sent) if o is f), 0)
    base_before = pattern("growth_base", "base_before")
    if cq is not None and cq.start > fq.end:
        # the first amount of the level's kind between them ("收入A，完成预算a%，比上年同期B增长g%": the
        # rate between is another figure)
        base = next((o for o in sent[i + 1:] if (oq := ctx.value_q(o)) is not None and fq.end <= oq.start
                     and oq.end <= cq.start and oq.kind == fq.kind), None)
        bq = ctx.value_q(base) if base is not None else None
        if base is not None and bq is not None and ctx.dim(bq) == ctx.dim(fq) \
                and not base.comparisons and base_before.search(ctx.text(fq.end, bq.start)):
            return f, fq, bq
    level = next((o for o in reversed(sent[:i]) if (oq := ctx.value_q(o)) is not None and oq.kind == fq.kind
                  and not rx(r"\s*的").match(ctx.src, oq.end)), None)
    lq = ctx.value_q(level) if level is not None else None
    if level is None or lq is None or ctx.dim(lq) != ctx.dim(fq) or ctx.growth(level) is not None \
            or not base_before.search(ctx.text(lq.end, fq.start)):
        return None
    return level, lq, fq


def _base_value_change(ctx: Ctx, f: Figure, fq: Quantity) -> None:
    """"税收A亿元（比上年的B万元增加C万元）": a level, its base after 比…的 and the change
    between them in the same sentence: level = base + change (− for 减少)."""
    changes = [c for c in f.comparisons if c.type in ("increment", "change") and (cq := ctx.q(c.quantity)) is not None
               and cq.kind == fq.kind and ctx.dim(cq) == ctx.dim(fq)]
    if len(changes) != 1:
        return
    c = changes[0]
    cq = ctx.q(c.quantity)
    pair = _level_and_base(ctx, f, fq, cq)
    if pair is None or cq is None or (pair[0] is not f and ctx.growth(f) is not None):
        return  # a base with a growth of its own: the growth's rule reads it
    level, lq, bq = pair
    L, B, C = ctx.base_iv(lq), ctx.base_iv(bq), ctx.base_iv(cq)
    if L is None or B is None or C is None:
        return
    down = c.sign == "-" or c.direction == "down"
    comp = B - C if down else B + C
    k = L.nom / lq.value if lq.value else Decimal(1)  # back to the level's written unit
    v = judge(lq.value, lq.decimals, comp.scale(Decimal(1) / k))
    ctx.emit("growth_from_values", v, claimed=lq.value, computed=comp.scale(Decimal(1) / k), decimals=lq.decimals,
             formula="level = base + change",
             zh=f"基期 {bq.text}{'减少' if down else '增加'} {cq.text},当期应为 {fmt(comp.scale(Decimal(1) / k).nom)},写为 {lq.text}",
             en=f"base {bq.text} {'less' if down else 'plus'} the change {cq.text} gives {fmt(comp.scale(Decimal(1) / k).nom)}; "
                f"the level is written {lq.text}",
             evidence=[ctx.ev_q(lq, "claim", "level"), ctx.ev_q(bq, "input", "base"), ctx.ev_q(cq, "input", "change")],
             figure=level.id)


def _growth_verdict(ctx: Ctx, rule: str, f: Figure, gq: Quantity, g: Iv, comp: Iv, formula: str, zh: str, en: str,
                    inputs: list) -> None:
    """A written growth against one recomputed from the figures ``inputs`` quote."""
    ctx.emit(rule, judge(g.nom, gq.decimals, comp), claimed=g.nom, computed=comp, decimals=gq.decimals,
             formula=formula, zh=f"{zh} = {comp.nom:.3f}%,写为 {g.nom}%", en=f"{en} = {comp.nom:.3f}%, written {g.nom}%",
             evidence=[ctx.ev_q(gq, "claim", "growth"), *inputs], figure=f.id)


def _growth_of_change(ctx: Ctx, f: Figure, gq: Quantity, g: Iv, lq: Quantity, nq: Quantity, down: bool) -> None:
    """Growth = change / (level − change): "新增24家 … 总数144家, 增长20.0%", "增收2.6亿元, 增长8.0%"."""
    if lq.kind not in ("amount", "count") or nq.kind not in ("amount", "count"):
        return  # points and rates are no levels ("超时序进度a个百分点，…提高b个百分点")
    if pattern("increment", "adjusted_basis").search(ctx.text(ctx.clause_start(gq.start, "，,；;。"), gq.start)):
        return  # "减收N万元，剔除留抵退税后同口径下降g%": the growth is over other levels than these
    if pattern("increment", "real_terms").search(norm_indicator(f.indicator)):
        return  # "工业增加值A亿元，同比增加N亿元，增长g%": g at comparable prices, N at current ones
    L, N = ctx.base_iv(lq), ctx.base_iv(nq)
    if L is None or N is None:
        return
    if down and N.nom > 0:
        N = N.scale(Decimal(-1))  # 减少48家, 减收…
    # "较上年法定预算B增加N，增幅g%": the level written after 较 is the base the change is from
    on_base = pattern("increment", "base_level").search(ctx.text(ctx.clause_start(lq.start, "，,；;。"), lq.start))
    try:
        comp = (N / (L if on_base else L - N)).scale(HUNDRED)
    except ZeroDivisionError:
        return
    if on_base:
        formula, role = "growth = change / base × 100", "base"
        zh, en = f"变化 {nq.text}、基期 {lq.text}:{N.nom} ÷ {L.nom}", f"change {nq.text} on the base {lq.text}: {N.nom} / {L.nom}"
    else:
        formula, role = "growth = change / (level − change) × 100", "level"
        zh = f"变化 {nq.text}、当期 {lq.text}:{N.nom} ÷ ({L.nom} − {N.nom})"
        en = f"change {nq.text} on level {lq.text}: {N.nom} / ({L.nom} − {N.nom})"
    _growth_verdict(ctx, "increment_growth", f, gq, g, comp, formula, zh, en,
                    [ctx.ev_q(lq, "input", role), ctx.ev_q(nq, "input", "change")])


def _increment_figure(ctx: Ctx, f: Figure) -> None:
    """"一般公共预算收入35.1亿元，增收2.6亿元，增长8.0%": a change named by its own word (增收, 减支 …)
    is of the level its clause chain opens with; the growth is the change over last year's level."""
    nq = ctx.value_q(f)
    m = pattern("increment", "named").fullmatch(norm_indicator(f.indicator)) if nq is not None else None
    level = _topic(ctx, f) if m is not None else None
    if level is not None and nq is not None:
        # "其中：税收收入A，…增收a；非税收入B，为预算P的…，比上年同期C增收b": a part stated after the
        # chain's subject is the level of the change that follows it
        near = _nearest_before(ctx, f, lambda q: q.kind == nq.kind and not ctx.is_change(q) and _stated_level(ctx, q))
        if near is not None and near.start > level.start and near.role == "actual":
            level = near
    if level is not None and f.entity and level.entity != f.entity:
        # "市区完成X，…，其中：某区完成Y，同比增收Z": the change is of the level of its own place
        own = _nearest_before(ctx, f, lambda q: q.kind == nq.kind and not ctx.is_change(q))  # type: ignore[union-attr]
        level = own if own is not None and own.entity == f.entity else level
    lq = ctx.value_q(level) if level is not None else None
    if nq is None or m is None or level is None or lq is None or level is f or ctx.dim(lq) != ctx.dim(nq) \
            or ctx.approx(nq) or ctx.approx(lq) or ctx.is_change(lq):
        return
    gc = ctx.growth(f) or ctx.growth(level)
    if gc is None:  # "完成86.4亿元，为年度预算的71.3%，增长12.5%，增收9.6亿元": the chain's one growth
        growths = [c for o in ctx.sentence_figures(f) for c in ctx.comparisons(o, "growth")]
        gc = growths[0] if len(growths) == 1 else None
    if gc is None:
        return
    gq, g = ctx.q(gc.quantity), ctx.signed(gc)
    if gq is not None and g is not None:
        _growth_of_change(ctx, f, gq, g, lq, nq, bool(m.group("down")))


def _fact_key(ctx: Ctx, f: Figure, depth: int = 0) -> Optional[str]:
    """What a figure states, for spotting the same fact twice: its indicator or, when the indicator
    alone is generic, the count it follows (总投资 of which projects?). Which set it belongs to
    (其中战新项目 of 签约 or of 开工?) is added by the caller from the words before it."""
    ind = norm_indicator(f.indicator)
    if not ind or len(ind) < 2 or depth > 3:
        return None
    generic = set(config()["generic_indicators"]["words"])
    if ind in generic or len(ind) < 3:
        head = _head_count(ctx, f)
        if head is None:
            return None
        hk = _fact_key(ctx, head, depth + 1)
        return None if hk is None else f"{hk}|{ind}"
    rate = next((r for r in config()["rates"] if ind.endswith(r)), None)
    ind = rate or ind  # "项目投产率" and "“开工一批”项目投产率": the rate; its set is in the context words
    q = ctx.value_q(f)
    if q is not None and q.kind == "percent":
        # a percentage is of something: "工业总产值…完成年度目标的79.6%" is not "固定资产投资…73.2%"
        head = _head_value(ctx, f)
        hk = _fact_key(ctx, head, depth + 1) if head is not None else None
        if hk is not None:
            return f"{hk}|{ind}"
    parent = ctx.figure(f.parent)
    if parent is not None and parent is not f:
        # a 其中 part is a part of its total: 县属企业 under 原煤产量 is not 县属企业 under 精煤产量
        pk = _fact_key(ctx, parent, depth + 1)
        return None if pk is None else f"{pk}>{ind}"
    topic = _topic(ctx, f)
    if topic is not None and topic is not f:
        # what follows the first figure of a clause chain is said of its subject: "先进制造项目38个，年度计划
        # 投资96.4亿元" and "生态项目6个，年度计划投资4.8亿元" state two plans, not one plan twice
        tk = _fact_key(ctx, topic, depth + 1)
        if tk is None:
            return None
        return f"{tk}|{ind}"
    return ind


def _topic(ctx: Ctx, f: Figure) -> Optional[Figure]:
    """The first figure with a value in ``f``'s clause chain (up to 。 in its paragraph): the subject
    the chain speaks of. A clause after ；that opens with a measure ("…工业项目新开工77个；完成投资461.7
    亿元") still speaks of the subject before it, so the chain does not end at ；."""
    text = ctx.src
    para_s, _ = ctx.paragraph(f.start)
    chain_s = f.sentence.start
    cont = pattern("repeated", "continues")
    while chain_s > para_s and text[chain_s - 1] in "；;" and cont.match(text, chain_s):
        prev = ctx.sentence_of(chain_s - 1)
        if prev is None or prev.start >= chain_s:
            break
        chain_s = max(para_s, prev.start)
    for o in ctx.sentence_figures_at(chain_s) if chain_s != f.sentence.start else ctx.sentence_figures(f):
        if ctx.value_q(o) is not None:
            return o
    return None


def _head_value(ctx: Ctx, f: Figure) -> Optional[Figure]:
    """The nearest figure before ``f`` in its sentence whose value is not a percentage."""
    return _nearest_before(ctx, f, lambda q: q.kind != "percent")


def _head_count(ctx: Ctx, f: Figure) -> Optional[Figure]:
    """The nearest figure before ``f`` in its sentence whose value is a count."""
    return _nearest_before(ctx, f, lambda q: q.kind == "count")


def _stated_level(ctx: Ctx, q: Quantity) -> bool:
    """An amount stated as the level reached, not as last year's base (比上年同期B) nor as the plan a
    rate is of (为…预算P的)."""
    before = ctx.text(max(0, q.start - 12), q.start)
    return not pattern("increment", "level_not").search(before) and not rx(r"\s*的").match(ctx.src, q.end)


def _nearest_before(ctx: Ctx, f: Figure, wanted: Callable[[Quantity], bool]) -> Optional[Figure]:
    best = None
    for o in ctx.sentence_figures(f):  # in document order, like doc.figures
        if o.start >= f.start:
            break
        oq = ctx.value_q(o)
        if oq is not None and wanted(oq):
            best = o
    return best


def repeated_fact(ctx: Ctx) -> None:
    """The same indicator, entity and period stated twice must carry the same value."""
    seen: dict[tuple[str, str], list[Figure]] = {}
    for f in ctx.doc.figures:
        q = ctx.value_q(f)
        if q is None or ctx.approx(q) or q.kind in ("rank", "duration"):
            continue
        if q.kind == "count" and (pattern("lists", "subset").match(ctx.text(q.end, q.end + 24))
                                  or ctx.text(max(0, q.start - 2), q.start).endswith(("有", "其中"))):
            continue  # "5个开发区有进出口实绩": a set defined by what it has, not the same set twice
        if ctx.is_reference_value(q):
            continue  # the compared place's value, of a measure its clause names
        key = _fact_key(ctx, f)
        if key is None:
            continue
        # the set a figure belongs to is named before it in its sentence: 签约 / 开工 / 投产 ...
        prefix = ctx.text(f.sentence.start, q.start)
        if rx(r"分别|依次").search(prefix):
            continue  # an item of a list: its entity is the item's, which the record may have lost
        if pattern("repeated", "summed").search(ctx.text(ctx.clause_start(q.start, "。\n"), q.start)):
            continue
        key += "#" + "".join(w for w in config()["repeated"]["context_words"] if w in prefix)
        # a name in quotes before it ("“甲计划”方面共有项目N个") says which programme the figure is of
        key += "“" + ",".join(pattern("repeated", "quoted_name").findall(prefix))
        # "超1000亿元的开发区" and "100亿元以上的开发区" are different sets: thresholds are part of the fact
        clause = max(prefix.rfind(c) for c in "，,；;：:") + 1 + f.sentence.start
        key += "&" + ",".join(o.text for o in ctx.quantities_within(clause, q.start))
        seen.setdefault((key + "@" + f.role, ctx.dim(q) or q.unit), []).append(f)
    found: dict[int, list[tuple[Figure, Figure, Quantity, Quantity, Iv, Verdict, Decimal]]] = {}
    for (key, _), figs in seen.items():
        for i, later in enumerate(figs[1:], 1):
            first = next((e for e in figs[:i] if _compatible(ctx, e, later)), None)
            if first is None:
                continue
            a, b = ctx.value_q(first), ctx.value_q(later)
            assert a is not None and b is not None
            A, B = ctx.base_iv(a), ctx.base_iv(b)
            if A is None or B is None or a.start == b.start:
                continue
            if b.kind == "count" and not is_same_count_unit(a.unit, b.unit):
                continue
            k = B.nom / b.value if b.value else Decimal(1)  # back to the later mention's written unit
            v = overlap(B, A)
            v = Verdict(v.status, v.tolerance / k, v.mode)
            # grouped by the full sentence (up to 。 or a line break), its ；-joined clauses together
            found.setdefault(ctx.clause_start(later.start, "。\n"), []).append((first, later, a, b, A, v, k))
    for group in found.values():
        if sum(g[5].status == "mismatch" for g in group) >= 2:
            # a sentence that disagrees with what came before on several of its facts states parallel
            # facts (each district's "开工N项…开工率M%"): a restatement differs in one place at most, by a slip
            continue
        for first, later, a, b, A, v, k in group:
            doubt = None
            if ctx.paragraph(first.start) != ctx.paragraph(later.start) and not (_own_subject(first) and _own_subject(later)):
                # paragraphs often open with their subject ("本次外资签约项目中，…", "大连市…"): two mentions
                # whose sentences name none may be of two subjects
                doubt = Doubt("the two mentions may be of different subjects: neither sentence names its own",
                              "两处未各自写明主体,可能分属不同对象")
            ctx.emit("repeated_fact", v, claimed=b.value, computed=A.scale(Decimal(1) / k), decimals=b.decimals, doubt=doubt,
                     formula="the same fact stated twice: later = earlier",
                     zh=f"同一指标两次出现:「{a.text}」与「{b.text}」" + ("一致" if v.status == "consistent" else "不一致"),
                     en=f"the same fact stated twice: {a.text!r} and {b.text!r}"
                        + (" agree" if v.status == "consistent" else " disagree"),
                     evidence=[ctx.ev_q(b, "claim", "restated"), ctx.ev_q(a, "input", "first statement")], figure=later.id)


def _own_subject(f: Figure) -> bool:
    """Whether the figure's sentence writes its entity (not one carried over from before)."""
    sp = f.entity_span
    return sp is not None and f.sentence.start <= sp.start < f.sentence.end


def _strip_scope(e: Optional[str]) -> str:
    """"全市9个工业类开发区(园区)" -> "工业类开发区": the set, without the place or count that scopes it."""
    s = rx(r"[(（][^)）]*[)）]|\d+[个家]").sub("", e or "")
    return rx(r"^(?:全市|全省|我市|该市|本市|全区|各)").sub("", s)


_STOP = regex.compile(r"[。！？\n]")


_LEVEL_ENDS = tuple("省市县区州旗盟")  # a place named with its level is the place, not a zone of it


def _compatible(ctx: Ctx, a: Figure, b: Figure) -> bool:
    """Same entity (or both about the whole: 全市, unnamed), and no clash of periods."""
    ea, eb = norm_indicator(a.entity), norm_indicator(b.entity)
    words = config()["aggregates"]["entity_words"]

    def whole(raw: Optional[str]) -> bool:
        return not raw or any(w in raw for w in words) or norm_indicator(raw) in config()["aggregates"]["zone_nouns"]
    if ctx.part(a.start) != ctx.part(b.start):
        return False  # another report of the bundle
    if ctx.same_sentence(a, b) or not _STOP.search(ctx.src, min(a.start, b.start), max(a.start, b.start)):
        # two values in one sentence are a list ("分别达到5.9%、4.6%"; clauses apart by ；, each of its own
        # subject), not a repetition
        return False
    if ctx.item_start(a.start) != ctx.item_start(b.start):
        return False  # under two numbered items ("1、入境游客…" / "2、过夜旅游者…") the same words are two facts
    if whole(a.entity) or whole(b.entity):
        if not (whole(a.entity) and whole(b.entity)):
            return False
        if a.entity and b.entity and _strip_scope(a.entity) != _strip_scope(b.entity):
            return False  # 工业类开发区 is not every 开发区 (全市)
    elif ea != eb and (not (ea.startswith(eb) or eb.startswith(ea)) or min(ea, eb, key=len)[-1:] in _LEVEL_ENDS):
        return False  # 定襄 ↔ 定襄经济技术开发区 (a zone by its place's bare name), but 甲县 is no 甲县工业园区
    pa, pb = a.period, b.period
    if pa and pb and not same_period(pa, pb, unknown=False) and "目前" not in pa + pb:
        return False
    return True
