"""The unit lexicon from patterns/units.toml: surface form -> canonical unit, kind, conversion."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex

from .. import resources


@dataclass(frozen=True)
class Unit:
    name: str
    kind: str
    dimension: str
    base: str
    factor: Decimal


@dataclass(frozen=True)
class UnitLexicon:
    by_form: dict[str, Unit]
    pattern: str  # alternation of every surface form, longest first
    denominators: dict[str, Unit]  # what may follow "/" in a compound unit
    denominator_pattern: str
    decimal_only: dict[str, Unit]  # forms that are a unit only after a number with decimals (1.5日)

    def get(self, form: str) -> Unit:
        return self.by_form[form]


_KINDS = {"amount", "count", "percent", "pp", "rank", "ratio", "multiple", "duration"}


@lru_cache(maxsize=1)
def lexicon() -> UnitLexicon:
    data = resources.load("units")
    by_form: dict[str, Unit] = {}
    names: set[str] = set()
    decimal_only: dict[str, Unit] = {}
    for i, entry in enumerate(data["unit"]):
        where = f"units.toml unit #{i + 1}"
        resources.require(entry, ("name", "kind", "dimension", "base", "factor"), where)
        if entry["kind"] not in _KINDS:
            raise resources.PatternError(f"{where}: unknown kind {entry['kind']!r}")
        if entry["name"] in names:
            raise resources.PatternError(f"{where}: duplicate unit {entry['name']!r}")
        names.add(entry["name"])
        unit = Unit(entry["name"], entry["kind"], entry["dimension"], entry["base"], Decimal(entry["factor"]))
        if entry.get("decimal_only"):
            decimal_only.update((form, unit) for form in entry.get("forms", [entry["name"]]))
            continue
        for form in entry.get("forms", [entry["name"]]):
            if form in by_form:
                raise resources.PatternError(f"{where}: form {form!r} already belongs to {by_form[form].name}")
            by_form[form] = unit
    measure = data["measure_words"]
    for form in measure["forms"]:
        if form not in by_form:
            by_form[form] = Unit(form, "count", "count", form, Decimal(1))
    # 万头, 亿人次: a scale character before a measure word (an explicit entry above wins).
    scales = {"万": Decimal(10000), "亿": Decimal(100000000)}
    for prefix in measure.get("scaled", []):
        for form in measure["forms"]:
            if prefix + form not in by_form:
                by_form[prefix + form] = Unit(prefix + form, "count", "count", form, scales[prefix])
    # 亿公斤, 万公里, 亿千伏安, 亿人次: a scale character before a physical unit or a count unit written in
    # Chinese (an explicit entry above wins; currencies and areas list theirs; Latin symbols take no
    # Chinese scale).
    for prefix in measure.get("scaled", []):
        for entry in data["unit"]:
            name = entry["name"]
            if entry["kind"] not in ("amount", "count") or name[0] in "万亿千百" and name not in measure.get("scalable", []) \
                    or not regex.fullmatch(r"\p{Han}+", name) or prefix + name in by_form:
                continue
            u = by_form[name]
            by_form[prefix + name] = Unit(prefix + name, u.kind, u.dimension, u.base, u.factor * scales[prefix])
    denominators: dict[str, Unit] = {}
    aliases = data["denominators"].get("aliases", {})
    for form in data["denominators"]["forms"]:
        if form in aliases:
            same = by_form[aliases[form]]
            denominators[form] = Unit(form, same.kind, same.dimension, same.base, same.factor)
            continue
        denominators[form] = by_form.get(form) or Unit(form, "amount", "time" if form in "日天年月小时" else "count",
                                                        form, Decimal(1))
    return UnitLexicon(by_form, resources.alternation(list(by_form)), denominators,
                       resources.alternation(list(denominators)), decimal_only)
