"""A readable reconciliation report: findings grouped by status, mismatches first, each with the
sentence (or table row) it is about, the claim, the recomputation, and where to look (line:column)."""
from __future__ import annotations

from bisect import bisect_right
from typing import Optional

from .checks.arith import fmt
from .models import Document, Evidence, Finding

_ORDER = ("mismatch", "doubtful", "rounding", "unverifiable", "consistent")
_TITLE = {"mismatch": "MISMATCH 不一致", "doubtful": "DOUBTFUL 存疑 (a reading to confirm, not an error)", "rounding": "ROUNDING 仅在其他舍入方式下一致",
          "unverifiable": "UNVERIFIABLE 无法核对", "consistent": "CONSISTENT 一致"}


class _Lines:
    """Offsets to 1-based line:column, as editors show them."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def at(self, pos: int) -> str:
        i = bisect_right(self.starts, pos) - 1
        return f"{i + 1}:{pos - self.starts[i] + 1}"

    def line_span(self, pos: int, text_len: int) -> tuple[int, int]:
        i = bisect_right(self.starts, pos) - 1
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else text_len
        return self.starts[i], end


def _claim(f: Finding) -> Optional[Evidence]:
    return next((e for e in f.evidence if e.role == "claim"), f.evidence[0] if f.evidence else None)


def _sentence(doc: Document, ev: Evidence, lines: _Lines) -> str:
    """The sentence around a text claim; the whole row for a table cell."""
    if ev.kind == "cell":
        text = doc.source_text(ev.source)
        s, e = (lines if ev.source == 0 else _Lines(text)).line_span(ev.start, len(text))
        return text[s:e].replace("\t", " | ").strip()
    for st in doc.sentences:
        if st.start <= ev.start < st.end:
            return doc.text[st.start:st.end].replace("\n", "").strip()
    s, e = lines.line_span(ev.start, len(doc.text))
    return doc.text[s:e].strip()


def _place(ev: Evidence, lines: _Lines) -> str:
    """line:column in the document; file, sheet and cell (or offset) in a file given beside it."""
    if ev.source == 0:
        return lines.at(ev.start)
    return f"{ev.file} {ev.sheet}!{ev.cell}" if ev.sheet else f"{ev.file} @{ev.start}"


def _table_name(doc: Document, tid: int) -> str:
    t = next((t for t in doc.tables if t.id == tid), None)
    return (t.label if t is not None and t.label else None) or f"table {tid + 1}"


def _num(d: object) -> str:
    return fmt(d) if d is not None else "—"  # type: ignore[arg-type]


def _finding(doc: Document, f: Finding, lines: _Lines, verbose: bool) -> list[str]:
    ev = _claim(f)
    where = _place(ev, lines) if ev else "?"
    head = f"[{f.rule}] {where}  {f.message_zh}"
    if not verbose:
        return [f"  {head}"]
    out = [f"  {head}", f"      {f.message_en}"]
    if ev is not None:
        out.append(f"      sentence: {_sentence(doc, ev, lines)}")
    claim = f"claimed {_num(f.claimed)}"
    if f.computed is not None:
        claim += f", recomputed {_num(f.computed)}"
    if f.tolerance is not None:
        claim += f" (tolerance ±{_num(f.tolerance)})"
    if f.basis:
        claim += f", {f.basis}"
    out.append(f"      {claim}")
    out.append(f"      formula: {f.formula}")
    if f.reason:
        out.append(f"      reason: {f.reason}")
    if f.doubt:
        out.append(f"      doubt: {f.doubt}")
    look = []
    for e in f.evidence:
        if e.role == "context":
            continue
        tag = f"{_table_name(doc, e.table)} r{(e.row or 0) + 1}c{(e.col or 0) + 1} " \
            if e.kind == "cell" and e.table is not None else ""
        look.append(f"{_place(e, lines)} {tag}{e.text!r}{' (' + e.label + ')' if e.label else ''}")
    out.append("      look at: " + "; ".join(look))
    return out


def render_report(doc: Document) -> str:
    lines = _Lines(doc.text)
    out = [f"zhextract check: {doc.source}"]
    s = doc.summary
    if s is not None:
        out.append(f"figures {s.figures}, checked {s.checked} ({s.coverage:.0%}); findings {s.findings}: "
                   f"{s.mismatch} mismatch, {s.doubtful} doubtful, {s.rounding} rounding, {s.unverifiable} unverifiable, {s.consistent} consistent")
    for status in _ORDER:
        group = [f for f in doc.findings if f.status == status]
        if not group:
            continue
        out.append("")
        out.append(f"== {_TITLE[status]} ({len(group)}) ==")
        for f in group:
            out += _finding(doc, f, lines, verbose=status != "consistent")
    if doc.unchecked:
        out.append("")
        out.append(f"== NOT CHECKED 未核对 ({len(doc.unchecked)}) ==")
        for u in doc.unchecked:
            fig = doc.figures[u.figure]
            q = doc.quantities[fig.value] if fig.value is not None else None
            what = q.text if q is not None else doc.text[fig.start:fig.end]
            out.append(f"  {lines.at(fig.start)}  {what} {fig.indicator or ''}: {u.reason}")
    out.append("")
    if s is not None:
        verdict = "mismatches found" if s.mismatch else "no mismatch"
        out.append(f"summary: {verdict}; {s.checked}/{s.figures} figures checked ({s.coverage:.1%}); "
                   f"consistent {s.consistent}, mismatch {s.mismatch}, doubtful {s.doubtful}, rounding {s.rounding}, unverifiable {s.unverifiable}")
    return "\n".join(out) + "\n"
