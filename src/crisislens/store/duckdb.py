"""The embedded store: one DuckDB file with articles, sentences, actors, mentions and events."""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from crisislens.errors import StoreError
from crisislens.events import build_event, cluster_mentions, merge_block
from crisislens.linking import NameEvidence, name_weights, sentence_names
from crisislens.models import Actor, Event, EventMention, to_jsonable
from crisislens.store.blocks import KILLINGS_QUERY, PART_MENTIONS, WINDOW_SIZES_QUERY, assign_parts, number_windows
from crisislens.store.records import event_from_dict, mention_from_dict
from crisislens.store.rows import TABLE_COLUMNS, ArticleRows, StoredArticle, columns

logger = logging.getLogger(__name__)

EVENTS_STALE = "events_stale"
SCHEMA_VERSION_KEY = "schema_version"
# Raise with every change to schema.sql that readers depend on (its ALTERs upgrade older files).
SCHEMA_VERSION = "2"
TABLE_NAMES = ("meta", "articles", "sentences", "actor_mentions", "mentions", "events", "event_mentions", "actors")
# (what a non-zero count means, the query counting it)
INTEGRITY_CHECKS = (
    ("articles stored twice", "SELECT count(*) - count(DISTINCT article_id) FROM articles"),
    ("sentences of no stored article", "SELECT count(*) FROM sentences WHERE article_id NOT IN (SELECT article_id FROM articles)"),
    ("mentions of no stored article", "SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT article_id FROM articles)"),
    ("mentions in no event", "SELECT count(*) FROM mentions WHERE mention_id NOT IN (SELECT mention_id FROM event_mentions)"),
    ("event links to a missing mention", "SELECT count(*) FROM event_mentions WHERE mention_id NOT IN (SELECT mention_id FROM mentions)"),
    ("event links to a missing event", "SELECT count(*) FROM event_mentions WHERE event_id NOT IN (SELECT event_id FROM events)"),
    ("events with no mention", "SELECT count(*) FROM events WHERE event_id NOT IN (SELECT event_id FROM event_mentions)"),
    ("mentions in more than one event", "SELECT count(*) - count(DISTINCT mention_id) FROM event_mentions"),
    ("events whose article count disagrees with their mentions",
     "SELECT count(*) FROM events e WHERE num_articles <> (SELECT count(DISTINCT m.article_id) FROM event_mentions em "
     "JOIN mentions m USING (mention_id) WHERE em.event_id = e.event_id)"),
    ("articles whose sentences lie outside their text",
     "SELECT count(DISTINCT s.article_id) FROM sentences s JOIN articles a USING (article_id) WHERE s.end_char > length(a.text) OR s.start_char < 0"),
)
# The columns of ``event_row``, in its order.
EVENT_COLUMNS = (
    "event_id", "date", "date_precision", "source_actor_id", "source_name", "target_actor_id", "target_name", "cameo", "cameo_root",
    "quad_class", "goldstein", "plover", "location_name", "location_country", "fatalities", "injured", "num_articles", "record", "acled_type",
    "location_lat", "location_lon", "source_country", "target_country",
)
_CHUNK = 10_000  # mentions or sentences read at a time
_MERGE_KEY_COLUMNS = ("mention_id", "article_id", "kind", "reach_start", "reach_end", "killed")
# The sentences whose names are an article's (its reporting sentences and every stored one), each text once.
_ARTICLE_SENTENCES_QUERY = """
SELECT article_id, json_extract_string(record, '$.span.sentence') AS text FROM mentions
UNION
SELECT article_id, text FROM sentences WHERE article_id IN (SELECT article_id FROM mentions)
"""
# DuckDB keeps every block it reads cached up to its memory limit (by default 80% of the RAM); the merge reads
# the whole mentions table once per part, so its cache, and the peak memory, grew with the corpus. Under this
# bound DuckDB evicts, or spills to the database's temp directory (10k articles: peak 504 -> 437 MB at 200 MB,
# 399 -> 334 MB at 100 MB, with the same events and no more time; 1k articles stay under it). What the merge pins
# (its uncommitted events and their index) grows with the corpus: at 50,000 articles it outgrew 100 MB, so a merge
# that runs out of memory is run again under a doubled bound (at most LIMIT_DOUBLINGS times), like the writes below.
MERGE_MEMORY_LIMIT_BYTES = 100 * 2**20
# Likewise the ingest's writes: unbounded, the cached blocks of the tables they touch grew with the database
# (10,000 articles: 67 MB of 200 MB peak RSS; under 100 MB, 8 MB of 136 MB). Under 32 MB the writing process of a
# 50,000-article ingest stayed at 171-215 MB where 100 MB let it reach 269 MB within 14 minutes; but what a batch's
# writes pin (the tables' uncheckpointed appends and primary-key indexes) grows with the tables, and that run ran
# out of memory at 34,700 articles: so a batch that does not fit doubles the bound (at most LIMIT_DOUBLINGS
# times: 2 GB) and is written again.
WRITE_MEMORY_LIMIT_BYTES = 32 * 2**20
LIMIT_DOUBLINGS = 6
# The fewest mentions worth a merge process of their own (starting one costs about a second): a merge is cut
# into one part per worker only as far as each part keeps this many.
PARALLEL_MERGE_MENTIONS = 2_000
_MERGE_TABLES = ("merge_keys", "merge_names", "windows", "window_parts", "merge_parts", "name_frequency")  # temporary
_FIRST_SEEN = "article_id, sentence_index, surface"
# The actors table from actor_mentions. Ties in mode() go to the value seen first in this fixed
# order, not in insertion order, so the table is the same however many processes wrote the mentions.
ACTORS_QUERY = """
    SELECT actor_id, mode(name ORDER BY {first}, name), mode(type ORDER BY {first}, type),
           mode(country ORDER BY {first}, country), mode(role ORDER BY {first}, role),
           list_sort(list_distinct(list(surface))), count(*)
    FROM actor_mentions GROUP BY actor_id
""".format(first=_FIRST_SEEN)
# INTEGRITY_CHECKS that hold only once the stored mentions are merged: not problems while events are stale.
MERGE_CHECKS = frozenset({"mentions in no event", "event links to a missing mention", "events whose article count disagrees with their mentions"})
_LOCK_HOLDER = re.compile(r"Could not set lock on file .*\(PID (\d+)\)")
_DISK_FULL = ("No space left on device", "File too large", "Disk quota exceeded")
_DATE_CASTS = ", ".join(f"CAST({c} AS DATE) AS {c}" for c in ("date", "first_reported", "last_reported"))


@dataclass(frozen=True, slots=True)
class BoundingBox:
    """A lon/lat rectangle (degrees); events whose location lies inside it match.

    ``min_lon > max_lon`` means the box crosses the antimeridian (as in GeoJSON).
    """

    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float


# The orders events can be listed in; ties always broken by event id so pages are stable.
EVENT_SORTS = {
    "date": "date ASC NULLS LAST",
    "-date": "date DESC NULLS LAST",
    "fatalities": "fatalities ASC NULLS LAST",
    "-fatalities": "fatalities DESC NULLS LAST",
    "num_articles": "num_articles ASC",
    "-num_articles": "num_articles DESC",
}


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters shared by the CLI, the Python API and the REST API (all parameters, never SQL text)."""

    since: date | None = None
    until: date | None = None
    actor: str | None = None
    cameo: str | None = None
    place: str | None = None
    country: str | None = None
    plover: str | None = None
    acled_type: str | None = None
    bbox: BoundingBox | None = None
    text: str | None = None
    dyad: tuple[str, str] | None = None  # two actors (name text or id), in either direction
    limit: int | None = None
    offset: int = 0
    sort: str = "date"


class Store:
    """A crisislens database.

    Example:
        >>> with Store("crisislens.duckdb") as store:
        ...     store.counts()["events"]
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        """``path``: a DuckDB file, or the directory of a Parquet dataset (``crisislens.store.parquet``, read-only)."""
        self.path = Path(path)
        self._write_limit: int | None = None  # the DuckDB memory limit of ``bounded_writes``, while it runs
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no such database (run 'crisislens ingest' first)")
        if self.path.is_dir():
            from crisislens.store.parquet import open_dataset  # parquet imports this module

            if not read_only:
                raise StoreError(f"{self.path} is a Parquet dataset: only 'crisislens ingest --engine dask' writes it")
            self._db = open_dataset(self.path)
            return
        if not read_only:
            _refuse_read_only(self.path)
        self._db = self._connect(read_only)
        if not read_only:
            self._db.execute(sql_file("schema.sql"))
            if self._schema_version() != SCHEMA_VERSION:
                self._db.execute(sql_file("upgrade.sql"))
                self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [SCHEMA_VERSION_KEY, SCHEMA_VERSION])
        elif self._schema_version() != SCHEMA_VERSION:
            self._db.close()
            self._upgrade()
            self._db = self._connect(read_only=True)

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        try:
            return duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as error:
            holder = _LOCK_HOLDER.search(str(error))
            if holder:
                raise StoreError(f"{self.path} is locked by another process ({_describe_process(int(holder.group(1)))}): "
                                 "retry when it finishes") from None
            raise StoreError(f"{self.path}: cannot open database: {error}") from error

    def _schema_version(self) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", [SCHEMA_VERSION_KEY]).fetchone()
        return row[0] if row else None

    def _upgrade(self) -> None:
        """Bring a database made by an older crisislens up to this schema, so that readers can open it."""
        try:
            Store(self.path).close()
        except StoreError as error:
            raise StoreError(f"{self.path} was made by an older crisislens and could not be upgraded ({error}); "
                             "run 'crisislens ingest' on it once, with write access") from error
        logger.info("%s: upgraded to schema version %s", self.path, SCHEMA_VERSION)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # -- writing -----------------------------------------------------------------

    def article_hashes(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The stored content hash of each of ``article_ids`` that is already in the store."""
        if not article_ids:
            return {}
        rows = self._db.execute(
            "SELECT article_id, content_hash FROM articles WHERE article_id IN (SELECT unnest(?))", [list(article_ids)]
        ).fetchall()
        return dict(rows)

    def write_articles(self, batch: Sequence[StoredArticle]) -> None:
        """Replace every article of ``batch`` and its sentences, actors and mentions, atomically."""
        self.write_rows(ArticleRows.of(batch))

    def write_rows(self, rows: ArticleRows) -> None:
        """Replace the articles of ``rows`` with these rows in one transaction, one append per table."""
        if not rows.article_ids:
            return
        while True:
            try:
                self._replace_rows(rows)
                return
            except duckdb.OutOfMemoryException as error:
                self._rollback()
                raised = doubled_bound(self._write_limit, WRITE_MEMORY_LIMIT_BYTES)
                if raised is None:
                    raise self._write_error(rows, error) from error
                self._write_limit = raised
                self._db.execute(f"SET memory_limit = '{raised}B'")
                logger.warning("%s: a batch needed more memory than the writes' bound; bound raised to %d MB",
                               self.path, self._write_limit >> 20)  # fmt: skip
            except duckdb.Error as error:
                self._rollback()
                raise self._write_error(rows, error) from error

    def _replace_rows(self, rows: ArticleRows) -> None:
        ids = rows.article_ids
        db = self._db
        db.execute("BEGIN TRANSACTION")
        # Only a stored article (edited, or written by a killed run) has rows to replace: a new one skips the
        # deletes, which scan whole tables (and would fill the buffer pool with old pages on a long run).
        stored = list(self.article_hashes(ids))
        if stored:
            for table in TABLE_COLUMNS:
                db.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [stored])  # noqa: S608 - fixed table names
        for table, names in TABLE_COLUMNS.items():
            append_rows(db, table, names, rows.tables[table])
        db.execute("INSERT OR REPLACE INTO meta VALUES (?, 'true')", [EVENTS_STALE])
        db.execute("COMMIT")

    def _write_error(self, rows: ArticleRows, error: duckdb.Error) -> StoreError:
        return StoreError(f"{self.path}: cannot write articles {rows.article_ids[:3]}...: {_explain(error)}; "
                          "the articles written before are kept")  # fmt: skip

    @contextmanager
    def bounded_writes(self) -> Iterator[None]:
        """Run the block (a stream of ``write_rows``) with DuckDB's memory limit at ``WRITE_MEMORY_LIMIT_BYTES``, doubled
        (up to ``LIMIT_DOUBLINGS`` times) for a batch that does not fit."""
        with memory_bounded(self._db, WRITE_MEMORY_LIMIT_BYTES):
            self._write_limit = WRITE_MEMORY_LIMIT_BYTES
            try:
                yield
            finally:
                self._write_limit = None

    def events_stale(self) -> bool:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", [EVENTS_STALE]).fetchone()
        return row is not None and row[0] == "true"

    def rebuild_events(self, part_mentions: int = PART_MENTIONS, workers: int = 1) -> int:
        """Merge every stored mention into events and refresh the actor table; returns the event count.

        The merge runs block by block (``crisislens.store.blocks``): one pass over the mentions
        lists each one's merge block and the names of its article in temporary tables; then the
        blocks are merged a part (about ``part_mentions`` mentions) at a time, with the
        rare-name weights of all articles, so only one part's mentions are held at once, and
        the events are those of one merge of everything. With ``workers`` > 1 the parts (one per
        worker at least, as far as each keeps ``PARALLEL_MERGE_MENTIONS`` mentions) are merged in
        that many processes, one part each at a time.
        """
        # The indexes that earlier writes on this connection loaded stay in memory and count against the merge's
        # bound (a 50,000-article ingest's merge ran out of it where the same merge alone did not); a checkpoint
        # writes them back and unloads them.
        self._db.execute("CHECKPOINT")
        limit = MERGE_MEMORY_LIMIT_BYTES
        while True:
            try:
                events, parts = self._merge_under(limit, part_mentions, workers)
                break
            except duckdb.OutOfMemoryException as error:
                raised = doubled_bound(limit, MERGE_MEMORY_LIMIT_BYTES)
                if raised is None:
                    raise self._merge_error(error) from error
                limit = raised
                logger.warning("%s: the merge needed more memory than its bound; merging again under %d MB", self.path, limit >> 20)
            except (duckdb.Error, BrokenProcessPool) as error:  # a merge process killed (out of memory?) breaks the pool
                raise self._merge_error(error) from error
        logger.info("%s: merged into %d events in %d part(s)", self.path, events, parts)
        return events

    def _merge_under(self, limit_bytes: int, part_mentions: int, workers: int) -> tuple[int, int]:
        """One transaction of ``rebuild_events``, the merge under DuckDB's memory limit ``limit_bytes``: the event
        count and the number of parts. Rolled back on any error."""
        db = self._db
        try:
            db.execute("BEGIN TRANSACTION")
            try:
                db.execute("DELETE FROM events")
                db.execute("DELETE FROM event_mentions")
                with memory_bounded(db, limit_bytes):
                    try:
                        parts, articles = self._plan_merge(part_mentions, workers)
                        events = self._merge_parts(parts, articles, workers)
                    except BaseException:
                        self._rollback()  # before the bound is reset: a transaction an error aborted refuses settings
                        raise
                # Unbounded: the actor table's ordered aggregates (mode ... ORDER BY) cannot spill to disk.
                self._rebuild_actors()
                db.execute("INSERT OR REPLACE INTO meta VALUES (?, 'false')", [EVENTS_STALE])
                db.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise
        finally:
            for table in _MERGE_TABLES:
                db.execute(f"DROP TABLE IF EXISTS temp.{table}")  # noqa: S608 - fixed table names
        return events, parts

    def _merge_error(self, error: Exception) -> StoreError:
        return StoreError(f"{self.path}: cannot rebuild events: {_explain(error)}; the articles and the previous events are kept")

    def _rollback(self) -> None:
        """End a failed transaction; a failed COMMIT has ended it already."""
        try:
            self._db.execute("ROLLBACK")
        except duckdb.Error as error:
            logger.debug("%s: nothing to roll back: %s", self.path, error)

    def _plan_merge(self, part_mentions: int, workers: int) -> tuple[int, int]:
        """List every mention's merge block and the names of the articles with mentions; deal the blocks
        into parts (see ``rebuild_events``). Returns the number of parts and of articles
        with mentions (the names' weights count them)."""
        db = self._db
        db.execute("CREATE OR REPLACE TEMP TABLE merge_keys (mention_id VARCHAR, article_id VARCHAR, kind VARCHAR, "
                   "reach_start DATE, reach_end DATE, killed VARCHAR)")
        db.execute("CREATE OR REPLACE TEMP TABLE merge_names (article_id VARCHAR, name VARCHAR)")
        mentions = 0
        # A second connection reads while this one appends (a new statement would end the open result).
        reader = db.cursor()
        try:
            cursor = reader.execute("SELECT record FROM mentions")
            while rows := cursor.fetchmany(_CHUNK):
                chunk = [mention_from_dict(json.loads(row[0])) for row in rows]
                append_rows(db, "merge_keys", _MERGE_KEY_COLUMNS, [(m.mention_id, m.span.article_id, *merge_block(m)) for m in chunk])
                mentions += len(chunk)
            cursor = reader.execute(_ARTICLE_SENTENCES_QUERY)
            while rows := cursor.fetchmany(_CHUNK):
                named = {(article, name) for article, text in rows for name in sentence_names(text)}
                append_rows(db, "merge_names", ("article_id", "name"), list(named))
        finally:
            reader.close()
        number_windows(db, "merge_keys")
        windows = db.execute(WINDOW_SIZES_QUERY).fetchall()
        killings = db.execute(KILLINGS_QUERY).fetchall()
        at_least = min(workers, mentions // PARALLEL_MERGE_MENTIONS) or 1
        assignment, parts = assign_parts(windows, killings, at_least=at_least, part_mentions=part_mentions)
        db.execute("CREATE OR REPLACE TEMP TABLE window_parts (kind VARCHAR, window_no HUGEINT, part INTEGER)")
        append_rows(db, "window_parts", ("kind", "window_no", "part"), assignment)
        db.execute("CREATE OR REPLACE TEMP TABLE merge_parts AS SELECT w.mention_id, w.article_id, p.part FROM windows w JOIN window_parts p USING (kind, window_no)")
        db.execute("CREATE OR REPLACE TEMP TABLE name_frequency AS SELECT name, count(DISTINCT article_id) AS df FROM merge_names GROUP BY name")
        articles = db.execute("SELECT count(DISTINCT article_id) FROM merge_keys").fetchone()[0]
        logger.info("%s: %d mentions of %d articles planned in %d part(s)", self.path, mentions, articles, parts)
        return parts, articles

    def _merge_parts(self, parts: int, articles: int, workers: int) -> int:
        """Merge the planned parts into events and append them; returns how many events."""
        events = 0
        for part, merged in enumerate(merged_parts(self._part_inputs(parts), parts, articles, workers)):
            logger.info("%s: part %d merged into %d events; writing them", self.path, part, len(merged.events))
            append_rows(self._db, "events", EVENT_COLUMNS, merged.events)
            append_rows(self._db, "event_mentions", ("event_id", "mention_id"), merged.links)
            events += len(merged.events)
        return events

    def _part_inputs(self, parts: int) -> Iterator[PartInput]:
        """Each part's mentions (their JSON records) and the names of their articles with each name's document frequency."""
        db = self._db
        for part in range(parts):
            rows = db.execute("SELECT m.record FROM mentions m JOIN merge_parts p USING (mention_id) WHERE p.part = ?", [part]).fetchall()
            names = db.execute(
                "SELECT n.article_id, n.name, f.df FROM (SELECT DISTINCT article_id, name FROM merge_names "
                "WHERE article_id IN (SELECT article_id FROM merge_parts WHERE part = ?)) n JOIN name_frequency f USING (name)",
                [part],
            ).fetchall()
            yield PartInput([row[0] for row in rows], names)

    def _rebuild_actors(self) -> None:
        self._db.execute("DELETE FROM actors")
        self._db.execute("INSERT INTO actors " + ACTORS_QUERY)

    # -- reading -----------------------------------------------------------------

    def events(self, where: EventFilter = EventFilter()) -> list[Event]:
        """Events matching ``where``, in its sort order (oldest first by default, undated last)."""
        clauses, params = event_clauses(where)
        sql = "SELECT record FROM events" + _where(clauses) + f" ORDER BY {EVENT_SORTS[where.sort]}, event_id"
        if where.limit is not None:
            sql += " LIMIT ?"
            params.append(where.limit)
        if where.offset:
            sql += " OFFSET ?"
            params.append(where.offset)
        return [event_from_dict(json.loads(row[0])) for row in self._db.execute(sql, params).fetchall()]

    def count_events(self, where: EventFilter = EventFilter()) -> int:
        clauses, params = event_clauses(where)
        return self._db.execute("SELECT count(*) FROM events" + _where(clauses), params).fetchone()[0]

    def event(self, event_id: str) -> Event | None:
        """The event with this id, or the only one whose id starts with it."""
        row = self._db.execute("SELECT record FROM events WHERE event_id = ? OR starts_with(event_id, ?) LIMIT 2", [event_id, event_id]).fetchall()
        return event_from_dict(json.loads(row[0][0])) if len(row) == 1 else None

    def event_reports(self, event_id: str) -> list[tuple[EventMention, dict[str, Any]]]:
        """Each mention of the event with the metadata of the article it is in, in article order."""
        rows = self.fetch(
            "SELECT m.record, a.article_id, a.title, a.source, a.published, a.url FROM event_mentions em "
            "JOIN mentions m USING (mention_id) JOIN articles a ON a.article_id = m.article_id "
            "WHERE em.event_id = ? ORDER BY a.published NULLS LAST, m.article_id, m.sentence_index",
            [event_id],
        )
        return [(mention_from_dict(json.loads(row.pop("record"))), row) for row in rows]

    def actors(self, name: str | None = None, limit: int | None = None, *, country: str | None = None, offset: int = 0) -> list[Actor]:
        """Actors whose name, id or an alias contains ``name``, most mentioned first."""
        clauses, params = _actor_clauses(name, country)
        sql = "SELECT actor_id, name, type, country, role, aliases, mentions FROM actors" + _where(clauses)
        sql += " ORDER BY mentions DESC, actor_id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        if offset:
            sql += " OFFSET ?"
            params.append(offset)
        return [
            Actor(actor_id=r[0], name=r[1], type=r[2], country=r[3], role=r[4], aliases=tuple(r[5] or ()), mentions=r[6])
            for r in self._db.execute(sql, params).fetchall()
        ]

    def count_actors(self, name: str | None = None, *, country: str | None = None) -> int:
        clauses, params = _actor_clauses(name, country)
        return self._db.execute("SELECT count(*) FROM actors" + _where(clauses), params).fetchone()[0]

    def articles(self, limit: int | None = None, *, text: str | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Article metadata with sentence and mention counts, oldest first; ``text`` searches title and body."""
        clauses, params = _article_clauses(text)
        sql = (
            "SELECT a.article_id, a.published, a.source, a.title, a.url, a.dateline, "
            "(SELECT count(*) FROM sentences s WHERE s.article_id = a.article_id) AS sentences, "
            "(SELECT count(*) FROM mentions m WHERE m.article_id = a.article_id) AS mentions "
            "FROM articles a" + _where(clauses) + " ORDER BY a.published NULLS LAST, a.article_id"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        if offset:
            sql += " OFFSET ?"
            params.append(offset)
        return self.fetch(sql, params)

    def count_articles(self, *, text: str | None = None) -> int:
        clauses, params = _article_clauses(text)
        return self._db.execute("SELECT count(*) FROM articles a" + _where(clauses), params).fetchone()[0]

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with its full text and the ids of the events it reports."""
        rows = self.fetch(
            "SELECT article_id, title, published, source, url, byline, dateline, text FROM articles WHERE article_id = ?", [article_id]
        )
        if not rows:
            return None
        article = rows[0]
        article["events"] = [
            r["event_id"]
            for r in self.fetch(
                "SELECT DISTINCT em.event_id FROM event_mentions em JOIN mentions m USING (mention_id) WHERE m.article_id = ? ORDER BY 1",
                [article_id],
            )
        ]
        return article

    def article_metadata(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Title, source, URL and publication date of each of ``article_ids`` that is stored."""
        rows = self.fetch(
            "SELECT article_id, title, source, url, published FROM articles WHERE article_id IN (SELECT unnest(?))", [list(article_ids)]
        )
        return {row["article_id"]: row for row in rows}

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a parameterised read query as dicts (for the aggregate views in ``crisislens.views``)."""
        cursor = self._db.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def cursor(self) -> Store:
        """The same database on a connection of its own, for use from another thread."""
        view = object.__new__(Store)
        view.path = self.path
        view._db = self._db.cursor()
        return view

    def counts(self) -> dict[str, int]:
        tables = ("articles", "sentences", "mentions", "events", "actors")
        return {t: self._db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # noqa: S608

    def export_parquet(self, path: str | Path, where: EventFilter = EventFilter()) -> int:
        """Write the filtered events, with nested actors/place/mentions, to a Parquet file."""
        events = self.events(where)
        if not events:
            raise StoreError("no events match the filters: nothing to export")
        self._db.execute("CREATE OR REPLACE TEMP TABLE export_rows (record JSON)")
        self._db.executemany("INSERT INTO export_rows VALUES (?)", [(json.dumps(e.to_dict()),) for e in events])
        structure = self._db.execute("SELECT json_group_structure(record) FROM export_rows").fetchone()[0]
        target = str(path).replace("'", "''")
        self._db.execute(
            f"COPY (SELECT * REPLACE ({_DATE_CASTS}) FROM (SELECT unnest(json_transform(record, {_sql_string(structure)})) FROM export_rows)) "
            f"TO '{target}' (FORMAT parquet)"  # noqa: S608 - both literals quoted by _sql_string / above
        )
        return len(events)

    def check(self) -> list[str]:
        """Everything wrong with the database's integrity, in words (an empty list: all is well).

        Stale events (an ingest stopped between its last commit and the end of its merge)
        are no problem: the next ingest merges; ``events_stale`` tells.
        """
        problems = [f"{table} is missing" for table in TABLE_NAMES if not self._has_table(table)]
        if problems:
            return problems
        stale = self.events_stale()
        for description, sql in INTEGRITY_CHECKS:
            if stale and description in MERGE_CHECKS:
                continue
            count = self._db.execute(sql).fetchone()[0]
            if count:
                problems.append(f"{count} {description}")
        for table, column in (("mentions", "record"), ("events", "record")):
            bad = self._db.execute(f"SELECT count(*) FROM {table} WHERE try_cast({column} AS JSON) IS NULL").fetchone()[0]  # noqa: S608 - fixed names
            if bad:
                problems.append(f"{bad} {table} with an unreadable JSON record")
        return problems

    def _has_table(self, name: str) -> bool:
        return self._db.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()[0] > 0

    def iter_sentences(self, article_id: str) -> Iterator[tuple[int, str]]:
        yield from self._db.execute(
            "SELECT sentence_index, text FROM sentences WHERE article_id = ? ORDER BY sentence_index", [article_id]
        ).fetchall()


def sql_file(name: str) -> str:
    """The text of one of the store's SQL files (schema.sql, upgrade.sql)."""
    return (resources.files("crisislens.store") / name).read_text(encoding="utf-8")


def _refuse_read_only(path: Path) -> None:
    """Raise when ``path`` or its folder is marked read-only: respected even by root, who could write anyway."""
    for target, what in ((path, "database file"), (path.parent, "folder")):
        if target.exists() and (not target.stat().st_mode & 0o222 or not os.access(target, os.W_OK)):
            raise StoreError(f"{target} is read-only: cannot write to this {what} (read commands still work; "
                             f"'chmod u+w {target}' to ingest into it)")


def _describe_process(pid: int) -> str:
    """"pid 123: crisislens ingest news.jsonl", or just the pid when it cannot be read."""
    try:
        command = " ".join(Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").replace("\0", " ").split())
    except OSError:
        return f"pid {pid}"
    program = re.sub(r"^(?:\S*python[\d.]*\s+(?:-m\s+)?)?\S*crisislens\b", "crisislens", command)
    return f"pid {pid}: {program[:120]}"


def _explain(error: Exception) -> str:
    message = str(error)
    if any(reason in message for reason in _DISK_FULL):
        return f"the disk is full or a file size limit is reached ({message}): free space and run the same command again"
    return message


def doubled_bound(limit: int | None, first: int) -> int | None:
    """The memory bound to retry under after ``limit`` (which started at ``first``) ran out: twice it, or None (give up)
    when there is no bound to raise or it was raised ``LIMIT_DOUBLINGS`` times already."""
    if limit is None or limit >= first << LIMIT_DOUBLINGS:
        return None
    return limit * 2


@contextmanager
def memory_bounded(db: duckdb.DuckDBPyConnection, limit_bytes: int) -> Iterator[None]:
    """Run the block with DuckDB's memory limit at ``limit_bytes``, then back at DuckDB's default (the store's
    connection never sets one of its own)."""
    db.execute(f"SET memory_limit = '{limit_bytes}B'")
    try:
        yield
    finally:
        db.execute("RESET memory_limit")


def append_rows(db: duckdb.DuckDBPyConnection, table: str, names: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """Append ``rows`` to ``table`` in one statement: a list per column, unnested side by side.

    One columnar statement instead of DuckDB's ``executemany`` (a statement per row),
    which measured some 50 times slower; no pyarrow or pandas needed.
    """
    if not rows:
        return
    unnests = ", ".join("unnest(?)" for _ in names)
    db.execute(f"INSERT INTO {table} ({', '.join(names)}) SELECT {unnests}", columns(rows, len(names)))  # noqa: S608 - fixed names


@dataclass(frozen=True, slots=True)
class PartInput:
    """What merging one part takes: its mentions' JSON records and (article, name, document frequency) of their articles."""

    records: list[str]
    names: list[tuple[str, str, int]]


@dataclass(frozen=True, slots=True)
class MergedPart:
    """One part's events, as rows of ``events`` and ``event_mentions``."""

    events: list[tuple[Any, ...]]
    links: list[tuple[str, str]]


def events_of_part(part: PartInput, articles: int) -> MergedPart:
    """Merge one part's mentions into events; ``articles``: the articles with mentions in the whole merge (the names'
    weights count them)."""
    mentions = [mention_from_dict(json.loads(record)) for record in part.records]
    names: dict[str, set[str]] = {m.span.article_id: set() for m in mentions}
    frequency: dict[str, int] = {}
    for article, name, df in part.names:
        names[article].add(name)
        frequency[name] = df
    clusters = cluster_mentions(mentions, evidence=NameEvidence(names, name_weights(frequency, articles)))
    events = [build_event(cluster) for cluster in clusters]
    return MergedPart([event_row(e) for e in events], [(e.event_id, m.mention_id) for e, c in zip(events, clusters) for m in c])


def merged_parts(parts: Iterable[PartInput], count: int, articles: int, workers: int) -> Iterator[MergedPart]:
    """The ``count`` parts of ``parts`` merged (``events_of_part``), in order: in this process, or, with ``workers`` > 1
    and more than one part, in as many spawned processes with one part each at a time (the next part is read while
    the others merge)."""
    workers = min(workers, count)
    if workers <= 1:
        yield from (events_of_part(part, articles) for part in parts)
        return
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        pending: deque[Future[MergedPart]] = deque()
        for part in parts:
            pending.append(pool.submit(events_of_part, part, articles))
            if len(pending) == workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(cancel_futures=True)


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def event_row(event: Event) -> tuple[Any, ...]:
    source, target, place = event.source_actor, event.target_actor, event.location
    return (
        event.event_id,
        event.date,
        event.date_precision,
        source.actor_id if source else None,
        source.name if source else None,
        target.actor_id if target else None,
        target.name if target else None,
        event.cameo,
        event.cameo_root,
        event.quad_class,
        event.goldstein,
        event.plover,
        place.name if place else None,
        place.country if place else None,
        event.fatalities,
        event.injured,
        event.num_articles,
        json.dumps(to_jsonable(event)),
        event.acled_type,
        place.lat if place else None,
        place.lon if place else None,
        source.country if source else None,
        target.country if target else None,
    )


def _where(clauses: Sequence[str]) -> str:
    return " WHERE " + " AND ".join(clauses) if clauses else ""


def event_clauses(where: EventFilter) -> tuple[list[str], list[Any]]:
    """SQL conditions on the events table (with their parameters) for ``where``'s filters."""
    clauses: list[str] = []
    params: list[Any] = []
    if where.since:
        clauses.append("date >= ?")
        params.append(where.since)
    if where.until:
        clauses.append("date <= ?")
        params.append(where.until)
    if where.actor:
        clauses.append("(source_name ILIKE ? ESCAPE '\\' OR target_name ILIKE ? ESCAPE '\\' OR source_actor_id = ? OR target_actor_id = ?)")
        params += [f"%{_like(where.actor)}%"] * 2 + [where.actor] * 2
    if where.cameo:
        clauses.append("starts_with(cameo, ?)")
        params.append(where.cameo)
    if where.place:
        clauses.append("(location_name ILIKE ? ESCAPE '\\' OR location_country = ?)")
        params += [f"%{_like(where.place)}%", where.place.upper()]
    if where.country:
        clauses.append("(location_country = ? OR source_country = ? OR target_country = ?)")
        params += [where.country.upper()] * 3
    if where.plover:
        clauses.append("plover = ?")
        params.append(where.plover.upper())
    if where.acled_type:
        clauses.append("acled_type ILIKE ? ESCAPE '\\'")
        params.append(_like(where.acled_type))
    if where.bbox:
        box = where.bbox
        crosses_antimeridian = box.min_lon > box.max_lon
        clauses.append(f"location_lat BETWEEN ? AND ? AND (location_lon >= ? {'OR' if crosses_antimeridian else 'AND'} location_lon <= ?)")
        params += [box.min_lat, box.max_lat, box.min_lon, box.max_lon]
    if where.dyad:
        source_is = "(source_name ILIKE ? ESCAPE '\\' OR source_actor_id = ?)"
        target_is = "(target_name ILIKE ? ESCAPE '\\' OR target_actor_id = ?)"
        clauses.append(f"(({source_is} AND {target_is}) OR ({source_is} AND {target_is}))")
        first, second = ([f"%{_like(name)}%", name] for name in where.dyad)
        params += [*first, *second, *second, *first]
    if where.text:
        clauses.append("event_id IN (SELECT em.event_id FROM event_mentions em JOIN mentions m USING (mention_id) "
                       "JOIN sentences s ON s.article_id = m.article_id AND s.sentence_index = m.sentence_index WHERE s.text ILIKE ? ESCAPE '\\')")
        params.append(f"%{_like(where.text)}%")
    return clauses, params


def _actor_clauses(name: str | None, country: str | None) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if name:
        clauses.append("(name ILIKE ? ESCAPE '\\' OR actor_id ILIKE ? ESCAPE '\\' OR array_to_string(aliases, '|') ILIKE ? ESCAPE '\\')")
        params += [f"%{_like(name)}%"] * 3
    if country:
        clauses.append("country = ?")
        params.append(country.upper())
    return clauses, params


def _article_clauses(text: str | None) -> tuple[list[str], list[Any]]:
    if not text:
        return [], []
    return ["(a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\')"], [f"%{_like(text)}%"] * 2


def _like(text: str) -> str:
    """``text`` as a literal inside an ILIKE pattern: its own % and _ match only themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
