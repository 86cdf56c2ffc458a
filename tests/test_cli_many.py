"""The command line on many files and with appendix workbooks (issue 12): files, directories, globs
and standard input; each unreadable file named and the others still run; exit codes; progress and
the summary on stderr; JSON lists and JSON Lines; CSV with a BOM; XLSX; --tables; --version."""
from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "corpus").glob("000_*.txt"))
XLSX = ROOT / "tests" / "fixtures" / "bulletin_000_tables.xlsx"
needs_openpyxl = pytest.mark.skipif(not importlib.util.find_spec("openpyxl"), reason="needs openpyxl")

# Our own sentences: the gap to the target is 20.2 points, written wrong in BAD and right in GOOD.
BAD = "上半年,全市规上工业增加值完成 20.5 亿元,增长 30.2%,高于省定目标(10%)25.2 个百分点。\n"
GOOD = "上半年,全市规上工业增加值完成 20.5 亿元,增长 30.2%,高于省定目标(10%)20.2 个百分点。\n"


def run(*args: str, stdin: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "zhextract", *args], cwd=cwd, capture_output=True, text=True,
                          input=stdin, env=env, timeout=300)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in (("bad.txt", BAD), ("good.txt", GOOD)):
        out[name] = tmp_path / name
        out[name].write_text(text, encoding="utf-8")
    return out


def test_version() -> None:
    import zhextract

    r = run("--version")
    assert r.returncode == 0 and r.stdout == f"zhextract {zhextract.__version__}\n"


def test_several_files_a_list_and_the_worst_exit_code(files: dict[str, Path], tmp_path: Path) -> None:
    r = run("check", str(files["good.txt"]), str(files["bad.txt"]), "--json")
    assert r.returncode == 1, r.stderr  # a mismatch in one file
    docs = json.loads(r.stdout)
    assert [(d["source"], d["summary"]["mismatch"]) for d in docs] == [(str(files["good.txt"]), 0),
                                                                       (str(files["bad.txt"]), 1)]
    assert "2 files, 2 read" in r.stderr and "mismatches in 1 of 2 files" in r.stderr
    assert run("check", str(files["good.txt"]), "--json").returncode == 0


def test_an_unreadable_file_is_named_and_the_others_still_run(files: dict[str, Path], tmp_path: Path) -> None:
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    missing = tmp_path / "missing.txt"
    r = run("check", str(missing), str(files["bad.txt"]), str(binary), str(files["good.txt"]), "--json")
    assert r.returncode == 2  # unreadable input outranks the mismatch
    assert [d["source"] for d in json.loads(r.stdout)] == [str(files["bad.txt"]), str(files["good.txt"])]
    named = [line for line in r.stderr.splitlines() if line.startswith("zhextract: [E")]
    assert len(named) == 2 and str(missing) in named[0] and str(binary) in named[1]
    assert "Traceback" not in r.stderr and "2 could not be read" in r.stderr


def test_directories_globs_and_standard_input(files: dict[str, Path], tmp_path: Path) -> None:
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")  # not a document: a directory skips it
    r = run(str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert [d["source"] for d in json.loads(r.stdout)] == [str(files["bad.txt"]), str(files["good.txt"])]
    r = run("check", str(tmp_path / "*.txt"), "--jsonl")  # a glob the shell left alone
    assert [json.loads(line)["source"] for line in r.stdout.splitlines()] == [str(files["bad.txt"]),
                                                                            str(files["good.txt"])]
    r = run("check", "-", "--json", stdin=BAD)
    assert r.returncode == 1 and json.loads(r.stdout)["source"] == "<stdin>"  # one input: an object
    r = run("-", str(files["good.txt"]), "--jsonl", stdin=GOOD)
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert [d["source"] for d in lines] == ["<stdin>", str(files["good.txt"])]
    assert lines[0]["quantities"] == lines[1]["quantities"]
    r = run("check", str(tmp_path / "nothing*.txt"))
    assert r.returncode == 2 and "no file matches" in r.stderr


def test_usage_errors(files: dict[str, Path]) -> None:
    for args in (["check", str(files["good.txt"]), str(files["bad.txt"]), "--tables", str(XLSX)],
                 [str(files["good.txt"]), "--tables", str(XLSX)],
                 ["check", str(files["good.txt"]), "--json", "--csv"],
                 ["-", "-"]):
        r = run(*args, stdin="")
        assert r.returncode == 2 and r.stderr.count("\n") == 1 and "error" in r.stderr, args


def test_progress_bar_only_when_asked_or_on_a_terminal(files: dict[str, Path]) -> None:
    args = ["check", str(files["good.txt"]), str(files["bad.txt"]), "--json"]
    shown = run(*args, "--progress")
    assert "2/2" in shown.stderr and "file" in shown.stderr
    assert json.loads(shown.stdout)  # stdout untouched by the bar
    assert "2/2" not in run(*args).stderr  # stderr is a pipe here


def test_report_for_several_files(files: dict[str, Path]) -> None:
    r = run("check", str(files["good.txt"]), str(files["bad.txt"]))
    assert r.returncode == 1
    assert r.stdout.count("zhextract check: ") == 2 and "MISMATCH" in r.stdout


def test_findings_csv_has_a_bom(files: dict[str, Path]) -> None:
    r = run("check", str(files["good.txt"]), str(files["bad.txt"]), "--csv")
    assert r.returncode == 1 and r.stdout.startswith("\ufeff") and r.stdout.count("\ufeff") == 1
    rows = list(csv.DictReader(io.StringIO(r.stdout[1:])))
    assert [(row["source"], row["rule"], row["status"]) for row in rows] == [
        (str(files["good.txt"]), "gap_to_target", "consistent"), (str(files["bad.txt"]), "gap_to_target", "mismatch")]
    assert rows[1]["claimed"] == "25.2" and rows[1]["claim"] == "25.2 个百分点"


@needs_openpyxl
def test_xlsx_one_sheet_per_record_type(files: dict[str, Path], tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "out.xlsx"
    r = run("check", str(files["good.txt"]), str(files["bad.txt"]), str(tmp_path / "missing.txt"), "--xlsx", str(out))
    assert r.returncode == 2 and r.stdout == ""  # the workbook instead of stdout
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["files", "figures", "findings", "evidence", "unchecked"]
    sheet = {name: [[c.value for c in row] for row in wb[name].iter_rows()] for name in wb.sheetnames}
    head = sheet["files"][0]
    assert [(row[head.index("source")], row[head.index("mismatch")], bool(row[head.index("error")]))
            for row in sheet["files"][1:]] == [(str(files["good.txt"]), 0, False), (str(files["bad.txt"]), 1, False),
                                               (str(tmp_path / "missing.txt"), None, True)]
    head = sheet["findings"][0]
    assert [row[head.index("status")] for row in sheet["findings"][1:]] == ["consistent", "mismatch"]
    assert sheet["findings"][2][head.index("claimed")] == 25.2  # a number, not text
    r = run(str(files["good.txt"]), "--xlsx", str(out))
    assert r.returncode == 0 and openpyxl.load_workbook(out).sheetnames == ["files", "figures", "quantities"]


# --- --tables ---------------------------------------------------------------------------------

def resolve(out: dict, inputs: dict[int, str]) -> list[str]:
    """Errors: evidence whose offsets do not quote its source (the input file, or a source in the output),
    or that cites a table the output does not hold."""
    texts = {**inputs, **{s["id"]: s["text"] for s in out.get("sources", [])}}
    tables = {t["id"]: t["source"] for t in out["tables"]}
    errors = []
    items = [e for f in out["findings"] for e in f["evidence"]]
    items += [e for r in out["relations"] for e in [r["claim"], *r["members"], *r["anchors"], *r["competitors"]] if e]
    for e in items:
        if texts[e["source"]][e["start"]:e["end"]] != e["text"]:
            errors.append(f"{e} does not resolve")
        if e["table"] is not None and tables.get(e["table"]) != e["source"]:
            errors.append(f"{e}: table not in the output or from another source")
    return errors


@needs_openpyxl
def test_check_tables_json_resolves(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(text[:text.index("\n附件1\n") + 1], encoding="utf-8")
    r = run("check", str(draft), "--tables", str(XLSX), "--json")
    assert r.returncode == 1, r.stderr
    out = json.loads(r.stdout)
    assert [(s["id"], s["name"], s["format"]) for s in out["sources"]] == [(1, str(XLSX), "xlsx")]
    assert out["sources"][0]["cells"] and any(t["source"] == 1 for t in out["tables"])
    assert not resolve(out, {0: draft.read_text(encoding="utf-8")})
    given = [e for f in out["findings"] for e in f["evidence"] if e["source"] == 1]
    assert given and all(e["file"] == str(XLSX) and e["sheet"] and e["cell"] for e in given)
    assert out["quantities"] and out["figures"]  # the figures findings refer to, with their values

    report = run("check", str(draft), "--tables", str(XLSX))
    claim = next(f for f in out["findings"] if f["status"] == "mismatch" and f["evidence"][0]["source"] == 1)["evidence"][0]
    assert f"{XLSX.name} {claim['sheet']}!{claim['cell']}" in report.stdout  # the place a reviewer opens


@needs_openpyxl
def test_check_tables_repeating_the_appendix_lists_each_mismatch_once() -> None:
    alone = json.loads(run("check", str(SEED), "--json").stdout)
    r = run("check", str(SEED), "--tables", str(XLSX), "--json")
    both = json.loads(r.stdout)
    assert not resolve(both, {0: SEED.read_text(encoding="utf-8")})
    assert both["summary"]["mismatch"] == alone["summary"]["mismatch"]
    copies = [f for f in both["findings"] if f["rule"] == "appendix_copy"]
    assert copies and all(f["status"] == "consistent" for f in copies)


def test_an_internal_error_names_each_file_and_exits_3(files: dict[str, Path], capsys, monkeypatch) -> None:  # noqa: ANN001
    import zhextract.checks as checks
    from zhextract.cli import main

    def broken(doc):  # noqa: ANN001, ANN202
        raise ZeroDivisionError("the summary divided by zero")

    # a defect outside the rules (a rule's own error becomes an unverifiable finding, test_robustness.py)
    monkeypatch.setattr(checks, "summarize", broken)
    assert main(["check", str(files["good.txt"]), str(files["bad.txt"]), "--json"]) == 3
    captured = capsys.readouterr()
    errors = [line for line in captured.err.splitlines() if "internal error" in line]
    assert [str(files["good.txt"]) in errors[0], str(files["bad.txt"]) in errors[1]] == [True, True]
    assert json.loads(captured.out) == [] and "Traceback" not in captured.err
