"""Where batches of articles are coded: in this process, or in a pool of worker processes.

Both coders take an iterable of ``(tag, articles)`` and yield ``(tag, CodedBatch)`` for
each, reading the iterable lazily: the process pool keeps at most ``max_pending``
batches in flight (submitted, or done and not yet taken), so memory does not grow
with the corpus. Results come back in completion order, which the store does not
care about (events are merged from all mentions in a canonical order).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from crisislens.blas import THREAD_LIMITS
from crisislens.errors import CrisislensError
from crisislens.models import Article
from crisislens.nlp.build import resolve_model_name
from crisislens.pipeline import CodedBatch, Pipeline, code_batch
from crisislens.settings import PipelineSettings

logger = logging.getLogger(__name__)

T = TypeVar("T")

RECYCLE_ARTICLES = 2_500
"""Articles each worker process codes before the pool is replaced by fresh processes. A process's memory creeps up
with what it has coded (new words in spaCy's string store, lookup caches, pages its allocator keeps): one process
measured 710 MB after 256 articles, 727 MB after 1,536; on an endless stream it would not stop."""


_worker_pipeline: Pipeline | None = None


def worker_pipeline(settings: PipelineSettings) -> Pipeline:
    """This process's pipeline for ``settings``, loaded on first use (one per worker process)."""
    global _worker_pipeline
    if _worker_pipeline is None or _worker_pipeline.settings != settings:
        _worker_pipeline = Pipeline(settings)
    return _worker_pipeline


def _start_worker(settings: PipelineSettings, log_level: int) -> None:
    logging.basicConfig(level=log_level, format="worker %(process)d: %(message)s")
    worker_pipeline(settings)


def _code_in_worker(settings: PipelineSettings, articles: list[Article]) -> CodedBatch:
    return code_batch(worker_pipeline(settings), articles)


class InlineCoder:
    """Codes each batch in this process, when it is asked for the next result."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def __enter__(self) -> InlineCoder:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def map(self, work: Iterable[tuple[T, list[Article]]]) -> Iterator[tuple[T, CodedBatch]]:
        for tag, articles in work:
            yield tag, code_batch(self.pipeline, articles) if articles else CodedBatch()


class ProcessCoder:
    """Codes batches in ``workers`` processes, each with its own loaded pipeline.

    Processes are started with 'spawn' (a clean interpreter: no copied database
    handles or threads), each loads the model once, and with at most ``max_pending``
    batches (default ``2 * workers``) in flight. After ``recycle_articles`` articles per
    worker the pool is replaced by fresh processes, so the workers' memory stays flat on any stream.
    """

    def __init__(self, settings: PipelineSettings, workers: int, max_pending: int | None = None,
                 recycle_articles: int = RECYCLE_ARTICLES) -> None:  # fmt: skip
        resolve_model_name(settings.model)  # a missing model fails here, with its own message
        self.settings = settings
        self.workers = workers
        self.max_pending = max_pending or 2 * workers
        self.recycle_articles = recycle_articles
        self._pool = self._start()
        logger.info("%d worker processes ready", workers)

    def _start(self) -> ProcessPoolExecutor:
        saved = {name: os.environ.get(name) for name in THREAD_LIMITS}
        os.environ.update(THREAD_LIMITS)  # spawned children read the environment when they start, below
        pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(self.settings, logging.getLogger("crisislens").getEffectiveLevel()),
        )
        try:
            # Start every worker now, while the limits are set, so each loads its model in parallel.
            for future in [pool.submit(_code_in_worker, self.settings, []) for _ in range(self.workers)]:
                future.result()
        except BrokenProcessPool as error:
            pool.shutdown(cancel_futures=True)
            raise CrisislensError(f"a worker process could not start: {error}") from error
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        return pool

    def __enter__(self) -> ProcessCoder:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def map(self, work: Iterable[tuple[T, list[Article]]]) -> Iterator[tuple[T, CodedBatch]]:
        """Code every batch; after ``recycle_articles`` per worker, the pool's work is drained and fresh processes
        take over (max_tasks_per_child would do it per process, but deadlocks with queued work: CPython gh-115634)."""
        pending: dict[Future[CodedBatch], T] = {}
        items = iter(work)
        exhausted = False
        held: tuple[T, list[Article]] | None = None  # the next batch, waiting for a fresh pool
        submitted = 0  # articles given to this pool
        while True:
            while not exhausted and held is None and len(pending) < self.max_pending:
                item = next(items, None)
                if item is None:
                    exhausted = True
                elif not item[1]:
                    yield item[0], CodedBatch()  # nothing new in this batch: no round trip
                elif submitted >= self.recycle_articles * self.workers:
                    held = item
                else:
                    pending[self._pool.submit(_code_in_worker, self.settings, item[1])] = item[0]
                    submitted += len(item[1])
            if not pending:
                if held is None:
                    return
                self._replace_pool(submitted)
                pending[self._pool.submit(_code_in_worker, self.settings, held[1])] = held[0]
                submitted, held = len(held[1]), None
                continue
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                tag = pending.pop(future)
                try:
                    coded = future.result()
                except BrokenProcessPool as error:
                    raise CrisislensError(f"a worker process died (out of memory?): {error}") from error
                yield tag, coded

    def _replace_pool(self, coded: int) -> None:
        self._pool.shutdown(wait=True)
        self._pool = self._start()
        logger.info("worker processes replaced by fresh ones after %d articles (their memory returned)", coded)
