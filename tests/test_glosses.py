"""Checks through ruby glosses (checks/glosses.py): the rules read the words, the evidence quotes the
text as written."""
from __future__ import annotations

import zhextract
from zhextract.checks.glosses import Shift, glosses

GLOSSED = "三次產(chǎn)業(yè)對經(jīng)濟(jì)增長的貢獻(xiàn)率分別為8.3%、41.2%和55.5%。"


def test_positions_map_both_ways() -> None:
    spans = glosses(GLOSSED)
    assert [GLOSSED[s:e] for s, e in spans] == ["(chǎn)", "(yè)", "(jīng)", "(jì)", "(xiàn)"]
    shift = Shift(GLOSSED, spans)
    assert shift.clean.startswith("三次產業對經濟增長的貢獻率分別為8.3%")
    at = GLOSSED.index("8.3%")
    assert shift.clean[shift.forward(at):shift.forward(at + 4)] == "8.3%"
    assert shift.back(shift.forward(at), shift.forward(at + 4)) == (at, at + 4)
    assert shift.forward(GLOSSED.index("(chǎn)") + 2) == GLOSSED.index("(chǎn)")  # inside a gloss: its start


def test_findings_through_glosses_quote_the_original() -> None:
    doc = zhextract.check(GLOSSED)
    structure = [f for f in doc.findings if f.rule == "structure_sum"]
    assert [f.status for f in structure] == ["mismatch"]
    for f in doc.findings:
        for ev in f.evidence:
            assert doc.quote(ev) == ev.text
    assert {ev.text for ev in structure[0].evidence if ev.label == "term"} == {"8.3%", "41.2%", "55.5%"}


def test_text_without_glosses_is_left_alone() -> None:
    assert glosses("产业(一)增长5%") == []
