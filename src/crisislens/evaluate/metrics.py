"""Scores shared by the eval commands: matched-item precision/recall/F1 and single-label classification."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ClassScore:
    label: str
    support: int  # gold items of this class
    precision: float
    recall: float
    f1: float


def share(part: float, whole: float) -> float:
    """``part / whole``, or 0.0 when there is nothing to count: every eval score's ratio."""
    return part / whole if whole else 0.0


def f1(precision: float, recall: float) -> float:
    return share(2 * precision * recall, precision + recall)


@dataclass(slots=True)
class MatchCounts:
    """Micro-averaged counts of predicted items, gold items and matches between them."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0

    def add(self, predicted: int, gold: int, matched: int) -> None:
        self.predicted += predicted
        self.gold += gold
        self.matched += matched

    @property
    def precision(self) -> float:
        return share(self.matched, self.predicted)

    @property
    def recall(self) -> float:
        return share(self.matched, self.gold)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


NO_LABEL = "none"


@dataclass(frozen=True, slots=True)
class Classification:
    """Single-label classification scores over (gold, predicted) pairs.

    Macro F1 averages over the classes present in gold (a label only ever
    predicted costs precision elsewhere, not a class of its own); weighted F1
    weights each class by its gold support. ``NO_LABEL`` stands for "nothing predicted".
    """

    pairs: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, str]]) -> Classification:
        return cls(tuple(pairs))

    @property
    def n(self) -> int:
        return len(self.pairs)

    @property
    def accuracy(self) -> float:
        return share(sum(gold == predicted for gold, predicted in self.pairs), self.n)

    def per_class(self) -> list[ClassScore]:
        gold = Counter(g for g, _ in self.pairs)
        predicted = Counter(p for _, p in self.pairs)
        hits = Counter(g for g, p in self.pairs if g == p)
        scores = []
        for label in sorted(gold):
            precision = share(hits[label], predicted[label])
            recall = share(hits[label], gold[label])
            scores.append(ClassScore(label, gold[label], precision, recall, f1(precision, recall)))
        return scores

    @property
    def macro_f1(self) -> float:
        scores = self.per_class()
        return share(sum(s.f1 for s in scores), len(scores))

    @property
    def weighted_f1(self) -> float:
        return share(sum(s.f1 * s.support for s in self.per_class()), self.n)

    def confusions(self, top: int = 10) -> list[tuple[tuple[str, str], int]]:
        """The most frequent (gold, predicted) mistakes."""
        return Counter((g, p) for g, p in self.pairs if g != p).most_common(top)
