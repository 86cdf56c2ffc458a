"""Limits on what one input may cost (issue 14): each refused input is a LimitExceededError, exit 2.

The defaults fit every real bulletin by a wide margin and keep any one input under about 10 s and
1 GB. Override them per call (``extract(text, limits=Limits(pdf_pages=5000))``), on the command line
(``--limit pdf_pages=5000``), or for every call of a process with the environment variable
``ZHEXTRACT_LIMITS="pdf_pages=5000,text_chars=4000000"``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

from .errors import InputError, LimitExceededError


@dataclass(frozen=True)
class Limits:
    input_bytes: int = 64 * 2**20  # a file's size on disk, checked before it is read
    text_chars: int = 2_000_000  # the text to extract from (a str, or a file once decoded or rendered)
    line_chars: int = 200_000  # one line of that text
    zip_bytes: int = 256 * 2**20  # DOCX/XLSX: total declared decompressed size of the package's entries
    zip_entries: int = 10_000  # DOCX/XLSX: entries in the package
    xml_bytes: int = 16 * 2**20  # DOCX/XLSX: declared size of one XML part (the parsers hold it whole in memory)
    table_cells: int = 100_000  # DOCX: cells of all tables; XLSX: cells read from all sheets (padding included)
    grid_span: int = 1_000  # DOCX: one gridSpan/gridBefore value (Word itself stops at 63 columns)
    pdf_pages: int = 2_000

    def exceeded(self, limit: str, value: int, what: str, *, path: str | None = None) -> None:
        """Raise LimitExceededError when ``value`` is above the limit named ``limit``."""
        maximum = getattr(self, limit)
        if value > maximum:
            raise LimitExceededError(limit, value, maximum, what, path=path)

    def check_text(self, text: str, *, path: str | None = None) -> None:
        """The text's length, then its longest line (without building a list of lines)."""
        self.exceeded("text_chars", len(text), "text length in characters", path=path)
        if len(text) > self.line_chars:
            start = 0
            while start < len(text):
                end = text.find("\n", start)
                end = len(text) if end < 0 else end
                self.exceeded("line_chars", end - start, "a line's length in characters", path=path)
                start = end + 1

    def updated(self, settings: str) -> "Limits":
        """These limits with ``name=value[,name=value…]`` applied (the CLI and environment form)."""
        names = {f.name for f in fields(self)}
        changes: dict[str, int] = {}
        for item in filter(None, (s.strip() for s in settings.split(","))):
            name, sep, value = item.partition("=")
            name = name.strip()
            if not sep or name not in names or not value.strip().isdigit():
                raise InputError(f"bad limit {item!r}: expected NAME=INTEGER with NAME one of {', '.join(sorted(names))}")
            changes[name] = int(value)
        return replace(self, **changes)


def default_limits() -> Limits:
    """Limits() with the ``ZHEXTRACT_LIMITS`` environment variable applied (read at each call)."""
    return Limits().updated(os.environ.get("ZHEXTRACT_LIMITS", ""))
