"""Who did it and to whom: source and target actors of a trigger, read off the parse.

Conjoined phrases name one actor each ("Gondor and Osgiliath delayed their meeting"), so a
trigger has tuples of sources and targets; PETRARCH codes one event per pair.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from crisislens.actors import ActorMatch
from crisislens.mentions.action import Trigger
from crisislens.models import ActorRef, Place
from crisislens.nlp.tokens import TokenTable, token_table
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
CountryOf = Callable[[str], ActorRef | None]
# Whether a document's word (by index) is an event noun of the lexicon: its phrases name its own actors.
EventNoun = Callable[[Doc, int], bool]
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


@dataclass(frozen=True, slots=True)
class _Sentence:
    """What the rules read a trigger's roles with: its document's tokens, the actors found and the two lookups."""

    doc: Doc
    table: TokenTable
    matches: Sequence[ActorMatch]
    country_of: CountryOf
    lexicon_noun: EventNoun


def _match_covering(token: int, matches: Sequence[ActorMatch]) -> ActorMatch | None:
    return next((m for m in matches if m.covers(token)), None)


def _refs_at(token: int, matches: Sequence[ActorMatch]) -> Actors:
    found = _match_covering(token, matches)
    return found.refs if found is not None else ()


def _actors_in_phrase(ctx: _Sentence, head: int) -> Actors:
    """The actors a noun phrase names, one per conjoined phrase ("Gondor and Osgiliath")."""
    table = ctx.table
    members = [head, *table.conjuncts(head)]
    # "Mordor, the Shire, Fornost and Bree" parses as an apposition holding the rest of the list.
    members += [m for child in table.children[head] if table.dep[child] == "appos" and (more := table.conjuncts(child)) for m in (child, *more)]
    refs = [ref for member in members for ref in _phrase_actors(ctx, member)]
    return _one_per_actor(refs)


def _one_per_actor(refs: Sequence[ActorRef]) -> Actors:
    """ "gunmen and attackers": two surfaces of one actor are one participant, named as first seen."""
    first: dict[str, ActorRef] = {}
    for ref in refs:
        first.setdefault(ref.actor_id, ref)
    return tuple(first.values())


def _modifier_country(ctx: _Sentence, token: int) -> ActorRef | None:
    return ctx.country_of(ctx.table.text[token])


def _phrase_actors(ctx: _Sentence, head: int) -> Actors:
    """The actor(s) of one noun phrase: the head itself, an apposition, a modifier, or the nearest inside."""
    table, matches = ctx.table, ctx.matches
    found = _match_covering(head, matches)
    if found is not None and found.ref.type != "group":
        return found.refs
    for child in table.children[head]:
        if table.dep[child] == "appos":
            refs = _phrase_actors(ctx, child)
            if refs and (found is None or refs[0].type != "group"):
                return refs  # "Iran's top commander, Qassem Soleimani": the name beats the role
    if found is not None:
        return found.refs
    for child in table.children[head]:
        if table.dep[child] in MODIFIER_DEPS:
            refs = _refs_at(child, matches)
            if refs and not _is_agent_adjective(table, child, refs):
                return refs
            country = _modifier_country(ctx, child)
            if country is not None:
                return (country,)
    # spaCy's edges, not the ends of the subtree: a parse that crosses branches may leave them apart.
    token = ctx.doc[head]
    left, right = token.left_edge.i, token.right_edge.i
    inside = [
        m for m in matches
        if left <= m.start and m.end - 1 <= right
        and not _is_agent_adjective(table, root := table.span_root(m.start, m.end), m.refs)
        and not _is_patron(table, root)
    ]  # fmt: skip
    if inside:
        # "ties with Gondor and Arnor": the nearest actor and those conjoined with it.
        nearest = min(inside, key=lambda m: abs(m.start - head))
        root = table.span_root(nearest.start, nearest.end)
        return _one_per_actor([*nearest.refs, *(r for c in table.conjuncts(root) for r in _refs_at(c, matches))])
    return ()


def _children(table: TokenTable, token: int, *deps: str) -> list[int]:
    return [child for child in table.children[token] if table.dep[child] in deps]


def _prepositional_target(ctx: _Sentence, token: int, preps: frozenset[str]) -> Actors:
    table = ctx.table
    for prep in _children(table, token, "prep"):
        if table.lower[prep] in preps:
            for pobj in _children(table, prep, "pobj"):
                refs = _actors_in_phrase(ctx, pobj)
                if refs:
                    return refs
    return ()


def _is_agent_adjective(table: TokenTable, token: int, refs: Actors) -> bool:
    """ "an *official* protest", "a *military* offensive": an agent word describing a thing names no one."""
    return table.pos[token] == "ADJ" and all(ref.country is None and ref.actor_id == ref.role for ref in refs)


def _is_patron(table: TokenTable, token: int) -> bool:
    return table.dep[token] == "npadvmod" and table.lower[table.head[token]] in PATRON_PARTICIPLES


def _is_own_agent(table: TokenTable, head: int, refs: Actors) -> bool:
    """ "withdraw *its troops*", "their forces": the actor's own agents, with no country of their own, are what it acts with."""
    own = any(table.dep[c] == "poss" and table.tag[c] == "PRP$" for c in table.children[head])
    return own and all(ref.country is None and ref.actor_id == ref.role for ref in refs)


def _object_target(ctx: _Sentence, verb: int) -> Actors:
    """The actors the verb's direct object names, unless they are the doer's own agents."""
    for obj in _children(ctx.table, verb, "dobj", "obj"):
        refs = _actors_in_phrase(ctx, obj)
        if refs and not _is_own_agent(ctx.table, obj, refs):
            return refs
    return ()


def _phrase_target(ctx: _Sentence, token: int, sources: Actors) -> Actors:
    """The first actor (in text order) other than the sources named in the trigger's object and prepositional
    phrases, and those of the act it goes on to name ("threatened to resume attacks in Israel"); none for an act
    with no doer, which would be an event for its place alone. Another event noun's phrases name its own
    actors ("revenge for the killing of Soleimani"), so they are not entered."""
    table = ctx.table
    dep, lower = table.dep, table.lower
    is_noun = table.pos[token] in ("NOUN", "PROPN")
    if not sources and (is_noun or not _has_subject(table, token)):
        return ()
    found: list[tuple[int, Actors]] = []
    # An event noun's own modifiers name its doer ("US drone strikes"), so only its phrases are searched.
    openers = ("prep",) if is_noun else PHRASE_DEPS | {"xcomp"}
    stack = [c for c in table.children[token] if dep[c] in openers and lower[c] != "by"]
    while stack:
        node = stack.pop()
        if table.pos[node] in ("VERB", "AUX"):
            if dep[node] == "xcomp":
                stack.extend(c for c in table.children[node] if dep[c] in PHRASE_DEPS | {"xcomp"} and lower[c] != "by")
            continue
        if ctx.lexicon_noun(ctx.doc, node):
            continue
        refs = _refs_at(node, ctx.matches)
        if not refs and dep[node] in MODIFIER_DEPS and (country := _modifier_country(ctx, node)) is not None:
            refs = (country,)
        refs = _without(refs, sources)
        if refs and not _is_own_agent(table, node, refs) and not _is_agent_adjective(table, node, refs):
            found.append((node, refs))
        stack.extend(c for c in table.children[node] if dep[c] in PHRASE_DEPS and lower[c] != "by")
    return min(found, key=lambda item: item[0])[1] if found else ()


def _has_subject(table: TokenTable, verb: int) -> bool:
    """Whether the verb's clause has a subject ("it" in "Syria says it will withdraw …" counts)."""
    while True:
        if _children(table, verb, "nsubj", "csubj"):
            return True
        if table.dep[verb] not in SUBJECT_INHERITING_DEPS or table.head[verb] == verb:
            return False
        verb = table.head[verb]


def _nearest_clause_with_subject(table: TokenTable, token: int) -> int:
    """The nearest verb above ``token`` that has a subject ("clash" over "deal with … during a visit"), else the root."""
    node = token
    while table.head[node] != node:
        node = table.head[node]
        if table.pos[node] in ("VERB", "AUX") and _children(table, node, "nsubj", "csubj"):
            return node
    return node


def _noun_source(ctx: _Sentence, noun: int) -> Actors:
    table = ctx.table
    for child in table.children[noun]:
        if table.dep[child] == "poss" and table.lemma[noun] in PATIENT_POSSESSOR_NOUNS:
            continue
        if table.dep[child] in MODIFIER_DEPS and child < noun:
            refs = _refs_at(child, ctx.matches)
            if refs:
                return refs
            country = _modifier_country(ctx, child)
            if country is not None:
                return (country,)
    for prep in _children(table, noun, "prep"):
        if table.lower[prep] == "by":
            for pobj in _children(table, prep, "pobj"):
                return _actors_in_phrase(ctx, pobj)
    return ()


def _subject_of(ctx: _Sentence, verb: int) -> Actors:
    table = ctx.table
    for subject in _children(table, verb, "nsubj", "csubj"):
        if table.lower[subject] in RELATIVE_PRONOUNS and table.dep[verb] == "relcl":
            subject = table.head[verb]
        if ctx.lexicon_noun(ctx.doc, subject):
            return _noun_source(ctx, subject)
        return _actors_in_phrase(ctx, subject)
    if table.dep[verb] == "relcl" and ctx.lexicon_noun(ctx.doc, table.head[verb]):
        return _noun_source(ctx, table.head[verb])
    if table.dep[verb] in SUBJECT_INHERITING_DEPS and table.head[verb] != verb:
        return _subject_of(ctx, table.head[verb])
    return ()


def place_target(trigger: Token, toponyms: Sequence[tuple[Span, Place]], country: Callable[[str], ActorRef | None]) -> ActorRef | None:
    """The country of the place an act with no one to act on is aimed at or done in, as event coders write it:
    "would blockade Paris" and "a curfew in Algiers" are done to France and Algeria, "opened an embassy in
    Tehran" to Iran. The place must be the trigger's object, or its or its object's prepositional phrase; call
    it only when the act has a doer and no target, so a place that is merely where two actors met stays a place."""
    table = token_table(trigger.doc)
    for span, place in toponyms:
        if place.country and _aimed_at(table, table.span_root(span.start, span.end), trigger.i):
            return country(place.country)
    return None


def _aimed_at(table: TokenTable, place: int, trigger: int) -> bool:
    """``place`` is the trigger's object or sits in a prepositional phrase of the trigger or of its objects, or of
    a verb conjoined to the trigger that shares its subject ("established ties with and opened an embassy in Tehran")."""
    dep, head = table.dep, table.head
    node = place
    for _ in range(PLACE_TARGET_STEPS):
        if dep[node] not in ("pobj", "prep", "dobj", "obj") or (dep[node] == "prep" and table.lower[node] not in PLACE_TARGET_PREPOSITIONS):
            return False
        node = head[node]
        if node == trigger or (dep[node] == "conj" and head[node] == trigger and not _children(table, node, *SUBJECT_DEPS)):
            return True
    return False


def _are_own_forces(targets: Actors, sources: Actors) -> bool:
    """Unowned troops ("troops", "army reservists") acted on by a doer that is not itself an agent of no one."""
    return bool(targets and sources) and all(
        t.role == "MIL" and t.country is None and t.actor_id == t.role for t in targets
    ) and not any(s.country is None and s.actor_id == s.role for s in sources)


def _without(refs: Actors, others: Actors) -> Actors:
    return tuple(ref for ref in refs if ref not in others)


def find_roles(trigger: Trigger, matches: Sequence[ActorMatch], country_of: CountryOf, lexicon_noun: EventNoun) -> Roles:
    """Source and target of ``trigger`` from its dependency structure."""
    doc = trigger.token.doc
    ctx = _Sentence(doc, token_table(doc), matches, country_of, lexicon_noun)
    table, token = ctx.table, trigger.token.i
    if trigger.is_noun:
        sources = _noun_source(ctx, token)
        head = table.head[token]
        if not sources and table.dep[token] in ("dobj", "obj") and table.pos[head] == "VERB":
            # "The US carried out a strike": the event noun's actor is the subject of its support verb.
            sources = _subject_of(ctx, head)
        if not sources and table.dep[token] == "pobj" and table.lower[head] == "during":
            # "X will meet Y during a visit to Z": X makes the visit.
            sources = _subject_of(ctx, _nearest_clause_with_subject(table, head))
        targets = _prepositional_target(ctx, token, NOUN_TARGET_PREPOSITIONS)
        if not targets and table.lemma[token] in PATIENT_POSSESSOR_NOUNS:
            targets = next((_actors_in_phrase(ctx, p) for p in _children(table, token, "poss")), ())
        targets = _without(targets, sources) or _phrase_target(ctx, token, sources)
        return Roles(sources, targets)
    passive = bool(_children(table, token, "nsubjpass", "auxpass"))
    if passive:
        targets = next((_actors_in_phrase(ctx, t) for t in _children(table, token, "nsubjpass")), ())
        sources: Actors = ()
        for agent in _children(table, token, "agent"):
            for pobj in _children(table, agent, "pobj"):
                sources = _actors_in_phrase(ctx, pobj)
        return Roles(sources, targets)
    sources = _subject_of(ctx, token)
    targets = _object_target(ctx, token)
    if _are_own_forces(targets, sources):
        # "France will contribute troops to a force in Liberia": troops of no one are the doer's own, what it acts
        # with; whom it acts on, if the phrase names anyone, is the target.
        targets = _phrase_target(ctx, token, (*sources, *targets)) or targets
    if not targets:
        targets = _prepositional_target(ctx, token, TARGET_PREPOSITIONS)
        for obj in _children(table, token, "dobj"):
            targets = targets or _prepositional_target(ctx, obj, TARGET_PREPOSITIONS)
    targets = _without(targets, sources) or _phrase_target(ctx, token, sources)
    return Roles(sources, targets)
