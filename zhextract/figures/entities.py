"""Find entity mentions (zones, cities, aggregates) and resolve short names within a document."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex

from .. import resources
from ..quantities.scan import grouped_alternation


# "12家", "两个": how many zones an aggregate phrase counts ("全市12家开发区", "南漳、保康两个开发区").
COUNTED = r"(?:\d+|[两二三四五六七八九十]+)[个家]"


@lru_cache(maxsize=None)
def rx(pattern: str) -> regex.Pattern[str]:
    """Compile an inline pattern once (regex's own cache costs more per call than a dict lookup)."""
    return regex.compile(pattern)


@dataclass(frozen=True)
class EntityRules:
    zone: regex.Pattern[str]
    zone_type: regex.Pattern[str]
    aggregate: regex.Pattern[str]
    region: regex.Pattern[str]
    places: frozenset[str]
    blockers: str
    name_words: regex.Pattern[str]  # words a zone's name may hold though a blocker is in them (国家)
    generic_types: frozenset[str]
    type_abbreviations: dict[str, tuple[str, ...]]  # 高新区 -> (高新技术产业开发区, …)
    alias_cue: regex.Pattern[str]
    divisions: frozenset[str]  # county-level divisions (麦积区, 海盐县) and 地区 by full name, see divisions_in
    provinces: dict[str, str]  # 上海 -> 上海市, 西藏 -> 西藏自治区
    province: regex.Pattern[str]  # any short or full province name
    own_words: regex.Pattern[str]  # 全县, 我市, 本区: the document's own place by its level
    national_source: regex.Pattern[str]  # 国家统计局, 海关总署: a national body releasing the figures
    own_city_words: dict[str, str]  # 本港 -> 香港: a city's own word and the place it stands for
    city_sources: dict[str, str]  # 统计暨普查局 -> 澳门: a city's statistics body and the city
    credit_line: regex.Pattern[str]  # 来源：某某日报, （某某州财政局 张三）: whom a text credits, by place
    reference_place_after: regex.Pattern[str]  # 某市各县市区, 某市(6.1%): a place as a yardstick
    reference_place_before: regex.Pattern[str]  # 位居某市…, 超过某县


@lru_cache(maxsize=1)
def rules() -> EntityRules:
    data = resources.load("entities")
    types = grouped_alternation(data["zone_types"])
    agg = grouped_alternation(data["aggregate_prefix"]) + "|" + data["ranked_set"]
    places = resources.places()
    return EntityRules(
        zone=regex.compile(rf"(?P<name>\p{{Han}}{{2,6}}?)(?P<type>{types})"),
        zone_type=regex.compile(rf"(?:{types})"),
        # The two runs of prefixes can split a run of 全市全市… every way (cubic, issue 14): each is
        # bounded, far above the two or three prefixes an aggregate has ("全市省级及以上开发区").
        aggregate=regex.compile(
            rf"(?:(?:{agg})(?:[和及、]?(?:{agg})){{0,8}}(?:{COUNTED})?|{COUNTED})(?:(?:{agg})[和及、]?){{0,8}}(?:{types})"
            rf"(?:[(（](?:{types})[)）])?"),
        region=regex.compile(resources.alternation(data["regions"])),
        places=places,
        blockers=data["name_blockers"],
        name_words=regex.compile(resources.alternation(data["name_words"])),
        generic_types=frozenset(data["generic_types"]),
        type_abbreviations={k: tuple(v) for k, v in data["type_abbreviations"].items()},
        alias_cue=regex.compile(data["alias_cue"]),
        # prefecture-level 地区 (和田地区, 阿克苏地区) are named like districts, by their full name
        divisions=(resources.divisions() | {n for n in resources.prefectures() if n.endswith("地区")})
        - frozenset(data["division_common_words"]),
        provinces=dict(data["provinces"]),
        province=regex.compile(resources.alternation(sorted(set(data["provinces"]) | set(data["provinces"].values())))),
        own_words=resources.compile_rx(data["own_region_words"], "entities.toml own_region_words"),
        national_source=resources.compile_rx(data["national_source"], "entities.toml national_source"),
        own_city_words=dict(data["own_city_words"]),
        city_sources=dict(data["city_sources"]),
        credit_line=resources.compile_rx(data["credit_line"], "entities.toml credit_line"),
        reference_place_after=resources.compile_rx(data["reference_place_after"], "entities.toml reference_place_after"),
        reference_place_before=resources.compile_rx(data["reference_place_before"], "entities.toml reference_place_before"),
    )


@dataclass
class Mention:
    start: int
    end: int
    text: str
    canonical: str
    aggregate: bool = False


@dataclass
class EntityIndex:
    """The zones named in one document, and the short names that point to them."""

    full: set[str] = field(default_factory=set)
    short: dict[str, str] = field(default_factory=dict)
    # Abbreviations safe to find anywhere: defined by the text (以下简称) or a zone-type short form.
    alias: dict[str, str] = field(default_factory=dict)
    _full_rx: Optional[regex.Pattern[str]] = None
    # The document's own province by the names it may go by (湖北, 湖北省): set once its place is known.
    province_rx: Optional[regex.Pattern[str]] = None

    def full_rx(self) -> Optional[regex.Pattern[str]]:
        if self._full_rx is None and (self.full or self.alias):
            self._full_rx = regex.compile(resources.alternation(sorted(self.full | set(self.alias))))
        return self._full_rx

    def resolve(self, name: str) -> str:
        return self.alias.get(name) or self.short.get(name, name)

    def is_known_short(self, name: str) -> bool:
        return name in self.short or name in rules().places


_CITY = regex.compile(r"(\p{Han}{2,3}?)市(?!场|直|级|民|区|县|开发区)")
# Counties by their full name ("海盐县", "岢岚县"): the stem or the whole must be a known place. Districts
# (…区) are left out: the place lexicon holds words like 老城区 and 城区 that are ordinary prose.
_COUNTY = regex.compile(r"\p{Han}{1,3}?[县旗州盟](?!级|域|委|长|城|乡|直|区|市)")
# Towns: a two- or three-character name and 镇/乡 standing after a boundary ("荆山镇、龙亢镇分别签约"); the name
# need not be in the lexicon, the boundary and the shape are strict (not 城镇, 乡镇, 重点乡镇).
_TOWN = regex.compile(r"(?<=^|[、，,；;。：:\s和及与]|的是)(?![各全本该我乡每])\p{Han}{2,3}?(?<![城乡村小])[镇乡](?![镇区村长政级域党委])")
# A county named at the head of a project's name is part of the name ("怀远县渔光互补光伏电站项目").
# A place heading a project's name is part of it ("某县城市供热改造项目"); a set of projects is not a
# name: it opens with a verb or a set word ("某县实施重点工业项目", "某县亿元以上项目").
_PROJECT_AFTER = regex.compile(r"(?!实施|完成|开工|复工|签约|竣工|投产|共有|有|重点|亿元|在建|新建|续建|新开工|"
                               r"省级|市级|县级|省重点|市重点|招商|各类)\p{Han}{2,16}?(?:项目|电站|工程)")
_BARE_ZONES = regex.compile(r"(?<=^|[，,。；;：:\s“「\x22]|[月年]|以来|目前)(?:开发区|园区|开发区[(（]园区[)）])(?=[共累全总新实完整已的]|\p{Han}{2})")
_BOUNDARY = set(",，。、；;:：(（)）\n “\"")


def _zone_name(text: str, m: "regex.Match[str]", r: EntityRules) -> Optional[str]:
    """The zone name in a zone-shaped match: it must start with a place name ("但忻州经济开发区" ->
    "忻州经济开发区"), or the whole name part must stand after a boundary ("、双雁生物医药产业园")."""
    name, ztype = m.group("name"), m.group("type")
    cands = [name[k:] for k in range(len(name) - 1)]
    for cand in cands:  # a place name exactly: "结合阳泉" -> 阳泉 (not the county 合阳)
        if cand in r.places:
            return cand + ztype
    for cand in cands:
        if cand[:2] in r.places or cand[:3] in r.places:
            if r.aggregate.match(cand + ztype) or any(ch in r.blockers for ch in r.name_words.sub("", cand[2:])):
                continue
            return cand + ztype
    start = m.start()
    if ztype not in r.generic_types and (start == 0 or text[start - 1] in _BOUNDARY) \
            and not any(ch in r.blockers for ch in r.name_words.sub("", name)):
        return name + ztype
    return None


def build_index(text: str) -> EntityIndex:
    r = rules()
    idx = EntityIndex()
    # Find the zone-type words first (fast), then read the name before each one.
    for t in r.zone_type.finditer(text):
        m = r.zone.search(text, max(0, t.start() - 6), t.end())
        while m is not None and m.end() != t.end():
            m = r.zone.search(text, m.start() + 1, t.end())
        if m is None:
            continue
        full = _zone_name(text, m, r)
        if full and not r.aggregate.match(full):
            idx.full.add(full)
    for full in sorted(idx.full, key=lambda f: (len(f), f)):
        m = r.zone.fullmatch(full)
        if not m:
            continue
        name = m.group("name")
        for short in {name, name[:2], name[:3]}:
            if len(short) < 2 or (short != name and short not in r.places):
                continue
            if short not in idx.short or len(idx.short[short]) < len(full):
                idx.short[short] = full  # prefer the longest full form ("忻州经济开发区" over "忻州开发区")
    _defined_aliases(text, idx, r)
    for abbr, long_types in r.type_abbreviations.items():
        owners = {f for f in idx.full if f.endswith(long_types) or (f.endswith(abbr) and len(f) > len(abbr))}
        if abbr not in idx.full and len(owners) == 1:  # "高新区" when the document has one 高新技术产业开发区
            idx.alias.setdefault(abbr, owners.pop())
        for f in sorted(idx.full):  # "株洲高新区" is 株洲高新技术产业开发区 when no zone is named so in full
            long = next((t for t in long_types if f.endswith(t)), None)
            short = f[:-len(long)] + abbr if long else None
            if short and len(short) > len(abbr) and short != f:
                idx.alias.setdefault(short, f)
    idx.short.update(idx.alias)
    return idx


def _defined_aliases(text: str, idx: EntityIndex, r: EntityRules) -> None:
    """"（襄阳高新技术产业开发区、…，以下分别简称高新区、…）": the text defines its own short names."""
    for cue in r.alias_cue.finditer(text):
        close = min((p for p in (text.find("）", cue.end()), text.find(")", cue.end())) if p != -1), default=-1)
        if close == -1 or close - cue.end() > 200:
            continue
        aliases = [a.strip("“”\"' ") for a in regex.split(r"[、,，]", text[cue.end():close]) if a.strip("“”\"' ")]
        opening = max(text.rfind("（", 0, cue.start()), text.rfind("(", 0, cue.start()))
        scope = text[opening + 1:cue.start()] if opening != -1 and cue.start() - opening < 300 else ""
        names = [m.group(0) for m in regex.finditer(resources.alternation(sorted(idx.full)), scope)] if idx.full else []
        if len(names) < len(aliases):  # "襄阳高新技术产业开发区（以下简称高新区）": the name stands before the bracket
            before = text[max(0, opening - 40):opening] if opening != -1 else ""
            names = [f for f in sorted(idx.full, key=len, reverse=True) if before.endswith(f)][:1]
        pairs = list(zip(aliases, names)) if len(names) == len(aliases) else _aligned(aliases, names)
        for alias, full in pairs:
            if alias != full:
                idx.alias[alias] = full


def _aligned(aliases: list[str], names: list[str]) -> list[tuple[str, str]]:
    """Aliases paired with names in order when one list is longer (a name not read as a zone): an
    alias goes with the next name that starts like it ("遵义" -> 遵义经济技术开发区)."""
    pairs, k = [], 0
    for alias in aliases:
        j = next((j for j in range(k, len(names)) if names[j][:2] == alias[:2]), None)
        if j is not None:
            pairs.append((alias, names[j]))
            k = j + 1
    return pairs


def mentions(text: str, start: int, end: int, idx: EntityIndex) -> list[Mention]:
    """Entity mentions in text[start:end], left to right, longest first at a position."""
    if start >= end:
        return []
    r = rules()
    found: list[Mention] = []
    # An aggregate, like a bare 开发区/园区, ends in a zone-type word: without one, skip both scans
    # (the type words are a cheap literal search, the aggregate pattern is not).
    zone_word = r.zone_type.search(text, start, end) is not None
    if zone_word:
        for m in r.aggregate.finditer(text, start, end):
            found.append(Mention(m.start(), m.end(), m.group(0), m.group(0), aggregate=True))
    frx = idx.full_rx()
    if frx is not None:
        for m in frx.finditer(text, start, end, overlapped=True):
            found.append(Mention(m.start(), m.end(), m.group(0), idx.resolve(m.group(0))))
    for m in r.region.finditer(text, start, end):
        found.append(Mention(m.start(), m.end(), m.group(0), m.group(0), aggregate=True))
    for m in _BARE_ZONES.finditer(text, start, end) if zone_word else ():  # "1—9月，开发区共完成…": all the zones
        found.append(Mention(m.start(), m.end(), m.group(0), m.group(0), aggregate=True))
    # Cheap character tests before the scans below: a city, county or town ends in one of a few characters.
    for m in (_CITY.finditer(text, start, end) if _any_char(text, "市", start, end) else ()):
        # 临汾市, 忻州市: a city as a whole
        name = m.group(1)
        for k in range(len(name) - 1):
            if name[k:] in r.places:
                found.append(Mention(m.start() + k, m.end(), name[k:] + "市", name[k:] + "市", aggregate=True))
                found.extend(_suffix_shared(text, m.start() + k, start, "市", r))
                break
    for m in _COUNTY.finditer(text, start, end) if _any_char(text, "县旗州盟", start, end) else ():
        name = m.group(0)
        if _PROJECT_AFTER.match(text, m.end(), end):  # a county heading a project's name is part of it
            continue
        for k in range(len(name) - 2):
            if name[k:] in r.places or name[k:-1] in r.places:
                found.append(Mention(m.start() + k, m.end(), name[k:], name[k:], aggregate=True))
                break
    for s, e in divisions_in(text, start, end):  # 伊州区, 麦积区: districts are named by the official list
        if not _PROJECT_AFTER.match(text, e, end):
            found.append(Mention(s, e, text[s:e], text[s:e], aggregate=True))
    # "湖北进出口总值": the document's own province by its short name; not one heading a firm's or a
    # project's name ("投资3亿元的浙江某某电极箔"). Other provinces named in passing stay unread.
    for m in idx.province_rx.finditer(text, start, end) if idx.province_rx is not None else ():
        if not _PROJECT_AFTER.match(text, m.end(), end) and (m.start() == 0 or text[m.start() - 1] != "的"):
            found.append(Mention(m.start(), m.end(), m.group(0), m.group(0), aggregate=True))
    for m in _TOWN.finditer(text, start, end) if _any_char(text, "镇乡", start, end) else ():
        found.append(Mention(m.start(), m.end(), m.group(0), m.group(0), aggregate=True))
    for m in _NAMED_LIST.finditer(text, start, end) if _any_char(text, "、", start, end) else ():
        # "前三名为甲、乙、丙，分别为…": cities listed by their short names after a list cue, each one a
        # prefecture-level city by its official name (甲市)
        names = m.group("names").split("、")
        if all(n + "市" in resources.prefectures() for n in names):
            k = m.start("names")
            for n in names:
                found.append(Mention(k, k + len(n), n, n + "市", aggregate=True))
                k += len(n) + 1
    if len(found) > 1:
        found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    out: list[Mention] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


def _suffix_shared(text: str, pos: int, floor: int, suffix: str, r: EntityRules) -> list[Mention]:
    """"甲、乙、丙市": places listed before one that carries the level word share it (甲市, 乙市), when
    each is a known place written alone between 、."""
    out: list[Mention] = []
    while pos > floor and text[pos - 1] == "、":
        name = next((text[pos - 1 - n:pos - 1] for n in (3, 2) if pos - 1 - n >= floor
                     and text[pos - 1 - n:pos - 1] in r.places
                     and (pos - 1 - n == floor or not _HAN.match(text, pos - 2 - n))), None)
        if name is None:
            break
        pos -= 1 + len(name)
        out.append(Mention(pos, pos + len(name), name, name + suffix, aggregate=True))
    return out


_HAN = regex.compile(r"\p{Han}")
_NAMED_LIST = regex.compile(r"(?:为|是|[:：])(?P<names>\p{Han}{2,3}(?:、\p{Han}{2,3})+)(?=[，,。；;]|分别|依次)")


def _any_char(text: str, chars: str, start: int, end: int) -> bool:
    for ch in chars:  # a plain loop: a generator inside any() cost more than the finds
        if text.find(ch, start, end) >= 0:
            return True
    return False


_DIVISION_END = regex.compile(r"[区县市旗](?![级域委长划内外])")


def divisions_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of county-level divisions named in text[start:end], longest name first at each end: a
    set lookup at each 区/县/市/旗 (a regex of the 2,700 names is a hundred times slower)."""
    out: list[tuple[int, int]] = []
    for m in _DIVISION_END.finditer(text, start, end):
        s = division_ending(text, m.end(), start)
        if s is not None:
            out.append((s, m.end()))
    return out


def division_ending(text: str, e: int, floor: int = 0) -> Optional[int]:
    """Where the longest county-level division name ending at ``e`` (and starting at ``floor`` or after)
    starts; None for none."""
    names = rules().divisions
    return next((e - n for n in range(min(8, e - floor), 2, -1) if text[e - n:e] in names), None)


def short_name_before(text: str, pos: int, floor: int, idx: EntityIndex) -> Optional[Mention]:
    """A short zone or place name ending right at ``pos`` ("忻州 39.3%", "原平354.5亿元")."""
    for length in (5, 4, 3, 2):
        s = pos - length
        if s < floor:
            continue
        cand = text[s:pos]
        if (cand in idx.short or cand in idx.full or cand in rules().places) and rx(r"\p{Han}+").fullmatch(cand):
            return Mention(s, pos, cand, idx.resolve(cand))
    return None
