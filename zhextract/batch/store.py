"""Where a corpus run keeps its rows: a DuckDB file (the default) or a folder of Parquet files.

Both commit a batch of documents at a time, with the ``documents`` rows last: a document counts as
stored once its ``documents`` row is, so an interrupted run resumes where it stopped and a re-run
skips what is stored (``known``). ``replace`` (--force) drops a document's old rows first.
"""
from __future__ import annotations

import os
import time
import uuid
from pathlib import Path
from typing import Iterable, Protocol

from ..errors import InputError
from .rows import DocResult
from .schema import ORDER, TABLES, arrow_table, ddl


class Store(Protocol):
    target: str

    def known(self) -> set[str]: ...

    def write(self, results: list[DocResult], *, replace: bool = False) -> None: ...

    def close(self) -> None: ...


def open_store(out: str) -> Store:
    """``*.duckdb`` / ``*.db``: a DuckDB file; anything else (``*.parquet``, a folder): Parquet."""
    if Path(out).suffix.lower() in (".duckdb", ".db"):
        return DuckDBStore(out)
    return ParquetStore(out)


def _rows(results: list[DocResult], table: str) -> list[dict]:
    return [row for r in results for row in r.rows.get(table, ())]


class DuckDBStore:
    def __init__(self, path: str) -> None:
        import duckdb
        import pyarrow  # noqa: F401 - rows go in as Arrow batches: fail here, before any work, without it

        self.target = path
        try:
            self.con = duckdb.connect(path)
        except duckdb.Error as exc:
            raise InputError(f"cannot open as a DuckDB store: {str(exc).splitlines()[0]}", path=path) from None
        for table, columns in TABLES.items():
            self.con.execute(ddl(table))
            have = [r[1] for r in self.con.execute(f"PRAGMA table_info('{table}')").fetchall()]
            if have != [name for name, _ in columns]:
                raise InputError(f"table {table} has other columns than this version writes; use a new store",
                                 path=path)

    def known(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT doc_id FROM documents").fetchall()}

    def write(self, results: list[DocResult], *, replace: bool = False) -> None:
        if not results:
            return
        self.con.begin()
        try:
            if replace:
                ids = [r.doc_id for r in results]
                for table in ORDER:
                    self.con.execute(f'DELETE FROM "{table}" WHERE doc_id IN (SELECT unnest($1::VARCHAR[]))', [ids])
            for table in ORDER:
                rows = _rows(results, table)
                if rows:
                    self.con.register("_zx_batch", arrow_table(table, rows))
                    self.con.execute(f'INSERT INTO "{table}" SELECT * FROM _zx_batch')
                    self.con.unregister("_zx_batch")
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise

    def close(self) -> None:
        self.con.close()


class ParquetStore:
    """``<folder>/<table>/part-<token>.parquet``: each committed batch writes one part per table, with
    one token, so a document's rows in every table sit in parts of the same name. Read with
    ``read_parquet('<folder>/figures/*.parquet')``."""

    def __init__(self, folder: str) -> None:
        import pyarrow  # noqa: F401 - fail here, before any work, when the extra is missing

        self.target = folder
        self.root = Path(folder)
        if self.root.exists() and not self.root.is_dir():
            raise InputError("exists and is not a folder: Parquet output is a folder of tables", path=folder)
        for table in TABLES:
            (self.root / table).mkdir(parents=True, exist_ok=True)
        # unique per store opened: two runs in one second of one process must not share part names
        self._run = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
        self._n = 0
        self._index: dict[tuple[str, str], set[str]] | None = None
        self._sweep()

    def _parts(self, table: str) -> list[Path]:
        return sorted((self.root / table).glob("part-*.parquet"))

    def _sweep(self) -> None:
        """Drop what an interrupted commit left: temporary files, and parts without their documents part."""
        committed = {p.name for p in self._parts("documents")}
        for table in TABLES:
            for p in (self.root / table).glob("*.tmp"):
                p.unlink()
            for p in self._parts(table):
                if p.name not in committed:
                    p.unlink()

    def known(self) -> set[str]:
        import pyarrow.parquet as pq

        ids: set[str] = set()
        for p in self._parts("documents"):
            ids.update(pq.read_table(p, columns=["doc_id"]).column(0).to_pylist())
        return ids

    def write(self, results: list[DocResult], *, replace: bool = False) -> None:
        if not results:
            return
        if replace:
            self._drop({r.doc_id for r in results})
        self._n += 1
        name = f"part-{self._run}-{self._n:05d}.parquet"
        for table in ORDER:  # documents last: its part is the commit
            self._write(self.root / table / name, arrow_table(table, _rows(results, table)))
        if self._index is not None:
            for table in TABLES:
                self._index[(table, name)] = {row["doc_id"] for row in _rows(results, table)}

    @staticmethod
    def _write(path: Path, table: object) -> None:
        import pyarrow.parquet as pq

        tmp = path.with_suffix(".tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, path)

    def _drop(self, ids: Iterable[str]) -> None:
        """Rewrite every part holding these documents without them, documents first (a --force run
        cut off here leaves old rows of documents no longer stored: run it again with --force)."""
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        if self._index is None:  # (table, part) -> its doc_ids, read once per run
            self._index = {(table, p.name): set(pq.read_table(p, columns=["doc_id"]).column(0).to_pylist())
                           for table in TABLES for p in self._parts(table)}
        ids = set(ids)
        value_set = pa.array(sorted(ids), type=pa.string())
        for table in ("documents",) + ORDER[:-1]:
            for (t, name), held in self._index.items():
                if t == table and held & ids:
                    path = self.root / table / name
                    part = pq.read_table(path)
                    self._write(path, part.filter(pc.invert(pc.is_in(part["doc_id"], value_set=value_set))))
                    held -= ids

    def close(self) -> None:
        pass
