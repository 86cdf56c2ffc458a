"""Small text helpers for indicator phrases: trimming fillers, asides and the counted noun."""
from __future__ import annotations

from typing import Iterator, Optional

import regex

from ..quantities.scan import RawQuantity
from .cues import Cues
from .entities import rx
from .words import cut_tail

PUNCT_EDGES = "、,，;；:：。 \t\n()（）→"


def clean(s: str) -> str:
    return s.strip(PUNCT_EDGES).replace(" ", "")


# Asides inside a phrase: what is included, short names, and the basis of a value ("地区生产总值(现行价)",
# "(初步核算数)"), which qualifies the number, not what it measures.
_ASIDE = regex.compile(r"[(（](?:含|包括|不含|不包括|其中|注|即|以下简称|以下分别简称|下称|简称|现行价|现价|可比价|不变价"
                       r"|按可比价格?计算|初步核算|初步统计|快报|预计|GDP)[^)）]*[)）]")


# A bracket inside a phrase that glosses the word before it ("A类（优先发展类）企业"); a bracket ending
# the phrase ("开发区(园区)") is part of the name and stays.
_MID_ASIDE = regex.compile(r"(?<=\p{Han})[(（][\p{Han}、]{2,10}[)）](?=\p{Han})")


def strip_indicator(phrase: str, c: Cues) -> str:
    if not phrase:  # a third of the calls: the number opens its clause
        return ""
    got = c.stripped.get(phrase)
    if got is None:
        if len(c.stripped) >= _STRIPPED_KEPT:
            c.stripped.clear()
        got = c.stripped[phrase] = _strip_indicator(phrase, c)
    return got


_STRIPPED_KEPT = 512  # repeats come within a sentence or two; a bound keeps the cache small


# "二、三产业投资": an elliptical ordinal list, not the list marker "二、"
_FOOTNOTE = regex.compile(r"(?<=\p{Han})[【\[［]\d{1,2}[】\]］]")
_NOT_ORDINAL_LIST = r"(?![一二三四五六七八九十](?:[、和及与][一二三四五六七八九十])*(?:产业|季度))"


def _strip_indicator(phrase: str, c: Cues) -> str:
    if phrase.rstrip().endswith(("(", "（")):  # "再出口(7.3亿元)升幅为…": a value in brackets right after its name
        phrase = phrase.rstrip()[:-1]
    # The bracket patterns below need a bracket: most phrases have none, and skip them.
    opens = "(" in phrase or "（" in phrase
    if opens:
        phrase = rx(r"^.*[(（](?=[^)）]*$)").sub("", phrase)  # inside an open bracket: "基数较高(去年同期工业投资"
    if ")" in phrase or "）" in phrase:
        phrase = rx(r"^[^(（]*[)）](?=[^)）]*$)").sub("", phrase)  # after a bracket closed here: "…洪泽）实现规上工业营业收入"
        # "劳动人口(38.3万人)及就业人口": a sibling with its value in brackets, then this figure's own name
        phrase = rx(r"^.*[)）]\s*(?:及|和|与|以及|、)(?=[^)）]*$)").sub("", phrase)
    if "【" in phrase or "[" in phrase or "［" in phrase:  # a footnote mark after a name: 地区生产总值【1】
        phrase = _FOOTNOTE.sub("", phrase)
    s = clean(_ASIDE.sub("", phrase) if opens else phrase)  # "工业投资(含大数据等投资)" -> 工业投资
    s = _MID_ASIDE.sub("", s) if opens else s  # "A类（优先发展类）企业" -> A类企业
    s = rx(rf"^(?:[(（]?[一二三四五六七八九十\d]{{1,2}}[)）、.]{_NOT_ORDINAL_LIST}|[一二三四五六七八九十]是)").sub("", s)  # "(二)", "一是"
    if "," in s or "，" in s or ";" in s or "；" in s:
        s = rx(r"^.*[,，;；]").sub("", s)  # a clause before: only the last one names the figure
    if "显示" in s:
        s = c.source_prefix.sub("", s)  # "统计局资料显示…": who says so, not what is measured
    if ")" in s or "）" in s:
        s = rx(r"^[^(（]*[)）](?=[^)）]*$)").sub("", s)  # the end of an aside whose start was cut off
    if "由" in s:
        s = c.from_level.sub("", s)  # "产量由2015年的": the start of a move, not the measure
    for _ in range(3):
        t = clean(c.trailing.sub("", c.leading.sub("", s)))
        if t == s or len(t) == 1 < len(s):  # nothing left to trim; "完成率" must not shrink to "率"
            break
        s = t
    s = rx(rf"^[(（]?[一二三四五六七八九十\d]{{1,2}}[)）、.]{_NOT_ORDINAL_LIST}").sub("", s)  # a list marker left after trimming
    if len(s) > 3 and (m := last_match(c.period.finditer(s))) is not None and m.end() == len(s) and m.start() >= 2:
        s = clean(s[:m.start()])  # "服务业投资前三季度达…": the period between a measure and its verb is no name
    # "…管理科共处理工作事项": the subject before 共 (not the 共 of 公共, 一共, 共享, 共同 …)
    if "共" in s:
        s = rx(r"^[\p{Han}“”\"]{2,}?(?<![公总一])共(?![享建同赢识性和])(?=[“\"\p{Han}]{2})").sub("", s)
    if s.startswith(("(", "（")):
        s = rx(r"^[(（][^)）]*[)）]").sub("", s)  # a stray bracket from the previous clause
    s = clean(s)
    if len(s) > c.max_indicator:
        opening = c.period.match(s)  # "2011年1-6月甲省累计实现…": the period opening a long phrase is no name
        if opening is not None and 0 < opening.end() < len(s):
            s = clean(s[opening.end():])
    if len(s) > c.max_indicator:
        cut = cut_tail(s, c.max_indicator)
        # a cut inside an enumeration loses its first members, which a 分别 list must pair with its
        # values in order: a list of up to twice the limit is kept whole
        inside_list = cut.startswith(("、", "和", "及", "与")) or s[:len(s) - len(cut)].endswith("、") \
            or ("分别" in cut and "、" in cut)  # the cut fell inside the first name of a 分别 list
        s = s if inside_list and len(s) <= 2 * c.max_indicator else cut.lstrip("、")
    return s


def last_match(ms: "Iterator[regex.Match[str]]") -> "Optional[regex.Match[str]]":
    """The last of the matches (the one nearest the number), or None."""
    found = None
    for found in ms:
        pass
    return found


def noun_after(text: str, q: RawQuantity, c: Cues) -> str:
    """The noun a count measures, right after its measure word: "14个开发区(园区)" -> 开发区(园区)."""
    return _noun_and_end(text, q, c)[0]


def _noun_and_end(text: str, q: RawQuantity, c: Cues) -> tuple[str, int]:
    after = text[q.end:q.end + 16]
    stop = c.noun_stop.search(after)
    noun = after[:stop.start()] if stop else after
    paren = rx(r"[(（][^)）]{1,4}[)）]").match(after[len(noun):])
    if paren and clean(noun):  # "开发区(园区)"
        return clean(noun) + paren.group(0), q.end + len(noun) + paren.end()
    return clean(noun), q.end + len(noun)


def predicate_after(text: str, q: RawQuantity, c: Cues) -> str:
    """What the counted things did, when the clause says it after them: "6个省级开发区均已组建运营公司"
    -> 组建运营公司 (the figure counts the zones that did). Empty when the rest of the clause holds a
    number (it is another figure's) or does not open like a predicate."""
    end = _noun_and_end(text, q, c)[1]
    stop = rx(r"[,，。；;:：\n]").search(text, end, end + 40)
    rest = text[end:stop.start() if stop else end + 40].replace(" ", "")
    if rx(r"[\d０-９]|第[一二三四五六七八九十]").search(rest) or c.not_predicate.match(rest):
        return ""
    rest = rx(r"^(?:的|均已|已全部|均|都|全部|已经|已|仍)+").sub("", rest)
    return rest if 2 <= len(rest) <= 16 and rx(r"^\p{Han}").match(rest) else ""


def with_measure(part: str, total: str, tails: tuple[str, ...]) -> str:
    """"其中玉米3365.0万亩" under 粮食播种面积: a part named by its category alone is measured as its total
    is (玉米播种面积; 农业 under 农林牧渔业增加值), unless the total or its measure already names it (出口,
    进口 under 进出口总额); an industry is a category even inside its total's name (渔业 under 农林牧渔业增加值)."""
    tail = next((t for t in tails if total.endswith(t) and len(total) > len(t)), None)
    if tail is None or len(part) > 5 or any(part.endswith(t) for t in tails) or (part in total and not part.endswith("业")) or all(ch in tail for ch in part):
        return part
    if part + tail == total and tail.startswith("总"):
        return part + tail[1:]  # 农业 under 农业总产值 (the whole's older name) is 农业产值, not the whole again
    return part + tail
