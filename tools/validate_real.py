"""Validate corpus/real annotations: every offset quotes what it says, planted edits change one digit.

    python tools/validate_real.py corpus/real        # prints one line per problem, exit 1 if any
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

STATUSES = {"consistent", "mismatch", "rounding", "doubtful", "unverifiable"}
META = ("url", "query", "retrieved", "province", "year", "genre", "script")


def problems(txt: Path) -> list[str]:
    out: list[str] = []
    stem = txt.name[:-4]
    text = txt.read_text(encoding="utf-8")
    meta = txt.with_name(stem + ".meta.json")
    if not meta.exists():
        return [f"{stem}: no meta.json"]
    m = json.loads(meta.read_text(encoding="utf-8"))
    out += [f"{stem}: meta.json lacks {k}" for k in META if k not in m]
    fpath = txt.with_name(stem + ".findings.json")
    findings = json.loads(fpath.read_text(encoding="utf-8"))["findings"] if fpath.exists() else []
    for i, f in enumerate(findings):
        if f.get("status") not in STATUSES:
            out.append(f"{stem} finding {i}: status {f.get('status')!r}")
        for s, e in [f["claim"]] + list(f.get("inputs", [])):
            if not (0 <= s < e <= len(text)) or not re.match(r"[-−+]?[\d０-９.一二三四五六七八九十百千万亿零两兩]", text[s:e]):
                out.append(f"{stem} finding {i}: span {s}-{e} quotes {text[s:e]!r}")
    ppath = txt.with_name(stem + ".planted.json")
    planted = json.loads(ppath.read_text(encoding="utf-8"))["planted"] if ppath.exists() else []
    for p in planted:
        s, e, a, b = p["start"], p["end"], p["original"], p["planted"]
        diff = [(x, y) for x, y in zip(a, b) if x != y]
        if text[s:e] != a or len(a) != len(b) or len(diff) != 1 or not all(c.isdigit() for c in diff[0]):
            out.append(f"{stem} planted @{s}: {text[s:e]!r} / {a!r} -> {b!r}")
        if not 0 <= p.get("finding", -1) < len(findings):
            out.append(f"{stem} planted @{s}: finding index {p.get('finding')}")
    return out + gold_problems(txt, text)


KINDS = {"amount", "count", "percent", "pp", "rank", "ratio", "multiple", "duration"}


def gold_problems(txt: Path, text: str) -> list[str]:
    """The quantity gold beside the text (gold/<stem>.gold.json): spans quote the text, in order and apart,
    each figure's quantities among them (what tests/test_real_quantities.py asserts, told to the annotator)."""
    stem = txt.name[:-4]
    path = txt.parent / "gold" / f"{stem}.gold.json"
    if not path.exists():
        return []
    gold = json.loads(path.read_text(encoding="utf-8"))
    out: list[str] = []
    spans = []
    for q in gold.get("quantities", []):
        if text[q["start"]:q["end"]] != q["text"]:
            out.append(f"{stem} gold {q['start']}-{q['end']}: quotes {text[q['start']:q['end']]!r}, not {q['text']!r}")
        if q.get("kind") not in KINDS:
            out.append(f"{stem} gold {q['start']}: kind {q.get('kind')!r}")
        spans.append((q["start"], q["end"]))
    out += [f"{stem} gold: {a} and {b} overlap or are out of order" for a, b in zip(spans, spans[1:]) if a[1] > b[0]]
    known = set(spans)
    for f in gold.get("figures") or []:
        used = [f["anchor"]] + [c["quantity"] for c in f.get("comparisons", []) if c.get("quantity")] \
            + list(f.get("conditions", []))
        out += [f"{stem} gold figure at {f['anchor']}: {u} is no quantity" for u in used if tuple(u) not in known]
    return out


def main() -> int:
    bad = []
    for a in sys.argv[1:]:
        p = Path(a)
        for txt in sorted(p.glob("*.txt")) if p.is_dir() else [p]:
            bad += problems(txt)
    print("\n".join(bad) if bad else "ok")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
