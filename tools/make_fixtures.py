"""Build small real PDF, DOCX and XLSX files from seed bulletins 000 and 001, for tests/test_formats.py.

Usage: python tools/make_fixtures.py [OUTDIR]        (default: tests/fixtures)

The files carry the same content as corpus/000_*.txt, laid out as such documents really are:
- bulletin_000.pdf (reportlab, CID font STSong-Light, so the text layer is real): portrait body
  pages with 2-character first-line indents, a running header and "- N -" page numbers, headings
  in larger sizes, a title wrapped over two lines, paragraphs broken across pages; landscape
  appendix pages with ruled tables (merged header cells drawn as merged), a smaller unit line
  and source line.
- bulletin_000.docx (python-docx): Title / Heading 2 / Heading 3 styles, indented body, a page
  header and footer, appendix tables with real merged cells, a landscape section.
- bulletin_000_tables.xlsx (openpyxl): the appendix tables one sheet each, with a merged title
  row, the 单位 row, merged header cells, numbers stored as numbers with their display format.
- bulletin_001.pdf: seed 001 (no tables) in the other usual layout: no indents, space between
  paragraphs, "第 N 页" footers; see build_pdf_plain.

Output is deterministic: reportlab runs in invariant mode, and the ZIP containers are rewritten
with fixed timestamps and document dates, so re-running the script gives identical bytes.
"""
from __future__ import annotations

import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "corpus").glob("000_*.txt"))
SEED_001 = next((ROOT / "corpus").glob("001_*.txt"))
HEADER = "开发区工作通报  2021年第1期"
FIXED_DATE = "2021-05-20T00:00:00Z"


@dataclass
class Block:
    kind: str  # heading | para | table
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)


def parse_seed(text: str) -> list[Block]:
    """The seed's canonical text as blocks: blank-line separated chunks."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", text.strip("\n")):
        chunk = chunk.strip("\n")
        if not chunk.strip():
            continue
        if "\t" in chunk:
            blocks.append(Block("table", rows=[line.split("\t") for line in chunk.split("\n")]))
        elif m := re.match(r"(#+)\s+(.*)", chunk):
            blocks.append(Block("heading", m.group(2), level=len(m.group(1))))
        else:
            blocks.append(Block("para", chunk))
    return blocks


def header_spans(rows: list[list[str]]) -> tuple[int, list[tuple[int, int, int, int]]]:
    """Two-row headers as the .txt writes them (group name once, then empty cells; the second row
    empty under the single-row columns) -> (header row count, [(col0, row0, col1, row1)] spans)."""
    if len(rows) < 3 or rows[1][0] != "" or "" not in rows[0]:
        return 1, []
    spans = []
    width = len(rows[0])
    for c, name in enumerate(rows[0]):
        if not name:
            continue
        end = c
        while end + 1 < width and rows[0][end + 1] == "" and rows[1][end + 1] != "":
            end += 1
        if end > c:
            spans.append((c, 0, end, 0))
        elif rows[1][c] == "":
            spans.append((c, 0, c, 1))
    return 2, spans


def is_body(b: Block) -> bool:
    return b.kind == "para" and (len(b.text) > 40 or b.text.endswith("。"))


def small_line(b: Block) -> bool:
    return b.kind == "para" and b.text.startswith(("单位", "数据来源"))


def appendix_start(blocks: list[Block]) -> int:
    """Index of the first 附件N line (the appendix pages start there), or len(blocks)."""
    return next((i for i, b in enumerate(blocks) if b.kind == "para" and re.fullmatch(r"附件\d+", b.text)),
                len(blocks))


# ------------------------------------------------------------------------------------------ PDF

def esc(text: str) -> str:
    """reportlab Paragraph text is markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_pdf(blocks: list[Block], out: Path) -> None:
    """The bulletin as a Word-made PDF usually looks: see the module docstring."""
    from reportlab import rl_config
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph, Spacer

    rl_config.invariant = 1  # fixed dates and document id: same bytes on every run
    font = "STSong-Light"
    pdfmetrics.registerFont(UnicodeCIDFont(font))

    def style(name: str, size: float, leading: float, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **kw)

    body = style("body", 14, 24, firstLineIndent=28, alignment=TA_JUSTIFY)
    plain = style("plain", 14, 24, alignment=TA_LEFT)
    sign = style("sign", 14, 24, alignment=TA_RIGHT)
    small = style("small", 10.5, 16, alignment=TA_LEFT)
    heads = {1: style("h1", 20, 28, alignment=TA_CENTER, spaceAfter=12),
             2: style("h2", 16, 24, spaceBefore=6, spaceAfter=4),
             3: style("h3", 15, 24, firstLineIndent=28)}
    table_title = style("tt", 16, 24, alignment=TA_CENTER, spaceAfter=6)
    cell = style("cell", 8, 10, alignment=TA_CENTER)

    def page_furniture(canvas, doc) -> None:  # noqa: ANN001 - reportlab callback
        w, h = canvas._pagesize
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawCentredString(w / 2, h - 36, HEADER)
        canvas.setLineWidth(0.5)
        canvas.line(50, h - 42, w - 50, h - 42)
        canvas.setFont(font, 10)
        canvas.drawCentredString(w / 2, 30, f"- {doc.page} -")
        canvas.restoreState()

    pw, ph = A4
    lw, lh = landscape(A4)
    doc = BaseDocTemplate(str(out), pagesize=A4, title="000", author="zhextract fixtures", invariant=1)
    doc.addPageTemplates([
        PageTemplate("portrait", [Frame(72, 60, pw - 144, ph - 130, id="p")], onPage=page_furniture, pagesize=A4),
        PageTemplate("landscape", [Frame(50, 50, lw - 100, lh - 110, id="l")], onPage=page_furniture,
                     pagesize=landscape(A4)),
    ])
    story: list = []
    split = appendix_start(blocks)
    for i, b in enumerate(blocks):
        if b.kind == "para" and re.fullmatch(r"附件\d+", b.text):
            story += [NextPageTemplate("landscape"), PageBreak()]
        if b.kind == "heading":
            story.append(Paragraph(esc(b.text), table_title if i > split else heads[b.level]))
        elif b.kind == "table":
            story.append(_pdf_table(b.rows, lw - 100, cell, font))
            story.append(Spacer(1, 4))
        elif small_line(b):
            story.append(Paragraph(esc(b.text), small))
        elif is_body(b):
            story.append(Paragraph(esc(b.text), body))
        elif i == split - 1:
            story.append(Paragraph(esc(b.text), sign))
        else:
            story += [Paragraph(esc(line), plain) for line in b.text.split("\n")]  # a chunk of short lines
    doc.build(story)


def _pdf_table(rows: list[list[str]], width: float, cell: object, font: str) -> object:
    """A ruled table (GRID lines, so pdfplumber's table finder sees it), merged header cells drawn
    merged, cell text wrapped inside the cell as Word does."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    nhead, spans = header_spans(rows)
    ncol = len(rows[0])
    name_col = max(range(ncol), key=lambda c: max(len(r[c]) for r in rows[nhead:]))
    first = 80 if ncol > 10 else 150
    narrow = [c for c in range(ncol) if c != name_col]
    widths = [first if c == name_col else 0 for c in range(ncol)]
    seq = 30 if rows[0][0] == "序号" else None
    if seq:
        widths[0] = seq
        narrow.remove(0)
    rest = (width - sum(widths)) / len(narrow)
    for c in narrow:
        widths[c] = min(rest, 110)
    data = [[Paragraph(esc(t), cell) if t else "" for t in r] for r in rows]
    cmds = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("FONT", (0, 0), (-1, -1), font, 8), ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
    cmds += [("SPAN", (c0, r0), (c1, r1)) for c0, r0, c1, r1 in spans]
    return Table(data, colWidths=widths, repeatRows=nhead, style=TableStyle(cmds))


def build_pdf_plain(text: str, out: Path) -> None:
    """Bulletin 001 laid out the other common way: no indents, space between paragraphs, ragged
    right, a right-aligned running header and "第 N 页" footers; its spaced numbers ("39.4 亿元")
    and the damage of its source text (banners, cut sentences) kept as they are."""
    from reportlab import rl_config
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    rl_config.invariant = 1
    font = "STSong-Light"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    line = ParagraphStyle("line", fontName=font, fontSize=12, leading=18, alignment=TA_LEFT, wordWrap="CJK")
    last = ParagraphStyle("last", parent=line, spaceAfter=10)

    def furniture(canvas, doc) -> None:  # noqa: ANN001 - reportlab callback
        w, h = canvas._pagesize
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawRightString(w - 60, h - 40, "开发区工作简报")
        canvas.drawCentredString(w / 2, 32, f"第 {doc.page} 页")
        canvas.restoreState()

    story = []
    for chunk in re.split(r"\n\s*\n", text.strip("\n")):
        lines = [ln for ln in chunk.split("\n") if ln.strip()]
        for i, ln in enumerate(lines):
            story.append(Paragraph(esc(ln), last if i == len(lines) - 1 else line))
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=64, rightMargin=64, topMargin=70, bottomMargin=64,
                            title="001", author="zhextract fixtures", invariant=1)
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)


# ----------------------------------------------------------------------------------------- DOCX

def build_docx(blocks: list[Block], out: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    d = docx.Document()
    d.core_properties.title = "000"
    sec = d.sections[0]
    sec.header.paragraphs[0].text = HEADER
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    run.append(t)
    fld.append(run)
    sec.footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    sec.footer.paragraphs[0]._p.append(fld)
    split = appendix_start(blocks)
    for i, b in enumerate(blocks):
        if i == split:
            new = d.add_section(WD_SECTION.NEW_PAGE)
            new.orientation = WD_ORIENT.LANDSCAPE
            new.page_width, new.page_height = sec.page_height, sec.page_width
        if b.kind == "heading":
            p = d.add_heading(b.text, level=0 if b.level == 1 else b.level)
            if i > split:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif b.kind == "table":
            _docx_table(d, b.rows)
        else:
            p = d.add_paragraph(b.text)
            if is_body(b):
                p.paragraph_format.first_line_indent = Pt(28)
            elif i == split - 1:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif re.fullmatch(r"附件\d+", b.text) and i > split:
                p.paragraph_format.page_break_before = True
    d.save(str(out))


def _docx_table(d, rows: list[list[str]]) -> None:  # noqa: ANN001
    nhead, spans = header_spans(rows)
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    for c0, r0, c1, r1 in spans:
        text = rows[r0][c0]
        merged = table.cell(r0, c0).merge(table.cell(r1, c1))
        merged.text = text


# ----------------------------------------------------------------------------------------- XLSX

@dataclass
class Sheet:
    label: str | None  # 附件N line above the title, if any
    title: str | None
    unit: str | None
    rows: list[list[str]]
    source: str | None


def appendix_sheets(blocks: list[Block]) -> list[Sheet]:
    """Each appendix table with the lines that belong to it (label, title, 单位 above; 数据来源 below)."""
    sheets: list[Sheet] = []
    label = title = unit = None
    for b in blocks[appendix_start(blocks):]:
        if b.kind == "para" and re.fullmatch(r"附件\d+", b.text):
            label = b.text
        elif b.kind == "heading":
            title = b.text
        elif b.kind == "para" and b.text.startswith("单位"):
            unit = b.text
        elif b.kind == "para" and b.text.startswith("数据来源") and sheets:
            sheets[-1].source = b.text
        elif b.kind == "table":
            sheets.append(Sheet(label, title, unit, b.rows, None))
            label = title = unit = None
    return sheets


def build_xlsx(blocks: list[Block], out: Path) -> None:
    import openpyxl
    from openpyxl.styles import Alignment, Font

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sh in appendix_sheets(blocks):
        m = re.match(r"表\d+", sh.title or "")
        ws = wb.create_sheet(sh.label or (m.group(0) if m else f"Sheet{len(wb.sheetnames) + 1}"))
        width = len(sh.rows[0])
        r = 0
        for line, bold in ((sh.title, True), (sh.unit, False)):
            if line:
                r += 1
                ws.cell(r, 1, line).font = Font(bold=bold, size=14 if bold else 10)
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
                ws.cell(r, 1).alignment = Alignment(horizontal="center" if bold else "left")
        first = r + 1
        for row in sh.rows:
            r += 1
            for c, text in enumerate(row, 1):
                value, fmt = _xlsx_value(text)
                if value is not None:
                    cell = ws.cell(r, c, value)
                    if fmt:
                        cell.number_format = fmt
        for c0, r0, c1, r1 in header_spans(sh.rows)[1]:
            ws.merge_cells(start_row=first + r0, start_column=c0 + 1, end_row=first + r1, end_column=c1 + 1)
        if sh.source:
            ws.cell(r + 1, 1, sh.source)
        ws.column_dimensions["B"].width = 24
    wb.properties.creator = "zhextract fixtures"
    wb.save(str(out))


def _xlsx_value(text: str) -> tuple[object, str | None]:
    """A cell as Excel keeps it: numbers as numbers, with the decimals written as display format."""
    if not text:
        return None, None
    if re.fullmatch(r"-?\d+", text) and not (len(text) > 1 and text.startswith("0")):
        return int(text), None
    if m := re.fullmatch(r"-?\d+\.(\d+)", text):
        return float(text), "0." + "0" * len(m.group(1))
    return text, None


# ------------------------------------------------------------------------------------- helpers

def normalize_zip(path: Path) -> None:
    """Rewrite a DOCX/XLSX with fixed entry timestamps and document dates (deterministic bytes)."""
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in entries:
            if name == "docProps/core.xml":
                blob = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + FIXED_DATE.encode(), blob)
            info = zipfile.ZipInfo(name, date_time=(2021, 5, 20, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, blob)


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "tests" / "fixtures"
    out_dir.mkdir(parents=True, exist_ok=True)
    blocks = parse_seed(SEED.read_text(encoding="utf-8"))
    build_pdf(blocks, out_dir / "bulletin_000.pdf")
    build_docx(parse_seed(SEED.read_text(encoding="utf-8")), out_dir / "bulletin_000.docx")
    build_xlsx(parse_seed(SEED.read_text(encoding="utf-8")), out_dir / "bulletin_000_tables.xlsx")
    build_pdf_plain(SEED_001.read_text(encoding="utf-8"), out_dir / "bulletin_001.pdf")
    for name in ("bulletin_000.docx", "bulletin_000_tables.xlsx"):
        normalize_zip(out_dir / name)
    for f in sorted(out_dir.glob("bulletin_00*")):
        print(f"{f.relative_to(ROOT) if f.is_relative_to(ROOT) else f}\t{f.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
