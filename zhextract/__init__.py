"""zhextract: figures out of Chinese official bulletins, and checks on them.

    >>> import zhextract
    >>> doc = zhextract.extract("上半年,规上工业增加值完成 39.4 亿元,增长 57.4%。")
    >>> doc.quantities[0].value, doc.quantities[0].unit
    (Decimal('39.4'), '亿元')
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import InputError, PatternError, UnsupportedFormatError, ZhextractError
from .models import (Cell, Comparison, Document, Evidence, Figure, Finding, Quantity, Skipped, SourceText, Summary,
                     Table)
from .pipeline import extract

__all__ = ["extract", "check", "annotate", "Document", "Quantity", "Figure", "Comparison", "Skipped", "Table", "Cell",
           "Finding", "Evidence", "SourceText", "Summary", "ZhextractError", "InputError", "UnsupportedFormatError",
           "PatternError"]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from pathlib import Path

    from .annotator import Annotated


def check(source, *, name=None, tables=None) -> Document:  # noqa: ANN001 - documented in checks
    """Extract, then run every reconciliation rule; findings land in ``Document.findings``.

    ``tables``: appendix files (an .xlsx workbook, or any format zhextract reads) or ``Table``
    objects, checked with the document; each lands in ``Document.sources`` with the text its
    evidence points into, so every evidence item resolves: ``doc.quote(ev) == ev.text``."""
    from .checks import check_document

    doc = extract(source, name=name)
    return check_document(doc, extra_tables=tables)


def annotate(checked: Document, out: str | Path, **options: Any) -> Annotated:
    """Write a copy of a checked .docx draft with a Word comment on each mismatch and doubtful finding;
    options ``tables``, ``annotate_all``, ``highlight`` (see :func:`zhextract.annotator.annotate`).
    python-docx is imported only here."""
    from .annotator import annotate as _annotate

    return _annotate(checked, out, **options)
