"""Files checked beside a document (``check draft.txt --tables appendix.xlsx``).

Each becomes a :class:`SourceText` in ``Document.sources`` (id 1, 2, ...; 0 is the document itself)
holding the text it was rendered to; its tables join ``Document.tables`` with ``source`` set, so
every table a finding cites is in the output, and every evidence item that quotes one is labelled
with its source, file, and for a workbook the sheet and A1 cell. A ``Table`` given as an object
(the API) gets a text of its own, its cells written as TAB rows, so its evidence resolves too.
"""
from __future__ import annotations

import os
from bisect import bisect_right
from typing import Iterable, Iterator, Optional, Union

from .limits import Limits
from .models import Anchor, Document, Evidence, Finding, Relation, SheetCell, SourceText, Table

# A Table built in code, a str holding a table's text, or an os.PathLike naming a file (a str is never a path)
TableSource = Union[Table, str, "os.PathLike[str]"]


def attach(doc: Document, sources: Optional[Iterable[TableSource]], limits: Optional[Limits] = None) -> list[Table]:
    """Add each source to ``doc.sources``; return its tables, numbered after the document's and
    carrying their source id (they are not added to ``doc.tables`` here: the checker decides)."""
    out: list[Table] = []
    for src in sources or ():
        sid = len(doc.sources) + 1
        if isinstance(src, Table):
            text, tables = _render(src)
            doc.sources.append(SourceText(id=sid, name=f"<table {src.label or sid}>", format="table", text=text))
        else:
            tables = _extract(src, doc, sid, limits)
        for t in tables:
            out.append(t.model_copy(update={"id": len(doc.tables) + len(out), "source": sid}))
    return out


def _extract(src: "str | os.PathLike[str]", doc: Document, sid: int, limits: Optional[Limits]) -> list[Table]:
    from .load import load
    from .pipeline import extract_source

    loaded = load(src, limits=limits)
    sub = extract_source(loaded)
    doc.sources.append(SourceText(
        id=sid, name=loaded.name, format=loaded.format, text=loaded.text,
        anchors=[Anchor(offset=o, page=p, char=c) for o, p, c in loaded.anchors],
        cells=[SheetCell(start=s, end=e, sheet=sh, cell=a) for s, e, sh, a in loaded.cells]))
    return sub.tables


def _render(table: Table) -> tuple[str, list[Table]]:
    """A Table built in code, written out as TAB rows; its cells' offsets re-pointed there."""
    t = table.model_copy(deep=True)
    lines: list[str] = []
    pos = 0
    for row in t.rows:
        for c in row:  # each cell is followed by a TAB, the row's last by the newline
            c.start, c.end = pos, pos + len(c.text)
            pos = c.end + 1
        pos += not row
        lines.append("\t".join(c.text for c in row) + "\n")
    text = "".join(lines)
    t.start, t.end = 0, len(text)
    t.issues = []  # their offsets pointed nowhere
    return text, [t]


def locate(doc: Document, evidence: Iterable[Evidence]) -> None:
    """Label evidence that quotes a table of another source: its source id, file, sheet and cell."""
    source_of = {t.id: t.source for t in doc.tables}
    by_id = {s.id: s for s in doc.sources}
    starts = {s.id: [c.start for c in s.cells] for s in doc.sources}
    for ev in evidence:
        sid = source_of.get(ev.table, 0) if ev.kind == "cell" else 0
        if sid == 0:
            continue
        s = by_id[sid]
        ev.source, ev.file = sid, s.name
        i = bisect_right(starts[sid], ev.start) - 1
        if i >= 0 and s.cells[i].start <= ev.start and ev.end <= s.cells[i].end:
            ev.sheet, ev.cell = s.cells[i].sheet, s.cells[i].cell


def all_evidence(findings: Iterable[Finding], relations: Iterable[Relation]) -> Iterator[Evidence]:
    """Every evidence item of the findings and the relations."""
    for f in findings:
        yield from f.evidence
    for r in relations:
        if r.claim is not None:
            yield r.claim
        yield from r.members
        yield from r.anchors
        yield from r.competitors
