"""The only place the stages meet: articles -> parse -> actors and mentions -> store -> events."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Protocol, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from crisislens.ingest import read_articles
from crisislens.knowledge import load_knowledge
from crisislens.knowledge.load import Knowledge
from crisislens.mentions.extract import ArticleExtraction, MentionExtractor
from crisislens.models import Article, Skipped
from crisislens.nlp.build import build_nlp
from crisislens.settings import PipelineSettings
from crisislens.store.duckdb import Store
from crisislens.store.rows import ArticleRows, StoredArticle

logger = logging.getLogger(__name__)

# Called after each committed batch with (inputs done, last article id or input name),
# and once more with MERGING when the event merge starts.
Progress = Callable[[int, str], None]
MERGING = "merging events"
# The parse's working memory grows with the text it parses at once (64 articles of 150,000 characters:
# ~450 MB more per process), so a worker's peak was set by the longest batch it had met and rose with the
# corpus. Parse batches are also cut at this many characters: the same annotations, the peak bounded
# (3 batches of GVA and Guardian articles: +175 MB instead of +530 MB) and no more CPU (15.5 s against 17.4 s).
# A longer text is parsed alone, in pieces of at most this many characters where its text allows.
PARSE_BATCH_CHARS = 50_000
# Where a long text is cut, best first: after a paragraph break, a line break, a sentence's end, any whitespace.
# Each cut is where a whitespace run meets the next word, so the pieces tokenize as the whole text does.
_CUTS = tuple(
    re.compile(pattern)
    for pattern in (r"\s*\n\s*\n\s*(?=\S)", r"\s*\n\s*(?=\S)", r"(?<=[.!?])\s+(?=\S)", r"\s+(?=\S)")
)
T = TypeVar("T")


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
        self.custom_knowledge = knowledge is not None
        self.knowledge = knowledge if knowledge is not None else load_knowledge(settings.knowledge_dirs)
        self.nlp = build_nlp(settings.model)
        self.extractor = MentionExtractor(self.knowledge, self.nlp.vocab, parse=self.nlp)

    def process(self, articles: Iterable[Article]) -> Iterator[tuple[Article, ArticleExtraction] | Skipped]:
        """Parse and extract each article; an article that fails is reported, the rest go on."""
        too_long: list[Skipped] = []

        def parseable() -> Iterator[tuple[str, Article]]:
            for article in articles:
                if len(article.text) > self.nlp.max_length:
                    too_long.append(Skipped(article.origin or article.article_id, _too_long(len(article.text), self.nlp.max_length)))
                else:
                    yield article.text, article

        for texts in parse_batches(parseable(), self.settings.batch_size, PARSE_BATCH_CHARS):
            for doc, article in parse_batch(self.nlp, texts, PARSE_BATCH_CHARS):
                yield from _drain(too_long)
                try:
                    yield article, self.extractor.extract(doc, article)
                except Exception as error:  # one bad article must never stop a batch
                    logger.warning("article %s failed: %s", article.article_id, error, exc_info=logger.isEnabledFor(logging.DEBUG))
                    yield Skipped(article.article_id, f"extraction failed: {type(error).__name__}: {error}")
        yield from _drain(too_long)


def parse_batches(items: Iterable[tuple[str, T]], size: int, chars: int) -> Iterator[list[tuple[str, T]]]:
    """``items`` (text, context) in order, in batches of at most ``size`` texts and ``chars`` characters
    (a longer text alone)."""
    batch: list[tuple[str, T]] = []
    length = 0
    for item in items:
        if batch and (len(batch) == size or length + len(item[0]) > chars):
            yield batch
            batch, length = [], 0
        batch.append(item)
        length += len(item[0])
    if batch:
        yield batch


def parse_batch(nlp: Language, texts: list[tuple[str, T]], chars: int) -> Iterator[tuple[Doc, T]]:
    """Each (text, context) of a ``parse_batches`` batch parsed; a text longer than ``chars``, alone in
    its batch, is parsed piece by piece (see ``text_pieces``; each piece starts a sentence) into one Doc
    of the same text and tokens, so a long text's parse memory stays that of ``chars`` characters."""
    if len(texts) == 1 and len(texts[0][0]) > chars:
        text, context = texts[0]
        # Every piece but the last ends in whitespace: joining inserts nothing. The pieces' own Docs are not kept
        # while the article is extracted (they held ~80 MB more for a 100,000-character article).
        yield Doc.from_docs(list(nlp.pipe(text_pieces(text, chars), batch_size=1)), ensure_whitespace=False), context
    else:
        yield from nlp.pipe(texts, as_tuples=True, batch_size=len(texts))


def text_pieces(text: str, chars: int) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``chars`` characters where the text allows (a run
    of more characters without whitespace stays whole), each cut at the best place ``_CUTS`` finds."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > chars:
        end = _cut(text, start, chars)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _cut(text: str, start: int, chars: int) -> int:
    """Where the piece of ``text`` from ``start`` ends: the last best cut within ``chars`` characters,
    else the first cut after them, else the text's end."""
    for cut in _CUTS:
        within = list(cut.finditer(text, start, start + chars + 1))
        if within:
            return within[-1].end()
    after = _CUTS[-1].search(text, start + chars)
    return after.end() if after is not None else len(text)


def _too_long(length: int, limit: int) -> str:
    return f"{length:,} characters of text, more than the parser takes ({limit:,}): split it into several articles"


def _drain(items: list[Skipped]) -> Iterator[Skipped]:
    while items:
        yield items.pop(0)


@dataclass(slots=True)
class CodedBatch:
    """What coding one batch of articles gives: the store's rows, and the articles that failed."""

    rows: ArticleRows = field(default_factory=ArticleRows)
    skipped: list[Skipped] = field(default_factory=list)
    sentences: int = 0
    mentions: int = 0


def code_batch(pipeline: Pipeline, articles: Sequence[Article]) -> CodedBatch:
    """Parse and extract ``articles`` into rows for the store: the unit of work of every engine.

    A pure function of the pipeline and the articles (no store, no global state), so
    a worker process or a Dask task runs it exactly as the single-process ingest does.
    """
    coded = CodedBatch()
    for result in pipeline.process(articles):
        if isinstance(result, Skipped):
            coded.skipped.append(result)
            continue
        article, extraction = result
        coded.rows.add(_stored(article, extraction))
        coded.sentences += len(extraction.sentences)
        coded.mentions += len(extraction.mentions)
    return coded


def _stored(article: Article, extraction: ArticleExtraction) -> StoredArticle:
    actor_rows = [
        (sentence, match.surface, match.ref.actor_id, match.ref.name, match.ref.type, match.ref.country, match.ref.role)
        for sentence, match in extraction.actor_matches
    ]
    return StoredArticle(article, extraction.sentences, actor_rows, extraction.mentions)


class StoredHashes(Protocol):
    """Where already stored articles are looked up: a ``Store``, or a Parquet dataset's index."""

    def article_hashes(self, article_ids: Sequence[str]) -> dict[str, str]: ...


@dataclass(frozen=True, slots=True)
class WorkBatch:
    """One batch as read: how many inputs it stands for, the last one's name, the articles to code."""

    inputs: int
    last: str
    articles: list[Article]


def work_batches(
    items: Iterable[Article | Skipped], store: StoredHashes, batch_size: int, report: IngestReport
) -> Iterator[WorkBatch]:
    """Batches of the articles still to code: duplicates and failures reported, unchanged ones skipped."""
    first_origin: dict[str, str | None] = {}
    for batch in _batches(items, batch_size):
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
        last = batch[-1]
        yield WorkBatch(len(batch), last.article_id if isinstance(last, Article) else last.origin, fresh)


def _batches(items: Iterable[Article | Skipped], size: int) -> Iterator[list[Article | Skipped]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    pipeline: Pipeline | PipelineSettings,
    *,
    workers: int = 1,
    published: date | None = None,
    source: str | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Read, code and store the articles under ``paths``, then merge events.

    Input is streamed: at most ``2 * workers`` batches of ``batch_size`` articles are
    in flight at once, whatever the corpus size. With ``workers`` > 1, that many
    processes each load the model (from ``pipeline``'s settings) and code batches;
    this process reads and writes, then the merge's parts are merged in ``workers``
    fresh processes (``Store.rebuild_events``). The stored result does not depend on
    ``workers``. Unchanged articles (same id and content) are skipped, edited ones
    replace their old version, and each batch is written in one transaction: a
    killed run can be re-run and continues without duplicates.

    Worker processes are started with 'spawn', so a script calling this with
    ``workers`` > 1 must guard its own work with ``if __name__ == "__main__":``.
    """
    from crisislens.workers import InlineCoder, ProcessCoder  # workers imports this module

    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    settings = pipeline.settings if isinstance(pipeline, Pipeline) else pipeline
    if isinstance(pipeline, Pipeline) and pipeline.custom_knowledge and workers > 1:
        raise ValueError("a pipeline with its own Knowledge object cannot be copied to worker processes; use settings.knowledge_dirs")
    report = IngestReport()
    done = 0
    work = work_batches(read_articles(paths, published=published, source=source), store, settings.batch_size, report)
    if workers == 1:
        coder: InlineCoder | ProcessCoder = InlineCoder(pipeline if isinstance(pipeline, Pipeline) else Pipeline(settings))
    else:
        coder = ProcessCoder(settings, workers)
    with coder, store.bounded_writes():
        for item, coded in coder.map(((w, w.articles) for w in work)):
            report.skipped.extend(coded.skipped)
            store.write_rows(coded.rows)
            report.ingested += len(coded.rows)
            report.sentences += coded.sentences
            report.mentions += coded.mentions
            done += item.inputs
            logger.info("committed %d articles (%d inputs done, up to %s)", len(coded.rows), done, item.last)
            if progress is not None:
                progress(done, item.last)
    if store.events_stale():
        logger.info("%s: every stored mention", MERGING)
        if progress is not None:
            progress(done, MERGING)
        store.rebuild_events(workers=workers)
    report.totals = store.counts()
    return report
