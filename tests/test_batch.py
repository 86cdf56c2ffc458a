"""Corpus runs (issue 13): `batch` into DuckDB and Parquet, re-runs, failures, resumption, Dask.

The README's three queries are read from the README and run as written; their expected answers are
computed from ``zhextract.check`` on each file, never written down for a document.
"""
from __future__ import annotations

import io
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

import zhextract
from zhextract.cli import main

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")
pytest.importorskip("tqdm")

from zhextract.batch.inputs import expand  # noqa: E402 - after the extras are known to be there
from zhextract.batch.run import run_local  # noqa: E402
from zhextract.batch.schema import TABLES  # noqa: E402
from zhextract.batch.store import open_store  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
INPUTS = sorted(ROOT.glob("corpus/*.txt")) + sorted((ROOT / "tests" / "fixtures").iterdir())
TIMINGS = ("load_ms", "extract_ms", "check_ms")

# Short bulletins of our own for the cheap tests (re-runs, resumption, Parquet).
OWN = [
    "2021年全县经济运行简报\n上半年,全县规上工业增加值完成 12.5 亿元,增长 6.1%。",
    "2022年招商引资通报\n1—9月,全县新签约项目 37 个,总投资 84.2 亿元。",
    "2020年开发区工作情况\n截至10月底,开发区入驻企业 215 家,其中规上企业 48 家。",
    "2023年一季度农业生产情况\n一季度,全区粮食播种面积 3.2 万亩,同比增长 2.5%。",
]


def _broken(folder: Path) -> Path:
    p = folder / "broken.pdf"
    p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)  # a PDF header, then garbage and no end marker
    return p


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch")
    inputs = [str(p) for p in INPUTS] + [str(_broken(folder))]
    out = folder / "results.duckdb"
    err = io.StringIO()
    old, sys.stderr = sys.stderr, err
    try:
        rc = main(["batch", *inputs, "--out", str(out), "--jobs", "2", "--no-progress"])
    finally:
        sys.stderr = old
    return SimpleNamespace(folder=folder, inputs=inputs, out=out, rc=rc, stderr=err.getvalue())


@pytest.fixture(scope="module")
def checked():
    return {str(p): zhextract.check(p) for p in INPUTS}


def _query(name: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"```sql\n-- query: " + name + r"\n(.*?)```", readme, re.S)
    assert m, f"README has no query {name}"
    return m.group(1)


def _con(path: Path):
    return duckdb.connect(str(path), read_only=True)


def _counts(path: Path) -> dict[str, int]:
    with _con(path) as con:
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES}


def test_a_corrupt_file_is_recorded_and_the_run_completes(corpus_run):
    assert corpus_run.rc == 2  # a file could not be read: bad input, yet every other file is stored
    with _con(corpus_run.out) as con:
        rows = con.execute("SELECT path, status, error FROM documents").fetchall()
    status = {path: (st, err) for path, st, err in rows}
    assert set(status) == set(corpus_run.inputs)
    broken = corpus_run.inputs[-1]
    assert status[broken][0] == "bad_input" and "truncated" in status[broken][1]
    assert all(st == "ok" and err is None for p, (st, err) in status.items() if p != broken)
    assert "broken.pdf" in corpus_run.stderr and "failed 1" in corpus_run.stderr


def test_the_tables_hold_every_record_of_every_document(corpus_run, checked):
    with _con(corpus_run.out) as con:
        ids = dict(con.execute("SELECT path, doc_id FROM documents").fetchall())
        for path, doc in checked.items():
            counts = {t: con.execute(f'SELECT count(*) FROM "{t}" WHERE doc_id = ?', [ids[path]]).fetchone()[0]
                      for t in TABLES}
            assert counts["quantities"] == len(doc.quantities), path
            assert counts["figures"] == len(doc.figures), path
            assert counts["comparisons"] == sum(len(f.comparisons) for f in doc.figures), path
            assert counts["skipped"] == len(doc.skipped), path
            assert counts["tables"] == len(doc.tables), path
            assert counts["cells"] == sum(len(r) for t in doc.tables for r in t.rows), path
            assert counts["findings"] == len(doc.findings), path
            assert counts["relations"] == len(doc.relations), path
            assert counts["unchecked"] == len(doc.unchecked), path
            ev = con.execute("SELECT count(*) FROM evidence WHERE doc_id = ? AND owner = 'finding'",
                             [ids[path]]).fetchone()[0]
            assert ev == sum(len(f.evidence) for f in doc.findings), path
        # the keys link: every figure's quantity, every comparison's figure, every finding's relation
        orphans = {
            "figure quantity": "SELECT count(*) FROM figures f ANTI JOIN quantities q USING (doc_id, quantity_id)"
                               " WHERE f.quantity_id IS NOT NULL",
            "comparison figure": "SELECT count(*) FROM comparisons c ANTI JOIN figures f USING (doc_id, figure_id)",
            "finding relation": "SELECT count(*) FROM findings x ANTI JOIN relations r USING (doc_id, relation_id)"
                                " WHERE x.relation_id IS NOT NULL",
            "cell table": "SELECT count(*) FROM cells c ANTI JOIN tables t USING (doc_id, table_id)",
        }
        for what, sql in orphans.items():
            assert con.execute(sql).fetchone()[0] == 0, what


def test_stored_values_keep_the_documents_decimals_and_dates(corpus_run, checked):
    path, doc = next((p, d) for p, d in checked.items() if any(f.period_start for f in d.figures))
    with _con(corpus_run.out) as con:
        doc_id = con.execute("SELECT doc_id FROM documents WHERE path = ?", [path]).fetchone()[0]
        rows = con.execute("SELECT figure_id, value, period_start, period_end, period_reason FROM figures "
                           "WHERE doc_id = ? ORDER BY figure_id", [doc_id]).fetchall()
    for (fid, value, start, end, reason), f in zip(rows, doc.figures, strict=True):
        assert fid == f.id
        assert (value is None) == (f.value is None)
        if value is not None:
            assert value == doc.quantities[f.value].value and isinstance(value, Decimal)
        assert (start, end, reason) == (f.period_start, f.period_end, f.period_reason)


def test_readme_query_figure_across_years(corpus_run, checked):
    with _con(corpus_run.out) as con:
        got = con.execute(_query("figure_across_years")).fetchall()
    indicator = re.search(r"indicator = '([^']+)'", _query("figure_across_years")).group(1)
    want = {(f.period_start.year, f.period, f.entity, d.quantities[f.value].value, d.quantities[f.value].unit)
            for d in checked.values() for f in d.figures
            if f.indicator == indicator and f.role == "actual" and f.value is not None and f.period_start}
    assert len({row[0] for row in want}) >= 2, "the query should span years"
    assert sorted(got, key=lambda r: (r[0], -r[3])) == got  # ordered by year, then value
    assert set(got) == want and len(got) == len(want)


def test_readme_query_mismatches_by_rule(corpus_run, checked):
    with _con(corpus_run.out) as con:
        got = con.execute(_query("mismatches_by_rule")).fetchall()
    want: dict[str, tuple[int, set[str]]] = {}
    for path, d in checked.items():
        for f in d.findings:
            if f.status == "mismatch":
                n, docs = want.get(f.rule, (0, set()))
                want[f.rule] = (n + 1, docs | {path})
    assert want, "the corpus has mismatches to count"
    expected = sorted(((rule, n, len(docs)) for rule, (n, docs) in want.items()), key=lambda r: (-r[1], r[0]))
    assert got == expected


def test_readme_query_zones_ranked(corpus_run, checked):
    sql = _query("zones_ranked")
    with _con(corpus_run.out) as con:
        got = con.execute(sql).fetchall()
    indicator = re.search(r"indicator = '([^']+)'", sql).group(1)
    start, end = re.findall(r"DATE '([\d-]+)'", sql)
    growths = {(f.entity, c.signed_value(d.quantities[c.quantity]))
               for d in checked.values() for f in d.figures for c in f.comparisons
               if f.indicator == indicator and c.type == "growth" and f.entity
               and str(f.period_start) == start and str(f.period_end) == end}
    assert len(growths) >= 3
    assert [(e, g) for e, g, _ in got] == sorted(growths, key=lambda g: (-g[1], g[0]))
    assert got[0][2] == 1 and [r[2] for r in got] == sorted(r[2] for r in got)


def test_a_rerun_does_nothing(corpus_run):
    before = _counts(corpus_run.out)
    store = open_store(str(corpus_run.out))
    try:
        summary = run_local(corpus_run.inputs, store, jobs=1, progress=False)
    finally:
        store.close()
    assert summary.stored == len(corpus_run.inputs) and summary.done == 0
    assert summary.exit_code == 0
    assert _counts(corpus_run.out) == before


def _own_files(folder: Path) -> list[str]:
    paths = []
    for i, text in enumerate(OWN):
        p = folder / f"own_{i}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    return paths


def test_force_redoes_documents_without_duplicating_rows(tmp_path):
    paths = _own_files(tmp_path)
    out = tmp_path / "own.duckdb"
    assert main(["batch", *paths, "--out", str(out), "--jobs", "1", "--no-progress"]) == 0
    before = _counts(out)
    assert main(["batch", paths[0], "--out", str(out), "--jobs", "1", "--force", "--no-progress"]) == 0
    assert _counts(out) == before


def _interrupted(paths: list[str], after: int):
    for n, p in enumerate(paths):
        if n == after:
            raise KeyboardInterrupt
        yield p


@pytest.mark.parametrize("out_name", ["own.duckdb", "own.parquet"])
def test_an_interrupted_run_resumes(tmp_path, out_name):
    paths = _own_files(tmp_path)
    out = str(tmp_path / out_name)
    store = open_store(out)
    try:
        first = run_local(_interrupted(paths, 2), store, jobs=1, commit_every=1, progress=False)
    finally:
        store.close()
    assert first.interrupted and first.done == 2
    store = open_store(out)
    try:
        second = run_local(paths, store, jobs=1, progress=False)
        assert second.stored == 2 and second.done == 2
        assert len(store.known()) == len(paths)
    finally:
        store.close()
    rows = _rows(Path(out))
    assert len(rows["documents"]) == len(paths)
    assert len(rows["figures"]) == len(set(rows["figures"]))  # no document stored twice


def _rows(out: Path) -> dict[str, list[tuple]]:
    """Every table's rows (timings aside), sorted, from a DuckDB file or a Parquet folder."""
    con = duckdb.connect(str(out), read_only=True) if out.suffix == ".duckdb" else duckdb.connect()
    got = {}
    try:
        for table, columns in TABLES.items():
            names = ", ".join(f'"{c}"' for c, _ in columns if c not in TIMINGS)
            source = f'"{table}"' if out.suffix == ".duckdb" else f"read_parquet('{out}/{table}/*.parquet')"
            rows = con.execute(f"SELECT {names} FROM {source}").fetchall()
            got[table] = sorted(tuple(tuple(v) if isinstance(v, list) else v for v in r) for r in rows)
    finally:
        con.close()
    return got


def test_parquet_holds_the_same_rows_as_duckdb(tmp_path):
    paths = _own_files(tmp_path) + [str(_broken(tmp_path))]
    for out in ("own.duckdb", "own.parquet"):
        assert main(["batch", *paths, "--out", str(tmp_path / out), "--jobs", "1", "--no-progress"]) == 2
    duck, parquet = _rows(tmp_path / "own.duckdb"), _rows(tmp_path / "own.parquet")
    assert duck == parquet
    assert len(duck["documents"]) == len(paths) and duck["figures"]
    # a re-run on Parquet adds nothing either
    assert main(["batch", *paths, "--out", str(tmp_path / "own.parquet"), "--no-progress"]) == 0
    assert _rows(tmp_path / "own.parquet") == parquet


def test_dask_on_a_local_cluster_stores_the_same_rows_as_batch(corpus_run, tmp_path):
    pytest.importorskip("dask.distributed")
    from dask.distributed import Client, LocalCluster

    from zhextract.batch.distributed import run_dask

    out = tmp_path / "dask.parquet"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        store = open_store(str(out))
        summary = run_dask(corpus_run.inputs, store, client=client, progress=False)
    assert summary.done == len(corpus_run.inputs) - 1 and summary.bad_input == 1
    assert _rows(out) == _rows(corpus_run.out)


def test_inputs_folders_globs_and_lists(tmp_path, monkeypatch):
    paths = _own_files(tmp_path)
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")  # a folder walk takes documents only
    listing = tmp_path / "list.txt"
    listing.write_text(f"# two of them\n{paths[1]}\n\n{paths[0]}\n{tmp_path / 'gone.txt'}\n", encoding="utf-8")
    assert expand([str(tmp_path)]) == sorted(paths + [str(listing)])
    assert expand([str(tmp_path / "own_*.txt")]) == paths
    assert expand(["@" + str(listing)]) == [paths[1], paths[0], str(tmp_path / "gone.txt")]
    assert expand(["-"], stdin=io.StringIO(paths[2] + "\n")) == [paths[2]]
    assert expand([paths[0], str(tmp_path / "own_0.txt")]) == [paths[0]]  # each once
    with pytest.raises(zhextract.InputError, match="matches no file"):
        expand([str(tmp_path / "nothing_*.txt")])
    with pytest.raises(zhextract.InputError, match="no such file"):
        expand([str(tmp_path / "nothing.txt")])


def test_a_listed_file_that_is_missing_is_recorded(tmp_path):
    paths = _own_files(tmp_path)[:1]
    listing = tmp_path / "list.txt"
    listing.write_text(f"{paths[0]}\n{tmp_path / 'gone.txt'}\n", encoding="utf-8")
    out = tmp_path / "r.duckdb"
    assert main(["batch", "@" + str(listing), "--out", str(out), "--jobs", "1", "--no-progress"]) == 2
    with _con(out) as con:
        rows = dict(con.execute("SELECT path, status FROM documents").fetchall())
    assert rows == {paths[0]: "ok", str(tmp_path / "gone.txt"): "bad_input"}


def test_usage_errors_exit_2_in_one_line(tmp_path, capsys):
    assert main(["batch", str(tmp_path / "none_*.txt"), "--out", str(tmp_path / "r.duckdb")]) == 2
    assert main(["batch", "--out", str(tmp_path / "r.duckdb")]) == 2
    (tmp_path / "file.parquet").write_text("x", encoding="utf-8")
    paths = _own_files(tmp_path)
    assert main(["batch", paths[0], "--out", str(tmp_path / "file.parquet")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 3


def test_importing_zhextract_imports_no_batch_or_spacy_library():
    code = ("import sys, zhextract; zhextract.check('上半年,全县规上工业增加值完成 12.5 亿元。'); "
            "print(sorted(m for m in ('duckdb', 'pyarrow', 'tqdm', 'dask', 'distributed', 'spacy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_the_readme_documents_every_table_and_column():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for table, columns in TABLES.items():
        row = re.search(r"^\| `" + table + r"` \|.*$", readme, re.M)
        assert row, f"README has no row for table {table}"
        missing = [c for c, _ in columns if c != "doc_id" and f"`{c}`" not in row.group(0)]
        assert not missing, (table, missing)
