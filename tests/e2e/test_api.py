"""The REST API over HTTP: a real ``crisislens serve`` on the sample corpus's DuckDB file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from conftest import LiveServer, crisislens

pytestmark = pytest.mark.model

INJECTIONS = ["' OR 1=1 --", "'; DROP TABLE events; --", "%", "_", "\\", '" OR ""="', "Iran') UNION SELECT record FROM events --"]
EVENT_FILTERS = ["actor", "plover", "acled_type", "place", "q"]
GREEN_ZONE_ARTICLE = {
    "id": "api-upload-1",
    "date": "2020-01-09",
    "title": "Rockets hit Baghdad's Green Zone",
    "text": "Two Katyusha rockets struck Baghdad's Green Zone late on Wednesday, Iraqi security sources said. No one was hurt.",
}


def get(server: LiveServer, path: str, **params: object) -> httpx.Response:
    return httpx.get(f"{server.url}{path}", params=params, timeout=30)


def ok(server: LiveServer, path: str, **params: object) -> dict:
    response = get(server, path, **params)
    assert response.status_code == 200, response.text
    return response.json()


def test_stats_match_the_cli(live_server: LiveServer):
    stats = ok(live_server, "/api/stats")
    counts = dict(line.split() for line in crisislens("stats", "--db", str(live_server.db)).stdout.splitlines())
    assert {k: stats[k] for k in counts} == {k: int(v) for k, v in counts.items()}
    assert stats["first_date"] <= stats["last_date"]


def test_event_pages_are_disjoint_and_complete(live_server: LiveServer):
    total = ok(live_server, "/api/events", limit=1)["total"]
    seen: list[str] = []
    for offset in range(0, total, 80):
        seen += [e["event_id"] for e in ok(live_server, "/api/events", limit=80, offset=offset, sort="-date")["items"]]
    assert len(seen) == len(set(seen)) == total


def test_page_size_is_limited(live_server: LiveServer):
    response = get(live_server, "/api/events", limit=100_000)
    assert response.status_code == 422
    assert "limit" in response.json()["error"]


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"actor": "Soleimani"}, lambda e: "Soleimani" in json.dumps([e["source_actor"], e["target_actor"]])),
        ({"country": "IRQ"}, lambda e: "IRQ" in json.dumps([e["location"], e["source_actor"], e["target_actor"]])),
        ({"cameo": "19"}, lambda e: e["cameo_root"] == "19"),
        ({"plover": "ASSAULT"}, lambda e: e["plover"] == "ASSAULT"),
        ({"since": "2020-01-03", "until": "2020-01-08"}, lambda e: "2020-01-03" <= e["date"] <= "2020-01-08"),
        ({"bbox": "43,32,46,35"}, lambda e: 43 <= e["location"]["lon"] <= 46 and 32 <= e["location"]["lat"] <= 35),
        ({"acled_type": "Air/drone strike"}, lambda e: e["acled_type"] == "Air/drone strike"),
    ],
)
def test_event_filters_select_only_matching_events(live_server: LiveServer, params: dict, check):
    page = ok(live_server, "/api/events", limit=500, **params)
    assert 0 < page["total"] < ok(live_server, "/api/events", limit=1)["total"]
    assert len(page["items"]) == page["total"]
    assert all(check(e) for e in page["items"])


def test_text_search_finds_the_reporting_sentences(live_server: LiveServer):
    page = ok(live_server, "/api/events", q="drone", limit=500)
    assert page["total"] > 0
    for event in page["items"][:5]:
        sentences = [r["sentence"] for r in ok(live_server, f"/api/events/{event['event_id']}")["reports"]]
        assert any("drone" in s.lower() for s in sentences)


def test_event_detail_points_into_its_articles(live_server: LiveServer):
    busiest = ok(live_server, "/api/events", sort="-num_articles", limit=1)["items"][0]
    event = ok(live_server, f"/api/events/{busiest['event_id'][:8]}")
    assert event["event_id"] == busiest["event_id"]
    assert len({r["article_id"] for r in event["reports"]}) == event["num_articles"] > 1
    for report in event["reports"]:
        article = ok(live_server, f"/api/articles/{report['article_id']}")
        assert article["text"][report["start"] : report["end"]] == report["sentence"]
        assert event["event_id"] in article["events"]
        assert report["article"]["title"] == article["title"]


def test_actor_page_lists_its_events_and_counterparts(live_server: LiveServer):
    actor = ok(live_server, "/api/actors", q="United States", limit=1)["items"][0]
    detail = ok(live_server, f"/api/actors/{actor['actor_id']}")
    assert detail["events"] == actor["events"] >= len(detail["recent_events"]) > 0
    for event in detail["recent_events"]:
        assert actor["actor_id"] in {(event[role] or {}).get("actor_id") for role in ("source_actor", "target_actor")}
    assert detail["counterparts"] and all(c["actor_id"] != actor["actor_id"] for c in detail["counterparts"])


def test_unknown_ids_are_json_404s(live_server: LiveServer):
    for path in ("/api/events/doesnotexist", "/api/actors/NOBODY", "/api/articles/none"):
        response = get(live_server, path)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/json")
        assert "no " in response.json()["error"]


def test_timeline_counts_every_dated_event_once(live_server: LiveServer):
    events = ok(live_server, "/api/events", limit=500)["items"]
    for by in ("day", "week", "month"):
        series = ok(live_server, "/api/timeline", by=by)["series"]
        assert sum(p["events"] for p in series) == sum(1 for e in events if e["date"])
        assert [p["period"] for p in series] == sorted(p["period"] for p in series)


def test_escalation_index_is_a_goldstein_mean(live_server: LiveServer):
    series = ok(live_server, "/api/escalation", by="month", country="IRQ")["series"]
    assert series and all(-10 <= p["index"] <= 10 and 0 <= p["conflict_share"] <= 1 for p in series)


def test_network_edges_join_listed_nodes(live_server: LiveServer):
    network = ok(live_server, "/api/network", limit=50)
    ids = {n["id"] for n in network["nodes"]}
    assert network["edges"] and all(e["source"] in ids and e["target"] in ids for e in network["edges"])
    assert all(e["conflict"] + e["cooperation"] == e["events"] for e in network["edges"])


def test_map_points_respect_the_filters(live_server: LiveServer):
    summary = ok(live_server, "/api/map", bbox="43,32,46,35")
    assert summary["points"] and all(43 <= p["lon"] <= 46 and 32 <= p["lat"] <= 35 for p in summary["points"])
    shapes = ok(live_server, "/api/countries")
    assert shapes["type"] == "FeatureCollection" and any(f["properties"]["iso3"] == "IRQ" for f in shapes["features"])


@pytest.mark.parametrize("name", EVENT_FILTERS)
@pytest.mark.parametrize("payload", INJECTIONS)
def test_sql_injection_in_filters_is_just_text(live_server: LiveServer, name: str, payload: str):
    before = ok(live_server, "/api/stats")
    response = get(live_server, "/api/events", **{name: payload})
    assert response.status_code in (200, 422), response.text
    assert response.json().get("total", 0) == 0
    assert ok(live_server, "/api/stats") == before


def test_bad_parameters_get_clear_json_errors(live_server: LiveServer):
    for params, word in (({"since": "2020-02-30"}, "since"), ({"cameo": "abc"}, "cameo"), ({"bbox": "1,2"}, "bbox"), ({"by": "year"}, "by")):
        response = get(live_server, "/api/timeline", **params)
        assert response.status_code == 422
        assert word in response.json()["error"] and "Traceback" not in response.text


def test_no_cors_no_traversal_docs_offline(live_server: LiveServer):
    response = httpx.get(f"{live_server.url}/api/stats", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in response.headers
    for path in ("/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/pyproject.toml", "/static/..%2f..%2fapi%2fapp.py"):
        assert httpx.get(f"{live_server.url}{path}").status_code == 404
    docs = httpx.get(f"{live_server.url}/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in docs and "cdn" not in docs
    assert httpx.get(f"{live_server.url}/docs-assets/swagger-ui-bundle.js").status_code == 200


def test_ingest_is_off_by_default(live_server: LiveServer):
    response = httpx.post(f"{live_server.url}/api/ingest", json=GREEN_ZONE_ARTICLE)
    assert response.status_code == 403
    assert "--ingest-token" in response.json()["error"]


def test_ingest_with_token(writable_server: LiveServer):
    url = f"{writable_server.url}/api/ingest"
    good = {"Authorization": f"Bearer {writable_server.token}"}
    assert httpx.post(url, json=GREEN_ZONE_ARTICLE).status_code == 401
    assert httpx.post(url, json=GREEN_ZONE_ARTICLE, headers={"Authorization": "Bearer wrong-token-000"}).status_code == 401
    assert httpx.post(url, content=b"{not json", headers={**good, "Content-Type": "application/json"}).status_code == 400
    assert httpx.post(url, content=b"x", headers={**good, "Content-Type": "image/png"}).status_code == 415
    huge = b"a" * (21 * 1024 * 1024)
    assert httpx.post(url, content=huge, headers={**good, "Content-Type": "text/plain"}, timeout=60).status_code == 413
    before = httpx.get(f"{writable_server.url}/api/stats").json()
    response = httpx.post(url, json=GREEN_ZONE_ARTICLE, headers=good, timeout=120)
    assert response.status_code == 200, response.text
    assert response.json()["ingested"] == 1
    after = httpx.get(f"{writable_server.url}/api/stats").json()
    assert after["articles"] == before["articles"] + 1 and after["mentions"] > before["mentions"]
    found = httpx.get(f"{writable_server.url}/api/events", params={"q": "Katyusha"}).json()
    assert found["total"] >= 1
    again = httpx.post(url, json=GREEN_ZONE_ARTICLE, headers=good, timeout=120).json()
    assert again["unchanged"] == 1 and again["ingested"] == 0


def test_ingest_jsonl_reports_broken_lines(writable_server: LiveServer):
    body = json.dumps({"id": "ok-1", "text": "Protesters gathered in Basra on Friday."}) + "\n{broken\n"
    response = httpx.post(
        f"{writable_server.url}/api/ingest",
        content=body.encode(),
        headers={"Authorization": f"Bearer {writable_server.token}", "Content-Type": "application/x-ndjson"},
        timeout=120,
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["ingested"] == 1
    assert len(result["skipped"]) == 1 and "invalid JSON" in result["skipped"][0]["reason"]


def test_ingest_uploaded_files(writable_server: LiveServer):
    files = [
        ("files", ("basra.txt", b" date 2020-02-07\nProtesters gathered in Basra on Friday to demand jobs.", "text/plain")),
        ("files", ("feed.jsonl", json.dumps({"id": "feed-1", "text": "Gunmen kidnapped an activist in Nasiriyah on Monday."}).encode(), "application/octet-stream")),
        ("files", ("../../etc/evil.html", b"<html><body><article><p>Police arrested ten people in Karbala.</p></article></body></html>", "text/html")),
    ]
    response = httpx.post(f"{writable_server.url}/api/ingest", files=files, headers={"Authorization": f"Bearer {writable_server.token}"}, timeout=120)
    assert response.status_code == 200, response.text
    assert response.json()["ingested"] == 3
    ids = {a["article_id"] for a in httpx.get(f"{writable_server.url}/api/articles", params={"limit": 500}).json()["items"]}
    assert {"basra", "feed-1", "evil"} <= ids


def _schemathesis(server: LiveServer, tmp_path: Path, examples: int, *options: str) -> None:
    command = [sys.executable, "-m", "schemathesis.cli", "run", f"{server.url}/openapi.json", "--max-examples", str(examples), "--seed", "1", "--no-color", *options]
    result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert result.returncode == 0, result.stdout[-6000:]


def test_schemathesis_read_endpoints(live_server: LiveServer, tmp_path: Path):
    _schemathesis(live_server, tmp_path, 25, "--checks", "all", "--exclude-method", "POST", "--phases", "examples,coverage,fuzzing")


def test_schemathesis_ingest(writable_server: LiveServer, tmp_path: Path):
    # Any text is a valid text/plain or HTML article, so "schema-violating body accepted" cannot apply here.
    _schemathesis(
        writable_server, tmp_path, 10, "--checks", "all", "--exclude-checks", "negative_data_rejection", "--include-method", "POST",
        "-H", f"Authorization: Bearer {writable_server.token}", "--phases", "examples,coverage,fuzzing",
    )
