"""The named entities of a document and of one sentence, without rebuilding the whole document's each time."""

from __future__ import annotations

from bisect import bisect_left
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span

# Per parsed document, dropped with it: (start, end, label, kb_id, id) of each entity.
# Plain numbers only: a Span would keep its document alive and the entry with it.
_INDEX: WeakKeyDictionary[Doc, tuple[list[int], list[tuple[int, int, int, int, int]]]] = WeakKeyDictionary()


def document_entities(doc: Doc) -> list[Span]:
    """``doc.ents``, read once per document: ``Doc.ents`` makes a Token for each word of the document on each call."""
    return [Span(doc, start, end, label=label, kb_id=kb_id, span_id=span_id) for start, end, label, kb_id, span_id in _index(doc)[1]]


def sentence_entities(sentence: Span) -> list[Span]:
    """The entities lying wholly inside ``sentence``: exactly what ``sentence.ents`` gives.

    ``Span.ents`` builds every entity of the document on each call, so asking it of
    every sentence costs sentences x tokens; this reads them once per document.
    """
    doc = sentence.doc
    starts, ents = _index(doc)
    found = []
    for i in range(bisect_left(starts, sentence.start), len(ents)):
        start, end, label, kb_id, span_id = ents[i]
        if end > sentence.end:
            break
        found.append(Span(doc, start, end, label=label, kb_id=kb_id, span_id=span_id))
    return found


def _index(doc: Doc) -> tuple[list[int], list[tuple[int, int, int, int, int]]]:
    """The document's entities and their starts, read on the first call. Assumes the document's entities are no longer
    changed once asked for."""
    index = _INDEX.get(doc)
    if index is None:
        ents = [(ent.start, ent.end, ent.label, ent.kb_id, ent.id) for ent in doc.ents]
        index = _INDEX[doc] = ([ent[0] for ent in ents], ents)
    return index
