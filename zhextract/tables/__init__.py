"""Tables of a bulletin: parsed into Table records (parser in tables/parse.py)."""
from __future__ import annotations

from ..models import Table
from ..repair import Repaired


def parse_tables(rep: Repaired, blocks: list[tuple[int, int]]) -> list[Table]:
    from .parse import parse_block

    return [parse_block(rep, i, s, e) for i, (s, e) in enumerate(blocks)]
