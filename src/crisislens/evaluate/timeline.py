"""SemEval-2015 task 4 (TimeLine: cross-document event ordering), track A: timelines from raw text.

Each of the three evaluation corpora (``corpus_1`` … ``corpus_3`` under ``SemEval_Task4_data``)
holds 30 Wikinews articles (``corpus_trackA_TimeML/*.tml``: one ``<s id>`` per tokenised
sentence, the creation date in ``<DCT>``) and gold timelines (``TimeLines_Gold_Standard/*.txt``:
the target entity on the first line, then ``order<TAB>anchor<TAB>doc-sentence-word…``, the
mentions of one event on one line).

crisislens reads the articles as a user would (JSON Lines into a fresh DuckDB file, through the
pipeline and the event merge); an entity's timeline is what ``crisislens timeline --actor
ENTITY`` lists (or ``--summary --top N``): each event one line, ordered by its date, anchored at
it (``YYYY-MM-DD``, ``YYYY-MM-XX`` for a month, ``YYYY-XX-XX`` for a year), its mentions given
as ``doc-sentence-word`` of the trigger's first word.

Scoring follows the task's method (Minard et al. 2015), which turns a timeline into temporal
relations and scores them with temporal awareness (UzZaman and Allen 2011): each anchor date is
a time node; each mention is SIMULTANEOUS with its anchor and with the other mentions of its
line; each line's mentions are BEFORE those of the next line. Precision is the share of the
system's reduced relations found in the gold closure, recall the share of the gold's reduced
relations found in the system closure; both are micro-averaged over the timelines (an entity
with no system timeline scores zero recall). Our simplifications, stated because the task's
scorer is not in the data: relations are between points (a date is one point, and two dates are
related only through events); lines of order 0 (the gold's unordered events) take part in no
BEFORE relation; a reduced graph keeps one chain per class of simultaneous nodes and the
transitive reduction of the BEFORE relations between classes, each edge between the classes'
first members.
"""

from __future__ import annotations

import json
import tempfile
import xml.etree.ElementTree as ET  # noqa: S405 - the task's own files, not untrusted input
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crisislens.errors import CrisislensError
from crisislens.evaluate.metrics import f1, share
from crisislens.models import Event
from crisislens.settings import PipelineSettings
from crisislens.store.duckdb import EventFilter, Store
from crisislens.views.summary import summarize

UNDATED = "XXXX-XX-XX"
Relation = tuple[str, str, str]  # (node, node, "BEFORE" | "SIMULTANEOUS"); SIMULTANEOUS pairs sorted


@dataclass(frozen=True, slots=True)
class TimelineLine:
    order: int
    anchor: str
    mentions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    entity: str
    lines: tuple[TimelineLine, ...]


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    created: str | None
    sentences: tuple[tuple[str, tuple[str, ...]], ...]  # (sentence id, tokens)

    @property
    def text(self) -> str:
        return "\n\n".join(" ".join(tokens) for _, tokens in self.sentences)


@dataclass(frozen=True, slots=True)
class Corpus:
    name: str
    documents: tuple[Document, ...]
    gold: tuple[Timeline, ...]


@dataclass(slots=True)
class Awareness:
    """Counts for temporal-awareness precision and recall."""

    system_found: int = 0  # system's reduced relations in the gold closure
    system_total: int = 0
    gold_found: int = 0  # gold's reduced relations in the system closure
    gold_total: int = 0

    def add(self, other: Awareness) -> None:
        self.system_found += other.system_found
        self.system_total += other.system_total
        self.gold_found += other.gold_found
        self.gold_total += other.gold_total

    def as_json(self) -> dict[str, float]:
        precision = share(self.system_found, self.system_total)
        recall = share(self.gold_found, self.gold_total)
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1(precision, recall), 4)}


@dataclass(slots=True)
class TimelineScore:
    corpora: dict[str, Awareness] = field(default_factory=dict)
    entities: int = 0
    system_lines: int = 0
    gold_lines: int = 0

    def total(self) -> Awareness:
        total = Awareness()
        for counts in self.corpora.values():
            total.add(counts)
        return total

    def as_json(self) -> dict[str, object]:
        return {
            **self.total().as_json(),
            "corpora": {name: counts.as_json() for name, counts in sorted(self.corpora.items())},
            "entities": self.entities,
            "system_lines": self.system_lines,
            "gold_lines": self.gold_lines,
        }


# -- reading the task's files -------------------------------------------------------------


def find_corpora(directory: str | Path) -> list[Path]:
    """The corpus folders (those with a ``TimeLines_Gold_Standard`` folder) under ``directory``."""
    root = Path(directory)
    found = sorted(p.parent for p in root.rglob("TimeLines_Gold_Standard") if p.is_dir() and (p.parent / "corpus_trackA_TimeML").is_dir())
    if not found:
        raise CrisislensError(f"{root}: no SemEval-2015 task 4 corpus here (expected corpus_N/TimeLines_Gold_Standard and corpus_trackA_TimeML)")
    return found


def read_timeline(path: Path) -> Timeline:
    """One gold (or system) timeline file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines:
        raise CrisislensError(f"{path}: empty timeline")
    entries = []
    for number, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 3 or not parts[0].strip().isdigit():
            raise CrisislensError(f"{path}:{number}: not 'order<TAB>date<TAB>mention…'")
        entries.append(TimelineLine(int(parts[0]), parts[1].strip(), tuple(p.strip() for p in parts[2:] if p.strip())))
    return Timeline(lines[0].strip(), tuple(entries))


def read_document(path: Path) -> Document:
    """A track A TimeML file: its id, creation date and tokenised sentences."""
    try:
        root = ET.parse(path).getroot()  # noqa: S314 - the task's own files
    except ET.ParseError as error:
        raise CrisislensError(f"{path}: not TimeML ({error})") from error
    doc_id = (root.findtext("DOCID") or path.stem.split("_")[0].split("-")[0]).strip()
    dct = root.find("DCT/TIMEX3")
    text = root.find("TEXT")
    sentences = tuple((s.get("id", ""), tuple((s.text or "").split())) for s in (text if text is not None else ()))
    return Document(doc_id, dct.get("value") if dct is not None else None, sentences)


def load_corpus(folder: Path) -> Corpus:
    documents = tuple(read_document(p) for p in sorted((folder / "corpus_trackA_TimeML").glob("*.tml")))
    gold = tuple(read_timeline(p) for p in sorted((folder / "TimeLines_Gold_Standard").glob("*.txt")))
    return Corpus(folder.name, documents, gold)


# -- system timelines -------------------------------------------------------------------------


def anchor_of(event: Event) -> str:
    """The event's date as the task writes it: unknown parts as X."""
    if event.date is None:
        return UNDATED
    day = event.date.isoformat()
    if event.date_precision == "year":
        return day[:4] + "-XX-XX"
    if event.date_precision in ("month", "week"):
        return day[:7] + "-XX"
    return day


def token_index(document: Document, stored_text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, sentence id, token) of each token found, in order, in the stored article text."""
    found, cursor = [], 0
    for sentence_id, tokens in document.sentences:
        for token in tokens:
            at = stored_text.find(token, cursor)
            if at < 0:
                continue  # changed by text cleaning (an entity, a control character): skip it
            found.append((at, at + len(token), sentence_id, token))
            cursor = at + len(token)
    return found


def mention_name(doc_id: str, tokens: Sequence[tuple[int, int, str, str]], offset: int) -> str | None:
    """``doc-sentence-word`` of the token at (or first after) ``offset``."""
    for start, end, sentence_id, token in tokens:
        if end > offset:
            return f"{doc_id}-{sentence_id}-{token}" if start <= offset + 1 else None
    return None


def system_timeline(entity: str, events: Sequence[Event], mention_names: Mapping[str, list[str]]) -> Timeline:
    """The timeline of ``events`` (already chosen for ``entity``): dated events in date order, undated at order 0."""
    by_anchor: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_anchor[anchor_of(event)].append(event)
    lines, order = [], 0
    for anchor in sorted(by_anchor, key=lambda a: (a != UNDATED, a)):
        if anchor != UNDATED:
            order += 1
        for event in sorted(by_anchor[anchor], key=lambda e: e.event_id):
            names = tuple(sorted(set(mention_names.get(event.event_id, ()))))
            if names:
                lines.append(TimelineLine(0 if anchor == UNDATED else order, anchor, names))
    return Timeline(entity, tuple(lines))


# -- temporal awareness ---------------------------------------------------------------------------


def timeline_relations(timeline: Timeline) -> list[Relation]:
    """The task's relations: mention = anchor, mentions of a line =, line before next line (order > 0)."""
    relations: list[Relation] = []

    def same(a: str, b: str) -> None:
        if a != b:
            relations.append((min(a, b), max(a, b), "SIMULTANEOUS"))

    by_order: dict[int, list[str]] = defaultdict(list)
    for line in timeline.lines:
        for mention in line.mentions:
            same(line.mentions[0], mention)
        if line.anchor != UNDATED:
            same(line.mentions[0], "time:" + line.anchor)
        by_order[line.order].extend(line.mentions)
    orders = sorted(o for o in by_order if o > 0)
    for order in orders:  # lines of one order happen together
        group = by_order[order]
        for mention in group[1:]:
            same(group[0], mention)
    relations.extend((by_order[earlier][0], by_order[later][0], "BEFORE") for earlier, later in zip(orders, orders[1:]))
    return relations


class PointGraph:
    """Points related by BEFORE and SIMULTANEOUS: its closure and a reduced form."""

    def __init__(self, relations: Iterable[Relation]) -> None:
        relations = list(relations)
        self.parent: dict[str, str] = {}
        for a, b, kind in relations:
            self._find(a), self._find(b)
            if kind == "SIMULTANEOUS":
                self._union(a, b)
        self.members: dict[str, list[str]] = defaultdict(list)
        for node in sorted(self.parent):
            self.members[self._find(node)].append(node)
        self.after: dict[str, set[str]] = defaultdict(set)
        for a, b, kind in relations:
            if kind == "BEFORE" and self._find(a) != self._find(b):
                self.after[self._find(a)].add(self._find(b))
        self.reach = {c: self._reachable(c) for c in self.members}

    def _find(self, node: str) -> str:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def _reachable(self, start: str) -> set[str]:
        seen, stack = set(), list(self.after.get(start, ()))
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(self.after.get(node, ()))
        return seen

    def holds(self, relation: Relation) -> bool:
        """Whether ``relation`` is in the closure."""
        a, b, kind = relation
        if a not in self.parent or b not in self.parent:
            return False
        ca, cb = self._find(a), self._find(b)
        return ca == cb if kind == "SIMULTANEOUS" else cb in self.reach[ca]

    def reduced(self) -> list[Relation]:
        """One chain per class of simultaneous points, and the transitive reduction of BEFORE between classes."""
        result: list[Relation] = []
        for nodes in self.members.values():
            result.extend((a, b, "SIMULTANEOUS") for a, b in zip(nodes, nodes[1:]))
        for source, targets in self.after.items():
            implied = set().union(*(self.reach[t] for t in targets)) if targets else set()
            for target in sorted(targets - implied):
                result.append((self.members[source][0], self.members[target][0], "BEFORE"))
        return result


def awareness(system: Timeline | None, gold: Timeline) -> Awareness:
    """Temporal-awareness counts of one system timeline against its gold timeline."""
    gold_graph = PointGraph(timeline_relations(gold))
    system_graph = PointGraph(timeline_relations(system) if system else ())
    system_reduced, gold_reduced = system_graph.reduced(), gold_graph.reduced()
    return Awareness(
        sum(gold_graph.holds(r) for r in system_reduced), len(system_reduced), sum(system_graph.holds(r) for r in gold_reduced), len(gold_reduced)
    )


# -- the whole evaluation -------------------------------------------------------------------------


def entity_events(store: Store, entity: str) -> list[Event]:
    """The events ``crisislens timeline --actor ENTITY`` lists: the entity's name in the source or target actor."""
    return store.events(EventFilter(actor=entity))


def mention_names(store: Store, documents: Mapping[str, Document]) -> dict[str, list[str]]:
    """Each event's mentions as ``doc-sentence-word`` (the first word of each trigger)."""
    texts = {row["article_id"]: row["text"] for row in store.fetch("SELECT article_id, text FROM articles")}
    tokens = {doc: token_index(documents[doc], text) for doc, text in texts.items() if doc in documents}
    names: dict[str, list[str]] = defaultdict(list)
    for row in store.fetch("SELECT em.event_id, m.article_id, m.record FROM mentions m JOIN event_mentions em USING (mention_id)"):
        event_id, article_id, mention = row["event_id"], row["article_id"], json.loads(row["record"])
        span, trigger = mention["span"], mention["trigger"].split()[0] if mention["trigger"].split() else ""
        at = span["sentence"].find(trigger)
        name = mention_name(article_id, tokens.get(article_id, []), int(span["start"]) + max(at, 0))
        if name:
            names[event_id].append(name)
    return names


def evaluate_corpus(corpus: Corpus, *, top: int | None = None, progress: Callable[[int, str], None] | None = None) -> tuple[list[Awareness], int, int]:
    """Ingest one corpus and score every gold timeline: counts per timeline, system lines, gold lines."""
    from crisislens.pipeline import ingest

    documents = {d.doc_id: d for d in corpus.documents}
    with tempfile.TemporaryDirectory(prefix="crisislens-timeline-") as scratch:
        source = Path(scratch) / f"{corpus.name}.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for d in corpus.documents:
                handle.write(json.dumps({"id": d.doc_id, "date": d.created, "text": d.text}) + "\n")
        with Store(Path(scratch) / "timeline.duckdb") as store:
            ingest([source], store, PipelineSettings(), progress=progress)
            names = mention_names(store, documents)
            counts, system_lines = [], 0
            for gold in corpus.gold:
                events = entity_events(store, gold.entity)
                if top is not None:
                    events = [e for e, _ in summarize(events, top)]
                system = system_timeline(gold.entity, events, names)
                system_lines += len(system.lines)
                counts.append(awareness(system, gold))
    return counts, system_lines, sum(len(g.lines) for g in corpus.gold)


def evaluate_timelines(directory: str | Path, *, top: int | None = None, progress: Callable[[int, str], None] | None = None) -> TimelineScore:
    """Temporal-awareness F1 of crisislens's entity timelines on every corpus under ``directory``."""
    score = TimelineScore()
    for folder in find_corpora(directory):
        corpus = load_corpus(folder)
        counts, system_lines, gold_lines = evaluate_corpus(corpus, top=top, progress=progress)
        total = Awareness()
        for entity_counts in counts:
            total.add(entity_counts)
        score.corpora[corpus.name] = total
        score.entities += len(counts)
        score.system_lines += system_lines
        score.gold_lines += gold_lines
    return score

