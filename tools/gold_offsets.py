"""Find character offsets of a string in a corpus file, for writing gold annotations by hand.

Usage: python tools/gold_offsets.py corpus/FILE.txt "39.4 亿元"
Prints every occurrence as: start end line-number context.
"""
from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    text = Path(argv[1]).read_bytes().decode("utf-8-sig")
    needle = argv[2]
    pos = text.find(needle)
    while pos != -1:
        line = text.count("\n", 0, pos) + 1
        ctx = text[max(0, pos - 15): pos + len(needle) + 15].replace("\n", "⏎")
        print(f"{pos}\t{pos + len(needle)}\tL{line}\t{ctx}")
        pos = text.find(needle, pos + 1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
