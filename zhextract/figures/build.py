"""Build figure records from the quantities of each sentence.

For every quantity, the text just before it in its clause (other quantities masked out) decides
what it is: a comparison of the current figure (growth, gap to a target, contribution, share,
rank, increment, change), a target in brackets, a condition on the next figure ("10—20亿元项目"),
or the value of a new figure. Enumerations ("分别为忻州 39.3%、原平 14.5%") give one figure per
named entity, inheriting the indicator.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Optional

import regex

from ..quantities.scan import RawQuantity
from ..segment import Segments, Sent
from .cues import Cues, cues
from .words import cut_tail
from .entities import EntityIndex, Mention, build_index, mentions, rules, rx, short_name_before

_CLAUSE = regex.compile(r"[,，;；:：]")
_TRIVIAL = regex.compile(r"^[\s、,，;；:：和及与或以及()（）“”\"]*$")
_PUNCT_EDGES = "、,，;；:：。 \t\n()（）→"
_TARGET_BEFORE = regex.compile(r"(?:目标|任务|目标值|预期|计划)\s*[(（]\s*$")
_CN_ENUM_SPLIT = regex.compile(r"(?:及|和|与|、)")
_ZONE_ANAPHORA = {"我区", "该区", "本区"}
_CITY_ANAPHORA = {"我市", "该市", "本市"}


@dataclass
class Comp:
    type: str
    q: int
    start: int
    end: int
    sign: Optional[str] = None
    direction: Optional[str] = None
    target: Optional[int] = None
    reference: Optional[str] = None
    of: Optional[str] = None
    scope: Optional[str] = None


@dataclass
class Draft:
    anchor: int
    value: Optional[int]
    indicator: Optional[str]
    indicator_span: Optional[tuple[int, int]]
    entity: Optional[str]
    entity_text: Optional[str]
    entity_span: Optional[tuple[int, int]]
    period: Optional[str]
    role: str
    sentence: tuple[int, int]
    path: list[str]
    comparisons: list[Comp] = field(default_factory=list)
    conditions: list[int] = field(default_factory=list)
    parent: Optional[int] = None


@dataclass
class _Para:
    entity: Optional[Mention] = None
    period: Optional[str] = None
    figures: list[int] = field(default_factory=list)  # value figures, for 其中 parents
    qizhong_parent: Optional[int] = None
    qizhong_open: bool = False  # a 其中 breakdown runs on over ；-separated parts


def _clean(s: str) -> str:
    return s.strip(_PUNCT_EDGES).replace(" ", "")


_ASIDE = regex.compile(r"[(（](?:含|包括|不含|不包括|其中|注|即)[^)）]*[)）]")


def _strip_indicator(phrase: str, c: Cues) -> str:
    s = _clean(_ASIDE.sub("", phrase))  # "工业投资(含大数据等投资)" -> 工业投资
    for _ in range(3):
        t = _clean(c.trailing.sub("", c.leading.sub("", s)))
        if len(t) == 1 < len(s):  # "完成率" must not shrink to "率"
            break
        s = t
    s = rx(r"^[(（]?[一二三四五六七八九十\d]{1,2}[)）、.]").sub("", s)  # a list marker: "(二)"
    s = rx(r"^[(（][^)）]*[)）]").sub("", s)  # a stray bracket from the previous clause
    s = _clean(s)
    if len(s) > c.max_indicator:
        s = cut_tail(s, c.max_indicator)
    return s


class _Builder:
    def __init__(self, text: str, seg: Segments, qs: list[RawQuantity]) -> None:
        self.text = text
        self.seg = seg
        self.qs = qs
        self.c = cues()
        self.idx: EntityIndex = build_index(text)
        self.drafts: list[Draft] = []
        self.title_period = self._title_period()
        self._full_by_len = sorted(self.idx.full, key=lambda f: (-len(f), f))
        self._q_ends = {q.end for q in qs}
        self._sent_starts = [st.start for st in seg.sentences]
        self._mention_cache: dict[int, list[Mention]] = {}
        self._clause_cache: dict[int, list[int]] = {}
        self.city = self._city()

    # -- context -----------------------------------------------------------------------------
    def _title_period(self) -> Optional[str]:
        for s in self.seg.sentences[:6]:
            m = self.c.period.search(s.text)
            if m and rx(r"\d{4}").search(m.group(0)):
                return _clean(m.group(0))
        return None

    def _city(self) -> Optional[str]:
        """The city the document is about: the first "X市" with X a place name, in its opening."""
        for m in rx(r"(\p{Han}{2,3}?)市").finditer(self.text[:600]):
            for k in range(len(m.group(1)) - 1):
                if m.group(1)[k:] in rules().places:
                    return m.group(1)[k:] + "市"
        return None

    def _section_period(self, path: list[str]) -> Optional[str]:
        for title in reversed(path):
            m = self.c.period.search(title)
            if m:
                return _clean(m.group(0))
        return self.title_period

    def _section_entity(self, path: list[str]) -> Optional[Mention]:
        """The zone a section is about: a zone named in a heading above ("朔州经济开发区")."""
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
    def run(self) -> list[Draft]:
        para = _Para()
        line_of = -1
        path: list[str] = []
        q_i = 0
        for sent in self.seg.sentences:
            line_start = self.text.rfind("\n", 0, sent.start) + 1
            if line_start != line_of:
                # A new paragraph: the period carries only within one; the entity also carries
                # to the next paragraphs of the same section ("景区接待…" after "(三)偏关…").
                carried = para.entity if sent.path == path and not sent.heading else None
                para = _Para(entity=carried)
                line_of = line_start
                path = sent.path
            while q_i < len(self.qs) and self.qs[q_i].start < sent.start:
                q_i += 1
            j = q_i
            while j < len(self.qs) and self.qs[j].start < sent.end:
                j += 1
            self._sentence(sent, list(range(q_i, j)), para)
            q_i = j
        return self.drafts

    def _clause_start(self, sent: Sent, pos: int) -> int:
        """Start of the clause holding ``pos``: after the last , ; : outside brackets."""
        bounds = self._clause_cache.get(sent.start)
        if bounds is None:
            bounds, depth = [], 0
            for k in range(sent.start, sent.end):
                ch = self.text[k]
                if ch in "(（":
                    depth += 1
                elif ch in ")）":
                    depth = max(0, depth - 1)
                elif depth == 0 and ch in ",，;；:：":
                    bounds.append(k + 1)
            self._clause_cache[sent.start] = bounds
        i = bisect_right(bounds, pos) - 1
        return bounds[i] if i >= 0 else sent.start

    def _sentence_mentions(self, sent: Sent) -> list[Mention]:
        ms = self._mention_cache.get(sent.start)
        if ms is None:
            ms = self._mention_cache[sent.start] = mentions(self.text, sent.start, sent.end, self.idx)
        return ms

    def _in_parens(self, sent: Sent, pos: int) -> bool:
        seg = self.text[sent.start:pos]
        return seg.count("(") + seg.count("（") > seg.count(")") + seg.count("）")

    def _sentence(self, sent: Sent, qids: list[int], para: _Para) -> None:
        if not qids:
            m = self.c.period.search(sent.text)
            if m and not sent.heading:
                para.period = _clean(m.group(0))
            return
        text = self.text
        current: Optional[int] = None  # the figure comparisons attach to
        pending_rank: list[Comp] = []
        pending_cond: list[int] = []
        last_kind: Optional[str] = None  # "value" or a comparison type, for enumerations
        last_end = sent.start
        targets: dict[int, int] = {}
        qizhong = para.qizhong_open
        periods = list(self.c.period.finditer(text, sent.start, sent.end))
        sentence_period = None

        # Targets in brackets after 目标/任务: "(15%)".
        for a, b in zip(qids, qids[1:]):
            qa, qb = self.qs[a], self.qs[b]
            if _TARGET_BEFORE.search(text[max(sent.start, qa.start - 8):qa.start]) and qb.kind == "pp":
                targets[b] = a

        for n, qi in enumerate(qids):
            q = self.qs[qi]
            if qi in targets.values():
                continue
            clause_start = self._clause_start(sent, q.start)
            prev_q = self.qs[qids[n - 1]] if n else None
            pre_start = clause_start
            if prev_q and prev_q.end > clause_start and not self._in_parens(sent, prev_q.start):
                pre_start = prev_q.end
            pre = self._masked(pre_start, q.start, qids)
            between = text[last_end:q.start]
            if rx(r"其中").search(text[sent.start:q.start]) or rx(r"\s*其中").match(text[clause_start:q.start]):
                qizhong = True
            pm = None
            for m in periods:
                if m.end() > q.start:
                    break
                pm = m
            if pm:
                sentence_period = _clean(pm.group(0))
                para.period = sentence_period
            period = sentence_period or para.period or self._section_period(sent.path)

            # An entity named right before the number: enumeration member.
            enum_names = self._trailing_names(pre_start, q.start)
            pre_core_end = enum_names[0].start if enum_names else q.start
            pre_core = self._masked(pre_start, pre_core_end, qids)
            if q.qualifier and not enum_names:
                for word in q.qualifier.split("/"):
                    if pre_core.rstrip().endswith(word):
                        pre_core = pre_core.rstrip()[:-len(word)]
            pre_core = rx(r"(?:均为|都是|均|都)\s*$").sub("", pre_core) if enum_names else pre_core
            continuation = bool(_TRIVIAL.match(pre_core)) and last_kind is not None and n > 0 \
                and rx(r"[\s、,，和及与]*(?:\p{Han}{1,8}(?:、\p{Han}{1,8})*)?\s*").fullmatch(between or "") is not None

            ctype, cm = self._comparison(pre_core, q)
            if ctype == "share" and cm is not None:
                subject = _strip_indicator(pre_core[:cm.start()], self.c)
                cur_ind = self.drafts[current].indicator if current is not None else None
                if subject and subject != cur_ind:
                    ctype, cm = None, None  # "数量及投资额占比分别达到 79.4%": a figure of its own
            if q.kind == "rank":
                ctype = "rank"
            elif ctype is None and continuation and last_kind not in (None, "value", "rank"):
                ctype = last_kind

            entity_m = self._entity_for(enum_names, clause_start, q.start, sent, para, q)

            if ctype is not None:
                comp = Comp(ctype if ctype != "decline" else "growth", qi, q.start, q.end)
                if ctype == "decline":
                    comp.sign = "-"
                elif ctype == "growth" and q.value < 0:
                    comp.sign = "-"
                if cm is not None:
                    comp.start = clause_start + max(0, cm.start())
                    gd = cm.groupdict()
                    if gd.get("dir"):
                        comp.direction = _direction(gd["dir"], ctype)
                    if gd.get("ref"):
                        comp.reference = _clean(gd["ref"]) or None
                    if gd.get("of"):
                        comp.of = _clean(gd["of"]) or None
                if ctype == "gap_to_target" and qi in targets:
                    comp.target = targets[qi]
                if ctype == "rank":
                    comp.scope = q.scope
                last_kind = ctype
                last_end = q.end
                own_entity = bool(enum_names)
                cur = self.drafts[current] if current is not None else None
                if ctype == "rank" and cur is None:
                    pending_rank.append(comp)
                    continue
                if cur is not None and (not own_entity or cur.entity == (entity_m.canonical if entity_m else None)):
                    before_cue = _strip_indicator(pre_core[:cm.start()] if cm else "", self.c)
                    if not before_cue or before_cue == cur.indicator or ctype in ("rank", "gap_to_target", "contribution", "change", "share", "increment"):
                        cur.comparisons.append(comp)
                        continue
                # A comparison standing alone: a figure without a value.
                indicator = _strip_indicator(pre_core[:cm.start()] if cm else "", self.c)
                if not indicator:
                    indicator = cur.indicator if cur else self._last_indicator(para)
                d = self._new(qi, None, indicator, None, entity_m, period, self._role(pre, sent), sent, para)
                d.comparisons.append(comp)
                if cur is None:
                    current = len(self.drafts) - 1
                continue

            # A condition on the next figure: "10—20亿元项目7个", "5亿元以上产业项目的总投资".
            after = text[q.end:sent.end]
            nxt = self.qs[qids[n + 1]] if n + 1 < len(qids) else None
            if nxt is not None and self._is_condition(q, after, nxt, sent):
                pending_cond.append(qi)
                last_end = q.end
                continue

            # A value: a new figure.
            indicator, ind_span = self._indicator(pre_core, pre_start, q, para, continuation)
            if not indicator and (enum_names or continuation):
                indicator = self._list_head(sent, q.start, qids) or self._last_indicator(para)
            if not indicator:
                indicator = self._previous_clause_phrase(sent, clause_start, qids)
            if indicator and q.kind == "count" and len(indicator) <= 3 and self.c.count_verbs.search(indicator):
                head = self._set_head(para)
                if head:
                    indicator += head  # "其中开工82个" under "项目94个" -> 开工项目
            if indicator and self.c.attributes.search(indicator):
                owner = self._counted_set(sent, para, rate=indicator.endswith("率"), stem=indicator[:-1][-2:])
                if owner and not owner.endswith(indicator[:2]):
                    indicator = owner + indicator
            role = self._role(text[clause_start:q.start], sent)
            if continuation and self.drafts and last_kind == "value":
                role = self.drafts[-1].role if role == "actual" else role
            d = self._new(qi, qi, indicator, ind_span, entity_m, period, role, sent, para)
            d.conditions.extend(pending_cond)
            pending_cond = []
            if pending_rank:
                d.comparisons.extend(pending_rank)
                pending_rank = []
            if qizhong and para.qizhong_parent is not None:
                parent = self._parent_for(q, para)
                d.parent = parent
            elif not qizhong:
                para.qizhong_parent = len(self.drafts) - 1
            para.figures.append(len(self.drafts) - 1)
            current = len(self.drafts) - 1
            last_kind = "value"
            last_end = q.end
        para.qizhong_open = qizhong and sent.text.rstrip().endswith(("；", ";"))
        self._distribute_enumerated_indicators(sent)
        self._distribute_subject_list(sent)
        for comp in pending_rank:  # a rank with nothing to attach to
            q = self.qs[comp.q]
            d = self._new(comp.q, None, self._last_indicator(para), None, para.entity,
                          sentence_period or para.period or self._section_period(sent.path), "actual", sent, para)
            d.comparisons.append(comp)

    # -- pieces ---------------------------------------------------------------------------------
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

    def _trailing_names(self, floor: int, pos: int) -> list[Mention]:
        """Entity names right before the number, a list joined by 、 allowed ("忻州、岢岚 100%").

        Unknown names count only in a list: after a list cue that opened this part of the sentence
        (分别为, 依次为, 是:), or after the previous member's number ("39.3%、原平 14.5%").
        """
        text = self.text
        end = pos
        while end > floor and text[end - 1] == " ":
            end -= 1
        stripped = rx(r"(?:均为|都是|均|都)$").sub("", text[floor:end])
        end = floor + len(stripped)
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
        after_number = bool(rx(r"[、,，]$").search(before)) and (run_start - 1) in self._q_ends
        sent_start = next((st.start for st in self._sent_at(run_start)), floor)
        listy = bool(rx(r"分别|依次|[是为][:：]").search(text[sent_start:run_start]))
        names: list[Mention] = []
        for k, (s, e) in enumerate(reversed(items)):
            chunk = text[s:e]
            known = chunk in self.idx.full or chunk in self.idx.short
            structural = listy and (cue_before or after_number or len(items) > 1) and 2 <= len(chunk) <= 5 \
                and not rx(r"[的了是在和与及等共计完成增长占比率额数产投资已开工建设发通报函谈会项目]").search(chunk)
            if known or structural:
                names.insert(0, Mention(s, e, chunk, self.idx.resolve(chunk)))
                continue
            if k == 0:
                # A known name at the end of a longer run: "增速分别为忻州" -> 忻州.
                for full in self._full_by_len:
                    if chunk.endswith(full):
                        names.insert(0, Mention(e - len(full), e, full, full))
                        break
                else:
                    sm = short_name_before(text, e, s, self.idx)
                    if sm is not None and rx(r"(?:分别为|分别是|依次为|为|是|[:：、])$").search(text[max(floor, sm.start - 3):sm.start]):
                        names.insert(0, sm)
            break
        return names

    def _sent_at(self, pos: int) -> list[Sent]:
        i = bisect_right(self._sent_starts, pos) - 1
        st = self.seg.sentences[i] if i >= 0 else None
        return [st] if st is not None and st.start <= pos < st.end else []

    def _entity_for(self, enum_names: list[Mention], clause_start: int, pos: int, sent: Sent,
                    para: _Para, q: Optional[RawQuantity] = None) -> Optional[Mention]:
        if enum_names:
            text = "、".join(m.text for m in enum_names)
            canon = "、".join(m.canonical for m in enum_names)
            return Mention(enum_names[0].start, enum_names[-1].end, text, canon)
        ms = []
        limit = pos
        if q is not None and q.kind == "count":
            am = rules().aggregate.match(self.text, max(sent.start, q.start - 4))
            for k in range(max(sent.start, q.start - 4), q.start + 1):
                am = rules().aggregate.match(self.text, k)
                if am and am.end() > q.end:
                    limit = am.end()
                    break
        for m in self._sentence_mentions(sent):
            if m.end > limit:
                break
            lead = self.text[max(sent.start, m.start - 4):m.start]
            if self.c.non_subject.search(lead):
                continue  # "拉动全市增速", "排名全省第5位": a reference, not the subject
            if self.text[m.end:m.end + 1] in ("、", "等") or lead.endswith("、"):
                continue  # a member of a list of names ("双雁产业园、华联产业园等26个项目")
            if m.aggregate and rx(r"\s*\d").match(self.text[m.end:m.end + 3]) and m.end < pos:
                continue  # the counted set of an earlier count ("现有省级开发区 12 家,其中…")
            ms.append(m)
        if ms and q is not None and q.kind == "count" and ms[-1].aggregate:
            # "全市共有省级及以上开发区11家", "全市14个开发区": the aggregate is what is counted; the
            # entity is the region before it.
            last = ms[-1]
            gap = self.text[last.end:pos]
            counted_inside = last.start <= q.start < last.end
            if rx(r"[\s共有为达计]*").fullmatch(gap) or counted_inside:
                region = rules().region.match(last.text)
                ms = ms[:-1]
                if region:
                    ms.append(Mention(last.start, last.start + region.end(), region.group(0), region.group(0), True))
        if ms:
            m = ms[-1]
            canon = rx(r"\d+[个家]").sub("", m.canonical)
            if m.text in _ZONE_ANAPHORA:  # 我区 / 该区: the zone of this section
                sec = self._section_entity(sent.path)
                canon = sec.canonical if sec else canon
            elif m.text in _CITY_ANAPHORA and self.city:  # 我市 / 该市: the city the document is about
                canon = self.city
            m = Mention(m.start, m.end, m.text, canon, m.aggregate)
            para.entity = m
            return m
        if para.entity is not None:
            return para.entity
        return self._section_entity(sent.path)

    def _inside_quantity_span(self, m: Mention) -> bool:
        return False

    def _comparison(self, pre_core: str, q: RawQuantity) -> tuple[Optional[str], Optional[regex.Match[str]]]:
        s = pre_core.rstrip()
        tail = max(0, len(s) - 32)  # cues are short and end right before the number
        for name, pat in self.c.comparisons:
            m = pat.search(s, tail)
            if not m:
                continue
            if name in ("gap_to_target", "contribution", "change") and q.kind not in ("pp", "percent"):
                continue
            if name == "share" and q.kind != "percent":
                continue
            if name in ("growth", "decline"):
                if q.kind == "pp":
                    return "change", m
                if q.kind not in ("percent", "multiple"):
                    if name == "growth" and rx(r"增加|新增").search(m.group(0)):
                        return "increment", m
                    continue
            if name == "gap_to_target" and q.kind == "percent":
                continue
            return name, m
        return None, None

    def _is_condition(self, q: RawQuantity, after: str, nxt: RawQuantity, sent: Sent) -> bool:
        if q.low is None and not (q.qualifier and rx(r"以上|以下").search(q.qualifier)):
            # A count of zones before the zones' own figures: "全市8个工业类开发区(园区)完成工业投资105.4亿元".
            if q.kind == "count" and rules().aggregate.match("全市" + after[:20]) and nxt.kind != "count":
                clause_end = _CLAUSE.search(after)
                return clause_end is None or q.end + clause_end.start() > nxt.start
            return False
        rest = after[:12]
        return bool(rx(r"(?:以上|以下)?(?:的)?(?:\p{Han}{0,6})(?:项目|企业|产业项目)").match(rest)) and \
            nxt.start - q.end < 40

    def _indicator(self, pre_core: str, pre_start: int, q: RawQuantity, para: _Para,
                   continuation: bool) -> tuple[Optional[str], Optional[tuple[int, int]]]:
        # Cut the subject off first: "全市开发区规上工业增加值" -> "规上工业增加值".
        for m in mentions(pre_core, 0, len(pre_core), self.idx):
            if not _strip_indicator(pre_core[:m.start], self.c) and m.end < len(pre_core):
                if not (q.kind == "count" and not _strip_indicator(pre_core[m.end:], self.c)):
                    pre_core = pre_core[m.end:]
                break
        ind = _strip_indicator(pre_core, self.c)
        # Remove an entity mention from the phrase: "阳泉高新区规上工业增加值" -> "规上工业增加值".
        for m in mentions(ind, 0, len(ind), self.idx):
            if m.start == 0 and not (q.kind == "count" and m.end == len(ind)):
                ind = _strip_indicator(ind[m.end:], self.c)
        m = rules().aggregate.search(ind)
        if m and m.start() == 0 and not (q.kind == "count" and m.end() == len(ind)):
            ind = _strip_indicator(ind[m.end():], self.c)
        m = self.c.period.match(ind)
        if m:
            ind = _strip_indicator(ind[m.end():], self.c)
        noun = noun_after(self.text, q, self.c) if q.kind in ("count", "amount", "duration") else None
        if rx(r"[、等]").search(ind):
            # "推动双雁产业园一期等47个项目": the names listed are not the indicator.
            tail = rx(r"[、等]").split(ind)[-1]
            ind = _strip_indicator(tail, self.c)
            if q.kind == "count" and noun_after(self.text, q, self.c):
                ind = ""
        ends_with_verb_le = pre_core.rstrip().endswith("了") or bool(self.c.count_verbs.search(pre_core.rstrip()))
        if noun and len(noun) >= 2 and q.kind == "count":
            # Numeral + measure word + noun: the noun is what is counted ("确定的8个重点培育新兴产业").
            ind = (ind if len(ind) <= 2 and not ends_with_verb_le else "") + noun
        elif not ind and noun:
            ind = noun
        if not ind:
            return None, None
        pos = self.text.rfind(ind, pre_start, q.start)
        span = (pos, pos + len(ind)) if pos >= 0 else None
        return ind, span

    def _list_head(self, sent: Sent, pos: int, qids: list[int]) -> Optional[str]:
        """The indicator an enumeration shares: "签约项目数排名前三位分别是:河曲18个,忻州15个"."""
        cue = None
        for m in self.c.list_cue.finditer(self.text, sent.start, pos):
            if m.group(0).startswith(("分别", "依次")) or m.group(0).endswith((":", "：")):
                cue = m
        if cue is None:
            return None
        k = cue.start()
        while k > sent.start and self.text[k - 1] not in ",，;；。\n":
            k -= 1
        head = self._masked(k, cue.start(), qids)
        head = rx(r"排名前\S{1,3}位|排名|由高到低|由低到高|从高到低|从低到高|的$").sub("", head)
        if rx(r"\s*(?:低于|高于|超过|不足)").match(head):
            return None
        ind = _strip_indicator(head, self.c)
        for m in mentions(ind, 0, len(ind), self.idx):
            if m.start == 0:
                ind = _strip_indicator(ind[m.end:], self.c)
        return ind or None

    def _previous_clause_phrase(self, sent: Sent, clause_start: int, qids: list[int]) -> Optional[str]:
        """"有实际利用外资,共计0.59亿美元": the measured thing is named in the clause before."""
        if clause_start <= sent.start:
            return None
        k = clause_start - 1
        while k > sent.start and self.text[k - 1] not in ",，;；:：。":
            k -= 1
        phrase = self._masked(k, clause_start - 1, qids)
        for m in reversed(mentions(phrase, 0, len(phrase), self.idx)):
            phrase = phrase[:m.start] + phrase[m.end:]
        ind = _strip_indicator(phrase, self.c)
        return ind if ind and len(ind) <= 12 else None

    def _counted_set(self, sent: Sent, para: _Para, rate: bool, stem: str = "") -> Optional[str]:
        """The set a bare attribute belongs to: the last count figure of the sentence ("项目16个");
        for a rate, the whole set a 其中 part was taken from ("项目94个,其中开工82个,开工率…")."""
        for i in reversed(para.figures):
            d = self.drafts[i]
            if d.sentence != (sent.start, sent.end):
                break
            if d.value is not None and self.qs[d.value].kind == "count" and d.indicator \
                    and not self.c.attributes.search(d.indicator):
                if rate and d.parent is not None and self.drafts[d.parent].indicator:
                    return self.drafts[d.parent].indicator
                if rate and stem and stem in d.indicator:
                    continue  # "已开工94个,…,开工率": the rate is of the set before, not of the 开工 part
                return d.indicator
        return None

    def _set_head(self, para: _Para) -> Optional[str]:
        for i in reversed(para.figures):
            ind = self.drafts[i].indicator or ""
            for head in self.c.set_heads:
                if ind.endswith(head):
                    return head
        return None

    def _last_indicator(self, para: _Para) -> Optional[str]:
        for i in reversed(para.figures):
            if self.drafts[i].indicator:
                return self.drafts[i].indicator
        return None

    def _parent_for(self, q: RawQuantity, para: _Para) -> Optional[int]:
        for i in reversed(para.figures):
            d = self.drafts[i]
            if d.parent is None and d.value is not None and self.qs[d.value].unit.dimension == q.unit.dimension:
                return i
        return None

    def _new(self, anchor: int, value: Optional[int], indicator: Optional[str], ind_span, entity: Optional[Mention],
             period: Optional[str], role: str, sent: Sent, para: _Para) -> Draft:
        d = Draft(anchor=anchor, value=value, indicator=indicator or None, indicator_span=ind_span,
                  entity=entity.canonical if entity else None, entity_text=entity.text if entity else None,
                  entity_span=(entity.start, entity.end) if entity and entity.end > entity.start else None,
                  period=period, role=role, sentence=(sent.start, sent.end), path=list(sent.path))
        self.drafts.append(d)
        return d

    def _distribute_subject_list(self, sent: Sent) -> None:
        """"南京经开区、昆山经开区规上工业总产值分别为3120亿元、5066亿元": one entity per value."""
        cue = self.text.find("分别", sent.start, sent.end)
        if cue < 0:
            return
        ms = [m for m in self._sentence_mentions(sent) if m.end <= cue and not m.aggregate]
        group: list[Mention] = []
        for m in ms:
            if group and not rx(r"[、和及与]").fullmatch(self.text[group[-1].end:m.start]):
                group = []
            group.append(m)
        ds = [d for d in self.drafts if d.sentence == (sent.start, sent.end) and d.value is not None
              and self.qs[d.value].start > cue]
        if len(group) < 2 or len(ds) != len(group):
            return
        head = self._masked(group[-1].end, cue, [])
        indicator = _strip_indicator(head, self.c) or ds[0].indicator
        for d, m in zip(ds, group):
            d.entity, d.entity_text, d.entity_span = m.canonical, m.text, (m.start, m.end)
            d.indicator = indicator

    def _distribute_enumerated_indicators(self, sent: Sent) -> None:
        """"数量及投资额占比分别达到 79.4%、97.3%": one indicator per number."""
        ds = [d for d in self.drafts if d.sentence == (sent.start, sent.end) and d.value is not None]
        groups: dict[str, list[Draft]] = {}
        for d in ds:
            if d.indicator:
                groups.setdefault(d.indicator, []).append(d)
        for ind, members in groups.items():
            parts = [p for p in _CN_ENUM_SPLIT.split(ind) if p]
            if len(members) < 2 or len(parts) != len(members) or len(parts) < 2:
                continue
            if any(m.entity != members[0].entity for m in members):
                continue
            last = parts[-1]
            suffix = last[-2:] if len(last) > 2 else ""
            for m, p in zip(members, parts):
                m.indicator = p if p.endswith(suffix) or not suffix else p + suffix


def noun_after(text: str, q: RawQuantity, c: Cues) -> str:
    """The noun a count measures, right after its measure word: "14个开发区(园区)" -> 开发区(园区)."""
    after = text[q.end:q.end + 16]
    stop = c.noun_stop.search(after)
    noun = after[:stop.start()] if stop else after
    paren = rx(r"[(（][^)）]{1,4}[)）]").match(after[len(noun):])
    if paren and _clean(noun):  # "开发区(园区)"
        return _clean(noun) + paren.group(0)
    return _clean(noun)


def _direction(word: str, ctype: str) -> Optional[str]:
    if ctype == "gap_to_target":
        return "below" if word in ("低于", "低出", "低", "落后", "落后于", "慢于") else "above"
    if ctype == "contribution":
        return "down" if word in ("下拉", "拖累") else "up"
    if ctype == "change":
        return "down" if word in ("下降", "回落", "放缓", "减少", "降低", "收窄") else "up"
    return None


def build_figures(text: str, seg: Segments, qs: list[RawQuantity]) -> list[Draft]:
    return _Builder(text, seg, qs).run()
