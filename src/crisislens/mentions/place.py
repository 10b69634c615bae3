"""Where an event happened: toponyms in the sentence resolved against the packaged gazetteer."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token
from spacy.vocab import Vocab

from crisislens.knowledge.load import Knowledge
from crisislens.models import Place
from crisislens.nlp.phrases import NameMatcher, normalize
from crisislens.nlp.tree import ACTING_DEPS, clause_head

LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "on", "near", "outside", "inside", "across", "around", "north", "south", "east", "west"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# A more specific place beats a broader one at the same distance from the trigger.
PRECISION_RANK = {"landmark": 0, "city": 1, "region": 2, "country": 3}


class Gazetteer:
    """Place names of the packaged tables: countries, capitals and the extra places file."""

    def __init__(self, knowledge: Knowledge, vocab: Vocab) -> None:
        self._places: dict[str, Place] = {}
        surfaces: set[str] = set()
        populations: dict[str, int] = {}
        for place in knowledge.places:
            precision = "landmark" if place.kind in ("landmark", "base", "airport") else "region" if place.kind in ("province", "region") else "city"
            record = Place(place.name, place.lat, place.lon, place.country, precision)
            for name in (place.name, *place.aliases):
                surfaces.add(name)
                key = normalize(name)
                if key not in self._places or (place.population or 0) > populations.get(key, 0):
                    self._places[key] = record
                    populations[key] = place.population or 0
        for country in knowledge.countries:
            capital = Place(country.capital, country.capital_lat, country.capital_lon, country.iso3, "city")
            for name in (country.capital, *country.capital_aliases):
                if name:
                    surfaces.add(name)
                    self._places.setdefault(normalize(name), capital)
            whole = Place(country.name, country.lat, country.lon, country.iso3, "country")
            for name in (country.name, *country.aliases):
                surfaces.add(name)
                self._places.setdefault(normalize(name), whole)
        self._matcher = NameMatcher(vocab, "PLACE", surfaces)

    def lookup(self, name: str) -> Place | None:
        key = normalize(name)
        return self._places.get(key) or self._places.get(key.removeprefix("the "))

    def toponyms(self, sentence: Span) -> list[tuple[Span, Place]]:
        """The known places named in ``sentence``, longest names first, without overlaps."""
        # Place names are proper nouns: "rockets hit" is not the town of Hit.
        spans = [span for span in self._matcher(sentence) if any(t.text[:1].isupper() for t in span)]
        spans += [ent for ent in sentence.ents if ent.label_ in PLACE_LABELS]
        spans.sort(key=lambda span: -len(span))
        taken: set[int] = set()
        found: list[tuple[Span, Place]] = []
        for span in spans:
            if taken.intersection(range(span.start, span.end)):
                continue
            place = self.lookup(span.text)
            if place is not None:
                taken.update(range(span.start, span.end))
                found.append((span, place))
        return found


def event_place(toponyms: Sequence[tuple[Span, Place]], trigger: Token) -> Place | None:
    """Among a sentence's ``toponyms``: the place a preposition ties to the trigger, else the most specific one in its clause."""
    best: tuple[tuple[int, int, int], Place] | None = None
    for span, place in toponyms:
        if span.root.dep_ in ACTING_DEPS:
            continue  # "Washington killed", "Iraq's factions": a place named as an actor
        attached = _attached_by_preposition(span.root, trigger, modifier_may_be_place=place.precision != "country")
        if not attached and (place.precision == "country" or clause_head(span.root) != clause_head(trigger)):
            continue
        rank = (0 if attached else 1, PRECISION_RANK.get(place.precision, 3), abs(span.root.i - trigger.i))
        if best is None or rank < best[0]:
            best = (rank, place)
    return best[1] if best else None


def _attached_by_preposition(toponym: Token, trigger: Token, *, modifier_may_be_place: bool) -> bool:
    """True when a locative preposition links the toponym to the trigger within a few steps.

    A country that modifies the trigger ("a U.S. attack") names the attacker, not the place.
    """
    node, saw_preposition = toponym, False
    for _ in range(5):
        if node.dep_ == "prep" and node.lower_ in LOCATIVE_PREPOSITIONS:
            saw_preposition = True
        if node.head.i == node.i:
            return False
        node = node.head
        if node.i == trigger.i:
            # "the Baghdad bombing": a toponym that modifies the trigger itself.
            modifies_trigger = toponym.head.i == trigger.i and toponym.dep_ in ("compound", "npadvmod")
            return saw_preposition or (modifier_may_be_place and modifies_trigger)
    return False
