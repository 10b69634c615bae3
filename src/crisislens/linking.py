"""Link events across articles by the rare names their articles share.

Many reports of one event name no actor crisislens knows ("a 12-year-old was shot on a Rocky
Mount basketball court"), so they share no anchor actor and stay apart. What tells one local
shooting from another is its names: the street, the neighbourhood, the victim, the suspect.
Each article's *names* are the capitalised words of its reporting sentences (not the first
word of a sentence unless it is an upper-case dateline, not calendar words or titles); a name
counts by how rare it is among the n articles being merged (``log((min(n, WEIGHT_ARTICLES) + 1) / df)``, names in more
than ``max(MIN_DF_CAP, min(MAX_DF, n × MAX_DF_SHARE))`` articles not at all). Two events are linked best pair first when the mean name score of their
article pairs reaches ``threshold`` and the caller's compatibility test allows it.

Everything here depends only on the set of articles and events, never on their order.
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations, count
from typing import TypeVar

import numpy as np

T = TypeVar("T")

WORD = re.compile(r"[A-Z][A-Za-z'’\-]+")
# Capitalised words that name no particular event: calendar words, titles, generic nouns of crime news.
GENERIC_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr jr sr the a an
    he she they it i we you his her their this that these those there police officer officers sgt lt capt chief
    deputy deputies sheriff department county city street st avenue ave road rd drive boulevard blvd lane court
    north south east west northeast northwest southeast southwest authorities news center hospital""".split()
)
DEFAULT_THRESHOLD = 8.0
MAX_DF_SHARE = 0.01
MIN_DF_CAP = 2
# A name in more articles tells no one incident apart, however large the corpus; a cap growing with the corpus
# let every article's linking candidates grow with it too (the merge of 10,000 articles ran superlinear).
# 30 is 1% of 3,000 articles: the cap bites only on corpora larger than the GVA development set.
MAX_DF = 30
# The corpus size the weights stop growing at: DEFAULT_THRESHOLD was tuned on the GVA development set (~3,000
# articles with mentions). With n uncapped, log((n + 1) / df) grows with the corpus for a name of the same rarity,
# and past ~89,000 articles one shared name in MAX_DF articles alone would pass the threshold: linking would loosen.
WEIGHT_ARTICLES = 3_000


def sentence_names(sentence: str) -> set[str]:
    """The lower-cased capitalised words of ``sentence`` that may name something particular."""
    names = set()
    opening = len(sentence) - len(sentence.lstrip())  # where the first word can start
    for match in WORD.finditer(sentence):
        if match.start() <= opening and not match.group().isupper():
            continue  # the first word of a sentence is capitalised anyway; a dateline ("LOWELL —") is a name
        word = match.group().lower().strip("-'’")
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        if len(word) > 1 and word not in GENERIC_WORDS:
            names.add(word)
    return names


def article_names(sentences: Iterable[tuple[str, str]], articles: Collection[str] | None = None) -> dict[str, set[str]]:
    """The names of each article from its ``(article id, sentence)`` pairs, only for ``articles`` if given."""
    names: dict[str, set[str]] = defaultdict(set)
    for article, sentence in sentences:
        if articles is None or article in articles:
            names[article] |= sentence_names(sentence)
    return dict(names)


def name_weights(document_frequency: Mapping[str, int], articles: int) -> dict[str, float]:
    """The weight of each name rare enough to count, from the number of ``articles`` it is in."""
    cap = max(MIN_DF_CAP, min(MAX_DF, articles * MAX_DF_SHARE))
    scale = min(articles, WEIGHT_ARTICLES) + 1
    return {name: math.log(scale / count) for name, count in document_frequency.items() if count <= cap}


class NameEvidence:
    """Name scores between the articles of one merge run."""

    def __init__(self, names: Mapping[str, set[str]], weight: Mapping[str, float] | None = None) -> None:
        """``names``: each article's names (``article_names``); ``weight``: each rare name's weight
        (``name_weights``) when the merge run spans more articles than ``names`` (one block of a
        distributed merge), else computed from ``names``."""
        self.names = names
        self.weight = weight if weight is not None else name_weights(Counter(name for found in names.values() for name in found), len(names))
        by_name: dict[str, list[str]] = defaultdict(list)
        for article in sorted(names):
            for name in names[article]:
                if name in self.weight:
                    by_name[name].append(article)
        self.pairs: dict[tuple[str, str], float] = defaultdict(float)
        # Summed in name order: a pair's score is the same float whichever other articles are present.
        for name in sorted(by_name):
            articles = by_name[name]
            for a, b in combinations(articles, 2):
                self.pairs[a, b] += self.weight[name]

    def score(self, a: str, b: str) -> float:
        if a == b:
            return 0.0
        return self.pairs.get((a, b) if a < b else (b, a), 0.0)

    def neighbours(self, threshold: float) -> dict[str, set[str]]:
        found: dict[str, set[str]] = defaultdict(set)
        for (a, b), value in self.pairs.items():
            if value >= threshold:
                found[a].add(b)
                found[b].add(a)
        return found


def link_clusters(
    clusters: Sequence[list[T]],
    article_of: Callable[[T], str],
    evidence: NameEvidence,
    compatible: Callable[[Collection[T], Collection[T], float], bool],
    threshold: float = DEFAULT_THRESHOLD,
    kind_of: Callable[[T], str] = lambda _: "",
    days_of: Callable[[T], tuple[int, int]] = lambda _: (0, 0),
) -> list[list[T]]:
    """Merge ``clusters`` (in a canonical order) whose articles share rare names, best pair first.

    Only clusters of one kind (``kind_of`` their first member, e.g. the action class) whose days
    overlap (from the first to the last of ``days_of`` their members, as day numbers: the days a
    member's matches must reach, outside which ``compatible`` never holds) are compared. A pair's
    score is the mean name score over its pairs of different articles; pairs below ``threshold`` or
    not ``compatible`` (given the two clusters and their score) stay apart for good (compatibility
    only narrows as clusters grow). Ties go to the earlier clusters.
    """
    members: dict[int, list[T]] = {i: list(c) for i, c in enumerate(clusters) if c}
    kind = {i: kind_of(c[0]) for i, c in members.items()}
    articles: dict[int, Counter[str]] = {i: Counter(article_of(m) for m in c) for i, c in members.items()}
    days: dict[int, tuple[int, int]] = {i: _days_spanned(map(days_of, c)) for i, c in members.items()}
    holders: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, found in articles.items():
        for article in found:
            holders[article, kind[i]].add(i)
    near = evidence.neighbours(threshold)
    apart: dict[int, set[int]] = defaultdict(set)
    scores: dict[str, dict[str, float]] = defaultdict(dict)  # evidence.score(a, b) as scores[a][b]: asked millions of times
    for (a, b), value in evidence.pairs.items():
        scores[a][b] = scores[b][a] = value

    def mean_score(i: int, j: int) -> float:
        """The score of clusters ``i`` < ``j``: their articles' scores summed in a fixed order (``_name_total``), so a
        pair's score is the same float however it is computed."""
        articles_i, articles_j = articles[i], articles[j]
        if len(articles_i) == 1 == len(articles_j):  # most clusters are one article's
            ((a, na),), ((b, nb),) = articles_i.items(), articles_j.items()
            return _pair_score(scores.get(a, {}), na, b, nb)
        pairs = len(members[i]) * len(members[j]) - _shared_pairs(articles_i, articles_j)
        return _name_total(articles_i, articles_j, scores) / pairs if pairs else 0.0

    def scored_pairs(i: int) -> tuple[array[float], array[int]]:
        """The pairs of ``i`` reaching ``threshold``, as (negated scores, partners). Against the clusters of one
        article, a cluster of several articles scores the same for each count of mentions: scored once per count."""
        found: tuple[array[float], array[int]] = (array("d"), array("q"))
        articles_i, kind_i, skipped = articles[i], kind[i], apart[i] | {i}
        days_i = days[i]
        several: set[int] = set()  # partners scored pair by pair (``mean_score``)
        for b in {b for a in articles_i for b in near.get(a, ())}:
            by_count: dict[tuple[int, bool], float] = {}
            for j in holders.get((b, kind_i), ()):
                if j in skipped or not _days_meet(days_i, days[j]):
                    continue
                articles_j = articles[j]
                if len(articles_i) == 1 or len(articles_j) > 1:
                    several.add(j)
                    continue
                nb = articles_j[b]
                if (value := by_count.get((nb, i < j))) is None:
                    value = by_count[nb, i < j] = _one_article_score(articles_i, len(members[i]), b, nb, scores, i < j)
                if value >= threshold:
                    found[0].append(-value)
                    found[1].append(j)
        for j in several:
            if (value := mean_score(i, j) if i < j else mean_score(j, i)) >= threshold:
                found[0].append(-value)
                found[1].append(j)
        return found

    # Each cluster's pairs, scored when it last changed and ranked best first (as two flat arrays: a heap of
    # every pair took some 150 bytes a pair); the heap holds one pair per cluster, its best one whose other
    # side has not changed since. A pair whose other side changed is skipped: that side's newer ranking holds it.
    size = len(clusters)
    ranked: dict[int, tuple[array[float], array[int]]] = {}
    position = [0] * size
    scored_at = [0] * size
    changed_at = [0] * size
    clock = count(1)
    heap: list[tuple[float, int, int, int, int]] = []  # (-score, first, second, owner, owner's scored_at)

    def rank(i: int, scored: tuple[array[float], array[int]] | tuple[np.ndarray, np.ndarray]) -> None:
        """Rank the pairs of ``i``, ``scored`` as (negated scores, partners)."""
        scored_at[i] = next(clock)
        ranked[i] = _best_first(*scored)
        position[i] = 0
        offer(i)

    def offer(i: int) -> None:
        values, partners = ranked[i]
        k, stamp, apart_i, end = position[i], scored_at[i], apart[i], len(partners)
        while k < end and ((j := partners[k]) not in members or changed_at[j] > stamp or j in apart_i):
            k += 1
        position[i] = k
        if k < end:
            j = partners[k]
            heapq.heappush(heap, (values[k], i, j, i, stamp) if i < j else (values[k], j, i, i, stamp))

    def merge(i: int, j: int) -> None:
        members[i].extend(members.pop(j))
        for article in articles[j]:
            holders[article, kind[j]].discard(j)
            holders[article, kind[i]].add(i)
        articles[i].update(articles.pop(j))
        days[i] = _days_spanned((days[i], days.pop(j)))
        for other in apart.pop(j, set()):
            apart[other].discard(j)
            apart[other].add(i)
            apart[i].add(other)
        changed_at[i] = next(clock)
        rank(i, scored_pairs(i))

    for i, scored in _initial_pairs(articles, kind, days, holders, near, scores, mean_score, threshold):
        rank(i, scored)
    while heap:
        score, i, j, owner, stamp = heapq.heappop(heap)
        if owner not in members or scored_at[owner] != stamp:
            continue  # the owner changed since: its newer ranking is in the heap
        partner = j if owner == i else i
        if partner in members and changed_at[partner] < stamp and partner not in apart[owner]:
            if compatible(members[i], members[j], -score):
                merge(i, j)
                continue
            apart[i].add(j)
            apart[j].add(i)
        position[owner] += 1
        offer(owner)
    return [members[i] for i in sorted(members)]


def _initial_pairs(
    articles: Mapping[int, Counter[str]],
    kind: Mapping[int, str],
    days: Mapping[int, tuple[int, int]],
    holders: Mapping[tuple[str, str], set[int]],
    near: Mapping[str, set[str]],
    scores: Mapping[str, dict[str, float]],
    mean_score: Callable[[int, int], float],
    threshold: float,
) -> Iterator[tuple[int, tuple[np.ndarray, np.ndarray]]]:
    """Each cluster (in order) with its pairs reaching ``threshold`` before any merge, as (negated scores, partners).
    The pairs of a cluster of one article with the clusters of one article each (most pairs) are scored together,
    as ``mean_score`` would: the pair's earlier cluster's count first. Only clusters whose ``days`` overlap are paired."""
    near_clusters: dict[tuple[str, str], _NearClusters] = {}
    for i, articles_i in articles.items():
        kind_i, (first_i, last_i) = kind[i], days[i]
        if len(articles_i) > 1:
            several = {j for a in articles_i for b in near.get(a, ()) for j in holders.get((b, kind_i), ())} - {i}
            found = (np.empty(0), np.empty(0, dtype=np.int64))
        else:
            ((a, na),) = articles_i.items()
            if (a, kind_i) not in near_clusters:
                near_clusters[a, kind_i] = _NearClusters.of(a, kind_i, articles, days, holders, near, scores)
            singles = near_clusters[a, kind_i]
            later, scores_of, counts = singles.partners > i, singles.scores, singles.counts
            values = np.where(later, scores_of * na * counts, scores_of * counts * na) / (na * counts)
            kept = (values >= threshold) & (singles.firsts <= last_i) & (singles.lasts >= first_i)
            found = (-values[kept], singles.partners[kept])
            several = singles.several
        pairs = [
            (-value, j)
            for j in several
            if _days_meet(days[i], days[j]) and (value := mean_score(i, j) if i < j else mean_score(j, i)) >= threshold
        ]
        if pairs:
            negated, others = zip(*pairs, strict=True)
            found = (np.concatenate([found[0], negated]), np.concatenate([found[1], np.array(others, dtype=np.int64)]))
        yield i, found


@dataclass(frozen=True, slots=True)
class _NearClusters:
    """The clusters of one kind holding the articles near article a (``NameEvidence.neighbours``), before any merge:
    those of one article as arrays (cluster, its count of mentions, the name score of a with its article, its first and
    last day), those of several articles apart."""

    partners: np.ndarray
    counts: np.ndarray
    scores: np.ndarray
    firsts: np.ndarray
    lasts: np.ndarray
    several: frozenset[int]

    @classmethod
    def of(
        cls,
        a: str,
        kind: str,
        articles: Mapping[int, Counter[str]],
        days: Mapping[int, tuple[int, int]],
        holders: Mapping[tuple[str, str], set[int]],
        near: Mapping[str, set[str]],
        scores: Mapping[str, dict[str, float]],
    ) -> _NearClusters:
        partners: list[int] = []
        counts: list[int] = []
        values: list[float] = []
        several: set[int] = set()
        for b in near.get(a, ()):
            for j in holders.get((b, kind), ()):
                if len(articles[j]) > 1:
                    several.add(j)
                else:
                    partners.append(j)
                    counts.append(articles[j][b])
                    values.append(scores[a][b])
        firsts, lasts = zip(*(days[j] for j in partners), strict=True) if partners else ((), ())
        return cls(
            np.array(partners, dtype=np.int64),
            np.array(counts, dtype=np.int64),
            np.array(values, dtype=np.float64),
            np.array(firsts, dtype=np.int64),
            np.array(lasts, dtype=np.int64),
            frozenset(several),
        )


def _days_meet(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans of days (first, last) share a day."""
    return a[0] <= b[1] and b[0] <= a[1]


def _days_spanned(spans: Iterable[tuple[int, int]]) -> tuple[int, int]:
    """From the first to the last day of ``spans`` (first, last)."""
    firsts, lasts = zip(*spans, strict=True)
    return min(firsts), max(lasts)


def _pair_score(scores_a: Mapping[str, float], na: int, b: str, nb: int) -> float:
    """The score of a cluster of ``na`` mentions of article a (``scores_a``: a's scores) and one of ``nb`` of ``b``."""
    return scores_a.get(b, 0.0) * na * nb / (na * nb)


def _one_article_score(
    articles_i: Mapping[str, int], size_i: int, b: str, nb: int, scores: Mapping[str, Mapping[str, float]], i_first: bool
) -> float:
    """``mean_score`` of a cluster of ``size_i`` mentions of ``articles_i`` and one of ``nb`` mentions of article ``b``
    (``i_first``: the first cluster is the earlier one)."""
    one = {b: nb}
    pairs = size_i * nb - articles_i.get(b, 0) * nb
    total = _name_total(articles_i, one, scores) if i_first else _name_total(one, articles_i, scores)
    return total / pairs if pairs else 0.0


def _shared_pairs(articles_i: Mapping[str, int], articles_j: Mapping[str, int]) -> int:
    """How many pairs of mentions of two clusters are of one article."""
    fewer, more = (articles_i, articles_j) if len(articles_i) <= len(articles_j) else (articles_j, articles_i)
    return sum(n * more.get(article, 0) for article, n in fewer.items())


def _name_total(outer: Mapping[str, int], inner: Mapping[str, int], scores: Mapping[str, Mapping[str, float]]) -> float:
    """The name scores of every pair of mentions of two clusters (each article's count of mentions), summed article of
    ``outer`` by article of ``inner`` in their order: the same float whichever way it is computed. Pairs scoring
    nothing add nothing; a single article of ``inner`` is looked up among its own scores."""
    total = 0.0
    if len(inner) == 1:
        ((b, nb),) = inner.items()
        scores_b = scores.get(b, {})
        for a, na in outer.items():
            if (value := scores_b.get(a)) is not None:
                total += value * na * nb
        return total
    for a, na in outer.items():
        if scores_a := scores.get(a):
            for b, nb in inner.items():
                if (value := scores_a.get(b)) is not None:
                    total += value * na * nb
    return total


def _best_first(values: array[float] | np.ndarray, partners: array[int] | np.ndarray) -> tuple[array[float], array[int]]:
    """The pairs (negated score, partner) sorted best first, ties to the earlier partner (the earlier pair of clusters)."""
    scores, others = np.frombuffer(values, dtype=np.float64), np.frombuffer(partners, dtype=np.int64)
    order = np.lexsort((others, scores))
    return array("d", scores[order].tobytes()), array("q", others[order].tobytes())
