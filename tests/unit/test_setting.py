"""Where an article's lead event happened when its own sentence names no town (mentions.setting)."""

from datetime import date

from crisislens.mentions.setting import WINDOW, SentenceSetting, lead_date, lead_place, names_elsewhere, settle
from crisislens.models import EventMention, MentionSpan, Place, TimeValue

ILLINOIS = Place("Illinois", 40.0, -89.25, "USA", "region")
EVANSTON = Place("Evanston", 42.04, -87.69, "USA", "city")
SPRINGFIELD_MO = Place("Springfield", 37.2, -93.3, "USA", "city")
PARIS = Place("Paris", 48.85, 2.35, "FRA", "city")
DENVER = Place("Denver", 39.74, -104.98, "USA", "city")


def named(index: int, *places: Place, other_event: bool = False) -> SentenceSetting:
    return SentenceSetting(index, (), places, other_event)


def test_setting_town_of_the_lead_sentence_wins():
    assert lead_place(EVANSTON, [named(0, EVANSTON), named(1, SPRINGFIELD_MO)], 0) == EVANSTON


def test_setting_lead_without_a_town_takes_the_nearest_one_named():
    sentences = [named(0, PARIS), named(1), named(2, EVANSTON), named(3, SPRINGFIELD_MO)]
    assert lead_place(None, sentences, 1) == EVANSTON  # after the lead first, then before it
    assert lead_place(None, [named(0, EVANSTON), named(1)], 1) == EVANSTON
    assert lead_place(None, [named(0), named(2 + WINDOW, EVANSTON)], 0) == EVANSTON  # a local story names its town once


def test_setting_town_must_lie_in_the_region_the_lead_named():
    sentences = [named(0), named(1, DENVER), named(2, EVANSTON)]
    assert lead_place(ILLINOIS, sentences, 0) == EVANSTON  # Denver is far from Illinois
    assert lead_place(ILLINOIS, [named(0), named(1, PARIS)], 0) == ILLINOIS


def test_setting_sentence_naming_another_town_or_a_region_elsewhere_is_not_about_the_lead_town():
    assert names_elsewhere([PARIS], EVANSTON) and names_elsewhere([DENVER], EVANSTON)
    assert names_elsewhere([Place("Colorado", 39.0, -105.5, "USA", "region")], EVANSTON)
    assert not names_elsewhere([], EVANSTON)
    assert not names_elsewhere([EVANSTON, ILLINOIS], EVANSTON)  # its own town and the state it is in


def test_setting_skips_sentences_about_another_event():
    assert lead_place(None, [named(0), named(1, SPRINGFIELD_MO, other_event=True), named(2, EVANSTON)], 0) == EVANSTON


def _shooting(sentence_index: int, time: TimeValue | None, place: Place | None) -> EventMention:
    return EventMention(
        mention_id="m", span=MentionSpan("a", sentence_index, "x", 0, 1), trigger="shot", source=None, target=None, cameo="190",
        goldstein=-10.0, quad_class=4, plover="ASSAULT", acled_type=None, time=time, place=place, fatalities=None, injured=None,
        reported_by=None, negated=False, hypothetical=False, published=None,
    )  # fmt: skip


def test_setting_reports_of_the_lead_keep_their_own_day_and_town():
    friday = TimeValue("Friday", date(2020, 1, 3), "day")
    mention = _shooting(0, None, ILLINOIS)
    settled = settle(mention, friday, EVANSTON)
    assert (settled.time, settled.place) == (friday, EVANSTON)
    own = settle(settle(mention, friday, EVANSTON), TimeValue("Monday", date(2020, 1, 6), "day"), SPRINGFIELD_MO)
    assert (own.time, own.place) == (friday, EVANSTON)


def test_setting_report_dated_by_its_month_keeps_it_against_a_day_outside():
    last_july = TimeValue("last July", date(2014, 7, 1), "month")
    mention = _shooting(2, last_july, None)
    plea_day = TimeValue("Wednesday", date(2015, 4, 29), "day")  # "entered the plea Wednesday": another time
    assert settle(mention, plea_day, None).time == last_july
    in_july = TimeValue("July 30", date(2014, 7, 30), "day")
    assert settle(mention, in_july, None).time == in_july


def test_setting_clock_time_without_a_day_is_the_day_of_publication():
    published = date(2015, 5, 10)
    clock = TimeValue("shortly after 2 p.m.", None, None)
    sentences = [SentenceSetting(0, (), ()), SentenceSetting(1, (), (), publication_day_clue=clock)]
    found = lead_date(None, None, sentences, 0, published)
    assert found is not None and (found.value, found.precision) == (published, "day")
    friday = TimeValue("Friday", date(2015, 5, 8), "day")
    assert lead_date(None, None, [SentenceSetting(0, (friday,), ()), *sentences[1:]], 0, published) == friday


def test_setting_page_stamp_is_a_clue_of_the_day_of_publication_it_is_given():
    published = date(2015, 5, 2)  # the day the page stamps itself with, the caller's
    stamp = TimeValue("Saturday, May 2, 2015", date(2015, 5, 2), "day")
    found = lead_date(None, None, [SentenceSetting(0, (), (), publication_day_clue=stamp)], 0, published)
    assert found is not None and (found.value, found.text) == (published, "Saturday, May 2, 2015 (day of publication)")


def test_setting_clue_dated_the_day_before_publication_says_so():
    written = date(2015, 5, 9)  # the story dates its reports the day before publication (10 May): it was written then
    clock = TimeValue("shortly after 2 p.m.", None, None)
    found = lead_date(None, None, [SentenceSetting(0, (), (), publication_day_clue=clock)], 0, written, eve=True)
    assert found is not None and (found.value, found.text) == (written, "shortly after 2 p.m. (day before publication)")


def test_setting_day_within_the_season_the_lead_gives_itself_dates_it():
    last_fall = TimeValue("last fall", date(2015, 9, 1), "month", qualifier="fall")
    in_october = TimeValue("October 22, 2015", date(2015, 10, 22), "day")
    assert lead_date(last_fall, None, [SentenceSetting(1, (in_october,), ())], 0, date(2016, 8, 23)) == in_october
    in_december = TimeValue("December 2, 2015", date(2015, 12, 2), "day")  # after the season
    assert lead_date(last_fall, None, [SentenceSetting(1, (in_december,), ())], 0, date(2016, 8, 23)) == last_fall


def test_setting_day_of_the_weekend_the_lead_gives_itself_dates_it():
    # "A girl was accidentally shot over the weekend … the shooting was reported shortly before 8:30 p.m. Sunday."
    weekend = TimeValue("the weekend", date(2015, 4, 18), "day")
    sunday = TimeValue("8:30 p.m. Sunday", date(2015, 4, 19), "day")
    assert lead_date(weekend, weekend, [SentenceSetting(0, (weekend,), ()), SentenceSetting(1, (sunday,), ())], 0, date(2015, 4, 20)) == sunday
    thursday = TimeValue("Thursday", date(2015, 4, 16), "day")  # before the weekend: another time
    assert lead_date(weekend, weekend, [SentenceSetting(0, (weekend,), ()), SentenceSetting(1, (thursday,), ())], 0, date(2015, 4, 20)) == weekend
    # the lead has no date of its own, another report of it says "the weekend": that weekend's day
    assert lead_date(None, weekend, [SentenceSetting(1, (thursday,), ()), SentenceSetting(2, (sunday,), ())], 0, date(2015, 4, 20)) == sunday
    assert lead_date(None, weekend, [SentenceSetting(1, (thursday,), ())], 0, date(2015, 4, 20)) == weekend
    # a weekend told near the lead, its Sunday only further on: the Sunday, before any clue of the day of publication
    clue = TimeValue("are investigating", None, None)
    found = [SentenceSetting(0, (), (), publication_day_clue=clue), SentenceSetting(1, (weekend,), ()), SentenceSetting(WINDOW + 3, (sunday,), ())]
    assert lead_date(None, None, found, 0, date(2015, 4, 20), further=True) == sunday
    assert lead_date(None, None, found[:2], 0, date(2015, 4, 20), further=True) == weekend
    saturday = TimeValue("Saturday", date(2015, 4, 18), "day")  # a day the lead gives itself is its own
    assert lead_date(saturday, saturday, [SentenceSetting(1, (sunday,), ())], 0, date(2015, 4, 20)) == saturday


def test_setting_report_dated_by_the_weekend_takes_the_lead_day_in_it():
    weekend = TimeValue("over the weekend", date(2016, 5, 7), "day")
    sunday = TimeValue("Sunday around 11 a.m.", date(2016, 5, 8), "day")
    assert settle(_shooting(2, weekend, None), sunday, None).time == sunday


def test_setting_day_named_only_further_on_dates_the_lead():
    published = date(2016, 12, 20)
    monday = TimeValue("4 p.m. Monday", date(2016, 12, 19), "day")
    far = [SentenceSetting(0, (), ()), *(SentenceSetting(i, (), ()) for i in range(1, WINDOW + 1)), SentenceSetting(WINDOW + 3, (monday,), ())]
    assert lead_date(None, None, far, 0, published) is None  # near the lead only, unless asked
    assert lead_date(None, None, far, 0, published, further=True) == monday
    clock = TimeValue("about 8:15 p.m.", None, None)  # a clock time near the lead comes first: the day of publication
    near_clock = [SentenceSetting(0, (), (), publication_day_clue=clock), *far[1:]]
    found = lead_date(None, None, near_clock, 0, published, further=True)
    assert found is not None and found.value == published
    other = [*far[:-1], SentenceSetting(WINDOW + 3, (monday,), (), other_event=True)]  # a day of another event
    assert lead_date(None, None, other, 0, published, further=True) is None


def test_setting_clue_of_the_day_of_publication_only_further_on_dates_the_lead_with_no_day():
    published = date(2016, 12, 20)
    critical = TimeValue("is in critical condition", None, None)
    far = [*(SentenceSetting(i, (), ()) for i in range(WINDOW + 1)), SentenceSetting(WINDOW + 3, (), (), publication_day_clue=critical)]
    assert lead_date(None, None, far, 0, published) is None  # near the lead only, unless asked
    found = lead_date(None, None, far, 0, published, further=True)
    assert found is not None and (found.value, found.precision) == (published, "day")
    monday = TimeValue("4 p.m. Monday", date(2016, 12, 19), "day")
    assert lead_date(None, None, [*far, SentenceSetting(WINDOW + 4, (monday,), ())], 0, published, further=True) == monday


def test_setting_day_of_the_sentence_right_before_the_lead_comes_before_what_followed():
    # "Paramedics rushed the boy to a hospital Tuesday around 7:30 p.m. | He was struck in the back. | … They received
    # good news Wednesday."
    monday, tuesday = TimeValue("Monday", date(2016, 10, 3), "day"), TimeValue("Tuesday", date(2016, 10, 4), "day")
    wednesday = TimeValue("Wednesday", date(2016, 10, 5), "day")
    sentences = [SentenceSetting(0, (monday,), ()), SentenceSetting(1, (tuesday,), ()), SentenceSetting(2, (), ()), SentenceSetting(3, (wednesday,), ())]
    assert lead_date(None, None, sentences, 2, date(2016, 10, 5)) == tuesday
    # further before the lead, a day comes after the ones that follow the lead
    assert lead_date(None, None, [sentences[0], SentenceSetting(1, (), ()), *sentences[2:]], 2, date(2016, 10, 5)) == wednesday
    # the headline is not the sentence before the lead
    assert lead_date(None, None, [SentenceSetting(-1, (monday,), ()), *sentences[2:]], 0, date(2016, 10, 5)) == wednesday
