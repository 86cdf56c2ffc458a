"""Damaged inputs for fuzzing, generated from the corpus at run time (never committed as copies).

``damaged_input(rng)`` draws an excerpt of a corpus bulletin and applies one to four mutations:
characters replaced, tokens inserted (numbers, units, cues, brackets, separators, odd code points),
spans deleted, repeated, swapped or spliced in from another bulletin, truncation. The same seed
gives the same input, so a failure names a reproducible case. Used by tests/test_fuzz.py (a few
thousand inputs) and tools/fuzz.py (long runs).
"""
from __future__ import annotations

import random
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
_FILES = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus" / "heldout").glob("*.txt")) \
    + sorted((ROOT / "corpus" / "real").glob("*.txt"))
TEXTS = [p.read_text(encoding="utf-8") for p in _FILES]

# What bulletins are made of, and what damage brings: the pieces the rules react to.
TOKENS = [
    "0", "1", "9", "12.5", "1,234", "0.", ".5", "-3", "１２", "一", "十", "两", "百", "千", "万", "亿", "点", "零",
    "%", "‰", "个百分点", "亿元", "万元", "家", "个", "倍", "成", "位", "第", "前", "约", "近", "余", "以上",
    "其中", "分别为", "依次为", "占", "比重", "同比增长", "下降", "增长", "高于", "低于", "目标", "完成", "合计", "总计",
    "排名", "贡献率", "拉动", "年", "月", "日", "季度", "上半年", "全市", "开发区", "项目", "投资",
    "，", "。", "；", "：", "、", "（", "）", "(", ")", "【", "】", "“", "”", "|", "\t", "\n", "\n\n", " ", "\u3000",
    "#", "**", "—", "~", "/", "×", "单位:万元", "数据来源:", "附件1", "表1", "一、", "（一）", "1.",
    "\u200b", "\ufeff", "\u00a0", "\r\n", "\x0b", "\x00", "😀", "é", "\U00020000",
]


def _span(text: str, rng: random.Random) -> tuple[int, int]:
    a = rng.randrange(len(text) + 1)
    return a, min(len(text), a + rng.choice([1, 2, 5, 20, 100]))


def replace_chars(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 8)):
        if chars:
            chars[rng.randrange(len(chars))] = rng.choice(rng.choice(TOKENS) or " ")
    return "".join(chars)


def insert_tokens(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(text) + 1)
        text = text[:i] + rng.choice(TOKENS) + text[i:]
    return text


def delete_span(text: str, rng: random.Random) -> str:
    a, b = _span(text, rng)
    return text[:a] + text[b:]


def repeat_span(text: str, rng: random.Random) -> str:
    a, b = _span(text, rng)
    return text[:b] + text[a:b] * rng.choice([2, 3, 10]) + text[b:]


def swap_spans(text: str, rng: random.Random) -> str:
    (a, b), (c, d) = sorted([_span(text, rng), _span(text, rng)])
    if b > c:
        return text
    return text[:a] + text[c:d] + text[b:c] + text[a:b] + text[d:]


def splice(text: str, rng: random.Random) -> str:
    other = rng.choice(TEXTS)
    a, b = _span(other, rng)
    i = rng.randrange(len(text) + 1)
    return text[:i] + other[a:b] + text[i:]


def truncate(text: str, rng: random.Random) -> str:
    return text[:rng.randrange(len(text) + 1)]


def run_of_one(text: str, rng: random.Random) -> str:
    """A token repeated many times: the shapes that once made the rules super-linear."""
    i = rng.randrange(len(text) + 1)
    return text[:i] + rng.choice(TOKENS) * rng.choice([10, 100, 300]) + text[i:]


MUTATIONS: list[Callable[[str, random.Random], str]] = [
    replace_chars, insert_tokens, delete_span, repeat_span, swap_spans, splice, truncate, run_of_one,
]


def damaged_input(rng: random.Random, size: int = 600) -> tuple[str, list[str]]:
    """An excerpt of up to ``size`` characters of a corpus text, damaged by 1 to 4 mutations; and the
    mutations' names."""
    text = rng.choice(TEXTS)
    start = rng.randrange(max(1, len(text) - size))
    text = text[start:start + rng.randint(1, size)]
    names = []
    for _ in range(rng.randint(1, 4)):
        m = rng.choice(MUTATIONS)
        text = m(text, rng)
        names.append(m.__name__)
    return text, names
