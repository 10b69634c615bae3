"""PETRARCH/TABARI validation records, coded by crisislens and scored per suite category.

A records file is XML: ``<Sentence id category date>`` holding ``<Text>`` and one
``<EventCoding sourcecode targetcode eventcode>`` per expected event (or
``noevents="True"``). The unit-test suite lives in a fictional world (Arnor,
Gondor, …) with its own actor and agent dictionaries, read here into the
knowledge crisislens resolves actors with. Its verb codes come from an ad hoc,
mostly WEIS verb list, so the (source, target) dyad is the main score; root and
full-code F1 count (source, target, code) triples, for information.

Codes are written as PETRARCH writes them: ``---`` for a missing or unknown
actor, ``---GOV`` for an agent with no country.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from crisislens.errors import CrisislensError
from crisislens.evaluate.metrics import MatchCounts
from crisislens.knowledge.load import Knowledge
from crisislens.knowledge.tabari import read_tabari_actors, read_tabari_agents
from crisislens.models import ActorRef, Article, EventMention

UNKNOWN_ACTOR = "---"
UNKNOWN_PREFIX = "X_"  # crisislens's ids for named actors no dictionary knows

Triple = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class ValidationRecord:
    sentence_id: str
    category: str
    published: date | None
    text: str
    codings: tuple[Triple, ...]  # (source, target, event code)


@dataclass(slots=True)
class PetrarchScore:
    """Dyad, root and code F1 (micro over sentences), overall and per category."""

    dyad: MatchCounts = field(default_factory=MatchCounts)
    root: MatchCounts = field(default_factory=MatchCounts)
    code: MatchCounts = field(default_factory=MatchCounts)
    per_category: dict[str, tuple[MatchCounts, MatchCounts, MatchCounts]] = field(default_factory=dict)
    n: int = 0

    def add(self, record: ValidationRecord, predicted: Iterable[Triple]) -> None:
        predicted = set(predicted)
        category = self.per_category.setdefault(record.category, (MatchCounts(), MatchCounts(), MatchCounts()))
        for key, overall, by_category in zip(
            (lambda t: t[:2], lambda t: (t[0], t[1], t[2][:2]), lambda t: t), (self.dyad, self.root, self.code), category, strict=True
        ):
            gold_items = {key(t) for t in record.codings}
            predicted_items = {key(t) for t in predicted}
            for counts in (overall, by_category):
                counts.add(len(predicted_items), len(gold_items), len(gold_items & predicted_items))
        self.n += 1

    def as_json(self) -> dict[str, object]:
        return {
            "n": self.n,
            "dyad_f1": round(self.dyad.f1, 4),
            "root_f1": round(self.root.f1, 4),
            "code_f1": round(self.code.f1, 4),
            "per_category": {
                name: {"dyad_f1": round(d.f1, 4), "root_f1": round(r.f1, 4), "code_f1": round(c.f1, 4)}
                for name, (d, r, c) in sorted(self.per_category.items())
            },
        }


def _published(value: str | None) -> date | None:
    for pattern in ("%Y%m%d", "%y%m%d"):
        try:
            return datetime.strptime(value or "", pattern).date()
        except ValueError:
            continue
    return None


def load_records(path: str | Path) -> list[ValidationRecord]:
    """The sentences of a PETRARCH validation records file with their expected codings."""
    try:
        root = ET.parse(path).getroot()
    except OSError as error:
        raise CrisislensError(f"{path}: cannot read: {error.strerror}") from error
    except ET.ParseError as error:
        raise CrisislensError(f"{path}: not XML: {error}") from error
    records = []
    for sentence in root.iter("Sentence"):
        sentence_id = sentence.get("id") or f"#{len(records)}"
        text = " ".join((sentence.findtext("Text") or "").split())
        if not text:
            raise CrisislensError(f"{path}: sentence {sentence_id} has no <Text>")
        codings = tuple(
            (c.get("sourcecode") or UNKNOWN_ACTOR, c.get("targetcode") or UNKNOWN_ACTOR, c.get("eventcode") or "")
            for c in sentence.iter("EventCoding")
            if c.get("noevents", "").lower() != "true"
        )
        category = sentence.get("category") or sentence_id.split("-")[0]
        records.append(ValidationRecord(sentence_id, category, _published(sentence.get("date")), text, codings))
    if not records:
        raise CrisislensError(f"{path}: no <Sentence> records (not a PETRARCH validation file)")
    return records


def suite_knowledge(base: Knowledge, actors_path: str | Path, agents_path: str | Path | None) -> Knowledge:
    """``base`` with its actors, countries and agents replaced by a suite's TABARI dictionaries."""
    actors = read_tabari_actors(actors_path)
    agents = read_tabari_agents(agents_path) if agents_path else dict(base.agents)
    return dataclasses.replace(base, countries=actors.countries, actors=actors.actors, agents=agents)


def actor_code(ref: ActorRef | None) -> str:
    """An actor's code as PETRARCH writes it."""
    if ref is None or ref.actor_id.startswith(UNKNOWN_PREFIX):
        return UNKNOWN_ACTOR
    if ref.country is None and ref.role is not None and ref.actor_id == ref.role:
        return UNKNOWN_ACTOR + ref.role
    return ref.actor_id


def predicted_codings(mentions: Sequence[EventMention]) -> list[Triple]:
    """The (source, target, code) of every mention with at least one known actor."""
    codings = [(actor_code(m.source), actor_code(m.target), m.cameo) for m in mentions]
    return [c for c in codings if c[0] != UNKNOWN_ACTOR or c[1] != UNKNOWN_ACTOR]


def articles_for(records: Sequence[ValidationRecord]) -> list[Article]:
    return [Article(f"petrarch-{r.sentence_id}", r.text, published=r.published) for r in records]


def score_records(records: Iterable[ValidationRecord], coded: Iterable[Sequence[EventMention]]) -> PetrarchScore:
    score = PetrarchScore()
    for record, mentions in zip(records, coded, strict=True):
        score.add(record, predicted_codings(mentions))
    return score
