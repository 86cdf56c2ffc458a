"""The reports a reviewer reads: the terminal report (what it lists, what it caps, places in PDF and
DOCX, colour) and the HTML page as written (escaping, self-containment, evidence that resolves).
The same page after chromium ran its scripts is tested in test_report_browser.py."""
from __future__ import annotations

import importlib.util
import io
import re
from pathlib import Path

import pytest
from htmlcheck import parse, problems

import zhextract
from zhextract.cli import main
from zhextract.report import html, render_report
from zhextract.report.common import Places
from zhextract.report.marks import Marks
from zhextract.report.text import LOOK_ITEMS, LOOK_WIDTH

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus").glob("[0-9][0-9][0-9]_*.txt"))
FIX = ROOT / "tests" / "fixtures"
formats = pytest.mark.skipif(not all(importlib.util.find_spec(m) for m in ("pdfplumber", "docx")),
                             reason="the formats extra is not installed")
ANSI = re.compile(r"\x1b\[[0-9;]*m")

# A bulletin of our own whose text, table cells and file name are markup: all of it must come out as text.
HOSTILE = """## 一、<script>alert(1)</script>投资

全市<u onclick="x()">开发区</u>完成投资12.5亿元,其中甲区7.5亿元,乙区5.0亿元。<img src=x onerror=alert(2)>项目3个。

附件1

## 投资情况表

单位:亿元

序号\t名称\t投资
1\t<em>甲区</em>\t7.5
2\t乙区</td></tr></table><script>alert(3)</script>\t5.0
\t合计\t12.5
"""


@pytest.fixture(scope="module")
def seed0() -> zhextract.Document:
    return zhextract.check(SEEDS[0])


# --------------------------------------------------------------------------- terminal report
def test_consistent_findings_one_line_per_rule_unless_all(seed0: zhextract.Document) -> None:
    short, full = render_report(seed0), render_report(seed0, all_findings=True)
    consistent = [f for f in seed0.findings if f.status == "consistent"]
    rules = {f.rule for f in consistent}
    block = short.split("CONSISTENT", 1)[1].split("==\n", 1)[1].split("\n\n", 1)[0]
    counted = dict(re.findall(r"^  (\w+): (\d+)$", block, re.M))
    assert set(counted) == rules and sum(map(int, counted.values())) == len(consistent)
    assert len(full.splitlines()) - len(short.splitlines()) >= len(consistent) - len(rules) - 1
    assert short.index("MISMATCH") < short.index("CONSISTENT") < short.index("NOT CHECKED") < short.index("summary:")


def test_look_at_lines_are_capped(seed0: zhextract.Document) -> None:
    text = render_report(seed0)
    looks = [line.strip() for line in text.splitlines() if line.strip().startswith("look at:")]
    many = [f for f in seed0.findings if f.status != "consistent" and len(f.evidence) > LOOK_ITEMS + 1]
    assert many, "seed 000 has a finding with many inputs"
    assert all(len(line) <= LOOK_WIDTH + 20 for line in looks), max(looks, key=len)
    assert any(re.search(r"… \d+ more$", line) for line in looks)
    n_more = sum(int(m) for line in looks for m in re.findall(r"… (\d+) more$", line))
    shown = sum(line.count("; ") + 1 - bool(re.search("more$", line)) for line in looks)
    listed = sum(1 for f in seed0.findings if f.status != "consistent" for e in f.evidence if e.role != "context")
    assert shown + n_more == listed  # nothing dropped without being counted


def test_unchecked_figures_listed_at_the_end(seed0: zhextract.Document) -> None:
    text = render_report(seed0)
    tail = text.split("NOT CHECKED", 1)[1]
    assert seed0.unchecked
    places = Places(seed0)
    for u in seed0.unchecked:
        fig = seed0.figures[u.figure]
        q = seed0.quantities[fig.value] if fig.value is not None else None
        assert f"{places.at(fig.start)}  {q.text if q else ''}" in tail
        assert u.reason in tail


def test_show_keeps_only_the_statuses_asked(seed0: zhextract.Document) -> None:
    text = render_report(seed0, show={"mismatch"})
    assert "MISMATCH" in text and "CONSISTENT" not in text and "NOT CHECKED" not in text and "UNVERIFIABLE" not in text


def test_colour_only_when_asked(seed0: zhextract.Document) -> None:
    plain, coloured = render_report(seed0), render_report(seed0, color=True)
    assert not ANSI.search(plain) and ANSI.search(coloured)
    assert ANSI.sub("", coloured) == plain


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_cli_colours_a_terminal_but_not_a_pipe_or_no_color(monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert main(["check", str(SEEDS[0])]) == 1
    assert not ANSI.search(capsys.readouterr().out)  # captured: not a terminal
    tty = _Tty()
    monkeypatch.setattr("sys.stdout", tty)
    main(["check", str(SEEDS[0]), "--show", "mismatch"])
    assert ANSI.search(tty.getvalue())
    monkeypatch.setenv("NO_COLOR", "1")
    tty2 = _Tty()
    monkeypatch.setattr("sys.stdout", tty2)
    main(["check", str(SEEDS[0]), "--show", "mismatch"])
    assert not ANSI.search(tty2.getvalue()) and "MISMATCH" in tty2.getvalue()


def test_cli_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "r.html"
    assert main(["check", str(SEEDS[0]), "--html", str(page), "--all"]) == 1
    out = capsys.readouterr()
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>") and str(page) in out.err
    assert "(--all lists each one)" not in out.out
    assert main(["check", str(SEEDS[0]), "--html", str(tmp_path / "no" / "r.html")]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "HTML report" in err
    assert main(["check", str(SEEDS[0]), "--show", "mismatch,bogus"]) == 2
    assert "bogus" in capsys.readouterr().err


def _pdf_pages(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [re.sub(r"\s+", "", p.extract_text() or "") for p in pdf.pages]


def _docx_blocks(path: Path) -> list[str]:
    import docx

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    body = docx.Document(str(path)).element.body
    return ["".join(t.text or "" for t in el.iter(w + "t")) for el in body.iterchildren() if el.tag in (w + "p", w + "tbl")]


def _claim_context(doc: zhextract.Document, f: zhextract.Finding) -> str:
    """The claim with the few characters before it on its line: enough to tell one page from another."""
    e = next(e for e in f.evidence if e.role == "claim")
    line_start = doc.text.rfind("\n", 0, e.start) + 1
    return re.sub(r"\s+", "", doc.text[max(line_start, e.start - 6):e.end]) if e.kind == "text" else e.text


@formats
def test_places_are_pages_and_paragraphs() -> None:
    """A PDF finding's place names the page its claim is printed on; a DOCX one the body block."""
    pdf = zhextract.check(FIX / "bulletin_000.pdf")
    pages, places = _pdf_pages(FIX / "bulletin_000.pdf"), Places(pdf)
    report = render_report(pdf)
    assert not re.search(r"\] \d+:\d+ ", report) and re.search(r"\] p\.\d+ ¶\d+ ", report)
    for f in pdf.findings:
        if f.status != "consistent":
            claim = next(e for e in f.evidence if e.role == "claim")
            assert _claim_context(pdf, f) in pages[places.page(claim.start) - 1], (f.message_en, places.at(claim.start))
    docx_doc = zhextract.check(FIX / "bulletin_000.docx")
    blocks, places = _docx_blocks(FIX / "bulletin_000.docx"), Places(docx_doc)
    assert re.search(r"\] ¶\d+ ", render_report(docx_doc))
    for f in docx_doc.findings:
        claim = next(e for e in f.evidence if e.role == "claim")
        n = int(places.at(claim.start).lstrip("¶"))
        assert claim.text.replace(" ", "") in blocks[n - 1].replace(" ", ""), (f.message_en, n)


# --------------------------------------------------------------------------- HTML, as written
def test_html_escapes_document_text() -> None:
    doc = zhextract.check(HOSTILE, name='<svg onload="alert(4)">.txt')
    page = html(doc)
    root = parse(page)
    assert page.count("<script") == 1  # the report's own
    assert not root.xpath("//img | //svg | //em | //u") and not root.xpath("//@*[starts-with(name(), 'on')]")
    text = root.text_content()
    for markup in ("<script>alert(1)</script>", '<u onclick="x()">', "<img src=x onerror=alert(2)>", "<em>甲区</em>",
                   '<svg onload="alert(4)">'):
        assert markup in text, markup
    assert "</td></tr></table><script>alert(3)</script>" in text
    assert doc.findings and not problems(doc, root, ("mismatch", "doubtful", "rounding", "unverifiable", "consistent"))


def test_html_is_self_contained(seed0: zhextract.Document) -> None:
    page = html(seed0)
    root = parse(page)
    assert not re.search(r"(?i)\b(?:https?:|//[a-z0-9])", page.replace("http-equiv", ""))
    assert not root.xpath("//link | //img | //iframe | //object | //script[@src] | //*[@src]")
    assert all(h.startswith("#") for h in root.xpath("//a/@href"))
    assert root.xpath("//style") and "@media print" in root.xpath("//style")[0].text


@pytest.mark.parametrize("path", SEEDS, ids=[p.name[:3] for p in SEEDS])
def test_html_marks_every_figure_and_resolves_every_evidence(path: Path) -> None:
    doc = zhextract.check(path)
    root = parse(html(doc))
    assert not problems(doc, root, ("mismatch", "doubtful", "rounding", "unverifiable", "consistent"))
    marks = root.xpath("//main[@id='doc']//mark")
    spans = {(doc.quantities[q].start, doc.quantities[q].end) for fig in doc.figures
             for q in ([fig.value] if fig.value is not None else []) + [c.quantity for c in fig.comparisons] + fig.conditions}
    # one mark per value; a value broken over lines (a repaired line break) has one piece per line
    assert len(marks) == sum(sum(1 for piece in doc.text[a:b].split("\n") if piece) for a, b in spans)
    # each mark is coloured by the worst finding whose claim it holds
    by_status = {m.get("id"): m.get("data-status") for m in marks}
    for k, f in enumerate(doc.findings):
        for j, e in enumerate(f.evidence):
            if e.role == "claim" and e.kind == "text" and f.status == "mismatch":
                holder = root.xpath(f"//*[contains(concat(' ', @data-ev, ' '), ' {k}:{j} ')]/ancestor-or-self::*"
                                    f"[self::mark or self::td][1]")
                assert holder and holder[0].get("data-status") == "mismatch"
    unchecked = [m for m in marks if m.get("data-status") == "unchecked"]
    assert all(m.get("data-why") for m in unchecked)
    assert len(unchecked) >= sum(1 for m in Marks(doc).figure_marks if m.why and not m.findings)
    assert set(by_status.values()) <= {"mismatch", "doubtful", "rounding", "unverifiable", "consistent", "unchecked", "none"}
    # the summary lists each mismatch and doubtful finding
    jumps = root.xpath("//ol[@class='jumps']/li")
    assert len(jumps) == sum(f.status in ("mismatch", "doubtful") for f in doc.findings)


def test_html_tables_are_tables_with_their_cells(seed0: zhextract.Document) -> None:
    root = parse(html(seed0))
    tables = root.xpath("//main[@id='doc']//table")
    assert len(tables) == len(seed0.tables)
    for t, el in zip(seed0.tables, tables):
        body = el.xpath("./tbody/tr[not(@class='raw')]")
        assert len(body) == len(t.rows)
        for r, row in enumerate(t.rows):
            tds = body[r].xpath("./td")
            for c in row:
                assert tds[c.col].text_content() == seed0.text[c.start:c.end]


@formats
def test_html_pdf_has_page_dividers_and_places() -> None:
    doc = zhextract.check(FIX / "bulletin_000.pdf")
    root = parse(html(doc))
    pages = sorted({a.page for a in doc.anchors})
    assert [int(d.get("data-page")) for d in root.xpath("//div[@class='page']")] == pages
    assert root.xpath("//p[@class='ln']/span[@class='place']")[0].text.startswith("p.1 ¶")
    assert not problems(doc, root, ("mismatch", "doubtful", "rounding", "unverifiable", "consistent"))


WITH_TABLES = [p for p in sorted((ROOT / "corpus" / "heldout").glob("h*.txt")) if "\t" in p.read_text(encoding="utf-8")
               or "|" in p.read_text(encoding="utf-8")][:6] + SEEDS[:1]


@pytest.mark.parametrize("path", WITH_TABLES, ids=[p.name[:3] for p in WITH_TABLES])
def test_html_loses_no_text(path: Path) -> None:
    """Every line of the document is in the page: as a paragraph, or as a table's cells; only the
    lines of a table's header give way to the header built from its columns."""
    doc = zhextract.check(path)
    main_el = parse(html(doc)).xpath("//main[@id='doc']")[0]
    rendered = "".join(main_el.itertext())
    cell_lines = {doc.text.rfind("\n", 0, c.start) + 1 for t in doc.tables for row in t.rows for c in row}
    header_zone = [(t.start, min(c.start for row in t.rows for c in row)) for t in doc.tables if t.rows]
    tds = {"".join(td.itertext()) for td in main_el.xpath(".//td")}
    pos = 0
    for line in doc.text.split("\n"):
        if line.strip() and pos not in cell_lines and not any(a <= pos < b for a, b in header_zone):
            assert line.strip() in rendered, line
        pos += len(line) + 1
    for t in doc.tables:
        assert all(x.strip() in rendered for x in (t.unit_line, t.source_line, t.title) if x)
        for row in t.rows:
            assert all(doc.text[c.start:c.end] in tds for c in row)
