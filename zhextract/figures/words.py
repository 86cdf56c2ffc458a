"""Word boundaries for long indicator phrases, with jieba (optional, loaded on first need).

Rules find indicators by cue words; only a phrase longer than the limit needs cutting, and there a
cut in the middle of a word ("…党政主要负责人" -> "要负责人") is worse than none. jieba cuts at word
boundaries with the compact dictionary patterns/words.txt (loads in ~40 ms, where jieba's full
dictionary takes ~0.8 s and would break the cold-start goal) and a user dictionary built from
patterns/ (zone types, units, cue words). Without jieba installed the cut falls back to characters.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Optional

from .. import resources


@lru_cache(maxsize=1)
def _tokenizer() -> Optional[Any]:
    """A jieba tokenizer on the compact dictionary patterns/words.txt plus zhextract's own words."""
    try:
        import jieba
    except ImportError:
        return None
    import logging

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer(dictionary=str(resources.patterns_dir() / "words.txt"))
    tk.initialize()
    for word in user_words():
        tk.add_word(word, freq=100000)
    return tk


@lru_cache(maxsize=1)
def user_words() -> tuple[str, ...]:
    """Words zhextract's rules depend on, so jieba never splits them."""
    ents = resources.load("entities")
    units = resources.load("units")
    words = set(ents["zone_types"]) | set(ents["aggregate_prefix"])
    for u in units["unit"]:
        words.update(f for f in u.get("forms", [u["name"]]) if len(f) > 1)
    words.update(w for w in resources.load("figures")["indicator"]["trailing"] if len(w) > 1)
    return tuple(sorted(words))


def cut_tail(phrase: str, max_len: int) -> str:
    """The longest run of whole words at the end of ``phrase`` within ``max_len`` characters."""
    if len(phrase) <= max_len:
        return phrase
    tk = _tokenizer()
    if tk is None:
        return phrase[-max_len:]
    out = ""
    for word in reversed(list(tk.cut(phrase, HMM=False))):
        if len(out) + len(word) > max_len:
            break
        out = word + out
    return out or phrase[-max_len:]
