"""The command line: JSON out, clear errors with exit code 2, deterministic output."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "001_b7a277e01ff60cdb.txt"


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zhextract", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


def test_extract_prints_json_with_all_parts():
    r = run(str(SEED))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert {"source", "encoding", "quantities", "figures", "skipped", "tables"} <= set(out)
    assert out["encoding"] == "utf-8"
    q = out["quantities"][0]
    assert {"text", "start", "end", "value", "unit", "kind", "qualifier", "normalized"} <= set(q)
    text = SEED.read_text(encoding="utf-8")
    for q in out["quantities"]:
        assert text[q["start"]:q["end"]] == q["text"]


def test_schema():
    r = run("--schema")
    assert r.returncode == 0
    schema = json.loads(r.stdout)
    assert "Quantity" in schema["$defs"] and "Figure" in schema["$defs"]


@pytest.mark.parametrize("make,needle", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: d, "file in this directory"),  # a directory is read for its documents: this one has none
])
def test_missing_and_empty_directory(tmp_path, make, needle):
    r = run(str(make(tmp_path)))
    assert r.returncode == 2
    assert needle in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_binary_file(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(bytes(range(256)) * 4)
    r = run(str(p))
    assert r.returncode == 2 and "Traceback" not in r.stderr and r.stderr.strip()


def test_undecodable_file(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(bytes(range(128, 256)) * 8)  # not UTF-8, no BOM, not readable GB18030
    r = run(str(p))
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_empty_file_is_valid(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    r = run(str(p))
    assert r.returncode == 0
    assert json.loads(r.stdout)["quantities"] == []


@pytest.mark.parametrize("encoding,bom,name", [("gb18030", b"", "gb18030"), ("gbk", b"", "gb18030"),
                                               ("utf-8", b"\xef\xbb\xbf", "utf-8-sig")])
def test_encodings_detected_and_offsets_kept(tmp_path, encoding, bom, name):
    text = SEED.read_text(encoding="utf-8")
    p = tmp_path / "b.txt"
    p.write_bytes(bom + text.encode(encoding))
    r = run(str(p))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["encoding"] == name
    ref = json.loads(run(str(SEED)).stdout)
    assert [(q["start"], q["value"]) for q in out["quantities"]] == [(q["start"], q["value"]) for q in ref["quantities"]]


def test_usage_errors():
    assert run().returncode == 2
    assert run("a.txt", "b.txt").returncode == 2
    assert run("--no-such-flag").returncode == 2


def test_output_is_deterministic():
    a = run(str(SEED), env={"PYTHONHASHSEED": "1"}).stdout
    b = run(str(SEED), env={"PYTHONHASHSEED": "2"}).stdout
    assert a == b


def test_csv_rows_for_several_files_and_errors_named(tmp_path):
    import csv
    import io

    r = run("--csv", str(SEED), str(ROOT / "corpus" / "003_1a8d8aa01a70d735.txt"), str(tmp_path / "missing.txt"))
    assert r.returncode == 2 and "missing.txt" in r.stderr
    assert r.stdout.startswith("\ufeff")  # a UTF-8 BOM: Excel reads the file as UTF-8, not GBK
    rows = list(csv.DictReader(io.StringIO(r.stdout.removeprefix("\ufeff"))))
    assert {row["source"] for row in rows} == {str(SEED), str(ROOT / "corpus" / "003_1a8d8aa01a70d735.txt")}
    first = rows[0]
    assert (first["indicator"], first["value"], first["unit"], first["growth"], first["gap_to_target"],
            first["target"]) == ("规上工业增加值", "39.4", "亿元", "57.4", "42.4", "15")
    down = next(row for row in rows if row["value"] == "14.2")
    assert (down["growth"], down["gap_to_target"], down["contribution"]) == ("-8.2", "-25.2", "-5.2")


def test_options_before_or_after_the_file():
    """`check --json FILE` and `check FILE --json` are the same request."""
    a = run("check", "--json", str(SEED))
    b = run("check", str(SEED), "--json")
    assert a.returncode == b.returncode and a.returncode in (0, 1), a.stderr
    assert a.stdout == b.stdout and json.loads(a.stdout)["findings"]


def test_an_internal_error_exits_3_in_one_line(tmp_path, capsys, monkeypatch) -> None:
    """A defect in the checker is not "mismatches found": exit 3, one line, no traceback (issue 14)."""
    import zhextract.checks as checks
    from zhextract.cli import main

    def broken(doc):  # noqa: ANN001, ANN202
        raise ZeroDivisionError("the summary divided by zero")

    # a defect outside the rules (a rule's own error becomes an unverifiable finding, test_robustness.py)
    monkeypatch.setattr(checks, "summarize", broken)
    src = tmp_path / "a.txt"
    src.write_text("全市完成投资10亿元。\n", encoding="utf-8")
    assert main(["check", str(src)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error" in err and "Traceback" not in err and "--debug" in err
    assert main(["check", str(src), "--debug"]) == 3  # the traceback on request, the one line last
    err = capsys.readouterr().err
    assert "Traceback" in err and "ZeroDivisionError" in err and err.strip().splitlines()[-1].startswith("zhextract:")
