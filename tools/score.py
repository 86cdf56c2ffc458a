"""Print extraction scores against corpus gold, with the misses: python tools/score.py [-v] [NNN]"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import zhextract  # noqa: E402
from zhextract._evaluation import corpus_pairs, load_gold, score  # noqa: E402


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    only = [a for a in argv if not a.startswith("-")]
    for txt, gold in corpus_pairs(Path(__file__).resolve().parent.parent / "corpus"):
        if only and not any(txt.name.startswith(o) for o in only):
            continue
        s = score(zhextract.extract(txt), load_gold(gold), txt.name[:3])
        print(f"{s.name}: quantity P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} | figures {s.f_matched}/{s.f_gold}"
              f" indicator={s.indicator_acc:.3f} entity={s.entity_acc:.3f} (exact: {s.indicator_exact / s.f_gold:.3f},"
              f" {s.entity_exact / s.f_gold:.3f})")
        if verbose:
            for m in s.misses:
                print("   MISS", m)
            for e in s.extras:
                print("   EXTRA", e)
            for e in s.figure_errors:
                print("   FIG", e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
