"""Small string measures shared by the checks (column names) and the evaluation (phrases)."""
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
