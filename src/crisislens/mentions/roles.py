"""Who did it and to whom: source and target actors of a trigger, read off the parse."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from crisislens.actors import ActorMatch
from crisislens.mentions.action import Trigger
from crisislens.models import ActorRef

TARGET_PREPOSITIONS = frozenset({"at", "on", "against", "toward", "towards", "into", "upon"})
NOUN_TARGET_PREPOSITIONS = TARGET_PREPOSITIONS | {"of"}
RELATIVE_PRONOUNS = frozenset({"that", "which", "who"})
# "Arnor is about to restore ties": the subject of "is" acts through "about" (acomp) and "restore" (xcomp).
SUBJECT_INHERITING_DEPS = frozenset({"xcomp", "conj", "advcl", "acomp"})
MODIFIER_DEPS = ("poss", "compound", "amod", "nmod")
# Nouns whose possessor suffers the act: "Soleimani's killing" is done to Soleimani.
PATIENT_POSSESSOR_NOUNS = frozenset(
    {"killing", "assassination", "murder", "execution", "arrest", "detention", "abduction", "kidnapping", "capture", "death", "wounding"}
)

# Turns the text of a modifier ("American", "US", "Iranian") into an actor, if it names a country.
CountryOf = Callable[[Token], ActorRef | None]


@dataclass(frozen=True, slots=True)
class Roles:
    source: ActorRef | None
    target: ActorRef | None


def _match_covering(token: Token, matches: Sequence[ActorMatch]) -> ActorMatch | None:
    return next((m for m in matches if m.covers(token)), None)


def actor_in_phrase(head: Token, matches: Sequence[ActorMatch], country_of: CountryOf) -> ActorRef | None:
    """The actor a noun phrase names: the head itself, an apposition, a modifier, or nearest inside."""
    found = _match_covering(head, matches)
    if found is not None and found.ref.type != "group":
        return found.ref
    for child in head.children:
        if child.dep_ == "appos":
            ref = actor_in_phrase(child, matches, country_of)
            if ref is not None and (found is None or ref.type != "group"):
                return ref  # "Iran's top commander, Qassem Soleimani": the name beats the role
    if found is not None:
        return found.ref
    for child in head.children:
        if child.dep_ in MODIFIER_DEPS:
            found = _match_covering(child, matches)
            if found is not None:
                return found.ref
            country = country_of(child)
            if country is not None:
                return country
    inside = [m for m in matches if head.left_edge.i <= m.start and m.end - 1 <= head.right_edge.i]
    if inside:
        return min(inside, key=lambda m: abs(m.start - head.i)).ref
    return None


def _children(token: Token, *deps: str) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def _prepositional_target(token: Token, matches: Sequence[ActorMatch], country_of: CountryOf, preps: frozenset[str]) -> ActorRef | None:
    for prep in _children(token, "prep"):
        if prep.lower_ in preps:
            for pobj in _children(prep, "pobj"):
                ref = actor_in_phrase(pobj, matches, country_of)
                if ref is not None:
                    return ref
    return None


def _noun_source(noun: Token, matches: Sequence[ActorMatch], country_of: CountryOf) -> ActorRef | None:
    for child in noun.children:
        if child.dep_ == "poss" and noun.lemma_.lower() in PATIENT_POSSESSOR_NOUNS:
            continue
        if child.dep_ in MODIFIER_DEPS and child.i < noun.i:
            found = _match_covering(child, matches)
            if found is not None:
                return found.ref
            country = country_of(child)
            if country is not None:
                return country
    for prep in _children(noun, "prep"):
        if prep.lower_ == "by":
            for pobj in _children(prep, "pobj"):
                return actor_in_phrase(pobj, matches, country_of)
    return None


def _subject_of(verb: Token, matches: Sequence[ActorMatch], country_of: CountryOf, lexicon_noun: Callable[[Token], bool]) -> ActorRef | None:
    for subject in _children(verb, "nsubj", "csubj"):
        if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            subject = verb.head
        if lexicon_noun(subject):
            return _noun_source(subject, matches, country_of)
        return actor_in_phrase(subject, matches, country_of)
    if verb.dep_ == "relcl" and lexicon_noun(verb.head):
        return _noun_source(verb.head, matches, country_of)
    if verb.dep_ in SUBJECT_INHERITING_DEPS and verb.head.i != verb.i:
        return _subject_of(verb.head, matches, country_of, lexicon_noun)
    return None


def find_roles(trigger: Trigger, matches: Sequence[ActorMatch], country_of: CountryOf, lexicon_noun: Callable[[Token], bool]) -> Roles:
    """Source and target of ``trigger`` from its dependency structure."""
    token = trigger.token
    if trigger.is_noun:
        source = _noun_source(token, matches, country_of)
        if source is None and token.dep_ in ("dobj", "obj") and token.head.pos_ == "VERB":
            # "The US carried out a strike": the event noun's actor is the subject of its support verb.
            source = _subject_of(token.head, matches, country_of, lexicon_noun)
        target = _prepositional_target(token, matches, country_of, NOUN_TARGET_PREPOSITIONS)
        if target is None and token.lemma_.lower() in PATIENT_POSSESSOR_NOUNS:
            target = next((actor_in_phrase(p, matches, country_of) for p in _children(token, "poss")), None)
        return Roles(source, target if target != source else None)
    passive = bool(_children(token, "nsubjpass", "auxpass"))
    if passive:
        target = next((actor_in_phrase(t, matches, country_of) for t in _children(token, "nsubjpass")), None)
        source = None
        for agent in _children(token, "agent"):
            for pobj in _children(agent, "pobj"):
                source = actor_in_phrase(pobj, matches, country_of)
        return Roles(source, target)
    source = _subject_of(token, matches, country_of, lexicon_noun)
    target = next((actor_in_phrase(t, matches, country_of) for t in _children(token, "dobj", "obj")), None)
    if target is None:
        target = _prepositional_target(token, matches, country_of, TARGET_PREPOSITIONS)
        for obj in _children(token, "dobj"):
            target = target or _prepositional_target(obj, matches, country_of, TARGET_PREPOSITIONS)
    return Roles(source, target if target != source else None)
