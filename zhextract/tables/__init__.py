"""Tables of a bulletin: parsed into Table records.

split (cells of each layout) -> context (title, 附件/表 label) -> headers (rows, multi-level names)
-> cells (numbers, notes) -> units (header, 单位 line, value type) -> parse (the Table, issues).
Words and examples live in patterns/tables.toml; look-ups for the checker are methods of Table.
"""
from __future__ import annotations

from ..models import Table
from ..repair import Repaired


def parse_tables(rep: Repaired, blocks: list[tuple[int, int]]) -> list[Table]:
    if not blocks:  # most bulletins: the parser's modules are not even imported (cold start)
        return []
    from .parse import parse_block

    return [parse_block(rep, i, s, e) for i, (s, e) in enumerate(blocks)]
