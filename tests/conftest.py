from __future__ import annotations

from pathlib import Path

import sys

import pytest

ROOT = Path(__file__).resolve().parent.parent
# the scorers (tools/evaluation.py) are evaluation code, kept out of the installed package
sys.path.insert(0, str(ROOT / "tools"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
