"""The PLOVER gold-standard records (CAMEO manual sentences coded in PLOVER 0.5), scored against crisislens.

The records (``PLOVER_GSR_CAMEO.json``) are a JSON array, one object per sentence
with ``text``, ``event`` and ``source``/``target`` lists of
``{"actorText", "code", "sector"}`` (or an empty string). They use the older
PLOVER labels; ``LABEL_MAP`` turns them into PLOVER 2.0 the way the manual's
table "PLOVER equivalents to CAMEO cue categories" does.

Scores: event-type accuracy and macro F1 (over the gold classes), a per-class
table, and micro F1 of the source and target actors of the predicted event
(all of them where conjoined actors made one mention each: "Jordan and Britain agreed").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crisislens.errors import CrisislensError
from crisislens.evaluate.metrics import NO_LABEL, Classification, MatchCounts
from crisislens.models import ActorRef, Article, EventMention

# Older PLOVER label -> PLOVER 2.0 (CAMEO 10 DEMAND -> REQUEST, 09/11 -> ACCUSE, 19 FIGHT -> ASSAULT).
LABEL_MAP: Mapping[str, str] = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}

_NOT_WORD = re.compile(r"[^\w\s]+")
_CAPITALISED = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z]{3,}(?![A-Za-z])")


@dataclass(frozen=True, slots=True)
class GoldActor:
    text: str
    code: str | None = None


@dataclass(frozen=True, slots=True)
class GoldRecord:
    """One gold sentence, its event type in PLOVER 2.0 (``original_event``: as the file has it) and its actors."""

    record_id: str
    text: str
    event: str
    original_event: str
    sources: tuple[GoldActor, ...] = ()
    targets: tuple[GoldActor, ...] = ()


def to_plover2(label: str) -> str:
    """An older PLOVER label in PLOVER 2.0 (``DEMAND`` -> ``REQUEST``); other labels are unchanged."""
    label = label.strip().upper()
    return LABEL_MAP.get(label, label)


def label_map_text() -> str:
    """``DEMAND→REQUEST, …`` for the table output."""
    return ", ".join(f"{old}→{new}" for old, new in LABEL_MAP.items())


def _clean_text(text: str) -> str:
    """One line of sentence text; a few records wrap the sentence in ``{…}`` (CAMEO manual markup)."""
    text = " ".join(text.split())
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1].strip()
    return text


def _actors(value: object, where: str) -> tuple[GoldActor, ...]:
    if value is None or value == "":
        return ()
    if not isinstance(value, list):
        raise CrisislensError(f"{where}: expected a list of actors or an empty string, got {type(value).__name__}")
    actors = []
    for entry in value:
        if not isinstance(entry, dict) or not isinstance(entry.get("actorText", ""), str) or not isinstance(entry.get("code") or "", str):
            raise CrisislensError(f"{where}: an actor must be an object with actorText and code strings, got {entry!r}")
        actors.append(GoldActor(" ".join(entry.get("actorText", "").split()), (entry.get("code") or "").strip().upper() or None))
    return tuple(actors)


def load_records(path: str | Path) -> list[GoldRecord]:
    """The sentence records of a PLOVER gold-standard JSON file, labels in PLOVER 2.0.

    Records without both ``text`` and ``event`` (the document record) are skipped.
    """
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise CrisislensError(f"{path}: cannot read: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise CrisislensError(f"{path}: not UTF-8 text: {error.reason}") from error
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise CrisislensError(f"{path}: invalid JSON at line {error.lineno}:{error.colno}: {error.msg}") from error
    if not isinstance(data, list):
        kind = {dict: "object", str: "string"}.get(type(data), type(data).__name__)
        raise CrisislensError(f"{path}: not a list of PLOVER records (the top level is a JSON {kind})")
    records = []
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            raise CrisislensError(f"{path}: record {index} is not a JSON object, so this is not a list of PLOVER records")
        if not item.get("text") or not item.get("event"):
            continue
        record_id = str(item.get("id") or f"#{index}")
        where = f"{path}: record {record_id}"
        text, event = item["text"], item["event"]
        if not isinstance(text, str) or not isinstance(event, str):
            raise CrisislensError(f"{where}: text and event must be strings")
        records.append(
            GoldRecord(
                record_id=record_id,
                text=_clean_text(text),
                event=to_plover2(event),
                original_event=event.strip().upper(),
                sources=_actors(item.get("source"), f"{where} source"),
                targets=_actors(item.get("target"), f"{where} target"),
            )
        )
    if not records:
        raise CrisislensError(f"{path}: not a list of PLOVER records (no record has both text and event)")
    return records


def predicted_event(mentions: Sequence[EventMention]) -> EventMention | None:
    """The sentence's first event mention (text order) that has a PLOVER type, else None."""
    events = sorted((m for m in mentions if m.plover), key=lambda m: m.span.start)
    return events[0] if events else None


def event_actors(event: EventMention, mentions: Sequence[EventMention]) -> tuple[list[ActorRef], list[ActorRef]]:
    """The distinct sources and targets of ``event`` and of the mentions its trigger made for conjoined actors."""
    same = [m for m in mentions if (m.span, m.trigger, m.cameo) == (event.span, event.trigger, event.cameo)] or [event]
    sources = list(dict.fromkeys(m.source for m in same if m.source is not None))
    targets = list(dict.fromkeys(m.target for m in same if m.target is not None))
    return sources, targets


def _normalised(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


def _capitalised_words(text: str) -> set[str]:
    return {word.lower() for word in _CAPITALISED.findall(text)}


def texts_match(predicted: str, gold: str) -> bool:
    """One text contains the other (lowercased, punctuation stripped, whole words) or both share a capitalised word of 4+ letters."""
    a, b = _normalised(predicted), _normalised(gold)
    if a and b and (f" {a} " in f" {b} " or f" {b} " in f" {a} "):
        return True
    return bool(_capitalised_words(predicted) & _capitalised_words(gold))


def actor_matches(predicted: ActorRef, gold: GoldActor) -> bool:
    """Same code (the actor's country, or the first three letters of its id) or matching texts."""
    if gold.code and gold.code in {(predicted.country or "").upper(), predicted.actor_id[:3].upper()}:
        return True
    return texts_match(predicted.name, gold.text)


def count_matches(predicted: Sequence[ActorRef], gold: Sequence[GoldActor]) -> int:
    """Predicted actors that match a gold actor, each gold actor used at most once."""
    unused = list(gold)
    matched = 0
    for ref in predicted:
        hit = next((i for i, actor in enumerate(unused) if actor_matches(ref, actor)), None)
        if hit is not None:
            del unused[hit]
            matched += 1
    return matched


@dataclass(slots=True)
class PloverScore:
    """Event-type and actor scores over the gold records."""

    pairs: list[tuple[str, str]] = field(default_factory=list)  # (gold, predicted or NO_LABEL) per record
    source: MatchCounts = field(default_factory=MatchCounts)
    target: MatchCounts = field(default_factory=MatchCounts)

    @property
    def events(self) -> Classification:
        return Classification.of(self.pairs)

    @property
    def uncoded(self) -> int:
        return sum(predicted == NO_LABEL for _, predicted in self.pairs)

    def add(self, record: GoldRecord, event: EventMention | None, mentions: Sequence[EventMention] = ()) -> None:
        """Score the predicted ``event`` of ``record``; ``mentions`` (the sentence's) give its conjoined actors."""
        self.pairs.append((record.event, event.plover if event and event.plover else NO_LABEL))
        sources, targets = event_actors(event, mentions) if event else ([], [])
        for counts, refs, gold in ((self.source, sources, record.sources), (self.target, targets, record.targets)):
            counts.add(len(refs), len(gold), count_matches(refs, gold))

    def as_json(self) -> dict[str, object]:
        events = self.events
        return {
            "n": events.n,
            "event_accuracy": round(events.accuracy, 4),
            "event_macro_f1": round(events.macro_f1, 4),
            **{f"{role}_{name}": round(getattr(counts, name), 4) for role, counts in (("source", self.source), ("target", self.target)) for name in ("precision", "recall", "f1")},
            "uncoded": self.uncoded,
            "label_map": dict(LABEL_MAP),
        }


def articles_for(records: Sequence[GoldRecord]) -> list[Article]:
    """One article per record, to be coded in the same order."""
    return [Article(f"plover-{i}", record.text) for i, record in enumerate(records)]


def score_records(records: Iterable[GoldRecord], coded: Iterable[Sequence[EventMention]]) -> PloverScore:
    """Compare each record with the first PLOVER event of its coded sentence (same order)."""
    score = PloverScore()
    for record, mentions in zip(records, coded, strict=True):
        score.add(record, predicted_event(mentions), mentions)
    return score
