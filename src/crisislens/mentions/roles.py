"""Who did it and to whom: source and target actors of a trigger, read off the parse.

Conjoined phrases name one actor each ("Gondor and Osgiliath delayed their meeting"), so a
trigger has tuples of sources and targets; PETRARCH codes one event per pair.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from crisislens.actors import ActorMatch
from crisislens.mentions.action import Trigger
from crisislens.models import ActorRef

TARGET_PREPOSITIONS = frozenset({"at", "on", "against", "toward", "towards", "into", "upon", "to", "with"})
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
Actors = tuple[ActorRef, ...]


@dataclass(frozen=True, slots=True)
class Roles:
    sources: Actors = ()
    targets: Actors = ()

    @property
    def source(self) -> ActorRef | None:
        return self.sources[0] if self.sources else None

    @property
    def target(self) -> ActorRef | None:
        return self.targets[0] if self.targets else None


def _match_covering(token: Token, matches: Sequence[ActorMatch]) -> ActorMatch | None:
    return next((m for m in matches if m.covers(token)), None)


def _refs_at(token: Token, matches: Sequence[ActorMatch]) -> Actors:
    found = _match_covering(token, matches)
    return found.refs if found is not None else ()


def actors_in_phrase(head: Token, matches: Sequence[ActorMatch], country_of: CountryOf) -> Actors:
    """The actors a noun phrase names, one per conjoined phrase ("Gondor and Osgiliath")."""
    refs = [ref for member in (head, *head.conjuncts) for ref in _phrase_actors(member, matches, country_of)]
    return tuple(dict.fromkeys(refs))


def _phrase_actors(head: Token, matches: Sequence[ActorMatch], country_of: CountryOf) -> Actors:
    """The actor(s) of one noun phrase: the head itself, an apposition, a modifier, or the nearest inside."""
    found = _match_covering(head, matches)
    if found is not None and found.ref.type != "group":
        return found.refs
    for child in head.children:
        if child.dep_ == "appos":
            refs = _phrase_actors(child, matches, country_of)
            if refs and (found is None or refs[0].type != "group"):
                return refs  # "Iran's top commander, Qassem Soleimani": the name beats the role
    if found is not None:
        return found.refs
    for child in head.children:
        if child.dep_ in MODIFIER_DEPS:
            refs = _refs_at(child, matches)
            if refs:
                return refs
            country = country_of(child)
            if country is not None:
                return (country,)
    inside = [m for m in matches if head.left_edge.i <= m.start and m.end - 1 <= head.right_edge.i]
    if inside:
        # "ties with Gondor and Arnor": the nearest actor and those conjoined with it.
        nearest = min(inside, key=lambda m: abs(m.start - head.i))
        root = head.doc[nearest.start : nearest.end].root
        return tuple(dict.fromkeys([*nearest.refs, *(r for c in root.conjuncts for r in _refs_at(c, matches))]))
    return ()


def _children(token: Token, *deps: str) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def _prepositional_target(token: Token, matches: Sequence[ActorMatch], country_of: CountryOf, preps: frozenset[str]) -> Actors:
    for prep in _children(token, "prep"):
        if prep.lower_ in preps:
            for pobj in _children(prep, "pobj"):
                refs = actors_in_phrase(pobj, matches, country_of)
                if refs:
                    return refs
    return ()


def _noun_source(noun: Token, matches: Sequence[ActorMatch], country_of: CountryOf) -> Actors:
    for child in noun.children:
        if child.dep_ == "poss" and noun.lemma_.lower() in PATIENT_POSSESSOR_NOUNS:
            continue
        if child.dep_ in MODIFIER_DEPS and child.i < noun.i:
            refs = _refs_at(child, matches)
            if refs:
                return refs
            country = country_of(child)
            if country is not None:
                return (country,)
    for prep in _children(noun, "prep"):
        if prep.lower_ == "by":
            for pobj in _children(prep, "pobj"):
                return actors_in_phrase(pobj, matches, country_of)
    return ()


def _subject_of(verb: Token, matches: Sequence[ActorMatch], country_of: CountryOf, lexicon_noun: Callable[[Token], bool]) -> Actors:
    for subject in _children(verb, "nsubj", "csubj"):
        if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            subject = verb.head
        if lexicon_noun(subject):
            return _noun_source(subject, matches, country_of)
        return actors_in_phrase(subject, matches, country_of)
    if verb.dep_ == "relcl" and lexicon_noun(verb.head):
        return _noun_source(verb.head, matches, country_of)
    if verb.dep_ in SUBJECT_INHERITING_DEPS and verb.head.i != verb.i:
        return _subject_of(verb.head, matches, country_of, lexicon_noun)
    return ()


def _without(refs: Actors, others: Actors) -> Actors:
    return tuple(ref for ref in refs if ref not in others)


def find_roles(trigger: Trigger, matches: Sequence[ActorMatch], country_of: CountryOf, lexicon_noun: Callable[[Token], bool]) -> Roles:
    """Source and target of ``trigger`` from its dependency structure."""
    token = trigger.token
    if trigger.is_noun:
        sources = _noun_source(token, matches, country_of)
        if not sources and token.dep_ in ("dobj", "obj") and token.head.pos_ == "VERB":
            # "The US carried out a strike": the event noun's actor is the subject of its support verb.
            sources = _subject_of(token.head, matches, country_of, lexicon_noun)
        targets = _prepositional_target(token, matches, country_of, NOUN_TARGET_PREPOSITIONS)
        if not targets and token.lemma_.lower() in PATIENT_POSSESSOR_NOUNS:
            targets = next((actors_in_phrase(p, matches, country_of) for p in _children(token, "poss")), ())
        return Roles(sources, _without(targets, sources))
    passive = bool(_children(token, "nsubjpass", "auxpass"))
    if passive:
        targets = next((actors_in_phrase(t, matches, country_of) for t in _children(token, "nsubjpass")), ())
        sources: Actors = ()
        for agent in _children(token, "agent"):
            for pobj in _children(agent, "pobj"):
                sources = actors_in_phrase(pobj, matches, country_of)
        return Roles(sources, targets)
    sources = _subject_of(token, matches, country_of, lexicon_noun)
    targets = next((refs for t in _children(token, "dobj", "obj") if (refs := actors_in_phrase(t, matches, country_of))), ())
    if not targets:
        targets = _prepositional_target(token, matches, country_of, TARGET_PREPOSITIONS)
        for obj in _children(token, "dobj"):
            targets = targets or _prepositional_target(obj, matches, country_of, TARGET_PREPOSITIONS)
    return Roles(sources, _without(targets, sources))
