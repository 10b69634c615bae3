"""Small helpers over spaCy dependency trees."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Where a name acts rather than locates: "Tehran said", "Washington's strike", "Iraq was urged".
ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})


def clause_head(token: Token) -> Token:
    """The nearest verb at or above ``token``: the clause it belongs to."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node
