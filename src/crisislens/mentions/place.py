"""Where an event happened: toponyms found in the article, resolved in its context, and the one tied to each event."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from crisislens.knowledge.gazetteer import ABBREVIATION, DEMONYM, PRIMARY, GeoEntry, Gazetteer, is_abbreviation
from crisislens.knowledge.load import Knowledge
from crisislens.mentions.resolve import DIRECTION_WORDS, FEATURE_WORDS, ToponymMention, resolve_mentions
from crisislens.models import Place
from crisislens.nlp.phrases import NameMatcher
from crisislens.nlp.tree import ACTING_DEPS, clause_head

LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "on", "near", "outside", "inside", "across", "around", "north", "south", "east", "west"})
# "a medic from Scotland", "troops sent to the Middle East": origin and destination, not where it happened.
NON_LOCATIVE_PREPOSITIONS = frozenset({"from", "to", "toward", "towards"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# A more specific place beats a broader one at the same distance from the trigger.
PRECISION_RANK = {"landmark": 0, "city": 1, "region": 2, "country": 3}
# Qualifiers after a comma are at most this many tokens: "Louisville, Ky.", "Paris, Texas", "Rafah, Gaza Strip".
_MAX_QUALIFIER_TOKENS = 3
# A headline is title case, so a capital letter does not mark a name there: only a word after one of these
# ("1 dead in Homewood shooting") or before a state ("WMC Action News 5 - Memphis, Tennessee") is read as a place.
HEADLINE_PREPOSITIONS = frozenset({"in", "at", "near", "outside"})
_HEADLINE_TOKEN = re.compile(r"[^\W\d_][\w.'’-]*|\d[\w-]*|[^\w\s]")
_MAX_HEADLINE_NAME = 3  # words in a headline's place name: "Salt Lake City", "Leflore County"


@dataclass(frozen=True, slots=True)
class FoundToponym:
    """A toponym in a parsed article, and the place it was resolved to (None: no candidate fits)."""

    span: Span
    mention: ToponymMention
    entry: GeoEntry | None

    @property
    def place(self) -> Place | None:
        return to_place(self.entry) if self.entry is not None else None


def to_place(entry: GeoEntry) -> Place:
    return Place(entry.name, entry.lat, entry.lon, entry.country, entry.precision)


class PlaceFinder:
    """Finds and resolves the toponyms of an article; the gazetteer is loaded on first use.

    Example:
        >>> finder = PlaceFinder(load_knowledge(), nlp.vocab)
        >>> [(t.span.text, t.entry.country) for t in finder.find(nlp("Rockets hit Paris, Texas."))]
        [('Paris', 'USA'), ('Texas', 'USA')]
    """

    def __init__(self, knowledge: Knowledge, vocab: Vocab, gazetteer: Gazetteer | None = None) -> None:
        self._knowledge = knowledge
        self._vocab = vocab
        self._gazetteer = gazetteer
        self._matcher: NameMatcher | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer(self._knowledge)
        return self._gazetteer

    def _names(self) -> NameMatcher:
        """Matches the knowledge files' place names, which the parser may not tag ("Ain al-Asad", "Taji")."""
        if self._matcher is None:
            surfaces: set[str] = set()
            for place in self._knowledge.places:
                if place.kind != "continent":  # "European", "EU": places only where the parser says so
                    surfaces.update(n for n in (place.name, *place.aliases) if not is_abbreviation(n))
            for country in self._knowledge.countries:
                surfaces.update((country.name, *country.aliases, *((country.capital,) if country.capital else ()), *country.capital_aliases))
            self._matcher = NameMatcher(self._vocab, "PLACE", surfaces)
        return self._matcher

    def spans(self, doc: Doc | Span) -> list[tuple[Span, ToponymMention]]:
        """Toponym spans with their qualifiers and feature words, in text order, without overlaps."""
        gazetteer = self.gazetteer
        # Place names are proper nouns: "rockets hit" is not the town of Hit.
        spans = [span for span in self._names()(doc[:]) if any(t.text[:1].isupper() for t in span)]
        spans += [ent for ent in doc.ents if ent.label_ in PLACE_LABELS]
        demonyms = [ent for ent in doc.ents if ent.label_ == "NORP" and len(ent) == 1 and _is_demonym(gazetteer, ent.text)]
        spans.sort(key=lambda span: (-len(span), span.start))
        taken: set[int] = set()
        found: list[tuple[Span, ToponymMention]] = []
        for span in [*spans, *demonyms]:
            if taken.intersection(range(span.start, span.end)):
                continue
            for part, mention in self._mentions(span, demonym=span.label_ == "NORP"):
                taken.update(range(part.start, part.end))
                found.append((part, mention))
        found.sort(key=lambda pair: pair[0].start)
        return found

    def _mentions(self, span: Span, *, demonym: bool) -> list[tuple[Span, ToponymMention]]:
        """The toponyms of one candidate span: "Louisville, Ky." is Louisville qualified by Kentucky."""
        doc = span.doc
        while len(span) > 1 and span[0].lower_ == "the":
            span = doc[span.start + 1 : span.end]
        comma = next((t.i for t in span if t.text == ","), None)
        if comma is not None and comma > span.start:
            head, tail = doc[span.start : comma], doc[comma + 1 : span.end]
            qualifier = tail.text if len(tail) else None
            found = self._one(head, qualifier=qualifier, demonym=False)
            if qualifier and len(tail):
                found += self._one(tail, qualifier=None, demonym=False)
            return found
        qualifier = self._qualifier_after(span)
        return self._one(span, qualifier=qualifier, demonym=demonym)

    def _one(self, span: Span, *, qualifier: str | None, demonym: bool) -> list[tuple[Span, ToponymMention]]:
        doc = span.doc
        following = doc[span.end] if span.end < len(doc) else None
        feature = following.lower_ if following is not None and following.lower_ in FEATURE_WORDS else None
        mention = ToponymMention(span.text, span.start_char, span.end_char, qualifier, feature, demonym)
        found = self.gazetteer.candidates(span.text)
        if not demonym:
            found = [c for c in found if c.match != DEMONYM]
        if not found and not (len(span) > 1 and span[-1].lower_ in FEATURE_WORDS and self.gazetteer.knows(doc[span.start : span.end - 1].text)):
            if not self.gazetteer.counties(span.text):  # "Floyd County", though no town is called Floyd
                return []
        return [(span, mention)]

    def _qualifier_after(self, span: Span) -> str | None:
        """The state, province or country after a comma: "Paris, Texas", "London, Ont."."""
        doc = span.doc
        if span.end + 1 >= len(doc) or doc[span.end].text != ",":
            return None
        for size in range(_MAX_QUALIFIER_TOKENS, 0, -1):
            tail = doc[span.end + 1 : span.end + 1 + size]
            if len(tail) < size or not tail[0].text[:1].isupper():
                continue
            if any(c.entry.kind in ("admin1", "country") and c.match != DEMONYM for c in self.gazetteer.candidates(tail.text)):
                return tail.text
        return None

    def find(self, doc: Doc, dateline: str | None = None) -> list[FoundToponym]:
        """Every toponym of a parsed article, each resolved in the article's context."""
        return self.find_with_headline(doc, dateline)[0]

    def find_with_headline(self, doc: Doc, dateline: str | None = None, headline: str | None = None) -> tuple[list[FoundToponym], list[Place]]:
        """The article's toponyms, and the towns its headline and dateline name: all resolved in one context.

        The headline's places (``headline_mentions``) count towards the article's focus like its own;
        the dateline town is resolved in that focus ("ATHENS, Ga." beside Georgia towns).
        """
        pairs = self.spans(doc)
        own = [mention for _, mention in pairs]
        above = self.headline_mentions(headline) if headline else []
        dateline_mention = [ToponymMention(dateline)] if dateline else []
        entries = resolve_mentions(self.gazetteer, [*own, *above, *dateline_mention], dateline, focus_from=[*own, *above])
        found = [FoundToponym(span, mention, entry) for (span, mention), entry in zip(pairs, entries[: len(own)], strict=True)]
        return found, [to_place(entry) for entry in entries[len(own) :] if entry is not None]

    def headline_mentions(self, headline: str) -> list[ToponymMention]:
        """The places a headline names: after "in", "at", "near", "outside" ("1 dead in Homewood shooting",
        "in southeast Atlanta"), or before a state or country ("WMC Action News 5 - Memphis, Tennessee")."""
        tokens = [(m.group(), m.start(), m.end()) for m in _HEADLINE_TOKEN.finditer(headline)]
        found: dict[tuple[int, int], ToponymMention] = {}
        for i, (word, _, _) in enumerate(tokens):
            if word.lower() in HEADLINE_PREPOSITIONS:
                start = i + 1
                # "in southeast Atlanta"; a capitalized "West Side" is a name of its own, not Side in Turkey
                while start < len(tokens) and (tokens[start][0] in DIRECTION_WORDS or tokens[start][0] == "The"):
                    start += 1
                sizes = range(_capitalized(tokens, start, 1), 0, -1)
                self._headline_name(headline, tokens, [(start, start + size) for size in sizes], found)
            elif word == "," and (qualifier := self._headline_qualifier(headline, tokens, i + 1)):
                sizes = range(_capitalized(tokens, i - 1, -1), 0, -1)
                self._headline_name(headline, tokens, [(i - size, i) for size in sizes], found, qualifier)
        return [found[key] for key in sorted(found)]

    def _headline_name(self, headline: str, tokens: Sequence[tuple[str, int, int]], runs: Sequence[tuple[int, int]],
                       found: dict[tuple[int, int], ToponymMention], qualifier: str | None = None) -> None:  # fmt: skip
        """Adds the first of ``runs`` (token ranges, longest first) that names a place the gazetteer knows."""
        for start, end in runs:
            begin, finish = tokens[start][1], tokens[end - 1][2]
            text = headline[begin:finish]
            if not self._headline_place(text):
                continue
            if qualifier is None and end < len(tokens) and tokens[end][0] == ",":
                qualifier = self._headline_qualifier(headline, tokens, end + 1)
            found.setdefault((begin, finish), ToponymMention(text, begin, finish, qualifier))
            return

    def _headline_place(self, text: str) -> bool:
        """A name is a headline's place by its own name or a curated alias, never by another town's alternate
        name ("North Shore"); a short capitalized word only by an abbreviation ("NC", not "SE")."""
        short = len(text) <= 3 and text.isupper()
        for candidate in self.gazetteer.candidates(text):
            if candidate.match == ABBREVIATION or candidate.entry.curated or (candidate.match == PRIMARY and not short):
                return True
        return bool(self.gazetteer.counties(text))

    def _headline_qualifier(self, headline: str, tokens: Sequence[tuple[str, int, int]], start: int) -> str | None:
        """The state, province or country after a headline's comma ("Memphis, Tennessee")."""
        for size in range(_capitalized(tokens, start, 1, _MAX_QUALIFIER_TOKENS), 0, -1):
            text = headline[tokens[start][1] : tokens[start + size - 1][2]]
            if any(c.entry.kind in ("admin1", "country") and c.match != DEMONYM for c in self.gazetteer.candidates(text)):
                return text
        return None


def _capitalized(tokens: Sequence[tuple[str, int, int]], start: int, step: int, most: int = _MAX_HEADLINE_NAME) -> int:
    """How many capitalized words run from token ``start`` forwards (``step`` 1) or backwards (-1), at most ``most``."""
    count, index = 0, start
    while count < most and 0 <= index < len(tokens) and tokens[index][0][:1].isupper():
        count, index = count + 1, index + step
    return count


def _is_demonym(gazetteer: Gazetteer, text: str) -> bool:
    return any(c.match == DEMONYM for c in gazetteer.candidates(text))


def sentence_places(toponyms: Sequence[FoundToponym], sentence: Span) -> list[tuple[Span, Place]]:
    """The resolved places named in ``sentence`` (demonyms are references to countries, not places).

    ``toponyms`` are in text order, as ``PlaceFinder.find`` gives them: the sentence's own are
    found by bisection, so an article of 10,000 sentences is not 10,000 scans of all its places.
    """
    found: list[tuple[Span, Place]] = []
    index = bisect_left(toponyms, sentence.start, key=lambda toponym: toponym.span.start)
    while index < len(toponyms) and toponyms[index].span.start < sentence.end:
        toponym = toponyms[index]
        if not toponym.mention.demonym and (place := toponym.place) is not None:
            found.append((toponym.span, place))
        index += 1
    return found


def event_place(toponyms: Sequence[tuple[Span, Place]], trigger: Token) -> Place | None:
    """Among a sentence's ``toponyms``: the place a preposition ties to the trigger, else the most specific one in its clause."""
    best: tuple[tuple[int, int, int], Place] | None = None
    for span, place in toponyms:
        if span.root.dep_ in ACTING_DEPS:
            continue  # "Washington killed", "Iraq's factions": a place named as an actor
        if span.root.dep_ == "pobj" and span.root.head.lower_ in NON_LOCATIVE_PREPOSITIONS:
            continue
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
