"""The HTML report: one self-contained page (inline CSS and JS, nothing fetched) with the summary and
the list of mismatches and doubtful findings at the top, the document itself with every figure
coloured by status and its tables as HTML tables, and every finding with links to its evidence.

All document text is untrusted and goes out through ``html.escape``. Every element that holds
evidence carries ``data-ev`` ("3:0 7:2": finding 3's evidence 0, …) and an id, so a finding's
evidence links resolve without scripts; the script adds the side panel, the highlighting, and
``data-resolved`` on each finding (how many of its evidence items it found in the page).
"""
from __future__ import annotations

from bisect import bisect_left
from html import escape
from importlib import resources
from pathlib import PurePath
from typing import Iterable, Optional

from ..models import Cell, Document, Finding, Table
from .common import ORDER, TITLE, Places, cell_name, claim, num
from .marks import CellKey, Mark, Marks, evidence_key

_STATUS_LABEL = {"mismatch": "mismatch 不一致", "doubtful": "doubtful 存疑", "rounding": "rounding only 仅舍入",
                 "unverifiable": "unverifiable 无法核对", "consistent": "consistent 一致", "unchecked": "not checked 未核对",
                 "none": "no finding of its own"}
_SEPARATOR = set("|-:+= \t")  # a markdown table's rule line


def _e(s: object) -> str:
    return escape(str(s), quote=True)


def _header_line(raw: str, leaves: set[str]) -> bool:
    """A line of a table's header: cells split by TAB or pipe, or two column names side by side."""
    return "\t" in raw or "|" in raw or sum(leaf in raw for leaf in leaves) >= 2


def _static(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


class _Page:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.marks = Marks(doc)
        self.places = Places(doc)
        self.first_id: dict[str, str] = {}  # evidence key -> id of the first element holding it
        self.mark_ids: dict[int, str] = {}  # id() of a figure mark -> its element id
        self._longest = max((e - s for s, e, _ in self.marks.text_evidence), default=0)
        self._n = 0

    # ------------------------------------------------------------------ ids and attributes
    def _new_id(self, prefix: str, keys: Iterable[str]) -> str:
        self._n += 1
        el = f"{prefix}{self._n}"
        for key in keys:
            self.first_id.setdefault(key, el)
        return el

    def _tip(self, m: Mark) -> str:
        """The hover text of a mark: each finding's status, rule and numbers, or why it is unchecked."""
        lines = []
        for k in m.findings[:4]:
            f = self.doc.findings[k]
            lines.append(f"{f.status} · {f.rule}: claimed {num(f.claimed)}"
                         + (f", recomputed {num(f.computed)}" if f.computed is not None else "")
                         + (f" (±{num(f.tolerance)})" if f.tolerance is not None else ""))
            lines.append(f"    {f.formula}")
        if len(m.findings) > 4:
            lines.append(f"… {len(m.findings) - 4} more")
        if not lines and m.why:
            lines.append(f"not checked: {m.why}")
        return "\n".join(lines)

    def _mark_attrs(self, m: Mark, keys: list[str], prefix: str, cls: str = "") -> str:
        status, as_input = m.status(self.doc)
        el = self._new_id(prefix, keys)
        self.mark_ids.setdefault(id(m), el)  # a value broken over lines: its first piece
        attrs = f' id="{el}" class="{cls}st-{status}{" in" if as_input else ""}" data-status="{status}"'
        if m.findings:
            attrs += f' data-f="{" ".join(map(str, m.findings))}"'
        if keys:
            attrs += f' data-ev="{" ".join(keys)}"'
        if m.why and not m.findings:
            attrs += f' data-why="{_e(m.why)}"'
        tip = self._tip(m)
        return attrs + (f' title="{_e(tip)}"' if tip else "")

    # ------------------------------------------------------------------ text
    def _inline(self, a: int, b: int) -> str:
        """Text [a, b) with its figure marks and evidence spans, in one sweep over the cut points:
        marks never overlap, and evidence spans are cut at mark edges so the elements nest."""
        text = self.doc.text
        marks = self.marks.overlapping(a, b)
        evs = [(max(s, a), min(e, b), k) for s, e, k in self._evidence_near(a, b)]  # sorted by start
        cuts = sorted({a, b} | {p for m in marks for p in (m.start, m.end) if a < p < b}
                      | {p for s, e, _ in evs for p in (s, e) if a < p < b})
        out: list[str] = []
        open_mark: Optional[Mark] = None
        on_mark: set[str] = set()  # the keys the open mark holds itself
        active: list[tuple[int, int, str]] = []
        mi = ei = 0
        for x, y in zip(cuts, cuts[1:]):
            while ei < len(evs) and evs[ei][0] <= x:
                active.append(evs[ei])
                ei += 1
            active = [t for t in active if t[1] > x]
            while mi < len(marks) and marks[mi].end <= x:
                mi += 1
            m = marks[mi] if mi < len(marks) and marks[mi].start <= x else None
            if m is not open_mark:
                if open_mark is not None:
                    out.append("</mark>")
                if m is not None:
                    keys = [k for s, e, k in active if s <= m.start and m.end <= e]
                    on_mark = set(keys)
                    out.append(f"<mark{self._mark_attrs(m, keys, 'm')}>")
                open_mark = m
            keys = [k for _, _, k in active if not (open_mark and k in on_mark)]
            piece = _e(text[x:y])
            out.append(f'<span id="{self._new_id("s", keys)}" class="ev" data-ev="{" ".join(keys)}">{piece}</span>'
                       if keys else piece)
        if open_mark is not None:
            out.append("</mark>")
        return "".join(out)

    def _evidence_near(self, a: int, b: int) -> list[tuple[int, int, str]]:
        """The text evidence spans that overlap [a, b), by bisection (none is longer than the longest)."""
        ev = self.marks.text_evidence
        i = bisect_left(ev, (a - self._longest,))
        j = bisect_left(ev, (b,))
        return [t for t in ev[i:j] if a < t[1]]

    def _gutter(self, pos: int) -> str:
        return str(self.places.line(pos)) if self.doc.format == "text" else self.places.at(pos)

    def _line(self, a: int, b: int) -> str:
        raw = self.doc.text[a:b]
        if not raw.strip():
            return ""
        cls = "ln h" if raw.lstrip().startswith("#") else "ln"
        return (f'<p class="{cls}" id="L{self.places.line(a)}"><span class="place">{_e(self._gutter(a))}</span>'
                f"{self._inline(a, b)}</p>")

    def _lines(self, a: int, b: int) -> Iterable[tuple[int, int]]:
        text = self.doc.text
        while a < b:
            e = text.find("\n", a, b)
            e = b if e < 0 else e
            yield a, e
            a = e + 1

    def _page_break(self, pos: int, last_page: list[Optional[int]]) -> str:
        """A PDF page boundary as a divider, so the reader sees where each page begins."""
        if self.doc.format != "pdf":
            return ""
        page = self.places.page(pos)
        if page is None or page == last_page[0]:
            return ""
        last_page[0] = page
        return f'<div class="page" data-page="{page}">page {page}</div>'

    def body(self) -> str:
        out, a = [], 0
        last_page: list[Optional[int]] = [None]
        for t in sorted(self.marks.tables.values(), key=lambda t: t.start):
            if t.start < a:  # overlaps the table before it: its text is already out
                continue
            for s, e in self._lines(a, t.start):
                out.append(self._page_break(s, last_page) + self._line(s, e))
            out.append(self._page_break(t.start, last_page) + self._table(t))
            a = t.end
        for s, e in self._lines(a, len(self.doc.text)):
            out.append(self._page_break(s, last_page) + self._line(s, e))
        return "\n".join(x for x in out if x)

    # ------------------------------------------------------------------ tables
    def _table(self, t: Table, *, own_text: bool = True) -> str:
        """A table as written: the lines around it as text, header from its columns, body from its cells."""
        width = max([len(t.columns)] + [c.col + 1 for row in t.rows for c in row])
        body_lines = {self.places.line(c.start) for row in t.rows for c in row} if own_text else set()
        first, last = (min(body_lines), max(body_lines)) if body_lines else (0, 0)
        before, after, raw_rows = [], [], {}
        leaves = {c.leaf for c in t.columns if c.leaf}
        known = {x.strip() for x in (t.unit_line, t.source_line, t.title) if x}
        for s, e in (self._lines(t.start, t.end) if own_text else ()):
            line, raw = self.places.line(s), self.doc.text[s:e]
            if line < first:  # header lines become <thead>; the 单位 line and notes stay text
                if raw.strip() in known or raw.strip().startswith("单位") or not _header_line(raw, leaves):
                    before.append(self._line(s, e))
            elif line > last:
                after.append(self._line(s, e))
            elif line not in body_lines and set(raw) - _SEPARATOR:
                raw_rows[line] = f'<tr class="raw"><td colspan="{width}">{self._inline(s, e)}</td></tr>'
        rows = []
        for r, cells in enumerate(t.rows):
            line = self.places.line(cells[0].start) if cells and own_text else -1
            rows += [v for k, v in sorted(raw_rows.items()) if k < line]
            raw_rows = {k: v for k, v in raw_rows.items() if k >= line}
            rows.append(self._row(t, r, cells, width, own_text))
        rows += [v for _, v in sorted(raw_rows.items())]
        caption = f"<caption>{_e(' '.join(x for x in (t.label, t.title) if x))}</caption>" if not own_text else ""
        return ("".join(before) + f'<div class="tbl"><table id="t{t.id}" data-table="{t.id}">{caption}'
                f'{self._thead(t)}<tbody>{"".join(rows)}</tbody></table></div>' + "".join(after))

    def _row(self, t: Table, r: int, cells: list[Cell], width: int, own_text: bool) -> str:
        by_col = {c.col: c for c in cells}
        tds = []
        for col in range(width):
            c = by_col.get(col)
            if c is None:
                tds.append("<td></td>")
                continue
            key: CellKey = (t.id, r, col)
            keys = self.marks.cell_evidence.get(key, [])
            m = self.marks.cells.get(key)
            text = self.doc.text[c.start:c.end] if own_text else c.text
            num_cls = ' class="n"' if c.value is not None else ""
            if m is None and not keys:
                tds.append(f"<td{num_cls}>{_e(text)}</td>")
                continue
            attrs = self._mark_attrs(m or Mark(c.start, c.end), keys, f"t{t.id}r{r}c{col}-", "cell n " if num_cls else "cell ")
            tds.append(f"<td{attrs}>{_e(text)}</td>")
        total = ' class="total"' if r == t.total_row else ""
        return f'<tr{total}>{"".join(tds)}</tr>'

    @staticmethod
    def _thead(t: Table) -> str:
        """Multi-level headers from the column paths: a group spans its columns, a leaf the levels below."""
        cols = t.columns
        if not cols:
            return ""
        paths = [c.path or [""] for c in cols]
        depth = max(len(p) for p in paths)
        rows = []
        for lvl in range(depth):
            ths, i = [], 0
            while i < len(cols):
                p = paths[i]
                if lvl < len(p) - 1:  # a group name: merge the neighbours under the same group
                    j = i
                    while j + 1 < len(cols) and len(paths[j + 1]) > lvl + 1 and paths[j + 1][:lvl + 1] == p[:lvl + 1]:
                        j += 1
                    ths.append(f'<th colspan="{j - i + 1}">{_e(p[lvl])}</th>')
                    i = j + 1
                    continue
                if lvl == len(p) - 1:
                    unit = f'<small>{_e(cols[i].unit)}</small>' if cols[i].unit else ""
                    ths.append(f'<th rowspan="{depth - lvl}">{_e(p[lvl])}{unit}</th>')
                i += 1
            rows.append(f"<tr>{''.join(ths)}</tr>")
        return f"<thead>{''.join(rows)}</thead>"

    # ------------------------------------------------------------------ findings
    def _where(self, f: Finding) -> str:
        ev = claim(f)
        if ev is None:
            return "?"
        name = cell_name(self.doc, ev)
        return f"{self.places.of(ev)}{' ' + name if name else ''}"

    def _finding(self, k: int, f: Finding) -> str:
        ev = claim(f)
        target = self.first_id.get(evidence_key(k, f.evidence.index(ev))) if ev is not None else None
        rows = [("claimed", num(f.claimed))]
        if f.computed is not None:
            rows.append(("recomputed", num(f.computed)))
        if f.tolerance is not None:
            rows.append(("tolerance", f"±{num(f.tolerance)}"))
        rows += [(name, v) for name, v in (("basis", f.basis), ("formula", f.formula), ("reason", f.reason),
                                           ("doubt", f.doubt)) if v]
        dl = "".join(f"<dt>{n}</dt><dd>{_e(v)}</dd>" for n, v in rows)
        evs = []
        for j, e in enumerate(f.evidence):
            key = evidence_key(k, j)
            href = self.first_id.get(key)
            name = cell_name(self.doc, e)
            label = f" <small>{_e(e.label)}</small>" if e.label else ""
            where = f"{self.places.of(e) if e.kind == 'text' or e.table in self.marks.tables or e.source else ''} {name}".strip()
            link = f' href="#{href}"' if href else ""
            evs.append(f'<li class="role-{e.role}"><a class="ev-link" data-for="{key}"{link}><span class="where">{_e(where)}</span> '
                       f"<q>{_e(e.text)}</q>{label} <small>{e.role}</small></a></li>")
        jump = f' href="#{target}"' if target else ""
        return (f'<article class="finding st-{f.status}" id="f{k}" data-f="{k}" data-status="{f.status}">'
                f'<header><span class="badge st-{f.status}">{_e(_STATUS_LABEL[f.status])}</span> '
                f'<a class="jump" data-f="{k}"{jump}>{_e(self._where(f))}</a> <code>{_e(f.rule)}</code></header>'
                f'<p class="zh">{_e(f.message_zh)}</p><p class="en">{_e(f.message_en)}</p>'
                f'<dl>{dl}</dl><ul class="evidence">{"".join(evs)}</ul></article>')

    def findings(self) -> str:
        out = []
        for status in ORDER:
            group = [(k, f) for k, f in enumerate(self.doc.findings) if f.status == status]
            if not group:
                continue
            items = "".join(self._finding(k, f) for k, f in group)
            head = f"{_e(TITLE[status])} ({len(group)})"
            if status == "consistent":
                out.append(f'<details class="group" id="g-{status}"><summary>{head}</summary>{items}</details>')
            else:
                out.append(f'<section class="group" id="g-{status}"><h3>{head}</h3>{items}</section>')
        return "".join(out)

    def unchecked(self) -> str:
        rows = []
        for u in self.doc.unchecked:
            fig = self.doc.figures[u.figure]
            m = next(iter(self.marks.overlapping(fig.start, fig.end)), None)
            el = self.mark_ids.get(id(m)) if m is not None else None
            what = self.doc.text[fig.start:fig.end]
            place = _e(self.places.at(fig.start))
            link = f'<a href="#{el}">{place}</a>' if el else place
            rows.append(f"<li>{link} <q>{_e(what)}</q> {_e(fig.indicator or '')} — <small>{_e(u.reason)}</small></li>")
        if not rows:
            return ""
        return (f'<details class="group" id="g-unchecked"><summary>{_e(TITLE["unchecked"])} ({len(rows)})</summary>'
                f'<ul class="unchecked">{"".join(rows)}</ul></details>')

    # ------------------------------------------------------------------ summary
    def summary(self) -> str:
        doc, s = self.doc, self.doc.summary
        counts = {st: sum(f.status == st for f in doc.findings) for st in ORDER}
        counts["unchecked"] = len(doc.unchecked)
        chips = "".join(f'<li><span class="badge st-{st}">{_e(_STATUS_LABEL[st])}</span> <b>{n}</b></li>'
                        for st, n in counts.items())
        cover = (f"<p>{s.figures} figures, {s.checked} checked ({s.coverage:.0%}), {s.findings} findings.</p>"
                 if s is not None else "")
        jumps = []
        for k, f in enumerate(doc.findings):
            if f.status not in ("mismatch", "doubtful"):
                continue
            ev = claim(f)
            target = self.first_id.get(evidence_key(k, f.evidence.index(ev))) if ev is not None else None
            jumps.append(f'<li class="st-{f.status}"><a class="jump" data-f="{k}" href="#{target or f"f{k}"}">'
                         f'<span class="where">{_e(self._where(f))}</span> {_e(f.message_zh)}</a>'
                         f' <a class="more" href="#f{k}">details</a></li>')
        verdict = "mismatches found 发现不一致" if counts["mismatch"] else "no mismatch 未发现不一致"
        lst = f'<ol class="jumps">{"".join(jumps)}</ol>' if jumps else "<p>No mismatch and nothing doubtful.</p>"
        return (f'<section id="summary"><h2>{_e(verdict)}</h2><ul class="counts">{chips}</ul>{cover}'
                f"<h3>Mismatches and doubtful findings</h3>{lst}</section>")


def render_html(doc: Document) -> str:
    """The checked document as one self-contained HTML page (see the module docstring)."""
    page = _Page(doc)
    body = page.body()
    extra = [t for t in doc.tables if t.id not in page.marks.tables]
    extra_html = "".join(page._table(t, own_text=False) for t in extra)
    findings = page.findings()
    name = PurePath(doc.source).name or doc.source
    legend = "".join(f'<span class="badge st-{st}">{_e(_STATUS_LABEL[st])}</span>'
                     for st in (*ORDER, "unchecked"))
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>zhextract check: {_e(name)}</title>
<style>{_static("report.css")}</style></head>
<body data-format="{_e(doc.format)}">
<header id="top"><h1>zhextract check: {_e(name)}</h1><p class="meta">{_e(doc.source)} · {_e(doc.format)} · {len(doc.text)} characters</p></header>
{page.summary()}
<div id="main"><main id="doc"><h2>Document 正文</h2><p class="legend">{legend}</p>
{body}
{f'<h2>Tables from other files</h2>{extra_html}' if extra else ''}
</main>
<aside id="panel" aria-live="polite"><p class="hint">Click a figure to see its findings.</p></aside></div>
<section id="findings"><h2>Findings 核对结果</h2>{findings}{page.unchecked()}</section>
<script>{_static("report.js")}</script>
</body></html>
"""
