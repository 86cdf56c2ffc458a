"""Find every numeric expression in the repaired text: a quantity, or a skipped number with its reason.

Order matters: ranks first (their 第N would otherwise read as an ordinal), then the skip rules of
patterns/skips.toml (dates, headings, names...), then numbers with their units and qualifiers.
"""
from __future__ import annotations

from bisect import bisect_left

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from .. import resources
from .numerals import in_range, parse_arabic, parse_chinese, tables
from .units import Unit, lexicon


@dataclass
class RawQuantity:
    start: int
    end: int
    value: Decimal
    decimals: int
    unit: Unit
    unit_name: str
    qualifier: Optional[str] = None
    low: Optional[Decimal] = None
    high: Optional[Decimal] = None
    kind: str = ""
    scope: Optional[str] = None  # for ranks: 全省, 全市 ...
    ratio: Optional[tuple[int, int]] = None  # for the terms of a ratio (6:41:53): the whole ratio's span

    def __post_init__(self) -> None:
        self.kind = self.kind or self.unit.kind


@dataclass
class RawSkip:
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class _SkipRule:
    name: str
    reason: str
    rx: regex.Pattern[str]
    # words one of which every match holds (skips.toml `needs`): a text without any is not scanned
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Grammar:
    token: regex.Pattern[str]
    unit: regex.Pattern[str]
    rank: regex.Pattern[str]
    rank_next: regex.Pattern[str]  # "分列第2位、第3位": the members after the first
    rank_elided: regex.Pattern[str]  # "分列第四、五、六位": members sharing the first's 第 and the last's 位
    rank_move: regex.Pattern[str]  # "由第81位上升至第44位": two ranks
    top_n: regex.Pattern[str]  # "进入前三十强", "跻身五十强": a rank within the top N
    top_set: regex.Pattern[str]  # "前五位的地区", "前10位客源国": the first N, a rank within them
    fraction: regex.Pattern[str]
    digit_fraction: regex.Pattern[str]
    ratio: regex.Pattern[str]
    prefix: regex.Pattern[str]
    prefix_word: regex.Pattern[str]  # words that end like a prefix qualifier (签约 ends like 约)
    infix: regex.Pattern[str]
    suffix: regex.Pattern[str]
    joiner: regex.Pattern[str]
    skips: tuple[_SkipRule, ...]
    rank_unit: Unit
    none_unit: Unit
    ratio_unit: Unit
    year_unit: Unit


CN_START = "零〇一二两三四五六七八九十百千"
CN_BODY = CN_START + "万亿点"
# Capital (financial) numerals, 壹佰贰拾叁万元: read like the others, but a lone capital character
# is ordinary text (陆续, 陆家嘴) unless an amount of money follows it (伍元).
CAPITAL = "壹贰叁肆伍陆柒捌玖拾佰仟"
_AR = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_COLONS = ":：∶︰﹕"
_TERM = regex.compile(r"[-−]?\d+(?:\.\d+)?")


@lru_cache(maxsize=1)
def grammar() -> _Grammar:
    nums = resources.load("numbers")
    skips = resources.load("skips")
    lex = lexicon()
    defines = dict(skips.get("define", {}))
    # {place}: a Chinese numeral that starts a place name (五台, 六盘水, 三门峡) is part of the name.
    defines["place"] = grouped_alternation([p for p in resources.places() if p[0] in CN_START])
    rules = []
    for i, r in enumerate(skips["rule"]):
        where = f"skips.toml rule {r.get('name', i + 1)}"
        resources.require(r, ("name", "reason", "pattern"), where)
        needs = r.get("needs", [])
        if not isinstance(needs, list) or not all(isinstance(w, str) and w for w in needs):
            raise resources.PatternError(f"{where}: needs must be a list of words")
        rules.append(_SkipRule(r["name"], r["reason"],
                               resources.compile_rx(resources.expand(r["pattern"], defines, where), where), tuple(needs)))
    q = nums["qualifiers"]
    token = regex.compile(
        rf"(?P<ar>(?<![\d.]|\d,)[+\-−]?{_AR})|(?P<cn>[{CN_START}{CAPITAL}][{CN_BODY}{CAPITAL}]*)")
    unit_alt = lex.pattern
    unit = regex.compile(rf"(?P<u>{unit_alt})(?:/(?P<d>{lex.denominator_pattern})(?![\d]))?")
    # what follows a rank's number that makes it no rank: a tier (第一方阵), a batch or session, a share (前10%)
    not_rank = r"(?!方阵|梯队|阵营|批|期|次|届|季度|产业|[\d.]*\s*[%％])"
    # a rank within a place's whole needs no verb ("增速全市第一", "七项指标全省前三"), but 第一个/第一家 is
    # the first of a kind, no rank
    rank = regex.compile(
        r"(?:(?:排名|排在|排位|排|位居|位列|居于|居|列|保持)(?P<scope>全省|全市|全国|全区|\p{Han}{1,12}?(?:[(（][\p{Han}、]{1,8}[)）])?)?"
        r"|(?<=\p{Han})(?P<scope>全省|全市|全国|全区|全县)(?=[第前][一二三四五六七八九十\d]+(?:位|名)?(?![个家座所条项次批届期产]|\p{Han}*?产业)))"
        rf"(?:(?P<di>第)|(?P<qian>前))(?P<n>\d+|[{CN_START}]+)(?P<u>位|名)?{not_rank}")
    # the next member may name its own scope ("全省第9位、苏北第2位"); without 位/名 ("第2和第5")
    # it must end at a separator, so "第2，第三产业" is no list of ranks
    rank_next = regex.compile(
        rf"[、，,和及](?P<scope>\p{{Han}}{{1,8}}?)?(?P<di>第)(?P<n>\d+|[{CN_START}]+)"
        rf"(?:(?P<u>位|名)|{not_rank}(?=[、，,。；;和及)）\s]|$))")
    rank_move = regex.compile(
        rf"(?:由|从)(?P<scope>全省|全市|全国|全区)?(?:[^，,。；;\d]{{1,8}}?的)?(?P<di>第)(?P<n>\d+|[{CN_START}]+)(?P<u>位|名)"
        rf"(?:上升|提升|前移|跃升|攀升|下降|后移|下滑|回落|升|降)?(?:至|到|为)(?P<di2>第)(?P<n2>\d+|[{CN_START}]+)(?P<u2>位|名)")
    top_n = regex.compile(
        rf"(?:(?:进入|跻身|入围|位列|位居|挺进|跨入|迈入|稳居|入选|晋级|跃居|跃入|保持|列入)"
        rf"(?P<scope>全国|全省|全市|全区|(?:(?![{CN_START}])\p{{Han}}){{1,6}}?)?)?(?P<qian>前)?(?P<n>\d+|[{CN_START}]+)强(?![度化])")
    top_set = regex.compile(rf"(?<![目之提以])(?P<qian>前)(?P<n>\d+|[{CN_START}]+)(?P<u>位|名){not_rank}")
    cn_num = rf"(?:\d+(?:\.\d+)?|[{CN_START}][{CN_BODY}]*)"
    fraction = regex.compile(rf"(?P<den>{cn_num}|百|千|万)分之(?P<num>{cn_num})")
    # "约1/8的面积": a fraction in digits, standing alone before 的, 左右 or a stop (no date: 2019/3/8,
    # no 1/2季度)
    digit_fraction = regex.compile(r"(?<![\d./:：])(?P<num>\d{1,3})/(?P<den>\d{1,4})(?![\d/.:：])"
                                   r"(?=的|左右|以上|以下|[，,。；;、）)])")
    return _Grammar(
        token=token,
        unit=unit,
        rank=rank,
        rank_next=rank_next,
        rank_elided=regex.compile(rf"(?:、(?:\d+|[{CN_START}]+))+(?:位|名)"),
        rank_move=rank_move,
        top_n=top_n,
        top_set=top_set,
        fraction=fraction,
        digit_fraction=digit_fraction,
        # a term may be negative: contributions to growth (贡献率分别是-a:b:c)
        ratio=regex.compile(rf"(?<![\d.{_COLONS}\-−])[-−]?\d+(?:\.\d+)?(?:\s*[{_COLONS}]\s*[-−]?\d+(?:\.\d+)?)+(?![\d.{_COLONS}])"),
        prefix=regex.compile(rf"(?:{resources.alternation(q['prefix'])})$"),
        prefix_word=regex.compile(rf"(?:{resources.alternation(q['prefix_words'])}|{q['prefix_nouns']})$"),
        infix=regex.compile(rf"(?:{resources.alternation(q['infix'])})"),
        suffix=regex.compile(rf"(?:{resources.alternation(q['suffix'])})"),
        joiner=regex.compile(rf"(?:{resources.alternation(nums['ranges']['joiners'])})+"),
        skips=tuple(rules),
        rank_unit=Unit("位", "rank", "rank", "位", Decimal(1)),
        none_unit=Unit("", "count", "count", "", Decimal(1)),
        ratio_unit=Unit("", "ratio", "ratio", "", Decimal(1)),
        year_unit=Unit("年", "duration", "time", "年", Decimal(1)),
    )


def grouped_alternation(words: list[str]) -> str:
    """Like ``resources.alternation`` (the longest form wins), grouped by first character:
    "一日三省|一枕邯郸|三亚…" -> "一(?:日三省|枕邯郸)|三(?:亚…)". Same matches, but the regex engine
    tries one branch per position instead of every word: 5x faster for the 600 place names."""
    groups: dict[str, list[str]] = {}
    for w in sorted(set(words)):
        groups.setdefault(w[0], []).append(w[1:])
    return "(?:" + "|".join(regex.escape(first) + "(?:" + resources.alternation(rest) + ")"
                            for first, rest in groups.items()) + ")"


def _number(tok: str) -> Optional[tuple[Decimal, int]]:
    """The number a token reads as; None when malformed or out of range (see ``in_range``)."""
    if tok[0].isdigit() or tok[0] in "+-−":
        parsed: Optional[tuple[Decimal, int]] = parse_arabic(tok.replace("−", "-"))
    else:
        parsed = parse_chinese(tok)
    return parsed if parsed is not None and in_range(parsed[0]) else None


class _Claims:
    """Which characters are already taken by a quantity or a skip."""

    def __init__(self, n: int) -> None:
        self.taken = bytearray(n)

    def free(self, s: int, e: int) -> bool:
        return self.taken.find(1, s, e) < 0

    def take(self, s: int, e: int) -> None:
        self.taken[s:e] = b"\x01" * (e - s)


def scan(text: str, blocked: list[tuple[int, int]]) -> tuple[list[RawQuantity], list[RawSkip]]:
    """Scan ``text`` outside the ``blocked`` spans (tables)."""
    g = grammar()
    claims = _Claims(len(text))
    for s, e in blocked:
        claims.take(s, e)
    quantities: list[RawQuantity] = []
    skipped: list[RawSkip] = []

    _moves_and_top_n(text, g, claims, quantities)
    for m in g.rank.finditer(text):
        s, e = m.start("n"), m.end()
        if not claims.free(m.start(), e):
            continue
        parsed = _number(m.group("n"))
        if parsed is None:
            continue
        elided = g.rank_elided.match(text, e) if m.group("di") and not m.group("u") else None
        if elided is not None and claims.free(e, elided.end()):
            _elided_ranks(text, m, elided.end(), g, quantities)
            claims.take(m.start("di"), elided.end())
            continue
        quantities.append(RawQuantity(s, e, parsed[0], parsed[1], g.rank_unit, "位",
                                      qualifier="前" if m.group("qian") else None,
                                      scope=m.group("scope") or None))
        claims.take(m.start("di") if m.group("di") else m.start("qian"), e)
        _next_ranks(text, e, g, claims, quantities, scope=m.group("scope") or None, listed=bool(m.group("u")))

    # The first N named without a verb of ranking ("前五位的地区", "前10位客源国"): after the ranks above,
    # which keep the scope they name ("排名全省前三位")
    for m in g.top_set.finditer(text):
        parsed = _number(m.group("n"))
        if parsed is None or not claims.free(m.start(), m.end()):
            continue
        quantities.append(RawQuantity(m.start("n"), m.end(), parsed[0], parsed[1], g.rank_unit, "位", qualifier="前"))
        claims.take(m.start(), m.end())

    # Fractions: 百分之二十 (20%), 千分之五 (5‰), 三分之一 (a ratio).
    lex = lexicon()
    for m in g.fraction.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        den, num = m.group("den"), _number(m.group("num"))
        if num is None:
            continue
        if den in ("百", "千"):
            unit = lex.get("%" if den == "百" else "‰")
            quantities.append(RawQuantity(m.start(), m.end(), num[0], num[1], unit, unit.name))
        else:
            d = _number(den) if den != "万" else (Decimal(10000), 0)
            if d is None or d[0] == 0:
                continue
            value = (num[0] / d[0]).quantize(Decimal("1e-6")).normalize()
            quantities.append(RawQuantity(m.start(), m.end(), value, 6, g.ratio_unit, ""))
        claims.take(m.start(), m.end())
    for m in g.digit_fraction.finditer(text):
        den = Decimal(m.group("den"))
        if den < 2 or not claims.free(m.start(), m.end()):
            continue
        value = (Decimal(m.group("num")) / den).quantize(Decimal("1e-6")).normalize()
        quantities.append(RawQuantity(m.start(), m.end(), value, 6, g.ratio_unit, ""))
        claims.take(m.start(), m.end())

    for rule in g.skips:
        if not rule.needs or any(w in text for w in rule.needs):
            _skip_rule(text, rule, claims, skipped)

    _ratios(text, g, claims, quantities)
    pos = 0
    while (m := g.token.search(text, pos)) is not None:
        pos, s = m.end(), m.start()
        if not claims.free(s, m.end()):
            # Part of a skip or quantity: a number straddling one is left to it, unless free chars
            # remain; a Chinese numeral whose head a word took ("唯一一个") starts again after it.
            tail = claims.taken.find(0, s, m.end())
            if m.group("cn") is not None and tail > s and claims.free(tail, m.end()):
                pos = tail
            continue
        if m.group("cn") is not None and _ordinary_capital(text, m, g):
            continue
        q = _read_quantity(text, m, g)
        if q is None:
            # A Chinese numeral that is no quantity is a word (一些, 十分); an Arabic number that
            # cannot be read (out of range) is malformed.
            skipped.append(RawSkip(s, m.end(), "word" if m.group("cn") is not None or _number(m.group()) else "malformed"))
            claims.take(s, m.end())
            continue
        if not claims.free(q.start, q.end):
            q.end = m.end()
        quantities.append(q)
        claims.take(q.start, q.end)

    skipped.extend(_leftovers(text, claims))
    quantities.sort(key=lambda q: q.start)
    _spread_list_units(text, quantities)
    _money_scales(text, quantities)
    skipped.sort(key=lambda k: k.start)
    return quantities, skipped


def _ratios(text: str, g: _Grammar, claims: _Claims, out: list[RawQuantity]) -> None:
    """"三次产业结构为6:41:53", "2.05∶1": each term is a ratio term (never a count), and all carry
    the span of the whole ratio. Clock times (2019-04-03 17:45) are skipped as dates before this."""
    for m in g.ratio.finditer(text):
        terms = [(t, _number(t.group())) for t in _TERM.finditer(text, m.start(), m.end())]
        if not claims.free(m.start(), m.end()) or any(p is None for _, p in terms):
            continue  # a term out of range is left to the token scan, which reports it
        um = g.unit.match(text, m.end())  # "-a:b:c个百分点": the unit after the terms is no number's, but the last term's
        for k, (t, p) in enumerate(terms):
            end = um.end() if um is not None and k == len(terms) - 1 else t.end()
            out.append(RawQuantity(t.start(), end, p[0], p[1], g.ratio_unit, "", ratio=m.span()))  # type: ignore[index]
        claims.take(m.start(), um.end() if um is not None else m.end())


def _ordinary_capital(text: str, m: regex.Match[str], g: _Grammar) -> bool:
    """A single capital numeral is ordinary text (陆续, 陆家嘴, 伍) unless an amount of money follows."""
    if len(m.group()) > 1 or m.group()[0] not in CAPITAL:
        return False
    um = g.unit.match(text, m.end())
    return um is None or lexicon().get(um.group("u")).dimension != "money"


# The last guard on the skip rules' time (issue 14): the rules are written to run in linear time, and
# a pass that still runs past this budget (seconds, growing with the text) is cut off. Real text takes
# milliseconds per 100,000 characters.
TIMEOUT_BASE = 2.0
TIMEOUT_PER_CHAR = 2e-5


def _budget(n: int) -> float:
    return TIMEOUT_BASE + TIMEOUT_PER_CHAR * n


def _skip_rule(text: str, rule: _SkipRule, claims: _Claims, skipped: list[RawSkip]) -> None:
    """Apply one skip rule; if its pass over the text times out, the rest is run line by line, and a
    line that still times out is skipped whole with the reason "timeout", so it is reported, not lost."""

    def take(m: regex.Match[str]) -> None:
        if m.end() > m.start() and claims.free(m.start(), m.end()):
            skipped.append(RawSkip(m.start(), m.end(), rule.reason))
            claims.take(m.start(), m.end())

    pos = 0
    try:
        for m in rule.rx.finditer(text, timeout=_budget(len(text))):
            take(m)
            pos = m.end()
        return
    except TimeoutError:
        pass
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end + 1
        try:
            for m in rule.rx.finditer(text, pos, end, timeout=_budget(end - pos)):
                take(m)
        except TimeoutError:
            k = pos
            while (a := claims.taken.find(0, k, end)) >= 0:  # each stretch of the line not yet taken
                b = claims.taken.find(1, a, end)
                k = end if b < 0 else b
                skipped.append(RawSkip(a, k, "timeout"))
            claims.take(pos, end)
        pos = end


_RANK_NUMBER = regex.compile(rf"\d+|[{CN_START}]+")


def _elided_ranks(text: str, m: "regex.Match[str]", end: int, g: _Grammar, out: list[RawQuantity]) -> None:
    """"分列第四、五、六位": one rank per number, the first's 第 and the last's 位 shared by all."""
    pos = m.start("n")
    for num in _RANK_NUMBER.finditer(text[pos:end]):
        parsed = _number(num.group())
        if parsed is None:
            return
        s, e = pos + num.start(), pos + num.end()
        if text[e:e + 1] in ("位", "名"):
            e += 1
        out.append(RawQuantity(s, e, parsed[0], parsed[1], g.rank_unit, "位", scope=m.group("scope") or None))


def _next_ranks(text: str, pos: int, g: _Grammar, claims: _Claims, out: list[RawQuantity],
                scope: Optional[str], listed: bool) -> None:
    """The ranks listed after a rank ("分列第2位、第3位", "全省第9位、苏北第2位", "第2和第5"): each a
    rank of its own scope or the first one's. Members end in 位/名 when the first one does."""
    m = g.rank_next.match(text, pos)
    # "排名第2、第13位": members end in 位/名 when the first does, or the last one carries it for all
    while m is not None and (bool(m.group("u")) == listed or not listed) and claims.free(m.start("di"), m.end()):
        parsed = _number(m.group("n"))
        if parsed is None:
            return
        scope = m.group("scope") or scope
        out.append(RawQuantity(m.start("n"), m.end(), parsed[0], parsed[1], g.rank_unit, "位", scope=scope))
        claims.take(m.start("di"), m.end())
        m = g.rank_next.match(text, m.end())


def _moves_and_top_n(text: str, g: _Grammar, claims: _Claims, out: list[RawQuantity]) -> None:
    """"由第81位上升至第44位": the rank before and the rank after; "进入前三十强", "跻身五十强":
    a rank within the top N (qualifier 前)."""
    for m in g.rank_move.finditer(text):
        a, b = _number(m.group("n")), _number(m.group("n2"))
        if a is None or b is None or not claims.free(m.start("di"), m.end()):
            continue
        scope = m.group("scope") or None
        out.append(RawQuantity(m.start("n"), m.end("u"), a[0], a[1], g.rank_unit, "位", scope=scope))
        out.append(RawQuantity(m.start("n2"), m.end(), b[0], b[1], g.rank_unit, "位", scope=scope))
        claims.take(m.start("di"), m.end("u"))
        claims.take(m.start("di2"), m.end())
    for m in g.top_n.finditer(text):
        if m.group("qian") is None and m.start("n") == m.start():
            continue  # a bare "百强县" names a list; the top N needs 前 or a verb of entering
        parsed = _number(m.group("n"))
        s = m.start("qian") if m.group("qian") else m.start("n")
        if parsed is None or not claims.free(s, m.end()):
            continue
        out.append(RawQuantity(m.start("n"), m.end(), parsed[0], parsed[1], g.rank_unit, "位", qualifier="前",
                               scope=(m.group("scope") or None)))
        claims.take(s, m.end())


_NUMERAL_RUN = regex.compile(rf"[0-9{CN_START}]+")


def _leftovers(text: str, claims: _Claims) -> list[RawSkip]:
    """Numerals no rule claimed are reported, never dropped: digits after a stray decimal point
    (".9", the "3.4" of "1.2.3.4", where the token's look-behind refuses to start a number) and
    the free tail of a number that straddles a skip. Each unclaimed run is one "malformed" skip."""
    out: list[RawSkip] = []
    for m in _NUMERAL_RUN.finditer(text):
        s, e = m.span()
        if claims.taken.find(0, s, e) < 0:  # fully claimed: the common case
            continue
        i = s
        while i < e:
            if claims.taken[i]:
                i += 1
                continue
            j = i
            while j < e and not claims.taken[j]:
                j += 1
            out.append(RawSkip(i, j, "malformed"))
            claims.take(i, j)
            i = j
    return out


def _read_quantity(text: str, m: regex.Match[str], g: _Grammar) -> Optional[RawQuantity]:
    tok = m.group(0)
    is_cn = m.group("cn") is not None
    end = m.end()
    if is_cn and len(tok) > 1 and tok[-1] in "万亿" and g.unit.match(text, end - 1):
        parsed = _before_scale(tok)  # "两千万元" reads as 两千 + 万元, like "2000万元"
        tok, end = tok[:-1], end - 1
    else:
        parsed = _number(tok)
    if parsed is None:
        return None
    value, decimals = parsed
    if not is_cn:
        value, decimals, end = _compose_arabic(text, end, value, decimals, g)
    start = m.start()
    low = high = None

    # Range: 10—20亿元, 0.5-1亿元, 5~10个; and the unit written on both ends: 7%—8%, 10亿元至20亿元
    j = g.joiner.match(text, end)
    u1 = None if j else g.unit.match(text, end)
    if u1 is not None:
        j = g.joiner.match(text, u1.end())
    across: Optional[tuple[Unit, int]] = None  # "500万元-1亿元": a range whose ends are written in two scales
    if j:
        m2 = g.token.match(text, j.end())
        if m2 and u1 is not None:
            u2 = g.unit.match(text, m2.end())
            if u2 is not None and u2.group(0) != u1.group(0) and m2.group("ar") is not None and not is_cn:
                a, b = lex_unit(u1), lex_unit(u2)
                p2 = _number(m2.group(0).lstrip("+-−"))
                if a.dimension == b.dimension and a.factor and p2 is not None and p2[0] * b.factor > value * a.factor:
                    low, high = value, p2[0] * b.factor / a.factor  # both ends in the first end's unit
                    across = (a, u2.end())
            m2 = m2 if u2 is not None and u2.group(0) == u1.group(0) else None
        if m2 and (m2.group("ar") is not None) == (not is_cn):
            p2 = _number(m2.group(0).lstrip("+-−"))
            if p2 is not None and p2[0] >= value:
                low, high = value, p2[0]
                decimals = max(decimals, p2[1])
                end = m2.end()

    qualifiers: list[str] = []
    pre = g.prefix.search(text, max(0, start - 4), start)
    if pre and not g.prefix_word.search(text, max(0, pre.start() - 3), start):  # 签约 6 个 is not 约 6 个
        qualifiers.append(pre.group(0))
    if across is not None:
        unit, uend = across
        suf = g.suffix.match(text, uend)
        if suf:
            qualifiers.append(suf.group(0))
        return RawQuantity(start, uend, value, decimals, unit, unit.name, qualifier="/".join(qualifiers) or None,
                           low=low, high=high)
    inf = g.infix.match(text, end)
    pos = inf.end() if inf else end
    um = g.unit.match(text, pos)
    if is_cn and um is None and not inf:
        # "三万元" reads as 三 + 万元: give the section character back to the unit.
        if tok[-1] in "万亿" and len(tok) > 1:
            um2 = g.unit.match(text, end - 1)
            if um2:
                back = _before_scale(tok)
                if back is not None:
                    value, decimals = back
                    end, pos, um = end - 1, end - 1, um2
    if inf and um:
        qualifiers.append(inf.group(0))
    elif inf:
        pos = end
        um = g.unit.match(text, pos)
    unit: Unit
    scaled = _scale_infix_unit(text, um, g) if um and um.group(0) in ("万", "亿") else None
    if scaled is not None:  # "1.6 万余人": the unit is 万人, "余" its qualifier
        inf2, unit, uend = scaled
        qualifiers.append(inf2)
    elif um:
        unit = lex_unit(um)
        uend = um.end()
        per = _PER_BEFORE.search(text, max(0, start - 6), start) if unit.kind == "amount" and not um.group("d") else None
        den = lexicon().denominators.get(per.group(1)) if per else None
        if den is not None:  # "每吨15028.5元": a price per ton, 元/吨
            unit = _compound(unit, den)
        tenth = _tenth(text, uend, g) if unit.name == "成" and decimals == 0 and low is None else None
        if tenth is not None:  # "八成五" = 8.5成 (85%), "三成半" = 3.5成
            value, decimals, uend = value + tenth, 1, uend + 1
    elif text.startswith("年", end) and low is None and decimals == 0 and value < 100 and not text.startswith(("年度", "年底", "年初", "年末"), end):
        unit, uend = g.year_unit, end + 1
    elif inf and text.startswith("年", inf.end()) and low is None and decimals == 0 \
            and not text.startswith(("年度", "年底", "年初", "年末"), inf.end()):
        unit, uend = g.year_unit, inf.end() + 1  # "600多年", "1200余年": a span of years (no year takes 多)
        qualifiers.append(inf.group(0))
    elif decimals and not is_cn and low is None and (du := _decimal_only(text, end)) is not None:
        unit, uend = du, end + len(du.name)
    else:
        if is_cn:
            return None
        unit = g.ratio_unit if decimals else g.none_unit
        uend = end
    suf = g.suffix.match(text, uend)
    if suf:
        qualifiers.append(suf.group(0))
    return RawQuantity(start, uend, value, decimals, unit, unit.name, qualifier="/".join(qualifiers) or None,
                       low=low, high=high)


def _decimal_only(text: str, end: int) -> Optional[Unit]:
    """A unit read only after a number with decimals ("1.5日" is days, "15日" a day of the month)."""
    return next((u for form, u in lexicon().decimal_only.items() if text.startswith(form, end)), None)


_PER_BEFORE = regex.compile(r"每\s*(\p{Han}{1,3})\s*(?:为|达|是)?\s*$")  # "每吨", "每亩达": per one of a unit
_MULTIPLIERS = {"百": 100, "千": 1000}
_SECTIONS = {"万": Decimal(10000), "亿": Decimal(100000000)}


def _before_scale(tok: str) -> Optional[tuple[Decimal, int]]:
    """The number a Chinese numeral stands for once its last 万/亿 becomes part of the unit (万元):
    两千 in "两千万"; in "一亿二千万" the 亿 holds 10000 of those 万, so 12000."""
    sections = tables().sections
    if not any(ch in sections for ch in tok[:-1]):
        return _number(tok[:-1])
    full = _number(tok)
    if full is None:
        return None
    value = full[0] / sections[tok[-1]]
    return value, max(0, -int(value.as_tuple().exponent))


def _compose_arabic(text: str, end: int, value: Decimal, decimals: int, g: _Grammar) -> tuple[Decimal, int, int]:
    """Arabic digits with Chinese multipliers: "4千万元" = 4000万元 (千 multiplies the number, 万元 is
    the unit; 千米 and 千元 are units of their own), "2万3000元" = 23000元, "1亿2000万元" = 12000万元.
    Returns the value, its decimals and the new end of the number."""
    ch = text[end:end + 1]
    if ch in _MULTIPLIERS and g.unit.match(text, end) is None and g.unit.match(text, end + 1) is not None:
        k = _MULTIPLIERS[ch]
        dec = max(0, decimals - len(str(k)) + 1)
        return (value * k).quantize(Decimal(1).scaleb(-dec)), dec, end + 1
    if (ch in _SECTIONS or ch == "兆") and decimals == 0 and value >= 0:
        m2 = g.token.match(text, end + 1)
        if m2 is not None and m2.group("ar") is not None and m2.group().replace(",", "").isdigit():
            y = Decimal(m2.group().replace(",", ""))
            um = g.unit.match(text, m2.end())
            form = um.group("u") if um is not None else ""
            k = _MULTIPLIERS.get(text[m2.end():m2.end() + 1])
            um2 = g.unit.match(text, m2.end() + 1) if k is not None else None
            if ch in _SECTIONS and um2 is not None and um2.group("u")[:1] not in _SECTIONS and y * k < _SECTIONS[ch]:
                # "2亿5千元" = 200005000元: 千 multiplies the digit (千元 is no unit after a section)
                return value * _SECTIONS[ch] + y * k, 0, m2.end() + 1
            if ch in _SECTIONS and form and form[0] not in _SECTIONS and y < _SECTIONS[ch]:
                return value * _SECTIONS[ch] + y, 0, m2.end()
            if ch == "亿" and form == "万" and y < 10000 and text[m2.end():m2.end() + 1] == "万":
                # "53亿175万5千元" = 5301755000元: a digit with 千 after the 万 (千元 is no unit there)
                m3 = g.token.match(text, m2.end() + 1)
                z = m3.group().replace(",", "") if m3 is not None and m3.group("ar") is not None else ""
                k3 = _MULTIPLIERS.get(text[m3.end():m3.end() + 1]) if z.isdigit() and m3 is not None else None
                um3 = g.unit.match(text, m3.end() + 1) if k3 is not None and m3 is not None else None
                if um3 is not None and um3.group("u")[:1] not in _SECTIONS and Decimal(z) * k3 < 10000:  # type: ignore[operator]
                    return value * 10 ** 8 + y * 10000 + Decimal(z) * k3, 0, m3.end() + 1  # type: ignore[union-attr, operator]
            # "1亿2000万元" = 12000万元; "16兆6,007億元" = 166007亿元 (兆, a trillion in Taiwan's money, is 10000亿)
            if (ch, form[:1]) in (("亿", "万"), ("兆", "亿")) and y < 10000:
                return value * 10000 + y, 0, m2.end()
            # "25亿8千万元" = 258000万元: a digit with its own multiplier before the 万 of the unit
            if ch == "亿" and um2 is not None and um2.group("u")[:1] == "万" and y * k < 10000:
                return value * 10000 + y * k, 0, m2.end() + 1
    return value, decimals, end


def _tenth(text: str, pos: int, g: _Grammar) -> Optional[Decimal]:
    """The tenths written after 成: 五 in "八成五", 4 in "6成4", 半 in "三成半"; None when the digit starts
    something else (a number of its own, "三成五家" is not 3.5成)."""
    ch = text[pos:pos + 1]
    if ch == "半":
        return Decimal("0.5")
    digits = tables().digits
    if ch and ch in digits and digits[ch] > 0 and ch in CN_START and (text[pos + 1:pos + 2] or " ") not in CN_BODY \
            and g.unit.match(text, pos + 1) is None:
        return Decimal(digits[ch]) / 10
    if ch in "123456789" and ch and not (text[pos + 1:pos + 2] or " ") in "0123456789.．" \
            and g.unit.match(text, pos + 1) is None:
        return Decimal(ch) / 10  # "6成4" (Taiwan's releases): 6.4成
    return None


def _scale_infix_unit(text: str, um: regex.Match[str], g: _Grammar) -> Optional[tuple[str, Unit, int]]:
    """A scale, 余/多, then a measure word ("万余人"): the infix, the scaled unit (万人) and its end."""
    inf = g.infix.match(text, um.end())
    um2 = g.unit.match(text, inf.end()) if inf else None
    if inf is None or um2 is None or um2.group("d") or um.group(0) + um2.group(0) not in lexicon().by_form:
        return None
    return inf.group(0), lexicon().get(um.group(0) + um2.group(0)), um2.end()


@lru_cache(maxsize=256)
def _compound(num: Unit, den: Unit) -> Unit:
    return Unit(f"{num.name}/{den.name}", "amount", f"{num.dimension}/{den.dimension}",
                f"{num.base}/{den.base}", num.factor / den.factor)


def lex_unit(um: regex.Match[str]) -> Unit:
    lex = lexicon()
    u = lex.get(um.group("u"))
    if um.group("d"):
        return _compound(u, lex.denominators[um.group("d")])
    return u


_SUBJECT_BETWEEN = regex.compile(r"[、,，和及与]\p{Han}{1,6}")


def _spread_list_units(text: str, qs: list[RawQuantity]) -> None:
    """'分别为10、20、30亿元': a unit written once after a list applies to each number; so does the
    rest of a unit after members that carry only its multiplier ("2480.5万、120万吨": both 万吨), and a
    per cent or point unit after members that name their subject ("高于全国0.5、全省1.8个百分点")."""
    for i in range(len(qs) - 2, -1, -1):
        a, b = qs[i], qs[i + 1]
        between = text[a.end:b.start]
        if a.kind == "rank" or not b.unit.name:
            continue
        if a.unit.name == "" and (between in ("、", ",", "，", "和", "及") or (
                b.kind in ("pp", "percent") and _SUBJECT_BETWEEN.fullmatch(between))):
            a.unit, a.unit_name, a.kind = b.unit, b.unit_name, b.unit.kind
        elif a.unit.name in ("万", "亿") and b.unit.name.startswith(a.unit.name) and b.unit.name != a.unit.name \
                and between in ("、", ",", "，", "和", "及"):
            a.unit, a.unit_name, a.kind = b.unit, b.unit_name, b.unit.kind
        elif a.unit.name == "个" and b.unit.kind == "pp" and text[a.end:b.start] in ("、", "和", "及", "与") \
                and text[a.end - 1] == "个":
            # "分别低7.8个和11.4个百分点": 个百分点 written once after a list of two
            a.unit, a.unit_name, a.kind = b.unit, b.unit_name, b.unit.kind


_CLAUSE_CUT = regex.compile(r"[，,。；;：:、\d\s]")


@lru_cache(maxsize=1)
def _money_words() -> tuple["regex.Pattern[str]", "regex.Pattern[str]", int]:
    """The name of money ending the words before a number, the one opening the words after it, the reach."""
    spec = resources.load("units")["money_scale"]
    alt = resources.alternation(spec["words"])
    return (regex.compile(f"(?:{alt})\\p{{Han}}{{0,2}}$"), regex.compile(f"\\p{{Han}}{{0,2}}(?:{alt})"),
            int(spec["reach"]))


def _money_scales(text: str, qs: list[RawQuantity]) -> None:
    """"任务100亿", "总投资额121.5亿", "200亿招商引资任务": a bare 万 or 亿 next to the name of an amount of
    money is 万元 or 亿元 (units.toml [money_scale]); next to anything else (人口14.1亿) it stays a count's scale."""
    before, after, reach = _money_words()
    bare = [q for q in qs if q.unit.name in ("万", "亿")]
    if not bare:
        return
    # "…均低于五十亿元，依次为甲(46.9亿)、乙(35.1亿)": amounts of one sentence written in 亿元 make its bare 亿
    # the same money (a sentence with a count in 亿, 人口14.1亿, has no such amount)
    stops = [m.start() for m in regex.finditer("[。\n]", text)]
    money_in: set[tuple[int, str]] = {(bisect_left(stops, q.start), q.unit.name) for q in qs if q.unit.name in ("万元", "亿元")}
    for q in bare:
        tail = _CLAUSE_CUT.split(text[max(0, q.start - reach):q.start])[-1]  # no punctuation nor number between
        head = _CLAUSE_CUT.split(text[q.end:q.end + reach])[0]  # "200亿招商引资任务": the money named after
        if before.search(tail) or after.match(head) or (bisect_left(stops, q.start), q.unit.name + "元") in money_in:
            unit = lexicon().get(q.unit.name + "元")
            q.unit, q.unit_name, q.kind = unit, unit.name, unit.kind
