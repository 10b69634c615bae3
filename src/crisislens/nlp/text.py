"""The text of a parsed document, joined once, and of its spans, sliced from it."""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from crisislens.nlp.tokens import token_table

if TYPE_CHECKING:  # the merge imports ``mentions.acled``, which reads spans with this: it should not load spaCy (~2 s)
    from spacy.tokens import Doc, Span

# ``Doc.text`` and ``Span.text`` join their tokens' texts on each call; the document's is kept, dropped with it.
_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined on the first call only: read it this way where it is asked for per sentence or mention.
    Assumes the document's tokens are no longer changed once asked for."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = "".join(token_table(doc).text_with_ws)  # as ``doc.text`` joins them
    return text


def tokens_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` without making the span."""
    if end <= start:
        return ""
    table = token_table(doc)
    return doc_text(doc)[table.idx[start] : table.idx[end - 1] + len(table.text[end - 1])]


def span_text(span: Span) -> str:
    """``span.text``: a token's trailing whitespace is one character at most, so the span's text ends at ``end_char``."""
    return doc_text(span.doc)[span.start_char : span.end_char] if len(span) else ""
