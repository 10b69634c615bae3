"""Date expressions in news sentences, resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from crisislens.mentions.time import bare_clock_time, clock_time, find_time_expressions, resolve_time_expression

SAT = date(2020, 1, 4)  # a Saturday
WED = date(2020, 9, 30)  # a Wednesday


def _d(text: str) -> date:
    return date.fromisoformat(text)


# --- single expressions -----------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "published", "value", "precision", "qualifier"),
    [
        ("early Friday", SAT, "2020-01-03", "day", "early"),
        ("Friday", SAT, "2020-01-03", "day", None),
        ("Saturday", SAT, "2020-01-04", "day", None),
        ("on Friday", SAT, "2020-01-03", "day", None),
        ("late on Friday", SAT, "2020-01-03", "day", "late"),
        ("Friday night", SAT, "2020-01-03", "day", "night"),
        ("Saturday evening", SAT, "2020-01-04", "day", "evening"),
        ("Thursday morning", SAT, "2020-01-02", "day", "morning"),
        ("in the early hours of Friday", SAT, "2020-01-03", "day", "early"),
        ("On Monday", WED, "2020-09-28", "day", None),
        ("last Thursday", date(2020, 1, 8), "2020-01-02", "day", None),
        ("last Saturday", SAT, "2019-12-28", "day", None),
        ("this past Friday", SAT, "2020-01-03", "day", None),
        ("this Friday", SAT, "2020-01-03", "day", None),
        ("next Monday", SAT, "2020-01-06", "day", None),
        ("Sunday at 5:00pm (1400 GMT)", SAT, "2019-12-29", "day", None),
    ],
)
def test_time_weekdays_resolve_on_or_before_publication(expression, published, value, precision, qualifier):
    result = resolve_time_expression(expression, published)
    assert result is not None
    assert (result.value, result.precision, result.qualifier) == (_d(value), precision, qualifier)


@pytest.mark.parametrize(
    ("expression", "value", "qualifier"),
    [
        ("today", "2020-01-04", None),
        ("this morning", "2020-01-04", "morning"),
        ("tonight", "2020-01-04", "night"),
        ("yesterday", "2020-01-03", None),
        ("late yesterday", "2020-01-03", "late"),
        ("yesterday evening", "2020-01-03", "evening"),
        ("last night", "2020-01-03", "night"),
        ("the day before yesterday", "2020-01-02", None),
        ("tomorrow", "2020-01-05", None),
    ],
)
def test_time_relative_days(expression, value, qualifier):
    result = resolve_time_expression(expression, SAT)
    assert result is not None
    assert (result.value, result.precision, result.qualifier) == (_d(value), "day", qualifier)


@pytest.mark.parametrize(
    ("expression", "published", "value", "precision"),
    [
        ("a week ago", WED, "2020-09-23", "week"),
        ("two days ago", WED, "2020-09-28", "day"),
        ("three weeks ago", WED, "2020-09-09", "week"),
        ("10 days ago", WED, "2020-09-20", "day"),
        ("a month ago", WED, "2020-08-01", "month"),
        ("two years ago", WED, "2018-01-01", "year"),
    ],
)
def test_time_ago_subtracts_from_publication(expression, published, value, precision):
    result = resolve_time_expression(expression, published)
    assert result is not None
    assert (result.value, result.precision) == (_d(value), precision)


@pytest.mark.parametrize(
    ("expression", "value", "precision", "qualifier"),
    [
        ("last week", "2019-12-23", "week", None),
        ("this week", "2019-12-30", "week", None),
        ("earlier this week", "2019-12-30", "week", None),
        ("next week", "2020-01-06", "week", None),
        ("last month", "2019-12-01", "month", None),
        ("earlier this month", "2020-01-01", "month", None),
        ("this month", "2020-01-01", "month", None),
        ("the end of last month", "2019-12-01", "month", "late"),
        ("last year", "2019-01-01", "year", None),
        ("late last year", "2019-01-01", "year", "late"),
        ("earlier this year", "2020-01-01", "year", None),
        ("over the weekend", "2020-01-04", "day", None),
    ],
)
def test_time_relative_periods_start_on_first_day(expression, value, precision, qualifier):
    result = resolve_time_expression(expression, SAT)
    assert result is not None
    assert (result.value, result.precision, result.qualifier) == (_d(value), precision, qualifier)


@pytest.mark.parametrize(
    ("expression", "published", "value"),
    [
        ("On Nov. 17", date(2020, 11, 30), "2020-11-17"),
        ("On Nov. 17", SAT, "2019-11-17"),
        ("November 17", SAT, "2019-11-17"),
        ("17 November", SAT, "2019-11-17"),
        ("Nov 17th", SAT, "2019-11-17"),
        ("Sept. 5", WED, "2020-09-05"),
        ("the 5th of May", WED, "2020-05-05"),
        ("Jan. 4", SAT, "2020-01-04"),
        ("Feb. 10", SAT, "2020-02-10"),  # 328 days back vs 37 ahead: the closer one
        ("Dec. 31", SAT, "2019-12-31"),
    ],
)
def test_time_month_day_without_year_takes_nearest_plausible_year(expression, published, value):
    result = resolve_time_expression(expression, published)
    assert result is not None
    assert (result.value, result.precision) == (_d(value), "day")


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        # 18 January 2016 was a Monday, 18 January 2017 a Wednesday: the old year typed from habit
        ("in the early hours of Wednesday, January 18th, 2016", date(2017, 1, 18), date(2017, 1, 18)),
        ("Monday, January 18, 2016", date(2017, 1, 18), date(2016, 1, 18)),  # weekday and year agree
        ("Saturday, Jan. 3, 2020", date(2020, 1, 10), date(2020, 1, 3)),  # no fitting year one off: as written
        ("Wednesday, January 18, 2014", date(2017, 1, 18), date(2014, 1, 18)),  # years off: not a slip of habit
    ],
)
def test_time_weekday_that_belies_the_year_takes_the_publication_year(text, published, value):
    assert [t.value for t in find_time_expressions(text, published)] == [value]


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("January 3, 2020", "2020-01-03"),
        ("3 January 2020", "2020-01-03"),
        ("Jan. 3, 2020", "2020-01-03"),
        ("2020-01-03", "2020-01-03"),
        ("13/01/2020", "2020-01-13"),
        ("01/13/2020", "2020-01-13"),
        ("Friday, Jan. 3, 2020", "2020-01-03"),
        ("12/23/16", "2016-12-23"),  # a two-digit year
        ("12/23/96", "1996-12-23"),
    ],
)
@pytest.mark.parametrize("published", [SAT, None])
def test_time_absolute_dates_resolve_without_publication(expression, value, published):
    result = resolve_time_expression(expression, published)
    assert result is not None
    assert (result.value, result.precision) == (_d(value), "day")


@pytest.mark.parametrize(
    ("expression", "published", "value", "precision", "qualifier"),
    [
        ("in late September", date(2020, 11, 30), "2020-09-01", "month", "late"),
        ("in January", WED, "2020-01-01", "month", None),
        ("in December", date(2021, 1, 10), "2020-12-01", "month", None),
        ("early December", date(2021, 1, 10), "2020-12-01", "month", "early"),
        ("mid-March", WED, "2020-03-01", "month", "mid"),
        ("last January", date(2021, 1, 10), "2020-01-01", "month", None),
        ("in January 2020", None, "2020-01-01", "month", None),
        ("September 2019", None, "2019-09-01", "month", None),
        ("in 2019", None, "2019-01-01", "year", None),
        ("mid-2019", None, "2019-01-01", "year", "mid"),
        ("the end of 2003", None, "2003-01-01", "year", "late"),
        ("in the spring of 2019", None, "2019-03-01", "month", "spring"),
        ("summer 2019", None, "2019-06-01", "month", "summer"),
        ("last summer", WED, "2020-06-01", "month", "summer"),
        ("last summer", date(2020, 7, 15), "2019-06-01", "month", "summer"),
    ],
)
def test_time_months_years_and_seasons(expression, published, value, precision, qualifier):
    result = resolve_time_expression(expression, published)
    assert result is not None
    assert (result.value, result.precision, result.qualifier) == (_d(value), precision, qualifier)


# --- not dates --------------------------------------------------------------


@pytest.mark.parametrize(
    "expression",
    [
        "three days",
        "two months",
        "48 hours",
        "for two weeks",
        "the past year",
        "over the past year",
        "in the last week",
        "during Ramadan",
        "the day before",
        "recently",
        "in recent weeks",
        "in the past",
        "a few days ago",
        "1400 GMT",
        "shortly before midnight",
        "5:00pm",
        "in spring",
    ],
)
def test_time_non_dates_resolve_to_none(expression):
    assert resolve_time_expression(expression, SAT) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Three days of clashes left the city in ruins.",
        "Talks went on for two weeks and the ceasefire lasted 48 hours.",
        "Violence has surged over the past year and in recent weeks.",
        "Protesters may gather again, officials said.",
        "Thousands march on the capital.",
        "A crowd of 2000 gathered and the toll rose by 1950 people.",
        "The militia, which numbers 2000 fighters, was formed during Ramadan.",
    ],
)
def test_time_sentences_without_dates_yield_nothing(sentence):
    assert find_time_expressions(sentence, SAT) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Elections are due in May.", "May"),
        ("The attack on May 5 was claimed by nobody.", "May 5"),
        ("He arrived in early March 2019.", "early March 2019"),
        ("Troops withdrew in 2019.", "2019"),
        ("It has been banned since 2003.", "2003"),
    ],
)
def test_time_ambiguous_words_count_only_with_cues(sentence, expected):
    assert [t.text for t in find_time_expressions(sentence, SAT)] == [expected]


# --- missing publication date -----------------------------------------------


@pytest.mark.parametrize(
    "expression",
    [
        "early Friday",
        "Saturday",
        "last Thursday",
        "yesterday",
        "last night",
        "last week",
        "last month",
        "earlier this year",
        "On Nov. 17",
        "in December",
        "in late September",
        "a week ago",
        "two days ago",
        "last summer",
        "Sunday at 5:00pm (1400 GMT)",
    ],
)
def test_time_relative_without_publication_is_unresolved(expression):
    result = resolve_time_expression(expression, None)
    assert result is not None
    assert (result.value, result.precision) == (None, None)
    found = find_time_expressions(f"It happened {expression}, they said.", None)
    assert len(found) == 1 and found[0].value is None and found[0].precision is None


# --- sentences and offsets --------------------------------------------------


def test_time_sentence_offsets_match_text():
    sentence = "Two rockets hit the base early Friday, a week after the Nov. 17 attack, officials said on Saturday."
    found = find_time_expressions(sentence, SAT)
    assert [(t.text, t.value, t.precision, t.qualifier) for t in found] == [
        ("early Friday", date(2020, 1, 3), "day", "early"),
        ("Nov. 17", date(2019, 11, 17), "day", None),
        ("Saturday", date(2020, 1, 4), "day", None),
    ]
    for t in found:
        assert sentence[t.start : t.end] == t.text


@pytest.mark.parametrize(
    "sentence",
    [
        "The strike came on Sunday at 5:00pm (1400 GMT), the army said on Monday.",
        "On Friday, Jan. 3, 2020, a drone hit a convoy; a week ago another struck on 17 November.",
        "In late September and again last week, mid-March and in 2019, rockets fell.",
        "Yesterday and the day before yesterday, 2020-01-02 and 13/01/2020.",
    ],
)
def test_time_offsets_index_the_sentence(sentence):
    found = find_time_expressions(sentence, SAT)
    assert found
    assert [t.start for t in found] == sorted(t.start for t in found)
    for t in found:
        assert sentence[t.start : t.end] == t.text


def test_time_clock_time_merges_into_weekday():
    # A weekday with a clock time may be future ("will meet Sunday at 5pm"); tense is
    # not visible here, so the bare-weekday rule holds: the Sunday before publication.
    found = find_time_expressions("The strike came Sunday at 5:00pm (1400 GMT) near the base.", SAT)
    assert [(t.text, t.value, t.precision) for t in found] == [("Sunday at 5:00pm (1400 GMT)", date(2019, 12, 29), "day")]


def test_time_weekday_followed_by_date_is_one_expression():
    found = find_time_expressions("The vote was held on Friday, Jan. 3.", date(2020, 1, 10))
    assert [(t.text, t.value) for t in found] == [("Friday, Jan. 3", date(2020, 1, 3))]


def test_time_resolve_offsets_are_within_the_expression():
    result = resolve_time_expression("On Monday", WED)
    assert result is not None
    assert "On Monday"[result.start : result.end] == result.text == "Monday"


def test_time_resolve_accepts_bare_year_and_lone_month():
    year, month = resolve_time_expression("2019", None), resolve_time_expression("May", WED)
    assert year is not None and (year.value, year.precision) == (date(2019, 1, 1), "year")
    assert month is not None and (month.value, month.precision) == (date(2020, 5, 1), "month")


# --- months, holidays, clock times, forward-looking clauses -----------------------


@pytest.mark.parametrize(
    ("expression", "published", "value", "precision"),
    [
        ("in June", WED, "2020-06-01", "month"),  # four-letter month names are months, not abbreviations
        ("last July", date(2021, 1, 10), "2020-07-01", "month"),
        ("June last year", WED, "2019-06-01", "month"),
        ("in January this year", WED, "2020-01-01", "month"),
        ("this December", WED, "2020-12-01", "month"),
        ("a decade ago", WED, "2010-01-01", "year"),
        ("Thanksgiving Day", date(2020, 1, 10), "2019-11-28", "day"),
        ("Election Day", date(1998, 10, 26), "1998-11-03", "day"),  # 8 days ahead, not 356 back
        ("last Christmas", SAT, "2019-12-25", "day"),
        ("Christmas 2015", None, "2015-12-25", "day"),
        ("March eighth", date(1998, 3, 5), "1998-03-08", "day"),
        ("9 a.m. EST Tuesday", SAT, "2019-12-31", "day"),
        ("this coming Sunday", SAT, "2020-01-05", "day"),
    ],
)
def test_time_more_calendar_expressions(expression, published, value, precision):
    result = resolve_time_expression(expression, published)
    assert result is not None
    assert (result.value, result.precision) == (_d(value), precision)


def test_time_lowercase_march_with_this_is_the_walk():
    assert find_time_expressions("He was arrested at this march in Washington.", SAT) == []


@pytest.mark.parametrize(
    ("expression", "clock"),
    [("9 a.m. EST Tuesday", (9, 0)), ("10 p.m", (22, 0)), ("12:30 a.m.", (0, 30)), ("Sunday at 5:00pm (1400 GMT)", (17, 0)),
     ("1400 GMT", (14, 0)), ("noon Thursday", (12, 0)), ("midnight Friday", (24, 0)), ("mid-afternoon", None), ("Friday", None)],
)  # fmt: skip
def test_time_clock_time(expression, clock):
    assert clock_time(expression) == clock


def test_time_forward_looking_clauses_take_the_coming_date():
    ahead = lambda offset: True  # noqa: E731 - every clause looks forward
    for text, past, coming in [
        ("They meet Tuesday.", "2019-12-31", "2020-01-07"),
        ("They meet Saturday.", "2020-01-04", "2020-01-04"),  # the publication day itself
        ("They meet in March.", "2019-03-01", "2020-03-01"),
        ("They meet on April 20.", "2019-04-20", "2020-04-20"),
        ("They met on Dec. 30.", "2019-12-30", "2019-12-30"),  # a few days back stays in the past
        ("They meet on Nov. 17.", "2019-11-17", "2019-11-17"),  # more than half a year ahead: the past one
    ]:
        (before,) = find_time_expressions(text, SAT)
        (after,) = find_time_expressions(text, SAT, ahead)
        assert (before.value, after.value) == (_d(past), _d(coming)), text


# --- the lead event's date when its own sentence gives none (mentions.setting) ---------


def _said(index: int, text: str, published: date, other_event: bool = False):
    from crisislens.mentions.setting import SentenceSetting

    return SentenceSetting(index, find_time_expressions(text, published), (), other_event)


def test_time_lead_without_a_day_takes_the_next_sentence_s_day():
    from crisislens.mentions.setting import lead_date

    sentences = [
        _said(0, "A man was killed and two others were wounded.", WED),
        _said(1, "Police were called to the 3800 block of Smiley Court around 11 p.m. Saturday night.", WED),
    ]
    found = lead_date(None, None, sentences, 0, WED)
    assert found is not None and found.value == _d("2020-09-26") and found.text.startswith("11 p.m. Saturday")


def test_time_lead_date_prefers_its_own_day_then_a_nearby_report_then_the_headline():
    from crisislens.mentions.setting import lead_date

    own = resolve_time_expression("early Sunday", WED)
    month = resolve_time_expression("in September", WED)
    nearby = resolve_time_expression("Monday", WED)
    headline = [_said(-1, "Four people shot in Evanston on Tuesday night", WED), _said(0, "Four people were shot.", WED)]
    assert lead_date(own, nearby, headline, 0, WED) == own
    assert lead_date(month, nearby, headline, 0, WED) == nearby  # a day beats a month
    assert lead_date(month, None, headline, 0, WED).value == _d("2020-09-29")  # the headline's "Tuesday night"


def test_time_lead_date_skips_other_events_future_days_and_far_sentences():
    from crisislens.mentions.setting import WINDOW, lead_date

    sentences = [
        _said(0, "A teen was shot.", WED),
        _said(1, "In a separate shooting on Monday, a man was wounded.", WED, other_event=True),
        _said(2, "His court date is Oct. 14.", WED),  # after publication: not the event's day
        _said(3 + WINDOW, "The family held a vigil on Tuesday.", WED),  # beyond the window
    ]
    assert lead_date(None, None, sentences, 0, WED) is None


def test_time_bare_clock_time_outside_every_date_expression():
    text = "The shooting was reported shortly after 2 p.m."
    clock = bare_clock_time(text, find_time_expressions(text, date(2015, 5, 10)))
    assert clock is not None and clock.text == "shortly after 2 p.m." and clock.value is None
    dated = "It happened at 10:23 p.m. Sunday."
    assert bare_clock_time(dated, find_time_expressions(dated, date(2015, 5, 10))) is None


@pytest.mark.parametrize(
    ("expression", "first", "last"),
    [
        ("Friday", date(2020, 1, 3), date(2020, 1, 3)),
        ("last week", date(2019, 12, 23), date(2019, 12, 29)),
        ("over the weekend", date(2020, 1, 4), date(2020, 1, 5)),  # Saturday and Sunday
        ("in December", date(2019, 12, 1), date(2019, 12, 31)),
        ("last fall", date(2019, 9, 1), date(2019, 11, 30)),  # a season: three months
        ("winter of 2018", date(2018, 12, 1), date(2019, 2, 28)),
        ("in 2019", date(2019, 1, 1), date(2019, 12, 31)),
    ],
)
def test_time_period_spans_the_days_an_expression_names(expression: str, first: date, last: date):
    from crisislens.mentions.time import period

    found = resolve_time_expression(expression, date(2020, 1, 4))
    assert found is not None and period(found) == (first, last)
