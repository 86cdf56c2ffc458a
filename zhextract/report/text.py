"""The terminal report: findings grouped by status, mismatches and doubtful first, each with the
sentence (or table row) it is about, the claim, the recomputation and where to look; consistent
findings counted per rule unless all are asked for; the figures no rule checked at the end."""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Optional

from ..models import Document, Evidence, Finding
from .common import ORDER, TITLE, Places, cell_name, claim, numbers

LOOK_ITEMS = 4  # evidence items shown in a "look at" line before "… N more"
LOOK_WIDTH = 220  # characters of a "look at" line, items included
QUOTE_WIDTH = 40  # characters of one quoted evidence text
SENTENCE_WIDTH = 160

# ANSI SGR codes, used only when the caller asks for colour (stdout is a terminal, NO_COLOR unset).
_SGR = {"mismatch": "1;31", "doubtful": "1;33", "rounding": "35", "unverifiable": "36", "consistent": "32",
        "unchecked": "2", "head": "1", "dim": "2"}


class _Paint:
    def __init__(self, on: bool) -> None:
        self.on = on

    def __call__(self, style: str, s: str) -> str:
        return f"\x1b[{_SGR[style]}m{s}\x1b[0m" if self.on else s


def cut(s: str, width: int) -> str:
    """At most ``width`` characters, the cut shown with "…"."""
    return s if len(s) <= width else s[:width - 1] + "…"


def _sentence(doc: Document, ev: Evidence, places: Places) -> str:
    """The sentence around a text claim; the whole row for a table cell."""
    if ev.kind == "cell":
        text = doc.source_text(ev.source)
        if ev.source:  # a workbook beside the document: the row as its own text renders it
            s, e = text.rfind("\n", 0, ev.start) + 1, text.find("\n", ev.start)
            return text[s:e if e >= 0 else len(text)].replace("\t", " | ").strip()
        s, e = places.line_span(ev.start, len(doc.text))
        return doc.text[s:e].replace("\t", " | ").strip()
    for st in doc.sentences:
        if st.start <= ev.start < st.end:
            return doc.text[st.start:st.end].replace("\n", "").strip()
    s, e = places.line_span(ev.start, len(doc.text))
    return doc.text[s:e].strip()


def look_at(doc: Document, evidence: Iterable[Evidence], places: Places) -> str:
    """Where to look, as many items as fit LOOK_ITEMS and LOOK_WIDTH, then "… N more"."""
    items = []
    for e in evidence:
        if e.role == "context":
            continue
        tag = cell_name(doc, e)
        label = f" ({cut(e.label, QUOTE_WIDTH)})" if e.label else ""
        items.append(f"{places.of(e)} {tag + ' ' if tag else ''}{cut(e.text, QUOTE_WIDTH)!r}{label}")
    line, shown = "look at: ", 0
    for item in items:
        if shown and (shown == LOOK_ITEMS or len(line) + len(item) > LOOK_WIDTH):
            break
        line += ("; " if shown else "") + item
        shown += 1
    if shown < len(items):
        line += f"; … {len(items) - shown} more"
    return line


def _finding(doc: Document, f: Finding, places: Places, paint: _Paint, brief: bool = False) -> list[str]:
    """A finding in full; ``brief``: its head, the reason and where to look (for unverifiable ones,
    whose inputs are missing: there is no arithmetic to show)."""
    ev = claim(f)
    where = places.of(ev) if ev else "?"
    pad = "      "
    head = f"  {paint(f.status, f'[{f.rule}]')} {where}  {f.message_zh}"
    if brief:
        return [head, f"{pad}reason: {f.reason or f.message_en}", pad + look_at(doc, f.evidence, places)]
    out = [head, pad + paint("dim", f.message_en)]
    if ev is not None:
        out.append(f"{pad}sentence: {cut(_sentence(doc, ev, places), SENTENCE_WIDTH)}")
    out.append(pad + numbers(f))
    out.append(f"{pad}formula: {f.formula}")
    if f.reason:
        out.append(f"{pad}reason: {f.reason}")
    if f.doubt:
        out.append(f"{pad}doubt: {f.doubt}")
    out.append(pad + look_at(doc, f.evidence, places))
    return out


def _one_line(f: Finding, places: Places) -> str:
    ev = claim(f)
    return f"  [{f.rule}] {places.of(ev) if ev else '?'}  {cut(f.message_zh, SENTENCE_WIDTH)}"


def _unchecked(doc: Document, places: Places, paint: _Paint) -> list[str]:
    """The figures no verdict reached, grouped by the reason, each at its place."""
    by_reason: dict[str, list[str]] = {}
    for u in doc.unchecked:
        fig = doc.figures[u.figure]
        q = doc.quantities[fig.value] if fig.value is not None else None
        what = q.text if q is not None else doc.text[fig.start:fig.end]
        by_reason.setdefault(u.reason, []).append(f"    {places.at(fig.start)}  {what} {cut(fig.indicator or '', 30)}")
    out = ["", paint("head", f"== {TITLE['unchecked']} ({len(doc.unchecked)}) ==")]
    for reason, rows in by_reason.items():
        out.append(f"  {paint('dim', reason)} ({len(rows)})")
        out += rows
    return out


def render_report(doc: Document, *, all_findings: bool = False, show: Optional[Iterable[str]] = None,
                  color: bool = False) -> str:
    """The readable report. ``all_findings`` lists every consistent finding (else one line per rule)
    and unverifiable ones in full (else head, reason and place);
    ``show`` keeps only those statuses ("unchecked" for the figures no rule checked); ``color``
    adds ANSI colours (for a terminal)."""
    places, paint = Places(doc), _Paint(color)
    keep = set(show) if show is not None else set(ORDER) | {"unchecked"}
    out = [paint("head", f"zhextract check: {doc.source}") + (f" ({doc.format})" if doc.format != "text" else "")]
    s = doc.summary
    if s is not None:
        out.append(f"figures {s.figures}, checked {s.checked} ({s.coverage:.0%}); findings {s.findings}: "
                   f"{s.mismatch} mismatch, {s.doubtful} doubtful, {s.rounding} rounding, {s.unverifiable} unverifiable, "
                   f"{s.consistent} consistent; {len(doc.unchecked)} not checked")
    for status in ORDER:
        group = [f for f in doc.findings if f.status == status]
        if not group or status not in keep:
            continue
        out += ["", paint("head", f"== {TITLE[status]} ({len(group)}) ==")]
        if status != "consistent":
            for f in group:
                out += _finding(doc, f, places, paint, brief=status == "unverifiable" and not all_findings)
        elif all_findings:
            out += [_one_line(f, places) for f in group]
        else:
            per_rule = Counter(f.rule for f in group)
            out += [f"  {paint('consistent', rule)}: {n}" for rule, n in per_rule.most_common()]
            out.append(paint("dim", "  (--all lists each one)"))
    if doc.unchecked and "unchecked" in keep:
        out += _unchecked(doc, places, paint)
    out.append("")
    if s is not None:
        verdict = paint("mismatch", "mismatches found") if s.mismatch else paint("consistent", "no mismatch")
        out.append(f"summary: {verdict}; {s.checked}/{s.figures} figures checked ({s.coverage:.1%}); "
                   f"consistent {s.consistent}, mismatch {s.mismatch}, doubtful {s.doubtful}, rounding {s.rounding}, "
                   f"unverifiable {s.unverifiable}")
    return "\n".join(out) + "\n"
