"""Who did it and to whom: source and target actors of a trigger, read off the parse.

Conjoined phrases name one actor each ("Gondor and Osgiliath delayed their meeting"), so a
trigger has tuples of sources and targets; PETRARCH codes one event per pair.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from crisislens.actors import ActorMatch
from crisislens.mentions.action import Trigger
from crisislens.models import ActorRef, Place
from crisislens.nlp.tree import SUBJECT_DEPS

TARGET_PREPOSITIONS = frozenset({"at", "on", "against", "toward", "towards", "into", "upon", "to", "with"})
NOUN_TARGET_PREPOSITIONS = TARGET_PREPOSITIONS | {"of"}
RELATIVE_PRONOUNS = frozenset({"that", "which", "who"})
# "Arnor is about to restore ties": the subject of "is" acts through "about" (acomp) and "restore" (xcomp).
SUBJECT_INHERITING_DEPS = frozenset({"xcomp", "conj", "advcl", "acomp"})
MODIFIER_DEPS = ("poss", "compound", "amod", "nmod")
# Where a verb's object and prepositional phrases may name the one it acts on, when no direct target does
# ("fired shells near a vessel from South Korea", "lifted a curfew in Montenegro"); clauses are not entered.
PHRASE_DEPS = frozenset({"dobj", "obj", "dative", "prep", "pobj", "poss", "compound", "amod", "nmod", "conj", "appos"})
# Nouns whose possessor suffers the act: "Soleimani's killing" is done to Soleimani.
# "Iran-backed militias", "Moscow-aligned rebels": the named patron stands behind the group, it is not the doer.
PATRON_PARTICIPLES = frozenset(
    {"backed", "aligned", "allied", "supported", "sponsored", "funded", "financed", "armed", "trained", "affiliated", "inspired", "controlled"}
)
PATIENT_POSSESSOR_NOUNS = frozenset(
    {"killing", "assassination", "murder", "execution", "arrest", "detention", "abduction", "kidnapping", "capture", "death", "wounding"}
)

# Prepositions whose object is where or whither an act goes ("a curfew in Algiers", "fired at targets in Jericho",
# "evacuated the wounded from Gorazde"), not its time, cause or topic.
PLACE_TARGET_PREPOSITIONS = frozenset({"in", "at", "on", "into", "inside", "to", "toward", "towards", "from", "of", "near", "outside"})
# How far up the parse a place may sit below the trigger: "evacuated" -> "the wounded" -> "from" -> "the town" ->
# "of" -> "Gorazde".
PLACE_TARGET_STEPS = 5

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
    members = [head, *head.conjuncts]
    # "Mordor, the Shire, Fornost and Bree" parses as an apposition holding the rest of the list.
    members += [m for child in head.children if child.dep_ == "appos" and child.conjuncts for m in (child, *child.conjuncts)]
    refs = [ref for member in members for ref in _phrase_actors(member, matches, country_of)]
    return _one_per_actor(refs)


def _one_per_actor(refs: Sequence[ActorRef]) -> Actors:
    """ "gunmen and attackers": two surfaces of one actor are one participant, named as first seen."""
    first: dict[str, ActorRef] = {}
    for ref in refs:
        first.setdefault(ref.actor_id, ref)
    return tuple(first.values())


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
            if refs and not _is_agent_adjective(child, refs):
                return refs
            country = country_of(child)
            if country is not None:
                return (country,)
    left, right = head.left_edge.i, head.right_edge.i
    inside = [
        m for m in matches
        if left <= m.start and m.end - 1 <= right
        and not _is_agent_adjective(head.doc[m.start : m.end].root, m.refs)
        and not _is_patron(head.doc[m.start : m.end].root)
    ]  # fmt: skip
    if inside:
        # "ties with Gondor and Arnor": the nearest actor and those conjoined with it.
        nearest = min(inside, key=lambda m: abs(m.start - head.i))
        root = head.doc[nearest.start : nearest.end].root
        return _one_per_actor([*nearest.refs, *(r for c in root.conjuncts for r in _refs_at(c, matches))])
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


def _is_agent_adjective(token: Token, refs: Actors) -> bool:
    """ "an *official* protest", "a *military* offensive": an agent word describing a thing names no one."""
    return token.pos_ == "ADJ" and all(ref.country is None and ref.actor_id == ref.role for ref in refs)


def _is_patron(token: Token) -> bool:
    return token.dep_ == "npadvmod" and token.head.lower_ in PATRON_PARTICIPLES


def _is_own_agent(head: Token, refs: Actors) -> bool:
    """ "withdraw *its troops*", "their forces": the actor's own agents, with no country of their own, are what it acts with."""
    own = any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in head.children)
    return own and all(ref.country is None and ref.actor_id == ref.role for ref in refs)


def _object_target(verb: Token, matches: Sequence[ActorMatch], country_of: CountryOf) -> Actors:
    """The actors the verb's direct object names, unless they are the doer's own agents."""
    for obj in _children(verb, "dobj", "obj"):
        refs = actors_in_phrase(obj, matches, country_of)
        if refs and not _is_own_agent(obj, refs):
            return refs
    return ()


def _phrase_target(
    token: Token, matches: Sequence[ActorMatch], country_of: CountryOf, sources: Actors, lexicon_noun: Callable[[Token], bool]
) -> Actors:
    """The first actor (in text order) other than the sources named in the trigger's object and prepositional
    phrases, and those of the act it goes on to name ("threatened to resume attacks in Israel"); none for an act
    with no doer, which would be an event for its place alone. Another event noun's phrases name its own
    actors ("revenge for the killing of Soleimani"), so they are not entered."""
    is_noun = token.pos_ in ("NOUN", "PROPN")
    if not sources and (is_noun or not _has_subject(token)):
        return ()
    found: list[tuple[int, Actors]] = []
    # An event noun's own modifiers name its doer ("US drone strikes"), so only its phrases are searched.
    openers = ("prep",) if is_noun else PHRASE_DEPS | {"xcomp"}
    stack = [c for c in token.children if c.dep_ in openers and c.lower_ != "by"]
    while stack:
        node = stack.pop()
        if node.pos_ in ("VERB", "AUX"):
            if node.dep_ == "xcomp":
                stack.extend(c for c in node.children if c.dep_ in PHRASE_DEPS | {"xcomp"} and c.lower_ != "by")
            continue
        if lexicon_noun(node):
            continue
        refs = _refs_at(node, matches)
        if not refs and node.dep_ in MODIFIER_DEPS and (country := country_of(node)) is not None:
            refs = (country,)
        refs = _without(refs, sources)
        if refs and not _is_own_agent(node, refs) and not _is_agent_adjective(node, refs):
            found.append((node.i, refs))
        stack.extend(c for c in node.children if c.dep_ in PHRASE_DEPS and c.lower_ != "by")
    return min(found, key=lambda item: item[0])[1] if found else ()


def _has_subject(verb: Token) -> bool:
    """Whether the verb's clause has a subject ("it" in "Syria says it will withdraw …" counts)."""
    while True:
        if _children(verb, "nsubj", "csubj"):
            return True
        if verb.dep_ not in SUBJECT_INHERITING_DEPS or verb.head.i == verb.i:
            return False
        verb = verb.head


def _nearest_clause_with_subject(token: Token) -> Token:
    """The nearest verb above ``token`` that has a subject ("clash" over "deal with … during a visit"), else the root."""
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX") and _children(node, "nsubj", "csubj"):
            return node
    return node


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


def place_target(trigger: Token, toponyms: Sequence[tuple[Span, Place]], country: Callable[[str], ActorRef | None]) -> ActorRef | None:
    """The country of the place an act with no one to act on is aimed at or done in, as event coders write it:
    "would blockade Paris" and "a curfew in Algiers" are done to France and Algeria, "opened an embassy in
    Tehran" to Iran. The place must be the trigger's object, or its or its object's prepositional phrase; call
    it only when the act has a doer and no target, so a place that is merely where two actors met stays a place."""
    for span, place in toponyms:
        if place.country and _aimed_at(span.root, trigger):
            return country(place.country)
    return None


def _aimed_at(place: Token, trigger: Token) -> bool:
    """``place`` is the trigger's object or sits in a prepositional phrase of the trigger or of its objects, or of
    a verb conjoined to the trigger that shares its subject ("established ties with and opened an embassy in Tehran")."""
    node = place
    for _ in range(PLACE_TARGET_STEPS):
        if node.dep_ not in ("pobj", "prep", "dobj", "obj") or (node.dep_ == "prep" and node.lower_ not in PLACE_TARGET_PREPOSITIONS):
            return False
        node = node.head
        if node.i == trigger.i or (node.dep_ == "conj" and node.head.i == trigger.i and not _children(node, *SUBJECT_DEPS)):
            return True
    return False


def _are_own_forces(targets: Actors, sources: Actors) -> bool:
    """Unowned troops ("troops", "army reservists") acted on by a doer that is not itself an agent of no one."""
    return bool(targets and sources) and all(
        t.role == "MIL" and t.country is None and t.actor_id == t.role for t in targets
    ) and not any(s.country is None and s.actor_id == s.role for s in sources)


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
        if not sources and token.dep_ == "pobj" and token.head.lower_ == "during":
            # "X will meet Y during a visit to Z": X makes the visit.
            sources = _subject_of(_nearest_clause_with_subject(token.head), matches, country_of, lexicon_noun)
        targets = _prepositional_target(token, matches, country_of, NOUN_TARGET_PREPOSITIONS)
        if not targets and token.lemma_.lower() in PATIENT_POSSESSOR_NOUNS:
            targets = next((actors_in_phrase(p, matches, country_of) for p in _children(token, "poss")), ())
        targets = _without(targets, sources) or _phrase_target(token, matches, country_of, sources, lexicon_noun)
        return Roles(sources, targets)
    passive = bool(_children(token, "nsubjpass", "auxpass"))
    if passive:
        targets = next((actors_in_phrase(t, matches, country_of) for t in _children(token, "nsubjpass")), ())
        sources: Actors = ()
        for agent in _children(token, "agent"):
            for pobj in _children(agent, "pobj"):
                sources = actors_in_phrase(pobj, matches, country_of)
        return Roles(sources, targets)
    sources = _subject_of(token, matches, country_of, lexicon_noun)
    targets = _object_target(token, matches, country_of)
    if _are_own_forces(targets, sources):
        # "France will contribute troops to a force in Liberia": troops of no one are the doer's own, what it acts
        # with; whom it acts on, if the phrase names anyone, is the target.
        targets = _phrase_target(token, matches, country_of, (*sources, *targets), lexicon_noun) or targets
    if not targets:
        targets = _prepositional_target(token, matches, country_of, TARGET_PREPOSITIONS)
        for obj in _children(token, "dobj"):
            targets = targets or _prepositional_target(obj, matches, country_of, TARGET_PREPOSITIONS)
    targets = _without(targets, sources) or _phrase_target(token, matches, country_of, sources, lexicon_noun)
    return Roles(sources, targets)
