"""Running the command over each input: every file is processed whatever happened to the others,
and each one that fails is named on stderr with its own exit code."""
from __future__ import annotations

import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from ..errors import ZhextractError
from ..models import Document
from .args import Request
from .inputs import Input

OK, MISMATCH, BAD_INPUT, INTERNAL = 0, 1, 2, 3


@dataclass
class Outcome:
    input: Input
    doc: Optional[Document] = None
    error: Optional[str] = None  # the one line said on stderr
    code: int = OK


def process(req: Request, inp: Input) -> Outcome:
    """Extract (and check) one input; an error is caught here, said in one line, and kept."""
    from ..load import load_data, load_file
    from ..pipeline import extract_source

    try:
        if inp.path is None:
            from pathlib import Path

            src = load_data(sys.stdin.buffer.read(), Path(inp.name), limits=req.limits)
        else:
            if req.annotate is not None:
                from ..annotator import require_docx

                require_docx(inp.path)  # before the work of a check, not after
            src = load_file(inp.path, limits=req.limits)
        doc = extract_source(src)
        if req.command == "check":
            from ..checks import check_document

            doc = check_document(doc, extra_tables=req.tables or None, limits=req.limits)
            if req.html is not None:
                _write_html(req.html, doc)
            if req.annotate is not None:
                _annotate(req, doc)
            return Outcome(inp, doc, code=MISMATCH if doc.summary and doc.summary.mismatch else OK)
        return Outcome(inp, doc)
    except ZhextractError as exc:
        return Outcome(inp, error=f"zhextract: {exc}", code=exc.exit_code)
    except (Exception, MemoryError) as exc:  # noqa: BLE001 - a defect of zhextract: named, never hidden
        if req.debug:
            traceback.print_exc(file=sys.stderr)
        message = " ".join(str(exc).split())[:300]
        return Outcome(inp, error=f"zhextract: internal error on {inp.name} ({type(exc).__name__}: {message}); "
                                  "please report it with the input" + ("" if req.debug else
                                                                        " (rerun with --debug for the traceback)"),
                       code=INTERNAL)


def _write_html(path: Path, doc: Document) -> None:
    from ..errors import InputError
    from ..report import html

    try:
        path.write_text(html(doc), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the HTML report: {exc.strerror or exc}", path=str(path)) from exc
    print(f"zhextract: HTML report written to {path}", file=sys.stderr)


def _annotate(req: Request, doc: Document) -> None:
    """The draft back with the findings as Word comments; what was written goes to stderr."""
    from ..annotator import annotate

    done = annotate(doc, req.annotate, annotate_all=req.annotate_all, highlight=req.highlight)
    extra = f", {done.notes} notes on agreeing figures" if done.notes else ""
    away = f"; {len(done.elsewhere)} findings outside the body listed in a comment at the top" if done.elsewhere else ""
    print(f"zhextract: wrote {done.path}: {done.comments} comments{extra}{away}", file=sys.stderr)


class Progress:
    """A tqdm bar on stderr when asked (``--progress``) or when stderr is a terminal and there is more
    than one file; messages go through it so they do not tear the bar."""

    def __init__(self, total: int, show: Optional[bool], desc: str) -> None:
        if show is None:
            show = total > 1 and sys.stderr.isatty()
        self._bar: Any = None
        if show:
            from tqdm import tqdm  # only when a bar is drawn: a single file never pays for the import

            self._bar = tqdm(total=total, file=sys.stderr, unit="file", desc=desc, dynamic_ncols=True)

    def step(self, name: str) -> None:
        if self._bar is not None:
            self._bar.set_postfix_str(name[-40:], refresh=False)
            self._bar.update(1)

    def say(self, message: str) -> None:
        if self._bar is not None:
            self._bar.write(message, file=sys.stderr)
        else:
            print(message, file=sys.stderr)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def run_all(req: Request, inputs: list[Input], progress: Progress,
            each: Callable[[Outcome], None]) -> Iterator[Outcome]:
    """Process every input in order, hand each outcome to ``each`` (the writers), and yield it."""
    for inp in inputs:
        out = process(req, inp)
        if out.error:
            progress.say(out.error)
        each(out)
        progress.step(inp.name)
        yield out
