"""Coreference scores of a clustering against gold clusters: MUC, B³, CEAF-e and their CoNLL mean.

The standard definitions as the reference CoNLL scorer computes them (Pradhan et al. 2014):

* MUC (Vilain et al. 1995), link-based: recall is ``Σ(|K| - |p(K)|) / Σ(|K| - 1)`` over the key
  clusters ``K``, where ``p(K)`` partitions ``K`` by the response (a key item missing from the
  response is a part of its own); precision swaps key and response. Singletons add nothing.
* B³ (Bagga and Baldwin 1998), item-based: recall is ``Σ_K Σ_R |K∩R|² / |K|`` over all key items,
  precision ``Σ_R Σ_K |K∩R|² / |R|`` over all response items.
* CEAF-e (Luo 2005), entity-based: the one-to-one alignment of key and response clusters that
  maximises ``Σ φ4(K, R) = 2|K∩R| / (|K| + |R|)``; recall divides it by the number of key clusters,
  precision by the number of response clusters.
* CoNLL F1: the unweighted mean of the three F1 scores.

Items are any hashable ids; each cluster is a set of them. An item must not be in two clusters of
one side (the key or the response).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from crisislens.evaluate.metrics import f1, share

Cluster = frozenset[Hashable]


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def as_json(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True, slots=True)
class CorefScores:
    muc: PRF
    b3: PRF
    ceafe: PRF
    items: int
    key_clusters: int
    response_clusters: int

    @property
    def conll_f1(self) -> float:
        return (self.muc.f1 + self.b3.f1 + self.ceafe.f1) / 3

    def as_json(self) -> dict[str, Any]:
        return {
            "conll_f1": round(self.conll_f1, 4),
            "muc": self.muc.as_json(),
            "b3": self.b3.as_json(),
            "ceafe": self.ceafe.as_json(),
            "items": self.items,
            "key_clusters": self.key_clusters,
            "response_clusters": self.response_clusters,
        }


def clusters_from_labels(labels: Mapping[Hashable, Hashable]) -> list[Cluster]:
    """Clusters from an item → cluster-label map (e.g. article id → incident id)."""
    groups: dict[Hashable, set[Hashable]] = defaultdict(set)
    for item, label in labels.items():
        groups[label].add(item)
    return [frozenset(group) for group in groups.values()]


def _normalise(clusters: Iterable[Collection[Hashable]], side: str) -> list[Cluster]:
    result = [frozenset(c) for c in clusters if c]
    seen: set[Hashable] = set()
    for cluster in result:
        if seen & cluster:
            raise ValueError(f"{side}: item {next(iter(seen & cluster))!r} is in two clusters")
        seen |= cluster
    return result


def _index(clusters: Sequence[Cluster]) -> dict[Hashable, int]:
    return {item: i for i, cluster in enumerate(clusters) for item in cluster}


def muc(key: Sequence[Cluster], response: Sequence[Cluster]) -> PRF:
    return PRF(_muc_recall(response, key), _muc_recall(key, response))


def _muc_recall(key: Sequence[Cluster], response: Sequence[Cluster]) -> float:
    where = _index(response)
    numerator = denominator = 0
    for cluster in key:
        parts = len({where.get(item, ("alone", item)) for item in cluster})
        numerator += len(cluster) - parts
        denominator += len(cluster) - 1
    return share(numerator, denominator)


def b_cubed(key: Sequence[Cluster], response: Sequence[Cluster]) -> PRF:
    return PRF(_b3_recall(response, key), _b3_recall(key, response))


def _b3_recall(key: Sequence[Cluster], response: Sequence[Cluster]) -> float:
    where = _index(response)
    total = 0.0
    items = 0
    for cluster in key:
        overlaps: dict[int, int] = defaultdict(int)
        for item in cluster:
            if item in where:
                overlaps[where[item]] += 1
        total += sum(n * n for n in overlaps.values()) / len(cluster)
        items += len(cluster)
    return share(total, items)


def ceaf_e(key: Sequence[Cluster], response: Sequence[Cluster]) -> PRF:
    """CEAF with the entity similarity φ4, the best alignment found per connected group of clusters."""
    where = _index(response)
    similarity: dict[tuple[int, int], float] = {}
    for k, cluster in enumerate(key):
        overlaps: dict[int, int] = defaultdict(int)
        for item in cluster:
            if item in where:
                overlaps[where[item]] += 1
        for r, shared in overlaps.items():
            similarity[k, r] = 2 * shared / (len(cluster) + len(response[r]))
    total = sum(_best_alignment(block) for block in _blocks(similarity))
    precision = share(total, len(response))
    recall = share(total, len(key))
    return PRF(precision, recall)


def _blocks(similarity: Mapping[tuple[int, int], float]) -> list[dict[tuple[int, int], float]]:
    """The similarity pairs split into connected components (clusters that share no item never align usefully)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for k, r in similarity:
        a, b = find(("k", k)), find(("r", r))
        if a != b:
            parent[a] = b
    blocks: dict[tuple[str, int], dict[tuple[int, int], float]] = defaultdict(dict)
    for (k, r), value in similarity.items():
        blocks[find(("k", k))][k, r] = value
    return list(blocks.values())


def _best_alignment(block: Mapping[tuple[int, int], float]) -> float:
    rows = sorted({k for k, _ in block})
    cols = sorted({r for _, r in block})
    if len(rows) == 1 or len(cols) == 1:
        return max(block.values())
    matrix = np.zeros((len(rows), len(cols)))
    row_of = {k: i for i, k in enumerate(rows)}
    col_of = {r: j for j, r in enumerate(cols)}
    for (k, r), value in block.items():
        matrix[row_of[k], col_of[r]] = value
    if matrix.shape[0] > matrix.shape[1]:
        matrix = matrix.T
    assignment = hungarian_min(-matrix)
    return float(sum(matrix[i, j] for i, j in enumerate(assignment)))


def hungarian_min(cost: np.ndarray) -> list[int]:
    """The column of each row in a minimum-cost assignment of an n×m cost matrix with n <= m.

    The O(n²m) shortest-augmenting-path form of the Hungarian method, its inner loop over
    columns done by numpy.
    """
    n, m = cost.shape
    if n > m:
        raise ValueError("hungarian_min needs no more rows than columns")
    u = np.zeros(n + 1)
    v = np.zeros(m + 1)
    match = np.zeros(m + 1, dtype=int)  # match[j]: the row (1-based) assigned to column j; column 0 is a sentinel
    way = np.zeros(m + 1, dtype=int)
    for i in range(1, n + 1):
        match[0] = i
        j0 = 0
        minv = np.full(m + 1, np.inf)
        used = np.zeros(m + 1, dtype=bool)
        while True:
            used[j0] = True
            i0 = match[j0]
            free = ~used[1:]
            reduced = cost[i0 - 1] - u[i0] - v[1:]
            better = free & (reduced < minv[1:])
            minv[1:][better] = reduced[better]
            way[1:][better] = j0
            candidates = np.where(free, minv[1:], np.inf)
            j1 = int(np.argmin(candidates)) + 1
            delta = candidates[j1 - 1]
            used_cols = np.flatnonzero(used)
            u[match[used_cols]] += delta
            v[used_cols] -= delta
            minv[1:][free] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    assignment = [0] * n
    for j in range(1, m + 1):
        if match[j]:
            assignment[match[j] - 1] = j - 1
    return assignment


def score_clusters(key: Iterable[Collection[Hashable]], response: Iterable[Collection[Hashable]]) -> CorefScores:
    """MUC, B³ and CEAF-e of ``response`` against ``key``.

    Example:
        >>> score_clusters([{"a", "b"}, {"c"}], [{"a", "b", "c"}]).b3.recall
        1.0
    """
    gold = _normalise(key, "key")
    predicted = _normalise(response, "response")
    items = len(set().union(*gold)) if gold else 0
    return CorefScores(muc(gold, predicted), b_cubed(gold, predicted), ceaf_e(gold, predicted), items, len(gold), len(predicted))
