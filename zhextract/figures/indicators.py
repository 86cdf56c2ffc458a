"""What a figure measures: the indicator phrase, with the fallbacks enumerations and attributes need."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from typing import Callable, Optional

import regex

from ..quantities.numerals import parse_chinese
from ..quantities.scan import RawQuantity
from ..segment import Sent
from .cues import Cues
from .draft import LOOK_BACK, Comp, Draft, Para
from .entities import EntityIndex, Mention, rules, rx
from .phrases import clean, last_match, noun_after, predicate_after, strip_indicator, with_measure

# The noun of listed kinds (行业, 产业 …) and what is measured of each after it (投资额, 增加值 …).
_KIND_MEASURE = r"的?(?:投资额|投资|增加值|产量|产值|营业收入|利润|出口|进口|进出口)?"
# Kinds listed before 等 and their noun, then a measure (投资额) or a predicate: "汽车、医药等行业的投资额".
_ETC_LIST = regex.compile(r"(?P<items>\p{Han}{1,12}(?:、\p{Han}{1,12})+)等(?P<noun>\p{Han}{0,2}?(?:行业|产业|产品|企业|领域))"
                          rf"(?P<tail>{_KIND_MEASURE})")
# Kinds listed before their count ("汽车、食品、医药三个行业增加值"): the names, then the noun and measure.
_COUNTED_ITEMS = regex.compile(r"(?P<items>\p{Han}{1,12}(?:[、和及与]\p{Han}{1,12}?)+)$")
_COUNTED_NOUN = regex.compile(rf"(?P<noun>\p{{Han}}{{0,2}}?(?:行业|产业|产品|企业|领域|门类))(?P<tail>{_KIND_MEASURE})")
# A list of subjects, 分别 and what each is measured by: "第一、二、三产业分别完成投资".
_MEASURE_AFTER_CUE = regex.compile(r"(?P<subj>\p{Han}+(?:[、和及与]\p{Han}+)+|[一二三]{2,3}产)分别(?:完成|实现|达到|达|为|是)?(?P<m>\p{Han}{2,})")
_CN_ENUM_SPLIT = regex.compile(r"(?:及|和|与|、)")
_LIST_COMMA = regex.compile(r"、")
_TIGHT = regex.compile(r"\s*[、和及与]\s*")  # members of one list: nothing but a joining word between
# "新能源汽车、光伏、集成电路三大产业增加值": listed subjects, how many, and what is measured of each
_LISTED = regex.compile(r"(?P<items>\p{Han}{1,10}(?:[、和及与]\p{Han}{1,10}?)+)(?P<n>[两二三四五六七八九十][大个类项])(?P<tail>\p{Han}{2,12})")


_SIZE_SCOPE = regex.compile(r"(?:规模以上|规上|限额以上|限上)(?:工业|单位)?(?=\p{Han}{2})")


_WHOLE_TAILS = ("总额", "总值", "总量")  # what ends a measure named as a whole (零售总额, 进出口总值)


def _bare_list(ind: str, tails: tuple[str, ...], n: int) -> tuple[list[str], str]:
    """``_bare_split`` with members split at 、 alone when that gives ``n`` of them ("社会保障和就业" is one)."""
    for sep in (_LIST_COMMA, _CN_ENUM_SPLIT):
        items, tail = _bare_split(ind, tails, sep)
        if len(items) == n:
            return items, tail
    return [], ""


def _bare_split(ind: str, tails: tuple[str, ...], sep: "regex.Pattern[str]") -> tuple[list[str], str]:
    """"农业、林业和牧业产值" -> ([农业, 林业, 牧业], 产值): what follows the last member is what each is
    measured by; the last member ends like the first (业), or the phrase ends in a measure word
    ("教育、社会保障和就业、卫生健康、农林水支出" -> 支出). ([], "") when the phrase is no such list."""
    parts = sep.split(ind)
    # the size class opening the list is said of the first member ("规模以上工业" + a 13-character name)
    scope = _SIZE_SCOPE.match(parts[0])
    # a one-character member ("煤和金属镁出口") only when a measure word ends the list
    if len(parts) < 2 or not all(1 <= len(p) - (k == 0 and scope is not None and len(scope.group(0))) <= 12
                                 for k, p in enumerate(parts[:-1])) or not rx(r"\p{Han}+").fullmatch("".join(parts)):
        return [], ""
    if all(any(p.endswith(t) and len(p) - len(t) >= 2 for t in (*tails, *_WHOLE_TAILS)) for p in parts[:-1]):
        return parts, ""  # "农业总产值、建筑业总产值、物流业营业收入": measures, each named in full
    last, end = parts[-1], parts[0][-1]
    k = last.find(end, 1)
    if k >= 0 and len(last) - k - 1 >= 2 and min(len(p) for p in parts[:-1]) >= 2:
        return parts[:-1] + [last[:k + 1]], last[k + 1:]
    tail = next((t for t in tails if last.endswith(t) and len(last) - len(t) >= 1), None)
    return (parts[:-1] + [last[:-len(tail)]], tail) if tail else ([], "")


def _set_head_split(parts: list[str], heads: tuple[str, ...]) -> Optional[tuple[list[str], str]]:
    """"水利、交通、能源项目完成率" -> ([水利, 交通, 能源], 项目完成率): kinds listed before the set word
    of the last member share it and the measure after it (水利项目完成率); a member that carries the set
    word itself ("工业项目、农业项目投资") keeps one. None when the last member holds no set word."""
    last = parts[-1]
    k, head = min(((last.find(h), h) for h in heads if last.find(h) >= 1), default=(-1, ""))
    if k < 1 or len(last) == k + len(head) or not all(2 <= len(p) <= 8 for p in parts[:-1]):
        return None
    items = [p[:-len(head)] if p.endswith(head) else p for p in parts[:-1]] + [last[:k]]
    return items, last[k:]


def _joined(topic: str, measure: str) -> str:
    """"固定资产投资" + "投资增速" -> 固定资产投资增速: the words they share are written once."""
    for k in range(min(len(topic), len(measure)), 0, -1):
        if topic.endswith(measure[:k]):
            return topic + measure[k:]
    return topic + measure


# a run of members each with its value in brackets, up to the open bracket of the last: "甲(a%)、乙(b%)、丙("
_LIST_OPENING = rx(r"[，,：:\s]*(?:分别为|分别是|依次为|依次是|分别)?[，,：:\s]*$")
_CLAUSE_SPLIT = rx(r"[，,；;：:。]")
_HOW_IT_FARED = rx(r"(?:的)?(?:同比)?(?:增速|增幅|增长率|增长|下降|呈|方面)")
_MEMBER_RUN = rx(r"(?:\p{Han}{1,10}[(（][^()（）]{1,16}[)）][、，,]?\s*)*\p{Han}{1,10}[(（]$")

class IndicatorMixin:
    text: str
    qs: list[RawQuantity]
    c: Cues
    idx: EntityIndex
    drafts: list[Draft]
    _phrase_mentions: Callable[[str], tuple[Mention, ...]]  # from ContextMixin
    _sentence_drafts: Callable[[Sent], list[Draft]]
    _stop_cache: dict[int, Optional[int]]
    _q_starts: list[int]

    def _indicator(self, pre_core: str, pre_start: int, q: RawQuantity, para: Para,
                   continuation: bool) -> tuple[Optional[str], Optional[tuple[int, int]]]:
        named = self._named_project(pre_core, q)
        if named:
            return named, None
        # Cut the subject off first: "全市开发区规上工业增加值" -> "规上工业增加值".
        for m in self._phrase_mentions(pre_core):
            if not strip_indicator(pre_core[:m.start], self.c) and m.end < len(pre_core):
                if not (q.kind == "count" and not strip_indicator(pre_core[m.end:], self.c)):
                    pre_core = pre_core[m.end:]
                break
        subset = self.c.subset_of.match(pre_core) if q.kind == "count" else None
        if subset:  # "十个县（市、区）中有九个实现增产" -> 实现增产的县（市、区）
            pred = predicate_after(self.text, q, self.c)
            return (pred + "的" if pred else "") + subset.group("set"), None
        ind = self._without_subject(strip_indicator(pre_core, self.c), keep_last=q.kind == "count")
        if self._is_place_name(ind):
            ind = ""  # "株洲高新区、湘潭经开区分别为742家": what is left is a place's name, not an indicator
        noun = noun_after(self.text, q, self.c) if q.kind in ("count", "amount", "duration") else None
        if noun in self.c.generic_nouns and 2 <= len(ind) <= 16 and not self.c.count_verbs.search(pre_core.rstrip()):
            # "评价园区建设成效 7 项指标": a generic noun is named by the phrase before the number
            return ind + noun, None
        if rx(r"等").search(ind) or (rx(r"、").search(ind) and q.kind == "count"):
            # "推动青溪产业园一期等36个项目": the names listed are not the indicator.
            tail = rx(r"[、等]").split(ind)[-1]
            ind = strip_indicator(tail, self.c)
            if self._is_place_name(ind):
                ind = ""  # the names listed, no indicator
            if q.kind == "count" and noun_after(self.text, q, self.c):
                ind = ""
        ends_with_verb_le = pre_core.rstrip().endswith("了") or bool(self.c.count_verbs.search(pre_core.rstrip()))
        if noun and len(noun) >= 2 and q.kind == "count":
            # Numeral + measure word + noun: the noun is what is counted ("确定的6个重点发展新兴产业").
            keep = len(ind) <= 2 and not ends_with_verb_le and not self._phrase_mentions(ind)  # 全县 is a subject
            ind = (ind if keep else "") + noun
        elif not ind and noun:
            ind = noun
        elif q.kind == "amount" and noun in self.c.project_money and ind in self.c.set_heads:
            ind += noun  # "推进项目完成12个亿投资" -> 项目投资
        if q.kind == "count" and ind:
            # "签约项目已开工 58 个", "50亿元以上项目一季度仅签约3个": the set, then what its members did
            heads = "|".join(self.c.set_heads)
            m = rx(rf"^(?P<set>.*?(?:{heads}))(?:上半年|下半年|全年|一季度|当月|本月|今年)?(?:仅|已|均|共|还|又|已经)*(?P<verb>\p{{Han}}{{2,4}})$").match(ind)
            if m and self.c.count_verbs.fullmatch(m.group("verb")):
                ind = m.group("verb") + m.group("set")
        if q.kind == "count" and (not ind or ind == noun or ind in self.c.set_heads):
            # "6个省级开发区均已组建运营公司": the zones that did -> 组建运营公司的省级开发区
            pred = predicate_after(self.text, q, self.c)
            base = ind or self._set_head(para)
            if pred and base:
                return pred + "的" + base, None
        if not ind or self.c.bare_period.fullmatch(ind):
            return None, None  # "继10月录得a%的升幅后": a period alone names no measure
        pos = self.text.rfind(ind, pre_start, q.start)
        span = (pos, pos + len(ind)) if pos >= 0 else None
        return ind, span

    def _is_place_name(self, ind: str) -> bool:
        """The whole phrase is a zone's or a division's name (not a set of zones, 省级及以上开发区)."""
        return bool(ind) and any(m.start == 0 and m.end == len(ind) and (not m.aggregate or m.text in rules().divisions)
                                 for m in self._phrase_mentions(ind))

    def _owned_part(self, ind: str, q: RawQuantity, sent: Sent) -> str:
        """A part of something named earlier in the sentence: "大唐电力河西电厂项目总投资64.5亿元，…完成
        15个亿投资" -> 大唐电力河西电厂项目完成投资; "建成标准化厂房 21.48 万平方米,已使用 12.7 万平方米"
        -> 标准化厂房已使用面积."""
        dim = q.unit.dimension
        earlier = [d for d in self._sentence_drafts(sent) if d.value is not None and d.indicator]
        if dim.startswith("money") and rx(r"^(?:项目)?(?:完成)?投资$|^(?:计划)?总投资$|^(?:预计)?年产值$").match(ind):
            for d in reversed(earlier):
                m = rx(r"^(.{2,}?项目)(?!数)").match(d.indicator)
                if m and not self.c.attributes.search(m.group(1)) and self.qs[d.value].kind == "amount":
                    return m.group(1) + ("完成投资" if ind.endswith("完成投资") or "完成" in self.text[q.start - 4:q.start]
                                         else ind.removeprefix("项目"))
        if dim == "area" and self.c.area_parts.match(ind):
            for d in reversed(earlier):
                if self.qs[d.value].unit.dimension == "area" and not self.c.area_parts.match(d.indicator):
                    owner = rx(r"^(?:新建|建成|自建|在建)的?|(?:建成|总)?面积$").sub("", d.indicator)
                    if owner:
                        return owner + ind + ("" if ind.endswith("面积") else "面积")
        return ind

    def _parallel_subject(self, ind: str, sent: Sent, para: Para) -> str:
        """"金融机构本外币各项存款余额77304.8亿元…；各项贷款余额58827.4亿元": a sibling named from the
        same word on keeps the subject the figure before named ahead of it (金融机构本外币各项贷款余额)."""
        if len(ind) < 3 or not para.drafts:
            return ind
        prev = self.drafts[para.drafts[-1]]
        p = prev.indicator or ""
        same_part = prev.sentence == (sent.start, sent.end) or \
            self.text[prev.sentence[0]:prev.sentence[1]].rstrip().endswith(("；", ";"))
        if not same_part or prev.value is None or len(p) <= len(ind) or p.endswith(ind) or ind[-2:] != p[-2:]:
            return ind
        k = p.find(ind[:2])
        return p[:k] + ind if k > 0 else ind

    def _verb_sibling(self, ind: str, sent: Sent, para: Para, clause_start: int) -> str:
        """"全市规上工业企业实现营业收入X亿元；实现利润Y亿元": a clause opened by the verb alone has the
        subject the clause before named ahead of the same verb (规上工业企业利润), or the part named before
        its share ("其中：食品加工占比重27.5%，实现产值2.4亿元" -> 食品加工产值)."""
        verb = rx(r"\s*(?:并|共|累计)?(实现|完成)").match(self.text, clause_start)
        if verb is None or len(ind) > 6:
            return ind
        share = last_match(rx(r"(?:^|[,，;；:：])\s*(?P<subj>[^,，;；:：\d]{2,16}?)占(?:比重|比例|比)").finditer(
            self.text[sent.start:clause_start]))
        if share is not None:
            subj = strip_indicator(share.group("subj"), self.c)
            return subj + ind if len(subj) >= 2 and subj not in ind else ind
        at = sent.start
        for i in reversed(para.figures[-6:]):  # back through the clauses joined by ；
            prev = self.drafts[i]
            if prev.sentence != (sent.start, sent.end) and (prev.sentence[1] > at or not self.text[
                    prev.sentence[0]:prev.sentence[1]].rstrip().endswith(("；", ";"))):
                return ind
            at = prev.sentence[0]
            if prev.value is None:
                continue
            named = last_match(rx(rf"(?:^|[,，;；:：])\s*(?P<subj>[^,，;；:：]{{2,24}}?){verb.group(1)}").finditer(
                self.text[prev.sentence[0]:self.qs[prev.value].start]))
            subj = self._measured_subject(named.group("subj")) if named is not None else ""
            if len(subj) >= 2:
                return ind if subj in ind or self._names_place(subj) else subj + ind
        return ind

    def _measured_subject(self, phrase: str) -> str:
        """The subject of a clause as part of a measure: "全县规上企业" -> 规上企业 (the place is the entity)."""
        subj = strip_indicator(phrase, self.c)
        own = rules().own_words.match(subj)
        return subj[own.end():] if own else subj

    def _names_place(self, subj: str) -> bool:
        """A period, a place or a zone, which a figure has as its period or entity, not in its measure."""
        if self.c.period.fullmatch(subj) or rules().own_words.fullmatch(subj) or rules().zone_type.fullmatch(subj):
            return True
        ms = self._phrase_mentions(subj)
        return bool(ms) and ms[0].start == 0 and ms[-1].end == len(subj)

    def _campaign_qualified(self, ind: str, sent: Sent, clause_start: int) -> str:
        """"举行了三期开发区“百日攻坚”活动,项目236个": projects named bare after a named campaign are
        the campaign's (“百日攻坚”活动项目)."""
        head = next((h for h in self.c.campaign_heads if ind.startswith(h) or (len(ind) <= 4 and ind.endswith(h))), None)
        if head is None:
            return ind
        found = list(self.c.campaign.finditer(self.text, sent.start, clause_start))
        if not found or found[-1].group(0) in ind:
            return ind
        return found[-1].group(0) + ind

    def _conditioned_set(self, clause_start: int, q: RawQuantity) -> Optional[str]:
        """The clause before a count, its bounds kept: "营业收入超 5 亿元企业" (the set counted)."""
        head = self._without_subject(strip_indicator(self.text[clause_start:q.start], self.c))
        return head.replace(" ", "") or None

    def _named_project(self, pre_core: str, q: RawQuantity) -> Optional[str]:
        """Figures that describe a named project rather than a metric: "投资4亿元的山西永嘉高性能铜箔"
        -> 山西永嘉高性能铜箔投资; "瑞能通 160MW/320MWh 独立储能电站" -> 瑞能通独立储能电站规模 /容量;
        "恒晟年产12万吨高纯石墨全产业链" -> 恒晟高纯石墨全产业链年产能."""
        dim = q.unit.dimension
        word = self.c.leading.sub("", rx(r"[\s、，,]").split(pre_core.strip())[-1])  # "推动投资" -> 投资
        if dim is not None and dim.startswith("money"):
            if word not in self.c.project_money or not self.text.startswith("的", q.end):
                return None
            name = self._project_name(q.end + 1)
            return name + word if name else None
        suffix = self.c.capacity.get(dim)
        if suffix is None:
            return None
        start = q.start
        prev = self._quantity_ending(start - 1) if self.text[start - 1:start] == "/" else None
        if prev is not None:  # "500MW/1000MWh": one name and one noun for both
            start = prev.start
        nxt = self._quantity_starting(q.end + 1) if self.text[q.end:q.end + 1] == "/" else None
        noun = self._project_name((nxt or q).end)
        if not noun or rx(r"^(?:以上|以下|左右|以内)").match(noun) or self.c.not_a_name.match(noun):
            return None  # "稳定在2900万亩以上": a bound, not a name
        head = pre_core if prev is None else self._masked(self._clause_back(start, marks=",，;；。:：\n"), start, [])
        annual = rx(r"(?:年产能?|年可|年)\s*$").search(head)
        if annual:
            head = head[:annual.start()]
            suffix = self.c.capacity["annual"]
        head = rx(r"[\s、，,的]").split(head.strip())[-1]  # the name right before: "…、朔能年产" -> 朔能
        return self.c.leading.sub("", head) + noun + suffix

    def _project_name(self, start: int) -> str:
        """The project named from ``start`` to the next list or clause mark; quantities inside it and
        the words that introduce them (年产) are left out."""
        stop = rx(r"[、，,。；;：:\n]|等(?:项目|\d|[一二三四五六七八九十])").search(self.text, start, start + 40)
        if stop is None:
            return ""
        # the quantities are in order of start: those inside lie from the first starting at ``start``
        # on (a bisection, not a pass over the document's quantities per project name)
        inner, i = [], bisect_left(self._q_starts, start)
        while i < len(self.qs) and self.qs[i].start <= stop.start():
            if self.qs[i].end <= stop.start():
                inner.append(i)
            i += 1
        name = rx(r"年产能?|年可").sub("", self._masked(start, stop.start(), inner)).replace(" ", "")
        if "项目" in name:  # "…深加工项目已于3月投产": the name ends with 项目
            name = name[:name.rfind("项目") + 2]
        return name if len(name) >= 2 and rx(r"^\p{Han}").match(name) else ""

    def _quantity_ending(self, pos: int) -> Optional[RawQuantity]:
        return next((o for o in self.qs if o.end == pos), None)

    def _quantity_starting(self, pos: int) -> Optional[RawQuantity]:
        i = bisect_left(self._q_starts, pos)  # the first of those starting there, as a scan would find
        return self.qs[i] if i < len(self.qs) and self.qs[i].start == pos else None

    def _without_subject(self, ind: str, keep_last: bool = False) -> str:
        """Drop the entities, aggregates and period the phrase opens with: "阳泉高新区规上工业增加值",
        "海盐县、嘉善县增长" -> the metric alone. ``keep_last``: a count may be of the entities
        themselves ("8个省级开发区"), so a phrase that is nothing but a name is kept."""
        while ind:
            ms = self._phrase_mentions(ind)
            if ms and (ms[0].start == 0 or ind[:ms[0].start] in rules().places):
                end = ms[0].end  # "贵州湄潭经济开发区…": a province before the zone goes with it
            # an aggregate opening the phrase: a match at 0 is what a search would find first
            elif m := rules().aggregate.match(ind):
                end = m.end()
            else:
                p = self.c.period.match(ind)
                end = p.end() if p else 0
            if not end or (keep_last and end == len(ind)):
                break
            ind = strip_indicator(ind[end:], self.c)
        return ind

    def _list_head(self, sent: Sent, pos: int, qids: list[int], bare_label: bool = True) -> Optional[str]:
        """The indicator an enumeration shares: "签约项目数排名前三位分别是:寿阳14个,平遥11个"."""
        cue = None
        for m in self.c.list_cue.finditer(self.text, sent.start, pos):
            if m.group(0).startswith(("分别", "依次")) or m.group(0).endswith((":", "：")) \
                    or (m.group(0) == "是" and self.text[m.start() - 1:m.start()] == "的"):  # "前三位的是"
                cue = m
        if cue is None:
            return None
        k = self._clause_back(cue.start(), sent.start)
        end = cue.start()
        if not self.text[k:end].strip() and k > sent.start:
            # "平湖市、海宁市规上工业增加值增速居前两位，分别增长9.6%和8.8%": the head is the clause before
            end = k - 1
            k = self._clause_back(end, sent.start)
        head = self._masked(k, end, [i for i in qids if self.qs[i].kind != "rank"])
        view = self.c.view_topic.match(head)  # "分类型看：甲、乙项目完成率分别为…": the view is no part of it
        head = head[view.end():] if view else head
        head = rx(r"(?:的是|依次是|依次为|分别是|分别为)[:：]?.*$").sub("", head)  # the names listed after the cue
        head = rx(r"(?:居|位居|位列)?(?:全省|全市|全国|全区|全县)?(?:排名)?前\S{1,3}位(?:的)?|(?:居|位居|位列)?(?:全省|全市|全国|全区|全县)?(?:排名)?前[一二三四五六七八九十两\d]{1,2}"
                  r"|排名|由高到低|由低到高|从高到低|从低到高|的$").sub("", head)
        if rx(r"\s*(?:低于|高于|超过|不足)").match(head):
            return None
        ind = self._without_subject(strip_indicator(head, self.c))
        if not ind and not bare_label:
            return None  # "经开区实际使用外资4.30亿美元；高新区、工业园区分别为…": the figure before names it
        if not ind or self.c.measure_only.fullmatch(ind):
            # "（一）规模以上工业总产值。总量排名前三位分别是：…": the topic is the label sentence before.
            label = self._label_before(sent)
            if label:
                ind = _joined(label, ind) if ind.startswith("增") or ind.endswith("增速") else label
        return ind or None

    def _clause_back(self, pos: int, floor: int = 0, marks: str = ",，;；。\n") -> int:
        """Start of the clause ending at ``pos`` (not before ``floor``)."""
        while pos > floor and self.text[pos - 1] not in marks:
            pos -= 1
        return pos

    def _label_before(self, sent: Sent) -> Optional[str]:
        """A short label sentence opening the paragraph ("（一）规模以上工业总产值。")."""
        line_start = self.text.rfind("\n", 0, sent.start) + 1
        # the line's first stop, found once per line; a number before it is a bisection (issue 14)
        stop = self._stop_cache.get(line_start, -1)
        if stop == -1:
            m = rx(r"[。；;:：]").search(self.text, line_start)
            stop = self._stop_cache[line_start] = m.start() if m else None
        if stop is None or stop >= sent.start:
            return None
        first = self.text[line_start:stop]
        if not first or len(first) > 30 or bisect_left(self._q_starts, line_start) < bisect_left(self._q_starts, stop):
            return None
        label = strip_indicator(rx(r"^\s*[(（]?[一二三四五六七八九十\d]{1,2}[)）、.]").sub("", first), self.c)
        return label or None

    def _view_topic(self, sent: Sent) -> Optional[str]:
        """"从亩均增加值看，新昌县以449.4万元/亩居全市第1位": a paragraph that opens by naming the measure
        it looks at (not a breakdown dimension: 分县（市、区）看, 分行业看)."""
        line_start = self.text.rfind("\n", 0, sent.start) + 1
        m = self.c.view_topic.match(self.text, line_start, sent.end)
        if m is None or self.c.view_dimension.search(m.group("topic")):
            # "分地区一般公共预算收入完成情况：甲区完成…": the measure the line reports, by place
            m = self.c.status_topic.match(self.text, line_start, sent.end)
            return strip_indicator(m.group("topic"), self.c) or None if m is not None else None
        return m.group("topic")

    def _clause_before_text(self, sent: Sent, clause_start: int, qids: list[int]) -> Optional[str]:
        """The clause before ``clause_start`` in its sentence, numbers masked (None at the sentence's start)."""
        if clause_start <= sent.start:
            return None
        k = clause_start - 1
        while k > sent.start and self.text[k - 1] not in ",，;；:：。":
            k -= 1
        return self._masked(k, clause_start - 1, qids)

    def _named_in(self, phrase: str, longest: int) -> Optional[str]:
        """The measure a phrase names, places cut out."""
        for m in reversed(self._phrase_mentions(phrase)):
            phrase = phrase[:m.start] + phrase[m.end:]
        ind = strip_indicator(phrase, self.c)
        return ind if ind and len(ind) <= longest else None

    def _previous_clause_phrase(self, sent: Sent, clause_start: int, qids: list[int]) -> Optional[str]:
        """"另有利用外资，合计0.36亿美元": the measured thing is named in the clause before."""
        phrase = self._clause_before_text(sent, clause_start, qids)
        return self._named_in(phrase, 12) if phrase is not None else None

    def _bracketed_member_measure(self, sent: Sent, q: RawQuantity) -> Optional[str]:
        """"营业收入增速分别为：甲(a%)、乙(b%)": members named with their values in brackets are measured
        by what the sentence names before the run of members, up to its last measure word."""
        if self.text[q.start - 1:q.start] not in ("(", "（"):
            return None
        run = _MEMBER_RUN.search(self.text, sent.start, q.start)
        if run is None or run.start() <= sent.start:
            return None
        head = _LIST_OPENING.sub("", self.text[sent.start:run.start()])
        head = _CLAUSE_SPLIT.split(head)[-1]
        cut = _HOW_IT_FARED.search(head)
        head = head[:cut.start()] if cut else head
        if not any(t in head for t in self.c.measure_tails):
            return None
        return self._named_in(head, 16)

    def _measure_of_clause_before(self, sent: Sent, clause_start: int, qids: list[int]) -> Optional[str]:
        """"…销售收入再创新高，比上年的…": the measure the clause before names, up to its last measure word
        (what follows is how it fared)."""
        phrase = self._clause_before_text(sent, clause_start, qids)
        if phrase is None:
            return None
        ends = [phrase.rfind(t) + len(t) for t in self.c.measure_tails if t in phrase]
        if not ends:
            return self._named_in(phrase, 12)
        return self._named_in(phrase[:max(ends)], 16)

    def _counted_set(self, sent: Sent, para: Para, rate: bool, stem: str = "", money: bool = False) -> Optional[str]:
        """The set a bare attribute belongs to: the last count figure of the sentence ("项目16个");
        for a rate, the whole set a 其中 part was taken from ("项目65个,其中开工52个,开工率…")."""
        skipped = None
        for i in reversed(para.figures[-LOOK_BACK:]):
            d = self.drafts[i]
            if d.sentence != (sent.start, sent.end) and not self.text[d.sentence[0]:d.sentence[1]].rstrip().endswith(("；", ";")):
                break  # the set is named in the same sentence, or in a part before it ending with ；
            if d.value is not None and self.qs[d.value].kind == "count" and d.indicator \
                    and not self.c.attributes.search(d.indicator):
                if rate and d.parent is not None and self.drafts[d.parent].indicator:
                    return self.drafts[d.parent].indicator
                if rate and stem and stem in d.indicator:
                    whole = rx(r"^(\p{Han}{2,}?)中(?:已|共|有)*").match(d.indicator)  # "签约亿元以上项目中已开工"
                    if whole and stem in d.indicator[whole.end():]:
                        return whole.group(1)
                    skipped = skipped or d.indicator
                    continue  # "已开工94个,…,开工率": the rate is of the set before, not of the 开工 part
                return d.indicator
        if skipped:
            return skipped  # "新开工亿元以上项目173个，开工率81.4%": no other set is named
        if money and not rate:
            # "全年共实施重点项目 47 个 …。…1—9 月已完成投资 29.3 亿元": the paragraph's set of projects
            for i in para.figures[:LOOK_BACK]:
                d = self.drafts[i]
                if d.value is not None and self.qs[d.value].kind == "count" and (d.indicator or "").endswith("项目") \
                        and d.parent is None and not self.c.count_verbs.search(d.indicator[:-2]):
                    return d.indicator
        return None

    def _qualified(self, ind: str, parent: Optional[int], sent: Sent, para: Para, verb_object: bool) -> str:
        """A counted part named by the bare head ("其中,20—50亿元项目4个") is its parent's kind of thing;
        one named by a verb and the head ("已开工61个" -> 开工项目) keeps the set's qualifier
        ("“签约一批”项目76个" -> “签约一批”开工项目)."""
        p_ind = self.drafts[parent].indicator if parent is not None else None
        if p_ind and ind in self.c.set_heads and p_ind.endswith(ind) and not verb_object:
            return p_ind
        for head in self.c.set_heads:
            stem = ind[:-len(head)]
            if not (ind.endswith(head) and stem and self.c.count_verbs.fullmatch(stem)):
                continue
            for i in reversed(para.drafts):
                d = self.drafts[i]
                own = d.indicator or ""
                if d.sentence != (sent.start, sent.end):
                    break  # the set is named in the same sentence
                if d.value is None or self.qs[d.value].kind != "count" or not own.endswith(head):
                    continue
                if len(own) > len(head) and not self.c.count_verbs.search(own[:-len(head)]):
                    return own[:-len(head)] + ind
        return ind

    def _set_head(self, para: Para) -> Optional[str]:
        heads = tuple(self.c.set_heads)
        for i in reversed(para.figures[-LOOK_BACK:]):
            ind = self.drafts[i].indicator or ""
            if ind.endswith(heads):  # one test for all heads; then the first that matches, in their order
                return next(head for head in heads if ind.endswith(head))
        return None

    def _stage_set(self, stage: str, para: Para) -> Optional[str]:
        """The stage with the set the paragraph's last count named: 新建 after "实施亿元以上重点工业项目
        106项" -> 新建亿元以上重点工业项目 (the set's own stage word, if any, left out)."""
        heads = tuple(self.c.set_heads)
        for i in reversed(para.figures[-LOOK_BACK:]):
            d = self.drafts[i]
            ind = d.indicator or ""
            if d.value is None or self.qs[d.value].kind != "count" or not ind.endswith(heads):
                continue
            m = self.c.stage_prefix.match(ind)
            core = ind[m.end():] if m else ind
            return stage + core if len(core) >= 2 else None
        return None

    def _last_indicator(self, para: Para, unit: Optional[str] = None, top: bool = False) -> Optional[str]:
        """The indicator of the paragraph's last figure (with a value in ``unit``, when given; no 其中 part
        when ``top``)."""
        for i in reversed(para.drafts[-LOOK_BACK:]):
            d = self.drafts[i]
            if d.indicator and (unit is None or (d.value is not None and self.qs[d.value].unit_name == unit)) \
                    and not (top and d.parent is not None) \
                    and not self.c.named_change.fullmatch(d.indicator):
                return d.indicator
        return None

    def _leveled(self, level: str, para: Para) -> str:
        """"市本级完成12380万元" after "全市一般公共预算收入…": a budget level named alone is that level's
        share of the latest measure of the paragraph not itself named by a level."""
        for i in reversed(para.drafts[-LOOK_BACK:]):
            ind = self.drafts[i].indicator
            if ind and self.drafts[i].value is not None and not self.c.budget_level.match(ind):
                return level + ind
        return level

    def _shares_as_comparisons(self, sent: Sent) -> None:
        """"转型项目完成投资占工业投资比重分别为:忻州 100%…": the figure is 转型项目完成投资, and the
        percentage its share of 工业投资 (as "占工业投资比重96%" after a value is)."""
        for d in self._sentence_drafts(sent):
            m = self.c.share_phrase.fullmatch(d.indicator or "")
            if m is None or d.value is None or self.qs[d.value].kind != "percent" or d.comparisons:
                continue  # a share with its own change ("比重为53.3%，比上年下降2.1个百分点") is the metric
            q = self.qs[d.value]
            d.comparisons.insert(0, Comp("share", d.value, q.start, q.end, of=clean(m.group("of")) or None))
            d.value, d.indicator, d.indicator_span = None, m.group("part"), None

    def _listed_subjects(self, ind: str, n: int) -> tuple[list[str], str]:
        """The subjects an indicator lists and what each is measured by: "新能源汽车、光伏、集成电路三大
        产业增加值" (the count word must agree) or, with none, "农业、林业和牧业产值" for ``n`` values."""
        o = self.c.ordinal_list.fullmatch(ind)
        if o is not None:
            ords = [p for p in _CN_ENUM_SPLIT.split(o.group("ords")) if p]
            ords = list(ords[0]) if len(ords) == 1 else ords  # "一二三产": one ordinal a character
            if len(ords) == n:
                # "二、三产业" names 第二产业 and 第三产业 (产业 are counted by ordinals only)
                noun = "产业" if o.group("noun") == "产" else o.group("noun")
                di = o.group("di") or ("第" if noun == "产业" else "")
                return [o.group("pre") + di + x + noun for x in ords], o.group("tail")
        m = _LISTED.fullmatch(ind)
        if m is None:
            return _bare_list(ind, self.c.measure_tails, n)
        items = [p for p in _CN_ENUM_SPLIT.split(m.group("items")) if p]
        counted = parse_chinese(m.group("n")[0])  # "三大": how many subjects the list says it has
        return (items, m.group("tail")) if counted is not None and counted[0] == len(items) else ([], "")

    def _distribute_listed_values(self, sent: Sent) -> None:
        """"教育、社会保障和就业、卫生健康支出分别为2.46亿元、1.98亿元、1.21亿元": the figures of a 分别 list
        that all carry the listed subjects as their indicator get one subject each (教育支出 …)."""
        ds = [d for d in self._sentence_drafts(sent) if d.value is not None]
        for d in ds:  # "第一、二、三产业分别完成投资X、Y和Z": the list, then the measure after 分别
            m = _MEASURE_AFTER_CUE.fullmatch(d.indicator or "")
            if m is not None:
                subjects, whole = d.indicator, m.group("subj") + m.group("m")
                for o in ds:
                    if o.indicator in (subjects, m.group("subj")):
                        o.indicator, o.indicator_span = whole, None
        groups: dict[str, list[Draft]] = {}
        for d in ds:
            # 、 or 和 ("批发业和零售业零售额分别为"), or ordinals run together ("一二三产增加值")
            if d.indicator and (_CN_ENUM_SPLIT.search(d.indicator) or self.c.ordinal_list.fullmatch(d.indicator)):
                groups.setdefault(d.indicator, []).append(d)
        for ind, members in groups.items():
            first = self.qs[members[0].anchor].start
            # the names then their values: after 分别, or with the first value right after the names
            # ("其中教育、科技、卫生健康A亿元、B亿元和C亿元")
            at_once = self.text[max(sent.start, first - len(ind) - 1):first].rstrip().endswith(ind)
            if len(members) < 2 or ("分别" not in self.text[sent.start:first] and not at_once):
                continue
            items, tail = self._listed_subjects(ind, len(members))
            parent = members[0].parent
            if len(items) != len(members) and parent is not None and self.drafts[parent].indicator:
                # 其中 parts named by their categories alone are measured as their total is
                items = [p for p in _LIST_COMMA.split(ind) if p]
                measured = [with_measure(p, self.drafts[parent].indicator, self.c.measure_tails) for p in items]
                tail = next((m[len(p):] for p, m in zip(items, measured) if m != p), "")  # one measure for all
            if len(items) == len(members):
                for d, item in zip(members, items):
                    d.indicator, d.indicator_span = item + tail, None

    def _distribute_listed_subjects(self, sent: Sent) -> None:
        """"新能源汽车、光伏、集成电路三大产业增加值分别增长19.8%、12.3%和16.5%，合计拉动…": one figure
        per listed subject (光伏产业增加值 …); the figure for all of them keeps what is said of the whole."""
        self._distribute_listed_values(sent)
        for d in list(self._sentence_drafts(sent)):
            if d.value is not None:
                self._split_counted_list(d, sent)
                continue
            kind = d.comparisons[0].type if d.comparisons else None
            listed = [c for c in d.comparisons if c.type == kind]
            items, tail = self._listed_subjects(d.indicator or "", len(listed))
            if len(items) < 2 or len(listed) != len(items):
                items, tail = self._etc_listed(sent, self.qs[listed[0].q].start, len(listed))
            if len(items) < 2 or len(listed) != len(items):
                continue
            said = d.comparisons
            rest = [c for c in said if c.type != kind]
            # "…分别增长a和b，其中：乙产业增加值增速提高c个百分点": what follows a member named again is its own
            owner = {id(c): k for c in rest if (k := self._named_after(items, listed[-1].end, c.start)) is not None}
            rest = [c for c in rest if id(c) not in owner]
            for k, (item, c) in enumerate(zip(items, listed)):
                ind, comps = item + tail, [c] + [r for r in said if owner.get(id(r)) == k]
                if k == 0 and not rest:
                    d.indicator, d.comparisons, d.indicator_span = ind, comps, None
                else:
                    self.drafts.append(replace(d, anchor=c.q, indicator=ind, indicator_span=None, comparisons=comps,
                                               conditions=[]))
            if rest:
                d.comparisons, d.anchor = rest, rest[0].q

    def _named_after(self, items: list[str], start: int, pos: int) -> Optional[int]:
        """The index of the listed name written last between ``start`` and ``pos``, if any is."""
        between = self.text[start:pos]
        found = [(between.rfind(item), k) for k, item in enumerate(items) if item in between]
        return max(found)[1] if found else None

    def _listed_measures_of_subject(self, sent: Sent) -> None:
        """"电子行业实现营业收入A、利税B、利润C": the set named before the verb owns every measure listed
        after it (电子行业营业收入, 电子行业利税, 电子行业利润); the verb is no part of the names."""
        ds = [d for d in self._sentence_drafts(sent) if d.value is not None]
        for k, d in enumerate(ds):
            m = self.c.subject_verb.fullmatch(d.indicator or "")
            if m is None or self._phrase_mentions(m.group("subj")):
                continue
            subj = m.group("subj")
            d.indicator, d.indicator_span = subj + m.group("m"), None
            for prev, o in zip(ds[k:], ds[k + 1:]):
                between = self.text[self.qs[prev.value].end:self.qs[o.value].start]
                if not rx(r"[、和及与]|[,，](?:累计)?实现$").match(between) or not o.indicator or o.indicator.startswith(subj) \
                        or len(o.indicator) > 6 or not o.indicator.endswith(self.c.measure_tails):
                    break
                o.indicator, o.indicator_span = subj + o.indicator, None
            return

    def _subject_of_the_clause_before(self, sent: Sent) -> None:
        """"全市民营企业势头强劲，累计完成工业增加值A亿元": a figure whose clause opens with its verb and names
        only its measure belongs to the set the clause before names as its subject, when that clause says how
        the set fares and states no number."""
        for d in self._sentence_drafts(sent):
            if d.value is None or not d.indicator or d.parent is not None:
                continue
            q = self.qs[d.value]
            cs = self._clause_start(sent, q.start)
            if cs <= sent.start or not self.c.fares_verb.match(self.text, cs, q.start):
                continue
            ps = self._clause_start(sent, cs - 1)
            if any(ps <= self.qs[o.value].start < cs for o in self._sentence_drafts(sent) if o.value is not None):
                continue
            m = self.c.fares_subject.match(clean(self.text[ps:cs - 1]))
            if m is None or m.group("subj") in d.indicator or self._phrase_mentions(m.group("subj")):
                continue
            d.indicator, d.indicator_span = m.group("subj") + d.indicator, None

    def _level_moved_to(self, sent: Sent) -> None:
        """"粮食产量由上年的A万吨增加到B万吨": the level a measure moved to is the same measure's as the level
        it moved from, named once before 由."""
        if "由" not in self.text[sent.start:sent.end]:
            return  # most sentences: a cheap test before the pairs are walked
        ds = [d for d in self._sentence_drafts(sent) if d.value is not None]
        for a, b in zip(ds, ds[1:]):
            qa, qb = self.qs[a.value], self.qs[b.value]
            if not a.indicator or qa.unit.dimension != qb.unit.dimension or b.parent is not None:
                continue
            head = self.text[self._clause_start(sent, qa.start):qa.start]
            if "由" not in head or not self.c.from_level.search(head.rstrip()) \
                    or not self.c.to_level.match(self.text[qa.end:qb.start]):
                continue
            b.indicator, b.indicator_span = a.indicator, a.indicator_span

    def _bare_measures_of_subject(self, sent: Sent) -> None:
        """"粮食播种面积A万亩，比上年增加a万亩，总产B亿斤": a measure named alone after a figure named by its
        subject and another measure is the same subject's (粮食总产), as far as the next clause break (；。)."""
        ds = [d for d in self._sentence_drafts(sent) if d.value is not None]
        measures = self.c.bare_measures
        for prev, d in zip(ds, ds[1:]):
            if d.indicator not in measures or not prev.indicator:
                continue
            if rx(r"[。；;]").search(self.text, self.qs[prev.value].end, self.qs[d.value].start):
                continue
            tail = next((t for t in measures if prev.indicator.endswith(t)), None)
            subj = prev.indicator[:-len(tail)] if tail else ""
            if tail is None or tail == d.indicator or len(subj) < 2 or self._phrase_mentions(subj):
                continue
            d.indicator, d.indicator_span = subj + d.indicator, None

    def _years_of_a_range_list(self, sent: Sent) -> None:
        """"2013-2017年，产值分别达到a、b、c、d和e": a 分别 list with one value per year of the stretch the
        sentence opens with gives each value its year, in order."""
        m = self.c.year_range.search(self.text, sent.start, min(sent.end, sent.start + 12))
        if m is None:
            return
        y1, y2 = int(m.group(1)), int(m.group(2))
        cue = self.text.find("分别", m.end(), sent.end)
        if not 1 < y2 - y1 <= 12 or cue < 0:
            return
        ds = [d for d in self._sentence_drafts(sent) if d.value is not None and self.qs[d.value].start > cue]
        run = ds[:y2 - y1 + 1]
        if len(run) != y2 - y1 + 1 or any(self.qs[d.value].unit.dimension != self.qs[run[0].value].unit.dimension for d in run):
            return
        gaps = [self.text[self.qs[a.value].end:self.qs[b.value].start] for a, b in zip(run, run[1:])]
        if any(not rx(r"\s*(?:、|，|,|和|及)\s*").fullmatch(g) for g in gaps):
            return  # the values must be one list
        for k, d in enumerate(run):
            d.period = f"{y1 + k}年"

    def _distribute_listed_comparisons(self, sent: Sent) -> None:
        """"实现营业收入A、利税B、利润C，同比分别增长a、b和c": the comparisons after 分别, as many as the
        values listed before them, go one to each value in order (all were read as the last value's)."""
        ds = [d for d in self._sentence_drafts(sent) if d.value is not None]
        if len(ds) < 2:
            return
        last = ds[-1]
        text = self.text
        kind = last.comparisons[0].type if last.comparisons else None
        listed: list[Comp] = []
        for c in last.comparisons:  # the first run of one kind; what follows it ("…，甲增幅提高c") stays
            if c.type != kind or (listed and not _TIGHT.fullmatch(text, listed[-1].end, c.start)):
                break
            listed.append(c)
        n = len(listed)
        if n < 2 or n > len(ds) or (len(listed) != len(last.comparisons) and any(c.type == kind for c in last.comparisons[n:])):
            return
        members = ds[-n:]
        first_at = self.qs[members[0].value].start
        # "分别为A、B、C，占总值的a、b和c": values listed after 分别, then as many comparisons in order
        after_values = "分别" in text[max(sent.start, first_at - 6):first_at] \
            and not rx(r"[。；;]").search(text, self.qs[last.value].end, listed[0].start)
        # "A和B实现零售额X和Y，增长a和b": two lists joined by 和 alone are parallel without 分别
        parallel = all(_TIGHT.fullmatch(text, self.qs[a.value].end, self.qs[b.value].start) for a, b in zip(members, members[1:])) \
            and not rx(r"[。；;]").search(text, self.qs[last.value].end, listed[0].start)
        if ("分别" not in text[self.qs[last.value].end:self.qs[listed[0].q].start] and not after_values and not parallel) \
                or any(not rx(r"[、和及与,，]\p{Han}{0,12}?$").search(text[self.qs[a.value].end:self.qs[b.value].start])
                       or any(c.type != "rank" for c in a.comparisons) for a, b in zip(members, members[1:])):
            return  # (a rank said of the whole list, 位居前三, is no comparison of the member's own)
        rest = last.comparisons[n:]
        last.comparisons = []
        for d, c in zip(members, listed):
            d.comparisons.append(c)
        last.comparisons += rest

    def _distribute_listed_gaps(self, sent: Sent) -> None:
        """"甲增长a%，乙增长b%，分别快于全部c个、d个百分点": gaps listed after 分别, as many as the figures
        just before them, go one to each in order (all were read as the first figure's)."""
        ds = sorted(self._sentence_drafts(sent), key=lambda d: self.qs[d.anchor].start)
        for d in ds:
            gaps = [c for c in d.comparisons if c.type == "gap_to_target"]
            run = gaps[:1]
            for c in gaps[1:]:
                if not rx(r"[\s、，,和及与]*").fullmatch(self.text, run[-1].end, c.start):
                    break
                run.append(c)
            n = len(run)
            if n < 2:
                continue
            before = [o for o in ds if self.qs[o.anchor].start < run[0].start]
            figs = before[-n:]
            if len(figs) != n or d not in figs or "分别" not in self.text[self.qs[figs[-1].anchor].end:run[0].start] \
                    or any(not any(c.type == "growth" for c in o.comparisons) for o in figs):
                continue
            d.comparisons = [c for c in d.comparisons if all(c is not r for r in run)]
            for o, c in zip(figs, run):
                o.comparisons.append(c)
            return

    def _split_counted_list(self, d: Draft, sent: Sent) -> None:
        """"汽车、食品、医药三个行业增加值增势较好，分别增长…": the count is of the kinds listed; each
        growth after 分别 is one listed kind's (汽车行业增加值), not the count's."""
        q = self.qs[d.value] if d.value is not None else None
        n = len(d.comparisons)
        if q is None or q.kind != "count" or n < 2 or q.value != n or any(c.type != d.comparisons[0].type for c in d.comparisons):
            return
        before = _COUNTED_ITEMS.search(self.text[max(sent.start, q.start - 80):q.start])
        after = _COUNTED_NOUN.match(self.text, q.end, sent.end)
        if before is None or after is None or "分别" not in self.text[after.end():d.comparisons[0].start]:
            return
        items = next((its for sep in (_LIST_COMMA, _CN_ENUM_SPLIT)  # "燃气生产和供应业" is one kind
                      if len(its := [p for p in sep.split(before.group("items")) if p]) == n), [])
        if not items:
            return
        noun, tail = after.group("noun"), after.group("tail").removeprefix("的")
        for item, c in zip(items, d.comparisons):
            name = (item if item.endswith(noun[-1]) else item + noun) + tail
            self.drafts.append(replace(d, anchor=c.q, value=None, indicator=name, indicator_span=None,
                                       comparisons=[c], conditions=[]))
        d.comparisons = []

    def _etc_listed(self, sent: Sent, pos: int, n: int) -> tuple[list[str], str]:
        """"电子、金属制品、化学纤维等行业实现两位数增长，分别增长…", "汽车、医药等行业的投资额分别增长…":
        the kinds listed before 等 and the noun of the kind, each one subject (电子行业, 医药行业投资额); a
        predicate after the noun (实现两位数增长) is no measure. The text itself is read: the indicator may
        have been cut to its length limit."""
        found = list(_ETC_LIST.finditer(self.text, sent.start, pos))
        if not found:
            return [], ""
        m = found[-1]
        items = m.group("items").split("、")
        own = rules().own_words.match(items[0])  # "全省汽车制造": the place is not a kind
        items[0] = items[0][own.end():] if own else items[0]
        if len(items) != n or not items[0] or "分别" not in self.text[m.end():pos]:
            return [], ""
        tail = m.group("tail").removeprefix("的")
        return [item + m.group("noun") for item in items], tail

    def _distribute_enumerated_indicators(self, sent: Sent) -> None:
        """"数量及投资额占比分别达到 68.2%、91.6%": one indicator per number."""
        ds = [d for d in self._sentence_drafts(sent) if d.value is not None]
        groups: dict[str, list[Draft]] = {}
        for d in ds:
            if d.indicator:
                groups.setdefault(d.indicator, []).append(d)
        for ind, members in groups.items():
            parts = [p for p in _CN_ENUM_SPLIT.split(ind) if p]
            if len(members) < 2 or len(parts) != len(members) or len(parts) < 2:
                continue
            if self.c.ordinal_list.fullmatch(ind):  # "第一、二、三产业增加值": subjects, see _listed_subjects
                continue
            if any(m.entity != members[0].entity for m in members):
                continue
            items, tail = _set_head_split(parts, self.c.set_heads) or _bare_split(ind, self.c.measure_tails, _CN_ENUM_SPLIT)
            if len(items) == len(members):  # "住宿业和餐饮业营业额": each member's measure is the tail
                tail = strip_indicator(tail, self.c) or tail  # "…和餐饮业实现营业额": no verb in the name
                for m, item in zip(members, items):
                    m.indicator = item + tail
                continue
            last = parts[-1]
            suffix = last[-2:] if len(last) > 2 else ""
            # the set named once in front: "亿元以上项目数量及投资额占比" -> …项目投资额占比 too
            owner = max((parts[0][:parts[0].rfind(h) + len(h)] for h in self.c.set_heads if h in parts[0][:-1]),
                        key=len, default="")
            for m, p in zip(members, parts):
                # a member naming a measure of its own (建筑业总产值 before 物流业营业收入) takes no suffix
                own = len(p) > 4 and p.endswith(self.c.measure_tails + _WHOLE_TAILS)
                p = p if p.endswith(suffix) or not suffix or own else p + suffix
                m.indicator = p if not owner or p.startswith(owner) else owner + p


