"""Imported by the forkserver before it forks the workers of a local run: the patterns are compiled
and the lexicons loaded once there (about a second), and every worker starts warm."""
from __future__ import annotations

from ..checks import check_document
from ..load import Source
from ..pipeline import extract_source

check_document(extract_source(Source(text="2021年简报\n上半年,全县规上工业增加值完成 12.5 亿元,增长 6.1%。",
                                     encoding="str", name="<warm-up>")))
