"""Print extraction scores against gold, with the misses:

    python tools/score.py [-v] [--dir corpus/heldout] [NNN]
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import zhextract  # noqa: E402
from evaluation import corpus_pairs, load_gold, score  # noqa: E402


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    root = Path(__file__).resolve().parent.parent / "corpus"
    if "--dir" in argv:
        k = argv.index("--dir")
        root = Path(argv[k + 1])
        argv = argv[:k] + argv[k + 2:]
    only = [a for a in argv if not a.startswith("-")]
    total = [0, 0.0, 0.0]
    for txt, gold in corpus_pairs(root):
        if only and not any(txt.name.startswith(o) for o in only):
            continue
        s = score(zhextract.extract(txt), load_gold(gold), txt.name[:3])
        print(f"{s.name}: quantity P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} | figures {s.f_matched}/{s.f_gold}"
              f" indicator={s.indicator_acc:.3f} entity={s.entity_acc:.3f} (exact: {s.indicator_exact / s.f_gold:.3f},"
              f" {s.entity_exact / s.f_gold:.3f})")
        total[0] += s.f_gold
        total[1] += s.indicator_acc * s.f_gold
        total[2] += s.entity_acc * s.f_gold
        if verbose:
            for m in s.misses:
                print("   MISS", m)
            for e in s.extras:
                print("   EXTRA", e)
            for e in s.figure_errors:
                print("   FIG", e)
    if total[0]:
        print(f"all: {total[0]} gold figures, indicator={total[1] / total[0]:.3f} entity={total[2] / total[0]:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
