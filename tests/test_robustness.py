"""Seeded fuzzing: damaged and odd inputs never crash extraction or checking, and keep its promises.

Inputs are the bulletins of corpus/ and corpus/heldout/, damaged the way PDF export and OCR leave
them (spaces, full-width characters, broken and duplicated lines, running headers, markdown
emphasis, tabs, CRLF, BOM, zero-width characters, truncation, deletions, traditional characters),
plus odd synthetic inputs. For each one (see ``assert_sound``):

- ``extract`` and ``check`` raise nothing (zhextract's own errors are documented, anything else is a bug);
- every record's span lies in the input and a record's ``text`` is its slice of the input;
- no digit or Chinese numeral is silently lost (quantity, skipped entry or table);
- extraction is deterministic (two runs give the same JSON).

Everything is drawn from ``random.Random`` with fixed seeds, so a failure names a reproducible
input. Inputs that once failed are kept as explicit regression cases at the end.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

import zhextract
from invariants import assert_sound, lost_numerals, offset_errors
from zhextract.quantities.units import lexicon

ROOT = Path(__file__).resolve().parent.parent
BULLETINS = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus" / "heldout").glob("*.txt"))
TEXTS = {p.stem[:3]: p.read_text(encoding="utf-8") for p in BULLETINS}


# ---------------------------------------------------------------------------------------------
# Damage, as PDF export and OCR leave it. Each takes (text, rng) and returns the damaged text.

_FULL = {c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz%.+-/:,;()"}
_TRADITIONAL: dict[str, str] = {}
for _line in (ROOT / "patterns" / "traditional.txt").read_text(encoding="utf-8").splitlines():
    _trad, _, _simp = _line.partition("\t")
    if _line and not _line.startswith("#") and len(_simp) == 1 and _simp not in _TRADITIONAL:
        _TRADITIONAL[_simp] = _trad
_TRADITIONAL.update({"亿": "億", "万": "萬", "点": "點", "个": "個", "两": "兩"})


def _positions(text: str, rng: random.Random, share: float) -> list[int]:
    k = max(1, int(len(text) * share)) if text else 0
    return sorted(rng.sample(range(len(text) + 1), min(k, len(text) + 1)), reverse=True)


def _insert(text: str, rng: random.Random, share: float, pieces: str | list[str]) -> str:
    chars = list(text)
    for i in _positions(text, rng, share):
        chars.insert(i, rng.choice(pieces))
    return "".join(chars)


def spaces(text: str, rng: random.Random) -> str:
    """Spaces inside words, and between a number and its unit."""
    out = _insert(text, rng, 0.03, [" ", " ", "  "])
    chars = list(out)
    for i in range(len(chars) - 1, 0, -1):
        if chars[i - 1].isdigit() and not chars[i].isdigit() and rng.random() < 0.3:
            chars.insert(i, " ")
    return "".join(chars)


def full_width(text: str, rng: random.Random) -> str:
    p = rng.choice([0.3, 1.0])
    return "".join(_FULL[c] if c in _FULL and rng.random() < p else c for c in text)


def broken_lines(text: str, rng: random.Random) -> str:
    return _insert(text, rng, 0.01, ["\n", "\n\n", "\n \n"])


def duplicated_lines(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for i in sorted(rng.sample(range(len(lines)), max(1, len(lines) // 10)), reverse=True):
        lines.insert(i, lines[i])
    return "\n".join(lines)


def running_header(text: str, rng: random.Random) -> str:
    banner = rng.choice(["全市开发区工作通报", "XX省统计局 2023年统计公报", "内部资料 注意保存"])
    every = rng.randint(3, 12)
    out = []
    for i, line in enumerate(text.split("\n")):
        if i and i % every == 0:
            out += [banner, rng.choice(["— %d —" % (i // every), "第%d页" % (i // every), ""])]
        out.append(line)
    return "\n".join(out)


def emphasis(text: str, rng: random.Random) -> str:
    import re

    def wrap(m: "re.Match[str]") -> str:
        return f"**{m.group()}**" if rng.random() < 0.4 else m.group()

    return re.sub(r"\d+(?:\.\d+)?[%个家亿万元项]{0,2}", wrap, text)


def tabs(text: str, rng: random.Random) -> str:
    return _insert(text, rng, 0.01, ["\t", "\t\t"])


def crlf(text: str, rng: random.Random) -> str:
    return text.replace("\n", "\r\n")


def bom(text: str, rng: random.Random) -> str:
    return "\ufeff" + text


def invisible(text: str, rng: random.Random) -> str:
    """Zero-width spaces, NBSP, ideographic spaces, stray BOMs."""
    return _insert(text, rng, 0.02, ["\u200b", "\u00a0", "\u3000", "\ufeff", "\u200c", "\u2060"])


def truncate(text: str, rng: random.Random) -> str:
    return text[:rng.randint(0, len(text))]


def delete_chars(text: str, rng: random.Random) -> str:
    chars = list(text)
    for i in _positions(text, rng, 0.02):
        if i < len(chars):
            del chars[i]
    return "".join(chars)


def traditional(text: str, rng: random.Random) -> str:
    return "".join(_TRADITIONAL.get(c, c) if rng.random() < 0.5 else c for c in text)


DAMAGE: list[Callable[[str, random.Random], str]] = [
    spaces, full_width, broken_lines, duplicated_lines, running_header, emphasis, tabs, crlf, bom,
    invisible, truncate, delete_chars, traditional,
]


def damaged(text: str, rng: random.Random, n: int) -> tuple[str, list[str]]:
    """``text`` with ``n`` kinds of damage drawn at random (the names say which, for a report)."""
    kinds = rng.sample(DAMAGE, n)
    for k in kinds:
        text = k(text, rng)
    return text, [k.__name__ for k in kinds]


def excerpt(text: str, rng: random.Random, size: int) -> str:
    start = rng.randint(0, max(0, len(text) - size))
    return text[start:start + size]


# ---------------------------------------------------------------------------------------------
# Damaged bulletins: every kind of damage is exercised on its own plus up to two others, on an
# excerpt of a bulletin drawn at random; then whole bulletins with several kinds at once.

VARIANTS_PER_KIND = 20  # 13 kinds: 260 damaged excerpts, ~10 s


@pytest.mark.parametrize("kind", DAMAGE, ids=lambda k: k.__name__)
def test_damaged_excerpts(kind: Callable[[str, random.Random], str]):
    for i in range(VARIANTS_PER_KIND):
        seed = DAMAGE.index(kind) * 100 + i
        rng = random.Random(seed)
        key = rng.choice(sorted(TEXTS))
        text = excerpt(TEXTS[key], rng, rng.choice([300, 1200, 3000]))
        extra = [k for k in rng.sample(DAMAGE, rng.randint(0, 2)) if k is not kind]
        for k in [kind, *extra]:
            text = k(text, rng)
        try:
            assert_sound(text)
        except AssertionError as exc:
            raise AssertionError(f"seed {seed}, {key}, {[kind.__name__] + [k.__name__ for k in extra]}: {exc}") from None


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_damaged_whole_bulletins(key: str):
    for i in range(2):
        rng = random.Random(f"whole-{key}-{i}")  # str seeds are hashed with SHA-512: stable across runs
        text, kinds = damaged(TEXTS[key], rng, 3 + i)
        try:
            assert_sound(text)
        except AssertionError as exc:
            raise AssertionError(f"{key} #{i}, {kinds}: {exc}") from None


# ---------------------------------------------------------------------------------------------
# Odd inputs.

def _units_line() -> str:
    """A number before every surface form of every unit, measure word and denominator the
    patterns/units*.toml files define (read through the lexicon, which validates them)."""
    lex = lexicon()
    forms = sorted(set(lex.by_form) | {f"万元/{d}" for d in lex.denominators})
    return "".join(f"完成{i % 97}.5{form}," for i, form in enumerate(forms)) + "。"


_TABLE = ("表1 各区主要指标\n单位:万元、%\n序号\t地区\t投资\t增速\n1\t甲区\t12.5\t3.2\n2\t乙区\t7\n3\t丙区\t1\t2\t3\t4\n"
          "合计\t\t20.5\n\n名称   投资额    增速   排名\n甲区   12.3\n乙区   4.5    6.7    8    9\n合计   16.8   —\n")
ODD = {
    "empty": "",
    "whitespace": " \n\t\r\n\u3000 \n\n",
    "punctuation": "，。、；：！？…—（）《》“”%%,.;:!?()[]【】",
    "huge_number": "增长" + "9" * 200 + "亿元。",
    "huge_bare": "1" * 200,
    "tiny_fraction": "占比0." + "0" * 60 + "1%。",
    "dotted": "1.2.3.4",
    "dotted_amount": "完成1.2.3.4亿元,增长.9个百分点。",
    "double_minus": "--5%",
    "percent_only": "%%",
    "double_di": "第第1名",
    "ranked_double_di": "排名全省第第1名。",
    "every_unit": _units_line(),
    "nested_brackets": "（" * 300 + "完成12亿元" + "）" * 300 + "【《“(" * 100 + "增长5%",
    "unclosed_brackets": "(" * 1000 + "3个",
    "ragged_table": _TABLE,
    "traditional": "全市規上工業增加值完成39.4億元，增長57.4%，高於省定目標（15%）42.4個百分點。兩千萬元。",
    "chinese_numerals": "一二三四五六七八九十百千万亿点" * 20 + "。十十十百百千千万万亿亿。三点五点六。",
    "fractions": "百分之百分之五,千分之,0分之5,零分之一,三分之一。",
    "ranges": "10—20—30亿元,—5—%,~~5~~个,+-+-5%,1,,,,2,1,234,567.891.2。",
    "control_chars": "完成\x0012亿元\x01\x02\x0312\x7f%\x0b\x0c增长3%。",
    "headings_only": "一、\n二、\n（一）\n1.\n#\n##\n【】\n附件\n表\n— 3 —\n— 3 —\n第3页\n第3页",
    "markup_only": "**" * 50 + "\n" + "__" * 50 + "\n" + "\r" * 50,
}


@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_inputs(name: str):
    assert_sound(ODD[name])


def test_every_unit_reads_as_a_quantity_with_that_unit():
    doc = assert_sound(ODD["every_unit"])
    assert len(doc.quantities) >= ODD["every_unit"].count("完成")


def test_empty_and_blank_text_give_empty_documents():
    for text in ("", " ", "\n\n", "\u3000"):
        doc = zhextract.check(text)
        assert doc.quantities == [] and doc.figures == [] and doc.findings == [], repr(text)


def test_one_100000_character_line():
    """A bulletin exported as a single line (no line breaks at all), built from corpus prose."""
    prose = "".join(t.replace("\n", "").replace("\t", " ").replace("|", " ") for t in TEXTS.values())
    text = (prose * (100_000 // len(prose) + 1))[:100_000]
    doc = assert_sound(text, checked=False)
    assert len(doc.quantities) > 1000


def test_lone_surrogates_are_an_input_error():
    """A str that is not valid Unicode cannot be put out as JSON: refused with zhextract's error."""
    with pytest.raises(zhextract.InputError):
        zhextract.extract("完成12\ud800亿元")


# ---------------------------------------------------------------------------------------------
# Files: whatever the bytes, a document or zhextract's own InputError, never anything else.

def _byte_blobs() -> dict[str, bytes]:
    rng = random.Random(7)
    sample = TEXTS["000"][:600]
    gbk = bytearray(sample.encode("gbk"))
    for i in rng.sample(range(len(gbk)), 40):
        gbk[i] = rng.randrange(128, 256)
    utf8 = bytearray(sample.encode("utf-8"))
    for i in rng.sample(range(len(utf8)), 5):
        utf8[i] = rng.randrange(128, 256)
    return {
        "random": bytes(rng.randrange(256) for _ in range(3000)),
        "high_bytes": bytes(rng.randrange(128, 256) for _ in range(3000)),
        "gbk_damaged": bytes(gbk),
        "utf8_damaged": bytes(utf8),
        "utf8_cut_mid_char": sample.encode("utf-8")[:-1],
        "utf16_odd_length": b"\xff\xfe" + sample.encode("utf-16-le")[:-1],
        "utf8_bom_only": b"\xef\xbb\xbf",
        "nul_late": sample.encode("utf-8") * 20 + b"\x00\x00",
        "pdf_junk": b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(500)),
        "zip_junk": b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(500)),
        "ole_junk": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
    }


BLOBS = _byte_blobs()


@pytest.mark.parametrize("name", sorted(BLOBS))
def test_any_bytes_load_or_raise_input_error(tmp_path: Path, name: str):
    path = tmp_path / "bulletin.txt"
    path.write_bytes(BLOBS[name])
    try:
        doc = zhextract.check(path)
    except zhextract.ZhextractError as exc:
        assert str(exc).startswith("[E1") and "\n" not in str(exc)
        return
    assert not offset_errors(doc, doc.text) and not lost_numerals(doc)


# ---------------------------------------------------------------------------------------------
# The command line on bad input: one clear line on stderr, no traceback; exit 2 for bad input,
# 0 for an empty file. (tests/test_cli.py covers plain extraction of missing/directory/binary
# files; here every case, `check` included, also has to say it in exactly one line.)

def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zhextract", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=120)


def test_cli_bad_input(tmp_path: Path):
    for name in ("random", "high_bytes", "gbk_damaged"):
        (tmp_path / f"{name}.txt").write_bytes(BLOBS[name])
    (tmp_path / "empty.txt").write_bytes(b"")
    cases = [
        (["check", str(tmp_path / "random.txt")], 2),
        ([str(tmp_path / "high_bytes.txt")], 2),
        (["check", str(tmp_path / "gbk_damaged.txt"), "--json"], 2),
        (["check", str(tmp_path / "missing.txt")], 2),
        (["--no-such-option", str(tmp_path / "empty.txt")], 2),
        ([str(tmp_path / "empty.txt")], 0),
        (["check", str(tmp_path / "empty.txt")], 0),
    ]
    for args, code in cases:
        r = _cli(*args)
        assert r.returncode == code, (args, r.returncode, r.stderr)
        assert "Traceback" not in r.stderr, (args, r.stderr)
        if code:
            assert len(r.stderr.strip().splitlines()) == 1, (args, r.stderr)
            assert r.stdout == "", (args, r.stdout[:200])
        else:
            assert r.stderr == "", (args, r.stderr)
    r = _cli(str(tmp_path / "empty.txt"))
    assert json.loads(r.stdout)["quantities"] == []
    r = _cli("check", str(tmp_path))  # a directory: every file is run, each bad one named in a line of its own
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert len([line for line in r.stderr.splitlines() if line.startswith("zhextract: [E")]) == 3


# ---------------------------------------------------------------------------------------------
# Regression cases: the minimal inputs the fuzzing above failed on, each with what it now gives.

@pytest.mark.parametrize("text,number,value", [
    ("利用外资21 .3 亿美元。", "21 .3 亿美元", "21.3"),  # OCR space before the decimal point
    ("高于全市25\u200b.2个百分点。", "25\u200b.2个百分点", "25.2"),  # zero-width space inside a number
    ("完成 55\u00a0.1 亿元。", "55\u00a0.1 亿元", "55.1"),  # NBSP inside a number
    ("\ufeff完成12亿元,\ufeff增长5%。", "12亿元", "12"),  # BOMs in the text
    ("完成1\u00ad2亿元。", "1\u00ad2亿元", "12"),  # soft hyphen
])
def test_regression_invisible_characters_and_split_decimals(text: str, number: str, value: str):
    doc = assert_sound(text)
    assert (number, value) in [(q.text, format(q.value, "f")) for q in doc.quantities]


@pytest.mark.parametrize("text,malformed", [
    ("低于序时进度.9个百分点。", ["9"]),  # a deletion left a bare decimal point before the digits
    ("1.2.3.4", ["3", "4"]),  # the token after "1.2" cannot start at a decimal point
    ("9" * 200, ["9" * 200]),  # no figure has 200 digits (its conversion overflowed Decimal)
    ("增长" + "9" * 30 + ".5亿元。", ["9" * 30 + ".5"]),
])
def test_regression_unreadable_numbers_are_skipped_not_lost(text: str, malformed: list[str]):
    doc = assert_sound(text)
    assert [k.text for k in doc.skipped if k.reason == "malformed"] == malformed


def test_regression_empty_string_is_text_not_the_current_directory():
    assert zhextract.extract("").quantities == []  # was InputError "[E100] .: is a directory"


def test_regression_cell_evidence_quotes_the_input():
    text = "表1 各区投资\n单位:万元\n地区\t投资\n甲区\t１２\n乙区\t８\n合计\t２０\n"
    doc = assert_sound(text)
    cells = [e for f in doc.findings for e in f.evidence if e.kind == "cell"]
    assert cells and all(e.text == text[e.start:e.end] for e in cells)
    assert [c.text for c in doc.tables[0].rows[-1]] == ["合计", "20"]  # the cell as read


def test_regression_markdown_heading_running_into_prose_is_not_one_heading():
    doc = assert_sound("# 全市开发区工作通报。全市完成投资12亿元,增长5%。实际利用外资3亿美元。")
    assert doc.sections == [] and len(doc.sentences) == 3


# Short realistic inputs that once raised inside check() (issue 14): each must give findings, not an
# exception. Kept as examples of the shapes: a zero count, an impossible share, an empty ranking.
@pytest.mark.parametrize("text", [
    "0家，占6%",
    "8家企业，占全市的450%",
    "增速排名前0位的依次是：甲县12.5%、乙县10.1%。",
    "全市共有企业0家，其中国有企业0家，占0%。",
    "6以上项目6分别6以上项目6",  # tools/fuzz.py: a 分别 list whose members have no figure of their own
])
def test_check_survives_degenerate_shares_and_rankings(text: str) -> None:
    doc = zhextract.check(text)
    assert doc.summary is not None
    assert all(f.status != "mismatch" or f.evidence for f in doc.findings)


def test_a_total_row_without_values_ends_the_row_tree() -> None:
    """A 合计 row left blank above numbered headings without values: the row tree's walk up to the
    nearest row with values stops at the total (it looped for ever; found by tools/fuzz.py)."""
    text = "表1:重点项目投资\n单位:万元\n项目\t投资\t到位\n合计\t\t\n一、工业\t\t\n1.甲\t10\t5\n2.乙\t20\t8\n二、农业\t\t\n1.丙\t30\t9\n2.丁\t40\t7\n"
    import signal

    def _stuck(*_: object) -> None:
        raise TimeoutError("check did not finish in 20 s")

    old = signal.signal(signal.SIGALRM, _stuck)
    signal.alarm(20)
    try:
        doc = zhextract.check(text)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert doc.tables and not [f for f in doc.findings if f.status == "mismatch"]


def test_a_rule_that_raises_becomes_an_unverifiable_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    """One rule's bug never takes the report down: its findings are dropped, an unverifiable finding
    names the rule and the error, and every other rule still runs."""
    from zhextract import checks

    def broken(ctx: object) -> None:
        raise ZeroDivisionError("made to fail")

    monkeypatch.setattr(checks, "RULES", [("partition_sum", broken)] + list(checks.RULES))
    doc = zhextract.check("全年全市进出口总额120亿元。其中，出口70亿元，进口50亿元。")
    failed = [f for f in doc.findings if f.status == "unverifiable" and "made to fail" in (f.reason or "")]
    assert len(failed) == 1 and "broken" in failed[0].reason and failed[0].rule == "partition_sum"
    assert any(f.status == "consistent" for f in doc.findings)  # the other rules ran


def test_bounds_by_name_meet_the_nearest_whole_only() -> None:
    """A long run of parts and wholes named alike: each part meets the nearest whole of a containing
    name, not every one (named_bounds once compared every pair of figures)."""
    text = "规模以上工业增加值1亿元，工业增加值2亿元；" * 300
    doc = zhextract.check(text)
    bounds = [f for f in doc.findings if f.rule == "breakdown_bound" and "part by its name" in (f.formula or "")]
    assert bounds and all(f.status == "consistent" for f in bounds)
