"""Small string measures shared by the figures, the checks (column names, brackets) and the evaluation (phrases)."""
from __future__ import annotations


def lcs_length(a: str, b: str) -> int:
    """Longest common subsequence: "新建项目数" in "新建重点转型项目" keeps 4 of its 5 characters."""
    prev = [0] * (len(b) + 1)
    for ch in a:
        cur = [0]
        for j, bj in enumerate(b):
            cur.append(prev[j] + 1 if ch == bj else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def open_brackets(text: str, lo: int, hi: int, depth: int = 0) -> int:
    """How many round brackets are open at ``hi``, ``depth`` being open at ``lo`` (a stray closer is ignored)."""
    for ch in text[lo:hi]:
        if ch in "(（":
            depth += 1
        elif ch in ")）" and depth:
            depth -= 1
    return depth
