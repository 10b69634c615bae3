"""``crisislens timeline | network | escalation`` on the sample corpus's database."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import crisislens

pytestmark = pytest.mark.model


def test_timeline_lists_the_soleimani_strike_once(sample_db: Path):
    rows = json.loads(crisislens("timeline", "--db", str(sample_db), "--actor", "Soleimani", "--json").stdout)["events"]
    strikes = [r for r in rows if "military force" in r["summary"]]
    assert len(strikes) == 1 and strikes[0]["date"] == "2020-01-03" and strikes[0]["num_articles"] >= 5
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)


def test_the_nine_sample_reports_of_the_soleimani_killing_are_one_event(sample_db: Path):
    # One of them is a story from Absard ten months later: "… the drone strike in Baghdad that killed Soleimani".
    listed = crisislens("events", "--db", str(sample_db), "--actor", "Soleimani", "--cameo", "19", "--format", "jsonl").stdout
    events = [json.loads(line) for line in listed.splitlines()]
    killings = [e for e in events if e["target_actor"] and "Soleimani" in e["target_actor"]["name"]]
    assert [(e["date"], e["num_articles"]) for e in killings] == [("2020-01-03", 9)]


def test_timeline_summary_keeps_the_most_reported_events_in_date_order(sample_db: Path):
    rows = json.loads(crisislens("timeline", "--db", str(sample_db), "--summary", "--top", "5", "--json").stdout)["events"]
    assert len(rows) == 5 and [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    # The killing of Soleimani, told by the most articles, is among the five.
    assert any("Soleimani" in r["summary"] and r["num_articles"] >= 5 for r in rows)
    assert all(r["importance"] > 0 for r in rows)
    every = json.loads(crisislens("timeline", "--db", str(sample_db), "--json").stdout)["events"]
    assert min(r["importance"] for r in rows) >= 0 and len(every) > len(rows)


def test_timeline_by_period_counts_every_dated_event(sample_db: Path):
    events = [json.loads(line) for line in crisislens("events", "--db", str(sample_db), "--format", "jsonl").stdout.splitlines()]
    for by in ("week", "month"):
        series = json.loads(crisislens("timeline", "--db", str(sample_db), "--by", by, "--json").stdout)["series"]
        assert sum(p["events"] for p in series) == sum(1 for e in events if e["date"])


def test_escalation_for_a_dyad_is_conflictual(sample_db: Path):
    result = json.loads(crisislens("escalation", "--db", str(sample_db), "--dyad", "United States", "Iran", "--by", "month", "--json").stdout)
    series = result["series"]
    assert series and sum(p["index"] * p["events"] for p in series) < 0
    assert any(p["index"] <= -9 for p in series)
    table = crisislens("escalation", "--db", str(sample_db), "--country", "IRQ").stdout
    assert "conflict share" in table


def test_network_exports_graphml(sample_db: Path, tmp_path: Path):
    target = tmp_path / "net.graphml"
    crisislens("network", "--db", str(sample_db), "--format", "graphml", "-o", str(target), "--min-events", "2")
    root = ElementTree.parse(target).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    nodes = {n.get("id") for n in root.iterfind(".//g:node", ns)}
    edges = list(root.iterfind(".//g:edge", ns))
    assert edges and all(e.get("source") in nodes and e.get("target") in nodes for e in edges)
    as_json = json.loads(crisislens("network", "--db", str(sample_db), "--format", "json", "--min-events", "2").stdout)
    assert len(as_json["edges"]) == len(edges)


def test_acled_and_gdelt_exports(sample_db: Path, tmp_path: Path):
    crisislens("events", "--db", str(sample_db), "--format", "acled", "-o", str(tmp_path / "acled.csv"))
    rows = list(csv.DictReader((tmp_path / "acled.csv").open(encoding="utf-8")))
    assert rows and all(r["sub_event_type"] and r["event_type"] for r in rows)
    assert any(r["sub_event_type"] == "Air/drone strike" and r["event_type"] == "Explosions/Remote violence" for r in rows)
    crisislens("events", "--db", str(sample_db), "--format", "gdelt", "-o", str(tmp_path / "iraq"))
    events = list(csv.DictReader((tmp_path / "iraq.export.tsv").open(encoding="utf-8"), delimiter="\t"))
    mentions = list(csv.DictReader((tmp_path / "iraq.mentions.tsv").open(encoding="utf-8"), delimiter="\t"))
    assert len(events) == int(crisislens("stats", "--db", str(sample_db)).stdout.split("events")[1].split()[0])
    assert {m["GLOBALEVENTID"] for m in mentions} == {e["GLOBALEVENTID"] for e in events}
    assert sum(int(e["NumMentions"]) for e in events) == len(mentions)
