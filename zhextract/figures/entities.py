"""Find entity mentions (zones, cities, aggregates) and resolve short names within a document."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex

from .. import resources


@dataclass(frozen=True)
class EntityRules:
    zone: regex.Pattern[str]
    aggregate: regex.Pattern[str]
    region: regex.Pattern[str]
    places: frozenset[str]
    blockers: str
    specific_types: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> EntityRules:
    data = resources.load("entities")
    types = resources.alternation(data["zone_types"])
    agg = resources.alternation(data["aggregate_prefix"])
    places_path = resources.patterns_dir() / "places.txt"
    places = frozenset(l.strip() for l in places_path.read_text(encoding="utf-8").splitlines()
                       if l.strip() and not l.startswith("#"))
    return EntityRules(
        zone=regex.compile(rf"(?P<name>\p{{Han}}{{2,6}}?)(?P<type>{types})"),
        aggregate=regex.compile(rf"(?:{agg})+(?:\d+[个家])?(?:{agg})*(?:{types})(?:[(（](?:{types})[)）])?"),
        region=regex.compile(resources.alternation(data["regions"])),
        places=places,
        blockers=data["name_blockers"],
        specific_types=frozenset(t for t in data["zone_types"] if t not in {"开发区", "园区", "示范区", "新区"}),
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

    def resolve(self, name: str) -> str:
        return self.short.get(name, name)

    def is_known_short(self, name: str) -> bool:
        return name in self.short or name in rules().places


def _place_ok(name: str, zone_type: str, r: EntityRules) -> bool:
    if name[0] in r.blockers:
        return False
    if zone_type in r.specific_types:
        return True
    return any(name.startswith(p) for p in (name, name[:2], name[:3]) if p in r.places) or name in r.places


def build_index(text: str) -> EntityIndex:
    r = rules()
    idx = EntityIndex()
    for m in r.zone.finditer(text):
        name, ztype = m.group("name"), m.group("type")
        # Trim leading non-name characters: "推动阳泉高新区" -> "阳泉高新区".
        for k in range(len(name) - 1):
            cand = name[k:]
            if cand[0] in r.blockers or r.aggregate.match(cand + ztype):
                continue
            if _place_ok(cand, ztype, r):
                idx.full.add(cand + ztype)
                break
    for full in sorted(idx.full, key=len):
        m = r.zone.fullmatch(full)
        if not m:
            continue
        name = m.group("name")
        for short in {name, name[:2]}:
            if len(short) >= 2 and short not in idx.short:
                idx.short[short] = full
            elif len(short) >= 2 and idx.short.get(short) != full and len(idx.short[short]) < len(full):
                idx.short[short] = full  # prefer the longest full form ("忻州经济开发区" over "忻州开发区")
    return idx


def mentions(text: str, start: int, end: int, idx: EntityIndex) -> list[Mention]:
    """Entity mentions in text[start:end], left to right, longest first at a position."""
    r = rules()
    found: list[Mention] = []
    for m in r.aggregate.finditer(text, start, end):
        found.append(Mention(m.start(), m.end(), m.group(0), m.group(0), aggregate=True))
    for full in idx.full:
        pos = text.find(full, start, end)
        while pos != -1:
            found.append(Mention(pos, pos + len(full), full, full))
            pos = text.find(full, pos + 1, end)
    for m in r.region.finditer(text, start, end):
        found.append(Mention(m.start(), m.end(), m.group(0), m.group(0), aggregate=True))
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    out: list[Mention] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


def short_name_before(text: str, pos: int, floor: int, idx: EntityIndex) -> Optional[Mention]:
    """A short zone or place name ending right at ``pos`` ("忻州 39.3%", "原平354.5亿元")."""
    for length in (5, 4, 3, 2):
        s = pos - length
        if s < floor:
            continue
        cand = text[s:pos]
        if not regex.fullmatch(r"\p{Han}+", cand):
            continue
        if cand in idx.short or cand in idx.full or cand in rules().places:
            return Mention(s, pos, cand, idx.resolve(cand))
    return None
