"""Garbage collection is paused only while one document is processed (issue 13): the caller's
setting comes back, after an error too, and a collector the caller turned off stays off."""
from __future__ import annotations

import gc

import pytest

import zhextract
from zhextract.gcpause import paused_gc


def test_collection_resumes_after_extract_and_check() -> None:
    assert gc.isenabled()
    doc = zhextract.check("上半年，全县工业投资完成 12.5 亿元，增长 6.1%。")
    assert doc.figures and gc.isenabled()


def test_a_collector_turned_off_stays_off() -> None:
    gc.disable()
    try:
        zhextract.extract("全县工业投资完成 12.5 亿元。")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_paused_inside_and_resumed_after_an_error() -> None:
    seen = []

    @paused_gc
    def fails() -> None:
        seen.append(gc.isenabled())
        raise ValueError("bad input")

    with pytest.raises(ValueError):
        fails()
    assert seen == [False] and gc.isenabled()
