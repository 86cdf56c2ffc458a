"""Corpus runs (issue 13): many files into one store of linked tables.

``python -m zhextract batch INPUT… --out results.duckdb`` (or a Parquet folder), on local worker
processes or a Dask cluster. Every engine calls the same per-document function, ``rows.process``.
Needs the ``[batch]`` extra (DuckDB, pyarrow, tqdm), ``[dask]`` for Dask; importing zhextract never
imports them.
"""
