"""Merge blocks: the groups of mentions that may merge only among themselves.

Every mention carries ``events.merge_block``: its action class, the days its matches must
reach, and the person it reports killed. DuckDB sorts the mentions of each class by day and
cuts them where no reach overlaps the next (a window); windows holding killings of one
person are joined into one block, up to ``BLOCK_MENTIONS`` mentions. No two mentions in
different blocks can ever merge, so blocks dealt into parts (of at most ``PART_MENTIONS``
mentions unless one block alone holds more) can be merged one part at a time
(``Store.rebuild_events``) or one part per worker (``crisislens.distributed``), with the events
of one global merge.

On a continuous news stream the reaches overlap day after day and one window would hold a
whole class: a window of more than ``WINDOW_MENTIONS`` mentions is cut at the day boundaries
the fewest reaches run across (``cut_days``). Reports on both sides of such a cut can no longer
merge; this bounds the merge's memory and time per part, whatever the corpus size. So does
``BLOCK_MENTIONS`` for the killings: a killing still reported months later would otherwise join
window after window into one block as the stream grows; a join that would pass the cap is left
out, and those reports of the killing stay apart.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import Counter
from collections.abc import Sequence
from datetime import date

import duckdb

WINDOW_MENTIONS = 10_000  # a window holding more mentions is cut: the merge's memory grows with a part's mentions
PART_MENTIONS = 10_000  # mentions merged at once, about (a part of 10,000 GVA mentions measured ~1.2 GB)
BLOCK_MENTIONS = PART_MENTIONS  # windows joined by killings of one person: no block outgrows a part

# Numbers each mention's window; reads a relation ``{source}`` with the columns
# (mention_id, article_id, kind, reach_start, reach_end, killed).
WINDOWS_QUERY = """
CREATE OR REPLACE TEMP TABLE windows AS
WITH keyed AS (
    SELECT mention_id, article_id, kind, reach_start, reach_end, killed,
           max(reach_end) OVER (PARTITION BY kind ORDER BY reach_start, reach_end, mention_id
                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reached
    FROM {source})
SELECT mention_id, article_id, kind, reach_start, reach_end, killed,
       sum(CASE WHEN reach_start <= reached THEN 0 ELSE 1 END)
           OVER (PARTITION BY kind ORDER BY reach_start, reach_end, mention_id ROWS UNBOUNDED PRECEDING) AS window_no
FROM keyed
"""
# Renumbers the windows of ``windows`` after cutting them at the days in ``window_cuts``.
CUT_WINDOWS_QUERY = """
CREATE OR REPLACE TEMP TABLE windows AS
SELECT mention_id, article_id, kind, reach_start, reach_end, killed,
       dense_rank() OVER (PARTITION BY kind ORDER BY window_no, piece) AS window_no
FROM (SELECT w.*, (SELECT count(*) FROM window_cuts c WHERE c.kind = w.kind AND c.window_no = w.window_no AND c.cut <= w.reach_start) AS piece
      FROM windows w)
"""
WINDOW_SIZES_QUERY = "SELECT kind, window_no, count(*) FROM windows GROUP BY ALL ORDER BY ALL"
KILLINGS_QUERY = (
    "SELECT kind, list(DISTINCT window_no ORDER BY window_no) FROM windows WHERE killed IS NOT NULL GROUP BY kind, killed ORDER BY ALL"
)


def part_count(mentions: int, part_mentions: int = PART_MENTIONS, at_least: int = 1) -> int:
    """How many parts to merge ``mentions`` in: at least ``at_least``, of about ``part_mentions`` mentions each."""
    return max(at_least, math.ceil(mentions / part_mentions))


def assign_parts(
    windows: Sequence[tuple[str, int, int]],
    killings: Sequence[tuple[str, list[int]]],
    at_least: int = 1,
    part_mentions: int = PART_MENTIONS,
    cap: int = BLOCK_MENTIONS,
) -> tuple[list[tuple[str, int, int]], int]:
    """(kind, window, part) for every window, and the number of parts: windows joined by a killed
    person share a block (in the order of ``killings``, no join making a block of more than ``cap``
    mentions), and blocks are dealt largest first to the emptiest of ``part_count`` parts, or to a
    new part when they would take it over ``part_mentions`` mentions.

    ``windows``: (kind, window number, mentions); ``killings``: (kind, the windows with killings of one person).
    """
    root: dict[tuple[str, int], tuple[str, int]] = {(kind, number): (kind, number) for kind, number, _ in windows}
    sizes: Counter[tuple[str, int]] = Counter({(kind, number): count for kind, number, count in windows})  # of each block, at its root

    def find(key: tuple[str, int]) -> tuple[str, int]:
        while root[key] != key:
            root[key] = root[root[key]]
            key = root[key]
        return key

    for kind, numbers in killings:
        for number in numbers[1:]:
            first, other = find((kind, numbers[0])), find((kind, number))
            if other != first and sizes[first] + sizes[other] <= cap:
                low, high = min(first, other), max(first, other)
                root[high] = low
                sizes[low] += sizes.pop(high)
    parts = part_count(sum(count for *_, count in windows), part_mentions, at_least)
    load = [(0, part) for part in range(parts)]
    part_of: dict[tuple[str, int], int] = {}
    for block, size in sorted(sizes.items(), key=lambda item: (-item[1], item[0])):
        used, part = heapq.heappop(load)
        if used and used + size > part_mentions:  # the emptiest part is too full: so is every other
            heapq.heappush(load, (used, part))
            used, part = 0, parts
            parts += 1
        part_of[block] = part
        heapq.heappush(load, (used + size, part))
    return [(kind, number, part_of[find((kind, number))]) for kind, number, _ in windows], parts


def number_windows(db: duckdb.DuckDBPyConnection, source: str, cap: int = WINDOW_MENTIONS) -> None:
    """Create the temporary table ``windows``: each mention of ``source`` with its window, no window
    over ``cap`` mentions unless one day's mentions alone fill it. ``source`` is a relation with the columns
    (mention_id, article_id, kind, reach_start, reach_end, killed)."""
    db.execute(WINDOWS_QUERY.format(source=source))
    oversized = db.execute("SELECT kind, window_no FROM windows GROUP BY ALL HAVING count(*) > ? ORDER BY ALL", [cap]).fetchall()
    cuts: list[tuple[str, int, date]] = []
    for kind, number in oversized:
        starts = db.execute(
            "SELECT reach_start, count(*) FROM windows WHERE kind = ? AND window_no = ? GROUP BY ALL ORDER BY ALL", [kind, number]
        ).fetchall()
        ends = [day for (day,) in db.execute("SELECT reach_end FROM windows WHERE kind = ? AND window_no = ? ORDER BY ALL", [kind, number]).fetchall()]
        cuts.extend((kind, number, day) for day in cut_days(starts, ends, cap))
    if cuts:
        kinds, numbers, days = (list(column) for column in zip(*cuts, strict=True))
        db.execute(
            "CREATE OR REPLACE TEMP TABLE window_cuts AS SELECT unnest(?) AS kind, unnest(?)::HUGEINT AS window_no, unnest(?)::DATE AS cut",
            [kinds, numbers, days],
        )
        db.execute(CUT_WINDOWS_QUERY)
        db.execute("DROP TABLE window_cuts")


def cut_days(starts: Sequence[tuple[date, int]], ends: Sequence[date], cap: int) -> list[date]:
    """The days to cut one window at, into pieces of at most ``cap`` mentions where the days allow.

    ``starts``: (day, mentions whose reach starts that day), in day order; ``ends``: every mention's
    last day, sorted. A cut at day d puts the mentions starting before d in one piece and the rest in
    the next; each piece ends, once it holds half of ``cap``, at the day where the fewest earlier
    reaches still run (the fewest possible merges lost), earliest on ties.
    """
    days = [day for day, _ in starts]
    before = [0]  # mentions starting before days[i]
    for _, count in starts:
        before.append(before[-1] + count)
    total = before.pop()
    running = [before[i] - bisect.bisect_left(ends, day) for i, day in enumerate(days)]  # reaches still running into days[i]
    cuts: list[date] = []
    base = 0
    while total - base > cap:
        low = bisect.bisect_left(before, base + max(1, cap // 2))
        high = bisect.bisect_right(before, base + cap)
        candidates = range(low, high) if low < high else range(low, min(low + 1, len(days)))
        if not candidates:
            break
        best = min(candidates, key=lambda i: (running[i], i))
        cuts.append(days[best])
        base = before[best]
    return cuts
