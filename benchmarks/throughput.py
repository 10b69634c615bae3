"""Throughput of ``crisislens ingest`` against the floor set by the spaCy parse alone.

Usage (from the repository root)::

    .venv/bin/python benchmarks/throughput.py --articles 1000 --workers 2

It builds a corpus of real news articles in a temporary directory (the Gun Violence
Archive articles and the Guardian sample under ``../shared/data``, repeated with new
ids to reach ``--articles``; nothing is copied into the project), then runs, one
after the other and each in a fresh process:

(a) the floor: ``nlp.pipe`` of the pipeline crisislens builds (same model, same
    components, same parse batches — ``--batch-size`` articles, cut at
    ``pipeline.PARSE_BATCH_CHARS`` characters, a longer text parsed in pieces —, same count of spawned worker processes)
    over the texts crisislens reads from that corpus;
(b) ``crisislens ingest CORPUS --db FRESH.duckdb --workers N --batch-size B``, the
    command itself, into a fresh database; with ``--engine dask``,
    ``crisislens ingest CORPUS --db FRESH_DIR --engine dask --scheduler local:N``
    (a LocalCluster of N worker processes started by the command, into a Parquet dataset).

With ``--rounds R``, R such pairs run in alternating order (a, b, then b, a, ...) so that
a drift in the shared machine's speed falls on both alike; the ratios, rates and times
reported are the rounds' medians (each round's ratio is printed too), the event merge (c)
is timed once, on the first round's database.

Both runs get one BLAS thread per process, as every crisislens process does (``crisislens.blas``).

Both timings are wall-clock from process start to exit (interpreter start, model
loading and, for (b), the event merge included). Peak memory is the largest sum of
the resident set sizes of the process and all its descendants, sampled every
0.1 s (shared pages of forked workers are counted once per process, so it errs
high). The last line printed is one JSON object with the results.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import multiprocessing
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GVA = SHARED / "data" / "gva-gun-violence" / "gva_articles.jsonl"
GUARDIAN = SHARED / "data" / "news-corpora" / "guardian-sdf-sample" / "Guardian_SDF_sample.csv.zip"
SAMPLE_SECONDS = 0.1


# --------------------------------------------------------------------------- the corpus


def base_articles() -> list[dict[str, Any]]:
    """The real articles, in the input format crisislens reads, in a fixed mixed order."""
    articles: list[dict[str, Any]] = []
    seen: set[str] = set()
    with GVA.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if not row["content"].strip() or row["doc_id"] in seen:
                continue
            seen.add(row["doc_id"])
            articles.append({"id": f"gva-{row['doc_id']}", "date": row["dct"], "title": row["title"], "url": row["uri"], "text": row["content"]})
    with zipfile.ZipFile(GUARDIAN) as archive, archive.open("Guardian_SDF_sample.csv") as raw:
        for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")):
            if row["text"].strip():
                articles.append({"id": f"guardian-{row['']}", "date": row["date"], "source": row["source"], "text": row["text"]})
    random.Random(7).shuffle(articles)
    return articles


def write_corpus(path: Path, count: int) -> None:
    """``count`` articles as JSON Lines; each round over the base articles gets new ids."""
    base = base_articles()
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            round_, article = divmod(n, len(base))
            record = dict(base[article])
            record["id"] = f"r{round_}-{record['id']}"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------- memory of a process tree


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as handle:
                    todo.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return pids


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeMemory(threading.Thread):
    """Samples the summed RSS of a process and its descendants until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.peak_processes = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            pids = _tree(self.pid)
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(p) for p in pids))
            self.peak_processes = max(self.peak_processes, len(pids))
            self._stop_event.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


@dataclass(frozen=True, slots=True)
class Phase:
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    processes: int
    stdout: str


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def hide_torch(directory: Path) -> dict[str, str]:
    """An environment in which ``import torch`` fails, as in a clean install of crisislens.

    thinc imports torch whenever it is installed (crisislens never uses it); the crisislens
    command and its workers keep it out already (``crisislens.torch_guard``), and so do
    the floor's process and its workers; this hides it from every other import too.
    """
    package = directory / "torch"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('raise ImportError("torch hidden by benchmarks/throughput.py --without-torch")\n')
    path = os.pathsep.join(filter(None, [str(directory), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path}


def run_phase(command: list[str], env: dict[str, str] | None = None) -> Phase:
    """Run ``command`` to its end: wall time, CPU time of its whole tree, peak tree RSS, stdout."""
    cpu = _children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=REPO, env=env)
    memory = TreeMemory(process.pid)
    memory.start()
    stdout, _ = process.communicate()
    seconds = time.perf_counter() - start
    memory.stop()
    phase = Phase(seconds, _children_cpu() - cpu, memory.peak_kb / 1024, memory.peak_processes, stdout)
    if process.returncode != 0:
        raise SystemExit(
            f"{' '.join(command)} failed with exit code {process.returncode} after {phase.seconds:.1f} s "
            f"(CPU {phase.cpu_seconds:.1f} s; peak RSS {phase.peak_rss_mb:.0f} MB over {phase.processes} processes)"
        )
    return phase


# --------------------------------------------------------------------------- the floor (run in its own process)


_FLOOR_NLP: Any = None


def _load_floor_nlp(model: str) -> None:
    from crisislens.nlp.build import build_nlp

    global _FLOOR_NLP
    _FLOOR_NLP = build_nlp(model)


def _parse_tokens(batch: list[tuple[str, None]]) -> int:
    from crisislens.pipeline import PARSE_BATCH_CHARS, parse_batch

    return sum(len(doc) for doc, _ in parse_batch(_FLOOR_NLP, batch, PARSE_BATCH_CHARS))


def floor(corpus: Path, batch_size: int, workers: int, model: str) -> None:
    """Parse every text crisislens reads from ``corpus`` with its spaCy pipeline, nothing more: in the ingest's parse
    batches (``pipeline.parse_batches``; a longer text in pieces, by ``pipeline.parse_batch``), in this process for one
    worker, else in as many spawned processes."""
    from crisislens.blas import one_blas_thread
    from crisislens.torch_guard import WITHOUT_TORCH_ENV, keep_torch_out

    keep_torch_out()  # as the crisislens command does, in this process
    os.environ[WITHOUT_TORCH_ENV] = "1"  # and in the spawned workers (each imported torch: ~2 CPU-s, ~190 MB)
    one_blas_thread()  # likewise, before numpy is imported
    from crisislens.ingest import read_articles
    from crisislens.models import Article
    from crisislens.pipeline import PARSE_BATCH_CHARS, parse_batches

    counts = {"articles": 0, "words": 0}

    def texts() -> Iterator[tuple[str, None]]:
        for item in read_articles([corpus]):
            if isinstance(item, Article):
                counts["articles"] += 1
                counts["words"] += len(item.text.split())
                yield item.text, None

    start = time.perf_counter()
    if workers == 1:
        _load_floor_nlp(model)
        loaded = time.perf_counter()
        tokens = sum(map(_parse_tokens, parse_batches(texts(), batch_size, PARSE_BATCH_CHARS)))
    else:
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=spawn, initializer=_load_floor_nlp, initargs=(model,)) as pool:
            loaded = time.perf_counter()  # the workers load the model as the ingest's do: inside the parse time
            tokens = sum(pool.map(_parse_tokens, parse_batches(texts(), batch_size, PARSE_BATCH_CHARS), chunksize=1))
    print(json.dumps({**counts, "tokens": tokens, "load_s": loaded - start, "parse_s": time.perf_counter() - loaded}))


def merge(db: Path, workers: int) -> None:
    """Merge the stored mentions of ``db`` into events again in ``workers`` processes (the last step of every ingest)."""
    from crisislens.store.duckdb import Store

    with Store(db) as store:
        start = time.perf_counter()
        events = store.rebuild_events(workers=workers)
        print(json.dumps({"events": events, "merge_s": time.perf_counter() - start, "mentions": store.counts()["mentions"]}))


# --------------------------------------------------------------------------- the run


def _counts(db: Path) -> dict[str, int]:
    from crisislens.store.duckdb import Store

    with Store(db, read_only=True) as store:
        return store.counts()


@dataclass(frozen=True, slots=True)
class FloorRun:
    phase: Phase
    articles: int
    words: int


@dataclass(frozen=True, slots=True)
class Round:
    """One floor run (unless skipped) and one ingest run, back to back."""

    floor: FloorRun | None
    ingest: Phase
    counts: dict[str, int]

    @property
    def floor_aps(self) -> float | None:
        return self.floor.articles / self.floor.phase.seconds if self.floor else None

    @property
    def aps(self) -> float:
        return self.counts["articles"] / self.ingest.seconds

    @property
    def ratio(self) -> float | None:
        return self.aps / self.floor_aps if self.floor_aps else None

    @property
    def cpu_ratio(self) -> float | None:
        return self.floor.phase.cpu_seconds / self.ingest.cpu_seconds if self.floor else None


def run_floor(corpus: Path, common: list[str], workers: int, env: dict[str, str]) -> FloorRun:
    phase = run_phase([sys.executable, __file__, "--floor-only", str(corpus), *common, "--workers", str(workers)], env)
    result = json.loads(phase.stdout.strip().splitlines()[-1])
    print(
        f"(a) floor, spaCy nlp.pipe only: {result['articles']} articles, {result['words']} words in {phase.seconds:.1f} s "
        f"(model load {result['load_s']:.1f} s; CPU {phase.cpu_seconds:.1f} s) = {result['articles'] / phase.seconds:.2f} articles/s, "
        f"{result['words'] / phase.seconds:.0f} words/s; peak RSS {phase.peak_rss_mb:.0f} MB over {phase.processes} processes",
        flush=True,
    )
    return FloorRun(phase, result["articles"], result["words"])


def run_ingest(
    corpus: Path, db: Path, common: list[str], engine: list[str], engine_name: str, env: dict[str, str], words: int
) -> tuple[Phase, dict[str, int]]:
    """The ingest into a fresh ``db``; ``words``: the corpus's words as the floor counted them (0: not known)."""
    phase = run_phase([sys.executable, "-m", "crisislens", "ingest", str(corpus), "--db", str(db), *common, *engine], env)
    counts = _counts(db)
    words_note = f", {words / phase.seconds:.0f} words/s" if words else ""
    print(
        f"(b) crisislens ingest ({engine_name}): {counts['articles']} articles in {phase.seconds:.1f} s (CPU {phase.cpu_seconds:.1f} s) "
        f"= {counts['articles'] / phase.seconds:.2f} articles/s{words_note}; peak RSS {phase.peak_rss_mb:.0f} MB over {phase.processes} processes; "
        "database: " + ", ".join(f"{n} {t}" for t, n in counts.items()),
        flush=True,
    )
    return phase, counts


def _median_of(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles in the corpus (default 1000)")
    parser.add_argument("--workers", type=int, default=1, help="processes for both the floor and the ingest (default 1)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local", help="the ingest's engine (dask: --workers Dask workers)")
    parser.add_argument("--batch-size", type=int, default=64, help="articles per nlp.pipe batch (default 64)")
    parser.add_argument("--model", default="auto", help="spaCy pipeline (default: the one crisislens picks)")
    parser.add_argument(
        "--rounds", type=int, default=1,
        help="floor and ingest pairs, in alternating order (floor first in odd rounds); the ratios reported are the rounds' medians (default 1)",
    )
    parser.add_argument("--skip-floor", action="store_true", help="only run the ingest")
    parser.add_argument("--without-torch", action="store_true", help="hide an installed torch from both runs (as in a clean install)")
    parser.add_argument("--keep-db", type=Path, help="write the (first round's) ingested database here (a new file) instead of a temporary one")
    parser.add_argument("--write-corpus", type=Path, help="only write the corpus to this JSON Lines file and stop")
    parser.add_argument("--floor-only", type=Path, help=argparse.SUPPRESS)  # internal: the floor's own process
    parser.add_argument("--merge-only", type=Path, help="only merge the stored mentions of this database again in --workers processes (step (c)) and print its time")
    args = parser.parse_args()

    if args.floor_only:
        floor(args.floor_only, args.batch_size, args.workers, args.model)
        return
    if args.merge_only:
        merge(args.merge_only, args.workers)
        return
    if args.rounds < 1:
        raise SystemExit("--rounds must be at least 1")
    if not GVA.is_file() or not GUARDIAN.is_file():
        raise SystemExit(f"the benchmark corpus is read from {SHARED / 'data'}, which is missing")
    if args.write_corpus:
        write_corpus(args.write_corpus, args.articles)
        return
    if args.keep_db and args.keep_db.exists():
        raise SystemExit(f"{args.keep_db} exists: the ingest is measured into a fresh database")

    with tempfile.TemporaryDirectory(prefix="crisislens-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(corpus, args.articles)
        print(
            f"corpus: {args.articles} articles, {corpus.stat().st_size / 1e6:.1f} MB, workers {args.workers}, batch size {args.batch_size}"
            + (", torch hidden" if args.without_torch else "")
            + (f", {args.rounds} rounds" if args.rounds > 1 else ""),
            flush=True,
        )
        common = ["--batch-size", str(args.batch_size), "--model", args.model]
        env = hide_torch(Path(tmp) / "without-torch") if args.without_torch else dict(os.environ)
        engine = ["--engine", "dask", "--scheduler", f"local:{args.workers}"] if args.engine == "dask" else ["--workers", str(args.workers)]

        rounds: list[Round] = []
        words = 0  # the corpus's words as the floor counts them, once it has run
        for number in range(1, args.rounds + 1):
            db = args.keep_db if args.keep_db and number == 1 else Path(tmp) / f"bench-{number}.duckdb"
            if args.engine == "dask":
                db = db.with_suffix("")  # a directory: the Parquet dataset alone
            if args.rounds > 1:
                print(f"round {number}:", flush=True)
            floor_first = not args.skip_floor and number % 2 == 1
            floor_run = run_floor(corpus, common, args.workers, env) if floor_first else None
            words = floor_run.words if floor_run else words
            ingest_phase, counts = run_ingest(corpus, db, common, engine, args.engine, env, words)
            if not args.skip_floor and not floor_first:
                floor_run = run_floor(corpus, common, args.workers, env)
            rounds.append(Round(floor_run, ingest_phase, counts))
            if rounds[-1].ratio is not None and rounds[-1].cpu_ratio is not None:
                print(f"ratio b/a: {rounds[-1].ratio:.3f} (wall clock); {rounds[-1].cpu_ratio:.3f} by CPU time (less sensitive to other load on the machine)", flush=True)

        first = rounds[0]
        merge_s = merge_peak_mb = None
        if args.engine == "local":  # a dataset is merged on its cluster, inside (b)
            kept = args.keep_db or Path(tmp) / "bench-1.duckdb"
            merged = run_phase([sys.executable, __file__, "--merge-only", str(kept), "--workers", str(args.workers)], env)
            merge_result = json.loads(merged.stdout.strip().splitlines()[-1])
            merge_s, merge_peak_mb = round(merge_result["merge_s"], 2), round(merged.peak_rss_mb, 1)
            print(
                f"(c) of which the event merge, run again alone: {merge_result['mentions']} mentions -> {merge_result['events']} events "
                f"in {merge_s:.1f} s; peak RSS {merge_peak_mb:.0f} MB",
                flush=True,
            )
        ratio, cpu_ratio, floor_aps = (_median_of(r.ratio for r in rounds), _median_of(r.cpu_ratio for r in rounds), _median_of(r.floor_aps for r in rounds))
        if args.rounds > 1 and ratio is not None and cpu_ratio is not None:
            print(f"median of {args.rounds} rounds, ratio b/a: {ratio:.3f} (wall clock); {cpu_ratio:.3f} by CPU time")
        print(
            json.dumps(
                {
                    "articles": first.counts["articles"],
                    "articles_per_s": round(statistics.median([r.aps for r in rounds]), 3),
                    "floor_articles_per_s": round(floor_aps, 3) if floor_aps else None,
                    "ratio": round(ratio, 3) if ratio is not None else None,
                    "cpu_ratio": round(cpu_ratio, 3) if cpu_ratio is not None else None,
                    "peak_rss_mb": round(max(r.ingest.peak_rss_mb for r in rounds), 1),
                    "workers": args.workers,
                    "engine": args.engine,
                    "without_torch": args.without_torch,
                    "batch_size": args.batch_size,
                    "rounds": [
                        {"ratio": round(r.ratio, 3), "cpu_ratio": round(r.cpu_ratio, 3)} for r in rounds if r.ratio is not None and r.cpu_ratio is not None
                    ],
                    "seconds": round(statistics.median([r.ingest.seconds for r in rounds]), 2),
                    "cpu_seconds": round(statistics.median([r.ingest.cpu_seconds for r in rounds]), 2),
                    "words": first.floor.words if first.floor else None,
                    "events": first.counts["events"],
                    "merge_s": merge_s,
                    "merge_peak_rss_mb": merge_peak_mb,
                }
            )
        )


if __name__ == "__main__":
    main()
