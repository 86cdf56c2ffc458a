"""超序时进度: a rate of the year's plan done against the share of the year gone. A report on 1—7月
is 7/12 of the way through its year (58.33%), so "完成年度计划的66.0%，超时序进度7.7个百分点" says
66.0 − 58.33; the months come from the period of the figure that states the rate."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Optional

from .arith import HUNDRED, Iv, judge
from .base import Ctx, Doubt, pattern, stretch


def schedule_gaps(ctx: Ctx) -> None:
    text = ctx.src
    for m in pattern("schedule", "gap").finditer(text):
        gq = ctx.quantity_at(m.start("num"))
        sent = ctx.sentence_of(m.start())
        if gq is None or gq.kind != "pp" or sent is None or ctx.in_table(m.start()):
            continue
        rates = [q for q in ctx.quantities_within(sent.start, m.start()) if q.kind == "percent"]
        if not rates:
            continue
        rq = rates[-1]
        if not pattern("schedule", "between").fullmatch(text, rq.end, m.start()) \
                or not pattern("schedule", "plan_rate").search(text, max(sent.start, rq.start - 16), rq.start):
            continue
        f = ctx.figure(ctx.fig_of_q.get(rq.id))
        gone = _year_gone(f.period if f is not None else None)
        if gone is None:
            continue
        months, end = gone
        # the year gone counted in months (6/12) or in days (181/365, 182/366): either is a convention
        # of the genre, so the gap agrees when one of them gives it
        days = end.timetuple().tm_yday
        readings = [(f"{months}/12", Iv.exact(Decimal(months) * HUNDRED / 12)),
                    (f"{days}/365 days", Iv.exact(Decimal(days) * HUNDRED / 365)),
                    (f"{days + (months > 2)}/366 days", Iv.exact(Decimal(days + (months > 2)) * HUNDRED / 366))]
        doubt = None
        if f is not None and f.period and f.period not in ctx.text(sent.start, m.start()):
            # the period came from a sentence before, and another may be meant (a report on 1—11月
            # quoting a plan to the year's end): a failure is a question, not an alarm
            doubt = Doubt("the period the schedule counts is not stated in the sentence",
                          "句中未写明时序进度所对应的时期")
        claimed = -gq.value if pattern("schedule", "behind").match(m.group("dir")) else gq.value
        verdicts = [(name, ctx.iv(rq, exact=False) - share) for name, share in readings]
        name, computed = next(((n, c) for n, c in verdicts if judge(claimed, gq.decimals, c).status == "consistent"),
                              verdicts[0])
        ctx.emit("schedule_gap", judge(claimed, gq.decimals, computed), claimed=claimed, computed=computed, doubt=doubt,
                 decimals=gq.decimals, formula=f"gap (pp) = rate of the plan − the year gone ({name})",
                 zh=f"{rq.text} − 时序进度 {name} = {computed.nom:.2f} 个百分点,写为 {m.group('dir')}{gq.text}",
                 en=f"{rq.text} − the year gone ({name}) = {computed.nom:.2f} pp; written {m.group('dir')} {gq.text}",
                 evidence=[ctx.ev_q(gq, "claim", "gap"), ctx.ev_q(rq, "input", "rate"), ctx.ev_span(m.start(), m.start("num"))],
                 figure=f.id if f is not None else None)


def _year_gone(period: Optional[str]) -> Optional[tuple[int, date]]:
    """The months from January a period covers, and its last day (1—7月, 截至7月底: 7, 31 July; 上半年:
    6, 30 June); None for a period that does not start in January or end with a month."""
    span = stretch(period) if period else None
    if span is None or (span[0].month, span[0].day) != (1, 1):
        return None
    last = span[1]
    if date.fromordinal(last.toordinal() + 1).day != 1:
        return None  # a period ending inside a month (截至7月20日): the schedule is not in whole months
    return last.month, last
