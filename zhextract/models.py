"""Typed records produced by zhextract.

Every record that refers to the input carries ``start``/``end``: code-point offsets into the
ORIGINAL decoded input (end exclusive), whatever the repair step changed. Numbers are
``decimal.Decimal`` and serialise as strings, so "354.50" keeps its written precision.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

# Decimals go out as strings: JSON floats would lose the precision the author wrote.
Dec = Annotated[Decimal, PlainSerializer(lambda d: format(d, "f"), return_type=str)]

QuantityKind = Literal["amount", "count", "percent", "pp", "rank", "ratio", "multiple", "duration"]
Role = Literal["actual", "target", "plan", "forecast"]
ComparisonType = Literal[
    "growth", "gap_to_target", "contribution", "share", "rank", "increment", "change"
]
Status = Literal["consistent", "mismatch", "rounding", "unverifiable"]


class Record(BaseModel):
    model_config = ConfigDict(frozen=False, extra="forbid")


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

    @property
    def half_ulp(self) -> Decimal:
        """Rounding half-width implied by the written precision: 354.5 -> 0.05."""
        return Decimal(5).scaleb(-(self.decimals + 1))


class Skipped(Record):
    text: str
    start: int
    end: int
    reason: Literal["date", "period", "heading", "reference", "document_number", "ordinal", "name", "word", "table"]


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
    text: str
    start: int
    end: int
    value: Optional[Dec] = None
    unit: Optional[str] = None
    decimals: Optional[int] = None
    note: Optional[str] = None  # 破零, —, empty


class Column(Record):
    index: int
    name: str  # full header path joined with "/"
    unit: Optional[str] = None


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
    columns: list[Column] = Field(default_factory=list)
    rows: list[list[Cell]] = Field(default_factory=list)
    total_row: Optional[int] = None  # index into rows of the 合计 row
    issues: list[TableIssue] = Field(default_factory=list)


class Evidence(Record):
    kind: Literal["text", "cell"]
    start: int
    end: int
    text: str
    table: Optional[int] = None
    row: Optional[int] = None
    col: Optional[int] = None
    role: Literal["claim", "input", "context"] = "input"  # claim: the figure whose value is judged
    label: Optional[str] = None  # what the span is in the computation: "growth", "target", "合计" ...


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


class Summary(Record):
    figures: int
    checked: int  # figures whose value or comparison is judged (not unverifiable) by at least one finding
    coverage: float
    consistent: int
    mismatch: int
    rounding: int
    unverifiable: int
    findings: int = 0


class Document(Record):
    source: str
    encoding: str
    format: str = "text"
    text: str = Field(default="", exclude=True)  # the original decoded input
    sections: list[Section] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list, exclude=True)
    quantities: list[Quantity] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    skipped: list[Skipped] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    summary: Optional[Summary] = None

    def quantity(self, qid: int) -> Quantity:
        return self.quantities[qid]
