"""``crisislens eval gva``'s readers and scorer: incident records, coordinates, geocoded cities, the four scores."""

import json
from datetime import date

import pytest

from crisislens.errors import CrisislensError
from crisislens.evaluate.geo import distance_km
from crisislens.evaluate.gva import (
    GoldIncident, geocode_city, load_coordinates, load_incidents, locate_incidents, score_incidents,
)  # fmt: skip
from crisislens.knowledge.gazetteer import Gazetteer
from crisislens.models import Event, Place

FORT_WORTH = (32.7254, -97.3208)


@pytest.fixture(scope="module")
def gazetteer(knowledge):
    return Gazetteer(knowledge)


def incident_record(incident: str, **fields) -> dict:
    return {"incident_uri": incident, "date": "April 10, 2017", "state": "Texas", "city_or_county": "Fort Worth",
            "num_killed": 1, "num_injured": 0, **fields}  # fmt: skip


def event(*, killed=None, injured=None, day=None, precision="day", place=None) -> Event:
    return Event(
        event_id="e", date=day, date_precision=precision if day else None, date_text=None, source_actor=None, target_actor=None,
        cameo="190", quad_class=4, goldstein=-10.0, plover="ASSAULT", acled_type=None, location=place,
        fatalities=killed, injured=injured, reported_by=(), negated=False, hypothetical=False, mentions=(), num_articles=1,
    )  # fmt: skip


def test_gva_incidents_and_coordinates_are_read_next_to_the_articles(tmp_path):
    (tmp_path / "gva_incidents.jsonl").write_text(json.dumps(incident_record("7", num_injured=2)) + "\n", encoding="utf-8")
    (tmp_path / "all.lat_long.json").write_text(json.dumps({"7": [32.7, -97.3]}), encoding="utf-8")
    incidents = load_incidents(tmp_path)
    assert incidents["7"].date == date(2017, 4, 10) and incidents["7"].injured == 2 and incidents["7"].city == "Fort Worth"
    assert load_coordinates(tmp_path / "gva_articles.jsonl") == {"7": (32.7, -97.3)}
    assert load_coordinates(tmp_path / "elsewhere" / "gva_articles.jsonl") == {}  # no coordinates file: none


def test_gva_malformed_incident_names_file_and_line(tmp_path):
    (tmp_path / "gva_incidents.jsonl").write_text(json.dumps(incident_record("1")) + "\n{\"incident_uri\": 2}\n", encoding="utf-8")
    with pytest.raises(CrisislensError, match="gva_incidents.jsonl:2"):
        load_incidents(tmp_path)


def test_gva_city_is_geocoded_within_its_state(gazetteer):
    fort_worth = geocode_city(gazetteer, "Fort Worth", "Texas")
    assert fort_worth is not None and distance_km(*fort_worth, *FORT_WORTH) < 10
    washington = geocode_city(gazetteer, "Washington", "District of Columbia")
    assert washington is not None and distance_km(*washington, 38.9, -77.04) < 10
    chicago = geocode_city(gazetteer, "Chicago (Englewood)", "Illinois")  # a neighbourhood in brackets
    assert chicago is not None and distance_km(*chicago, 41.88, -87.63) < 20
    macungie = geocode_city(gazetteer, "Macungie", "Pennsylvania")  # a small town, under 5,000 people
    assert macungie is not None and distance_km(*macungie, 40.516, -75.555) < 5
    assert geocode_city(gazetteer, "Bexar (county)", "Texas") is None  # counties are not in the gazetteer
    assert geocode_city(gazetteer, "Fort Worth", "Nowhere") is None


def test_gva_dataset_coordinates_win_over_the_geocoded_city(gazetteer):
    incidents = {"1": GoldIncident("1", None, "Fort Worth", "Texas", 1, 0), "2": GoldIncident("2", None, "Fort Worth", "Texas", 1, 0)}
    located = locate_incidents(incidents, {"1": (10.0, 10.0)}, gazetteer)
    assert located["1"].coordinates == (10.0, 10.0)
    assert located["2"].coordinates is not None and distance_km(*located["2"].coordinates, *FORT_WORTH) < 10
    assert locate_incidents(incidents, {}, None)["2"].coordinates is None


def test_gva_score_date_place_and_counts():
    gold = {
        "right": GoldIncident("right", date(2017, 4, 10), "Fort Worth", "Texas", 1, 2, FORT_WORTH),
        "wrong": GoldIncident("wrong", date(2017, 4, 10), "Fort Worth", "Texas", 0, 1, FORT_WORTH),
        "none": GoldIncident("none", date(2017, 4, 10), "Fort Worth", "Texas", 0, 0, FORT_WORTH),
    }
    near = Place("Arlington", 32.7357, -97.1081, "USA", "city")  # about 20 km away
    far = Place("Dallas", 32.7767, -96.797, "USA", "city")  # about 50 km away
    events = {
        "right": event(killed=1, injured=2, day=date(2017, 4, 10), place=near),
        "wrong": event(killed=1, day=date(2017, 4, 1), precision="month", place=far),
        "none": None,
    }
    score = score_incidents(gold, events, articles=4)
    result = score.as_json()
    assert {"n", "date_exact", "killed_exact", "injured_exact", "place_40km", "killed_mae", "injured_mae"} <= result.keys()
    assert result["n"] == 3 and result["articles"] == 4
    assert result["killed_exact"] == pytest.approx(2 / 3, abs=1e-4)  # "none": nothing reported where gold is 0 is right
    assert result["injured_exact"] == pytest.approx(2 / 3, abs=1e-4) and result["injured_silent"] == 0.5
    assert result["date_exact"] == pytest.approx(1 / 3, abs=1e-4) and result["date_coarse"] == 1 and result["date_missing"] == 1
    assert result["place_40km"] == pytest.approx(1 / 3, abs=1e-4) and result["place_missing"] == 1
    assert {(m.incident_id, m.kind) for m in score.misses} == {
        ("wrong", "killed"), ("wrong", "injured"), ("wrong", "date"), ("wrong", "place"), ("none", "date"), ("none", "place")
    }


def test_gva_incident_without_coordinates_is_not_scored_for_place():
    gold = {"x": GoldIncident("x", None, "Bexar (county)", "Texas", 0, 0, None)}
    score = score_incidents(gold, {"x": event(place=Place("Paris", 48.85, 2.35, "FRA", "city"))}, articles=1)
    assert score.places.n == 0 and score.as_json()["place_40km"] == 0.0 and score.dated == 0
