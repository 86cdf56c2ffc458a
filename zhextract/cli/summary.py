"""The summary across files, for stderr: what was read, what could not be, and where the mismatches are."""
from __future__ import annotations

from collections import Counter

from .run import Outcome

_STATUSES = ("mismatch", "doubtful", "rounding", "unverifiable", "consistent")
_NAMED = 10  # files named per line before "… and N more"


def render_summary(command: str, outcomes: list[Outcome], unmatched: list[str]) -> str:
    read = [o for o in outcomes if o.doc is not None]
    failed = [o.input.name for o in outcomes if o.doc is None] + unmatched
    n = len(outcomes) + len(unmatched)
    head = f"zhextract {command}: {n} file{'s' if n != 1 else ''}, {len(read)} read"
    if failed:
        head += f", {len(failed)} could not be read"
    lines = [head]
    docs = [o.doc for o in read if o.doc is not None]
    figures = sum(len(d.figures) for d in docs)
    if command == "check":
        by: Counter[str] = Counter()
        checked = 0
        for d in docs:
            if d.summary is not None:
                checked += d.summary.checked
                by.update({s: getattr(d.summary, s) for s in _STATUSES})
        share = f" ({checked / figures:.1%})" if figures else ""
        lines.append(f"  figures {figures}, checked {checked}{share}; findings {sum(by.values())}: "
                     + ", ".join(f"{by[s]} {s}" for s in _STATUSES))
        bad = [(d.source, d.summary.mismatch) for d in docs if d.summary is not None and d.summary.mismatch]
        lines.append(f"  mismatches in {len(bad)} of {len(docs)} files" + (": " + _names([f"{s} ({k})" for s, k in bad]) if bad else ""))
    else:
        lines.append(f"  quantities {sum(len(d.quantities) for d in docs)}, figures {figures}, "
                     f"tables {sum(len(d.tables) for d in docs)}")
    if failed:
        lines.append("  could not read: " + _names(failed))
    return "\n".join(lines) + "\n"


def _names(names: list[str]) -> str:
    more = len(names) - _NAMED
    return ", ".join(names[:_NAMED]) + (f" … and {more} more" if more > 0 else "")
