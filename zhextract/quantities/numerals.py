"""Read numbers as written: Arabic with separators and decimals, Chinese numerals."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .. import resources


@dataclass(frozen=True)
class NumeralTables:
    digits: dict[str, int]
    small: dict[str, int]
    sections: dict[str, int]
    points: tuple[str, ...]

    @property
    def chars(self) -> str:
        return "".join(self.digits) + "".join(self.small) + "".join(self.sections) + "".join(self.points)


@lru_cache(maxsize=1)
def tables() -> NumeralTables:
    data = resources.load("numbers")
    return NumeralTables(dict(data["digits"]), dict(data["small_units"]), dict(data["section_units"]),
                         tuple(data["decimal_point"]["forms"]))


# No figure in a bulletin needs more: a longer digit run (a 200-digit OCR smear, "1e-40"-like
# fractions) is not a figure, and its arithmetic would overrun Decimal's 28-digit context, where
# quantize() raises InvalidOperation. The scanner reports such numbers as skipped ("malformed");
# table cells holding one read as text.
MAX_DIGITS = 20  # significant digits
MAX_DECIMALS = 20
MAX_MAGNITUDE = 15  # adjusted exponent: below 1e16 in the written unit


def in_range(value: Decimal) -> bool:
    """Whether a parsed number is small enough in digits, decimals and magnitude to be a figure."""
    if not value.is_finite():
        return False
    t = value.as_tuple()
    return len(t.digits) <= MAX_DIGITS and -MAX_DECIMALS <= int(t.exponent) and value.adjusted() <= MAX_MAGNITUDE


def parse_arabic(text: str) -> tuple[Decimal, int]:
    """'1,306.6' -> (Decimal('1306.6'), 1 decimal)."""
    clean = text.replace(",", "").replace(" ", "")
    dec = len(clean.split(".", 1)[1]) if "." in clean else 0
    return Decimal(clean), dec


def parse_chinese(text: str) -> tuple[Decimal, int] | None:
    """'一百二十' -> 120, '三点五' -> 3.5, '两千' -> 2000, '十一' -> 11. None if malformed."""
    t = tables()
    for p in t.points:
        if p in text:
            whole, frac = text.split(p, 1)
            w = parse_chinese(whole) if whole else (Decimal(0), 0)
            if w is None or not frac or any(ch not in t.digits for ch in frac):
                return None
            digits = "".join(str(t.digits[ch]) for ch in frac)
            return w[0] + Decimal("0." + digits), len(digits)
    high = 0  # everything up to the last 亿, already multiplied
    wan = 0  # the 万 part below it, already multiplied
    section = 0  # the part below 万, closed by its small units
    digit: int | None = None
    for ch in text:
        if ch in t.digits:
            if digit is not None:  # two digits in a row: positional reading ("二〇二三")
                digit = digit * 10 + t.digits[ch]
            else:
                digit = t.digits[ch]
        elif ch in t.small:
            # a bare ten is one ten, and so is 零十 ("三万零十五" = 30015: 零 only marks the gap)
            section += (digit or 1) * t.small[ch]
            digit = None
        elif ch in t.sections:
            part = section + (digit or 0)
            if t.sections[ch] < 100000000:  # 万 closes the section below it
                wan += (part or (0 if wan or high else 1)) * t.sections[ch]
            else:  # 亿 closes everything before it, 万 parts too ("一万亿", "一亿二千万")
                high = (high + wan + part or 1) * t.sections[ch]
                wan = 0
            section = 0
            digit = None
        else:
            return None
    return Decimal(high + wan + section + (digit or 0)), 0


def cn_int(s: "str | None") -> "int | None":
    """A count written either way: "三" -> 3, "3" -> 3."""
    if not s:
        return None
    got = parse_arabic(s) if s.isdigit() else parse_chinese(s)
    return int(got[0]) if got else None
