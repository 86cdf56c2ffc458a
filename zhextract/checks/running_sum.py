"""Running sums of budget accounts: an amount, 加上 further amounts, 减去 others, gives the 合计/总计
that ends the sentence ("收入100亿元…加上转移性收入20亿元，减去调出资金5亿元，收入总计115亿元")."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ..models import Quantity
from ..strings import open_brackets
from .arith import Iv, fmt, judge, total
from .base import Ctx, Doubt, pattern, rx
from .links import partitions


def running_sums(ctx: Ctx) -> None:
    add = pattern("running_sum", "add")
    covered = -1  # a 加上 inside a sum already read is one of its terms, not the start of another sum
    for m in add.finditer(ctx.src):
        if ctx.in_table(m.start()) or m.start() < covered:
            continue
        covered = _check(ctx, m.start(), m.end())


def _amount(ctx: Ctx, q: Quantity) -> bool:
    """A level stated as it is: no change from last year, no approximation, no restatement in brackets."""
    return q.kind == "amount" and "/" not in q.unit and not ctx.approx(q) and not ctx.is_change(q) \
        and ctx.alias_of(q) is None and ctx.base_iv(q) is not None


def _base(ctx: Ctx, cue: int, dim: Optional[str]) -> tuple[Optional[Quantity], list[Quantity]]:
    """The amount the sum starts from: the nearest stated level before 加上 in its paragraph that is
    not a part (其中, or one of a complete partition); the levels skipped on the way are other readings,
    unless they are parts of the start itself."""
    para_s, _ = ctx.paragraph(cue)
    skipped: list[Quantity] = []
    whole_of: dict[int, int] = {q.id: p.total.id for p in partitions(ctx)
                                if p.kind == "amount" and p.total is not None for q in p.parts}
    nearest: Optional[Quantity] = None  # the part stated right before the cue, in its sentence
    for f in reversed(ctx.figures_between(para_s, cue)):
        q = ctx.value_q(f)
        if q is None or q.end > cue or ctx.dim(q) != dim or not _amount(ctx, q) or f.role != "actual":
            continue
        if pattern("running_sum", "not_start").match(ctx.src, q.end):
            continue  # "完成调整预算X的104.3%": the plan a completion is measured against
        if any(c.type == "share" for c in f.comparisons):
            continue  # a figure that states its share of a whole (税收收入X，占…的Y%) is a part by its own words
        if f.parent is not None or q.id in whole_of:
            if not skipped and not rx(r"[。！？!?\n]").search(ctx.text(q.end, cue)):  # joined by ；or ，, not a stop
                nearest = q
            skipped.append(q)
            continue
        # "总收入A，其中地方收入B；加上级补助…，收入合计C": a balance may start from the part just before 加
        return q, [p for p in skipped if p is nearest or (whole_of.get(p.id) != q.id and _parent_value(ctx, p) is not q)]
    return None, skipped


def _sum(ctx: Ctx, base: Quantity, terms: list[tuple[Quantity, bool]], k: Decimal) -> Optional[Iv]:
    """start + added − subtracted in the total's written unit; None when a term has no value."""
    ivs = [ctx.base_iv(base)] + [ctx.base_iv(q) for q, _ in terms]
    if any(iv is None for iv in ivs):
        return None
    signed = [iv if i == 0 or not terms[i - 1][1] else -iv for i, iv in enumerate(ivs)]
    return total(signed).scale(1 / k)


def _parent_value(ctx: Ctx, q: Quantity) -> Optional[Quantity]:
    f = ctx.figure(ctx.fig_of_q.get(q.id))
    parent = ctx.figure(f.parent) if f is not None else None
    return ctx.value_q(parent) if parent is not None else None


def _check(ctx: Ctx, cue_s: int, cue_e: int) -> int:
    """Judge the sums a 加上 opens; the end of the last total read (-1 when none)."""
    sent = ctx.sentence_of(cue_s)
    if sent is None:
        return -1
    sub, tot, subtotal = pattern("running_sum", "subtract"), pattern("running_sum", "total"), pattern("running_sum", "subtotal")
    terms: list[tuple[Quantity, bool]] = []  # (amount, subtracted)
    # A subtotal on the way ("…，一般预算总收入X，加上年结余…，收入总计Y") closes one sum and starts the next.
    segments: list[tuple[Optional[Quantity], list[tuple[Quantity, bool]], Quantity]] = []
    start: Optional[Quantity] = None  # None: the level before 加上
    last, minus = cue_e, False
    depth, seen = 0, cue_e  # brackets open between the cue and the number, counted as the scan goes
    for q in ctx.quantities_within(cue_e, sent.end):
        depth, seen = open_brackets(ctx.src, seen, q.start, depth), q.start
        between = ctx.text(last, q.start)
        if ctx.fig_of_q.get(q.id) is None or not _amount(ctx, q) or (terms and ctx.dim(q) != ctx.dim(terms[0][0])):
            last = q.end
            continue
        if depth:
            continue  # "(其中：专项补助…)": the breakdown of a term, not a term
        if sub.search(between):
            minus = True
        elif pattern("running_sum", "add_more").search(between):
            minus = False
        if terms and tot.search(between):
            segments.append((start, terms, q))
            break
        if terms and subtotal.search(between):
            segments.append((start, terms, q))
            start, terms, last, minus = q, [], q.end, False
            continue
        terms.append((q, minus))
        last = q.end
    for begin, ts, total_q in segments:
        _judge(ctx, cue_s, cue_e, begin, ts, total_q)
    return segments[-1][2].end if segments else -1


def _judge(ctx: Ctx, cue_s: int, cue_e: int, begin: Optional[Quantity], terms: list[tuple[Quantity, bool]],
           total_q: Quantity) -> None:
    skipped: list[Quantity] = []
    base = begin
    if base is None:
        base, skipped = _base(ctx, cue_s, ctx.dim(terms[0][0]))
    if base is None:
        return
    tiv = ctx.base_iv(total_q)
    if tiv is None or tiv.nom == 0:
        return
    k = tiv.nom / total_q.value if total_q.value else 1
    sums = [(b, _sum(ctx, b, terms, k)) for b in [base] + skipped]
    # of the readings of the start, one that adds up decides (the others are competitors)
    fit = next(((b, sm) for b, sm in sums if sm is not None and judge(total_q.value, total_q.decimals, sm).status == "consistent"), None)
    if fit is not None and fit[0] is not base:
        skipped = [b for b in [base] + skipped if b is not fit[0]]
        base = fit[0]
    s = fit[1] if fit is not None else sums[0][1]
    if s is None:
        return
    doubt = None
    if skipped:
        names = ", ".join(q.text for q in skipped)
        doubt = Doubt(f"the sum may start from {names} instead of {base.text}", f"起点也可能是 {names}")
    expr = base.text + "".join((" − " if neg else " + ") + q.text for q, neg in terms)
    ev = [ctx.ev_q(total_q, "claim", "total"), ctx.ev_q(base, "input", "start")] \
        + [ctx.ev_q(q, "input", "subtracted" if neg else "added") for q, neg in terms] \
        + [ctx.ev_span(cue_s, cue_e, "context", "anchor")]
    rel = ctx.relate("part_of", ev, competitors=[ctx.ev_q(q, "context", "other start") for q in skipped], doubt=doubt)
    ctx.emit("running_sum", judge(total_q.value, total_q.decimals, s), claimed=total_q.value, computed=s,
             decimals=total_q.decimals, doubt=doubt, relation=rel,
             formula="total = start + added − subtracted (加上 … 减去 … 合计)",
             zh=f"{expr} = {fmt(s.nom)},合计写为 {total_q.text}",
             en=f"{expr} = {fmt(s.nom)}; the total is written {total_q.text}", evidence=ev)

