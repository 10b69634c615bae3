from datetime import date

import pytest

from crisislens.events import dates_compatible, merge_mentions, mentions_compatible
from crisislens.models import ActorRef, EventMention, MentionSpan, Place, TimeValue

USA = ActorRef("United States", "USA", "USA", None, "country")
USA_GOV = ActorRef("United States", "USA", "USA", "GOV", "country")
TRUMP = ActorRef("Donald Trump", "TRUMP_DONALD", "USA", "GOV", "person")
SOLEIMANI = ActorRef("Qasem Soleimani", "SOLEIMANI_QASEM", "IRN", "MIL", "person")
IRAN = ActorRef("Iran", "IRN", "IRN", None, "country")
BAGHDAD = Place("Baghdad", 33.34, 44.40, "IRQ", "city")
TEHRAN = Place("Tehran", 35.69, 51.42, "IRN", "city")


def mention(
    mid: str,
    article: str = "a1",
    source: ActorRef | None = USA,
    target: ActorRef | None = SOLEIMANI,
    cameo: str = "186",
    when: date | None = date(2020, 1, 3),
    precision: str = "day",
    published: date | None = date(2020, 1, 4),
    place: Place | None = None,
    fatalities: int | None = None,
    negated: bool = False,
) -> EventMention:
    time = TimeValue("Friday", when, precision if when else None) if when or precision else None
    return EventMention(
        mention_id=mid, span=MentionSpan(article, 0, "s", 0, 1), trigger="killed", source=source, target=target,
        cameo=cameo, goldstein=-10.0, quad_class=4, plover="ASSAULT", acled_type="Attack", time=time, place=place, fatalities=fatalities,
        injured=None, reported_by=None, negated=negated, hypothetical=False, published=published,
    )  # fmt: skip


def test_events_merge_same_strike_across_articles():
    mentions = [
        mention("m1", "a1"),
        mention("m2", "a2", source=None, cameo="1952", when=date(2020, 1, 2), published=date(2020, 1, 8)),
        mention("m3", "a3", source=USA_GOV, when=date(2020, 1, 1), precision="month", published=date(2020, 9, 30)),
        mention("m4", "a4", when=None, precision="", published=date(2020, 1, 4)),
    ]
    events = merge_mentions(mentions)
    assert len(events) == 1
    event = events[0]
    assert event.num_articles == 4
    assert event.date == date(2020, 1, 3) and event.date_precision == "day"
    assert event.source_actor.actor_id == "USA"
    assert event.target_actor.actor_id == "SOLEIMANI_QASEM"


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        (mention("b", when=date(2020, 1, 10)), False),  # a week apart: two events
        (mention("b", target=IRAN), False),  # conflicting targets
        (mention("b", cameo="042"), False),  # a visit is not an attack
        (mention("b", negated=True), False),
        (mention("b", source=TRUMP), True),  # a US official acting for the US
        (mention("b", place=TEHRAN), True),  # the first mention has no place
    ],
)
def test_events_compatibility(other, expected):
    assert mentions_compatible(mention("a"), other) is expected


def test_events_places_in_different_countries_do_not_merge():
    assert not mentions_compatible(mention("a", place=BAGHDAD), mention("b", place=TEHRAN))


def test_events_undated_mention_needs_publication_after_event():
    dated = mention("a", when=date(2020, 1, 3))
    assert dates_compatible(dated, mention("b", when=None, precision="", published=date(2020, 1, 5)))
    assert not dates_compatible(dated, mention("b", when=None, precision="", published=date(2020, 3, 1)))


def test_events_result_independent_of_order():
    mentions = [mention(f"m{i}", f"a{i}", when=date(2020, 1, 3 + (i % 2) * 10)) for i in range(6)]
    forward = {(e.event_id, e.num_articles) for e in merge_mentions(mentions)}
    backward = {(e.event_id, e.num_articles) for e in merge_mentions(reversed(mentions))}
    assert forward == backward and len(forward) == 2


def test_events_fatalities_take_most_conservative_report():
    events = merge_mentions([mention("a", "a1", fatalities=10), mention("b", "a2", fatalities=7)])
    assert events[0].fatalities == 7 and sorted(events[0].fatalities_reported) == [7, 10]


def test_events_a_person_killed_months_ago_is_the_same_killing():
    dated = mention("a", when=date(2020, 1, 3))
    months_later = mention("b", "a2", when=None, precision="", published=date(2020, 11, 28))
    assert mentions_compatible(dated, months_later)
    before = mention("c", "a3", when=None, precision="", published=date(2019, 12, 1))
    assert not mentions_compatible(dated, before)
    country_target = mention("d", target=IRAN, when=None, precision="", published=date(2020, 11, 28))
    assert not mentions_compatible(mention("e", target=IRAN), country_target)


def test_events_within_one_article_the_fullest_count_stands():
    events = merge_mentions([mention("a", "a1", fatalities=3), mention("b", "a1", fatalities=1), mention("c", "a2", fatalities=4)])
    assert events[0].fatalities == 3 and sorted(events[0].fatalities_reported) == [3, 4]
