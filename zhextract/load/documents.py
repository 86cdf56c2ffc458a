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

import zipfile
from io import BytesIO

from ..errors import CorruptFileError, MissingDependencyError, UnsupportedFormatError
from ..limits import Limits, default_limits

if TYPE_CHECKING:
    from . import Source

# format -> (our reader module, the third-party module it needs, pip name)
_READERS = {
    "pdf": ("pdf", "pdfplumber", "pdfplumber"),
    "docx": ("docx", "docx", "python-docx"),
    "xlsx": ("xlsx", "openpyxl", "openpyxl"),
}


def load_document(data: bytes, path: Path, fmt: str, limits: Limits | None = None) -> "Source":
    """Render a PDF/DOCX/XLSX file (already sniffed as ``fmt``) to a :class:`Source`."""
    limits = limits or default_limits()
    reader = _reader(fmt, path)
    if fmt in ("docx", "xlsx"):
        check_package(data, str(path), limits)
    return reader.load(data, path, limits)


def check_package(data: bytes, where: str, limits: Limits) -> None:
    """A DOCX/XLSX package within the entry count and total decompressed size, read from the ZIP
    directory before anything is decompressed (a zip bomb is refused here). zipfile stops each entry
    at its declared size, so the declared sizes bound what the readers can get."""
    try:
        infos = zipfile.ZipFile(BytesIO(data)).infolist()
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError):
        raise CorruptFileError("ZIP container is corrupt or truncated; re-save or re-download it", path=where) from None
    limits.exceeded("zip_entries", len(infos), "entries in the DOCX/XLSX package", path=where)
    limits.exceeded("zip_bytes", sum(i.file_size for i in infos), "decompressed size of the DOCX/XLSX package in bytes",
                    path=where)
    for i in infos:
        if i.filename.endswith((".xml", ".rels")):
            limits.exceeded("xml_bytes", i.file_size, f"decompressed size of {i.filename} in bytes", path=where)


def _reader(fmt: str, path: Path) -> ModuleType:
    if fmt not in _READERS:
        raise UnsupportedFormatError(f"no reader for {fmt!r} files", path=str(path))
    ours, needed, pip_name = _READERS[fmt]
    try:
        importlib.import_module(needed)
    except ImportError:
        raise MissingDependencyError(f"reading {fmt.upper()} needs {pip_name}: pip install \"zhextract[formats]\"",
                                     path=str(path)) from None
    return importlib.import_module(f"{__package__}.{ours}")
