"""Build figure records from the quantities of each sentence.

For every quantity, the text just before it in its clause (other quantities masked out) decides
what it is: a comparison of the current figure (growth, gap to a target, contribution, share,
rank, increment, change), a target in brackets, a condition on the next figure ("20—50亿元项目"),
or the value of a new figure. Enumerations ("分别为寿阳 21.8%、平遥 9.6%") give one figure per
named entity, inheriting the indicator.
"""
from __future__ import annotations

from typing import Any, Optional

import regex

from ..quantities.scan import RawQuantity
from ..segment import Segments, Sent
from ..strings import open_brackets
from .context import ContextMixin, cited
from .cues import Cues, cues
from .draft import LOOK_BACK, MAX_SENTENCE_QUANTITIES, Comp, Draft, Para, listed_alike
from .entities import EntityIndex, Mention, build_index, rules, rx
from .indicators import IndicatorMixin
from .phrases import clean, strip_indicator, with_measure

_CLAUSE = regex.compile(r"[,，;；:：]")
_POINT = regex.compile(r"\s*[一二三四五六七八九十]{1,2}是")
_TRIVIAL = regex.compile(r"^[\s、,，;；:：和及与或以及()（）“”\"]*$")


class _Builder(ContextMixin, IndicatorMixin):
    def __init__(self, text: str, seg: Segments, qs: list[RawQuantity]) -> None:
        self.text = text
        self.seg = seg
        self.qs = qs
        self.c = cues()
        self.idx: EntityIndex = build_index(text)
        self.drafts: list[Draft] = []
        self.title_period = self._title_period()
        self.opening_period = self._opening_period()
        self._q_ends = {q.end: q.kind for q in qs}  # where each number ends, and its kind
        self._sent_starts = [st.start for st in seg.sentences]
        self._mention_cache: dict[int, list[Mention]] = {}
        self._marked_cache: dict[int, list[tuple[Mention, bool]]] = {}
        self._clause_cache: dict[int, list[int]] = {}
        self._cue_cache: dict[int, float] = {}
        self._cue_spans: Optional[list[tuple[int, int]]] = None
        self._stop_cache: dict[int, Optional[int]] = {}
        self._q_starts = [q.start for q in qs]
        self._phrase_cache: dict[str, tuple[Mention, ...]] = {}
        self._section_cache: dict[tuple[str, ...], Any] = {}  # per heading path
        self.regions = self._regions()
        self.idx.province_rx = self._own_province_rx()
        self.subject = self._document_subject()
        self.own_zone = self._own_zone()
        if self.own_zone is not None and self.own_zone.canonical.endswith("区") and "区" not in self.regions:
            self.regions["区"] = self.own_zone.canonical  # "长春新区…公报": its 全区 is the zone
        self.topic = self._document_topic()

    # -- context -----------------------------------------------------------------------------


    def run(self) -> list[Draft]:
        para = Para()
        line_of = -1
        path: list[str] = []
        q_i = 0
        for sent in self.seg.sentences:
            line_start = self.text.rfind("\n", 0, sent.start) + 1
            if line_start != line_of:
                # A new paragraph: the period carries only within one; the entity also carries
                # to the next paragraphs of the same section ("景区接待…" after "(三)偏关…").
                opens_topic = rx(r"\s*(?:[(（][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十]+[、是])").match(
                    self.text, line_start) is not None  # "（二）…", "二是…": a new topic, no carry
                carried = para.entity if sent.path == path and not sent.heading and not opens_topic else None
                # "其中,…" opening a paragraph goes on with the breakdown of the one before
                if not (sent.path == path and rx(r"\s*其中").match(self.text, line_start)):
                    para = Para(entity=carried)
                elif para.outer_period:  # "…其中8月份…。\n其中，工业…": the breakdown of the whole period
                    para.period, para.outer_period = para.outer_period, None
                line_of = line_start
                path = sent.path
            if _POINT.match(sent.text):  # "二是项目转化偏慢。": a new point, the subject before is not carried
                para.entity = None
            while q_i < len(self.qs) and self.qs[q_i].start < sent.start:
                q_i += 1
            j = q_i
            while j < len(self.qs) and self.qs[j].start < sent.end:
                j += 1
            for piece, qids in self._pieces(sent, list(range(q_i, j))):
                self._sentence(piece, qids, para)
            q_i = j
        return self.drafts

    def _pieces(self, sent: Sent, qids: list[int]) -> list[tuple[Sent, list[int]]]:
        """The sentence, or for one holding more than MAX_SENTENCE_QUANTITIES numbers (a table or a list
        run together without a full stop), consecutive pieces each cut where a number starts: the rules
        look across a sentence, so this keeps each number's work bounded."""
        if len(qids) <= MAX_SENTENCE_QUANTITIES:
            return [(sent, qids)]
        out = []
        for k in range(0, len(qids), MAX_SENTENCE_QUANTITIES):
            ids = qids[k:k + MAX_SENTENCE_QUANTITIES]
            start = sent.start if k == 0 else self.qs[ids[0]].start
            end = sent.end if k + MAX_SENTENCE_QUANTITIES >= len(qids) else self.qs[qids[k + MAX_SENTENCE_QUANTITIES]].start
            out.append((Sent(start, end, self.text[start:end], sent.path, sent.heading), ids))
        return out


    def _own_periods(self, sent: Sent) -> list["regex.Match[str]"]:
        """The periods a sentence states for its figures: not the base of a comparison (比上年), nor a
        period in the title of a document it cites (《…2018年1-5月…的通报》), nor the period of a plan a
        rate is of (为全年预算X的: the budget's year, not the figures'), nor a stretch a verb takes as its
        object (扭转了某年以来…的态势, 创下某年以来同期最高)."""
        text = self.text
        return [m for m in self.c.period.finditer(text, sent.start, sent.end)
                if not self.c.period_base.search(text, max(sent.start, m.start() - 4), m.start())
                and not cited(text, sent.start, m.start()) and not self.c.plan_of_period.match(text, m.end())
                and not (m.group(0).endswith("以来") and self.c.since_object.search(text, max(sent.start, m.start() - 3), m.start()))]

    def _other_period(self, periods: list["regex.Match[str]"], lo: int, hi: int, current: Optional[str]) -> bool:
        """"一季度增长5.8%，上半年增长6.7%": a growth whose own clause names another part of the year is
        the same measure's in that period, a figure of its own (a whole year is no other than the year)."""
        def whole(p: Optional[str]) -> bool:
            return p is None or p in self.c.year_words or _BARE_YEAR.fullmatch(p) is not None
        return any(lo <= m.start() and m.end() <= hi and (p := clean(m.group(0))) != current
                   and not (whole(p) and whole(current)) and (p in self.c.year_words or p not in self.c.vague_periods)
                   for m in periods)

    def _sentence(self, sent: Sent, qids: list[int], para: Para) -> None:
        periods = self._own_periods(sent)
        if not qids:
            if periods and not sent.heading:
                para.period = clean(periods[0].group(0))
            return
        text = self.text
        current: Optional[int] = None  # the figure comparisons attach to
        pending_rank: list[Comp] = []
        pending_cond: list[int] = []
        last_kind: Optional[str] = None  # "value" or a comparison type, for enumerations
        last_end = sent.start
        targets: dict[int, int] = {}
        qizhong = para.qizhong_open
        sentence_period = None
        last_comp: Optional[Comp] = None  # the comparison before, whose reference a listed one shares

        # Targets in brackets after 目标/任务: "(15%)".
        for a, b in zip(qids, qids[1:]):
            qa, qb = self.qs[a], self.qs[b]
            if self.c.bracketed_target.search(text[max(sent.start, qa.start - 8):qa.start]) and qb.kind == "pp":
                targets[b] = a

        for n, qi in enumerate(qids):
            q = self.qs[qi]
            if qi in targets.values():
                continue
            clause_start = self._clause_start(sent, q.start)
            prev_q = self.qs[qids[n - 1]] if n else None
            pre_start = clause_start
            if prev_q and prev_q.end > clause_start:
                if not self._in_parens(sent.start, prev_q.start):
                    pre_start = prev_q.end
                else:  # "郑州经济技术开发区（185.2分）、郑州高新…": the next member starts after the bracket
                    close = rx(r"[)）][、,，]").search(text, prev_q.end, q.start)
                    if close is not None:
                        pre_start = close.end()
            pre = self._masked(pre_start, q.start, qids)
            between = text[last_end:q.start]
            k = text.rfind("其中", sent.start, q.start)
            if qizhong and clause_start > k and text[clause_start - 1:clause_start] in ("；", ";") \
                    and self.c.qizhong_break.match(text, clause_start):
                qizhong = False  # "其中：…；年末存栏各类牲畜…": a clause naming a whole of its own ends the list
            elif k >= 0 and _bracket_closed(text, sent.start, k, q.start):
                qizhong = False  # the breakdown in brackets is over: what follows are the total's peers
            elif k >= 0 or rx(r"\s*其中").match(text[clause_start:q.start]):
                qizhong = True
            elif q.kind == "count" and self.c.set_opening.search(text, max(sent.start, q.start - 40), q.start):
                qizhong = True  # "全县56个在建项目中，续建31个": the counts after break down the set
            pm = None
            for m in periods:
                if m.end() > q.start:
                    break
                pm = m
            if pm:
                sentence_period = clean(pm.group(0))
                if sentence_period in ("当月", "本月"):
                    # "2021年9月份，…当月完成X": this month is the one the sentence names
                    named = next((clean(m.group(0)) for m in periods if m.start() < pm.start()
                                  and rx(r"\d{1,2}月(?:份)?$").search(m.group(0))), None)
                    sentence_period = named or sentence_period
                # a period right after 其中 ("其中8月份签约…") is the sub-period of that breakdown: a
                # paragraph that goes on with 其中 after it is back in the period before it
                if para.period and rx(r"其中[，,：:\s]*$").search(text, max(sent.start, pm.start() - 5), pm.start()):
                    para.outer_period = para.outer_period or para.period
                if not _narrows(para.period, sentence_period):
                    para.period = sentence_period
            period = sentence_period or para.period or self._section_period(sent.path)

            # An entity named right before the number: enumeration member.
            enum_names = self._trailing_names(pre_start, q.start, q.kind)
            pre_core_end = enum_names[0].start if enum_names else q.start
            pre_core = pre if pre_core_end == q.start else self._masked(pre_start, pre_core_end, qids)
            if q.qualifier and not enum_names:
                for word in q.qualifier.split("/"):
                    if pre_core.rstrip().endswith(word):
                        pre_core = pre_core.rstrip()[:-len(word)]
            pre_core = rx(r"(?:均为|都是|均|都)\s*$").sub("", pre_core) if enum_names else pre_core
            continuation = bool(_TRIVIAL.match(pre_core)) and last_kind is not None and n > 0 \
                and rx(r"[\s、,，和及与]*(?:\p{Han}{1,8}(?:、\p{Han}{1,8})*)?\s*").fullmatch(between or "") is not None

            cur_q = self.qs[self.drafts[current].value] if current is not None and self.drafts[current].value is not None else None
            ctype, cm = self._comparison(pre_core, q, cur_q)
            if ctype == "share" and cm is not None:
                subject = strip_indicator(pre_core[:cm.start()], self.c)
                cur_ind = self.drafts[current].indicator if current is not None else None
                if subject and subject != cur_ind:
                    ctype, cm = None, None  # "数量及投资额占比分别达到 68.2%": a figure of its own
            if q.kind == "rank":
                ctype = "rank"
            elif ctype is None and continuation and last_kind not in (None, "value", "rank") \
                    and (prev_q is None or listed_alike(q.kind, prev_q.kind)) \
                    and not (last_kind == "growth" and q.kind in ("amount", "count") and prev_q is not None
                             and prev_q.kind == "percent"):
                ctype = last_kind  # (a level after a growth in per cent, "增长a%，达到X亿元", is no growth)

            entity_m = self._entity_for(enum_names, clause_start, q.start, sent, para, q)

            if ctype is not None:
                comp = Comp({"decline": "growth", "decrement": "increment"}.get(ctype, ctype), qi, q.start, q.end)
                if ctype in ("decline", "decrement"):
                    comp.sign = "-"
                elif ctype == "growth" and q.value < 0:
                    comp.sign = "-"
                if cm is not None:
                    comp.start = self._unmasked(pre_start, pre_core_end, qids, max(0, cm.start()))
                    if ctype in ("gap_to_target", "change") and pre_start > clause_start \
                            and self.c.reference_opening.match(text, clause_start):
                        comp.start = clause_start  # "比全国增长7.6%高10.8个百分点": the reference is the comparison's
                    gd = cm.groupdict()
                    if gd.get("dir"):
                        comp.direction = _direction(gd["dir"], ctype)
                    elif ctype == "change":  # a growth or decline word: "比上年同期提高5.6万元", "下降2.4个百分点"
                        comp.direction = "down" if dict(self.c.comparisons)["decline"].search(cm.group(0)) else "up"
                    if gd.get("ref"):
                        comp.reference = clean(gd["ref"]) or None
                    if gd.get("of"):  # "占任务1000万元(其中…)的": the bracket is an aside, not the whole's name
                        comp.of = clean(rx(r"[(（][^)）]*[)）]?").sub("", gd["of"])) or None
                elif continuation and last_comp is not None and last_comp.type == comp.type:
                    # "分别高于全省平均水平a个、b个百分点": each value of the list is against the same reference
                    comp.reference, comp.direction, comp.of = last_comp.reference, last_comp.direction, last_comp.of
                last_comp = comp
                if ctype == "gap_to_target" and qi in targets:
                    comp.target = targets[qi]
                if ctype == "rank":
                    comp.scope = q.scope
                last_kind = ctype
                last_end = q.end
                own_entity = bool(enum_names)
                if current is not None:
                    current = self._outside_closed_bracket(current, q.start, sent)
                if current is not None and ctype in ("share", "growth") and self.drafts[current].role == "target":
                    # "完成外贸出口A，占任务B的N%，同比增长g%": the target is the share's whole, the actual
                    # figure before it is what the share and the growth are of
                    current = next((i for i in reversed(self._sentence_draft_ids(sent)[:-1])
                                    if i < current and self.drafts[i].role == "actual" and self.drafts[i].value is not None), current)
                if current is not None and ctype in ("growth", "decline") and q.kind == "percent" and self._plan_share(self.drafts[current]):
                    # "收入完成A万元，完成年初预算的N%，同比增长g%": the growth is the amount's, not the share's
                    current = next((i for i in reversed(self._sentence_draft_ids(sent))
                                    if i < current and self.drafts[i].value is not None
                                    and self.qs[self.drafts[i].value].kind in ("amount", "count")
                                    and _same_head(self.drafts[current].indicator or "", self.drafts[i].indicator or "", self.c)), current)
                cur = self.drafts[current] if current is not None else None
                if ctype == "rank" and (cur is None or self.c.rank_of_next.match(text, q.end)):
                    pending_rank.append(comp)  # "分列第四、五位的是甲县、乙县": the ranks of what follows
                    continue
                if cur is not None and (not own_entity or cur.entity == (entity_m.canonical if entity_m else None)):
                    before_cue = strip_indicator(pre_core[:cm.start()] if cm else "", self.c)
                    if self.c.basis_prefix.match(before_cue) and not any(c.type == ctype for c in cur.comparisons) \
                            and not self.c.named_change.fullmatch(cur.indicator or ""):
                        before_cue = ""  # "生产总值X亿元，按可比价格计算比上年增长Y%": the figure's own growth
                    if (not before_cue or before_cue == cur.indicator or ctype in ("rank", "gap_to_target", "contribution", "change", "share")
                            or (ctype == "increment" and not own_entity)) \
                            and not (ctype == "growth" and self._other_period(periods, clause_start, q.start, cur.period)):
                        cur.comparisons.append(comp)
                        continue
                # A comparison standing alone: a figure without a value.
                indicator = self._without_subject(strip_indicator(pre_core[:cm.start()] if cm else "", self.c))
                named_here = bool(indicator) and not enum_names
                if not indicator:
                    # "增速分别为寿阳 21.8%": a head naming only the measure defers to the figure before
                    head = self._list_head(sent, q.start, qids)
                    before = cur.indicator if cur else self._last_indicator(para, top=self.c.period_view.match(sent.text) is not None)
                    indicator = head if head and (not before or not self.c.measure_only.fullmatch(head)) else before
                    indicator = indicator or head
                elif qizhong or self.c.view_topic.match(sent.text):
                    # "其中，居住类上涨0.3%" under 居民消费价格, "分规模看，中型企业下降2.9%" under 工业增加值:
                    # the part's own measure is the total's
                    indicator = self._part_measured(indicator, para)
                d = self._new(qi, None, indicator, None, entity_m, period, self._role(pre, sent), sent, para)
                d.comparisons.append(comp)
                if cur is None or "分别" in pre_core or (named_here and qizhong and ctype == "growth"):
                    # "望奎县、兰西县分别增长4.9%、4.0%": the list's own figure; "其中税收收入增长a%，高于全省
                    # 收入增速g个百分点": a measure named with its growth takes the gap after it
                    current = len(self.drafts) - 1
                continue

            # A condition on the next figure: "20—50亿元项目4个", "3亿元以上产业项目的总投资".
            after = text[q.end:sent.end]
            nxt = self.qs[qids[n + 1]] if n + 1 < len(qids) else None
            if nxt is not None and self._is_condition(q, after, nxt, sent):
                pending_cond.append(qi)
                last_end = q.end
                continue

            # "增加1.2倍至36.5万人次", "上升12.3%至88.6亿元": the level a growth reached is the value of the
            # figure that grew (Hong Kong and Macau releases write the level after the growth)
            last = self.drafts[-1] if self.drafts else None
            if last is not None and last.value is None and prev_q is not None and last.comparisons \
                    and last.comparisons[-1].q == qids[n - 1] and last.comparisons[-1].type == "growth" \
                    and self.c.growth_to.fullmatch(text, prev_q.end, q.start) and q.kind in ("amount", "count"):
                last.value, last.anchor = qi, qi
                para.figures.append(len(self.drafts) - 1)
                last_kind, last_end = "value", q.end
                continue

            # "首次突破500亿元大关，达到512.6亿元": the level reached is measured as the milestone passed before it
            milestone = last if last is not None and prev_q is not None and last.value == qids[n - 1] \
                and prev_q.qualifier and set(prev_q.qualifier.split("/")) & _PASSED \
                and prev_q.unit.dimension == q.unit.dimension and q.kind == prev_q.kind \
                and self.c.milestone_to.fullmatch(text, prev_q.end, q.start) and _at_least(q, prev_q) else None

            # "境外游客A人次，比2019年同期的B人次增长g%": B is the level's own measure in the base period; the
            # growth after it stays the level's
            cur = self.drafts[current] if current is not None else None
            base = self.c.base_level.search(text, max(clause_start, q.start - 16), q.start)
            base_of, base_q = cur, cur_q
            if base is not None and cur is not None and current is not None and (
                    cur.role == "target" or cur_q is None or cur_q.unit.dimension != q.unit.dimension):
                # "实现A，为全年预算B的a%，比上年同期L…": the base is of the amount done, not of the budget
                # or the rate stated after it
                base_of = next((self.drafts[i] for i in reversed(self._sentence_draft_ids(sent)) if i <= current
                                and self.drafts[i].role == "actual" and self.drafts[i].value is not None
                                and self.qs[self.drafts[i].value].unit.dimension == q.unit.dimension), None)
                base_q = self.qs[base_of.value] if base_of is not None and base_of.value is not None else None
            if base is not None and base_of is not None and base_q is not None \
                    and base_q.unit.dimension == q.unit.dimension and base_of.sentence == (sent.start, sent.end):
                cur = base_of
                d = self._new(qi, qi, cur.indicator, None, None, self._base_period(base, cur.period), cur.role, sent, para)
                d.entity, d.entity_text, d.entity_span = cur.entity, cur.entity_text, cur.entity_span
                d.parent = None  # last year's level of a part is no part of this year's whole
                last_kind, last_end = "value", q.end
                continue

            # A value: a new figure.
            indicator, ind_span = self._indicator(pre_core, pre_start, q, para, continuation)
            if milestone is not None and milestone.indicator:
                indicator, ind_span = milestone.indicator, None
            if base is not None and (not indicator or indicator.startswith(("比", "较", "同", "与"))):
                # "X再创新高，比2012年的B增长g%": the base period's level of a measure whose level is not
                # stated; the measure is named in the clause before
                indicator, ind_span = self._measure_of_clause_before(sent, clause_start, qids), None
            if indicator and not enum_names and not any(t in indicator for t in self.c.measure_tails):
                # "营业收入增速分别为：甲(a%)、乙(b%)": a kind named with its value in brackets is measured by
                # the list's head
                measure = self._bracketed_member_measure(sent, q)
                indicator = indicator + measure if measure else indicator
            if not indicator and (enum_names or continuation):
                # a member takes the measure of the figure before in its own unit ("…计划投资X亿元。其中
                # 甲市200个" counts what the 个 figure before counted)
                indicator = self._list_head(sent, q.start, qids, bare_label=not para.drafts) \
                    or self._last_indicator(para, q.unit_name) or self._last_indicator(para)
                indicator = self._bounded_head(indicator, sent)
            if not indicator:
                # the clause before; else the paragraph's figure before it in the same unit, or any ("经开区
                # 实际使用外资4.30亿美元；高新区、工业园区分别为16700万美元…"; "亩均税收77.2万元/亩，是平均水平的
                # 2.4倍；株洲、湘潭分别为29.4、48.2万元/亩"); else the paragraph's label ("（四）利用外资。")
                indicator = (self._last_indicator(para, top=True) if self.c.period_view.match(sent.text) else None) \
                    or self._view_topic(sent) or self._previous_clause_phrase(sent, clause_start, qids) \
                    or self._last_indicator(para, q.unit_name) or self._last_indicator(para) or self._label_before(sent)
            if indicator and q.kind == "count" and self.c.stage_word.fullmatch(indicator):
                # "实施重点项目58项(新建21项,续建37项)", "…开复工50项": a stage alone counts the set
                # named before it in the paragraph (新建重点项目, 开复工重点项目)
                staged = self._stage_set(indicator, para)
                if staged:
                    indicator = staged
            if indicator and q.kind == "count" and len(indicator) <= 4 and self.c.count_verbs.search(indicator):
                head = self._set_head(para)
                if head:
                    indicator += head  # "其中开工82个" under "项目94个" -> 开工项目
            if q.ratio is not None and q.start > q.ratio[0] and self.drafts \
                    and self.qs[self.drafts[-1].anchor].ratio == q.ratio:
                indicator = self.drafts[-1].indicator  # "比例为A∶B∶C": each term is the ratio's
            if indicator and self.c.budget_level.fullmatch(indicator):
                indicator = self._leveled(indicator, para)
            parent = self._parent_for(q, para, indicator) if qizhong and para.qizhong_parent is not None else None
            if indicator and q.kind == "count":
                indicator = self._qualified(indicator, parent, sent, para,
                                            verb_object=bool(self.c.count_verbs.search(pre_core.rstrip())))
            if pending_cond and q.kind == "count" and (not indicator or indicator.endswith(tuple(self.c.set_heads))):
                # "营业收入超500亿元的开发区达十三个", "固投5亿元以上新签约项目88个": the set is named with its bound
                bounded = self._conditioned_set(clause_start, q)
                indicator = bounded if bounded and (not indicator or bounded.endswith(indicator)) else indicator
            if indicator:
                indicator = self._campaign_qualified(indicator, sent, clause_start)
                indicator = self._parallel_subject(indicator, sent, para)
                indicator = self._verb_sibling(indicator, sent, para, clause_start)
            owner = None
            if indicator and self.c.attributes.search(indicator):
                owner = self._counted_set(sent, para, rate=indicator.endswith("率"), stem=indicator[:-1][-2:],
                                          money="投资" in indicator)
                if owner and not owner.endswith(indicator):
                    indicator = owner + indicator
                if owner and parent is not None and self._counted_siblings(indicator, self.drafts[parent].indicator, para):
                    parent = self._parent_for(q, para, indicator)  # the class's own measure: not under a sibling's
            if indicator and owner is None:
                indicator = self._owned_part(indicator, q, sent)
            if indicator and owner is None:
                indicator = self._topic_attribute(indicator, q, sent, clause_start)
            if indicator in self.c.total_words:  # "新增规模以上农产品加工企业54家，总数达到824家"
                before = [d for d in self._sentence_drafts(sent) if d.indicator and d.indicator not in self.c.total_words]
                indicator = self.c.new_words.sub("", before[-1].indicator) if before else indicator
            if indicator and self.c.breadth.match(indicator):
                grew = list(self.c.breadth_measure.finditer(text, sent.start, q.start))
                if grew:
                    indicator = grew[-1].group("m") + indicator
            role = self._role(text[clause_start:q.start], sent)
            if continuation and self.drafts and last_kind == "value":
                role = self.drafts[-1].role if role == "actual" else role
            if indicator and (entity_m is None or entity_m.end <= clause_start):
                city = self._leading_city(indicator, clause_start, q.start)
                if city is not None:  # "一季度，甲州进出口总值X亿元": the city named by its short name
                    entity_m, indicator, ind_span = city, indicator[len(city.text):], None
                    para.entity = city  # the paragraph's subject, as a place named with 市 would be
            if base is not None:  # a base level with no level of its kind before it: a figure of the base period
                period = self._base_period(base, period)
            d = self._new(qi, qi, indicator, ind_span, entity_m, period, role, sent, para)
            d.conditions.extend(pending_cond)
            pending_cond = []
            if pending_rank:
                if len(pending_rank) > 1 and len({self.qs[c.q].scope for c in pending_rank}) == 1:
                    d.comparisons.append(pending_rank.pop(0))  # ranks of one scope: one per member named after
                else:  # "居全省第9位、苏北第2位的某县": one member's ranks in two scopes
                    d.comparisons.extend(pending_rank)
                    pending_rank = []
            if qizhong and para.qizhong_parent is not None:
                d.parent = parent
                p_ind = self.drafts[parent].indicator if parent is not None else None
                if d.indicator and p_ind and self.c.classifier.match(d.indicator) and d.indicator not in p_ind:
                    d.indicator += p_ind  # "工业类" under "省级开发区" -> 工业类省级开发区
                elif d.indicator and p_ind and q.kind != "count":
                    d.indicator = with_measure(d.indicator, p_ind, self.c.measure_tails)
                    done = self.c.part_verb.fullmatch(d.indicator) and self.c.total_verb.match(p_ind)
                    if done:  # "建设高标准农田372.8万亩，其中新建265.6万亩" -> 新建高标准农田
                        d.indicator += p_ind[self.c.total_verb.match(p_ind).end():]
            elif not qizhong:
                para.qizhong_parent = len(self.drafts) - 1
            para.figures.append(len(self.drafts) - 1)
            current = len(self.drafts) - 1
            last_kind = "value"
            last_end = q.end
        para.qizhong_open = qizhong and sent.text.rstrip().endswith(("；", ";"))
        self._distribute_enumerated_indicators(sent)
        self._shares_as_comparisons(sent)
        self._distribute_listed_subjects(sent)
        self._distribute_listed_comparisons(sent)
        self._distribute_listed_gaps(sent)
        self._years_of_a_range_list(sent)
        self._listed_measures_of_subject(sent)
        self._subject_of_the_clause_before(sent)
        self._level_moved_to(sent)
        self._bare_measures_of_subject(sent)
        self._distribute_subject_list(sent)
        for comp in pending_rank:  # a rank with nothing to attach to
            q = self.qs[comp.q]
            d = self._new(comp.q, None, self._last_indicator(para), None, para.entity,
                          sentence_period or para.period or self._section_period(sent.path), "actual", sent, para)
            d.comparisons.append(comp)

    # -- pieces ---------------------------------------------------------------------------------


    def _comparison(self, pre_core: str, q: RawQuantity, cur: Optional[RawQuantity] = None
                    ) -> tuple[Optional[str], Optional[regex.Match[str]]]:
        s = pre_core.rstrip()
        tail = max(0, len(s) - 32)  # cues are short and end right before the number
        # An amount in the unit of the figure before compares with it: "亩均…92.6万元，比上年同期提高
        # 5.6万元" (a change), "257.2万元，高于全省平均水平164.6万元" (a gap).
        same_unit = cur is not None and q.kind == "amount" and cur.unit_name == q.unit_name
        for name, pat in self.c.comparisons:
            m = pat.search(s, tail)
            if not m:
                continue
            if name in ("gap_to_target", "change") and same_unit and len(m.group("dir")) > 1 \
                    and not rx(r"[、的]").search(m.group("ref") or ""):  # not "高性能电极箔、投资"
                return name, m
            if name in ("growth", "decline") and same_unit and self.c.change_base.search(s, tail, m.end()):
                return "change", m
            if name in ("gap_to_target", "contribution", "change") and q.kind not in ("pp", "percent"):
                continue
            if name == "change" and q.kind == "percent" and (m.group(0).startswith("比")
                                                              or self.c.year_base.match(m.group("ref") or "")):
                continue  # "比上年下降3.2%" is a growth; only a 比 with percentage points is a change
            if name == "share" and q.kind != "percent":
                continue
            if name in ("growth", "decline"):
                if q.kind == "pp":
                    return "change", m
                if q.kind not in ("percent", "multiple"):
                    if name == "growth" and rx(r"增加|新增").search(m.group(0)):
                        return "increment", m
                    if name == "decline" and q.kind in ("count", "amount") and rx(r"减少|净减|(?<![减缺至])少").search(m.group(0)):
                        return "decrement", m  # "D类企业减少48家": an increment with a minus sign
                    continue
            if name == "gap_to_target" and q.kind == "percent":
                continue
            return name, m
        return None, None

    def _is_condition(self, q: RawQuantity, after: str, nxt: RawQuantity, sent: Sent) -> bool:
        if q.unit.dimension == "age" and nxt.unit.dimension != "age" and not _CLAUSE.search(self.text[q.end:nxt.start]):
            return True  # "0-14岁人口为44514人": the age group the next figure counts, no figure of its own
        bound_qualifier = bool(q.qualifier and rx(r"以上|以下|超|不足|不到|不低于|不少于").search(q.qualifier))
        bound = bound_qualifier or self.c.threshold_before.search(self.text, max(0, q.start - 3), q.start) is not None
        between = self.text[q.end:nxt.start].strip()
        if bound and nxt.kind == "count" and rx(r"的[\p{Han}（）()、]{1,12}?(?:仍有|有|达|共|为)?$").match(between) \
                and not _CLAUSE.search(between):
            return True  # "营业收入超百亿元的县有四个", "亩均税收低于20万元/亩的园区仍有104个": the set counted
        if q.low is None and not bound_qualifier:
            # A count of zones before the zones' own figures: "全市6个工业类开发区(园区)完成工业投资73.8亿元".
            if q.kind == "count" and rules().aggregate.match("全市" + after[:20]) and nxt.kind != "count":
                clause_end = _CLAUSE.search(after)
                return clause_end is None or q.end + clause_end.start() > nxt.start
            return False
        rest = after[:12]
        heads = "|".join(self.c.set_heads)
        # 超/不足 qualify a set only when a count of it follows ("营业收入超20亿元企业12家"); 以上/以下 also
        # before the set's amount ("3亿元以上产业项目的总投资不低于40亿元")
        if q.low is None and nxt.kind != "count" and not rx(r"以上|以下").search(q.qualifier or ""):
            return False
        return bool(rx(rf"(?:以上|以下)?(?:的)?(?:\p{{Han}}{{0,6}}?)(?:{heads})").match(rest)) and \
            nxt.start - q.end < 40


    def _parent_for(self, q: RawQuantity, para: Para, part: Optional[str] = None) -> Optional[int]:
        """The total a 其中 part belongs to: the latest figure of the same dimension that is not itself a
        part, and not a target in brackets ("完成年度目标（13.0亿美元）的44.1%。其中制造业…"). A part named
        with its measure (农业产值) takes, in the sentence of that latest figure, the one measured alike
        (总产值 rather than the 增加值 stated after it)."""
        # a named change (较上年同期增收X) is no total of parts that are levels (国税完成Y), only of changes
        of_changes = part is not None and self.c.named_change.search(part) is not None
        found = [i for i in reversed(para.figures[-LOOK_BACK:])
                 if (d := self.drafts[i]).parent is None and d.value is not None
                 and self.qs[d.value].unit.dimension == q.unit.dimension
                 and not self._in_parens(d.sentence[0], self.qs[d.value].start)
                 and (of_changes or not self.c.named_change.fullmatch(d.indicator or ""))
                 and not self.c.average_word.search(d.indicator or "")]  # an average is no total of parts
        if part and found:
            found = [i for i in found if not self._counted_siblings(part, self.drafts[i].indicator, para)]
        before = self.text[max(0, q.start - 12):q.start]
        if len(found) > 1 and not any(name in ("target", "plan") and pat.search(before) for name, pat in self.c.role):
            # "完成A亿元，占年度目标B亿元的a%。其中甲完成C亿元": a part done is of the amount done, not of the
            # target stated after it
            found = [i for i in found if self.drafts[i].role != "target"] or found
        nested = self._nested_total(q, para)
        if nested is not None:
            return nested
        if not found:
            return None
        lo = max(0, q.start - 200)  # the sentence before the part, looked at over a bounded stretch
        back = self.c.set_reference.search(self.text, max(lo, self.text.rfind("。", lo, q.start) + 1), q.start)
        if back is not None:
            # "签约项目30个…工业项目27个…商贸项目3个。这些项目落地在…，其中甲园项目13个": 这些项目 is the whole
            # set, the first of its kind the paragraph counted, not the class counted last
            noun = back.group("noun")
            sets = [i for i in found if (self.drafts[i].indicator or "").endswith(noun)]
            if sets:
                return sets[-1]
        latest = self.drafts[found[0]].indicator or ""
        done = self.c.done_verb.match(latest)
        if part and done and not self.c.done_verb.match(part):
            # "N个项目开工S个。其中，M个甲类项目开工K个": a class of the set (not of those done) is
            # a part of the set counted before the verb
            whole = next((i for i in found if self.drafts[i].indicator == latest[done.end():]), None)
            if whole is not None:
                return whole
        # "其中来自甲地的新签约项目58个": a part named as an earlier total with a qualifier before it is
        # that total's, however many figures stand between
        named = [i for i in found if part and (ind := self.drafts[i].indicator) and len(ind) >= 4
                 and part != ind and part.endswith(ind)]
        if named:
            return named[0]
        tail = next((t for t in self.c.measure_tails if part and part.endswith(t) and part != t), None)
        latest = self.drafts[found[0]]
        if tail and not (latest.indicator or "").endswith(tail):
            alike = next((i for i in found[1:] if self.drafts[i].sentence == latest.sentence
                          and (self.drafts[i].indicator or "").endswith(tail)), None)
            if alike is not None:
                return alike
        return found[0]

    def _leading_city(self, indicator: str, lo: int, hi: int) -> Optional[Mention]:
        """A city by its short name opening the indicator (泉州进出口总值: 泉州 is a place that is also a
        city with 市), the rest a measure, and written in the clause itself: the figure's place."""
        places = rules().places
        for n in (2, 3):
            name, rest = indicator[:n], indicator[n:]
            if name in places and name + "市" in places and len(rest) >= 2 and not self.c.named_thing.search(rest) \
                    and (rest.endswith(self.c.measure_tails) or self.c.city_measure.search(rest)):
                k = self.text.find(indicator, lo, hi)
                if k >= 0:
                    return Mention(k, k + n, name, name + "市")
        return None

    def _nested_total(self, q: RawQuantity, para: Para) -> Optional[int]:
        """"工业项目N个，…，其中…K个新开工项目已开工": a 其中 in the clause run of a part breaks
        that part down (the latest figure of the dimension before the 其中, in its sentence, with no ；
        between), not the total the part itself belongs to."""
        k = self.text.rfind("其中", 0, q.start)
        if k < 0 or rx(r"[;；。]").search(self.text, k, q.start):
            return None
        for i in reversed(para.figures[-LOOK_BACK:]):
            d = self.drafts[i]
            if d.value is None or self.qs[d.value].start > k or self.qs[d.value].unit.dimension != q.unit.dimension:
                continue
            if d.parent is None or not d.sentence[0] <= k < d.sentence[1] \
                    or rx(r"[;；:：]").search(self.text, self.qs[d.value].end, k):
                return None
            return i
        return None

    def _counted_siblings(self, part: str, other: Optional[str], para: Para) -> bool:
        """"工业项目29个，年度计划投资A…；服务业项目22个，年度计划投资B": what is said of two classes counted
        side by side as parts of one set (both counts under the same 其中 total) belongs to each class,
        neither is the other's total."""
        if not other or other == part:
            return False
        classes = {d.indicator: d.parent for i in para.figures
                   if (d := self.drafts[i]).value is not None and self.qs[d.value].kind == "count"
                   and d.parent is not None and d.indicator}
        mine = next((c for c in classes if part.startswith(c)), None)
        theirs = next((c for c in classes if other.startswith(c)), None)
        return mine is not None and theirs is not None and mine != theirs and classes[mine] == classes[theirs]

    def _plan_share(self, d: Draft) -> bool:
        """A figure that is a per-cent share of a plan, named by the plan after its amount's name."""
        return d.value is not None and self.qs[d.value].kind == "percent" and not d.comparisons \
            and self.c.plan_share.search(d.indicator or "") is not None

    def _outside_closed_bracket(self, current: int, pos: int, sent: Sent) -> Optional[int]:
        """"占任务760万美元(其中加工贸易140万美元)的42.6%": after a bracket closes, comparisons are the
        figure's before it; the bracket's own figures were an aside."""
        text, anchor = self.text, self.qs[self.drafts[current].anchor].start
        opened = max(text.rfind("(", max(sent.start, anchor - 60), anchor), text.rfind("（", max(sent.start, anchor - 60), anchor))
        if opened < 0 or any(ch in ")）" for ch in text[opened:anchor]) or not text[opened + 1:anchor].strip():
            return current  # "机电产品出口(2.6亿元)下跌4.1%": the value in brackets is the figure's own
        if pos - anchor > 120:
            return current  # a bracket that far back is no aside of this clause
        close = next((k for k in range(anchor, pos) if text[k] in ")）"), None)
        if close is None:
            return current
        for i in reversed(self._sentence_draft_ids(sent)):
            if self.qs[self.drafts[i].anchor].start < opened:
                return i
        return None

    def _bounded_head(self, head: Optional[str], sent: Sent) -> Optional[str]:
        """"固投3亿元及以上新签约项目60个，分别为：A县11个…": members are of the set with its bound, as
        the figure before names it (the list head, its numbers left out, lost the bound)."""
        for d in reversed(self._sentence_drafts(sent)):
            if head and d.indicator and d.conditions and d.indicator != head:
                bare = d.indicator
                for c in d.conditions:
                    bare = bare.replace(self.text[self.qs[c].start:self.qs[c].end], "")
                if bare == head:
                    return d.indicator
        return head

    def _part_measured(self, part: str, para: Para) -> str:
        """A 其中 part with a rate alone, named by its category: measured as the paragraph's figure before
        that names a measure (居住类 under 居民消费价格 -> 居住类价格)."""
        for i in reversed(para.drafts):
            total = self.drafts[i].indicator or ""
            measured = with_measure(part, total, self.c.measure_tails)
            if measured != part or any(total.endswith(t) for t in self.c.measure_tails):
                return measured
        return part

    def _base_period(self, base: regex.Match[str], level_period: Optional[str]) -> str:
        """The base period of "比2015年同期的…" for a level of 2016年1-9月: 2015年1-9月; 上年 for a level of
        2016年: 2015年; written as it stands when the level's year is unknown."""
        year = _BARE_YEAR.fullmatch(base.group("period"))
        own = _YEAR_IN.search(level_period or "")
        if year is None and base.group("period") not in ("上年", "去年", "上一年", "前一年"):
            return base.group("period") + (base.group("part") or "")  # 疫前同期, 108年同期: as written
        if year is None and own is not None:
            year_text = f"{int(own.group(0)) - 1}年"
        elif year is not None:
            year_text = base.group("period")
        else:
            return base.group("period") + (base.group("part") or "")
        if own is not None:
            return year_text + (level_period or "")[own.end() + 1:]
        if base.group("part") in ("同期", "同月") and level_period and not _BARE_YEAR.fullmatch(level_period):
            return year_text + level_period
        return year_text

    def _new(self, anchor: int, value: Optional[int], indicator: Optional[str], ind_span, entity: Optional[Mention],
             period: Optional[str], role: str, sent: Sent, para: Para) -> Draft:
        d = Draft(anchor=anchor, value=value, indicator=indicator or None, indicator_span=ind_span,
                  entity=entity.canonical if entity else None, entity_text=entity.text if entity else None,
                  entity_span=(entity.start, entity.end) if entity and entity.end > entity.start else None,
                  period=self._resolved_period(period), role=role, sentence=(sent.start, sent.end), path=list(sent.path))
        para.drafts.append(len(self.drafts))
        self.drafts.append(d)
        return d


def _narrows(carried: Optional[str], year: str) -> bool:
    """A part of a year carried in the paragraph (前三季度, 2022年1-9月) stays for the sentences after one
    that names only that year ("由于2022年…划转"): a bare year is no narrower period."""
    m = _BARE_YEAR.fullmatch(year)
    if not carried or m is None or _BARE_YEAR.fullmatch(carried):
        return False
    other = _YEAR_IN.search(carried)
    return other is None or other.group(0) == m.group(1)


_BARE_YEAR = regex.compile(r"(\d{4})年")
_YEAR_IN = regex.compile(r"\d{4}(?=年)")


_PASSED = {"超过", "超", "突破", "破", "逾"}  # a milestone passed: the bound before the level reached


def _at_least(q: RawQuantity, bound: RawQuantity) -> bool:
    """The level reached is no less than the milestone passed, in the same unit scaled."""
    return q.value * q.unit.factor >= bound.value * bound.unit.factor


def _bracket_closed(text: str, lo: int, cue: int, pos: int) -> bool:
    """"上级补助收入X(其中：专项…)，债券转贷收入Y": a 其中 inside a bracket closed before ``pos`` is over."""
    return open_brackets(text, max(lo, cue - 200), cue) > 0 and any(ch in ")）" for ch in text[cue:pos])


def _direction(word: str, ctype: str) -> Optional[str]:
    if ctype == "gap_to_target":
        return "below" if word in ("低于", "低出", "低", "落后", "落后于", "慢于", "慢") else "above"
    if ctype == "contribution":
        return "down" if word in ("下拉", "拖累") else "up"
    if ctype == "change":
        return "down" if word in ("下降", "回落", "放缓", "减少", "降低", "收窄") else "up"
    return None


def _same_head(share: str, amount: str, c: Cues) -> bool:
    """A share of a plan said of the amount before it: named by the plan alone (年初预算), or opening
    with the amount's subject (国税部门年初预算 after 国税部门收入)."""
    if c.plan_share.fullmatch(share):
        return True
    k = next((i for i, (a, b) in enumerate(zip(share, amount)) if a != b), min(len(share), len(amount)))
    return k >= 2


def build_figures(text: str, seg: Segments, qs: list[RawQuantity]) -> list[Draft]:
    return _Builder(text, seg, qs).run()
