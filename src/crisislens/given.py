"""Clustering of mentions whose spans were found by someone else (gold triggers, as in ECB+).

Such mentions carry what crisislens read around them (lemma, CAMEO code, actors, time, place)
but no publication date and often no actors, so the pipeline's merge rule (a shared actor and
overlapping report dates) does not apply. The same vetoes do: two mentions conflict when their
action classes, negation, actors, dates or places rule out one event; anything unknown never
vetoes. The rest are clustered by average link over a pair score (same lemma by default; the
sentence-embedding similarity when the caller has it).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from crisislens.events import actors_compatible, date_interval, places_compatible
from crisislens.models import VIOLENT_ROOTS, ActorRef, Place, TimeValue


@dataclass(frozen=True, slots=True)
class GivenMention:
    """A mention whose span was found by someone else (a gold trigger), as crisislens reads it in its sentence.

    ``cameo`` is None when crisislens's verb knowledge has no code for the trigger; ``actors``
    are all actors named in the sentence; ``group`` confines clusters (e.g. a corpus topic).
    """

    mention_id: str
    article_id: str
    lemma: str
    text: str
    sentence: str
    cameo: str | None = None
    source: ActorRef | None = None
    target: ActorRef | None = None
    actors: frozenset[str] = frozenset()
    time: TimeValue | None = None
    place: Place | None = None
    negated: bool = False
    group: str | None = None


def _given_class(mention: GivenMention) -> str | None:
    if mention.cameo is None:
        return None
    root = mention.cameo[:2]
    return "violence" if root in VIOLENT_ROOTS else root


def given_conflict(a: GivenMention, b: GivenMention) -> bool:
    """True when what is known of ``a`` and ``b`` rules out one event: the pipeline's vetoes, unknowns never veto."""
    class_a, class_b = _given_class(a), _given_class(b)
    if class_a is not None and class_b is not None and class_a != class_b:
        return True
    if a.negated != b.negated:
        return True
    if not actors_compatible(a.source, b.source, persons_stand_for_country=True):
        return True
    if not actors_compatible(a.target, b.target, persons_stand_for_country=False):
        return True
    ta = a.time if a.time is not None and a.time.value is not None else None
    tb = b.time if b.time is not None and b.time.value is not None else None
    if ta and tb:
        (a0, a1), (b0, b1) = date_interval(ta), date_interval(tb)
        if not (a0 <= b1 and b0 <= a1):
            return True
    return not places_compatible(a.place, b.place)


PairScore = Callable[[GivenMention, GivenMention], float]


def lemma_score(a: GivenMention, b: GivenMention) -> float:
    return 1.0 if a.lemma == b.lemma else 0.0


def cluster_given_mentions(
    mentions: Sequence[GivenMention],
    score: PairScore = lemma_score,
    threshold: float = 0.5,
    *,
    by_group: bool = True,
    conflict_penalty: float | None = None,
) -> list[list[GivenMention]]:
    """Average-link clustering of given mentions by ``score``.

    Clusters merge best pair first while their mean pairwise score reaches ``threshold``. A
    conflicting pair (``given_conflict``) keeps its clusters apart for good, or, with
    ``conflict_penalty``, only lowers that pair's score by it (a soft veto: one misread actor
    does not split a story). With ``by_group`` clusters stay inside each mention's group. The
    result depends only on the set of mentions, not their order.
    """
    ordered = sorted(mentions, key=lambda m: m.mention_id)
    groups: dict[str | None, list[GivenMention]] = {}
    for mention in ordered:
        groups.setdefault(mention.group if by_group else None, []).append(mention)
    clusters: list[list[GivenMention]] = []
    for key in sorted(groups, key=lambda g: (g is None, g or "")):
        clusters.extend(_average_link(groups[key], score, threshold, conflict_penalty))
    return clusters


def group_documents(vectors: Mapping[str, Sequence[float]], threshold: float) -> dict[str, int]:
    """Documents grouped by average-link cosine similarity of their (unit) vectors: document id -> group number.

    The first step of most cross-document coreference systems: mentions are then only
    compared inside a group of documents that tell the same story.
    """
    if not vectors:
        return {}
    documents = [GivenMention(doc, doc, "", "", "") for doc in sorted(vectors)]
    position = {doc.article_id: i for i, doc in enumerate(documents)}
    matrix = np.array([vectors[doc.article_id] for doc in documents], dtype=float).reshape(len(documents), -1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    unit = matrix / np.where(norms == 0, 1.0, norms)
    cosines = unit @ unit.T

    def cosine(a: GivenMention, b: GivenMention) -> float:
        return float(cosines[position[a.article_id], position[b.article_id]])

    clusters = _average_link(documents, cosine, threshold, None, check_conflicts=False)
    return {m.article_id: number for number, cluster in enumerate(clusters) for m in cluster}


def _average_link(
    mentions: Sequence[GivenMention], score: PairScore, threshold: float, penalty: float | None, *, check_conflicts: bool = True
) -> list[list[GivenMention]]:
    n = len(mentions)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    # Sum of pair scores between live clusters; a conflicting pair blocks its clusters for good.
    link: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    blocked: dict[int, set[int]] = {i: set() for i in range(n)}
    heap: list[tuple[float, int, int, int, int]] = []
    for i in range(n):
        for j in range(i + 1, n):
            a, b = mentions[i], mentions[j]
            conflict = check_conflicts and given_conflict(a, b)
            if conflict and penalty is None:
                blocked[i].add(j)
                blocked[j].add(i)
                continue
            value = score(a, b) - (penalty if conflict and penalty is not None else 0.0)
            link[i][j] = link[j][i] = value
            if value >= threshold:
                heap.append((-value, i, j, 1, 1))
    heapq.heapify(heap)
    while heap:
        _, i, j, size_i, size_j = heapq.heappop(heap)
        if i not in members or j not in members or len(members[i]) != size_i or len(members[j]) != size_j:
            continue  # stale: one side has merged since
        keep, gone = i, j
        members[keep].extend(members.pop(gone))
        gone_links, gone_blocked = link.pop(gone), blocked.pop(gone)
        blocked[keep] |= gone_blocked
        blocked[keep].discard(keep)
        for other in list(link[keep].keys() | gone_links.keys()):
            if other in (keep, gone):
                continue
            link[other].pop(gone, None)
            blocked[other].discard(gone)
            if other in blocked[keep]:
                link[keep].pop(other, None)
                link[other].pop(keep, None)
                blocked[other].add(keep)
                continue
            total = link[keep].get(other, 0.0) + gone_links.get(other, 0.0)
            link[keep][other] = link[other][keep] = total
            mean = total / (len(members[keep]) * len(members[other]))
            if mean >= threshold:
                first, second = min(keep, other), max(keep, other)
                heapq.heappush(heap, (-mean, first, second, len(members[first]), len(members[second])))
        link[keep].pop(gone, None)
        for other in gone_blocked:
            if other in blocked:
                blocked[other].discard(gone)
                blocked[other].add(keep)
    return [[mentions[i] for i in sorted(group)] for _, group in sorted(members.items())]
