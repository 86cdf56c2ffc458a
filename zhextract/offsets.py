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
    """Composes the maps of successive steps: repaired position -> original position.

    A document asks for thousands of positions (every record's span), so the steps are composed
    once, per side, into a single piecewise map, then spread into a table indexed by position:
    one list lookup per position instead of a bisect and a few calls.
    """

    def __init__(self) -> None:
        self._maps: list[EditMap] = []
        self._tables: dict[str, _Table] = {}

    def push(self, m: EditMap) -> None:
        if m._rows:
            self._maps.append(m)
            self._tables.clear()

    def _table(self, side: Side) -> _Table:
        t = self._tables.get(side)
        if t is None:
            t = self._tables[side] = _spread(_compose(self._maps, side))
        return t

    def to_original(self, pos: int, side: Side = "start") -> int:
        if not self._maps:
            return pos
        table, last = self._table(side)
        return table[pos] if 0 <= pos < len(table) else pos + last

    def span(self, start: int, end: int) -> tuple[int, int]:
        if not self._maps:
            return start, max(start, end)
        table, last = self._tables.get("start") or self._table("start")
        s = table[start] if 0 <= start < len(table) else start + last
        if end <= start:
            return s, s
        table, last = self._tables.get("end") or self._table("end")
        e = table[end] if 0 <= end < len(table) else end + last
        return s, max(s, e)


# A map as pieces: position p in [keys[i], keys[i+1]) goes to p + shifts[i]. keys[0] is 0.
_Pieces = tuple[list[int], list[int]]


# The pieces spread out: table[p] for 0 <= p < keys[-1], and p + last beyond (and below 0, as
# the bisect on pieces gave).
_Table = tuple[list[int], int]


def _spread(pieces: _Pieces) -> _Table:
    keys, shifts = pieces
    table: list[int] = []
    for lo, hi, d in zip(keys, keys[1:], shifts):
        table.extend(range(lo + d, hi + d))
    return table, shifts[-1]


def _pieces(m: EditMap, side: Side) -> _Pieces:
    """``m.back(., side)`` as pieces; a row's inner positions of a length-changing replacement (and
    the end point of a row) become one-position pieces, as ``back`` treats them apart."""
    # Rows sharing an output start: ``back`` only ever reads the last of them.
    rows = [r for i, r in enumerate(m._rows) if i + 1 == len(m._rows) or m._rows[i + 1][0] != r[0]]
    keys, shifts = [0], [0]

    def put(at: int, shift: int) -> None:
        if keys[-1] == at:
            shifts[-1] = shift
        elif shifts[-1] != shift:
            keys.append(at)
            shifts.append(shift)

    for i, (out_s, out_e, in_s, in_e) in enumerate(rows):
        nxt = rows[i + 1][0] if i + 1 < len(rows) else None
        if out_e > out_s:
            if out_e - out_s == in_e - in_s:
                put(out_s, in_s - out_s)
            else:
                put(out_s, in_s - out_s)
                inner = in_e if side == "end" else in_s
                for p in range(out_s + 1, out_e):
                    put(p, inner - p)
        if nxt == out_e:
            continue
        if side == "end":
            put(out_e, (in_s if out_s == out_e else in_e) - out_e)
            if nxt is None or nxt > out_e + 1:
                put(out_e + 1, in_e - out_e)
        else:
            put(out_e, in_e - out_e)
    return keys, shifts


def _then(inner: _Pieces, outer: _Pieces) -> _Pieces:
    """``outer(inner(p))``: split each piece of ``inner`` where its image crosses ``outer``'s keys."""
    i_keys, i_shifts = inner
    o_keys, o_shifts = outer
    keys: list[int] = []
    shifts: list[int] = []
    for k, (lo, d) in enumerate(zip(i_keys, i_shifts)):
        hi = i_keys[k + 1] if k + 1 < len(i_keys) else None
        j = bisect_right(o_keys, lo + d) - 1
        at = lo
        while True:
            shift = d + o_shifts[j]
            if not keys or shifts[-1] != shift:
                keys.append(at)
                shifts.append(shift)
            j += 1
            if j == len(o_keys) or (hi is not None and o_keys[j] - d >= hi):
                break
            at = o_keys[j] - d
    return keys, shifts


def _compose(maps: list[EditMap], side: Side) -> _Pieces:
    composed = _pieces(maps[-1], side)
    for m in reversed(maps[:-1]):
        composed = _then(composed, _pieces(m, side))
    return composed
