"""The drafter's own Word document back, with a review comment on each figure that does not add up.

``zhextract.annotate(checked, "reviewed.docx")`` writes a copy of the checked .docx draft with one
comment (author "zhextract", dated) on each mismatch and each doubtful finding, anchored on exactly
the claimed figure's characters; ``annotate_all`` adds a short note on figures whose checks agree
and ``highlight`` colours the figures by status. The draft itself is only read. Everything else in
the package (styles, tables, headers, footers, images, earlier comments, tracked changes) is written
back as python-docx read it; the only edits to the body are the comment marks and the runs split at
a figure's edges (see ``runs.py``).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any, Optional

from ..errors import InputError, UnsupportedFormatError
from ..models import Document, Evidence, Finding
from ..load.docx import _W
from .runs import BodyMap, hoist_reference, runs_between
from .texts import Places, comment_text, elsewhere_text, short_text

AUTHOR, INITIALS = "zhextract", "zx"
COMMENTED = ("mismatch", "doubtful")
_RANK = {"mismatch": 0, "doubtful": 1, "rounding": 2, "consistent": 3}
_COLOUR = {"mismatch": "RED", "doubtful": "YELLOW", "rounding": "TURQUOISE", "consistent": "BRIGHT_GREEN"}


@dataclass
class Annotated:
    """What :func:`annotate` wrote."""
    path: Path
    comments: int = 0  # comments anchored on a figure (mismatch and doubtful findings)
    notes: int = 0  # short notes on agreeing figures (annotate_all)
    elsewhere: list[Finding] = field(default_factory=list)  # listed in one comment at the top


def annotate(checked: Document, out: str | Path, *, source: str | Path | None = None,
             annotate_all: bool = False, highlight: bool = False) -> Annotated:
    """Write a copy of the checked draft to ``out`` with the findings as Word comments.

    ``checked`` comes from :func:`zhextract.check` on a .docx file (``source`` defaults to the path it
    was read from). A finding on a workbook given to the check names its file, sheet and cell (the
    evidence carries them) in one comment at the top.
    Raises :class:`InputError` when the input is not a .docx draft, has changed since the check, or
    ``out`` is the draft itself.
    """
    if checked.summary is None:
        raise InputError("annotate needs a checked document: zhextract.check(...), not extract(...)")
    src = Path(source if source is not None else checked.source)
    if checked.format != "docx":
        raise _not_docx(checked.format, src)
    target = Path(out)
    if target.exists() and src.exists() and os.path.samefile(target, src):
        raise InputError("the annotated copy would overwrite the draft: name another output file", path=str(target))
    document, body = _open(src, checked)
    places = Places(checked)
    result = Annotated(path=target)
    _comment(document, body, checked, places, result, annotate_all=annotate_all, highlight=highlight)
    _save(document, target)
    return result


def require_docx(path: Path) -> None:
    """Fail before the check when the input cannot be annotated (a PDF, plain text, a workbook)."""
    from ..load import read_bytes
    from ..load.sniff import sniff_format

    fmt = sniff_format(read_bytes(path), path)
    if fmt != "docx":
        raise _not_docx(fmt, path)


def _not_docx(fmt: str, path: Path) -> UnsupportedFormatError:
    kind = {"pdf": "a PDF", "text": "plain text", "xlsx": "an Excel workbook"}.get(fmt, fmt)
    return UnsupportedFormatError(
        f"--annotate writes Word comments into a .docx draft, and this input is {kind}: give the draft's "
        ".docx, or read the findings in the report instead (check without --annotate; --json for machines)",
        path=str(path))


def _open(src: Path, checked: Document) -> tuple[Any, BodyMap]:
    """The draft as python-docx reads it, and its body mapped onto the checked text."""
    import docx

    from ..load import read_bytes
    from ..load.docx import load

    data = read_bytes(src)
    rendered = load(data, src)  # a damaged package is an InputError here, with the reader's message
    if rendered.text != checked.text:
        raise InputError("the draft has changed since it was checked: check it again, then annotate",
                         path=str(src))
    document = docx.Document(BytesIO(data))
    return document, BodyMap(document.element.body, checked.text, rendered.anchors)


def _claim(f: Finding, doc: Document) -> Optional[Evidence]:
    """The claimed figure's span in the draft, or None when it is not in the draft (a workbook cell)."""
    claim = next((e for e in f.evidence if e.role == "claim"), None)
    if claim is None and f.figure is not None and f.figure < len(doc.figures):
        fig = doc.figures[f.figure]
        claim = Evidence(kind="text", start=fig.start, end=fig.end, text=doc.text[fig.start:fig.end], role="claim")
    if claim is None or claim.source or (claim.kind == "cell" and claim.table is None):
        return None  # a cell of a workbook given beside the draft is not in the draft
    return claim


def _comment(document: Any, body: BodyMap, doc: Document, places: Places, result: Annotated, *,
             annotate_all: bool, highlight: bool) -> None:
    spans: dict[tuple[int, int], list[Finding]] = {}
    elsewhere: list[tuple[Finding, str]] = []
    for f in doc.findings:
        claim = _claim(f, doc)
        if claim is not None and body.chars(claim.start, claim.end) is not None:
            spans.setdefault((claim.start, claim.end), []).append(f)
        elif f.status in COMMENTED:  # a workbook cell, or a span the body map would not vouch for
            at = next((e for e in f.evidence if e.role == "claim"), f.evidence[0] if f.evidence else None)
            elsewhere.append((f, places.describe(at) if at is not None else "未给出位置"))
    for (start, end), found in spans.items():
        flagged = [f for f in found if f.status in COMMENTED]
        agreed = [f for f in found if f.status in ("consistent", "rounding")]
        notes = [short_text(agreed)] if annotate_all and agreed and not flagged else []
        texts = [comment_text(f, places) for f in flagged] + notes
        status = min((f.status for f in found if f.status in _RANK), key=_RANK.__getitem__, default=None)
        if not texts and not (highlight and status):
            continue
        first, last = body.isolate(start, end)
        for text in texts:
            _add(document, first, last, text)
        result.comments += len(flagged)
        result.notes += len(notes)
        if highlight and status:
            _highlight(runs_between(first, last), status)
    if elsewhere:
        top = body.first_run()
        if top is not None:
            _add(document, top, top, elsewhere_text(elsewhere))
        result.elsewhere = [f for f, _ in elsewhere]


def _add(document: Any, first: Any, last: Any, text: str) -> None:
    from docx.text.run import Run

    comment = document.add_comment([Run(first, document), Run(last, document)], text=text, author=AUTHOR,
                                   initials=INITIALS)
    end = last.getnext()  # python-docx put w:commentRangeEnd, then the reference run, after the last run
    assert end is not None and end.getnext() is not None, f"comment {comment.comment_id} not marked"
    hoist_reference(end.getnext())


def _highlight(runs: list[Any], status: str) -> None:
    from docx.enum.text import WD_COLOR_INDEX
    from docx.text.run import Run

    for r in runs:
        if r.find(_W + "t") is not None:  # not the comment-reference runs
            Run(r, None).font.highlight_color = getattr(WD_COLOR_INDEX, _COLOUR[status])


def _save(document: Any, target: Path) -> None:
    """Write beside the target, then rename: a failed save never leaves half a file."""
    buf = BytesIO()
    document.save(buf)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(buf.getvalue())
        os.replace(tmp, target)
    except OSError as exc:
        raise InputError(f"cannot write the annotated copy: {exc.strerror}", path=str(target)) from None
    finally:
        if tmp.exists():
            tmp.unlink()
