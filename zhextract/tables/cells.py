"""Read one cell: a number as written (Decimal, digits after the point), or why it is not one.

"0" is a number; "", "—" and words such as 破零 are not (note "empty", "—", the word); anything
else, such as "6个5亿" or an entity name, is text. A number may carry its own unit ("3.6%").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from ..quantities.numerals import in_range
from .lexicon import canonical_unit, lexicon

_NUMBER = re.compile(r"^([+\-−]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")
_NUMBER_UNIT = re.compile(r"^([+\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(\D+)$")
_YEAR = re.compile(r"^(?:19|20)\d{2}(?:年.*)?$")


@dataclass(frozen=True)
class CellValue:
    value: Optional[Decimal] = None
    decimals: Optional[int] = None
    unit: Optional[str] = None  # a unit written in the cell itself
    note: Optional[str] = None


def parse_number(text: str) -> Optional[tuple[Decimal, int]]:
    """A plain written number -> (value, decimals); thousands separators dropped, sign kept."""
    m = _NUMBER.match(text.strip())
    if not m:
        return None
    sign, whole, frac = m.groups()
    digits = whole.replace(",", "") + (f".{frac}" if frac else "")
    value = Decimal(("-" if sign in ("-", "−") else "") + digits)
    return (value, len(frac or "")) if in_range(value) else None  # a 200-digit cell is text


def parse_cell(text: str) -> CellValue:
    t = text.strip()
    if not t:
        return CellValue(note="empty")
    num = parse_number(t)
    if num:
        return CellValue(num[0], num[1])
    lex = lexicon()
    if t in lex.dashes:
        return CellValue(note="—")
    if t in lex.note_words:
        return CellValue(note=t)
    m = _NUMBER_UNIT.match(t)
    if m:
        unit = canonical_unit(m.group(2))
        num = parse_number(m.group(1))
        if unit and num:
            return CellValue(num[0], num[1], unit=unit)
    return CellValue(note="text")


def is_number_like(text: str) -> bool:
    """A cell that reads as data rather than as a header label (a bare year is a label)."""
    t = text.strip()
    if not t or _YEAR.match(t):
        return False
    return parse_cell(t).value is not None or t in lexicon().dashes or t in lexicon().note_words
