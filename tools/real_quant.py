"""Score extraction on real bulletins against the hand-written quantity gold (issue 11).

    python tools/real_quant.py corpus/real/gold                # every <stem>.gold.json there
    python tools/real_quant.py DIR -v                          # with every miss, extra and wrong value
    python tools/real_quant.py DIR --json                      # the figures, for NOTES.md

Gold files (``corpus/real/gold/<stem>.gold.json``, or beside ``<stem>.txt``) follow corpus/ANNOTATION.md:
``quantities`` of the body text, ``table_lines`` (0-based lines of table rows, not scored) and
``figures`` (anchor, indicator, entity, period), or ``"figures": null`` when only quantities were
annotated. The text is found beside the gold file or in corpus/real.

- quantities: strict value + unit on overlapping spans (precision, recall, F1; a ratio's terms count
  as one quantity, read by its first term), and wrong values
  (a span that overlaps a gold quantity of the same unit with another number);
- attribution: for each gold figure whose anchor quantity was found, the figure holding it, its
  indicator, entity and period matched as phrases (tools/evaluation.py ``phrase_match``) after both
  sides are read in simplified script.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]

import zhextract  # noqa: E402
from evaluation import files_in, phrase_match, tool_parser  # noqa: E402
from zhextract.models import Document, Figure  # noqa: E402
from zhextract.repair import same_length_fixes  # noqa: E402
from zhextract.quantities.units import lexicon  # noqa: E402
from zhextract.figures.periods import resolve  # noqa: E402

_DASHES = str.maketrans({"—": "-", "–": "-", "~": "-", "～": "-", "至": "-", "－": "-"})


def _simp(s: Optional[str]) -> str:
    return same_length_fixes(s or "")


def _period(s: Optional[str]) -> str:
    return _simp(s).translate(_DASHES).replace("份", "").replace(" ", "")


@dataclass
class DocScore:
    name: str
    tp: int = 0
    gold: int = 0
    pred: int = 0
    wrong_values: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    figures: int = 0  # gold figures
    found: int = 0  # gold figures whose anchor's figure was found
    ok: dict[str, int] = field(default_factory=lambda: {"indicator": 0, "entity": 0, "period": 0})
    errors: list[str] = field(default_factory=list)


def _same_interval(gold: Optional[str], f: Figure) -> bool:
    """The gold's period and the figure's resolve to one interval ("2019年一季度" and 一季度 in a 2019
    report; 全年 and 2019年): one period written two ways."""
    if not gold:
        return False
    if f.period_start is None or f.period_end is None:
        # no year found: the same months of one year, read alike with any year ("前八个月", "1-8月")
        a, b = resolve(_simp(gold), 2001), resolve(_simp(f.period or ""), 2001)
        return a.start is not None and (a.start, a.end) == (b.start, b.end)
    r = resolve(_simp(gold), f.period_start.year)
    return (r.start, r.end) == (f.period_start, f.period_end)


def _same_unit(gold: str, read: str) -> bool:
    """One unit under two of its written forms (千瓦时 / kWh, 亿度 / 亿千瓦时): the same unit."""
    if gold == read or _simp(gold) == _simp(read):  # 張 / 张: the script a measure word is written in
        return True
    forms = lexicon().by_form
    a, b = forms.get(gold) or forms.get(_simp(gold)), forms.get(read)  # 萬千瓦: a form in the other script
    return a is not None and a is b


def _line_of(text: str) -> list[int]:
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    return starts


def _on_lines(pos: int, starts: list[int], lines: set[int]) -> bool:
    import bisect
    return bisect.bisect_right(starts, pos) - 1 in lines


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _figure_of(doc: Document, qid: int) -> Optional[Figure]:
    for f in doc.figures:
        if f.value == qid or any(c.quantity == qid for c in f.comparisons):
            return f
    return None


def score(text: str, gold: dict[str, Any], name: str) -> DocScore:
    doc = zhextract.extract(text)
    starts = _line_of(text)
    table = set(gold.get("table_lines") or [])
    # a ratio (6:41:53) is one quantity: its terms carry the whole's span (Quantity.ratio); the first
    # term stands for it, as the gold writes one quantity whose value is the first term
    # term; a gold that writes a two-term ratio by its other term (1:1.26 as 1.26) reads it by that term
    seen_ratio: set[tuple[int, int]] = set()
    terms: dict[tuple[int, int], set[Decimal]] = {}
    preds = []
    for q in doc.quantities:
        if _on_lines(q.start, starts, table):
            continue
        if q.ratio is not None:
            key = (q.ratio.start, q.ratio.end)
            terms.setdefault(key, set()).add(q.value)
            if key in seen_ratio:
                continue
            seen_ratio.add(key)
        preds.append(q)
    golds = _merged_ratios(text, gold["quantities"])
    s = DocScore(name, gold=len(golds), pred=len(preds))
    used: set[int] = set()
    hit_of: dict[tuple[int, int], int] = {}
    for g in golds:
        span = (g["start"], g["end"])
        over = [q for q in preds if q.id not in used and _overlap(span, (q.start, q.end))]
        hit = next((q for q in over if _same_unit(g["unit"], q.unit) and (Decimal(g["value"]) == q.value or (
            q.ratio is not None and len(terms[(q.ratio.start, q.ratio.end)]) == 2
            and Decimal(g["value"]) in terms[(q.ratio.start, q.ratio.end)]))), None)
        if hit is None:
            s.misses.append(f"{g['text']!r}@{g['start']} {g['value']} {g['unit']!r}"
                            + (f"  (read {', '.join(f'{q.text!r} {q.value} {q.unit!r}' for q in over)})" if over else ""))
            wrong = [q for q in over if _same_unit(g["unit"], q.unit) and q.value != Decimal(g["value"])]
            if wrong:
                s.wrong_values.append(f"{g['text']!r}@{g['start']} gold {g['value']}, read {wrong[0].value}")
            continue
        used.add(hit.id)
        for sp in g.get("terms", [span]):  # a figure anchored on any term of a merged ratio finds it
            hit_of[tuple(sp)] = hit.id
        s.tp += 1
    s.extras = [f"{q.text!r}@{q.start} {q.value} {q.unit!r}" for q in preds if q.id not in used]
    for gf in gold.get("figures") or []:
        s.figures += 1
        qid = hit_of.get(tuple(gf["anchor"]))
        f = _figure_of(doc, qid) if qid is not None else None
        if f is None:
            s.errors.append(f"no figure at {gf['anchor']} ({gf.get('indicator')})")
            continue
        s.found += 1
        got = {"indicator": f.indicator, "entity": f.entity, "period": f.period}
        for key in ("indicator", "entity", "period"):
            g, p = gf.get(key), got[key]
            if key == "period":
                good = _period(g) == _period(p) or phrase_match(_period(g), _period(p)) or _same_interval(g, f)
            elif key == "entity":
                good = phrase_match(_simp(g), _simp(p)) or phrase_match(_simp(g), _simp(f.entity_text))
            else:
                good = phrase_match(_simp(g), _simp(p))
            if good:
                s.ok[key] += 1
            else:
                s.errors.append(f"{key} {g!r} != {p!r} at {gf['anchor']} {text[gf['anchor'][0]:gf['anchor'][1]]!r}")
    return s


def _merged_ratios(text: str, quantities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A gold that writes each term of a structure (a:b:c) as a quantity of its own is read as
    the one ratio quantity the guide means, valued by its first term, like the extractor's."""
    out: list[dict[str, Any]] = []
    for g in sorted(quantities, key=lambda g: g["start"]):
        prev = out[-1] if out else None
        if prev is not None and g.get("kind") == "ratio" and prev.get("kind") == "ratio" \
                and text[prev["end"]:g["start"]] in (":", "：", "∶"):
            out[-1] = {**prev, "end": g["end"], "text": text[prev["start"]:g["end"]],
                       "terms": prev.get("terms", [(prev["start"], prev["end"])]) + [(g["start"], g["end"])]}
            continue
        out.append(g)
    return out


def gold_files(paths: list[str]) -> list[Path]:
    return files_in(paths, "*.gold.json")


def text_for(gold_path: Path) -> Path:
    stem = gold_path.name[: -len(".gold.json")]
    beside = gold_path.with_name(stem + ".txt")
    return beside if beside.exists() else ROOT / "corpus" / "real" / (stem + ".txt")


def summarize(scores: list[DocScore]) -> dict[str, Any]:
    tp, gold, pred = (sum(getattr(s, k) for s in scores) for k in ("tp", "gold", "pred"))
    p = tp / pred if pred else 1.0
    r = tp / gold if gold else 1.0
    figs = sum(s.figures for s in scores)
    out: dict[str, Any] = {
        "documents": len(scores), "gold_quantities": gold, "predicted": pred, "matched": tp,
        "precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
        "wrong_values": sum(len(s.wrong_values) for s in scores),
        "documents_with_figures": sum(1 for s in scores if s.figures), "gold_figures": figs,
        "figures_found": sum(s.found for s in scores),
    }
    for key in ("indicator", "entity", "period"):  # over all gold figures: a figure not found is wrong
        out[f"{key}_accuracy"] = round(sum(s.ok[key] for s in scores) / figs, 4) if figs else None
    return out


def main() -> int:
    a = tool_parser(__doc__).parse_args()
    scores = []
    for g in gold_files(a.paths):
        gold = json.loads(g.read_text(encoding="utf-8"))
        txt = text_for(g)
        s = score(txt.read_text(encoding="utf-8"), gold, txt.stem)
        scores.append(s)
        if not a.json:
            f1 = 2 * s.tp / (s.gold + s.pred) if s.gold + s.pred else 1.0
            print(f"{s.name}: F1={f1:.3f} ({s.tp}/{s.gold} gold, {s.pred} read), wrong values {len(s.wrong_values)}"
                  + (f" | figures {s.found}/{s.figures} ind {s.ok['indicator']} ent {s.ok['entity']} per {s.ok['period']}"
                     if s.figures else ""))
            if a.verbose:
                for kind, rows in (("WRONG", s.wrong_values), ("MISS", s.misses), ("EXTRA", s.extras), ("FIG", s.errors)):
                    for r in rows:
                        print(f"   {kind} {r}")
    print(json.dumps(summarize(scores), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
