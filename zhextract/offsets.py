"""Edits on a text and the map that takes positions in the edited text back to the original."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable, Literal

Side = Literal["start", "end"]


@dataclass(frozen=True)
class Edit:
    start: int  # in the input of the step
    end: int
    replacement: str = ""
    reason: str = ""  # set when text is dropped (banner, page number): it is reported, not lost


class EditMap:
    """Maps output positions of one editing step back to its input positions."""

    def __init__(self, rows: list[tuple[int, int, int, int]]) -> None:
        self._rows = rows  # (out_start, out_end, in_start, in_end), sorted, non-overlapping
        self._keys = [r[0] for r in rows]

    def back(self, pos: int, side: Side) -> int:
        i = bisect_right(self._keys, pos) - 1
        if i < 0:
            return pos
        out_s, out_e, in_s, in_e = self._rows[i]
        if pos < out_e:  # inside a replacement
            if out_e - out_s == in_e - in_s:
                return in_s + (pos - out_s)
            if pos == out_s:
                return in_s
            return in_e if side == "end" else in_s
        if pos == out_e and side == "end":
            # The end of a span right after an edit: a deletion is not part of the span.
            return in_s if out_s == out_e else in_e
        return in_e + (pos - out_e)


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, EditMap]:
    """Apply non-overlapping edits; later ones overlapping an earlier one are dropped."""
    parts: list[str] = []
    rows: list[tuple[int, int, int, int]] = []
    cursor = 0
    out = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < cursor:
            continue
        if e.start == e.end and not e.replacement:
            continue
        parts.append(text[cursor:e.start])
        out += e.start - cursor
        parts.append(e.replacement)
        rows.append((out, out + len(e.replacement), e.start, e.end))
        out += len(e.replacement)
        cursor = e.end
    parts.append(text[cursor:])
    return "".join(parts), EditMap(rows)


class OffsetChain:
    """Composes the maps of successive steps: repaired position -> original position."""

    def __init__(self) -> None:
        self._maps: list[EditMap] = []

    def push(self, m: EditMap) -> None:
        if m._rows:
            self._maps.append(m)

    def to_original(self, pos: int, side: Side = "start") -> int:
        for m in reversed(self._maps):
            pos = m.back(pos, side)
        return pos

    def span(self, start: int, end: int) -> tuple[int, int]:
        s = self.to_original(start, "start")
        e = self.to_original(end, "end") if end > start else s
        return s, max(s, e)
