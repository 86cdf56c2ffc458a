"""``nlp.add_pipe("zhextract")``: zhextract's quantities, figures and findings on a spaCy Doc.

Found by spaCy through the ``spacy_factories`` entry point (pyproject.toml), so no import is needed;
needs the ``[spacy]`` extra, and ``import zhextract`` never imports this module or spaCy. Works on
any tokenizer (``spacy.blank("zh")`` splits characters; the jieba segmenter gives words): a
quantity's span is expanded to the token edges around its characters, and the exact offsets stay on
the record (``span._.quantity.start``/``end``, into ``doc.text``).

- ``doc.spans["zhextract"]``: one span per quantity, labelled by its kind (amount, percent, pp…);
- ``span._.quantity``: the Quantity; ``span._.figure``: the Figure anchored on it, or None;
- ``doc._.figures``, ``doc._.findings``: the lists (findings empty with ``check = false``);
- ``doc._.zhextract``: the whole Document (quantities by id, tables, relations, skipped numbers).
"""
from __future__ import annotations

from typing import Iterable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

_DOC_EXTENSIONS = ("figures", "findings", "zhextract")
_SPAN_EXTENSIONS = ("quantity", "figure")


def _register_extensions() -> None:
    for name in _DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in _SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


class ZhextractComponent:
    def __init__(self, name: str = "zhextract", *, check: bool = True, spans_key: str = "zhextract") -> None:
        self.name = name
        self.check = check
        self.spans_key = spans_key
        _register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        from .load import Source
        from .pipeline import extract_source

        # The text as a text, never taken for a path (extract() guesses on short strings).
        result = extract_source(Source(text=doc.text, encoding="str", name=f"<spacy:{self.name}>"))
        if self.check:
            from .checks import check_document

            check_document(result)
        by_anchor = {(f.start, f.end): f for f in result.figures}
        spans = []
        for q in result.quantities:
            span = doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand")
            if span is None:  # only whitespace-only tokens could fail; the record is still on doc._.zhextract
                continue
            span._.quantity = q
            span._.figure = by_anchor.get((q.start, q.end))
            spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.figures = result.figures
        doc._.findings = result.findings
        doc._.zhextract = result
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 32) -> Iterator[Doc]:
        """Documents a batch at a time, lazily: ``nlp.pipe`` streams through here."""
        for batch in minibatch(stream, size=batch_size):
            for doc in batch:
                yield self(doc)


@Language.factory("zhextract", default_config={"check": True, "spans_key": "zhextract"})
def make_component(nlp: Optional[Language], name: str, check: bool, spans_key: str) -> ZhextractComponent:
    """The spaCy factory (``nlp.add_pipe("zhextract", config={"check": False})``)."""
    return ZhextractComponent(name, check=check, spans_key=spans_key)


__all__ = ["ZhextractComponent", "make_component"]
