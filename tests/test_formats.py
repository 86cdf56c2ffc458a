"""PDF, DOCX and XLSX in, the same records out as from the text of the same bulletin (issue 4).

Fixtures in tests/fixtures are built from corpus/000 by tools/make_fixtures.py; broken inputs
(scans, passwords, truncated files, legacy formats) are built here.
"""
from __future__ import annotations

import importlib.util
import io
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

import zhextract
from zhextract.errors import InputError, UnsupportedFormatError
from zhextract.load import load_file, locate
from zhextract.models import Document

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures"
SEED = next((ROOT / "corpus").glob("000_*.txt"))
PDF, DOCX, XLSX = FIX / "bulletin_000.pdf", FIX / "bulletin_000.docx", FIX / "bulletin_000_tables.xlsx"
PDF_001 = FIX / "bulletin_001.pdf"

pytestmark = pytest.mark.skipif(
    not all(importlib.util.find_spec(m) for m in ("pdfplumber", "docx", "openpyxl", "reportlab")),
    reason='needs the formats/dev extras: pip install "zhextract[dev]"')


# ---------------------------------------------------------------------------- record views

def quantities(doc: Document, spaces: bool = True) -> Counter:
    return Counter((q.text if spaces else q.text.replace(" ", ""), str(q.value), q.unit, q.kind, q.qualifier)
                   for q in doc.quantities)


def figures(doc: Document) -> Counter:
    def value(f):  # noqa: ANN001, ANN202
        q = doc.quantities[f.value] if f.value is not None else None
        return (str(q.value), q.unit) if q else None

    return Counter((f.indicator, f.entity, f.period, f.role, value(f)) for f in doc.figures)


def table_cells(tables) -> list[list[list[tuple]]]:  # noqa: ANN001
    return [[[(c.row, c.col, c.text, None if c.value is None else str(c.value), c.unit, c.note) for c in row]
             for row in t.rows] for t in tables]


def appendix_text() -> str:
    text = SEED.read_text(encoding="utf-8")
    return text[text.index("\n附件1\n") + 1:]


@pytest.fixture(scope="module")
def seed_doc() -> Document:
    return zhextract.extract(SEED)


@pytest.fixture(scope="module")
def appendix_doc() -> Document:
    return zhextract.extract(appendix_text(), name="appendix")


def _same_records(got: Document, want: Document, spaces: bool = True) -> None:
    assert quantities(got, spaces) == quantities(want, spaces)
    assert figures(got) == figures(want)
    assert table_cells(got.tables) == table_cells(want.tables)
    assert [t.text for t in got.sentences] == [t.text for t in want.sentences]


# ---------------------------------------------------------------------------- fixtures

def test_fixtures_small_and_reproducible(tmp_path: Path) -> None:
    for f in (PDF, DOCX, XLSX, PDF_001):
        assert f.exists(), f"{f.name} missing: run python tools/make_fixtures.py"
        assert f.stat().st_size < 200_000, f.name
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_fixtures.py"), str(tmp_path)], check=True,
                   capture_output=True, cwd=ROOT)
    for f in (PDF, DOCX, XLSX, PDF_001):
        assert (tmp_path / f.name).read_bytes() == f.read_bytes(), f"{f.name} is not what the script builds"


# ---------------------------------------------------------------------------- PDF

def test_pdf_renders_the_text_of_the_bulletin() -> None:
    src = load_file(PDF)
    assert src.format == "pdf"
    # Headers, page numbers, wrapping and page breaks all undone: the canonical text itself.
    assert src.text.strip() == SEED.read_text(encoding="utf-8").strip()


def test_pdf_same_records_as_text(seed_doc: Document) -> None:
    doc = zhextract.extract(PDF)
    assert doc.format == "pdf"
    assert len(doc.quantities) > 80 and len(doc.figures) > 60 and len(doc.tables) == 6
    _same_records(doc, seed_doc)


def test_pdf_anchors_give_page_and_character() -> None:
    import pdfplumber

    src = load_file(PDF)
    offsets = [a[0] for a in src.anchors]
    assert offsets == sorted(offsets) and src.anchors[0] == (0, 1, 0)
    with pdfplumber.open(PDF) as pdf:
        pages = [p.extract_text().replace("\n", "") for p in pdf.pages]
    for needle in ("总投资1306.6亿元", "县管工业类产业", "5457.19", "数据来源:山西省招商引资项目", "代县生态文化旅游园区\t0.8"):
        page, char = locate(src.anchors, src.text.index(needle))
        assert needle.split("\t")[0] in pages[page - 1], (needle, page)
    # A paragraph cut by a page break is one paragraph again, with an anchor where the page turns.
    turn = [a for a, b in zip(src.anchors, src.anchors[1:]) if b[1] == a[1] + 1 and src.text[b[0] - 1] != "\n"]
    assert turn, "expected a paragraph continued across a page break"


def test_pdf_without_indents_same_records_as_text() -> None:
    # Seed 001 laid out with space between paragraphs, no indents, ragged right, "第 N 页" footers,
    # spaced numbers ("39.4 亿元"). A space where a line wrapped is gone from the PDF itself, so
    # quantity texts are compared without spaces (repair drops those spaces in the text too).
    doc = zhextract.extract(PDF_001)
    assert "开发区工作简报" not in doc.text and "第 1 页" not in doc.text
    _same_records(doc, zhextract.extract(next((ROOT / "corpus").glob("001_*.txt"))), spaces=False)


@pytest.mark.parametrize("seed", ["001", "002", "003", "004"])
def test_every_seed_in_every_layout(tmp_path: Path, seed: str) -> None:
    # The other seeds, built the way the fixtures are (indented PDF, spaced PDF, DOCX): same records.
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_fixtures as mf
    finally:
        sys.path.pop(0)
    txt = next((ROOT / "corpus").glob(f"{seed}_*.txt"))
    text = txt.read_text(encoding="utf-8")
    mf.build_pdf(mf.parse_seed(text), tmp_path / "indent.pdf")
    mf.build_pdf_plain(text, tmp_path / "spaced.pdf")
    mf.build_docx(mf.parse_seed(text), tmp_path / "seed.docx")
    want = zhextract.extract(txt)
    for f in ("indent.pdf", "spaced.pdf", "seed.docx"):
        _same_records(zhextract.extract(tmp_path / f), want, spaces=False)


def test_pdf_table_across_pages(tmp_path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    st = ParagraphStyle("b", fontName="STSong-Light", fontSize=12, leading=18, wordWrap="CJK", firstLineIndent=24)
    rows = [["序号", "开发区", "投资(亿元)"]] + [[str(i), f"第{i}开发区", f"{i}.5"] for i in range(1, 81)]
    table = Table(rows, repeatRows=1, style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                                      ("FONT", (0, 0), (-1, -1), "STSong-Light", 10)]))
    f = tmp_path / "long.pdf"

    def footer(canvas, doc):  # noqa: ANN001, ANN202
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(297, 30, f"- {doc.page} -")

    SimpleDocTemplate(str(f)).build([Paragraph("全市共80个开发区,投资如下表。", st), Paragraph("单位:亿元", st), table,
                                     Paragraph("以上合计3280亿元。", st)], onFirstPage=footer, onLaterPages=footer)
    src = load_file(f)
    assert len({a[1] for a in src.anchors}) >= 3  # the table runs over three pages
    block = src.text.split("\n\n")
    table_text = next(b for b in block if "\t" in b)
    assert table_text.split("\n") == ["\t".join(r) for r in rows]  # one table, the header once
    assert block[-1].strip() == "以上合计3280亿元。"
    assert len(zhextract.extract(f).tables) == 1


def test_pdf_running_header_and_page_numbers_removed() -> None:
    text = load_file(PDF).text
    assert "开发区工作通报" not in text
    assert not any(line.strip().startswith("- ") for line in text.split("\n"))


# ---------------------------------------------------------------------------- DOCX

def test_docx_renders_the_text_of_the_bulletin() -> None:
    src = load_file(DOCX)
    assert src.format == "docx"
    assert src.text.strip() == SEED.read_text(encoding="utf-8").strip()
    assert "开发区工作通报" not in src.text  # the page header is not body text


def test_docx_same_records_as_text(seed_doc: Document) -> None:
    doc = zhextract.extract(DOCX)
    assert doc.format == "docx" and len(doc.tables) == 6
    _same_records(doc, seed_doc)


def test_docx_merged_header_cells_as_the_text_writes_them() -> None:
    text = load_file(DOCX).text
    assert "达标情况\t项目完成情况\t\t\t\t\n\t\t\t\t\t0.5—1亿元\t" in text


def test_docx_heading_style_names(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    style = d.styles.add_style("标题 2", 1)  # WPS-style localised name
    d.add_paragraph("一、主要指标", style=style)
    d.add_paragraph("工业投资完成 24.1 亿元,\t同比下降 1.9%。")
    f = tmp_path / "h.docx"
    d.save(f)
    assert load_file(f).text == "## 一、主要指标\n\n工业投资完成 24.1 亿元, 同比下降 1.9%。\n"


# ---------------------------------------------------------------------------- XLSX

def test_xlsx_renders_the_appendix_tables() -> None:
    src = load_file(XLSX)
    assert src.format == "xlsx"
    assert src.text.strip() == appendix_text().strip()
    assert {a[1] for a in src.anchors} == set(range(1, 7))  # six sheets


def test_xlsx_same_records_as_text(appendix_doc: Document) -> None:
    doc = zhextract.extract(XLSX)
    assert len(doc.tables) == 6
    _same_records(doc, appendix_doc)


def test_load_workbook_tables(appendix_doc: Document) -> None:
    from zhextract.load.xlsx import load_workbook_tables

    tables = load_workbook_tables(XLSX)
    assert table_cells(tables) == table_cells(appendix_doc.tables)
    assert "招商引资情况表" in (tables[0].title or "") and tables[0].label == "附件1"
    assert all(t.title and t.label for t in tables)
    with pytest.raises(InputError, match="expects an Excel"):
        load_workbook_tables(DOCX)


def test_xlsx_number_formats() -> None:
    from zhextract.load.xlsx import _number

    assert _number(100.0, "0.0") == "100.0"
    assert _number(0.758, "0.0%") == "75.8%"
    assert _number(13065725, "#,##0") == "13065725"
    assert _number(2.675, "0.00") == "2.68"  # Excel rounds half away from zero
    assert _number(0.1 + 0.2, "General") == "0.3"
    assert _number(-10.8, "General") == "-10.8"
    assert _number(5, '0.0"亿元"') == "5.0"


def test_document_carries_anchors() -> None:
    doc = zhextract.extract(PDF)
    assert [(a.offset, a.page, a.char) for a in doc.anchors] == load_file(PDF).anchors
    assert zhextract.extract(SEED).anchors == []


def test_xlsx_stacked_tables_formats_and_notes(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append([None, "表1:工业投资"])
    ws.append([None, "开发区", "投资(亿元)", "开工率"])
    ws.append([None, "忻州", 11.6, 0.667])
    ws["D3"].number_format = "0.0%"
    ws.append([None, "原平", 21.65, 1])
    ws["C4"].number_format = "0.0"
    ws["D4"].number_format = "0.0%"
    ws.append([])
    ws.append([None, "表2:外资"])
    ws.append([None, "单位:万美元"])
    ws.append([None, "开发区", "实际利用外资"])
    ws.append([None, "宁武", 5457.19])
    ws.append([None, "注:外资按当年汇率折算。"])
    hidden = wb.create_sheet("lookup")
    hidden.append(["不该出现", 1])
    hidden.sheet_state = "hidden"
    f = tmp_path / "t.xlsx"
    wb.save(f)
    assert load_file(f).text == ("## 表1:工业投资\n\n开发区\t投资(亿元)\t开工率\n忻州\t11.6\t66.7%\n原平\t21.7\t100.0%\n\n"
                                 "## 表2:外资\n\n单位:万美元\n\n开发区\t实际利用外资\n宁武\t5457.19\n\n"
                                 "注:外资按当年汇率折算。\n")
    assert len(zhextract.extract(f).tables) == 2


def test_docx_tab_aligned_rows_are_a_table(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("单位:亿元")
    for line in ("开发区\t工业投资\t\t增速(%)", "忻州\t11.6\t\t24.1", "原平\t21.7\t\t29.6"):
        d.add_paragraph(line)
    d.add_paragraph("\t以上为初步统计。")
    f = tmp_path / "tabs.docx"
    d.save(f)
    assert load_file(f).text == "单位:亿元\n\n开发区\t工业投资\t增速(%)\n忻州\t11.6\t24.1\n原平\t21.7\t29.6\n\n以上为初步统计。\n"
    table = zhextract.extract(f).tables[0]
    assert ["忻州", "11.6", "24.1"] in [[c.text for c in r] for r in table.rows]


def test_docx_automatic_list_numbers(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in [(0, "主要指标"), (1, "工业类"), (2, "工业投资完成 24.1 亿元。"), (1, "农业类"),
                        (0, "下一步工作")]:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    f = tmp_path / "numbered.docx"
    d.save(f)
    assert load_file(f).text.split("\n\n") == ["一、主要指标", "（一）工业类", "1. 工业投资完成 24.1 亿元。",
                                                "（二）农业类", "二、下一步工作\n"]


def test_docx_skips_deleted_text_and_keeps_breaks(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    p = d.add_paragraph("工业投资完成")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    p._p.append(parse_xml(f'<w:del {w} w:id="1" w:author="a"><w:r><w:delText>20.1</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {w} w:id="2" w:author="a"><w:r><w:t>24.1</w:t></w:r></w:ins>'))
    p.add_run("亿元。")
    p.add_run().add_break()
    p.add_run("同比下降1.9%。")
    f = tmp_path / "tracked.docx"
    d.save(f)
    assert load_file(f).text == "工业投资完成24.1亿元。\n\n同比下降1.9%。\n"


# ---------------------------------------------------------------------------- bad input

def _cli(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zhextract", str(path)], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


def _fails_cleanly(path: Path, *needles: str) -> str:
    r = _cli(path)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
    msg = r.stderr.strip()
    assert "\n" not in msg, msg
    for n in needles:
        assert n in msg, msg
    return msg


def _image_only_pdf(path: Path) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (300, 200), 255)
    c = canvas.Canvas(str(path))
    for _ in range(2):
        c.drawImage(ImageReader(img), 72, 400, 300, 200)
        c.showPage()
    c.save()


def test_scanned_pdf_needs_ocr(tmp_path: Path) -> None:
    f = tmp_path / "scan.pdf"
    _image_only_pdf(f)
    _fails_cleanly(f, "no text layer", "OCR")


def test_pdf_with_a_scanned_page_warns_and_keeps_the_text(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    f = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(f))
    c.setFont("STSong-Light", 14)
    c.drawString(72, 720, "工业投资完成 24.1 亿元。")
    c.showPage()
    c.drawImage(ImageReader(Image.new("L", (300, 200), 255)), 72, 400, 300, 200)
    c.showPage()
    c.save()
    with pytest.warns(UserWarning, match=r"page\(s\) 2 .*OCR"):
        src = load_file(f)
    assert src.text == "工业投资完成 24.1 亿元。\n"


def _text_pdf(path: Path, text: str = "上半年规上工业增加值完成 39.4 亿元,增长 57.4%。", **kw) -> None:  # noqa: ANN003
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), **kw)
    c.setFont("STSong-Light", 14)
    c.drawString(72, 720, text)
    c.save()


def test_encrypted_pdf(tmp_path: Path) -> None:
    from reportlab.lib import pdfencrypt

    f = tmp_path / "locked.pdf"
    _text_pdf(f, encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner", strength=128))
    _fails_cleanly(f, "password-protected", "qpdf --decrypt")


def test_owner_password_pdf_with_unmapped_text(tmp_path: Path) -> None:
    # Opens without a password, but pdfminer cannot decode its CID text: say why and what to do.
    from reportlab.lib import pdfencrypt

    f = tmp_path / "owner.pdf"
    _text_pdf(f, encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canCopy=0))
    _fails_cleanly(f, "encrypted", "qpdf --decrypt")


def test_truncated_pdf() -> None:
    data = PDF.read_bytes()
    for cut in (len(data) // 2, 200):
        with pytest.raises(InputError, match="truncated"):
            _load_bytes(data[:cut], "x.pdf")


def test_corrupt_pdf(tmp_path: Path) -> None:
    f = tmp_path / "bad.pdf"
    f.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n" + bytes(range(256)) * 4 + b"\n%%EOF\n")
    _fails_cleanly(f, "PDF")


@pytest.mark.parametrize("fixture", [PDF, DOCX, XLSX], ids=["pdf", "docx", "xlsx"])
def test_damaged_bytes_never_traceback(fixture: Path) -> None:
    # Random byte damage (fixed seed): either the file still reads, or an InputError says why.
    import random
    import warnings

    rng = random.Random(4)
    data = fixture.read_bytes()
    for _ in range(25):
        damaged = bytearray(data)
        for _ in range(rng.choice([1, 5, 50, 500])):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                _load_bytes(bytes(damaged), f"x{fixture.suffix}")
            except InputError:
                pass


def test_damaged_pdf_one_line_on_stderr(tmp_path: Path) -> None:
    # Unparsable cross-reference entries: pdfminer logs each repair ("Not adding object 1 to xref");
    # none of that may reach the user, only our one-line message (or nothing, if the file reads).
    data = bytearray(PDF.read_bytes())
    xref = data.rindex(b"\nxref\n") + 1
    first_entry = data.index(b" f \n", xref) + 4  # after the free-list head
    for k in range(3):
        data[first_entry + 20 * k + 3: first_entry + 20 * k + 5] = b"xx"
    f = tmp_path / "xref.pdf"
    f.write_bytes(bytes(data))
    r = _cli(f)
    assert r.returncode in (0, 2) and "Traceback" not in r.stderr
    assert "Not adding" not in r.stderr and r.stderr.count("\n") <= 1, r.stderr[:500]


@pytest.mark.parametrize("fixture,suffix", [(DOCX, ".docx"), (XLSX, ".xlsx")])
def test_truncated_office_file(tmp_path: Path, fixture: Path, suffix: str) -> None:
    f = tmp_path / f"cut{suffix}"
    f.write_bytes(fixture.read_bytes()[: fixture.stat().st_size // 2])
    _fails_cleanly(f, "corrupt or truncated")


@pytest.mark.parametrize("fixture,part", [(DOCX, "word/document.xml"), (XLSX, "xl/workbook.xml")])
def test_damaged_part_in_office_file(tmp_path: Path, fixture: Path, part: str) -> None:
    f = tmp_path / f"damaged{fixture.suffix}"
    with zipfile.ZipFile(fixture) as zin, zipfile.ZipFile(f, "w") as zout:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            zout.writestr(info.filename, blob[: len(blob) // 3] if info.filename == part else blob)
    _fails_cleanly(f, "corrupt or damaged")


@pytest.mark.parametrize("name,target", [("old.doc", ".docx"), ("old.wps", ".docx"), ("old.xls", ".xlsx"),
                                         ("renamed.txt", ".docx")])
def test_legacy_ole_formats_name_the_conversion(tmp_path: Path, name: str, target: str) -> None:
    f = tmp_path / name
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "WordDocument".encode("utf-16-le"))
    _fails_cleanly(f, "legacy binary format", f"convert it to {target}", "libreoffice")


def test_pdf_named_txt_is_read_as_pdf(tmp_path: Path) -> None:
    f = tmp_path / "bulletin.txt"
    _text_pdf(f)
    doc = zhextract.extract(f)
    assert doc.format == "pdf"
    assert [(str(q.value), q.unit) for q in doc.quantities] == [("39.4", "亿元"), ("57.4", "%")]


def test_missing_library_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # import pdfplumber -> ImportError
    with pytest.raises(InputError, match=r'pip install "zhextract\[formats\]"'):
        load_file(PDF)


def _load_bytes(data: bytes, name: str):  # noqa: ANN202
    from zhextract.load import documents
    from zhextract.load.sniff import sniff_format

    path = Path(name)
    return documents.load_document(data, path, sniff_format(data, path))


def test_errors_are_input_errors() -> None:
    assert issubclass(UnsupportedFormatError, InputError)
    with pytest.raises(InputError):
        _load_bytes(b"PK\x03\x04" + b"\x00" * 40, "x.docx")
    with pytest.raises(InputError, match="no text"):
        _load_bytes(_blank_pdf(), "blank.pdf")


def _blank_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.showPage()
    c.save()
    return buf.getvalue()
