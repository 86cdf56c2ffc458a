"""贡献率 against 拉动: a part that states both its pull on the whole's growth (拉动全县增速3.4个百分点)
and its contribution rate (贡献率58.6%) gives the rate as pull / whole growth × 100, the whole's
growth being the one the document states for that place, measure and period before the part."""
from __future__ import annotations

from typing import Optional

from ..models import Figure
from .arith import HUNDRED, judge
from .base import Ctx
from .links import growth_whole, partitions


def contribution_rates(ctx: Ctx) -> None:
    for f in ctx.doc.figures:
        cs = ctx.comparisons(f, "contribution")
        pulls = ctx.pulls(f)
        rates = [c for c in cs if ctx.q(c.quantity).kind == "percent"]  # type: ignore[union-attr]
        if len(pulls) != 1 or len(rates) != 1:
            continue
        whole = growth_whole(ctx, f, pulls[0].reference, placeless=True) or _partition_whole(ctx, f)
        if whole is None:
            continue
        gc = ctx.growth(whole)
        P, T, C = ctx.signed(pulls[0]), ctx.signed(gc), ctx.signed(rates[0])  # type: ignore[arg-type]
        if P is None or T is None or C is None or T.lo <= 0:
            continue  # a whole that shrank or stood still: its rates of contribution read otherwise
        pq, tq, cq = ctx.q(pulls[0].quantity), ctx.q(gc.quantity), ctx.q(rates[0].quantity)  # type: ignore[union-attr]
        assert pq is not None and tq is not None and cq is not None
        comp = (P / T).scale(HUNDRED)
        ctx.emit("contribution_rate", judge(C.nom, cq.decimals, comp), claimed=C.nom, computed=comp,
                 decimals=cq.decimals, formula="contribution rate (%) = pull (pp) / the whole's growth (%) × 100",
                 zh=f"拉动 {pq.text} ÷ 总体增速 {tq.text} = {comp.nom:.2f}%,贡献率写为 {cq.text}",
                 en=f"pull {pq.text} / the whole's growth {tq.text} = {comp.nom:.2f}%; the contribution rate is written {cq.text}",
                 evidence=[ctx.ev_q(cq, "claim", "贡献率"), ctx.ev_q(pq, "input", "拉动"), ctx.ev_q(tq, "input", "总体增速"),
                           ctx.ev_span(pulls[0].start, pq.start)],
                 figure=f.id)



def _partition_whole(ctx: Ctx, f: Figure) -> Optional[Figure]:
    """The whole of a complete partition the part belongs to (三次产业 of the economy), with its growth."""
    vq = ctx.value_q(f)
    for p in partitions(ctx) if vq is not None else []:
        if p.kind == "amount" and p.total is not None and any(q.id == vq.id for q in p.parts):  # type: ignore[union-attr]
            whole = ctx.figure(ctx.fig_of_q.get(p.total.id))
            return whole if whole is not None and ctx.growth(whole) is not None else None
    return None
