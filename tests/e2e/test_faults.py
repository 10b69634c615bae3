"""Faults, for real: a kill -9 in the middle of the event merge, a full disk, a read-only database,
two ingests into one database at once. After each the database opens, passes the integrity check
(``crisislens check``; ``Store.check``, its body, where a process more would only cost time), and
running the same ingest again gives exactly what a clean run gives."""

from __future__ import annotations

import json
import re
import resource
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from conftest import contents, crisislens_command, kill_when_logged

from crisislens.cli.app import sample_dir
from crisislens.store.duckdb import Store, append_rows

pytestmark = pytest.mark.model

ARTICLES = 8  # of the sample corpus: each run codes them in a second or two
_DATE = re.compile(r"^(\d{4})(?=-\d\d)")


def run(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(crisislens_command(*args), capture_output=True, text=True, timeout=600, **kwargs)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def summary(result: subprocess.CompletedProcess[str]) -> str:
    return " ".join(result.stderr.split())


def assert_sound(db: Path) -> None:
    with Store(db, read_only=True) as store:
        assert store.check() == []


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for article in sorted(sample_dir().glob("*.txt"))[:ARTICLES]:
        shutil.copy(article, folder)
    return folder


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    """The corpus ingested by one undisturbed run: what every faulted run must end up equal to."""
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    result = run("ingest", str(corpus), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


def ingest(corpus: Path, db: Path, *options: str, **kwargs) -> subprocess.CompletedProcess[str]:
    """``crisislens ingest`` in batches of 2 (several commits), ``options`` before the command."""
    return run(*options, "ingest", str(corpus), "--batch-size", "2", "--db", str(db), **kwargs)


# -- kill -9 while the events are being merged -----------------------------------------


def replicate(db: Path, copies: int) -> None:
    """Store every article ``copies`` more times, under new ids and 4, 8, … years earlier, left unmerged.

    What a big ingest leaves when it has committed its last batch: thousands of mentions
    for the merge to cluster and write, without coding thousands of articles here.
    """
    with duckdb.connect(str(db)) as con:
        ids = [row[0] for row in con.execute("SELECT article_id FROM articles").fetchall()]
        mentions = con.execute("SELECT mention_id, article_id, sentence_index, cameo, record FROM mentions").fetchall()
        for copy in range(1, copies + 1):
            suffix, years = f"~{copy}", 4 * copy  # whole leap cycles: 29 February stays a date

            def moved(value: object) -> object:
                if isinstance(value, dict):
                    return {key: moved(item) for key, item in value.items()}
                if isinstance(value, list):
                    return [moved(item) for item in value]
                if isinstance(value, str):
                    return value + suffix if value in ids else _DATE.sub(lambda year: str(int(year.group(1)) - years), value)
                return value

            con.execute("INSERT INTO articles SELECT * REPLACE (article_id || ? AS article_id, published - to_years(?) AS published) "
                        "FROM articles WHERE article_id IN (SELECT unnest(?))", [suffix, years, ids])
            for table in ("sentences", "actor_mentions"):
                con.execute(f"INSERT INTO {table} SELECT * REPLACE (article_id || ? AS article_id) FROM {table} "
                            "WHERE article_id IN (SELECT unnest(?))", [suffix, ids])
            rows = [(mention_id + suffix, article_id + suffix, index, cameo, json.dumps(moved(json.loads(record)) | {"mention_id": mention_id + suffix}))
                    for mention_id, article_id, index, cameo, record in mentions]
            append_rows(con, "mentions", ("mention_id", "article_id", "sentence_index", "cameo", "record"), rows)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('events_stale', 'true')")


def test_kill_during_the_event_merge_leaves_the_previous_events_and_a_rerun_merges(tmp_path, corpus, clean):
    big, expected = tmp_path / "big.duckdb", tmp_path / "expected.duckdb"
    shutil.copy(clean, big)
    replicate(big, copies=40)  # ~3,000 mentions: seconds of clustering, then seconds of writing
    shutil.copy(big, expected)
    with Store(expected) as store:  # the clean merge, undisturbed
        store.rebuild_events()
    before = contents(big)

    # -v logs when the merged events start being written: SIGKILL right then.
    returncode = kill_when_logged(crisislens_command("-v", "ingest", str(corpus), "--db", str(big)), "writing them", timeout=300)
    assert returncode == -signal.SIGKILL, "the merge finished before it could be killed"

    assert contents(big) == before, "a killed merge writes nothing: the previous events stay, whole"
    with Store(big, read_only=True) as store:
        assert store.events_stale()
    check = run("check", "--db", str(big))
    assert check.returncode == 0 and "stopped before merging" in summary(check), check.stderr

    rerun = run("ingest", str(corpus), "--db", str(big))
    assert rerun.returncode == 0 and f"unchanged {ARTICLES}," in summary(rerun), rerun.stderr
    assert contents(big) == contents(expected)
    assert_sound(big)


# -- a full disk ------------------------------------------------------------------------


def test_full_disk_stops_the_ingest_cleanly_and_a_rerun_completes(tmp_path, corpus, clean):
    db = tmp_path / "small-disk.duckdb"

    def small_disk() -> None:  # Python ignores SIGXFSZ: a write past the limit fails with EFBIG, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))  # the journal of a few batches

    full = ingest(corpus, db, preexec_fn=small_disk)
    assert full.returncode == 1
    assert "the disk is full or a file size limit is reached" in summary(full) and "the articles written before are kept" in summary(full)
    with Store(db, read_only=True) as store:
        kept = store.counts()["articles"]
        assert store.check() == [] and store.events_stale()
    assert 0 < kept < ARTICLES, f"{kept} articles committed before the disk filled"

    rerun = ingest(corpus, db)
    assert rerun.returncode == 0, rerun.stderr
    assert f"ingested {ARTICLES - kept}, unchanged {kept}," in summary(rerun)
    assert contents(db) == contents(clean)
    assert_sound(db)


# -- a read-only database ---------------------------------------------------------------


@pytest.fixture()
def read_only_copy(tmp_path: Path, clean: Path) -> Iterator[Path]:
    folder = tmp_path / "shelf"
    folder.mkdir()
    db = folder / "read-only.duckdb"
    shutil.copy(clean, db)
    yield db
    folder.chmod(0o755)  # let pytest remove it
    db.chmod(0o644)


def test_read_only_database_refuses_ingest_and_still_serves_reads(read_only_copy: Path, corpus: Path, clean: Path):
    db = read_only_copy
    for locked, mode, what in ((db, 0o444, "database file"), (db.parent, 0o555, "folder")):
        writable = locked.stat().st_mode
        locked.chmod(mode)  # refused even as root, who could write anyway
        refused = ingest(corpus, db)
        assert refused.returncode == 1
        assert f"{locked} is read-only: cannot write to this {what}" in summary(refused)
        if locked == db:  # a read command, for real; the folder's turn reads in this process
            reads = run("check", "--db", str(db))
            assert reads.returncode == 0 and f"{ARTICLES} articles" in reads.stderr, reads.stderr
        assert_sound(db)
        locked.chmod(writable)
    rerun = ingest(corpus, db)
    assert rerun.returncode == 0 and f"unchanged {ARTICLES}," in summary(rerun), rerun.stderr
    assert contents(db) == contents(clean)


# -- two ingests into one database at once ------------------------------------------------


def test_second_concurrent_ingest_gets_a_lock_error_and_the_first_completes(tmp_path, corpus, clean):
    db = tmp_path / "shared.duckdb"
    # Both at once; the first opens the database before loading its model, so it holds it for seconds.
    first = subprocess.Popen(crisislens_command("ingest", str(corpus), "--db", str(db)), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        deadline = time.monotonic() + 120
        while not db.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        second = ingest(corpus, db)
        assert first.poll() is None, "the first ingest finished before the second tried: no overlap to test"
        assert second.returncode == 1
        assert f"{db} is locked by another process (pid {first.pid}: crisislens ingest {corpus}" in summary(second)
        assert "retry when it finishes" in summary(second)
        _, first_stderr = first.communicate(timeout=600)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0 and "Traceback" not in first_stderr, first_stderr
    assert_sound(db)
    retried = ingest(corpus, db)
    assert retried.returncode == 0 and f"unchanged {ARTICLES}," in summary(retried), retried.stderr
    assert contents(db) == contents(clean)
