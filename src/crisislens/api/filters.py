"""Query parameters shared by every event endpoint, turned into the store's EventFilter."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import HTTPException, Query

from crisislens.store.duckdb import BoundingBox, EventFilter

_DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_NUMBER = r"-?[0-9]{1,3}(\.[0-9]{1,8})?"


def event_filter(
    since: Annotated[str | None, Query(pattern=_DAY, json_schema_extra={"format": "date"}, description="Events on or after this day (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, Query(pattern=_DAY, json_schema_extra={"format": "date"}, description="Events on or before this day (YYYY-MM-DD)")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Source or target actor name contains this, or its exact id")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO-3 country of the place or of either actor")] = None,
    cameo: Annotated[str | None, Query(pattern=r"^[0-9]{2,4}$", description="CAMEO code prefix, e.g. 19 or 190")] = None,
    plover: Annotated[str | None, Query(max_length=40, description="PLOVER event type, e.g. ASSAULT")] = None,
    acled_type: Annotated[str | None, Query(max_length=80, description="ACLED sub-event type, e.g. Air/drone strike")] = None,
    place: Annotated[str | None, Query(max_length=200, description="Place name contains this, or ISO-3 country of the place")] = None,
    bbox: Annotated[
        str | None,
        Query(
            pattern=rf"^{_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER}$",
            description="west,south,east,north in degrees (min_lon,min_lat,max_lon,max_lat); west > east crosses the antimeridian",
        ),
    ] = None,
    q: Annotated[str | None, Query(max_length=200, description="A reporting sentence contains this text")] = None,
) -> EventFilter:
    return EventFilter(
        since=_day(since, "since"),
        until=_day(until, "until"),
        actor=actor or None,
        country=country,
        cameo=cameo,
        plover=plover or None,
        acled_type=acled_type or None,
        place=place or None,
        bbox=_bounding_box(bbox) if bbox else None,
        text=q or None,
    )

def _day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name}: {value!r} is not a calendar day (YYYY-MM-DD)") from None


def _bounding_box(value: str) -> BoundingBox:
    """The box the four numbers describe, clamped to the globe (latitudes in either order)."""
    west, south, east, north = (float(part) for part in value.split(","))
    return BoundingBox(_clamp(west, 180), _clamp(min(south, north), 90), _clamp(east, 180), _clamp(max(south, north), 90))


def _clamp(degrees: float, limit: float) -> float:
    return min(max(degrees, -limit), limit)
