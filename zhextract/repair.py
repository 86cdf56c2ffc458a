"""Repair the damage PDF export and OCR leave, keeping a map back to the original offsets.

Steps, in order: same-length character fixes (width, traditional numerals, OCR misreadings in
context); removal of CR and markdown emphasis, ruby glosses and note references; running banners; page-break duplicate fragments;
spaces inside words and between numbers and units; line breaks inside sentences.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from . import resources
from .lines import TERMINAL, is_heading_line, is_plain_title, is_source_line, is_table_line, is_unit_line
from .offsets import Edit, OffsetChain, apply_edits


@dataclass
class Repaired:
    text: str
    offsets: OffsetChain
    # Text dropped as page furniture: (original start, original end, reason).
    removed: list[tuple[int, int, str]] = field(default_factory=list)

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.span(start, end)


@dataclass(frozen=True)
class _Rules:
    table: dict[int, str]
    ocr: tuple[tuple[re.Pattern[str], str], ...]
    banner_max: int
    frag_min: int
    frag_max: int
    frag_mismatch: int
    ruby: "regex.Pattern[str]"
    footnote: "regex.Pattern[str]"
    title_end: "regex.Pattern[str]"


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = resources.load("repair")
    table: dict[int, str] = {}
    for key in ("width", "traditional"):
        src, dst = data[key]["from"], data[key]["to"]
        if len(src) != len(dst):
            raise resources.PatternError(f"repair.toml [{key}]: from and to differ in length")
        table.update(str.maketrans(src, dst))
    # Traditional characters read as simplified, so cue words (增長 -> 增长) match; 1:1, offsets stay.
    for line in (resources.patterns_dir() / "traditional.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            trad, _, simp = line.partition("\t")
            table[ord(trad)] = simp
    ocr = []
    for i, rule in enumerate(data.get("ocr", [])):
        resources.require(rule, ("pattern", "replace"), f"repair.toml ocr #{i + 1}")
        rx = resources.compile_rx(rule["pattern"], f"repair.toml ocr #{i + 1}")
        ocr.append((rx, rule["replace"]))
    return _Rules(table, tuple(ocr), data["banner"]["max_length"],
                  data["duplicate_fragment"]["min_length"], data["duplicate_fragment"]["max_length"],
                  data["duplicate_fragment"]["max_mismatches"],
                  resources.compile_rx(data["ruby"]["gloss"], "repair.toml [ruby] gloss"),
                  resources.compile_rx(data["footnote_mark"]["pattern"], "repair.toml [footnote_mark] pattern"),
                  resources.compile_rx(data["title_line"]["ending"], "repair.toml [title_line] ending"))


def same_length_fixes(original: str) -> str:
    """Width, traditional characters and OCR misreadings fixed one character for one: every offset of
    the result is the original's (the checks search this text and quote the original)."""
    rules = _rules()
    text = original.translate(rules.table)
    for rx, rep in rules.ocr:
        text = rx.sub(rep, text)
    return text


def repair(original: str) -> Repaired:
    chain = OffsetChain()
    rules = _rules()
    text = same_length_fixes(original)  # positions do not move, no map needed
    removed: list[tuple[int, int, str]] = []
    for step in (_strip_markup, _ruby_glosses, _footnote_marks, _page_numbers, _banners, _duplicate_fragments, _inner_spaces, _broken_lines):
        edits = step(text, rules)
        if edits:
            removed.extend((*chain.span(e.start, e.end), e.reason) for e in edits if e.reason)
            text, emap = apply_edits(text, edits)
            chain.push(emap)
    return Repaired(text, chain, sorted(removed))


_PAGE_NUMBER = re.compile(r"^[ \t]*(?:[—\-–－]{1,2}[ \t]*\d{1,3}[ \t]*[—\-–－]{1,2}|第[ \t]*\d{1,3}[ \t]*页"
                          r"(?:[ \t]*共[ \t]*\d{1,3}[ \t]*页)?|\d{1,3}[ \t]*/[ \t]*\d{1,3}|[Pp]age[ \t]*\d{1,3}"
                          r"(?:[ \t]*of[ \t]*\d{1,3})?)[ \t]*$", re.M)


def _page_numbers(text: str, rules: _Rules) -> list[Edit]:
    """Page-number lines ("— 3 —", "第3页") are page furniture, like running headers."""
    return [Edit(m.start(), m.end(), reason="page_number") for m in _PAGE_NUMBER.finditer(text)]


# CR, markdown emphasis, and the invisible characters PDF export and web copies leave inside words
# and numbers: zero-width space/joiners, word joiner, soft hyphen, a BOM inside the text.
_MARKUP = re.compile(r"\r|\*\*|__(?=\S)|(?<=\S)__|[\u200b-\u200d\u2060\u00ad\ufeff]")


def _strip_markup(text: str, rules: _Rules) -> list[Edit]:
    return [Edit(m.start(), m.end()) for m in _MARKUP.finditer(text)]


def _ruby_glosses(text: str, rules: _Rules) -> list[Edit]:
    return [Edit(m.start(), m.end()) for m in rules.ruby.finditer(text)]


def ruby_glosses(text: str) -> list[Edit]:
    """The ruby glosses of ``text`` (after its same-length fixes) as the edits that drop them: the
    checks read the text without them too (checks/glosses.py)."""
    return _ruby_glosses(same_length_fixes(text), _rules())


def _footnote_marks(text: str, rules: _Rules) -> list[Edit]:
    """A note reference inside a sentence (生产总值[2]) is no number of the text; it is reported as skipped."""
    return [Edit(m.start(), m.end(), reason="footnote_mark") for m in rules.footnote.finditer(text)]


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _banners(text: str, rules: _Rules) -> list[Edit]:
    """Short non-heading lines seen more than once are page banners (running headers). They are
    dropped everywhere except in the document's opening lines, where the same words are its title."""
    spans: dict[str, list[tuple[int, int]]] = {}
    opening: set[str] = set()
    in_opening = True  # the title block: lines before the first one that reads as prose
    for s, e in _line_spans(text):
        line = text[s:e].strip()
        if line and (len(line) > 40 or any(ch in line for ch in ",，。；;")):
            in_opening = False
        if (not line or len(line) > rules.banner_max or is_heading_line(line) or is_table_line(text[s:e])
                or is_source_line(line) or is_unit_line(line) or line[-1] in TERMINAL):
            continue
        if not any("\u4e00" <= ch <= "\u9fff" for ch in line):
            continue
        key = line.replace(" ", "")  # OCR spacing differs between copies
        spans.setdefault(key, []).append((s, e))
        if in_opening:
            opening.add(key)
    edits = []
    for key, where in spans.items():
        if len(where) < 2:
            continue
        keep = where[0] if key in opening else None
        edits.extend(Edit(s, e, reason="banner") for s, e in where if (s, e) != keep)
    return edits


def _mismatches(a: str, b: str) -> int:
    return sum(1 for x, y in zip(a, b) if x != y)


def _duplicate_fragments(text: str, rules: _Rules) -> list[Edit]:
    """A paragraph that starts by repeating the last sentence piece of the previous paragraph."""
    edits = []
    prev = ""
    for s, e in _line_spans(text):
        line = text[s:e]
        stripped = line.strip()
        if not stripped:
            continue
        if prev and not is_table_line(line):
            lead = len(line) - len(line.lstrip())
            cut = stripped.find("。")
            if rules.frag_min <= cut + 1 <= rules.frag_max:
                frag = stripped[:cut + 1]
                tail = prev[-len(frag):]
                if len(tail) == len(frag) and _mismatches(frag, tail) <= rules.frag_mismatch and frag != stripped:
                    end = s + lead + cut + 1
                    while end < e and text[end] in " \u3000":
                        end += 1
                    edits.append(Edit(s + lead, end, reason="duplicate"))
        prev = stripped
    return edits


_DECIMAL_GAP = re.compile(r"(?<=\d\.) (?=\d)|(?<=\d) (?=\.\d)")  # "6. 4" and "6 .4"
_ITEM_NUMBER = re.compile(r"[ \t\u3000]*\d{1,2}\.")  # what opens a numbered line: "4." before its text
# "建成 1 2 6 座": single digits spaced out by OCR between Chinese words are one number
# "1 2 6 座", "1 2.6 亿元": OCR spread a number's digits (the last may carry decimals)
_SPACED_DIGITS = re.compile(r"(?:(?<=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff] ))\d(?: \d)*(?: \d(?:\.\d+)?)(?= ?[\u4e00-\u9fff%‰])")
_CJK = r"\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》"
_SPACE = re.compile(rf"(?<=[{_CJK}0-9A-Za-z%.]) (?=[{_CJK}0-9A-Za-z%])")


_GROUPED = r"\d{1,3}(?: \d{3})+"  # thousands set apart by single spaces
_SPACE_GROUPED = re.compile(rf"(?<![\d.,]){_GROUPED}(?![\d,]|\.\d{{3}})")
# "1 234 500人次": thousands grouped by spaces (the SI style of some statistics offices), in prose: between a
# Chinese word or an opening mark and the unit right after; a table's row of cells stays apart
_PROSE_GROUPED = re.compile(rf"(?<=[\u4e00-\u9fff（(：:，,、]){_GROUPED}(?=[\u4e00-\u9fff])")
_HAN_SPACED = re.compile(r"[\u4e00-\u9fff] (?=[\u4e00-\u9fff])")
_HAN_JOINED = re.compile(r"[\u4e00-\u9fff](?=[\u4e00-\u9fff])")


def _letter_spaced(text: str) -> bool:
    """A text typeset with a space after every character (text-only versions of some official sites):
    of the Chinese characters followed by another, almost all are followed by one space."""
    spaced = len(_HAN_SPACED.findall(text))
    return spaced >= 20 and spaced >= 4 * len(_HAN_JOINED.findall(text))


def _inner_spaces(text: str, rules: _Rules) -> list[Edit]:
    """Single spaces next to Chinese text are OCR/PDF artefacts; table lines keep theirs."""
    edits = []
    spaced_out = _letter_spaced(text)
    for s, e in _line_spans(text):
        line = text[s:e]
        if " " not in line or is_table_line(line):
            continue
        for m in _DECIMAL_GAP.finditer(line):  # "6. 4%": OCR split a decimal
            if _ITEM_NUMBER.fullmatch(line, 0, m.start()):
                continue  # "4. 4个重点州…": a line's item number, then the text's first number
            edits.append(Edit(s + m.start(), s + m.end()))
        # a text with a space after every character keeps a number's digits together ("2018 年"), so there a
        # space inside a number is a thousands separator ("2 926 萬", "65 147 555")
        for spread in (_SPACED_DIGITS, _SPACE_GROUPED) if spaced_out else (_SPACED_DIGITS, _PROSE_GROUPED):
            for m in spread.finditer(line):
                edits.extend(Edit(s + m.start() + k, s + m.start() + k + 1) for k, ch in enumerate(m.group()) if ch == " ")
        for m in _SPACE.finditer(line):
            a, b = line[m.start() - 1], line[m.end()]
            if a.isascii() and b.isascii() and not (a.isdigit() and (b == "%" or _latin_unit_at(line, m.end()))):
                continue  # "PPP 1" or "1 306": not ours to join; "100 MW" and "6.5 %" are a number and its unit
            edits.append(Edit(s + m.start(), s + m.end()))
    return edits


@lru_cache(maxsize=1)
def _latin_units() -> "re.Pattern[str]":
    from .quantities.units import lexicon  # units are data: the Latin forms (MW, kWh, km) of patterns/units.toml
    forms = sorted((f for f in lexicon().by_form if f.isascii() and f.isalpha()), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, forms)) + r")(?![A-Za-z])")


def _latin_unit_at(line: str, pos: int) -> bool:
    return _latin_units().match(line, pos) is not None


@lru_cache(maxsize=1)
def _unit_head() -> "re.Pattern[str]":
    """The units of patterns/units.toml (not the measure words: a line may open with 人口 or 个人)."""
    from . import resources
    forms = {f for u in resources.load("units")["unit"] for f in u.get("forms", [u["name"]])}
    forms |= {"%", "％", "‰"}
    return re.compile("(?:" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True))) + ")")


_OPEN_CLOSE = (("《", "》"), ("“", "”"), ("(", ")"), ("（", "）"), ("【", "】"))


def _unbalanced(line: str) -> bool:
    return any(line.count(o) > line.count(c) for o, c in _OPEN_CLOSE)


def _broken_lines(text: str, rules: _Rules) -> list[Edit]:
    """Join a line break (with blank lines) that cuts a sentence, as page breaks do."""
    spans = [(s, e) for s, e in _line_spans(text) if text[s:e].strip()]
    edits = []
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        a, b = text[s1:e1].rstrip(), text[s2:e2].lstrip()
        if not a or not b or is_table_line(text[s1:e1]) or is_table_line(text[s2:e2]):
            continue
        last = a[-1]
        # a full stop closing a line ends a sentence: a decimal point always has a digit after it
        if last in TERMINAL or last in "：:”」』)）】>." or a.lstrip().startswith(("#", "【")):
            continue
        if is_heading_line(b) or is_source_line(b) or b.startswith(("#", "【", "|")) or re.match(r"[一二三四五六七八九十]+是", b):
            continue
        if is_heading_line(a) and is_plain_title(a, 40) and not _unbalanced(a):
            continue
        if last.isdigit() and b[0].isdigit():
            continue  # "…2019-03-05\n2018年…": joined, two numbers would read as one
        continues = (b[0].isdigit() or b[0] in "%％") and any(c in a for c in ",，")  # "增速\n\n21.2%": a number never opens a paragraph here
        continues = continues or (a[-1].isdigit() and _unit_head().match(b) is not None)  # "86.4\n亿元": a number and its unit
        in_sentence = any(c in a for c in ",，")  # titles carry no commas; a cut sentence does
        if len(a) < 20 and not _unbalanced(a) and not in_sentence and not continues:
            continue
        if last.isdigit() and not in_sentence and not continues:
            continue  # "…统计公报 2020": a line without a comma ending in a number not followed by its unit
        if is_plain_title(a, 20) and not _unbalanced(a) and not continues:
            continue
        if not in_sentence and not continues and not _unbalanced(a) and rules.title_end.search(a) \
                and is_plain_title(a, 80):
            continue  # "…发布2016年某市接待入境游客情况" over the body's first line
        cut_start = s1 + len(text[s1:e1].rstrip())
        cut_end = s2 + (len(text[s2:e2]) - len(text[s2:e2].lstrip()))
        edits.append(Edit(cut_start, cut_end))
    return edits
