"""Hostile and oversized input (issue 14): every case is a zhextract InputError (exit 2 in one line),
never a crash, a hang, a huge allocation or a file read that the caller did not ask for.

Bad files are built here from the fixtures in tests/fixtures, with one part of their XML changed.
"""
from __future__ import annotations

import importlib.util
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import zhextract
from zhextract import Limits
from zhextract.errors import (CorruptFileError, DecodeError, FileAccessError, InputError, LimitExceededError,
                              MissingDependencyError, UnsupportedFormatError, ZhextractError)

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures"
PDF, DOCX, XLSX = FIX / "bulletin_000.pdf", FIX / "bulletin_000.docx", FIX / "bulletin_000_tables.xlsx"
formats = pytest.mark.skipif(not all(importlib.util.find_spec(m) for m in ("pdfplumber", "docx", "openpyxl")),
                             reason='needs the formats extra: pip install "zhextract[formats]"')


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zhextract", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}, timeout=60)


def assert_bad_input(r: subprocess.CompletedProcess, needle: str) -> None:
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr, r.stderr
    assert needle in r.stderr, r.stderr


def patched(src: Path, dest: Path, part: str, edit) -> Path:  # noqa: ANN001 - str -> str
    """A copy of the package ``src`` with ``part``'s XML passed through ``edit``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == part:
                data = edit(data.decode("utf-8")).encode("utf-8")
            zout.writestr(info.filename, data)
    return dest


# ------------------------------------------------------------------------------------ text or path

def test_a_str_is_text_never_a_path(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("内部数据:完成投资77亿元。", encoding="utf-8")
    doc = zhextract.extract(str(secret))  # the path's characters, not the file
    assert doc.text == str(secret) and [q.value for q in doc.quantities if q.unit == "亿元"] == []
    assert zhextract.check(str(secret)).text == str(secret)
    # ... and a file is read when the caller says so: by type, or by the function's name
    for doc in (zhextract.extract(secret), zhextract.extract_file(str(secret)), zhextract.check_file(secret)):
        assert doc.source == str(secret) and "77" in [str(q.value) for q in doc.quantities]


@pytest.mark.parametrize("fragment", ["/亩,比上年增加9.3万元/亩。", "~30%的企业实现增长", "./附件.docx", "报告.txt"])
def test_fragments_that_look_like_paths_are_text(fragment: str):
    assert zhextract.extract(fragment).text == fragment


def test_other_types_are_a_type_error():
    with pytest.raises(TypeError):
        zhextract.extract(b"\xe5\xae\x8c\xe6\x88\x90")  # type: ignore[arg-type]


def test_error_classes_tell_bad_input_from_a_bug():
    kinds = [UnsupportedFormatError, FileAccessError, DecodeError, CorruptFileError, MissingDependencyError,
             LimitExceededError]
    assert all(issubclass(k, InputError) and issubclass(k, ZhextractError) for k in kinds)
    codes = [k.code for k in (InputError, *kinds)]
    assert len(set(codes)) == len(codes) and all(re.fullmatch(r"E1\d\d", c) for c in codes)
    assert all(getattr(zhextract, k.__name__) is k for k in kinds)  # exported


# ------------------------------------------------------------------------------------ not a regular file

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_devices_fifos_and_symlink_loops_in_one_line(tmp_path: Path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # no writer: reading it would wait for ever
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    for path, needle in ((fifo, "FIFO"), ("/dev/zero", "character device"), (tmp_path / "a", "symbolic link loop"),
                         (tmp_path, "directory")):
        assert_bad_input(cli(str(path)), needle)
        with pytest.raises(FileAccessError):
            zhextract.extract_file(path)
    assert_bad_input(cli("check", str(fifo)), "FIFO")


def test_a_nul_anywhere_in_a_text_file_is_binary(tmp_path: Path):
    f = tmp_path / "late.txt"
    f.write_bytes("全市完成投资10亿元。\n".encode() * 2000 + b"\x00")
    with pytest.raises(DecodeError, match="NUL"):
        zhextract.extract(f)
    f.write_bytes("完成10亿元。".encode("utf-16") + "\x00".encode("utf-16-le"))
    with pytest.raises(DecodeError, match="NUL"):
        zhextract.extract(f)


# ------------------------------------------------------------------------------------ limits

def test_text_limits():
    with pytest.raises(LimitExceededError, match="text_chars=10"):
        zhextract.extract("完成投资10亿元,增长5%。", limits=Limits(text_chars=10))
    with pytest.raises(LimitExceededError, match="line_chars=8"):
        zhextract.check("完成10亿元。\n完成投资10亿元,增长5%。\n", limits=Limits(line_chars=8))
    assert zhextract.extract("完成10亿元。\n增长5%。", limits=Limits(line_chars=8)).quantities


def test_file_size_limit_before_reading(tmp_path: Path):
    f = tmp_path / "big.txt"
    f.write_text("完成投资10亿元。" * 100, encoding="utf-8")
    with pytest.raises(LimitExceededError, match="input_bytes"):
        zhextract.extract(f, limits=Limits(input_bytes=100))
    assert_bad_input(cli(str(f), "--limit", "input_bytes=100"), "input_bytes=100")
    assert_bad_input(cli(str(f), env={"ZHEXTRACT_LIMITS": "input_bytes=100"}), "input_bytes=100")
    assert cli(str(f), "--limit", "input_bytes=100000").returncode == 0
    assert_bad_input(cli(str(f), "--limit", "pages=3"), "bad limit")


@formats
def test_pdf_pages_limit():
    with pytest.raises(LimitExceededError, match="pdf_pages=0"):
        zhextract.extract(PDF, limits=Limits(pdf_pages=0))


@formats
def test_package_limits_are_checked_from_the_zip_directory():
    with pytest.raises(LimitExceededError, match="zip_entries"):
        zhextract.extract(DOCX, limits=Limits(zip_entries=3))
    with pytest.raises(LimitExceededError, match="zip_bytes"):
        zhextract.extract(XLSX, limits=Limits(zip_bytes=1000))
    with pytest.raises(LimitExceededError, match="xml_bytes.*word/document.xml|word/document.xml.*xml_bytes"):
        zhextract.extract(DOCX, limits=Limits(xml_bytes=20_000))


@formats
def test_zip_bomb_refused_before_decompression(tmp_path: Path):
    """1 GB of zeros inside a DOCX (about 1 MB compressed): refused by its declared size, at once."""
    bomb = patched(DOCX, tmp_path / "bomb.docx", "", str)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as z, z.open("word/media/zeros.bin", "w", force_zip64=True) as f:
        chunk = bytes(2**20)
        for _ in range(1024):
            f.write(chunk)
    assert_bad_input(cli(str(bomb)), "zip_bytes")


@formats
@pytest.mark.parametrize("attr", ["gridSpan", "gridBefore"])
def test_huge_grid_span_is_a_limit(tmp_path: Path, attr: str):
    def edit(xml: str) -> str:
        tag = f'<w:tcPr><w:gridSpan w:val="300000000"/>' if attr == "gridSpan" else ""
        if tag:
            return re.sub(r"<w:tcPr>", tag, xml, count=1)
        return re.sub(r"<w:tr( [^>]*)?>", r'<w:tr\1><w:trPr><w:gridBefore w:val="300000000"/></w:trPr>', xml, count=1)

    bad = patched(DOCX, tmp_path / "span.docx", "word/document.xml", edit)
    with pytest.raises(LimitExceededError, match="grid_span"):
        zhextract.extract(bad)
    assert_bad_input(cli(str(bad)), "grid_span")


@formats
def test_grid_span_that_is_no_ascii_number_is_ignored(tmp_path: Path):
    """str.isdigit() says yes to "²"; int() says no: such a span is not a number at all."""
    bad = patched(DOCX, tmp_path / "sup.docx", "word/document.xml",
                  lambda xml: xml.replace("<w:tcPr>", '<w:tcPr><w:gridSpan w:val="²"/>', 1))
    assert zhextract.extract(bad).tables == zhextract.extract(DOCX).tables


@formats
def test_sparse_workbook_is_a_cell_limit(tmp_path: Path):
    import openpyxl

    wb = openpyxl.Workbook()
    for r in range(1, 60):
        wb.active.cell(r, 1, r)
        wb.active.cell(r, 16384, r)  # column XFD: every row pads to 16,384 cells
    wb.save(tmp_path / "sparse.xlsx")
    with pytest.raises(LimitExceededError, match="table_cells"):
        zhextract.extract(tmp_path / "sparse.xlsx")


# ------------------------------------------------------------------------------------ odd cell values

@formats
def test_extreme_numbers_in_a_workbook(tmp_path: Path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["地区", "投资", "增速"])
    ws.append(["甲区", 10**30, 1.5])
    ws.append(["乙区", 123456789, 2.5])
    ws.append(["丙区", 3, 4.5])
    ws["C3"].number_format = "0." + "0" * 30
    wb.save(tmp_path / "w.xlsx")
    bad = patched(tmp_path / "w.xlsx", tmp_path / "bad.xlsx", "xl/worksheets/sheet1.xml",
                  lambda xml: xml.replace("<v>123456789</v>", "<v>1E999</v>"))
    text = zhextract.extract(bad).text
    assert "1" + "0" * 30 in text and "2." + "5" + "0" * 29 in text and "#NUM!" in text
    r = cli("check", str(FIX.parent.parent / "corpus" / "000_b4d95e8b47a2bd0c.txt"), "--tables", str(bad))
    assert r.returncode in (0, 1) and "Traceback" not in r.stderr, r.stderr


def test_number_format_unit():
    from zhextract.load.xlsx import _number

    assert _number(10**30, "General") == "1" + "0" * 30
    assert _number(10**30, "0.00") == "1" + "0" * 30 + ".00"
    assert _number(2.5, "0." + "0" * 40) == "2." + "5" + "0" * 29  # Excel stops at 30 decimals
    assert _number(float("inf"), "General") == "#NUM!"
    assert _number(0.125, "0.0%") == "12.5%"


# ------------------------------------------------------------------------------------ XML entities

def _entity_doctype(xml: str, decl: str) -> str:
    """``xml`` with a DOCTYPE holding ``decl`` after its XML declaration, and &e; in its first text."""
    head, sep, rest = xml.partition("?>") if xml.startswith("<?xml") else ("", "", xml)
    root = re.match(r"\s*<([\w:]+)", rest).group(1)
    rest = re.sub(r"(<w:t(?: [^>]*)?>)", r"\1&e;", rest, count=1) if "<w:t" in rest else rest.replace("<t>", "<t>&e;", 1)
    return head + sep + f"<!DOCTYPE {root} [{decl}]>" + rest


@formats
@pytest.mark.parametrize("src,part", [(DOCX, "word/document.xml"), (XLSX, "xl/worksheets/sheet1.xml")])
def test_no_external_entity_is_ever_read(tmp_path: Path, src: Path, part: str):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-4711", encoding="utf-8")
    bad = patched(src, tmp_path / f"xxe{src.suffix}", part,
                  lambda xml: _entity_doctype(xml, f'<!ENTITY e SYSTEM "{secret.as_uri()}">'))
    try:
        doc = zhextract.extract(bad)
    except InputError:
        return
    assert "SECRET-4711" not in doc.text


@formats
@pytest.mark.parametrize("src,part", [(DOCX, "word/document.xml"), (XLSX, "xl/worksheets/sheet1.xml")])
def test_entity_expansion_bomb(tmp_path: Path, src: Path, part: str):
    """A billion laughs: ten levels of ten references (10**10 characters if expanded)."""
    decl = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    decl += '<!ENTITY e "&l9;">'
    bad = patched(src, tmp_path / f"lol{src.suffix}", part, lambda xml: _entity_doctype(xml, decl))
    r = cli(str(bad))
    assert r.returncode in (0, 2) and "Traceback" not in r.stderr, r.stderr
    assert "lollol" not in r.stdout
