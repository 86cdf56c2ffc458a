"""Checks through ruby glosses.

A web page copied with each character's pinyin after it in brackets (产(chǎn)业(yè)) hides from the
rules the words they look for (三次产业, 贡献率, 其中). Extraction already reads such a text with the
glosses removed (repair.py); the rules read the same text, over records moved into it, and their
evidence is moved back so that it quotes the original, glosses and all.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Any, Iterable

from pydantic import BaseModel

from ..models import Document, Evidence, Record
from ..offsets import Edit, OffsetChain, apply_edits
from ..repair import ruby_glosses


def glosses(text: str) -> list[tuple[int, int]]:
    """The spans of the ruby glosses in ``text``, in order (repair.py's rule)."""
    if "(" not in text and "（" not in text:
        return []
    return [(e.start, e.end) for e in ruby_glosses(text)]


class Shift:
    """Positions of the original and of the text without the glosses, both ways."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.clean, emap = apply_edits(text, [Edit(s, e) for s, e in spans])
        self._back = OffsetChain()
        self._back.push(emap)
        self._starts = [s for s, _ in spans]
        removed, acc = [], 0
        for s, e in spans:
            acc += e - s
            removed.append(acc)
        self._removed = removed  # gloss characters up to the end of each gloss

    def forward(self, pos: int) -> int:
        """An original position in the text without glosses; one inside a gloss goes to its start."""
        i = bisect_right(self._starts, pos) - 1
        if i < 0:
            return pos
        s, e = self.spans[i]
        before = self._removed[i - 1] if i else 0
        return s - before if pos < e else pos - self._removed[i]

    def back(self, start: int, end: int) -> tuple[int, int]:
        return self._back.span(start, end)


def moved_in(doc: Document, shift: Shift) -> Document:
    """A copy of ``doc`` over the text without glosses: every span of its records moved into it. The
    files given beside it (``sources``) have texts of their own and stay as they are."""
    out = doc.model_copy(deep=True, update={"text": shift.clean, "sources": []})
    for field in type(out).model_fields:
        if field != "sources":
            _move(getattr(out, field), shift)
    out.sources = doc.sources
    return out


def _move(obj: Any, shift: Shift) -> None:
    if isinstance(obj, list):
        for x in obj:
            _move(x, shift)
        return
    if not isinstance(obj, BaseModel):
        return
    if isinstance(obj, Record) and isinstance(getattr(obj, "start", None), int) \
            and isinstance(getattr(obj, "end", None), int) and getattr(obj, "source", 0) == 0:
        s, e = shift.forward(obj.start), shift.forward(obj.end)
        object.__setattr__(obj, "start", s)
        object.__setattr__(obj, "end", max(s, e))
    for field in type(obj).model_fields:
        value = getattr(obj, field)
        if isinstance(value, (list, BaseModel)):
            _move(value, shift)


def moved_back(evidence: Iterable[Evidence], shift: Shift, original: str) -> None:
    """Evidence of the document itself quotes the original again, over the same words."""
    seen: set[int] = set()
    for ev in evidence:
        if ev.source == 0 and id(ev) not in seen:  # a finding and its relation share evidence items
            seen.add(id(ev))
            ev.start, ev.end = shift.back(ev.start, ev.end)
            ev.text = original[ev.start:ev.end]
