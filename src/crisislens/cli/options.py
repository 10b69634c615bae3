"""Options and argument parsing shared by the commands."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from crisislens.store.duckdb import EventFilter

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB file, or the directory of a Parquet dataset (written by ingest --engine dask; read-only)", envvar="CRISISLENS_DB")]
LimitOption = Annotated[Optional[int], typer.Option("--limit", "-n", help="Show at most this many rows")]
SinceOption = Annotated[Optional[str], typer.Option(help="Events on or after this date (YYYY-MM-DD)")]
UntilOption = Annotated[Optional[str], typer.Option(help="Events on or before this date (YYYY-MM-DD)")]
ActorOption = Annotated[Optional[str], typer.Option(help="Source or target actor name contains this text, or its exact id")]
CountryOption = Annotated[Optional[str], typer.Option(help="ISO-3 country of the location or of either actor, e.g. IRQ")]
PlaceOption = Annotated[Optional[str], typer.Option(help="Location name contains this text, or ISO-3 country")]


def parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option) from None


def event_filter(since: str | None = None, until: str | None = None, **fields: object) -> EventFilter:
    """An EventFilter from command-line values (dates checked and parsed)."""
    return EventFilter(since=parse_date(since, "--since"), until=parse_date(until, "--until"), **fields)  # type: ignore[arg-type]
