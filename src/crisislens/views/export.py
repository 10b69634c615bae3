"""Events in the column layouts analysts' tools already read: ACLED's CSV and GDELT 2.0's event and mentions tables.

Only columns crisislens can fill truthfully are written; GDELT's tone and geo-feature columns are left
out rather than faked. The column names and their order follow each source's codebook.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from crisislens.models import ActorRef, Event

# ACLED's event type for each sub-event type (ACLED codebook 2023, section 3).
ACLED_EVENT_TYPES = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}
# ACLED time precision: 1 the day is known, 2 the week, 3 only the month or year.
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
# ACLED geo precision: 1 the town itself, 2 a part of a region near it, 3 a larger region or the country.
_GEO_PRECISION = {"landmark": 1, "city": 1, "region": 2, "country": 3}

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "iso3", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
)  # fmt: skip
GDELT_EVENT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "IsRootEvent", "EventCode", "EventBaseCode",
    "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "ActionGeo_FullName",
    "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "DATEADDED", "SOURCEURL",
)  # fmt: skip
GDELT_MENTION_COLUMNS = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "ActionCharOffset", "InRawText",
)  # fmt: skip


def acled_rows(events: Iterable[Event]) -> Iterator[dict[str, Any]]:
    """One ACLED-style row per event that ACLED would record (those with a sub-event type)."""
    for event in events:
        if event.acled_type is None:
            continue
        place = event.location
        yield {
            "event_id_cnty": event.event_id,
            "event_date": event.date,
            "year": event.date.year if event.date else None,
            "time_precision": _TIME_PRECISION.get(event.date_precision or ""),
            "event_type": ACLED_EVENT_TYPES.get(event.acled_type, "Strategic developments"),
            "sub_event_type": event.acled_type,
            "actor1": _actor_name(event.source_actor),
            "actor2": _actor_name(event.target_actor),
            "iso3": place.country if place else None,
            "location": place.name if place else None,
            "latitude": place.lat if place else None,
            "longitude": place.lon if place else None,
            "geo_precision": _GEO_PRECISION.get(place.precision) if place else None,
            "source": "; ".join(event.reported_by) or None,
            "notes": event.mentions[0].sentence if event.mentions else None,
            "fatalities": event.fatalities or 0,  # ACLED records 0 when no deaths are reported
        }


def gdelt_event_rows(events: Iterable[Event], articles: Mapping[str, Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    """GDELT 2.0 event-table rows; ``articles`` maps article id to its ``source``, ``url`` and ``published``."""
    for event in events:
        place = event.location
        first = articles.get(event.mentions[0].article_id, {}) if event.mentions else {}
        yield {
            "GLOBALEVENTID": event.event_id,
            "SQLDATE": _gdelt_day(event.date),
            "MonthYear": event.date.strftime("%Y%m") if event.date else None,
            "Year": event.date.year if event.date else None,
            **_gdelt_actor("Actor1", event.source_actor),
            **_gdelt_actor("Actor2", event.target_actor),
            "IsRootEvent": 1,
            "EventCode": event.cameo,
            "EventBaseCode": event.cameo[:3],
            "EventRootCode": event.cameo_root,
            "QuadClass": event.quad_class,
            "GoldsteinScale": event.goldstein,
            "NumMentions": len(event.mentions),
            "NumSources": len({articles.get(m.article_id, {}).get("source") for m in event.mentions}),
            "NumArticles": event.num_articles,
            "ActionGeo_FullName": place.name if place else None,
            "ActionGeo_CountryCode": place.country if place else None,
            "ActionGeo_Lat": place.lat if place else None,
            "ActionGeo_Long": place.lon if place else None,
            "DATEADDED": _gdelt_day(event.first_reported),
            "SOURCEURL": (first.get("url") or event.mentions[0].article_id) if event.mentions else None,
        }


def gdelt_mention_rows(events: Iterable[Event], articles: Mapping[str, Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    """GDELT 2.0 mentions-table rows: one per sentence that reports an event (MentionType 1 = web)."""
    for event in events:
        for mention in event.mentions:
            article = articles.get(mention.article_id, {})
            yield {
                "GLOBALEVENTID": event.event_id,
                "EventTimeDate": _gdelt_day(event.date),
                "MentionTimeDate": _gdelt_day(article.get("published")),
                "MentionType": 1,
                "MentionSourceName": article.get("source"),
                "MentionIdentifier": article.get("url") or mention.article_id,
                "SentenceID": mention.sentence_index + 1,
                "ActionCharOffset": mention.start,
                "InRawText": 1,
            }


def _actor_name(actor: ActorRef | None) -> str | None:
    if actor is None:
        return None
    return f"{actor.name} ({actor.country})" if actor.country and actor.country not in actor.name else actor.name


def _gdelt_actor(prefix: str, actor: ActorRef | None) -> dict[str, Any]:
    return {
        f"{prefix}Code": actor.actor_id if actor else None,
        f"{prefix}Name": actor.name.upper() if actor else None,
        f"{prefix}CountryCode": actor.country if actor else None,
        f"{prefix}Type1Code": actor.role if actor else None,
    }


def _gdelt_day(day: Any) -> str | None:
    return day.strftime("%Y%m%d") if day else None
