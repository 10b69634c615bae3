"""A crisislens database as a directory of Parquet files: what a Dask cluster writes.

Layout (``day`` is the article's publication date, ``undated`` when it has none)::

    DIR/articles/day=2020-01-04/<batch>_<n>.parquet    the store's tables, a file per batch and day
    DIR/sentences/day=…/…   DIR/actor_mentions/day=…/…
    DIR/mentions/day=…/…                               + each mention's merge block (events.merge_block)
    DIR/names/day=…/…                                  the names of each article with mentions (linking)
    DIR/events/…, DIR/event_mentions/…, DIR/actors/…   written by the event merge
    DIR/EVENTS_STALE                                   articles were added after the last merge
    DIR/_staging/, DIR/_merge/                         work in progress (cleared by ``recover``)

A batch is staged whole by the process that coded it, then committed by the one process
that coordinates: its files are moved into place table by table, ``articles`` last, so the
articles of a (batch, day) become visible only with all their rows. ``recover`` deletes the
rows of a (batch, day) whose articles never arrived (a run killed while committing), so a
re-run codes those articles again, without duplicates.

DuckDB writes and reads every file (no pyarrow). ``open_dataset`` gives a connection on
which the store's tables are views over the files: ``Store(DIR)`` reads a dataset as it
reads a database file.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from crisislens.errors import StoreError
from crisislens.store.duckdb import EVENTS_STALE, SCHEMA_VERSION, SCHEMA_VERSION_KEY, Store, append_rows, sql_file
from crisislens.store.rows import TABLE_COLUMNS, ArticleRows

logger = logging.getLogger(__name__)

STAGING, MERGE_WORK, STALE_MARKER = "_staging", "_merge", "EVENTS_STALE"
UNDATED = "undated"
# Per-article tables in commit order: the articles table last (it makes a batch's day visible).
ARTICLE_TABLES = ("sentences", "actor_mentions", "mentions", "names", "articles")
MERGED_TABLES = ("events", "event_mentions", "actors")
# What the event merge needs of each mention besides its record (see events.merge_block).
BLOCK_COLUMNS = ("mention_id", "kind", "reach_start", "reach_end", "killed")
_EXTRA_TABLES = """
CREATE TABLE mention_blocks (mention_id VARCHAR, kind VARCHAR, reach_start DATE, reach_end DATE, killed VARCHAR);
CREATE TABLE names (article_id VARCHAR, name VARCHAR);
"""
# The rows of each per-article table as staged, with the day of the article they belong to.
_STAGED_QUERIES = {
    "articles": "SELECT * FROM articles",
    "sentences": "SELECT t.* FROM sentences t",
    "actor_mentions": "SELECT t.* FROM actor_mentions t",
    "mentions": "SELECT t.*, b.* EXCLUDE (mention_id) FROM mentions t JOIN mention_blocks b USING (mention_id)",
    "names": "SELECT t.* FROM names t",
}


def memory_database() -> duckdb.DuckDBPyConnection:
    """An empty in-memory database with the store's schema, one thread (its caller shares the machine)."""
    db = duckdb.connect(":memory:", config={"threads": 1})
    db.execute(sql_file("schema.sql"))
    return db


def quoted(path: Path | str) -> str:
    """``path`` as an SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


def files_of(directory: Path, table: str) -> str | None:
    """The glob of ``table``'s Parquet files in the dataset (None: it has none yet)."""
    pattern = "*/*.parquet" if table in ARTICLE_TABLES else "*.parquet"
    return str(directory / table / pattern) if next((directory / table).glob(pattern), None) is not None else None


def stage_batch(directory: Path, batch: str, rows: ArticleRows, blocks: Sequence[tuple[Any, ...]], names: Iterable[tuple[str, str]]) -> None:
    """Write a coded batch's rows under ``_staging/batch``, each table partitioned by publication day.

    ``blocks``: a ``BLOCK_COLUMNS`` row per mention; ``names``: (article id, name) pairs.
    """
    db = memory_database()
    try:
        db.execute(_EXTRA_TABLES)
        for table, columns in TABLE_COLUMNS.items():
            append_rows(db, table, columns, rows.tables[table])
        append_rows(db, "mention_blocks", BLOCK_COLUMNS, list(blocks))
        append_rows(db, "names", ("article_id", "name"), list(names))
        db.execute(f"CREATE TABLE days AS SELECT article_id, coalesce(strftime(published, '%Y-%m-%d'), '{UNDATED}') AS day FROM articles")
        (directory / STAGING / batch).mkdir(parents=True)
        for table, query in _STAGED_QUERIES.items():
            target = directory / STAGING / batch / table
            db.execute(
                f"COPY (SELECT q.*, d.day FROM ({query}) q JOIN days d USING (article_id)) TO {quoted(target)} "  # noqa: S608 - fixed queries
                "(FORMAT parquet, PARTITION_BY (day))"
            )
    finally:
        db.close()


def commit_batch(directory: Path, batch: str) -> None:
    """Move a staged batch into the dataset, its articles last, and mark the events stale."""
    (directory / STALE_MARKER).touch()
    staged = directory / STAGING / batch
    for table in ARTICLE_TABLES:
        for number, part in enumerate(sorted((staged / table).glob("day=*/*.parquet"))):
            target = directory / table / part.parent.name / f"{batch}_{number}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(part, target)
    shutil.rmtree(staged)


def _batch_day(path: Path) -> tuple[str, str]:
    return path.parent.name, path.stem.split("_")[0]


def recover(directory: Path) -> int:
    """Clear work in progress and the rows of half-committed batches; returns the files deleted."""
    for work in (STAGING, MERGE_WORK):
        shutil.rmtree(directory / work, ignore_errors=True)
    committed = {_batch_day(p) for p in (directory / "articles").glob("day=*/*.parquet")}
    orphans = [p for table in ARTICLE_TABLES[:-1] for p in (directory / table).glob("day=*/*.parquet") if _batch_day(p) not in committed]
    for orphan in orphans:
        orphan.unlink()
    if orphans:
        logger.warning("%s: removed %d files of a batch whose commit was interrupted", directory, len(orphans))
    return len(orphans)


def is_stale(directory: Path) -> bool:
    return (directory / STALE_MARKER).exists() or (files_of(directory, "articles") is not None and files_of(directory, "events") is None)


def open_dataset(directory: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory database whose store tables are views over the dataset's Parquet files."""
    db = duckdb.connect(":memory:")
    db.execute(sql_file("schema.sql"))
    db.execute("INSERT INTO meta VALUES (?, ?), (?, ?)", [SCHEMA_VERSION_KEY, SCHEMA_VERSION, EVENTS_STALE, str(is_stale(directory)).lower()])
    for table in (*ARTICLE_TABLES, *MERGED_TABLES):
        files = files_of(directory, table)
        if table == "names" or files is None:
            continue
        columns = ", ".join(table_columns(db, table))
        db.execute(f"DROP TABLE {table}")
        db.execute(f"CREATE VIEW {table} AS SELECT {columns} FROM read_parquet({quoted(files)})")  # noqa: S608 - fixed names
    return db


def table_columns(db: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """The columns of ``table`` in ``db``, in order."""
    rows = db.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()
    return [row[0] for row in rows]


class DatasetIndex:
    """The id and content hash of every article in a dataset, for skipping the ones already there."""

    def __init__(self, directory: Path) -> None:
        self._db = duckdb.connect(":memory:")
        files = files_of(directory, "articles")
        source = f"read_parquet({quoted(files)})" if files else "(SELECT NULL::VARCHAR AS article_id, NULL::VARCHAR AS content_hash LIMIT 0)"
        self._db.execute(f"CREATE TABLE known AS SELECT article_id, content_hash FROM {source}")  # noqa: S608 - quoted path

    def article_hashes(self, article_ids: Sequence[str]) -> dict[str, str]:
        if not article_ids:
            return {}
        rows = self._db.execute("SELECT article_id, content_hash FROM known WHERE article_id IN (SELECT unnest(?))", [list(article_ids)]).fetchall()
        return dict(rows)

    def close(self) -> None:
        self._db.close()


def load_into(directory: Path, db_path: Path) -> dict[str, int]:
    """Make the DuckDB file ``db_path`` hold exactly the dataset (every table replaced); returns its counts."""
    Store(db_path).close()  # creates or upgrades the schema
    db = duckdb.connect(str(db_path))
    try:
        db.execute("BEGIN TRANSACTION")
        for table in (*ARTICLE_TABLES, *MERGED_TABLES):
            if table == "names":
                continue
            db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names
            files = files_of(directory, table)
            if files is not None:
                columns = ", ".join(table_columns(db, table))
                db.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM read_parquet({quoted(files)})")  # noqa: S608
        db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [EVENTS_STALE, str(is_stale(directory)).lower()])
        db.execute("COMMIT")
    except duckdb.Error as error:
        db.execute("ROLLBACK")
        raise StoreError(f"{db_path}: cannot load the dataset {directory}: {error}") from error
    finally:
        db.close()
    with Store(db_path, read_only=True) as store:
        return store.counts()
