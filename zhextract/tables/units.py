"""Units of columns: from the header, the 单位 line, or the value type the column name implies.

The 单位 line comes in three shapes: one unit for all ("单位:个"), one unit per value type
("单位:个、万元": counts get 个, money 万元) and one unit per named column ("单位:实际利用外资万美元、
进出口额万元人民币"). A unit in the header ("工业投资(亿元)") wins over all of them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..lines import UNIT_PREFIX
from .lexicon import canonical_unit, lexicon, unit_dimension

_SEP = re.compile(r"[、，,；;\s]+")
_SUBJECT_TRIM = ":：为是（）()"
_REMARK = re.compile(r"[(（]([^)）]*)[)）]")


@dataclass(frozen=True)
class UnitSpec:
    unit: str  # canonical
    dimension: Optional[str]
    subject: Optional[str] = None  # the column this unit is for, when the line names one


def parse_unit_line(line: str) -> list[UnitSpec]:
    """单位:实际利用外资万美元、进出口额万元人民币 -> [万美元 for 实际利用外资, 万元 for 进出口额]."""
    body = UNIT_PREFIX.sub("", line, count=1).strip().rstrip("。.")
    body = _REMARK.sub(lambda m: m.group(0) if canonical_unit(m.group(1)) else "", body)  # （除注明外）
    specs = []
    for part in _SEP.split(body):
        part = part.strip("()（）")
        for k in range(len(part)):  # the longest unit ending the part; what precedes it names a column
            unit = canonical_unit(part[k:])
            if unit:
                subject = part[:k].strip(_SUBJECT_TRIM) or None
                specs.append(UnitSpec(unit, unit_dimension(unit), subject))
                break
    return specs


def value_type(name: str) -> Optional[str]:
    """The type word ending nearest the end of the name decides; on a tie the longer word."""
    best: Optional[tuple[tuple[int, int], str]] = None
    for word, vtype in lexicon().value_types:
        i = name.rfind(word)
        if i >= 0:
            key = (i + len(word), len(word))
            if best is None or key > best[0]:
                best = (key, vtype)
    return best[1] if best else None


def _plain(name: str) -> str:
    return re.sub(r"[\s/“”\"'‘’]", "", name)


def column_unit(name: str, header_unit: Optional[str], specs: list[UnitSpec],
                per_row_units: bool) -> Optional[str]:
    """The unit of a numeric column, or None when nothing in the table says it."""
    if header_unit:
        return header_unit
    plain_name = _plain(name)
    for s in specs:
        if s.subject and (_plain(s.subject) in plain_name or plain_name in _plain(s.subject)):
            return s.unit
    vtype = value_type(plain_name)
    if vtype == "percent":
        return "%"
    if vtype == "ratio" or per_row_units:  # a unitless ratio; or each row says its own unit
        return None
    lex = lexicon()
    general = [s for s in specs if not s.subject]
    for s in general:  # "单位：家、万元/亩" and a column 亩均税收: a per-亩 unit for a per-亩 name (人均 for 元/人)
        den = s.unit.rpartition("/")[2] if "/" in s.unit else ""
        if den and (den + "均" in plain_name or "每" + den in plain_name):
            return s.unit
    if general:
        if vtype in lex.type_dimensions:
            for dim in lex.type_dimensions[vtype]:
                for s in general:
                    if s.dimension == dim:
                        return s.unit
        elif len(general) == 1:  # one unit for all, and the name does not contradict it
            return general[0].unit
    for suffix, unit in lex.name_units:
        if plain_name.endswith(suffix):
            return canonical_unit(unit)
    return None
