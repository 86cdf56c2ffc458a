"""A trade balance is exports less imports: "出口A，进口B，贸易顺差C" (C = A − B), "逆差C" (C = B − A);
Taiwan's releases write 出超 and 入超. The export and import are the nearest figures before the balance
named by the bare measure (出口, 出口总额, 进口额 …, never a class of goods or a partner's trade), of the
balance's place, period and currency. A net balance named 差额 has no side, and is left alone."""
from __future__ import annotations

from typing import Optional

import regex

from ..models import Figure, Quantity
from .arith import fmt, judge
from .base import Ctx, Doubt, norm_indicator, pattern, same_period, unit_factor

_WINDOW = 800  # characters searched back for the export and import a balance is of


def trade_balances(ctx: Ctx) -> None:
    balance, export, imports = (pattern("trade_balance", k) for k in ("balance", "export", "import"))
    for f in ctx.doc.figures:
        bq = ctx.value_q(f)
        m = balance.fullmatch(norm_indicator(f.indicator)) if bq is not None else None
        if m is None or bq is None or bq.kind != "amount" or f.role != "actual" or ctx.in_table(f.start):
            continue
        ex, ex_rival = _side(ctx, f, bq, export)
        im, im_rival = _side(ctx, f, bq, imports)
        if ex is None or im is None:
            continue
        a, b, factor = ctx.base_iv(ex), ctx.base_iv(im), unit_factor(bq.unit)
        if a is None or b is None or not factor:
            continue
        surplus = m.group("surplus") is not None
        computed = (a - b if surplus else b - a).scale(1 / factor)  # in the balance's own unit
        doubt = None
        if ex_rival or im_rival:
            doubt = Doubt("another export or import of the same period stands close before the balance",
                          "差额之前另有同期的出口或进口数")
        words = ("出口 − 进口", "exports − imports") if surplus else ("进口 − 出口", "imports − exports")
        ctx.emit("trade_balance", judge(bq.value, bq.decimals, computed), claimed=bq.value, computed=computed,
                 decimals=bq.decimals, doubt=doubt, formula=f"balance = {words[1]}",
                 zh=f"{words[0]} = {(ex if surplus else im).text} − {(im if surplus else ex).text} = {fmt(computed.nom)},"
                    f"{f.indicator}写为 {bq.text}",
                 en=f"{words[1]}: {(ex if surplus else im).text} − {(im if surplus else ex).text} = {fmt(computed.nom)}; "
                    f"the balance is written {bq.text}",
                 evidence=[ctx.ev_q(bq, "claim", "balance"), ctx.ev_q(ex, "input", "export"), ctx.ev_q(im, "input", "import")],
                 figure=f.id)


def _side(ctx: Ctx, f: Figure, bq: Quantity, measure: "regex.Pattern[str]") -> tuple[Optional[Quantity], bool]:
    """The nearest export (or import) before the balance of its place, period and currency, and whether
    another one of a different value stands before it in the window (a second reading)."""
    found: Optional[Quantity] = None
    for g in reversed(ctx.figures_between(max(0, f.start - _WINDOW), f.start)):
        q = ctx.value_q(g)
        if q is None or g.role != "actual" or not measure.fullmatch(norm_indicator(g.indicator)) \
                or ctx.dim(q) != ctx.dim(bq) or g.entity != f.entity or not same_period(g.period, f.period, unknown=False) \
                or ctx.is_change(q):
            continue
        if found is None:
            found = q
        elif ctx.base_iv(q) != ctx.base_iv(found):
            return found, True
    return found, False
