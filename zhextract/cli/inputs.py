"""The files a command line names: files, directories, globs (for shells that leave them, or quoted)
and ``-`` for standard input, each once, in the order given (a directory's and a glob's sorted)."""
from __future__ import annotations

import glob
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

SUFFIXES = {".txt", ".md", ".pdf", ".docx", ".xlsx"}  # what a directory contributes
STDIN = "-"
_GLOB = set("*?[")


@dataclass(frozen=True)
class Input:
    name: str  # as given; "<stdin>" for -
    path: Optional[Path]  # None: standard input


@dataclass
class Inputs:
    files: list[Input]
    errors: list[str]  # arguments that name nothing, one message each
    single: bool  # exactly one FILE named (not a directory or a glob): JSON is an object, not a list


def expand(args: list[str]) -> Inputs:
    files: list[Input] = []
    errors: list[str] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        try:
            key = p.resolve()
        except (OSError, RuntimeError):  # a symlink loop: the loader names it when it reads the file
            key = p.absolute()
        if key not in seen:
            seen.add(key)
            files.append(Input(str(p), p))

    for arg in args:
        if arg == STDIN:
            files.append(Input("<stdin>", None))
            continue
        p = Path(arg)
        if _is_dir(p):
            found = _under(p)
            if not found:
                errors.append(f"{arg}: no {' '.join(sorted(SUFFIXES))} file in this directory")
            for f in found:
                add(f)
        elif _is_glob(arg):
            matched = sorted(glob.glob(arg, recursive=True))
            if not matched:
                errors.append(f"{arg}: no file matches")
            for m in matched:
                mp = Path(m)
                for f in (_under(mp) if _is_dir(mp) else [mp]):
                    add(f)
        else:
            add(p)  # a missing file is reported when it is read, with the loader's message
    single = len(args) == 1 and (args[0] == STDIN or not (_is_dir(Path(args[0])) or _is_glob(args[0])))
    return Inputs(files, errors, single)


def _is_dir(p: Path) -> bool:
    try:
        return p.is_dir()
    except (OSError, RuntimeError):  # a symlink loop is no directory; reading it says what it is
        return False


def _is_glob(arg: str) -> bool:
    return bool(_GLOB & set(arg)) and not Path(arg).exists()


def _under(d: Path) -> list[Path]:
    """The documents under a directory, hidden files and folders left out."""
    return sorted(p for p in d.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(d).parts))
