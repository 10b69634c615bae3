"""One article's killed and injured figures for the event it leads with, from all its sentences.

A report tells its dead more than once: the lead sentence ("a man was killed and two others
wounded") and later detail sentences ("Burton, 17, was shot in the head and died") describe
the same victims. The tally never adds those up:

* killed: the largest figure any sentence gives, or the number of distinct named dead if that
  is larger; a sentence that updates the figure ("the toll rose to 7", "have now been
  diagnosed") replaces what came before it. An attacker who killed himself counts once more.
* injured: the largest figure said outright, or the victims hit (the largest total, or the
  distinct named victims) less the killed, whichever is larger ("six people were shot, one
  fatally": 5 injured). Victims told hurt only where no dead are counted, no more of them than the dead
  ("an injured child", "they found the father and two children wounded"), in a story that counts its dead
  elsewhere ("the child died at the hospital"), are the dead victims; one told as more than the dead ("a
  woman was also shot") is not.
* a person goes by several names ("Darren Burton", "Burton"): named victims are counted by their
  fullest names, so family members who share a surname count apart. A name that is part of one full name the
  article gives a person ("Michael" and "Cattron" of "Michael Cattron") is that person's.
* claims: the same tally per source ("police said", "state television claimed"). When a
  source *claims* a figure and another source gives a lower one (Tehran's 80 dead against
  "no Americans were harmed"), the claims are contested and the lowest figure is chosen,
  as ACLED codes contested fatalities; the claims are kept side by side on the mention.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from crisislens.mentions.casualties import CasualtyReading
from crisislens.models import Claim

FULLEST_RULE = "the article's fullest count, the same victims counted once (a later toll replaces)"
CONTESTED_RULE = "contested claims: the lowest figure any source gives (ACLED's conservative rule)"


@dataclass(frozen=True, slots=True)
class SentenceCount:
    """What one sentence of the article says about the event's victims, and who says it."""

    sentence: int
    reading: CasualtyReading
    source: str | None = None
    claimed: bool = False


@dataclass(frozen=True, slots=True)
class Tally:
    killed: int | None
    injured: int | None
    rule: str | None
    claims: tuple[Claim, ...]


def _combine(values: Iterable[tuple[int, bool]]) -> int | None:
    """The largest figure, except that an update replaces the figures before it."""
    result: int | None = None
    for value, update in values:
        result = value if update or result is None else max(result, value)
    return result


def _figures(counts: Sequence[SentenceCount], people: frozenset[str]) -> tuple[int | None, int | None]:
    readings = [c.reading for c in counts]
    killed = _combine((r.killed, r.update) for r in readings if r.killed is not None)
    named_dead = _as_full_names(frozenset().union(*(r.named_killed for r in readings)), people)
    if named_dead:
        killed = max(killed or 0, _people(named_dead))
    self_killed = any(r.self_killed for r in readings)
    victims = max((r.victims for r in readings if r.victims is not None), default=None)
    named = _as_full_names(frozenset().union(*(r.named_hurt for r in readings)), people)
    if named and not _only_the_dead(readings, killed):
        victims = max(victims or 0, _people(named))
    injured = _combine((r.injured, r.update) for r in readings if r.injured is not None)
    if victims is not None and victims > (killed or 0):
        injured = max(injured or 0, victims - (killed or 0))
    if (killed and injured is not None and injured <= killed and (victims or 0) <= killed
            and all(r.killed is None and not r.others_hurt for r in readings if r.injured is not None)):
        injured = None  # "an injured child" in one sentence, "the child died" in another: the dead victims, once
    if killed is None and self_killed:
        killed = 0
    return (killed + self_killed if killed is not None else None), injured


def _as_full_names(names: frozenset[str], people: frozenset[str]) -> frozenset[str]:
    """Each name as the one full name in ``people`` it is part of ("michael", "cattron": "michael cattron"); a
    name part of none, or of two ("williams": "amiracle williams", "demetrius williams"), as written."""
    result = set()
    for name in names:
        words = set(name.split())
        fuller = [person for person in people if words < set(person.split())]
        result.add(fuller[0] if len(fuller) == 1 else name)
    return frozenset(result)


def _people(names: frozenset[str]) -> int:
    """How many people ``names`` name at least: a name within a longer one is that person's ("burton", "darren burton"),
    one surname within two full names one of theirs ("williams": "amiracle williams", "demetrius williams")."""
    return sum(not any(set(name.split()) < set(other.split()) for other in names) for name in names)


def _only_the_dead(readings: Sequence[CasualtyReading], killed: int | None) -> bool:
    """No sentence tells of anyone hit besides the dead: the victims named here and there ("the infant, Rasheem
    Scriven, was shot", "Marcus died") are the dead, however many names they go by."""
    return bool(killed) and all(
        r.injured is None and not r.others_hurt and (r.victims or 0) <= (killed or 0) for r in readings
    )


def tally(article_id: str, counts: Sequence[SentenceCount], people: frozenset[str] = frozenset()) -> Tally:
    """The article's figures for its lead event from the sentences that tell of it (see the module doc).

    ``people``: the full names (lower-cased) the article gives persons, wherever it gives them."""
    counts = [c for c in counts if not c.reading.aggregate and not c.reading.empty]
    if not counts:
        return Tally(None, None, None, ())
    sources: dict[str | None, list[SentenceCount]] = {}
    for count in counts:
        sources.setdefault(count.source, []).append(count)
    claims = []
    for source, told in sources.items():
        killed, injured = _figures(told, people)
        claims.append(Claim(source, killed, injured, article_id, tuple(sorted({c.sentence for c in told})), any(c.claimed for c in told)))
    killed, injured = _figures(counts, people)
    if _contested(claims):
        killed = min((c.killed for c in claims if c.killed is not None), default=None)
        injured = min((c.injured for c in claims if c.injured is not None), default=None)
        rule = CONTESTED_RULE
    else:
        rule = FULLEST_RULE
    return Tally(killed, injured, rule, tuple(claims))


def _contested(claims: Sequence[Claim]) -> bool:
    """A claimed figure that another source puts lower."""
    for claim in claims:
        if not claim.claimed:
            continue
        for other in claims:
            if other is claim or other.source == claim.source:
                continue
            for mine, theirs in ((claim.killed, other.killed), (claim.injured, other.injured)):
                if mine is not None and theirs is not None and theirs < mine:
                    return True
    return False
