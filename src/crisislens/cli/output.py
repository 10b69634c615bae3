"""How the CLI prints events, actors and articles: rich tables for people, JSONL/CSV/Parquet for programs."""

from __future__ import annotations

import csv
import enum
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from crisislens.errors import CrisislensError
from crisislens.models import Actor, ActorRef, Event, to_jsonable
from crisislens.store.duckdb import EventFilter, Store
from crisislens.views.export import ACLED_COLUMNS, GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS, acled_rows, gdelt_event_rows, gdelt_mention_rows

out = Console()
err = Console(stderr=True)

def fail(error: CrisislensError) -> typer.Exit:
    """Print ``error`` for a person and give the exit that ends the command with status 1."""
    err.print(f"[red]error:[/red] {error}", soft_wrap=True)  # paths and commands in it stay whole
    return typer.Exit(code=1)


CSV_FIELDS = (
    "event_id", "date", "date_precision", "date_text", "source_name", "source_actor_id", "source_country", "source_role",
    "target_name", "target_actor_id", "target_country", "target_role", "cameo", "cameo_root", "quad_class", "goldstein",
    "plover", "acled_type", "location_name", "lat", "lon", "location_country", "fatalities", "injured", "reported_by", "negated",
    "hypothetical", "num_articles",
)  # fmt: skip


class OutputFormat(str, enum.Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    acled = "acled"
    gdelt = "gdelt"


def _actor_label(actor: ActorRef | None) -> str:
    if actor is None:
        return "—"
    extra = "/".join(x for x in (actor.country, actor.role) if x and x != actor.actor_id)
    return f"{actor.name} ({extra})" if extra else actor.name


def _csv_row(event: Event) -> dict[str, Any]:
    data = event.to_dict()
    row = {key: data.get(key) for key in CSV_FIELDS if key in data}
    for role, actor in (("source", event.source_actor), ("target", event.target_actor)):
        row |= {f"{role}_name": actor.name if actor else None, f"{role}_actor_id": actor.actor_id if actor else None,
                f"{role}_country": actor.country if actor else None, f"{role}_role": actor.role if actor else None}  # fmt: skip
    place = event.location
    row |= {"location_name": place.name if place else None, "lat": place.lat if place else None,
            "lon": place.lon if place else None, "location_country": place.country if place else None}  # fmt: skip
    return row


def _open(output: Path | None) -> TextIO:
    return output.open("w", encoding="utf-8", newline="") if output else sys.stdout


def write_events(store: Store, where: EventFilter, fmt: OutputFormat, output: Path | None) -> None:
    """Write the events matching ``where`` in ``fmt`` to ``output`` (stdout when None)."""
    if fmt is OutputFormat.parquet:
        if output is None:
            raise CrisislensError("--format parquet needs --output FILE")
        store.export_parquet(output, where)
        return
    events = store.events(where)
    if fmt is OutputFormat.gdelt:
        _write_gdelt(store, events, output)
        return
    if fmt is OutputFormat.table:
        print_events_table(events)
        return
    handle = _open(output)
    try:
        if fmt is OutputFormat.jsonl:
            for event in events:
                handle.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        elif fmt is OutputFormat.acled:
            writer = csv.DictWriter(handle, fieldnames=ACLED_COLUMNS)
            writer.writeheader()
            writer.writerows(acled_rows(events))
        else:
            writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS)
            writer.writeheader()
            writer.writerows(_csv_row(e) for e in events)
    finally:
        if output:
            handle.close()


def _write_gdelt(store: Store, events: Sequence[Event], output: Path | None) -> None:
    """GDELT 2.0's two tab-separated tables (with a header row): OUTPUT.export.tsv and OUTPUT.mentions.tsv."""
    if output is None:
        raise CrisislensError("--format gdelt writes two files: give --output PREFIX")
    articles = store.article_metadata(sorted({m.article_id for e in events for m in e.mentions}))
    for suffix, columns, rows in (
        (".export.tsv", GDELT_EVENT_COLUMNS, gdelt_event_rows(events, articles)),
        (".mentions.tsv", GDELT_MENTION_COLUMNS, gdelt_mention_rows(events, articles)),
    ):
        with Path(f"{output}{suffix}").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, delimiter="\t")
            writer.writeheader()
            writer.writerows(rows)


def print_events_table(events: Sequence[Event]) -> None:
    table = Table(title=f"{len(events)} events", show_lines=False)
    for column in ("id", "date", "source", "action", "target", "place", "killed", "arts"):
        table.add_column(column, overflow="fold")
    for event in events:
        flags = "".join(f" [{flag}]" for flag, on in (("neg", event.negated), ("hyp", event.hypothetical)) if on)
        table.add_row(
            event.event_id[:8],
            f"{event.date.isoformat() if event.date else '?'}{'' if event.date_precision in (None, 'day') else ' ~' + event.date_precision}",
            _actor_label(event.source_actor),
            f"{event.cameo} {event.plover or ''}{flags}",
            _actor_label(event.target_actor),
            event.location.name if event.location else "—",
            "" if event.fatalities is None else str(event.fatalities),
            str(event.num_articles),
        )
    out.print(table)


def print_event_detail(event: Event) -> None:
    data = to_jsonable(event)
    out.print(f"[bold]event {event.event_id}[/bold]  CAMEO {event.cameo} (root {event.cameo_root}, quad {event.quad_class}, "
              f"Goldstein {event.goldstein}) PLOVER {event.plover or '—'} ACLED {event.acled_type or '—'}")  # fmt: skip
    out.print(f"  date      {data['date'] or '—'} ({event.date_precision or 'unknown'}) from {event.date_text!r}")
    out.print(f"  source    {_actor_label(event.source_actor)}")
    out.print(f"  target    {_actor_label(event.target_actor)}")
    out.print(f"  place     {event.location.name if event.location else '—'}")
    out.print(f"  killed    {event.fatalities if event.fatalities is not None else '—'}   injured {event.injured if event.injured is not None else '—'}")
    out.print(f"  says who  {'; '.join(event.reported_by) or '—'}")
    out.print(f"  flags     negated={event.negated} hypothetical={event.hypothetical}")
    out.print(f"  reported by {event.num_articles} article(s), {len(event.mentions)} mention(s):")
    for span in event.mentions:
        where = "headline" if span.sentence_index < 0 else f"sentence {span.sentence_index} [{span.start}:{span.end}]"
        out.print(Text(f"  · {span.article_id} {where}", style="cyan"))
        out.print(Text(f"    {span.sentence.strip()}"))


def print_actors(actors: Sequence[Actor], fmt: OutputFormat) -> None:
    if fmt is OutputFormat.jsonl:
        for actor in actors:
            sys.stdout.write(json.dumps(to_jsonable(actor), ensure_ascii=False) + "\n")
        return
    if fmt is OutputFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(("actor_id", "name", "type", "country", "role", "aliases", "mentions"))
        for a in actors:
            writer.writerow((a.actor_id, a.name, a.type, a.country, a.role, "|".join(a.aliases), a.mentions))
        return
    if fmt is OutputFormat.parquet:
        raise CrisislensError("actors support --format table, jsonl or csv")
    table = Table(title=f"{len(actors)} actors")
    for column in ("actor_id", "name", "type", "country", "role", "aliases", "mentions"):
        table.add_column(column, overflow="fold")
    for a in actors:
        table.add_row(a.actor_id, a.name, a.type, a.country or "", a.role or "", ", ".join(a.aliases[:6]), str(a.mentions))
    out.print(table)


def print_articles(rows: Sequence[dict[str, Any]]) -> None:
    table = Table(title=f"{len(rows)} articles")
    for column in ("article_id", "published", "source", "dateline", "title", "sentences", "mentions"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(str(row[c]) if row[c] is not None else "—" for c in ("article_id", "published", "source", "dateline", "title", "sentences", "mentions")))
    out.print(table)
