"""Ingest at scale: worker processes give the same database as one process, and a run
killed with SIGKILL after its first committed batch, re-run, equals a clean run."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from crisislens.cli.app import sample_dir
from crisislens.pipeline import ingest
from crisislens.settings import PipelineSettings
from crisislens.store.duckdb import Store

pytestmark = pytest.mark.model

# Every table's content, as comparable values (the ingestion time aside).
TABLES = {
    "articles": "article_id, content_hash, title, published, source, url, byline, dateline, origin, text",
    "sentences": "*",
    "actor_mentions": "*",
    "mentions": "mention_id, article_id, sentence_index, cameo, record",
    "events": "event_id, record",
    "event_mentions": "*",
    "actors": "*",
}


def contents(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {table: sorted(con.execute(f"SELECT {columns} FROM {table}").fetchall(), key=repr) for table, columns in TABLES.items()}


def copies(target: Path, rounds: int) -> Path:
    """The sample corpus ``rounds`` times over, each copy under new article ids (file names)."""
    target.mkdir()
    for copy in range(rounds):
        for article in sorted(sample_dir().iterdir()):
            if article.suffix == ".txt":
                shutil.copy(article, target / f"{article.stem}-copy{copy}.txt")
    return target


def test_worker_processes_store_exactly_what_one_process_stores(tmp_path, pipeline):
    settings = PipelineSettings(batch_size=4)  # 6 batches from 24 articles, coded out of order by 2 workers
    with Store(tmp_path / "one.duckdb") as store:
        single = ingest([sample_dir()], store, pipeline, workers=1)
    with Store(tmp_path / "two.duckdb") as store:
        parallel = ingest([sample_dir()], store, settings, workers=2)
    assert single.totals == parallel.totals
    assert (parallel.ingested, parallel.mentions, parallel.skipped) == (single.ingested, single.mentions, [])
    one, two = contents(tmp_path / "one.duckdb"), contents(tmp_path / "two.duckdb")
    assert one["events"], "the sample corpus has events"
    for table in TABLES:
        assert one[table] == two[table], table


def _crisislens(*args: str) -> list[str]:
    return [sys.executable, "-m", "crisislens", *args]


def test_ingest_killed_after_its_first_commit_resumes_without_loss_or_duplicates(tmp_path):
    corpus = copies(tmp_path / "corpus", rounds=2)  # 48 articles, 12 batches of 4
    args = ("ingest", str(corpus), "--batch-size", "4")
    clean, resumed = tmp_path / "clean.duckdb", tmp_path / "resumed.duckdb"
    subprocess.run(_crisislens(*args, "--db", str(clean)), check=True, capture_output=True, timeout=300)

    # -v logs each committed batch; SIGKILL the moment the first one is reported.
    run = subprocess.Popen(_crisislens("-v", *args, "--db", str(resumed)), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    assert run.stderr is not None
    deadline = time.monotonic() + 240
    try:
        for line in run.stderr:
            if "committed" in line or time.monotonic() > deadline:
                break
    finally:
        os.kill(run.pid, signal.SIGKILL)
        run.wait(timeout=30)
    assert run.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    with duckdb.connect(str(resumed), read_only=True) as con:
        stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 4 <= stored < 48, f"{stored} articles committed before the kill"

    rerun = subprocess.run(_crisislens(*args, "--db", str(resumed)), check=True, capture_output=True, text=True, timeout=300)
    assert f"unchanged {stored}," in rerun.stderr, rerun.stderr
    assert f"ingested {48 - stored}," in rerun.stderr, rerun.stderr
    assert contents(resumed) == contents(clean)
