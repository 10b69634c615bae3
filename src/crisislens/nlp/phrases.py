"""Name normalization and phrase matching over the knowledge tables' names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Span
from spacy.vocab import Vocab


_POSSESSIVE_END = re.compile(r"'s$")
_HYPHENS = re.compile(r"[-‐–]")
_NOT_WORDS = re.compile(r"[^\w' ]")


@lru_cache(maxsize=1 << 16)  # the same few thousand names and words, asked for again and again
def normalize(text: str) -> str:
    """Lowercase, strip accents, unify quotes and hyphens, collapse spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = _POSSESSIVE_END.sub("", text)
    text = _HYPHENS.sub(" ", text)
    text = _NOT_WORDS.sub("", text)
    return " ".join(text.split())


class NameMatcher:
    """Finds names in a span: ordinary names in any case, acronyms only as written.

    Acronyms must match their case, or "US" would match "us" and "CAR" "car bomb".
    Both the written and the normalized form of each name are patterns: the written
    form keeps the hyphens the tokenizer splits on ("al-Shaabi" is three tokens), the
    normalized one matches texts that spell the name with spaces instead.
    """

    def __init__(self, vocab: Vocab, label: str, names: Iterable[str]) -> None:
        tokenizer = English(vocab=vocab).tokenizer
        acronyms = {name for name in names if _is_acronym(name)}
        phrases = {form for name in names if name not in acronyms for form in (name.lower(), normalize(name)) if form}
        self._any_case = PhraseMatcher(vocab, attr="LOWER")
        self._any_case.add(label, [tokenizer(phrase) for phrase in sorted(phrases)])
        self._as_written = PhraseMatcher(vocab, attr="ORTH")
        self._as_written.add(label, [tokenizer(acronym) for acronym in sorted(acronyms)])

    def __call__(self, span: Span) -> list[Span]:
        """The matched spans of ``span`` (overlapping matches included)."""
        return [*self._any_case(span, as_spans=True), *self._as_written(span, as_spans=True)]


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "").replace("-", "")
    return 1 < len(letters) <= 6 and letters.isalpha() and letters.isupper()
