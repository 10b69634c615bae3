"""Recognise event triggers (verbs and event nouns) and give their CAMEO code."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from crisislens.knowledge.load import NOT_AN_EVENT, Knowledge

DIRECT_OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass"})
# Verbs that report speech; they are attribution, never events of their own here.
REPORTING_LEMMAS = frozenset({"say", "tell", "report", "add", "state", "confirm", "announce", "claim", "according"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """A token that names an action, with the CAMEO code the lexicon gives it."""

    token: Token
    code: str
    is_noun: bool


class ActionLexicon:
    """The verb and noun lexicon from ``verbs.yaml``, first matching rule wins."""

    def __init__(self, knowledge: Knowledge) -> None:
        self._verb_rules: dict[str, list[tuple[str, frozenset[str]]]] = {}
        self._nouns: dict[str, str] = {}
        for rule in knowledge.verb_rules:
            for verb in rule.verbs:
                self._verb_rules.setdefault(verb, []).append((rule.code, frozenset(rule.objects)))
            for noun in rule.nouns:
                self._nouns.setdefault(noun, rule.code)

    def trigger(self, token: Token) -> Trigger | None:
        """The trigger at ``token``, or None when the token names no known action."""
        if token.pos_ in ("VERB", "AUX") or (token.pos_ == "NOUN" and token.tag_.startswith("VB")):
            code = self._verb_code(token)
            return Trigger(token, code, False) if code else None
        if token.pos_ in ("NOUN", "PROPN"):
            code = self._noun_code(token)
            return Trigger(token, code, True) if code else None
        return None

    def _verb_code(self, token: Token) -> str | None:
        lemma = token.lemma_.lower()
        if lemma in REPORTING_LEMMAS:
            return None
        particles = [c.lower_ for c in token.children if c.dep_ in ("prt", "prep")]
        objects = {c.lemma_.lower() for c in token.children if c.dep_ in DIRECT_OBJECT_DEPS}
        for key in [f"{lemma} {p}" for p in particles] + [lemma]:
            for code, wanted in self._verb_rules.get(key, ()):
                if not wanted or objects & wanted:
                    return None if code == NOT_AN_EVENT else code
        return None

    def _noun_code(self, token: Token) -> str | None:
        lemma = token.lemma_.lower()
        modifiers = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i]
        for modifier in modifiers:
            code = self._nouns.get(f"{modifier.lemma_.lower()} {lemma}") or self._nouns.get(f"{modifier.lower_} {lemma}")
            if code:
                return code
        return self._nouns.get(lemma) or self._nouns.get(token.lower_)
