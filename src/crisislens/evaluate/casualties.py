"""Casualty counts and incident dates against the Gun Violence Archive (SemEval-2018 task 5) records.

``gva_articles.jsonl`` holds local US news articles, each labelled with its incident;
``gva_incidents.jsonl`` holds the incident records (``date`` "April 9, 2017", ``city_or_county``,
``num_killed``, ``num_injured``). GVA counts every participant killed or injured, suspects too: a
shooter who killed himself, or one shot dead by police, is in ``num_killed``.

The articles are ingested as a user ingests a JSON Lines file (reader, pipeline, store, into a
temporary DuckDB file). Then, per gold incident (``SCORING_RULE``): each of its articles gives the
mentions of its main event (the rule of ``crisislens eval merge-gva``: the violent event with most of
the article's mentions), and those mentions of all the incident's articles are merged into one event
with ``events.build_event``, exactly as the pipeline merges the reports of one event (each article's
fullest count, then the most conservative across articles). Mentions of other incidents' articles
are left out, so a wrong cross-article merge does not blur the counts (``eval merge-gva`` scores that).
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from crisislens.errors import CrisislensError
from crisislens.events import build_event
from crisislens.evaluate.merge_gva import GoldArticle, MentionRow, articles_path, load_gva, main_events, write_jsonl
from crisislens.models import Event, EventMention
from crisislens.settings import PipelineSettings
from crisislens.store.records import mention_from_dict

logger = logging.getLogger(__name__)

INCIDENTS_FILE = "gva_incidents.jsonl"
SCORING_RULE = (
    "one prediction per gold incident: the mentions of each of its articles' main event (the violent event "
    "with most of the article's mentions), merged as the pipeline merges one event's reports (each article's "
    "fullest count, then the lowest across articles); no count where gold is 0 is right"
)


@dataclass(frozen=True, slots=True)
class GoldIncident:
    incident_id: str
    date: date | None
    city: str | None
    state: str | None
    killed: int
    injured: int


@dataclass(frozen=True, slots=True)
class Prediction:
    """What crisislens says about one incident: counts (None: none reported) and date."""

    killed: int | None
    injured: int | None
    date: date | None
    found: bool  # some article of the incident has an event at all


@dataclass(frozen=True, slots=True)
class Miss:
    incident_id: str
    kind: str  # killed | injured | date
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
        return self.exact / self.n if self.n else 0.0

    @property
    def mae(self) -> float:
        return self.abs_error / self.n if self.n else 0.0

    @property
    def silent_share(self) -> float:
        return self.silent / self.gold_positive if self.gold_positive else 0.0


@dataclass(slots=True)
class CasualtyScore:
    killed: _Count
    injured: _Count
    dated: int  # incidents with a gold date
    date_exact: int
    date_missing: int  # no event date at all
    articles: int
    no_event: int  # incidents whose articles gave no event at all
    misses: list[Miss]
    both: int = 0  # killed and injured both exact

    @property
    def n(self) -> int:
        return self.killed.n

    @property
    def date_acc(self) -> float:
        return self.date_exact / self.dated if self.dated else 0.0

    @property
    def both_acc(self) -> float:
        return self.both / self.n if self.n else 0.0

    def as_json(self) -> dict[str, object]:
        return {
            "n": self.n,
            "articles": self.articles,
            "killed_acc": round(self.killed.accuracy, 4),
            "injured_acc": round(self.injured.accuracy, 4),
            "both_acc": round(self.both_acc, 4),
            "killed_mae": round(self.killed.mae, 4),
            "injured_mae": round(self.injured.mae, 4),
            "killed_silent": round(self.killed.silent_share, 4),
            "injured_silent": round(self.injured.silent_share, 4),
            "date_acc": round(self.date_acc, 4),
            "date_missing": self.date_missing,
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
    """The incident records next to the articles (``gva_incidents.jsonl``), by incident id."""
    path = Path(path)
    source = path / INCIDENTS_FILE if path.is_dir() else path.with_name(INCIDENTS_FILE)
    incidents: dict[str, GoldIncident] = {}
    try:
        with source.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    r = json.loads(line)
                    incident = GoldIncident(
                        str(r["incident_uri"]), _gold_date(r.get("date")), r.get("city_or_county"), r.get("state"),
                        int(r["num_killed"]), int(r["num_injured"]),
                    )  # fmt: skip
                except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
                    raise CrisislensError(f"{source}:{number}: not a GVA incident record ({error})") from error
                incidents[incident.incident_id] = incident
    except OSError as error:
        raise CrisislensError(f"{source}: cannot read the incident records: {error.strerror}") from error
    if not incidents:
        raise CrisislensError(f"{source}: no incident records")
    return incidents


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


def ingest_mentions(
    articles: Sequence[GoldArticle], *, workers: int = 1, progress: Callable[[int, str], None] | None = None, keep: Path | None = None
) -> list[tuple[EventMention, str]]:
    """Ingest ``articles`` as a user would (JSON Lines into a fresh DuckDB file); every stored mention with its event id."""
    from crisislens.pipeline import ingest
    from crisislens.store.duckdb import Store

    with tempfile.TemporaryDirectory(prefix="crisislens-casualties-") as scratch:
        source = Path(scratch) / "gva.jsonl"
        write_jsonl(articles, source)
        db = keep or Path(scratch) / "gva.duckdb"
        with Store(db) as store:
            ingest([source], store, PipelineSettings(), workers=workers, progress=progress)
            rows = store.fetch("SELECT m.record, em.event_id FROM mentions m JOIN event_mentions em USING (mention_id)")
    return [(mention_from_dict(json.loads(row["record"])), row["event_id"]) for row in rows]


def incident_events(articles: Sequence[GoldArticle], mentions: Iterable[tuple[EventMention, str]]) -> dict[str, Event | None]:
    """Each incident's event as the pipeline would build it from its articles' main events (see ``SCORING_RULE``)."""
    pairs = list(mentions)
    main = main_events(MentionRow(m.span.article_id, m.span.sentence_index, m.span.start, event, m.cameo) for m, event in pairs)
    chosen: dict[str, list[EventMention]] = defaultdict(list)
    for mention, event in pairs:
        if main.get(mention.span.article_id) == event:
            chosen[mention.span.article_id].append(mention)
    by_incident: dict[str, list[EventMention]] = {a.incident_id: [] for a in articles}
    for article in articles:
        by_incident[article.incident_id].extend(chosen.get(article.doc_id, ()))
    return {incident: build_event(found) if found else None for incident, found in by_incident.items()}


def score_incidents(incidents: Mapping[str, GoldIncident], events: Mapping[str, Event | None], articles: int) -> CasualtyScore:
    """Exact accuracy, mean absolute error and silence for killed and injured; date accuracy; every miss."""
    score = CasualtyScore(_Count(), _Count(), 0, 0, 0, articles, 0, [])
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
        if gold.date is not None:
            score.dated += 1
            predicted = event.date if event and event.date_precision == "day" else None
            score.date_missing += event is None or event.date is None
            score.date_exact += predicted == gold.date
            if predicted != gold.date:
                score.misses.append(Miss(incident_id, "date", gold.date.isoformat(), event.date.isoformat() if event and event.date else None))
    return score
