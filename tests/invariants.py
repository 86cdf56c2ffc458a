"""Invariants every extraction must satisfy, shared by the corpus tests and the robustness suite.

Imported by test modules as ``from invariants import ...`` (pytest puts ``tests/`` on sys.path,
as the directory has no ``__init__.py``).
"""
from __future__ import annotations

import zhextract
from zhextract import Document
from zhextract.repair import _MARKUP, _rules

def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def as_read(text: str) -> str:
    """``text`` after repair's character fixes (width, traditional characters, OCR misreadings, markup, invisible
    characters) with whitespace dropped: what a table cell's ``text`` holds for its slice."""
    text = text.translate(_rules().table)
    for rx, replacement in _rules().ocr:
        text = rx.sub(replacement, text)
    return "".join(_MARKUP.sub("", text).split())


NUMERAL = set("0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千")


def lost_numerals(doc: Document) -> list[tuple[int, str]]:
    """Digits and Chinese numerals that are neither in a quantity, a skipped entry nor a table:
    (offset, context) of each. An empty list means no number was silently dropped."""
    covered = bytearray(len(doc.text))
    spans = [(q.start, q.end) for q in doc.quantities] + [(k.start, k.end) for k in doc.skipped] \
        + [(t.start, t.end) for t in doc.tables]
    for s, e in spans:
        covered[s:e] = b"\x01" * (e - s)
    return [(i, doc.text[max(0, i - 8):i + 8]) for i, ch in enumerate(doc.text) if ch in NUMERAL and not covered[i]]


def offset_errors(doc: Document, original: str) -> list[str]:
    """Every record's span lies in the original input (0 <= start <= end <= len), and a record that
    carries ``text`` (quantity, skipped, table cell, finding evidence) holds exactly that slice.
    Sentences are left out of the slice test and table cells are compared as read: their ``text``
    is the repaired text by design."""
    n = len(original)
    errors: list[str] = []

    def span(what: str, start: int, end: int, text: str | None = None) -> None:
        if not 0 <= start <= end <= n:
            errors.append(f"{what}: span {start}..{end} outside 0..{n}")
        elif text is not None and original[start:end] != text:
            errors.append(f"{what}: text {text!r} != original[{start}:{end}] {original[start:end]!r}")

    if doc.text != original:
        errors.append("Document.text is not the input")
    for q in doc.quantities:
        span(f"quantity {q.id}", q.start, q.end, q.text)
    for k in doc.skipped:
        span(f"skipped {k.reason}", k.start, k.end, k.text)
    for f in doc.figures:
        span(f"figure {f.id}", f.start, f.end)
        span(f"figure {f.id} sentence", f.sentence.start, f.sentence.end)
        if not f.sentence.start <= f.start <= f.end <= f.sentence.end:
            errors.append(f"figure {f.id}: anchor {f.start}..{f.end} outside its sentence "
                          f"{f.sentence.start}..{f.sentence.end}")
        for name in ("indicator_span", "entity_span"):
            sp = getattr(f, name)
            if sp is not None:
                span(f"figure {f.id} {name}", sp.start, sp.end)
        for c in f.comparisons:
            span(f"figure {f.id} {c.type}", c.start, c.end)
        refs = [f.value, *f.conditions, *(c.quantity for c in f.comparisons), *(c.target for c in f.comparisons)]
        for qid in refs:
            if qid is not None and not 0 <= qid < len(doc.quantities):
                errors.append(f"figure {f.id}: quantity id {qid} out of range")
        if f.parent is not None and not 0 <= f.parent < len(doc.figures):
            errors.append(f"figure {f.id}: parent {f.parent} out of range")
    for s in doc.sections:
        span(f"section {s.title!r}", s.start, s.end)
    for st in doc.sentences:
        span("sentence", st.start, st.end)
    for t in doc.tables:
        span(f"table {t.id}", t.start, t.end)
        for row in t.rows:
            for c in row:  # a cell's text is the repaired cell (see Cell.text): compared as read
                span(f"table {t.id} cell {c.row},{c.col}", c.start, c.end)
                # Repair may drop page furniture (a "— 1 —" line) inside the cell's span: the cell
                # reads as what is left of its slice, in order.
                if 0 <= c.start <= c.end <= n and not _subsequence(as_read(c.text), as_read(original[c.start:c.end])):
                    errors.append(f"table {t.id} cell {c.row},{c.col}: text {c.text!r} does not read "
                                  f"original[{c.start}:{c.end}] {original[c.start:c.end]!r}")
        for issue in t.issues:
            span(f"table {t.id} issue", issue.start, issue.end)
    for i, finding in enumerate(doc.findings):
        for ev in finding.evidence:
            span(f"finding {i} ({finding.rule}) evidence", ev.start, ev.end, ev.text)
    return errors


def assert_sound(text: str, *, checked: bool = True) -> zhextract.Document:
    """Run the pipeline on ``text`` and assert every invariant; returns the checked document."""
    first = zhextract.extract(text)
    doc = zhextract.check(text) if checked else zhextract.extract(text)
    assert first.model_dump_json(exclude={"findings", "summary", "relations", "unchecked"}) == doc.model_dump_json(exclude={"findings", "summary", "relations", "unchecked"}), "not deterministic"
    errors = offset_errors(doc, text)
    assert not errors, errors[:5]
    lost = lost_numerals(doc)
    assert not lost, lost[:5]
    return doc
