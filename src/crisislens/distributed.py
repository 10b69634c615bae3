"""``crisislens ingest --engine dask``: extraction on a Dask cluster, a Parquet dataset, a blocked merge.

1. Extract. This process streams the input and submits batches of articles not yet in the
   dataset (at most two per worker in flight). Each worker codes its batch with its own
   pipeline (``workers.worker_pipeline``) and stages the rows as Parquet partitioned by
   publication day (``store.parquet``); this process commits each finished batch.
2. Block. Every mention carries ``events.merge_block``: its action class, the days its
   matches must reach, and the person it reports killed. DuckDB sorts the mentions of each
   class by day and cuts them where no reach overlaps the next (a window); windows holding
   killings of one person are joined (up to ``store.blocks.BLOCK_MENTIONS`` mentions). No two
   mentions in different blocks can ever merge.
3. Shuffle and merge. The blocks are dealt into parts of about equal size, the mentions and
   the names of their articles rewritten per part (a DuckDB repartition), and each part
   merged on a worker: ``events.cluster_mentions`` with the rare-name weights of the whole
   dataset. Since merging never crosses a block, the events are those of one global merge,
   and the database loaded from the dataset equals a local ingest of the same input.

The dataset directory must be reachable at the same path from this process and every
worker (a shared filesystem on a real cluster).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from crisislens.errors import CrisislensError
from crisislens.events import merge_block
from crisislens.ingest import read_articles
from crisislens.linking import article_names
from crisislens.models import Article, Skipped
from crisislens.pipeline import MERGING, IngestReport, Progress, code_batch, work_batches
from crisislens.settings import PipelineSettings
from crisislens.store import parquet
from crisislens.store.blocks import KILLINGS_QUERY, WINDOW_SIZES_QUERY, assign_parts, number_windows
from crisislens.store.duckdb import ACTORS_QUERY, EVENT_COLUMNS, PartInput, Store, append_rows, events_of_part
from crisislens.store.records import mention_from_dict
from crisislens.workers import worker_pipeline

if TYPE_CHECKING:
    from distributed import Client

logger = logging.getLogger(__name__)

PARTS_PER_WORKER = 2  # merge parts per worker: enough to even out uneven blocks


@dataclass(slots=True)
class StagedBatch:
    """What a worker reports of one batch it coded and staged."""

    articles: int = 0
    sentences: int = 0
    mentions: int = 0
    skipped: list[Skipped] = field(default_factory=list)


def dataset_for(db: Path) -> tuple[Path, Path | None]:
    """The dataset directory and the database file a dask ingest into ``--db`` writes.

    A directory (or a path with no suffix) is the dataset itself, with no database file;
    ``news.duckdb`` gets the dataset ``news.parquet`` beside it, loaded into ``news.duckdb``.
    """
    if db.is_dir() or not db.suffix:
        return db, None
    return db.with_suffix(".parquet"), db


@contextmanager
def dask_client(scheduler: str) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a cluster on this machine for ``local[:N]``."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise CrisislensError("the dask engine needs dask.distributed: pip install 'crisislens[dask]'") from error
    if not logger.isEnabledFor(logging.INFO):  # dask logs every worker's start and stop at INFO
        logging.getLogger("distributed").setLevel(logging.WARNING)
    if scheduler == "local" or scheduler.startswith("local:"):
        count = scheduler.partition(":")[2]
        if count and not (count.isdigit() and int(count) > 0):
            raise CrisislensError(f"--scheduler {scheduler!r}: expected local or local:N with N a positive number")
        workers = int(count) if count else (os.cpu_count() or 1)
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        with Client(scheduler, timeout="30s") as client:
            yield client
    except OSError as error:
        raise CrisislensError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from error


def ingest_on_dask(
    paths: Sequence[str | Path],
    db: Path,
    settings: PipelineSettings,
    scheduler: str,
    *,
    published: date | None = None,
    source: str | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest ``paths`` on the Dask cluster at ``scheduler`` into the dataset (and database) of ``db``.

    Re-runnable like a local ingest: articles already in the dataset are skipped, and a
    killed run re-run continues. The dataset is append-only: an article whose id is
    stored with other content is reported as skipped, not replaced.
    """
    directory, database = dataset_for(db)
    directory.mkdir(parents=True, exist_ok=True)
    parquet.recover(directory)
    report = IngestReport()
    index = parquet.DatasetIndex(directory)
    try:
        with dask_client(scheduler) as client:
            workers = max(1, len(client.scheduler_info()["workers"]))
            logger.info("Dask cluster with %d workers; dataset %s", workers, directory)
            _extract(client, workers, paths, directory, settings, index, report, published, source, progress)
            shutil.rmtree(directory / parquet.STAGING, ignore_errors=True)
            if parquet.is_stale(directory):
                if progress is not None:
                    progress(report.read, MERGING)
                merge_dataset(client, directory, parts=PARTS_PER_WORKER * workers)
    finally:
        index.close()
    if database is not None:
        report.totals = parquet.load_into(directory, database)
    else:
        with Store(directory, read_only=True) as store:
            report.totals = store.counts()
    return report


def _extract(
    client: Client,
    workers: int,
    paths: Sequence[str | Path],
    directory: Path,
    settings: PipelineSettings,
    index: parquet.DatasetIndex,
    report: IngestReport,
    published: date | None,
    source: str | None,
    progress: Progress | None,
) -> None:
    from distributed import as_completed

    batches = work_batches(read_articles(paths, published=published, source=source), index, settings.batch_size, report)
    pending = as_completed()
    submitted: dict[str, tuple[str, int]] = {}  # task key -> (batch id, inputs it stands for)
    done = 0

    def submit_next() -> bool:
        nonlocal done
        for work in batches:
            articles = _new_articles(work.articles, index, report)
            if not articles:
                done += work.inputs
                continue
            batch = uuid.uuid4().hex
            key = f"code-{batch}"
            submitted[key] = (batch, work.inputs)
            pending.add(client.submit(code_and_stage, settings, articles, str(directory), batch, key=key))
            return True
        return False

    while len(pending.futures) < 2 * workers and submit_next():
        pass
    for future in pending:
        staged: StagedBatch = future.result()
        batch, inputs = submitted.pop(future.key)
        parquet.commit_batch(directory, batch)
        report.ingested += staged.articles
        report.sentences += staged.sentences
        report.mentions += staged.mentions
        report.skipped.extend(staged.skipped)
        done += inputs
        logger.info("committed %d articles (%d inputs done)", staged.articles, done)
        if progress is not None:
            progress(done, f"batch {batch[:8]}")
        submit_next()


def _new_articles(articles: list[Article], index: parquet.DatasetIndex, report: IngestReport) -> list[Article]:
    """``articles`` minus those stored under the same id with other content (the dataset is append-only)."""
    stored = index.article_hashes([a.article_id for a in articles])
    for article in articles:
        if article.article_id in stored:
            report.skipped.append(Skipped(article.origin or article.article_id, "already in the Parquet dataset with other content (it is append-only: give the new version a new id)"))
    return [a for a in articles if a.article_id not in stored]


def code_and_stage(settings: PipelineSettings, articles: list[Article], directory: str, batch: str) -> StagedBatch:
    """On a worker: code ``articles`` and stage their rows, merge blocks and names in the dataset."""
    coded = code_batch(worker_pipeline(settings), articles)
    mentions = [mention_from_dict(json.loads(row[-1])) for row in coded.rows.tables["mentions"]]
    blocks = [(m.mention_id, *merge_block(m)) for m in mentions]
    # An article's names, exactly as the merge reads them: its reporting sentences and every sentence.
    sentences = ((row[0], row[2]) for row in coded.rows.tables["sentences"])
    reporting = ((m.span.article_id, m.span.sentence) for m in mentions)
    names = article_names(chain(reporting, sentences), {m.span.article_id for m in mentions})
    pairs = [(article, name) for article, found in names.items() for name in sorted(found)]
    parquet.stage_batch(Path(directory), batch, coded.rows, blocks, pairs)
    return StagedBatch(len(coded.rows), coded.sentences, coded.mentions, coded.skipped)


# --------------------------------------------------------------------------- the merge

def merge_dataset(client: Client, directory: Path, parts: int) -> int:
    """Merge every mention of the dataset into events (blocked, shuffled, merged in at least ``parts`` parts,
    more where they would hold over ``store.blocks.PART_MENTIONS`` mentions each); returns the event count."""
    work = directory / parquet.MERGE_WORK
    shutil.rmtree(work, ignore_errors=True)
    mention_files = parquet.files_of(directory, "mentions")
    db = parquet.open_dataset(directory)
    try:
        events = 0
        if mention_files is not None:
            number_windows(db, f"read_parquet({parquet.quoted(mention_files)})")
            windows = db.execute(WINDOW_SIZES_QUERY).fetchall()
            killings = db.execute(KILLINGS_QUERY).fetchall()
            assignment, parts = assign_parts(windows, killings, at_least=parts)
            db.execute("CREATE TEMP TABLE window_parts (kind VARCHAR, window_no HUGEINT, part INTEGER)")
            append_rows(db, "window_parts", ("kind", "window_no", "part"), assignment)
            _shuffle(db, directory, work)
            articles = db.execute("SELECT count(DISTINCT article_id) FROM windows").fetchone()[0]
            used = sorted(int(p.name.split("=")[1]) for p in (work / "mentions").glob("part=*"))
            futures = client.map(merge_part, used, directory=str(directory), articles=articles, key=[f"merge-{uuid.uuid4().hex}-{p}" for p in used])
            events = sum(client.gather(futures))
        out = work / "out"
        (out / "actors").mkdir(parents=True, exist_ok=True)
        columns = ", ".join(parquet.table_columns(db, "actors"))
        db.execute(f"COPY (SELECT * FROM ({ACTORS_QUERY}) AS a({columns})) TO {parquet.quoted(out / 'actors' / 'actors.parquet')} (FORMAT parquet)")  # noqa: S608
    finally:
        db.close()
    for table in parquet.MERGED_TABLES:
        shutil.rmtree(directory / table, ignore_errors=True)
        if (out / table).exists():
            os.replace(out / table, directory / table)
    (directory / parquet.STALE_MARKER).unlink(missing_ok=True)
    shutil.rmtree(work, ignore_errors=True)
    logger.info("%s: %d events merged in %d parts", directory, events, parts)
    return events


def _shuffle(db: duckdb.DuckDBPyConnection, directory: Path, work: Path) -> None:
    """Rewrite the mentions, and the names (with document frequencies) of their articles, per merge part."""
    names = parquet.files_of(directory, "names")
    work.mkdir(parents=True)
    db.execute("CREATE TEMP TABLE mention_parts AS SELECT w.mention_id, w.article_id, p.part FROM windows w JOIN window_parts p USING (kind, window_no)")
    db.execute(
        "COPY (SELECT p.part, m.record FROM mentions m JOIN mention_parts p USING (mention_id)) "
        f"TO {parquet.quoted(work / 'mentions')} (FORMAT parquet, PARTITION_BY (part))"
    )
    if names is not None:
        db.execute(
            f"""COPY (
                WITH n AS (SELECT article_id, name FROM read_parquet({parquet.quoted(names)})),
                     df AS (SELECT name, count(*) AS df FROM n GROUP BY name)
                SELECT DISTINCT p.part, n.article_id, n.name, df.df
                FROM n JOIN (SELECT DISTINCT article_id, part FROM mention_parts) p USING (article_id) JOIN df USING (name)
            ) TO {parquet.quoted(work / 'names')} (FORMAT parquet, PARTITION_BY (part))"""  # noqa: S608 - quoted paths
        )


def merge_part(part: int, directory: str, articles: int) -> int:
    """On a worker: merge one part's mentions into events and write them; ``articles``: articles with mentions in all."""
    work = Path(directory) / parquet.MERGE_WORK
    db = parquet.memory_database()
    try:
        rows = db.execute(f"SELECT record FROM read_parquet({parquet.quoted(work / 'mentions' / f'part={part}' / '*.parquet')})").fetchall()
        names_dir = work / "names" / f"part={part}"
        names = db.execute(f"SELECT article_id, name, df FROM read_parquet({parquet.quoted(names_dir / '*.parquet')})").fetchall() if names_dir.is_dir() else []
        merged = events_of_part(PartInput([row[0] for row in rows], names), articles)
        append_rows(db, "events", EVENT_COLUMNS, merged.events)
        append_rows(db, "event_mentions", ("event_id", "mention_id"), merged.links)
        for table in ("events", "event_mentions"):
            target = work / "out" / table / f"part-{part}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            db.execute(f"COPY {table} TO {parquet.quoted(target)} (FORMAT parquet)")
    finally:
        db.close()
    return len(merged.events)
