"""Incident date, place and casualty counts against the Gun Violence Archive (SemEval-2018 task 5) records.

``gva_articles.jsonl`` holds local US news articles, each labelled with its incident and with its
publication date (``dct``); ``gva_incidents.jsonl`` holds the incident records (``date`` "April 9,
2017", ``state``, ``city_or_county``, ``num_killed``, ``num_injured``) and ``all.lat_long.json`` the
incidents' coordinates. GVA counts every participant killed or injured, suspects too: a shooter
who killed himself, or one shot dead by police, is in ``num_killed``.

The articles are ingested as a user ingests a JSON Lines file (reader, pipeline, store, into a
temporary DuckDB file). Then, per gold incident (``SCORING_RULE``): each of its articles gives the
mentions of its main event (the rule of ``crisislens eval merge gva``: the violent event with most of
the article's mentions told as fact, ties to one dated to a day), and those mentions of all the
incident's articles are merged into one event with ``events.build_event``, exactly as the pipeline
merges the reports of one event (each article's fullest count, then the lowest killed and the middle
injured across articles). Mentions of other incidents' articles are left out, so a wrong cross-article
merge does not blur the scores (``eval merge gva`` scores that).

The incident's place is the dataset's coordinate for it where ``all.lat_long.json`` has one, else
its city and state geocoded with the offline gazetteer; the event's place is right within
``PLACE_KM`` of it.
"""

from __future__ import annotations

import json
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from statistics import median
from typing import TYPE_CHECKING

from crisislens.errors import CrisislensError
from crisislens.events import build_event
from crisislens.evaluate.geo import distance_km
from crisislens.evaluate.merge_gva import GoldArticle, articles_path, load_gva, main_events, mention_row, read_records
from crisislens.evaluate.metrics import share
from crisislens.knowledge.gazetteer import PRIMARY, Gazetteer
from crisislens.models import Event, EventMention
from crisislens.store.records import mention_from_dict

if TYPE_CHECKING:
    from crisislens.store.duckdb import Store

logger = logging.getLogger(__name__)

INCIDENTS_FILE = "gva_incidents.jsonl"
COORDINATES_FILE = "all.lat_long.json"
PLACE_KM = 40.0
SCORING_RULE = (
    "one prediction per gold incident: the mentions of each of its articles' main event (the violent event "
    "that hurt someone, then with most of the article's mentions told as fact, ties to one dated to a day), merged as the pipeline merges "
    "one event's reports (each article's fullest count, then the lowest killed and the middle injured across "
    "articles); no count where gold is 0 is right; the date is right at day precision; the place is right within "
    f"{PLACE_KM:g} km of the incident's coordinates"
)
# "Chicago (Englewood)", "Bexar (county)": the part in brackets is a neighbourhood or says "county".
_BRACKETED = re.compile(r"\s*\(([^)]*)\)\s*$")


@dataclass(frozen=True, slots=True)
class GoldIncident:
    incident_id: str
    date: date | None
    city: str | None
    state: str | None
    killed: int
    injured: int
    coordinates: tuple[float, float] | None = None  # (lat, lon): the dataset's, else the geocoded city


@dataclass(frozen=True, slots=True)
class Miss:
    incident_id: str
    kind: str  # killed | injured | date | place
    gold: object
    predicted: object


@dataclass(slots=True)
class _Count:
    """Agreement on one quantity over the scored incidents."""

    n: int = 0
    exact: int = 0
    abs_error: int = 0
    silent: int = 0  # nothing reported though gold > 0
    gold_positive: int = 0

    def add(self, gold: int, predicted: int | None) -> None:
        self.n += 1
        value = 0 if predicted is None else predicted  # "nothing reported" reads as none killed
        self.exact += value == gold
        self.abs_error += abs(value - gold)
        if gold > 0:
            self.gold_positive += 1
            self.silent += predicted is None

    @property
    def accuracy(self) -> float:
        return share(self.exact, self.n)

    @property
    def mae(self) -> float:
        return share(self.abs_error, self.n)

    @property
    def silent_share(self) -> float:
        return share(self.silent, self.gold_positive)


@dataclass(slots=True)
class _Places:
    """Event places against the incidents' coordinates."""

    n: int = 0  # incidents with gold coordinates
    within: int = 0  # placed within PLACE_KM
    missing: int = 0  # no event place (or one without coordinates)
    country_only: int = 0  # placed only at country precision
    km: list[float] = field(default_factory=list)  # distance of every placed incident

    @property
    def accuracy(self) -> float:
        return share(self.within, self.n)

    @property
    def median_km(self) -> float | None:
        return median(self.km) if self.km else None


@dataclass(slots=True)
class IncidentScore:
    killed: _Count
    injured: _Count
    places: _Places
    articles: int
    dated: int = 0  # incidents with a gold date
    date_exact: int = 0
    date_missing: int = 0  # no event date at all
    date_coarse: int = 0  # an event date, but coarser than a day
    no_event: int = 0  # incidents whose articles gave no event at all
    both: int = 0  # killed and injured both exact
    misses: list[Miss] = field(default_factory=list)

    @property
    def n(self) -> int:
        return self.killed.n

    @property
    def date_acc(self) -> float:
        return share(self.date_exact, self.dated)

    @property
    def both_acc(self) -> float:
        return share(self.both, self.n)

    def as_json(self) -> dict[str, object]:
        median = self.places.median_km
        return {
            "n": self.n,
            "articles": self.articles,
            "date_exact": round(self.date_acc, 4),
            "killed_exact": round(self.killed.accuracy, 4),
            "injured_exact": round(self.injured.accuracy, 4),
            "place_40km": round(self.places.accuracy, 4),
            "both_exact": round(self.both_acc, 4),
            "killed_mae": round(self.killed.mae, 4),
            "injured_mae": round(self.injured.mae, 4),
            "killed_silent": round(self.killed.silent_share, 4),
            "injured_silent": round(self.injured.silent_share, 4),
            "dated": self.dated,
            "date_missing": self.date_missing,
            "date_coarse": self.date_coarse,
            "placed_n": self.places.n,
            "place_missing": self.places.missing,
            "place_country_only": self.places.country_only,
            "place_median_km": round(median, 1) if median is not None else None,
            "incidents_without_event": self.no_event,
            "scoring_rule": SCORING_RULE,
        }


def _gold_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return datetime.strptime(text.strip(), "%B %d, %Y").date()
    except ValueError:
        return None


def load_incidents(path: str | Path) -> dict[str, GoldIncident]:
    """The incident records next to the articles (``gva_incidents.jsonl``), by incident id, without coordinates."""
    path = Path(path)
    source = path / INCIDENTS_FILE if path.is_dir() else path.with_name(INCIDENTS_FILE)
    incidents = {incident.incident_id: incident for incident in read_records(source, "GVA incident", _gold_incident)}
    if not incidents:
        raise CrisislensError(f"{source}: no incident records")
    return incidents


def _gold_incident(r: dict) -> GoldIncident:
    return GoldIncident(
        str(r["incident_uri"]), _gold_date(r.get("date")), r.get("city_or_county"), r.get("state"), int(r["num_killed"]), int(r["num_injured"])
    )


def load_coordinates(path: str | Path) -> dict[str, tuple[float, float]]:
    """``all.lat_long.json`` next to the articles (incident id → [lat, lon]); empty when the file is absent."""
    path = Path(path)
    source = path / COORDINATES_FILE if path.is_dir() else path.with_name(COORDINATES_FILE)
    if not source.is_file():
        return {}
    try:
        raw = json.loads(source.read_text(encoding="utf-8"))
        return {str(incident): (float(pair[0]), float(pair[1])) for incident, pair in raw.items()}
    except (OSError, json.JSONDecodeError, AttributeError, IndexError, TypeError, ValueError) as error:
        raise CrisislensError(f"{source}: not a map of incident id to [lat, lon] ({error})") from error


def geocode_city(gazetteer: Gazetteer, city: str | None, state: str | None) -> tuple[float, float] | None:
    """A US city in a state, by the offline gazetteer: the most populous town of that name in the state."""
    if not city or not state:
        return None
    bracketed = _BRACKETED.search(city)
    name = city[: bracketed.start()] if bracketed else city
    if bracketed and bracketed.group(1).lower() == "county":
        return None  # a county, not a town: the gazetteer has no counties
    regions = {c.entry.admin1 for c in gazetteer.candidates(state) if c.entry.kind == "admin1" and c.entry.country == "USA"}
    if not regions:
        return None
    towns = [c for c in gazetteer.candidates(name) if c.entry.country == "USA" and c.entry.admin1 in regions and c.entry.kind == "city"]
    towns = towns or gazetteer.small_towns(name, [("USA", region) for region in regions])
    if not towns:
        return None
    best = max(towns, key=lambda c: (c.match == PRIMARY, c.entry.population))
    return best.entry.lat, best.entry.lon


def locate_incidents(
    incidents: Mapping[str, GoldIncident], coordinates: Mapping[str, tuple[float, float]], gazetteer: Gazetteer | None
) -> dict[str, GoldIncident]:
    """The incidents with their coordinates: the dataset's, else (with a gazetteer) the geocoded city."""
    located: dict[str, GoldIncident] = {}
    for incident_id, incident in incidents.items():
        point = coordinates.get(incident_id)
        if point is None and gazetteer is not None:
            point = geocode_city(gazetteer, incident.city, incident.state)
        located[incident_id] = GoldIncident(
            incident.incident_id, incident.date, incident.city, incident.state, incident.killed, incident.injured, point
        )
    return located


def load_scored_articles(path: str | Path, incidents: Mapping[str, GoldIncident], limit: int | None = None) -> list[GoldArticle]:
    """The articles of incidents that have a gold record, whole incidents in file order up to ``limit`` articles."""
    articles = [a for a in load_gva(articles_path(path)) if a.incident_id in incidents]
    if limit is None:
        chosen = articles
    else:
        by_incident: dict[str, list[GoldArticle]] = defaultdict(list)
        for article in articles:
            by_incident[article.incident_id].append(article)
        chosen = []
        for group in by_incident.values():
            if chosen and len(chosen) + len(group) > limit:
                break
            chosen.extend(group)
    if not chosen:
        raise CrisislensError(f"{path}: no articles of an incident with a gold record")
    return chosen


def read_event_mentions(store: Store) -> list[tuple[EventMention, str]]:
    """Every stored mention with its event id."""
    rows = store.fetch("SELECT m.record, em.event_id FROM mentions m JOIN event_mentions em USING (mention_id)")
    return [(mention_from_dict(json.loads(row["record"])), row["event_id"]) for row in rows]


def incident_events(articles: Sequence[GoldArticle], mentions: Iterable[tuple[EventMention, str]]) -> dict[str, Event | None]:
    """Each incident's event as the pipeline would build it from its articles' main events (see ``SCORING_RULE``)."""
    pairs = list(mentions)
    main = main_events(mention_row(m, event) for m, event in pairs)
    chosen: dict[str, list[EventMention]] = defaultdict(list)
    for mention, event in pairs:
        if main.get(mention.span.article_id) == event:
            chosen[mention.span.article_id].append(mention)
    by_incident: dict[str, list[EventMention]] = {a.incident_id: [] for a in articles}
    for article in articles:
        by_incident[article.incident_id].extend(chosen.get(article.doc_id, ()))
    return {incident: build_event(found) if found else None for incident, found in by_incident.items()}


def _score_place(score: IncidentScore, gold: GoldIncident, event: Event | None) -> None:
    if gold.coordinates is None:
        return
    places = score.places
    places.n += 1
    location = event.location if event else None
    if location is None or location.lat is None or location.lon is None:
        places.missing += 1
        score.misses.append(Miss(gold.incident_id, "place", f"{gold.city}, {gold.state}", None))
        return
    places.country_only += location.precision == "country"
    distance = distance_km(*gold.coordinates, location.lat, location.lon)
    places.km.append(distance)
    if distance <= PLACE_KM:
        places.within += 1
    else:
        score.misses.append(Miss(gold.incident_id, "place", f"{gold.city}, {gold.state}", f"{location.name} ({distance:.0f} km)"))


def _score_date(score: IncidentScore, gold: GoldIncident, event: Event | None) -> None:
    if gold.date is None:
        return
    score.dated += 1
    predicted = event.date if event and event.date_precision == "day" else None
    score.date_missing += event is None or event.date is None
    score.date_coarse += event is not None and event.date is not None and event.date_precision != "day"
    score.date_exact += predicted == gold.date
    if predicted != gold.date:
        found = f"{event.date.isoformat()} ({event.date_precision})" if event and event.date else None
        score.misses.append(Miss(gold.incident_id, "date", gold.date.isoformat(), found))


def score_incidents(incidents: Mapping[str, GoldIncident], events: Mapping[str, Event | None], articles: int) -> IncidentScore:
    """Exact accuracy, mean absolute error and silence for killed and injured; date and place accuracy; every miss."""
    score = IncidentScore(_Count(), _Count(), _Places(), articles)
    for incident_id in sorted(events):
        gold, event = incidents[incident_id], events[incident_id]
        killed = event.fatalities if event else None
        injured = event.injured if event else None
        score.no_event += event is None
        score.killed.add(gold.killed, killed)
        score.injured.add(gold.injured, injured)
        score.both += (killed or 0) == gold.killed and (injured or 0) == gold.injured
        for kind, want, got in (("killed", gold.killed, killed), ("injured", gold.injured, injured)):
            if (got or 0) != want:
                score.misses.append(Miss(incident_id, kind, want, got))
        _score_date(score, gold, event)
        _score_place(score, gold, event)
    return score
