"""From a span of ``Document.text`` back to the Word runs that hold exactly that text.

The DOCX reader renders each body block (paragraph or table) to text and records where each
block starts (``Document.anchors``: text offset, block number, character in the block's rendered
text). Rendering only adds or drops white space, a list label ("一、", "(三)") and the "#" of a
heading in front of a paragraph; the characters that are not white space appear in the same order
as in the block's ``w:t`` elements. So a span is found by counting its non-space characters from
the start of its block, and :meth:`BodyMap.check` verifies that assumption block by block: a block
whose text does not end with its runs' text is never guessed at.

Run splitting is the one piece of hand-written WordprocessingML: python-docx anchors a comment only
on whole runs, and a figure is usually a few characters inside a longer run.
"""
from __future__ import annotations

from bisect import bisect_right
from copy import deepcopy
from dataclasses import dataclass
from typing import Any, Iterator

from ..load.docx import _W, _blocks, para_pieces, table_cells

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass(frozen=True)
class Char:
    """One displayed character that is not white space: a ``w:t`` and the index in its text, or a
    ``w:noBreakHyphen`` (index 0)."""
    ch: str
    el: Any
    i: int


def block_chars(block: Any) -> list[Char]:
    """The non-space characters of a body block in the reader's order (continued vertically merged
    cells are left out, as the reader leaves them empty)."""
    if block.tag == _W + "p":
        paras: Iterator[Any] = iter([block])
    else:
        paras = (p for _, tc, _, continued in table_cells(block) if tc is not None and not continued
                 for p in tc.iter(_W + "p"))
    out: list[Char] = []
    for p in paras:
        for text, el in para_pieces(p):
            if el.tag == _W + "t":
                out.extend(Char(c, el, k) for k, c in enumerate(text) if not c.isspace())
            elif not text.isspace():
                out.append(Char(text, el, 0))
    return out


def _solid(s: str) -> str:
    return "".join(c for c in s if not c.isspace())


class BodyMap:
    """Spans of a DOCX document's rendered text mapped onto its body (python-docx element tree)."""

    def __init__(self, body: Any, text: str, anchors: list[tuple[int, int, int]]) -> None:
        self.blocks = list(_blocks(body))
        self._text = text
        self._offsets = [a[0] for a in anchors]
        self._parts = [a[1] for a in anchors]
        # per anchor: non-space characters of its block rendered before it; per block: its rendered text
        self._before: list[int] = []
        self._rendered: dict[int, list[str]] = {}
        for i, (off, part, _) in enumerate(anchors):
            end = self._offsets[i + 1] if i + 1 < len(anchors) else len(text)
            done = self._rendered.setdefault(part, [])
            self._before.append(sum(len(s) for s in done))
            done.append(_solid(text[off:end]))  # the separator after a piece is white space
        self._prefix: dict[int, int | None] = {}
        self._chars: dict[int, list[Char]] = {}  # per block, until a split changes its runs

    def _block(self, part: int) -> list[Char]:
        if part not in self._chars:
            self._chars[part] = block_chars(self.blocks[part - 1])
        return self._chars[part]

    def check(self, part: int) -> int | None:
        """How many rendered characters come before the block's own text (list label, "#"), or None
        when the block's rendered text does not end with the text of its runs."""
        if part not in self._prefix:
            rendered = "".join(self._rendered.get(part, []))
            block = self.blocks[part - 1] if 0 < part <= len(self.blocks) else None
            own = "".join(c.ch for c in self._block(part)) if block is not None else None
            ok = own is not None and rendered.endswith(own) and (block.tag == _W + "p" or rendered == own)
            self._prefix[part] = len(rendered) - len(own) if ok and own is not None else None
        return self._prefix[part]

    def chars(self, start: int, end: int) -> list[Char] | None:
        """The characters of ``text[start:end]`` (white space aside) in the body, or None when the span
        is not in one block's own text (a list label, a span across blocks, or a block that does not
        match its runs)."""
        found = self._find(start, end)
        return found[1] if found else None

    def isolate(self, start: int, end: int) -> tuple[Any, Any]:
        """Split runs so that the span's characters have runs of their own; (first run, last run)."""
        found = self._find(start, end)
        if found is None:
            raise ValueError(f"no runs hold text[{start}:{end}]")
        part, chars = found
        self._chars.pop(part, None)  # its runs change: read the block afresh next time
        return isolate(chars)

    def first_run(self) -> Any:
        """The run of the first character the reader renders (where a note on the whole draft goes)."""
        for part in range(1, len(self.blocks) + 1):
            chars = self._block(part)
            if chars and chars[0].el.tag == _W + "t":
                return chars[0].el.getparent()
        return None

    def _find(self, start: int, end: int) -> tuple[int, list[Char]] | None:
        i = bisect_right(self._offsets, start) - 1
        if i < 0 or start >= end or (i + 1 < len(self._offsets) and end > self._offsets[i + 1]):
            return None
        part = self._parts[i]
        prefix = self.check(part)
        want = _solid(self._text[start:end])
        if prefix is None or not want:
            return None
        j = self._before[i] + len(_solid(self._text[self._offsets[i]:start])) - prefix
        found = self._block(part)[j:j + len(want)] if j >= 0 else []
        return (part, found) if "".join(c.ch for c in found) == want else None


def isolate(chars: list[Char]) -> tuple[Any, Any]:
    """Split runs so that the characters' first and last runs hold nothing else before the first or
    after the last character; return (first run, last run). The text and its formatting stay as
    they were: each half of a split run keeps the run's properties."""
    first, last = chars[0], chars[-1]
    end_i = last.i
    if last.el is first.el and first.i:
        end_i -= first.i  # the start split moves the first characters of a shared w:t to a new run
    _split(first.el, first.i, keep_right=True)
    _split(last.el, end_i + 1, keep_right=False)
    return first.el.getparent(), last.el.getparent()


def _content(r: Any) -> list[Any]:
    return [c for c in r.iterchildren() if c.tag != _W + "rPr"]


def _length(el: Any) -> int:
    return len(el.text or "") if el.tag == _W + "t" else 1


def _set_text(t: Any, text: str) -> None:
    t.text = text
    t.set(_XML_SPACE, "preserve")  # a piece may now start or end with a space


def _split(el: Any, i: int, *, keep_right: bool) -> None:
    """Put a run boundary before character ``i`` of ``el`` (``i`` may be its length: after it). The
    run keeps the side named by ``keep_right``; a copy of it (same properties) takes the other."""
    r = el.getparent()
    content = _content(r)
    k = content.index(el)
    n = _length(el)
    if not (content[:k] or i > 0) or not (i < n or content[k + 1:]):
        return  # already a run boundary there
    new = deepcopy(r)
    copy = _content(new)
    left, left_el, right, right_el = (new, copy[k], r, el) if keep_right else (r, el, new, copy[k])
    for c in _content(left)[k + 1:]:
        left.remove(c)
    for c in _content(right)[:k]:
        right.remove(c)
    text = (el.text or "") if el.tag == _W + "t" else ""
    if i == 0:
        left.remove(left_el)
    elif i < n:
        _set_text(left_el, text[:i])
    if i == n:
        right.remove(right_el)
    elif i > 0:
        _set_text(right_el, text[i:])
    if keep_right:
        r.addprevious(new)
    else:
        r.addnext(new)


def runs_between(first: Any, last: Any) -> list[Any]:
    """The runs from ``first`` to ``last`` inclusive, in document order within their paragraph."""
    p = first
    while p is not None and p.tag != _W + "p":
        p = p.getparent()
    out, inside = [], False
    for r in (p.iter(_W + "r") if p is not None else []):
        inside = inside or r is first
        if inside:
            out.append(r)
        if r is last:
            break
    return out


def hoist_reference(run: Any) -> None:
    """Move a comment-reference run that python-docx placed inside a hyperlink, a tracked insertion
    or a field up beside that container: accepting or rejecting a change, or updating a field,
    must not take the comment with it."""
    p = run.getparent()
    outer = run
    while p is not None and p.tag != _W + "p":
        outer, p = p, p.getparent()
    if outer is not run and p is not None:
        outer.addnext(run)
