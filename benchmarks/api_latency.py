"""Latency of ``crisislens serve`` on a large database: the dashboard's requests, with N concurrent clients.

Usage (from the repository root)::

    .venv/bin/python benchmarks/api_latency.py --events 100000 --clients 1
    .venv/bin/python benchmarks/api_latency.py --events 100000 --clients 50 --requests 100 --rounds 3

It ingests the bundled sample corpus into a temporary DuckDB file, replicates its events
(new ids, dates spread over ~4 years, the same mentions) until there are ``--events`` of
them, starts a real ``crisislens serve`` on a loopback port and, ``--rounds`` times over,
sends each endpoint ``--requests`` GET requests from ``--clients`` threads (one connection
each). Bounded: at most rounds x endpoints x requests requests, and none sent after
``--max-seconds``. A request is an error when it fails or answers anything but 200.
The server's RSS is sampled every 0.2 s: memory is steady when the last round ends
within 10% of the first. It prints p50/p99 per endpoint (over all rounds), errors, the RSS
at the end of each round, and as its last line one JSON object.
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
from dataclasses import dataclass, field
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


def rss_mb(pid: int, key: str = "VmRSS") -> float:
    """The process's resident memory (``VmHWM``: its peak), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) / 1024
    return 0.0


class MemorySampler(threading.Thread):
    """Samples a process's RSS every ``interval`` seconds until stopped."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.samples: list[float] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            self.samples.append(rss_mb(self.pid))


@dataclass
class Tally:
    """One endpoint's requests over all rounds."""

    timings_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_kinds: set[str] = field(default_factory=set)


def load(base: str, requests: int, clients: int, rounds: int, deadline: float, event_id: str, server_pid: int) -> tuple[dict[str, Tally], list[float], int]:
    """Every endpoint, ``rounds`` times over: the tallies, the server's RSS at the end of each round, requests not sent."""
    tallies = {name: Tally() for name in ENDPOINTS}
    local = threading.local()
    lock = threading.Lock()
    opened: list[httpx.Client] = []
    round_rss: list[float] = []
    unsent = 0

    def client() -> httpx.Client:  # one keep-alive connection per client thread
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=base, timeout=60)
            with lock:
                opened.append(local.client)
        return local.client

    def one(name: str, url: str) -> None:
        started = time.perf_counter()
        try:
            status = client().get(url).status_code
            problem = None if status == 200 else f"HTTP {status}"
        except httpx.HTTPError as error:
            problem = type(error).__name__
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            tally = tallies[name]
            tally.timings_ms.append(elapsed)
            if problem:
                tally.errors += 1
                tally.error_kinds.add(problem)

    with ThreadPoolExecutor(clients) as pool:
        for _ in range(rounds):
            for name, path in ENDPOINTS.items():
                url = path.format(event_id=event_id)
                if time.monotonic() > deadline:
                    unsent += requests
                    continue
                list(pool.map(lambda _: one(name, url), range(requests)))
            round_rss.append(rss_mb(server_pid))
    for connection in opened:
        connection.close()
    return tallies, round_rss, unsent


def summarise(tallies: dict[str, Tally]) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    for name, tally in tallies.items():
        timings = sorted(tally.timings_ms)
        if not timings:
            continue
        results[name] = {
            "requests": len(timings),
            "p50_ms": round(statistics.median(timings), 1),
            "p99_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.99))], 1),
            "errors": tally.errors,
        }
        kinds = f" ({', '.join(sorted(tally.error_kinds))})" if tally.error_kinds else ""
        print(f"{name:22} {len(timings):6} requests   p50 {results[name]['p50_ms']:8.1f} ms   p99 {results[name]['p99_ms']:8.1f} ms   "
              f"errors {tally.errors}{kinds}", flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30, help="requests per endpoint and round")
    parser.add_argument("--clients", type=int, default=1, help="concurrent clients")
    parser.add_argument("--rounds", type=int, default=1, help="times over every endpoint (memory is compared between rounds)")
    parser.add_argument("--max-seconds", type=float, default=900, help="send no request after this long")
    parser.add_argument("--port", type=int, default=8931)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "big.duckdb"
        started = time.perf_counter()
        build_database(db, args.events)
        print(f"built a database of {args.events} events in {time.perf_counter() - started:.1f} s", flush=True)
        event_id = duckdb.connect(str(db), read_only=True).execute("SELECT event_id FROM events ORDER BY num_articles DESC LIMIT 1").fetchone()[0]
        # Loopback only: the server listens on 127.0.0.1 (its default) and nothing else is contacted.
        server = subprocess.Popen([sys.executable, "-m", "crisislens", "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(args.port)],
                                  stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{args.port}"
        memory = MemorySampler(server.pid)
        try:
            for _ in range(300):
                try:
                    if httpx.get(f"{base}/api/stats").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.2)
            for path in ENDPOINTS.values():  # warm-up: first queries, caches
                httpx.get(base + path.format(event_id=event_id), timeout=60)
            memory.start()
            started = time.perf_counter()
            tallies, round_rss, unsent = load(base, args.requests, args.clients, args.rounds, time.monotonic() + args.max_seconds, event_id, server.pid)
            elapsed = time.perf_counter() - started
            memory.stopped.set()
            peak = rss_mb(server.pid, "VmHWM")
        finally:
            server.terminate()
            server.wait()
    results = summarise(tallies)
    served = sum(r["requests"] for r in results.values())
    errors = sum(r["errors"] for r in results.values())
    steady = round_rss[-1] <= 1.1 * round_rss[0]
    print(f"{served} requests in {elapsed:.0f} s ({served / elapsed:.1f}/s), {errors} errors, {unsent} not sent (time limit)")
    samples = memory.samples or round_rss
    print(f"server RSS at the end of each round: {', '.join(f'{r:.0f}' for r in round_rss)} MB; sampled min {min(samples):.0f}, "
          f"max {max(samples):.0f} MB; peak {peak:.0f} MB; {'steady' if steady else 'GROWING'}")
    print(json.dumps({"events": args.events, "clients": args.clients, "requests_per_endpoint": args.requests, "rounds": args.rounds,
                      "served": served, "errors": errors, "unsent": unsent, "seconds": round(elapsed, 1),
                      "rss_mb_per_round": [round(r) for r in round_rss], "peak_rss_mb": round(peak), "memory_steady": steady,
                      "endpoints": results}))


if __name__ == "__main__":
    main()
