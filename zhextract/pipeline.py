"""load -> repair -> segment -> quantities -> figures -> tables: the one-call extraction."""
from __future__ import annotations

import os
import re
from decimal import Decimal, localcontext

from .figures.build import Draft, build_figures
from .figures.periods import YearIndex, resolve
from .gcpause import paused_gc
from .limits import Limits
from .load import Source, load, load_file
from .models import Anchor, Comparison, Document, Figure, Normalized, Quantity, Section, Sentence, Skipped, Span
from .quantities.scan import RawQuantity, scan
from .repair import Repaired, repair
from .segment import segment
from .tables import parse_tables


_NUMERAL = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千]")


def extract(source: str | os.PathLike[str], *, name: str | None = None, limits: Limits | None = None) -> Document:
    """Extract every figure from a bulletin. A ``str`` is the text itself, always; an ``os.PathLike``
    (``pathlib.Path``) is a file to read. A string is never taken for a path (see ``extract_file``)."""
    return extract_source(load(source, name=name, limits=limits))


def extract_file(path: str | os.PathLike[str], *, limits: Limits | None = None) -> Document:
    """Extract every figure from the file at ``path`` (a str here names a file)."""
    return extract_source(load_file(path, limits=limits))


@paused_gc
def extract_source(src: Source) -> Document:
    original = src.text
    rep = repair(original)
    seg = segment(rep.text)
    raw_q, raw_skip = scan(rep.text, seg.tables)
    drafts = build_figures(rep.text, seg, raw_q)

    doc = Document(source=src.name, encoding=src.encoding, format=src.format, text=original)
    doc.anchors = [Anchor.trusted(offset=o, page=p, char=c) for o, p, c in src.anchors]
    doc.quantities = [_quantity(i, q, rep, original) for i, q in enumerate(raw_q)]
    for k in raw_skip:
        s, e = rep.span(k.start, k.end)
        doc.skipped.append(Skipped.trusted(text=original[s:e], start=s, end=e, reason=k.reason))
    for s, e, reason in rep.removed:  # page furniture dropped by repair: reported when it holds numbers
        if _NUMERAL.search(original, s, e):
            doc.skipped.append(Skipped.trusted(text=original[s:e], start=s, end=e, reason=reason))
    doc.skipped.sort(key=lambda k: k.start)
    years = YearIndex(rep.text)
    doc.figures = [_figure(i, d, raw_q, rep, years) for i, d in enumerate(drafts)]
    for h in seg.headings:
        s, e = rep.span(h.start, h.end)
        doc.sections.append(Section.trusted(level=h.level, title=h.title, start=s, end=e, path=h.path))
    for st in seg.sentences:
        s, e = rep.span(st.start, st.end)
        doc.sentences.append(Sentence.trusted(start=s, end=e, text=st.text))
    doc.tables = parse_tables(rep, seg.tables)
    return doc


def _quantity(i: int, q: RawQuantity, rep: Repaired, original: str) -> Quantity:
    s, e = rep.span(q.start, q.end)
    norm = None
    if q.unit.factor is not None:
        norm = Normalized.trusted(value=_tidy(q.value * q.unit.factor), unit=q.unit.base,
                                          dimension=q.unit.dimension)
    ratio = Span.trusted(**dict(zip(("start", "end"), rep.span(*q.ratio)))) if q.ratio else None
    # Records are built from checked internal data: construct without re-validating (hot path).
    return Quantity.trusted(id=i, text=original[s:e], start=s, end=e, value=q.value, low=q.low, high=q.high,
                    unit=q.unit_name, kind=q.kind, qualifier=q.qualifier, decimals=q.decimals, normalized=norm,
                    ratio=ratio)


def _tidy(d: Decimal) -> Decimal:
    """Drop conversion noise: 39.4 * 1e8 -> 3940000000, 1亩 -> 666.6666666667."""
    # quantize() raises when the result needs more digits than the context holds (28 by default):
    # give it enough for any scanned number (see quantities.numerals.in_range) times its factor.
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, d.adjusted() + 12)
        if d == d.to_integral_value():
            return d.quantize(Decimal(1))
        return d.quantize(Decimal("1e-10")).normalize()


def _figure(i: int, d: Draft, raw_q: list[RawQuantity], rep: Repaired, years: YearIndex) -> Figure:
    anchor = raw_q[d.anchor]
    a_s, a_e = rep.span(anchor.start, anchor.end)
    when = resolve(d.period, years.before(anchor.start))
    sent = _span(rep, d.sentence)
    comps = []
    for c in d.comparisons:
        cs, ce = rep.span(c.start, c.end)
        comps.append(Comparison.trusted(type=c.type, quantity=c.q, sign=c.sign, direction=c.direction, target=c.target,
                                reference=c.reference, of=c.of, scope=c.scope, start=cs, end=ce))
    ind_span = _span(rep, d.indicator_span) if d.indicator_span else None
    ent_span = _span(rep, d.entity_span) if d.entity_span else None
    return Figure.trusted(id=i, start=a_s, end=a_e, value=d.value, indicator=d.indicator, indicator_span=ind_span,
                  entity=d.entity, entity_text=d.entity_text, entity_span=ent_span, period=d.period,
                  period_start=when.start, period_end=when.end, period_reason=when.reason, role=d.role,
                  comparisons=comps, conditions=d.conditions, parent=d.parent, sentence=sent, section=d.path)



def _span(rep: Repaired, span: tuple[int, int]) -> Span:
    s, e = rep.span(*span)
    return Span.trusted(start=s, end=e)
