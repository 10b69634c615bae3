"""Records passed between pipeline stages.

Every stage takes and returns these frozen dataclasses; the store, the CLI and
the JSON output all use the same types (``to_dict`` gives the data contract).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

DATE_PRECISIONS = ("day", "week", "month", "year")
# CAMEO roots of violence: coerce with force (18), fight (19), mass violence (20).
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
TEXT_ORIGIN, OUTLET_ORIGIN = "text", "outlet"  # where a place was read (``Place.origin``)


def stable_hash(*parts: Any, length: int = 16) -> str:
    """A short hex digest of the JSON of ``parts``: the same input gives the same id."""
    payload = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned news article with its metadata."""

    article_id: str
    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    byline: str | None = None
    dateline: str | None = None
    origin: str | None = None

    @property
    def content_hash(self) -> str:
        """Changes whenever the text or a metadata field that affects coding changes."""
        return stable_hash(self.text, self.title, self.published, self.source, self.dateline)


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be read as an article, with the reason why."""

    origin: str
    reason: str


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A resolved time expression.

    ``value`` is the first day of the period meant (the day itself at day precision);
    it is None when the expression needs a publication date that is missing or
    cannot be resolved at all. ``start``/``end`` are character offsets in the text
    the expression was found in.
    """

    text: str
    value: date | None
    precision: str | None
    start: int = 0
    end: int = 0
    qualifier: str | None = None


@dataclass(frozen=True, slots=True)
class Casualties:
    """Killed and injured counts read from one sentence (None: not reported)."""

    killed: int | None = None
    injured: int | None = None
    killed_text: str | None = None
    injured_text: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One source's killed and injured figures for an event, as one article reports them.

    ``source`` is who says so (None: the article states it as fact); ``claimed`` is True when
    the source claims or alleges it rather than says or confirms it; ``sentences`` are the
    indices of the article's sentences the figures come from (-1: its headline).
    """

    source: str | None
    killed: int | None
    injured: int | None
    article_id: str
    sentences: tuple[int, ...] = ()
    claimed: bool = False


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as it takes part in one event mention."""

    name: str
    actor_id: str
    country: str | None = None
    role: str | None = None
    type: str = "group"


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor with every surface form seen for it."""

    actor_id: str
    name: str
    type: str
    country: str | None = None
    role: str | None = None
    aliases: tuple[str, ...] = ()
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    precision: str  # landmark | city | region | country
    # Where the place was read: "text" (a sentence, the headline, the dateline) or "outlet" (the publisher's
    # headline stamp or home town, a last resort that says where the outlet is, not where the event was).
    origin: str = TEXT_ORIGIN


@dataclass(frozen=True, slots=True)
class MentionSpan:
    """Where an event is reported: the sentence and its character offsets in the article text."""

    article_id: str
    sentence_index: int
    sentence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class EventMention:
    """One report of one event in one sentence."""

    mention_id: str
    span: MentionSpan
    trigger: str
    source: ActorRef | None
    target: ActorRef | None
    cameo: str
    goldstein: float
    quad_class: int
    plover: str | None
    acled_type: str | None
    time: TimeValue | None
    place: Place | None
    fatalities: int | None
    injured: int | None
    reported_by: str | None
    negated: bool
    hypothetical: bool
    published: date | None
    # The article's figures for this event by source, and how fatalities/injured were chosen from them.
    claims: tuple[Claim, ...] = ()
    count_rule: str | None = None

    @property
    def cameo_root(self) -> str:
        return self.cameo[:2]


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event, merged from all the mentions that report it."""

    event_id: str
    date: date | None
    date_precision: str | None
    date_text: str | None
    source_actor: ActorRef | None
    target_actor: ActorRef | None
    cameo: str
    quad_class: int
    goldstein: float
    plover: str | None
    acled_type: str | None
    location: Place | None
    fatalities: int | None
    injured: int | None
    reported_by: tuple[str, ...]
    negated: bool
    hypothetical: bool
    mentions: tuple[MentionSpan, ...]
    num_articles: int
    first_reported: date | None = None
    last_reported: date | None = None
    fatalities_reported: tuple[int, ...] = field(default=())
    # Every source's figures side by side (contested claims included), and the rule that chose
    # ``fatalities`` and ``injured`` from them.
    claims: tuple[Claim, ...] = field(default=())
    casualty_rule: str | None = None

    @property
    def cameo_root(self) -> str:
        return self.cameo[:2]

    def to_dict(self) -> dict[str, Any]:
        """The event as the JSON data contract describes it."""
        data = to_jsonable(self)
        data["cameo_root"] = self.cameo_root
        data["reported_by"] = "; ".join(self.reported_by) if self.reported_by else None
        data["reporters"] = list(self.reported_by)
        return data


@lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


_PLAIN = (str, int, float, type(None))


def to_jsonable(record: Any) -> Any:
    """Turn nested records into plain JSON values (dates as ISO strings)."""
    if isinstance(record, _PLAIN):  # most values: answered before the slower dataclass test
        return record
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {name: to_jsonable(getattr(record, name)) for name in _field_names(type(record))}
    if isinstance(record, (list, tuple)):
        return [to_jsonable(item) for item in record]
    if isinstance(record, dict):
        return {key: to_jsonable(value) for key, value in record.items()}
    if isinstance(record, date):
        return record.isoformat()
    return record
