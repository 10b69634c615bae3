"""The only place the stages meet: articles -> parse -> actors and mentions -> store -> events."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path

from crisislens.ingest import read_articles
from crisislens.knowledge import load_knowledge
from crisislens.knowledge.load import Knowledge
from crisislens.mentions.extract import ArticleExtraction, MentionExtractor
from crisislens.models import Article, Skipped
from crisislens.nlp.build import build_nlp
from crisislens.settings import PipelineSettings
from crisislens.store.duckdb import Store, StoredArticle

logger = logging.getLogger(__name__)

# Called after each article with (articles done, article id or input name).
Progress = Callable[[int, str], None]


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    read: int = 0
    ingested: int = 0
    unchanged: int = 0
    sentences: int = 0
    mentions: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)


class Pipeline:
    """The loaded model and knowledge, ready to code articles.

    Example:
        >>> pipeline = Pipeline()
        >>> extraction = next(pipeline.process([Article("a1", "Iran fired missiles at US bases.")]))
    """

    def __init__(self, settings: PipelineSettings = PipelineSettings(), knowledge: Knowledge | None = None) -> None:
        """``knowledge`` replaces the packaged knowledge and ``settings.knowledge_dirs`` (e.g. a gold suite's own dictionaries)."""
        self.settings = settings
        self.knowledge = knowledge if knowledge is not None else load_knowledge(settings.knowledge_dirs)
        self.nlp = build_nlp(settings.model)
        self.extractor = MentionExtractor(self.knowledge, self.nlp.vocab)

    def process(self, articles: Iterable[Article]) -> Iterator[tuple[Article, ArticleExtraction] | Skipped]:
        """Parse and extract each article; an article that fails is reported, the rest go on."""
        pairs = ((article.text, article) for article in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.settings.batch_size):
            try:
                yield article, self.extractor.extract(doc, article)
            except Exception as error:  # one bad article must never stop a batch
                logger.warning("article %s failed: %s", article.article_id, error, exc_info=logger.isEnabledFor(logging.DEBUG))
                yield Skipped(article.article_id, f"extraction failed: {type(error).__name__}: {error}")


def _stored(article: Article, extraction: ArticleExtraction) -> StoredArticle:
    actor_rows = [
        (sentence, match.surface, match.ref.actor_id, match.ref.name, match.ref.type, match.ref.country, match.ref.role)
        for sentence, match in extraction.actor_matches
    ]
    return StoredArticle(article, extraction.sentences, actor_rows, extraction.mentions)


def _batches(items: Iterable[Article | Skipped], size: int) -> Iterator[list[Article | Skipped]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    pipeline: Pipeline,
    *,
    published: date | None = None,
    source: str | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Read, code and store the articles under ``paths``, then merge events.

    Unchanged articles (same id and content) are skipped, edited ones replace their
    old version, and each batch is written in one transaction: a killed run can be
    re-run and continues without duplicates.
    """
    report = IngestReport()
    first_origin: dict[str, str | None] = {}
    for batch in _batches(read_articles(paths, published=published, source=source), pipeline.settings.batch_size):
        articles: list[Article] = []
        for item in batch:
            if isinstance(item, Skipped):
                report.skipped.append(item)
            elif item.article_id in first_origin:
                report.skipped.append(Skipped(item.origin or item.article_id, f"duplicate article id {item.article_id!r} (first read from {first_origin[item.article_id]})"))
            else:
                first_origin[item.article_id] = item.origin
                articles.append(item)
        report.read += len(batch)
        stored_hashes = store.article_hashes([a.article_id for a in articles])
        fresh = [a for a in articles if stored_hashes.get(a.article_id) != a.content_hash]
        report.unchanged += len(articles) - len(fresh)
        to_write: list[StoredArticle] = []
        for result in pipeline.process(fresh):
            if isinstance(result, Skipped):
                report.skipped.append(result)
                continue
            article, extraction = result
            to_write.append(_stored(article, extraction))
            report.sentences += len(extraction.sentences)
            report.mentions += len(extraction.mentions)
        store.write_articles(to_write)
        report.ingested += len(to_write)
        if progress is not None:
            progress(report.read, batch[-1].article_id if isinstance(batch[-1], Article) else batch[-1].origin)
    if store.events_stale():
        store.rebuild_events()
    report.totals = store.counts()
    return report
