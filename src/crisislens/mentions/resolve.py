"""Toponym resolution in context: which of a name's candidate places an article means.

Each candidate is scored by

* its size: log10 of the population, plus a prior by kind (a country or continent is named more
  often than a town of the same name; a state is discounted against its namesake city: "New York");
* how the name matched: an alternate name or a demonym counts less than the place's own name;
* the article's focus: the share of the article's places that lie in the candidate's country, the
  dateline's country, the states or provinces the article names (a town inside one of them; a US
  county names the states that have one, each by its share, a dateline town its own state), and the
  share of its other names that may denote a town near the candidate ("Edmonton" beside "Enfield" and
  "Tottenham" is the London suburb, not the Canadian city);
* its qualifier: "Paris, Texas", "London, Ont.", "Aleppo, Syria" — a candidate inside the qualifying
  state or country wins, one outside loses ("Russia, U.S. officials said": a country is never
  qualified by another); "Homs province" and "New York Gov." prefer the state or province;
* the outlet's home town (``Knowledge.outlets``: WSMV is in Nashville): a town in its state, more one within its area,
  and a village of its state where no candidate lies in the states the article names ("Madison" in a Nashville story);
* a neighbourhood ("the Austin neighborhood") is only a town in the outlet's area, else near the article's other towns; a small
  town far from the dateline town, read from a name several towns bear, is a part of the dateline town
  the gazetteer lacks ("Homewood" under a PITTSBURGH dateline);
* a name's former or foreign spelling yields to a sizeable place that bears it as its own name:
  "Salisbury" is the English city before it is Harare's colonial name.

A name no entry bears is looked for, in this order, among the US counties ("Metcalfe County"), the
villages and small towns of 500+ ("Bantam"), and inside itself: "Far North Queensland" and "Greater
Toronto Area" (a direction or "area" around a place), "Dubai World Cup" and "Delhi High Court" (a
place naming an event, a venue, an institution), "Bank of Mexico", "Nazi Germany".

Two passes: the first ranks by size alone and gives the article's focus, the second ranks in it (a name
that may be a country or a state, "Georgia", and the dateline town are read in the focus of the others
before it is final; a dateline's own qualifier, "HOBART, Okla.", settles its town).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from crisislens.knowledge.gazetteer import ABBREVIATION, ALTERNATE, DEMONYM, PRIMARY, Candidate, GeoEntry, Gazetteer, is_abbreviation
from crisislens.nlp.phrases import normalize

KIND_PRIOR = {"country": 2.5, "continent": 2.0, "admin1": -0.5, "region": 1.0, "landmark": 3.0, "airport": 3.0, "base": 3.0}
MATCH_PENALTY = {ALTERNATE: 1.0, DEMONYM: 0.5, ABBREVIATION: 0.5}
CURATED_BONUS = 0.5
CAPITAL_BONUS = 1.0
FOCUS_WEIGHT = 3.0
DATELINE_WEIGHT = 1.5
# The outlet's country (a US station's call sign): "Rome police" in a WRGA story is Rome, Georgia.
OUTLET_WEIGHT = 3.0
# The outlet's home town (``Knowledge.outlets``): local news is mostly about its own state and the towns around it
# ("Madison" in a Nashville station's story is Madison, Tennessee). Weaker than a state the text names.
OUTLET_STATE_WEIGHT = 1.0
OUTLET_AREA_WEIGHT = 2.0
OUTLET_AREA_DEGREES = 1.0  # about 110 km: a local station's or newspaper's area
ADMIN_FOCUS_WEIGHT = 2.0
QUALIFIED_INSIDE = 6.0
QUALIFIED_COUNTRY = 2.0
QUALIFIED_OUTSIDE = -3.0
FEATURE_MATCH = 3.0
NEARBY_WEIGHT = 3.0
NEARBY_DEGREES = 0.5  # about 50 km
# The town-level candidates of a name that count for nearness: its largest few.
NEARBY_CANDIDATES = 8
# An alternate-name match when another candidate of this size bears the name as its own.
SHADOWED_ALTERNATE = 1.5
SHADOWING_POPULATION = 20000
# An ambiguous small town this far from the article's dateline town is read as a part of the dateline town.
STRAY_KM = 100.0
STRAY_POPULATION = 100000
KM_PER_DEGREE = 111.2
# A place named without population (a base, an airport) still ranks as a small town.
MIN_POPULATION = 1000
# Words after a name that say what kind of place it is ("Homs province", "Kirkuk city").
FEATURE_WORDS = {
    "province": "admin1", "state": "admin1", "governorate": "admin1", "region": "admin1", "oblast": "admin1",
    "prefecture": "admin1", "county": "admin1", "district": "city", "city": "city", "town": "city", "village": "city",
    "gov": "admin1", "gov.": "admin1", "governor": "admin1", "legislature": "admin1",
    "neighborhood": "city", "neighbourhood": "city", "section": "city",
}  # fmt: skip
# "the Austin neighborhood", "the New Dorp section": a part of a town the article names, never a town far from them.
NEIGHBOURHOOD_WORDS = frozenset({"neighborhood", "neighbourhood", "section"})
# Words before a place that narrow it ("Far North Queensland", "Southern California") and after it ("Greater Toronto Area").
DIRECTION_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper", "lower",
    "greater", "far", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west", "south-east",
    "south-west", "mid", "inner", "outer", "downtown", "rural", "metro", "metropolitan",
})  # fmt: skip
AREA_WORDS = frozenset({"area", "region", "metro", "metropolitan"})
# "Bank of Mexico", "Stade de France": the place after the preposition.
_OF_WORDS = frozenset({"of", "de", "du", "des", "del", "di"})
_BROAD_KINDS = frozenset({"country", "admin1", "continent", "region"})
_COUNTY_WORDS = frozenset({"county", "co.", "co", "parish", "borough"})
# A state or province: (ISO-3 country, admin1 code).
Region = tuple[str | None, str | None]
_SAINT_WORDS = frozenset({"st", "ste", "saint", "san", "santa", "fort", "mount", "port", "lake", "new"})


@dataclass(frozen=True, slots=True)
class ToponymMention:
    """A place name as written in an article, with what the text around it says."""

    text: str
    start: int = 0
    end: int = 0
    qualifier: str | None = None  # "Ky." in "Louisville, Ky."
    feature: str | None = None  # "province" in "Homs province"
    demonym: bool = False  # "Iraqi": a reference to a country, never an event's place
    holder: str | None = None  # a place said to hold it: "Toronto" in "Toronto's Pearson Airport", "Idlib" in "Foua in Idlib"
    possessive: bool = False  # the holder is a possessive before it ("Giza's Haram"): it is a part of the holder
    named_town: bool = False  # called a town: "the city of Turkey", "the village of Xinmo"


@dataclass(frozen=True, slots=True)
class ArticleFocus:
    """Where an article is about: its distinct place names' countries, its dateline, the regions it names.

    Each distinct name counts once, and a name never counts towards its own reading: "London" said
    twenty times in a story about Ontario must not outvote Ontario.
    """

    by_name: dict[str, tuple[str | None, frozenset[Region]]]  # key -> (country, the regions it names)
    dateline_country: str | None
    # Names a qualifier settled somewhere in the article ("LONDON, Ky. — … London police"): one place per name.
    settled: dict[str, GeoEntry] = field(default_factory=dict)
    # Each distinct name's town-level candidates (latitude, longitude), for nearness to one another.
    towns: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    dateline_region: Region | None = None  # the state or province of a dateline town ("PITTSBURGH (KDKA) —")
    dateline_town: GeoEntry | None = None
    outlet_country: str | None = None  # the country of the outlet that published the article (``outlet_country``)
    outlet_town: GeoEntry | None = None  # the outlet's home town (``outlet_home``)

    def holds_part(self, entry: GeoEntry, excluding: str) -> bool:
        """Whether a neighbourhood may be ``entry``: within the outlet's area where its home is known ("South Side" in a
        Chicago paper is no part of New York), else near one of the article's other towns."""
        if self.outlet_town is not None:
            return _within_degrees(entry, self.outlet_town, OUTLET_AREA_DEGREES)
        return self.nearby_share(entry, excluding) > 0

    def outlet_weight(self, entry: GeoEntry) -> float:
        """What the outlet's home says for a town or county: its state, and more when within its area."""
        home = self.outlet_town
        if home is None or entry.kind in _BROAD_KINDS or entry.country != home.country or entry.admin1 is None:
            return 0.0
        value = OUTLET_STATE_WEIGHT if entry.admin1 == home.admin1 else 0.0
        return value + (OUTLET_AREA_WEIGHT if _within_degrees(entry, home, OUTLET_AREA_DEGREES) else 0.0)

    def nearby_share(self, entry: GeoEntry, excluding: str) -> float:
        """The share of the article's other names that may denote a town within ``NEARBY_DEGREES`` of ``entry``."""
        others = [points for key, points in self.towns.items() if key != excluding]
        if not others:
            return 0.0
        scale = math.cos(math.radians(entry.lat))
        near = sum(any(abs(lat - entry.lat) <= NEARBY_DEGREES and abs(lon - entry.lon) * scale <= NEARBY_DEGREES for lat, lon in points)
                   for points in others)  # fmt: skip
        return near / len(others)

    def country_share(self, country: str, excluding: str) -> float:
        votes = [c for key, (c, _) in self.by_name.items() if key != excluding and c is not None]
        return votes.count(country) / len(votes) if votes else 0.0

    def region_weight(self, region: Region, excluding: str) -> float:
        """How surely the article's other names point to ``region``: 1 for a state named or qualifying a name, or the
        dateline town's; a county named in several states points to each of them by that share ("DeSoto County" is in
        Florida and Mississippi: half each)."""
        if region == self.dateline_region:
            return 1.0
        shares = [1 / len(regions) for key, (_, regions) in self.by_name.items() if key != excluding and region in regions]
        return max(shares, default=0.0)

    def regions(self, excluding: str) -> set[Region]:
        found = {region for key, (_, regions) in self.by_name.items() if key != excluding for region in regions}
        if self.dateline_region is not None:
            found.add(self.dateline_region)
        return found


def _size(entry: GeoEntry) -> float:
    return math.log10(max(entry.population, MIN_POPULATION)) + KIND_PRIOR.get(entry.kind, 0.0)


def shadowed(candidates: Sequence[Candidate]) -> bool:
    """True when a sizeable candidate bears the name as its own: the alternate-name readings then yield."""
    return any(c.match == PRIMARY and c.entry.population >= SHADOWING_POPULATION for c in candidates)


def prior(candidate: Candidate, shadowed: bool = False) -> float:
    """The context-free score: size, kind, how the name matched (``shadowed``: see ``shadowed()``)."""
    entry = candidate.entry
    score = _size(entry) - MATCH_PENALTY.get(candidate.match, 0.0)
    if shadowed and candidate.match == ALTERNATE and entry.precision != "landmark":  # "Taji" still names the base
        score -= SHADOWED_ALTERNATE
    if entry.curated:
        score += CURATED_BONUS
    if entry.capital:
        score += CAPITAL_BONUS
    return score


def _in_region(entry: GeoEntry, region: GeoEntry) -> bool:
    return entry.country == region.country and entry.admin1 is not None and entry.admin1 == region.admin1 and entry is not region


def score(candidate: Candidate, focus: ArticleFocus, key: str = "", qualifier: GeoEntry | None = None, feature: str | None = None,
          shadowed: bool = False) -> float:  # fmt: skip
    """The candidate's score in its article (``key``: the normalized name it was found by)."""
    entry = candidate.entry
    value = prior(candidate, shadowed)
    if entry.country is not None:
        value += FOCUS_WEIGHT * focus.country_share(entry.country, key)
        if entry.country == focus.dateline_country:
            value += DATELINE_WEIGHT
        if entry.country == focus.outlet_country:
            value += OUTLET_WEIGHT
        value += focus.outlet_weight(entry)
        if entry.kind != "admin1" and entry.admin1 is not None:
            value += ADMIN_FOCUS_WEIGHT * focus.region_weight((entry.country, entry.admin1), key)
    if entry.kind not in _BROAD_KINDS and focus.towns:
        value += NEARBY_WEIGHT * focus.nearby_share(entry, key)
    if qualifier is not None:
        if qualifier.kind == "admin1":
            if _in_region(entry, qualifier):
                value += QUALIFIED_INSIDE
            elif entry.country == qualifier.country:
                value += QUALIFIED_COUNTRY
            else:
                value += QUALIFIED_OUTSIDE
        elif qualifier.kind == "country":
            value += QUALIFIED_INSIDE if entry.country == qualifier.country and entry is not qualifier else QUALIFIED_OUTSIDE
    if feature is not None and FEATURE_WORDS.get(feature) == ("admin1" if entry.kind in ("admin1", "region") else "city"):
        value += FEATURE_MATCH
    return value


def best(candidates: Sequence[Candidate], focus: ArticleFocus | None = None, key: str = "", qualifier: GeoEntry | None = None,
         feature: str | None = None) -> GeoEntry | None:  # fmt: skip
    """The best-scoring candidate's entry (ties: the larger place, then the GeoNames id)."""
    if not candidates:
        return None
    overshadowed = shadowed(candidates)
    if qualifier is not None and qualifier.kind == "country" and any(c.entry.kind == "country" and c.match != DEMONYM for c in candidates):
        qualifier = None  # "in Russia, U.S. officials said": a country is not qualified by another
    if focus is None:
        return max(candidates, key=lambda c: (prior(c, overshadowed), c.entry.population, -(c.entry.geonameid or 0))).entry
    return max(candidates, key=lambda c: (score(c, focus, key, qualifier, feature, overshadowed), c.entry.population,
                                          -(c.entry.geonameid or 0))).entry  # fmt: skip


def _qualifier_entry(gazetteer: Gazetteer, qualifier: str | None) -> GeoEntry | None:
    """What "Ky.", "Texas", "Syria" after a comma denote: a state, province or country.

    The words may run on past it ("Idaho. Mr. Carlsen"): the longest leading run that names one counts.
    """
    words = qualifier.split() if qualifier else []
    for size in range(len(words), 0, -1):
        run = " ".join(words[:size])
        for text in dict.fromkeys((run, run.rstrip("."))):
            if found := gazetteer.qualifiers(text):
                return best(found)
    return None


def candidates_for(gazetteer: Gazetteer, mention: ToponymMention) -> tuple[list[Candidate], str | None]:
    """The mention's candidates and its feature word ("Homs Province": Homs, "province")."""
    found = gazetteer.candidates(mention.text)
    if not mention.demonym:
        found = [c for c in found if c.match != DEMONYM] or found
    if is_abbreviation(mention.text):  # "Ind." is Indiana, not Indianapolis by an alternate name; "D.C." is the capital
        found = [c for c in found if c.match == ABBREVIATION or c.entry.capital] or found
    feature = mention.feature
    words = mention.text.split()
    if not found and len(words) > 1 and words[-1].lower() in _COUNTY_WORDS:  # before "county" as a feature word
        found = gazetteer.counties(mention.text)
    if not found and len(words) > 1 and words[-1].lower() in FEATURE_WORDS:
        feature = words[-1].lower()
        found = gazetteer.candidates(" ".join(words[:-1]))
    if not found and len(words) > 1 and words[0].lower() in FEATURE_WORDS:  # "Province of Alberta"
        found = gazetteer.candidates(" ".join(words[1:]).removeprefix("of ").removeprefix("Of "))
    if not found and not mention.demonym:
        found = [c for c in gazetteer.small_towns(mention.text, None) if c.match == PRIMARY]
    if not found and len(words) > 1 and not mention.demonym:
        found = _contained(gazetteer, words)
    return found, feature


def _named(gazetteer: Gazetteer, words: Sequence[str], *, kinds: frozenset[str] | None = None, demonym: bool = False) -> list[Candidate]:
    """The candidates of a capitalized run of words (of ``kinds`` only, when given)."""
    if not words or not words[0][:1].isupper():
        return []
    found = [c for c in gazetteer.candidates(" ".join(words)) if demonym or c.match != DEMONYM]
    return [c for c in found if c.entry.kind in kinds] if kinds is not None else found


def _contained(gazetteer: Gazetteer, words: Sequence[str]) -> list[Candidate]:
    """The place inside an unknown name: "Southern California", "Dubai World Cup", "Bank of Mexico", "Nazi Germany"."""
    core = list(words)
    while len(core) > 1 and core[0].lower() in DIRECTION_WORDS:
        core = core[1:]
    while len(core) > 1 and core[-1].lower() in AREA_WORDS:
        core = core[:-1]
    if len(core) < len(words) and (found := _named(gazetteer, core)):
        return found
    for index, word in enumerate(words[1:-1], 1):
        if word.lower() in _OF_WORDS and (found := _named(gazetteer, words[index + 1 :])):
            return found
    for size in range(len(words) - 1, 0, -1):  # the longest leading name: "New York Auto Show", "Mexican Senate"
        # A town by another town's alternate name, or by a word like "St." or "Fort", is too weak a
        # reading here ("St. Mark's Cathedral"); a country or continent by any of its names is not ("US Federal Reserve").
        word = words[0].lower().rstrip(".")
        weak = size == 1 and (len(word) <= 3 or word in _SAINT_WORDS)
        found = [c for c in _named(gazetteer, words[:size], demonym=size == 1)
                 if c.entry.kind in _BROAD_KINDS or (not weak and (c.match != ALTERNATE or c.entry.curated))]  # fmt: skip
        if found:
            return found
    for start in range(1, len(words)):  # a trailing country or region: "Nazi Germany"
        if found := _named(gazetteer, words[start:], kinds=_BROAD_KINDS):
            return found
    return []


def article_focus(gazetteer: Gazetteer, mentions: Sequence[ToponymMention], dateline: str | None = None,
                  dateline_qualifier: str | None = None, outlet_country: str | None = None,
                  outlet_town: GeoEntry | None = None) -> ArticleFocus:  # fmt: skip
    """The article's focus from the first, context-free reading of its distinct toponyms; a name that may be a
    country or a state is read once more in that focus ("Georgia" beside US towns is the state)."""
    by_name: dict[str, tuple[str | None, frozenset[Region]]] = {}
    settled: dict[str, GeoEntry] = {}
    towns: dict[str, list[tuple[float, float]]] = {}
    ambiguous: dict[str, list[Candidate]] = {}  # country or state ("Georgia"): read again in the focus
    called_towns: dict[str, list[Candidate]] = {}  # "the city of Turkey": every Turkey of the article is that town
    for mention in mentions:
        key = normalize(mention.text)
        if key in settled or (key in by_name and not mention.qualifier and not mention.named_town):
            continue
        found, _ = candidates_for(gazetteer, mention)
        qualifier = _qualifier_entry(gazetteer, mention.qualifier)
        entry = best(found, ArticleFocus({}, None), key, qualifier) if qualifier is not None else best(found)
        if entry is None:
            continue
        if qualifier is not None and entry is not qualifier and entry.kind != "country":
            settled[key] = entry
        if mention.named_town and qualifier is None:
            called_towns[key] = found
        if qualifier is None and entry.kind in _BROAD_KINDS and sum(c.entry.kind in _BROAD_KINDS for c in found) > 1:
            ambiguous[key] = found
        else:
            ambiguous.pop(key, None)
        # a county stands at a namesake town or its state's centre (``Gazetteer.counties``): no point to be near
        local = sorted((c.entry for c in found if c.entry.kind not in _BROAD_KINDS and c.entry.kind != "county" and c.match != DEMONYM),
                       key=lambda e: -e.population)  # fmt: skip
        if local:
            towns[key] = [(e.lat, e.lon) for e in local[:NEARBY_CANDIDATES]]
        named = _named_regions(entry, found)
        if qualifier is not None and qualifier.kind == "admin1" and _in_region(entry, qualifier):  # "Hattiesburg, MS" names Mississippi
            named = frozenset({(qualifier.country, qualifier.admin1)})  # "Harris County, Texas": Texas alone
        by_name[key] = (entry.country, named)
    first = ArticleFocus(by_name, None, settled, towns, outlet_country=outlet_country, outlet_town=outlet_town)
    for key, found in ambiguous.items():
        if (entry := best(found, first, key)) is not None:
            by_name[key] = (entry.country, _named_regions(entry, found))
    for key, found in called_towns.items():
        if (entry := best(_towns(gazetteer, key, found, _regions_to_search(None, first, key)), first, key)) is not None:
            settled[key] = entry
            by_name[key] = (entry.country, frozenset())
    dateline_entry = None
    if dateline:
        context = ArticleFocus(by_name, None, settled, towns, outlet_country=outlet_country, outlet_town=outlet_town)
        dateline_entry = settled.get(normalize(dateline)) or _dateline_entry(gazetteer, dateline, dateline_qualifier, context)
        if dateline_qualifier and dateline_entry is not None and dateline_entry.kind not in _BROAD_KINDS:
            settled.setdefault(normalize(dateline), dateline_entry)  # "HOBART, Okla. —": every Hobart of the story
    dateline_region = None
    if dateline_entry is not None and dateline_entry.kind not in _BROAD_KINDS and dateline_entry.admin1:
        dateline_region = (dateline_entry.country, dateline_entry.admin1)
    dateline_town = dateline_entry if dateline_region is not None else None
    return ArticleFocus(by_name, dateline_entry.country if dateline_entry else None, settled, towns, dateline_region, dateline_town,
                        outlet_country, outlet_town)  # fmt: skip


def home_entry(gazetteer: Gazetteer, home: str | None) -> GeoEntry | None:
    """The town of an outlet's home ("Nashville, TN", ``outlet_home``), a village too, inside its state."""
    if not home or "," not in home:
        return None
    town, state = (part.strip() for part in home.rsplit(",", 1))
    entry = _dateline_entry(gazetteer, town, state, ArticleFocus({}, None))
    return entry if entry is not None and entry.kind not in _BROAD_KINDS else None


def _dateline_entry(gazetteer: Gazetteer, dateline: str, qualifier_text: str | None, context: ArticleFocus) -> GeoEntry | None:
    """The dateline town, inside the state or country its qualifier names ("HOBART, Okla.", a village too), else
    the one the article's other names point to ("JEFFERSON -" in a story about Georgia); a county ("NOBLE COUNTY, Ind.")
    when no town bears the name."""
    found = gazetteer.candidates(dateline) or gazetteer.counties(dateline)
    qualifier = _qualifier_entry(gazetteer, qualifier_text)
    if qualifier is None:
        return best(found, context, normalize(dateline))
    regions = _regions_to_search(qualifier, ArticleFocus({}, None), "")
    if not any(_inside(c.entry, regions) for c in found):
        found = found + gazetteer.small_towns(dateline, regions)
    return best(found, ArticleFocus({}, None), normalize(dateline), qualifier)


def _named_regions(entry: GeoEntry, found: Sequence[Candidate]) -> frozenset[Region]:
    """The states or provinces a name points to: its own region, or every state with a county of that name."""
    if entry.kind == "admin1" and entry.admin1:
        return frozenset({(entry.country, entry.admin1)})
    if entry.kind == "county":  # "Floyd County" is in six states: each makes its towns likelier
        return frozenset((c.entry.country, c.entry.admin1) for c in found if c.entry.kind == "county" and c.entry.admin1)
    return frozenset()


def resolve_mentions(gazetteer: Gazetteer, mentions: Sequence[ToponymMention], dateline: str | None = None,
                     focus_from: Sequence[ToponymMention] | None = None, dateline_qualifier: str | None = None,
                     outlet_country: str | None = None, unknown_in_focus: bool = False,
                     outlet_town: GeoEntry | None = None) -> list[GeoEntry | None]:  # fmt: skip
    """Each mention's place in the context of the article (``focus_from``: the mentions that set the focus, default all;
    ``dateline_qualifier``: the state or country after the dateline town, "Okla." in "HOBART, Okla. —";
    ``outlet_country``: the country of the outlet that published it; ``outlet_town``: its home town (``home_entry``);
    ``unknown_in_focus``: a name known to be a
    place that no gazetteer entry bears, "St. Michael's Hospital", is placed where the article is, ``_focus_place``).

    Example:
        >>> [e.country for e in resolve_mentions(gazetteer, [ToponymMention("London"), ToponymMention("Ontario")])]
        ['CAN', 'CAN']
    """
    focus = article_focus(gazetteer, focus_from if focus_from is not None else mentions, dateline, dateline_qualifier, outlet_country,
                          outlet_town)  # fmt: skip
    resolved: list[GeoEntry | None] = []
    for mention in mentions:
        found, feature = candidates_for(gazetteer, mention)
        key = normalize(mention.text)
        qualifier = _qualifier_entry(gazetteer, mention.qualifier)
        if qualifier is None and not mention.demonym and key in focus.settled:
            resolved.append(focus.settled[key])
            continue
        if feature in NEIGHBOURHOOD_WORDS:
            found = [c for c in found if c.entry.kind not in _BROAD_KINDS and focus.holds_part(c.entry, key)]
        regions = _regions_to_search(qualifier, focus, key)
        if regions and not mention.demonym and not any(_inside(c.entry, regions) for c in found):
            # "Edmonton" in a story about Kentucky: look among the small towns of the places the story is about.
            known = {c.entry.geonameid for c in found}
            found = found + [c for c in gazetteer.small_towns(mention.text, regions) if c.entry.geonameid not in known]
        if mention.named_town:
            found = _towns(gazetteer, mention.text, found, regions)
        holder = _holder_entry(gazetteer, mention, found, focus)
        if holder is not None:
            # The candidates inside the holder; none, after a possessive ("Giza's Haram" is no Haram far from Giza), is a
            # part of the holder the gazetteer lacks: the holder itself. "Paris in March" keeps its Paris.
            held = [c for c in found if _holds(holder, c.entry)]
            found = held if held or mention.possessive else found
        entry = best(found, focus, key, qualifier, feature) or holder
        if qualifier is None and entry is not None and _stray(entry, found, focus, key):
            # "Homewood" under a PITTSBURGH dateline: a part of it the gazetteer lacks; "Madison" in a Nashville station's
            # story without a dateline: a part of its area the gazetteer lacks, placed no better than by the outlet's home.
            entry = focus.dateline_town
        if entry is None and unknown_in_focus and not mention.demonym:
            entry = _focus_place(gazetteer, focus)
        resolved.append(entry)
    return resolved


def _holder_entry(gazetteer: Gazetteer, mention: ToponymMention, found: Sequence[Candidate], focus: ArticleFocus) -> GeoEntry | None:
    """The place the mention's holder names, read in the article's focus; none for a name that may be a country
    or a state ("Russia's Syria policy", "Turkey in Syria"), which no other place holds."""
    if mention.holder is None or mention.demonym or any(c.entry.kind in _BROAD_KINDS for c in found):
        return None
    candidates, feature = candidates_for(gazetteer, ToponymMention(mention.holder))
    return best([c for c in candidates if c.match != DEMONYM], focus, normalize(mention.holder), feature=feature)


def _holds(holder: GeoEntry, entry: GeoEntry) -> bool:
    """``entry`` lies inside ``holder``: its country, its state or county, or within ``NEARBY_DEGREES`` of its town."""
    if holder.kind in ("country", "continent"):
        return entry.country == holder.country and holder.country is not None
    if holder.kind in ("admin1", "county"):
        return entry.country == holder.country and entry.admin1 is not None and entry.admin1 == holder.admin1
    return _within_degrees(entry, holder, NEARBY_DEGREES)


def _within_degrees(entry: GeoEntry, centre: GeoEntry, degrees: float) -> bool:
    """``entry`` lies within ``degrees`` of ``centre`` north-south and (scaled by latitude) east-west."""
    scale = math.cos(math.radians(centre.lat))
    return abs(entry.lat - centre.lat) <= degrees and abs(entry.lon - centre.lon) * scale <= degrees


def _towns(gazetteer: Gazetteer, name: str, found: Sequence[Candidate], regions: set[tuple[str, str | None]]) -> list[Candidate]:
    """The town readings of a name the text calls a town ("the city of Turkey"): its towns and the villages and
    small towns of that name in the states the article names, else its villages and small towns anywhere."""
    towns = [c for c in found if c.entry.kind not in _BROAD_KINDS]
    known = {c.entry.geonameid for c in towns}
    towns += [c for c in gazetteer.small_towns(name, regions) if c.entry.geonameid not in known] if regions else []
    return towns or gazetteer.small_towns(name, None)


def _focus_place(gazetteer: Gazetteer, focus: ArticleFocus) -> GeoEntry | None:
    """Where the article is, for a name no gazetteer entry bears: its dateline town, else the country most of
    its names lie in, else its dateline's or its outlet's country."""
    if focus.dateline_town is not None:
        return focus.dateline_town
    votes = Counter(country for country, _ in focus.by_name.values() if country is not None)
    country = votes.most_common(1)[0][0] if votes else focus.dateline_country or focus.outlet_country
    return gazetteer.countries.get(country) if country else None


def _stray(entry: GeoEntry, found: Sequence[Candidate], focus: ArticleFocus, key: str) -> bool:
    """A small town far from the dateline town (without one, the outlet's home town) and outside every state the
    article and the outlet's home name, read from a name several towns bear: in a local story, more likely a
    neighbourhood or suburb of that town that the gazetteer does not hold. A small town abroad that no other name of the
    article points to is one even when it alone bears the name ("Whitehaven" in a Memphis station's story)."""
    local = focus.dateline_town or focus.outlet_town
    if local is None or local.kind != "city" or entry.kind != "city" or entry.population >= STRAY_POPULATION:
        return False
    if (entry.country, entry.admin1) in focus.regions(key) | {(local.country, local.admin1)}:
        return False
    abroad = entry.country != local.country and focus.country_share(entry.country, key) == 0
    if not abroad and sum(c.entry.kind not in _BROAD_KINDS for c in found) < 2:
        return False
    scale = math.cos(math.radians(local.lat))
    degrees = math.hypot(entry.lat - local.lat, (entry.lon - local.lon) * scale)
    return degrees * KM_PER_DEGREE > STRAY_KM


def _regions_to_search(qualifier: GeoEntry | None, focus: ArticleFocus, key: str) -> set[tuple[str, str | None]]:
    """Where to look for a name's villages and small towns: the qualifier's state or country, else the states the
    article names and the outlet's home state ("Madison" in a Nashville station's story: Madison, Tennessee)."""
    if qualifier is not None and qualifier.country is not None:
        return {(qualifier.country, qualifier.admin1 if qualifier.kind == "admin1" else None)}
    home = focus.outlet_town
    regions = focus.regions(key) | ({(home.country, home.admin1)} if home is not None else set())
    return {(country, admin1) for country, admin1 in regions if country is not None and admin1 is not None}


def _inside(entry: GeoEntry, regions: set[tuple[str, str | None]]) -> bool:
    return (entry.country, entry.admin1) in regions or (entry.country, None) in regions

