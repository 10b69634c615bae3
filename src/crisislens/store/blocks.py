"""Merge blocks: the groups of mentions that may merge only among themselves.

Every mention carries ``events.merge_block``: its action class, the days its matches must
reach, and the person it reports killed. DuckDB sorts the mentions of each class by day and
cuts them where no reach overlaps the next (a window); windows holding killings of one
person are joined into one block. No two mentions in different blocks can ever merge, so
blocks dealt into parts can be merged one part at a time (``Store.rebuild_events``) or one
part per worker (``crisislens.distributed``), with the events of one global merge.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence

# Numbers each mention's window; reads a relation ``{source}`` with the columns
# (mention_id, article_id, kind, reach_start, reach_end, killed).
WINDOWS_QUERY = """
CREATE TEMP TABLE windows AS
WITH keyed AS (
    SELECT mention_id, article_id, kind, reach_start, reach_end, killed,
           max(reach_end) OVER (PARTITION BY kind ORDER BY reach_start, reach_end, mention_id
                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reached
    FROM {source})
SELECT mention_id, article_id, kind, killed,
       sum(CASE WHEN reach_start <= reached THEN 0 ELSE 1 END)
           OVER (PARTITION BY kind ORDER BY reach_start, reach_end, mention_id ROWS UNBOUNDED PRECEDING) AS window_no
FROM keyed
"""
WINDOW_SIZES_QUERY = "SELECT kind, window_no, count(*) FROM windows GROUP BY ALL ORDER BY ALL"
KILLINGS_QUERY = (
    "SELECT kind, list(DISTINCT window_no ORDER BY window_no) FROM windows WHERE killed IS NOT NULL GROUP BY kind, killed ORDER BY ALL"
)


def assign_parts(windows: Sequence[tuple[str, int, int]], killings: Sequence[tuple[str, list[int]]], parts: int) -> list[tuple[str, int, int]]:
    """(kind, window, part) for every window: windows joined by a killed person share a block,
    and blocks are dealt largest first to the emptiest part.

    ``windows``: (kind, window number, mentions); ``killings``: (kind, the windows with killings of one person).
    """
    root: dict[tuple[str, int], tuple[str, int]] = {(kind, number): (kind, number) for kind, number, _ in windows}

    def find(key: tuple[str, int]) -> tuple[str, int]:
        while root[key] != key:
            root[key] = root[root[key]]
            key = root[key]
        return key

    for kind, numbers in killings:
        first = find((kind, numbers[0]))
        for number in numbers[1:]:
            other = find((kind, number))
            if other != first:
                root[max(first, other)] = min(first, other)
                first = min(first, other)
    sizes: Counter[tuple[str, int]] = Counter()
    for kind, number, count in windows:
        sizes[find((kind, number))] += count
    load = [(0, part) for part in range(parts)]
    part_of: dict[tuple[str, int], int] = {}
    for block, size in sorted(sizes.items(), key=lambda item: (-item[1], item[0])):
        used, part = heapq.heappop(load)
        part_of[block] = part
        heapq.heappush(load, (used + size, part))
    return [(kind, number, part_of[find((kind, number))]) for kind, number, _ in windows]
