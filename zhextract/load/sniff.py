"""Tell a file's type from its content (magic bytes), with the extension only as a tie-breaker."""
from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from ..errors import CorruptFileError, UnsupportedFormatError

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls/.wps container
_OLE_KINDS = {".doc": "Word 97-2003 (.doc)", ".wps": "WPS (.wps)", ".xls": "Excel 97-2003 (.xls)",
              ".et": "WPS spreadsheet (.et)"}


def sniff_format(data: bytes, path: Path) -> str:
    """Return "text", "pdf", "docx" or "xlsx"; raise for formats that need converting first."""
    ext = path.suffix.lower()
    if data.startswith(b"%PDF") or data.lstrip(b"\xef\xbb\xbf\r\n\t \x00")[:5] == b"%PDF-":
        return "pdf"  # a BOM or blank lines before the header still make a PDF
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:  # a password-protected .docx/.xlsx is an OLE box
            raise UnsupportedFormatError("is password-protected (an encrypted Office file): remove the password in "
                                         "Word, WPS or Excel, save, and try again", path=str(path))
        if ext not in _OLE_KINDS:  # renamed file: the stream names in the OLE directory tell Excel from Word
            ext = ".xls" if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data else ".doc"
        kind = _OLE_KINDS[ext]
        target = ".xlsx" if ext in {".xls", ".et"} else ".docx"
        raise UnsupportedFormatError(
            f"{kind} is a legacy binary format; convert it to {target} first "
            f"(e.g. libreoffice --headless --convert-to {target.lstrip('.')} {path.name})",
            path=str(path))
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(BytesIO(data)).namelist())
        except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError):  # what a damaged ZIP raises
            kind = {".docx": "Word .docx", ".xlsx": "Excel .xlsx"}.get(ext, "ZIP container (.docx/.xlsx?)")
            raise CorruptFileError(f"{kind} file is corrupt or truncated (its ZIP directory is unreadable); "
                                   "re-save or re-download it", path=str(path)) from None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise UnsupportedFormatError("is a ZIP archive, not a .docx or .xlsx document", path=str(path))
    return "text"
