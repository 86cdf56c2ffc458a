"""Word boundaries for long indicator phrases.

Rules find indicators by cue words; only a phrase longer than the limit needs cutting, and there a
cut in the middle of a word ("…党政主要负责人" -> "要负责人") is worse than none. The cut follows
jieba's maximum-probability segmentation (a DAG of dictionary words, best path by log frequency)
over jieba's dictionary, trimmed to patterns/words.txt (the 30,000 most frequent words) plus a user
dictionary built from patterns/ (zone types, units, cue words). It is reimplemented here because
importing jieba costs ~0.2 s and loading its full dictionary ~0.8 s, which would break the 0.5 s
cold-start goal for the sake of a few long phrases; tools/build_lexicons.py regenerates the list
from jieba itself.
"""
from __future__ import annotations

import math
from functools import lru_cache

from .. import resources

_USER_FREQ = 100000


@lru_cache(maxsize=1)
def user_words() -> tuple[str, ...]:
    """Words zhextract's rules depend on, so segmentation never splits them."""
    ents = resources.load("entities")
    units = resources.load("units")
    words = set(ents["zone_types"]) | set(ents["aggregate_prefix"])
    for u in units["unit"]:
        words.update(f for f in u.get("forms", [u["name"]]) if len(f) > 1)
    words.update(w for w in resources.load("figures")["indicator"]["trailing"] if len(w) > 1)
    return tuple(sorted(words))


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, int], dict[str, int], float]:
    """(word -> count, first character -> longest word length, log of the total count).
    Log probabilities are taken per lookup: a segmentation looks up a few dozen words, while
    taking 30,000 logarithms up front was a third of the cold-start cost of this module."""
    text = (resources.patterns_dir() / "words.txt").read_text(encoding="utf-8")
    freq: dict[str, int] = {}
    for line in text.splitlines():
        word, _, count = line.partition(" ")
        if word and count.isdigit():
            freq[word] = int(count)
    for word in user_words():
        freq[word] = max(freq.get(word, 0), _USER_FREQ)
    # The longest word opening with each character bounds the candidates tried at a position.
    longest: dict[str, int] = {}
    for w in freq:
        if len(w) > longest.get(w[0], 0):
            longest[w[0]] = len(w)
    return freq, longest, math.log(sum(freq.values()))


def segment(phrase: str) -> list[str]:
    """Maximum-probability segmentation; characters outside the dictionary stand alone."""
    freq, longest, log_total = _dictionary()
    unknown = -log_total  # an unknown character counts as a word seen once
    n = len(phrase)
    best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        top = (unknown + best[i + 1][0], i + 1)  # the best (log probability, next cut) from i
        for j in range(i + 2, min(n, i + longest.get(phrase[i], 0)) + 1):
            count = freq.get(phrase[i:j])
            if count is not None:
                cand = (math.log(count) - log_total + best[j][0], j)
                if cand > top:
                    top = cand
        best[i] = top
    words, i = [], 0
    while i < n:
        j = best[i][1]
        words.append(phrase[i:j])
        i = j
    return words


def cut_tail(phrase: str, max_len: int) -> str:
    """The longest run of whole words at the end of ``phrase`` within ``max_len`` characters."""
    if len(phrase) <= max_len:
        return phrase
    out = ""
    for word in reversed(segment(phrase)):
        if len(out) + len(word) > max_len:
            break
        out = word + out
    return out or phrase[-max_len:]
