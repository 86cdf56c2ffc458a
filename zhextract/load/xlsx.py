"""Excel (.xlsx) reader (openpyxl, read-only, cached values): each visible sheet one table.

A sheet renders as: its label line (the sheet name, e.g. 附件1, unless the title already says it),
"## title" (a leading row holding one lone text cell; merged cells keep their text in the first
cell, so a merged title is such a row), the 单位 line, the table as TAB rows, then trailing lone
rows (数据来源, 注). Numbers are written as Excel displays them: the decimals of the cell's number
format ("0.0" shows 100 as 100.0), percent formats as percents; thousands separators are dropped.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from io import BytesIO
from pathlib import Path
from typing import Any

from ..errors import CorruptFileError, InputError, UnsupportedFormatError
from ..limits import Limits, default_limits
from ..lines import is_source_line, is_unit_line
from ..models import Table
from . import Source
from .canonical import TextBuilder, cell_text

_DEFAULT_SHEET = re.compile(r"^(?:sheet|工作表)\s*\d*$", re.IGNORECASE)
_LABEL = re.compile(r"^(?:附件|附表)\s*\d*$")


def load(data: bytes, path: Path, limits: Limits | None = None) -> Source:
    return _load(data, path, limits or Limits())[0]


def load_workbook_tables(path: str | Path, limits: Limits | None = None) -> list[Table]:
    """The tables of an appendix workbook (``check report.docx --tables appendix.xlsx``).

    Offsets in the tables point into the workbook's rendered text (one sheet after another), not
    into the report; ``Table.title``/``label`` fall back to the sheet's title row and sheet name.
    """
    from ..repair import repair
    from ..segment import segment
    from ..tables import parse_tables
    from . import read_bytes
    from .documents import _reader, check_package
    from .sniff import sniff_format

    limits = limits or default_limits()
    p = Path(path)
    data = read_bytes(p, limits)
    fmt = sniff_format(data, p)
    if fmt != "xlsx":
        raise UnsupportedFormatError(f"--tables expects an Excel .xlsx workbook, not {fmt}", path=str(p))
    _reader("xlsx", p)  # openpyxl missing -> a clear InputError naming the extra
    check_package(data, str(p), limits)
    src, sheets = _load(data, p, limits)
    limits.check_text(src.text, path=str(p))
    rep = repair(src.text)
    tables = parse_tables(rep, segment(rep.text).tables)
    for t in tables:
        owner = [s for s in sheets if s[0] <= t.start]
        if owner:
            _, title, name = owner[-1]
            t.title = t.title or title
            t.label = t.label or (None if _DEFAULT_SHEET.match(name) else name)
    return tables


def _load(data: bytes, path: Path, limits: Limits) -> tuple[Source, list[tuple[int, str | None, str]]]:
    """The rendered workbook and, per table, (text offset where it starts, title, sheet name)."""
    where = str(path)
    out = TextBuilder()
    tables = []
    cells: list[tuple[int, int, str, str]] = []
    for n, (name, raw) in enumerate(_read(data, where, limits), 1):
        rows = [[_display(v, fmt) for v, fmt in r] for r in raw]
        for k, group in enumerate(_split_stacked(rows)):
            start = len(out.anchors)
            grid = _Grid(name, [rows[i] for i in group], [i + 1 for i in group])
            title = _render_table(out, name if k == 0 else None, grid, n)
            cells += grid.cells
            if len(out.anchors) > start:
                tables.append((out.anchors[start][0], title, name))
    if not out.anchors:
        raise CorruptFileError("Excel workbook has no data in its visible sheets", path=where)
    return Source(text=out.text, encoding="unicode", name=where, format="xlsx", anchors=out.anchors,
                  cells=cells), tables


class _Grid:
    """The rows of one table of a sheet with their sheet row numbers, and the cells rendered so far
    as (start, end, sheet, A1): evidence from a workbook names the cell a reviewer opens."""

    def __init__(self, sheet: str, rows: list[list[str]], numbers: list[int]) -> None:
        self.sheet, self.rows, self.numbers = sheet, rows, numbers
        self.first_col = 1  # sheet column of rows[.][0]
        self.cells: list[tuple[int, int, str, str]] = []

    def pop(self, i: int) -> tuple[list[str], int]:
        return self.rows.pop(i), self.numbers.pop(i)

    def add_lone(self, out: TextBuilder, row: list[str], number: int, part: int, prefix: str = "") -> None:
        """A row holding one cell (a title, 单位 or 数据来源 line) as its own line."""
        j, text = next((j, c) for j, c in enumerate(row) if c)
        s, e = out.add_spanned(prefix + text, part)
        self.cells.append((s + len(prefix), e, self.sheet, a1(number, self.first_col + j)))

    def add_table(self, out: TextBuilder, part: int) -> None:
        spans = out.add_table(self.rows, part)
        kept = [n for n, r in zip(self.numbers, self.rows) if any(r)]
        for number, row, row_spans in zip(kept, [r for r in self.rows if any(r)], spans):
            for j, (text, (s, e)) in enumerate(zip(row, row_spans)):
                if text:
                    self.cells.append((s, e, self.sheet, a1(number, self.first_col + j)))


def a1(row: int, col: int) -> str:
    """A1 address of a 1-based row and column: (3, 28) -> "AB3"."""
    letters = ""
    while col:
        col, r = divmod(col - 1, 26)
        letters = chr(65 + r) + letters
    return f"{letters}{row}"


Raw = list[list[tuple[Any, "str | None"]]]


def _read(data: bytes, where: str, limits: Limits) -> list[tuple[str, Raw]]:
    """(sheet name, rows of (value, number format)) of each visible sheet, counting cells as they
    come (a sparse sheet with cells in A and XFD pads every row to 16,384 cells)."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a damaged package fails anywhere inside openpyxl/zip/XML: say so clearly
        raise CorruptFileError(f"cannot read Excel workbook: corrupt or damaged ({type(exc).__name__}: "
                               f"{str(exc)[:120]}); re-save it from Excel or WPS", path=where) from None
    sheets = []
    cells = 0
    try:
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue  # hidden sheets hold lookups and scratch work, not the published table
            ws.reset_dimensions()  # some writers store a wrong <dimension>; read every row there is
            rows = []
            for row in ws.iter_rows():
                cells += len(row)
                limits.exceeded("table_cells", cells, "cells in the workbook's visible sheets", path=where)
                rows.append([(getattr(c, "value", None), getattr(c, "number_format", None)) for c in row])
            sheets.append((ws.title, rows))
    except InputError:
        raise
    except Exception as exc:
        raise CorruptFileError(f"cannot read Excel workbook: corrupt or damaged ({type(exc).__name__}: "
                               f"{str(exc)[:120]})", path=where) from None
    finally:
        wb.close()
    return sheets


def _lone(r: list[str]) -> str | None:
    """The text of a row holding one text cell (a title, a 单位 or 数据来源 line), else None."""
    filled = [c for c in r if c]
    return filled[0] if len(filled) == 1 and not _is_number(filled[0]) else None


def _split_stacked(rows: list[list[str]]) -> list[list[int]]:
    """Tables stacked on one sheet: an empty row followed by a lone text row (a new title) after
    a table starts the next one; other empty rows are just dropped. Each table as its row indices."""
    groups: list[list[int]] = [[]]
    blank = False
    for i, r in enumerate(rows):
        if not any(r):
            blank = True
            continue
        has_table = sum(1 for g in groups[-1] if sum(1 for c in rows[g] if c) >= 2) >= 2
        lone = _lone(r)
        if blank and has_table and lone is not None and not is_source_line(lone) and not lone.startswith("注"):
            groups.append([])
        groups[-1].append(i)
        blank = False
    return [g for g in groups if g]


def _render_table(out: TextBuilder, name: str | None, grid: _Grid, part: int) -> str | None:
    """Append one table of a sheet (with its label, title, 单位 and trailing lines); return its title."""
    rows = grid.rows
    used = [c for c in range(max(len(r) for r in rows)) if any(c < len(r) and r[c] for r in rows)]
    rows[:] = [[r[c] if c < len(r) else "" for c in range(used[0], used[-1] + 1)] for r in rows]
    grid.first_col = used[0] + 1
    head: list[tuple[list[str], int]] = []
    while len(rows) > 1 and _lone(rows[0]) is not None:
        head.append(grid.pop(0))
    tail: list[tuple[list[str], int]] = []
    while rows and (line := _lone(rows[-1])) is not None and (is_source_line(line) or line.startswith(("注", "备注"))):
        tail.insert(0, grid.pop(-1))
    lines = [_lone(r) or "" for r, _ in head]
    title = next((h for h in lines if not _LABEL.match(h) and not is_unit_line(h)), None)
    if name and not _DEFAULT_SHEET.match(name) and name not in " ".join(lines):
        out.add(name, part)
    for (r, number), h in zip(head, lines):
        grid.add_lone(out, r, number, part, "## " if h is title else "")
    if len(rows) == 1 and sum(1 for c in rows[0] if c) == 1:
        grid.add_lone(out, rows[0], grid.numbers[0], part)  # a note, not a table
    else:
        grid.add_table(out, part)
    for r, number in tail:
        grid.add_lone(out, r, number, part)
    return title


def _is_number(s: str) -> bool:
    try:
        Decimal(s)
    except InvalidOperation:
        return False
    return True


def _display(value: Any, fmt: str | None) -> str:
    """A cell's value as Excel shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return _number(value, fmt or "General")
    if isinstance(value, datetime):
        if value.time() == time(0):
            return f"{value.year}年{value.month}月{value.day}日"
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    return cell_text(str(value).split("\n"))


def _number(value: int | float, fmt: str) -> str:
    """``value`` as the number format shows it, minus thousands separators."""
    d = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    if not d.is_finite():  # 1E999 is read as inf: Excel shows an error there
        return "#NUM!"
    # quantize() needs as many digits as the result has: 10**30 or 30 decimals exceed the default 28
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, d.adjusted() + 2 * _MAX_PLACES + 4)
        return _formatted(d, value, fmt)


_MAX_PLACES = 30  # Excel shows at most 30 decimals


def _formatted(d: Decimal, value: int | float, fmt: str) -> str:
    section = fmt.split(";")[0]
    section = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.', "", section)  # literals, colours, padding
    percent = "%" in section
    if percent:
        d *= 100
    m = re.search(r"[0#?]\.([0#?]+)", section)
    if m:
        places = min(len(m.group(1)), _MAX_PLACES)
        text = format(d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP), "f")
    elif re.search(r"[0#?]", section):
        text = format(d.quantize(Decimal(1), rounding=ROUND_HALF_UP), "f")
    else:  # General: the shortest form that round-trips, no exponent
        text = format(d.normalize(), "f") if d != d.to_integral_value() else format(d.quantize(Decimal(1)), "f")
        if isinstance(value, float) and len(text.replace("-", "").replace(".", "")) > 15:
            text = format(Decimal(f"{value:.15g}").normalize(), "f")
    return text + ("%" if percent else "")
