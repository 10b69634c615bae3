"""Where an event happened: toponyms found in the article, resolved in its context, and the one tied to each event."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from crisislens.ingest.metadata import normalise_agency
from crisislens.knowledge.gazetteer import ABBREVIATION, DEMONYM, PRIMARY, Candidate, GeoEntry, Gazetteer, is_abbreviation
from crisislens.knowledge.load import Knowledge
from crisislens.mentions.resolve import DIRECTION_WORDS, FEATURE_WORDS, ToponymMention, home_entry, resolve_mentions
from crisislens.models import Place
from crisislens.nlp.entities import document_entities
from crisislens.nlp.phrases import NameMatcher
from crisislens.nlp.text import doc_text, span_text, tokens_text
from crisislens.nlp.tokens import TokenTable, token_table
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
# "Ligonier boy killed", "killing of Macon toddler", "Cheyenne Child Shoots …": a town named before a person is
# where the person lives, and in local news where it happened.
RESIDENT_WORDS = frozenset({
    "man", "woman", "boy", "girl", "teen", "teenager", "child", "toddler", "infant", "baby", "father", "mother", "dad",
    "mom", "son", "daughter", "officer", "deputy", "trooper", "student", "youth", "couple", "family", "resident",
    "grandfather", "grandmother", "brother", "sister", "husband", "wife", "men", "women", "boys", "girls", "teens",
    "children", "kids", "residents", "students", "cop", "hunter", "pastor", "firefighter",
})  # fmt: skip
# "Floyd County Jail", "Troup Co. deputies": a county named inside an institution's or a force's name.
_COUNTY_NAME_WORDS = frozenset({"county", "co.", "parish"})
# "Ralphael Davis Jr.": a generation after a person's name, no part of it.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# In the text, a name the parser left untagged is a town after these ("in Montgomery, near Aurora").
BODY_PREPOSITIONS = frozenset({"in", "near", "outside"})
_AGE_WORD = re.compile(r"\d+-year-old$")
# Words that also name some village ("Young", Arizona; "Happy", Texas) but before a person describe the person.
PERSON_MODIFIERS = frozenset({
    "young", "old", "white", "black", "police", "marine", "officer", "happy", "loving", "friend", "junior", "college",
    "veteran", "rich", "sad", "bad", "lucky", "gay", "hunting", "four", "son", "dad", "north", "south", "east", "west",
    "man", "trooper", "grandson", "little", "big", "local", "area", "dead", "army", "navy", "state", "county", "city",
})  # fmt: skip
# "Baltimore Avenue", "Lexington St.": a street named after a place, not the place.
STREET_WORDS = frozenset({
    "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "drive", "dr", "lane", "ln", "parkway", "pkwy",
    "highway", "hwy", "pike", "court", "ct", "terrace", "circle", "trail", "turnpike", "expressway", "freeway",
    "streets", "avenues", "roads", "boulevards", "drives",
})  # fmt: skip
# "Washington Park", "Jackson Heights": a neighbourhood, estate or square named after a place, not the place.
SITE_WORDS = frozenset({
    "park", "heights", "hills", "square", "gardens", "village", "terrace", "manor", "estates", "homes", "courts",
    "apartments", "plaza", "commons",
})  # fmt: skip
# "Kokomo Police", "Tulsa police said", "Barrow County Sheriff's Office": a local force named after its town or county.
AGENCY_WORDS = frozenset({"Police", "police", "Sheriff", "Sheriff's", "Sheriff’s", "sheriff", "sheriff's", "sheriff’s", "PD"})
# "Metro police", "Las Vegas Metropolitan Police", "Metro Nashville Police": words of a force's name that are not its town.
AGENCY_DESCRIPTORS = frozenset({
    "metro", "metropolitan", "municipal", "transit", "university", "campus", "tribal", "housing", "regional", "capitol",
    "airport", "school",
})  # fmt: skip
# "Metro detectives", "Metro Lt. Jeff Goodwin": members of a force named by a word of its name.
FORCE_MEMBER_WORDS = frozenset({
    "officer", "officers", "detective", "detectives", "lt", "lieutenant", "sgt", "sergeant", "capt", "captain", "spokesman",
    "spokeswoman", "spokesperson", "investigators", "deputies", "cops",
})  # fmt: skip
# "South Side", "West End", "Southside": a part of a town, read as one only in the outlet's area or near the article's other towns.
_DISTRICT_NAME = re.compile(r"(?i)(?:north|south|east|west)(?:-?(?:east|west))?[\s-]?(?:side|end)")
# "Mount Sinai Hospital", "Kosair Children's Hospital": where the hurt were taken, not where it happened.
INSTITUTION_WORDS = frozenset({"hospital", "hospitals", "medical", "clinic", "infirmary", "trauma"})
# "airlifted to Indianapolis", "taken to a hospital in Salina", "a Wichita hospital": where the hurt were taken.
DESTINATION_PREPOSITIONS = frozenset({"to", "into", "toward", "towards"})
HOSPITAL_NOUNS = frozenset({"hospital", "hospitals", "clinic", "infirmary"})
SCENE_VERBS = frozenset({"respond", "call", "dispatch", "send", "summon"})
# Where the dateline is looked for ("HOBART, Okla. —" opens the text, after a caption or two at most).
_DATELINE_REACH = 400
_QUALIFIER_WORDS = r"((?:[A-Z][\w'’.-]*\.?)(?:\s+[A-Z][\w'’.-]*\.?){0,2})"
# "… in Leflore County - KOCO 5 News - Oklahoma City", "… | Dayton, OH": after a headline's first dash or bar comes
# the outlet's stamp, whose town is the station's, not the event's.
_STAMP_SEPARATOR = re.compile(r"\s(?:[-–—|]|::)\s")
# A US broadcaster's call sign (K or W and two or three letters): "- WSMV Channel 4", "KSLA News 12", wral.com; the
# call letters are the group, without a "-TV" or "-DT" suffix ("WAFF-TV") or a "TV" run on ("WISTV"), yet "WFTV" whole.
_CALL_SIGN = re.compile(r"\b([KW][A-Z]{2,3})(?:-?TV|-DT)?\b")
_CALL_SIGN_HOST = re.compile(r"(?:www\.)?(?!www\.)([kw][a-z]{2,3}?)(?:tv)?\d*\.")
_URL_HOST = re.compile(r"https?://([^/]+)")
# The first folder of a web address's path: "chicago" in dnainfo.com/chicago/…, an outlet's edition for one city.
_URL_SECTION = re.compile(r"https?://[^/]+/([^/?#]+)/")
# "Toronto's Pearson Airport", "Paris' Champs-Elysees"; "Foua and Kfraya in Idlib", "Qatraneh in the Karak district".
_HOLDER_NAME = r"(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|province|county|district|state|region|governorate))*)"
# The possessive may have one word between ("Paris' iconic Champs-Elysees"), never a preposition ("All Saints’ in Edmonton").
_POSSESSIVE_HOLDER = re.compile(
    r"\b(?P<name>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})(?:['’]s|(?<=s)['’])\s+(?:(?!(?:in|at|on|of|to|from|and|or|the|for|by|with|near)\s)[a-z]+\s+)?$"
)
_LOCATIVE_HOLDER = re.compile(
    r"(?:,?\s+(?:and|or)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?(?:\s+(?:county|district|province|village|town|city|area))?"
    rf"\s+(?:in|near|outside)\s+(?:the\s+)?{_HOLDER_NAME}"
)
_TOWN_BEFORE = re.compile(r"\b(?:city|town|village|hamlet|cities|towns|villages)\s+of\s+(?:[A-Z][\w'’-]*\s+(?:and|or)\s+)?$", re.IGNORECASE)
_HOLDER_REACH = 60
_HOLDER_TOKENS = 15  # tokens either side of a name that hold its holder (about _HOLDER_REACH characters)
# "Paris in March", "Aleppo in December": a date, not a place that holds it.
_CALENDAR_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "jan.", "feb.", "aug.",
    "sept.", "oct.", "nov.", "dec.",
})  # fmt: skip
# Country-code domains sold as generic ones (".tv", ".io", ".co"): they say nothing of where an outlet is.
_GENERIC_COUNTRY_DOMAINS = frozenset({"ai", "cc", "co", "fm", "io", "ly", "me", "nu", "tk", "to", "tv", "ws"})


@dataclass(frozen=True, slots=True)
class FoundToponym:
    """A toponym in a parsed article, and the place it was resolved to (None: no candidate fits)."""

    span: Span
    mention: ToponymMention
    entry: GeoEntry | None
    institution: bool = False  # a hospital's name ("Mount Sinai Hospital", then "Mount Sinai"): not where it happened

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

    def spans(self, doc: Doc) -> list[tuple[Span, ToponymMention]]:
        """Toponym spans with their qualifiers and feature words, in text order, without overlaps."""
        gazetteer = self.gazetteer
        # Place names are proper nouns: "rockets hit" is not the town of Hit.
        spans = [span for span in self._names()(doc[:]) if any(t.text[:1].isupper() for t in span)]
        entities = document_entities(doc)
        spans += [ent for ent in entities if ent.label_ in PLACE_LABELS]
        spans += self._agency_towns(doc)
        spans += self._unlabelled_places(doc)
        spans = [whole for whole in map(self._hyphenated, spans) if not _names_force(whole)]
        demonyms = [ent for ent in entities if ent.label_ == "NORP" and len(ent) == 1 and _is_demonym(gazetteer, span_text(ent))]
        spans.sort(key=lambda span: (-len(span), span.start))
        people = _person_name_words(doc)
        taken: set[int] = set()
        found: list[tuple[Span, ToponymMention]] = []
        for span in [*spans, *demonyms]:
            if taken.intersection(range(span.start, span.end)):
                continue
            if len(span) == 1 and span_text(span) in people and self._qualifier_after(span) is None:
                continue  # "Chad" and "said Henderson" in a story of Chad Olm and James Henderson: the people
            for part, mention in self._mentions(span, demonym=span.label_ == "NORP"):
                taken.update(range(part.start, part.end))
                found.append((part, mention))
        found.sort(key=lambda pair: pair[0].start)
        return found

    def _agency_towns(self, doc: Doc) -> list[Span]:
        """The town or county a police force is named after ("Kokomo Police", "Marshall County Sheriff's Office",
        "Las Vegas Metropolitan Police"), which the parser reads as part of an organisation: local news often names its
        town only so."""
        found: list[Span] = []
        table = token_table(doc)
        for i, text in enumerate(table.text):
            if text not in AGENCY_WORDS:
                continue
            end = i - 1 if i > 0 and table.lower[i - 1] in AGENCY_DESCRIPTORS else i
            start = _name_start(doc, end, unless=("the", "state", *AGENCY_DESCRIPTORS))
            while start < end and doc[start].is_stop:
                start += 1  # "p.m. As police began", a sentence the splitter ran on: no town As
            if start < end and self._known_by_own_name(tokens_text(doc, start, end)):
                found.append(doc[start:end])
        return found

    def _hyphenated(self, span: Span) -> Span:
        """The place a name that ends a hyphenated one stands for: the whole name where a place bears it ("Salem" in
        "Winston-Salem"), else the town of a US city and county named together, the town first ("Dade" in
        "Miami-Dade Police", "Chatham" in "Savannah-Chatham Metropolitan Police"). Any other span as it is."""
        doc = span.doc
        if span.start < 2 or doc[span.start - 1].text != "-" or doc[span.start - 1].whitespace_ or doc[span.start - 2].whitespace_:
            return span
        head = doc[span.start - 2 : span.start - 1]
        if not head.text[:1].isupper():
            return span
        whole = doc[head.start : span.end]
        if self._known_by_own_name(whole.text):
            return whole
        states = {c.entry.admin1 for c in self.gazetteer.candidates(head.text) if c.match == PRIMARY and c.entry.country == "USA"}
        counties = [*self.gazetteer.counties(f"{span.text} County"), *self.gazetteer.counties(f"{whole.text} County")]
        return head if states & {c.entry.admin1 for c in counties} else span  # "Nelson-Creston", "Al-Anbar": as they are

    def _unlabelled_places(self, doc: Doc) -> list[Span]:
        """Places the parser tags as something else or not at all, read by the word before or after them: a county
        inside an institution's name ("Floyd County Jail", "Troup Co. deputies"), a town after a locative
        preposition ("in Montgomery, near Aurora") or before a person ("a Macon toddler")."""
        found: list[Span] = []
        table = token_table(doc)
        for i, text in enumerate(table.text):
            if table.lower[i] in _COUNTY_NAME_WORDS and text[:1].isupper():
                start = _name_start(doc, i)
                spans = [doc[first : i + 1] for first in range(start, i)]
                found += next(([span] for span in spans if self.gazetteer.counties(span_text(span))), [])
            elif table.pos[i] == "PROPN" and text[:1].isupper() and _lone_name(token := doc[i]) and not token.is_sent_start:
                before, after = doc[i - 1] if i > 0 else None, doc[i + 1] if i + 1 < len(doc) else None
                if after is not None and after.is_alpha and after.text[:1].isupper() and after.lower_ not in _CALENDAR_WORDS:
                    continue  # one word of a longer name: "in Prospect Lefferts Gardens", not "in Kokomo Wednesday night"
                if before is not None and before.lower_ in DIRECTION_WORDS and before.is_lower and token.i > 1:
                    before = doc[token.i - 2]  # "in north Wichita"
                tied = (before is not None and before.lower_ in BODY_PREPOSITIONS) or (after is not None and after.lower_ in RESIDENT_WORDS)
                if tied and token.lower_ not in PERSON_MODIFIERS and self._bears_name(token.text, self.gazetteer.candidates(token.text)):
                    found.append(doc[token.i : token.i + 1])
        return found

    def _known_by_own_name(self, text: str) -> bool:
        """A town, county or state by its own or a curated name, not by another place's alternate name."""
        return any(c.match == PRIMARY or c.entry.curated for c in self.gazetteer.candidates(text)) or bool(self.gazetteer.counties(text))

    def _mentions(self, span: Span, *, demonym: bool) -> list[tuple[Span, ToponymMention]]:
        """The toponyms of one candidate span: "Louisville, Ky." is Louisville qualified by Kentucky."""
        doc, table = span.doc, token_table(span.doc)
        while len(span) > 1 and table.lower[span.start] == "the":
            span = doc[span.start + 1 : span.end]
        comma = next((i for i in range(span.start, span.end) if table.text[i] == ","), None)
        if comma is not None and comma > span.start:
            head, tail = doc[span.start : comma], doc[comma + 1 : span.end]
            qualifier = span_text(tail) if len(tail) else None
            found = self._one(head, qualifier=qualifier, demonym=False)
            if qualifier and len(tail):
                found += self._one(tail, qualifier=None, demonym=False)
            return found
        qualifier = self._qualifier_after(span)
        return self._one(span, qualifier=qualifier, demonym=demonym)

    def _one(self, span: Span, *, qualifier: str | None, demonym: bool) -> list[tuple[Span, ToponymMention]]:
        doc = span.doc
        table = token_table(doc)
        following = span.end if span.end < len(doc) else None
        if _names_street(span, following) or (following is not None and table.text[following][:1].isupper() and table.lower[following] in SITE_WORDS):
            return []
        feature = table.lower[following] if following is not None and table.lower[following] in FEATURE_WORDS else None
        name = span_text(span)
        if feature is None and _DISTRICT_NAME.fullmatch(name):
            feature = "neighborhood"
        first = max(0, span.start - _HOLDER_TOKENS)
        around = tokens_text(doc, first, min(len(doc), span.end + _HOLDER_TOKENS))  # not doc.text: a copy of the whole article
        start, end = span.start_char - table.idx[first], span.end_char - table.idx[first]
        holder, possessive = holder_of(around, start, end)
        mention = ToponymMention(name, span.start_char, span.end_char, qualifier, feature, demonym, holder, possessive,
                                 named_as_town(around, start))  # fmt: skip
        found = self.gazetteer.candidates(name)
        if not demonym:
            found = [c for c in found if c.match != DEMONYM]
        if _short_capitals(name) and not any(c.match == ABBREVIATION or c.entry.curated for c in found):
            return []  # "ST. LOUIS" split in two, a "BB gun": not Sète, not Bielsko-Biała by an alternate name
        if name.lower().rstrip(".") in STREET_WORDS:
            return []  # "on Hwy. 550": a road, not Huy in Belgium by an alternate name
        ends_in_feature = len(span) > 1 and table.lower[span.end - 1] in FEATURE_WORDS
        if not found and not (ends_in_feature and self.gazetteer.knows(tokens_text(doc, span.start, span.end - 1))):
            if not self.gazetteer.counties(name) and not self._tagged_village(span):  # "Floyd County", though no town is called Floyd
                return []
        return [(span, mention)]

    def _tagged_village(self, span: Span) -> bool:
        """A name the parser tags as a place that only villages and small towns bear ("in New Roads"): the resolver
        looks for it among the small towns of the states the article names."""
        return span.label_ == "GPE" and self._bears_name(span_text(span), self.gazetteer.small_towns(span_text(span), None))

    def _qualifier_after(self, span: Span) -> str | None:
        """The state, province or country after a comma: "Paris, Texas", "London, Ont."."""
        doc, table = span.doc, token_table(span.doc)
        if span.end + 1 >= len(doc) or table.text[span.end] != ",":
            return None
        for size in range(_MAX_QUALIFIER_TOKENS, 0, -1):
            start, end = span.end + 1, span.end + 1 + size
            if end > len(doc) or not table.text[start][:1].isupper():
                continue
            if self.gazetteer.qualifiers(tail := tokens_text(doc, start, end)):
                return tail
        return None

    def find(self, doc: Doc, dateline: str | None = None) -> list[FoundToponym]:
        """Every toponym of a parsed article, each resolved in the article's context."""
        return self.find_with_headline(doc, dateline)[0]

    def home_town(self, title: str | None, url: str | None, source: str | None) -> GeoEntry | None:
        """The home town of the outlet that published an article (``outlet_home``), resolved in the gazetteer."""
        return home_entry(self.gazetteer, outlet_home(title, url, source, self._knowledge.outlets))

    def find_with_headline(self, doc: Doc, dateline: str | None = None, headline: str | None = None,
                           outlet: str | None = None, home: GeoEntry | None = None) -> tuple[list[FoundToponym], list[Place], list[Place]]:  # fmt: skip
        """The article's toponyms, the towns its headline and dateline name, and the towns its headline's outlet
        stamp names (``stamp_start``) followed by the outlet's home town: all resolved in one context.

        The headline's places (``headline_mentions``) count towards the article's focus like its own;
        the dateline town is resolved in that focus ("ATHENS, Ga." beside Georgia towns); ``outlet``, the country
        of the outlet that published the article (``outlet_country``), is preferred where the text does not say, and
        so are the state and area of its home town (``home``: ``home_town``).
        """
        pairs = self.spans(doc)
        own = [mention for _, mention in pairs]
        above = self.headline_mentions(headline) if headline else []
        dateline_mention = [ToponymMention(dateline)] if dateline else []
        qualifier = dateline_qualifier(doc_text(doc), dateline) if dateline else None
        entries = resolve_mentions(self.gazetteer, [*own, *above, *dateline_mention], dateline, focus_from=[*own, *above], dateline_qualifier=qualifier,
                                   outlet_country=outlet, outlet_town=home)  # fmt: skip
        hospitals = _institution_names([span for span, _ in pairs])
        found = [FoundToponym(span, mention, entry, span.text in hospitals)
                 for (span, mention), entry in zip(pairs, entries[: len(own)], strict=True)]  # fmt: skip
        stamp = stamp_start(headline) if headline else 0
        titled = list(zip(above, entries[len(own) : len(own) + len(above)], strict=True))
        told = [to_place(entry) for mention, entry in titled if entry is not None and mention.start < stamp]
        stamps = [to_place(entry) for mention, entry in titled if entry is not None and mention.start >= stamp]
        stamps += [to_place(home)] if home is not None else []
        return found, told + [to_place(entry) for entry in entries[len(own) + len(above) :] if entry is not None], stamps

    def headline_mentions(self, headline: str) -> list[ToponymMention]:
        """The places a headline names: after "in", "at", "near", "outside" ("1 dead in Homewood shooting",
        "in southeast Atlanta"), before a state or country ("WMC Action News 5 - Memphis, Tennessee"), a county
        anywhere ("5 Troup Co. killings") and a town before a person ("Ligonier boy killed")."""
        tokens = [(m.group(), m.start(), m.end()) for m in _HEADLINE_TOKEN.finditer(headline)]
        found: dict[tuple[int, int], ToponymMention] = {}
        for i, (word, _, _) in enumerate(tokens):
            if word.lower() in HEADLINE_PREPOSITIONS:
                start = i + 1
                # "in southeast Atlanta"; a capitalized "West Side" is a name of its own, not Side in Turkey
                while start < len(tokens) and (tokens[start][0] in DIRECTION_WORDS or tokens[start][0] == "The"):
                    start += 1
                sizes = range(_capitalized(tokens, start, 1), 0, -1)
                runs = [(start, start + size) for size in sizes]
                if start < len(tokens) and tokens[start][0].lower() in DIRECTION_WORDS and len(runs) > 1 \
                        and not _DISTRICT_NAME.fullmatch(headline[tokens[start][1] : tokens[start + 1][2]]):  # fmt: skip
                    runs = runs[:-1] + [(start + 1, end) for _, end in runs[:-1]] + runs[-1:]  # "in Southwest Baltimore": Baltimore
                self._headline_name(headline, tokens, runs, found)
            elif word == "," and (qualifier := self._headline_qualifier(headline, tokens, i + 1)):
                sizes = range(_capitalized(tokens, i - 1, -1), 0, -1)
                self._headline_name(headline, tokens, [(i - size, i) for size in sizes], found, qualifier)
            elif word.lower() in _COUNTY_NAME_WORDS and word[:1].isupper():  # "Suspect in 5 Troup Co. killings"
                sizes = range(_capitalized(tokens, i - 1, -1), 0, -1)
                self._headline_name(headline, tokens, [(i - size, i + 1) for size in sizes], found)
            elif word.lower() in RESIDENT_WORDS or _AGE_WORD.match(word):
                sizes = range(_capitalized(tokens, i - 1, -1), 0, -1)
                self._headline_name(headline, tokens, [(i - size, i) for size in sizes], found, resident=True)
        return [found[key] for key in sorted(found)]

    def _headline_name(self, headline: str, tokens: Sequence[tuple[str, int, int]], runs: Sequence[tuple[int, int]],
                       found: dict[tuple[int, int], ToponymMention], qualifier: str | None = None, *, resident: bool = False) -> None:  # fmt: skip
        """Adds the first of ``runs`` (token ranges, longest first) that names a place the gazetteer knows
        (``resident``: a name before a person, which may be a village: "Traer girl")."""
        for start, end in runs:
            begin, finish = tokens[start][1], tokens[end - 1][2]
            text = headline[begin:finish]
            if not self._headline_place(text) and "-" in tokens[start][0]:
                begin = tokens[start][1] + tokens[start][0].rindex("-") + 1  # "Weather, Sports-Hattiesburg, MS": the town
                text = headline[begin:finish]
            if not text or not (self._resident_place(text) if resident else self._headline_place(text)):
                continue
            if qualifier is None and end < len(tokens) and tokens[end][0] == ",":
                qualifier = self._headline_qualifier(headline, tokens, end + 1)
            district = "neighborhood" if _DISTRICT_NAME.fullmatch(text) else None  # "shooting on the South Side": a part of a town
            found.setdefault((begin, finish), ToponymMention(text, begin, finish, qualifier, district))
            return

    def _headline_place(self, text: str) -> bool:
        """A name is a headline's place by its own name or a curated alias, never by another town's alternate
        name ("North Shore"); a short capitalized word only by an abbreviation ("NC", not "SE")."""
        short = len(text) <= 3 and text.isupper()
        for candidate in self.gazetteer.candidates(text):
            if candidate.match == ABBREVIATION or candidate.entry.curated or (candidate.match == PRIMARY and not short):
                return True
        return bool(self.gazetteer.counties(text))

    def _resident_place(self, text: str) -> bool:
        """A name before a person ("Ligonier boy") is a place by its own name, a village's too, unless the word
        describes people ("Young man") or is a sentence word rather than a name."""
        if text.lower() in PERSON_MODIFIERS or not text[:1].isupper() or _short_capitals(text):
            return False
        return bool(self.gazetteer.counties(text)) or self._bears_name(text, [*self.gazetteer.candidates(text), *self.gazetteer.small_towns(text, None)])

    @staticmethod
    def _bears_name(text: str, candidates: Sequence[Candidate]) -> bool:
        """Whether a candidate bears ``text`` as its own name, letter for letter: "Charge" is not Chargé, "One" not Onè."""
        return any(c.match == PRIMARY and c.entry.name.lower() == text.lower() for c in candidates)

    def _headline_qualifier(self, headline: str, tokens: Sequence[tuple[str, int, int]], start: int) -> str | None:
        """The state, province or country after a headline's comma ("Memphis, Tennessee")."""
        for size in range(_capitalized(tokens, start, 1, _MAX_QUALIFIER_TOKENS), 0, -1):
            text = headline[tokens[start][1] : tokens[start + size - 1][2]]
            if self.gazetteer.qualifiers(text):
                return text
        return None


def stamp_start(title: str) -> int:
    """Where a headline's outlet stamp begins ("… - WSMV Channel 4"), else the headline's length."""
    found = _STAMP_SEPARATOR.search(title)
    return found.start() if found else len(title)


def outlet_home(title: str | None, url: str | None, source: str | None, outlets: Mapping[str, str]) -> str | None:
    """The home town ("Nashville, TN") of the outlet that published an article, from ``outlets`` (the knowledge's
    table, ``Knowledge.outlets``): by its web address's host or a domain above it (chicago.suntimes.com: suntimes.com),
    the city edition the path's first folder names first (dnainfo.com/chicago), by the call sign that names the host
    (wsmv.com, wishtv.com), else by the call sign in its headline's stamp
    ("… - WSMV Channel 4"). None for a news agency's story and for an outlet the table lacks."""
    if not outlets or (source is not None and normalise_agency(source) is not None):
        return None
    host = _url_host(url)
    labels = host.removeprefix("www.").split(".") if host else []
    sections = _URL_SECTION.findall(url or "")
    for start in range(max(len(labels) - 1, 0)):
        domain = ".".join(labels[start:])
        call_sign = _CALL_SIGN_HOST.match(domain)
        edition = outlets.get(f"{domain}/{sections[-1].lower()}") if sections else None
        home = edition or outlets.get(domain) or (outlets.get(call_sign.group(1).upper()) if call_sign else None)
        if home is not None:
            return home
    stamp = _CALL_SIGN.search(title, stamp_start(title)) if title else None
    return outlets.get(stamp.group(1)) if stamp else None


def outlet_country(title: str | None, url: str | None, source: str | None = None) -> str | None:
    """The country of the outlet that published an article: "USA" for a US broadcaster, known by the call sign in
    its headline's stamp ("… - WSMV Channel 4") or its web address (wral.com); else the country of its web
    address's country-code domain (cbc.ca, enfield-today.co.uk); else None. None too for a news agency's story
    (``source`` "AP", "Reuters"): written for every outlet, it is not local to the one that carries it."""
    if source is not None and normalise_agency(source) is not None:
        return None
    if title and _CALL_SIGN.search(title, stamp_start(title)):
        return "USA"
    host = _url_host(url)
    if host is None:
        return None
    if _CALL_SIGN_HOST.match(host):
        return "USA"
    return _country_domains().get(host.rsplit(".", 1)[-1])


def _url_host(url: str | None) -> str | None:
    """The host of a web address, lower case, without its port or a trailing dot: "wsmv.com"."""
    hosts = _URL_HOST.findall(url or "")
    return hosts[-1].lower().rstrip(".").split(":")[0] if hosts else None


@lru_cache(maxsize=1)
def _country_domains() -> dict[str, str]:
    """Country-code top-level domain ("ca", "uk") → ISO-3, from the GeoNames country records."""
    from crisislens.knowledge.gazetteer import geonames_table

    domains = {record["tld"].lstrip(".").lower(): record["iso3"] for record in geonames_table().countries.values() if record.get("tld")}
    return {domain: iso3 for domain, iso3 in domains.items() if domain not in _GENERIC_COUNTRY_DOMAINS}


def holder_of(text: str, start: int, end: int) -> tuple[str | None, bool]:
    """The place the text says holds the name at ``start:end``, and whether it says so by a possessive:
    ("Toronto", True) for "Toronto's Pearson Airport", ("Idlib", False) for "Foua and Kfraya in Idlib" and
    "Maoxian county in Sichuan province"; (None, False) when it says none. Whether it names a place is the resolver's call."""
    before = _POSSESSIVE_HOLDER.search(text, max(0, start - _HOLDER_REACH), start)
    if before is not None and not _not_place(before["name"]):
        return before["name"], True
    after = _LOCATIVE_HOLDER.match(text, end, min(len(text), end + _HOLDER_REACH))
    if after is not None and not _not_place(after["name"]):
        return after["name"], False
    return None, False


def named_as_town(text: str, start: int) -> bool:
    """The text calls the name at ``start`` a town: "the city of Turkey", "the villages of Foua"."""
    return _TOWN_BEFORE.search(text, max(0, start - _HOLDER_REACH), start) is not None


def _not_place(name: str) -> bool:
    return name.split()[0].lower() in _CALENDAR_WORDS


def dateline_qualifier(text: str, dateline: str) -> str | None:
    """The words after the dateline town and a comma at the top of ``text`` ("Okla." in "HOBART, Okla. - …");
    whether they name a state or country is the resolver's call."""
    found = re.search(rf"\b(?i:{re.escape(dateline)})\s*,\s*{_QUALIFIER_WORDS}", text[:_DATELINE_REACH])
    return found.group(1) if found else None


def _name_start(doc: Doc, end: int, unless: Sequence[str] = ()) -> int:
    """Where the capitalized words before token ``end`` begin, at most ``_MAX_HEADLINE_NAME`` of them, within its sentence
    ("Marshall County" before "Sheriff"); words in ``unless`` are not part of the name."""
    table = token_table(doc)
    start = end
    while start > max(end - _MAX_HEADLINE_NAME, 0) and table.text[start - 1][:1].isupper() and table.lower[start - 1] not in unless \
            and table.sent_start[start] != start and doc[start - 1].is_alpha:  # fmt: skip
        start -= 1
    return start


def _person_name_words(doc: Doc) -> frozenset[str]:
    """The words of the two-word names of people the parser finds ("James Henderson", "Ralphael Davis Jr."): a lone word
    among them, "Henderson declared", "in Davis' death", is the person, not a town of that name. Longer names and capitals
    ("Henry Lazenby US", "Riverdale Luke Oil") are too often a person's name run into a place's."""
    words: set[str] = set()
    for ent in document_entities(doc):
        name = ent[:-1] if len(ent) > 1 and ent[-1].lower_.rstrip(".") in NAME_SUFFIXES else ent
        if ent.label_ == "PERSON" and len(name) == 2 and all(token.text.istitle() for token in name):
            words.update(token.text for token in name)
    return frozenset(words)


def _names_force(span: Span) -> bool:
    """Whether a name is a word of a police force's name, not a town: "Metro" in "Metro police said", "Metro detectives",
    "Metro Lt. Jeff Goodwin"."""
    table = token_table(span.doc)
    if span_text(span).lower() not in AGENCY_DESCRIPTORS or span.end >= len(table.text):
        return False
    return table.text[span.end] in AGENCY_WORDS or table.lower[span.end].rstrip(".") in FORCE_MEMBER_WORDS


def _lone_name(token: Token) -> bool:
    """A one-word name the parser left untagged or took for a person or an organisation ("near Aurora", "in LaGrange")."""
    if not token.ent_type_:
        return True
    alone = token.ent_iob_ == "B" and (token.i + 1 == len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I")
    return alone and token.ent_type_ in ("PERSON", "ORG")


def _names_street(span: Span, following: int | None) -> bool:
    """Whether a place name is a street's: "Baltimore Avenue", "the 200 block of Monroe"; ``following``: the next token's index."""
    table = token_table(span.doc)
    lower = table.lower
    if following is not None and table.text[following][:1].isupper() and lower[following].rstrip(".") in STREET_WORDS:
        return True
    if following is not None and lower[following] == "and" and following + 2 < len(lower) and lower[following + 2] in STREET_WORDS:
        return True  # "the corner of Baltimore and McHenry avenues"
    return span.start >= 2 and lower[span.start - 2] == "block" and lower[span.start - 1] == "of"


def _short_capitals(text: str) -> bool:
    """A name of at most three capitals ("ST", "BB", "U.S."), which only an abbreviation or a curated name makes a place."""
    letters = text.replace(".", "")
    return len(letters) <= 3 and letters.isupper()


def _institution_names(spans: Sequence[Span]) -> set[str]:
    """The place names that open a hospital's name in the article, with the capitalized words before them:
    "Mount Sinai Hospital" makes "Sinai" and "Mount Sinai" the hospital's everywhere in the story."""
    names: set[str] = set()
    for span in spans:
        if _names_institution(span):
            start = span.start
            while start > max(0, span.start - 2) and span.doc[start - 1].text[:1].isupper() and not span.doc[start - 1].is_sent_start:
                start -= 1
            names.update({span.text, span.doc[start : span.end].text})
    return names


def _names_institution(span: Span) -> bool:
    """Whether a place name opens a hospital's name ("Mount Sinai Hospital", "Louisville Medical Center")."""
    for token in span.doc[span.end : span.end + 3]:  # "Mount Sinai Hospital", "Christ Memorial Hospital"
        if token.lower_ in INSTITUTION_WORDS and token.text[:1].isupper():
            return True
        if not token.text[:1].isupper() and token.lower_ not in ("'s", "’s"):
            return False
    return False


def _capitalized(tokens: Sequence[tuple[str, int, int]], start: int, step: int, most: int = _MAX_HEADLINE_NAME) -> int:
    """How many capitalized words run from token ``start`` forwards (``step`` 1) or backwards (-1), at most ``most``."""
    count, index = 0, start
    while count < most and 0 <= index < len(tokens) and tokens[index][0][:1].isupper():
        count, index = count + 1, index + step
    return count


def _is_demonym(gazetteer: Gazetteer, text: str) -> bool:
    return any(c.match == DEMONYM for c in gazetteer.candidates(text))


def sentence_places(toponyms: Sequence[FoundToponym], sentence: Span) -> list[tuple[Span, Place]]:
    """The resolved places named in ``sentence`` (demonyms are references to countries, not places; a
    hospital's name is where the hurt were taken).

    ``toponyms`` are in text order, as ``PlaceFinder.find`` gives them: the sentence's own are
    found by bisection, so an article of 10,000 sentences is not 10,000 scans of all its places.
    """
    found: list[tuple[Span, Place]] = []
    index = bisect_left(toponyms, sentence.start, key=lambda toponym: toponym.span.start)
    while index < len(toponyms) and toponyms[index].span.start < sentence.end:
        toponym = toponyms[index]
        if not toponym.mention.demonym and not toponym.institution and not _destination(toponym.span) and (place := toponym.place) is not None:
            found.append((toponym.span, place))
        index += 1
    return found


def _destination(span: Span) -> bool:
    """Whether a place is named as where someone was taken, not where it happened: "airlifted to Indianapolis",
    "taken to a hospital in Salina", "a Wichita hospital"."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in DESTINATION_PREPOSITIONS:
        return root.head.head.lemma_ not in SCENE_VERBS  # "police responded to Oakland": the scene
    holder = root.head.head if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS else root.head
    return holder.i != root.i and _hospital_noun(holder)


def _hospital_noun(token: Token) -> bool:
    """A lowercase word for a hospital: "hospital", "medical center", "trauma center"."""
    if token.lower_ in HOSPITAL_NOUNS:
        return True
    return token.lower_ in ("center", "centre") and any(child.lower_ in ("medical", "trauma") for child in token.children)


def event_place(toponyms: Sequence[tuple[Span, Place]], trigger: Token) -> Place | None:
    """Among a sentence's ``toponyms``: the place a preposition ties to the trigger, else the most specific one in its clause."""
    best: tuple[tuple[int, int, int], Place] | None = None
    table = token_table(trigger.doc)
    for span, place in toponyms:
        root = span.root.i
        if table.dep[root] in ACTING_DEPS:
            continue  # "Washington killed", "Iraq's factions": a place named as an actor
        if table.dep[root] == "pobj" and table.lower[table.head[root]] in NON_LOCATIVE_PREPOSITIONS:
            continue
        attached = _attached_by_preposition(table, root, trigger.i, modifier_may_be_place=place.precision != "country")
        if not attached and (place.precision == "country" or clause_head(span.root) != clause_head(trigger)):
            continue
        rank = (0 if attached else 1, PRECISION_RANK.get(place.precision, 3), abs(root - trigger.i))
        if best is None or rank < best[0]:
            best = (rank, place)
    return best[1] if best else None


def _attached_by_preposition(table: TokenTable, toponym: int, trigger: int, *, modifier_may_be_place: bool) -> bool:
    """True when a locative preposition links the toponym (its root's index) to the trigger within a few steps.

    A country that modifies the trigger ("a U.S. attack") names the attacker, not the place.
    """
    node, saw_preposition = toponym, False
    for _ in range(5):
        if table.dep[node] == "prep" and table.lower[node] in LOCATIVE_PREPOSITIONS:
            saw_preposition = True
        if table.head[node] == node:
            return False
        node = table.head[node]
        if node == trigger:
            # "the Baghdad bombing": a toponym that modifies the trigger itself.
            modifies_trigger = table.head[toponym] == trigger and table.dep[toponym] in ("compound", "npadvmod")
            return saw_preposition or (modifier_may_be_place and modifies_trigger)
    return False
