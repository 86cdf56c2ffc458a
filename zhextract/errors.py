"""Errors zhextract raises. Each has a stable code (E1xx input, E2xx patterns) and says what and where."""
from __future__ import annotations


class ZhextractError(Exception):
    """Base class: the CLI prints ``str(error)`` and exits with ``exit_code``."""

    code = "E000"
    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        where = f"{path}: " if path else ""
        super().__init__(f"[{self.code}] {where}{message}")


class InputError(ZhextractError):
    """The input cannot be read as a bulletin (missing, a directory, binary, undecodable)."""

    code = "E100"


class UnsupportedFormatError(InputError):
    """A file type zhextract does not read; the message names the conversion needed."""

    code = "E101"


class PatternError(ZhextractError):
    """A file in patterns/ is malformed: duplicate key, unknown reference, bad example."""

    code = "E200"
