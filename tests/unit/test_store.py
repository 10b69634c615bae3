"""The DuckDB store on a real file: atomic article replacement, event rebuild, filters, export."""

from datetime import date

import duckdb
import pytest

from crisislens.errors import StoreError
from crisislens.store import duckdb as duckdb_store
from crisislens.models import ActorRef, Article, EventMention, MentionSpan, Place, TimeValue, to_jsonable
from crisislens.store.duckdb import MERGE_MEMORY_LIMIT_BYTES, WRITE_MEMORY_LIMIT_BYTES, EventFilter, Store, StoredArticle, memory_bounded
from crisislens.store.records import mention_from_dict

USA = ActorRef("United States", "USA", "USA", None, "country")
IRAN = ActorRef("Iran", "IRN", "IRN", None, "country")


def stored(article_id: str, text: str, cameo: str = "190", day: int = 3, source: ActorRef = USA, place: Place | None = None) -> StoredArticle:
    article = Article(article_id, text, published=date(2020, 1, day + 1))
    span = MentionSpan(article_id, 0, text, 0, len(text))
    mention = EventMention(
        mention_id=f"{article_id}-m", span=span, trigger="struck", source=source, target=IRAN, cameo=cameo,
        goldstein=-10.0, quad_class=4, plover="ASSAULT", acled_type="Attack", time=TimeValue("Friday", date(2020, 1, day), "day"),
        place=place, fatalities=2, injured=None, reported_by="officials", negated=False, hypothetical=False,
        published=article.published,
    )  # fmt: skip
    actor_rows = [(0, "U.S.", "USA", "United States", "country", "USA", None)]
    return StoredArticle(article, [span], actor_rows, [mention])


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "test.duckdb") as opened:
        yield opened


def test_store_rewriting_an_article_replaces_it(store):
    store.write_articles([stored("a1", "The U.S. struck Iran on Friday.")])
    store.write_articles([stored("a1", "The U.S. struck Iran on Friday, officials said.")])
    counts = store.counts()
    assert (counts["articles"], counts["sentences"], counts["mentions"]) == (1, 1, 1)
    newer = stored("a1", "The U.S. struck Iran on Friday, officials said.").article
    assert store.article_hashes(["a1", "missing"]) == {"a1": newer.content_hash}


def test_store_rebuild_merges_and_filters(store):
    store.write_articles([stored("a1", "The U.S. struck Iran."), stored("a2", "U.S. strikes hit Iran."), stored("a3", "Iran struck.", day=20, source=IRAN)])
    assert store.events_stale()
    assert store.rebuild_events() == 2
    assert not store.events_stale()
    merged = store.events(EventFilter(until=date(2020, 1, 10)))
    assert [e.num_articles for e in merged] == [2]
    assert store.events(EventFilter(actor="nobody")) == []
    assert len(store.events(EventFilter(cameo="18"))) == 0
    assert len(store.events(EventFilter(cameo="190"))) == 2
    assert store.event(merged[0].event_id[:8]) == merged[0]
    (actor,) = store.actors("united")
    assert actor.aliases == ("U.S.",) and actor.mentions == 3


def test_store_parquet_export_has_contract_columns(store, tmp_path):
    store.write_articles([stored("a1", "The U.S. struck Iran.")])
    store.rebuild_events()
    target = tmp_path / "events.parquet"
    assert store.export_parquet(target) == 1
    row = duckdb.sql(f"SELECT date, cameo_root, source_actor.actor_id, num_articles FROM '{target}'").fetchall()[0]
    assert row == (date(2020, 1, 3), "19", "USA", 1)


def test_store_keeps_where_a_place_was_read_and_reads_records_from_before_it(store, tmp_path):
    nashville = Place("Nashville", 36.17, -86.78, "USA", "city", origin="outlet")
    store.write_articles([stored("a1", "A boy was shot.", place=nashville)])
    store.rebuild_events()
    (event,) = store.events()
    assert event.location == nashville
    target = tmp_path / "events.parquet"
    store.export_parquet(target)
    assert duckdb.sql(f"SELECT location.origin FROM '{target}'").fetchall() == [("outlet",)]
    record = to_jsonable(stored("a1", "A boy was shot.", place=nashville).mentions[0])
    assert mention_from_dict(record).place == nashville
    older = {key: value for key, value in record["place"].items() if key != "origin"}  # a record stored before the field
    assert mention_from_dict({**record, "place": older}).place.origin == "text"


def test_store_read_only_needs_an_existing_file(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "absent.duckdb", read_only=True)


def test_store_filters_by_country_dyad_text_and_page(store):
    store.write_articles([stored("a1", "The U.S. struck Iran."), stored("a3", "Iran struck back.", day=20, source=IRAN)])
    store.rebuild_events()
    assert store.count_events(EventFilter(country="irn")) == 2
    assert store.count_events(EventFilter(dyad=("Iran", "United States"))) == 1
    assert store.count_events(EventFilter(text="back")) == 1
    assert store.count_events(EventFilter(text="%")) == 0  # a LIKE wildcard is only text
    first, second = (store.events(EventFilter(limit=1, offset=n, sort="-date"))[0] for n in (0, 1))
    assert first.date > second.date


def test_store_readers_upgrade_a_database_from_an_older_version(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.write_articles([stored("a1", "The U.S. struck Iran.")])
        store.rebuild_events()
    with duckdb.connect(str(path)) as db:  # what a file written before the location columns looks like
        db.execute("ALTER TABLE events DROP COLUMN location_lat")
        db.execute("DELETE FROM meta WHERE key = 'schema_version'")
    with Store(path, read_only=True) as reader:
        assert reader.count_events(EventFilter(country="USA")) == 1
        assert reader.fetch("SELECT count(location_lat) AS n FROM events") == [{"n": 0}]


def test_store_fills_the_event_columns_only_when_upgrading_an_older_version(tmp_path):
    """The fill reads every event's record: once per upgrade, not on every open of a grown database."""
    path = tmp_path / "store.duckdb"
    with Store(path) as store:
        store.write_articles([stored("a1", "The U.S. struck Iran.")])
        store.rebuild_events()
        store.fetch("UPDATE events SET source_country = NULL, target_country = NULL RETURNING event_id")
    with Store(path) as store:
        assert store.count_events(EventFilter(country="USA")) == 0, "a database of this version is opened as it is"
        store.fetch("DELETE FROM meta WHERE key = 'schema_version' RETURNING key")
    with Store(path) as store:
        assert store.count_events(EventFilter(country="USA")) == 1


def test_store_check_finds_orphans_and_tells_stale_events_apart(store, tmp_path):
    store.write_articles([stored("a1", "The U.S. struck Iran."), stored("a2", "U.S. strikes hit Iran.")])
    assert store.events_stale() and store.check() == [], "unmerged mentions are work to do, not damage"
    store.rebuild_events()
    assert not store.events_stale() and store.check() == []
    store.fetch("DELETE FROM mentions WHERE mention_id = 'a1-m' RETURNING mention_id")
    problems = store.check()
    assert "1 event links to a missing mention" in problems
    assert "1 events whose article count disagrees with their mentions" in problems


@pytest.mark.parametrize(("part_mentions", "workers"), [(5, 1), (40, 2)])
def test_store_merging_block_by_block_gives_the_events_of_one_merge(sample_db, tmp_path, part_mentions, workers):
    """The sample corpus merged a few mentions' blocks at a time, in this process or in two: the same events, the same links."""
    copy = tmp_path / "parts.duckdb"
    copy.write_bytes(sample_db.read_bytes())
    with Store(copy) as store:
        whole = store.fetch("SELECT event_id, record FROM events ORDER BY event_id")
        links = store.fetch("SELECT event_id, mention_id FROM event_mentions ORDER BY ALL")
        assert store.rebuild_events(part_mentions=part_mentions, workers=workers) == len(whole)
        assert store.fetch("SELECT event_id, record FROM events ORDER BY event_id") == whole
        assert store.fetch("SELECT event_id, mention_id FROM event_mentions ORDER BY ALL") == links
        assert store.check() == []


def memory_limit(db) -> str:
    return db.execute("SELECT current_setting('memory_limit')").fetchone()[0]


def store_memory_limit(store: Store) -> str:
    return store.fetch("SELECT current_setting('memory_limit') AS memory_limit")[0]["memory_limit"]


def test_store_merges_under_a_bounded_memory_limit_and_restores_it(store, monkeypatch):
    """The parts merge under the bound; the actor table (not spillable) and later queries under the previous limit."""
    store.write_articles([stored("a1", "The U.S. struck Iran."), stored("a2", "U.S. strikes hit Iran.")])
    before = store_memory_limit(store)
    seen = []
    merge_parts, rebuild_actors = Store._merge_parts, Store._rebuild_actors

    def recording_parts(self: Store, parts: int, articles: int, workers: int) -> int:
        seen.append(("parts", store_memory_limit(self)))
        return merge_parts(self, parts, articles, workers)

    def recording_actors(self: Store) -> None:
        seen.append(("actors", store_memory_limit(self)))
        rebuild_actors(self)

    monkeypatch.setattr(Store, "_merge_parts", recording_parts)
    monkeypatch.setattr(Store, "_rebuild_actors", recording_actors)
    assert store.rebuild_events() == 1
    assert seen == [("parts", f"{MERGE_MEMORY_LIMIT_BYTES / 2**20:.1f} MiB"), ("actors", before)]
    assert store_memory_limit(store) == before


def test_store_merges_again_under_a_doubled_bound_when_the_merge_does_not_fit(store, monkeypatch, caplog):
    """What the merge pins grows with the corpus: out of memory, it is rolled back and run again under a raised bound."""
    store.write_articles([stored(f"a{n}", "The U.S. struck Iran. " * 50, day=1 + n % 20) for n in range(200)])
    unbounded = store.rebuild_events(), store.events()
    before = store_memory_limit(store)
    monkeypatch.setattr(duckdb_store, "MERGE_MEMORY_LIMIT_BYTES", 2**20)  # too small for DuckDB to merge in
    assert (store.rebuild_events(), store.events()) == unbounded
    assert "merging again under 2 MB" in caplog.text and not store.events_stale()
    assert store.check() == []
    assert store_memory_limit(store) == before


def test_store_writes_again_under_a_doubled_bound_when_a_batch_does_not_fit(store, monkeypatch, caplog):
    """What a batch's writes pin grows with the tables: out of memory, the batch is rolled back and written again under
    a raised bound, which stays raised for the rest of the writes."""
    monkeypatch.setattr(duckdb_store, "WRITE_MEMORY_LIMIT_BYTES", 2**20)  # too small for DuckDB to write in
    before = store_memory_limit(store)
    with store.bounded_writes():
        store.write_articles([stored(f"a{n}", "The U.S. struck Iran. " * 50, day=1 + n % 20) for n in range(100)])
        raised = store_memory_limit(store)
        store.write_articles([stored("b1", "U.S. strikes hit Iran.")])
    assert "bound raised to" in caplog.text and raised != "1.0 MiB"
    assert store.counts()["articles"] == 101 and store.check() == []
    assert store_memory_limit(store) == before


def test_store_merge_that_fails_reports_its_own_error_and_keeps_the_store(store, monkeypatch):
    """An error that aborts the merge's transaction is the one reported (not the bound's reset), and the store stays usable."""
    store.write_articles([stored("a1", "The U.S. struck Iran.")])
    before = store_memory_limit(store)

    def clashing_parts(self: Store, parts: int, articles: int, workers: int) -> int:
        self._db.execute("INSERT INTO meta VALUES ('events_stale', 'again')")  # the key is there: the transaction aborts
        return 0

    monkeypatch.setattr(Store, "_merge_parts", clashing_parts)
    with pytest.raises(StoreError, match="cannot rebuild events: .*(PRIMARY KEY|Duplicate key)"):
        store.rebuild_events()
    assert store_memory_limit(store) == before
    assert store.events_stale() and store.counts()["articles"] == 1


def test_store_merge_stopped_by_any_exception_is_rolled_back(store, monkeypatch):
    """Not only DuckDB's errors: an interrupted merge (Ctrl-C, a bug) leaves no transaction open, the store usable."""
    store.write_articles([stored("a1", "The U.S. struck Iran.")])
    store.rebuild_events()
    before = store.fetch("SELECT event_id FROM events")

    def interrupted_parts(self: Store, parts: int, articles: int, workers: int) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(Store, "_merge_parts", interrupted_parts)
    with pytest.raises(KeyboardInterrupt):
        store.rebuild_events()
    assert store.fetch("SELECT event_id FROM events") == before
    store.write_articles([stored("a2", "U.S. strikes hit Iran.")])  # a new transaction: none is left open
    assert store.counts()["articles"] == 2


def test_store_writes_under_a_bounded_memory_limit_and_restores_it(store):
    """The cached blocks of a growing database stay under the bound while an ingest writes."""
    before = store_memory_limit(store)
    with store.bounded_writes():
        assert store_memory_limit(store) == f"{WRITE_MEMORY_LIMIT_BYTES / 2**20:.1f} MiB"
        store.write_articles([stored("a1", "The U.S. struck Iran.")])
    assert store_memory_limit(store) == before
    assert store.counts()["articles"] == 1


def test_store_doubles_the_write_bound_for_a_batch_that_does_not_fit(store, monkeypatch, caplog):
    """What a batch's writes pin grows with the tables: past the bound the batch is written under a raised one."""
    before = store_memory_limit(store)
    monkeypatch.setattr(duckdb_store, "WRITE_MEMORY_LIMIT_BYTES", 2**20)  # too small for DuckDB to write a batch in
    with store.bounded_writes():
        store.write_articles([stored(f"a{n}", "The U.S. struck Iran. " * 50) for n in range(64)])
        raised = store_memory_limit(store)
    assert store.counts()["articles"] == 64
    assert raised not in ("1.0 MiB", before) and "bound raised" in caplog.text
    assert store_memory_limit(store) == before


def test_memory_bounded_puts_the_default_limit_back_after_an_error(tmp_path):
    db = duckdb.connect(str(tmp_path / "limits.duckdb"))
    default = memory_limit(db)
    with pytest.raises(duckdb.Error), memory_bounded(db, 200 * 2**20):
        assert memory_limit(db) == "200.0 MiB"
        db.execute("SELECT * FROM missing_table")
    assert memory_limit(db) == default
