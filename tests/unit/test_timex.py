"""TIMEX3 values of time expressions, and the TempEval-3 style scorer over TimeML."""

from __future__ import annotations

from datetime import date

import pytest

from crisislens.errors import CrisislensError
from crisislens.evaluate.timex import find_timeml_files, load_timeml, match_timexes, parse_dct, score_documents
from crisislens.mentions.timex import Timex, find_timexes, timex_value
from crisislens.mentions.timex_rules import duration_value
from crisislens.models import TimeValue

SAT = date(2020, 1, 4)  # a Saturday
WSJ = date(1989, 10, 26)  # a Thursday, in an earnings season


def _one(text: str, anchor: date | None = SAT) -> Timex:
    found = find_timexes(text, anchor)
    assert len(found) == 1, found
    assert text[found[0].start : found[0].end] == found[0].text
    return found[0]


def _values(text: str, anchor: date | None = SAT) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, anchor)]


# --- value strings ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expression", "type_", "value"),
    [
        ("Talks lasted three days.", "three days", "DURATION", "P3D"),
        ("She spent 5 1/2 hours in Nairobi.", "5 1/2 hours", "DURATION", "PT5H30M"),
        ("After a 16-hour flight she landed.", "16-hour", "DURATION", "PT16H"),
        ("Prices rose over the past two years.", "the past two years", "DURATION", "P2Y"),
        ("They have been allies for two decades.", "two decades", "DURATION", "P20Y"),
        ("It took several years to build.", "several years", "DURATION", "PXY"),
        ("He held the post for years.", "years", "DURATION", "PXY"),
        ("It lasted a minute and a half.", "a minute and a half", "DURATION", "PT1M30S"),
        ("It will take at least 72 hours.", "at least 72 hours", "DURATION", "PT72H"),
        ("Rallies are held daily.", "daily", "SET", "P1D"),
        ("Flights leave every week.", "every week", "SET", "P1W"),
        ("A third flight departs each Thursday.", "each Thursday", "SET", "XXXX-WXX-4"),
        ("Flights leave on Tuesday nights.", "Tuesday nights", "SET", "XXXX-WXX-2TNI"),
        ("The alliance is now larger.", "now", "DATE", "PRESENT_REF"),
        ("It is currently unclear.", "currently", "DATE", "PRESENT_REF"),
        ("Prices fell recently.", "recently", "DATE", "PAST_REF"),
        ("It may change in the future.", "the future", "DATE", "FUTURE_REF"),
        ("The bombings last week killed 12.", "last week", "DATE", "2019-W52"),
        ("It happened last summer.", "last summer", "DATE", "2019-SU"),
        ("They met in the spring of 2019.", "the spring of 2019", "DATE", "2019-SP"),
        ("It arrived over the weekend.", "the weekend", "DATE", "2020-W01-WE"),
        ("The vitriol of the late 1980s is gone.", "the late 1980s", "DATE", "198"),
        ("Disasters of the 20th century.", "the 20th century", "DATE", "19"),
        ("It was nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996"),
        ("He was wounded in June last year.", "June last year", "DATE", "2019-06"),
        ("They met on Thanksgiving Day.", "Thanksgiving Day", "DATE", "2019-11-28"),
    ],
)
def test_timex_values(text, expression, type_, value):
    timex = _one(text)
    assert (timex.text, timex.type, timex.value) == (expression, type_, value)


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The blast came at 10:35 a.m. (0735 GMT) Friday, police said.", "10:35 a.m.", "2020-01-03T10:35"),
        ("The shooting began at 9 a.m. EST Tuesday.", "9 a.m. EST Tuesday", "2019-12-31T09:00"),
        ("Negotiations broke off at noon Thursday.", "noon Thursday", "2020-01-02T12:00"),
        ("He will speak this evening.", "this evening", "2020-01-04TEV"),
        ("Shares were up at mid-afternoon yesterday.", "mid-afternoon yesterday", "2020-01-03TAF"),
        ("Protesters gathered Friday night.", "Friday night", "2020-01-03"),  # TimeBank: the day
    ],
)
def test_timex_times_of_day(text, expression, value):
    """A clock time takes the day of the date next to it ("10:35 a.m. (0735 GMT) Friday")."""
    found = {t.text: t for t in find_timexes(text, SAT)}
    assert found[expression].value == value


def test_timex_quarters_and_their_anaphora():
    text = (
        "Du Pont's third-quarter net rose 20%, up from $1 billion a year earlier. "
        "Sales in the latest quarter rose, and the company expects a fourth-quarter charge. "
        "In the year-ago quarter it earned less."
    )
    assert [(t.text, t.value) for t in find_timexes(text, WSJ)] == [
        ("third-quarter", "1989-Q3"),
        ("a year earlier", "1988-Q3"),
        ("the latest quarter", "1989-Q3"),
        ("fourth-quarter", "1989-Q4"),
        ("the year-ago quarter", "1988-Q3"),
    ]


def test_timex_quarters_not_yet_begun_belong_to_the_year_before():
    assert _one("Profits fell in the fourth quarter.", date(1998, 1, 26)).value == "1997-Q4"
    assert _one("Profits fell in the fourth quarter.", WSJ).value == "1989-Q4"
    assert _one("Profits fell in the first half of 1990.", WSJ).value == "1990-H1"


def test_timex_a_year_ago_without_a_quarter_is_the_previous_year():
    assert _one("Prices were higher a year earlier.", WSJ).value == "1988"


def test_timex_forward_looking_clauses_take_the_coming_day():
    monday = date(2000, 4, 3)
    assert _one("The father will leave for the United States on Thursday.", monday).value == "2000-04-06"
    assert _one("The father left for the United States on Thursday.", monday).value == "2000-03-30"
    assert _one("Talks are supposed to conclude by May.", date(1998, 3, 22)).value == "1998-05"
    assert _one("Until Thursday, they had not called him a suspect.", date(1999, 5, 7)).value == "1999-05-06"
    assert _one("It had been due to expire Friday evening.", date(1989, 10, 30)).value == "1989-10-27TEV"


def test_timex_leading_prepositions_are_not_part_of_the_extent():
    assert [t.text for t in find_timexes("He arrived on Friday, stayed for two weeks and left in 2019.", SAT)] == [
        "Friday",
        "two weeks",
        "2019",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "A crowd of 2000 people and 1,990 troops gathered.",
        "The 52-year-old doctor earns $1.76 a year more.",
        "The current account and the future of our peoples.",
        "They marched on the capital in her twenties.",
    ],
)
def test_timex_non_times(text):
    assert find_timexes(text, SAT) == []


def test_timex_relative_expressions_need_an_anchor():
    assert _values("On Friday he spent three days at the summit, and in 2019 he was there now.", None) == [
        ("three days", "DURATION", "P3D"),
        ("2019", "DATE", "2019"),
        ("now", "DATE", "PRESENT_REF"),
    ]


@pytest.mark.parametrize(
    ("amount", "unit", "value"),
    [(3, "day", "P3D"), (5.5, "hour", "PT5H30M"), (2.5, "year", "P2Y6M"), ("X", "year", "PXY"), ("X", "hour", "PTXH"),
     (2, "decade", "P20Y"), (1.5, "minute", "PT1M30S"), (1, "weekend", "P2D"), (10, "minute", "PT10M")],
)  # fmt: skip
def test_timex_duration_values(amount, unit, value):
    assert duration_value(amount, unit) == value


@pytest.mark.parametrize(
    ("time", "expected"),
    [
        (TimeValue("Friday", date(2020, 1, 3), "day"), ("DATE", "2020-01-03", None)),
        (TimeValue("early Friday", date(2020, 1, 3), "day", qualifier="early"), ("DATE", "2020-01-03", "START")),
        (TimeValue("Sunday at 5:00pm (1400 GMT)", date(2019, 12, 29), "day"), ("TIME", "2019-12-29T17:00", None)),
        (TimeValue("last night", date(2020, 1, 3), "day", qualifier="night"), ("TIME", "2020-01-03TNI", None)),
        (TimeValue("last week", date(2019, 12, 23), "week"), ("DATE", "2019-W52", None)),
        (TimeValue("in late September", date(2019, 9, 1), "month", qualifier="late"), ("DATE", "2019-09", "END")),
        (TimeValue("last summer", date(2019, 6, 1), "month", qualifier="summer"), ("DATE", "2019-SU", None)),
        (TimeValue("mid-2019", date(2019, 1, 1), "year", qualifier="mid"), ("DATE", "2019", "MID")),
        (TimeValue("Friday", None, None), None),
    ],
)
def test_timex_value_of_a_resolved_date(time, expected):
    assert timex_value(time) == expected


# --- TimeML reading and scoring ----------------------------------------------------

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-08" functionInDocument="CREATION_TIME">1998-08-08</TIMEX3></DCT>
<TEXT>
Bombs <EVENT eid="e1" class="OCCURRENCE">exploded</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> &amp; killed 80.
Rescue work went on for <TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3>, and aid will come <TIMEX3 tid="t3" type="DATE" value="FUTURE_REF">soon</TIMEX3>.
Officials met <TIMEX3 tid="t4" type="DATE" value="1998-W32">this week</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture()
def timeml(tmp_path):
    path = tmp_path / "nested" / "TEST001.tml"
    path.parent.mkdir()
    path.write_text(TIMEML, encoding="utf-8")
    return path


def test_timex_timeml_text_is_read_without_tags(timeml):
    document = load_timeml(timeml)
    assert document.doc_id == "TEST001" and document.dct == "1998-08-08" and document.anchor == date(1998, 8, 8)
    assert "<" not in document.text and "& killed" in document.text
    assert [(g.text, g.type, g.value) for g in document.gold] == [
        ("Friday", "DATE", "1998-08-07"),
        ("two days", "DURATION", "P2D"),
        ("soon", "DATE", "FUTURE_REF"),
        ("this week", "DATE", "1998-W32"),
    ]
    for gold in document.gold:
        assert document.text[gold.start : gold.end] == gold.text


def test_timex_timeml_scored_end_to_end(timeml):
    (path,) = find_timeml_files(timeml.parent.parent)
    document = load_timeml(path)
    found = find_timexes(document.text, document.anchor)
    score = score_documents([document], [found]).as_json()
    # all four found; "this week" is valued 1998-W32 too, so every value is right
    assert (score["n"], score["system"], score["extent_f1"], score["strict_extent_f1"], score["value_f1"]) == (4, 4, 1.0, 1.0, 1.0)
    assert score["per_type"]["DURATION"] == {"gold": 1, "system": 1, "found": 1, "strict": 1, "value": 1}


def test_timex_scores_relaxed_strict_and_value():
    gold = [Timex("last week", 10, 19, "DATE", "1998-W32"), Timex("three days", 30, 40, "DURATION", "P3D")]
    system = [
        Timex("week", 15, 19, "DATE", "1998-W32"),  # overlaps, right value, not the exact span
        Timex("three days", 30, 40, "DURATION", "P2D"),  # exact span, wrong value
        Timex("now", 50, 53, "DATE", "PRESENT_REF"),  # no gold
    ]
    assert len(match_timexes(system, gold)) == 2
    score = score_documents([_doc(gold)], [system])
    assert (score.relaxed.matched, score.strict.matched, score.value.matched) == (2, 1, 1)
    assert score.value.precision == pytest.approx(1 / 3) and score.value.recall == pytest.approx(1 / 2)
    assert score.misses() == [] and score.value_mistakes() == [(("three days: P3D", "P2D"), 1)]


def test_timex_one_system_timex_matches_one_gold_timex():
    gold = [Timex("Friday", 0, 6, "DATE", "1998-08-07"), Timex("night", 7, 12, "TIME", "1998-08-07TNI")]
    system = [Timex("Friday night", 0, 12, "DATE", "1998-08-07")]
    assert match_timexes(system, gold) == [(system[0], gold[0])]


def _doc(gold):
    from crisislens.evaluate.timex import TimeMLDocument

    return TimeMLDocument("d", "x" * 60, "1998-08-08", tuple(gold))


def test_timex_dct_forms():
    assert parse_dct("1998-11-20T19:30") == date(1998, 11, 20)
    assert parse_dct("19980120") == date(1998, 1, 20)
    assert parse_dct(None) is None and parse_dct("XXXX") is None


def test_timex_bad_input_is_a_crisislens_error(tmp_path):
    (tmp_path / "a.tml").write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    with pytest.raises(CrisislensError, match="not well-formed"):
        load_timeml(tmp_path / "a.tml")
    (tmp_path / "b.tml").write_text("<TimeML><DOCID>x</DOCID></TimeML>", encoding="utf-8")
    with pytest.raises(CrisislensError, match="no TEXT"):
        load_timeml(tmp_path / "b.tml")
    with pytest.raises(CrisislensError, match="not a directory"):
        find_timeml_files(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CrisislensError, match="no TimeML"):
        find_timeml_files(tmp_path / "empty")
