"""Parts against their total: lists after 分别为/依次为, 其中 breakdowns, and the names counted by a
number ("寿阳、平遥、祁县、太谷4个省级开发区").

A 其中 list of categories (工业类 6 个、农业类 3 个) must add up to its total. A list joined by 、 or
of size buckets (20—50亿元项目4个) may be partial: it must not exceed the total, and is confirmed when
it adds up exactly. Any other 其中 part is only bounded by its total (已开工 68 of 85 签约).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from decimal import Decimal
from functools import lru_cache
from os.path import commonprefix
from typing import Optional

import regex

from .. import resources
from ..models import Figure, Quantity
from ..quantities.numerals import cn_int
from .arith import Iv, Verdict, fmt, judge, total
from .base import Ctx, Doubt, config, is_lower_bound, quals, norm_indicator, other_stretch, pattern, same_period, similarity
from .base import rx  # inline patterns compiled once
from .base import FAR_ABOVE, LOOK_BACK, is_same_count_unit, measure_of
from .links import partition_specs

_CLAUSE_SEP = "。;；\n"
_QIZHONG = regex.compile(r"其中")
# A 其中 breaks down what its sentence names; a scope longer than any real sentence (the corpus's
# longest is 1,209 characters) is a run without stops: cut, so that each 其中 costs bounded work.
_MAX_SCOPE = 2_000
_FULL_STOP = regex.compile(r"。|\.(?!\d)")  # a half-width full stop ends a sentence too
# A scope inside a 其中 scope: "其中…；在税收收入中：国税…，地税…" breaks down a part, not the total.
_NESTED = regex.compile(r"其中|在[^，,。；;:：]{1,12}中[:：]")


def _value_quantities(ctx: Ctx) -> list[tuple[Quantity, Figure]]:
    """(value, figure) pairs in text order, built once per check (the rules only read them)."""
    out = ctx.memo.get("value_quantities")
    if out is None:
        out = [(q, f) for f in ctx.doc.figures if (q := ctx.value_q(f)) is not None]
        out.sort(key=lambda t: t[0].start)
        ctx.memo["value_quantities"] = out
        ctx.memo["value_quantity_starts"] = [q.start for q, _ in out]
    return out


def _within(ctx: Ctx, vqs: list[tuple[Quantity, Figure]], s: int, e: int) -> list[tuple[Quantity, Figure]]:
    """The pairs of ``vqs`` whose value starts in [s, e): one slice of them, found by bisection."""
    starts = ctx.memo["value_quantity_starts"] if vqs is ctx.memo.get("value_quantities") else [q.start for q, _ in vqs]
    return vqs[bisect_left(starts, s):bisect_left(starts, e)]


def _condition_ids(ctx: Ctx) -> set[int]:
    conds = ctx.memo.get("condition_ids")
    if conds is None:
        conds = ctx.memo["condition_ids"] = {c for f in ctx.doc.figures for c in f.conditions}
    return conds


def _additive(f: Optional[Figure], q: Optional[Quantity] = None) -> bool:
    """人均, 平均, 强度, and any per-unit measure (公斤/公顷, 万元/亩): an average of a subset may exceed
    the average of the whole."""
    if q is not None and "/" in q.unit:
        return False
    return f is None or not any(w in (f.indicator or "") for w in config()["aggregates"]["non_additive"])


def _compatible(ctx: Ctx, a: Quantity, b: Quantity) -> bool:
    if ctx.dim(a) != ctx.dim(b) or a.kind in ("percent", "pp", "rank", "ratio", "duration"):
        return False
    if any(ctx.is_change(x) or ctx.alias_of(x) is not None or x.value < 0 for x in (a, b)):
        return False  # a change from last year (增收1284万元) or a negative number is no level; a bracket
        # restates its neighbour
    if not (_additive(_fig(ctx, a), a) and _additive(_fig(ctx, b), b)):
        return False
    return a.kind != "count" or is_same_count_unit(a.unit, b.unit)


def _siblings(a: Optional[str], b: Optional[str]) -> bool:
    """签约一批 vs 投产一批: members of one set of peers are never parts of each other; nor are two regions
    named in one frame (来自甲地区投资, 来自乙地区投资)."""
    a, b = a or "", b or ""
    for words in config()["siblings"]["sets"]:
        wa = {w for w in words if w in a}
        wb = {w for w in words if w in b}
        if wa and wb and wa != wb:
            return True
    return _region_sibling(norm_indicator(a), norm_indicator(b))


_NEXT_STEP = frozenset({"余", "多", "达"})  # "100余项" stays below the next step of its leading digit
_NO_CEILING = Decimal(10) ** 9


def _round(v: Decimal) -> bool:
    """A threshold's number: at most two significant digits (80, 100, 1.5); "突破4.27亿元" is the amount."""
    return len(format(abs(v).normalize(), "f").replace(".", "").strip("0")) <= 2


def _move_start(ctx: Ctx, q: Quantity) -> bool:
    """The level a move starts from (从…的A个…，到…B个): a past level, never a total of later parts."""
    return pattern("lists", "move_from").search(ctx.text(ctx.clause_start(q.start, "，,；;。\n"), q.start)) is not None \
        and pattern("lists", "move_to").search(ctx.text(q.end, q.end + 40)) is not None


def _bounds(ctx: Ctx, q: Quantity) -> Optional[Iv]:
    """A total as written; "100余项" is at least 100 and below the next step of its leading digit."""
    iv = ctx.base_iv(q)
    if iv is None:
        return None
    if is_lower_bound(q):
        k = iv.nom / q.value if q.value else Decimal(1)
        if not quals(q) & _NEXT_STEP and _round(q.value):  # "超过80亿元", "破100亿元": a threshold, no ceiling
            return Iv(iv.nom, q.value * k, q.value * k * _NO_CEILING)
        step = Decimal(10) ** max(0, len(str(int(q.value))) - 1)
        return Iv(iv.nom, q.value * k, (q.value + step) * k)
    if ctx.approx(q):
        return None
    return iv


def enumeration_lists(ctx: Ctx) -> None:
    """分别为 / 依次为 lists: amounts add up to the total before the cue; the members are as many
    as the count that introduced them."""
    vqs = _value_quantities(ctx)
    text = ctx.src
    used_counts: set[int] = set()
    listed: set[int] = set()  # members of the lists so far in clauses joined by ；: none is a later list's total
    for sent in ctx.doc.sentences:
        if text[max(0, sent.start - 1):sent.start] not in ("；", ";"):
            listed = set()
        cues = list(pattern("lists", "cue").finditer(text, sent.start, sent.end))
        for m, nxt in zip(cues, cues[1:] + [None]):
            # a list ends where the next list cue opens one (a run of cues made every list hold the rest)
            end = _clause_end(text, m.end(), sent.end if nxt is None else nxt.start())
            members = [(q, _fig(ctx, q)) for q in ctx.quantities_from(m.end(), end)]
            members = _run(ctx, members)
            if len(members) < 2:
                continue
            first = members[0][0]
            if pattern("lists", "multiples_after").match(text, members[-1][0].end, sent.end):
                continue  # "X分别是甲(a)、乙(b)的2倍、2.6倍": the others' values, compared, no parts of X
            changes = pattern("lists", "changes").match(text, m.end(), first.start) is not None
            if first.kind not in ("percent", "pp", "ratio") and not changes:
                _list_sum(ctx, vqs, members, m.start(), m.end(), sent.start, listed)
            listed.update(q.id for q, _ in members)
            _list_count(ctx, vqs, members, m.start(), sent.start, used_counts)


def _fig(ctx: Ctx, q: Quantity) -> Optional[Figure]:
    return ctx.figure(ctx.fig_of_q.get(q.id))


def _clause_end(text: str, pos: int, limit: int) -> int:
    """The first clause separator at or after ``pos`` and before ``limit``, else ``limit``."""
    return _next_stop(text, _CLAUSE_SEP, pos, limit)


@lru_cache(maxsize=16)
def _stops(text: str, chars: str) -> list[int]:
    """Where ``chars`` occur in ``text``: found once per text, so that each lookup is a bisection
    rather than a scan (a scan per 其中 made a run of 其中 cubic, issue 14)."""
    return [m.start() for m in regex.finditer("[" + regex.escape(chars) + "]", text)]


def _next_stop(text: str, chars: str, pos: int, limit: int) -> int:
    stops = _stops(text, chars)
    k = bisect_left(stops, pos)
    return stops[k] if k < len(stops) and stops[k] < min(limit, len(text)) else limit


def _run(ctx: Ctx, members: list[tuple[Quantity, Optional[Figure]]]) -> list[tuple[Quantity, Optional[Figure]]]:
    """The members of one list: quantities of the first member's dimension, each close to the
    previous (a number inside a name, 五台, is of another dimension and is passed over)."""
    if not members:
        return []
    dim = ctx.dim(members[0][0])
    out = [members[0]]
    for q, f in members[1:]:
        if ctx.dim(q) != dim:
            continue
        gap = ctx.text(out[-1][0].end, q.start)
        if len(gap) > 16 or rx(r"[;；。]").search(gap):
            break
        out.append((q, f))
    return out


def _list_sum(ctx: Ctx, vqs: list[tuple[Quantity, Figure]], members: list[tuple[Quantity, Figure]],
              cue_s: int, cue_e: int, sent_s: int, listed: set[int]) -> None:
    first = members[0][0]
    # the total: the nearest quantity of the same dimension before the cue, in this sentence or,
    # when the cue opens the sentence ("由高到低依次为:"), in the one before
    lim = sent_s if ctx.text(sent_s, cue_s).strip(" :：,，") else max(0, sent_s - 200)
    conds = _condition_ids(ctx)
    # a threshold defining a set ("超百亿元的县") is no total, whether or not it was read as a condition
    cands = [(q, f) for q, f in _within(ctx, vqs, lim, cue_s) if _compatible(ctx, q, first) and q.id not in conds
             and not (is_lower_bound(q) and ctx.text(q.end, q.end + 1) == "的")
             and not ctx.member_bound(q)
             and not (q.low is not None and q.high is not None)  # a range is a band, never a sum
             and not pattern("lists", "band_before").search(ctx.text(max(lim, q.start - 40), q.start))]
    if not cands:
        return
    tq, tf = cands[-1]
    if ctx.paragraph(tq.start) != ctx.paragraph(cue_s) and ctx.text(sent_s, cue_s).strip(" :：,，"):
        return
    if tq.id in listed:
        return  # "分别进出口A、B、C；分别进口a、b、c": the last of one list is no total of the next
    if tf is not None and ctx.comparisons(tf, "rank"):
        return  # "排第三位的甲县X，分列第四至七位的…分别为…": a ranked peer, not the list's total
    between = ctx.text(tq.end, cue_s)
    if pattern("lists", "peer_after").search(between):
        return  # "甲省占19席，其后依次为乙省、丙省…": the first of a ranking, the rest follow it
    if tf is not None and tf.entity and pattern("lists", "named_place").fullmatch(tf.entity) \
            and _named_members(ctx, tq.end, cue_s) and not pattern("lists", "spread_over").search(between):
        return  # "甲省占6席，…，乙省、丙省，分别占4席、3席": a named place beside the places listed
    if tf is not None and tf.parent is not None and not any(f is not None and f.parent == tf.id for _, f in members):
        return  # "其中长沙经开区1936家，株洲、湘潭分别为1484家、830家": a part is not its siblings' total
    summed = _sum_parts(ctx, tq, members)
    if summed is None:
        return
    tb, s, s_w = summed
    v = judge(tq.value, tq.decimals, s_w) if not is_lower_bound(tq) else _lower(tb, s)
    # "568.4万头，其中望奎县、兰西县分别出栏…", "主要分布在甲区、乙区，分别为…": some of them
    partial = pattern("lists", "some_of").search(ctx.text(tq.end, cue_s)) is not None
    if partial and v.status != "consistent" and s.hi <= tb.hi:
        v = Verdict("consistent", v.tolerance)
    doubt = None
    # a list is complete when 分别 follows its total at once ("完成投资7.3亿元，分别为…") or the sentence
    # counts as many members as it lists ("4个示范区…"); otherwise it may pick some parts out
    counted = any(q.kind == "count" and q.value == len(members) for q in ctx.quantities_within(sent_s, tq.start))
    at_once = rx(r"\s*[,，]?\s*(?:分别|依次)").fullmatch(ctx.text(tq.end, cue_s)) is not None
    if not partial and not counted and not at_once and v.status != "consistent" and s.hi < tb.lo:
        # "…完成投资362.7亿元，铁路、水利…进度较快，分别完成…": a list short of its total may name only
        # some of the parts; only a list above its total is wrong on every reading
        doubt = Doubt("the list may name only some of the parts", "所列可能只是部分分项")
    elif not partial and not counted and not at_once and v.status != "consistent" and _named_members(ctx, tq.end, cue_s) \
            and not pattern("lists", "spread_over").search(between):
        # "焦炭出口A万吨，同比下降…，煤和金属镁分别出口B万吨和C万吨": members named in a clause of their own
        # may be siblings of the figure before them, not its parts
        doubt = Doubt("the figure before the named members may be one more member, not their total",
                      "所列分项之前的数可能是并列的另一项，而非合计")
    ctx.emit("enumeration_sum", v, claimed=tq.value, computed=s_w, decimals=tq.decimals, doubt=doubt,
             formula="total ≥ Σ listed parts (其中…分别)" if partial else "total = Σ listed parts (分别为)",
             zh=f"分项之和 {' + '.join(q.text for q, _ in members)} = {fmt(s_w.nom)},总数写为 {tq.text}",
             en=f"listed parts {' + '.join(q.text for q, _ in members)} add to {fmt(s_w.nom)}; the total is written {tq.text}",
             evidence=[ctx.ev_q(tq, "claim", "total")] + [ctx.ev_q(q, "input", "part") for q, _ in members]
             + [ctx.ev_span(cue_s, cue_e)], figure=tf.id if tf else None, bound=is_lower_bound(tq))


def _named_members(ctx: Ctx, start: int, cue: int) -> bool:
    """The members of a list named, two or more, in a clause of their own before its cue."""
    before = ctx.text(start, cue).rstrip(" ，,")  # "甲省、乙省，分别占…": the names' own clause ends at the cue
    k = max(before.rfind(c) for c in "，,")
    return k >= 0 and rx(r"\p{Han}+(?:[和及与、]\p{Han}+)+").fullmatch(before[k + 1:].strip()) is not None


def _sum_parts(ctx: Ctx, tq: Quantity, parts: list[tuple[Quantity, Figure]]
               ) -> Optional[tuple[Iv, Iv, Iv]]:
    """(the total's bounds, the parts' sum in base units, that sum in the total's written unit),
    or None when the total or a part has no usable value."""
    tb = _bounds(ctx, tq)
    ivs = [ctx.base_iv(q) for q, _ in parts]
    if tb is None or any(iv is None for iv in ivs):
        return None
    s = total(ivs)  # type: ignore[arg-type]
    k = tb.nom / tq.value if tq.value else Decimal(1)
    return tb, s, s.scale(Decimal(1) / k)


def _lower(bound: Iv, s: Iv) -> Verdict:
    ok = s.hi >= bound.lo and s.lo < bound.hi
    return Verdict("consistent" if ok else "mismatch", s.radius)


_QIZHONG_PART = regex.compile(r"(?:其中|当中|當中)[^。；;\n]*$")
_PART_SEP = regex.compile(r"[;；]")
_PART_BREAK = regex.compile(r"[;；。]")  # parts of one run of clauses have none of these between them


def _list_count(ctx: Ctx, vqs: list[tuple[Quantity, Figure]], members: list[tuple[Quantity, Figure]],
                cue_s: int, sent_s: int, used: set[int]) -> None:
    """"5 个工业类开发区 ... 增速分别为忻州、原平、岢岚、定襄、繁峙": five members."""
    para_s, _ = ctx.paragraph(cue_s)
    if pattern("lists", "ranked").search(ctx.text(sent_s, cue_s)):
        para_s = sent_s  # "前三位的是A、B、C": the list counts itself; a count before the sentence is another set's
    cands = [q for q, f in _within(ctx, vqs, para_s, cue_s) if q.kind == "count" and q.unit in ("个", "家")
             and _names_zones(ctx.text(q.end, q.end + 12))]
    cands += [ctx.q(c) for q, f in _within(ctx, vqs, para_s, cue_s) for c in f.conditions  # type: ignore[misc]
              if ctx.q(c) is not None and ctx.q(c).kind == "count"]  # type: ignore[union-attr]
    # a count in an earlier part of the sentence ("8个开发区…正增长；六盘水、都匀分别下降…") counts others
    cands = [q for q in cands if q is not None and q.id not in used and not _PART_SEP.search(ctx.text(q.end, cue_s))]
    if not cands:
        return
    nq = max(cands, key=lambda q: q.start)
    used.add(nq.id)
    n = len(members)
    ents = [f.entity if f is not None else None for _, f in members]  # a member without a figure names nothing
    if None in ents or len(set(ents)) != n:
        return  # members that are no named things of the counted kind (five indicators of 69 zones)
    v = judge(nq.value, 0, Iv.exact(Decimal(n)), exact_claim=True)
    ctx.emit("enumeration_sum", v, claimed=nq.value, computed=Iv.exact(Decimal(n)), decimals=0,
             formula="count = number of members listed",
             zh=f"列出 {n} 个成员,数量写为 {nq.text}", en=f"{n} members listed; the count is written {nq.text}",
             evidence=[ctx.ev_q(nq, "claim", "count")] + [ctx.ev_q(q, "context", "member") for q, _ in members])


def _names_zones(after: str) -> bool:
    return bool(rx(r"\s*\p{Han}{0,8}?(?:开发区|示范区|园区|园|区)").match(after))


def name_counts(ctx: Ctx) -> None:
    """"寿阳、平遥、祁县、太谷4个省级开发区": the number counts the names beside it."""
    text = ctx.src
    for key in ("names_before", "names_after", "names_paren"):
        before = key == "names_before"
        for m in pattern("lists", key).finditer(text):
            q = ctx.quantity_at(m.start("num"))
            if q is None or q.kind != "count":
                continue
            names = [x for x in m.group("list").split("、") if x]
            if before and (text[m.start("num") - 1] == "等" or any(len(x) > 4 for x in names[1:-1])
                                        or names[-1].endswith("等") or len(names[-1]) > 7
                                        or any("的" in x for x in names)):
                continue  # "甲纸业、乙电子等18个项目": 等 means the list is incomplete
            if before and any(pattern("lists", "not_names").search(x) for x in names):
                continue  # "交通、能源项目涵盖9个", "文化、卫生等项目137个": kinds, or a list left open
            if before and pattern("lists", "not_a_count").search(names[-1]):
                continue  # "甲县、乙县、丙县均为9个": the number is each one's value, not a count of them
            if not before and pattern("lists", "ranked").search(text, m.end("num"), m.start("list")):
                continue  # "N家企业中排名前三位的行业分别为甲、乙和丙": the first few of another set, not the count's
            n = len(names)
            v = judge(q.value, 0, Iv.exact(Decimal(n)), exact_claim=True)
            ctx.emit("enumeration_sum", v, claimed=q.value, computed=Iv.exact(Decimal(n)), decimals=0,
                     formula="count = number of names listed",
                     zh=f"列出 {n} 个名称({'、'.join(names)}),数量写为 {q.text}",
                     en=f"{n} names listed ({'、'.join(names)}); the count is written {q.text}",
                     evidence=[ctx.ev_q(q, "claim", "count"), ctx.ev_span(m.start("list"), m.end("list"), "input", "names")])


def breakdowns(ctx: Ctx) -> None:
    """其中: a partition must add up to its total; any other part must not exceed it."""
    vqs = _value_quantities(ctx)
    conds = _condition_ids(ctx)
    text = ctx.src
    done: set[tuple[int, int]] = set()
    for m in _QIZHONG.finditer(text):
        if ctx.in_table(m.start()):
            continue
        scope_s = m.end()
        colon = bool(rx(r"\s*[:：]").match(text[scope_s:scope_s + 2]))
        para_s, para_e = ctx.paragraph(m.start())
        scope_e = min(_scope_end(text, scope_s, para_e, colon), scope_s + _MAX_SCOPE)
        if colon:  # "其中：…；总增各类牲畜…": a clause naming a whole of its own ends the list
            brk = pattern("breakdown", "scope_break").search(text, scope_s, scope_e)
            scope_e = brk.start() if brk is not None else scope_e
        sent = ctx.sentence_of(m.start())
        if sent is not None and _in_bracket(text, sent.start, m.start()):
            # "上级补助收入X(其中：专项…、返还性…)，债券转贷收入Y": a 其中 in a bracket ends with it
            closed = _stops(text, ")）")
            k = bisect_left(closed, m.start())
            scope_e = min(scope_e, closed[k]) if k < len(closed) else scope_e
        parts = _scope_parts(ctx, vqs, conds, scope_s, scope_e)
        scope_e = _siblings_after(ctx, vqs, parts, scope_e, para_e)
        parts = _scope_parts(ctx, vqs, conds, scope_s, scope_e) if scope_e > scope_s else parts
        if not parts and colon:
            _block(ctx, m.start(), scope_e)
            continue
        if not parts:
            continue
        # "其中，按经营地分，…；按销售单位规模分，…": each view splits the total on its own
        views = [v.start() for v in pattern("breakdown", "view").finditer(text, scope_s, scope_e)]
        if len(views) >= 2:
            groups = [[(q, f) for q, f in parts if a <= q.start < b] for a, b in zip(views, views[1:] + [scope_e])]
            _views(ctx, vqs, conds, m.start(), groups, done)
            continue
        window = _total_window(ctx, m.start())  # once per 其中, not once per quantity (a scan of all sentences)
        before = [(q, f) for q, f in _within(ctx, vqs, window, m.start()) if q.id not in conds
                  and f.role in ("actual", "plan")  # a planned total breaks down into planned parts
                  and not ctx.is_change(q) and ctx.alias_of(q) is None
                  # a part of an earlier 其中/当中 ("当中新能源车占167辆，其中小型客车…") is no total of the next
                  and not _QIZHONG_PART.search(text, ctx.clause_start(q.start, "；;。\n"), q.start)
                  # an amount in a bracket closed before the 其中 is an aside ("（上年含…X万元），其中…")
                  and not (_in_bracket(text, window, q.start) and not _in_bracket(text, window, m.start()))
                  and not _move_start(ctx, q)]
        by_total: dict[int, list[tuple[Quantity, Figure]]] = {}
        totals: dict[int, tuple[Quantity, Figure]] = {}
        for q, f in parts:
            own = before
            if f.period and f.period in text[m.end():q.start]:
                # a part of a period it names itself ("其中，9月份，新开工项目12个" under 1—9月份 totals) is
                # no part of a total of another period
                own = [(tq, tf) for tq, tf in before if tf.period in (None, f.period)]
            # a total of another stretch (7月份 before parts of 1至7月) is no whole of these parts
            own = [(tq, tf) for tq, tf in own if not other_stretch(f.period, tf.period)]
            best = _pick_total(ctx, q, f, own)
            if best is None:
                continue
            by_total.setdefault(best[0].id, []).append((q, f))
            totals[best[0].id] = best
        confirmed = _cross_confirmed(ctx, by_total, totals)
        # one slip makes one part exceed its total; several parts above theirs say the 其中 lists a set
        # beside those totals ("…等13个名县…。其中…等20个创建县…"), not inside them
        over = sum(_exceeds(ctx, q, totals[tid][0]) for tid, ps in by_total.items() for q, _ in ps)
        beside = Doubt("several parts exceed the totals before them: the 其中 may list a set beside them",
                       "多项超过其前的总数:其中所列可能是并列的另一组") if over >= 2 else None
        for tid, ps in by_total.items():
            tq, tf = totals[tid]
            ps = _before_sibling(tf, ps)
            if not ps:
                continue
            k = _covered_early(ctx, tq, ps)
            if k is not None and rx(r"[；;]").search(text, ps[k - 1][0].end, ps[k][0].start):
                ps = ps[:k]  # the parts before a clause break make up the whole: what follows is beside it
            kind = _is_partition(ctx, ps, tf) if len(ps) >= 2 else ""
            if kind != "strong" and tid in confirmed:
                kind = "strong"  # a list that may be partial is whole when another measure of it adds up
            if kind:
                _partition(ctx, tq, tf, ps, m.start(), strong=kind == "strong")
                done.update((q.id, tq.id) for q, _ in ps)
                for q, f in ps if not _joint_totals(ctx, tq) else []:  # a part above its whole: name it
                    P, T = ctx.base_iv(q), _bounds(ctx, tq)
                    if P is not None and T is not None and P.lo > T.hi:
                        _bound(ctx, q, f, tq, tf, m.start())
            else:
                for q, f in ps:
                    if (q.id, tq.id) not in done:
                        done.add((q.id, tq.id))
                        _bound(ctx, q, f, tq, tf, m.start(), beside)
    children = _children(ctx)
    _complement_links(ctx, children, done)
    _split_by_counts(ctx, children, done)
    _split_by_dimension(ctx, vqs, done)
    _split_by_view(ctx, vqs, conds, done)
    _parent_links(ctx, done)
    _progress(ctx, vqs, conds, done)


def _views(ctx: Ctx, vqs: list[tuple[Quantity, Figure]], conds: set[int], cue: int,
           groups: list[list[tuple[Quantity, Figure]]], done: set[tuple[int, int]]) -> None:
    """Each view of a 其中 (按经营地分, 按规模分, 按消费形态分) is a partition of the total before it."""
    window = _total_window(ctx, cue)
    before = [(q, f) for q, f in vqs if window <= q.start < cue and q.id not in conds and f.role == "actual"
              and not ctx.is_change(q) and ctx.alias_of(q) is None]
    for ps in groups:
        if len(ps) < 2:
            continue
        best = _pick_total(ctx, ps[0][0], ps[0][1], before)
        if best is None:
            continue
        tq, tf = best
        if all(_compatible(ctx, q, tq) for q, _ in ps):
            done.update((q.id, tq.id) for q, _ in ps)
            _partition(ctx, tq, tf, ps, cue, strong=True)


def _progress(ctx: Ctx, vqs: list[tuple[Quantity, Figure]], conds: set[int], done: set[tuple[int, int]]) -> None:
    """"共有36个拟新建项目,备案已办结23个", "总投资51.4亿元,已完成投资33.9亿元": without 其中, a
    figure its clause marks as done (已…) counts part of the set or amount stated before it in
    the sentence. A plan or target may be exceeded, so it is never such a total."""
    text = ctx.src
    cue = pattern("progress", "part")
    plan = pattern("progress", "not_a_total")
    covered = {p for p, _ in done}
    for q, f in vqs:
        if q.id in covered or q.id in conds or ctx.approx(q) or ctx.in_table(q.start):
            continue
        if f.role != "actual" and q.kind != "count":
            continue
        clause_s = ctx.clause_start(q.start, ",，;；:：。、\n")
        m = cue.search(text, clause_s, q.start)
        if not m:
            continue
        # a count in a bracket closed before the cue splits the set ("A项(续建a项,新建b项),已开工c项"):
        # the set is the total, not its last member
        before = [(tq, tf) for tq, tf in _within(ctx, vqs, f.sentence.start, m.start()) if tq.end <= m.start()
                  and tq.id not in conds
                  and _compatible(ctx, tq, q) and not _siblings(tf.indicator, f.indicator)
                  and not (_in_bracket(text, f.sentence.start, tq.start) and not _in_bracket(text, f.sentence.start, m.start()))]
        totals = []
        for tq, tf in before:
            ts = ctx.clause_start(tq.start, ",，;；:：。、\n")
            if cue.search(text, ts, tq.start):
                continue  # another part, not the total
            totals.append((tq, tf, ts))
        if not totals:
            continue
        tq, tf, ts = totals[-1]
        if tf.role != f.role or ctx.approx(tq) or (tq.kind != "count" and plan.search(text, ts, tq.end)):
            continue
        done.add((q.id, tq.id))
        _bound(ctx, q, f, tq, tf, None)


def _block(ctx: Ctx, cue: int, scope_s: int) -> None:
    """"…同比下降 2.7%。其中:" then one paragraph per zone: each total of the 其中 sentence is the
    sum of the same indicator stated by the zones below it, up to the end of the section."""
    sent = ctx.sentence_of(cue)
    if sent is None:
        return
    _, sec_e = ctx.section_span(cue)
    start = sent.start
    if not ctx.text(sent.start, cue).strip(" ,，"):  # "其中:" stands alone: the totals are in the sentence before
        prev = ctx.sentence_before(sent.start)
        start = prev.start if prev is not None else start
    totals = [f for f in ctx.figures_in(start, cue) if f.role == "actual"
              and ctx.value_q(f) is not None and ctx.value_q(f).kind == "amount"]  # type: ignore[union-attr]
    for tf in totals:
        tq = ctx.value_q(tf)
        ps = [(ctx.value_q(p), p) for p in ctx.figures_in(scope_s, sec_e) if p.role == "actual"
              and ctx.value_q(p) is not None and _compatible(ctx, ctx.value_q(p), tq)  # type: ignore[arg-type]
              and _same_ind(tf.indicator, p.indicator) and p.entity != tf.entity]
        if len(ps) >= 2:
            _partition(ctx, tq, tf, ps, cue)  # type: ignore[arg-type]


def _same_ind(a: Optional[str], b: Optional[str]) -> bool:
    from .text_rules import _same_indicator

    return _same_indicator(a, b)


def _siblings_after(ctx: Ctx, vqs: list[tuple[Quantity, Figure]], parts: list[tuple[Quantity, Figure]],
                    scope_e: int, para_e: int) -> int:
    """"其中续建项目22个，总投资81.6亿元；新开工项目42个，…": a clause after ；whose first figure
    is a part of the same total (as the figure reading found) goes on the 其中 list."""
    parent = parts[0][1].parent if parts else None
    text = ctx.src
    while parent is not None and scope_e < para_e and text[scope_e] in ";；":
        nxt = _within(ctx, vqs, scope_e + 1, _next_stop(text, "。;；\n", scope_e + 1, para_e))
        if not nxt or nxt[0][1].parent != parent:
            break
        scope_e = _next_stop(text, "。;；\n", scope_e + 1, para_e)
    return scope_e


def _scope_end(text: str, s: int, para_e: int, colon: bool) -> int:
    return _next_stop(text, "。\n" if colon else "。;；\n", s, para_e)


def _base_of_change(ctx: Ctx, q: Quantity) -> bool:
    """"比上年同期21650万元增收350万元": last year's level a change is measured from, no part."""
    return pattern("breakdown", "base_of_change").search(ctx.text(max(0, q.start - 8), q.start)) is not None


def _scope_parts(ctx: Ctx, vqs: list[tuple[Quantity, Figure]], conds: set[int], s: int, e: int) -> list[tuple[Quantity, Figure]]:
    """Quantities under this 其中, leaving out those under a nested 其中 (6个工业类,其中2个国家级)."""
    text = ctx.src
    inside = _within(ctx, vqs, s, e)  # vqs are in text order: the scope's are one slice of them
    if not inside:
        return []
    nested_starts: list[int] = []
    nested_ends: list[int] = []
    for m in _NESTED.finditer(text, s, e):
        if m.start() > inside[-1][0].start:
            break  # no part after it: the nested clauses further on cannot hold one
        nested_starts.append(m.start())
        nested_ends.append(_clause_end(text, m.end(), e))
    out = []
    for q, f in inside:
        if q.id in conds or ctx.approx(q) or f.role not in ("actual", "plan") or ctx.is_change(q) \
                or ctx.alias_of(q) is not None or _base_of_change(ctx, q):
            continue
        # inside a nested clause: the clauses' ends grow with their starts, so the last one opened
        # before the part is the only one that can still be open there
        k = bisect_right(nested_starts, q.start) - 1
        if (k >= 0 and q.start < nested_ends[k]) or _in_bracket(text, s, q.start):
            continue  # "产业项目31个（工业项目12个，服务业项目19个）": a bracket breaks down the part before it
        if q.kind in ("percent", "pp", "rank", "ratio", "duration"):
            continue
        if out and q.kind == "count" and pattern("breakdown", "did_of_set").fullmatch(text, out[-1][0].end, q.start):
            continue  # "其中214个实施类项目开工209个": those of the part that did it, not a sibling
        out.append((q, f))
    return out


def _same_measure(total: Optional[str], part: Optional[str]) -> bool:
    """A part is measured as its total is: 在建项目总投资 is no part of 完成投资, nor of 年度计划投资; a total
    named 总X holds parts measured by X (设备投资 of 总投资)."""
    x, y = measure_of(total), measure_of(part)
    if x is None or y is None or x == y or (x.startswith("总") and x[1:] == y) \
            or x.replace("总额", "额") == y.replace("总额", "额"):  # 零售额 under 零售总额
        return True
    # a part of a known partition under its whole (区级税收 under 公共财政预算收入): measured alike
    return bool(total and part) and any(
        spec.part_of(part) is not None and spec.names_whole(total, "*") for spec in partition_specs())


def _in_bracket(text: str, s: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a bracket opened after ``s`` (more openers than closers between)."""
    opened, closed = _stops(text, "(（"), _stops(text, ")）")
    return bisect_left(opened, pos) - bisect_left(opened, s) > bisect_left(closed, pos) - bisect_left(closed, s)


def _total_window(ctx: Ctx, pos: int) -> int:
    """Totals sit in the sentence of the 其中, or in the one before when 其中 opens a sentence."""
    sent = ctx.sentence_of(pos)
    if sent is None:
        return pos
    if ctx.text(sent.start, pos).strip(" ,，:：") == "":
        prev = ctx.sentence_before(sent.start)
        return prev.start if prev is not None else sent.start
    return sent.start


def _last_peer(ctx: Ctx, tq: Quantity, q: Quantity) -> bool:
    """The last member of a list of three peers or more (甲县接待游客A；乙县接待游客B；丙景区接待游客C): two
    figures or more in the same unit earlier in its sentence, each a ；before it. A 其中 opening the next
    sentence after such a list, and exceeding its last member, is of the whole set, not of that member."""
    if "。" not in ctx.text(tq.end, q.start):
        return False
    sent_s = ctx.clause_start(tq.start, "。\n")
    peers = [pq for pq in ctx.quantities_within(sent_s, tq.start)
             if pq.unit == tq.unit and pq.kind == tq.kind and _PART_SEP.search(ctx.text(pq.end, tq.start))]
    return len(peers) >= 2


def _pick_total(ctx: Ctx, q: Quantity, f: Figure, before: list[tuple[Quantity, Figure]]) -> Optional[tuple[Quantity, Figure]]:
    # a member of a 分别 list is a part itself, not the total a later 其中 breaks down
    plan = pattern("breakdown", "bracketed_plan")
    # a plan is broken down into plans, an amount done into amounts done; a set of projects in the plan
    # (计划实施项目84个) is a set all the same
    before = [(tq, tf) for tq, tf in before if tf.role == f.role or (tf.role == "plan" and tq.kind == "count")]
    cands = [(tq, tf) for tq, tf in before if _compatible(ctx, tq, q) and not _siblings(tf.indicator, f.indicator)
             and _same_measure(tf.indicator, f.indicator) and "分别" not in ctx.text(tf.sentence.start, tq.start)
             and not plan.search(ctx.text(max(tf.sentence.start, tq.start - 8), tq.start))]
    # "其中非税收入3200万元，占一般公共预算收入比重为39%": a part naming its whole takes that whole only
    named = [norm_indicator(c.of) for c in f.comparisons if c.type == "share" and c.of]
    named = [w for w in named if len(w) >= 2]
    if named:
        cands = [(tq, tf) for tq, tf in cands if any(norm_indicator(tf.indicator).endswith(w) for w in named)]
    if not cands:
        return None
    # a part the whole place is named for (全县…) is no part of a total of one part of the place
    whole_place = (f.entity_text or "").startswith("全") and f.entity_span is not None \
        and f.entity_span.start >= f.sentence.start
    head = pattern("breakdown", "part_place_head")
    if whole_place and not head.match(norm_indicator(f.indicator)):
        cands = [(tq, tf) for tq, tf in cands if not head.match(norm_indicator(tf.indicator))]
        if not cands:
            return None

    # prefer the same indicator (已完成投资 under 已完成投资), then the nearest
    def score(t: tuple[Quantity, Figure]) -> tuple[float, int]:
        return (round(similarity(t[1].indicator or "", f.indicator or ""), 1), t[0].start)
    best = max(cands, key=score)
    if _stages_beside(ctx, best[1], f):
        return None
    done_verb = _done_verb()
    done = done_verb.match(best[1].indicator or "")
    if done and not done_verb.match(f.indicator or ""):
        # "N个项目开工S个。其中，M个甲类项目…": a class of the set is a part of the set, not of
        # those of it done
        ind = (best[1].indicator or "")[done.end():]
        return next((t for t in cands if t[1].indicator == ind), best)
    return best


def _stages_beside(ctx: Ctx, total: Figure, part: Figure) -> bool:
    """"已建成项目N个、在建项目M个…。其中，…等K个重点项目": a class of projects after counts of two stages
    in one sentence may break down either, or the set they are stages of: no total to hold it to."""
    stage = pattern("breakdown", "stage_set")
    if not stage.match(norm_indicator(total.indicator)) or stage.match(norm_indicator(part.indicator)):
        return False
    tq = ctx.value_q(total)
    return sum(1 for o in ctx.sentence_figures(total) if o is not total and stage.match(norm_indicator(o.indicator))
               and (oq := ctx.value_q(o)) is not None and tq is not None and oq.unit == tq.unit) >= 1


@lru_cache(maxsize=1)
def _done_verb() -> "regex.Pattern[str]":
    """The verbs of a set's members that did something, as the figures read them (figures.toml)."""
    return resources.compile_rx(resources.load("figures")["indicator"]["done_verb"], "figures.toml done_verb")


def _complements(total: Figure, ps: list[tuple[Quantity, Figure]]) -> bool:
    """货物进出口总额 = 出口 + 进口: parts that make up a total by its very name (checks.toml
    [complements]); each part is named by one part word at its end (出口, 出口额, 出口总额)."""
    t = total.indicator or ""
    inds = [f.indicator or "" for _, f in ps]
    for spec in config()["complements"]["pairs"]:
        parts = spec["parts"]
        if spec["total"] not in t or len(inds) != len(parts) or any(spec["total"] in i for i in inds):
            continue
        words = [next((w for w in parts if rx(r"(?:总)?额$").sub("", i).endswith(w)), None) for i in inds]
        if None not in words and sorted(words) == sorted(parts):  # type: ignore[type-var]
            return True
    return False


def _adds_up(ctx: Ctx, tq: Quantity, ps: list[tuple[Quantity, Figure]]) -> bool:
    summed = _sum_parts(ctx, tq, ps)
    if summed is None or is_lower_bound(tq) or ctx.approx(tq):
        return False
    _, s, s_w = summed
    exact = tq.kind == "count" and s.is_point
    return judge(tq.value, 0 if exact else tq.decimals, s_w, exact_claim=exact).status == "consistent"


def _cross_confirmed(ctx: Ctx, by_total: dict[int, list[tuple[Quantity, Figure]]],
                     totals: dict[int, tuple[Quantity, Figure]]) -> set[int]:
    """Totals whose 其中 parts make up the whole because another measure of the same parts does:
    "其中40个投产项目完成投资300亿元，120个续建项目…" lists every stage when the counts add up to
    the projects counted, so their investment must add up to the total invested too (and the other
    way round). Needs two measures or more, the same number of parts, taken in step clause by clause;
    one of them adding up exactly is the evidence, and it is not used to confirm itself."""
    groups = [(tid, sorted(ps, key=lambda t: t[0].start)) for tid, ps in by_total.items() if len(ps) >= 2]
    out: set[int] = set()
    for tid, ps in groups:
        for oid, os_ in groups:
            if oid == tid or len(os_) != len(ps) or ctx.dim(totals[oid][0]) == ctx.dim(totals[tid][0]):
                continue
            pairs = list(zip(ps, os_))
            in_step = all(ctx.sentence_of(a.start) is ctx.sentence_of(b.start)
                          and not _PART_SEP.search(ctx.text(min(a.end, b.end), max(a.start, b.start)))
                          for (a, _), (b, _) in pairs)
            if in_step and _adds_up(ctx, totals[oid][0], os_):
                out.add(tid)
                break
    return out


def _is_partition(ctx: Ctx, ps: list[tuple[Quantity, Figure]], total: Optional[Figure] = None) -> str:
    """"strong": categories (工业类 6 个、农业类 3 个), which make up the whole; "weak": a 、 list or
    size buckets, which may or may not be all of it; "" for parts that are only bounded."""
    text = ctx.src
    joined = all("、" in ctx.text(a.end, b.start) and not rx(r"[,，;；。]").search(ctx.text(a.end, b.start))
                 for (a, _), (b, _) in zip(ps, ps[1:]))

    def clause(q: Quantity) -> str:
        s = q.start
        while s > 0 and text[s - 1] not in ",，;；:：。、\n":
            s -= 1
        e = q.end
        while e < len(text) and text[e] not in ",，;；:：。、\n":
            e += 1
        return text[s:e]
    tq = ctx.value_q(total) if total is not None else None
    if tq is not None and not _joint_totals(ctx, tq) and any(q.value == tq.value and q.unit == tq.unit for q, _ in ps):
        return ""  # "项目N个，其中省外A个、县外N个": a part that is all of the whole, so the parts nest
    if total is not None and (_complements(total, ps) or _counted_members(ctx, ctx.value_q(total), ps)):
        return "strong"
    if all("类" in clause(q) for q, _ in ps):
        # the kinds a counted set is sorted into (工业类 8 个、农业类 2 个) are all of it; classes of an
        # amount (柑橘类产量…、仁果类产量…) may be the main few
        return "strong" if all(q.kind == "count" for q, _ in ps) else "weak"
    if _ends_with_rest(ctx, ps, total):
        return "strong"
    if joined or all(pattern("lists", "range").search(clause(q)) for q, _ in ps) or _parallel(ctx, ps):
        return "weak"
    return ""


def _counted_members(ctx: Ctx, tq: Optional[Quantity], ps: list[tuple[Quantity, Figure]]) -> bool:
    """"甲、乙、丙三大产业完成产值X，其中甲…、乙…、丙…", "省市两级…其中省级…市级…": a whole that names
    its members and counts them is all of them when its 其中 parts are those members, one each, in
    the same order."""
    if tq is None:
        return False
    s = ctx.clause_start(tq.start, "，,。；;：:\n")
    names = _members_counted(ctx.text(s, tq.start))
    if names is None or len(names) != len(ps):
        return False
    for i, ((q, _), name) in enumerate(zip(ps, names)):
        own = ctx.text(ctx.clause_start(q.start, "，,。；;：:、\n"), q.start)
        # the first name may carry words before the list (全市甲…): its tail of two or more is the name
        if not any(name[k:] in own for k in (range(len(name) - 1) if i == 0 else (0,))):
            return False
    return True


def _members_counted(clause: str) -> Optional[list[str]]:
    """The members a clause names and counts (甲、乙和丙三大…; 省市两级), or None."""
    m = pattern("lists", "levels_counted").search(clause)
    if m is not None and len(m.group("levels")) == cn_int(m.group("n")):
        return [c + "级" for c in m.group("levels")]
    m = pattern("lists", "members_counted").search(clause)
    if m is None:
        return None
    names = m.group("list").split("、")
    n = cn_int(m.group("n"))
    if len(names) < n:
        names = names[:-1] + rx(r"[和及与]").split(names[-1])
    return names if len(names) == n and all(len(x) >= 2 for x in names) else None


def _ends_with_rest(ctx: Ctx, ps: list[tuple[Quantity, Figure]], total: Optional[Figure]) -> bool:
    """The last part is the rest of the whole (其他收入): the list leaves nothing out. Only the last: a
    residual first or amid the list is one class among others of a list that may be partial. Parts whose
    names open alike may nest (国有及国有控股企业, 国有企业): no partition then."""
    rest = pattern("lists", "residual")
    inds = [f.indicator or "" for _, f in ps]
    m = rest.search(inds[-1])
    if m is None or any(rest.search(i) for i in inds[:-1]):
        return False
    if any(pattern("lists", "residual_overlapping").search(i) for i in inds[:-1]):
        return False  # 国有 beside 股份制: classes that overlap
    # what follows 其他 is the whole's own kind of thing, not a class of its own (其他谷物 of 粮食作物)
    whole = norm_indicator(total.indicator) if total is not None else ""
    named = inds[-1][m.end():]
    if named and not any(named.startswith(h) for h in config()["lists"]["residual_heads"]) and named[:2] not in whole:
        return False
    # classes that may nest (国有及国有控股企业 beside 国有企业) overlap: no partition
    openings = [i[:2] for i in inds[:-1]]
    return len(set(openings)) == len(openings)


def _parallel(ctx: Ctx, ps: list[tuple[Quantity, Figure]]) -> bool:
    """Parts in one run of clauses (no ；/。 between) whose indicators differ only in what comes before
    a shared ending of two or more characters: 文旅项目完成投资, 装备制造项目完成投资."""
    if any(_PART_BREAK.search(ctx.text(a.end, b.start)) for (a, _), (b, _) in zip(ps, ps[1:])):
        return False
    inds = [f.indicator or "" for _, f in ps]
    n = 0
    while n < min(map(len, inds)) and len({i[-1 - n] for i in inds}) == 1:
        n += 1
    heads = [i[:len(i) - n] for i in inds]
    nested = pattern("lists", "parallel_not_categories")
    return n >= 2 and all(heads) and len(set(heads)) == len(heads) and not any(nested.search(h) for h in heads)


def _partition(ctx: Ctx, tq: Quantity, tf: Figure, ps: list[tuple[Quantity, Figure]], cue: int,
               strong: bool = True, formula: str = "total = Σ parts (其中)") -> None:
    if ctx.member_bound(tq):
        return  # "均低于二百亿元，其中，甲…": a bound each member passes, no total of them
    summed = _sum_parts(ctx, tq, ps)
    if summed is None:
        return
    tb, s, s_w = summed
    bound = is_lower_bound(tq)
    if bound:
        v = _lower(tb, s)
    elif tq.kind == "count" and s.is_point and tb.is_point:
        v = judge(tq.value, 0, s_w, exact_claim=True)
    else:
        v = judge(tq.value, tq.decimals, s_w)
    if not strong and v.status != "consistent" and s.hi < tb.lo:
        # a list that may be partial and falls short of the total: only the bound is checked
            v, bound = Verdict("consistent", v.tolerance), True
    doubt = None
    joint = _joint_totals(ctx, tq)
    if v.status != "consistent" and joint:
        # "49个国家级经开区和5个其他园区。其中东部32个…": the parts may make up the totals joined by 和
        both = total(ctx.base_iv(j) or Iv.exact(Decimal(0)) for j in joint)
        if both.lo <= s.hi and s.lo <= both.hi:
            v = Verdict("consistent", v.tolerance)
        else:
            doubt = Doubt("the parts may be of " + " + ".join(j.text for j in joint) + " together",
                          "各部分可能合计为 " + " + ".join(j.text for j in joint))
    ctx.emit("enumeration_sum", v, claimed=tq.value, computed=s_w, decimals=tq.decimals, doubt=doubt,
             formula=formula,
             zh=f"其中各项之和 {' + '.join(q.text for q, _ in ps)} = {fmt(s_w.nom)},总数写为 {tq.text}",
             en=f"the parts {' + '.join(q.text for q, _ in ps)} add to {fmt(s_w.nom)}; the total is written {tq.text}",
             evidence=[ctx.ev_q(tq, "claim", "total")] + [ctx.ev_q(q, "input", "part") for q, _ in ps]
             + [ctx.ev_span(cue, cue + 2)], figure=tf.id, bound=bound)


def _joint_totals(ctx: Ctx, tq: Quantity) -> list[Quantity]:
    """Totals joined to ``tq`` by 和/及/与 in its sentence, ``tq`` among them, in order; [] for none."""
    sent = ctx.sentence_of(tq.start)
    if sent is None:
        return []
    same = [q for q in ctx.quantities_within(sent.start, sent.end) if q.unit == tq.unit and q.kind == tq.kind
            and not ctx.is_change(q) and ctx.alias_of(q) is None and "其中" not in ctx.text(sent.start, q.start)]
    joined = [same[0]] if same else []
    for a, b in zip(same, same[1:]):
        if rx(r"[和及与]").search(ctx.text(a.end, b.start)) and not rx(r"[，,；;。]").search(ctx.text(a.end, b.start)):
            joined.append(b)
        elif tq in joined:
            break
        else:
            joined = [b]
    return joined if len(joined) >= 2 and tq in joined else []


def _exceeds(ctx: Ctx, q: Quantity, tq: Quantity) -> bool:
    P, T = ctx.base_iv(q), _bounds(ctx, tq)
    return P is not None and T is not None and P.lo > T.hi


def _bound(ctx: Ctx, q: Quantity, f: Figure, tq: Quantity, tf: Figure, cue: Optional[int],
           doubt: Optional[Doubt] = None) -> None:
    P, T = ctx.base_iv(q), _bounds(ctx, tq)
    if P is None or T is None or ctx.member_bound(tq):
        return  # (a bound each member passes, "均超过N亿元", is no total of any of them)
    ok = P.lo <= T.hi
    if not ok and _last_peer(ctx, tq, q):
        return  # "甲县A；乙县B；丙景区C。其中某旅游圈D": D is of the whole list, not of C
    k = P.nom / q.value if q.value else Decimal(1)
    Tw = T.scale(Decimal(1) / k)
    ev = [ctx.ev_q(q, "claim", "part"), ctx.ev_q(tq, "input", "total")]
    if cue is not None:
        ev.append(ctx.ev_span(cue, cue + 2))
    if not ok and tq.unit != q.unit and tq.value >= q.value:
        # "支出383.9元，其中教育27.3亿元": read in the part's unit the total holds it; a slip of the unit
        doubt = Doubt(f"{tq.text} may be written without the unit its parts carry ({q.unit})",
                      f"{tq.text} 可能漏写了单位(各部分为 {q.unit})")
    ctx.emit("breakdown_bound", Verdict("consistent" if ok else "mismatch", P.radius + T.radius), doubt=doubt,
             claimed=q.value, computed=Tw, decimals=q.decimals, formula="part ≤ total",
             zh=f"其中 {q.text} {'不超过' if ok else '超过了'}总数 {tq.text}",
             en=f"the part {q.text} {'does not exceed' if ok else 'exceeds'} its total {tq.text}",
             evidence=ev, figure=f.id, bound=True)


def _complement_links(ctx: Ctx, children: dict[int, list[tuple[Quantity, Figure]]], done: set[tuple[int, int]]) -> None:
    """Parts the figure builder linked to a total they make up by name (出口 and 进口 of 货物进出口总额),
    wherever a 其中 scope ended (at ；): together they must equal it."""
    for pid, ps in children.items():
        par = ctx.figure(pid)
        tq = ctx.value_q(par) if par is not None else None
        if par is None or tq is None or len(ps) < 2 or not _complements(par, ps):
            continue
        if all((q.id, tq.id) in done for q, _ in ps) or not all(_compatible(ctx, q, tq) for q, _ in ps):
            continue
        cue = ctx.src.rfind("其中", par.end, ps[0][0].start)
        if cue < 0:
            continue  # parts are inside a total only where 其中 says so
        done.update((q.id, tq.id) for q, _ in ps)
        _partition(ctx, tq, par, ps, cue, strong=True)


def _split_by_dimension(ctx: Ctx, vqs: list[tuple[Quantity, Figure]], done: set[tuple[int, int]]) -> None:
    """"按经营单位所在地分，城镇消费品零售额7862.5亿元…；乡村消费品零售额1021.3亿元…": a breakdown by a
    dimension that splits the whole (checks.toml [breakdown] by) adds up to the total of the same
    period stated before it in the section."""
    text = ctx.src
    for m in pattern("breakdown", "by").finditer(text):
        stop = _FULL_STOP.search(text, m.end())
        end = stop.start() if stop else -1
        nxt = pattern("breakdown", "view").search(text, m.end(), end if end >= 0 else len(text))
        if nxt is not None:
            end = nxt.start()  # the next view (按规模分) starts another breakdown of the same total
        if end < 0 or "其中" in text[m.end():end]:
            continue
        # the pairs are in text order: the candidates are a slice found by bisection, not all of them
        parts = [(q, f) for q, f in _within(ctx, vqs, m.end(), end)
                 if m.end() <= q.start < end and q.kind == "amount" and f.role == "actual"]
        if len(parts) < 2 or any(ctx.approx(q) or not _compatible(ctx, q, parts[0][0]) for q, _ in parts):
            continue
        s0, _ = ctx.section_span(m.start())
        first = pattern("breakdown", "by").search(text, s0, m.end())  # the total precedes every breakdown of it
        period = parts[0][1].period
        before = [(q, f) for q, f in (_within(ctx, vqs, s0, first.start()) if first is not None else vqs)
                  if s0 <= q.start < first.start() and _compatible(ctx, q, parts[0][0])  # type: ignore[union-attr]
                  and (same_period(f.period, period, unknown=False) or period is None) and f.role == "actual" and f.parent is None
                  and not ctx.approx(q)]
        if not before:
            continue
        tq, tf = before[-1]
        if all((q.id, tq.id) in done for q, _ in parts):
            continue
        tb, pbs = ctx.base_iv(tq), [ctx.base_iv(q) for q, _ in parts]
        if tb is not None and any(b is not None and b.lo > tb.hi * FAR_ABOVE for b in pbs):
            continue  # the total was found by position only: one far below a part is a part of another breakdown
        done.update((q.id, tq.id) for q, _ in parts)
        _partition(ctx, tq, tf, parts, m.start(), strong=True)


def _split_by_view(ctx: Ctx, vqs: list[tuple[Quantity, Figure]], conds: set[int], done: set[tuple[int, int]]) -> None:
    """"按行业来看，服务业…完成投资A；制造业…完成投资B。按责任部门来看，…": each view opening a paragraph
    sorts the set the paragraphs before reported into classes that share none of it, so the classes
    of one measure never add up to more than the whole of that measure stated before the first view
    (a view may leave classes out: a bound, not a sum). Classes set by thresholds (10亿元以上, 亿元以上)
    nest and are left alone."""
    text = ctx.src
    for m in pattern("breakdown", "view").finditer(text):
        para_s, para_e = ctx.paragraph(m.start())
        if ctx.in_table(m.start()) or text[para_s:m.start()].strip():
            continue  # a view inside a sentence belongs to the breakdown around it (其中, 按…分)
        nxt = pattern("breakdown", "view").search(text, m.end(), para_e)
        end = nxt.start() if nxt is not None else para_e
        if "其中" in text[m.end():end] or pattern("breakdown", "threshold_class").search(text, m.end(), end):
            continue
        s0, _ = ctx.section_span(m.start())
        first = pattern("breakdown", "view").search(text, s0, m.end())
        for kind in ("amount", "count"):
            parts = [(q, f) for q, f in _within(ctx, vqs, m.end(), end)
                     if q.kind == kind and f.role == "actual" and q.id not in conds and not ctx.approx(q)
                     and not ctx.is_change(q) and ctx.alias_of(q) is None]
            measure = measure_of(parts[0][1].indicator) if parts else None
            if len(parts) < 2 or measure is None or any(
                    not _compatible(ctx, q, parts[0][0]) or measure_of(f.indicator) != measure for q, f in parts):
                continue
            period = parts[0][1].period
            before = [(q, f) for q, f in _within(ctx, vqs, s0, first.start())  # type: ignore[union-attr]
                      if _compatible(ctx, q, parts[0][0]) and measure_of(f.indicator) == measure
                      and f.role == "actual" and f.parent is None and not ctx.approx(q) and q.id not in conds
                      and same_period(f.period, period)]
            if not before or len({q.value for q, _ in before[-2:]}) > 1:
                continue  # the whole is not stated, or two wholes stand last with two values
            tq, tf = before[-1]
            if any((q.id, tq.id) in done for q, _ in parts):
                continue
            done.update((q.id, tq.id) for q, _ in parts)
            if _covered_early(ctx, tq, parts) is not None:
                continue  # "市级A，县级B(=whole)。中心城区(市级、某区)C": what follows a full cover overlaps it
            _partition(ctx, tq, tf, parts, m.start(), strong=False,
                       formula="Σ classes of a view ≤ the whole (a view may leave classes out)")


def _before_sibling(total: Figure, parts: list[tuple[Quantity, Figure]]) -> list[tuple[Quantity, Figure]]:
    """"第二产业完成A，其中工业完成B；第三产业完成C": a part named as another part of a complete partition the
    total is itself a part of is the total's sibling; it and what follows it are no parts of the total."""
    tind = norm_indicator(total.indicator)
    for k, (_, f) in enumerate(parts):
        if k and _region_sibling(tind, norm_indicator(f.indicator)):
            return parts[:k]
    for spec in partition_specs():
        own = spec.part_of(tind)
        if own is None:
            continue
        for k, (_, f) in enumerate(parts):
            other = spec.part_of(norm_indicator(f.indicator))
            if k and other is not None and other[0] != own[0]:  # a part of its own first (存贷款's 存款 is none)
                return parts[:k]
    return parts


def _region_sibling(total: str, part: str) -> bool:
    """"来自甲地区投资" and "来自乙地区投资": one frame, another region named in it."""
    if not total or not part or total == part:
        return False
    p = len(commonprefix([total, part]))
    s = len(commonprefix([total[p:][::-1], part[p:][::-1]]))
    return s > 0 and len(total) - p - s >= 1 and len(part) - p - s >= 1 \
        and pattern("breakdown", "region_frame").match(total[len(total) - s:]) is not None


def _covered_early(ctx: Ctx, whole: Quantity, parts: list[tuple[Quantity, Figure]]) -> Optional[int]:
    """How many of the first classes add up to the whole already, when the rest go beyond it: those are
    other groupings over the same set (a centre made of one level and one district) or siblings of the
    whole after a clause break (…城市用户a，农村用户b；移动电话用户c), not more classes. None if none do."""
    w, ws = ctx.base_iv(whole), [ctx.base_iv(q) for q, _ in parts]
    if w is None or any(x is None for x in ws):
        return None
    for k in range(2, len(parts)):
        s = total(ws[:k])  # type: ignore[arg-type]
        if s.lo <= w.hi and w.lo <= s.hi:
            return k
    return None


def _children(ctx: Ctx) -> dict[int, list[tuple[Quantity, Figure]]]:
    """Actual figures with a value, by the figure the builder made their parent."""
    out: dict[int, list[tuple[Quantity, Figure]]] = {}
    for f in ctx.doc.figures:
        q = ctx.value_q(f)
        if f.parent is not None and q is not None and f.role == "actual":
            out.setdefault(f.parent, []).append((q, f))
    return out


def _split_by_counts(ctx: Ctx, children: dict[int, list[tuple[Quantity, Figure]]], done: set[tuple[int, int]]) -> None:
    """"项目172个…完成投资345.0亿元。其中，省重点项目46个，完成投资136.8亿元；市重点项目126个，完成投资228.2亿元":
    classes broken down on two measures, a count and an amount stated with each. When one measure adds
    up to its total (the counts exactly), the classes cover the whole set, so the other must add up
    too; when neither does, the list may be partial and nothing is said."""
    for cid, cps in children.items():
        ctot = ctx.figure(cid)
        ctq = ctx.value_q(ctot) if ctot is not None else None
        if ctot is None or ctq is None or ctq.kind != "count" or len(cps) < 2 or any(q.kind != "count" for q, _ in cps):
            continue
        if any(ctx.approx(q) for q, _ in cps + [(ctq, ctot)]):
            continue
        found = _amounts_of_classes(ctx, children, cid, ctot, cps)
        if found is None:
            continue
        atq, atot, aps, cue = found
        if all((q.id, atq.id) in done for q, _ in aps) or not all(_compatible(ctx, q, atq) for q, _ in aps):
            continue
        if sum(q.value for q, _ in cps) == ctq.value:
            done.update((q.id, atq.id) for q, _ in aps)
            _partition(ctx, atq, atot, aps, cue, strong=True,
                       formula="total = Σ parts (the classes' counts add up to the set's, so they are all of it)")
        elif _adds_up(ctx, atq, aps) and not any((q.id, ctq.id) in done for q, _ in cps):
            done.update((q.id, ctq.id) for q, _ in cps)
            _partition(ctx, ctq, ctot, cps, cue, strong=True,
                       formula="total = Σ parts (the classes' amounts add up to the set's, so they are all of it)")


def _amounts_of_classes(ctx: Ctx, children: dict[int, list[tuple[Quantity, Figure]]], cid: int, ctot: Figure,
                        cps: list[tuple[Quantity, Figure]]) -> Optional[tuple[Quantity, Figure, list[tuple[Quantity, Figure]], int]]:
    """The amount stated with each class of a counted set, its total and the cue that opens the
    breakdown: the amounts a 其中 in the count total's sentence links to a total of their own; else,
    for a set opened by its count ("上述N个重点项目中，…"), the amount right after each class's count
    in the same run of clauses, and the set's amount named before (市级重点项目完成投资)."""
    for aid, aps in children.items():
        atot = ctx.figure(aid)
        atq = ctx.value_q(atot) if atot is not None else None
        if atot is None or atq is None or aid == cid or len(aps) != len(cps) or not ctx.same_sentence(atot, ctot):
            continue
        # each amount follows its own count, in the same part of the sentence
        if not all(a.start > c.end and not _PART_BREAK.search(ctx.text(c.end, a.start))
                   for (c, _), (a, _) in zip(cps, aps)):
            continue
        own = {measure_of(f.indicator) for _, f in aps}
        if len(own) == 1 and measure_of(atot.indicator) not in own and any(
                o is not atot and measure_of(o.indicator) in own for o in ctx.sentence_figures(atot) if o.start < atot.start):
            continue  # "总投资A，年度计划投资B，其中，续建项目总投资a…": the parts are the other total's
        cue = ctx.src.rfind("其中", atot.end, aps[0][0].start)
        if cue >= 0:
            return atq, atot, aps, cue
    ctq = ctx.value_q(ctot)
    opening = pattern("breakdown", "set_opening").match(ctx.src, ctq.end) if ctq is not None else None
    if opening is None:
        return None
    ends = [q.start for q, _ in cps[1:]] + [ctx.sentence_of(cps[-1][0].start).end]  # type: ignore[union-attr]
    aps = []
    for (c, _), end in zip(cps, ends):
        stop = _next_stop(ctx.src, ";；。", c.end, end)
        amount = next(((q, f) for q, f in _within(ctx, _value_quantities(ctx), c.end, stop)
                       if q.kind == "amount" and f.role == "actual"), None)
        if amount is None:
            return None
        aps.append(amount)
    dim = ctx.dim(aps[0][0])
    measure = measure_of(aps[0][1].indicator)
    if measure is None or any(ctx.dim(q) != dim or measure_of(f.indicator) != measure or ctx.approx(q) for q, f in aps):
        return None
    name = pattern("breakdown", "set_name").sub("", norm_indicator(ctot.indicator))
    verb = pattern("breakdown", "set_measure_verb")
    named = [(q, f) for q, f in _within(ctx, _value_quantities(ctx), max(0, ctot.start - LOOK_BACK), ctot.start)
             if len(name) >= 2 and q.kind == "amount" and ctx.dim(q) == dim and f.role == "actual"
             and f.entity == ctot.entity and verb.fullmatch(norm_indicator(f.indicator), len(name),
                                                               len(norm_indicator(f.indicator)) - len(measure)) is not None
             and norm_indicator(f.indicator).startswith(name) and norm_indicator(f.indicator).endswith(measure)]
    if not named or len({q.value for q, _ in named}) > 1:
        return None  # the set's amount is not stated, or stated twice with two values: no anchor
    atq, atot = named[-1]
    return atq, atot, aps, opening.start()


def _parent_links(ctx: Ctx, done: set[tuple[int, int]]) -> None:
    """Breakdowns the figure builder linked (Figure.parent) that no 其中 scan above covered."""
    covered = {p for p, _ in done}
    for f in ctx.doc.figures:
        par = ctx.figure(f.parent)
        q = ctx.value_q(f)
        if par is None or q is None or q.id in covered or f.role != "actual" or par.role != "actual":
            continue
        tq = ctx.value_q(par)
        if tq is None or not _compatible(ctx, q, tq) or ctx.approx(q) or _siblings(par.indicator, f.indicator):
            continue
        if _QIZHONG_PART.search(ctx.src, ctx.clause_start(tq.start, "；;。\n"), tq.start):
            continue  # a part of an earlier 其中 is no total of the next 其中's parts (a set beside it)
        # "N个大类行业中，有M个行业…": a count in the set named with 中 is inside it, as after 其中
        in_set = q.kind == "count" and tq.kind == "count" and q.unit == tq.unit \
            and pattern("lists", "set_of").search(ctx.text(tq.end, q.start)) is not None
        if "其中" not in ctx.text(max(par.end, f.sentence.start), f.start) and not in_set:
            continue  # without 其中 a later figure is not said to be inside the earlier one
        if _stages_beside(ctx, par, f):
            continue
        if "分别" in ctx.text(par.sentence.start, par.start):
            continue  # a member of a 分别 list is a part itself, not the total a later 其中 breaks down
        if f.period and par.period and f.period != par.period and f.period in ctx.text(par.end, f.start):
            continue  # "其中，9月份…": a part of another period than its total's
        si, pi = ctx.sentence_index(f.start), ctx.sentence_index(par.start)
        if si is None or pi is None or not 0 <= si - pi <= 1 or not (in_set or _same_measure(par.indicator, f.indicator)):
            continue
        if q.kind != "count" and similarity(norm_indicator(par.indicator), norm_indicator(f.indicator)) < 0.3:
            continue
        done.add((q.id, tq.id))
        _bound(ctx, q, f, tq, par, None)


def sibling_sums(ctx: Ctx) -> None:
    """"“三个一批”项目 272 个 … “签约一批”项目 109 个 … “开工一批” 77 个 … “投产一批” 86 个": a
    total named by its peer set is the sum of the peers (counts, and the amounts stated with them)."""
    cfg = config()["siblings"]
    for f in ctx.doc.figures:
        q = ctx.value_q(f)
        ind = f.indicator or ""
        if q is None or q.kind != "count" or q.unit not in ("个", "家") or f.role != "actual" \
                or not any(w in ind for w in cfg["totals"]):
            continue
        for words in cfg["sets"]:
            if any(w in ind for w in words):
                continue
            _, para_e = ctx.paragraph(f.start)
            later = [o for o in ctx.figures_in(f.start + 1, para_e) if o.role == "actual"]
            heads: list[Figure] = []
            for w in words:
                h = next((o for o in later if w in (o.indicator or "") and ctx.value_q(o) is not None
                          and ctx.value_q(o).kind == "count"), None)  # type: ignore[union-attr]
                if h is None:
                    break
                heads.append(h)
            if len(heads) != len(words) or rx(r"其中|前[一二三四五六七八九十\d]+期").search(ctx.text(f.end, heads[0].start)):
                continue  # a peer missing, or the peers are only part of the total (其中前四期)
            _sum_check(ctx, f, heads, "count")
            t_amt = _amount_after(ctx, f)
            p_amts = [_amount_after(ctx, h) for h in heads]
            if t_amt is not None and all(a is not None for a in p_amts):
                _sum_check(ctx, t_amt, p_amts, "amount")  # type: ignore[arg-type]


def _amount_after(ctx: Ctx, head: Figure) -> Optional[Figure]:
    """The first amount stated with a count in its sentence: "项目 76 个,总投资286.40 亿元"."""
    for o in ctx.sentence_figures(head):
        if o.start <= head.start:
            continue
        oq = ctx.value_q(o)
        if oq is None:
            continue
        if oq.kind == "count":
            return None
        if oq.kind == "amount":
            return o
    return None


def _sum_check(ctx: Ctx, tot: Figure, parts: list[Figure], what: str) -> None:
    tq = ctx.value_q(tot)
    pqs = [ctx.value_q(p) for p in parts]
    if tq is None or any(p is None or ctx.dim(p) != ctx.dim(tq) for p in pqs):
        return
    tb = _bounds(ctx, tq)
    ivs = [ctx.base_iv(p) for p in pqs]  # type: ignore[arg-type]
    if tb is None or any(i is None for i in ivs):
        return
    s = total(ivs)  # type: ignore[arg-type]
    k = tb.nom / tq.value if tq.value else Decimal(1)
    s_w = s.scale(Decimal(1) / k)
    v = judge(tq.value, 0, s_w, exact_claim=True) if s.is_point and tb.is_point else judge(tq.value, tq.decimals, s_w)
    ctx.emit("enumeration_sum", v, claimed=tq.value, computed=s_w, decimals=tq.decimals,
             formula=f"total = Σ its peer sets ({what})",
             zh=f"{' + '.join(p.text for p in pqs)} = {fmt(s_w.nom)},总数写为 {tq.text}",  # type: ignore[union-attr]
             en=f"{' + '.join(p.text for p in pqs)} = {fmt(s_w.nom)}; the total is written {tq.text}",  # type: ignore[union-attr]
             evidence=[ctx.ev_q(tq, "claim", "total")] + [ctx.ev_q(p, "input", "part") for p in pqs], figure=tot.id)  # type: ignore[arg-type]


def enumeration_sum(ctx: Ctx) -> None:
    enumeration_lists(ctx)
    name_counts(ctx)
    sibling_sums(ctx)
    bracket_splits(ctx)


def bracket_splits(ctx: Ctx) -> None:
    """"实施重点项目58项(新建21项,续建37项)": a bracket right after a level that lists nothing but
    named parts in its unit spells out the split of that level, so the parts add up to it. A bracket
    with 其中, 含, 等 or a comparison in it says something else and is left alone."""
    cfg = config()["bracket_split"]
    opener, item, not_split = rx(cfg["opener"]), rx(cfg["item"]), rx(cfg["not_split"])
    for q, f in _value_quantities(ctx):
        m = opener.match(ctx.src, q.end)
        if m is None or f.role != "actual" or ctx.approx(q) or ctx.is_change(q) or not _additive(f, q) \
                or ctx.in_table(q.start):
            continue
        body = m.group("body")
        if not_split.search(body):
            continue
        items = [x for x in rx(r"[,，、;；]").split(body)]
        inside = ctx.quantities_within(m.start("body"), m.end("body"))
        if len(items) < 2 or len(inside) != len(items) or any(not item.fullmatch(x.strip()) for x in items) \
                or any(p.unit != q.unit or p.kind != q.kind for p in inside):
            continue
        parts = [(p, pf) for p in inside if (pf := _fig(ctx, p)) is not None]
        if len(parts) == len(inside):
            _partition(ctx, q, f, parts, m.start(), formula="total = Σ parts (in the bracket after it)")


def breakdown_bound(ctx: Ctx) -> None:
    breakdowns(ctx)


def structure_sum(ctx: Ctx) -> None:
    """"三次产业结构为11.2:39.5:49.3", "轻重工业比重为41.5:58.5": the terms of a structure in per cent add up
    to 100, within the rounding of each term as written."""
    matches = [*pattern("structure", "chain").finditer(ctx.src), *pattern("structure", "listed").finditer(ctx.src),
               *pattern("structure", "pair").finditer(ctx.src), *pattern("structure", "classes").finditer(ctx.src)]
    for m in matches:
        if ctx.in_table(m.start()):
            continue
        if "n" in m.re.groupindex and cn_int(m.group("n")) != len(m.starts("term")):
            continue  # "划分为…三个门类，其比重分别为…": one share for each class counted, or no whole
        # a negative term ("-0.7%") is a quantity that starts at its sign
        terms = [ctx.quantity_at(t) or (ctx.quantity_at(t - 1) if ctx.src[t - 1:t] in "-−" else None)
                 for t in m.starts("term")]
        if any(q is None for q in terms) or len(terms) < 2:
            continue
        summed = total([ctx.iv(q) for q in terms])  # type: ignore[arg-type]
        if not Decimal(90) <= summed.nom <= Decimal(110):
            continue  # not shares of a whole (a ratio like 1:2:3)
        hundred = Iv.exact(Decimal(100))
        v = Verdict("consistent" if summed.lo <= 100 <= summed.hi else "mismatch", summed.radius)
        s, e = terms[0].start, terms[-1].end  # type: ignore[union-attr]
        ctx.emit("structure_sum", v, claimed=summed.nom, computed=hundred, decimals=max(q.decimals for q in terms),  # type: ignore[union-attr]
                 formula="Σ structure terms = 100",
                 zh=f"结构各项之和 {' + '.join(q.text for q in terms)} = {fmt(summed.nom)}(应为 100)",  # type: ignore[union-attr]
                 en=f"the structure's terms {' + '.join(q.text for q in terms)} add to {fmt(summed.nom)} (100 expected)",  # type: ignore[union-attr]
                 evidence=[ctx.ev_span(s, e, "claim", "structure")] + [ctx.ev_q(q, "input", "term") for q in terms])  # type: ignore[arg-type]
