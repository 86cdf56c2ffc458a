"""Finding the table cell a narrative figure speaks of: the table the text cites, the column its
indicator names (within the quantity's dimension), the row of its entity."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ..models import Figure, Quantity
from ..strings import lcs_length
from .base import Ctx, bigrams, config, norm_indicator, pattern, similarity
from .tableview import ColView, RowView, TableView, cite_keys



def cited_tables(ctx: Ctx, pos: int) -> list[TableView]:
    """Tables the text cites around ``pos``: the sentence first, then the paragraph, then the section."""
    sent = ctx.sentence_of(pos)
    spans = ([(sent.start, sent.end)] if sent is not None else []) + [ctx.paragraph(pos), ctx.section_span(pos)]
    memo = ctx.memo.setdefault("cite_keys", {})
    by_label = ctx.memo.get("tables_by_label")
    if by_label is None:  # label -> the tables it names, in their order
        by_label = ctx.memo["tables_by_label"] = {}
        for t in ctx.tables:
            for label in t.labels:
                by_label.setdefault(label, []).append(t)
    cited = ctx.memo.setdefault("cited_in_span", {})
    for s, e in spans:
        found = cited.get((s, e))
        if found is None:  # the numbers of a paragraph or section ask about the same span
            if (s, e) not in memo:
                memo[(s, e)] = cite_keys(ctx.text(s, e))
            found, seen = [], set()
            for keys in memo[(s, e)]:
                for k in keys:  # the most specific key that names a table wins ("附件4表1" before "附件4")
                    hit = by_label.get(k, [])
                    if hit:
                        found += [t for t in hit if id(t) not in seen]
                        seen.update(id(t) for t in hit)
                        break
            cited[(s, e)] = found
        if found:
            return list(found)
    return []


def context_text(ctx: Ctx, f: Figure, q: Quantity) -> list[str]:
    """What the figure is about, from the most to the least specific: its indicator, the clause
    before the number, the sentence before it (with the sentence before that when a list opens the
    sentence: "由高到低依次为:")."""
    sent_s = f.sentence.start
    before = ctx.text(sent_s, q.start)
    clause = re.split(r"[,，;；。:：]", before)[-1]
    # a part under a condition ("其中,20—50亿元项目4个") is named most exactly by its clause
    levels = [clause, f.indicator or ""] if f.conditions else [f.indicator or "", clause]
    # a 其中 part is named after 其中: what the sentence says before it is its total's
    wide = before[before.rfind("其中") + 2:] if f.parent is not None and "其中" in before else before
    if pattern("lists", "opens_sentence").match(before) or len(before.strip()) < 4:
        prev = ctx.sentence_before(sent_s)
        if prev is not None:
            wide = ctx.text(prev.start, prev.end) + before
    return levels + [wide]


def col_score(text: str, col: ColView, *, wide: bool = False) -> float:
    """How well ``text`` names a column: the exact name inside it is a full match; otherwise the
    share of the name's bigrams the text has or, for a short phrase, the share of the phrase's
    bigrams the name has ("开工项目" in "签约并开工项目数"). A whole sentence (``wide``) only counts
    by the first measure: it says much more than any header."""
    return _score(_col_name(col.name), norm_indicator(text), wide)


@lru_cache(maxsize=1 << 12)
def _col_name(name: str) -> str:
    """A column's name as scored: its last header level, normalised."""
    return norm_indicator(name.split("/")[-1])


@lru_cache(maxsize=1 << 16)
def _score(name: str, t: str, wide: bool) -> float:
    """col_score on normalised strings: every figure is scored against every column of every candidate
    table, and the same phrases recur, so the scores are kept (pure function of its arguments)."""
    if not name or not t:
        return 0.0
    if name in t:
        return 1.0 + len(name) / 100
    if re.search(r"\d", name):
        return 0.0  # "1—2亿元" is named whole or not at all: "120个" does not half-name it
    b, bt = bigrams(name), bigrams(t)
    if not b or not bt:
        return 0.0
    rec = len(b & bt) / len(b)
    if wide:
        return rec
    prec = len(b & bt) / len(bt) if len(bt) >= 2 else 0.0
    return max(rec, prec, lcs_length(name, t) / len(name))


def dim_ok(qdim: Optional[str], col: ColView) -> bool:
    """Same dimension; ``None`` asks for any measured column (money, counts, areas), not rates."""
    if qdim is None:
        return col.dim is not None and col.dim not in ("percent", "ratio") and not col.dim.startswith("rate:")
    return col.dim is not None and qdim == col.dim


def match_column(tv: TableView, texts: list[str] | str, qdim: Optional[str], *, growth: bool = False,
                 threshold: float = 0.6) -> Optional[ColView]:
    """The one column the texts name (tried from the most specific), among the columns measuring
    the same thing; None if none clears the threshold or two tie: a tie is a guess, not a check."""
    cols = matchable(tv, qdim, growth)
    if not cols:
        return None
    marks, scored_levels = _levels((texts,) if isinstance(texts, str) else tuple(texts))
    if marks:
        cols = [c for c in cols if all(m in c.name for m in marks)]
        if not cols:
            return None
        names = tuple(c.name for c in cols)
    else:
        names = tv._matchable[("names", qdim, growth)]
    for normed, wide in scored_levels:
        best, k, tie = _best_column(names, normed, wide)
        if best < threshold or tie:
            continue
        return cols[k]
    return None


@lru_cache(maxsize=1 << 14)
def _best_column(names: tuple[str, ...], normed: str, wide: bool) -> tuple[float, int, bool]:
    """The best score of a text against columns so named, the first column with it, and whether
    another one has it too (a tie): tables with the same columns share the answer."""
    best, k, tie = -1.0, 0, False
    for i, name in enumerate(names):
        s = _score(_col_name(name), normed, wide)
        if s > best:
            best, k, tie = s, i, False
        elif s == best:
            tie = True
    return best, k, tie


def matchable(tv: TableView, qdim: Optional[str], growth: bool = False) -> list[ColView]:
    """The columns match_column chooses among: of the dimension, with values (listed once per table:
    every figure asks every table)."""
    cols = tv._matchable.get((qdim, growth))
    if cols is None:
        cols = tv._matchable[(qdim, growth)] = [
            c for c in tv.cols.values() if c.index != tv.entity_col and c.growth == growth and dim_ok(qdim, c)
            and tv.column_values(c)]
        tv._matchable[("names", qdim, growth)] = tuple(c.name for c in cols)
    return cols


def tables_to_match(ctx: Ctx, pos: int, asks: tuple[tuple[Optional[str], bool], ...],
                    texts: Optional[list[str]] = None) -> list[TableView]:
    """``candidate_tables`` without those that have no column of any of ``asks`` ((dimension,
    growth) pairs), on which match_column gives None: a long document's figures skip them by set.
    With ``texts`` (those match_column will read), also without the tables no column of which shares
    a character or bigram with them: none of those can score above zero (``_nameable``)."""
    key = ("tables_with", asks)
    got = ctx.memo.get(key)
    if got is None:
        tables = [t for t in ctx.tables if any(matchable(t, d, g) for d, g in asks)]
        got = ctx.memo[key] = (tables, {id(t) for t in tables})
    tables, ids = got
    if texts is not None and tables:
        bits = _nameable(ctx, asks, tables, tuple(texts))
        tables = [t for k, t in enumerate(tables) if bits >> k & 1]
        ids = {id(t) for t in tables}
    cited = [t for t in cited_tables(ctx, pos) if id(t) in ids]
    if not cited:
        return list(tables)
    done = {id(t) for t in cited}
    return cited + [t for t in tables if id(t) not in done]


def _nameable(ctx: Ctx, asks: tuple[tuple[Optional[str], bool], ...], tables: list[TableView],
              texts: tuple[str, ...]) -> int:
    """The tables (bit k for ``tables[k]``) with a column of ``asks`` that ``texts`` could name at
    match_column's threshold (above one half): a name of n characters scores that much only if it is
    inside the text, shares a bigram with it, or (not wide) has a common subsequence of more than n/2
    characters with it, hence two characters in the same order (one, for a name of one character).
    An index of the names' bigrams and ordered character pairs, so a figure meets only the tables
    that can name it."""
    index = ctx.memo.get(("name_keys", asks))
    if index is None:
        by_pair: dict[str, int] = {}
        by_bigram: dict[str, int] = {}
        for k, t in enumerate(tables):
            for d, g in asks:
                for c in matchable(t, d, g):
                    n = _col_name(c.name)
                    for pair in _pairs(n):
                        by_pair[pair] = by_pair.get(pair, 0) | 1 << k
                    # a name of one character is inside the text by that character
                    for b in _name_bigrams(n) if len(n) >= 2 else {n} - {""}:
                        by_bigram[b] = by_bigram.get(b, 0) | 1 << k
        chars = frozenset(ch for pair in by_pair for ch in pair)
        index = ctx.memo[("name_keys", asks)] = (by_pair, by_bigram, chars, {})
    by_pair, by_bigram, chars, seen = index
    bits = seen.get(texts)
    if bits is None:  # the same texts come back (the rules that ask, a document's repeats)
        bits = 0
        for normed, wide in _levels(texts)[1]:
            for k in _name_bigrams(normed) | frozenset(normed):
                bits |= by_bigram.get(k, 0)
            if not wide:  # scored by containment and bigrams only
                for k in _pairs("".join(ch for ch in normed if ch in chars)):
                    bits |= by_pair.get(k, 0)
        seen[texts] = bits
    return bits


@lru_cache(maxsize=1 << 12)
def _name_bigrams(s: str) -> frozenset[str]:
    """The bigrams as written and as ``bigrams`` gives them (normalising again may join characters)."""
    return frozenset({s[i:i + 2] for i in range(len(s) - 1)} | bigrams(s))


@lru_cache(maxsize=1 << 14)
def _pairs(s: str) -> frozenset[str]:
    """Every two characters of ``s`` in their order (a common subsequence of two shares one)."""
    return frozenset(a + b for i, a in enumerate(s) for b in s[i + 1:])


@lru_cache(maxsize=1 << 12)
def _levels(levels: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[tuple[str, bool], ...]]:
    """What match_column reads in its texts, found once per texts (every table is asked with them):
    the intensities the first names ("亩均营业收入" is not the 营业收入 column: the column must name
    them too), and each text to score, normalised, with whether it is the wide one (the last of
    several); empty and generic texts are left out."""
    marks = tuple(m for m in config()["aggregates"]["intensity"] if levels and m in levels[0])
    generic = _generic_words()
    out = []
    for k, text in enumerate(levels):
        normed = norm_indicator(text)
        if text.strip() and normed not in generic:
            out.append((normed, k == len(levels) - 1 and len(levels) > 1))
    return marks, tuple(out)


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    return frozenset(config()["generic_indicators"]["words"])


def growth_column(tv: TableView, col: ColView) -> Optional[ColView]:
    return next((c for c in tv.cols.values() if c.growth and c.growth_of == col.index), None)


@lru_cache(maxsize=1 << 14)
def _bare(s: str) -> str:
    """A name without spaces, brackets and quotes (kept: every figure asks every row of its tables)."""
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
    near = [r for r in tv.rows if _bare(r.name).startswith(want) or (len(want) >= 4 and want in _bare(r.name))]
    if not near:  # "沾益工业园区" in the text, "沾益" in the table: the row names the zone by its short name
        near = [r for r in tv.rows if len(_bare(r.name)) >= 2 and want.startswith(_bare(r.name)) and not r.total]
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


def covers(tv: TableView, f: Figure) -> bool:
    """Whether a table's whole (its 合计 row, its column sum or mean) can be the figure's: a table
    titled for a set ("重点园区主要指标") totals that set only, not 全省园区; a title naming no such set,
    or only a region (全省开发区), totals whatever the text calls the whole."""
    m = _title_set(tv.title)
    if m is None:
        return True
    said = (f.entity_text or "") + (f.entity or "") + (f.indicator or "")
    return m in said


@lru_cache(maxsize=256)
def _title_set(title: str) -> Optional[str]:
    """The qualifier a table title puts before a zone-type word ("重点园区" -> 重点), None for a region."""
    found = pattern("aggregates", "title_set").search(title or "")
    if found is None or pattern("aggregates", "title_region").fullmatch(found.group("q")):
        return None
    return found.group("q")


def candidate_tables(ctx: Ctx, pos: int) -> list[TableView]:
    """The tables the text cites first, then the others: a cited table is only a preference, the
    column and the row still have to match."""
    cited = cited_tables(ctx, pos)
    if not cited:
        return list(ctx.tables)
    # by identity: each table has one view, and comparing views field by field cost more than the lookup
    ids = {id(t) for t in cited}
    return cited + [t for t in ctx.tables if id(t) not in ids]


__all__ = ["covers", "cited_tables", "context_text", "match_column", "growth_column", "row_for", "rows_for",
           "candidate_tables", "col_score", "similarity"]
