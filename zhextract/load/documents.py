"""PDF, Word and Excel readers: each renders its file to the canonical text zhextract reads.

Canonical text: paragraphs separated by blank lines, headings on their own lines ("#"/"##" for
styled or larger-font headings), tables as TAB-separated rows with their 单位 line above. The
reader libraries are optional (``pip install "zhextract[formats]"``) and imported only here, on
demand, so a plain-text run never pays for them.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:
    from . import Source

# format -> (our reader module, the third-party module it needs, pip name)
_READERS = {
    "pdf": ("pdf", "pdfplumber", "pdfplumber"),
    "docx": ("docx", "docx", "python-docx"),
    "xlsx": ("xlsx", "openpyxl", "openpyxl"),
}


def load_document(data: bytes, path: Path, fmt: str) -> "Source":
    """Render a PDF/DOCX/XLSX file (already sniffed as ``fmt``) to a :class:`Source`."""
    reader = _reader(fmt, path)
    return reader.load(data, path)


def _reader(fmt: str, path: Path) -> ModuleType:
    if fmt not in _READERS:
        raise InputError(f"no reader for {fmt!r} files", path=str(path))
    ours, needed, pip_name = _READERS[fmt]
    try:
        importlib.import_module(needed)
    except ImportError:
        raise InputError(f"reading {fmt.upper()} needs {pip_name}: pip install \"zhextract[formats]\"",
                         path=str(path)) from None
    return importlib.import_module(f"{__package__}.{ours}")
