"""What an HTML report must hold, read from its DOM: as written (tests/test_report.py) or after
chromium ran its scripts (tests/test_report_browser.py). Imported as ``from htmlcheck import ...``."""
from __future__ import annotations

from typing import Iterable

from lxml import html as lhtml

from zhextract.models import Document


def parse(page: str) -> lhtml.HtmlElement:
    return lhtml.document_fromstring(page)


def holders(root: lhtml.HtmlElement, key: str) -> list[lhtml.HtmlElement]:
    """The elements of the rendered document that hold evidence ``key`` ("3:0"), in document order."""
    return _index(root).get(key, [])


_INDEXES: dict[int, tuple[lhtml.HtmlElement, dict[str, list[lhtml.HtmlElement]]]] = {}


def _index(root: lhtml.HtmlElement) -> dict[str, list[lhtml.HtmlElement]]:
    """Evidence key -> elements, built once per parsed page (one XPath per key is quadratic)."""
    kept = _INDEXES.get(id(root))
    if kept is None or kept[0] is not root:
        index: dict[str, list[lhtml.HtmlElement]] = {}
        for el in root.xpath("//*[@id='doc']//*[@data-ev]"):
            for key in el.get("data-ev").split():
                index.setdefault(key, []).append(el)
        kept = _INDEXES[id(root)] = (root, index)
    return kept[1]


def problems(doc: Document, root: lhtml.HtmlElement, statuses: Iterable[str] = ("mismatch", "doubtful")) -> list[str]:
    """Every finding of these statuses is in the page, in the summary's jump list if it is a mismatch
    or doubtful, and each of its evidence items resolves: elements that quote exactly the text the
    evidence points at, and a link from the finding to the first of them."""
    out = []
    ids = set(root.xpath("//@id"))
    wanted = set(statuses)
    articles = {a.get("id"): a for a in root.xpath("//section[@id='findings']//article")}
    jumps = {a.get("data-f"): a for a in root.xpath("//ol[@class='jumps']//a[@class='jump']")}
    for k, f in enumerate(doc.findings):
        if f.status not in wanted:
            continue
        art = [articles[f"f{k}"]] if f"f{k}" in articles else []
        if not art or art[0].get("data-status") != f.status:
            out.append(f"finding {k} ({f.status}) not in the findings list")
            continue
        if f.status in ("mismatch", "doubtful"):
            jump = jumps.get(str(k))
            if jump is None or jump.get("href", "#")[1:] not in ids:
                out.append(f"finding {k} has no working jump in the summary")
        for j, e in enumerate(f.evidence):
            key = f"{k}:{j}"
            els = holders(root, key)
            quoted = doc.text[e.start:e.end]
            got = "".join(el.text_content() for el in els)
            in_cell = any(el.tag == "td" for el in els)
            if not els or (got != quoted if not in_cell else quoted not in got):
                out.append(f"finding {k} evidence {j} {quoted!r} resolves to {got!r}")
                continue
            link = art[0].xpath(f".//a[@class='ev-link' or starts-with(@class, 'ev-link ')][@data-for='{key}']")
            if not link or link[0].get("href") != f"#{els[0].get('id')}":
                out.append(f"finding {k} evidence {j}: no link to #{els[0].get('id')}")
    return out
