"""The reconciler: every rule run over a Document, findings and a summary filled in.

Each rule module holds one family (arith in arith.py, text arithmetic in text_rules/parts/rates,
tables in table_rules, text ↔ table in text_vs_table/aggregates, orderings in ranking); a rule
reads the Document and its tables and writes Findings through ``Ctx.emit``.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Callable, Iterable, Optional

from ..gcpause import paused_gc
from ..limits import Limits
from ..models import Document, Evidence, Finding, Relation, Summary, Unchecked
from ..sources import TableSource, all_evidence, attach, locate
from . import (aggregates, average_growth, contribution_rate, copies, formulas, glosses, named_bounds, partition, parts, range_shares, ranking, rates, restate, running_sum, schedule,
               table_rules, table_tree, text_rules, text_vs_table, trade_balance)
from .base import Ctx, comparable_prices
from .tableview import build_view

Rule = Callable[[Ctx], None]

# Order matters only for de-duplication and reading: table-internal checks first, then the text
# against the tables, then arithmetic inside the text.
RULES: list[tuple[str, Rule]] = [
    ("appendix_copy", copies.appendix_copy),
    ("table_column_sum", table_rules.table_column_sum),
    ("table_row_parts", table_rules.table_row_parts),
    ("table_row_parts", table_tree.table_total_column),
    ("table_subtotal", table_tree.table_subtotals),
    ("table_derived", table_rules.table_derived),
    ("grim", table_rules.table_grim),
    ("text_vs_table", text_vs_table.text_vs_table),
    ("aggregate_vs_table", aggregates.aggregate_vs_table),
    ("ranking", ranking.ranking),
    ("gap_to_target", text_rules.gap_to_target),
    ("contributions_sum", text_rules.contributions_sum),
    ("contribution_rate", contribution_rate.contribution_rates),
    ("growth_from_parts", aggregates.growth_from_parts),
    ("increment_growth", text_rules.increment_growth),
    ("growth_from_values", text_rules.base_value_growth),
    ("average_growth", average_growth.average_growth),
    ("rate_from_parts", rates.rate_from_parts),
    ("completion_rate", rates.completion_rate),
    ("schedule_gap", schedule.schedule_gaps),
    ("formula_rate", formulas.formula_rates),
    ("grim", rates.grim),
    ("partition_sum", partition.partition_sum),
    ("running_sum", running_sum.running_sums),
    ("trade_balance", trade_balance.trade_balances),
    ("enumeration_sum", parts.enumeration_sum),
    ("breakdown_bound", parts.breakdown_bound),
    ("breakdown_bound", named_bounds.named_bounds),
    ("structure_sum", parts.structure_sum),
    ("structure_sum", range_shares.range_shares),
    ("repeated_fact", text_rules.repeated_fact),
    ("repeated_fact", restate.restated_facts),
    ("repeated_fact", restate.set_counts),
    ("repeated_fact", restate.headline_facts),
    ("unit_conversion", restate.unit_restatements),
]

def check_document(doc: Document, extra_tables: Optional[Iterable[TableSource]] = None,
                   limits: Optional[Limits] = None) -> Document:
    """Run every rule; fill ``doc.findings`` (in document order) and ``doc.summary``.

    ``extra_tables`` (workbooks, other files, Table objects) join ``doc.sources`` and ``doc.tables``;
    one that repeats a table of the document is checked once, against that table (copies.py). A text
    with ruby glosses is checked without them, and the evidence quotes it as written (glosses.py)."""
    spans = glosses.glosses(doc.text)
    if not spans:
        return _check(doc, extra_tables, limits)
    shift = glosses.Shift(doc.text, spans)
    done = _check(glosses.moved_in(doc, shift), extra_tables, limits)
    glosses.moved_back(all_evidence(done.findings, done.relations), shift, doc.text)
    doc.tables = doc.tables + done.tables[len(doc.tables):]
    doc.sources, doc.relations, doc.findings = done.sources, done.relations, done.findings
    doc.unchecked, doc.summary = done.unchecked, done.summary
    return doc


@paused_gc
def _check(doc: Document, extra_tables: Optional[Iterable[TableSource]], limits: Optional[Limits]) -> Document:
    views = [build_view(t, doc.text) for t in doc.tables]
    given = [build_view(t, doc.source_text(t.source)) for t in attach(doc, extra_tables, limits)]
    pairs = copies.match(views, given)
    repeats = {g.id for _, g in pairs}
    doc.tables = doc.tables + [g.table for g in given]
    ctx = Ctx.build(doc, views + [g for g in given if g.id not in repeats])
    ctx.copies = pairs
    for name, rule in RULES:
        _run_rule(ctx, name, rule)
    locate(doc, all_evidence(ctx.findings, ctx.relations))
    findings = sorted(_judged_once(_dedup(ctx.findings)), key=_claim_start)
    doc.relations, doc.findings = _renumber(ctx.relations, findings)
    doc.summary = summarize(doc)
    doc.unchecked = _unchecked(doc, ctx)
    return doc


def _run_rule(ctx: Ctx, name: str, rule: Rule) -> None:
    """One rule; if it raises, what it found is dropped and an unverifiable finding names the rule and
    the error, so that one rule's bug never takes the report down (the other rules still run)."""
    n_findings, n_relations = len(ctx.findings), len(ctx.relations)
    try:
        rule(ctx)
    except (MemoryError, KeyboardInterrupt, RecursionError):
        raise
    except Exception as e:  # noqa: BLE001 - a bug in one rule is reported, not raised
        del ctx.findings[n_findings:], ctx.relations[n_relations:]
        what = f"{type(e).__name__}: {e}"[:200]
        ctx.unverifiable(name, f"the rule {rule.__module__.rsplit('.', 1)[-1]}.{rule.__name__} failed ({what}); "
                               "its checks were not made", f"规则 {rule.__name__} 出错({what}),未完成其核对", [],
                         "internal error in the rule")


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


def _claim_start(f: Finding) -> tuple[int, int, int]:
    """The document's findings in its order, then each given file's."""
    claim = next((e for e in f.evidence if e.role == "claim"), f.evidence[0] if f.evidence else None)
    return (claim.source, claim.start, claim.end) if claim else (0, 0, 0)


def _key(e: Evidence) -> tuple[int, int, int]:
    return e.source, e.start, e.end


def _judged_once(findings: list[Finding]) -> list[Finding]:
    """An unverifiable finding is dropped when another rule gave its claim a verdict: one rule could
    not find the inputs another one did (占年计划投资的58.20% is unverifiable as a share, checked as a
    completion)."""
    judged = {_key(e) for f in findings if f.status != "unverifiable" for e in f.evidence
              if e.role == "claim" and e.kind == "text"}
    return [f for f in findings if f.status != "unverifiable"
            or not any(e.role == "claim" and _key(e) in judged for e in f.evidence)]


def _dedup(findings: list[Finding]) -> list[Finding]:
    """One finding per rule, verdict, claim and inputs: two routes to the same check (a part by 其中 and
    by its name) report it once, whatever words each route cites as context."""
    seen: set[tuple[str, str, tuple[tuple[int, int, int], ...]]] = set()
    out = []
    for f in findings:
        key = (f.rule, f.status, tuple(sorted(_key(e) for e in f.evidence if e.role != "context")))
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
                                    for e in f.evidence if e.kind == "text" and e.role != "context" and e.source == 0]
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
