"""Errors zhextract raises. Each has a stable code (E1xx input, E2xx patterns) and says what and where.

Everything the input can cause is an :class:`InputError` (exit 2 on the command line), one subclass
per kind, so a calling service can tell bad input (``except zhextract.InputError``) from a bug
(any other exception).
"""
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
    """The input cannot be read as a bulletin (base class of every bad-input error)."""

    code = "E100"


class UnsupportedFormatError(InputError):
    """A file type zhextract does not read; the message names the conversion needed."""

    code = "E101"


class FileAccessError(InputError):
    """The path cannot be read as a regular file: missing, a directory, a device, a FIFO or socket,
    a symlink loop, no permission."""

    code = "E102"


class DecodeError(InputError):
    """Binary or undecodable content (NUL bytes, neither UTF-8 nor GB18030, a lone surrogate)."""

    code = "E103"


class CorruptFileError(InputError):
    """A PDF, DOCX or XLSX file that is damaged, encrypted or has no text to read."""

    code = "E104"


class MissingDependencyError(InputError):
    """Reading this format needs an optional package (``pip install "zhextract[formats]"``)."""

    code = "E105"


class LimitExceededError(InputError):
    """The input is larger than a configured limit (see :class:`zhextract.Limits`); carries which."""

    code = "E106"

    def __init__(self, limit: str, value: int, maximum: int, what: str, *, path: str | None = None) -> None:
        self.limit, self.value, self.maximum = limit, value, maximum
        super().__init__(f"{what} ({value:,}) exceeds the limit {limit}={maximum:,}; raise it with "
                         f"--limit {limit}=N or ZHEXTRACT_LIMITS={limit}=N if the input is trusted", path=path)


class PatternError(ZhextractError):
    """A file in patterns/ is malformed: duplicate key, unknown reference, bad example."""

    code = "E200"
