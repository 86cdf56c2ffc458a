"""Rates and shares against the counts and amounts they are made of (开工率 = 开工 / 签约), and the
GRIM test: a percentage of a whole number of things must be reachable by some whole number."""
from __future__ import annotations

import math
import os
from bisect import bisect_left
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..models import Figure, Quantity
from ..quantities.numerals import cn_int
from .arith import HUNDRED, Iv, Verdict, half_unit, other_rounding, percent, show
from .base import (Ctx, Doubt, as_percent, config, judge_written, FAR_ABOVE, LOOK_BACK, measure_of, norm_indicator, pattern, whole_words,
                   other_stretch, same_period, similarity, unit_factor)
from .base import rx  # inline patterns compiled once
from .links import partitions, whole_of_all



@dataclass
class Group:
    """A count and the amounts stated with it: "签约项目65个,投资额318.40亿元,预计年产值402.75亿元"."""

    head: Figure
    count: Quantity
    amounts: list[tuple[Quantity, Figure]]


def _groups(ctx: Ctx, figs: list[Figure]) -> list[Group]:
    out: list[Group] = []
    for f in figs:
        q = ctx.value_q(f)
        if q is None:
            continue
        if q.kind == "count" and q.decimals == 0:
            out.append(Group(f, q, []))
        elif out and q.kind == "amount":
            out[-1].amounts.append((q, f))
    return out


def _matches(ind: Optional[str], words: list[str]) -> bool:
    s = norm_indicator(ind)
    return any(w in s for w in words)


def _last_word(ind: Optional[str], spec: dict) -> Optional[str]:
    """"num" or "den": which of the rate's sets the indicator names. A set named with the numerator's
    stage is the numerator, whatever else qualifies it ("“签约一批”开工项目", "已开工签约项目"); otherwise
    it is the denominator when a denominator word is the last stage word it names: "“开工一批”投产项目"
    is the 投产 part of the 开工 set, so for 入统率 (den 开工一批) it is neither."""
    s = norm_indicator(ind)
    if any(w in s for w in spec["num"]):
        return "num"
    last = max((s.rfind(w) for w in _rate_words()), default=-1)
    if last >= 0 and any(s.rfind(w) == last for w in spec["den"]):
        return "den"
    return None


@lru_cache(maxsize=1)
def _rate_words() -> tuple[str, ...]:
    return tuple({w for spec in config()["rates"].values() for role in ("num", "den") for w in spec[role]})


def _rate_spec(ctx: Ctx, f: Figure, q: Quantity) -> Optional[tuple[str, dict]]:
    ind = norm_indicator(f.indicator) + norm_indicator(ctx.text(max(f.sentence.start, q.start - 8), q.start))
    for name, spec in config()["rates"].items():
        if name in ind:
            return name, spec
    return None


def _sentence_figs(ctx: Ctx, f: Figure) -> list[Figure]:
    return [o for o in ctx.sentence_figures(f) if o.start < f.start]




def _subset_rate(ctx: Ctx, f: Figure, q: Quantity) -> bool:
    """"40个行业大类中有31个行业产值保持增长，增长面达77.5%": a rate over the "N个…中有M个" frame just
    before it in the sentence is M / N. True when the frame was there and a verdict was given."""
    s = f.sentence.start
    lead = norm_indicator(f.indicator) + ctx.text(max(s, q.start - 8), q.start)
    frames = list(pattern("subsets", "frame").finditer(ctx.src, s, q.start))
    between = ctx.text(frames[-1].end(), q.start) if frames else ""
    if frames and pattern("subsets", "rate").search(lead) and not rx(r"从|由").search(between) \
            and len(rx(r"[，,]").findall(between)) <= 1 \
            and not any(o.kind == "count" for o in ctx.quantities_within(frames[-1].end(), q.start)):
        # (a count between the frame and the rate, "…中的30个工业项目已开工24个，开工率80%", is the rate's own)
        # the rate right after its frame, not a share another subject had last year ("…,郑州的比重从74.7%…")
        m = frames[-1]
        whole, part = ctx.quantity_at(m.start("whole")), ctx.quantity_at(m.start("part"))
    elif pattern("subsets", "breadth").search(lead):
        whole, part = _breadth_parts(ctx, q, s)
    else:
        return False
    if whole is None or part is None or whole.value <= 0 or part.value > whole.value:
        return False
    iv = percent(Iv.exact(part.value), Iv.exact(whole.value))
    v = judge_written(q, iv)
    claimed, decimals = as_percent(q)
    ctx.emit("rate_from_parts", v, claimed=claimed, computed=iv, decimals=max(decimals, 0), basis="by count",
             formula="rate = M / N × 100 (M of the N counted)",
             zh=f"{q.text}:{part.text} / {whole.text} = {iv.nom:.3f}%",
             en=f"{q.text}: {part.text} / {whole.text} = {iv.nom:.3f}%",
             evidence=[ctx.ev_q(q, "claim", "rate"), ctx.ev_q(part, "input", "part"), ctx.ev_q(whole, "input", "whole")],
             figure=f.id)
    return True


def _breadth_parts(ctx: Ctx, q: Quantity, sent_start: int) -> tuple[Optional[Quantity], Optional[Quantity]]:
    """"18个开发区实现正增长，增长面为84.7%" after "纳入监测的22个开发区": the members that grew, counted
    in the sentence, and all of them, counted by the same word earlier in the paragraph."""
    text = ctx.src
    para_s, _ = ctx.paragraph(sent_start)
    before = [o for o in ctx.quantities_from(para_s, q.start + 1) if o.end <= q.start and o.kind == "count"
              and o.decimals == 0]
    part = next((o for o in reversed(before) if o.start >= sent_start), None)
    noun = rx(r"\p{Han}{2,6}?(?=[^\p{Han}]|实现|有|的|均|中|[增下])").match(text[part.end:part.end + 12]) if part else None
    if part is None or noun is None:
        return None, None
    whole = next((o for o in reversed(before) if o.start < part.start and o.unit == part.unit
                  and text.startswith(noun.group(0), o.end)), None)
    return whole, part


def _verb_rate(ctx: Ctx, f: Figure, q: Quantity) -> bool:
    """"48个续建项目41个复工，复工率85%", "140个新开工项目实际开工119个，开工率85%": a rate named by a verb
    is the count that did it (the verb beside the number) over the set counted before it (a count
    followed by its noun, not by another stage: "新开工46个，竣工9个" are stages, not the set)."""
    m = pattern("verb_rates", "verb_rate").search(norm_indicator(f.indicator))
    if m is None:
        return False
    verb, text = m.group("verb"), ctx.src
    counts = [o for o in ctx.quantities_within(f.sentence.start, q.start) if o.kind == "count" and o.decimals == 0
              and not ctx.approx(o) and not ctx.is_change(o)]
    # the verb beside the number, or naming the counted things just before it ("开复工项目163项")
    named = regex.compile(regex.escape(verb) + r"(?:\p{Han}{0,2}(?:项目|企业|工程))?$")
    after = regex.compile(r"(?:\p{Han}{0,2}(?:项目|企业|工程))?" + regex.escape(verb))  # "85个项目竣工"
    part = next((o for o in reversed(counts) if named.search(text, max(0, o.start - len(verb) - 4), o.start)
                 or after.match(text, o.end)), None)
    if part is None:
        return False
    head = pattern("verb_rates", "set_after_count")
    whole = next((o for o in reversed(counts) if o.start < part.start and o.unit == part.unit and o.value >= part.value
                  and head.match(text, o.end) and not after.match(text, o.end)), None)
    if whole is None:
        whole = _planned_set(ctx, verb, part)
    if whole is None:
        whole = _named_set(ctx, verb, part)
    if whole is None or whole.value <= 0:
        return False
    iv = percent(Iv.exact(part.value), Iv.exact(whole.value))
    v = judge_written(q, iv)
    claimed, decimals = as_percent(q)
    ctx.emit("rate_from_parts", v, claimed=claimed, computed=iv, decimals=max(decimals, 0), basis="by count",
             formula=f"{verb}率 = {verb} / all counted × 100",
             zh=f"{q.text}:{part.text} / {whole.text} = {iv.nom:.3f}%",
             en=f"{q.text}: {part.text} / {whole.text} = {iv.nom:.3f}%",
             evidence=[ctx.ev_q(q, "claim", "rate"), ctx.ev_q(part, "input", verb), ctx.ev_q(whole, "input", "set")],
             figure=f.id)
    return True


def _named_set(ctx: Ctx, verb: str, part: Quantity) -> Optional[Quantity]:
    """"实施重点项目106项…。开复工84项，开复工率79.2%": the count the extractor named as the verb over a set
    (开复工重点项目) is taken over the count of that set stated before it in its paragraph."""
    f = ctx.figure(ctx.fig_of_q.get(part.id))
    name = norm_indicator(f.indicator) if f is not None and f.value == part.id else ""
    if not name.startswith(verb) or len(name) - len(verb) < 2:
        return None
    want = _set_core(name[len(verb):])
    para_s = max(ctx.paragraph(part.start)[0], part.start - LOOK_BACK)
    for o in reversed(ctx.figures_between(para_s, part.start)):
        oq = ctx.value_q(o)
        if oq is not None and oq.kind == "count" and oq.unit == part.unit and not ctx.approx(oq) \
                and _set_core(norm_indicator(o.indicator)) == want:
            return oq if oq.value >= part.value else None
    return None


def _set_core(name: str) -> str:
    """A set's name without the plan verb before it: 实施重点项目 and 重点项目 are one set."""
    return rx(r"^(?:计划|拟)?(?:实施|安排)").sub("", name)


def _planned_set(ctx: Ctx, verb: str, part: Quantity) -> Optional[Quantity]:
    """"计划竣工项目64个" before "48个项目竣工，竣工率75.0%": the set a stage rate is taken over is the
    count planned for that stage, stated once before in the paragraph or the ones just before it."""
    plan = regex.compile(pattern("verb_rates", "planned").pattern.replace("{verb}", regex.escape(verb)))
    found = [o for o in ctx.quantities_within(max(0, part.start - LOOK_BACK), part.start)
             if o.kind == "count" and o.unit == part.unit and not ctx.approx(o) and o.value >= part.value
             and plan.search(ctx.src, max(0, o.start - 16), o.start)]
    return found[0] if len({o.value for o in found}) == 1 else None


def rate_from_parts(ctx: Ctx) -> None:
    _listed_shares(ctx)
    for f in ctx.doc.figures:
        q = ctx.value_q(f)
        if q is not None and q.kind == "percent" and not ctx.approx(q) and (_subset_rate(ctx, f, q) or _verb_rate(ctx, f, q)):
            continue
        if q is not None and q.kind == "percent" and not ctx.approx(q):
            spec = _rate_spec(ctx, f, q)
            m = pattern("shares", "indicator").search(norm_indicator(f.indicator))
            if spec is not None:
                _named_rate(ctx, f, q, *spec)
            elif m:  # "数量及投资额占比分别达到 68.2%、91.6%": the share is the figure itself
                _share(ctx, f, q, m.group("of"), norm_indicator(f.indicator))
        shares = ctx.comparisons(f, "share")
        if len(shares) >= 2 and "分别" in ctx.text(f.start, shares[0].start + 2):
            continue  # "…为主，分别占62.3%、21.8%": the shares of the members listed, not several of this figure
        # "…占全部的x%，重点分布在甲、乙和丙，分别占…的a%、b%和c%": from the 分别 on, the members'
        cut = next((k for k in range(1, len(shares) - 1) if "分别" in ctx.text(shares[k - 1].start, shares[k].start + 2)), None)
        for c in shares[:cut]:
            sq = ctx.q(c.quantity)
            vq = ctx.value_q(f)
            if sq is not None and vq is not None and _SUMMED_SHARE.search(ctx.text(vq.end, sq.start)):
                continue  # "分别进出口A、B、C，合计占全省的s%": the listed values together, not this one
            if sq is not None and not _subset_rate(ctx, f, sq):
                _share(ctx, f, sq, c.of, "")


_SUMMED_SHARE = regex.compile(r"(?:合计|共计|合共|加起来|总计)\s*占")
_IN_BRACKET_AFTER = regex.compile(r"[^。；;]*[(（][^)）]*")  # "开工率达到80.6%（已开工" up to the count


def _rate_figs(ctx: Ctx, f: Figure, q: Quantity, spec: dict) -> list[Figure]:
    """The figures a rate may be computed from: those before it in the sentence, a count in brackets
    right after it ("开工率达到80.6%（已开工27个）"), and, when the sentence names no denominator, the
    earlier sentences of the paragraph ("新签约招商引资项目36个…。新签约项目开工率…")."""
    figs = _sentence_figs(ctx, f)
    figs += [o for o in ctx.sentence_figures(f) if o.start > q.end
             and _IN_BRACKET_AFTER.fullmatch(ctx.text(q.end, o.start))]
    if not any(_last_word(g.head.indicator, spec) == "den" for g in _groups(ctx, figs)):
        para_s = ctx.paragraph(f.start)[0]
        figs = ctx.figures_in(para_s, f.sentence.start) + figs
    return figs


def _rated_between(ctx: Ctx, count: Quantity, end: int) -> bool:
    """The number right after a count (before ``end``) is a rate (…率 a%): the count is the numerator of a
    rate of its own ("开工35个，开工率87.5%")."""
    nxt = next((q for q in ctx.quantities_from(count.end, end) if q.start >= count.end), None)
    o = ctx.figure(ctx.fig_of_q.get(nxt.id)) if nxt is not None and nxt.kind == "percent" else None
    return o is not None and nxt.start - count.end <= 24 and norm_indicator(o.indicator).endswith("率")


def _named_rate(ctx: Ctx, f: Figure, q: Quantity, name: str, spec: dict) -> None:
    """开工率, 投产率, 达效率 ...: numerator and denominator found by their words in the sentence;
    both bases tried (by count, by investment); the finding says which one matched."""
    figs = _rate_figs(ctx, f, q, spec)
    groups = _groups(ctx, figs)
    den_g = [g for g in groups if _last_word(g.head.indicator, spec) == "den"]
    num_g = [g for g in groups if _last_word(g.head.indicator, spec) == "num"]
    if num_g:  # the numerator is a subset: a smaller count ("其中10亿元以上项目37个") is not the whole
        den_g = [g for g in den_g if g.count.value >= num_g[-1].count.value] or den_g
    tries: list[tuple[str, Iv, list, str]] = []
    alt_den: list[Quantity] = []
    claim_ev = ctx.ev_q(q, "claim", name)
    if den_g and num_g and num_g[-1].head.start > den_g[-1].head.start:
        d, n = den_g[-1], num_g[-1]
        try:
            tries.append(("by count", percent(ctx.iv(n.count), ctx.iv(d.count)),
                          [ctx.ev_q(n.count, "input", "numerator"), ctx.ev_q(d.count, "input", "denominator")],
                          f"{n.count.text} / {d.count.text}"))
        except ZeroDivisionError:
            pass
        # a set a 其中 sentence counts, with the numerator in that sentence (其中，甲方负责项目96个…开工78个),
        # may be the rate's own set: another reading of the denominator
        for o in ctx.figures_between(d.head.start + 1, n.head.start):
            oq = ctx.value_q(o)
            if oq is not None and oq.kind == "count" and oq.unit == d.count.unit and oq.id != d.count.id \
                    and n.count.value <= oq.value < d.count.value and not ctx.approx(oq) and ctx.same_sentence(o, n.head) \
                    and (o.parent is not None or ctx.text(o.sentence.start, o.start).lstrip().startswith("其中")):
                try:
                    tries.append(("by count", percent(ctx.iv(n.count), ctx.iv(oq)),
                                  [ctx.ev_q(n.count, "input", "numerator"), ctx.ev_q(oq, "input", "denominator")],
                                  f"{n.count.text} / {oq.text}"))
                    alt_den.append(oq)
                except ZeroDivisionError:
                    pass
        for nq, nf in n.amounts:
            for dq, df in d.amounts:
                if ctx.dim(nq) != ctx.dim(dq):
                    continue
                N, D = ctx.base_iv(nq), ctx.base_iv(dq)
                if N is None or D is None or D.lo <= 0:
                    continue
                basis = "by investment" if "投资" in (nf.indicator or "") + (df.indicator or "") else "by amount"
                tries.append((basis, percent(N, D), [ctx.ev_q(nq, "input", "numerator"),
                                                     ctx.ev_q(dq, "input", "denominator")], f"{nq.text} / {dq.text}"))
    elif den_g and _all_done(ctx, den_g[-1].head, f, spec):
        d = den_g[-1]
        # numerator = denominator whatever its value: the count is context, not an input
        tries.append(("by count", Iv.exact(HUNDRED), [ctx.ev_q(d.count, "context", "denominator")],
                      f"全部 {d.count.text} / {d.count.text}"))
    # a figure of this sentence that is the rate's own numerator by words: "实际年产值216.65 / 预计年产值235.04"
    if not tries and "num_amount" in spec:
        sides = [(o, side) for o in figs if ctx.value_q(o) is not None
                 and (side := _amount_side(o.indicator, spec)) is not None]
        nums = [o for o, side in sides if side == "num"]
        dens = [o for o, side in sides if side == "den"]
        for nf in nums[-1:]:
            for df in dens[-1:]:
                nq, dq = ctx.value_q(nf), ctx.value_q(df)
                N, D = ctx.base_iv(nq), ctx.base_iv(dq)  # type: ignore[arg-type]
                if N is None or D is None or D.lo <= 0 or ctx.dim(nq) != ctx.dim(dq):  # type: ignore[arg-type]
                    continue
                tries.append(("by amount", percent(N, D), [ctx.ev_q(nq, "input", "numerator"),  # type: ignore[arg-type]
                                                           ctx.ev_q(dq, "input", "denominator")], f"{nq.text} / {dq.text}"))  # type: ignore[union-attr]
    if not tries:
        if _judged(ctx, q):
            return  # already checked against a table: "cannot recompute from the sentence" adds nothing
        ctx.unverifiable("rate_from_parts", f"the parts of {name} are not stated in the sentence",
                         f"句中未给出{name}的分子或分母", [claim_ev], f"{name} = numerator / denominator × 100", q.value)
        _grim_rate(ctx, f, q, den_g[-1].count if den_g else None)
        return
    doubt = None
    if alt_den:
        doubt = Doubt("the set the rate is taken over may also be " + ", ".join(x.text for x in alt_den),
                      "分母也可能是 " + "、".join(x.text for x in alt_den))
    elif den_g and num_g and _rated_between(ctx, den_g[-1].count, num_g[-1].head.start):
        # "开工A个，开工率a%，其中投产B个，投产率b%": the set started has a rate of its own, so both
        # rates may be of the set that rate is of (the projects signed), not of the set started
        doubt = Doubt(f"{den_g[-1].count.text} has a rate of its own: this rate may be of the set that one is of",
                      f"{den_g[-1].count.text} 自身有比率,本比率可能与之同分母")
    _report_tries(ctx, "rate_from_parts", f, q, name, tries, claim_ev, doubt)


def _amount_side(ind: Optional[str], spec: dict) -> Optional[str]:
    """Which amount of a rate an indicator names: the side whose matching word is the longer
    ("实际年产值" is the numerator of 达效率 though it holds 年产值); a tie is the denominator's
    ("计划投资" is the plan of 完成率 though it holds 投资)."""
    s = norm_indicator(ind)
    num = max((len(w) for w in spec["num_amount"] if w in s), default=0)
    den = max((len(w) for w in spec["den_amount"] if w in s), default=0)
    if not num and not den:
        return None
    return "num" if num > den else "den"


def _judged(ctx: Ctx, q: Quantity) -> bool:
    return ctx.judged_at(q.start)


def _all_done(ctx: Ctx, head: Figure, f: Figure, spec: dict) -> bool:
    """"产业项目10个...已全部达产...达产率100%": the numerator is the whole denominator."""
    between = ctx.text(head.end, ctx.value_q(f).start)  # type: ignore[union-attr]
    return any(rx(rf"(?:全部|均已|均|全)[^,，;；。]{{0,3}}{w}").search(between) for w in spec["num"])


def _report_tries(ctx: Ctx, rule: str, f: Figure, q: Quantity, name: str, tries: list, claim_ev,  # noqa: ANN001
                  doubt: Optional[Doubt] = None) -> None:
    verdicts = [(judge_written(q, iv), basis, iv, ev, expr) for basis, iv, ev, expr in tries]
    order = {"consistent": 0, "rounding": 1, "mismatch": 2}
    best = min(verdicts, key=lambda t: order[t[0].status])
    v, basis, iv, ev, expr = best
    tried = "; ".join(f"{b}: {e} = {i.nom:.3f}%" for _, b, i, _, e in verdicts)
    if v.status == "mismatch":
        ev = [e for *_, evs, _ in verdicts for e in evs]  # every basis tried is evidence of the mismatch
    elif sum(1 for t in verdicts if t[0].status == v.status) > 1:
        # two bases agree: neither one's inputs decide the verdict, so they are context, not inputs
        ev = [e.model_copy(update={"role": "context"}) for t in verdicts if t[0].status == v.status for e in t[3]]
        basis = " and ".join(t[1] for t in verdicts if t[0].status == v.status)
    claimed, decimals = as_percent(q)
    ctx.emit(rule, v, claimed=claimed, computed=iv, decimals=max(decimals, 0), basis=basis if v.status != "mismatch" else "none matched",
             formula=f"{name} = numerator / denominator × 100 ({basis})",
             zh=f"{name} {q.text}:{expr} = {iv.nom:.3f}%({'按数量' if basis == 'by count' else '按金额'})。已试:{tried}",
             en=f"{name} {q.text}: {expr} = {iv.nom:.3f}% ({basis}). Tried: {tried}",
             evidence=[claim_ev] + ev, figure=f.id, doubt=doubt)


def _share(ctx: Ctx, f: Figure, sq: Quantity, of_text: Optional[str], ind: str) -> None:
    """占X的比重 / 占比: a part over its whole, the whole named by 占X or, for a bare 占比, the total
    the part belongs to (its 其中 parent) or the amount just before it in the paragraph. "数量占比"
    and "投资额占比" say which basis; otherwise both are tried."""
    if sq.kind != "percent":
        return
    vq = ctx.value_q(f)
    vq = vq if vq is not None and vq.id != sq.id else None
    if pattern("shares", "completion_words").search(ctx.text(max(f.sentence.start, sq.start - 10), sq.start)):
        return  # "完成投资比例114%": the share of its own plan done, a completion, not a share of the total
    claim_ev = ctx.ev_q(sq, "claim", "share")
    lead = pattern("shares", "lead").search(ctx.text(max(f.sentence.start, sq.start - 20), sq.start))
    if lead and not norm_indicator(of_text).strip("比"):
        of_text = lead.group(1)  # "占全市的82.6%": the whole is named even if the figure record lost it
    of = norm_indicator(of_text)
    pairs: list[tuple[Quantity, Quantity, str]] = []
    if vq is None and of and of not in ("比", "的"):
        # "第二产业增加值占全县生产总值的比重为38.8%" with no value of its own: the part is the figure
        # stated before under that name, for the same period
        vq = _part_by_name(ctx, f, ind or norm_indicator(f.indicator))
    if of and of not in ("比", "的"):
        if vq is not None and pattern("shares", "measure_total").fullmatch(of):
            w = _measure_total(ctx, f, vq)  # 占总额的: the total of the part's own measure in its paragraph
            if w is not None:
                pairs.append((vq, w, "by count" if vq.kind == "count" else "by amount"))
        elif vq is not None and not pattern("shares", "generic_whole").match(of):  # 占全市的: the city's total is not stated
            wholes = _whole_by_name(ctx, f, of, vq) or [w for w in [_whole_by_region(ctx, f, of, vq)] if w] \
                or _partition_whole(ctx, of, vq) or _all_of_measure(ctx, f, of, vq)
            pairs += [(vq, w, "by count" if vq.kind == "count" else "by amount") for w in wholes]
    else:
        own = rx(r"(?:所)?(?:占比|比重|占)$").sub("", norm_indicator(f.indicator)) if vq is None else ""
        for g in ([f] if vq is not None else []) + _sentence_figs(ctx, f):
            gi = norm_indicator(g.indicator)
            if len(own) >= 3 and own not in gi:
                continue  # "工业到位资金占比X%" with no value: the part is the named one, not a figure before
            gq, par = ctx.value_q(g), ctx.figure(g.parent)
            if par is not None and any(w in (par.indicator or "") for w in config()["aggregates"]["non_additive"]):
                continue  # "平均投资18.4亿元。其中，…总投资412亿元，占比47.3%": an average is no whole of a sum
            if par is not None and any(not norm_indicator(c.of).strip("的比") for c in ctx.comparisons(par, "share")):
                continue  # "X…占56.9%。其中Y…占19.3%": the parent's own bare share is of the whole both are shares of
            pq = ctx.value_q(par) if par else None
            pm, gm = measure_of(par.indicator) if par is not None else None, measure_of(g.indicator)
            if pm and gm and pm.lstrip("总") != gm.lstrip("总"):
                continue  # 农业产值 under 农林牧渔业增加值: a share of the output, not of the value added
            if gq is not None and pq is not None and ctx.dim(gq) == ctx.dim(pq) and gq.kind in ("count", "amount") \
                    and not ctx.approx(gq) and not ctx.approx(pq) and not _plan_like(ctx, pq):
                # "超过100亿元" is a threshold, no amount; a target is no total the part was done of
                pairs.append((gq, pq, "by count" if gq.kind == "count" else "by investment"))
        # a 其中 part's bare 占比 where the paragraph's other bare 占比 are of another whole ("…到位资金A，占比a%。
        # 来自甲地区投资B，其中，乙企业投资C，占比c%"): that whole is a second reading
        alt = _paragraph_share_whole(ctx, f, vq) if pairs and vq is not None and f.parent is not None else None
        if alt is not None and all(alt.id != dq.id for _, dq, _ in pairs):
            pairs.append((vq, alt, "by amount"))  # type: ignore[arg-type]
        # the words before the share say what it is a share of: "数量占比" by count, "产值合计占比" by amount
        lead_words = ind + ctx.text(max(f.sentence.start, sq.start - 12), sq.start)
        if "数量" in lead_words:
            pairs = [p for p in pairs if p[2] == "by count"]
        elif pattern("shares", "by_amount").search(lead_words):
            pairs = [p for p in pairs if p[2] != "by count"]
        elif vq is not None and vq.kind == "amount" and all(p[2] == "by count" for p in pairs):
            pairs = []  # a bare 占比 right after the figure's own amount is no share of the count before it alone
        if not pairs and vq is not None and vq.kind in ("amount", "count"):
            # "一般贸易进出口5200.0亿元，占全省进出口总值的65.0%；加工贸易进出口1600.0亿元，占20.0%": a bare
            # 占 shares the whole a parallel share named before it in the paragraph; the amount just
            # before it is a sibling, never its whole (a count's too: "甲国游客A人次，占外国游客总数的a%；乙国
            #游客B人次，占b%")
            named = _parallel_whole(ctx, f, sq)
            if named is not None:
                pairs += [(vq, w, "by count" if vq.kind == "count" else "by amount")
                          for w in _whole_by_name(ctx, named[0], named[1], vq)]
        if not pairs and vq is not None and vq.kind == "count":
            # "参评企业16852家…A类企业2546家，占15.1%；B类企业8712家，占51.2%": the count before the parts
            # (those stating their own share are siblings, 其中 parts are parts: neither is the whole)
            para = ctx.paragraph(f.start)
            pool = ctx.figures_in(*para) if para[1] > para[0] else ctx.doc.figures  # the paragraph's, by position
            prev_counts = [ctx.value_q(o) for o in pool if ctx.paragraph(o.start) == para
                           and o.start < vq.start and not ctx.comparisons(o, "share") and o.parent is None
                           and ctx.value_q(o) is not None
                           and ctx.value_q(o).kind == "count" and ctx.value_q(o).unit == vq.unit  # type: ignore[union-attr]
                           and ctx.value_q(o).value > vq.value and not ctx.approx(ctx.value_q(o))  # type: ignore[union-attr, arg-type]
                           and not ctx.is_change(ctx.value_q(o))]  # type: ignore[arg-type]
            # the nearest larger count is the likeliest whole, but another count of the paragraph may be
            # it (女性…占48.19% of 常住人口, not of 城镇常住人口 stated between): each is a reading
            for pc in prev_counts[::-1][:_COUNT_READINGS]:
                pairs.append((vq, pc, "by count"))  # type: ignore[arg-type]
    if len({dq.id for _, dq, _ in pairs}) > 1 and sq.value <= 100:
        # of several readings, a whole smaller than the part cannot hold it (a share of at most 100%)
        fit = [(nq, dq, b) for nq, dq, b in pairs if (ctx.base_iv(dq) or Iv.exact(Decimal(0))).hi
               >= (ctx.base_iv(nq) or Iv.exact(Decimal(0))).lo]
        pairs = fit or pairs
    tries: list[tuple[str, Iv, list, str]] = []
    for nq, dq, basis in pairs:
        N, D = ctx.base_iv(nq), ctx.base_iv(dq)
        if N is None or D is None or D.lo <= 0:
            continue
        if sq.value <= 100 and N.lo > D.hi * FAR_ABOVE:
            continue  # a "whole" far below its part (8月's output for a part of 1-8月) is no reading
        tries.append((basis, percent(N, D), [ctx.ev_q(nq, "input", "part"), ctx.ev_q(dq, "input", "whole")],
                      f"{nq.text} / {dq.text}"))
    if not tries:
        if _judged(ctx, sq):
            return
        ctx.unverifiable("rate_from_parts", f"the whole ({of_text or 'total'}) of the share is not stated",
                         f"未给出比重的总体({of_text or '总量'})", [claim_ev] + ([ctx.ev_q(vq, "input", "part")] if vq else []),
                         "share = part / whole × 100", sq.value)
        if vq is not None and vq.kind == "count" and vq.decimals == 0 \
                and not pattern("shares", "by_amount").search(ctx.text(vq.end, sq.start)) \
                and not pattern("shares", "not_of_count").search(ctx.text(vq.end, sq.start)) \
                and not _list_member(ctx, f, vq):
            _grim_share(ctx, f, sq, vq)  # not "11个市合计进出口…占比": a share of the trade, not of the count
        return
    doubt = None
    wholes = {dq.id: dq for _, dq, _ in pairs}
    if len(wholes) > 1 and len({ctx.base_iv(dq) for dq in wholes.values()}) > 1:
        doubt = Doubt("the whole may be any of " + ", ".join(dq.text for dq in wholes.values()),
                      "总体可能是 " + "、".join(dq.text for dq in wholes.values()) + " 中的任一个")
    of_plan = bool(of) and pattern("shares", "plan_whole").search(of) is not None
    if of_plan and _own_plan_rates(ctx, sq):
        return
    if of_plan and not _bare_measure(ctx, vq) and any(
            ctx.sentence_of(dq.start) is not ctx.sentence_of(sq.start) for _, dq, _ in pairs):
        # "工业项目完成投资27.35亿元，占年度计划的58.0%": the plan of 工业项目, unless stated in the
        # sentence, is not the plan stated for all projects before
        doubt = _OWN_PLAN + doubt
    _report_tries(ctx, "rate_from_parts", f, sq, "占比", tries, claim_ev, doubt)


def _partition_whole(ctx: Ctx, of: str, part: Quantity) -> list[Quantity]:
    """"一产完成投资A，占全部投资比重为X%": 全部 names all of the measure, and the part is one of a
    complete partition (三次产业) whose whole of that measure was found: that whole."""
    if not pattern("shares", "all_of").match(of):
        return []
    measure = whole_words(of)
    for p in partitions(ctx):
        if p.kind == "amount" and p.total is not None and any(q.id == part.id for q in p.parts):
            tf = ctx.figure(ctx.fig_of_q.get(p.total.id))
            if tf is not None and len(measure) >= 2 and norm_indicator(tf.indicator).endswith(measure):
                return [p.total]
    return []


def _all_of_measure(ctx: Ctx, f: Figure, of: str, part: Quantity) -> list[Quantity]:
    """"服务业投资A亿元，占全部投资的比重为a%": the whole is all of the measure in the part's place."""
    w = whole_of_all(ctx, f, of)
    wq = ctx.value_q(w) if w is not None else None
    return [wq] if wq is not None and wq.id != part.id and ctx.dim(wq) == ctx.dim(part) else []


def _bare_measure(ctx: Ctx, q: Optional[Quantity]) -> bool:
    """An amount its clause names by the measure alone ("截至年底，完成投资300.5亿元"): the document's
    own whole, whose plan is the one stated for it, not a part that may have a plan of its own."""
    if q is None:
        return False
    text = ctx.src
    clause = text[max(text.rfind(c, 0, q.start) for c in "，,；;。\n") + 1:q.start].strip()
    measure = measure_of(clause)
    return bool(measure) and not pattern("shares", "filler").sub("", clause[:len(clause) - len(measure)])


def _listed_shares(ctx: Ctx) -> None:
    """"以上三个行业分别占全省轻工业的37.5%、15.0%、10.0%" (the members are the last three amounts of
    one measure before the sentence), "A完成产值1200.0亿元，B…，分别占全省园区总量的55.0%、…" (the last
    amounts of the sentence itself): the i-th share is the i-th member over its whole, the member's own
    measure for the whole named."""
    for m in pattern("shares", "listed").finditer(ctx.src):
        sent = ctx.sentence_of(m.start())
        figs = ctx.sentence_figures_at(sent.start) if sent is not None else []
        if not figs:
            continue
        f = figs[0]  # the sentence's figures, for its place and its own amounts
        shares = _list_after(ctx, m.end(), sent.end)
        if len(shares) < 2:
            continue
        members = _list_members(ctx, f, m.start(), len(shares))
        if members is None:
            continue
        of = pattern("shares", "listed_whole_tail").sub("", norm_indicator(m.group("of")))
        of_plan = pattern("shares", "plan_whole").search(of) is not None
        if of_plan and _own_plan_rates(ctx, shares[0]):
            continue
        tail = _common_tail([norm_indicator(o.indicator) for o, _ in members])
        for (mf, mq), sq in zip(members, shares):
            wholes = _whole_by_name(ctx, mf, of, mq) or [w for w in [_whole_by_region(ctx, mf, of, mq)] if w] \
                or _whole_of_measure(ctx, mf, of, tail, mq)
            wholes = [w for w in wholes if w.id not in {q.id for _, q in members}]
            tries = [("by amount", percent(N, D), [ctx.ev_q(mq, "input", "part"), ctx.ev_q(w, "input", "whole")],
                      f"{mq.text} / {w.text}") for w in wholes
                     if (N := ctx.base_iv(mq)) is not None and (D := ctx.base_iv(w)) is not None and D.lo > 0]
            if not tries:
                continue
            doubt = None
            if len({ctx.base_iv(w) for w in wholes}) > 1:
                doubt = Doubt("the whole may be any of " + ", ".join(w.text for w in wholes),
                              "总体可能是 " + "、".join(w.text for w in wholes) + " 中的任一个")
            if of_plan and any(ctx.sentence_of(w.start) is not sent for w in wholes):
                doubt = _OWN_PLAN + doubt  # as for one part's share of a plan (_share)
            _report_tries(ctx, "rate_from_parts", f, sq, "占比", tries, ctx.ev_q(sq, "claim", "share"), doubt)


_OWN_PLAN = Doubt("the plan named may be this part's own, not the one stated before",
                  "所占计划可能是本项自身的计划,而非前文所列计划")


def _own_plan_rates(ctx: Ctx, sq: Quantity) -> bool:
    """"甲、乙、丙分别完成A、B、C，分别占年度目标的a%、b%、c%": shares of a plan listed for parts that add
    up to more than 100% cannot all be of one plan; each is the part's own plan done, whose plan is not
    stated."""
    run = _listed_run(ctx, sq)
    return len(run) >= 2 and sum((ctx.iv(q).lo for q in run), Decimal(0)) > HUNDRED


def _listed_run(ctx: Ctx, sq: Quantity) -> list[Quantity]:
    """The percentages listed with ``sq`` in its sentence ("a%、b%和c%"), ``sq`` among them."""
    sent = ctx.sentence_of(sq.start)
    if sent is None:
        return [sq]
    pcs = [q for q in ctx.quantities_within(sent.start, sent.end) if q.kind == "percent"]
    k = next((i for i, q in enumerate(pcs) if q.id == sq.id), None)
    if k is None:
        return [sq]
    gap = pattern("shares", "list_gap")
    lo, hi = k, k
    while lo > 0 and gap.fullmatch(ctx.text(pcs[lo - 1].end, pcs[lo].start)):
        lo -= 1
    while hi + 1 < len(pcs) and gap.fullmatch(ctx.text(pcs[hi].end, pcs[hi + 1].start)):
        hi += 1
    return pcs[lo:hi + 1]


def _list_after(ctx: Ctx, pos: int, end: int) -> list[Quantity]:
    """The percentages listed from ``pos``: "40.5%、14.3%和13.4%"."""
    out: list[Quantity] = []
    for q in ctx.quantities_within(pos, end):
        if q.kind != "percent" or ctx.approx(q) \
                or not pattern("shares", "list_gap").fullmatch(ctx.text(out[-1].end if out else pos, q.start)):
            break
        out.append(q)
    return out


def _list_members(ctx: Ctx, f: Figure, cue: int, n: int) -> Optional[list[tuple[Figure, Quantity]]]:
    """The n parts a share list is of: the sentence's own last n amounts before the cue, or, after
    "以上n个…", the last n amounts of one measure before the sentence in its paragraph."""
    def amounts(figs: list[Figure]) -> list[tuple[Figure, Quantity]]:
        return [(o, q) for o in figs if (q := ctx.value_q(o)) is not None and q.kind == "amount"
                and not ctx.approx(q) and not ctx.is_change(q)]

    own = amounts([o for o in ctx.sentence_figures(f) if o.start < cue])
    head = ctx.text(f.sentence.start, cue)
    counted = pattern("shares", "listed_before").search(head)
    if counted is None and own:
        return own[-n:] if len(own) >= n else None
    if own or (counted is not None and cn_int(counted.group("n")) != n):
        return None
    before = amounts(ctx.figures_between(ctx.paragraph(f.start)[0], f.sentence.start))[-n:]
    tail = _common_tail([norm_indicator(o.indicator) for o, _ in before])
    if len(before) != n or len(tail) < 2:
        return None  # the members of one list measure one thing: their names end alike (…完成增加值)
    if counted is None and tail[-3:] not in head:
        return None  # uncounted ("三次产业增加值占…分别为"), the list must name the members' measure
    return before


def _common_tail(names: list[str]) -> str:
    return os.path.commonprefix([x[::-1] for x in names])[::-1]


def _whole_of_measure(ctx: Ctx, f: Figure, of: str, tail: str, part: Quantity) -> list[Quantity]:
    """"以上四个行业完成增加值分别占全省消费品工业的…": the whole is the set named (消费品工业) measured as
    the members are (…增加值, the last words of their common tail): the nearest figure before whose
    name holds both."""
    bare = pattern("shares", "whole_region").sub("", whole_words(of))
    if len(bare) < 2 or len(tail) < 2:
        return []
    named_figs, starts = _named_figures(ctx)
    for o, oq, _ in reversed(named_figs[bisect_left(starts, f.start - LOOK_BACK):bisect_left(starts, f.start)]):
        ind = norm_indicator(o.indicator)
        if oq.id != part.id and ctx.dim(oq) == ctx.dim(part) and bare in ind and ind.endswith(tail[-3:]) \
                and not ctx.approx(oq):
            return [oq]
    return []


_COUNT_READINGS = 3  # the larger counts before a bare 占 of a count tried as its whole, nearest first


def _parallel_whole(ctx: Ctx, f: Figure, sq: Quantity) -> Optional[tuple[Figure, str]]:
    """The whole the nearest share before ``sq`` in its paragraph names (占X的), with its figure; None
    when a 分别 list holds ``sq`` (each share is then of its own member's whole)."""
    if "分别" in ctx.text(f.sentence.start, sq.start):
        return None
    para = ctx.paragraph(f.start)
    best = None
    for o in ctx.figures_between(para[0], min(para[1], sq.start)):
        for c in ctx.comparisons(o, "share"):
            if c.of and norm_indicator(c.of).strip("的比") and c.quantity != sq.id:
                best = (o, norm_indicator(c.of))
    return best


_CLASS_OF = rx(r"类(?:之|的)?$|(?:以上|以下|以内)(?:的)?$")  # 叶菜类之…, 亿元以上…: a class of the whole, no whole
_REGION_OF = rx(r"(?:同期)?全([省市县区])")
_LEVELS = "省市县区"


def _below(entity: Optional[str], level: str) -> bool:
    """A place of a lower level than ``level`` (厦门市 below 省), named as itself, not as 全X/我X."""
    if not entity or entity[0] in "全我本该" or entity[-1] not in _LEVELS:
        return False
    return _LEVELS.index(entity[-1]) > _LEVELS.index(level)


def _other_place(own: Optional[str], other: Optional[str], level: str) -> bool:
    """占全县…的 said of a figure of one named county or of a zone of it (甲县…, 甲县产业园): the whole is
    that county's own, never a figure of another place."""
    m = regex.match(rf"(?![全我本该])\p{{Han}}{{1,6}}?{level}", own or "")  # 甲县, or 甲县 of 甲县产业园
    return m is not None and not (other or "").startswith(m.group(0))


def _part_of_place(ctx: Ctx, o: Figure) -> bool:
    """A 其中 part that is no whole of its place. Only a part by measure (出口 under 进出口) of a parent
    that is itself the place's whole (no part, no partner's trade) is the place's whole of that measure."""
    par = ctx.figure(o.parent)
    if par is None:
        return False
    own, up = norm_indicator(o.indicator), whole_words(norm_indicator(par.indicator))
    whole_parent = par.parent is None and not pattern("shares", "partner").search(up)
    return not (own and whole_parent and up != own and up.endswith(own) and o.entity == par.entity)


def _whole_name(of: str, f: Figure) -> str:
    """The whole 占X names, in its plain words, without the place of the figure that states the share
    (占福建省出口总值的: the part's own place, not part of the whole's name)."""
    of = whole_words(of)
    for name in (f.entity, f.entity_text):
        if name and not name.startswith("全") and len(of) > len(name) + 1 and of.startswith(name):
            return of[len(name):]
    return of


def _counted_set_amount(ctx: Ctx, o: Figure) -> bool:
    """A figure named by its measure alone after a count in its sentence: the amount of the set counted."""
    return any(g.start < o.start and (gq := ctx.value_q(g)) is not None and gq.kind == "count"
               for g in ctx.sentence_figures(o))


def _whole_by_name(ctx: Ctx, f: Figure, of: str, part: Quantity) -> list[Quantity]:
    """The figures 占X may name, nearest first, from the first tier that has any: named X itself
    (X, or ending in X); a kind of X that states no share of its own (货物贸易进出口 for 进出口总值, 外贸进出口
    for 外贸), each looked for in the paragraph, the section, then the 4,000 characters before; else, in the
    paragraph only, one named loosely alike ("全部重大项目完成投资" for 重大项目完成投资). Members of the
    part's own 分别 list are its siblings, never its whole. More than one candidate is more than one
    reading: the caller tries them all."""
    # 占总签约金额的: the overall total, never a figure that is itself a part (a 其中 part, or one
    # stating its own share of some whole)
    overall = bool(regex.match(r"(?:同期|全部|所有|总体)*总(?=\p{Han}{4,})", of))
    # 占同期…的: the whole is of the share's own period; one stated for another period is no reading
    own_period = of.startswith("同期") and bool(f.period)
    of = _whole_name(of, f)
    bare = pattern("shares", "whole_region").sub("", of)  # 全市外贸 -> 外贸
    # 占全省外贸总值: a whole of the province, never a figure of one of its cities (厦门市进出口) nor a 其中 part
    region = _REGION_OF.match(of)
    listed = "分别" in ctx.text(f.sentence.start, part.start)
    partner = pattern("shares", "partner")
    other_partner = not partner.search(bare)  # a whole named without a partner is no partner's trade
    # 占全市对金砖国家进出口总额的: the trade with those partners, named without 对 elsewhere
    partner_trade = bare[1:] if partner.match(bare) and len(bare) > 5 else None

    named_figs, starts = _named_figures(ctx)
    part_dim = ctx.dim(part)

    def cands(lo: int) -> list[tuple[Figure, Quantity, str]]:
        out = []
        for o, oq, ind in named_figs[bisect_left(starts, lo):bisect_left(starts, f.start)]:
            if o.id == f.id or (listed and ctx.same_sentence(o, f)):
                continue
            if overall and (o.parent is not None or ctx.comparisons(o, "share")):
                continue
            if oq.value == part.value and oq.unit == part.unit and ind == norm_indicator(f.indicator):
                continue  # the part stated again (a headline's copy) is never its own whole
            if oq.unit != part.unit and any(w in ind for w in config()["aggregates"]["non_additive"]):
                continue  # an average (人均地区生产总值, 元) is no whole of an amount in 亿元; a per-head part's it may be
            if region and len(ind) <= 3 and _counted_set_amount(ctx, o):
                continue  # "N家企业产值超亿元，共完成产值X": the set's amount, not the place's (占全市产值的)
            if ind and oq.id != part.id and ctx.dim(oq) == part_dim and not (other_partner and partner.search(ind)) \
                    and not (region and (_below(o.entity, region.group(1)) or _part_of_place(ctx, o)
                                         or _other_place(f.entity, o.entity, region.group(1)))):
                out.append((o, oq, ind))
        return out[::-1]

    # "…工业增加值A，占规模以上工业的X%": a whole named without the measure is the part's own
    measure = measure_of(f.indicator)
    with_measure = whole_words(of + measure) if measure and not of.endswith(measure) and len(of) >= 3 else None

    def share_of_it(o: Figure) -> bool:
        # a figure stating its own share of that whole (高技术领域营业收入…占全部营业收入的90.9%) is a part of it,
        # also when the share opens a clause of its own after ；(甲进出口A亿元，增长g%；占全省进出口总值的s%)
        same = [o] + [g for g in ctx.figures_between(o.start + 1, ctx.clause_end(o.start, "。"))
                      if g.indicator == o.indicator and g.entity == o.entity and g.value is None]
        return any(_whole_name(norm_indicator(c.of), g) in (of, bare) for g in same for c in ctx.comparisons(g, "share") if c.of)

    def named(o: Figure, ind: str) -> bool:
        # a two-character name (出口) is ended by its kinds too (高新技术产品出口): only itself names it;
        # a class of it (叶菜类之市场交易量) is a sibling of the part, not the whole; a whole named with
        # the candidate's own place before it (占甲省外贸进出口总值的, of 甲省's 外贸进出口总值) is named so
        own_place = bool(o.entity) and len(of) > len(o.entity) + 1 and of.startswith(o.entity) \
            and ind == whole_words(of[len(o.entity):])
        return (ind == of or (len(of) > 2 and ind.endswith(of) and not _CLASS_OF.search(ind[:-len(of)]))
                or ind == bare or own_place or (with_measure is not None and ind.endswith(with_measure))
                or (partner_trade is not None and ind.endswith(partner_trade))) \
            and not share_of_it(o)

    zones = tuple(config()["aggregates"]["zone_nouns"])

    def kind_of(o: Figure, ind: str) -> bool:
        # a whole named by a set of zones (占全省园区的) is the part's own measure summed over them,
        # not a figure that happens to be about zones; counts of other things are other measures
        oq = ctx.value_q(o)
        # a two-character name (出口) is ended by its kinds' names too (锰出口): those are its parts
        return len(bare) >= 2 and not bare.endswith(zones) \
            and ((ind.endswith(bare) and len(bare) > 2 and not _CLASS_OF.search(ind[:-len(bare)]))
                 or (ind.startswith(bare) and bare[-1] in "省市县区州旗盟")) \
            and not ctx.comparisons(o, "share") and o.parent is None \
            and (oq is None or oq.kind != "count" or oq.unit == part.unit)

    # the last pass looks back a bounded stretch, so that a long document costs linear time
    passes = (ctx.paragraph(f.start)[0], ctx.section_span(f.start)[0], max(0, f.start - LOOK_BACK))
    # a whole of the share's own period beats a nearer one of another (2月当月 before 1-2月's share)
    for test in (named, kind_of):
        for lo in passes:
            found = [(o, oq) for o, oq, ind in cands(lo) if test(o, ind)]
            if own_period:  # (7月 is no 同期 of 前7个月)
                found = [(o, oq) for o, oq in found if not other_stretch(f.period, o.period)]
            if found:
                same = [oq for o, oq in found if f.period and o.period and same_period(f.period, o.period)]
                timed = [oq for o, oq in found if o.period and f.period]
                return same if same and len(same) < len(timed) else [oq for _, oq in found]
    return [oq for o, oq, ind in cands(passes[0]) if similarity(ind, of) >= 0.75 and not share_of_it(o)][:1]


def _part_by_name(ctx: Ctx, f: Figure, ind: str) -> Optional[Quantity]:
    """The amount or count stated before ``f`` (in its section, at most LOOK_BACK characters back) under
    the name the share is of: the words before 占 in a share's own name. Nearest first; one of another
    place or period is no reading."""
    name = _bare_name(ind.split("占")[0])
    if len(name) < 2:
        return None
    named_figs, starts = _named_figures(ctx)
    lo = max(ctx.section_span(f.start)[0], f.start - LOOK_BACK)
    for o, oq, _ in reversed(named_figs[bisect_left(starts, lo):bisect_left(starts, f.start)]):
        if oq.kind not in ("amount", "count") or o.role != "actual" or ctx.approx(oq) or ctx.is_change(oq) \
                or _bare_name(norm_indicator(o.indicator)) != name:
            continue
        if (f.entity and o.entity and f.entity != o.entity) or not same_period(f.period, o.period):
            return None
        return oq
    return None


def _bare_name(ind: str) -> str:
    """A figure's name without the place, the period word and the verbs of doing: 林业全年实现产值 -> 林业产值."""
    return pattern("shares", "name_fillers").sub("", _measure_words(ind))


def _measure_total(ctx: Ctx, f: Figure, part: Quantity) -> Optional[Quantity]:
    """"到位资金174亿元，占总额的81.3%": the whole is the total of the part's own measure, the largest
    figure so measured before it in its paragraph (a total holds each of its parts). Further back, which
    total 总额 means is not anchored (all funds, or the domestic funds of the paragraph before): no reading."""
    measure = measure_of(f.indicator)
    sec_s = ctx.paragraph(f.start)[0]
    best: Optional[Quantity] = None
    alone: list[Quantity] = []  # every figure the total could be, whatever its measure
    for o, oq, _ in _named_figures(ctx)[0]:
        if not sec_s <= o.start < f.start or oq.id == part.id or o.role != "actual" or o.parent is not None:
            continue
        if ctx.dim(oq) != ctx.dim(part) or ctx.approx(oq) or ctx.is_change(oq):
            continue
        if ctx.comparisons(o, "share") or rx(r"[^。；;]{0,12}?占").match(ctx.src, oq.end):
            continue  # a figure stating its own share (占总量的四分之一) is a part of some whole, not the total
        alone.append(oq)
        if measure is None or measure_of(o.indicator) != measure:
            continue
        a, b = ctx.base_iv(oq), ctx.base_iv(part)
        if a is not None and b is not None and a.nom > b.nom and (best is None or a.nom > ctx.base_iv(best).nom):  # type: ignore[union-attr]
            best = oq
    near = ctx.sentence_of(f.start)
    if best is None and len(alone) == 1 and near is not None:
        # "日产蔬菜A吨。B吨销往外地，占总量的n%": the paragraph's only figure of the part's kind before it, in
        # the part's sentence or the one before, and larger, is the total it speaks of
        prev = ctx.sentence_before(near.start)
        a, b = ctx.base_iv(alone[0]), ctx.base_iv(part)
        if a is not None and b is not None and a.nom > b.nom and alone[0].start >= (prev or near).start:
            best = alone[0]
    return best


def _whole_by_region(ctx: Ctx, f: Figure, of: str, part: Quantity) -> Optional[Quantity]:
    """"郑州经开区、郑州高新区合计实际利用外资42.6亿美元，占全省开发区的四成以上", "西城区…389.9亿元，占北京市
    的比重为7.2%": a whole named by a place or a set of zones is the part's own measure stated earlier
    for it (全省开发区 → 河南省开发区, 北京市 → 北京市's 社会消费品零售总额). Only one such figure may qualify."""
    m = rx(r"全([省市县区])(.*)").fullmatch(of)
    ind = _measure_words(f.indicator)
    hits: list[Quantity] = []
    named_figs, starts = _named_figures(ctx)
    window = named_figs[bisect_left(starts, f.start - LOOK_BACK):bisect_left(starts, f.start)]
    for o, oq, _ in reversed(window):
        if oq.id == part.id or ctx.dim(oq) != ctx.dim(part) or o.role != "actual":
            continue
        if not ind or _measure_words(o.indicator) != ind:
            continue
        ent = o.entity or ""
        if m is not None:
            level, rest = m.group(1), m.group(2)
            if ent.endswith(rest) and level in ent[:max(1, len(ent) - len(rest))]:
                hits.append(oq)
        elif len(of) >= 2 and (ent == of or (o.entity_text or "") == of) and ent != (f.entity or ""):
            hits.append(oq)
    return hits[0] if len(hits) == 1 or (hits and m is not None) else None


def _measure_words(ind: Optional[str]) -> str:
    """An indicator without the place or zones it is stated for: what it measures."""
    return pattern("shares", "whole_region").sub("", whole_words(norm_indicator(ind)))




def _named_figures(ctx: Ctx) -> tuple[list[tuple[Figure, Quantity, str]], list[int]]:
    """Figures with a value and the words their whole-like name reads as, in text order, with their
    starts for bisection (built once per check)."""
    got = ctx.memo.get("named_figures")
    if got is None:
        figs = sorted(((o, q, whole_words(norm_indicator(o.indicator))) for o in ctx.doc.figures
                       if (q := ctx.value_q(o)) is not None), key=lambda t: t[0].start)
        got = ctx.memo["named_figures"] = (figs, [o.start for o, _, _ in figs])
    return got


# --- GRIM -----------------------------------------------------------------------------------
def _reach_share(n: int, p: Decimal, d: int) -> tuple[Optional[int], list[int]]:
    """A whole N ≥ n with round(100·n/N, d) = p, and the whole numbers tried around it."""
    h = half_unit(d)
    hi_p, lo_p = p + h, p - h
    if lo_p <= 0:
        return None, []
    n_lo = max(n, math.floor(Decimal(100 * n) / hi_p) - 1)
    n_hi = math.ceil(Decimal(100 * n) / lo_p) + 1
    tried = list(range(max(1, n_lo), n_hi + 1))[:400]
    q = Decimal(1).scaleb(-d)
    for N in tried:
        if (Decimal(100 * n) / Decimal(N)).quantize(q, rounding=ROUND_HALF_UP) == p:
            return N, tried
    return None, tried


def _powerful(n: int, p: Decimal, d: int) -> bool:
    """GRIM only says something when neighbouring wholes give percentages further apart than the
    rounding step: 267 of ~226 at integer precision is always reachable, 84 of ~93 at 0.1 is not."""
    if p <= 0 or n <= 0 or p > 100:  # no part of nothing; a share of a whole holding the part is ≤ 100%
        return False
    N = Decimal(100 * n) / p
    step = Decimal(100 * n) / (N * (N + 1))
    return step > 2 * half_unit(d)


def _paragraph_share_whole(ctx: Ctx, f: Figure, vq: Quantity) -> Optional[Quantity]:
    """The whole an earlier bare 占比 of the paragraph was of: the 其中 parent of a figure under another
    parent than ``f``'s (the paragraph's own convention for 占比)."""
    para = ctx.paragraph(f.start)
    for o in ctx.figures_in(para[0], f.start):
        if o.parent is None or o.parent == f.parent or o is f:
            continue
        if not any(c.type == "share" and not norm_indicator(c.of).strip("的比") for c in ctx.comparisons(o, "share")):
            continue
        par = ctx.figure(o.parent)
        pq = ctx.value_q(par) if par is not None else None
        if pq is not None and ctx.dim(pq) == ctx.dim(vq) and pq.kind == vq.kind:
            return pq
    return None


def _other_count_before(ctx: Ctx, f: Figure, q: Quantity) -> bool:
    """Another count in the same unit earlier in ``f``'s clause chain (no 。；between), with no growth of its own."""
    for o in ctx.sentence_figures(f):
        oq = ctx.value_q(o)
        if o is f or oq is None or oq.start >= q.start or oq.kind != "count" or oq.unit != q.unit:
            continue
        if ctx.growth(o) is None and not rx(r"[；;。]").search(ctx.text(oq.end, q.start)):
            return True
    return False


def _grim_share(ctx: Ctx, f: Figure, sq: Quantity, nq: Quantity) -> None:
    if unit_factor(nq.unit) not in (None, 1):
        return  # 155万人 is a count rounded to 万: its whole need not be a whole number of 万
    n = int(nq.value)
    if not _powerful(n, sq.value, sq.decimals):
        return
    N, tried = _reach_share(n, sq.value, sq.decimals)
    if not tried:
        return
    near = min(tried, key=lambda x: abs(Decimal(100 * n) / x - sq.value))
    comp = Iv.exact(Decimal(100 * n) / Decimal(N if N else near))
    st = "consistent" if N else "mismatch"
    ctx.emit("grim", Verdict(st, half_unit(sq.decimals)), claimed=sq.value, computed=comp, decimals=sq.decimals,
             formula="share = n / N × 100 for some whole N",
             zh=f"{nq.text} 占 {sq.text}:" + (f"整数总数 {N} 可得 {comp.nom:.3f}%" if N else
                                              f"没有整数总数能得到该比例(最接近 {near} → {comp.nom:.3f}%)"),
             en=f"{nq.text} as {sq.text} of a whole: " + (f"N = {N} gives {comp.nom:.3f}%" if N else
                                                        f"no whole number N gives it (nearest {near} → {comp.nom:.3f}%)"),
             evidence=[ctx.ev_q(sq, "claim", "share"), ctx.ev_q(nq, "input", "count")], figure=f.id)


def _list_member(ctx: Ctx, f: Figure, q: Quantity) -> bool:
    """"甲、乙、丙类项目分别达到a个、b个和c个，占总数的x%": the last member of a list, whose share after
    it is the list's together, not its own."""
    return "分别" in ctx.text(f.sentence.start, q.start) or rx(r"[、和及与]\s*$").search(
        ctx.text(max(f.sentence.start, q.start - 2), q.start)) is not None


def _grim_rate(ctx: Ctx, f: Figure, rq: Quantity, den: Optional[Quantity]) -> None:
    """A rate over a known whole count: some whole numerator must give it (87.23% of 94 → 82)."""
    if den is None or den.kind != "count" or den.decimals != 0 or den.value <= 0:
        return
    N = int(den.value)
    q = Decimal(1).scaleb(-rq.decimals)
    k_est = int((rq.value * N / HUNDRED).to_integral_value())
    cands = [k for k in range(max(0, k_est - 2), min(N, k_est + 2) + 1)]
    hit = next((k for k in cands if (Decimal(100 * k) / N).quantize(q, rounding=ROUND_HALF_UP) == rq.value), None)
    near = hit if hit is not None else min(cands, key=lambda k: abs(Decimal(100 * k) / N - rq.value)) if cands else None
    if near is None or Decimal(100) / N <= 2 * half_unit(rq.decimals):
        return
    comp = Iv.exact(Decimal(100 * near) / N)
    ctx.emit("grim", Verdict("consistent" if hit is not None else "mismatch", half_unit(rq.decimals)), claimed=rq.value,
             computed=comp, decimals=rq.decimals, formula="rate = k / N × 100 for some whole k",
             zh=f"{rq.text} 以 {den.text} 为分母:{near}/{N} = {comp.nom:.3f}%",
             en=f"{rq.text} of {den.text}: {near}/{N} = {comp.nom:.3f}%" + ("" if hit is not None else ", no whole numerator fits"),
             evidence=[ctx.ev_q(rq, "claim", "rate"), ctx.ev_q(den, "input", "whole")], figure=f.id)


def grim(ctx: Ctx) -> None:
    """Growth of a whole count: 45 家, 增速 40.6% needs a whole prior (32)."""
    for f in ctx.doc.figures:
        q = ctx.value_q(f)
        c = ctx.growth(f)
        if q is None or c is None or q.kind != "count" or q.decimals != 0 or ctx.approx(q) or q.value <= 0:
            continue
        if unit_factor(q.unit) not in (None, 1):
            continue  # 62万头 is a count rounded to 万: its prior need not be a whole number of 万
        if ctx.comparisons(f, "increment"):
            continue  # increment_growth recomputes it exactly
        gq = ctx.q(c.quantity)
        g = ctx.signed(c)
        if gq is None or g is None or gq.kind != "percent":
            continue  # a growth in 倍 is written to a tenth of the whole: no prior can be pinned by it
        if not 0 < gq.start - q.end <= 20 or rx(r"[;；。]|分别|各").search(ctx.text(q.end, gq.start)):
            continue  # only a growth stated with its count ("45个,增速40.6%") is the count's growth; "三个行业
            # …分别增长" gives the growths of the members counted, not of the count
        if pattern("grim", "set_aside").search(ctx.text(ctx.clause_start(q.start, "，,；;。"), q.start)):
            continue  # "剔除两项一次性因素，增长3.7%": the count numbers what the growth leaves out
        n = int(q.value)
        d = gq.decimals
        qd = Decimal(1).scaleb(-d)
        try:
            est = Decimal(n) / (1 + g.nom / HUNDRED)
        except Exception:  # noqa: BLE001 - a growth of −100% has no prior
            continue
        cands = list(range(max(1, int(est) - 2), int(est) + 3))
        if not cands or (Decimal(100 * n) / (est * est) if est > 0 else 0) <= 2 * half_unit(d):
            continue
        hit = next((P for P in cands if ((Decimal(n) / P - 1) * HUNDRED).quantize(qd, rounding=ROUND_HALF_UP) == g.nom), None)
        if hit is None and _other_count_before(ctx, f, q):
            continue  # "甲有a辆，乙占b辆，增加g%": the growth may be A's; which one grew is not anchored
        near = hit if hit is not None else min(cands, key=lambda P: abs((Decimal(n) / P - 1) * HUNDRED - g.nom))
        comp = Iv.exact((Decimal(n) / near - 1) * HUNDRED)
        verdict = Verdict("consistent" if hit is not None else "mismatch", half_unit(d))
        if hit is None:  # a whole prior the rate was truncated (or otherwise rounded) from: rounding only
            mode = next((m for P in cands if (m := other_rounding((Decimal(n) / P - 1) * HUNDRED, g.nom, d))), None)
            if mode is not None:
                verdict = Verdict("rounding", half_unit(d), mode)
        ctx.emit("grim", verdict, claimed=g.nom,
                 computed=comp, decimals=d, formula="growth = n / P − 1 for some whole prior P",
                 zh=f"{q.text} 增速 {gq.text}:上年整数 {near} 得 {comp.nom:.3f}%",
                 en=f"{q.text} growing {gq.text}: a whole prior of {near} gives {comp.nom:.3f}%"
                    + ("" if hit is not None else "; no whole prior fits"),
                 evidence=[ctx.ev_q(gq, "claim", "growth"), ctx.ev_q(q, "input", "count")], figure=f.id)


def completion_rate(ctx: Ctx) -> None:
    """"完成年度任务（230亿元）的76.1%": the percentage is the amount done over the target. The amount
    done is the one just before the cue in its sentence (or, when the plan itself stands there, the
    完成 amount right after the rate); the target is in brackets, written inline before 的, or stated
    as a plan or target before in the paragraph. A target from another sentence may be the plan of
    the whole set rather than of this part: what fails against it is doubtful, not a mismatch."""
    cue = pattern("completion", "cue")
    text = ctx.src
    qs = ctx.doc.quantities
    for k, pq in enumerate(qs):
        if pq.kind != "percent":
            continue
        sent = ctx.sentence_of(pq.start)
        if sent is None:
            continue
        m = cue.search(text, max(sent.start, pq.start - 40), pq.start)
        if m is None or len(_listed_run(ctx, pq)) > 1:
            continue  # (rates listed for parts listed: which amount each is of is the share rules' to pair)
        before = [q for q in ctx.quantities_from(sent.start, m.start()) if q.kind in ("amount", "count")
                  and not ctx.is_change(q) and ctx.alias_of(q) is None]
        # the amount done is the last one before the cue that is not the plan ("支出12.64亿元，按年初预算
        # 86.40亿元计算，完成预算的31.2%")
        done = next((q for q in reversed(before) if not _plan_like(ctx, q, size=True) and not _prior(ctx, q)), None)
        # the target is read in the cue or its paragraph: the quantities before the rate from there on
        # (all of them before it made long documents quadratic)
        prior = qs[ctx.quantity_index(min(ctx.paragraph(m.start())[0], m.start())):k]
        target, doubt = (None, None) if done is None or ctx.approx(done) else _completion_target(ctx, prior, m, done)
        if target is None:
            done = _done_after(ctx, qs, k, sent.end)
            target, doubt = (None, None) if done is None else _completion_target(ctx, prior, m, done)
        if done is None or target is None:
            continue
        a, t = ctx.base_iv(done), ctx.base_iv(target)
        if a is None or t is None or t.lo <= 0:
            continue
        iv = percent(a, t)
        claimed, decimals = as_percent(pq)
        v = judge_written(pq, iv)
        ctx.emit("completion_rate", v, claimed=claimed, computed=iv, decimals=decimals,
                 formula="completion = done / target × 100%", doubt=doubt,
                 zh=f"完成比例 {pq.text}:{done.text} / {target.text} = {show(iv.nom, decimals)}%",
                 en=f"share of target done {pq.text}: {done.text} / {target.text} = {show(iv.nom, decimals)}%",
                 evidence=[ctx.ev_q(pq, "claim", "completion"), ctx.ev_q(done, "input", "done"),
                           ctx.ev_q(target, "input", "target")])


def _prior(ctx: Ctx, q: Quantity) -> bool:
    """Last year's level stated beside this year's ("去年同期到位资金X亿元"): nothing done this year."""
    f = ctx.figure(ctx.fig_of_q.get(q.id))
    return f is not None and pattern("completion", "prior_period").match(f.period or "") is not None


def _plan_like(ctx: Ctx, q: Quantity, floor: int = 0, *, size: bool = False) -> bool:
    """A plan or target: by its figure's role, or named just before it ("按年初预算 77.00 亿元计算"), or
    by its indicator (年度计划投资). With ``size``, the projects' total size (总投资) too: it is no progress,
    and no target either."""
    f = ctx.figure(ctx.fig_of_q.get(q.id))
    named = pattern("completion", "not_done" if size else "plan_named")
    return _role(ctx, q) in ("target", "plan") or bool(
        pattern("completion", "target_before").search(ctx.text(max(floor, q.start - 8), q.start))) or bool(
        pattern("completion", "target_after").match(ctx.src, q.end, q.end + 16)) or bool(
        f is not None and f.value == q.id and named.search(f.indicator or ""))


def _done_after(ctx: Ctx, qs: list[Quantity], k: int, sent_end: int) -> Optional[Quantity]:
    """"已完成年度计划的47.2%，完成投资101.5亿元": the amount done named right after the rate."""
    nxt = qs[k + 1] if k + 1 < len(qs) else None
    if nxt is None or nxt.start >= sent_end or nxt.kind != "amount" or ctx.approx(nxt):
        return None
    return nxt if pattern("completion", "done_after").search(ctx.text(qs[k].end, nxt.start)) else None


def _completion_target(ctx: Ctx, before: list[Quantity], m: "regex.Match[str]",
                       done: Quantity) -> tuple[Optional[Quantity], Optional[Doubt]]:
    for group in ("bracket", "inline", "before"):
        if m.group(group):
            s, e = m.span(group)
            t = next((q for q in before if s <= q.start and q.end <= e + 1 and q.kind in ("amount", "count")), None)
            return (t, None) if t is not None and ctx.dim(t) == ctx.dim(done) else (None, None)
    para_s, _ = ctx.paragraph(m.start())
    cands = [q for q in before if para_s <= q.start < m.start() and q.kind in ("amount", "count")
             and ctx.dim(q) == ctx.dim(done) and q is not done and _plan_like(ctx, q, para_s)]
    if not cands:
        return None, None
    target = cands[-1]
    if pattern("completion", "year_plan").search(m.group(0)) and _project_total(ctx, target):
        # 占全年计划的 over 计划总投资: the year's plan, as some write it, or the projects' whole-life size
        return target, Doubt("计划总投资 may be the projects' size over their whole life, not the year's plan",
                             "计划总投资可能是项目全周期的总投资,而非年度计划")
    if ctx.sentence_of(target.start) is ctx.sentence_of(done.start):
        return target, None
    item = ctx.item_start(done.start)
    f, pf = ctx.figure(ctx.fig_of_q.get(done.id)), ctx.figure(ctx.fig_of_q.get(target.id))
    measure = norm_indicator(f.indicator) if f is not None else ""
    if item >= para_s and ctx.item_start(target.start) == item and pf is not None and len(measure) >= 2 \
            and norm_indicator(pf.indicator).endswith(measure):
        # "—— 水利项目，计划完成投资120亿元。目前…完成投资90亿元，占年度目标任务75.0%": an item that opens its
        # paragraph states its own plan, and the bare measure that plan plans (投资) is that item's
        return target, None
    sent = ctx.sentence_of(done.start)
    counted = sent is not None and any(q.kind == "count" for q in ctx.quantities_from(sent.start, done.start)
                                       if q.end <= done.start)
    if _bare_measure(ctx, done) and pf is not None and pf.parent is None and not counted:
        # the whole's own amount done, over the plan stated for the whole (not a subset's, counted in the
        # sentence of the amount: "（省重点项目17宗，完成投资A，完成年度计划的76.4%")
        return target, None
    return target, Doubt("the plan stated earlier may be the whole set's, not this part's own",
                         "前文的计划数可能是总体的,而非本项的计划")


def _project_total(ctx: Ctx, q: Quantity) -> bool:
    """The projects' total size (计划总投资): what they cost over their whole life, no year's plan."""
    f = ctx.figure(ctx.fig_of_q.get(q.id))
    return f is not None and pattern("completion", "project_total").search(norm_indicator(f.indicator or "")) is not None


def _role(ctx: Ctx, q: Quantity) -> Optional[str]:
    f = ctx.figure(ctx.fig_of_q.get(q.id))
    return f.role if f is not None and f.value == q.id else None
