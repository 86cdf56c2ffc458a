"""Where a figure stands: its clause, entity, period and role, from the sentence, the paragraph,
the headings above it and the document's opening."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import lru_cache
from typing import Any, Optional

import regex

from .. import resources
from ..quantities.scan import RawQuantity
from ..segment import Segments, Sent
from .cues import Cues
from .draft import LOOK_BACK, Comp, Draft, Para, listed_alike
from .entities import COUNTED, EntityIndex, Mention, division_ending, divisions_in, mentions, rules, rx, short_name_before
from .phrases import clean, strip_indicator

# after a list member: the next member's joint, with the member's own value in brackets before it
_LIST_NEXT = regex.compile(r"(?:[(（][^()（）\n]{0,16}[)）])?[、等]")
_BRACKETED = regex.compile(r"[(（][^()（）\n]{0,16}[)）]")
_ZONE_ANAPHORA = {"我区", "该区", "本区"}
_BARE_ZONE_WORDS = {"开发区", "园区"}
# A county-level party committee and government named together: "区委、区政府", "县委县政府".
_COMMITTEE = rx(r"([区县旗])委[、，,和及]?\1?(?:人民)?政府")
# The opening: the first lines, where a document names what it reports on.
_OPENING = 200
# A number within the clause that follows.
_CLAUSE_NUMBER = rx(r"[^，,。；;：:\n]{0,20}?\d")
_REGION_WORD = rx(r"^(?:全|我|本|该)([省市县区旗州盟])")
# Mentions that are no member of a list of places: regions (全市, 我省), sets (各开发区, 前十名…, 12家…)
_NOT_MEMBER = rx(r"[全我本该各前]|\d")
_TRIVIAL_LEAD = rx(r"[\s“”\"]*(?:其中[,，]?)?")  # what may stand before a clause's subject
_CLAUSE_MARK = rx(r"[(（)）,，;；:：丨｜]")  # what _clause_start looks at: brackets, clause marks, a title's 丨


# The addressee line of an official notice ("各乡镇人民政府，…，县直各有关单位：").
_ADDRESSEES = rx(r"^\s*各.{0,60}[：:]\s*$")


def cited(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` is inside the title of a cited document (《…2018年1-5月…的通报》): its periods and
    places are the title's, not the text's."""
    return text.rfind("《", start, pos) > text.rfind("》", start, pos)


def _ends_in_zone(name: str) -> bool:
    m = rules().zone_type.search(name)
    return m is not None and m.end() == len(name)


def _list_mention(group: list[Mention]) -> Mention:
    """Several names as one entity: "忻州、岢岚" (canonical forms joined the same way)."""
    return Mention(group[0].start, group[-1].end, "、".join(g.text for g in group),
                   "、".join(g.canonical for g in group))


_LEVELS = "县旗区市州盟省"  # narrow to wide
# An autonomous prefecture, county or banner: "黄南藏族自治州", "长阳土家族自治县".
_AUTONOMOUS = regex.compile(r"(\p{Han}{2,3}?)(?:\p{Han}{1,3}?族){1,3}自治([州县旗])")


class ContextMixin:
    text: str
    seg: Segments
    qs: list[RawQuantity]
    c: Cues
    idx: EntityIndex
    drafts: list[Draft]
    regions: dict[str, str]
    subject: Optional[Mention]
    own_zone: Optional[Mention]
    title_period: Optional[str]
    opening_period: Optional[str]
    topic: Optional[str]
    _q_ends: dict[int, str]
    _sent_starts: list[int]
    _mention_cache: dict[int, list[Mention]]
    _marked_cache: dict[int, list[tuple[Mention, bool]]]
    _clause_cache: dict[int, list[int]]
    _cue_cache: dict[int, float]
    _cue_spans: Optional[list[tuple[int, int]]]  # every list cue of the document, by start
    _phrase_cache: dict[str, tuple[Mention, ...]]
    _section_cache: dict[tuple[str, ...], Any]

    def _title_period(self) -> Optional[str]:
        for s in self.seg.sentences[:6]:
            m = self._period_in(s.text)
            if m is not None and rx(r"\d{4}").search(m.group(0)):
                return self._part_of_year(s.text, m)
        return None

    def _opening_period(self) -> Optional[str]:
        """The period a headline or opening sentence reports on ("1—5月，全区…", "4月份全省…"), when the
        title gives no year: it carries to figures that name none. Not a comparison's base, nor a
        word naming no stretch of its own (今年以来, 目前)."""
        for s in self.seg.sentences[:6]:
            for m in self.c.period.finditer(s.text):
                period = clean(m.group(0))
                if rx(r"\s*\d{1,2}\s*[日号]").match(s.text, m.end()) or period in self.c.vague_periods \
                        or cited(s.text, 0, m.start()) \
                        or self.c.period_base.search(s.text, max(0, m.start() - 4), m.start()):
                    continue
                return period
        return None

    def _period_in(self, text: str) -> "Optional[regex.Match[str]]":
        """The first period written in a title; a date with its day ("2024年10月15日") is when the
        document was issued, not a period, and a comparison's base (比去年同期) is none either."""
        for m in self.c.period.finditer(text):
            if not rx(r"\s*\d{1,2}\s*[日号]").match(text, m.end()) and not cited(text, 0, m.start()) \
                    and not self.c.period_base.search(text, max(0, m.start() - 4), m.start()):
                return m
        return None

    def _part_of_year(self, text: str, m: "regex.Match[str]") -> str:
        """A title's "2024年上半年", "2025年一季度" or "2024年1—9月" reports on that part of the year:
        the period the text under it uses (上半年, 一季度, 1—9月)."""
        period = clean(m.group(0))
        after = self.c.period.match(text, m.end())
        if after is not None and not rx(r"\d{4}").search(after.group(0)):
            return clean(after.group(0))
        months = rx(r"\d{4}年(\d.*月.*)$").match(period)
        return months.group(1) if months else period

    def _resolved_period(self, period: Optional[str]) -> Optional[str]:
        """全年 and 当年 in a report on a year ("2023年统计公报") are that year; in a report on part of a
        year they stay as written (全年 there is the whole year a target is set for)."""
        if period in self.c.year_words and self.title_period and rx(r"\d{4}年度?").fullmatch(self.title_period):
            return self.title_period
        report = self.title_period or self.opening_period
        if period in self.c.present_periods and report and report not in self.c.vague_periods:
            return report  # "今年" / "目前" in a report on 前7个月: that period
        return period

    def _regions(self) -> dict[str, str]:
        """The province, city and county the document is about ({"省": "四川省", ...}): named in its
        title line, else in its opening or headings, and only when one of a level is named there (001
        covers two cities). A province-level autonomous region also stands for the level 区 (我区)."""
        first = next((ln.strip() for ln in self.text.splitlines() if ln.strip()), "")
        # a web page's title line goes on with the site and the date; a title the repair joined to the
        # body's first line ends where the body begins (a space before a bracket, a comma)
        first = rx(r"\s{2,}|\s(?=[(（])|[，,。]").split(first)[0]
        named_title = rx(r"^.{0,58}?(?:公报|通报|报告|情况|分析|总结|综述|快报|简报)").match(first)
        title = named_title.group(0) if named_title else first if len(first) <= 60 else ""
        found: dict[str, str] = {}
        for texts in ([title], [h.title for h in self.seg.headings] + [self.text[:300]]):
            named = self._places_named(texts)
            for level, names in named.items():
                # "襄阳市宜城市": a place written right after another of its level lies inside it
                inner = {b for a in names for b in names if a != b and a + b in "".join(texts)}
                if len(inner) == 1:
                    named[level] = inner
            provinces = named.pop("*", set())
            if len(provinces) == 1:  # one province named by itself (上海 is a 市, 西藏 a 省); of several, none
                province = provinces.pop()
                level = "市" if (self._province_full(province) or "").endswith("市") else "省"
                named[level] = {n for n in named.get(level, set()) if self._province_full(n) is None} | {province}
            for level, names in named.items():
                if level not in found and len(names) == 1:
                    found[level] = names.pop()
        for level in "县旗":  # "本报某某讯 …某某县紧紧围绕…", "2020年，某某旗在…": the one county the opening names
            if level in found:
                continue
            counties = {self.text[s:e] for s, e in divisions_in(self.text, 0, min(len(self.text), 300))
                        if self.text[e - 1] == level}
            if len(counties) == 1:
                found[level] = counties.pop()
        for level, name in self._committee_places().items():
            found.setdefault(level, name)
        for level, name in self._named_further_on(found).items():
            found.setdefault(level, name)
        if "省" not in found and "市" not in found and len(rx(r"全省|我省|本省").findall(self.text)) >= 2:
            # "全省农业经济…": a document that calls itself 全省 and names one province only is on it
            named = {f for m in rules().province.finditer(self.text) if (f := self._province_full(m.group(0)))}
            if len(named) == 1 and not next(iter(named)).endswith("市"):
                found["省"] = self._province_written(named.pop())
        province = found.get("省")
        if province and "区" not in found and (self._province_full(province) or "").endswith("自治区"):
            found["区"] = self._district_of_region(province) or province
        return found

    def _district_of_region(self, province: str) -> Optional[str]:
        """A district's report within an autonomous region (广西, 宁夏) calls itself 全区 too: the one
        district the text names, more often than the region itself, is what 全区 means there."""
        districts = {self.text[s:e] for s, e in divisions_in(self.text, 0, len(self.text)) if self.text[e - 1] == "区"}
        if len(districts) != 1:
            return None
        name = districts.pop()
        count = self.text.count(name[:-1])  # by its name with or without 区 ("良庆区", "深入良庆考察")
        full = self._province_full(province)
        region = sum(1 for m in rules().province.finditer(self.text) if self._province_full(m.group(0)) == full)
        return name if count >= 2 and count > region else None

    def _named_further_on(self, found: dict[str, str]) -> dict[str, str]:
        """A document that calls itself 全市/我市 (twice or more) but names no city in its title, headings
        or opening names it further on: as whom it credits (来源：某某日报, （某某州财政局 张三）), else as the
        one official place of that level the text names in full, not as a yardstick (高于某市…, 位居某市
        各县第二), in a line that is no sentence (a table's title) or again by its short name."""
        own: dict[str, int] = {}
        for m in rules().own_words.finditer(self.text):
            own[m.group(0)[-1]] = own.get(m.group(0)[-1], 0) + 1
        out: dict[str, str] = {}
        credits: Optional[list[str]] = None
        for level in "市县区旗州盟":
            if level in found or own.get(level, 0) < 2:
                continue
            if credits is None:  # read once, for the levels that need them
                credits = [m.group("place") for m in rules().credit_line.finditer(self.text)]
            credited = {n for p in credits if (n := _official_name(p, level)) is not None}
            if credited:
                names = credited
            else:
                names = {n for n, s, e in _official_names(self.text, level)
                         if not rules().reference_place_after.match(self.text[e:e + 8])
                         and not rules().reference_place_before.search(self.text[max(0, s - 3):s])}
                if len(names) == 1:
                    name = next(iter(names))
                    line = next(ln for ln in self.text.splitlines() if name in ln)
                    if "。" in line and self.text.count(name[:-1]) < 2:
                        names = set()
            if len(names) == 1:
                out[level] = names.pop()
        return out

    def _committee_places(self) -> dict[str, str]:
        """"某某区委、区政府坚持…": the opening names the place whose party committee and government lead
        the work it reports (divisions_in reads no division before 委), one place per level."""
        end = min(len(self.text), 300)
        named: dict[str, set[str]] = {}
        for m in _COMMITTEE.finditer(self.text, 0, end):
            e = m.start() + 1
            s = division_ending(self.text, e)
            if s is not None:
                named.setdefault(self.text[e - 1], set()).add(self.text[s:e])
        return {level: names.pop() for level, names in named.items() if len(names) == 1}

    def _own_province_rx(self) -> "Optional[regex.Pattern[str]]":
        """The document's own province by any of its names (湖北, 湖北省), for mentions to read it."""
        full = next((f for f in map(self._province_full, (self.regions.get("省"), self.regions.get("市"))) if f), None)
        if full is None:
            return None
        short = self._province_short(full)
        return rx(resources.alternation([full, short + full[-1], short]))

    def _places_named(self, texts: list[str]) -> dict[str, set[str]]:
        places = rules().places
        found: dict[str, set[str]] = {}
        for t in texts:
            for m in _AUTONOMOUS.finditer(t, overlapped=True):  # "黄南藏族自治州": place, peoples, 自治, level
                if m.group(1) in places:
                    found.setdefault(m.group(2), set()).add(m.group(0))
            for m in rx(r"(\p{Han}{2,4}?)([省市县州盟])").finditer(t):
                name = m.group(1)
                if t[m.end():m.end() + 1] in ("圈", "群") or name.endswith("自治"):
                    continue  # "大南昌都市圈" names no 昌都市; "自治州" alone is no name
                if name.endswith("全") and len(name) > 2:
                    name = name[:-1]  # "某某全市规上工业…": the place and its own word, 全市
                for k in range(len(name) - 1):
                    if name[k:] in places:
                        found.setdefault(m.group(2), set()).add(name[k:] + m.group(2))
                        break
            for m in rules().province.finditer(t):  # "上海调查总队", "西藏落实投资": a province by itself
                full = self._province_full(m.group(0))
                if full is not None:
                    found.setdefault("*", set()).add(self._province_written(full))
        # a district or banner in a title or heading line ("麦积区2024年…通报"; its figures say 全区), not one
        # the body names in passing; a county named so though the place list lacks it ("旺苍县…综述")
        titles = [ln for t in texts for ln in t.splitlines() if "。" not in ln]
        for t in titles:
            for s, e in divisions_in(t, 0, len(t)):
                if t[e - 1] in "区旗" or (t[e - 1] == "县" and "县" not in found):
                    found.setdefault(t[e - 1], set()).add(t[s:e])
        return found

    def _province_short(self, name: str) -> str:
        full = self._province_full(name)
        return next((k for k, v in rules().provinces.items() if v == full), name)

    def _province_full(self, name: Optional[str]) -> Optional[str]:
        """上海, 上海市 -> 上海市; None for a name that is no province."""
        provinces = rules().provinces
        if not name:
            return None
        if name in provinces:
            return provinces[name]
        return next((full for short, full in provinces.items() if name in (full, short + full[-1])), None)

    def _province_written(self, full: str) -> str:
        """The fullest form of a province the document writes: 西藏自治区 when it does, else 西藏."""
        short = self._province_short(full)
        return next((f for f in (full, short + full[-1]) if f in self.text), short)

    def _document_subject(self) -> Optional[Mention]:
        """What the whole document is about, for figures nothing nearer names: a zone in its opening
        lines, else the narrowest region (county, city, province)."""
        # the addressee line ("各乡镇人民政府，怀远经济开发区管委会，…：") names readers, not the subject
        opening = "\n".join(ln for ln in self.text[:200].splitlines() if not _ADDRESSEES.search(ln))
        title = next((ln for ln in self.text.splitlines() if ln.strip()), "")
        # a zone the opening says is included ("…成绩包括甲高新区") is part of the subject, not the subject
        ms = [m for m in mentions(opening, 0, len(opening), self.idx) if not m.aggregate
              and not self.c.inclusion.search(opening, max(0, m.start - 3), m.start)]
        region = self._region_subject(opening)
        own = rules().own_words.search(opening)
        if region is not None and own is not None and own.group(0)[-1] not in self.regions \
                and _LEVELS.find(own.group(0)[-1]) < _LEVELS.find(region.text[-1]):
            # "全县上下…视察江西…": the document calls itself 全县; the province is named in passing
            return Mention(0, 0, own.group(0), own.group(0), aggregate=True)
        if ms and not (region is not None and region.canonical in title and ms[0].text not in title):
            return Mention(0, 0, ms[0].text, ms[0].canonical)
        return region or self._own_region_word() or self._national(opening, ms) or self._city_source(opening, ms)

    def _national(self, opening: str, ms: list[Mention]) -> Optional[Mention]:
        """"国家能源局发布5月份全社会用电量…": a release a national body opens with, naming no place, is
        the country's."""
        if ms or self.regions or not rules().national_source.search(opening):
            return None
        return Mention(0, 0, "全国", "全国", aggregate=True)

    def _city_source(self, opening: str, ms: list[Mention]) -> Optional[Mention]:
        """"2023年3月至5月就业调查(统计暨普查局)": a city's statistics body opening the release, the city
        named in the text, is what it reports on."""
        if ms or self.regions:
            return None
        city = next((c for body, c in rules().city_sources.items() if body in opening and c in self.text), None)
        return Mention(0, 0, city, city, aggregate=True) if city else None

    def _region_subject(self, opening: str) -> Optional[Mention]:
        for level in ("县", "区", "旗", "市", "州", "盟", "省"):
            if level in self.regions and self.regions[level] in opening:
                name = self.regions[level]
                if level == "区" and name == self.regions.get("省"):
                    continue  # an autonomous region is a province: after the city
                # the document calls its own region 全县/全市/全省: figures it inherits read as that
                word = next((w for w in ("全" + level, "全区") if w in self.text and self.regions.get(w[1]) == name), name)
                return Mention(0, 0, word, name, aggregate=True)
        return None

    def _own_region_word(self) -> Optional[Mention]:
        """No place named in the opening: the word the document most calls itself by (全区, 我县), which
        is its own place when the text names it elsewhere (本市 -> 上海市)."""
        counts: dict[str, int] = {}
        opens_figure = False
        for m in rules().own_words.finditer(self.text):
            # not "占全市…"; "在全县上下…" is the whole place, whatever stands before it
            if self.text.startswith("上下", m.end()) \
                    or not self.c.non_subject.search(self.text, max(0, m.start() - 4), m.start()):
                counts[m.group(0)] = counts.get(m.group(0), 0) + 1
                opens_figure = opens_figure or (m.start() < _OPENING and _CLAUSE_NUMBER.match(self.text, m.end()))
        if not counts or (sum(counts.values()) < 2 and not opens_figure):
            # said once, it may be a passing word ("全市经济…") of a text on zones; said once in the
            # opening as the subject of a figure ("一季度，全县财政收入27469万元"), it is what the document
            # reports on
            return None
        word = max(counts, key=lambda w: counts[w])  # the first written among equals
        return Mention(0, 0, word, self._resolve_region(word, word), aggregate=True)

    def _document_topic(self) -> Optional[str]:
        """The set of things a document reports on, named in its title lines: "全市重点项目建设进展情况
        通报" -> 重点项目. Its bare attributes (完成投资, 完成率) are that set's."""
        lines = [ln.strip() for ln in self.text[:400].splitlines() if ln.strip()][:4]
        found = {m.group("topic") for ln in lines for m in self.c.topic.finditer(ln)}
        return found.pop() if len(found) == 1 else None

    def _topic_attribute(self, ind: str, q: RawQuantity, sent: Sent, clause_start: int) -> str:
        """"伊州区完成投资336.8亿元，完成率86.7%" in a 重点项目 bulletin: 重点项目完成投资, 重点项目投资完成率."""
        if self.topic is None:
            return ind
        if q.kind == "count" and self.c.classifier.fullmatch(ind):
            return ind + self.topic  # "省级6项" in a 重点工程项目 bulletin: 省级重点工程项目
        if q.unit.dimension.startswith("money") and self.c.topic_money.fullmatch(ind):
            done = "完成" in self.text[max(clause_start, q.start - 6):q.start]
            return self.topic + ("完成投资" if done else ind)
        if q.kind == "percent" and self.c.topic_rate.fullmatch(ind):
            before = [d.indicator for d in self._sentence_drafts(sent) if d.value is not None and d.indicator
                      and self.topic in d.indicator and d.indicator.endswith("投资")]
            if before:  # the set as the investment before names it ("省级重点项目完成投资…，完成率…")
                owner = rx(r"(?:完成)?投资$").sub("", before[-1])
                return owner + ("" if ind.startswith("投资") else "投资") + ind
        return ind

    def _own_zone(self) -> Optional[Mention]:
        """The zone a document is by or about when its title line names it ("永新工业园区2022年工作
        总结"): there a bare "园区" or "开发区" means that zone, not all zones."""
        if self.subject is None or self.subject.aggregate:
            return None
        title = next((ln for ln in self.text.splitlines() if ln.strip()), "")
        return self.subject if self.subject.text in title else None

    def _own_level(self, text: str, para: Para) -> Optional[str]:
        """"太原市一般公共预算收入…。全市一般公共预算支出…" in a province's report: a region word of a level the
        document is not itself (全市 in a report on a province) is the place of that level its paragraph
        named last."""
        m = _REGION_WORD.fullmatch(text)
        if m is None or m.group(1) in self.regions or para.entity is None:
            return None
        name = para.entity.canonical  # the place itself, or what an earlier 全市 of the paragraph resolved to
        return name if name.endswith(m.group(1)) and len(name) > 2 else None

    def _resolve_region(self, text: str, canonical: str) -> str:
        """全市开发区 -> 临汾市开发区, 我省 -> 四川省: region words name the document's own region; one the
        text does not name is written one way (我县, 本县 -> 全县: one place, whichever word says it). 县域
        (the counties taken together) is of the narrowest region named (沈阳市县域)."""
        if canonical.startswith("县域"):
            name = self.regions.get("市") or self.regions.get("省")
            return name + canonical if name else canonical
        m = _REGION_WORD.match(text)
        if not m:
            city = rules().own_city_words.get(canonical)
            return city if city is not None and city in self.text else canonical
        name = self.regions.get(m.group(1))
        if name:
            return name + canonical[m.end():]
        return "全" + canonical[1:] if text[0] in "我本" and canonical[:1] in "我本" else canonical

    def _section_period(self, path: list[str]) -> Optional[str]:
        # Every sentence of a section asks the same two questions: answer them once per path.
        key = ("period", *path)
        if key not in self._section_cache:
            self._section_cache[key] = self._find_section_period(path)
        return self._section_cache[key]

    def _section_entity(self, path: list[str]) -> Optional[Mention]:
        """The zone a section is about: a zone named in a heading above ("朔州经济开发区")."""
        key = ("entity", *path)
        if key not in self._section_cache:
            self._section_cache[key] = self._find_section_entity(path)
        return self._section_cache[key]

    def _find_section_period(self, path: list[str]) -> Optional[str]:
        for title in reversed(path):
            m = self._period_in(title)
            if m:
                return clean(m.group(0))
        return self.title_period or self.opening_period

    def _find_section_entity(self, path: list[str]) -> Optional[Mention]:
        for title in reversed(path):
            t = title.strip("#【】 ")
            ms = [m for m in mentions(t, 0, len(t), self.idx)
                  if not m.aggregate and not self.c.non_subject.search(t[max(0, m.start - 4):m.start])]
            if ms:
                return Mention(0, 0, ms[0].text, ms[0].canonical)
        return None

    def _role(self, pre: str, sent: Sent) -> str:
        for name, pat in self.c.role:
            if pat.search(pre):
                return name
        if any(self.c.plan_section.search(t) for t in sent.path[-2:]):
            return "plan"
        return "actual"

    # -- per sentence --------------------------------------------------------------------------

    def _sentence_mentions(self, sent: Sent) -> list[Mention]:
        ms = self._mention_cache.get(sent.start)
        if ms is None:
            ms = self._mention_cache[sent.start] = mentions(self.text, sent.start, sent.end, self.idx)
        return ms

    def _marked_mentions(self, sent: Sent) -> list[tuple[Mention, bool]]:
        """The sentence's mentions, each marked when the words before it make it a reference
        ("拉动全市…"): every number of the sentence asks, so the marks are found once."""
        marked = self._marked_cache.get(sent.start)
        if marked is None:
            text, ref = self.text, self.c.non_subject.search
            # a place in an inclusion aside ("我区（包括甲高新区）签约…", "乙区（不含丙区）") is not the subject
            marked = []
            for m in self._sentence_mentions(sent):
                inc = self.c.inclusion.search(text, max(sent.start, m.start - 3), m.start)
                is_ref = ref(text[max(sent.start, m.start - 4):m.start]) is not None \
                    or self.c.scope_after.match(text, m.end, sent.end) is not None \
                    or (inc is not None and text[max(sent.start, inc.start() - 1):inc.start()] in ("(", "（"))
                if not is_ref and marked and marked[-1][1] and text[marked[-1][0].end:m.start] in ("、", "和", "及", "与"):
                    is_ref = True  # "高于全国、福建省平均水平": the references are listed, each one is
                marked.append((m, is_ref))
            self._marked_cache[sent.start] = marked
        return marked

    def _sentence_drafts(self, sent: Sent) -> list[Draft]:
        """The drafts of ``sent``: sentences are read in order, so they are the tail of the list."""
        return self.drafts[self._sentence_first_draft(sent):]

    def _sentence_draft_ids(self, sent: Sent) -> list[int]:
        """The ids of the sentence's last drafts (at most LOOK_BACK: a run of figures in one sentence stays
        linear for the lookups that walk them)."""
        return list(range(self._sentence_first_draft(sent, len(self.drafts) - LOOK_BACK), len(self.drafts)))

    def _sentence_first_draft(self, sent: Sent, floor: int = 0) -> int:
        k, floor = len(self.drafts), max(0, floor)
        while k > floor and self.drafts[k - 1].sentence == (sent.start, sent.end):
            k -= 1
        return k

    def _phrase_mentions(self, phrase: str) -> tuple[Mention, ...]:
        """Mentions in a phrase cut from the text: the same phrases come back for several numbers
        and fallbacks of one document, so they are looked up once."""
        ms = self._phrase_cache.get(phrase)
        if ms is None:
            ms = self._phrase_cache[phrase] = tuple(mentions(phrase, 0, len(phrase), self.idx))
        return ms

    def _clause_start(self, sent: Sent, pos: int) -> int:
        """Start of the clause holding ``pos``: after the last , ; : outside brackets."""
        bounds = self._clause_cache.get(sent.start)
        if bounds is None:
            bounds, depth = [], 0
            for m in _CLAUSE_MARK.finditer(self.text, sent.start, sent.end):
                ch = m.group()
                if ch in "(（":
                    depth += 1
                elif ch in ")）":
                    depth = max(0, depth - 1)
                elif depth == 0:
                    bounds.append(m.end())
            self._clause_cache[sent.start] = bounds
        i = bisect_right(bounds, pos) - 1
        return bounds[i] if i >= 0 else sent.start

    def _in_parens(self, start: int, pos: int) -> bool:
        """Inside a bracket opened since ``start`` (a sentence's start)."""
        seg = self.text[start:pos]
        return seg.count("(") + seg.count("（") > seg.count(")") + seg.count("）")

    def _masked(self, start: int, end: int, qids: list[int]) -> str:
        parts = []
        pos = start
        for qi in qids:
            q = self.qs[qi]
            if q.start >= start and q.end <= end:
                parts.append(self.text[pos:q.start])
                pos = q.end
        parts.append(self.text[pos:end])
        return "".join(parts)

    def _unmasked(self, start: int, end: int, qids: list[int], k: int) -> int:
        """The offset in the text of index ``k`` of ``_masked(start, end, qids)``: the quantities it
        left out are added back, so a cue found in the masked words is placed where it is written."""
        pos, seen = start, 0
        for qi in qids:
            q = self.qs[qi]
            if q.start >= start and q.end <= end:
                if k < seen + q.start - pos:
                    break
                seen += q.start - pos
                pos = q.end
        return pos + k - seen

    def _trailing_names(self, floor: int, pos: int, kind: Optional[str] = None) -> list[Mention]:
        """Entity names right before the number, a list joined by 、 allowed ("寿阳、平遥 100%").

        Unknown names count only in a list: after a list cue that opened this part of the sentence
        (分别为, 依次为, 是:), or after the previous member's number ("21.8%、平遥 9.6%").
        """
        text = self.text
        end = pos
        while end > floor and text[end - 1] == " ":
            end -= 1
        stripped = rx(r"(?:均为|都是|均|都|不足|不到|超过|约|近|达到|达|[(（])$").sub("", text[floor:end])
        end = floor + len(stripped)
        frx = self.idx.full_rx()
        if frx is not None:  # a zone's full name is longer than a list member: "、郑州高新技术产业开发区（183.6分）"
            full = [m for m in frx.finditer(text, max(floor, end - 30), end, overlapped=True) if m.end() == end]
            if full:
                m = min(full, key=lambda m: m.start())
                if m.end() - m.start() > 6:
                    return [Mention(m.start(), m.end(), m.group(0), self.idx.resolve(m.group(0)))]
        run = rx(r"(?:\p{Han}{2,6}、)*\p{Han}{2,6}$").search(text[floor:end])
        if not run:
            return []
        run_start = floor + run.start()
        items: list[tuple[int, int]] = []
        p = run_start
        for part in run.group(0).split("、"):
            items.append((p, p + len(part)))
            p += len(part) + 1
        before = text[max(0, run_start - 4):run_start]
        cue_before = bool(rx(r"(?:[:：]|分别为|分别是|依次为|是)$").search(before))
        # (a member's number is of the kind the member before it had: "…占比a%，风电装机X万千瓦" names a
        # measure, not a member of a list of shares)
        prev_kind = self._q_ends.get(run_start - 1)
        after_number = bool(rx(r"[、,，]$").search(before)) and prev_kind is not None \
            and (kind is None or listed_alike(kind, prev_kind))
        sent_start = self._sent_start_at(run_start, floor)
        listy = self._list_cue_end(sent_start) <= run_start
        names: list[Mention] = []
        for k, (s, e) in enumerate(reversed(items)):
            chunk = text[s:e]
            known = chunk in self.idx.full or chunk in self.idx.short
            structural = listy and (cue_before or after_number or len(items) > 1) and 2 <= len(chunk) <= 5 \
                and (not rx(r"[的了是在和与及等共计完成增长占比率额数产投资已开工建设发通报函谈会项目]").search(chunk)
                     or _ends_in_zone(chunk))  # "市开发区 23批次", "经开区10个": a zone
            if known or structural:
                names.insert(0, Mention(s, e, chunk, self.idx.resolve(chunk)))
                continue
            if k == 0:
                # A known name at the end of a longer run: "增速分别为忻州" -> 忻州 (the longest).
                full = next((chunk[-n:] for n in range(len(chunk), 0, -1) if chunk[-n:] in self.idx.full), None)
                if full is not None:
                    names.insert(0, Mention(e - len(full), e, full, full))
                elif after_number or any(ch in text[max(0, s - 3):e] for ch in "为是:：、中"):
                    # a town or district at the end of the run: "排名前三位的是社棠镇 25.2亿元" (a name
                    # taken only after a cue or a number, and the cue's last character lies in the run or
                    # the 3 before it: without either, the scans below could find nothing taken)
                    sm = next((x for x in reversed(mentions(text, s, e, self.idx)) if x.end == e
                               and not _NOT_MEMBER.match(x.text)), None) \
                        or short_name_before(text, e, s, self.idx)
                    # "其中甲市200个": a city, county or province right after 其中 is the first part's
                    if sm is not None and (rx(r"(?:分别为|分别是|依次为|为|是|[:：、])$").search(text[max(0, sm.start - 3):sm.start])
                                           or (rx(r"其中[,，]?$").search(text[max(0, sm.start - 3):sm.start])
                                               and rx(r"\p{Han}{2,5}[省市县州盟旗]").fullmatch(sm.text))
                                           or (after_number and sm.start == s and self._named_member_before(floor))):
                        names.insert(0, sm)
            break
        return names

    def _named_member_before(self, pos: int) -> bool:
        """"甲市新开工项目120个，乙市98个，丙市75个": a clause that is a place name and a number goes on
        a list whose figure before, in the same sentence, names its place."""
        d = self.drafts[-1] if self.drafts else None
        if d is None or d.entity_span is None or not d.entity_text or not d.sentence[0] <= pos < d.sentence[1]:
            return False
        return rules().region.fullmatch(d.entity_text) is None and rules().own_words.fullmatch(d.entity_text) is None

    def _list_cue_end(self, start: int) -> float:
        """Where the first list cue (分别, 依次, 是:) after ``start`` ends: a cue lies between ``start`` and
        a position when it ends there or before. Found once per sentence, not once per number in it
        (a sentence of thousands of numbers made that quadratic, issue 14)."""
        end = self._cue_cache.get(start)
        if end is None:
            # The cues found once per document, a match at every position where one starts (what a
            # search from ``start`` finds first is the one at the first such position): a search from
            # a sentence with no cue after it ran to the end of the document, quadratic in its length.
            if self._cue_spans is None:
                self._cue_spans = [m.span() for m in rx(r"分别|依次|[是为][:：]").finditer(self.text, overlapped=True)]
            i = bisect_left(self._cue_spans, (start,))
            end = self._cue_cache[start] = self._cue_spans[i][1] if i < len(self._cue_spans) else float("inf")
        return end

    def _sent_start_at(self, pos: int, default: int) -> int:
        i = bisect_right(self._sent_starts, pos) - 1
        if i >= 0 and pos < self.seg.sentences[i].end:
            return self._sent_starts[i]
        return default

    def _entity_for(self, enum_names: list[Mention], clause_start: int, pos: int, sent: Sent,
                    para: Para, q: Optional[RawQuantity] = None) -> Optional[Mention]:
        if enum_names:
            return _list_mention(enum_names)
        ms = []
        limit = pos
        if q is not None and q.kind == "count":
            for k in range(max(sent.start, q.start - 4), q.start + 1):
                am = rules().aggregate.match(self.text, k)
                if am and am.end() > q.end:
                    limit = am.end()
                    break
        marked = self._marked_mentions(sent)
        every = [m for m, ref in marked if m.end <= limit and not ref]
        appo = self._apposition(every) or self._summed_list(every, clause_start, pos) \
            or self._subject_list(every, clause_start, pos) or self._listed_total(every, clause_start, sent)
        if appo is not None:
            para.entity = appo
            return appo
        for m, ref in marked:
            if m.end > limit:
                break
            if ref:
                continue  # "拉动全市增速", "排名全省第5位": a reference, not the subject
            if _LIST_NEXT.match(self.text, m.end) or (m.start > sent.start and self.text[m.start - 1] == "、") \
                    or (m.start > sent.start and self.text[m.start - 1] in "和及" and _BRACKETED.match(self.text, m.end)):
                # a member of a list of names ("青溪产业园、华兴产业园等18个项目"; "甲市(44.7%)、乙市(42.6%)和丙市(41.1%)")
                continue
            if m.aggregate and rx(r"\s*\d").match(self.text[m.end:m.end + 3]) and m.end < pos:
                continue  # the counted set of an earlier count ("现有省级开发区 10 家,其中…")
            ms.append(m)
        if ms and q is not None and q.kind == "count" and ms[-1].aggregate:
            # "全市共有省级及以上开发区9家", "全市11个开发区": the aggregate is what is counted; the
            # entity is the region before it.
            last = ms[-1]
            gap = self.text[last.end:pos]
            counted_inside = last.start <= q.start < last.end
            if rx(r"[\s共有为达计]*").fullmatch(gap) or counted_inside:
                region = rules().region.match(last.text)
                ms = ms[:-1]
                if region:
                    ms.append(Mention(last.start, last.start + region.end(), region.group(0), region.group(0), True))
                elif not ms and self.subject is not None and self.subject.aggregate:
                    # "16个开发区投资实现正增长": zones counted with no region named are the document's
                    # region's, not the zone the paragraph spoke of before
                    return self.subject
        if ms:
            m = ms[-1]
            canon = rx(COUNTED).sub("", m.canonical)
            if m.text in _ZONE_ANAPHORA:  # 我区 / 该区: the zone of this section, or the document's
                sec = self._section_entity(sent.path) or self.own_zone
                canon = sec.canonical if sec else self._resolve_region(m.text, canon)
            elif m.text in _BARE_ZONE_WORDS and self.own_zone is not None:
                canon = self.own_zone.canonical
            else:
                canon = self._own_level(m.text, para) or self._resolve_region(m.text, canon)
            m = Mention(m.start, m.end, rx(COUNTED).sub("", m.text), canon, m.aggregate)
            para.entity = m
            return m
        if para.entity is not None:
            return para.entity
        return self._section_entity(sent.path) or self.subject

    def _apposition(self, ms: list[Mention]) -> Optional[Mention]:
        """"高新区、经开区两个国家级开发区…": a list of zones named by an aggregate; the list is the entity."""
        if len(ms) < 2 or not ms[-1].aggregate or ms[-2].aggregate \
                or not rx(r"[\s两二三四五六七八九十\d个家]*").fullmatch(self.text[ms[-2].end:ms[-1].start]):
            return None
        if self.c.non_subject.search(self.text[max(0, ms[-2].start - 4):ms[-2].start]):
            return None
        group = [ms[-2]]
        for m in reversed(ms[:-2]):
            if m.aggregate or not rx(r"[、和及与]").fullmatch(self.text[m.end:group[0].start]):
                break
            group.insert(0, m)
        return _list_mention(group) if len(group) >= 2 else None

    def _summed_list(self, ms: list[Mention], clause_start: int, pos: int) -> Optional[Mention]:
        """"经开区、高新区、工业园区合计2477.6亿元": the zones listed are together the entity."""
        group = self._last_run([m for m in ms if m.start >= clause_start])
        if len(group) < 2 or not rx(r"\s*(?:合计|共计|总计|累计|共|合)\p{Han}{0,8}$").fullmatch(self.text[group[-1].end:pos]):
            return None
        first = group[0]
        if first.aggregate:  # "排名前三位的经开区、高新区…": the list starts with the zone the phrase ends in
            name = next((first.text[k:] for k in range(len(first.text) - 1)
                         if first.text[k:] in self.idx.short or first.text[k:] in self.idx.full), None)
            if name is None:
                return None
            group[0] = Mention(first.end - len(name), first.end, name, self.idx.resolve(name))
        return _list_mention(group)

    def _subject_list(self, ms: list[Mention], clause_start: int, pos: int) -> Optional[Mention]:
        """"凯里、都匀亩均规上工业总产值不足40万元": named zones opening the clause are its subject
        together (not so when 等 or 分别 follows: "A、B等26个项目", "A、B分别为…")."""
        group = self._last_run([m for m in ms if clause_start <= m.start and m.end <= pos and not m.aggregate])
        if len(group) < 2 or not _TRIVIAL_LEAD.fullmatch(self.text[clause_start:group[0].start]) \
                or rx(r"\s*(?:等|分别|均|都|合计|共计)").match(self.text, group[-1].end):
            return None
        return _list_mention(group)

    def _listed_total(self, ms: list[Mention], clause_start: int, sent: Sent) -> Optional[Mention]:
        """"柯桥区、诸暨市D类企业分别为262家、284家，合计546家": the total of a 分别 list is its members'."""
        if not rx(r"\s*(?:合计|共计|总计)").match(self.text, clause_start):
            return None
        cue = self.text.rfind("分别", sent.start, clause_start)
        group = self._last_run([m for m in ms if m.end <= cue and not _NOT_MEMBER.match(m.text)]) if cue >= 0 else []
        return _list_mention(group) if len(group) >= 2 else None

    @staticmethod
    def _first_run(comps: list[Comp]) -> list[Comp]:
        """The leading comparisons of one type (a 分别 list's values)."""
        n = next((k for k, c in enumerate(comps) if c.type != comps[0].type), len(comps))
        return comps[:n]

    def _last_run(self, ms: list[Mention]) -> list[Mention]:
        """The last run of mentions joined by 、/和/及/与 ("经开区、高新区、工业园区")."""
        group: list[Mention] = []
        for m in ms:
            if group and not rx(r"[、和及与]").fullmatch(self.text[group[-1].end:m.start]):
                group = []
            group.append(m)
        return group

    def _distribute_subject_list(self, sent: Sent) -> None:
        """"南京经开区、昆山经开区规上工业总产值分别为3120亿元、5066亿元": one entity per value. Each
        分别 of the sentence is a cue: "前三位的分别是毕节、铜仁，分别增长15.7%、13.9%" lists the names
        after the first and the values after the second."""
        cues = [m.start() for m in rx("分别|依次(?=为|是|增长|下降|达到|完成|实现)").finditer(self.text, sent.start, sent.end)]
        for k, cue in enumerate(cues):
            until = cues[k + 1] if k + 1 < len(cues) else sent.end
            self._distribute_at(sent, cue, until)

    def _distribute_at(self, sent: Sent, cue: int, until: int) -> None:
        # named places count as list members; aggregates (全市, 我省, 各开发区) do not
        group = self._last_run([m for m in self._sentence_mentions(sent) if m.end <= cue
                                and (not m.aggregate or not _NOT_MEMBER.match(m.text))])
        # A figure may be a growth rate with no value ("经开区、保康投资增速分别为-7.9%、-12.6%").
        ds = [d for d in self._sentence_drafts(sent) if cue < self.qs[d.anchor].start < until]
        listed = self._first_run(ds[0].comparisons) if len(ds) == 1 and ds[0].value is None else []
        if len(group) >= 2 and len(listed) == len(group):
            # "平湖市、海宁市…，分别增长13.5%和11.7%": one value-less figure per member; what is said after
            # the list ("…，增速居全省前3位") is said of the members together
            first, rest = ds[0], ds[0].comparisons[len(listed):]
            ds = [first] + [replace(first, anchor=c.q, comparisons=[c], conditions=[]) for c in listed[1:]]
            self.drafts.extend(ds[1:])
            first.comparisons = listed[:1]
            if rest:
                whole = replace(first, anchor=rest[0].q, comparisons=rest, conditions=[],
                                entity=self.text[group[0].start:group[-1].end],
                                entity_text=self.text[group[0].start:group[-1].end],
                                entity_span=(group[0].start, group[-1].end))
                self.drafts.append(whole)
        if len(ds) > len(group) >= 2:
            # the list ends where a clause does: "分别为65.2万元、48.2万元，南漳、保康不足16万元"
            n = len(group)
            if not rx(r"[，,；;]").search(self.text[self.qs[ds[n - 1].anchor].end:self.qs[ds[n].anchor].start]):
                return
            ds = ds[:n]
        if len(group) < 2 or len(ds) != len(group):
            return
        head = self._masked(group[-1].end, cue, [])
        first_ind = ds[0].indicator
        # the figures' own indicator when the text before 分别 holds it ("…增速居前两位，分别…")
        indicator = first_ind if first_ind and first_ind in head else strip_indicator(head, self.c) or first_ind
        for d, m in zip(ds, group):
            d.entity, d.entity_text, d.entity_span = m.canonical, m.text, (m.start, m.end)
            d.indicator = indicator


def _official_name(written: str, level: str) -> Optional[str]:
    """The place a credit names, as an official division of the level: 保定 -> 保定市 (市), 楚雄州 (the
    short form of 楚雄彝族自治州); None for a place of another level or no official one."""
    if written[-1] == level:
        return written if written in _official() or written in _autonomous_short() else None
    return next((written[k:] + level for k in range(len(written) - 1) if written[k:] + level in _official()), None)


def _official_names(text: str, level: str) -> list[tuple[str, int, int]]:
    """Official divisions of a level named in full in text (name, start, end), longest at each end."""
    out = []
    e = text.find(level) + 1
    while e > 0:
        name = next((text[e - n:e] for n in range(min(8, e), 2, -1)
                     if text[e - n:e] in _official() or text[e - n:e] in _autonomous_short()), None)
        if name is not None:
            out.append((name, e - len(name), e))
        e = text.find(level, e) + 1
    return out


@lru_cache(maxsize=1)
def _official() -> frozenset[str]:
    return resources.divisions() | resources.prefectures()


@lru_cache(maxsize=1)
def _autonomous_short() -> frozenset[str]:
    """楚雄彝族自治州 -> 楚雄州: how texts write an autonomous prefecture or county by its place alone."""
    return frozenset(m.group(1) + m.group(2) for n in _official() if (m := _AUTONOMOUS.fullmatch(n)))
