"""Merge event mentions that report the same real-world event into one event.

Two mentions may merge when they share an anchor actor (the same source or target;
a bare role such as "civilians" or "a gunman" with no country anchors nothing),
their other actors do not conflict (a bare role conflicts with no one; "Cheeks" fits
"Maurice Cheeks"), their action class matches (all violence together, else the same
CAMEO root), their dates overlap within the precision of each (or one is an undated
later report of a named person's killing: people die once), and their places lie in
the same country. A mention joins a cluster only if it fits every member (complete
link), so chains of near-misses never snowball.

Then the groups whose articles share rare names (the victim, the street, the
neighbourhood: ``crisislens.linking``) are linked where ``events_compatible`` allows:
the same checks across every pair of mentions, and the groups' own date windows.
Mentions are visited in a canonical order and groups linked best pair first, so the
result does not depend on the order articles were ingested in.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from itertools import chain

from crisislens.linking import NameEvidence, article_names, link_clusters
from crisislens.mentions.acled import most_specific
from crisislens.models import VIOLENT_ROOTS, ActorRef, Claim, Event, EventMention, Place, TimeValue, stable_hash

DAY_SLACK = timedelta(days=1)
UNDATED_WINDOW = timedelta(days=14)
UNDATED_SLACK = timedelta(days=3)
KILLING_WORDS = ("kill", "assassinat", "slay", "slain", "murder")
PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}
PLACE_ORDER = {"landmark": 0, "city": 1, "region": 2, "country": 3}
ACTOR_TYPE_ORDER = {"person": 0, "organization": 1, "group": 2, "country": 3}


def action_class(mention: EventMention) -> str:
    root = mention.cameo[:2]
    return "violence" if root in VIOLENT_ROOTS else root


def date_interval(time: TimeValue) -> tuple[date, date]:
    start = time.value
    assert start is not None
    if time.precision == "week":
        return start, start + timedelta(days=6)
    if time.precision == "month":
        return start, start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if time.precision == "year":
        return start, start.replace(month=12, day=31)
    return start - DAY_SLACK, start + DAY_SLACK


def _dated(mention: EventMention) -> TimeValue | None:
    time = mention.time
    return time if time is not None and time.value is not None else None


def dates_compatible(a: EventMention, b: EventMention) -> bool:
    ta, tb = _dated(a), _dated(b)
    if ta and tb:
        (a0, a1), (b0, b1) = date_interval(ta), date_interval(tb)
        return a0 <= b1 and b0 <= a1
    if ta or tb:
        known, other = (ta, b) if ta else (tb, a)
        assert known is not None and known.value is not None
        return other.published is not None and known.value <= other.published <= known.value + UNDATED_WINDOW
    return a.published is not None and b.published is not None and abs(a.published - b.published) <= UNDATED_SLACK


def _one_death(a: EventMention, b: EventMention) -> bool:
    """A named person is killed once: a later, undated report of their killing is that killing."""
    if not (_is_killing(a) and _is_killing(b) and _same_actor(a.target, b.target)):
        return False
    assert a.target is not None
    if a.target.type != "person":
        return False
    ta, tb = _dated(a), _dated(b)
    if ta and tb:
        return False
    if ta or tb:
        known, other = (ta, b) if ta else (tb, a)
        assert known is not None and known.value is not None
        return other.published is not None and known.value <= other.published
    return True


def _is_killing(mention: EventMention) -> bool:
    return mention.trigger.lower().startswith(KILLING_WORDS)


def _same_actor(x: ActorRef | None, y: ActorRef | None) -> bool:
    return x is not None and y is not None and x.actor_id == y.actor_id


def _same_anchor(x: ActorRef | None, y: ActorRef | None) -> bool:
    return _same_actor(x, y) and x is not None and not _is_generic(x)


def actors_compatible(x: ActorRef | None, y: ActorRef | None, *, persons_stand_for_country: bool) -> bool:
    if x is None or y is None or x.actor_id == y.actor_id or _is_generic(x) or _is_generic(y):
        return True  # "civilians" or "a gunman" may be anyone, a named victim included
    if x.type == y.type and x.type != "country" and _name_within(x.name, y.name):
        return True  # "Cheeks" in one report, "Maurice Cheeks" in another
    if not persons_stand_for_country and "person" in (x.type, y.type):
        return False
    # "Washington", "the US military" and a US official all act for one country;
    # but a person attacked is not the same target as their country.
    return x.country is not None and x.country == y.country and "country" in (x.type, y.type)


def _name_within(a: str, b: str) -> bool:
    """One name's words all in the other ("Cheeks" / "Maurice Cheeks")."""
    words_a, words_b = set(a.lower().split()), set(b.lower().split())
    return bool(words_a) and bool(words_b) and (words_a <= words_b or words_b <= words_a)


def places_compatible(a: Place | None, b: Place | None) -> bool:
    return a is None or b is None or a.country is None or b.country is None or a.country == b.country


def mentions_compatible(a: EventMention, b: EventMention) -> bool:
    """True when ``a`` and ``b`` may report one event."""
    return (
        action_class(a) == action_class(b)
        and a.negated == b.negated
        and a.hypothetical == b.hypothetical
        and (_same_anchor(a.source, b.source) or _same_anchor(a.target, b.target))
        and actors_compatible(a.source, b.source, persons_stand_for_country=True)
        and actors_compatible(a.target, b.target, persons_stand_for_country=False)
        and (dates_compatible(a, b) or _one_death(a, b))
        and places_compatible(a.place, b.place)
    )


def _is_generic(actor: ActorRef) -> bool:
    """A bare role with no country ("civilians", "police", "gunmen"): it names no particular actor."""
    return actor.country is None and actor.role is not None and actor.actor_id == actor.role


def _anchors(mention: EventMention) -> list[str]:
    return [f"{role}:{actor.actor_id}" for role, actor in (("s", mention.source), ("t", mention.target)) if actor and not _is_generic(actor)]


def _canonical_order(mention: EventMention) -> tuple[bool, date, date, str]:
    time = _dated(mention)
    return (time is None, time.value if time else date.max, mention.published or date.max, mention.mention_id)


def _seed_clusters(mentions: Iterable[EventMention]) -> list[list[EventMention]]:
    """Mentions sharing an anchor actor, each joining the first cluster it fits entirely (complete link)."""
    clusters: list[list[EventMention]] = []
    by_anchor: dict[str, list[int]] = {}
    for mention in sorted(mentions, key=_canonical_order):
        candidates = sorted({i for anchor in _anchors(mention) for i in by_anchor.get(anchor, ())})
        home = next((i for i in candidates if all(mentions_compatible(mention, m) for m in clusters[i])), None)
        if home is None:
            home = len(clusters)
            clusters.append([])
        clusters[home].append(mention)
        for anchor in _anchors(mention):
            if home not in by_anchor.setdefault(anchor, []):
                by_anchor[anchor].append(home)
    return clusters


def _time_window(cluster: Sequence[EventMention]) -> tuple[date, date] | None:
    """The days every dated mention of ``cluster`` allows (None: no mention is dated)."""
    intervals = [date_interval(t) for m in cluster if (t := _dated(m)) is not None]
    if not intervals:
        return None
    return max(i[0] for i in intervals), min(i[1] for i in intervals)


def _first_report(cluster: Sequence[EventMention]) -> date | None:
    return min((m.published for m in cluster if m.published is not None), default=None)


def events_compatible(a: Sequence[EventMention], b: Sequence[EventMention]) -> bool:
    """True when two clusters may be one event.

    Every pair across them must agree on action class, negation, actors and places; dates are
    compared as the clusters' own windows: both dated, the windows overlap; one dated, the other
    was first reported on or after its start and within ``UNDATED_WINDOW`` of its end; neither
    dated, their first reports lie within three days.
    """
    for x in a:
        for y in b:
            if not (
                action_class(x) == action_class(y)
                and x.negated == y.negated
                and x.hypothetical == y.hypothetical
                and actors_compatible(x.source, y.source, persons_stand_for_country=True)
                and actors_compatible(x.target, y.target, persons_stand_for_country=False)
                and places_compatible(x.place, y.place)
            ):
                return False
    window_a, window_b = _time_window(a), _time_window(b)
    if window_a and window_b:
        start, end = max(window_a[0], window_b[0]), min(window_a[1], window_b[1])
        return start <= end
    first_a, first_b = _first_report(a), _first_report(b)
    if window_a or window_b:
        window, first = (window_a, first_b) if window_a else (window_b, first_a)
        assert window is not None
        return first is not None and window[0] <= first <= window[1] + UNDATED_WINDOW
    return first_a is not None and first_b is not None and abs(first_a - first_b) <= UNDATED_SLACK


def cluster_mentions(
    mentions: Iterable[EventMention], *, link_by_names: bool = True, context: Iterable[tuple[str, str]] = ()
) -> list[list[EventMention]]:
    """Group mentions of the same event.

    First mentions sharing an anchor actor are grouped (complete link, canonical order); then,
    unless ``link_by_names`` is off, groups whose articles share rare names are linked where
    ``events_compatible`` allows (``crisislens.linking``). An article's names come from its
    mentions' sentences and from ``context``: more ``(article id, sentence)`` pairs of the same
    articles (the store passes every sentence). ``mentions`` is read in full before ``context``.
    The result depends only on the sets, not their order.
    """
    pool = list(mentions)
    clusters = _seed_clusters(pool)
    if not link_by_names:
        return clusters
    articles = {m.span.article_id for m in pool}
    reporting = ((m.span.article_id, m.span.sentence) for m in pool)
    names = article_names(chain(reporting, context), articles)
    evidence = NameEvidence(names)
    return link_clusters(clusters, lambda m: m.span.article_id, evidence, events_compatible, kind_of=action_class)


def _most_common_actor(actors: Sequence[ActorRef | None]) -> ActorRef | None:
    present = [a for a in actors if a is not None]
    if not present:
        return None
    counts = Counter(a.actor_id for a in present)
    best = min(present, key=lambda a: (-counts[a.actor_id], ACTOR_TYPE_ORDER.get(a.type, 9), a.actor_id))
    return best


def _event_time(mentions: Sequence[EventMention]) -> TimeValue | None:
    """The most precise date most reports agree on; ties go to the report nearest the event."""
    dated = [(m, t) for m in mentions if (t := _dated(m)) is not None]
    if not dated:
        return None
    finest = min(PRECISION_ORDER.get(t.precision or "year", 3) for _, t in dated)
    candidates = [(m, t) for m, t in dated if PRECISION_ORDER.get(t.precision or "year", 3) == finest]
    votes = Counter(t.value for _, t in candidates)

    def rank(item: tuple[EventMention, TimeValue]) -> tuple[int, int, str]:
        mention, time = item
        assert time.value is not None
        gap = abs((mention.published - time.value).days) if mention.published else 10_000
        return (-votes[time.value], gap, mention.mention_id)

    return min(candidates, key=rank)[1]


def _event_place(mentions: Sequence[EventMention]) -> Place | None:
    places = [m.place for m in mentions if m.place is not None]
    if not places:
        return None
    counts = Counter(p.name for p in places)
    return min(places, key=lambda p: (PLACE_ORDER.get(p.precision, 9), -counts[p.name], p.name))


def _per_article_counts(mentions: Sequence[EventMention], field: str) -> list[int]:
    """One count per article: its tally of the whole article where it has one, else its largest."""
    best: dict[str, int] = {}
    tallied: set[str] = set()
    for mention in sorted(mentions, key=lambda m: m.count_rule is None):
        value = getattr(mention, field)
        article = mention.span.article_id
        if mention.count_rule is not None:
            tallied.add(article)
            if value is not None:
                best[article] = max(value, best.get(article, value))
        elif value is not None and article not in tallied:
            best[article] = max(value, best.get(article, value))
    return [best[article] for article in sorted(best)]


def _claims(mentions: Sequence[EventMention]) -> tuple[Claim, ...]:
    """Every article's figures by source, side by side."""
    claims = {(c.article_id, c.source, c.killed, c.injured): c for m in mentions for c in m.claims}
    return tuple(sorted(claims.values(), key=lambda c: (c.article_id, c.sentences, c.source or "")))


def _casualty_rule(mentions: Sequence[EventMention], killed: Sequence[int], injured: Sequence[int]) -> str | None:
    """How fatalities and injured were chosen: within each article, then across articles."""
    if not killed and not injured:
        return None
    rules = sorted({m.count_rule for m in mentions if m.count_rule})
    within = "; ".join(rules) if rules else "each article's largest count"
    articles = max(len(killed), len(injured))
    return within if articles < 2 else f"{within}; then the lowest of {articles} articles' figures (ACLED's conservative rule)"


def build_event(mentions: Sequence[EventMention]) -> Event:
    """One event from its mentions; conflicting values are resolved by the rules below."""
    codes = Counter(m.cameo for m in mentions)
    lead = min(mentions, key=lambda m: (-codes[m.cameo], m.mention_id))
    time = _event_time(mentions)
    killed = _per_article_counts(mentions, "fatalities")
    injured = _per_article_counts(mentions, "injured")
    published = [m.published for m in mentions if m.published is not None]
    reporters = sorted({m.reported_by for m in mentions if m.reported_by})
    return Event(
        event_id=stable_hash(min(m.mention_id for m in mentions)),
        date=time.value if time else None,
        date_precision=time.precision if time else None,
        date_text=time.text if time else None,
        source_actor=_most_common_actor([m.source for m in mentions]),
        target_actor=_most_common_actor([m.target for m in mentions]),
        cameo=lead.cameo,
        quad_class=lead.quad_class,
        goldstein=lead.goldstein,
        plover=lead.plover,
        acled_type=most_specific(m.acled_type for m in mentions),
        location=_event_place(mentions),
        # ACLED's rule: the most conservative count any article gives.
        fatalities=min(killed) if killed else None,
        injured=min(injured) if injured else None,
        reported_by=tuple(reporters),
        negated=lead.negated,
        hypothetical=lead.hypothetical,
        mentions=tuple(sorted((m.span for m in mentions), key=lambda s: (s.article_id, s.sentence_index))),
        num_articles=len({m.span.article_id for m in mentions}),
        first_reported=min(published) if published else None,
        last_reported=max(published) if published else None,
        fatalities_reported=tuple(killed),
        claims=_claims(mentions),
        casualty_rule=_casualty_rule(mentions, killed, injured),
    )


def merge_mentions(mentions: Iterable[EventMention]) -> list[Event]:
    """Events from mentions, each real-world event once.

    Example: ``merge_mentions(pipeline_mentions)`` gives one ``Event`` per strike,
    however many articles report it, with ``num_articles`` counting them.
    """
    return [build_event(cluster) for cluster in cluster_mentions(mentions)]

