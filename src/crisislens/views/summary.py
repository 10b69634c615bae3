"""A timeline summary: the few dated events of a topic that matter most, in date order.

An event's importance adds three things, each scaled to about 0…1:

- coverage: how many articles report it, ``log(1 + articles) / log(1 + most articles)``;
- severity: people killed, ``log(1 + killed) / log(1 + most killed)``, and how far its CAMEO
  code's Goldstein score is from neutral, ``|goldstein| / 10`` (a war and a peace treaty both matter);
- actor prominence: the mean, over its source and target, of the share of the topic's events
  that actor takes part in, relative to the busiest actor.

Coverage counts twice (editors' judgement of what matters is the strongest signal there is);
the rest once. Ties go to the earlier event, then the event id, so the summary is stable.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

from crisislens.models import Event

COVERAGE_WEIGHT = 2.0


def actor_prominence(events: Sequence[Event]) -> dict[str, float]:
    """Each actor's share of ``events`` (as source or target), relative to the busiest actor (0…1)."""
    counts = Counter(actor.actor_id for e in events for actor in {a.actor_id: a for a in (e.source_actor, e.target_actor) if a}.values())
    busiest = max(counts.values(), default=0)
    return {actor: count / busiest for actor, count in counts.items()} if busiest else {}


def importance(event: Event, prominence: Mapping[str, float], most_articles: int, most_killed: int) -> float:
    """How much ``event`` matters among its topic's events (see the module docstring)."""
    coverage = math.log1p(event.num_articles) / math.log1p(most_articles) if most_articles > 0 else 0.0
    killed = math.log1p(event.fatalities or 0) / math.log1p(most_killed) if most_killed > 0 else 0.0
    tone = abs(event.goldstein) / 10
    actors = [a.actor_id for a in (event.source_actor, event.target_actor) if a is not None]
    prominent = sum(prominence.get(a, 0.0) for a in actors) / 2
    return COVERAGE_WEIGHT * coverage + killed + tone + prominent


def summarize(events: Sequence[Event], top: int) -> list[tuple[Event, float]]:
    """The ``top`` most important dated events of ``events`` with their importance, in date order."""
    dated = [e for e in events if e.date is not None]
    prominence = actor_prominence(dated)
    most_articles = max((e.num_articles for e in dated), default=0)
    most_killed = max((e.fatalities or 0 for e in dated), default=0)
    scored = [(e, importance(e, prominence, most_articles, most_killed)) for e in dated]
    chosen = sorted(scored, key=lambda pair: (-pair[1], pair[0].date, pair[0].event_id))[:top]
    return sorted(chosen, key=lambda pair: (pair[0].date, pair[0].event_id))
