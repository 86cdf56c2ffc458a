"""Decode text bytes: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030 (superset of GBK/GB2312)."""
from __future__ import annotations

from ..errors import DecodeError

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode_text(data: bytes, where: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name). Raises InputError for binary or undecodable bytes."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {enc} byte-order mark but is not valid {enc} "
                                  f"(byte {exc.start})", path=where) from None
            _no_nul(text, where)
            return text, enc
    _no_nul(data, where)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_err:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise DecodeError(
                f"not valid UTF-8 (byte {utf8_err.start}) nor GB18030/GBK; re-save the file as UTF-8",
                path=where) from None
    # GB18030 decodes almost any byte soup: accept it only when it reads as Chinese text.
    if _readable_ratio(text) < 0.9:
        raise DecodeError("undecodable: neither UTF-8 nor GB18030 gives readable text", path=where)
    return text, "gb18030"


def _no_nul(data: bytes | str, where: str | None) -> None:
    """A NUL anywhere means binary: no text bulletin holds one, and half a file must not pass as text."""
    at = data.find(b"\x00" if isinstance(data, bytes) else "\x00")
    if at >= 0:
        raise DecodeError(f"looks binary (a NUL at {'byte' if isinstance(data, bytes) else 'character'} {at}), "
                          "not a text bulletin", path=where)


def _readable(ch: str) -> bool:
    o = ord(ch)
    return (32 <= o < 127 or ch in "\n\r\t\f" or 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F or o in (0xB7, 0xD7, 0xF7))


def _readable_ratio(text: str) -> float:
    """Share of characters a Chinese document is made of: ASCII, common ideographs, punctuation."""
    if not text:
        return 1.0
    return sum(1 for ch in text if _readable(ch)) / len(text)
