"""Shared fixtures: the loaded knowledge, the spaCy pipeline, paths to ../shared, and a real ``crisislens serve``."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import httpx
import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLE_ARTICLES = SHARED / "examples" / "articles"


@pytest.fixture(scope="session")
def knowledge():
    from crisislens.knowledge import load_knowledge

    return load_knowledge()


@pytest.fixture(scope="session")
def nlp():
    from crisislens.nlp.build import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def extractor(knowledge, nlp):
    from crisislens.mentions.extract import MentionExtractor

    return MentionExtractor(knowledge, nlp.vocab, parse=nlp)


@pytest.fixture(scope="session")
def pipeline():
    from crisislens.pipeline import Pipeline

    return Pipeline()


@pytest.fixture()
def example_articles() -> Path:
    if not EXAMPLE_ARTICLES.is_dir():
        pytest.skip("../shared/examples/articles not present (a fresh clone without the shared data)")
    return EXAMPLE_ARTICLES


# -- a real server on a real DuckDB file made from the bundled sample corpus ---------


@dataclass(frozen=True)
class LiveServer:
    url: str
    db: Path
    token: str | None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def crisislens_command(*args: str) -> list[str]:
    """The command line of ``crisislens ARGS`` in a child process, as a user would run it."""
    return [sys.executable, "-m", "crisislens", *args]


def crisislens(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed command line in a child process, as a user would."""
    return subprocess.run(crisislens_command(*args), capture_output=True, text=True, check=True, timeout=600)


def kill_when_logged(command: list[str], marker: str, timeout: float) -> int:
    """Start ``command`` and SIGKILL it the moment its log shows ``marker`` (or at ``timeout`` s); its return code."""
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    assert process.stderr is not None
    deadline = time.monotonic() + timeout
    try:
        for line in process.stderr:
            if marker in line or time.monotonic() > deadline:
                break
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    return process.returncode


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
    """Every table of a crisislens database, sorted, to compare two databases."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {table: sorted(con.execute(f"SELECT {columns} FROM {table}").fetchall(), key=repr) for table, columns in TABLES.items()}


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("served") / "sample.duckdb"
    crisislens("ingest", "--sample", "--db", str(db))
    return db


def serve(db: Path, token: str | None = None) -> Iterator[LiveServer]:
    """Start ``crisislens serve`` on a free loopback port, wait until it answers, stop it afterwards."""
    port = _free_port()
    command = [sys.executable, "-m", "crisislens", "serve", "--db", str(db), "--port", str(port)]
    if token:
        command += ["--ingest-token", token]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/api/stats", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"crisislens serve did not start: {process.communicate()[1][-2000:]}")
        time.sleep(0.2)
    try:
        yield LiveServer(url, db, token)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def live_server(sample_db: Path) -> Iterator[LiveServer]:
    """The read-only server every API and dashboard test reads from."""
    yield from serve(sample_db)


@pytest.fixture()
def writable_server(sample_db: Path, tmp_path: Path) -> Iterator[LiveServer]:
    """A server with ingest on (token ``test-token-123``) over a copy of the sample database."""
    db = tmp_path / "writable.duckdb"
    shutil.copy(sample_db, db)
    yield from serve(db, token="test-token-123")
