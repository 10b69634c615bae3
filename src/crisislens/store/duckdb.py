"""The embedded store: one DuckDB file with articles, sentences, actors, mentions and events."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from crisislens.errors import StoreError
from crisislens.events import build_event, cluster_mentions
from crisislens.models import Actor, Article, Event, EventMention, MentionSpan, to_jsonable
from crisislens.store.records import event_from_dict, mention_from_dict

EVENTS_STALE = "events_stale"
_DATE_CASTS = ", ".join(f"CAST({c} AS DATE) AS {c}" for c in ("date", "first_reported", "last_reported"))


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """What the store keeps of one article's processing."""

    article: Article
    sentences: Sequence[MentionSpan]
    actor_rows: Sequence[tuple[int, str, str, str, str | None, str | None, str | None]]
    mentions: Sequence[EventMention]


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters shared by the CLI, the Python API and (later) the REST API."""

    since: date | None = None
    until: date | None = None
    actor: str | None = None
    cameo: str | None = None
    place: str | None = None
    limit: int | None = None


class Store:
    """A crisislens database.

    Example:
        >>> with Store("crisislens.duckdb") as store:
        ...     store.counts()["events"]
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no such database (run 'crisislens ingest' first)")
        try:
            self._db = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as error:
            raise StoreError(f"{self.path}: cannot open database: {error}") from error
        if not read_only:
            schema = (resources.files("crisislens.store") / "schema.sql").read_text(encoding="utf-8")
            self._db.execute(schema)

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
        if not batch:
            return
        ids = [item.article.article_id for item in batch]
        db = self._db
        db.execute("BEGIN TRANSACTION")
        try:
            for table in ("articles", "sentences", "actor_mentions", "mentions"):
                db.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [ids])  # noqa: S608 - fixed table names
            db.executemany(
                "INSERT INTO articles (article_id, content_hash, title, published, source, url, byline, dateline, origin, text) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (a.article_id, a.content_hash, a.title, a.published, a.source, a.url, a.byline, a.dateline, a.origin, a.text)
                    for a in (item.article for item in batch)
                ],
            )
            db.executemany(
                "INSERT INTO sentences VALUES (?, ?, ?, ?, ?)",
                [(s.article_id, s.sentence_index, s.sentence, s.start, s.end) for item in batch for s in item.sentences],
            )
            actor_rows = [(item.article.article_id, *row) for item in batch for row in item.actor_rows]
            if actor_rows:
                db.executemany("INSERT INTO actor_mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?)", actor_rows)
            mention_rows = [
                (m.mention_id, m.span.article_id, m.span.sentence_index, m.cameo, json.dumps(to_jsonable(m)))
                for item in batch
                for m in item.mentions
            ]
            if mention_rows:
                db.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?)", mention_rows)
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, 'true')", [EVENTS_STALE])
            db.execute("COMMIT")
        except duckdb.Error as error:
            db.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot write articles {ids[:3]}...: {error}") from error

    def events_stale(self) -> bool:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", [EVENTS_STALE]).fetchone()
        return row is not None and row[0] == "true"

    def rebuild_events(self) -> int:
        """Merge every stored mention into events and refresh the actor table; returns the event count."""
        mentions = [mention_from_dict(json.loads(r[0])) for r in self._db.execute("SELECT record FROM mentions").fetchall()]
        clusters = cluster_mentions(mentions)
        events = [build_event(cluster) for cluster in clusters]
        member_rows = [(event.event_id, m.mention_id) for event, cluster in zip(events, clusters) for m in cluster]
        db = self._db
        db.execute("BEGIN TRANSACTION")
        try:
            db.execute("DELETE FROM events")
            db.execute("DELETE FROM event_mentions")
            if events:
                db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [_event_row(e) for e in events])
            if member_rows:
                db.executemany("INSERT INTO event_mentions VALUES (?, ?)", member_rows)
            self._rebuild_actors()
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, 'false')", [EVENTS_STALE])
            db.execute("COMMIT")
        except duckdb.Error as error:
            db.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot rebuild events: {error}") from error
        return len(events)

    def _rebuild_actors(self) -> None:
        self._db.execute("DELETE FROM actors")
        self._db.execute(
            """
            INSERT INTO actors
            SELECT actor_id, mode(name), mode(type), mode(country), mode(role),
                   list_sort(list_distinct(list(surface))), count(*)
            FROM actor_mentions GROUP BY actor_id
            """
        )

    # -- reading -----------------------------------------------------------------

    def events(self, where: EventFilter = EventFilter()) -> list[Event]:
        """Events matching ``where``, oldest first (undated last)."""
        clauses, params = _event_clauses(where)
        sql = "SELECT record FROM events" + (" WHERE " + " AND ".join(clauses) if clauses else "")
        sql += " ORDER BY date NULLS LAST, event_id"
        if where.limit is not None:
            sql += " LIMIT ?"
            params.append(where.limit)
        return [event_from_dict(json.loads(row[0])) for row in self._db.execute(sql, params).fetchall()]

    def event(self, event_id: str) -> Event | None:
        row = self._db.execute("SELECT record FROM events WHERE event_id = ? OR event_id LIKE ? || '%' LIMIT 2", [event_id, event_id]).fetchall()
        return event_from_dict(json.loads(row[0][0])) if len(row) == 1 else None

    def actors(self, name: str | None = None, limit: int | None = None) -> list[Actor]:
        sql = "SELECT actor_id, name, type, country, role, aliases, mentions FROM actors"
        params: list[Any] = []
        if name:
            sql += " WHERE name ILIKE ? OR actor_id ILIKE ? OR array_to_string(aliases, '|') ILIKE ?"
            params += [f"%{name}%"] * 3
        sql += " ORDER BY mentions DESC, actor_id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [
            Actor(actor_id=r[0], name=r[1], type=r[2], country=r[3], role=r[4], aliases=tuple(r[5] or ()), mentions=r[6])
            for r in self._db.execute(sql, params).fetchall()
        ]

    def articles(self, limit: int | None = None) -> list[dict[str, Any]]:
        sql = (
            "SELECT a.article_id, a.published, a.source, a.title, a.dateline, "
            "(SELECT count(*) FROM sentences s WHERE s.article_id = a.article_id) AS sentences, "
            "(SELECT count(*) FROM mentions m WHERE m.article_id = a.article_id) AS mentions "
            "FROM articles a ORDER BY a.published NULLS LAST, a.article_id"
        )
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        cursor = self._db.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

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

    def iter_sentences(self, article_id: str) -> Iterator[tuple[int, str]]:
        yield from self._db.execute(
            "SELECT sentence_index, text FROM sentences WHERE article_id = ? ORDER BY sentence_index", [article_id]
        ).fetchall()


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _event_row(event: Event) -> tuple[Any, ...]:
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
    )


def _event_clauses(where: EventFilter) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if where.since:
        clauses.append("date >= ?")
        params.append(where.since)
    if where.until:
        clauses.append("date <= ?")
        params.append(where.until)
    if where.actor:
        clauses.append("(source_name ILIKE ? OR target_name ILIKE ? OR source_actor_id ILIKE ? OR target_actor_id ILIKE ?)")
        params += [f"%{where.actor}%"] * 2 + [where.actor] * 2
    if where.cameo:
        clauses.append("starts_with(cameo, ?)")
        params.append(where.cameo)
    if where.place:
        clauses.append("(location_name ILIKE ? OR location_country ILIKE ?)")
        params += [f"%{where.place}%", where.place]
    return clauses, params
