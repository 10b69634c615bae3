"""GVA / SemEval-2018 task 5: local US news on gun incidents, each article labelled with its incident.

``gva_articles.jsonl`` holds one article per line, ``{incident_id, doc_id, title, dct, uri,
content}``. The articles are ingested exactly as a user ingests a JSON Lines file (through the
reader, the pipeline and the store, into a temporary DuckDB file); each article is then put
in the cluster of its *main event* and the clustering of articles is scored against the gold
incidents with B³ and CoNLL F1.

The main event of an article (``ASSIGNMENT_RULE``): among the events its mentions belong to, the violent
one (CAMEO 18–20) that hurt someone (a mention counts people killed or injured: the shooting, not the
chase or the capture told around it), then the one with the most of the article's mentions told as fact
(neither negated nor hypothetical: "not sure if the boy shot himself" is no report of a shooting); ties
go to an event the article dates to a day (a story dates its own incident; an undated mention of the
same count is a passing one: "two days after he was injured"), then to the one reported earliest in the
article. An article with no violent mention told as fact counts its hypothetical ones; one with no
violent event takes the event of its first mention; an article with no event at all is a cluster of its
own.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from crisislens.errors import CrisislensError, InputError
from crisislens.evaluate.coref import CorefScores, clusters_from_labels, score_clusters
from crisislens.models import VIOLENT_ROOTS, EventMention
from crisislens.settings import PipelineSettings
from crisislens.store.records import mention_from_dict

if TYPE_CHECKING:
    from crisislens.store.duckdb import Store

T = TypeVar("T")

ARTICLES_FILE = "gva_articles.jsonl"
ASSIGNMENT_RULE = (
    "an article belongs to its main event: the violent event (CAMEO 18-20) that hurt someone (a mention counts killed "
    "or injured), then the one with most of its mentions told as fact "
    "(else most of its violent mentions), ties to one dated to a day, then to the one reported first; else the event of "
    "its first mention; an article with no event is a cluster of its own"
)


@dataclass(frozen=True, slots=True)
class GoldArticle:
    doc_id: str
    incident_id: str
    title: str | None
    published: str | None
    url: str | None
    text: str


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One stored mention of an article, with the event the store merged it into."""

    article_id: str
    sentence_index: int
    start: int
    event_id: str
    cameo: str
    as_fact: bool = True  # neither negated nor hypothetical
    day_dated: bool = False  # the mention's date is a day
    hurts: bool = False  # the mention counts people killed or injured


@dataclass(frozen=True, slots=True)
class GvaScore:
    coref: CorefScores
    articles: int
    incidents: int
    events: int
    unassigned: int  # articles with no event at all

    def as_json(self) -> dict[str, object]:
        return {
            "n": self.articles,
            "incidents": self.incidents,
            "b3_f1": round(self.coref.b3.f1, 4),
            "conll_f1": round(self.coref.conll_f1, 4),
            "muc_f1": round(self.coref.muc.f1, 4),
            "ceafe_f1": round(self.coref.ceafe.f1, 4),
            "b3_precision": round(self.coref.b3.precision, 4),
            "b3_recall": round(self.coref.b3.recall, 4),
            "events": self.events,
            "articles_without_event": self.unassigned,
            "assignment_rule": ASSIGNMENT_RULE,
        }


def articles_path(path: str | Path) -> Path:
    """``gva_articles.jsonl`` itself, or inside the directory ``path``."""
    path = Path(path)
    found = path / ARTICLES_FILE if path.is_dir() else path
    if not found.is_file():
        raise CrisislensError(f"{path}: no {ARTICLES_FILE} here (expected the gva-gun-violence data directory)")
    return found


def read_records(source: Path, kind: str, build: Callable[[dict], T]) -> Iterator[T]:
    """Each non-blank line of a JSON Lines file, built into a record; a bad line or an unreadable file names itself."""
    try:
        with source.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = build(json.loads(line))
                except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
                    raise CrisislensError(f"{source}:{number}: not a {kind} record ({error})") from error
                yield record
    except OSError as error:
        raise CrisislensError(f"{source}: cannot read: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise CrisislensError(f"{source}: not UTF-8 text ({error.reason} at byte {error.start})") from error


def _gold_article(record: dict) -> GoldArticle:
    return GoldArticle(str(record["doc_id"]), str(record["incident_id"]), record.get("title"), record.get("dct"), record.get("uri"), record["content"])


def load_gva(path: str | Path, limit: int | None = None) -> list[GoldArticle]:
    """The labelled articles, each document once, whole incidents in file order up to ``limit`` articles.

    A few round-up articles are labelled with two incidents; they are kept once, with the
    first incident they are listed under.
    """
    source = articles_path(path)
    by_incident: dict[str, list[GoldArticle]] = defaultdict(list)
    seen: set[str] = set()
    for article in read_records(source, "GVA article", _gold_article):
        if article.doc_id not in seen:
            seen.add(article.doc_id)
            by_incident[article.incident_id].append(article)
    chosen: list[GoldArticle] = []
    for articles in by_incident.values():
        if limit is not None and chosen and len(chosen) + len(articles) > limit:
            break
        chosen.extend(articles)
    if not chosen:
        raise CrisislensError(f"{source}: no articles")
    return chosen


def write_jsonl(articles: Iterable[GoldArticle], target: Path) -> None:
    """The articles as crisislens input JSON Lines (``id``, ``date``, ``title``, ``url``, ``text``): no gold label."""
    with target.open("w", encoding="utf-8") as handle:
        for a in articles:
            handle.write(json.dumps({"id": a.doc_id, "date": a.published, "title": a.title, "url": a.url, "text": a.text}) + "\n")


def ingest_and_read(
    articles: Sequence[GoldArticle],
    read: Callable[[Store], T],
    *,
    workers: int = 1,
    progress: Callable[[int, str], None] | None = None,
    keep: Path | None = None,
) -> T:
    """Ingest ``articles`` as a user would (JSON Lines into a fresh DuckDB file, or ``keep``, which must not exist yet)
    and ``read`` the result."""
    from crisislens.pipeline import ingest
    from crisislens.store.duckdb import Store

    if keep is not None and keep.exists():
        # An ingest skips articles already stored unchanged: an old database would score the code that filled it.
        raise InputError(f"{keep}: already exists; an evaluation keeps its database in a new file (give another --db or delete it)")
    with tempfile.TemporaryDirectory(prefix="crisislens-gva-") as scratch:
        source = Path(scratch) / "gva.jsonl"
        write_jsonl(articles, source)
        db = keep or Path(scratch) / "gva.duckdb"
        with Store(db) as store:
            ingest([source], store, PipelineSettings(), workers=workers, progress=progress)
            return read(store)


def read_mentions(store: Store) -> list[MentionRow]:
    """Every stored mention with the event it was merged into."""
    rows = store.fetch(
        "SELECT m.article_id, m.sentence_index, m.record, em.event_id FROM mentions m JOIN event_mentions em USING (mention_id)"
    )
    return [mention_row(mention_from_dict(json.loads(row["record"])), row["event_id"]) for row in rows]


def mention_row(mention: EventMention, event_id: str) -> MentionRow:
    """What the main-event rule reads of a mention merged into ``event_id``."""
    time = mention.time
    day_dated = time is not None and time.value is not None and time.precision == "day"
    as_fact = not (mention.negated or mention.hypothetical)
    hurts = bool(mention.fatalities or mention.injured)
    span = mention.span
    return MentionRow(span.article_id, span.sentence_index, span.start, event_id, mention.cameo, as_fact, day_dated, hurts)


def main_events(mentions: Iterable[MentionRow]) -> dict[str, str]:
    """Each article's main event (see ``ASSIGNMENT_RULE``)."""
    by_article: dict[str, list[MentionRow]] = defaultdict(list)
    for mention in mentions:
        by_article[mention.article_id].append(mention)
    chosen: dict[str, str] = {}
    for article_id, rows in by_article.items():
        rows.sort(key=lambda r: (r.sentence_index, r.start, r.event_id))
        violent = [r for r in rows if r.cameo[:2] in VIOLENT_ROOTS]
        if not violent:
            chosen[article_id] = rows[0].event_id
            continue
        counted = [r for r in violent if r.as_fact] or violent
        counts = Counter(r.event_id for r in counted)
        dated = {r.event_id for r in counted if r.day_dated}
        hurting = {r.event_id for r in counted if r.hurts}
        first = {}
        for position, r in enumerate(counted):
            first.setdefault(r.event_id, position)
        chosen[article_id] = min(counts, key=lambda event: (event not in hurting, -counts[event], event not in dated, first[event]))
    return chosen


def score_assignment(articles: Sequence[GoldArticle], assigned: Mapping[str, str]) -> GvaScore:
    """B³/MUC/CEAF-e of the article clusters (articles of one event together) against the gold incidents."""
    gold = {a.doc_id: a.incident_id for a in articles}
    response = {doc: ("event", assigned[doc]) if doc in assigned else ("alone", doc) for doc in gold}
    coref = score_clusters(clusters_from_labels(gold), clusters_from_labels(response))
    events = len({assigned[doc] for doc in gold if doc in assigned})
    return GvaScore(coref, len(gold), len(set(gold.values())), events, sum(doc not in assigned for doc in gold))
