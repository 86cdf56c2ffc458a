"""What a corpus run reads: files, folders (walked), globs, lists of paths (``@list.txt``, or ``-``
for a list on standard input)."""
from __future__ import annotations

import glob
import sys
from pathlib import Path
from typing import Iterable, Optional, TextIO

from ..errors import InputError

# What a folder walk takes: the formats zhextract reads, and those it explains it cannot (.doc, .wps,
# .xls get their conversion hint recorded as the document's error). Named files are taken whatever
# their name: the type is read from the content.
DOCUMENT_SUFFIXES = frozenset({".txt", ".text", ".md", ".pdf", ".docx", ".xlsx", ".doc", ".wps", ".xls"})
_GLOB_CHARS = frozenset("*?[")


def expand(inputs: Iterable[str], stdin: Optional[TextIO] = None) -> list[str]:
    """Every document path the inputs name, in order, each once. An input that names nothing is an
    InputError; a missing path inside a list is kept (its run records the error)."""
    out: dict[str, None] = {}
    for arg in inputs:
        for path in _one(arg, stdin):
            out.setdefault(path, None)
    return list(out)


def _one(arg: str, stdin: Optional[TextIO]) -> list[str]:
    if arg == "-":
        return _listed((stdin or sys.stdin).read().splitlines())
    if arg.startswith("@"):
        listing = Path(arg[1:])
        try:
            lines = listing.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the list of paths: {exc}", path=str(listing)) from None
        return _listed(lines)
    p = Path(arg)
    if p.is_dir():
        return _walk(p)
    if p.exists():
        return [arg]
    if _GLOB_CHARS & set(arg):
        found = sorted(glob.glob(arg, recursive=True))
        if found:
            return [q for f in found for q in (_walk(Path(f)) if Path(f).is_dir() else [f])]
        raise InputError("the pattern matches no file", path=arg)
    raise InputError("no such file or folder", path=arg)


def _listed(lines: list[str]) -> list[str]:
    """A list file: one path a line; blank lines and lines starting with # are skipped. Paths are
    taken as written (relative ones from the current folder, like xargs)."""
    return [s for line in lines if (s := line.strip()) and not s.startswith("#")]


def _walk(folder: Path) -> list[str]:
    return [str(p) for p in sorted(folder.rglob("*"))
            if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES and not p.name.startswith(".")]
