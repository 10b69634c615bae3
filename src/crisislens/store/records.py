"""Rebuild records from the JSON the store keeps (the inverse of ``models.to_jsonable``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from crisislens.models import ActorRef, Claim, Event, EventMention, MentionSpan, Place, TimeValue


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _actor(data: dict[str, Any] | None) -> ActorRef | None:
    return ActorRef(**data) if data else None


def _place(data: dict[str, Any] | None) -> Place | None:
    return Place(**data) if data else None


def _time(data: dict[str, Any] | None) -> TimeValue | None:
    if not data:
        return None
    return TimeValue(**{**data, "value": _date(data.get("value"))})


def _claims(data: list[dict[str, Any]] | None) -> tuple[Claim, ...]:
    """Claims as stored (absent from records stored before the field existed)."""
    return tuple(Claim(**{**c, "sentences": tuple(c.get("sentences", ()))}) for c in data or ())


def mention_from_dict(data: dict[str, Any]) -> EventMention:
    return EventMention(
        **{
            **data,
            "acled_type": data.get("acled_type"),  # absent from records stored before the field existed
            "span": MentionSpan(**data["span"]),
            "source": _actor(data["source"]),
            "target": _actor(data["target"]),
            "time": _time(data["time"]),
            "place": _place(data["place"]),
            "published": _date(data["published"]),
            "claims": _claims(data.get("claims")),
        }
    )


def event_from_dict(data: dict[str, Any]) -> Event:
    return Event(
        **{
            **data,
            "acled_type": data.get("acled_type"),
            "date": _date(data["date"]),
            "source_actor": _actor(data["source_actor"]),
            "target_actor": _actor(data["target_actor"]),
            "location": _place(data["location"]),
            "reported_by": tuple(data["reported_by"]),
            "mentions": tuple(MentionSpan(**m) for m in data["mentions"]),
            "first_reported": _date(data["first_reported"]),
            "last_reported": _date(data["last_reported"]),
            "fatalities_reported": tuple(data["fatalities_reported"]),
            "claims": _claims(data.get("claims")),
        }
    )
