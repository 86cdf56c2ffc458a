"""Shares of classes bounded by ranges that leave nothing out: "0-14岁人口…占15.42%；15-59岁…占66.91%；
60岁及以上…占17.67%" add up to 100 %. The classes are read from the ranges the figures are conditioned on
(a census's age groups, size bands): the first starts at 0, each next one where the last ended, and the
last is open (及以上). A class nested in one of them ("其中65岁及以上") is a part of that class, no class."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ..models import Figure, Quantity
from .arith import HUNDRED, Iv, Verdict, fmt, total
from .base import Ctx, pattern


def range_shares(ctx: Ctx) -> None:
    run: list[tuple[Figure, Quantity, Quantity]] = []  # (figure, its range, its share) in text order
    for f in ctx.doc.figures:
        item = _ranged_share(ctx, f)
        if item is None:
            continue
        if run and not _same_set(ctx, run[-1][0], f):
            _judge(ctx, run)
            run = []
        run.append(item)
    _judge(ctx, run)


def _ranged_share(ctx: Ctx, f: Figure) -> Optional[tuple[Figure, Quantity, Quantity]]:
    """A figure with one range condition and one bare share (占X%), and no parent."""
    if f.parent is not None or len(f.conditions) != 1:
        return None
    r = ctx.q(f.conditions[0])
    shares = [ctx.q(c.quantity) for c in f.comparisons if c.type == "share" and not (c.of or "").strip("的")]
    if r is None or len(shares) != 1 or shares[0] is None or shares[0].kind != "percent":
        return None
    return f, r, shares[0]


def _same_set(ctx: Ctx, a: Figure, b: Figure) -> bool:
    """Two classes of one set: one paragraph, one indicator, one entity and period."""
    return ctx.paragraph(a.start) == ctx.paragraph(b.start) and a.indicator == b.indicator \
        and a.entity == b.entity and a.period == b.period


def _bounds(r: Quantity) -> Optional[tuple[Decimal, Optional[Decimal]]]:
    """(low, high) of a range condition; high None for an open class (60岁及以上)."""
    if r.low is not None and r.high is not None:
        return r.low, r.high
    if pattern("range_shares", "open_above").search(r.qualifier or ""):
        return r.value, None
    return None


def _judge(ctx: Ctx, run: list[tuple[Figure, Quantity, Quantity]]) -> None:
    if len(run) < 2:
        return
    spans = [_bounds(r) for _, r, _ in run]
    if any(s is None for s in spans) or spans[0][0] != 0 or spans[-1][1] is not None:  # type: ignore[index]
        return  # the classes must start at nothing and end open: all of the set
    for (lo_a, hi_a), (lo_b, _) in zip(spans, spans[1:]):  # type: ignore[misc]
        if hi_a is None or lo_b not in (hi_a, hi_a + 1):
            return  # a gap or an overlap between two classes: not all of the set
    shares = [q for _, _, q in run]
    s = total(Iv.written(q.value, q.decimals) for q in shares)
    v = Verdict("consistent" if s.lo <= HUNDRED <= s.hi else "mismatch", s.radius)
    terms = " + ".join(q.text for q in shares)
    ev = [ctx.ev_q(q, "input", "share") for q in shares[:-1]] + [ctx.ev_q(shares[-1], "claim", "share")]
    ev += [ctx.ev_q(r, "context", "class") for _, r, _ in run]
    ctx.emit("structure_sum", v, claimed=HUNDRED, computed=s, decimals=shares[-1].decimals,
             formula="Σ shares of classes covering every range = 100",
             zh=f"各区间占比之和 {terms} = {fmt(s.nom)}%(各区间首尾相接，应为 100%)",
             en=f"the shares of classes that cover every range ({terms}) add to {fmt(s.nom)}%"
                + (" (100% within rounding)" if v.status == "consistent" else ", not 100%"),
             evidence=ev, figure=run[-1][0].id)
