"""PDF reader (pdfplumber): the text layer rendered to canonical text, in reading order.

Two phases, so that the broad error net around the third-party parser never hides our own bugs:
``_read`` pulls plain data out of pdfplumber (characters, ruled tables, image counts) and turns
any parser failure into an InputError; ``_render`` lays that data out as text:

- running headers/footers (a line repeated at the same place on several pages) and bare page
  numbers ("- 3 -", "第3页") are dropped;
- lines are reflowed into paragraphs: PDF wraps at the page width, so a line continues the
  previous one unless the new one is indented, the vertical gap grows, either is a heading (a
  larger font, rendered as "#"/"##"), the previous line stopped early (the start of the new one
  would have fitted there), or it ends a sentence where neither indents nor spacing mark
  paragraphs; pages are one stream, so a sentence cut by a page break is joined again;
- ruled tables (pdfplumber's table finder) become TAB rows, and their text is kept out of the prose.
"""
from __future__ import annotations

import logging
import re
import warnings
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any, Iterator, Union

from ..errors import CorruptFileError, InputError
from ..limits import Limits
from ..lines import is_heading_line, is_source_line, is_unit_line
from . import Source
from .canonical import TextBuilder, cell_text, join_wrapped

_OCR_HINT = "run OCR first (e.g. ocrmypdf -l chi_sim in.pdf out.pdf)"
_DECRYPT_HINT = "decrypt it first (e.g. qpdf --decrypt --password=PASSWORD in.pdf out.pdf)"
_PAGE_NO_WORDS = re.compile(r"\d{1,4}|page|of|页码", re.IGNORECASE)
_PAGE_NO_MARKS = set("-—–－~·/|,，:：()（） 第共页\u3000")
_SENTENCE_END = set("。！？；：!?;:")
_CLOSERS = set("”’」』)）】")
_NO_LINE_START = set("。，、；：？！”’」』)）】》〉,.;:!?%％")  # kinsoku: these never open a line
_NO_LINE_END = set("“‘「『(（【《〈")  # nor do these end one
_ZONE = 0.12  # running headers/footers live in the top/bottom 12% of a page


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class _Table:
    rows: list[list[str]]
    top: float
    page: int


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    lead: float = 0.0  # width of the line's first unbreakable piece (a word, a number, a char + its 。)


@dataclass
class _Page:
    number: int
    width: float
    height: float
    chars: list[_Char] = field(default_factory=list)
    tables: list[_Table] = field(default_factory=list)
    n_chars: int = 0  # all glyphs, tables included
    n_cid: int = 0  # glyphs without a Unicode mapping, shown as "(cid:123)"
    n_images: int = 0
    lines: list[_Line] = field(default_factory=list)


def load(data: bytes, path: Path, limits: Limits | None = None) -> Source:
    where = str(path)
    pages, encrypted = _read(data, where, limits or Limits())
    _check_text_layer(pages, encrypted, where)
    text, anchors = _render(pages)
    return Source(text=text, encoding="unicode", name=where, format="pdf", anchors=anchors)


# ---------------------------------------------------------------- phase 1: pdfplumber -> plain data

def _quiet_pdfminer() -> None:
    """pdfminer logs every repair it makes to a damaged file; with logging unconfigured, Python's
    last-resort handler prints each to stderr. A NullHandler on pdfminer's own logger stops that
    and leaves whatever logging an application sets up (records still propagate) untouched."""
    log = logging.getLogger("pdfminer")
    if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
        log.addHandler(logging.NullHandler())


def _read(data: bytes, where: str, limits: Limits) -> tuple[list[_Page], bool]:
    import pdfplumber

    _quiet_pdfminer()

    if b"%%EOF" not in data[-2048:]:
        # pdfminer recovers what it can from a cut file and would silently drop the rest.
        raise CorruptFileError("PDF is truncated (no %%EOF end marker); re-download or re-export it", path=where)
    try:
        pdf = pdfplumber.open(BytesIO(data))
    except Exception as exc:  # any failure of the third-party parser is a bad input, said clearly
        raise _parser_error(exc, where) from None
    pages: list[_Page] = []
    error: InputError | None = None
    try:
        encrypted = getattr(pdf.doc, "encryption", None) is not None
        limits.exceeded("pdf_pages", len(pdf.pages), "pages in the PDF", path=where)
        for i, page in enumerate(pdf.pages, 1):
            pages.append(_read_page(page, i))
    except InputError as exc:  # a limit: said as it is, not as damage
        error = exc
    except Exception as exc:
        error = _parser_error(exc, where, page=len(pages) + 1)
    finally:
        # pdfplumber's close() walks the page tree again and re-raises what broke it; the file is
        # in memory, so nothing is left open when it fails, and the real error is reported below.
        with suppress(Exception):
            pdf.close()
    if error:
        raise error
    if not pages:
        raise CorruptFileError("PDF has no pages (corrupt or truncated)", path=where)
    return pages, encrypted


def _parser_error(exc: Exception, where: str, page: int | None = None) -> InputError:
    inner = exc.args[0] if type(exc).__name__ == "PdfminerException" and exc.args else exc
    name = type(inner).__name__
    if name == "PDFPasswordIncorrect":
        return CorruptFileError(f"PDF is password-protected; {_DECRYPT_HINT}", path=where)
    if "Encryption" in name:
        return CorruptFileError(f"PDF uses an encryption zhextract cannot read ({name}); {_DECRYPT_HINT}", path=where)
    at = f" on page {page}" if page else ""
    detail = str(inner).strip() or name
    return CorruptFileError(f"cannot read PDF{at}: corrupt or damaged ({name}: {detail[:120]}); "
                      "re-download or re-export it", path=where)


def _read_page(page: Any, number: int) -> _Page:
    page = page.dedupe_chars()  # fake bold: the same glyph printed twice
    out = _Page(number, float(page.width), float(page.height))
    out.n_images = len(page.images)
    boxes = []
    for t in page.find_tables():
        rows = t.extract()
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
            boxes.append(t.bbox)
            out.tables.append(_Table([[cell_text((c or "").split("\n")) for c in r] for r in rows],
                                     float(t.bbox[1]), number))
    for c in page.chars:
        text = c["text"]
        if text.strip():
            out.n_chars += 1
            if text.startswith("(cid:"):  # a glyph without Unicode: its id must not read as a number
                out.n_cid += 1
                text = "\ufffd"
        if not c.get("upright", True):
            continue  # rotated text: stamps, margin notes
        ch = _Char(text, float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"]), float(c["size"]))
        if not any(_inside(ch, b) for b in boxes):
            out.chars.append(ch)
    return out


def _inside(c: _Char, bbox: tuple[float, float, float, float]) -> bool:
    x, y = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
    return bbox[0] - 1 <= x <= bbox[2] + 1 and bbox[1] - 1 <= y <= bbox[3] + 1


def _check_text_layer(pages: list[_Page], encrypted: bool, where: str) -> None:
    total = sum(p.n_chars for p in pages)
    if total == 0:
        if any(p.n_images for p in pages):
            raise CorruptFileError(f"PDF has no text layer, only images (a scan); {_OCR_HINT}", path=where)
        raise CorruptFileError("PDF has no text (blank pages)", path=where)
    if sum(p.n_cid for p in pages) > 0.2 * total:
        why = f"; it is encrypted: {_DECRYPT_HINT}" if encrypted else f"; {_OCR_HINT} or re-export it"
        raise CorruptFileError("PDF text layer has no Unicode mapping (glyphs come out as (cid:N) codes)" + why,
                         path=where)
    scans = [p.number for p in pages if p.n_chars == 0 and p.n_images]
    if scans:
        warnings.warn(f"{where}: page(s) {', '.join(map(str, scans))} are images without text and are "
                      f"skipped; {_OCR_HINT}", stacklevel=4)


# ---------------------------------------------------------------- phase 2: layout -> canonical text

def _render(pages: list[_Page]) -> tuple[str, list[tuple[int, int, int]]]:
    for p in pages:
        p.lines = _group_lines(p.chars, p.number)
    _drop_running_lines(pages)
    lay = _Layout(pages)
    out = TextBuilder()
    para: list[_Line] = []
    last_table: _Table | None = None  # the table just emitted, to continue it on the next page
    pending: list[list[str]] = []
    pending_pages: list[int] = []

    def flush_para() -> None:
        if para:
            _emit_paragraph(out, para, lay)
            para.clear()

    def flush_table() -> None:
        if pending:
            out.add_table(pending, pending_pages[0], row_parts=list(pending_pages))
            pending.clear()
            pending_pages.clear()

    for item in _stream(pages):
        if isinstance(item, _Table):
            flush_para()
            if last_table is not None and pending and _continues_table(last_table, item):
                rows = item.rows[_repeated_header(pending, item.rows):]
            else:
                flush_table()
                rows = item.rows
            pending.extend(rows)
            pending_pages.extend([item.page] * len(rows))
            last_table = item
            continue
        flush_table()
        last_table = None
        if para and not lay.continues(para[-1], item):
            flush_para()
        para.append(item)
    flush_para()
    flush_table()
    return out.text, out.anchors


def _group_lines(chars: list[_Char], page: int) -> list[_Line]:
    """Characters -> lines: a char joins the line whose vertical band holds its middle."""
    bands: list[list[_Char]] = []
    top = bottom = 0.0
    for c in sorted(chars, key=lambda c: (c.top, c.x0)):
        mid = (c.top + c.bottom) / 2
        if bands and top - 1 <= mid <= bottom + 1:
            bands[-1].append(c)
            top, bottom = min(top, c.top), max(bottom, c.bottom)
        else:
            bands.append([c])
            top, bottom = c.top, c.bottom
    lines = []
    for band in bands:
        band.sort(key=lambda c: c.x0)
        sizes = Counter(round(c.size * 2) / 2 for c in band if c.text.strip())
        if not sizes:
            continue
        size = sizes.most_common(1)[0][0]
        text, prev = "", None
        for c in band:
            if prev is not None and c.text != " " and not text.endswith(" "):
                gap = c.x0 - prev.x1
                if gap > 1.5 * size:
                    text += "  "  # a wide gap separates columns: keep them apart as aligned text does
                elif gap > 0.3 * size:
                    text += " "
            text += c.text
            prev = c
        text = text.strip()
        if text:
            inked = [c for c in band if c.text.strip()]
            lines.append(_Line(text, inked[0].x0, inked[-1].x1, min(c.top for c in inked),
                               max(c.bottom for c in inked), size, page, _lead_width(band, size)))
    return lines


def _lead_width(band: list[_Char], size: float) -> float:
    """Width of what line wrapping could not have split off the line start: opening brackets with
    what follows, a run of Latin letters/digits, a Chinese character with the punctuation after it."""
    chars = list(band)  # spaces kept: they end a Latin word
    while chars and not chars[0].text.strip():
        chars.pop(0)
    if not chars:
        return 0.0
    i = 0
    while i + 1 < len(chars) and chars[i].text in _NO_LINE_END:
        i += 1
    if chars[i].text.isascii():
        while (i + 1 < len(chars) and chars[i + 1].text.isascii() and chars[i + 1].text.strip()
               and chars[i + 1].x0 - chars[i].x1 < 0.3 * size):
            i += 1
    while i + 1 < len(chars) and chars[i + 1].text in _NO_LINE_START:
        i += 1
    return chars[i].x1 - chars[0].x0


def _drop_running_lines(pages: list[_Page]) -> None:
    """Remove page numbers and lines repeated at the same place on several pages (headers, footers)."""
    def key(p: _Page, ln: _Line) -> tuple[str, str, int] | None:
        if ln.top < _ZONE * p.height:
            return ("head", ln.text.replace(" ", ""), round(ln.top / 3))
        if ln.bottom > (1 - _ZONE) * p.height:
            return ("foot", ln.text.replace(" ", ""), round((p.height - ln.bottom) / 3))
        return None

    seen: Counter[tuple[str, str, int]] = Counter()
    for p in pages:
        seen.update({k for ln in p.lines if (k := key(p, ln))})
    need = max(2, int(0.4 * len(pages) + 0.5))
    for p in pages:
        keep = []
        for ln in p.lines:
            k = key(p, ln)
            if k and _is_page_number(ln.text):
                continue
            if (k and seen[k] >= need and not is_heading_line(ln.text) and not is_unit_line(ln.text)
                    and not is_source_line(ln.text)):
                continue
            keep.append(ln)
        p.lines = keep


def _is_page_number(s: str) -> bool:
    """"- 3 -", "— 3 —", "3", "第3页", "第 3 页 共 10 页", "共10页 第3页", "3/10", "Page 3 of 10"."""
    rest = _PAGE_NO_WORDS.sub("", s)
    return any(ch.isdigit() for ch in s) and all(ch in _PAGE_NO_MARKS for ch in rest)


def _stream(pages: list[_Page]) -> Iterator[Union[_Line, _Table]]:
    for p in pages:
        yield from sorted([*p.lines, *p.tables], key=lambda it: it.top)


def _continues_table(prev: _Table, cur: _Table) -> bool:
    """A table at the top of a page continues the one that ended the previous page."""
    return cur.page == prev.page + 1 and len(cur.rows[0]) == len(prev.rows[0])


def _repeated_header(rows: list[list[str]], new: list[list[str]]) -> int:
    n = 0
    while n < len(new) - 1 and n < len(rows) and new[n] == rows[n]:
        n += 1
    return n


class _Layout:
    """Document-wide measures the reflow rules compare against."""

    def __init__(self, pages: list[_Page]) -> None:
        lines = [ln for p in pages for ln in p.lines]
        weights: Counter[float] = Counter()
        for ln in lines:
            weights[ln.size] += len(ln.text)
        self.body = weights.most_common(1)[0][0] if weights else 12.0
        bigger = sorted({s for s in weights if s - self.body >= 0.9}, reverse=True)
        self.levels = {s: min(i + 1, 6) for i, s in enumerate(bigger)}
        body_lines = [ln for ln in lines if ln.size == self.body]
        self.margins: dict[tuple[int, int], tuple[float, float]] = {}
        geometry = {p.number: (round(p.width), round(p.height)) for p in pages}
        self._geometry = geometry
        for g in set(geometry.values()):
            on = [ln for ln in body_lines if geometry[ln.page] == g] or [ln for ln in lines if geometry[ln.page] == g]
            if not on:
                continue
            # Left margin: the leftmost x0 many lines share (not the most common one: in a text of
            # short indented paragraphs the indent is the most common start).
            starts = Counter(round(ln.x0) for ln in on)
            common = [x for x, n in starts.items() if n >= max(2, 0.1 * len(on))]
            lm = min(common) if common else starts.most_common(1)[0][0]
            # Right margin: where most lines that start at the left margin end; a high quantile
            # rather than the max, as a glyph may overhang and ragged-right text varies.
            full = sorted(ln.x1 for ln in on if abs(ln.x0 - lm) < 1.5 * ln.size) or [max(ln.x1 for ln in on)]
            self.margins[g] = (float(lm), full[min(len(full) - 1, int(len(full) * 0.9))])
        steps = [b.top - a.top for a, b in zip(body_lines, body_lines[1:])
                 if a.page == b.page and 0 < b.top - a.top < 3 * a.size]
        # Line pitch inside a paragraph: a low quantile, as paragraph spacing only ever adds to it.
        self.leading = sorted(steps)[len(steps) // 4] if steps else self.body * 1.5
        indents = [ln for ln in body_lines if 1.2 * ln.size < ln.x0 - self._left(ln) < 2.8 * ln.size]
        self.uses_indent = len(indents) >= 2  # paragraphs start with a 2-character indent
        self.uses_spacing = sum(1 for s in steps if s > 1.4 * self.leading + 1) >= 2  # space between paragraphs

    def _left(self, ln: _Line) -> float:
        return self.margins.get(self._geometry[ln.page], (ln.x0, ln.x1))[0]

    def _right(self, ln: _Line) -> float:
        return self.margins.get(self._geometry[ln.page], (ln.x0, ln.x1))[1]

    def level(self, ln: _Line) -> int:
        return self.levels.get(ln.size, 0)

    def continues(self, a: _Line, b: _Line) -> bool:
        """Does line ``b`` continue the paragraph whose last line is ``a``?"""
        la, lb = self.level(a), self.level(b)
        if la or lb:  # a heading wrapped over two lines continues; anything else around one does not
            return la == lb and a.page == b.page and 0 <= b.top - a.bottom < 0.8 * a.size
        if abs(a.size - b.size) > 0.6:
            return False
        if a.page == b.page and (b.top <= a.top or b.top - a.top > 1.4 * self.leading + 1):
            return False  # the vertical gap grows: a new paragraph
        if a.page != b.page and self._geometry[a.page] != self._geometry[b.page]:
            return False  # the page size changes (landscape appendix): a new section
        if b.x0 - self._left(b) > 0.8 * b.size:
            return False  # indented (or centred): a new paragraph
        if a.x0 - self._left(a) > 3 * a.size:
            return False  # a centred or right-aligned line (a signature, a date) stands alone
        # Wrapping moves a piece to the next line only when it does not fit: if the start of the next
        # line would have fitted in the room left (with a character of slack for ragged right
        # edges), the line ended on purpose.
        short = self._right(a) - a.x1
        ends = _ends_sentence(a.text)
        if short > b.lead + (0.3 if ends else 1.0) * a.size:
            return False
        if ends:
            if is_heading_line(b.text) or b.text.startswith("【"):
                return False  # "二、…", "(三)…", "【…】" after a full stop: a new heading or item
            if not self.uses_indent and (not self.uses_spacing or a.page != b.page):
                return False  # neither indents nor (visible) spacing: the full stop is the only cue left
        return True


def _ends_sentence(s: str) -> bool:
    s = s.rstrip()
    while s and s[-1] in _CLOSERS:
        s = s[:-1]
    return bool(s) and s[-1] in _SENTENCE_END


def _emit_paragraph(out: TextBuilder, lines: list[_Line], lay: _Layout) -> None:
    level = lay.level(lines[0])
    first = ("#" * level + " " if level else "") + lines[0].text
    out.add(first, lines[0].page)
    prev = first
    for prev_line, ln in zip(lines, lines[1:]):
        joined = join_wrapped(prev, ln.text)
        sep = joined[len(prev):len(joined) - len(ln.text)]
        out.add(ln.text, ln.page, sep=sep, anchor=ln.page != prev_line.page)
        prev = ln.text
