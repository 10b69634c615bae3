"""Ingest at scale: worker processes give the same database as one process, a run killed
with SIGKILL after its first committed batch, re-run, equals a clean run, and a Dask
cluster (a LocalCluster of two worker processes) gives the same database too, re-runnable."""

from __future__ import annotations

import logging
import shutil
import signal
import subprocess
from pathlib import Path

import duckdb
import pytest

from conftest import TABLES, contents, crisislens_command, kill_when_logged

from crisislens.cli.app import sample_dir
from crisislens.ingest.read import read_articles
from crisislens.pipeline import ingest
from crisislens.settings import PipelineSettings
from crisislens.store.duckdb import Store
from crisislens.workers import InlineCoder, ProcessCoder

pytestmark = pytest.mark.model

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


def test_worker_processes_replaced_mid_stream_code_every_batch_as_one_process_does(pipeline, caplog):
    articles = list(read_articles([sample_dir()]))
    batches = [(start, articles[start : start + 4]) for start in range(0, len(articles), 4)]
    expected = dict(InlineCoder(pipeline).map(batches))
    # 4 articles per worker: the pool of 2 is replaced after every 8 articles, 2 times over the 24 sample articles.
    with caplog.at_level(logging.INFO, logger="crisislens.workers"), ProcessCoder(PipelineSettings(), 2, recycle_articles=4) as coder:
        coded = dict(coder.map(batches))
    assert len(articles) == 24 and coded == expected
    assert sum("replaced" in record.getMessage() for record in caplog.records) == 2


def test_ingest_killed_after_its_first_commit_resumes_without_loss_or_duplicates(tmp_path):
    corpus = copies(tmp_path / "corpus", rounds=2)  # 48 articles, 12 batches of 4
    args = ("ingest", str(corpus), "--batch-size", "4")
    clean, resumed = tmp_path / "clean.duckdb", tmp_path / "resumed.duckdb"
    subprocess.run(crisislens_command(*args, "--db", str(clean)), check=True, capture_output=True, timeout=300)

    # -v logs each committed batch; SIGKILL the moment the first one is reported.
    returncode = kill_when_logged(crisislens_command("-v", *args, "--db", str(resumed)), "committed", timeout=240)
    assert returncode == -signal.SIGKILL, "the run finished before it could be killed"
    with duckdb.connect(str(resumed), read_only=True) as con:
        stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 4 <= stored < 48, f"{stored} articles committed before the kill"

    rerun = subprocess.run(crisislens_command(*args, "--db", str(resumed)), check=True, capture_output=True, text=True, timeout=300)
    assert f"unchanged {stored}," in rerun.stderr, rerun.stderr
    assert f"ingested {48 - stored}," in rerun.stderr, rerun.stderr
    assert contents(resumed) == contents(clean)


@pytest.fixture(scope="module")
def dask_scheduler():
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_dask_ingest_equals_a_local_ingest_and_reruns_without_duplicates(tmp_path, pipeline, dask_scheduler):
    from crisislens.distributed import ingest_on_dask
    from crisislens.store import parquet

    with Store(tmp_path / "local.duckdb") as store:
        local = ingest([sample_dir()], store, pipeline)
    settings = PipelineSettings(batch_size=4)  # 6 batches from 24 articles, on 2 workers
    first = ingest_on_dask([sample_dir()], tmp_path / "dask.duckdb", settings, dask_scheduler)
    assert (first.ingested, first.mentions, first.totals) == (local.ingested, local.mentions, local.totals)
    expected = contents(tmp_path / "local.duckdb")
    assert contents(tmp_path / "dask.duckdb") == expected
    dataset = tmp_path / "dask.parquet"
    with Store(dataset, read_only=True) as store:  # the dataset itself reads as the database does
        assert store.counts() == local.totals
        assert store.check() == []

    again = ingest_on_dask([sample_dir()], tmp_path / "dask.duckdb", settings, dask_scheduler)
    assert (again.ingested, again.unchanged) == (0, 24)
    assert contents(tmp_path / "dask.duckdb") == expected

    # A run killed while committing: one (batch, day) has all its rows but its articles file.
    lost = sorted((dataset / "articles").glob("day=*/*.parquet"))[0]
    batch = lost.name.split("_")[0]
    lost.unlink()
    assert any((dataset / "sentences" / lost.parent.name).glob(f"{batch}_*.parquet"))
    resumed = ingest_on_dask([sample_dir()], tmp_path / "dask.duckdb", settings, dask_scheduler)
    assert resumed.ingested >= 1 and resumed.ingested + resumed.unchanged == 24
    assert not any((dataset / "sentences" / lost.parent.name).glob(f"{batch}_*.parquet"))
    assert not (dataset / parquet.STAGING).exists() and not (dataset / parquet.MERGE_WORK).exists()
    assert contents(tmp_path / "dask.duckdb") == expected
