"""Load a bulletin from text or a file into a :class:`Source`: decoded text plus what it came from."""
from __future__ import annotations

import errno
import os
import re
import stat
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DecodeError, FileAccessError
from ..limits import Limits, default_limits
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
    # XLSX: (start, end, sheet name, A1 address) of every rendered non-empty cell, in text order.
    cells: list[tuple[int, int, str, str]] = field(default_factory=list)


def locate(anchors: list[tuple[int, int, int]], offset: int) -> tuple[int, int] | None:
    """(page or part, character in it) of a text offset, from a Source's anchors; None for plain text."""
    i = bisect_right(anchors, (offset, float("inf"), 0)) - 1
    if i < 0:
        return None
    start, part, char = anchors[i]
    return part, char + (offset - start)


def load(source: str | os.PathLike[str], *, name: str | None = None, limits: Limits | None = None) -> Source:
    """Read ``source``: a ``str`` is always the bulletin text itself, an ``os.PathLike`` (``pathlib.Path``)
    is a file to read. A string is never guessed to be a path: a service passing untrusted text must
    not read local files (``extract("/etc/hostname")`` extracts from those 13 characters)."""
    limits = limits or default_limits()
    if isinstance(source, os.PathLike):
        return load_file(source, limits=limits)
    if not isinstance(source, str):
        raise TypeError(f"zhextract reads a str (the text) or an os.PathLike (a file), not {type(source).__name__}")
    bad = _SURROGATE.search(source)
    if bad:  # no file decodes to one, and no JSON encoder takes it
        raise DecodeError(f"text holds a lone surrogate code point at offset {bad.start()}: not valid Unicode",
                          path=name)
    limits.check_text(source, path=name)
    return Source(text=source, encoding="str", name=name or "<text>")


_SURROGATE = re.compile("[\ud800-\udfff]")

# What stat says a path is, when it is not a regular file
_KINDS = ((stat.S_ISDIR, "is a directory, not a file"), (stat.S_ISFIFO, "is a FIFO (named pipe), not a regular file"),
          (stat.S_ISCHR, "is a character device, not a regular file"),
          (stat.S_ISBLK, "is a block device, not a regular file"), (stat.S_ISSOCK, "is a socket, not a regular file"))


def read_bytes(path: Path, limits: Limits | None = None) -> bytes:
    """The file's bytes, or a FileAccessError that says why not (missing, a directory, a device, a
    FIFO, a symlink loop, unreadable), or a LimitExceededError when it is larger than ``input_bytes``."""
    limits = limits or default_limits()
    where = str(path)
    try:
        # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer; fstat on the open
        # descriptor then tells what it is, with no window for the path to change in between.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise FileAccessError("no such file", path=where) from None
    except OSError as exc:
        why = "a symbolic link loop" if exc.errno == errno.ELOOP else exc.strerror
        raise FileAccessError(f"cannot open: {why}", path=where) from None
    try:
        info = os.fstat(fd)
        for test, message in _KINDS:
            if test(info.st_mode):
                raise FileAccessError(message, path=where)
        if not stat.S_ISREG(info.st_mode):
            raise FileAccessError("is not a regular file", path=where)
        limits.exceeded("input_bytes", info.st_size, "file size in bytes", path=where)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as f:
        try:
            data = f.read(limits.input_bytes + 1)  # a file that grows while read is cut at the limit + 1
        except OSError as exc:
            raise FileAccessError(f"cannot read: {exc.strerror}", path=where) from None
    limits.exceeded("input_bytes", len(data), "file size in bytes", path=where)
    return data


def load_file(path: str | os.PathLike[str], *, limits: Limits | None = None) -> Source:
    """Read the file at ``path`` (a str here is a path: the caller said so by calling this)."""
    limits = limits or default_limits()
    path = Path(path)
    return load_data(read_bytes(path, limits), path, limits=limits)


def load_data(data: bytes, path: Path, *, limits: Limits | None = None) -> Source:
    """A file's bytes (or standard input's, ``path`` naming it) decoded or rendered to text."""
    limits = limits or default_limits()
    fmt = sniff_format(data, path)
    if fmt == "text":
        text, encoding = decode_text(data, str(path))
        src = Source(text=text, encoding=encoding, name=str(path))
    else:
        from . import documents  # PDF, Word and Excel readers pull in heavy libraries: load on demand

        src = documents.load_document(data, path, fmt, limits)
    limits.check_text(src.text, path=str(path))
    return src
