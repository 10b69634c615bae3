"""PETRARCH/TABARI validation records, coded by crisislens and scored per suite category.

A records file is XML: ``<Sentence id category date>`` holding ``<Text>`` and one
``<EventCoding sourcecode targetcode eventcode>`` per expected event (or
``noevents="True"``). The unit-test suite lives in a fictional world (Arnor,
Gondor, …) with its own actor and agent dictionaries, read here into the
knowledge crisislens resolves actors with (date-restricted codes included). Its
verb codes come from an ad hoc, mostly WEIS verb list, so the (source, target)
dyad is the main score; root and full-code F1 count (source, target, code)
triples, for information.

Scored as the suite validates itself: records of categories outside the file's
``<Include>`` list, and records that expect a PETRARCH input error
(``<EventCoding error="…">``: bad parse, discard list, dateline), are skipped.
A sentence in which crisislens codes no event with a known actor still has its
actors: its dyads are then those of the clause whose subject and object name the
most actors (``clause_dyads``), and ``dyad_f1_events_only`` leaves them out.

Codes are written as PETRARCH writes them: ``---`` for a missing or unknown
actor, ``---GOV`` for an agent with no country, ``GONGOV`` for an unknown
person with a country and a role.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from spacy.tokens import Span, Token

from crisislens.actors import UNKNOWN_PREFIX, ActorMatch, ActorResolver, ArticleMemory
from crisislens.errors import CrisislensError
from crisislens.evaluate.metrics import MatchCounts
from crisislens.knowledge.load import Knowledge
from crisislens.knowledge.tabari import TabariAgents, read_tabari_actors, read_tabari_agents
from crisislens.mentions.action import Trigger
from crisislens.mentions.roles import Roles, find_roles
from crisislens.models import ActorRef, Article, EventMention
from crisislens.nlp.build import build_nlp

UNKNOWN_ACTOR = "---"

Triple = tuple[str, str, str]
Dyad = tuple[str, str]


@dataclass(frozen=True, slots=True)
class ValidationRecord:
    sentence_id: str
    category: str
    published: date | None
    text: str
    codings: tuple[Triple, ...]  # (source, target, event code)
    skip_reason: str | None = None  # why the suite itself does not validate this record


@dataclass(slots=True)
class PetrarchScore:
    """Dyad, root and code F1 (micro over sentences), overall and per category."""

    dyad: MatchCounts = field(default_factory=MatchCounts)
    root: MatchCounts = field(default_factory=MatchCounts)
    code: MatchCounts = field(default_factory=MatchCounts)
    event_dyad: MatchCounts = field(default_factory=MatchCounts)  # the events' dyads alone, no clause dyads
    per_category: dict[str, tuple[MatchCounts, MatchCounts, MatchCounts]] = field(default_factory=dict)
    n: int = 0
    skipped: int = 0

    def add(self, record: ValidationRecord, predicted: Iterable[Triple], clause: Iterable[Dyad] = ()) -> None:
        """Score one record's coded events; ``clause`` dyads stand in for the events' when these name no known actor."""
        if record.skip_reason is not None:
            self.skipped += 1
            return
        predicted = set(predicted)
        gold_dyads = {t[:2] for t in record.codings}
        event_dyads = {t[:2] for t in predicted}
        self.event_dyad.add(len(event_dyads), len(gold_dyads), len(gold_dyads & event_dyads))
        dyads = event_dyads or set(clause)
        category = self.per_category.setdefault(record.category, (MatchCounts(), MatchCounts(), MatchCounts()))
        for gold_items, predicted_items, overall, by_category in (
            (gold_dyads, dyads, self.dyad, category[0]),
            ({(s, t, c[:2]) for s, t, c in record.codings}, {(s, t, c[:2]) for s, t, c in predicted}, self.root, category[1]),
            (set(record.codings), predicted, self.code, category[2]),
        ):
            for counts in (overall, by_category):
                counts.add(len(predicted_items), len(gold_items), len(gold_items & predicted_items))
        self.n += 1

    def as_json(self) -> dict[str, object]:
        return {
            "n": self.n,
            "skipped": self.skipped,
            "dyad_f1": round(self.dyad.f1, 4),
            "dyad_f1_events_only": round(self.event_dyad.f1, 4),
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
    environment = root.find("Environment")
    included = set((environment.findtext("Include") or "").split()) if environment is not None else set()
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
        error = next((c.get("error") for c in sentence.iter("EventCoding") if c.get("error")), None)
        skip_reason = (
            f"expects the PETRARCH input error {error!r}" if error
            else f"category {category} is not in the suite's <Include>" if included and category not in included
            else None
        )  # fmt: skip
        codings = () if error else codings
        records.append(ValidationRecord(sentence_id, category, _published(sentence.get("date")), text, codings, skip_reason))
    if not records:
        raise CrisislensError(f"{path}: no <Sentence> records (not a PETRARCH validation file)")
    return records


def suite_knowledge(base: Knowledge, actors_path: str | Path, agents_path: str | Path | None) -> Knowledge:
    """``base`` with its actors, countries and agents replaced by a suite's TABARI dictionaries."""
    actors = read_tabari_actors(actors_path)
    agents = read_tabari_agents(agents_path) if agents_path else TabariAgents(base.agents, base.prefix_roles)
    return dataclasses.replace(
        base,
        countries=actors.countries,
        actors=actors.actors,
        agents=agents.codes,
        prefix_roles=agents.prefix_codes,
        dated_codes=actors.periods,
        joint_codes=actors.joint_codes,
    )


def actor_code(ref: ActorRef | None) -> str:
    """An actor's code as PETRARCH writes it."""
    if ref is None:
        return UNKNOWN_ACTOR
    if ref.actor_id.startswith(UNKNOWN_PREFIX):
        return f"{ref.country}{ref.role or ''}" if ref.country else UNKNOWN_ACTOR
    if ref.country is None and ref.role is not None and ref.actor_id == ref.role:
        return UNKNOWN_ACTOR + ref.role
    return ref.actor_id


def petrarch_pairs(sources: Sequence[str], targets: Sequence[str]) -> list[Dyad]:
    """The (source, target) codes PETRARCH writes for one act: every source with every target, or, when a
    compound subject acts on no one named ("Gondor and Osgiliath delayed their meeting"), its members with
    each other. crisislens keeps that act's actors as sources with no target, as the PLOVER gold does."""
    sources = list(dict.fromkeys(code for code in sources if code != UNKNOWN_ACTOR)) or [UNKNOWN_ACTOR]
    targets = list(dict.fromkeys(code for code in targets if code != UNKNOWN_ACTOR)) or [UNKNOWN_ACTOR]
    if targets == [UNKNOWN_ACTOR] and len(sources) > 1:
        return [(s, t) for s in sources for t in sources if s != t]
    return [(s, t) for s in sources for t in targets if (s, t) != (UNKNOWN_ACTOR, UNKNOWN_ACTOR)]


def predicted_codings(mentions: Sequence[EventMention]) -> list[Triple]:
    """The (source, target, code) of every act with at least one known actor, written as PETRARCH pairs them.

    The mentions one trigger made for conjoined actors are one act.
    """
    acts: dict[tuple[int, int, str, str], tuple[list[str], list[str]]] = {}
    for m in mentions:
        sources, targets = acts.setdefault((m.span.sentence_index, m.span.start, m.trigger, m.cameo), ([], []))
        sources.append(actor_code(m.source))
        targets.append(actor_code(m.target))
    return [(s, t, key[3]) for key, (sources, targets) in acts.items() for s, t in petrarch_pairs(sources, targets)]


def articles_for(records: Sequence[ValidationRecord]) -> list[Article]:
    return [Article(f"petrarch-{r.sentence_id}", r.text, published=r.published) for r in records]


def _dyads(roles: Roles) -> list[Dyad]:
    return petrarch_pairs([actor_code(s) for s in roles.sources], [actor_code(t) for t in roles.targets])


def _best_clause(sentence: Span, matches: Sequence[ActorMatch], resolver: ActorResolver) -> Roles:
    """The roles of the clause nearest the root that names both a source and a target; failing that, of the first
    clause whose missing target its complement names ("Gollum allowed that Mordor …"); failing that, of the first
    clause with one actor."""

    def country_of(word: str) -> ActorRef | None:
        iso3 = resolver.demonym_country(word)
        return resolver.country(iso3) if iso3 else None

    def roles_of(token: Token) -> Roles:
        return find_roles(Trigger(token, "", token.pos_ in ("NOUN", "PROPN")), matches, country_of, lambda _doc, _i: False)

    clauses: list[tuple[Token, Roles]] = []
    queue = [sentence.root]
    while queue:
        token = queue.pop(0)
        queue.extend(token.children)
        if token is sentence.root or token.pos_ in ("VERB", "AUX"):
            clauses.append((token, roles_of(token)))
    full = next((roles for _, roles in clauses if roles.sources and roles.targets), None)
    if full is not None:
        return full
    for token, roles in clauses:
        if roles.sources:
            for child in token.children:
                if child.dep_ in ("ccomp", "xcomp"):
                    inner = roles_of(child)
                    found = tuple(a for a in (*inner.sources, *inner.targets) if a not in roles.sources)
                    if found:
                        return Roles(roles.sources, found)
    return next((roles for _, roles in clauses if roles.sources or roles.targets), Roles())


def clause_dyads(records: Sequence[ValidationRecord], knowledge: Knowledge) -> list[list[Dyad]]:
    """Per record, the dyads of its sentences' best-filled clauses, whatever their verbs."""
    nlp = build_nlp()
    resolver = ActorResolver(knowledge, nlp.vocab)
    result = []
    for record, doc in zip(records, nlp.pipe(r.text for r in records), strict=True):
        memory = ArticleMemory(published=record.published)
        result.append([pair for sentence in doc.sents for pair in _dyads(_best_clause(sentence, resolver.find(sentence, memory), resolver))])
    return result


def score_records(
    records: Iterable[ValidationRecord], coded: Iterable[Sequence[EventMention]], clauses: Iterable[Sequence[Dyad]] | None = None
) -> PetrarchScore:
    """Score each record's mentions; ``clauses`` (from ``clause_dyads``) stand in where no event names a known actor."""
    score = PetrarchScore()
    records = list(records)
    for record, mentions, clause in zip(records, coded, clauses if clauses is not None else [()] * len(records), strict=True):
        score.add(record, predicted_codings(mentions), clause)
    return score
