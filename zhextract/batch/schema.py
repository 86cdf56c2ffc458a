"""The tables of a corpus run, one place for DuckDB, Parquet and the README.

Every table has ``doc_id`` (the SHA-256 of the file's bytes) first; the other keys link rows within
a document: ``quantity_id`` (Quantity.id), ``figure_id`` (Figure.id), ``table_id`` (Table.id),
``relation_id`` (Relation.id), ``finding_no`` (the finding's place in Document.findings).
Decimals are DECIMAL(38,10): every value zhextract reads fits, and the written precision is in
``decimals`` and the quoted ``text``. Offsets point into the original input, like the JSON output.
"""
from __future__ import annotations

from typing import Any

# Column types: str, int, dec, date, bool, float, list (of str).
Columns = tuple[tuple[str, str], ...]

TABLES: dict[str, Columns] = {
    "documents": (
        ("doc_id", "str"), ("path", "str"), ("bytes", "int"), ("status", "str"), ("error", "str"),
        ("encoding", "str"), ("format", "str"), ("chars", "int"), ("quantities", "int"), ("figures", "int"),
        ("findings", "int"), ("mismatches", "int"), ("load_ms", "float"), ("extract_ms", "float"),
        ("check_ms", "float"), ("version", "str"),
    ),
    "quantities": (
        ("doc_id", "str"), ("quantity_id", "int"), ("text", "str"), ("start", "int"), ("end", "int"),
        ("value", "dec"), ("low", "dec"), ("high", "dec"), ("unit", "str"), ("kind", "str"), ("qualifier", "str"),
        ("decimals", "int"), ("normalized_value", "dec"), ("normalized_unit", "str"), ("dimension", "str"),
    ),
    "figures": (
        ("doc_id", "str"), ("figure_id", "int"), ("quantity_id", "int"), ("value", "dec"), ("unit", "str"),
        ("normalized_value", "dec"), ("normalized_unit", "str"), ("indicator", "str"), ("entity", "str"),
        ("entity_text", "str"), ("period", "str"), ("period_start", "date"), ("period_end", "date"),
        ("period_reason", "str"), ("role", "str"), ("parent", "int"), ("start", "int"), ("end", "int"),
        ("sentence_start", "int"), ("sentence_end", "int"), ("section", "list"),
    ),
    "comparisons": (
        ("doc_id", "str"), ("figure_id", "int"), ("comparison_no", "int"), ("type", "str"), ("quantity_id", "int"),
        ("value", "dec"), ("unit", "str"), ("sign", "str"), ("direction", "str"), ("target_quantity_id", "int"),
        ("target_value", "dec"), ("reference", "str"), ("share_of", "str"), ("scope", "str"), ("start", "int"),
        ("end", "int"),
    ),
    "skipped": (
        ("doc_id", "str"), ("skipped_no", "int"), ("text", "str"), ("start", "int"), ("end", "int"),
        ("reason", "str"),
    ),
    "tables": (
        ("doc_id", "str"), ("table_id", "int"), ("title", "str"), ("label", "str"), ("unit_line", "str"),
        ("source_line", "str"), ("start", "int"), ("end", "int"), ("n_rows", "int"), ("n_columns", "int"),
        ("total_row", "int"), ("issues", "int"),
    ),
    "cells": (
        ("doc_id", "str"), ("table_id", "int"), ("row_no", "int"), ("col_no", "int"), ("column_name", "str"),
        ("column_unit", "str"), ("row_name", "str"), ("is_total", "bool"), ("text", "str"), ("start", "int"),
        ("end", "int"), ("value", "dec"), ("unit", "str"), ("decimals", "int"), ("note", "str"),
    ),
    "relations": (
        ("doc_id", "str"), ("relation_id", "int"), ("kind", "str"), ("doubt", "str"),
    ),
    "findings": (
        ("doc_id", "str"), ("finding_no", "int"), ("rule", "str"), ("status", "str"), ("claimed", "dec"),
        ("computed", "dec"), ("tolerance", "dec"), ("formula", "str"), ("message_zh", "str"),
        ("message_en", "str"), ("figure_id", "int"), ("relation_id", "int"), ("basis", "str"), ("reason", "str"),
        ("doubt", "str"), ("bound", "bool"),
    ),
    # The quoted spans of findings (owner 'finding', owner_no = finding_no) and of relations (owner
    # 'relation', owner_no = relation_id; part: claim, member, anchor, competitor).
    "evidence": (
        ("doc_id", "str"), ("owner", "str"), ("owner_no", "int"), ("part", "str"), ("evidence_no", "int"),
        ("kind", "str"), ("role", "str"), ("label", "str"), ("start", "int"), ("end", "int"), ("text", "str"),
        ("table_id", "int"), ("row_no", "int"), ("col_no", "int"),
    ),
    "unchecked": (
        ("doc_id", "str"), ("figure_id", "int"), ("reason", "str"),
    ),
}

# Written last for each batch of documents: a document is stored once its row is (see store.py).
ORDER = tuple(t for t in TABLES if t != "documents") + ("documents",)

_SQL = {"str": "VARCHAR", "int": "BIGINT", "dec": "DECIMAL(38,10)", "date": "DATE", "bool": "BOOLEAN",
        "float": "DOUBLE", "list": "VARCHAR[]"}


def ddl(table: str) -> str:
    cols = ", ".join(f'"{name}" {_SQL[kind]}' for name, kind in TABLES[table])
    return f'CREATE TABLE IF NOT EXISTS "{table}" ({cols})'


def arrow_schema(table: str) -> Any:
    """The pyarrow schema of a table (pyarrow is imported here, never by zhextract itself)."""
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "dec": pa.decimal128(38, 10), "date": pa.date32(),
             "bool": pa.bool_(), "float": pa.float64(), "list": pa.list_(pa.string())}
    return pa.schema([(name, types[kind]) for name, kind in TABLES[table]])


def arrow_table(table: str, rows: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    return pa.Table.from_pylist(rows, schema=arrow_schema(table))
