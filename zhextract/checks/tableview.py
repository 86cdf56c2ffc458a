"""A read-only view of a parsed Table for the rules: named numeric columns with their unit and
dimension, data rows keyed by entity, the 合计 row, and the labels the text may cite it by.

The rules read the Table model (columns, rows of Cells with values and units, total_row). Where a
field is still empty (a parser that only splits cells), the view falls back to what the cell text
and the header row say, so the rules do not depend on how complete the parser is today.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Optional

import regex

from ..models import Cell, Evidence, Table
from ..quantities.units import lexicon
from ..tables.units import column_unit, parse_unit_line
from .arith import Iv, decimals_of

_NUM = re.compile(r"^\s*([-+−]?\d+(?:\.\d+)?)\s*$")
_HEAD_UNIT = re.compile(r"[(（]([^()（）]{1,8})[)）]\s*$")
_LABEL = re.compile(r"(附件\s*\d+|附表\s*\d+|表\s*\d+)")
_UNIT_LINE = re.compile(r"^\s*(?:单位|计量单位)\s*[:：]\s*(.+?)\s*$")


def _rx(key: str) -> "regex.Pattern[str]":
    from .base import pattern  # base imports this module; the patterns load at first use

    return pattern("columns", key)


from ..quantities.numerals import in_range  # noqa: E402 - beside its one use


def parse_number(text: str) -> Optional[tuple[Decimal, int]]:
    m = _NUM.match(text.replace(",", "").replace("，", ""))
    if not m:
        return None
    try:
        v = Decimal(m.group(1).replace("−", "-"))
    except InvalidOperation:
        return None
    return (v, decimals_of(v)) if in_range(v) else None


@dataclass
class ColView:
    index: int
    name: str  # header path without the unit in brackets
    unit: Optional[str] = None
    factor: Optional[Decimal] = None
    dim: Optional[str] = None
    growth_of: Optional[int] = None  # a growth column: index of the column it is the growth of
    growth: bool = False


@dataclass
class RowView:
    index: int  # index into Table.rows
    name: str
    name_cell: Optional[Cell]
    cells: dict[int, Cell]
    total: bool = False


@dataclass
class TableView:
    table: Table
    cols: dict[int, ColView] = field(default_factory=dict)
    rows: list[RowView] = field(default_factory=list)
    total: Optional[RowView] = None
    group_labels: list[RowView] = field(default_factory=list)  # body rows with a label and no value
    entity_col: Optional[int] = None
    labels: set[str] = field(default_factory=set)
    title: str = ""
    source: str = ""  # the text the cells' offsets point into ("" for a Table given as an object)
    _values: dict[tuple, list] = field(default_factory=dict, repr=False, compare=False)
    _matchable: dict[tuple, Any] = field(default_factory=dict, repr=False, compare=False)  # lookup.matchable

    @property
    def id(self) -> int:
        return self.table.id

    # --- values ----------------------------------------------------------------------------
    def number(self, cell: Optional[Cell]) -> Optional[tuple[Decimal, int]]:
        if cell is None:
            return None
        if cell.value is not None:
            return cell.value, cell.decimals if cell.decimals is not None else decimals_of(cell.value)
        return parse_number(cell.text)

    def iv(self, cell: Optional[Cell], col: ColView) -> Optional[Iv]:
        """A cell in its column's unit; counts are exact, every other number is rounded."""
        n = self.number(cell)
        if n is None:
            return None
        v, d = n
        return Iv.written(v, d, exact=(col.dim == "count" and d == 0 and not (col.unit or "").startswith("万")))

    def base_iv(self, cell: Optional[Cell], col: ColView) -> Optional[Iv]:
        iv = self.iv(cell, col)
        return None if iv is None or col.factor is None else iv.scale(col.factor)

    def cell(self, row: RowView, col: int) -> Optional[Cell]:
        return row.cells.get(col)

    def numeric_cols(self) -> list[ColView]:
        return [c for c in self.cols.values() if c.index != self.entity_col and any(
            self.number(r.cells.get(c.index)) is not None for r in self.rows)]

    def column_values(self, col: ColView) -> list[tuple[RowView, Cell, Iv]]:
        """The column's readable cells (computed once per column: every figure's lookup asks)."""
        key = (col.index, col.unit, col.dim, len(self.rows))
        if key not in self._values:
            out = []
            for r in self.rows:
                c = r.cells.get(col.index)
                iv = self.iv(c, col)
                if c is not None and iv is not None:
                    out.append((r, c, iv))
            self._values[key] = out
        return list(self._values[key])

    def quote(self, cell: Cell) -> str:
        """The cell as written in its source: evidence quotes the input, not the repaired text
        (full-width digits, traditional characters) that ``Cell.text`` holds."""
        if self.source and 0 <= cell.start <= cell.end <= len(self.source):
            return self.source[cell.start:cell.end]
        return cell.text

    def blank(self, cell: Optional[Cell]) -> bool:
        """An empty, "—" or "0" cell: nothing to add to a sum."""
        if cell is None or not cell.text.strip() or cell.text.strip() in {"—", "-", "--", "/", "——"}:
            return True
        return False


def build_view(t: Table, doc_text: str) -> TableView:
    tv = TableView(table=t, source=doc_text)
    header_rows, data_rows, label_rows = _split_header(t)
    names = _column_names(t, header_rows)
    unit_line = t.unit_line or _unit_line_in_rows(t) or ""
    specs = parse_unit_line(unit_line) if unit_line else []
    tcols: dict[int, Any] = {}
    for c in t.columns:
        tcols.setdefault(c.index, c)  # the first column of each index, as a scan would find it
    for i, name in names.items():
        col = ColView(index=i, name=_HEAD_UNIT.sub("", name).strip())
        tcol = tcols.get(i)
        # the table parser assigns units (tables/units.py: header, 单位 line by column name or by
        # value type); a table built without columns gets the same assignment here
        unit = (tcol.unit if tcol and tcol.unit else None) or _head_unit(name) \
            or (None if t.columns else column_unit(col.name, None, specs, False))
        _set_unit(col, unit)
        tv.cols[i] = col
    tv.entity_col = _entity_col(tv, data_rows)
    for ri in data_rows:
        cells = {c.col: c for c in t.rows[ri]}
        ncell = cells.get(tv.entity_col) if tv.entity_col is not None else None
        name = ncell.text.strip() if ncell else ""
        rv = RowView(index=ri, name=name, name_cell=ncell, cells=cells)
        if t.total_row == ri or _rx("total_row").match(name) or any(_rx("total_row").match(c.text) for c in t.rows[ri][:3]):
            rv.total = True
            tv.total = rv
        else:
            tv.rows.append(rv)
    for ri in label_rows:
        ncell = next((c for c in t.rows[ri] if c.text.strip()), None)
        tv.group_labels.append(RowView(index=ri, name=ncell.text.strip() if ncell else "", name_cell=ncell, cells={}))
    _type_columns(tv, unit_line)
    tv.title = t.title or ""
    tv.labels = _labels(t, doc_text)
    return tv


def _split_header(t: Table) -> tuple[list[int], list[int], list[int]]:
    """Leading rows with no number outside a 序号 column are header rows (or a 单位/source line);
    such rows among the data are group labels (一、按行业分)."""
    header: list[int] = []
    data: list[int] = []
    labels: list[int] = []
    for ri, row in enumerate(t.rows):
        texts = [c.text.strip() for c in row]
        if not any(texts) or _UNIT_LINE.match(texts[0]) or texts[0].startswith("数据来源"):
            continue
        has_num = any(c.value is not None or parse_number(c.text) for c in row[1:])
        if not data and not has_num and not t.columns:
            header.append(ri)
        elif has_num or any(_rx("total_row").match(x) for x in texts[:3]):
            data.append(ri)
        else:
            labels.append(ri)
    return header, data, labels


def _column_names(t: Table, header_rows: list[int]) -> dict[int, str]:
    if t.columns:
        return {c.index: c.name for c in t.columns}
    names: dict[int, str] = {}
    for k, ri in enumerate(header_rows):
        below = {c.col: c.text.strip() for c in t.rows[header_rows[k + 1]]} if k + 1 < len(header_rows) else {}
        carry = ""
        for c in t.rows[ri]:
            txt = c.text.strip()
            # a parent header spans the empty cells to its right that have a child below
            # ("项目完成情况" over five size buckets)
            if txt:
                carry = txt
            elif below.get(c.col):
                txt = carry
            else:
                carry = ""
            prev = names.get(c.col, "")
            names[c.col] = f"{prev}/{txt}" if prev and txt else (prev or txt)
    return names


def _unit_line_in_rows(t: Table) -> Optional[str]:
    for row in t.rows[:2]:
        if row and (m := _UNIT_LINE.match(row[0].text)):
            return m.group(1)
    return None


def _head_unit(name: str) -> Optional[str]:
    m = _HEAD_UNIT.search(name)
    if m and m.group(1).strip() in lexicon().by_form or (m and "/" in m.group(1)):
        return m.group(1).strip()
    return None


def _set_unit(col: ColView, unit: Optional[str]) -> None:
    if not unit:
        return
    u = lexicon().by_form.get(unit)
    col.unit = u.name if u else unit
    if u:
        col.factor, col.dim = u.factor, u.dimension
    elif "/" in unit:
        col.dim, col.factor = f"rate:{unit}", Decimal(1)


def _type_columns(tv: TableView, unit_line: str) -> None:
    """Roles of columns no unit was found for (a percent, a ratio, a count), and growth links."""
    prev_value: Optional[int] = None
    for i in sorted(tv.cols):
        col = tv.cols[i]
        if i == tv.entity_col or _rx("sequence").match(col.name):
            continue
        if col.dim is None:
            if _rx("percent").search(col.name) and not col.name.endswith("比"):
                _set_unit(col, "%")
            elif col.name.endswith("比") or col.name.endswith("比值"):
                col.dim, col.factor, col.unit = "ratio", Decimal(1), ""
            elif _rx("count").search(col.name):  # a count the unit line does not name: exact, no unit
                col.dim, col.factor, col.unit = "count", Decimal(1), None
        col.growth = bool(_rx("growth").search(col.name)) and col.dim == "percent"
        if col.growth:
            subject = _rx("growth").sub("", col.name).replace("同比", "")
            base = next((j for j, c in tv.cols.items() if j < i and c.name and not c.growth
                         and subject and (subject == c.name or c.name.startswith(subject) or subject.startswith(c.name))), None)
            col.growth_of = base if base is not None else (prev_value if not subject else None)
        elif col.dim not in (None, "percent"):
            prev_value = i


def _entity_col(tv: TableView, data_rows: list[int]) -> Optional[int]:
    for i in sorted(tv.cols):
        if _rx("entity").search(tv.cols[i].name) and not _rx("sequence").match(tv.cols[i].name):
            return i
    t = tv.table
    by_col: dict[int, list[str]] = {}  # one pass over the cells, not one per column (issue 14)
    for ri in data_rows:
        for c in t.rows[ri]:
            by_col.setdefault(c.col, []).append(c.text)
    for i in sorted(tv.cols):  # first column whose cells are mostly text
        texts = by_col.get(i, [])
        if texts and sum(1 for x in texts if x.strip() and parse_number(x) is None) > len(texts) / 2:
            return i
    return None


def _labels(t: Table, doc_text: str) -> set[str]:
    """附件1, 表2, 附件4表1: from the parser's label and title, and the heading lines right above."""
    found: list[str] = []
    for s in (t.label or "", t.title or ""):
        found += [re.sub(r"\s", "", m) for m in _LABEL.findall(s)]
    pos = t.start
    lines_up = doc_text[:pos].split("\n")
    for line in reversed(lines_up[-8:]):
        s = line.strip().lstrip("#").strip()
        if not s:
            continue
        if "\t" in line or (len(s) > 40 and not _LABEL.match(s)):
            break
        if _UNIT_LINE.match(s):
            continue
        m = _LABEL.match(s)
        if m:
            found.append(re.sub(r"\s", "", m.group(1)))
        elif not found:
            continue
        else:
            break
    labels = set(found)
    annex = [x for x in found if x.startswith("附件")]
    tabs = [x for x in found if x.startswith("表") or x.startswith("附表")]
    for a in annex:
        for b in tabs:
            labels.add(a + b)
    return labels


def cite_keys(text: str) -> list[list[str]]:
    """Table citations in a text, most specific key first: "(附件4表1)" -> [["附件4表1", "表1", "附件4"]]."""
    out: list[list[str]] = []
    for m in re.finditer(r"((?:附件|附表)\s*\d+)\s*(表\s*\d+)?|(表\s*\d+)", text):
        a = re.sub(r"\s", "", m.group(1) or "")
        b = re.sub(r"\s", "", m.group(2) or m.group(3) or "")
        keys = ([a + b] if a and b else []) + ([b] if b else []) + ([a] if a else [])
        out.append(keys)
    return out


# --- evidence and names shared by the table rules -------------------------------------------
_NOT_SUMMABLE = ("percent", "ratio", "pp")


def cell_ev(tv: TableView, row: RowView, col: ColView, role: str = "input", label: Optional[str] = None) -> Optional[Evidence]:
    c = row.cells.get(col.index)
    if c is None:
        return None
    return Evidence(kind="cell", start=c.start, end=c.end, text=tv.quote(c), table=tv.id, row=row.index, col=col.index,
                    role=role, label=label or f"{row.name}/{col.name}")


def tname(tv: TableView) -> str:
    labels = sorted(tv.labels, key=len, reverse=True)
    return labels[0] if labels else f"table {tv.id + 1}"


def summable(col: ColView) -> bool:
    return col.dim is not None and col.dim not in _NOT_SUMMABLE and not col.dim.startswith("rate:") and not col.growth
