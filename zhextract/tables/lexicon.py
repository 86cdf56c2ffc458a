"""The table lexicon of patterns/tables.toml, loaded and validated once, and canonical unit names."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .. import resources
from ..quantities.units import lexicon as unit_lexicon


@dataclass(frozen=True)
class TableLexicon:
    totals: frozenset[str]
    index_columns: frozenset[str]
    unit_columns: frozenset[str]
    dashes: frozenset[str]
    note_words: frozenset[str]
    value_types: tuple[tuple[str, str], ...]  # (word, type)
    type_dimensions: dict[str, tuple[str, ...]]
    name_units: tuple[tuple[str, str], ...]  # (name suffix, unit), longest first
    relative_columns: frozenset[str]


def _words(data: dict, key: str) -> list[str]:
    resources.require(data, (key,), "tables.toml")
    section = data[key]
    resources.require(section, ("words",), f"tables.toml [{key}]")
    words = section["words"]
    if not all(isinstance(w, str) and w for w in words):
        raise resources.PatternError(f"tables.toml [{key}]: words must be non-empty strings")
    return words


@lru_cache(maxsize=1)
def lexicon() -> TableLexicon:
    data = resources.load("tables")
    resources.require(data, ("notes", "value_types", "type_dimensions", "name_units", "examples"), "tables.toml")
    resources.require(data["notes"], ("dash", "words"), "tables.toml [notes]")
    types: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for vtype, words in data["value_types"].items():
        for w in words:
            if w in seen:
                raise resources.PatternError(f"tables.toml [value_types]: {w!r} is both {seen[w]} and {vtype}")
            seen[w] = vtype
            types.append((w, vtype))
    dims = {k: tuple(v) for k, v in data["type_dimensions"].items()}
    for k in dims:
        if k not in data["value_types"]:
            raise resources.PatternError(f"tables.toml [type_dimensions]: unknown value type {k!r}")
    for suffix, unit in data["name_units"].items():
        if canonical_unit(unit) is None:
            raise resources.PatternError(f"tables.toml [name_units]: {suffix!r} -> unknown unit {unit!r}")
    return TableLexicon(
        totals=frozenset(_words(data, "totals")),
        index_columns=frozenset(_words(data, "index_columns")),
        unit_columns=frozenset(_words(data, "unit_columns")),
        dashes=frozenset(data["notes"]["dash"]),
        note_words=frozenset(data["notes"]["words"]),
        value_types=tuple(types),
        type_dimensions=dims,
        name_units=tuple(sorted(data["name_units"].items(), key=lambda kv: -len(kv[0]))),
        relative_columns=frozenset(_words(data, "relative_columns")),
    )


_SCALES = "十百千万亿"


def canonical_unit(form: str) -> Optional[str]:
    """The units.toml name of a unit as written (万元人民币 -> 万元), None if it is not a unit.

    Compound units keep their parts (万元/亩); a scale prefix on a measure word (万辆) is kept as written.
    """
    form = form.strip()
    if not form:
        return None
    if "/" in form:
        parts = [canonical_unit(p) for p in form.split("/")]
        return "/".join(parts) if all(parts) else None  # type: ignore[arg-type]
    by_form = unit_lexicon().by_form
    if form in by_form:
        return by_form[form].name
    if len(form) > 1 and form[0] in _SCALES and form[1:] in by_form and by_form[form[1:]].kind == "count":
        return form
    return None


def unit_dimension(unit: str) -> Optional[str]:
    """The dimension (money, count, percent...) of a canonical unit; compound units have none."""
    u = unit_lexicon().by_form.get(unit)
    if u is not None:
        return u.dimension
    if "/" not in unit and canonical_unit(unit):
        return "count"  # 万辆: a scaled measure word
    return None


def unit_kind(unit: str) -> Optional[str]:
    """The quantity kind (amount, count, percent...) of a canonical unit."""
    u = unit_lexicon().by_form.get(unit)
    if u is not None:
        return u.kind
    if "/" in unit:
        return "amount" if canonical_unit(unit) else None
    return "count" if canonical_unit(unit) else None
