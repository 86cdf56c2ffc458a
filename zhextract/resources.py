"""Load the rule and lexicon files in patterns/ once, at first use, and validate them.

TOML (stdlib ``tomllib``) rejects duplicate keys by itself; here we reject unknown ``{name}``
references, missing fields and patterns that do not compile, naming the file and the rule.
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from .errors import PatternError

_HERE = Path(__file__).resolve().parent


def patterns_dir() -> Path:
    """Installed wheels carry patterns/ inside the package; a source checkout has it beside it."""
    for cand in (_HERE / "patterns", _HERE.parent / "patterns"):
        if cand.is_dir():
            return cand
    raise PatternError("patterns/ directory not found next to the zhextract package")


def pattern_files() -> list[Path]:
    return sorted(patterns_dir().glob("*.toml"))


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    path = patterns_dir() / f"{name}.toml"
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise PatternError(f"missing rule file {path.name}") from None
    except tomllib.TOMLDecodeError as exc:
        raise PatternError(f"{path.name}: {exc}") from None
    if data.get("kind") != name:
        raise PatternError(f"{path.name}: expected kind = \"{name}\", found {data.get('kind')!r}")
    return data


_REF = regex.compile(r"(?<!\\[pP])\{(\w+)\}")


def expand(pattern: str, defines: dict[str, str], where: str) -> str:
    """Substitute ``{name}`` references; an unknown name is an error, not a literal."""

    def sub(m: regex.Match[str]) -> str:
        key = m.group(1)
        if key.isdigit():  # a quantifier such as \d{4}
            return m.group(0)
        if key not in defines:
            raise PatternError(f"{where}: unknown reference {{{key}}}")
        return defines[key]

    return _REF.sub(sub, pattern)


def compile_rx(pattern: str, where: str, flags: int = 0) -> regex.Pattern[str]:
    try:
        return regex.compile(pattern, flags | regex.V0)
    except regex.error as exc:
        raise PatternError(f"{where}: pattern does not compile: {exc}") from None


def require(entry: dict[str, Any], keys: tuple[str, ...], where: str) -> None:
    missing = [k for k in keys if k not in entry]
    if missing:
        raise PatternError(f"{where}: missing {', '.join(missing)}")


def alternation(words: list[str]) -> str:
    """A regex alternation that prefers the longest form."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def divisions() -> frozenset[str]:
    """County-level divisions by full name (patterns/divisions.txt): 麦积区, 海盐县, 原平市."""
    path = patterns_dir() / "divisions.txt"
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def prefectures() -> frozenset[str]:
    """Prefecture-level divisions by full name (patterns/prefectures.txt): 保定市, 楚雄彝族自治州, 阿拉善盟."""
    path = patterns_dir() / "prefectures.txt"
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def places() -> frozenset[str]:
    """Place names (patterns/places.txt), for zone names and numerals inside names (五台)."""
    path = patterns_dir() / "places.txt"
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))
