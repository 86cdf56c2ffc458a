"""Score extraction against the hand-checked gold files in corpus/ (used by tests and bench)."""
from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Optional

from zhextract.models import Document
from zhextract.strings import lcs_length

_NORM = re.compile(r"[\s“”\"'‘’《》*的]|完成|实现|达到|累计|共计|总计|合计")


def norm_phrase(s: str | None) -> str:
    return _NORM.sub("", s or "").replace("（", "(").replace("）", ")")


# A phrase matches when its characters overlap the gold's by at least this Dice coefficient (on the
# longest common subsequence). Containment alone is too generous: "项目" would pass for "新建重点转型项目".
MATCH_DICE = 2 / 3


def char_dice(a: str, b: str) -> float:
    """2·LCS(a, b) / (|a| + |b|): 1 for equal strings, 0 when they share no character in order."""
    if not a or not b:
        return float(a == b)
    return 2 * lcs_length(a, b) / (len(a) + len(b))


def phrase_match(gold: str | None, pred: str | None) -> bool:
    """Equal after normalising, or overlapping by at least MATCH_DICE (partial-match scoring)."""
    g, p = norm_phrase(gold), norm_phrase(pred)
    return g == p or char_dice(g, p) >= MATCH_DICE


@dataclass
class Scores:
    name: str
    q_tp: int
    q_gold: int
    q_pred: int
    f_matched: int
    f_gold: int
    indicator_ok: int
    entity_ok: int
    indicator_exact: int
    entity_exact: int
    misses: list[str]
    extras: list[str]
    figure_errors: list[str]

    @property
    def precision(self) -> float:
        return self.q_tp / self.q_pred if self.q_pred else 1.0

    @property
    def recall(self) -> float:
        return self.q_tp / self.q_gold if self.q_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def indicator_acc(self) -> float:
        return self.indicator_ok / self.f_gold if self.f_gold else 1.0

    @property
    def entity_acc(self) -> float:
        return self.entity_ok / self.f_gold if self.f_gold else 1.0


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def load_gold(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def score(doc: Document, gold: dict[str, Any], name: str = "") -> Scores:
    """Quantities match on overlapping span + equal value + equal unit; figures on their anchor."""
    preds = [q for q in doc.quantities]
    used: set[int] = set()
    tp = 0
    misses = []
    gold_to_pred: dict[tuple[int, int], int] = {}
    for g in gold["quantities"]:
        span = (g["start"], g["end"])
        hit = None
        for q in preds:
            if q.id in used or not _overlap(span, (q.start, q.end)):
                continue
            if Decimal(g["value"]) == q.value and g["unit"] == q.unit:
                hit = q
                break
        if hit is None:
            misses.append(f"{g['text']!r}@{g['start']} {g['value']} {g['unit']!r}")
            continue
        used.add(hit.id)
        gold_to_pred[span] = hit.id
        tp += 1
    extras = [f"{q.text!r}@{q.start} {q.value} {q.unit!r}" for q in preds if q.id not in used]

    anchor_fig: dict[int, Any] = {}
    for f in doc.figures:
        anchor_fig.setdefault(f.value if f.value is not None else (f.comparisons[0].quantity if f.comparisons else -1), f)
    f_matched = ind_ok = ent_ok = ind_exact = ent_exact = 0
    errors = []
    for gf in gold["figures"]:
        qid = gold_to_pred.get(tuple(gf["anchor"]))
        f = anchor_fig.get(qid) if qid is not None else None
        if f is None:
            # The anchor quantity may be attached to a figure as a comparison instead.
            for cand in doc.figures:
                if any(c.quantity == qid for c in cand.comparisons) and qid is not None:
                    f = cand
                    break
        if f is None:
            errors.append(f"no figure at {gf['anchor']} ({gf.get('indicator')})")
            continue
        f_matched += 1
        ind_exact += norm_phrase(gf.get("indicator")) == norm_phrase(f.indicator)
        ent_exact += norm_phrase(gf.get("entity")) in (norm_phrase(f.entity), norm_phrase(f.entity_text))
        if phrase_match(gf.get("indicator"), f.indicator):
            ind_ok += 1
        else:
            errors.append(f"indicator {gf.get('indicator')!r} != {f.indicator!r} at {gf['anchor']}")
        if phrase_match(gf.get("entity"), f.entity) or phrase_match(gf.get("entity"), f.entity_text):
            ent_ok += 1
        else:
            errors.append(f"entity {gf.get('entity')!r} != {f.entity!r} at {gf['anchor']}")
    return Scores(name, tp, len(gold["quantities"]), len(preds), f_matched, len(gold["figures"]), ind_ok, ent_ok,
                  ind_exact, ent_exact, misses, extras, errors)


def corpus_pairs(corpus: Path) -> list[tuple[Path, Path]]:
    return [(p.with_name(p.name.replace(".gold.json", ".txt")), p) for p in sorted(corpus.glob("*.gold.json"))]


def tool_parser(doc: Optional[str]) -> argparse.ArgumentParser:
    """The arguments the real-text scorers share: paths (files or folders), -v and --json."""
    ap = argparse.ArgumentParser(description=(doc or "").splitlines()[0] if doc else None)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--json", action="store_true")
    return ap


def files_in(paths: list[str], pattern: str) -> list[Path]:
    """Each path as given, or a folder's files matching ``pattern``, sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        out += sorted(p.glob(pattern)) if p.is_dir() else [p]
    return out
