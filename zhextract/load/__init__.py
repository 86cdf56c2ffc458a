"""Load a bulletin from text or a file into a :class:`Source`: decoded text plus what it came from."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .sniff import sniff_format
from .text import decode_text


@dataclass
class Source:
    text: str  # the text all offsets point into
    encoding: str
    name: str
    format: str = "text"
    # For formats rendered to text (PDF, DOCX, XLSX): (text offset, page or part, char in it) at each
    # page/paragraph start: PDF page, DOCX body block or XLSX sheet, 1-based (see load/canonical.py).
    anchors: list[tuple[int, int, int]] = field(default_factory=list)


def locate(anchors: list[tuple[int, int, int]], offset: int) -> tuple[int, int] | None:
    """(page or part, character in it) of a text offset, from a Source's anchors; None for plain text."""
    i = bisect_right(anchors, (offset, float("inf"), 0)) - 1
    if i < 0:
        return None
    start, part, char = anchors[i]
    return part, char + (offset - start)


def load(source: str | Path, *, name: str | None = None) -> Source:
    """Read ``source``: a path (str or Path) to a file, or the bulletin text itself.

    A ``str`` is taken as a path when it names an existing file or looks like one (a single line
    ending in a known extension); otherwise it is the text.
    """
    if isinstance(source, Path) or _looks_like_path(source):
        return load_file(Path(source))
    bad = _SURROGATE.search(source)
    if bad:  # no file decodes to one, and no JSON encoder takes it
        raise InputError(f"text holds a lone surrogate code point at offset {bad.start()}: not valid Unicode",
                         path=name)
    return Source(text=source, encoding="str", name=name or "<text>")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _looks_like_path(s: str) -> bool:
    if "\n" in s or len(s) > 4096 or not s.strip():  # "" would be Path("."), the current directory
        return False
    p = Path(s)
    try:
        if p.exists():
            return True
    except OSError:
        return False
    if s.startswith(("/", "./", "../", "~")) or (len(s) > 2 and s[1:3] in (":\\", ":/")):
        return True
    return p.suffix.lower() in {".txt", ".md", ".pdf", ".docx", ".xlsx", ".doc", ".wps", ".xls"}


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or an InputError that says why not (missing, a directory, unreadable)."""
    if not path.exists():
        raise InputError("no such file", path=str(path))
    if path.is_dir():
        raise InputError("is a directory, not a file", path=str(path))
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from None


def load_file(path: Path) -> Source:
    return load_bytes(read_bytes(path), path)


def load_bytes(data: bytes, path: Path) -> Source:
    """A file's bytes already read (batch runs hash them first); ``path`` names it in messages."""
    fmt = sniff_format(data, path)
    if fmt == "text":
        text, encoding = decode_text(data, str(path))
        return Source(text=text, encoding=encoding, name=str(path))
    from . import documents  # PDF, Word and Excel readers pull in heavy libraries: load on demand

    return documents.load_document(data, path, fmt)
