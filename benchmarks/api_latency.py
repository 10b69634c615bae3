"""Latency of ``crisislens serve`` on a large database: the dashboard's requests, with N concurrent clients.

Usage (from the repository root)::

    .venv/bin/python benchmarks/api_latency.py --events 100000 --clients 1
    .venv/bin/python benchmarks/api_latency.py --events 100000 --clients 50 --requests 40

It ingests the bundled sample corpus into a temporary DuckDB file, replicates its events
(new ids, dates spread over ~4 years, the same mentions) until there are ``--events`` of
them, starts a real ``crisislens serve`` on a loopback port and sends each endpoint
``--requests`` GET requests from ``--clients`` threads. It prints p50/p99 per endpoint,
errors, the server's peak RSS, and as its last line one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import httpx

ENDPOINTS = {
    "stats": "/api/stats",
    "events page": "/api/events?limit=50&sort=-date",
    "events by actor": "/api/events?actor=Iran&limit=50",
    "events text search": "/api/events?q=rocket&limit=50",
    "events in bbox": "/api/events?bbox=43,32,46,35&limit=50",
    "event detail": "/api/events/{event_id}",
    "timeline by week": "/api/timeline?by=week",
    "escalation by week": "/api/escalation?by=week&country=IRQ",
    "network": "/api/network?limit=100",
    "map": "/api/map",
    "actors": "/api/actors?limit=50",
}


def build_database(path: Path, events: int) -> None:
    subprocess.run([sys.executable, "-m", "crisislens", "ingest", "--sample", "--db", str(path)], check=True, capture_output=True)
    with duckdb.connect(str(path)) as db:
        base = db.execute("SELECT count(*) FROM events").fetchone()[0]
        copies = max(0, -(-events // base) - 1)
        db.execute("CREATE TEMP TABLE original AS SELECT * FROM events")
        db.execute("CREATE TEMP TABLE original_members AS SELECT * FROM event_mentions")
        for copy in range(1, copies + 1):
            db.execute(
                "INSERT INTO events SELECT * REPLACE ("
                " substr(md5(event_id || ?), 1, 16) AS event_id,"
                " date + CAST(? AS INTEGER) AS date,"
                " json_merge_patch(record, json_object('event_id', substr(md5(event_id || ?), 1, 16))) AS record"
                ") FROM original",
                [str(copy), (copy * 3) % 1500, str(copy)],
            )
            db.execute("INSERT INTO event_mentions SELECT substr(md5(event_id || ?), 1, 16), mention_id FROM original_members", [str(copy)])
        db.execute("DELETE FROM events WHERE rowid IN (SELECT rowid FROM events ORDER BY event_id OFFSET ?)", [events])


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run(base: str, requests: int, clients: int, event_id: str) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    with httpx.Client(base_url=base, timeout=60) as client, ThreadPoolExecutor(clients) as pool:
        for name, path in ENDPOINTS.items():
            url = path.format(event_id=event_id)
            client.get(url)  # warm-up
            errors = 0
            lock = threading.Lock()

            def one(_: int) -> float:
                nonlocal errors
                started = time.perf_counter()
                status = client.get(url).status_code
                if status != 200:
                    with lock:
                        errors += 1
                return (time.perf_counter() - started) * 1000

            timings = sorted(pool.map(one, range(requests)))
            results[name] = {
                "p50_ms": round(statistics.median(timings), 1),
                "p99_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.99))], 1),
                "errors": errors,
            }
            print(f"{name:22} p50 {results[name]['p50_ms']:8.1f} ms   p99 {results[name]['p99_ms']:8.1f} ms   errors {errors}", flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30, help="requests per endpoint")
    parser.add_argument("--clients", type=int, default=1, help="concurrent clients")
    parser.add_argument("--port", type=int, default=8931)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "big.duckdb"
        started = time.perf_counter()
        build_database(db, args.events)
        print(f"built a database of {args.events} events in {time.perf_counter() - started:.1f} s", flush=True)
        event_id = duckdb.connect(str(db), read_only=True).execute("SELECT event_id FROM events ORDER BY num_articles DESC LIMIT 1").fetchone()[0]
        server = subprocess.Popen([sys.executable, "-m", "crisislens", "serve", "--db", str(db), "--port", str(args.port)], stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{args.port}"
        try:
            for _ in range(300):
                try:
                    if httpx.get(f"{base}/api/stats").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.2)
            results = run(base, args.requests, args.clients, event_id)
            rss = peak_rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait()
    print(f"server peak RSS {rss:.0f} MB")
    print(json.dumps({"events": args.events, "clients": args.clients, "requests_per_endpoint": args.requests,
                      "peak_rss_mb": round(rss), "endpoints": results}))


if __name__ == "__main__":
    main()
