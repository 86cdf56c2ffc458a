"""Word (.docx) reader (python-docx): the body rendered to canonical text in document order.

The body XML is walked directly, because python-docx lists paragraphs and tables separately and
their order matters (a 单位 line belongs to the table after it). Heading styles (Title,
Heading 1-9, 标题 1-9, or an outline level) become "#" lines; tables become TAB rows where a
horizontally merged cell keeps its text in the first column and leaves the rest empty, and a
vertically merged cell only in its first row, as the text format writes two-row headers. Page
headers and footers live in other parts of the package and are not read.
"""
from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path
from typing import Any, Iterator

from ..errors import InputError
from . import Source
from .canonical import TextBuilder, cell_text, prose_line

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|标题)$", re.IGNORECASE)


def load(data: bytes, path: Path) -> Source:
    where = str(path)
    body, styles = _open(data, where)
    text, anchors = _render(body, styles)
    if not text.strip():
        raise InputError("Word document has no text in its body", path=where)
    return Source(text=text, encoding="unicode", name=where, format="docx", anchors=anchors)


def _open(data: bytes, where: str) -> tuple[Any, dict[str, int]]:
    import docx

    try:
        document = docx.Document(BytesIO(data))
        body = document.element.body
        styles = _heading_styles(document)
    except Exception as exc:  # a damaged package fails anywhere inside python-docx/lxml: say so clearly
        raise InputError(f"cannot read Word document: corrupt or damaged ({type(exc).__name__}: "
                         f"{str(exc)[:120]}); re-save it from Word or WPS", path=where) from None
    return body, styles


def _heading_styles(document: Any) -> dict[str, int]:
    """styleId -> heading level, from the style name or its outline level (following basedOn)."""
    by_id = {s.style_id: s for s in document.styles if s.type == 1}  # paragraph styles
    levels: dict[str, int] = {}
    for sid, style in by_id.items():
        s, seen = style, set()
        while s is not None and s.style_id not in seen:
            seen.add(s.style_id)
            name = (s.name or "").strip()
            if m := _HEADING_STYLE.match(name):
                levels[sid] = int(m.group(1))
                break
            if _TITLE_STYLE.match(name):
                levels[sid] = 1
                break
            lvl = _outline_level(s.element)
            if lvl is not None:
                levels[sid] = lvl
                break
            s = s.base_style
    return levels


def _outline_level(el: Any) -> int | None:
    found = el.xpath("./w:pPr/w:outlineLvl/@w:val")
    if found and found[0].isdigit() and int(found[0]) < 9:  # 9 is "body text"
        return int(found[0]) + 1
    return None


# ------------------------------------------------------------------------------ body -> text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _render(body: Any, styles: dict[str, int]) -> tuple[str, list[tuple[int, int, int]]]:
    out = TextBuilder()
    for n, el in enumerate(_blocks(body), 1):
        if el.tag == _W + "p":
            text = _para_text(el)
            if not text.strip():
                continue
            level = _para_level(el, styles)
            for i, line in enumerate(l for l in text.split("\n") if l.strip()):
                line = prose_line(line).strip()
                out.add(("#" * level + " " + line) if level and i == 0 else line, n)
        else:
            out.add_table(_table_rows(el), n)
    return out.text, out.anchors


def _blocks(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables of the body in order, looking inside content controls (w:sdt)."""
    for el in parent.iterchildren():
        if el.tag in (_W + "p", _W + "tbl"):
            yield el
        elif el.tag in (_W + "sdt", _W + "customXml"):
            content = el.find(_W + "sdtContent") if el.tag == _W + "sdt" else el
            if content is not None:
                yield from _blocks(content)


def _para_level(p: Any, styles: dict[str, int]) -> int:
    direct = _outline_level(p)
    if direct is not None:
        return direct
    sid = p.xpath("./w:pPr/w:pStyle/@w:val")
    return styles.get(sid[0], 0) if sid else 0


def _para_text(p: Any) -> str:
    """Text of a paragraph as displayed: runs, hyperlinks, insertions and field results; a TAB
    becomes a space (a TAB in prose would read as a table row), a line break a newline."""
    parts: list[str] = []

    def walk(el: Any) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag in (_W + "del", _W + "delText", _W + "instrText", _MC_FALLBACK,
                                                  _W + "txbxContent", _W + "footnoteReference", _W + "pPr",
                                                  _W + "rPr"):
                continue  # deleted text, field codes, duplicate fallback drawings, text boxes
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag == _W + "tab":
                parts.append(" ")
            elif tag in (_W + "br", _W + "cr"):
                if child.get(_W + "type") not in ("page", "column"):
                    parts.append("\n")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _table_rows(tbl: Any) -> list[list[str]]:
    rows: list[list[str]] = []
    for tr in tbl.iterchildren(_W + "tr"):
        row: list[str] = [""] * _int(tr.xpath("./w:trPr/w:gridBefore/@w:val"))
        for tc in tr.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc | ./w:customXml/w:tc"):
            span = max(1, _int(tc.xpath("./w:tcPr/w:gridSpan/@w:val")))
            vmerge = tc.xpath("./w:tcPr/w:vMerge")
            continued = bool(vmerge) and vmerge[0].get(_W + "val") in (None, "continue")
            text = "" if continued else cell_text([_para_text(p) for p in tc.iter(_W + "p")])
            row += [text] + [""] * (span - 1)
        rows.append(row)
    return rows


def _int(found: list[str]) -> int:
    return int(found[0]) if found and found[0].isdigit() else 0
