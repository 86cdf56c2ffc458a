"""Rates defined by a formula of other named figures (patterns/checks.toml [[formulas]]): 自然增长率 =
出生率 − 死亡率, 产销率 = 销售产值 / 总产值, 利润率 = 利润总额 / 营业收入. Each value is found by the name
written right before it in the paragraph; a name that two different values carry there is no link."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from .. import resources
from ..models import Quantity
from .arith import HUNDRED, show
from .base import Ctx, config, judge_written, unit_factor

_VERB = r"(?:为|达到|达|是|完成|实现|累计完成)?\s*$"
_NEAR = 1500  # characters around a claim its inputs may stand in, beyond its own paragraph


@dataclass(frozen=True)
class Formula:
    name: str
    claim: "regex.Pattern[str]"
    inputs: tuple["regex.Pattern[str]", "regex.Pattern[str]"]
    op: str  # "difference": a − b in the claim's unit; "ratio_percent": a / b × 100; "quotient": a / b in
    # the claim's compound unit (万吨 over 千公顷 as 公斤/公顷)


@lru_cache(maxsize=1)
def formulas() -> tuple[Formula, ...]:
    out = []
    for i, raw in enumerate(config().get("formulas", [])):
        where = f"checks.toml [[formulas]] #{i + 1}"
        resources.require(raw, ("name", "claim", "inputs", "op"), where)
        if raw["op"] not in ("difference", "ratio_percent", "quotient") or len(raw["inputs"]) != 2:
            raise resources.PatternError(f"{where}: op must be difference, ratio_percent or quotient, with two inputs")
        named = [resources.compile_rx(f"(?:{x}){_VERB}", f"{where} {x!r}") for x in [raw["claim"], *raw["inputs"]]]
        out.append(Formula(raw["name"], named[0], (named[1], named[2]), raw["op"]))
    return tuple(out)


def _named(ctx: Ctx, rx: "regex.Pattern[str]", q: Quantity) -> bool:
    clause = ctx.clause_start(q.start, "，,；;。\n")
    return bool(rx.search(ctx.src, max(clause, q.start - 16), q.start))


def _input(ctx: Ctx, rx: "regex.Pattern[str]", qs: list[Quantity], claim: Quantity, head: str = "") -> Optional[Quantity]:
    """The one value the stretch names so (of the claim's own subject, when several are named so); None
    for none, or for two that differ."""
    hits = [q for q in qs if q is not claim and _named(ctx, rx, q) and not ctx.approx(q) and ctx.alias_of(q) is None]
    if head and len(hits) > 1:
        own = [q for q in hits if (f := ctx.figure(ctx.fig_of_q.get(q.id))) is not None
               and (f.indicator or "").startswith(head)]
        hits = own or hits
    if len(hits) > 1:  # "夏粮面积…；总产量…；单产…。蔬菜产量…": the claim's own sentence first
        text = ctx.src
        s0 = max(text.rfind("。", 0, claim.start), text.rfind("\n", 0, claim.start))
        e0 = min((i for i in (text.find("。", claim.end), text.find("\n", claim.end)) if i >= 0), default=len(text))
        near = [q for q in hits if s0 < q.start < e0]
        hits = near or hits
    return hits[0] if hits and all(ctx.base_iv(h) == ctx.base_iv(hits[0]) for h in hits) else None


def formula_rates(ctx: Ctx) -> None:
    for para_s, para_e in ctx.paragraphs:
        qs = ctx.quantities_within(para_s, para_e)
        for fm in formulas():
            for q in qs:
                kind = "amount" if fm.op == "quotient" else "percent"
                if q.kind != kind or ctx.approx(q) or not _named(ctx, fm.claim, q):
                    continue
                # the paragraph first; then the paragraphs around it, where a bulletin gives area, output
                # and yield in numbered paragraphs of their own (一、播种面积… 二、单位面积产量… 三、总产量…)
                wider = [x for x in ctx.quantities_within(max(0, q.start - _NEAR), q.end + _NEAR)
                         if ctx.part(x.start) == ctx.part(q.start) and not ctx.in_table(x.start)]
                head = _subject(ctx, fm, q)
                a, b = (_input(ctx, rx, qs, q, head) or _input(ctx, rx, wider, q, head) for rx in fm.inputs)
                if a is None or b is None or _other_places(ctx, q, a, b):
                    continue
                subjects = {_of(ctx, rx, x) for rx, x in zip(fm.inputs, (a, b))} - {""}
                if head and len(subjects) > 1 and not all(_same_subject(head, x) for x in subjects):
                    continue  # 冬小麦 area over 夏粮 output: inputs of two subjects are no formula of one
                if not head and subjects and not (para_s <= a.start < para_e and para_s <= b.start < para_e) \
                        and not any(x in ctx.text(para_s, para_e) for x in subjects):
                    continue  # "…推广某榨菜，单产3000公斤" beside 蔬菜 area and output of another paragraph
                _judge(ctx, fm, q, a, b)


def _other_places(ctx: Ctx, *qs: Quantity) -> bool:
    """Inputs of another place than the claim's (a county's area beside the city's output and yield)."""
    ents = {f.entity for q in qs if (f := ctx.figure(ctx.fig_of_q.get(q.id))) is not None and f.entity}
    return len(ents) > 1


def _subject(ctx: Ctx, fm: Formula, q: Quantity) -> str:
    """What the claim is of, the words before its name in its figure's indicator: 全国粮食 of
    全国粮食单位面积产量; inputs of that subject are preferred."""
    f = ctx.figure(ctx.fig_of_q.get(q.id))
    ind = f.indicator if f is not None and f.indicator else ""
    m = regex.search(fm.claim.pattern.replace(_VERB, ""), ind)
    return ind[:m.start()] if m else ""


def _of(ctx: Ctx, rx: "regex.Pattern[str]", q: Quantity) -> str:
    """The subject an input's figure names before the input's own name (夏粮 of 夏粮总产量)."""
    f = ctx.figure(ctx.fig_of_q.get(q.id))
    ind = f.indicator if f is not None and f.indicator else ""
    m = regex.search(rx.pattern.replace(_VERB, ""), ind)
    return ind[:m.start()].removesuffix("总") if m else ""


def _same_subject(a: str, b: str) -> bool:
    """全省粮食 and 粮食 name one subject; 冬小麦 and 夏粮 do not."""
    return a.startswith(b) or b.startswith(a) or a.endswith(b) or b.endswith(a)


def _judge(ctx: Ctx, fm: Formula, q: Quantity, a: Quantity, b: Quantity) -> None:
    if fm.op == "difference":
        if a.unit != q.unit or b.unit != q.unit:
            return
        computed = ctx.iv(a, exact=False) - ctx.iv(b, exact=False)
        expr = f"{a.text} − {b.text}"
    elif fm.op == "quotient":
        A, B = ctx.base_iv(a), ctx.base_iv(b)
        dims = [x.normalized.dimension if x.normalized else None for x in (q, a, b)]
        if A is None or B is None or B.lo <= 0 or not q.value or q.normalized is None or not q.normalized.value \
                or None in dims:
            return
        per = Decimal(1)
        if dims[0] == dims[1]:
            # "单产287.09公斤" with the area in 万亩: a yield written in mass alone is per the unit its
            # area is counted in (亩, or 公顷)
            per_unit = next((u for u in config()["formula_units"]["per_area"] if u in b.unit), None)
            per_f = unit_factor(per_unit) if per_unit else None
            if per_f is None:
                return
            per = per_f
        elif dims[0] != f"{dims[1]}/{dims[2]}":
            return  # the claim's unit must be the inputs' quotient (mass/area for a yield)
        computed = (A / B).scale(per * q.value / q.normalized.value)  # from base units back to the claim's unit
        expr = f"{a.text} / {b.text}"
    else:
        A, B = ctx.base_iv(a), ctx.base_iv(b)
        if A is None or B is None or ctx.dim(a) != ctx.dim(b) or B.lo <= 0:
            return
        computed = (A / B).scale(HUNDRED)
        expr = f"{a.text} / {b.text} × 100"
    v = judge_written(q, computed)
    ctx.emit("formula_rate", v, claimed=q.value, computed=computed, decimals=q.decimals,
             formula=f"{fm.name} = {expr}",
             zh=f"{fm.name} {q.text}:{expr} = {show(computed.nom, q.decimals)}",
             en=f"{fm.name} {q.text}: {expr} = {show(computed.nom, q.decimals)}",
             evidence=[ctx.ev_q(q, "claim", fm.name), ctx.ev_q(a, "input"), ctx.ev_q(b, "input")])


__all__ = ["formula_rates", "formulas"]
