"""crisislens's own actor-resolution set: does a mention in a short text resolve to the right actor?

Each line of the JSON Lines file is one case written for this project (real actors, our own
sentences): ``{"id", "category", "text", "mention", "expect"}``. ``mention`` is looked up at
its last occurrence in ``text`` (so "Abiy" in "Abiy Ahmed flew … Abiy said" is the second),
and the actor found there must meet every key of ``expect``:

* ``actor``: the actor id ("RUSGOV_PUTIN"); ``country`` and ``role``: the ISO-3 code and the
  CAMEO agent (``role`` may list the acceptable ones); ``unknown``: a named actor no knowledge
  file holds (an ``X_`` id); ``none``: no actor there ("marched in Tehran");
* ``same_as``: the same actor as the first occurrence of that text ("Abiy" and "Abiy Ahmed");
* ``any_ref``: the keys may be met by any of the actors the mention stands for
  ("Hungarian and Romanian officials").

The bundled set (``data/actor_resolution.jsonl``) covers spelling variants, titles, metonyms,
abbreviations, agents with countries, coreference by short forms, unknown names and
conjoined actors; ``score_cases`` gives the accuracy overall and per category.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from crisislens.actors import UNKNOWN_PREFIX, ActorMatch, ActorResolver, ArticleMemory
from crisislens.errors import CrisislensError
from crisislens.evaluate.metrics import share
from crisislens.knowledge.load import Knowledge
from crisislens.models import ActorRef
from crisislens.nlp.build import build_nlp

EXPECT_KEYS = frozenset({"actor", "country", "role", "unknown", "none", "same_as", "any_ref"})


@dataclass(frozen=True, slots=True)
class ActorCase:
    case_id: str
    category: str
    text: str
    mention: str
    expect: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class FoundActor:
    """An actor match as character offsets in the case text."""

    start: int
    end: int
    refs: tuple[ActorRef, ...]


@dataclass(slots=True)
class ActorScore:
    """Correct cases overall and per category, and the ids of the cases missed."""

    per_category: dict[str, list[int]] = field(default_factory=dict)  # category -> [correct, n]
    missed: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return sum(n for _, n in self.per_category.values())

    @property
    def accuracy(self) -> float:
        return share(sum(c for c, _ in self.per_category.values()), self.n)

    def add(self, case: ActorCase, correct: bool) -> None:
        counts = self.per_category.setdefault(case.category, [0, 0])
        counts[0] += correct
        counts[1] += 1
        if not correct:
            self.missed.append(case.case_id)

    def as_json(self) -> dict[str, object]:
        return {
            "n": self.n,
            "accuracy": round(self.accuracy, 4),
            "per_category": {name: {"n": n, "accuracy": round(c / n, 4)} for name, (c, n) in sorted(self.per_category.items())},
            "missed": self.missed,
        }


def bundled_cases_path() -> Path:
    return Path(str(resources.files("crisislens.evaluate") / "data" / "actor_resolution.jsonl"))


def load_cases(path: str | Path | None = None) -> list[ActorCase]:
    """The cases of a JSON Lines file (default: the bundled set); errors name the line."""
    path = Path(path) if path is not None else bundled_cases_path()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise CrisislensError(f"{path}: cannot read: {error.strerror}") from error
    cases = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise CrisislensError(f"{where}: invalid JSON: {error.msg}") from error
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("text", "mention")):
            raise CrisislensError(f"{where}: a case needs 'text' and 'mention' strings")
        expect = item.get("expect")
        if not isinstance(expect, dict) or not expect or not set(expect) <= EXPECT_KEYS:
            raise CrisislensError(f"{where}: 'expect' must be an object with keys among {sorted(EXPECT_KEYS)}")
        if item["mention"] not in item["text"]:
            raise CrisislensError(f"{where}: the mention {item['mention']!r} is not in the text")
        cases.append(ActorCase(str(item.get("id") or f"#{number}"), str(item.get("category") or "other"), item["text"], item["mention"], expect))
    if not cases:
        raise CrisislensError(f"{path}: no cases")
    return cases


def find_actors(cases: Sequence[ActorCase], knowledge: Knowledge) -> list[list[FoundActor]]:
    """The actors crisislens finds in each case's text, one article per case."""
    nlp = build_nlp()
    resolver = ActorResolver(knowledge, nlp.vocab)
    found = []
    for doc in nlp.pipe(case.text for case in cases):
        memory = ArticleMemory()
        matches: list[ActorMatch] = [m for sentence in doc.sents for m in resolver.find(sentence, memory)]
        found.append([FoundActor(doc[m.start : m.end].start_char, doc[m.start : m.end].end_char, m.refs) for m in matches])
    return found


def _at(found: Sequence[FoundActor], start: int, end: int) -> FoundActor | None:
    return next((f for f in found if f.start < end and start < f.end), None)


def _meets(ref: ActorRef, expect: Mapping[str, object]) -> bool:
    roles = expect.get("role")
    checks = (
        "actor" not in expect or ref.actor_id == expect["actor"],
        "country" not in expect or (ref.country or ref.actor_id if ref.type == "country" else ref.country) == expect["country"],
        roles is None or ref.role in (roles if isinstance(roles, list) else [roles]),
        not expect.get("unknown") or ref.actor_id.startswith(UNKNOWN_PREFIX),
    )
    return all(checks)


def is_correct(case: ActorCase, found: Sequence[FoundActor]) -> bool:
    """Whether the actor found at the case's mention meets everything the case expects."""
    start = case.text.rfind(case.mention)
    actor = _at(found, start, start + len(case.mention))
    if case.expect.get("none"):
        return actor is None
    if actor is None:
        return False
    same_as = case.expect.get("same_as")
    if isinstance(same_as, str):
        first = case.text.find(same_as)
        other = _at(found, first, first + len(same_as))
        if other is None or other is actor or other.refs[0].actor_id != actor.refs[0].actor_id:
            return False
    refs = actor.refs if case.expect.get("any_ref") else actor.refs[:1]
    return any(_meets(ref, case.expect) for ref in refs)


def score_cases(cases: Iterable[ActorCase], found: Iterable[Sequence[FoundActor]]) -> ActorScore:
    score = ActorScore()
    for case, actors in zip(cases, found, strict=True):
        score.add(case, is_correct(case, actors))
    return score
