"""PDF, Word and Excel readers (issue 4). Until they exist, say so clearly."""
from __future__ import annotations

from pathlib import Path

from ..errors import UnsupportedFormatError


def load_document(data: bytes, path: Path, fmt: str):
    raise UnsupportedFormatError(f"{fmt.upper()} input is not supported yet; export the text first",
                                 path=str(path))
