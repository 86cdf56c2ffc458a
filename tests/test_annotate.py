"""The draft back with the findings as Word comments (issue 15): exactly one comment per mismatch and
doubtful finding, anchored on exactly the claimed figure's characters, and nothing else changed."""
from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

import zhextract
from zhextract.models import Document

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures"
SEEDS = sorted((ROOT / "corpus").glob("00[0-4]_*.txt"))
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
WA = f'xmlns:w="{W_NS}"'

pytestmark = pytest.mark.skipif(not all(importlib.util.find_spec(m) for m in ("docx", "openpyxl", "reportlab")),
                                reason='needs the dev extras: pip install "zhextract[dev]"')

sys.path.insert(0, str(ROOT / "tools"))
import make_fixtures as mf  # noqa: E402


# ---------------------------------------------------------------------------- reading a result

_HIDDEN = {W + "del", W + "moveFrom", W + "txbxContent", "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}


def anchored_texts(path: Path) -> dict[int, str]:
    """Comment id -> the displayed text between its range start and end, in document order."""
    import docx

    body = docx.Document(str(path)).element.body
    open_ids: set[int] = set()
    out: dict[int, str] = {}
    for el in body.iter():
        if el.tag == W + "commentRangeStart":
            open_ids.add(int(el.get(W + "id")))
            out.setdefault(int(el.get(W + "id")), "")
        elif el.tag == W + "commentRangeEnd":
            open_ids.discard(int(el.get(W + "id")))
        elif el.tag == W + "t" and not any(a.tag in _HIDDEN for a in el.iterancestors()):
            for i in open_ids:
                out[i] += el.text or ""
    return out


def comments(path: Path) -> list[Any]:
    import docx

    return list(docx.Document(str(path)).comments)


def flagged(doc: Document) -> list[Any]:
    return [f for f in doc.findings if f.status in ("mismatch", "doubtful")]


def claim_of(f: Any) -> Any:
    return next(e for e in f.evidence if e.role == "claim")


def in_body(doc: Document, f: Any) -> bool:
    c = claim_of(f)
    return c.source == 0 and (c.kind == "text" or c.table is not None)


# ---------------------------------------------------------------------------- the seeds as drafts

@pytest.fixture(scope="module")
def seed_drafts(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Document, Path]]:
    """Each seed bulletin as a Word draft (tools/make_fixtures.py), checked and annotated."""
    out = []
    d = tmp_path_factory.mktemp("seeds")
    for seed in SEEDS:
        draft = d / f"{seed.stem[:3]}.docx"
        mf.build_docx(mf.parse_seed(seed.read_text(encoding="utf-8")), draft)
        checked = zhextract.check(draft)
        reviewed = d / f"{seed.stem[:3]}_reviewed.docx"
        zhextract.annotate(checked, reviewed)
        out.append((draft, checked, reviewed))
    return out


def test_the_seeds_have_findings_to_annotate(seed_drafts: list) -> None:
    assert sum(len(flagged(c)) for _, c, _ in seed_drafts) >= 5


def test_one_comment_per_finding_on_exactly_the_claimed_figure(seed_drafts: list) -> None:
    for draft, checked, reviewed in seed_drafts:
        got = comments(reviewed)
        texts = anchored_texts(reviewed)
        assert all(c.author == "zhextract" and c.timestamp is not None for c in got)
        # (figure as written in the input, message) for each finding; (commented text, message) per comment
        want = sorted((checked.text[claim_of(f).start:claim_of(f).end], f.message_zh) for f in flagged(checked))
        have = sorted((texts[c.comment_id], c.text.split("\n")[1]) for c in got)
        assert have == want, draft.name
        for f in flagged(checked):
            assert claim_of(f).text.replace(" ", "") == checked.text[claim_of(f).start:claim_of(f).end].replace(" ", "")


def test_comment_says_claimed_recomputed_formula_and_where_the_inputs_are(seed_drafts: list) -> None:
    _, checked, reviewed = seed_drafts[0]
    f = next(f for f in flagged(checked) if f.rule == "aggregate_vs_table")
    text = next(c.text for c in comments(reviewed) if f.message_zh in c.text)
    assert text.startswith("zhextract 核对：不一致\n")
    assert f"写为 {f.claimed}，复算为 {f.computed}" in text
    assert f"算式：{f.formula}" in text
    first_input = next(e for e in f.evidence if e.role == "input")
    table = checked.tables[first_input.table]
    assert f"表格「{table.label} {table.title}」" in text and f"：{first_input.text}" in text


def test_the_draft_is_only_read(seed_drafts: list, tmp_path: Path) -> None:
    draft, checked, _ = seed_drafts[0]
    before = hashlib.sha256(draft.read_bytes()).hexdigest()
    zhextract.annotate(checked, tmp_path / "again.docx", highlight=True, annotate_all=True)
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == before


def test_the_annotated_draft_reads_as_the_same_text(seed_drafts: list) -> None:
    for draft, checked, reviewed in seed_drafts:
        again = zhextract.check(reviewed)
        assert again.text == checked.text
        assert [(f.rule, f.status, f.message_zh) for f in again.findings] == \
               [(f.rule, f.status, f.message_zh) for f in checked.findings]


# ---------------------------------------------------------------------------- a draft with everything

def tiny_png() -> bytes:
    """A valid 2×2 PNG, built here (zlib and CRCs), for the image the draft must keep."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def rich_draft(path: Path) -> None:
    """Styles, a numbered paragraph, a figure split over differently formatted runs, a hyperlink,
    tracked changes, an earlier comment, a table, an image, a header and a footer."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "某县统计简报 第3期"
    d.sections[0].footer.paragraphs[0].text = "第1页"
    d.add_heading("某县经济运行简况", level=0)
    h = d.add_heading("一、总体情况", level=2)
    d.add_comment(h.runs, text="标题请再斟酌", author="审稿人", initials="SG")
    p = d.add_paragraph("全县地区生产总值")
    p.add_run("12").bold = True
    p.add_run("0.5亿元，其中第一产业").italic = True
    p.add_run("15.2亿元，第二产业48.3亿元，第三产业60.1亿元。")
    d.add_paragraph("一般公共预算收入8.6亿元，其中税收收入6.1亿元，非税收入2.9亿元。", style="List Number")
    p = d.add_paragraph("全县出生率为10.2‰，死亡率为")
    p._p.append(parse_xml(f'<w:del {WA} w:id="901" w:author="a" w:date="2021-01-01T00:00:00Z">'
                          '<w:r><w:delText>5.9‰</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {WA} w:id="902" w:author="a" w:date="2021-01-01T00:00:00Z">'
                          '<w:r><w:t>6.1‰</w:t></w:r></w:ins>'))
    p.add_run("，自然增长率为")
    rid = p.part.relate_to("https://example.org/rates", RT.HYPERLINK, is_external=True)
    p._p.append(parse_xml(f'<w:hyperlink {WA} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                          f'relationships" r:id="{rid}"><w:r><w:t>4.6‰</w:t></w:r></w:hyperlink>'))
    p.add_run("。")
    d.add_paragraph("全县常住人口35.2万人，其中城镇人口20.1万人，乡村人口15.1万人。")
    t = d.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "指标", (0, 1): "数值", (1, 0): "人口", (1, 1): "35.2"}.items():
        t.cell(r, c).text = text
    d.add_paragraph().add_run().add_picture(io.BytesIO(tiny_png()))
    d.save(str(path))


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Document, Path]:
    d = tmp_path_factory.mktemp("rich")
    draft, reviewed = d / "draft.docx", d / "reviewed.docx"
    rich_draft(draft)
    checked = zhextract.check(draft)
    zhextract.annotate(checked, reviewed)
    return draft, checked, reviewed


def test_rich_draft_figures_across_runs_in_lists_links_and_insertions(rich: tuple) -> None:
    draft, checked, reviewed = rich
    anchored = anchored_texts(reviewed)
    mine = {c.comment_id: c.text for c in comments(reviewed) if c.author == "zhextract"}
    assert sorted(anchored[i] for i in mine) == sorted(
        checked.text[claim_of(f).start:claim_of(f).end] for f in flagged(checked))
    # 120.5亿元 spans a bold and an italic run; 8.6亿元 sits behind a list number; 4.6‰ is a link's text
    assert {"120.5亿元", "8.6亿元", "4.6‰"} <= set(anchored[i] for i in mine)
    assert anchored_texts(draft) == {0: "一、总体情况"}  # the earlier comment ...
    assert anchored[0] == "一、总体情况" and comments(reviewed)[0].author == "审稿人"  # ... is kept


def test_split_runs_keep_their_formatting(rich: tuple) -> None:
    import docx

    _, _, reviewed = rich
    p = next(p for p in docx.Document(str(reviewed)).paragraphs if p.text.startswith("全县地区生产总值"))
    runs = [(r.text, bool(r.bold), bool(r.italic)) for r in p.runs if r.text]
    assert runs == [("全县地区生产总值", False, False), ("12", True, False), ("0.5亿元", False, True),
                    ("，其中第一产业", False, True), ("15.2亿元，第二产业48.3亿元，第三产业60.1亿元。", False, False)]


def test_comment_reference_stays_out_of_links_and_insertions(rich: tuple) -> None:
    import docx

    _, _, reviewed = rich
    body = docx.Document(str(reviewed)).element.body
    refs = list(body.iter(W + "commentReference"))
    assert refs and all(r.getparent().getparent().tag == W + "p" for r in refs)


def _canonical_body(xml: bytes, drop_ids: set[str]) -> bytes:
    """document.xml with the comments ``drop_ids`` removed and runs merged where they were split:
    adjacent sibling runs with the same properties become one, with their text joined."""
    from lxml import etree

    root = etree.fromstring(xml)
    for el in list(root.iter(W + "commentRangeStart", W + "commentRangeEnd", W + "commentReference")):
        if el.get(W + "id") in drop_ids:
            parent = el.getparent()
            if el.tag == W + "commentReference":
                parent.getparent().remove(parent)  # the run holding the reference
            else:
                parent.remove(el)
    for parent in list(root.iter()):
        prev = None
        for el in list(parent):
            if prev is not None and el.tag == prev.tag == W + "r" and _props(el) == _props(prev) \
                    and all(c.tag == W + "t" for c in el if c.tag != W + "rPr") \
                    and all(c.tag == W + "t" for c in prev if c.tag != W + "rPr"):
                last = [c for c in prev if c.tag == W + "t"][-1]
                for t in [c for c in el if c.tag == W + "t"]:
                    last.text = (last.text or "") + (t.text or "")
                parent.remove(el)
                continue
            prev = el
    for t in root.iter(W + "t"):
        t.attrib.pop("{http://www.w3.org/XML/1998/namespace}space", None)
    return etree.tostring(root, method="c14n")


def _props(r: Any) -> bytes:
    from lxml import etree

    rpr = r.find(W + "rPr")
    return etree.tostring(rpr, method="c14n") + repr(sorted(r.attrib.items())).encode() if rpr is not None \
        else repr(sorted(r.attrib.items())).encode()


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _same_xml(a: bytes, b: bytes) -> bool:
    from lxml import etree

    return etree.tostring(etree.fromstring(a), method="c14n") == etree.tostring(etree.fromstring(b), method="c14n")


def test_everything_else_survives(rich: tuple, seed_drafts: list) -> None:
    from lxml import etree

    for draft, _, reviewed in [rich] + seed_drafts:
        before, after = _parts(draft), _parts(reviewed)
        assert set(before) <= set(after)
        old_comments = set()
        if "word/comments.xml" in before:
            old = etree.fromstring(before["word/comments.xml"])
            new = etree.fromstring(after["word/comments.xml"])
            assert [etree.tostring(c, method="c14n") for c in old] == \
                   [etree.tostring(c, method="c14n") for c in new][:len(old)]
            old_comments = {c.get(W + "id") for c in old}
        new_ids = {c.get(W + "id") for c in etree.fromstring(after.get("word/comments.xml", b"<x/>"))} - old_comments
        assert _canonical_body(before["word/document.xml"], set()) == \
               _canonical_body(after["word/document.xml"], new_ids), draft.name
        for name, data in before.items():
            if name in ("word/document.xml", "word/comments.xml"):
                continue
            if name.endswith((".xml", ".rels")):
                if name in ("[Content_Types].xml", "word/_rels/document.xml.rels"):  # the comments part joins
                    old_items = {etree.tostring(e, method="c14n") for e in etree.fromstring(data)}
                    assert old_items <= {etree.tostring(e, method="c14n") for e in etree.fromstring(after[name])}
                else:
                    assert _same_xml(data, after[name]), name
            else:
                assert data == after[name], name  # images and other binary parts, byte for byte


def test_the_canonical_comparison_sees_a_changed_figure(rich: tuple, tmp_path: Path) -> None:
    """The survival test can fail: a digit changed inside a split run is noticed."""
    draft, _, reviewed = rich
    parts = _parts(reviewed)
    ids = {c.get(W + "id") for c in __import__("lxml.etree").etree.fromstring(parts["word/comments.xml"])} - {"0"}
    changed = parts["word/document.xml"].replace("0.5亿元".encode(), "0.6亿元".encode())
    assert changed != parts["word/document.xml"]
    assert _canonical_body(_parts(draft)["word/document.xml"], set()) != _canonical_body(changed, ids)


# ---------------------------------------------------------------------------- options

def test_annotate_all_notes_agreeing_figures_and_highlight_colours_by_status(rich: tuple, tmp_path: Path) -> None:
    import docx
    from docx.enum.text import WD_COLOR_INDEX

    draft, checked, _ = rich
    out = tmp_path / "all.docx"
    done = zhextract.annotate(checked, out, annotate_all=True, highlight=True)
    notes = [c.text for c in comments(out) if c.text.startswith(("核对一致", "按其他舍入方式一致"))]
    assert done.notes == len(notes) and done.comments == len(flagged(checked))
    agreeing = {(claim_of(f).start, claim_of(f).end) for f in checked.findings if f.status == "consistent"} - \
               {(claim_of(f).start, claim_of(f).end) for f in flagged(checked)}
    assert len(notes) == len(agreeing) > 0
    from docx.text.run import Run

    colours = {}
    for r in docx.Document(str(out)).element.body.iter(W + "r"):
        run = Run(r, None)
        if run.font.highlight_color is not None:
            colours[run.text] = run.font.highlight_color
    # 120.5亿元 is in two runs (bold, italic), 4.6‰ inside a hyperlink: each run is coloured, nothing else
    assert colours["12"] == colours["0.5亿元"] == colours["4.6‰"] == WD_COLOR_INDEX.RED
    assert "，其中第一产业" not in colours
    assert WD_COLOR_INDEX.BRIGHT_GREEN in colours.values()


def test_findings_in_an_appendix_workbook_are_listed_at_the_top(tmp_path: Path) -> None:
    # the draft without its appendix, which the workbook holds (a workbook repeating an appendix the
    # draft has is matched to it and checked once, in the draft)
    xlsx = FIX / "bulletin_000_tables.xlsx"
    seed = next(p for p in SEEDS if p.name.startswith("000"))
    text = seed.read_text(encoding="utf-8")
    draft = tmp_path / "draft.docx"
    mf.build_docx(mf.parse_seed(text[:text.index("\n附件1\n") + 1]), draft)
    checked = zhextract.check(draft, tables=[xlsx])
    out = tmp_path / "with_tables.docx"
    done = zhextract.annotate(checked, out)
    away = [f for f in flagged(checked) if not in_body(checked, f)]
    assert away and done.elsewhere == away
    assert done.comments == len(flagged(checked)) - len(away)
    top = [c.text for c in comments(out) if "无法就地批注" in c.text]
    assert len(top) == 1 and all(f.message_zh in top[0] for f in away)
    assert "工作簿 bulletin_000_tables.xlsx 工作表「附件2」" in top[0]


# ---------------------------------------------------------------------------- command line

def run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "zhextract", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def test_cli_annotates_and_exits_as_check(tmp_path: Path) -> None:
    out = tmp_path / "reviewed.docx"
    r = run("check", str(FIX / "bulletin_000.docx"), "--annotate", str(out), "--tables",
            str(FIX / "bulletin_000_tables.xlsx"))
    assert r.returncode == 1 and "MISMATCH" in r.stdout.upper()
    assert r.stderr.strip().startswith(f"zhextract: wrote {out}: 5 comments") and len(r.stderr.splitlines()) == 1
    # the workbook repeats the draft's own appendix: matched to it and checked once, so every finding
    # is on a figure of the draft and none is listed at the top
    assert len(comments(out)) == 5


@pytest.mark.parametrize("name", ["pdf", "text"])
def test_cli_annotate_needs_a_docx(name: str, tmp_path: Path) -> None:
    src = FIX / "bulletin_000.pdf" if name == "pdf" else SEEDS[0]
    r = run("check", str(src), "--annotate", str(tmp_path / "x.docx"))
    assert r.returncode == 2 and len(r.stderr.splitlines()) == 1
    assert "give the draft's .docx" in r.stderr and "report" in r.stderr
    assert not (tmp_path / "x.docx").exists()


def test_cli_bad_docx_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    good = (FIX / "bulletin_000.docx").read_bytes()
    bad.write_bytes(good[: len(good) // 2])
    r = run("check", str(bad), "--annotate", str(tmp_path / "x.docx"))
    assert r.returncode == 2 and len(r.stderr.splitlines()) == 1 and "Traceback" not in r.stderr


def test_cli_password_protected_docx_one_line(tmp_path: Path) -> None:
    # An encrypted Office file is an OLE container whose streams include "EncryptedPackage".
    f = tmp_path / "locked.docx"
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le")
                  + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 1024)
    r = run("check", str(f), "--annotate", str(tmp_path / "x.docx"))
    assert r.returncode == 2 and len(r.stderr.splitlines()) == 1
    assert "password" in r.stderr


def test_cli_never_overwrites_the_draft(tmp_path: Path) -> None:
    draft = tmp_path / "draft.docx"
    shutil.copy(FIX / "bulletin_000.docx", draft)
    before = draft.read_bytes()
    r = run("check", str(draft), "--annotate", str(draft))
    assert r.returncode == 2 and "overwrite the draft" in r.stderr
    assert draft.read_bytes() == before


def test_cli_options_need_annotate() -> None:
    r = run("check", str(FIX / "bulletin_000.docx"), "--highlight")
    assert r.returncode == 2 and len(r.stderr.splitlines()) == 1


# ---------------------------------------------------------------------------- LibreOffice opens it

def _pdf_notes(pdf: Path) -> list[str]:
    """The texts of a PDF's annotations, read with pdfminer (LibreOffice 7.4 writes popups without the
    Rect that pdfplumber's own annotation list requires)."""
    import pdfplumber
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    out = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            for ref in resolve1(page.page_obj.annots) or []:
                contents = resolve1(resolve1(ref).get("Contents"))
                if isinstance(contents, bytes):
                    out.append(decode_text(contents))
    return out


def _soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have LibreOffice (.ci/run installs libreoffice-writer-nogui)")
        pytest.skip("LibreOffice (soffice) is not installed here")
    return exe


def test_libreoffice_opens_every_annotated_draft_with_its_comments(seed_drafts: list, rich: tuple,
                                                                   tmp_path: Path) -> None:
    """LibreOffice converts each annotated draft and exports every comment as a PDF annotation."""
    exe = _soffice()
    drafts = seed_drafts + [rich]
    files = [str(reviewed) for _, _, reviewed in drafts]
    r = subprocess.run([exe, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
                        'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
                        "--outdir", str(tmp_path), *files], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    for _, checked, reviewed in drafts:
        pdf = tmp_path / (reviewed.stem + ".pdf")
        assert pdf.exists(), r.stdout + r.stderr
        notes = _pdf_notes(pdf)
        assert sorted(n.split("\n")[1] for n in notes if n.startswith("zhextract")) == \
               sorted(f.message_zh for f in flagged(checked)), reviewed.name


# ---------------------------------------------------------------------------- the hand-written XML

def _para(xml_runs: str) -> Any:
    from docx.oxml import parse_xml

    return parse_xml(f"<w:p {WA}>{xml_runs}</w:p>")


def _runs(p: Any) -> list[str]:
    """Each run as its text, with '|' where a run holds pieces other than text (and a '~' for a hyphen)."""
    out = []
    for r in p.iter(W + "r"):
        out.append("".join(c.text if c.tag == W + "t" else ("~" if c.tag == W + "noBreakHyphen" else "|")
                           for c in r if c.tag != W + "rPr"))
    return out


@pytest.mark.parametrize("runs,span,want", [
    ("<w:r><w:t>增长12.5%以上</w:t></w:r>", (2, 7), ["增长", "12.5%", "以上"]),  # inside one run
    ("<w:r><w:t>12.5%以上</w:t></w:r>", (0, 5), ["12.5%", "以上"]),  # at a run's start: one split
    ("<w:r><w:t>增长12.5%</w:t></w:r>", (2, 7), ["增长", "12.5%"]),  # at its end
    ("<w:r><w:t>12.5%</w:t></w:r>", (0, 5), ["12.5%"]),  # the whole run: nothing to split
    ("<w:r><w:t>增长1</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>2.5</w:t></w:r><w:r><w:t>%以上</w:t></w:r>",
     (2, 7), ["增长", "1", "2.5", "%", "以上"]),  # over three runs
    ("<w:r><w:t>共</w:t><w:tab/><w:t>12个</w:t><w:br/><w:t>项目</w:t></w:r>", (1, 4), ["共|", "12个", "|项目"]),
    ("<w:r><w:t>代码A</w:t><w:noBreakHyphen/><w:t>12</w:t></w:r>", (2, 6), ["代码", "A~12"]),
])
def test_isolate_splits_runs_at_the_span_edges(runs: str, span: tuple[int, int], want: list[str]) -> None:
    from zhextract.annotator.runs import block_chars, isolate, runs_between

    p = _para(runs)
    text = "".join(c.ch for c in block_chars(p))
    chars = block_chars(p)[span[0]:span[1]]
    first, last = isolate(chars)
    assert _runs(p) == want
    covered = "".join("".join(c.text or "" for c in r if c.tag == W + "t") + ("-" if r.find(W + "noBreakHyphen") is not None else "")
                      for r in runs_between(first, last))
    assert covered.replace("-", "") == text[span[0]:span[1]].replace("-", "")
    assert all(r.find(W + "rPr/" + W + "b") is not None for r in p.iter(W + "r") if "2.5" == "".join(
        t.text for t in r.iter(W + "t")))  # a split run keeps its properties


def test_isolate_twice_on_one_run(tmp_path: Path) -> None:
    """Two figures in one run: the second is found afresh after the first split."""
    from zhextract.annotator.runs import block_chars, isolate

    p = _para("<w:r><w:t>收入8.6亿元，支出9.1亿元。</w:t></w:r>")
    isolate(block_chars(p)[2:7])
    isolate(block_chars(p)[10:15])
    assert _runs(p) == ["收入", "8.6亿元", "，支出", "9.1亿元", "。"]


def test_body_map_will_not_place_a_span_in_a_list_label() -> None:
    """A span in the rendered "1. " of a numbered paragraph has no run: None, never a neighbour."""
    from docx.oxml import parse_xml

    from zhextract.annotator.runs import BodyMap

    body = parse_xml(f"<w:body {WA}><w:p><w:r><w:t>收入8.6亿元。</w:t></w:r></w:p></w:body>")
    text = "1. 收入8.6亿元。\n"
    m = BodyMap(body, text, [(0, 1, 0)])
    assert [c.ch for c in m.chars(5, 10)] == list("8.6亿元")
    assert m.chars(0, 1) is None  # the label's digit
    # a block whose text no longer matches its runs is refused as a whole
    assert BodyMap(body, "1. 收入8.7亿元。\n", [(0, 1, 0)]).chars(5, 10) is None


def test_doubtful_comment_names_the_doubt_and_the_sentence_of_its_input() -> None:
    from decimal import Decimal

    from zhextract.annotator.texts import Places, comment_text
    from zhextract.models import Evidence, Finding

    doc = zhextract.check("全县财政收入10.0亿元。其中税收收入6.1亿元，占财政收入的65.0%。")
    s = doc.text.index("6.1亿元")
    f = Finding(rule="share", status="doubtful", claimed=Decimal("65.0"), computed=Decimal("61.0"),
                tolerance=Decimal("0.05"), formula="share = part / whole", message_zh="占比 65.0%:6.1 ÷ 10.0 = 61.0%",
                message_en="", doubt="the whole may be another figure",
                evidence=[Evidence(kind="text", start=s, end=s + 5, text="6.1亿元", label="part")])
    text = comment_text(f, Places(doc))
    assert text.splitlines()[:5] == ["zhextract 核对：存疑", "占比 65.0%:6.1 ÷ 10.0 = 61.0%",
                                     "写为 65.0，复算为 61.0（允许误差 ±0.05）", "算式：share = part / whole",
                                     "存疑：the whole may be another figure"]
    assert "· 正文“其中税收收入【6.1亿元】，占财政收入的65.0%。”（part）" in text.splitlines()  # its own sentence only
