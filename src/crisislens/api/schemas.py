"""The JSON the REST API answers with (these models are also its OpenAPI schema)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from crisislens.models import TEXT_ORIGIN


class ErrorBody(BaseModel):
    error: str
    detail: list[dict[str, object]] | None = None


class ActorRefOut(BaseModel):
    name: str
    actor_id: str
    country: str | None
    role: str | None
    type: str


class PlaceOut(BaseModel):
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    precision: str
    origin: str = Field(
        TEXT_ORIGIN, description="Where the place was read: text (a sentence, the headline, the dateline) or outlet (the publisher's stamp or home town)"
    )


class EventSummary(BaseModel):
    event_id: str
    date: date | None
    date_precision: str | None
    summary: str = Field(description="One line: source — action — target, place")
    source_actor: ActorRefOut | None
    target_actor: ActorRefOut | None
    cameo: str
    cameo_root: str
    cameo_name: str | None
    plover: str | None
    acled_type: str | None
    goldstein: float
    quad_class: int
    location: PlaceOut | None
    fatalities: int | None
    injured: int | None
    num_articles: int


class ArticleRef(BaseModel):
    article_id: str
    title: str | None
    source: str | None
    published: date | None
    url: str | None


class Report(BaseModel):
    """One mention of an event: the sentence that reports it and where it is in its article."""

    mention_id: str
    article_id: str
    sentence_index: int
    sentence: str
    start: int = Field(description="Character offset of the sentence in the article text")
    end: int
    trigger: str
    cameo: str
    fatalities: int | None
    injured: int | None
    reported_by: str | None
    article: ArticleRef


class EventDetail(EventSummary):
    date_text: str | None
    reported_by: str | None
    negated: bool
    hypothetical: bool
    first_reported: date | None
    last_reported: date | None
    reports: list[Report]


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EventSummary]


class ActorOut(BaseModel):
    actor_id: str
    name: str
    type: str | None
    country: str | None
    role: str | None
    aliases: list[str]
    mentions: int
    events: int


class ActorPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ActorOut]


class Counterpart(BaseModel):
    actor_id: str
    name: str
    country: str | None
    events: int
    mean_goldstein: float | None


class ActorDetail(ActorOut):
    recent_events: list[EventSummary] = Field(description="Its latest events (up to 200), newest first")
    counterparts: list[Counterpart]


class ArticleSummary(BaseModel):
    article_id: str
    title: str | None
    published: date | None
    source: str | None
    url: str | None
    sentences: int
    mentions: int


class ArticlePage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ArticleSummary]


class ArticleDetail(BaseModel):
    article_id: str
    title: str | None
    published: date | None
    source: str | None
    url: str | None
    byline: str | None
    dateline: str | None
    text: str
    events: list[str]


class TimelinePoint(BaseModel):
    period: date = Field(description="First day of the period")
    events: int
    fatalities: int
    articles: int


class Timeline(BaseModel):
    by: str
    series: list[TimelinePoint]


class EscalationPoint(BaseModel):
    period: date
    events: int
    index: float = Field(description="Mean Goldstein score of the period's events (each event once), -10 … 10")
    conflict_share: float


class ChangePointOut(BaseModel):
    period: date = Field(description="First period of the new regime")
    before: float
    after: float
    direction: str = Field(description="escalation (the index fell) or de-escalation")


class Escalation(BaseModel):
    by: str
    series: list[EscalationPoint]
    change_points: list[ChangePointOut]


class NetworkNode(BaseModel):
    id: str
    name: str
    country: str | None
    type: str | None
    events: int


class NetworkEdge(BaseModel):
    source: str
    target: str
    events: int
    mean_goldstein: float | None
    conflict: int
    cooperation: int


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class MapCountry(BaseModel):
    country: str
    events: int
    fatalities: int


class MapPoint(BaseModel):
    name: str | None
    lat: float
    lon: float
    country: str | None
    events: int
    fatalities: int
    event_ids: list[str]


class MapSummary(BaseModel):
    countries: list[MapCountry]
    points: list[MapPoint]


class Stats(BaseModel):
    articles: int
    sentences: int
    mentions: int
    events: int
    actors: int
    first_date: date | None
    last_date: date | None


class ArticleIn(BaseModel):
    """One article as JSON (the same fields as a JSONL input line)."""

    id: str | None = Field(None, description="Article id; default: upload-<hash of the request body>-<position>")
    text: str
    title: str | None = None
    date: str | None = Field(None, description="Publication date, YYYY-MM-DD")
    source: str | None = None
    url: str | None = None


class SkippedOut(BaseModel):
    origin: str
    reason: str


class IngestResult(BaseModel):
    ingested: int
    unchanged: int
    skipped: list[SkippedOut]
    events: int
