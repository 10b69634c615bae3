"""Small helpers over spaCy dependency trees."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crisislens.nlp.tokens import token_table

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Where a name acts rather than locates: "Tehran said", "Washington's strike", "Iraq was urged".
ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})


def clause_head(token: Token) -> Token:
    """The nearest verb at or above ``token``: the clause it belongs to."""
    table = token_table(token.doc)
    node = token.i
    while table.pos[node] not in ("VERB", "AUX") and table.head[node] != node:
        node = table.head[node]
    return token.doc[node]
