"""The CLI run as a new user runs it: ingest ../shared/examples/articles into a DuckDB file, read JSONL back."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisislens.cli.app import app
from conftest import EXAMPLE_ARTICLES

pytestmark = pytest.mark.model

# The two example articles without a date header, and the dates they were published on.
UNDATED = {"003_f76d077bb8374fe8": "2020-01-04", "004_a02a02240e1b1dbc": "2020-11-30"}
BOARD_POST = "003_f76d077bb8374fe8"


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not EXAMPLE_ARTICLES.is_dir():
        pytest.skip("../shared/examples/articles not present (a fresh clone without the shared data)")
    root = tmp_path_factory.mktemp("examples")
    dated, undated = root / "dated", root / "undated"
    dated.mkdir()
    undated.mkdir()
    for article in EXAMPLE_ARTICLES.iterdir():
        stem = article.stem
        shutil.copy(article, (undated if stem in UNDATED else dated) / article.name)
    db = root / "examples.duckdb"
    run("ingest", str(dated), "--db", str(db))
    for stem, published in UNDATED.items():
        single = root / stem
        single.mkdir()
        shutil.copy(undated / f"{stem}.txt", single)
        run("ingest", str(single), "--db", str(db), "--date", published)
    return db


@pytest.fixture(scope="module")
def events(examples_db: Path) -> list[dict]:
    return [json.loads(line) for line in run("events", "--db", str(examples_db), "--format", "jsonl").splitlines()]


def _involving(events: list[dict], actor_fragment: str) -> list[dict]:
    return [e for e in events if e["target_actor"] and actor_fragment in e["target_actor"]["name"]]


def test_e2e_soleimani_strike_is_one_event(events):
    killings = [e for e in _involving(events, "Soleimani") if e["cameo_root"] in ("18", "19", "20")]
    assert len(killings) == 1, [(e["event_id"], e["date"], e["mentions"]) for e in killings]
    strike = killings[0]
    assert strike["num_articles"] >= 3
    assert strike["date"] in ("2020-01-03", "2020-01-02")
    assert strike["source_actor"]["country"] == "USA"
    assert strike["location"]["name"] == "Baghdad" or "Baghdad" in strike["location"]["name"]


@pytest.mark.parametrize(
    ("canonical_fragment", "surfaces"),
    [
        ("Soleimani", {"Qasem Soleimani", "Qassem Soleimani", "Qassim Soleimani"}),
        ("Mahdi", {"Adel Abdul Mahdi", "Adel Abdel Mahdi", "Abduhl Madi"}),
        ("Kataib Hezbollah", {"Kataib Hezbollah", "Kataeb Hezbollah"}),
        ("Qaani", {"Esmail Qaani", "Ismail Qaani"}),
        ("Popular Mobilization", {"Hashed al-Shaabi", "Popular Mobilization Forces"}),
    ],
)
def test_e2e_spelling_variants_are_one_actor(examples_db, canonical_fragment, surfaces):
    actors = [json.loads(line) for line in run("actors", "--db", str(examples_db), "--format", "jsonl").splitlines()]
    holders = {a["actor_id"] for a in actors for s in surfaces if any(s.lower() in alias.lower() for alias in a["aliases"])}
    assert len(holders) == 1, holders
    (holder,) = holders
    assert canonical_fragment in next(a["name"] for a in actors if a["actor_id"] == holder)


def test_e2e_rocket_on_family_home(events):
    home = [e for e in events for m in e["mentions"] if "three children and two women" in m["sentence"]]
    assert home, "the family-home rocket attack was not coded"
    assert home[0]["date"] == "2020-09-28"
    assert home[0]["fatalities"] == 5


def test_e2e_undated_board_post_keeps_weekdays_null(tmp_path):
    if not EXAMPLE_ARTICLES.is_dir():
        pytest.skip("../shared/examples/articles not present (a fresh clone without the shared data)")
    db = tmp_path / "undated.duckdb"
    run("ingest", str(EXAMPLE_ARTICLES / f"{BOARD_POST}.txt"), "--db", str(db))
    coded = [json.loads(line) for line in run("events", "--db", str(db), "--format", "jsonl").splitlines()]
    assert coded, "the board post yields events even without a date"
    assert all(e["date"] is None for e in coded)


def test_e2e_reingest_changes_nothing_and_bad_files_are_skipped(examples_db, tmp_path):
    before = run("stats", "--db", str(examples_db))
    folder = tmp_path / "mixed"
    shutil.copytree(EXAMPLE_ARTICLES, folder)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "broken.jsonl").write_text('{"id": "ok-1", "date": "2020-01-05", "text": "Iraqi police arrested two men in Basra on Sunday."}\n{"id": broken\n')
    db = tmp_path / "mixed.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db), "--date", "2020-01-04"])
    assert result.exit_code == 0, result.output
    for name in ("empty.txt", "binary.txt", "broken.jsonl:2"):
        assert name in result.stderr
    counts = dict(line.split() for line in run("stats", "--db", str(db)).splitlines())
    assert counts["articles"] == "6"
    first = run("events", "--db", str(db), "--format", "jsonl")
    again = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db), "--date", "2020-01-04"])
    assert "unchanged 6" in again.stderr
    assert run("stats", "--db", str(db)) == "\n".join(f"{k:10} {v}" for k, v in counts.items()) + "\n"
    assert run("events", "--db", str(db), "--format", "jsonl") == first
    assert run("stats", "--db", str(examples_db)) == before


def test_e2e_show_prints_every_mention(examples_db, events):
    busiest = max(events, key=lambda e: len(e["mentions"]))
    output = run("show", busiest["event_id"], "--db", str(examples_db))
    for mention in busiest["mentions"]:
        assert mention["article_id"] in output
        assert f"[{mention['start']}:{mention['end']}]" in output


def test_e2e_exports_csv_and_parquet(examples_db, tmp_path):
    import duckdb

    csv_text = run("events", "--db", str(examples_db), "--format", "csv")
    assert csv_text.splitlines()[0].startswith("event_id,date,date_precision")
    target = tmp_path / "events.parquet"
    run("events", "--db", str(examples_db), "--format", "parquet", "-o", str(target))
    rows = duckdb.sql(f"SELECT event_id, date, num_articles FROM '{target}'").fetchall()
    assert len(rows) == len(csv_text.splitlines()) - 1
    assert all(r[1] is None or isinstance(r[1], date) for r in rows)
