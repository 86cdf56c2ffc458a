"""zhextract: figures out of Chinese official bulletins, and checks on them.

    >>> import zhextract
    >>> doc = zhextract.extract("前三季度,规上工业增加值完成 31.7 亿元,增长 8.6%。")
    >>> doc.quantities[0].value, doc.quantities[0].unit
    (Decimal('31.7'), '亿元')

A ``str`` is always the text; a file is read from an ``os.PathLike`` (``pathlib.Path``) or with
``extract_file``/``check_file``. Bad input raises a subclass of ``InputError``; anything else is a bug.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Iterable

from .errors import (CorruptFileError, DecodeError, FileAccessError, InputError, LimitExceededError,
                     MissingDependencyError, PatternError, UnsupportedFormatError, ZhextractError)
from .limits import Limits
from .models import (Cell, Comparison, Document, Evidence, Figure, Finding, Quantity, Skipped, SourceText, Summary,
                     Table)
from .pipeline import extract, extract_file

__all__ = ["extract", "extract_file", "check", "check_file", "annotate", "Limits", "Document", "Quantity", "Figure",
           "Comparison", "Skipped", "Table", "Cell", "Finding", "Evidence", "SourceText", "Summary", "ZhextractError",
           "InputError", "UnsupportedFormatError", "FileAccessError", "DecodeError", "CorruptFileError",
           "MissingDependencyError", "LimitExceededError", "PatternError"]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from pathlib import Path

    from .annotator import Annotated


def check(source: str | os.PathLike[str], *, name: str | None = None,
          tables: Iterable[Table | str | os.PathLike[str]] | None = None, limits: Limits | None = None) -> Document:
    """Extract, then run every reconciliation rule; findings land in ``Document.findings``.

    ``source`` and each of ``tables`` follow ``extract``: a ``str`` is text, an ``os.PathLike`` a file
    (an appendix workbook is given as ``Path("appendix.xlsx")``). Each table source lands in
    ``Document.sources`` with the text its evidence points into, so every evidence item resolves:
    ``doc.quote(ev) == ev.text``."""
    from .checks import check_document

    doc = extract(source, name=name, limits=limits)
    return check_document(doc, extra_tables=tables, limits=limits)


def check_file(path: str | os.PathLike[str], *, tables: Iterable[Table | str | os.PathLike[str]] | None = None,
               limits: Limits | None = None) -> Document:
    """``check`` on the file at ``path`` (a str here names a file)."""
    from .checks import check_document

    return check_document(extract_file(path, limits=limits), extra_tables=tables, limits=limits)


def annotate(checked: Document, out: str | Path, **options: Any) -> Annotated:
    """Write a copy of a checked .docx draft with a Word comment on each mismatch and doubtful finding;
    options ``annotate_all``, ``highlight`` (see :func:`zhextract.annotator.annotate`).
    python-docx is imported only here."""
    from .annotator import annotate as _annotate

    return _annotate(checked, out, **options)
