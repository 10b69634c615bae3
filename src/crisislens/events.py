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
the same checks across every pair of mentions (two named victims both named in each
other's reports do not conflict), and the groups' own date windows. A bare mention (no
date, place or actor) links only where its own article's story could be: never to an
event in, or against, another country than that story's.
Mentions are visited in a canonical order and groups linked best pair first, so the
result does not depend on the order articles were ingested in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import chain

from crisislens.linking import GENERIC_WORDS, NameEvidence, article_names, link_clusters
from crisislens.mentions.acled import most_specific
from crisislens.mentions.time import period
from crisislens.models import OUTLET_ORIGIN, VIOLENT_ROOTS, ActorRef, Claim, Event, EventMention, Place, TimeValue, stable_hash

DAY_SLACK = timedelta(days=1)
UNDATED_WINDOW = timedelta(days=14)
UNDATED_SLACK = timedelta(days=3)
# Linking by shared rare names (scores of ``crisislens.linking``; tuned on the GVA development half):
LINK_THRESHOLD = 4.0  # weaker evidence is never looked at
NAMES_ALONE = 8.0  # below this, the two groups must also be dated alike and placed in one town
FOLLOW_UP_NAMES = 16.0  # from this, a story and its follow-up: undated reports may come FOLLOW_UP_WINDOW later
FOLLOW_UP_WINDOW = timedelta(days=30)
FOLLOW_UP_GAP = timedelta(days=7)  # from NAMES_ALONE, in one town: dates may be this far apart (a follow-up dated by its own report)
VERDICTS_KEPT = 65_536  # verdicts of ``events_compatible`` kept while linking: repeats come close together
KILLING_WORDS = ("kill", "assassinat", "slay", "slain", "murder")
PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}
PLACE_ORDER = {"landmark": 0, "city": 1, "region": 2, "country": 3}
ACTOR_TYPE_ORDER = {"person": 0, "organization": 1, "group": 2, "country": 3}


def action_class(mention: EventMention) -> str:
    root = mention.cameo[:2]
    return "violence" if root in VIOLENT_ROOTS else root


def date_interval(time: TimeValue) -> tuple[date, date]:
    """The days an event dated by ``time`` may have taken place: its period, a day widened by ``DAY_SLACK`` either side
    (reports of one night split it over two days)."""
    start, end = period(time)
    if time.precision == "day":
        return start - DAY_SLACK, end + DAY_SLACK
    return start, end


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
    if (x.type == y.type or (x.country is None and y.country is None)) and x.type != "country" and _name_within(x.name, y.name):
        # "Cheeks" in one report, "Maurice Cheeks" in another; a local name the tagger takes for a person
        # in one report and for an organisation in another is one name.
        return True
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
        # An undated report is of the latest event it fits (clusters are created in date order).
        candidates = sorted({i for anchor in _anchors(mention) for i in by_anchor.get(anchor, ())}, reverse=_dated(mention) is None)
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


def _names_reported(cluster: Sequence[EventMention], reported: Mapping[str, Set[str]] | None) -> Set[str]:
    """Every name the articles of ``cluster`` mention (``crisislens.linking.article_names``)."""
    if not reported:
        return frozenset()
    return frozenset().union(*(reported.get(article, frozenset()) for article in {m.span.article_id for m in cluster}))


def _co_reported(x: ActorRef | None, y: ActorRef | None, named_in_a: Set[str], named_in_b: Set[str]) -> bool:
    """Two named people, or two local names of no country (a victim, a bar, a street taken for an actor), each
    also named in the other side's reports: two victims (or shooters, or places) of one incident."""
    if x is None or y is None or not (x.type == y.type == "person" or (x.country is None and y.country is None)):
        return False
    words_x, words_y = _name_words(x), _name_words(y)
    return bool(words_x) and bool(words_y) and words_x <= named_in_b and words_y <= named_in_a


def _both_local(x: ActorRef | None, y: ActorRef | None) -> bool:
    """Two actors of no country: local people or places, not a state or its forces."""
    return x is not None and y is not None and x.country is None and y.country is None


def _name_words(actor: ActorRef) -> frozenset[str]:
    """How ``actor`` shows among an article's names: a person by surname, anything else by each particular word."""
    if actor.type == "person":
        return frozenset({_surname(actor)} - {""})
    return frozenset(word.strip(".,'’\"").lower() for word in actor.name.split()) - GENERIC_WORDS - {""}


def _surname(actor: ActorRef) -> str:
    return actor.name.lower().split()[-1] if actor.name.strip() else ""


def _featureless(cluster: Sequence[EventMention]) -> bool:
    """No mention of ``cluster`` says when, where or who (a bare "shots were fired")."""
    return not any(_dated(m) or m.place or _anchors(m) for m in cluster)


def _other_countries(a: ClusterFacts, b: ClusterFacts) -> bool:
    """Some mention of ``a`` happens in, or is aimed at, another country than one of ``b``."""
    def differ(x: Set[str], y: Set[str]) -> bool:
        return bool(x) and bool(y) and not (len(x) == 1 and x == y)  # some country of x is not some country of y

    return differ(a.place_countries, b.place_countries) or differ(a.target_countries, b.target_countries)


def _within_reach(a: ClusterFacts, b: ClusterFacts) -> bool:
    """Some mentions of ``a`` and ``b`` share a merge block (their days in ``merge_block``)."""
    return any(x[0] <= y[1] and y[0] <= x[1] for x in a.days for y in b.days)


@dataclass(frozen=True, slots=True)
class ClusterFacts:
    """What the rules between two clusters read of each one, computed once per cluster, not per pair."""

    named: Set[str]  # every name its articles mention (``_names_reported``)
    window: tuple[date, date] | None  # ``_time_window``
    first: date | None  # ``_first_report``
    towns: Set[str]  # ``_towns``
    articles: Set[str]
    featureless: bool
    place_countries: Set[str]
    target_countries: Set[str]
    days: tuple[tuple[date, date], ...]  # each mention's days in ``merge_block``
    # Each different (action class, negated, hypothetical, source, target, place) of its mentions: what two clusters' mentions must agree on.
    profiles: tuple[tuple[str, bool, bool, ActorRef | None, ActorRef | None, Place | None], ...]

    @classmethod
    def of(cls, cluster: Sequence[EventMention], reported: Mapping[str, Set[str]] | None, reach: Mapping[str, tuple[date, date]]) -> ClusterFacts:
        """``reported``: each article's names; ``reach``: each mention's days in ``merge_block``."""
        return cls(
            named=_names_reported(cluster, reported),
            window=_time_window(cluster),
            first=_first_report(cluster),
            towns=frozenset(_towns(cluster)),
            articles=frozenset(m.span.article_id for m in cluster),
            featureless=_featureless(cluster),
            place_countries=frozenset(m.place.country for m in cluster if m.place and m.place.country is not None),
            target_countries=frozenset(m.target.country for m in cluster if m.target and m.target.country is not None),
            days=tuple(reach[m.mention_id] for m in cluster),
            profiles=tuple(dict.fromkeys((action_class(m), m.negated, m.hypothetical, m.source, m.target, m.place) for m in cluster)),
        )


class _FactsOfClusters:
    """``ClusterFacts`` of the clusters being linked, each recomputed only after its cluster grew
    (``link_clusters`` only ever extends a cluster, so its identity and length tell its state), and a number for
    each different value: clusters of equal facts are alike to every rule between clusters."""

    def __init__(self, reported: Mapping[str, Set[str]] | None, reach: Mapping[str, tuple[date, date]]) -> None:
        self.reported, self.reach = reported, reach
        self._known: dict[int, tuple[Sequence[EventMention], int, ClusterFacts, int]] = {}
        self._numbers: dict[ClusterFacts, int] = {}

    def __call__(self, cluster: Sequence[EventMention]) -> ClusterFacts:
        return self.numbered(cluster)[0]

    def numbered(self, cluster: Sequence[EventMention]) -> tuple[ClusterFacts, int]:
        """The facts of ``cluster`` and their number."""
        known = self._known.get(id(cluster))
        if known is not None and known[0] is cluster and known[1] == len(cluster):
            return known[2], known[3]
        facts = ClusterFacts.of(cluster, self.reported, self.reach)
        number = self._numbers.setdefault(facts, len(self._numbers))
        self._known[id(cluster)] = (cluster, len(cluster), facts, number)  # the reference kept: no other list reuses the id
        return facts, number


def _towns(cluster: Sequence[EventMention]) -> set[str]:
    """The towns and landmarks ``cluster`` is placed in, by name."""
    return {m.place.name for m in cluster if m.place is not None and PLACE_ORDER.get(m.place.precision, 9) <= PLACE_ORDER["city"]}


def _towns_agree(towns_a: Set[str], towns_b: Set[str], named_in_a: Set[str], named_in_b: Set[str]) -> bool:
    """The clusters are placed in one town (``_towns``), or one in no town while its articles name the other's town.

    ("Davie police say …" places nothing, yet tells of the same town as a shooting placed in Davie.)
    """
    if towns_a & towns_b:
        return True
    return (not towns_a and _town_named(towns_b, named_in_a)) or (not towns_b and _town_named(towns_a, named_in_b))


def _town_named(towns: Set[str], names: Set[str]) -> bool:
    """Some town of ``towns`` is among ``names`` (every word of its name)."""
    return any(all(word in names for word in town.lower().split()) for town in towns)


def _towns_apart(facts_a: ClusterFacts, facts_b: ClusterFacts) -> bool:
    """Both clusters placed in towns, none shared, and neither side's articles name a town of the other: two local
    stories (a police bureau's page of its town's incidents does not name the town of another state's shooting)."""
    towns_a, towns_b = facts_a.towns, facts_b.towns
    return (
        bool(towns_a) and bool(towns_b) and not towns_a & towns_b
        and not _town_named(towns_a, facts_b.named) and not _town_named(towns_b, facts_a.named)
    )  # fmt: skip


def _dated_alike(window_a: tuple[date, date] | None, window_b: tuple[date, date] | None, first_a: date | None, first_b: date | None) -> bool:
    """Both groups dated, or one dated and the other first reported within ``UNDATED_SLACK`` of its window's end."""
    if window_a and window_b:
        return True
    if not (window_a or window_b):
        return False
    window, first = (window_a, first_b) if window_a else (window_b, first_a)
    assert window is not None
    return first is not None and window[0] <= first <= window[1] + UNDATED_SLACK


def events_compatible(
    a: Sequence[EventMention], b: Sequence[EventMention], names: float | None = None, reported: Mapping[str, Set[str]] | None = None
) -> bool:
    """True when two clusters may be one event; ``names``: how many rare names their articles share (None: not weighed).

    Every pair across them must agree on action class, negation, actors and places; dates are
    compared as the clusters' own windows: both dated, the windows overlap; one dated, the other
    was first reported on or after its start and within ``UNDATED_WINDOW`` of its end; neither
    dated, their first reports lie within three days. Weak name evidence (below ``NAMES_ALONE``)
    needs both groups dated alike (both dated, or the undated one first reported within
    ``UNDATED_SLACK`` of the other's window) and in one town: placed there, or one group unplaced
    but its articles naming the other's town (``reported``: each article's names). Two different
    named people (victims or shooters), or two local names of no country, do not conflict when each
    is named in the other side's articles. Articles sharing many rare names (``names`` at least
    ``FOLLOW_UP_NAMES``) are a story and its follow-up (an arrest, a funeral, a trial): an undated
    side may then be first reported up to ``FOLLOW_UP_WINDOW`` later. Names enough to link alone
    (``NAMES_ALONE``) let dated sides in one town lie up to ``FOLLOW_UP_GAP`` apart. Many rare names on
    overlapping days outweigh a place in another country: the gazetteer put one report in a namesake
    town abroad ("Hamilton" in Ontario for Hamilton, Ohio); in one town as well, they outweigh
    different local victims or suspects (actors of no country) named on each side. Below
    ``FOLLOW_UP_NAMES``, groups placed in different towns, neither's articles naming a town of the
    other, stay apart.
    """
    reach = {m.mention_id: merge_block(m)[1:3] for m in chain(a, b)}
    return _facts_compatible(ClusterFacts.of(a, reported, reach), ClusterFacts.of(b, reported, reach), names)


def _facts_compatible(facts_a: ClusterFacts, facts_b: ClusterFacts, names: float | None) -> bool:
    """``events_compatible`` from the clusters' facts. The dates and towns first: they are read off the facts, the
    mentions are compared pair by pair."""
    return _dates_and_towns_agree(facts_a, facts_b, names) and _mentions_agree(facts_a, facts_b, names)


def _mentions_agree(facts_a: ClusterFacts, facts_b: ClusterFacts, names: float | None) -> bool:
    """Every pair of mentions across the clusters agrees on action class, negation, actors and places (``events_compatible``)."""
    named_in_a, named_in_b = facts_a.named, facts_b.named
    window_a, window_b = facts_a.window, facts_b.window
    same_days = window_a is not None and window_b is not None and max(window_a[0], window_b[0]) <= min(window_a[1], window_b[1])
    places_moot = same_days and names is not None and names >= FOLLOW_UP_NAMES
    # In one town as well: one story whose reports name different local victims or suspects ("Powell" in one, "Ellis" in another).
    locals_moot = places_moot and _towns_agree(facts_a.towns, facts_b.towns, named_in_a, named_in_b)
    for kind_x, negated_x, hypothetical_x, source_x, target_x, place_x in facts_a.profiles:
        for kind_y, negated_y, hypothetical_y, source_y, target_y, place_y in facts_b.profiles:
            if not (
                kind_x == kind_y
                and negated_x == negated_y
                and hypothetical_x == hypothetical_y
                and (actors_compatible(source_x, source_y, persons_stand_for_country=True) or _co_reported(source_x, source_y, named_in_a, named_in_b)
                     or (locals_moot and _both_local(source_x, source_y)))
                and (actors_compatible(target_x, target_y, persons_stand_for_country=False) or _co_reported(target_x, target_y, named_in_a, named_in_b)
                     or (locals_moot and _both_local(target_x, target_y)))
                and (places_moot or places_compatible(place_x, place_y))
            ):
                return False
    return True


def _dates_and_towns_agree(facts_a: ClusterFacts, facts_b: ClusterFacts, names: float | None) -> bool:
    """The clusters' date windows, first reports and towns allow one event (``events_compatible``)."""
    named_in_a, named_in_b = facts_a.named, facts_b.named
    window_a, window_b = facts_a.window, facts_b.window
    first_a, first_b = facts_a.first, facts_b.first
    if names is not None and names < NAMES_ALONE and not (
        _dated_alike(window_a, window_b, first_a, first_b) and _towns_agree(facts_a.towns, facts_b.towns, named_in_a, named_in_b)
    ):
        return False
    follow_up = names is not None and names >= FOLLOW_UP_NAMES
    if not follow_up and _towns_apart(facts_a, facts_b):
        return False
    if window_a and window_b:
        gap = max(window_a[0], window_b[0]) - min(window_a[1], window_b[1])
        # A follow-up may be dated by its own report ("the family spoke on Monday"): close, in one town, it is one story.
        named_alike = names is not None and names >= NAMES_ALONE
        return gap <= timedelta(0) or (named_alike and gap <= FOLLOW_UP_GAP and _towns_agree(facts_a.towns, facts_b.towns, named_in_a, named_in_b))
    if window_a or window_b:
        window, first = (window_a, first_b) if window_a else (window_b, first_a)
        assert window is not None
        return first is not None and window[0] <= first <= window[1] + (FOLLOW_UP_WINDOW if follow_up else UNDATED_WINDOW)
    if first_a is None or first_b is None:
        return False
    return abs(first_a - first_b) <= (FOLLOW_UP_WINDOW if follow_up else UNDATED_SLACK)


def cluster_mentions(
    mentions: Iterable[EventMention],
    *,
    link_by_names: bool = True,
    context: Iterable[tuple[str, str]] = (),
    evidence: NameEvidence | None = None,
) -> list[list[EventMention]]:
    """Group mentions of the same event.

    First mentions sharing an anchor actor are grouped (complete link, canonical order); then,
    unless ``link_by_names`` is off, groups whose articles share rare names are linked where
    ``events_compatible`` allows (``crisislens.linking``). An article's names come from its
    mentions' sentences and from ``context``: more ``(article id, sentence)`` pairs of the same
    articles (the store passes every sentence). ``mentions`` is read in full before ``context``.
    ``evidence`` replaces the names found that way (one block of a distributed merge: names
    scored over all the merge's articles). The result depends only on the sets, not their order.
    """
    pool = list(mentions)
    clusters = _seed_clusters(pool)
    if not link_by_names:
        return clusters
    if evidence is None:
        articles = {m.span.article_id for m in pool}
        reporting = ((m.span.article_id, m.span.sentence) for m in pool)
        evidence = NameEvidence(article_names(chain(reporting, context), articles))
    reach = {m.mention_id: merge_block(m)[1:3] for m in pool}  # computed once: the pair checks below ask millions of times
    facts = _FactsOfClusters(evidence.names, reach)
    told: dict[tuple[str, str], list[ClusterFacts]] = {}
    for cluster in clusters:
        story = ClusterFacts.of(cluster, evidence.names, reach)
        if not story.featureless:
            for article in story.articles:
                told.setdefault((article, action_class(cluster[0])), []).append(story)

    def fits_story(bare: Sequence[EventMention], other: ClusterFacts) -> bool:
        """A bare mention belongs with its own article's story: never with an event in, or against, another country."""
        if not facts(bare).featureless:
            return True
        kind = action_class(bare[0])
        stories = (c for article in facts(bare).articles for c in told.get((article, kind), ()))
        # Only stories within reach of ``other``'s dates: a distributed merge sees the same ones.
        return not any(_within_reach(story, other) and _other_countries(story, other) for story in stories)

    # Clusters of equal facts (bare reports of one article, say) meet the same partners at the same scores, one
    # right after the other: their verdicts are kept, a bounded number.
    verdicts: dict[tuple[int, int, float], bool] = {}

    def compatible(a: Sequence[EventMention], b: Sequence[EventMention], names: float) -> bool:
        (facts_a, number_a), (facts_b, number_b) = facts.numbered(a), facts.numbered(b)
        key = (number_a, number_b, names)
        verdict = verdicts.get(key)
        if verdict is None:
            if len(verdicts) >= VERDICTS_KEPT:
                verdicts.clear()
            verdict = verdicts[key] = _facts_compatible(facts_a, facts_b, names) and fits_story(a, facts_b) and fits_story(b, facts_a)
        return verdict

    def days_of(mention: EventMention) -> tuple[int, int]:
        first, last = reach[mention.mention_id]
        return first.toordinal(), last.toordinal()

    return link_clusters(clusters, lambda m: m.span.article_id, evidence, compatible, LINK_THRESHOLD, kind_of=action_class, days_of=days_of)


def merge_block(mention: EventMention) -> tuple[str, date, date, str | None]:
    """Where ``mention`` may merge: its action class, the days its matches must reach, a killed person.

    Two mentions that may be one event (``mentions_compatible``, or clusters of them
    ``events_compatible``) share the action class and either have overlapping day ranges or are
    killings of the same person (the returned actor id). A distributed merge groups mentions
    into blocks connected by these keys and merges each block alone, with the same result.
    An undated mention with no publication date reaches only other such mentions (``date.min``).
    Every date rule above must stay inside these reaches (``tests/unit/test_scale.py`` checks).
    """
    time = _dated(mention)
    if time is not None:
        start, end = date_interval(time)
        first, last = start, end + max(UNDATED_WINDOW, FOLLOW_UP_WINDOW)
    elif mention.published is not None:
        first, last = mention.published - max(UNDATED_SLACK, FOLLOW_UP_WINDOW), mention.published
    else:
        first = last = date.min
    target = mention.target
    killed = target.actor_id if _is_killing(mention) and target is not None and target.type == "person" else None
    return action_class(mention), first, last, killed


def _most_common_actor(actors: Sequence[ActorRef | None]) -> ActorRef | None:
    present = [a for a in actors if a is not None]
    if not present:
        return None
    counts = Counter(a.actor_id for a in present)
    best = min(present, key=lambda a: (-counts[a.actor_id], ACTOR_TYPE_ORDER.get(a.type, 9), a.actor_id))
    return best


def _event_time(mentions: Sequence[EventMention]) -> TimeValue | None:
    """The most precise date most articles give; ties go to the earliest.

    Each article gives one date: the one most of its mentions carry, ties to the one nearest its publication. Articles
    that disagree mostly date what followed the event (a death in hospital, the arrest, the report): the earliest date
    is the event's.
    """
    dated = [(m, t) for m in mentions if (t := _dated(m)) is not None]
    if not dated:
        return None
    finest = min(PRECISION_ORDER.get(t.precision or "year", 3) for _, t in dated)
    candidates = [(m, t) for m, t in dated if PRECISION_ORDER.get(t.precision or "year", 3) == finest]

    def gap(item: tuple[EventMention, TimeValue]) -> int:
        mention, time = item
        assert time.value is not None
        return abs((mention.published - time.value).days) if mention.published else 10_000

    by_article: dict[str, list[tuple[EventMention, TimeValue]]] = {}
    for item in candidates:
        by_article.setdefault(item[0].span.article_id, []).append(item)
    votes: Counter[date | None] = Counter()
    for items in by_article.values():
        within = Counter(t.value for _, t in items)
        _, time = min(items, key=lambda item: (-within[item[1].value], gap(item), item[0].mention_id))
        votes[time.value] += 1

    def rank(item: tuple[EventMention, TimeValue]) -> tuple[int, int, str]:
        mention, time = item
        assert time.value is not None
        return (-votes[time.value], time.value.toordinal(), mention.mention_id)

    return min(candidates, key=rank)[1]


def _event_place(mentions: Sequence[EventMention]) -> Place | None:
    """The finest place the reports give; among places as fine, one read in a report's text before an outlet's home
    town in the same country (a last resort, yet a town abroad does not outvote it), then the place most reports give
    (one vote each, however many sentences repeat it)."""
    places = [m.place for m in mentions if m.place is not None]
    if not places:
        return None
    read_in = {p.country for p in places if p.origin != OUTLET_ORIGIN}
    reports = Counter(name for _, name in {(m.span.article_id, m.place.name) for m in mentions if m.place is not None})
    sentences = Counter(p.name for p in places)
    return min(places, key=lambda p: (PLACE_ORDER.get(p.precision, 9), p.origin == OUTLET_ORIGIN and p.country in read_in, -reports[p.name],
                                      -sentences[p.name], p.name))  # fmt: skip


def _per_article_counts(mentions: Sequence[EventMention], field: str) -> dict[str, int]:
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
    return best


def _injured_still_alive(killed: Mapping[str, int], injured: Mapping[str, int]) -> list[int]:
    """Each article's injured, none where they may all be dead that another report counts and this one does not
    ("a girl was shot", then "the girl has died"): one victim, not one dead and one hurt."""
    known_dead = max(killed.values(), default=0)
    return [0 if count <= known_dead - killed.get(article, 0) else count for article, count in sorted(injured.items())]


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
    if articles < 2:
        return within
    return f"{within}; then the lowest of {articles} articles' killed (ACLED's conservative rule) and their middle injured"


def build_event(mentions: Sequence[EventMention]) -> Event:
    """One event from its mentions; conflicting values are resolved by the rules below."""
    codes = Counter(m.cameo for m in mentions)
    lead = min(mentions, key=lambda m: (-codes[m.cameo], m.mention_id))
    time = _event_time(mentions)
    killed_by_article = _per_article_counts(mentions, "fatalities")
    killed = [killed_by_article[article] for article in sorted(killed_by_article)]
    injured = _injured_still_alive(killed_by_article, _per_article_counts(mentions, "injured"))
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
        # The injured: the middle figure (the lower of two), so one report that tells only of some of the wounded
        # ("one victim suffered a graze wound") does not decide.
        injured=sorted(injured)[(len(injured) - 1) // 2] if injured else None,
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

