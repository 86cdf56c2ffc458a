"""Figures while they are built: drafts in repaired-text offsets, and per-paragraph state."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .entities import Mention


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


# Bounds on how far figure building looks (issue 14: linear time on any input). Real text stays far
# inside them (the corpus's busiest sentence holds 125 numbers, its busiest paragraph 51), so they
# change nothing there; a run of thousands of numbers without a full stop is read in pieces.
MAX_SENTENCE_QUANTITIES = 200  # a longer sentence is read as consecutive pieces of this many numbers
# Kinds a list of changes may mix ("分别增长1.2倍、35.6%", "a%、b个百分点"): one list, though the kinds differ
RATE_KINDS = frozenset({"percent", "pp", "multiple"})


def listed_alike(a: str, b: str) -> bool:
    """Two numbers' kinds that may stand in one list: the same kind, or rates of any kind."""
    return a == b or {a, b} <= RATE_KINDS
LOOK_BACK = 100  # the paragraph's figures searched back for a parent, a set or an indicator


@dataclass
class Para:
    entity: Optional[Mention] = None
    period: Optional[str] = None
    figures: list[int] = field(default_factory=list)  # value figures, for 其中 parents
    drafts: list[int] = field(default_factory=list)  # every figure, comparison-only ones too
    qizhong_parent: Optional[int] = None
    qizhong_open: bool = False  # a 其中 breakdown runs on over ；-separated parts
    outer_period: Optional[str] = None  # the period before a 其中 named a part of it ("其中8月份…")
