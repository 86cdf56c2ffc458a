"""Finding the table cell a narrative figure speaks of: the table the text cites, the column its
indicator names (within the quantity's dimension), the row of its entity."""
from __future__ import annotations

import re
from typing import Optional

from ..models import Figure, Quantity
from .base import Ctx, bigrams, norm_indicator, similarity
from .tableview import ColView, RowView, TableView, cite_keys

_LIST_OPEN = re.compile(r"^\s*(?:由高到低|由低到高|从高到低)?(?:依次|分别)(?:为|是)")


def cited_tables(ctx: Ctx, pos: int) -> list[TableView]:
    """Tables the text cites around ``pos``: the sentence first, then the paragraph, then the section."""
    sent = next((s for s in ctx.doc.sentences if s.start <= pos < s.end), None)
    spans = ([(sent.start, sent.end)] if sent is not None else []) + [ctx.paragraph(pos), ctx.section_span(pos)]
    for s, e in spans:
        found: list[TableView] = []
        for keys in cite_keys(ctx.text(s, e)):
            for k in keys:  # the most specific key that names a table wins ("附件4表1" before "附件4")
                hit = [t for t in ctx.tables if k in t.labels]
                if hit:
                    found += [t for t in hit if t not in found]
                    break
        if found:
            return found
    return []


def context_text(ctx: Ctx, f: Figure, q: Quantity) -> str:
    """What the figure is about, as words: its indicator, the clause before the number, and for a
    list that opens its sentence ("由高到低依次为:") the sentence before."""
    sent_s = f.sentence.start
    before = ctx.text(sent_s, q.start)
    parts = [f.indicator or "", before]
    if _LIST_OPEN.match(before) or len(before.strip()) < 4:
        prev = [s for s in ctx.doc.sentences if s.end <= sent_s and s.text.strip()]
        if prev:
            parts.append(ctx.text(prev[-1].start, prev[-1].end))
    return " ".join(parts)


def col_score(text: str, col: ColView) -> float:
    """How well a column's name is spoken of in ``text``: the share of the name's bigrams the text
    has (a sentence says much more than a header), with the exact name as a full match."""
    name = norm_indicator(col.name.split("/")[-1])
    if not name:
        return 0.0
    t = norm_indicator(text)
    if name in t:
        return 1.0 + len(name) / 100
    b = bigrams(name)
    if not b:
        return 0.0
    return len(b & bigrams(t)) / len(b)


def dim_ok(qdim: Optional[str], col: ColView) -> bool:
    if qdim is None or col.dim is None:
        return False
    if qdim == col.dim:
        return True
    return False


def match_column(tv: TableView, text: str, qdim: Optional[str], *, growth: bool = False,
                 threshold: float = 0.5) -> Optional[ColView]:
    """The one column this text names, among columns measuring the same thing; None if none clears
    the threshold or two tie (a tie is a guess, and a guess is not a check)."""
    scored = []
    for col in tv.cols.values():
        if col.index == tv.entity_col or col.growth != growth or not dim_ok(qdim, col):
            continue
        if not tv.column_values(col):
            continue
        scored.append((col_score(text, col), col))
    if not scored:
        return None
    scored.sort(key=lambda t: -t[0])
    best = scored[0]
    if best[0] < threshold:
        return None
    if len(scored) > 1 and scored[1][0] == best[0]:
        return None
    return best[1]


def growth_column(tv: TableView, col: ColView) -> Optional[ColView]:
    return next((c for c in tv.cols.values() if c.growth and c.growth_of == col.index), None)


def _bare(s: str) -> str:
    return re.sub(r"[\s()（）“”\"]", "", s or "")


def row_for(tv: TableView, name: Optional[str]) -> Optional[RowView]:
    """The row of an entity: the exact name, else the one row whose name starts with the short
    name or contains it (忻州 → 忻州经济开发区); None when ambiguous."""
    want = _bare(name or "")
    if len(want) < 2:
        return None
    exact = [r for r in tv.rows if _bare(r.name) == want]
    if len(exact) == 1:
        return exact[0]
    near = [r for r in tv.rows if _bare(r.name).startswith(want) or (len(want) >= 4 and want in _bare(r.name))
            or (len(_bare(r.name)) >= 4 and _bare(r.name) in want)]
    return near[0] if len(near) == 1 else None


def entity_names(f: Figure) -> list[str]:
    """The entities a figure names: "忻州经济开发区、保德经济技术园区" is two."""
    names = [x for x in (f.entity or "").split("、") if x]
    if not names and f.entity_text:
        names = [x for x in f.entity_text.split("、") if x]
    return names


def rows_for(tv: TableView, f: Figure) -> list[RowView]:
    names = entity_names(f)
    rows = [row_for(tv, n) for n in names]
    if names and all(r is not None for r in rows):
        return rows  # type: ignore[return-value]
    short = [x for x in (f.entity_text or "").split("、") if x]
    rows = [row_for(tv, n) for n in short]
    if short and all(r is not None for r in rows):
        return rows  # type: ignore[return-value]
    return []


def candidate_tables(ctx: Ctx, pos: int) -> list[TableView]:
    return cited_tables(ctx, pos) or list(ctx.tables)


__all__ = ["cited_tables", "context_text", "match_column", "growth_column", "row_for", "rows_for",
           "candidate_tables", "col_score", "similarity"]
