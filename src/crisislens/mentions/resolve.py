"""Toponym resolution in context: which of a name's candidate places an article means.

Each candidate is scored by

* its size: log10 of the population, plus a prior by kind (a country or continent is named more
  often than a town of the same name; a state is discounted against its namesake city: "New York");
* how the name matched: an alternate name or a demonym counts less than the place's own name;
* the article's focus: the share of the article's places that lie in the candidate's country, the
  dateline's country, and the states or provinces the article names (a town inside one of them);
* its qualifier: "Paris, Texas", "London, Ont.", "Aleppo, Syria" — a candidate inside the qualifying
  state or country wins, one outside loses; "Homs province" prefers the province.

Two passes: the first ranks by size alone and gives the article's focus, the second ranks in it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from crisislens.knowledge.gazetteer import ABBREVIATION, ALTERNATE, DEMONYM, Candidate, GeoEntry, Gazetteer
from crisislens.nlp.phrases import normalize

KIND_PRIOR = {"country": 2.5, "continent": 2.0, "admin1": -0.5, "region": 1.0, "landmark": 3.0, "airport": 3.0, "base": 3.0}
MATCH_PENALTY = {ALTERNATE: 1.0, DEMONYM: 0.5, ABBREVIATION: 0.5}
CURATED_BONUS = 0.5
CAPITAL_BONUS = 1.0
FOCUS_WEIGHT = 3.0
DATELINE_WEIGHT = 1.5
ADMIN_FOCUS_WEIGHT = 2.0
QUALIFIED_INSIDE = 6.0
QUALIFIED_COUNTRY = 2.0
QUALIFIED_OUTSIDE = -3.0
FEATURE_MATCH = 3.0
# A place named without population (a base, an airport) still ranks as a small town.
MIN_POPULATION = 1000
# Words after a name that say what kind of place it is ("Homs province", "Kirkuk city").
FEATURE_WORDS = {
    "province": "admin1", "state": "admin1", "governorate": "admin1", "region": "admin1", "oblast": "admin1",
    "prefecture": "admin1", "county": "admin1", "district": "city", "city": "city", "town": "city", "village": "city",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ToponymMention:
    """A place name as written in an article, with what the text around it says."""

    text: str
    start: int = 0
    end: int = 0
    qualifier: str | None = None  # "Ky." in "Louisville, Ky."
    feature: str | None = None  # "province" in "Homs province"
    demonym: bool = False  # "Iraqi": a reference to a country, never an event's place


@dataclass(frozen=True, slots=True)
class ArticleFocus:
    """Where an article is about: its distinct place names' countries, its dateline, the regions it names.

    Each distinct name counts once, and a name never counts towards its own reading: "London" said
    twenty times in a story about Ontario must not outvote Ontario.
    """

    by_name: dict[str, tuple[str | None, tuple[str | None, str | None] | None]]  # key -> (country, region it names)
    dateline_country: str | None

    def country_share(self, country: str, excluding: str) -> float:
        votes = [c for key, (c, _) in self.by_name.items() if key != excluding and c is not None]
        return votes.count(country) / len(votes) if votes else 0.0

    def regions(self, excluding: str) -> set[tuple[str | None, str | None]]:
        return {region for key, (_, region) in self.by_name.items() if key != excluding and region is not None}


def _size(entry: GeoEntry) -> float:
    return math.log10(max(entry.population, MIN_POPULATION)) + KIND_PRIOR.get(entry.kind, 0.0)


def prior(candidate: Candidate) -> float:
    """The context-free score: size, kind, how the name matched."""
    entry = candidate.entry
    score = _size(entry) - MATCH_PENALTY.get(candidate.match, 0.0)
    if entry.curated:
        score += CURATED_BONUS
    if entry.capital:
        score += CAPITAL_BONUS
    return score


def _in_region(entry: GeoEntry, region: GeoEntry) -> bool:
    return entry.country == region.country and entry.admin1 is not None and entry.admin1 == region.admin1 and entry is not region


def score(candidate: Candidate, focus: ArticleFocus, key: str = "", qualifier: GeoEntry | None = None, feature: str | None = None) -> float:
    """The candidate's score in its article (``key``: the normalized name it was found by)."""
    entry = candidate.entry
    value = prior(candidate)
    if entry.country is not None:
        value += FOCUS_WEIGHT * focus.country_share(entry.country, key)
        if entry.country == focus.dateline_country:
            value += DATELINE_WEIGHT
        if entry.kind != "admin1" and entry.admin1 is not None and (entry.country, entry.admin1) in focus.regions(key):
            value += ADMIN_FOCUS_WEIGHT
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
    if focus is None:
        return max(candidates, key=lambda c: (prior(c), c.entry.population, -(c.entry.geonameid or 0))).entry
    return max(candidates, key=lambda c: (score(c, focus, key, qualifier, feature), c.entry.population, -(c.entry.geonameid or 0))).entry


def _qualifier_entry(gazetteer: Gazetteer, qualifier: str | None) -> GeoEntry | None:
    """What "Ky.", "Texas", "Syria" after a comma denote: a state, province or country."""
    if not qualifier:
        return None
    found = [c for c in gazetteer.candidates(qualifier) if c.entry.kind in ("admin1", "country") and c.match != DEMONYM]
    return best(found)


def candidates_for(gazetteer: Gazetteer, mention: ToponymMention) -> tuple[list[Candidate], str | None]:
    """The mention's candidates and its feature word ("Homs Province": Homs, "province")."""
    found = gazetteer.candidates(mention.text)
    if not mention.demonym:
        found = [c for c in found if c.match != DEMONYM] or found
    feature = mention.feature
    words = mention.text.split()
    if not found and len(words) > 1 and words[-1].lower() in FEATURE_WORDS:
        feature = words[-1].lower()
        found = gazetteer.candidates(" ".join(words[:-1]))
    if not found and len(words) > 1 and words[0].lower() in FEATURE_WORDS:  # "Province of Alberta"
        found = gazetteer.candidates(" ".join(words[1:]).removeprefix("of ").removeprefix("Of "))
    return found, feature


def article_focus(gazetteer: Gazetteer, mentions: Sequence[ToponymMention], dateline: str | None = None) -> ArticleFocus:
    """The article's focus from the first, context-free reading of its distinct toponyms."""
    by_name: dict[str, tuple[str | None, tuple[str | None, str | None] | None]] = {}
    for mention in mentions:
        key = normalize(mention.text)
        if key in by_name:
            continue
        found, _ = candidates_for(gazetteer, mention)
        qualifier = _qualifier_entry(gazetteer, mention.qualifier)
        entry = best(found, ArticleFocus({}, None), key, qualifier) if qualifier is not None else best(found)
        if entry is None:
            continue
        region = (entry.country, entry.admin1) if entry.kind == "admin1" and entry.admin1 else None
        by_name[key] = (entry.country, region)
    dateline_entry = best(gazetteer.candidates(dateline)) if dateline else None
    return ArticleFocus(by_name, dateline_entry.country if dateline_entry else None)


def resolve_mentions(gazetteer: Gazetteer, mentions: Sequence[ToponymMention], dateline: str | None = None,
                     focus_from: Sequence[ToponymMention] | None = None) -> list[GeoEntry | None]:  # fmt: skip
    """Each mention's place in the context of the article (``focus_from``: the mentions that set the focus, default all).

    Example:
        >>> [e.country for e in resolve_mentions(gazetteer, [ToponymMention("London"), ToponymMention("Ontario")])]
        ['CAN', 'CAN']
    """
    focus = article_focus(gazetteer, focus_from if focus_from is not None else mentions, dateline)
    resolved: list[GeoEntry | None] = []
    for mention in mentions:
        found, feature = candidates_for(gazetteer, mention)
        key = normalize(mention.text)
        qualifier = _qualifier_entry(gazetteer, mention.qualifier)
        regions = _regions_to_search(qualifier, focus, key)
        if regions and not mention.demonym and not any(_inside(c.entry, regions) for c in found):
            # "Edmonton" in a story about Kentucky: look among the small towns of the places the story is about.
            known = {c.entry.geonameid for c in found}
            found = found + [c for c in gazetteer.small_towns(mention.text, regions) if c.entry.geonameid not in known]
        resolved.append(best(found, focus, key, qualifier, feature))
    return resolved


def _regions_to_search(qualifier: GeoEntry | None, focus: ArticleFocus, key: str) -> set[tuple[str, str | None]]:
    if qualifier is not None and qualifier.country is not None:
        return {(qualifier.country, qualifier.admin1 if qualifier.kind == "admin1" else None)}
    return {(country, admin1) for country, admin1 in focus.regions(key) if country is not None and admin1 is not None}


def _inside(entry: GeoEntry, regions: set[tuple[str, str | None]]) -> bool:
    return (entry.country, entry.admin1) in regions or (entry.country, None) in regions

