"""The HTML report in a real browser: Debian's chromium, headless (tools/browser.py; .ci/run installs
it). The DOM after the report's scripts ran must hold every mismatch linked to its evidence, opening
a finding must highlight that evidence, and a screenshot must show a painted page.

Without chromium these tests are skipped, unless ZHEXTRACT_REQUIRE_BROWSER is set (CI sets it)."""
from __future__ import annotations

import importlib.util
import io
import json
import os
import sys
from pathlib import Path

import pytest
from htmlcheck import holders, parse, problems

import zhextract
from zhextract.report import html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
try:
    import browser  # tools/browser.py
finally:
    sys.path.pop(0)

SEEDS = sorted((ROOT / "corpus").glob("[0-9][0-9][0-9]_*.txt"))
PDF = ROOT / "tests" / "fixtures" / "bulletin_000.pdf"
ALL = ("mismatch", "doubtful", "rounding", "unverifiable", "consistent")
MISMATCH_BG = (0xFF, 0xD6, 0xD6)  # --mismatch-bg in report.css

if browser.chromium() is None:
    if os.environ.get("ZHEXTRACT_REQUIRE_BROWSER"):
        raise RuntimeError("ZHEXTRACT_REQUIRE_BROWSER is set but chromium is not installed")
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)


def _page(tmp_path: Path, doc: zhextract.Document) -> Path:
    page = tmp_path / "report.html"
    page.write_text(html(doc), encoding="utf-8")
    return page


def _gold_mismatches(doc: zhextract.Document, path: Path) -> list[int]:
    """The findings that flag the hand-worked gold mismatches of a seed (corpus/*.findings.json)."""
    gold = path.with_name(path.name.replace(".txt", ".findings.json"))
    if path.suffix != ".txt" or not gold.exists():
        return []
    out = []
    for g in json.loads(gold.read_text(encoding="utf-8"))["findings"]:
        if g["status"] == "mismatch":
            s, e = g["claim"]
            out += [k for k, f in enumerate(doc.findings) if f.status == "mismatch"
                    and any(ev.start < e and s < ev.end for ev in f.evidence)][:1]
    return out


CASES = [*SEEDS, PDF]


@pytest.mark.parametrize("path", CASES, ids=[p.name[:3] if p in SEEDS else p.suffix[1:] for p in CASES])
def test_dom_after_scripts(tmp_path: Path, path: Path) -> None:
    if path.suffix == ".pdf" and not importlib.util.find_spec("pdfplumber"):
        pytest.skip("the formats extra is not installed")
    doc = zhextract.check(path)
    root = parse(browser.dump_dom(_page(tmp_path, doc)))
    assert root.get("data-ready") == "1", "the report's script did not finish"
    assert not problems(doc, root, ALL)
    # the script found every evidence item of every finding in the page
    for art in root.xpath("//section[@id='findings']//article"):
        found, total = art.get("data-resolved").split("/")
        assert found == total, (art.get("id"), art.get("data-resolved"))
    for k in _gold_mismatches(doc, path):
        assert root.xpath(f"//ol[@class='jumps']//a[@data-f='{k}']"), doc.findings[k].message_en
    if path.suffix == ".pdf":
        assert len(root.xpath("//div[@class='page']")) == len({a.page for a in doc.anchors})


@pytest.mark.parametrize("path", [SEEDS[0], PDF], ids=["000", "pdf"])
def test_opening_a_mismatch_highlights_its_evidence(tmp_path: Path, path: Path) -> None:
    if path.suffix == ".pdf" and not importlib.util.find_spec("pdfplumber"):
        pytest.skip("the formats extra is not installed")
    doc = zhextract.check(path)
    k = next(k for k, f in enumerate(doc.findings) if f.status == "mismatch")
    f = doc.findings[k]
    root = parse(browser.dump_dom(_page(tmp_path, doc), fragment=f"f{k}"))
    copy = root.xpath(f"//aside[@id='panel']/article[@data-copy-of='{k}']")
    assert copy, "the panel shows the finding"
    assert f.computed is None or f"recomputed{f.computed.normalize():f}" in copy[0].text_content().replace(" ", "")
    for j, e in enumerate(f.evidence):
        els = holders(root, f"{k}:{j}")
        assert els and all("hl" in el.get("class", "").split() for el in els), (j, e.text)
        if e.role == "claim":
            assert all("claim" in el.get("class", "").split() for el in els)
    others = {key for i, g in enumerate(doc.findings) if i != k for key in (f"{i}:{j}" for j in range(len(g.evidence)))}
    lit = root.xpath("//*[@id='doc']//*[contains(concat(' ', @class, ' '), ' hl ')]")
    assert all(set(el.get("data-ev", "").split()) & {f"{k}:{j}" for j in range(len(f.evidence))} for el in lit)
    assert others  # the document has other findings, left unlit


def _pixels(png: Path) -> tuple[int, float, int]:
    """(distinct colours, share of the commonest colour, pixels of the mismatch colour)."""
    from PIL import Image

    im = Image.open(io.BytesIO(png.read_bytes())).convert("RGB")
    colours = im.getcolors(maxcolors=1 << 20) or []
    n = im.width * im.height
    top = max(c for c, _ in colours) if colours else n
    return len(colours), top / n, sum(c for c, rgb in colours if rgb == MISMATCH_BG)


@pytest.mark.parametrize("path", [SEEDS[0], PDF], ids=["000", "pdf"])
def test_screenshot_is_painted(tmp_path: Path, path: Path) -> None:
    if path.suffix == ".pdf" and not importlib.util.find_spec("pdfplumber"):
        pytest.skip("the formats extra is not installed")
    pytest.importorskip("PIL")
    doc = zhextract.check(path)
    k = next(k for k, f in enumerate(doc.findings) if f.status == "mismatch")
    png = browser.screenshot(_page(tmp_path, doc), tmp_path / "shot.png", fragment=f"show-f{k}", size=(1400, 1500))
    distinct, top, red = _pixels(png)
    assert distinct > 200 and top < 0.9, (distinct, top)  # text, colours, not a blank page
    assert red > 50, "the mismatch highlight is painted"


def test_prints_without_the_panel(tmp_path: Path) -> None:
    """The browser's print path (print CSS): summary, document and findings on paper, no side panel."""
    pdfplumber = pytest.importorskip("pdfplumber")
    doc = zhextract.check(SEEDS[0])
    pdf = browser.print_pdf(_page(tmp_path, doc), tmp_path / "printed.pdf")
    with pdfplumber.open(pdf) as printed:
        text = "".join((p.extract_text() or "").replace("\n", "").replace(" ", "") for p in printed.pages)
        pages = len(printed.pages)
    assert pages > 1
    assert "mismatchesfound" in text and "Clickafigure" not in text
    for f in doc.findings:
        if f.status == "mismatch":
            assert f.message_zh.replace(" ", "")[:12] in text, f.message_zh
