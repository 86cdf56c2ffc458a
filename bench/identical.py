"""Proof that a change made for speed changed no output: the ``extract`` and ``check`` JSON
(``doc.model_dump_json()``) of every corpus file, from this checkout and from another one (the base
commit), each computed in its own subprocess, compared byte for byte.

    git worktree add /tmp/base <commit>
    python bench/identical.py --base /tmp/base

Prints how many files were compared and, for each difference, the file, the mode and the first
differing position with its surroundings. Exit 0 when all are identical, 1 otherwise.
The base checkout's outputs are cached under the system's temporary folder, keyed by its commit and
the corpus files' contents (``--no-cache`` recomputes them).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GLOBS = ("corpus/*.txt", "corpus/heldout/*.txt", "corpus/real/*.txt")

_RUN = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import zhextract
out = {}
for p in json.load(sys.stdin):
    text = open(p, encoding="utf-8").read()
    out[p] = {"extract": zhextract.extract(text, name=p).model_dump_json(),
              "check": zhextract.check(text, name=p).model_dump_json()}
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"))
"""


def corpus_files() -> list[str]:
    return [str(p.relative_to(ROOT)) for g in GLOBS for p in sorted(ROOT.glob(g))]


def outputs(checkout: Path, files: list[str], dest: Path) -> dict[str, dict[str, str]]:
    """The JSON of every file from ``checkout``, in a fresh interpreter run from this checkout's root
    (so both read the same corpus files by the same relative names)."""
    subprocess.run([sys.executable, "-c", _RUN, str(checkout.resolve()), str(dest)], cwd=ROOT,
                   input=json.dumps(files), text=True, check=True)
    return json.loads(dest.read_text(encoding="utf-8"))


def cache_key(base: Path, files: list[str]) -> str:
    commit = subprocess.run(["git", "-C", str(base), "rev-parse", "HEAD"], capture_output=True, text=True,
                            check=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(base), "status", "--porcelain", "zhextract", "patterns"],
                           capture_output=True, text=True, check=True).stdout
    h = hashlib.sha256(f"{commit}\n{dirty}".encode())
    for f in files:
        h.update(f.encode() + b"\0" + (ROOT / f).read_bytes())
    return h.hexdigest()[:16]


def first_difference(a: str, b: str) -> int:
    n = min(len(a), len(b))
    return next((i for i in range(n) if a[i] != b[i]), n)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, required=True, help="checkout of the base commit")
    ap.add_argument("--no-cache", action="store_true", help="recompute the base checkout's outputs")
    ns = ap.parse_args()
    files = corpus_files()
    tmp = Path(tempfile.gettempdir())
    cached = tmp / f"zhextract-identical-{cache_key(ns.base, files)}.json"
    if ns.no_cache or not cached.exists():
        outputs(ns.base, files, cached)
    base = json.loads(cached.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as d:
        this = outputs(ROOT, files, Path(d) / "this.json")
    differences = 0
    for f in files:
        for mode in ("extract", "check"):
            a, b = base[f][mode], this[f][mode]
            if a != b:
                differences += 1
                i = first_difference(a, b)
                print(f"DIFFERENT {f} {mode} at {i}:\n  base: {a[max(0, i - 80):i + 80]!r}\n"
                      f"  this: {b[max(0, i - 80):i + 80]!r}")
    print(f"{len(files)} files x (extract, check): {2 * len(files) - differences} identical, "
          f"{differences} different")
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main())
