"""Change points, GraphML and one-line summaries: the pure parts of the analyst views."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from crisislens.models import ActorRef, Event, Place
from crisislens.views.changepoints import change_points
from crisislens.views.describe import summary_line
from crisislens.views.graph import graphml


def test_a_clear_shift_in_a_busy_series_is_found():
    values = [3.0, 3.4, 2.6, 3.0, -6.0, -7.0, -6.4, -6.2]
    (shift,) = change_points(values, [6] * 8, event_variance=9.0)
    assert shift.index == 4 and shift.direction == "escalation"
    assert shift.before == pytest.approx(3.0) and shift.after == pytest.approx(-6.4)


def test_noise_and_single_stray_events_are_not_change_points():
    assert change_points([1.0, 1.4, 0.7, 1.1, 0.9], [4] * 5, event_variance=9.0) == []
    # One event scoring -10 in an otherwise cooperative week sequence: not enough evidence.
    assert change_points([4.0, 3.0, -10.0, 4.0, 3.5], [3, 3, 1, 3, 3], event_variance=20.0) == []


def test_two_shifts_come_back_in_order():
    values = [4.0] * 6 + [-8.0] * 6 + [5.0] * 6
    shifts = change_points(values, [5] * 18, event_variance=4.0)
    assert [s.index for s in shifts] == [6, 12]
    assert [s.direction for s in shifts] == ["escalation", "de-escalation"]


def test_graphml_is_valid_and_complete():
    graph = {
        "nodes": [{"id": "USA", "name": "United States", "country": "USA", "type": "country", "events": 3},
                  {"id": "IRN", "name": "Iran", "country": "IRN", "type": "country", "events": 3}],
        "edges": [{"source": "USA", "target": "IRN", "events": 3, "mean_goldstein": -7.5, "conflict": 3, "cooperation": 0}],
    }
    root = ElementTree.fromstring(graphml(graph).split("?>", 1)[1])
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert [n.get("id") for n in root.iterfind(".//g:node", ns)] == ["USA", "IRN"]
    (edge,) = root.iterfind(".//g:edge", ns)
    assert (edge.get("source"), edge.get("target")) == ("USA", "IRN")
    assert {d.get("key"): d.text for d in edge} == {"events": "3", "mean_goldstein": "-7.5", "conflict": "3", "cooperation": "0"}


def test_summary_line_names_who_did_what_to_whom_where():
    event = Event(
        event_id="e1", date=None, date_precision=None, date_text=None,
        source_actor=ActorRef("United States", "USA", "USA", None, "country"),
        target_actor=ActorRef("Qasem Soleimani", "IRNMIL_SOLEIMANI", "IRN", "MIL", "person"),
        cameo="1903", quad_class=4, goldstein=-10.0, plover="ASSAULT", acled_type=None,
        location=Place("Baghdad", 33.3, 44.4, "IRQ", "city"), fatalities=1, injured=None, reported_by=(),
        negated=False, hypothetical=False, mentions=(), num_articles=1,
    )
    names = {"190": "Use conventional military force"}
    assert summary_line(event, names) == "United States — use conventional military force — Qasem Soleimani, Baghdad"
