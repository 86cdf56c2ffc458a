"""Complete partitions (checks/links.py): the parts add up to their whole, shares to 100 %."""
from __future__ import annotations

from decimal import Decimal

from .arith import HUNDRED, Iv, Verdict, fmt, judge, total
from .base import Ctx, Doubt
from .links import Partition, partitions


def partition_sum(ctx: Ctx) -> None:
    for p in partitions(ctx):
        if p.kind == "amount" and p.total is not None:
            _amounts(ctx, p)
        elif p.kind == "share":
            _shares(ctx, p)


def _link(ctx: Ctx, p: Partition, claim_role: str):  # noqa: ANN202 - evidence list
    ev = [ctx.ev_q(q, "input", "part") for q in p.parts]
    if p.total is not None:
        ev.insert(0, ctx.ev_q(p.total, "claim", claim_role))
    return ev + [ctx.ev_span(s, e, "context", "anchor") for s, e in p.anchors]


def _amounts(ctx: Ctx, p: Partition) -> None:
    tq = p.total
    assert tq is not None
    T = ctx.base_iv(tq)
    parts = [ctx.base_iv(q) for q in p.parts]
    if T is None or any(x is None for x in parts) or T.nom == 0:
        return
    s = total([x for x in parts if x is not None])
    k = T.nom / tq.value if tq.value else Decimal(1)  # back to the whole's written unit
    s_w = s.scale(Decimal(1) / k)
    exact = tq.kind == "count" and s.is_point and T.is_point
    v = judge(tq.value, 0 if exact else tq.decimals, s_w, exact_claim=exact)
    doubt = None
    if p.competitors:
        doubt = Doubt("the whole may also be " + ", ".join(q.text for q in p.competitors),
                      "总数也可能是 " + "、".join(q.text for q in p.competitors))
    ev = _link(ctx, p, "total")
    rel = ctx.relate("partition", ev, competitors=[ctx.ev_q(q, "context", "other whole") for q in p.competitors],
                     doubt=doubt)
    terms = " + ".join(q.text for q in p.parts)
    ctx.emit("partition_sum", v, claimed=tq.value, computed=s_w, decimals=tq.decimals, doubt=doubt, relation=rel,
             formula=f"whole = Σ parts ({p.spec.name}: a complete partition)",
             zh=f"{p.spec.name}各部分之和 {terms} = {fmt(s_w.nom)},总数写为 {tq.text}",
             en=f"the {p.spec.name} parts {terms} add to {fmt(s_w.nom)}; the whole is written {tq.text}",
             evidence=ev)


def _shares(ctx: Ctx, p: Partition) -> None:
    ivs = [Iv.written(q.value, q.decimals) for q in p.parts]
    s = total(ivs)
    last = p.parts[-1]
    v = _hundred(s)
    ev = [ctx.ev_q(q, "input", "share") for q in p.parts[:-1]] + [ctx.ev_q(last, "claim", "share")]
    ev += [ctx.ev_span(a, b, "context", "anchor") for a, b in p.anchors]
    rel = ctx.relate("partition", ev)
    terms = " + ".join(q.text for q in p.parts)
    ctx.emit("partition_shares", v, claimed=HUNDRED, computed=s, decimals=last.decimals, relation=rel,
             formula=f"Σ shares = 100% ({p.spec.name}: a complete partition)",
             zh=f"{p.spec.name}各部分占比之和 {terms} = {fmt(s.nom)}%,应为 100%",
             en=f"the {p.spec.name} shares {terms} add to {fmt(s.nom)}%, not 100%" if v.status == "mismatch"
             else f"the {p.spec.name} shares {terms} add to {fmt(s.nom)}% (100% within rounding)",
             evidence=ev)


def _hundred(s: Iv) -> Verdict:
    """Shares each rounded as written add up to 100 when 100 lies in their summed interval."""
    if s.lo <= HUNDRED <= s.hi:
        return Verdict("consistent", s.radius)
    return Verdict("mismatch", s.radius)
