"""Average annual growth over a span of years: "从2013年到2023年，收入从21.6亿元增长到43.9亿元，年均增长7.3%"
is (43.9 / 21.6)^(1/10) − 1. The two levels are the ones a 由/从 … 到/至 phrase joins before the rate in
its clause chain; the years are written with them or opening the sentence. Growth of value added and
GDP is at comparable prices and cannot be recomputed from current-price levels: doubtful at most."""
from __future__ import annotations

from decimal import Decimal, localcontext
from typing import Optional

import regex

from ..models import Quantity
from .arith import HUNDRED, Iv, show
from .base import Ctx, Doubt, comparable_prices, judge_written, pattern

_PREC = 28
_REACH = 200  # characters before the rate its two levels may stand in (a clause, bounded: linear time)


def average_growth(ctx: Ctx) -> None:
    cue = pattern("average_growth", "cue")
    span = pattern("average_growth", "span")
    years = pattern("average_growth", "years")
    for f in ctx.doc.figures:
        for c in ctx.comparisons(f, "growth"):
            gq = ctx.q(c.quantity)
            if gq is None or gq.kind != "percent" or ctx.approx(gq) \
                    or not cue.search(ctx.text(max(f.sentence.start, gq.start - 8), gq.start)):
                continue
            clause = _clause_start(ctx, max(f.sentence.start, gq.start - _REACH), gq.start)
            m = None
            for m in span.finditer(ctx.src, clause, gq.start):
                pass  # the last 由…到… before the rate is its own
            if m is None:
                continue
            a, b = ctx.quantity_at(m.start("a")), ctx.quantity_at(m.start("b"))
            if a is None or b is None or a.kind != "amount" or ctx.dim(a) != ctx.dim(b):
                continue
            n = _years(m, years, ctx.text(ctx.paragraph(f.start)[0], m.start()))
            if n is None:
                ctx.unverifiable("average_growth", "the years the average is taken over are not stated",
                                 "未写明年均增速所跨年份", [ctx.ev_q(gq, "claim", "average growth")],
                                 "average growth = (end / start)^(1/years) − 1", gq.value)
                continue
            named = ctx.figure(ctx.fig_of_q.get(a.id))  # "地区生产总值由…": the levels' own name
            _judge(ctx, f.id, (f.indicator or "") + "|" + ((named.indicator or "") if named else ""),
                   gq, c.sign == "-", a, b, n)


def _clause_start(ctx: Ctx, lo: int, pos: int) -> int:
    """The rate's clause chain: back to the last ；or 。 before it in its sentence."""
    k = max(ctx.src.rfind(ch, lo, pos) for ch in "；;。")
    return k + 1 if k >= 0 else lo


def _years(m: "regex.Match[str]", years: "regex.Pattern[str]", before: str) -> Optional[int]:
    """Years between the two levels: written with them (由2010年的…到2015年的…) or before them in the
    paragraph (从2013年到2023年，…; the span of a sentence before)."""
    y1, y2 = m.group("y1"), m.group("y2")
    if not (y1 and y2):
        found = list(years.finditer(before))
        if not found:
            return None
        y1, y2 = found[-1].group("y1"), found[-1].group("y2")
    n = int(y2) - int(y1)
    return n if 0 < n <= 50 else None


def _rate(a: Decimal, b: Decimal, n: int) -> Decimal:
    with localcontext() as lc:
        lc.prec = _PREC
        return ((b / a).ln() / n).exp() * HUNDRED - HUNDRED


def _judge(ctx: Ctx, fid: int, indicator: Optional[str], gq: Quantity, down: bool, a: Quantity, b: Quantity,
           n: int) -> None:
    A, B = ctx.base_iv(a), ctx.base_iv(b)
    if A is None or B is None or A.lo <= 0 or B.lo <= 0:
        return
    iv = Iv(_rate(A.nom, B.nom, n), _rate(A.hi, B.lo, n), _rate(A.lo, B.hi, n))
    claimed = -gq.value if down and gq.value > 0 else gq.value
    signed = gq if claimed == gq.value else gq.model_copy(update={"value": claimed})
    v = judge_written(signed, iv)
    doubt = None
    if comparable_prices(indicator):
        doubt = Doubt("value added and GDP grow at comparable prices; the levels are at current prices",
                      "增加值按可比价格计算增速,总量为现价,不能直接推算")
    ctx.emit("average_growth", v, claimed=claimed, computed=iv, decimals=gq.decimals, doubt=doubt,
             formula="average growth = (end / start)^(1/years) − 1",
             zh=f"年均增长 {gq.text}:({b.text} / {a.text})^(1/{n}) − 1 = {show(iv.nom, gq.decimals)}%",
             en=f"average growth {gq.text}: ({b.text} / {a.text})^(1/{n}) − 1 = {show(iv.nom, gq.decimals)}%",
             evidence=[ctx.ev_q(gq, "claim", "average growth"), ctx.ev_q(a, "input", "start"),
                       ctx.ev_q(b, "input", "end")], figure=fid)
