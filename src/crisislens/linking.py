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
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from itertools import combinations, count
from typing import TypeVar

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
    for match in WORD.finditer(sentence):
        if not sentence[: match.start()].strip() and not match.group().isupper():
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
) -> list[list[T]]:
    """Merge ``clusters`` (in a canonical order) whose articles share rare names, best pair first.

    Only clusters of one kind (``kind_of`` their first member, e.g. the action class) are
    compared. A pair's score is the mean name score over its pairs of different articles; pairs
    below ``threshold`` or not ``compatible`` (given the two clusters and their score) stay apart
    for good (compatibility only narrows as clusters grow). Ties go to the earlier clusters.
    """
    members: dict[int, list[T]] = {i: list(c) for i, c in enumerate(clusters) if c}
    kind = {i: kind_of(c[0]) for i, c in members.items()}
    articles: dict[int, Counter[str]] = {i: Counter(article_of(m) for m in c) for i, c in members.items()}
    holders: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, found in articles.items():
        for article in found:
            holders[article, kind[i]].add(i)
    near = evidence.neighbours(threshold)
    apart: dict[int, set[int]] = defaultdict(set)
    scores: dict[str, dict[str, float]] = defaultdict(dict)  # evidence.score(a, b) as scores[a][b]: asked millions of times
    for (a, b), value in evidence.pairs.items():
        scores[a][b] = scores[b][a] = value
    no_scores: dict[str, float] = {}

    def mean_score(i: int, j: int) -> float:
        articles_i, articles_j = articles[i], articles[j]
        if len(articles_i) == 1 == len(articles_j):  # most clusters are one article's: the loop below, unrolled
            ((a, na),), ((b, nb),) = articles_i.items(), articles_j.items()
            return scores.get(a, no_scores).get(b, 0.0) * na * nb / (na * nb) if a != b else 0.0
        total = count = 0.0
        others = articles_j.items()
        for a, na in articles_i.items():
            scores_a = scores.get(a, no_scores)
            for b, nb in others:
                if a != b:
                    total += scores_a.get(b, 0.0) * na * nb
                    count += na * nb
        return total / count if count else 0.0

    def candidates(i: int) -> set[int]:
        kind_i = kind[i]
        return {j for a in articles[i] for b in near.get(a, ()) for j in holders[b, kind_i]} - {i} - apart[i]

    # Each cluster's pairs, scored when it last changed and ranked best first (as two flat arrays: a heap of
    # every pair took some 150 bytes a pair); the heap holds one pair per cluster, its best one whose other
    # side has not changed since. A pair whose other side changed is skipped: that side's newer ranking holds it.
    ranked: dict[int, tuple[array[float], array[int]]] = {}
    position: dict[int, int] = {}
    scored_at: dict[int, int] = {}
    changed_at: Counter[int] = Counter()
    clock = count(1)
    heap: list[tuple[float, int, int, int, int]] = []  # (-score, first, second, owner, owner's scored_at)

    def rank(i: int, scored: tuple[array[float], array[int]] | None = None) -> None:
        """Rank the pairs of ``i``: ``scored`` as (negated scores, partners) if known, else scored now."""
        scored_at[i] = next(clock)
        if scored is None:
            scored = (array("d"), array("q"))
            for j in candidates(i):
                value = mean_score(i, j) if i < j else mean_score(j, i)
                if value >= threshold:
                    scored[0].append(-value)
                    scored[1].append(j)
        pairs = sorted(zip(*scored))  # best first; ties to the earlier partner (the earlier pair of clusters)
        ranked[i] = (array("d", [pair[0] for pair in pairs]), array("q", [pair[1] for pair in pairs]))
        position[i] = 0
        offer(i)

    def offer(i: int) -> None:
        values, partners = ranked[i]
        k, stamp, apart_i = position[i], scored_at[i], apart[i]
        while k < len(partners) and (partners[k] not in members or changed_at[partners[k]] > stamp or partners[k] in apart_i):
            k += 1
        position[i] = k
        if k < len(partners):
            j = partners[k]
            heapq.heappush(heap, (values[k], *((i, j) if i < j else (j, i)), i, stamp))

    def merge(i: int, j: int) -> None:
        members[i].extend(members.pop(j))
        for article in articles[j]:
            holders[article, kind[j]].discard(j)
            holders[article, kind[i]].add(i)
        articles[i].update(articles.pop(j))
        for other in apart.pop(j, set()):
            apart[other].discard(j)
            apart[other].add(i)
            apart[i].add(other)
        changed_at[i] = next(clock)
        rank(i)

    # Before any merge a pair's score is the same from both sides: each pair scored once.
    initial: dict[int, tuple[array[float], array[int]]] = {i: (array("d"), array("q")) for i in members}
    for i in members:
        for j in candidates(i):
            if i < j and (value := mean_score(i, j)) >= threshold:
                for owner, partner in ((i, j), (j, i)):
                    initial[owner][0].append(-value)
                    initial[owner][1].append(partner)
    for i in members:
        rank(i, initial.pop(i))
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
