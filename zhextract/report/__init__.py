"""Reports on a checked Document: ``render_report`` for the terminal (text.py), ``html`` for a
self-contained HTML page a reviewer reads the document in (htmlpage.py)."""
from __future__ import annotations

from ..models import Document
from .text import render_report


def html(checked: Document) -> str:
    """The checked document as one self-contained HTML page: summary, the text with every figure
    coloured by status, tables, and each finding linked to its evidence."""
    from .htmlpage import render_html  # only when asked: the terminal report does not need it

    return render_html(checked)


__all__ = ["render_report", "html"]
