"""Name normalization and case-insensitive phrase matching over the knowledge tables' names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.vocab import Vocab


def normalize(text: str) -> str:
    """Lowercase, strip accents, unify quotes and hyphens, collapse spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"[-‐–]", " ", text)
    text = re.sub(r"[^\w' ]", "", text)
    return " ".join(text.split())


def phrase_matcher(vocab: Vocab, label: str, names: Iterable[str]) -> PhraseMatcher:
    """A matcher for ``names`` as written and in normalized form.

    Both forms are needed: the written form keeps the hyphens and apostrophes that the
    tokenizer splits on ("al-Shaabi" is three tokens), the normalized one matches
    texts that spell the name with spaces instead.
    """
    tokenizer = English(vocab=vocab).tokenizer
    phrases = {form for name in names for form in (name.lower(), normalize(name)) if form}
    matcher = PhraseMatcher(vocab, attr="LOWER")
    matcher.add(label, [tokenizer(phrase) for phrase in sorted(phrases)])
    return matcher
