"""The rows one batch of coded articles adds to the store, column by column.

Built where the articles are coded (a worker process, later a Dask task), they travel
as plain tuples, cheap to pickle, and the store appends each table in one statement.
Importing this module needs neither DuckDB nor spaCy.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from crisislens.models import Article, EventMention, MentionSpan, to_jsonable

# Table name -> its columns, in the order of the tuples below (schema.sql defines the types).
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id", "content_hash", "title", "published", "source", "url", "byline", "dateline", "origin", "text"),
    "sentences": ("article_id", "sentence_index", "text", "start_char", "end_char"),
    "actor_mentions": ("article_id", "sentence_index", "surface", "actor_id", "name", "type", "country", "role"),
    "mentions": ("mention_id", "article_id", "sentence_index", "cameo", "record"),
}


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """What the store keeps of one article's processing."""

    article: Article
    sentences: Sequence[MentionSpan]
    actor_rows: Sequence[tuple[int, str, str, str, str | None, str | None, str | None]]
    mentions: Sequence[EventMention]


@dataclass(slots=True)
class ArticleRows:
    """The rows of ``TABLE_COLUMNS`` for a batch of articles (replace those articles atomically)."""

    article_ids: list[str] = field(default_factory=list)
    tables: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: {table: [] for table in TABLE_COLUMNS})

    def __len__(self) -> int:
        return len(self.article_ids)

    def add(self, item: StoredArticle) -> None:
        a = item.article
        self.article_ids.append(a.article_id)
        self.tables["articles"].append((a.article_id, a.content_hash, a.title, a.published, a.source, a.url, a.byline, a.dateline, a.origin, a.text))
        self.tables["sentences"].extend((s.article_id, s.sentence_index, s.sentence, s.start, s.end) for s in item.sentences)
        self.tables["actor_mentions"].extend((a.article_id, *row) for row in item.actor_rows)
        self.tables["mentions"].extend(
            (m.mention_id, m.span.article_id, m.span.sentence_index, m.cameo, json.dumps(to_jsonable(m))) for m in item.mentions
        )

    @classmethod
    def of(cls, items: Iterable[StoredArticle]) -> ArticleRows:
        rows = cls()
        for item in items:
            rows.add(item)
        return rows


def columns(rows: Sequence[tuple[Any, ...]], width: int) -> list[list[Any]]:
    """Row tuples turned into one list per column (what a columnar append takes)."""
    if not rows:
        return [[] for _ in range(width)]
    return [list(column) for column in zip(*rows, strict=True)]

