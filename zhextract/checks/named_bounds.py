"""Bounds that hold by the names of two figures: a part can never exceed what its name says it is part of.

规模以上工业增加值 ≤ 工业增加值 (a qualified set of the same measure), 10亿元以上项目 ≤ 亿元以上项目 (a higher
threshold), and the pairs patterns/checks.toml [[containments]] lists by definition (利润 ≤ 利税, 地方财政收入
≤ 财政总收入, 国内旅游收入 ≤ 旅游总收入, 工业增加值 ≤ 地区生产总值). Both figures must be of one subject and
period, in one section, stated as levels; the whole is the nearest one so named. Only an excess beyond
the rounding of both numbers is a mismatch.
"""
from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from .. import resources
from ..models import Figure, Quantity
from .arith import Verdict
from .base import Ctx, config, norm_indicator, pattern, period_key


@lru_cache(maxsize=1)
def _pairs() -> tuple[tuple["regex.Pattern[str]", "regex.Pattern[str]"], ...]:
    out = []
    for i, raw in enumerate(config().get("containments", [])):
        where = f"checks.toml [[containments]] #{i + 1}"
        resources.require(raw, ("part", "whole"), where)
        out.append((resources.compile_rx(f"^(?:{raw['part']})$", f"{where} part"),
                    resources.compile_rx(f"^(?:{raw['whole']})$", f"{where} whole")))
    return tuple(out)


def _name(f: Figure) -> str:
    return pattern("named_bounds", "region").sub("", norm_indicator(f.indicator))


_SCALE = {"万元": Decimal(10000), "万": Decimal(10000), "亿元": Decimal(100000000), "亿": Decimal(100000000)}
_CN = {"": Decimal(1), "十": Decimal(10), "百": Decimal(100), "千": Decimal(1000)}


def _threshold(name: str) -> Optional[tuple[Decimal, str, str]]:
    """(the lower bound in 元, the words before it, the rest of the name) of "在建10亿元以上项目总投资";
    None without one."""
    m = pattern("named_bounds", "threshold").match(name)
    if m is None:
        return None
    n = m.group("n") or ""
    value = _CN[n] if n in _CN else Decimal(n)
    return value * _SCALE[m.group("u")], m.group("pre"), m.group("rest")


@lru_cache(maxsize=1 << 14)
def _contains(whole: str, part: str) -> bool:
    """Does the name ``part`` say it is part of ``whole``?"""
    if part == whole or not part or not whole:
        return False
    q = pattern("named_bounds", "qualified").match(part)
    if q is not None and part[q.end():] == whole:
        return True  # 规模以上工业增加值 of 工业增加值
    a, b = _threshold(part), _threshold(whole)
    if a is not None and b is not None and a[2] == b[2] and a[0] > b[0] and a[1] in ("", b[1]):
        return True  # 10亿元以上项目 of (在建)亿元以上项目
    k = 0  # the subject both names open with (规上工业企业利润, 规上工业企业实现利税) is no part of the test
    while k < min(len(part), len(whole)) and part[k] == whole[k]:
        k += 1
    # the shared opening may end inside the pair's own words (规上工业企业利润 / 规上工业企业利税 share 利)
    return any(p.match(part[j:]) and w.match(whole[j:]) for j in range(k, -1, -1) for p, w in _pairs())


def named_bounds(ctx: Ctx) -> None:
    # levels grouped by what must be shared (subject, period, dimension, report, section), then by name:
    # a figure meets only the names of its group that contain its own, never every figure (linear time)
    groups: dict[tuple, dict[str, list[tuple[Figure, Quantity]]]] = {}
    levels: list[tuple[Figure, Quantity, str, tuple]] = []
    for f in ctx.doc.figures:
        q = ctx.value_q(f)
        if q is None or f.role != "actual" or q.kind not in ("amount", "count") or ctx.approx(q) \
                or ctx.is_change(q) or ctx.alias_of(q) is not None or ctx.in_table(q.start) or "/" in q.unit:
            continue
        name = _name(f)
        key = (f.entity, period_key(f.period), ctx.dim(q), ctx.part(q.start), ctx.section_span(q.start))
        groups.setdefault(key, {}).setdefault(name, []).append((f, q))
        levels.append((f, q, name, key))
    starts = {(key, n): [w.start for _, w in ms] for key, names in groups.items() for n, ms in names.items()}
    for f, q, name, key in levels:
        wholes = []
        for wname, members in groups[key].items():
            if not _contains(wname, name):
                continue
            # the nearest member of that name, found by bisection (members are in document order)
            k = bisect_left(starts[(key, wname)], q.start)
            wholes += [members[i] for i in (k - 1, k) if 0 <= i < len(members) and members[i][0] is not f]
        if not wholes:
            continue
        g, w = min(wholes, key=lambda t: abs(t[1].start - q.start))
        P, W = ctx.base_iv(q), ctx.base_iv(w)
        if P is None or W is None:
            continue
        ok = P.lo <= W.hi
        k = W.nom / w.value if w.value else Decimal(1)
        ctx.emit("breakdown_bound", Verdict("consistent" if ok else "mismatch", P.radius + W.radius),
                 claimed=q.value, computed=W.scale(Decimal(1) / k), decimals=q.decimals,
                 formula=f"{name} ≤ {_name(g)} (a part by its name)",
                 zh=f"{q.text}({name}){'不超过' if ok else '超过了'} {w.text}({_name(g)})",
                 en=f"{q.text} ({name}) {'does not exceed' if ok else 'exceeds'} {w.text} ({_name(g)}), of which its name makes it a part",
                 evidence=[ctx.ev_q(q, "claim", "part"), ctx.ev_q(w, "input", "whole")], figure=f.id, bound=True)
