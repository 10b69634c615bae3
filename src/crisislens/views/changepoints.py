"""Where a conflict–cooperation series shifts: weighted binary segmentation of its mean.

Each period's index is the mean Goldstein score of ``n`` events, so its noise variance is
``sigma² / n`` with ``sigma²`` the per-event variance. A split is kept when it explains more
weighted squared error than a BIC-style penalty ``2 · sigma² · ln(N)``: a busy period counts
for more, a period with one stray event cannot make a change point on its own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ChangePoint:
    index: int  # the first period of the new regime
    before: float  # weighted mean index of the segment before
    after: float  # and after

    @property
    def direction(self) -> str:
        return "escalation" if self.after < self.before else "de-escalation"


def change_points(values: Sequence[float], weights: Sequence[float], event_variance: float, *, min_size: int = 2) -> list[ChangePoint]:
    """The mean shifts in ``values`` (per-period means of ``weights`` events each), in order."""
    if len(values) != len(weights):
        raise ValueError("values and weights must have the same length")
    sums = _PrefixSums(values, weights)
    if sums.weight(0, len(values)) <= 1 or event_variance <= 0:
        return []
    penalty = 2.0 * event_variance * math.log(sums.weight(0, len(values)))
    splits: list[int] = []
    _segment(sums, 0, len(values), penalty, min_size, splits)
    splits.sort()
    bounds = [0, *splits, len(values)]
    return [ChangePoint(split, sums.mean(bounds[i], split), sums.mean(split, bounds[i + 2])) for i, split in enumerate(splits)]


class _PrefixSums:
    """Weighted sums over any slice in O(1), so a segment's squared error costs nothing to recompute."""

    def __init__(self, values: Sequence[float], weights: Sequence[float]) -> None:
        self._w, self._wx, self._wxx = [0.0], [0.0], [0.0]
        for value, weight in zip(values, weights):
            self._w.append(self._w[-1] + weight)
            self._wx.append(self._wx[-1] + weight * value)
            self._wxx.append(self._wxx[-1] + weight * value * value)

    def weight(self, start: int, end: int) -> float:
        return self._w[end] - self._w[start]

    def mean(self, start: int, end: int) -> float:
        weight = self.weight(start, end)
        return (self._wx[end] - self._wx[start]) / weight if weight else 0.0

    def sse(self, start: int, end: int) -> float:
        weight = self.weight(start, end)
        if not weight:
            return 0.0
        total = self._wx[end] - self._wx[start]
        return max(0.0, self._wxx[end] - self._wxx[start] - total * total / weight)


def _segment(sums: _PrefixSums, start: int, end: int, penalty: float, min_size: int, found: list[int]) -> None:
    whole = sums.sse(start, end)
    best_gain, best_split = 0.0, None
    for split in range(start + min_size, end - min_size + 1):
        gain = whole - sums.sse(start, split) - sums.sse(split, end)
        if gain > best_gain:
            best_gain, best_split = gain, split
    if best_split is None or best_gain <= penalty:
        return
    found.append(best_split)
    _segment(sums, start, best_split, penalty, min_size, found)
    _segment(sums, best_split, end, penalty, min_size, found)
