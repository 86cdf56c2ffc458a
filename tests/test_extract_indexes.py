"""The indexes extraction uses for speed (issue 13, round 3) give what the scans they replaced gave:
each lookup is compared with its plain definition at every position it can be asked about, in real
bulletins (read, not copied, from corpus/) and in small texts made here. The byte-identical outputs
on the whole corpus are proved by ``bench/identical.py``."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
import regex

from zhextract.figures.build import _Builder
from zhextract.quantities.scan import scan
from zhextract.repair import repair
from zhextract.segment import segment
from zhextract.tables import context as tctx

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DOCS = sorted(CORPUS.glob("00[0-4]_*.txt"))[:3] + sorted((CORPUS / "real").glob("*.txt"))[:3]


def _lines_before_plain(text: str, pos: int) -> list[tuple[int, str]]:
    out, p = [], 0
    for line in text[:pos].split("\n"):
        out.append((p, line))
        p += len(line) + 1
    if out and not out[-1][1]:
        out.pop()
    return out[::-1]


def _annex_before_plain(text: str, pos: int) -> tuple[int, str] | None:
    return next(((s, line) for s, line in _lines_before_plain(text, pos) if tctx._ANNEX.match(line)), None)


def test_lines_and_annex_before_on_made_texts() -> None:
    rng = random.Random(13)
    pieces = ["附件1", "附表 2：分县情况", "表1", "说明", "", "  ", "附件3:汇总", "\n"]
    for _ in range(3000):
        text = "\n".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        tctx._annex_lines.cache_clear()
        for pos in range(len(text) + 1):
            assert list(tctx._lines_before(text, pos)) == _lines_before_plain(text, pos), (text, pos)
            assert tctx._annex_before(text, pos) == _annex_before_plain(text, pos), (text, pos)


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_annex_before_on_bulletins(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    for pos in starts[::3] + [len(text)]:
        assert tctx._annex_before(text, pos) == _annex_before_plain(text, pos)


@pytest.fixture(scope="module", params=DOCS, ids=lambda p: p.name)
def builder(request: pytest.FixtureRequest) -> _Builder:
    rep = repair(request.param.read_text(encoding="utf-8"))
    seg = segment(rep.text)
    qs, _ = scan(rep.text, seg.tables)
    return _Builder(rep.text, seg, qs)


def test_list_cue_end(builder: _Builder) -> None:
    cue = regex.compile(r"分别|依次|[是为][:：]")
    for pos in sorted({s.start for s in builder.seg.sentences} | set(range(0, len(builder.text), 29))):
        m = cue.search(builder.text, pos)
        assert builder._list_cue_end(pos) == (m.end() if m else float("inf")), pos


def test_quantity_starting(builder: _Builder) -> None:
    for pos in sorted({q.start for q in builder.qs} | {q.end + 1 for q in builder.qs}):
        assert builder._quantity_starting(pos) is next((o for o in builder.qs if o.start == pos), None)
