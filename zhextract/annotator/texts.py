"""The words of a review comment: what was found, claimed against recomputed, the formula, and
where each input is (the sentence, the table and cell, or the workbook sheet and cell)."""
from __future__ import annotations

from bisect import bisect_right
from decimal import Decimal
from pathlib import Path
from typing import Optional

from ..models import Document, Evidence, Finding, Table

STATUS_ZH = {"mismatch": "不一致", "doubtful": "存疑", "rounding": "舍入方式不同", "consistent": "一致",
             "unverifiable": "无法核对"}
_MAX_INPUTS = 12  # a comment is read in a margin: the rest is counted, not listed
_QUOTE = 24  # characters of a sentence quoted on each side of an input


def _num(d: Optional[Decimal]) -> str:
    return "—" if d is None else format(d, "f")


class Places:
    """Describes where an evidence item is, in the draft or in an appendix workbook."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._starts = [s.start for s in doc.sentences]

    def describe(self, e: Evidence) -> str:
        if e.kind == "text":
            return f"正文{self.sentence(e)}" + (f"（{e.label}）" if e.label else "")
        t = self._doc.tables[e.table] if e.table is not None and e.table < len(self._doc.tables) else None
        if e.source:  # a workbook given beside the draft: evidence names its file, sheet and cell
            at = f"工作簿 {Path(e.file).name if e.file else ''} 工作表「{e.sheet or '?'}」{e.cell or ''}"
            return f"{at}{_cell(t, e) if t is not None else ''}：{e.text}"
        if t is not None:
            return f"表格{_table_name(t)}{_cell(t, e)}：{e.text}"
        return f"附表中的 {e.label + '：' if e.label else ''}{e.text}"

    def sentence(self, e: Evidence) -> str:
        """The sentence around a text span, quoted with the span in 【】 (shortened around it)."""
        text = self._doc.text
        i = bisect_right(self._starts, e.start) - 1
        s = self._doc.sentences[i] if i >= 0 else None
        if s is None or e.end > s.end:
            start, end = e.start, e.end
        else:
            start, end = s.start, s.end
        head = text[max(start, e.start - _QUOTE):e.start]
        tail = text[e.end:min(end, e.end + _QUOTE)]
        pre = "…" if e.start - _QUOTE > start else ""
        post = "…" if e.end + _QUOTE < end else ""
        return f"“{pre}{head}【{text[e.start:e.end]}】{tail}{post}”".replace("\n", " ")


def _table_name(t: Table) -> str:
    name = " ".join(x for x in (t.label, t.title) if x)
    return f"「{name}」" if name else f"（第{t.id + 1}个）"


def _cell(t: Table, e: Evidence) -> str:
    """Row and column as a reader finds them: the row's name and the column's header."""
    if e.row is None or e.col is None:
        return ""
    row = ""
    ent = t.entity_col
    if ent is not None and e.row < len(t.rows):
        name = next((c.text for c in t.rows[e.row] if c.col == ent), "")
        row = f"“{name}”行" if name else ""
    col = next((c.name for c in t.columns if c.index == e.col), "")
    where = f"第{e.row + 1}行第{e.col + 1}列"
    return f"{row}{'“' + col + '”列' if col else ''}（表体{where}）"


def comment_text(f: Finding, places: Places) -> str:
    """A mismatch or doubtful finding as a reviewer would write it in the margin."""
    lines = [f"zhextract 核对：{STATUS_ZH[f.status]}", f.message_zh]
    if f.claimed is not None or f.computed is not None:
        tol = f"（允许误差 ±{_num(f.tolerance)}）" if f.tolerance else ""
        lines.append(f"写为 {_num(f.claimed)}，复算为 {_num(f.computed)}{tol}")
    lines.append(f"算式：{f.formula}")
    if f.doubt:
        lines.append(f"存疑：{f.doubt}")
    inputs = [e for e in f.evidence if e.role != "claim"]
    if inputs:
        lines.append("依据：")
        lines += [f"· {places.describe(e)}" for e in inputs[:_MAX_INPUTS]]
        if len(inputs) > _MAX_INPUTS:
            lines.append(f"· 另有 {len(inputs) - _MAX_INPUTS} 项")
    lines.append(f"规则：{f.rule}")
    return "\n".join(lines)


def short_text(findings: list[Finding]) -> str:
    """The short note on a figure whose checks all agree (``--annotate-all``)."""
    head = "核对一致" if all(f.status == "consistent" for f in findings) else "按其他舍入方式一致"
    more = f"（另 {len(findings) - 1} 项核对）" if len(findings) > 1 else ""
    return f"{head}：{findings[0].message_zh}{more}"


def elsewhere_text(items: list[tuple[Finding, str]]) -> str:
    """One comment at the top for findings whose claimed figure is not in the draft's body (a cell of
    an appendix workbook): listed, never dropped."""
    lines = [f"zhextract 核对：另有 {len(items)} 处问题的数字不在本文正文中，无法就地批注："]
    for n, (f, where) in enumerate(items, 1):
        lines.append(f"{n}. {STATUS_ZH[f.status]}｜{where}｜{f.message_zh}")
    return "\n".join(lines)
