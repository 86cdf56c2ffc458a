"""Evidence that always resolves (issue 12): every evidence item of every finding and relation quotes
its own source at its offsets, for every corpus file and fixture, and for appendix workbooks given
with ``tables=`` (their text, tables, sheets and A1 cells in the output; a copy of an appendix the
document already holds checked once, against it). A Table object given is in test_checks.py, the
command line's side in test_cli_many.py."""
from __future__ import annotations

import importlib.util
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from invariants import evidence_errors

import zhextract
from zhextract.models import Document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FIX = ROOT / "tests" / "fixtures"
SEED = next(CORPUS.glob("000_*.txt"))
XLSX = FIX / "bulletin_000_tables.xlsx"
DOCUMENTS = sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "heldout").glob("*.txt")) \
    + sorted((CORPUS / "real").glob("*.txt")) + sorted(FIX.glob("*.*"))
HAS_FORMATS = all(importlib.util.find_spec(m) for m in ("pdfplumber", "docx", "openpyxl"))
needs_formats = pytest.mark.skipif(not HAS_FORMATS, reason='needs the formats extra: pip install "zhextract[dev]"')


def items(doc: Document) -> list:
    """Every evidence item of the findings and relations."""
    out = [e for f in doc.findings for e in f.evidence]
    for r in doc.relations:
        out += [e for e in [r.claim, *r.members, *r.anchors, *r.competitors] if e is not None]
    return out


@pytest.mark.parametrize("path", DOCUMENTS, ids=[str(p.relative_to(ROOT)) for p in DOCUMENTS])
def test_every_evidence_span_resolves(path: Path) -> None:
    if path.suffix in (".pdf", ".docx", ".xlsx") and not HAS_FORMATS:
        pytest.skip("needs the formats extra")
    doc = zhextract.check(path)
    assert not evidence_errors(doc)
    for e in items(doc):  # the document's own text is the input file's (a PDF's, its rendering's)
        assert e.source == 0 and doc.quote(e) == e.text


def test_the_invariant_catches_a_span_that_does_not_resolve() -> None:
    """The check above can fail: a shifted span, a table not in the output, a source not in it."""
    doc = zhextract.check(SEED)
    e = next(e for e in items(doc) if e.kind == "cell")
    e.start += 1
    assert any("!=" in m for m in evidence_errors(doc))
    e.start -= 1
    e.table = 999
    assert any("not in the output" in m for m in evidence_errors(doc))
    e.table, e.source = None, 5
    assert any("source 5" in m for m in evidence_errors(doc))


# --- appendix workbooks given apart ----------------------------------------------------------

def draft(tmp_path: Path) -> Path:
    """The seed bulletin without its appendix: what a drafter checks against the workbook."""
    text = SEED.read_text(encoding="utf-8")
    p = tmp_path / "draft.txt"
    p.write_text(text[:text.index("\n附件1\n") + 1], encoding="utf-8")
    return p


def findings(doc: Document) -> Counter:
    """Each finding by rule, status and what its evidence quotes (offsets differ between sources)."""
    return Counter((f.rule, f.status, f.message_en, tuple(sorted((e.kind, e.role, e.text) for e in f.evidence)))
                   for f in doc.findings if f.rule != "appendix_copy")


@needs_formats
def test_workbook_evidence_names_file_sheet_and_cell(tmp_path: Path) -> None:
    import openpyxl

    from zhextract.load.xlsx import _display

    doc = zhextract.check(draft(tmp_path), tables=[XLSX])
    assert not evidence_errors(doc)
    assert [(s.id, s.name, s.format) for s in doc.sources] == [(1, str(XLSX), "xlsx")]
    given = [t for t in doc.tables if t.source == 1]
    assert given and all(t.source == 0 for t in doc.tables if t not in given)
    cells = [e for e in items(doc) if e.source == 1]
    assert cells and all(e.kind == "cell" and e.file == str(XLSX) for e in cells)
    wb = openpyxl.load_workbook(XLSX)
    for e in cells:  # the A1 address opens the cell the evidence quotes, as Excel shows it
        c = wb[e.sheet][e.cell]
        assert _display(c.value, c.number_format) == e.text, (e.sheet, e.cell)
    # the workbook holds the tables the seed has in its text: the same findings, quoting the same cells
    assert findings(doc) == findings(zhextract.check(SEED))


@needs_formats
def test_a_workbook_repeating_the_appendix_is_checked_once() -> None:
    alone = zhextract.check(SEED)
    doc = zhextract.check(SEED, tables=[XLSX])
    assert not evidence_errors(doc)
    assert findings(doc) == findings(alone)  # nothing listed twice
    copies = [f for f in doc.findings if f.rule == "appendix_copy"]
    given = {t.id for t in doc.tables if t.source == 1}
    assert len(given) == len(alone.tables) and Counter(f.status for f in copies) == {"consistent": len(given)}
    for f in doc.findings:  # the copies are in the output, cited only by the findings that compare them
        cited = {e.table for e in f.evidence if e.table is not None}
        assert f.rule == "appendix_copy" or not cited & given
    for f in copies:
        assert {e.source for e in f.evidence} == {0, 1}


@needs_formats
def test_a_copy_that_disagrees_is_a_finding(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(XLSX)
    ws = wb.worksheets[0]
    number = next(c for row in ws.iter_rows(min_row=3) for c in row if isinstance(c.value, int) and c.value > 1000)
    number.value += 1000
    dropped = next(r for r in range(number.row + 1, ws.max_row) if isinstance(ws.cell(r, 1).value, int))
    ws.delete_rows(dropped)
    changed = tmp_path / "changed.xlsx"
    wb.save(changed)

    doc = zhextract.check(SEED, tables=[changed])
    assert not evidence_errors(doc)
    bad = [f for f in doc.findings if f.rule == "appendix_copy" and f.status == "mismatch"]
    assert len(bad) == 2
    cell = next(f for f in bad if len(f.evidence) == 2)
    mine, theirs = sorted(cell.evidence, key=lambda e: e.source)
    assert (theirs.sheet, theirs.cell, theirs.text) == (ws.title, number.coordinate, str(number.value))
    assert mine.role == "claim" and Decimal(mine.text) == number.value - 1000 and cell.claimed == Decimal(mine.text)
    row = next(f for f in bad if f is not cell)  # the row only the document has: cited in the document
    assert [e.source for e in row.evidence] == [0]
