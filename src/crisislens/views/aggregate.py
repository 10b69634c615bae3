"""Aggregate views over the stored events: timeline, escalation index, actor network, map, actor counterparts.

Every view is computed in DuckDB from the events table (each real-world event once, however
many articles report it), so it stays fast with hundreds of thousands of events.
"""

from __future__ import annotations

from typing import Any, Literal

from crisislens.store.duckdb import EventFilter, Store, event_clauses
from crisislens.views.changepoints import change_points

Period = Literal["day", "week", "month"]
PERIODS: tuple[Period, ...] = ("day", "week", "month")
# CAMEO quad classes 3 and 4 are verbal and material conflict; 1 and 2 cooperation.
_CONFLICT = "quad_class >= 3"


def _filtered(where: EventFilter, *extra: str) -> tuple[str, list[Any]]:
    clauses, params = event_clauses(where)
    clauses = [*extra, *clauses]
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _check_period(by: str) -> None:
    if by not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {by!r}")


def timeline(store: Store, where: EventFilter, by: Period = "day") -> list[dict[str, Any]]:
    """Dated events per period (the period's first day): events, fatalities and the articles reporting them."""
    _check_period(by)
    condition, params = _filtered(where, "date IS NOT NULL")
    return store.fetch(
        "SELECT CAST(date_trunc(?, date) AS DATE) AS period, count(*) AS events, "
        "CAST(coalesce(sum(fatalities), 0) AS INTEGER) AS fatalities, CAST(sum(num_articles) AS INTEGER) AS articles "
        f"FROM events{condition} GROUP BY period ORDER BY period",
        [by, *params],
    )


def escalation(store: Store, where: EventFilter, by: Period = "week") -> dict[str, list[dict[str, Any]]]:
    """The conflict–cooperation index per period and where it shifts.

    The index is the mean Goldstein score of the period's events (−10 … 10). Each event counts
    once, not once per article, so heavy coverage of one strike does not look like an
    escalation; ``conflict_share`` is the share of conflict events. Change points come from
    ``changepoints.change_points`` weighted by each period's event count.
    """
    _check_period(by)
    condition, params = _filtered(where, "date IS NOT NULL", "goldstein IS NOT NULL")
    series = store.fetch(
        "SELECT CAST(date_trunc(?, date) AS DATE) AS period, count(*) AS events, round(avg(goldstein), 3) AS index, "
        f"round(avg(CASE WHEN {_CONFLICT} THEN 1.0 ELSE 0.0 END), 3) AS conflict_share "
        f"FROM events{condition} GROUP BY period ORDER BY period",
        [by, *params],
    )
    variance = store.fetch(f"SELECT coalesce(var_samp(goldstein), 0) AS variance FROM events{condition}", params)[0]["variance"]
    shifts = change_points([row["index"] for row in series], [row["events"] for row in series], variance)
    return {
        "series": series,
        "change_points": [
            {"period": series[shift.index]["period"], "before": round(shift.before, 3), "after": round(shift.after, 3), "direction": shift.direction}
            for shift in shifts
        ],
    }


def network(store: Store, where: EventFilter, *, min_events: int = 1, limit: int = 100) -> dict[str, list[dict[str, Any]]]:
    """Actor-to-actor dyads (directed, source → target) with event counts and mean Goldstein score."""
    condition, params = _filtered(where, "source_actor_id IS NOT NULL", "target_actor_id IS NOT NULL", "source_actor_id <> target_actor_id")
    edges = store.fetch(
        "SELECT source_actor_id AS source, target_actor_id AS target, count(*) AS events, round(avg(goldstein), 3) AS mean_goldstein, "
        f"CAST(count(*) FILTER (WHERE {_CONFLICT}) AS INTEGER) AS conflict, CAST(count(*) FILTER (WHERE NOT {_CONFLICT}) AS INTEGER) AS cooperation "
        f"FROM events{condition} GROUP BY source, target HAVING count(*) >= ? ORDER BY events DESC, source, target LIMIT ?",
        [*params, min_events, limit],
    )
    ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    nodes = store.fetch(
        "SELECT actor_id AS id, name, country, type FROM actors WHERE actor_id IN (SELECT unnest(?)) ORDER BY actor_id", [ids]
    )
    degree: dict[str, int] = {}
    for edge in edges:
        for end in (edge["source"], edge["target"]):
            degree[end] = degree.get(end, 0) + edge["events"]
    known = {node["id"] for node in nodes}
    nodes += [{"id": i, "name": i, "country": None, "type": None} for i in ids if i not in known]
    for node in nodes:
        node["events"] = degree[node["id"]]
    return {"nodes": nodes, "edges": edges}


def map_summary(store: Store, where: EventFilter, *, limit: int = 2000) -> dict[str, list[dict[str, Any]]]:
    """Events per location country, and per named place with coordinates (the busiest ``limit`` places)."""
    condition, params = _filtered(where, "location_country IS NOT NULL")
    countries = store.fetch(
        "SELECT location_country AS country, count(*) AS events, CAST(coalesce(sum(fatalities), 0) AS INTEGER) AS fatalities "
        f"FROM events{condition} GROUP BY country ORDER BY events DESC, country",
        params,
    )
    condition, params = _filtered(where, "location_lat IS NOT NULL", "location_lon IS NOT NULL")
    points = store.fetch(
        "SELECT location_name AS name, round(avg(location_lat), 4) AS lat, round(avg(location_lon), 4) AS lon, "
        "any_value(location_country) AS country, count(*) AS events, CAST(coalesce(sum(fatalities), 0) AS INTEGER) AS fatalities, "
        "list(event_id ORDER BY num_articles DESC, event_id)[1:20] AS event_ids "
        f"FROM events{condition} GROUP BY location_name, round(location_lat, 2), round(location_lon, 2) "
        "ORDER BY events DESC, name LIMIT ?",
        [*params, limit],
    )
    return {"countries": countries, "points": points}


def counterparts(store: Store, actor_id: str, *, limit: int = 50) -> list[dict[str, Any]]:
    """The actors ``actor_id`` has events with (either direction), most events first."""
    return store.fetch(
        "WITH pairs AS ("
        " SELECT target_actor_id AS other, goldstein FROM events WHERE source_actor_id = ? AND target_actor_id IS NOT NULL"
        " UNION ALL SELECT source_actor_id, goldstein FROM events WHERE target_actor_id = ? AND source_actor_id IS NOT NULL) "
        "SELECT p.other AS actor_id, coalesce(any_value(a.name), p.other) AS name, any_value(a.country) AS country, "
        "count(*) AS events, round(avg(p.goldstein), 3) AS mean_goldstein "
        "FROM pairs p LEFT JOIN actors a ON a.actor_id = p.other WHERE p.other <> ? "
        "GROUP BY p.other ORDER BY events DESC, actor_id LIMIT ?",
        [actor_id, actor_id, actor_id, limit],
    )


def actor_event_counts(store: Store, actor_ids: list[str]) -> dict[str, int]:
    """How many events each actor is the source or target of."""
    rows = store.fetch(
        "SELECT ids.actor_id, count(*) AS events FROM (SELECT unnest(?) AS actor_id) ids "
        "JOIN events e ON e.source_actor_id = ids.actor_id OR e.target_actor_id = ids.actor_id GROUP BY ids.actor_id",
        [actor_ids],
    )
    return {row["actor_id"]: row["events"] for row in rows}


def date_range(store: Store) -> tuple[Any, Any]:
    """The first and last event date in the store."""
    row = store.fetch("SELECT min(date) AS first, max(date) AS last FROM events")[0]
    return row["first"], row["last"]
