"""The text of a parsed document, joined once, and of its spans, sliced from it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crisislens.nlp.tokens import token_table

if TYPE_CHECKING:  # the merge imports ``mentions.acled``, which reads spans with this: it should not load spaCy (~2 s)
    from spacy.tokens import Doc, Span


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once, with the document's token table (``token_table``): read it this way where it is asked for
    per sentence or mention."""
    return token_table(doc).doc_text


def tokens_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` without making the span."""
    if end <= start:
        return ""
    table = token_table(doc)
    return table.doc_text[table.idx[start] : table.idx[end - 1] + len(table.text[end - 1])]


def span_text(span: Span) -> str:
    """``span.text``: a token's trailing whitespace is one character at most, so the span's text ends at ``end_char``."""
    return token_table(span.doc).doc_text[span.start_char : span.end_char] if len(span) else ""
