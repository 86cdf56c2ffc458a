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

from lxml import etree  # python-docx's own XML library: this module is imported only once it is there

from ..errors import CorruptFileError
from ..limits import Limits
from . import Source
from .canonical import TextBuilder, cell_text, prose_line

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|标题)$", re.IGNORECASE)


def load(data: bytes, path: Path, limits: Limits | None = None) -> Source:
    where = str(path)
    body, styles, numbering = _open(data, where)
    text, anchors = _render(body, styles, numbering, _Budget(limits or Limits(), where))
    if not text.strip():
        raise CorruptFileError("Word document has no text in its body", path=where)
    return Source(text=text, encoding="unicode", name=where, format="docx", anchors=anchors)


def _open(data: bytes, where: str) -> tuple[Any, dict[str, int], "_Numbering"]:
    import docx

    try:
        document = docx.Document(BytesIO(data))
        body = document.element.body
        styles = _heading_styles(document)
        numbering = _Numbering(document)
    except Exception as exc:  # a damaged package fails anywhere inside python-docx/lxml: say so clearly
        raise CorruptFileError(f"cannot read Word document: corrupt or damaged ({type(exc).__name__}: "
                         f"{str(exc)[:120]}); re-save it from Word or WPS", path=where) from None
    return body, styles, numbering


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
    found = _xp(el, "./w:pPr/w:outlineLvl/@w:val")
    if found and found[0].isdigit() and int(found[0]) < 9:  # 9 is "body text"
        return int(found[0]) + 1
    return None


# ------------------------------------------------------------------------------ body -> text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NS = {"w": _W[1:-1]}


# Not text as printed: deleted/moved-away text, field codes, the duplicate fallback of a drawing,
# text boxes (positioned apart from the flow), note references, properties.
_SKIP = frozenset(_W + t for t in ("del", "moveFrom", "delText", "instrText", "txbxContent", "footnoteReference",
                                   "endnoteReference", "pPr", "rPr")) | {
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}


def _xp(el: Any, path: str) -> list[Any]:
    """XPath with the w: prefix bound, on python-docx and plain lxml elements alike."""
    return etree._Element.xpath(el, path, namespaces=_NS)


class _Budget:
    """Table cells left to render: a gridSpan of 300,000,000 or a million small tables stop here."""

    def __init__(self, limits: Limits, where: str) -> None:
        self.limits, self.where, self.cells = limits, where, 0

    def span(self, value: int, what: str) -> int:
        self.limits.exceeded("grid_span", value, f"a table's {what} value", path=self.where)
        return value

    def add(self, n: int) -> None:
        self.cells += n
        self.limits.exceeded("table_cells", self.cells, "table cells in the Word document", path=self.where)


def _render(body: Any, styles: dict[str, int], numbering: "_Numbering",
            budget: _Budget) -> tuple[str, list[tuple[int, int, int]]]:
    out = TextBuilder()
    tab_rows = False  # the previous block was a TAB-aligned row: the next one joins its table
    for n, el in enumerate(_blocks(body), 1):
        if el.tag == _W + "p":
            text = _para_text(el)
            if not text.strip():
                continue
            text = numbering.label(el) + text
            level = _para_level(el, styles)
            for i, line in enumerate(l for l in text.split("\n") if l.strip()):
                row = _tab_row(line)
                if row and not level:  # columns lined up with TABs: a table row, as in the text format
                    out.add(row, n, sep="\n" if tab_rows else "\n\n")
                    tab_rows = True
                    continue
                line = prose_line(line).strip()
                out.add(("#" * level + " " + line) if level and i == 0 else line, n)
                tab_rows = False
        else:
            out.add_table(_table_rows(el, budget), n)
            tab_rows = False
    return out.text, out.anchors


def _tab_row(line: str) -> str | None:
    """A line whose TABs separate three or more fields, TAB runs collapsed; None for prose (a TAB or
    two there is spacing: it becomes a space)."""
    fields = [f.strip() for f in re.split(r"\t+", line.strip(" \t\u3000"))]
    return "\t".join(fields) if len(fields) >= 3 and all(fields) else None


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
    sid = _xp(p, "./w:pPr/w:pStyle/@w:val")
    return styles.get(sid[0], 0) if sid else 0


def _para_text(p: Any) -> str:
    """Text of a paragraph as displayed: runs, hyperlinks, insertions and field results; a line
    break becomes a newline."""
    return "".join(text for text, _ in para_pieces(p))


def para_pieces(p: Any) -> Iterator[tuple[str, Any]]:
    """The displayed text of a paragraph in order, each piece with the element it comes from (a
    ``w:t``, or a ``w:tab``/``w:br``/``w:noBreakHyphen``): the Word annotator maps offsets back to
    runs through it, so the text it sees is the text this reader renders."""
    for child in p.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:  # comments and processing instructions too
            continue
        if tag == _W + "t":
            yield child.text or "", child
        elif tag == _W + "tab":
            yield "\t", child  # kept for TAB-aligned rows; prose turns it into a space
        elif tag in (_W + "br", _W + "cr"):
            if child.get(_W + "type") not in ("page", "column"):
                yield "\n", child
        elif tag == _W + "noBreakHyphen":
            yield "-", child
        else:
            yield from para_pieces(child)


def table_cells(tbl: Any) -> Iterator[tuple[int, Any, int, bool]]:
    """(row number, ``w:tc``, grid columns it spans, continues a vertical merge) of each cell in
    order; a row's leading gridBefore columns come as row number with a None cell."""
    for r, tr in enumerate(tbl.iterchildren(_W + "tr")):
        before = _int(_xp(tr, "./w:trPr/w:gridBefore/@w:val"))
        if before:
            yield r, None, before, False
        for tc in _xp(tr, "./w:tc | ./w:sdt/w:sdtContent/w:tc | ./w:customXml/w:tc"):
            span = max(1, _int(_xp(tc, "./w:tcPr/w:gridSpan/@w:val")))
            vmerge = _xp(tc, "./w:tcPr/w:vMerge")
            yield r, tc, span, bool(vmerge) and vmerge[0].get(_W + "val") in (None, "continue")


def _table_rows(tbl: Any, budget: _Budget) -> list[list[str]]:
    rows: list[list[str]] = []
    for r, tc, span, continued in table_cells(tbl):
        while len(rows) <= r:
            rows.append([])
        # a gridSpan or gridBefore of 300,000,000 stops here, before any list is made that long
        span = budget.span(span, "gridBefore" if tc is None else "gridSpan")
        budget.add(span)
        if tc is None:  # gridBefore: empty leading columns
            rows[r] += [""] * span
            continue
        text = "" if continued else cell_text([_para_text(p) for p in tc.iter(_W + "p")])
        rows[r] += [text] + [""] * (span - 1)
    return rows


def _int(found: list[str]) -> int:
    """An integer attribute; 0 when absent or not ASCII digits ("²" and "٣" are digits to str.isdigit)."""
    if not (found and found[0].isascii() and found[0].isdigit()):
        return 0
    return int(found[0]) if len(found[0]) <= 18 else 10**18  # int() refuses over 4,300 digits


# ------------------------------------------------------------------------------ list numbering

_DIGITS = "〇一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_STEMS = "甲乙丙丁戊己庚辛壬癸"


def _chinese(n: int) -> str:
    """1 -> 一, 10 -> 十, 21 -> 二十一, 105 -> 一百零五 (list counters stay small)."""
    if not 0 <= n < 1000:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    tail = "" if not rest else ("零" + _DIGITS[rest] if rest < 10 else ("一" if rest < 20 else "") + _chinese(rest))
    return _DIGITS[hundreds % 10] + "百" + tail


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _format(n: int, fmt: str) -> str:
    if not 0 < n <= 32767:  # Word's own bound on list counters; a bigger start value must not build a huge label
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting"):
        return _chinese(n)
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).lower() if fmt == "lowerRoman" else _roman(n)
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return str(n)  # decimal, decimalZero and the rest


class _Numbering:
    """Word's automatic list numbers ("一、", "(一)", "1.") are not in the text runs: rebuild them
    from numbering.xml so that numbered headings read as they print."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # abstractNumId -> ilvl -> (start, fmt, text)
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self._counters: dict[str, list[int]] = {}
        self._style_num: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return  # no numbering part: nothing is numbered
        for a in root.iterchildren(_W + "abstractNum"):
            lv = {}
            for lvl in a.iterchildren(_W + "lvl"):
                start = _int(_xp(lvl, "./w:start/@w:val")) or 1
                fmt = (_xp(lvl, "./w:numFmt/@w:val") or ["decimal"])[0]
                text = (_xp(lvl, "./w:lvlText/@w:val") or [""])[0]
                lv[_int(_xp(lvl, "./@w:ilvl"))] = (start, fmt, text)
            self._levels[a.get(_W + "abstractNumId")] = lv
        for num in root.iterchildren(_W + "num"):
            over = {_int(_xp(o, "./@w:ilvl")): _int(_xp(o, "./w:startOverride/@w:val"))
                    for o in num.iterchildren(_W + "lvlOverride") if _xp(o, "./w:startOverride")}
            self._nums[num.get(_W + "numId")] = ((_xp(num, "./w:abstractNumId/@w:val") or [""])[0], over)
        for style in document.styles:
            s, seen = style, set()
            while s is not None and s.style_id not in seen:  # numbering set on a (base) style
                seen.add(s.style_id)
                nid = _xp(s.element, "./w:pPr/w:numPr/w:numId/@w:val")
                if nid:
                    self._style_num[style.style_id] = (nid[0], _int(_xp(s.element, "./w:pPr/w:numPr/w:ilvl/@w:val")))
                    break
                s = getattr(s, "base_style", None)

    def label(self, p: Any) -> str:
        nid = _xp(p, "./w:pPr/w:numPr/w:numId/@w:val")
        if nid:
            ilvl = _int(_xp(p, "./w:pPr/w:numPr/w:ilvl/@w:val"))
            if not _xp(p, "./w:pPr/w:numPr/w:ilvl"):
                sid = _xp(p, "./w:pPr/w:pStyle/@w:val")
                ilvl = self._style_num.get(sid[0], ("", 0))[1] if sid else 0
            num_id = nid[0]
        else:
            sid = _xp(p, "./w:pPr/w:pStyle/@w:val")
            if not sid or sid[0] not in self._style_num:
                return ""
            num_id, ilvl = self._style_num[sid[0]]
        if num_id not in self._nums:
            return ""  # numId 0 switches numbering off
        abstract, over = self._nums[num_id]
        levels = self._levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        counters = self._counters.setdefault(num_id, [])
        while len(counters) <= ilvl:
            k = len(counters)
            counters.append(over.get(k, levels.get(k, (1, "", ""))[0]) - 1)
        counters[ilvl] += 1
        del counters[ilvl + 1:]  # a deeper level starts again under a new item
        start, fmt, text = levels[ilvl]
        if fmt in ("bullet", "none") or not text:
            return ""

        def fill(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            if k >= len(counters):
                return ""
            return _format(counters[k], levels.get(k, (1, "decimal", ""))[1])

        label = re.sub(r"%([1-9])", fill, text)
        # Chinese labels end in 、 or a bracket and run on; a Latin "1." is followed by a space.
        return label if re.search(r"[、）)】．]$", label) else label + " "
