"""Complete partitions (checks/links.py): the parts add up to their whole, shares to 100 %."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ..models import Quantity
from .arith import HUNDRED, Iv, Verdict, fmt, growth_of_total, judge, percent, show, total
from .base import Ctx, Doubt, as_percent, comparable_prices, judge_written, pattern
from .links import Partition, partitions


def partition_sum(ctx: Ctx) -> None:
    found = partitions(ctx)
    for p in found:
        if p.kind == "amount" and p.total is not None:
            _amounts(ctx, p)
            _growth(ctx, p)
            shares = next((o for o in found if o.kind == "share" and o.spec is p.spec and not o.contribution
                           and p.parts[-1].end <= o.parts[0].start < p.parts[-1].end + 400
                           and ctx.section_span(o.parts[0].start) == ctx.section_span(p.parts[0].start)), None)
            if shares is not None:
                _shares_of_whole(ctx, p, shares.parts, "share")
            terms = _structure_after(ctx, p)
            if terms:
                _shares_of_whole(ctx, p, terms, "structure term")
        elif p.kind == "share":
            _shares(ctx, p)


_BASIS_DRIFT = Decimal(1)  # percentage points a recombined growth may drift from the published one


def _doubt(p: Partition, tq: Quantity) -> Optional[Doubt]:
    """What the link between the parts and their whole rests on: a competing whole, or a wide one."""
    doubt = None
    if p.competitors:
        doubt = Doubt("the whole may also be " + ", ".join(q.text for q in p.competitors),
                      "总数也可能是 " + "、".join(q.text for q in p.competitors))
    if p.wide:
        doubt = Doubt(f"{tq.text} may be a wider total than the {p.spec.name} parts make up (all-in revenue "
                      "holds the central share)", f"{tq.text} 可能是口径更宽的总数") + doubt
    return doubt


def _growth(ctx: Ctx, p: Partition) -> None:
    """The whole's growth from its parts' values and growths: Σ values / Σ (value / (1 + growth)) − 1.
    Not for measures whose growth is at comparable prices (value added, GDP)."""
    tq = p.total
    assert tq is not None
    whole = ctx.figure(ctx.fig_of_q.get(tq.id))
    figs = [ctx.figure(ctx.fig_of_q.get(q.id)) for q in p.parts]
    if whole is None or any(f is None for f in figs) or comparable_prices(whole.indicator):
        return
    gc = ctx.growth(whole)
    gcs = [ctx.growth(f) for f in figs]  # type: ignore[arg-type]
    if gc is None or any(c is None for c in gcs):
        return
    g, gq = ctx.signed(gc), ctx.q(gc.quantity)
    vals = [ctx.base_iv(q) for q in p.parts]
    growths = [ctx.signed(c) for c in gcs]  # type: ignore[arg-type]
    if g is None or gq is None or any(v is None for v in vals) or any(x is None for x in growths):
        return
    try:
        implied = growth_of_total(vals, growths)  # type: ignore[arg-type]
    except ArithmeticError:  # a part whose growth is −100% has no prior
        return
    v = judge(g.nom, gq.decimals, implied)
    doubt = _doubt(p, tq)
    other = _other_whole(ctx, p, tq)
    if other is not None:  # 限额以上 goods + catering under all retail sales: the parts of 限额以上's total
        doubt = Doubt(f"the parts add up to {other.text} stated before: they may be its parts, not {tq.text}'s",
                      f"各部分之和等于前文的 {other.text},可能是它的构成而非 {tq.text} 的") + doubt
    if v.status != "consistent" and abs(implied.nom - g.nom) <= _BASIS_DRIFT + v.tolerance:
        # published growth rates are taken on a comparable basis (同口径), not from last year's published
        # values: recombined, they may drift by a point without any error in the text
        doubt = Doubt("growth rates on a comparable basis (同口径) need not recombine exactly",
                      "增速按可比口径计算,各部分推算的总增速可能略有出入") + doubt
    ev = [ctx.ev_q(gq, "claim", "growth")] + [ctx.ev_q(q, "input", "part") for q in p.parts] \
        + [ctx.ev_q(ctx.q(c.quantity), "input", "part growth") for c in gcs if c is not None and ctx.q(c.quantity)]
    rel = ctx.relate("growth_of", ev + [ctx.ev_span(s, e, "context", "anchor") for s, e in p.anchors])
    ctx.emit("partition_growth", v, claimed=g.nom, computed=implied, decimals=gq.decimals, relation=rel, doubt=doubt,
             formula=f"growth of the whole = Σ parts / Σ (part / (1 + its growth)) − 1 ({p.spec.name})",
             zh=f"由各部分及其增速推算总增速 {show(implied.nom, gq.decimals)}%,写为 {g.nom}%",
             en=f"the {p.spec.name} parts and their growths give the whole {show(implied.nom, gq.decimals)}%, "
                f"written {g.nom}%", evidence=ev)


def _structure_after(ctx: Ctx, p: Partition) -> list[Quantity]:
    """"三次产业结构由上年的9.6:40.3:50.1调整为9.1:39.8:51.1" after the parts: the structure of the
    parts' own period (the last one the sentence gives), named by the partition's collective name."""
    if p.spec.collective is None:
        return []
    text = ctx.src
    end = min(len(text), p.parts[-1].end + 300)
    chains = [m for m in pattern("structure", "chain").finditer(text, p.parts[-1].end, end)
              if len(m.starts("term")) == len(p.parts)]
    for m in chains:
        sent = ctx.sentence_of(m.start())
        head = text[sent.start if sent else max(0, m.start() - 30):m.start()]
        if not p.spec.collective.search(head):
            continue
        last = [c for c in chains if ctx.sentence_of(c.start()) is sent][-1]
        terms = [ctx.quantity_at(t) for t in last.starts("term")]
        return [q for q in terms if q is not None] if all(terms) else []
    return []


def _shares_of_whole(ctx: Ctx, p: Partition, shares: list[Quantity], label: str) -> None:
    """Each part's share of the whole, stated as a per cent or a structure term: part / whole × 100."""
    tq = p.total
    T = ctx.base_iv(tq) if tq is not None else None
    if tq is None or T is None or T.nom == 0:
        return
    for part, sq in zip(p.parts, shares):
        P = ctx.base_iv(part)
        if P is None:
            continue
        iv = percent(P, T)
        v = judge_written(sq, iv)
        claimed, decimals = as_percent(sq) if sq.unit else (sq.value, sq.decimals)
        ev = [ctx.ev_q(sq, "claim", label), ctx.ev_q(part, "input", "part"), ctx.ev_q(tq, "input", "whole")]
        rel = ctx.relate("share_of", ev + [ctx.ev_span(s, e, "context", "anchor") for s, e in p.anchors])
        ctx.emit("partition_shares", v, claimed=claimed, computed=iv, decimals=max(decimals, 0), relation=rel,
                 formula=f"share = part / whole × 100 ({p.spec.name})",
                 zh=f"{sq.text}:{part.text} / {tq.text} = {iv.nom:.3f}%",
                 en=f"{label} {sq.text}: {part.text} / {tq.text} = {iv.nom:.3f}%", evidence=ev)


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
    doubt = _doubt(p, tq)
    other = _other_whole(ctx, p, tq) if v.status == "mismatch" else None
    if other is not None:  # 税收 + 非税 = 大口径财政收入 stated before, not the 一般公共预算收入 named
        doubt = Doubt(f"the parts add up to {other.text} stated before: they may be its parts, not {tq.text}'s",
                      f"各部分之和等于前文的 {other.text},可能是它的构成而非 {tq.text} 的") + doubt
    slip = _unit_slip(ctx, p, tq) if v.status == "mismatch" else None
    if slip is not None:
        doubt = Doubt(f"{slip.text} is written in another unit than the other parts: read in theirs, the parts add up",
                      f"{slip.text} 的单位与其他各项不同,按其他各项的单位读则相加相符") + doubt
    ev = _link(ctx, p, "total")
    rel = ctx.relate("partition", ev, competitors=[ctx.ev_q(q, "context", "other whole") for q in p.competitors],
                     doubt=doubt)
    terms = " + ".join(q.text for q in p.parts)
    ctx.emit("partition_sum", v, claimed=tq.value, computed=s_w, decimals=tq.decimals, doubt=doubt, relation=rel,
             formula=f"whole = Σ parts ({p.spec.name}: a complete partition)",
             zh=f"{p.spec.name}各部分之和 {terms} = {fmt(s_w.nom)},总数写为 {tq.text}",
             en=f"the {p.spec.name} parts {terms} add to {fmt(s_w.nom)}; the whole is written {tq.text}",
             evidence=ev)


def _other_whole(ctx: Ctx, p: Partition, tq: Quantity) -> Optional[Quantity]:
    """The parts do not add up to the whole they were linked to but to another total stated before them
    (税收 + 非税 = 大口径财政收入, not the 一般公共预算收入 named): that total."""
    T, parts = ctx.base_iv(tq), [ctx.base_iv(q) for q in p.parts]
    if T is None or any(x is None for x in parts) or not tq.value:
        return None
    s = total([x for x in parts if x is not None])
    if judge(tq.value, tq.decimals, s.scale(tq.value / T.nom) if T.nom else s).status == "consistent":
        return None
    return ctx.total_matching(s, tq, p.parts[0].start, {tq.id, *(q.id for q in p.parts)})


def _unit_slip(ctx: Ctx, p: Partition, tq: Quantity) -> Optional[Quantity]:
    """The one part written in another unit than all the others and the whole ("种植业增加值52.10元" among
    亿元): read in their unit, do the parts add up? A slip of the unit, then, not a wrong sum."""
    units = [q.unit for q in p.parts]
    odd = [q for q in p.parts if units.count(q.unit) == 1]
    if len(odd) != 1 or len(p.parts) < 3 or tq.unit == odd[0].unit:
        return None
    ref = next(q for q in p.parts if q is not odd[0])
    scale = ctx.base_iv(ref).nom / ref.value if ref.value else None  # type: ignore[union-attr]
    T = ctx.base_iv(tq)
    if scale is None or T is None:
        return None
    ivs = [ctx.base_iv(q) if q is not odd[0] else Iv.written(q.value, q.decimals).scale(scale) for q in p.parts]
    if any(x is None for x in ivs):
        return None
    k = T.nom / tq.value if tq.value else Decimal(1)
    s_w = total([x for x in ivs if x is not None]).scale(Decimal(1) / k)
    return odd[0] if judge(tq.value, tq.decimals, s_w).status == "consistent" else None


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
