"""Facts restated as a block: a summary box ("数看开发区") or a recap paragraph that repeats a run of
the body's figures in the same order with the same words around them.

The figure records of a box are often garbled (its entity is the last name of a list, its indicator
swallows a line break), so the box is matched to the body by the words next to each number, never
by its indicator alone. Words alone pair different facts of parallel paragraphs (each zone's
"开工一批项目 14 个, 总投资…"), so a pairing is kept only inside a run of at least three numbers that
follow each other in both places, nearly all of which carry the same value: a parallel paragraph
states other values, a restatement the same ones. One value that differs inside such a run is a
mismatch (a typo in the box or in the body); a run is never built from the values alone.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import chain

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

import regex

from ..models import Comparison, Figure, Quantity
from .arith import Iv, Verdict
from .base import Ctx, config, norm_indicator, pattern, same_period, similarity, whole_words
from .base import rx  # inline patterns compiled once

_MARK = regex.compile(r"[\s*“”\"'‘’—\-_·【】\[\]→>《》]+")
_NUMBER = regex.compile(r"\d+(?:\.\d+)?")
_STOP = "。；;\n!！?？"
_FIRST_STOP = regex.compile("[" + regex.escape(_STOP) + "]")
_LAST_STOP = regex.compile("[" + regex.escape(_STOP) + "]", regex.REVERSE)


def _cfg(key: str, default: float) -> float:
    return float(config().get("restate", {}).get(key, default))


def _side(text: str, q: Quantity, left: bool, n: int) -> str:
    """The words beside a number within its clause line: markup dropped, other numbers as #."""
    if left:  # after the last stop before the number
        s = text[max(0, q.start - 40):q.start]
        k = _LAST_STOP.search(s)
        s = s[k.end():] if k else s
    else:  # up to the first stop after it
        s = text[q.end:q.end + 40]
        k = _FIRST_STOP.search(s)
        s = s[:k.start()] if k else s
    s = _NUMBER.sub("#", _MARK.sub("", s))
    return s[-n:] if left else s[:n]


def _bigrams(s: str, tag: str) -> set[str]:
    return {tag + s[i:i + 2] for i in range(len(s) - 1)}


def _shared(posting: dict[str, list[int]], feats: set[str], lo: int, hi: int) -> dict[int, int]:
    """Group position -> how many of ``feats`` that number has, for the positions in [lo, hi)."""
    if hi <= max(lo, 0):
        return Counter()
    slices = []
    for g in feats:
        ps = posting.get(g)
        if ps:  # positions are appended in order: the window is a slice
            slices.append(ps[bisect_left(ps, lo):bisect_left(ps, hi)])
    return Counter(chain.from_iterable(slices))  # one count over all slices, not an update per bigram


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


@dataclass(slots=True)
class _Pair:
    a: int  # index of the earlier quantity in the sequence
    b: int
    sim: float
    equal: bool


# A number is compared with at most this many earlier ones of its group (the busiest group of the
# real corpus holds 125), so that a run of thousands of numbers is not compared pairwise (issue 14).
_MAX_PAIRED = 400


def restated_facts(ctx: Ctx) -> None:
    text = ctx.src
    qs = [q for q in ctx.doc.quantities if not ctx.in_table(q.start) and not ctx.approx(q)
          and q.kind != "duration" and not ctx.is_reference_value(q)]
    if len(qs) < 6:
        return
    left_n, right_n = int(_cfg("left_chars", 10)), int(_cfg("right_chars", 6))
    feats = [_bigrams(_side(text, q, True, left_n), "L") | _bigrams(_side(text, q, False, right_n), "R") for q in qs]
    values = [_value(ctx, q) for q in qs]
    sent_of = {q.id: _sentence(ctx, q.start) for q in qs}
    min_sim = _cfg("min_similarity", 0.45)
    sizes = [len(f) for f in feats]
    pairs: list[_Pair] = []
    # only quantities of one dimension, kind and report can restate each other: compare within those
    # groups (in the same order as all pairs would be), not all n² pairs
    groups: dict[tuple, list[int]] = {}
    # per group, bigram -> positions in the group of the numbers that have it: with a positive floor,
    # only numbers sharing a bigram can pair, and the count of shared ones gives the same dice
    postings: dict[tuple, dict[str, list[int]]] = {}
    # per group, the sentence of its last member and where that sentence's members start: numbers are
    # in text order, so the members sharing b's sentence (never paired with it) are the group's tail
    tail: dict[tuple, tuple[int, int]] = {}
    for j, b in enumerate(qs):
        if values[j] is None:
            continue
        key = (ctx.dim(b), b.kind, ctx.part(b.start))
        members = groups.setdefault(key, [])
        if min_sim > 0:
            posting = postings.setdefault(key, {})
            sent_b, len_b = sent_of[b.id], len(feats[j])
            last_sent, first = tail.get(key, (None, 0))
            if last_sent != sent_b:
                first = len(members)
                tail[key] = (sent_b, first)
            shared = _shared(posting, feats[j], len(members) - _MAX_PAIRED, first)
            for p in sorted(shared):
                i = members[p]
                s = 2 * shared[p] / (sizes[i] + len_b)  # _dice, from the count
                if s >= min_sim and sent_of[qs[i].id] != sent_b:
                    pairs.append(_Pair(i, j, s, _equal(values[i], values[j], qs[i], b)))
            for g in feats[j]:
                posting.setdefault(g, []).append(len(members))
        else:
            for i in members[-_MAX_PAIRED:]:
                a = qs[i]
                if sent_of[a.id] == sent_of[b.id]:
                    continue
                s = _dice(feats[i], feats[j])
                if s >= min_sim:
                    pairs.append(_Pair(i, j, s, _equal(values[i], values[j], a, b)))
        members.append(j)
    for run in _runs(pairs, int(_cfg("max_gap", 3))):
        run = _apart(run)
        if not _restatement(run) or any(not p.equal and _named_apart(ctx, qs[p.a], qs[p.b]) for p in run):
            continue
        for p in run:
            _emit(ctx, qs[p.a], qs[p.b], values[p.a], values[p.b])  # type: ignore[arg-type]


def _runs(pairs: list[_Pair], gap: int) -> list[list[_Pair]]:
    """Chains of pairs moving forward together in both places (at most ``gap`` numbers skipped on
    either side), heaviest first; each number joins one chain. Weight: an equal value counts 1,
    the likeness of the words around it breaks ties."""
    pairs.sort(key=lambda p: (p.a, p.b))
    by_a: dict[int, list[int]] = {}
    for k, p in enumerate(pairs):
        by_a.setdefault(p.a, []).append(k)
    b_of = {a: [pairs[k].b for k in ks] for a, ks in by_a.items()}  # sorted, as pairs are by (a, b)
    best: list[float] = [0.0] * len(pairs)
    prev: list[Optional[int]] = [None] * len(pairs)
    for k, p in enumerate(pairs):
        w = (1.0 if p.equal else 0.0) + p.sim
        best[k] = w
        for da in range(1, gap + 1):
            ks = by_a.get(p.a - da, [])
            bs = b_of.get(p.a - da, [])
            # only the pairs whose b is within gap before p.b can precede p: a slice, not a scan (issue 14)
            for k2 in ks[bisect_left(bs, p.b - gap):bisect_left(bs, p.b)]:
                if best[k2] + w > best[k]:
                    best[k], prev[k] = best[k2] + w, k2
    out: list[list[_Pair]] = []
    used: set[int] = set()
    blocked: set[int] = set()  # pairs whose chain holds a used number: once so, always so
    for k in sorted(range(len(pairs)), key=lambda k: -best[k]):
        seen: list[int] = []
        cur: Optional[int] = k
        while cur is not None and cur not in blocked and pairs[cur].a not in used and pairs[cur].b not in used:
            seen.append(cur)
            cur = prev[cur]
        if cur is not None:  # the walk stopped at a used number: this chain and its tail are out
            blocked.update(seen)
            continue
        chain = [pairs[i] for i in reversed(seen)]
        for p in chain:
            used.update((p.a, p.b))
        out.append(chain)
    return out


def _apart(run: list[_Pair]) -> list[_Pair]:
    """The chain up to where its earlier side reaches into the restating passage: a number after the
    restatement's start cannot be what it restates (a page that repeats a passage and then goes on)."""
    first_b = run[0].b if run else 0
    for k, p in enumerate(run):
        if p.a >= first_b:
            return run[:k]
    return run


def _named_apart(ctx: Ctx, a: Quantity, b: Quantity) -> bool:
    """The two numbers are of figures named differently ("农业总产值…增长5.7%…" then "农业增加值…增长5.7%…",
    a growth of the economy then one of revenue): parallel statements, not one passage restated."""
    fa, fb = _owner(ctx, a), _owner(ctx, b)
    if fa is None or fb is None:
        return False
    x, y = norm_indicator(fa.indicator), norm_indicator(fb.indicator)
    if _per_unit_apart(x, y):
        return True  # 生产总值 and 人均生产总值: a total and its measure per head
    # names written a little differently in the two places (a dash, a quote) are one name
    return len(x) >= 2 and len(y) >= 2 and x not in y and y not in x and similarity(x, y) < 0.5


def _per_unit_apart(a: str, b: str) -> bool:
    """One name is of a measure per head, per household or per unit of land and the other is not."""
    per = pattern("restate", "per_unit")
    return bool(per.search(a)) != bool(per.search(b))


def _owner(ctx: Ctx, q: Quantity) -> Optional[Figure]:
    """The figure a number is the value of, or one of the comparisons of (a growth is its figure's)."""
    owners = ctx.memo.get("owner_of_q")
    if owners is None:
        owners = ctx.memo["owner_of_q"] = {}
        for f in ctx.doc.figures:
            for c in f.comparisons:
                owners.setdefault(c.quantity, f)
            if f.value is not None:
                owners[f.value] = f
    return owners.get(q.id)


def _restatement(run: list[_Pair]) -> bool:
    """At least three numbers in step, all but one with the same value, the words around them alike."""
    n = len(run)
    equal = sum(1 for p in run if p.equal)
    if n < int(_cfg("min_run", 3)) or equal < n - 1 or equal < 2:
        return False
    return sum(p.sim for p in run) / n >= _cfg("mean_similarity", 0.6)


def _sentence(ctx: Ctx, pos: int) -> int:
    sent = ctx.sentence_of(pos)
    return sent.start if sent is not None else -1 - pos


def _value(ctx: Ctx, q: Quantity) -> Optional[Iv]:
    """The number in its base unit, signed when it is a change (下降 8.2%)."""
    iv = ctx.base_iv(q) if q.kind not in ("rank",) else Iv.exact(q.value)
    if iv is None:
        return None
    for c in _comparisons_of(ctx).get(q.id, []):
        s = ctx.signed(c)
        if s is not None and s.nom < 0 and ctx.base_iv(q) is not None:
            return -iv
    return iv


def _comparisons_of(ctx: Ctx) -> dict[int, list[Comparison]]:
    """Quantity id -> the comparisons it is the number of (built once per check)."""
    comps = ctx.memo.get("comparisons_of_q")
    if comps is None:
        comps = ctx.memo["comparisons_of_q"] = {}
        for f in ctx.doc.figures:
            for c in f.comparisons:
                comps.setdefault(c.quantity, []).append(c)
    return comps


def _equal(x: Optional[Iv], y: Optional[Iv], a: Quantity, b: Quantity) -> bool:
    return x is not None and y is not None and x.nom == y.nom and a.decimals == b.decimals


def _emit(ctx: Ctx, a: Quantity, b: Quantity, A: Iv, B: Iv) -> None:
    if a.unit == b.unit and a.decimals == b.decimals:  # the same number written the same way
        v = Verdict("consistent" if A.nom == B.nom else "mismatch", Decimal(0))
    else:  # each stands for the half-open interval that rounds to it
        v = Verdict("consistent" if A.lo < B.hi and B.lo < A.hi else "mismatch", A.radius + B.radius)
    k = abs(B.nom) / b.value if b.value else Decimal(1)
    ok = v.status == "consistent"
    ctx.emit("repeated_fact", v, claimed=b.value if B.nom >= 0 else -b.value,
             computed=A.scale(Decimal(1) / k) if k else A, decimals=b.decimals,
             formula="a passage restating earlier figures in the same order: each restated value = the first",
             zh=f"复述的数字「{b.text}」与前文「{a.text}」" + ("一致" if ok else "不一致"),
             en=f"restated figure {b.text!r} and the earlier {a.text!r}" + (" agree" if ok else " disagree"),
             evidence=[ctx.ev_q(b, "claim", "restated"), ctx.ev_q(a, "input", "first statement")])


def set_counts(ctx: Ctx) -> None:
    """"全市共有省级及以上开发区9家" … "我市9个开发区均已完成": the size of a set of zones, named
    with its scope (全市/我市/现有, or 均/全部 after it: all of them), is one fact however often it is
    stated. A count with 有/其中/等 before it, a list of names, a year or a change (由…增至) in its
    clause is another set or another time, and is left alone."""
    cfg = config().get("restate", {})
    if not cfg.get("set_count_before") or not cfg.get("set_count_after"):
        return
    text = ctx.src
    groups: dict[tuple[int, str], list[Quantity]] = {}
    for key in ("set_count_before", "set_count_after"):
        for m in pattern("restate", key).finditer(text):  # compiled once, as every checks.toml pattern
            q = ctx.quantity_at(m.start("num"))
            if q is None or q.kind != "count" or q.unit not in ("个", "家") or ctx.approx(q) or ctx.in_table(q.start):
                continue
            clause_s = ctx.clause_start(m.start(), "。；;\n,，:：")
            clause = text[clause_s:m.end()]
            if rx(cfg["set_count_skip"]).search(clause):
                continue
            noun = rx(cfg["set_count_all_levels"]).sub("", m.group("qual") or "") + m.group("noun")
            groups.setdefault((ctx.part(q.start), noun), []).append(q)
    for (_, noun), qs in groups.items():
        qs = sorted({q.id: q for q in qs}.values(), key=lambda q: q.start)
        first = qs[0]
        for b in qs[1:]:
            if _sentence(ctx, b.start) == _sentence(ctx, first.start):
                continue
            ok = b.value == first.value
            ctx.emit("repeated_fact", Verdict("consistent" if ok else "mismatch", Decimal(0)), claimed=b.value,
                     computed=Iv.exact(first.value), decimals=0,
                     formula=f"the number of {noun} stated twice: later = earlier",
                     zh=f"{noun}数量两次出现:「{first.text}」与「{b.text}」" + ("一致" if ok else "不一致"),
                     en=f"the number of {noun} stated twice: {first.text!r} and {b.text!r}" + (" agree" if ok else " disagree"),
                     evidence=[ctx.ev_q(b, "claim", "restated"), ctx.ev_q(first, "input", "first statement")])


def unit_restatements(ctx: Ctx) -> None:
    """"2400千公顷（3600万亩）": a number restated in brackets in another unit of the same measure is
    the same value; each written number stands for its rounding interval, so they must meet."""
    for q in ctx.doc.quantities:
        p = ctx.alias_of(q)
        if p is None or p.unit == q.unit or "/" in p.unit + q.unit or p.normalized is None or q.normalized is None \
                or p.normalized.dimension != q.normalized.dimension or ctx.approx(p) or ctx.approx(q):
            continue
        P, Q = ctx.base_iv(p, exact=False), ctx.base_iv(q, exact=False)
        if P is None or Q is None or P.nom == 0:
            continue
        v = Verdict("consistent" if P.lo <= Q.hi and Q.lo <= P.hi else "mismatch", P.radius + Q.radius)
        k = Q.nom / q.value if q.value else Decimal(1)  # the claim's unit back from the base unit
        ok = v.status == "consistent"
        ctx.emit("unit_conversion", v, claimed=q.value, computed=P.scale(Decimal(1) / k), decimals=q.decimals,
                 tolerance=v.tolerance / k, formula=f"{q.unit} = {p.unit} converted",
                 zh=f"括号内换算「{q.text}」与「{p.text}」" + ("一致" if ok else "不一致"),
                 en=f"the bracketed restatement {q.text!r} of {p.text!r}" + (" agrees" if ok else " disagrees"),
                 evidence=[ctx.ev_q(q, "claim", "restated"), ctx.ev_q(p, "input", "value")])


def headline_facts(ctx: Ctx) -> None:
    """A headline restates a figure of the body: "8月份全县规上工业增加值比上年同期增长3.7%" over a body that
    opens "8月份，全县规上工业增加值比上年同期增长3.7%". A headline is a short line with no sentence
    stop; its figure meets the first figure after it, in the lines that are not headlines, with the same
    name (place words dropped) and a period that does not differ. The values, then the growths, must agree."""
    text = ctx.src
    heads: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        if 0 < len(line.strip()) <= _HEADLINE_MAX and not regex.search(r"[。；;！!？?]", line) and not ctx.in_table(s) \
                and not _wrapped(ctx, s, e):
            heads.append((s, e))
    if not heads:
        return
    strip = pattern("restate", "headline_region")
    starts = [h[0] for h in heads]

    def head_of(pos: int) -> Optional[tuple[int, int]]:
        k = bisect_right(starts, pos) - 1
        return heads[k] if k >= 0 and pos < heads[k][1] else None

    for f in ctx.doc.figures:
        line = head_of(f.start)
        if line is None or not f.indicator:
            continue
        # a headline read as one sentence with the body line after it: the figure holds both growths
        grows = [ctx.q(c.quantity) for c in f.comparisons if c.type == "growth"]
        inside = [q for q in grows if q is not None and q.end <= line[1]]
        outside = [q for q in grows if q is not None and q.start > line[1]]
        if inside and outside and ctx.dim(inside[0]) == ctx.dim(outside[0]):
            A, B = _value(ctx, outside[0]), _value(ctx, inside[0])
            if A is not None and B is not None:
                _emit(ctx, outside[0], inside[0], A, B)
            continue
        name = _bare_name(strip, f)
        if len(name) < 2:
            continue
        after = [g for g in ctx.figures_between(f.start + 1, f.start + _HEADLINE_REACH) if head_of(g.start) is None]
        if not after:
            continue
        lead = ctx.paragraph(after[0].start)  # the body's lead: the first paragraph after the headline
        # named alike once a whole's spellings are one (进出口 over 进出口总值); a two-character name (出口)
        # ends its kinds' names too (进出口): only itself names it
        named = whole_words(name)
        body = next((g for g in after if lead[0] <= g.start < lead[1] and _names(whole_words(_bare_name(strip, g)), named)
                     and same_period(f.period, g.period)), None)
        if body is None:
            continue
        for a, b in ((ctx.value_q(body), ctx.value_q(f)), (_growth_q(ctx, body), _growth_q(ctx, f))):
            if a is None or b is None or ctx.dim(a) != ctx.dim(b) or ctx.approx(a) or ctx.approx(b):
                continue
            A, B = _value(ctx, a), _value(ctx, b)
            if A is not None and B is not None:
                _emit(ctx, a, b, A, B)


def _wrapped(ctx: Ctx, s: int, e: int) -> bool:
    """A line that is a sentence cut by a line end ("…完成A亿元，比上年增\n长g%。"): it holds a
    comma, ends in a word (not a number, a unit mark or a bracket) and the next line goes on right under
    it; a headline stands apart, or ends with its figure."""
    line = ctx.src[s:e].rstrip()
    return bool(line) and regex.search(r"[，,]", line) is not None and regex.match(r"\p{Han}", line[-1]) is not None \
        and regex.match(r"\n[ \t]*\S", ctx.src[e:e + 8]) is not None


def _names(body: str, head: str) -> bool:
    if _per_unit_apart(body, head):
        return False  # 人均生产总值 restates no 生产总值
    return body == head or (len(head) > 2 and body.endswith(head))


def _bare_name(strip: "regex.Pattern[str]", f: Figure) -> str:
    """A figure's name without the place words before it: the region's (全省) and its own place as
    written ("西安重点在建项目" in a headline over "西安市…重点在建项目" in the body)."""
    name = _DONE_VERB.sub("", strip.sub("", norm_indicator(f.indicator)))  # 县域实现税收收入: the measure
    places = [p for p in (f.entity_text, f.entity) if p]
    places += [p[:-1] for p in places if len(p) >= 3 and p[-1] in "省市县区州"]  # 西安 for 西安市
    for place in places:
        if len(name) > len(place) + 1 and name.startswith(place):
            return name[len(place):]
    return name


_DONE_VERB = regex.compile(r"(?<=\p{Han}{2})(?:累计完成|完成|实现)(?=\p{Han}{2})")
_HEADLINE_MAX = 60  # characters of a headline line
_HEADLINE_REACH = 3000  # how far into the body a headline's figure is looked for


def _growth_q(ctx: Ctx, f: Figure) -> Optional[Quantity]:
    c = ctx.growth(f)
    return ctx.q(c.quantity) if c is not None else None
