"""Property-based tests (hypothesis): the text cleaner, the date resolver and the number parser never
crash and keep their promises on any input, not just the examples we thought of."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from crisislens.ingest.clean import clean_text
from crisislens.mentions.casualties import NumberWords, parse_number
from crisislens.mentions.time import find_time_expressions, resolve_time_expression

WORDS = NumberWords.load()
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\ufeff"
publication_days = st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_clean_text_never_crashes_is_idempotent_and_leaves_no_control_or_invisible_characters(raw: str):
    cleaned = clean_text(raw)
    assert clean_text(cleaned) == cleaned
    assert not any(ch in cleaned for ch in INVISIBLE)
    assert all(ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cf") for ch in cleaned)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10_000_000))
def test_numerals_parse_to_themselves_with_or_without_thousands_separators(n: int):
    assert parse_number(str(n), WORDS) == n
    assert parse_number(f"{n:,}", WORDS) == n


@settings(max_examples=300, deadline=None)
@given(any_text, st.one_of(st.none(), publication_days))
def test_the_resolver_never_crashes_and_keeps_offsets_inside_the_text(text: str, published: date | None):
    for found in find_time_expressions(text, published):
        assert 0 <= found.start <= found.end <= len(text)
        assert found.value is None or found.precision in ("day", "week", "month", "year")


@settings(max_examples=300, deadline=None)
@given(publication_days, st.sampled_from(WEEKDAYS))
def test_a_bare_weekday_is_the_most_recent_one_on_or_before_publication(published: date, weekday: str):
    found = resolve_time_expression(f"on {weekday}", published)
    assert found is not None and found.precision == "day"
    assert published - timedelta(days=6) <= found.value <= published
    assert found.value.strftime("%A") == weekday


@settings(max_examples=300, deadline=None)
@given(publication_days, st.sampled_from(MONTHS), st.integers(min_value=1, max_value=28))
def test_a_month_day_without_year_lands_within_a_year_of_publication(published: date, month: str, day: int):
    found = resolve_time_expression(f"on {month} {day}", published)
    assert found is not None and found.precision == "day"
    assert (found.value.month, found.value.day) == (MONTHS.index(month) + 1, day)
    assert abs((found.value - published).days) <= 366


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(WEEKDAYS), st.sampled_from(("last", "early", "late")))
def test_nothing_is_resolved_without_a_publication_date(weekday: str, modifier: str):
    found = resolve_time_expression(f"{modifier} {weekday}", None)
    assert found is None or found.value is None
