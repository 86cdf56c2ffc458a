"""The reconciler: every rule run over a Document, findings and a summary filled in.

Each rule module holds one family (arith in arith.py, text arithmetic in text_rules/parts/rates,
tables in table_rules, text ↔ table in text_vs_table/aggregates, orderings in ranking); a rule
reads the Document and its tables and writes Findings through ``Ctx.emit``.
"""
from __future__ import annotations

import os
from bisect import bisect_left
from typing import Callable, Iterable, Optional, Union

from ..limits import Limits
from ..models import Document, Finding, Relation, Summary, Table, Unchecked
from . import aggregates, formulas, partition, parts, ranking, rates, restate, table_rules, text_rules, text_vs_table
from .base import Ctx, comparable_prices
from .tableview import build_view

Rule = Callable[[Ctx], None]

# Order matters only for de-duplication and reading: table-internal checks first, then the text
# against the tables, then arithmetic inside the text.
RULES: list[tuple[str, Rule]] = [
    ("table_column_sum", table_rules.table_column_sum),
    ("table_row_parts", table_rules.table_row_parts),
    ("table_derived", table_rules.table_derived),
    ("grim", table_rules.table_grim),
    ("text_vs_table", text_vs_table.text_vs_table),
    ("aggregate_vs_table", aggregates.aggregate_vs_table),
    ("ranking", ranking.ranking),
    ("gap_to_target", text_rules.gap_to_target),
    ("contributions_sum", text_rules.contributions_sum),
    ("growth_from_parts", aggregates.growth_from_parts),
    ("increment_growth", text_rules.increment_growth),
    ("rate_from_parts", rates.rate_from_parts),
    ("completion_rate", rates.completion_rate),
    ("formula_rate", formulas.formula_rates),
    ("grim", rates.grim),
    ("partition_sum", partition.partition_sum),
    ("enumeration_sum", parts.enumeration_sum),
    ("breakdown_bound", parts.breakdown_bound),
    ("structure_sum", parts.structure_sum),
    ("repeated_fact", text_rules.repeated_fact),
    ("repeated_fact", restate.restated_facts),
    ("repeated_fact", restate.set_counts),
    ("unit_conversion", restate.unit_restatements),
]

TableSource = Union[Table, str, "os.PathLike[str]"]


def check_document(doc: Document, extra_tables: Optional[Iterable[TableSource]] = None,
                   limits: Optional[Limits] = None) -> Document:
    """Run every rule; fill ``doc.findings`` (in document order) and ``doc.summary``."""
    views = [build_view(t, doc.text) for t in doc.tables]
    for t, text in _extra(extra_tables, len(doc.tables), limits):
        views.append(build_view(t, text))
    ctx = Ctx.build(doc, views)
    for _, rule in RULES:
        rule(ctx)
    findings = sorted(_judged_once(_dedup(ctx.findings)), key=_claim_start)
    doc.relations, doc.findings = _renumber(ctx.relations, findings)
    doc.summary = summarize(doc)
    doc.unchecked = _unchecked(doc, ctx)
    return doc


def _unchecked(doc: Document, ctx: Ctx) -> list[Unchecked]:
    """Every figure no verdict reached, with the reason: the one an unverifiable finding gave, or that
    no part, whole, target, restatement, rate or table cell was found for it."""
    checked = checked_figures(doc, bounds=True)
    why: dict[int, str] = {}
    for f in doc.findings:
        if f.status == "unverifiable" and f.figure is not None and f.reason:
            why.setdefault(f.figure, f.reason)
    out = []
    for fig in doc.figures:
        if fig.id in checked:
            continue
        reason = why.get(fig.id)
        if reason is None:
            q = ctx.value_q(fig)
            if comparable_prices(fig.indicator) and any(c.type == "growth" for c in fig.comparisons):
                reason = "growth at comparable prices: not recomputable from values at current prices"
            elif q is None:
                reason = "no value of its own, and no stated rate its comparisons could be recomputed from"
            else:
                reason = "no related figure found: no part, whole, target, restatement, rate or table cell"
        out.append(Unchecked(figure=fig.id, reason=reason))
    return out


def _renumber(relations: list[Relation], findings: list[Finding]) -> tuple[list[Relation], list[Finding]]:
    """The relations the kept findings judged, numbered in the order of their findings."""
    new_id: dict[int, int] = {}
    out: list[Relation] = []
    for f in findings:
        if f.relation is not None and f.relation not in new_id:
            new_id[f.relation] = len(out)
            out.append(relations[f.relation].model_copy(update={"id": len(out)}))
    return out, [f.model_copy(update={"relation": new_id.get(f.relation)}) if f.relation is not None else f
                 for f in findings]


def _extra(sources: Optional[Iterable[TableSource]], first_id: int,
           limits: Optional[Limits] = None) -> list[tuple[Table, str]]:
    """Appendix tables given apart from the bulletin (a workbook): their cells' offsets point into
    that file's own text, so their evidence names the table id, never a span of the bulletin."""
    out: list[tuple[Table, str]] = []
    if not sources:
        return out
    from ..pipeline import extract

    for src in sources:
        if isinstance(src, Table):
            out.append((src.model_copy(update={"id": first_id + len(out)}), ""))
            continue
        sub = extract(src, limits=limits)  # a str is a table's text, a Path its file
        for t in sub.tables:
            out.append((t.model_copy(update={"id": first_id + len(out)}), sub.text))
    return out


def _claim_start(f: Finding) -> tuple[int, int]:
    claim = next((e for e in f.evidence if e.role == "claim"), f.evidence[0] if f.evidence else None)
    return (claim.start if claim else 0, claim.end if claim else 0)


def _judged_once(findings: list[Finding]) -> list[Finding]:
    """An unverifiable finding is dropped when another rule gave its claim a verdict: one rule could
    not find the inputs another one did (占年计划投资的58.20% is unverifiable as a share, checked as a
    completion)."""
    judged = {(e.start, e.end) for f in findings if f.status != "unverifiable" for e in f.evidence
              if e.role == "claim" and e.kind == "text"}
    return [f for f in findings if f.status != "unverifiable"
            or not any(e.role == "claim" and (e.start, e.end) in judged for e in f.evidence)]


def _dedup(findings: list[Finding]) -> list[Finding]:
    """One finding per rule, claim and inputs: two routes to the same check report it once."""
    seen: set[tuple[str, tuple[tuple[int, int], ...]]] = set()
    out = []
    for f in findings:
        key = (f.rule, tuple(sorted((e.start, e.end) for e in f.evidence)))
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


def checked_figures(doc: Document, *, bounds: bool = False) -> set[int]:
    """Figures whose value, comparison or condition a verdict recomputes (unverifiable is no verdict;
    a bound such as part ≤ total is counted only with ``bounds``: it would let most errors pass)."""
    spans: list[tuple[int, int]] = [(e.start, e.end) for f in doc.findings if f.status != "unverifiable"
                                    and (bounds or not f.bound)
                                    for e in f.evidence if e.kind == "text" and e.role != "context"]
    # "some span has s < q.end and q.start < e" in O(log n): spans sorted by start, with the running
    # maximum of their ends (a scan of every span per quantity made long documents quadratic).
    spans.sort()
    starts = [s for s, _ in spans]
    reach: list[int] = []
    for _, e in spans:
        reach.append(max(e, reach[-1]) if reach else e)
    out: set[int] = set()
    for fig in doc.figures:
        qids = ([fig.value] if fig.value is not None else []) + [c.quantity for c in fig.comparisons] + fig.conditions
        for qid in qids:
            q = doc.quantities[qid]
            i = bisect_left(starts, q.end) - 1
            if i >= 0 and reach[i] > q.start:
                out.add(fig.id)
                break
    return out


def summarize(doc: Document) -> Summary:
    n = len(doc.figures)
    checked = checked_figures(doc)
    bounded = checked_figures(doc, bounds=True) - checked
    by = {s: sum(1 for f in doc.findings if f.status == s) for s in ("consistent", "mismatch", "rounding", "doubtful", "unverifiable")}
    return Summary(figures=n, checked=len(checked), coverage=round(len(checked) / n, 4) if n else 0.0,
                   findings=len(doc.findings), bounded=len(bounded), **by)


__all__ = ["check_document", "summarize", "checked_figures", "RULES"]
