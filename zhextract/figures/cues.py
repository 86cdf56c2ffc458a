"""Cue patterns from patterns/figures.toml and patterns/periods.toml, compiled once."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .. import resources


@dataclass(frozen=True)
class Cues:
    comparisons: tuple[tuple[str, regex.Pattern[str]], ...]
    role: tuple[tuple[str, regex.Pattern[str]], ...]
    plan_section: regex.Pattern[str]
    bracketed_target: regex.Pattern[str]
    change_base: regex.Pattern[str]
    reference_opening: regex.Pattern[str]  # "比全国增长a%高g个百分点": the clause is the comparison, from 比
    year_base: regex.Pattern[str]
    breadth: regex.Pattern[str]
    breadth_measure: regex.Pattern[str]
    topic: regex.Pattern[str]
    subset_of: regex.Pattern[str]
    measure_tails: tuple[str, ...]
    ordinal_list: "regex.Pattern[str]"
    threshold_before: regex.Pattern[str]
    part_verb: regex.Pattern[str]
    total_words: frozenset[str]
    new_words: regex.Pattern[str]
    total_verb: regex.Pattern[str]
    view_topic: regex.Pattern[str]
    period_view: regex.Pattern[str]
    set_reference: regex.Pattern[str]
    growth_to: regex.Pattern[str]
    milestone_to: regex.Pattern[str]
    base_level: regex.Pattern[str]
    year_range: regex.Pattern[str]
    since_object: regex.Pattern[str]
    average_word: regex.Pattern[str]
    period_base: regex.Pattern[str]  # words before a period that make it a comparison's base
    year_words: frozenset[str]  # periods that name the report's year in an annual report
    vague_periods: frozenset[str]  # 目前, 今年以来: no document's reporting period
    present_periods: frozenset[str]  # 今年, 目前: the document's reporting period
    view_dimension: regex.Pattern[str]
    topic_money: regex.Pattern[str]
    topic_rate: regex.Pattern[str]
    trailing: "TrailingWords"
    leading: regex.Pattern[str]
    noun_stop: regex.Pattern[str]
    count_verbs: regex.Pattern[str]
    list_cue: regex.Pattern[str]
    attributes: regex.Pattern[str]
    set_heads: tuple[str, ...]
    classifier: regex.Pattern[str]
    non_subject: regex.Pattern[str]
    scope_after: regex.Pattern[str]
    basis_prefix: regex.Pattern[str]
    plan_of_period: regex.Pattern[str]
    measure_only: regex.Pattern[str]
    not_predicate: regex.Pattern[str]
    set_opening: regex.Pattern[str]
    stage_word: regex.Pattern[str]
    qizhong_break: regex.Pattern[str]
    source_prefix: regex.Pattern[str]
    subject_verb: regex.Pattern[str]
    fares_subject: regex.Pattern[str]  # "全市民营企业势头强劲，累计完成…": the subject of the figure after it
    fares_verb: regex.Pattern[str]
    rank_of_next: regex.Pattern[str]
    budget_level: regex.Pattern[str]
    named_change: regex.Pattern[str]
    status_topic: regex.Pattern[str]
    done_verb: regex.Pattern[str]
    city_measure: regex.Pattern[str]
    named_thing: regex.Pattern[str]
    inclusion: regex.Pattern[str]
    plan_share: regex.Pattern[str]
    stage_prefix: regex.Pattern[str]
    project_money: frozenset[str]
    generic_nouns: frozenset[str]
    bare_measures: tuple[str, ...]  # longest first
    campaign: regex.Pattern[str]
    share_phrase: regex.Pattern[str]
    area_parts: regex.Pattern[str]
    campaign_heads: tuple[str, ...]
    capacity: dict[str, str]
    not_a_name: regex.Pattern[str]
    from_level: regex.Pattern[str]
    bare_period: regex.Pattern[str]
    to_level: regex.Pattern[str]
    max_indicator: int
    period: regex.Pattern[str]
    # phrases.strip_indicator's answers (a pure function of the phrase and these cues): half of its
    # calls repeat a phrase of the same sentence
    stripped: dict[str, str] = field(default_factory=dict, init=False, compare=False, repr=False)


_TYPES = {"gap_to_target", "contribution", "change", "decline", "growth", "share", "increment"}


# [indicator] patterns compiled as written, each into the field of its name.
_PATTERNS = ("subset_of", "ordinal_list", "threshold_before", "part_verb", "new_words", "total_verb", "view_topic",
             "view_dimension", "noun_stop", "count_verbs", "list_cue", "attributes", "classifier", "non_subject",
             "scope_after", "basis_prefix", "plan_of_period", "campaign", "share_phrase", "area_parts", "not_predicate", "set_opening", "qizhong_break",
             "source_prefix", "subject_verb", "rank_of_next", "budget_level", "named_change", "status_topic",
             "done_verb", "city_measure", "named_thing", "inclusion", "plan_share", "period_view", "set_reference", "growth_to", "milestone_to", "since_object", "average_word", "base_level",
             "fares_subject", "fares_verb", "year_range")


@lru_cache(maxsize=1)
def cues() -> Cues:
    data = resources.load("figures")
    defines = dict(data.get("define", {}))
    comps = []
    for name, pat in data["comparison"].items():
        if name not in _TYPES:
            raise resources.PatternError(f"figures.toml [comparison]: unknown type {name!r}")
        where = f"figures.toml comparison {name}"
        comps.append((name, resources.compile_rx(resources.expand(pat, defines, where), where)))
    role = tuple((name, resources.compile_rx(data["role"][name], f"figures.toml role {name}"))
                 for name in ("target", "plan", "forecast"))
    ind = data["indicator"]
    resources.compile_rx(f"(?:{resources.alternation(ind['trailing'])})+$", "figures.toml trailing")  # validated
    trailing = TrailingWords(ind["trailing"])
    # words that start like a leading word (在建 is not 在 + 建), and trade with a partner (对东盟出口)
    keep = resources.alternation(ind["leading_keep"]) + "|" + ind["leading_keep_pattern"]
    leading = resources.compile_rx(f"^(?:(?!{keep})(?:{resources.alternation(ind['leading'])}))+", "figures.toml leading")
    periods = resources.load("periods")
    stages = resources.alternation(ind["stages"])
    stage_or_verb = resources.alternation(ind["stages"] + ind["set_verbs"])
    return Cues(
        comparisons=tuple(comps),
        role=role,
        plan_section=resources.compile_rx(data["role"]["plan_section"], "figures.toml plan_section"),
        bracketed_target=resources.compile_rx(data["role"]["bracketed_target"], "figures.toml bracketed_target"),
        change_base=resources.compile_rx(data["comparison_base"]["change_base"], "figures.toml change_base"),
        reference_opening=resources.compile_rx(data["comparison_base"]["reference_opening"], "figures.toml reference_opening"),
        year_base=resources.compile_rx(data["comparison_base"]["year_base"], "figures.toml year_base"),
        breadth=resources.compile_rx(data["breadth"]["indicator"], "figures.toml breadth indicator"),
        breadth_measure=resources.compile_rx(data["breadth"]["measure"], "figures.toml breadth measure"),
        topic=resources.compile_rx(data["topic"]["title"], "figures.toml topic title"),
        measure_tails=tuple(sorted(ind["measure_tails"], key=len, reverse=True)),
        total_words=frozenset(ind["total_words"]),
        topic_money=resources.compile_rx(data["topic"]["money"], "figures.toml topic money"),
        topic_rate=resources.compile_rx(data["topic"]["rate"], "figures.toml topic rate"),
        trailing=trailing,
        leading=leading,
        set_heads=tuple(ind["set_heads"]),
        project_money=frozenset(ind["project_money"]),
        generic_nouns=frozenset(ind["generic_nouns"]),
        bare_measures=tuple(sorted(ind["bare_measures"], key=len, reverse=True)),
        campaign_heads=tuple(ind["campaign_heads"]),
        capacity=dict(ind["capacity"]),
        not_a_name=resources.compile_rx(ind["not_a_name"], "figures.toml not_a_name"),
        from_level=resources.compile_rx(ind["from_level"], "figures.toml from_level"),
        bare_period=resources.compile_rx(ind["bare_period"], "figures.toml bare_period"),
        to_level=resources.compile_rx(ind["to_level"], "figures.toml to_level"),
        stage_word=resources.compile_rx(f"(?:计划)?(?:{stages})", "figures.toml stages"),
        # a set's name gives up the own place, a plan word and its stage or verb: 我市计划实施重点项目 -> 重点项目
        stage_prefix=resources.compile_rx(f"(?:[全我本该][省市县区州盟旗])?(?:计划|拟)?(?:{stage_or_verb})?",
                                          "figures.toml set_verbs"),
        **{k: resources.compile_rx(ind[k], f"figures.toml {k}") for k in _PATTERNS},
        measure_only=resources.compile_rx(resources.alternation(ind["measure_only"]), "figures.toml measure_only"),
        max_indicator=int(ind["max_length"]),
        period=resources.compile_rx(periods["pattern"], "periods.toml pattern"),
        period_base=resources.compile_rx(periods["comparison_base"], "periods.toml comparison_base"),
        year_words=frozenset(periods["year_words"]),
        vague_periods=frozenset(periods["vague"]),
        present_periods=frozenset(periods["present"]),
    )


class TrailingWords:
    """``(?:w1|w2|…)+$`` over the trailing words, without the regex engine: the words overlap (分别为 is
    分别 + 为), so on a run of them the regex tried every split, 2**n ways (issue 14). Same result: the
    leftmost start from which the rest is a sequence of words (before a final newline, as ``$``) goes."""

    def __init__(self, words: list[str]) -> None:
        self.words = tuple(sorted(set(words), key=len, reverse=True))
        self._by_first: dict[str, tuple[str, ...]] = {}
        for w in self.words:
            self._by_first[w[0]] = self._by_first.get(w[0], ()) + (w,)

    def sub(self, repl: str, s: str) -> str:
        end = len(s) - 1 if s.endswith("\n") else len(s)
        if not s.endswith(self.words, 0, end):  # the usual case: no trailing word at all
            return s
        ok = [False] * (end + 1)  # ok[i]: s[i:end] is a sequence of words (ok[end]: the empty rest)
        ok[end] = True
        start = None
        for i in range(end - 1, -1, -1):
            ok[i] = any(ok[i + len(w)] for w in self._by_first.get(s[i], ()) if s.startswith(w, i))
            if ok[i]:
                start = i
        return s if start is None else s[:start] + repl + s[end:]
