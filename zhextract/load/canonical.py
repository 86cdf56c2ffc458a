"""Build the canonical text every reader renders to, with its source map (anchors).

Blocks are separated by one blank line; a table is one block of TAB-separated rows. Each anchor
is ``(text_offset, part, char_in_part)``: ``part`` is the 1-based page (PDF), body block (DOCX) or
sheet (XLSX), ``char_in_part`` how many rendered characters of that part come before the offset.
"""
from __future__ import annotations

import re

_ASCII_WORD = re.compile(r"[A-Za-z]")
_WS = re.compile(r"[ \t\u00a0\u3000]+")


def join_wrapped(a: str, b: str) -> str:
    """Join two pieces of one wrapped line: Chinese (and numbers split by CJK wrapping) join with
    nothing; two Latin words keep a space."""
    if not a or not b:
        return a + b
    if _ASCII_WORD.match(a[-1]) and _ASCII_WORD.match(b[0]):
        return f"{a} {b}"
    return a + b


def cell_text(pieces: list[str]) -> str:
    """One table cell from its lines/paragraphs: wrapped pieces joined, no TAB or newline left
    (either would break the row)."""
    out = ""
    for p in pieces:
        p = _WS.sub(" ", p.replace("\n", " ")).strip()
        if p:
            out = join_wrapped(out, p)
    return out


def prose_line(s: str) -> str:
    """A prose line must not look like a table row: a TAB inside it becomes a space."""
    return s.replace("\t", " ").rstrip()


class TextBuilder:
    def __init__(self) -> None:
        self._parts: list[str] = []
        self._len = 0
        self._part_chars: dict[int, int] = {}
        self.anchors: list[tuple[int, int, int]] = []

    def _sep(self, sep: str) -> None:
        if self._len:
            self._parts.append(sep)
            self._len += len(sep)

    def add(self, text: str, part: int, *, sep: str = "\n\n", anchor: bool = True) -> None:
        """Append ``text`` from ``part`` after ``sep`` (no separator at the very start)."""
        if not text:
            return
        self._sep(sep)
        if anchor:
            self.anchors.append((self._len, part, self._part_chars.get(part, 0)))
        self._parts.append(text)
        self._len += len(text)
        self._part_chars[part] = self._part_chars.get(part, 0) + len(text)

    def add_table(self, rows: list[list[str]], part: int, *,
                  row_parts: list[int] | None = None) -> list[list[tuple[int, int]]]:
        """A table block: rows padded to one width (the text format expects every row full).
        Returns the (start, end) of every cell written, row by row (empty rows are left out)."""
        spans: list[list[tuple[int, int]]] = []
        kept = [i for i, r in enumerate(rows) if any(c for c in r)]
        if not kept:
            return spans
        width = max(len(rows[i]) for i in kept)
        for k, i in enumerate(kept):
            r = rows[i]
            line = "\t".join(r + [""] * (width - len(r)))
            self.add(line, row_parts[i] if row_parts else part, sep="\n\n" if k == 0 else "\n")
            pos, row = self._len - len(line), []
            for c in r:
                row.append((pos, pos + len(c)))
                pos += len(c) + 1
            spans.append(row)
        return spans

    def add_spanned(self, text: str, part: int) -> tuple[int, int]:
        """``add`` a block and return its (start, end) in the text."""
        self.add(text, part)
        return self._len - len(text), self._len

    @property
    def text(self) -> str:
        return "".join(self._parts) + ("\n" if self._parts else "")
