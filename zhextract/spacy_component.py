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

The records are kept in ``doc.user_data`` as JSON data, so Docs still serialise (``DocBin``,
``nlp.pipe(n_process=2)``); each ``._.`` attribute builds its records when read.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from .models import Document, Figure, Finding, Quantity

_KEY = "zhextract"  # doc.user_data: the Document as JSON data (plain values: Doc.to_bytes, DocBin and
_FIGURE_OF = "zhextract.figure_of"  # nlp.pipe(n_process=…) carry it); per quantity, its figure's index


def _data(doc: Doc) -> Optional[dict]:
    return doc.user_data.get(_KEY)


def _document(doc: Doc) -> Optional[Document]:
    data = _data(doc)
    return None if data is None else Document.model_validate({**data, "text": doc.text})


def _records(kind: type, field: str) -> Callable[[Doc], Optional[list]]:
    def get(doc: Doc) -> Optional[list]:
        data = _data(doc)
        return None if data is None else [kind.model_validate(r) for r in data[field]]
    return get


def _quantity(span: Span) -> Optional[Quantity]:
    data = _data(span.doc)
    if data is None or not span.id:  # span.id is the quantity's id + 1 (0: not a zhextract span)
        return None
    return Quantity.model_validate(data["quantities"][span.id - 1])


def _figure(span: Span) -> Optional[Figure]:
    data = _data(span.doc)
    if data is None or not span.id:
        return None
    i = span.doc.user_data[_FIGURE_OF][span.id - 1]
    return None if i is None else Figure.model_validate(data["figures"][i])


def _register_extensions() -> None:
    getters = {"figures": _records(Figure, "figures"), "findings": _records(Finding, "findings"),
               "zhextract": _document}
    for name, getter in getters.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=getter)
    for name, getter in (("quantity", _quantity), ("figure", _figure)):
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)


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
        by_anchor = {(f.start, f.end): i for i, f in enumerate(result.figures)}
        spans = []
        for q in result.quantities:
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is None:  # only whitespace-only tokens could fail; the record is still on doc._.zhextract
                continue
            spans.append(Span(doc, span.start, span.end, label=q.kind, span_id=q.id + 1))
        doc.spans[self.spans_key] = spans
        doc.user_data[_KEY] = result.model_dump(mode="json")
        doc.user_data[_FIGURE_OF] = [by_anchor.get((q.start, q.end)) for q in result.quantities]
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
