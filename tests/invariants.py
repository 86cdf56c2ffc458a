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
            # the span runs from its cue to its number: it starts at no digit inside another number
            cq = doc.quantities[c.quantity] if 0 <= c.quantity < len(doc.quantities) else None
            if cq is not None and not c.start <= cq.start:
                errors.append(f"figure {f.id} {c.type}: span starts at {c.start}, after its number at {cq.start}")
            inside = next((q for q in doc.quantities if q.start < c.start < q.end), None)
            if inside is not None:
                errors.append(f"figure {f.id} {c.type}: span {original[c.start:c.end]!r} starts inside {inside.text!r}")
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
        if t.source:  # a table of a file given beside the document: see evidence_errors
            continue
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
            if ev.source == 0:
                span(f"finding {i} ({finding.rule}) evidence", ev.start, ev.end, ev.text)
    return errors + evidence_errors(doc)


def evidence_errors(doc: Document) -> list[str]:
    """Every evidence item of every finding and relation quotes its own source (the document, or a
    file given beside it) at its offsets; a table it cites is in the output, from that same source;
    a cell of a workbook given beside the document names its file, sheet and A1 cell."""
    errors: list[str] = []
    tables = {t.id: t for t in doc.tables}
    sources = {s.id: s for s in doc.sources}
    items = [(f"finding {i} ({f.rule})", e) for i, f in enumerate(doc.findings) for e in f.evidence]
    for r in doc.relations:
        for e in [r.claim, *r.members, *r.anchors, *r.competitors]:
            if e is not None:
                items.append((f"relation {r.id} ({r.kind})", e))
    for what, e in items:
        if e.source != 0 and e.source not in sources:
            errors.append(f"{what}: source {e.source} is not in the output")
            continue
        text = doc.source_text(e.source)
        if not 0 <= e.start <= e.end <= len(text) or text[e.start:e.end] != e.text:
            errors.append(f"{what}: {e.text!r} != source {e.source} [{e.start}:{e.end}] {text[e.start:e.end]!r}")
        if e.kind == "cell":
            t = tables.get(e.table)  # type: ignore[arg-type]
            if t is None:
                errors.append(f"{what}: table {e.table} is not in the output")
            elif t.source != e.source:
                errors.append(f"{what}: table {e.table} is from source {t.source}, the evidence says {e.source}")
            elif not t.start <= e.start <= e.end <= t.end:
                errors.append(f"{what}: cell {e.start}..{e.end} outside table {t.id} {t.start}..{t.end}")
        if e.source:
            s = sources[e.source]
            if e.file != s.name:
                errors.append(f"{what}: file {e.file!r} is not source {e.source}'s name {s.name!r}")
            if s.format == "xlsx" and e.kind == "cell" and not (e.sheet and e.cell):
                errors.append(f"{what}: a workbook cell without its sheet and A1 address")
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
