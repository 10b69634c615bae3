"""``crisislens timeline | network | escalation``: the analyst's views, on the command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.table import Table
from rich.text import Text

from crisislens.cli.options import (
    ActorOption,
    CountryOption,
    DbOption,
    LimitOption,
    PlaceOption,
    SinceOption,
    UntilOption,
    event_filter,
)
from crisislens.cli.output import fail, out
from crisislens.errors import CrisislensError
from crisislens.knowledge import load_knowledge
from crisislens.settings import DEFAULT_DB
from crisislens.store.duckdb import Store
from crisislens.views import aggregate
from crisislens.views.describe import summary_line
from crisislens.views.graph import graphml
from crisislens.views.summary import summarize

ByOption = Annotated[Optional[aggregate.Period], typer.Option("--by", help="Count per day, week or month instead of listing events")]
JsonFlag = Annotated[bool, typer.Option("--json", help="One JSON object on stdout")]


def timeline(
    db: DbOption = DEFAULT_DB,
    actor: ActorOption = None,
    country: CountryOption = None,
    place: PlaceOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    by: ByOption = None,
    as_json: JsonFlag = False,
    limit: LimitOption = None,
    summary: Annotated[bool, typer.Option("--summary", help="Only the most important events (coverage, deaths, Goldstein score, actor prominence), in date order")] = False,
    top: Annotated[int, typer.Option("--top", min=1, help="How many events --summary keeps")] = 10,
) -> None:
    """The events in date order, one line each — or, with --by, counts per period.

    With --summary only the --top most important dated events are listed (in date order):
    importance adds how many articles report an event (counted twice), how many were killed,
    how far its Goldstein score is from neutral, and how prominent its actors are in the topic.

    Examples:

        crisislens timeline --actor Soleimani

        crisislens timeline --summary --top 5 --actor Iran

        crisislens timeline --country IRQ --since 2020-01-01 --until 2020-01-31

        crisislens timeline --by week --json
    """
    names = {code: entry.name for code, entry in load_knowledge().cameo.items()}
    try:
        with Store(db, read_only=True) as store:
            if by is not None:
                where = event_filter(since, until, actor=actor, country=country, place=place)
                _print_periods(aggregate.timeline(store, where, by), by, as_json)
                return
            events = store.events(event_filter(since, until, actor=actor, country=country, place=place, limit=None if summary else limit))
    except CrisislensError as error:
        raise fail(error) from error
    picked = summarize(events, top) if summary else [(e, None) for e in events if e.date is not None]
    dated = [e for e, _ in picked]
    if as_json:
        rows = [{"event_id": e.event_id, "date": e.date, "date_precision": e.date_precision, "summary": summary_line(e, names),
                 "fatalities": e.fatalities, "num_articles": e.num_articles, **({"importance": round(score, 3)} if score is not None else {})}
                for e, score in picked]
        typer.echo(json.dumps({"events": rows}, default=str))
        return
    table = Table("date", "id", "what happened", "killed", "arts", box=None)
    for event in dated:
        precision = "" if event.date_precision == "day" else f" ({event.date_precision})"
        table.add_row(f"{event.date}{precision}", event.event_id[:8], summary_line(event, names), _count(event.fatalities), str(event.num_articles))
    out.print(table)
    if summary:
        out.print(f"[dim]the {len(dated)} most important of {len(events)} events[/dim]")
    elif len(dated) < len(events):
        out.print(f"[dim]{len(events) - len(dated)} undated events not shown[/dim]")


def escalation(
    db: DbOption = DEFAULT_DB,
    dyad: Annotated[Optional[tuple[str, str]], typer.Option("--dyad", help="Two actors (name text or id), events between them either way")] = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    by: Annotated[aggregate.Period, typer.Option("--by", help="Period length")] = "week",
    as_json: JsonFlag = False,
) -> None:
    """The conflict–cooperation index per period, and where it shifted.

    The index is the mean Goldstein score (−10 war … +10 cooperation) of the period's events,
    each event counted once however many articles report it, so a busy news day is not an
    escalation. Change points are mean shifts large enough for the number of events behind them.

    Examples:

        crisislens escalation --dyad "United States" Iran --by week

        crisislens escalation --country IRQ --by month --json
    """
    try:
        with Store(db, read_only=True) as store:
            result = aggregate.escalation(store, event_filter(since, until, country=country, dyad=dyad), by)
    except CrisislensError as error:
        raise fail(error) from error
    if as_json:
        typer.echo(json.dumps({"by": by, **result}, default=str))
        return
    table = Table("period", "events", "index", "", "conflict share", box=None)
    for row in result["series"]:
        table.add_row(str(row["period"]), str(row["events"]), f"{row['index']:+.1f}", _bar(row["index"]), f"{row['conflict_share']:.0%}")
    out.print(table)
    for shift in result["change_points"]:
        out.print(f"[bold]{shift['direction']}[/bold] began around {shift['period']} (index {shift['before']:+.1f} → {shift['after']:+.1f})")
    if not result["change_points"]:
        out.print("[dim]no change point: the shifts are within what the number of events explains[/dim]")


def network(
    db: DbOption = DEFAULT_DB,
    actor: ActorOption = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_events: Annotated[int, typer.Option("--min-events", min=1, help="Leave out dyads with fewer events")] = 1,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="The busiest dyads kept")] = 100,
    output_format: Annotated[str, typer.Option("--format", "-f", help="table, json or graphml")] = "table",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout")] = None,
) -> None:
    """Who acts on whom: actor-to-actor dyads with event counts, mean Goldstein score, conflict and cooperation.

    Examples:

        crisislens network --min-events 2

        crisislens network --country IRQ --format graphml -o iraq.graphml   # open in Gephi, Cytoscape or networkx
    """
    if output_format not in ("table", "json", "graphml"):
        raise typer.BadParameter("use table, json or graphml", param_hint="--format")
    try:
        with Store(db, read_only=True) as store:
            graph = aggregate.network(store, event_filter(since, until, actor=actor, country=country), min_events=min_events, limit=limit)
    except CrisislensError as error:
        raise fail(error) from error
    if output_format == "table":
        _print_dyads(graph)
        return
    text = json.dumps(graph) if output_format == "json" else graphml(graph)
    if output is None:
        sys.stdout.write(text + "\n")
    else:
        output.write_text(text + "\n", encoding="utf-8")


def _print_periods(rows: list[dict[str, Any]], by: str, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps({"by": by, "series": rows}, default=str))
        return
    table = Table(by, "events", "killed", "articles", box=None)
    for row in rows:
        table.add_row(str(row["period"]), str(row["events"]), str(row["fatalities"]), str(row["articles"]))
    out.print(table if rows else "[dim]no dated events match[/dim]")


def _print_dyads(graph: Mapping[str, list[dict[str, Any]]]) -> None:
    names = {node["id"]: node["name"] for node in graph["nodes"]}
    table = Table("source", "target", "events", "mean Goldstein", "conflict", "cooperation", box=None)
    for edge in graph["edges"]:
        table.add_row(names[edge["source"]], names[edge["target"]], str(edge["events"]), f"{edge['mean_goldstein']:+.1f}", str(edge["conflict"]), str(edge["cooperation"]))
    out.print(table)


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)


def _bar(index: float, width: int = 10) -> Text:
    """The index as a bar: red left of the axis for conflict, green right of it for cooperation."""
    cells = round(abs(index) / 10 * width)
    left = ("█" * cells if index < 0 else "").rjust(width)
    right = ("█" * cells if index > 0 else "").ljust(width)
    return Text.assemble((left, "red"), "|", (right, "green"))
