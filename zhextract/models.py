"""Typed records produced by zhextract.

Every record that refers to the input carries ``start``/``end``: code-point offsets into the
ORIGINAL decoded input (end exclusive), whatever the repair step changed. Numbers are
``decimal.Decimal`` and serialise as strings, so "354.50" keeps its written precision.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

# Decimals go out as strings: JSON floats would lose the precision the author wrote.
Dec = Annotated[Decimal, PlainSerializer(lambda d: format(d, "f"), return_type=str)]

QuantityKind = Literal["amount", "count", "percent", "pp", "rank", "ratio", "multiple", "duration"]
Role = Literal["actual", "target", "plan", "forecast"]
ComparisonType = Literal[
    "growth", "gap_to_target", "contribution", "share", "rank", "increment", "change"
]
Status = Literal["consistent", "mismatch", "rounding", "doubtful", "unverifiable"]


class Record(BaseModel):
    model_config = ConfigDict(frozen=False, extra="forbid", defer_build=True)

    @classmethod
    def trusted(cls, **values: Any) -> Any:
        """Build from values the pipeline has already checked, skipping validation: the hot path
        makes thousands of records per bulletin. Defaults are filled like ``model_construct``."""
        m = _new(cls)
        defaults = _DEFAULTS.get(cls)
        if defaults is None:
            defaults = _DEFAULTS[cls] = _defaults(cls)
        for name, default, factory in defaults:
            if name not in values:
                values[name] = default() if factory else default
        _set(m, "__dict__", values)
        # BaseModel's slots, set through their descriptors: half the cost of object.__setattr__.
        _set_fields_set(m, set(values))
        _set_extra(m, None)
        _set_private(m, None)
        return m


_new = object.__new__  # BaseModel defines no __new__
_set = object.__setattr__  # BaseModel.__setattr__ would validate
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__
_DEFAULTS: dict[type[BaseModel], tuple[tuple[str, Any, bool], ...]] = {}  # per class, a plain dict lookup


def _defaults(cls: type[BaseModel]) -> tuple[tuple[str, Any, bool], ...]:
    """(field, default or default factory, is it a factory) for the fields that have one."""
    out = []
    for name, field in cls.model_fields.items():
        if field.default_factory is not None:
            out.append((name, field.default_factory, True))
        elif not field.is_required():
            out.append((name, field.default, callable(field.default)))
    return tuple(out)


class Span(Record):
    start: int
    end: int


class Normalized(Record):
    value: Dec
    unit: str  # canonical base unit: 元, 美元, 平方米, 吨, W, Wh, %, 百分点, or the measure word
    dimension: str  # money, area, mass, power, energy, length, count, percent, pp, rank, ...


class Quantity(Record):
    id: int
    text: str
    start: int
    end: int
    value: Dec  # as written, in the stated unit; for a range, the low end
    low: Optional[Dec] = None
    high: Optional[Dec] = None
    unit: str
    kind: QuantityKind
    qualifier: Optional[str] = None  # 约, 近, 余, 多, 超, 以上, 不低于, 前 ...
    decimals: int = Field(description="digits after the decimal point as written")
    normalized: Optional[Normalized] = None
    ratio: Optional[Span] = None  # a term of a ratio (6:41:53): the span of the whole ratio

    @property
    def half_ulp(self) -> Decimal:
        """Rounding half-width implied by the written precision: 354.5 -> 0.05."""
        return Decimal(5).scaleb(-(self.decimals + 1))


class Skipped(Record):
    text: str
    start: int
    end: int
    reason: Literal["date", "period", "heading", "reference", "document_number", "ordinal", "name", "word", "table",
                    "page_number", "banner", "duplicate", "malformed", "timeout"]
    # malformed: digits no rule could read; timeout: a line a pattern could not finish in its time budget


class Comparison(Record):
    type: ComparisonType
    quantity: int  # Quantity.id
    sign: Optional[Literal["+", "-"]] = None
    direction: Optional[Literal["above", "below", "up", "down"]] = None
    target: Optional[int] = None  # Quantity.id of the target in gap_to_target
    reference: Optional[str] = None  # 省定目标, 全市增速, 二季度, 全省 ...
    of: Optional[str] = None  # the whole of a share
    scope: Optional[str] = None  # scope of a rank
    start: int
    end: int  # span of the comparison phrase (cue word to quantity)

    def signed_value(self, q: Quantity) -> Decimal:
        return -q.value if self.sign == "-" and q.value > 0 else q.value


class Figure(Record):
    id: int
    start: int
    end: int  # span of the anchor quantity
    value: Optional[int] = None  # Quantity.id
    indicator: Optional[str] = None
    indicator_span: Optional[Span] = None
    entity: Optional[str] = None  # canonical (resolved) entity name
    entity_text: Optional[str] = None  # as written
    entity_span: Optional[Span] = None
    period: Optional[str] = None
    # The period as days (figures/periods.py): both set, or neither and period_reason says why.
    period_start: Optional[date] = None
    period_end: Optional[date] = None
    period_reason: Optional[str] = None
    role: Role = "actual"
    comparisons: list[Comparison] = Field(default_factory=list)
    conditions: list[int] = Field(default_factory=list)  # Quantity ids qualifying the set
    parent: Optional[int] = None  # Figure.id of the total in a 其中 breakdown
    sentence: Span
    section: list[str] = Field(default_factory=list)  # heading path


class Section(Record):
    level: int
    title: str
    start: int
    end: int
    path: list[str]


class Sentence(Record):
    start: int
    end: int
    text: str  # repaired text of the sentence


class Cell(Record):
    row: int
    col: int
    # The cell as read, after repair (half-width digits, simplified characters, no markup), like
    # Sentence.text; start/end point into the original input, where the cell is written as it was.
    text: str
    start: int
    end: int
    value: Optional[Dec] = None
    unit: Optional[str] = None
    decimals: Optional[int] = None
    note: Optional[str] = None  # 破零, —, empty, text (a word that is not a number, e.g. "6个5亿")

    @property
    def is_number(self) -> bool:
        return self.value is not None

    @property
    def half_ulp(self) -> Optional[Decimal]:
        """Rounding half-width implied by the written precision: 66.7 -> 0.05; None if not a number."""
        if self.value is None or self.decimals is None:
            return None
        return Decimal(5).scaleb(-(self.decimals + 1))


class Column(Record):
    index: int
    name: str  # full header path joined with "/", units taken out: "项目完成情况/0.5—1亿元", "工业投资"
    unit: Optional[str] = None  # canonical (units.toml name): 万元, 个, %, 万元/亩; None if the table does not say

    @property
    def path(self) -> list[str]:
        return self.name.split("/") if self.name else []

    @property
    def leaf(self) -> str:
        return self.name.rsplit("/", 1)[-1]

    @property
    def kind(self) -> Optional[str]:
        """Quantity kind of the unit (amount, count, percent ...), None without a unit."""
        from .tables.lexicon import unit_kind  # lazy: tables imports this module

        return unit_kind(self.unit) if self.unit else None


class TableIssue(Record):
    row: int
    message: str
    start: int
    end: int


class Table(Record):
    id: int
    title: Optional[str] = None
    label: Optional[str] = None  # 附件1, 表2 ...
    unit_line: Optional[str] = None
    source_line: Optional[str] = None
    start: int
    end: int
    source: int = 0  # the text start/end and the cells' offsets point into: 0 the document, k Document.sources' id k
    columns: list[Column] = Field(default_factory=list)
    rows: list[list[Cell]] = Field(default_factory=list)
    total_row: Optional[int] = None  # index into rows of the 合计 row
    issues: list[TableIssue] = Field(default_factory=list)

    # Look-ups for the checker. rows holds every body row (the 合计 row too); a cell's col is its
    # column index, and a row longer than the header keeps its extra cells (see issues).

    @property
    def data_rows(self) -> list[int]:
        """Indices of the body rows other than the 合计 row."""
        return [r for r in range(len(self.rows)) if r != self.total_row]

    @property
    def entity_col(self) -> Optional[int]:
        """The first column (序号 aside) that holds more text than numbers: the row names."""
        from .tables.lexicon import lexicon

        index_words = lexicon().index_columns
        for col in self.columns:
            if col.leaf in index_words:
                continue
            cells = [self.cell(r, col.index) for r in range(len(self.rows))]
            text = sum(1 for c in cells if c is not None and c.note == "text")
            nums = sum(1 for c in cells if c is not None and c.value is not None)
            if text > nums:
                return col.index
        return None

    def cell(self, row: int, col: int) -> Optional[Cell]:
        if not 0 <= row < len(self.rows):
            return None
        cells = self.rows[row]
        return cells[col] if 0 <= col < len(cells) else None

    def entity(self, row: int) -> Optional[str]:
        """Row name: the entity cell, or the text before it when 合计 sits in a merged 序号 cell."""
        return self._entity_at(row, self.entity_col)

    def _entity_at(self, row: int, ec: Optional[int]) -> Optional[str]:
        if ec is None or not 0 <= row < len(self.rows):
            return None
        for c in reversed(self.rows[row][:ec + 1]):
            if c.text and c.note == "text":
                return c.text
        return None

    def row_index(self, name: str) -> Optional[int]:
        """Row of an entity: exact name, a total word (全市, 合计) for the 合计 row, else the one row
        whose name contains it or is contained in it (定襄 -> 定襄经济技术开发区). None if ambiguous."""
        from .tables.lexicon import lexicon

        want = self.match_key(name)
        if not want:
            return None
        ec = self.entity_col
        names = [(r, self.match_key(self._entity_at(r, ec) or "")) for r in range(len(self.rows))]
        exact = [r for r, n in names if n == want]
        if len(exact) == 1:
            return exact[0]
        if want in lexicon().totals and self.total_row is not None:
            return self.total_row
        near = [r for r, n in names if n and (want in n or n in want)]
        return near[0] if len(near) == 1 else None

    def row_by_entity(self, name: str) -> Optional[list[Cell]]:
        r = self.row_index(name)
        return None if r is None else self.rows[r]

    def qualified_name(self, col: int) -> str:
        """A bare growth/share column names what it qualifies: 工业投资 | 同比增速 -> "工业投资/同比增速"."""
        from .tables.lexicon import lexicon

        lex = lexicon()
        column = self.columns[col]
        if column.leaf not in lex.relative_columns:
            return column.name
        ec = self.entity_col
        for prev in reversed(self.columns[:col]):
            if prev.leaf in lex.relative_columns:
                continue
            if prev.index == ec or prev.leaf in lex.index_columns:
                break
            return f"{prev.name}/{column.name}"
        return column.name

    def columns_by_name(self, fragment: str) -> list[Column]:
        """Columns matching an indicator: exact (qualified) name first, else names containing it,
        else the longest qualified name the fragment contains (全市签约项目金额 -> 签约项目金额)."""
        from .tables.headers import split_unit

        want = self.match_key(split_unit(fragment.strip())[0])
        if not want:
            return []
        named = [(c, self.match_key(c.name), self.match_key(self.qualified_name(c.index))) for c in self.columns]
        exact = [c for c, n, q in named if want in (n, q)]
        if exact:
            return exact
        inside = [c for c, n, q in named if want in q]
        if inside:
            return inside
        holders = [(len(q), c) for c, n, q in named if q and q in want]
        if not holders:
            return []
        best = max(k for k, _ in holders)
        return [c for k, c in holders if k == best]

    def column_by_name(self, fragment: str) -> Optional[Column]:
        """The one column matching the indicator (see columns_by_name); None if none or several."""
        found = self.columns_by_name(fragment)
        return found[0] if len(found) == 1 else None

    def columns_under(self, group: str) -> list[Column]:
        """The columns a multi-level header group spans: 项目完成情况 -> its five size buckets."""
        want = self.match_key(group)
        return [c for c in self.columns if want in [self.match_key(p) for p in c.path[:-1]]]

    def column_cells(self, col: int, *, include_total: bool = False) -> list[Cell]:
        rows = range(len(self.rows)) if include_total else self.data_rows
        return [c for r in rows if (c := self.cell(r, col)) is not None]

    @staticmethod
    def match_key(text: str) -> str:
        """A name as compared in look-ups: no spaces, path slashes or quotes."""
        return "".join(ch for ch in text if not ch.isspace() and ch not in "/“”\"'‘’")

    def lookup(self, entity: str, indicator: str) -> Optional[Cell]:
        """The cell of an entity (row) and an indicator (column); None unless both are unambiguous."""
        r = self.row_index(entity)
        col = self.column_by_name(indicator)
        return None if r is None or col is None else self.cell(r, col.index)



class Evidence(Record):
    kind: Literal["text", "cell"]
    start: int
    end: int  # offsets into the text of ``source``: Document.source_text(source)[start:end] == text
    text: str
    table: Optional[int] = None
    row: Optional[int] = None
    col: Optional[int] = None
    source: int = 0  # 0: the document itself; k: the file given beside it (Document.sources, id k)
    file: Optional[str] = None  # that file's name (None for the document itself)
    sheet: Optional[str] = None  # a workbook cell: its sheet name and A1 address
    cell: Optional[str] = None
    role: Literal["claim", "input", "context"] = "input"  # claim: the figure whose value is judged
    label: Optional[str] = None  # what the span is in the computation: "growth", "target", "合计" ...


RelationKind = Literal["partition", "share_of", "part_of", "restates", "target_of", "gap_between", "count_of",
                       "cell_of", "rate_of", "growth_of", "contribution_to", "order", "structure", "conversion",
                       "difference_of"]


class Relation(Record):
    """A link between figures (and table cells) that makes arithmetic checkable: what the claim is
    compared with, the words that anchor the link, and the other candidates it beat. A check rule
    judges a relation; the reviewer reads here why two figures were compared at all."""
    id: int
    kind: RelationKind
    claim: Optional[Evidence] = None
    members: list[Evidence] = Field(default_factory=list)  # the other figures and cells it joins
    anchors: list[Evidence] = Field(default_factory=list)  # the words that make the link (其中, 占…的, 分别)
    competitors: list[Evidence] = Field(default_factory=list)  # other candidates for a member, not taken
    doubt: Optional[str] = None  # an assumption the link rests on, or the readings it could not decide


class Finding(Record):
    rule: str
    status: Status
    claimed: Optional[Dec] = None
    computed: Optional[Dec] = None
    tolerance: Optional[Dec] = None
    formula: str
    message_zh: str
    message_en: str
    figure: Optional[int] = None
    evidence: list[Evidence] = Field(default_factory=list)
    basis: Optional[str] = None  # which reading matched: "by count", "by investment", "round-half-even" ...
    reason: Optional[str] = None  # why a finding is unverifiable
    # doubtful: the assumption the recomputation rests on, or the other readings the text allows
    # (a share's whole could be either of two figures); a doubtful finding never counts as a mismatch.
    doubt: Optional[str] = None
    bound: bool = False  # the rule only bounds the claim (part ≤ total, an order), it does not recompute it
    relation: Optional[int] = None  # Relation.id: the link this finding judged


class Unchecked(Record):
    """A figure no rule gave a verdict, and why: nothing is dropped from the checks in silence."""
    figure: int  # Figure.id
    reason: str


class Summary(Record):
    figures: int
    checked: int  # figures whose value or comparison is recomputed (not unverifiable, not a bound) by a finding
    coverage: float
    consistent: int
    mismatch: int
    rounding: int
    unverifiable: int
    doubtful: int = 0
    findings: int = 0
    bounded: int = 0  # figures only bounded (part ≤ total, an order), not counted in checked


class Anchor(Record):
    """Source map of a PDF/DOCX/XLSX rendered to text: from ``offset`` in ``Document.text`` on, the
    text is on ``page`` (1-based PDF page, DOCX body block, or XLSX sheet), from character ``char``
    of that page's rendered text."""
    offset: int
    page: int
    char: int


class SheetCell(Record):
    """A workbook cell as rendered: ``text[start:end]`` of its source is the cell as Excel shows it."""
    start: int
    end: int
    sheet: str
    cell: str  # A1 address


class SourceText(Record):
    """A file checked beside the document (``check draft.txt --tables appendix.xlsx``): the text it was
    rendered to, which its tables' and its evidence's offsets point into, and where each cell came from."""
    id: int  # 1, 2, ...: Table.source and Evidence.source; 0 is the document itself
    name: str
    format: str
    text: str
    anchors: list[Anchor] = Field(default_factory=list)  # page = sheet number, as in Document.anchors
    cells: list[SheetCell] = Field(default_factory=list)  # XLSX only, in text order


class Document(Record):
    source: str
    encoding: str
    format: str = "text"
    text: str = Field(default="", exclude=True)  # the original decoded input
    anchors: list[Anchor] = Field(default_factory=list)  # empty for plain text
    sections: list[Section] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list, exclude=True)
    quantities: list[Quantity] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    skipped: list[Skipped] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    sources: list[SourceText] = Field(default_factory=list)  # files checked beside it (check --tables)
    relations: list[Relation] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    unchecked: list[Unchecked] = Field(default_factory=list)
    summary: Optional[Summary] = None

    def quantity(self, qid: int) -> Quantity:
        return self.quantities[qid]

    def source_text(self, source: int = 0) -> str:
        """The text offsets of ``source`` point into: the input itself for 0, else a file's rendering."""
        if source == 0:
            return self.text
        for s in self.sources:
            if s.id == source:
                return s.text
        raise KeyError(f"no source {source} in {self.source}")

    def quote(self, ev: Evidence) -> str:
        """What an evidence item's offsets cover in its own source (equal to ``ev.text``)."""
        return self.source_text(ev.source)[ev.start:ev.end]
