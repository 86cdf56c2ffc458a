"""Every rule file in patterns/ carries examples; run them all (Duckling's corpus-as-tests idea).

An example gives ``text`` and what must come out of it: ``quantities`` (exactly these, in order),
``skipped`` (at least these), ``figures`` (exactly these, in order), ``repaired`` (the repaired text).
Only the keys written in an expected record are compared.
"""
from __future__ import annotations

import tomllib
from decimal import Decimal

import pytest

import zhextract
from zhextract.repair import repair
from zhextract.resources import pattern_files

EXAMPLE_KEYS = {"text", "quantities", "skipped", "figures", "repaired", "tables", "findings", "note"}


# Rule files whose examples need their own runner (tables, checks) are run by tests/test_<kind>.py.
OWN_RUNNER = {"tables", "checks"}


def _examples():
    out = []
    for path in pattern_files():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if data.get("kind") in OWN_RUNNER:
            continue
        for i, ex in enumerate(data.get("examples", [])):
            out.append(pytest.param(path.name, ex, id=f"{path.stem}-{i + 1}"))
    return out


def test_every_rule_file_has_examples():
    for path in pattern_files():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert data.get("examples"), f"{path.name} has no [[examples]]"


def _dec_eq(a: str, b) -> bool:
    return b is not None and Decimal(a) == Decimal(str(b))


def _check_quantity(exp: dict, q) -> None:
    for key, want in exp.items():
        if key in ("value", "low", "high"):
            assert _dec_eq(want, getattr(q, key)), (key, want, getattr(q, key))
        elif key == "normalized":
            val, unit = want.split(" ")
            assert q.normalized is not None and _dec_eq(val, q.normalized.value) and q.normalized.unit == unit, \
                (want, q.normalized)
        else:
            assert getattr(q, key) == want, (key, want, getattr(q, key))


def _comparisons(doc, f) -> str:
    parts = []
    for c in f.comparisons:
        q = doc.quantities[c.quantity]
        v = -q.value if c.sign == "-" and q.value > 0 else q.value
        s = f"{c.type}:{v}"
        if c.target is not None:
            s += f"@{doc.quantities[c.target].value}"
        parts.append(s)
    return " ".join(parts)


def _check_figure(doc, exp: dict, f) -> None:
    for key, want in exp.items():
        if key == "value":
            assert f.value is not None and _dec_eq(want, doc.quantities[f.value].value), (want, f.value)
        elif key == "comparisons":
            assert _comparisons(doc, f) == want
        elif key == "conditions":
            assert " ".join(str(doc.quantities[c].value) for c in f.conditions) == want
        elif want == "":  # TOML has no null: "" stands for none
            assert getattr(f, key) is None, (key, getattr(f, key))
        else:
            assert getattr(f, key) == want, (key, want, getattr(f, key))


@pytest.mark.parametrize("file,example", _examples())
def test_example(file: str, example: dict):
    unknown = set(example) - EXAMPLE_KEYS
    assert not unknown, f"unknown example keys {unknown}"
    text = example["text"]
    if "repaired" in example:
        assert repair(text).text == example["repaired"]
    if not ({"quantities", "skipped", "figures"} & set(example)):
        return
    doc = zhextract.extract(text)
    if "quantities" in example:
        got = [(q.text, str(q.value), q.unit) for q in doc.quantities]
        assert len(doc.quantities) == len(example["quantities"]), got
        for exp, q in zip(example["quantities"], doc.quantities):
            _check_quantity(exp, q)
    for exp in example.get("skipped", []):
        assert any(k.text == exp["text"] and k.reason == exp["reason"] for k in doc.skipped), \
            [(k.text, k.reason) for k in doc.skipped]
    if "figures" in example:
        got = [(f.indicator, f.entity, f.period, _comparisons(doc, f)) for f in doc.figures]
        assert len(doc.figures) == len(example["figures"]), got
        for exp, f in zip(example["figures"], doc.figures):
            _check_figure(doc, exp, f)


def test_lexicon_files_are_clean():
    from zhextract import resources

    places = resources.places()
    assert {"忻州", "阳泉", "临汾", "朔州", "晋中"} <= places
    assert not {"开展", "推动", "全市"} & places
    words = (resources.patterns_dir() / "words.txt").read_text(encoding="utf-8").splitlines()
    assert len(words) == len(set(words)) and all(len(w.split()) == 2 for w in words)


def test_long_indicator_is_cut_at_a_word_boundary():
    from zhextract.figures.words import cut_tail

    assert cut_tail("明确要求各县市区党政主要负责人全年外出招商次数", 12) == "负责人全年外出招商次数"


def test_segmentation_agrees_with_jieba_on_the_same_dictionary():
    jieba = pytest.importorskip("jieba")
    import logging

    from zhextract import resources
    from zhextract.figures.words import segment, user_words

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer(dictionary=str(resources.patterns_dir() / "words.txt"))
    for w in user_words():
        tk.add_word(w, freq=100000)
    phrases = ["规模以上工业增加值同比增速", "转型项目当年完成投资占工业投资比重", "绿色有机农产品覆盖率",
               "签约项目当年开工率排名前三位", "农产品加工业产值与农业总产值比值", "招商引资签约项目投资总额"]
    for p in phrases:
        assert segment(p) == list(tk.cut(p, HMM=False)), p
