import random
from dataclasses import replace
from datetime import date

import pytest

from crisislens.events import _FactsOfClusters, build_event, cluster_mentions, date_interval, dates_compatible, events_compatible, merge_mentions, mentions_compatible
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
    # one article each for 3 and 2 January (the strike was just after midnight in Baghdad): a tie goes to the earlier
    assert event.date == date(2020, 1, 2) and event.date_precision == "day"
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


def test_events_place_read_in_a_report_outvotes_the_outlets_home():
    # One station's report names no town and stands at the station's home; two others name the suburb.
    home = Place("Nashville", 36.17, -86.78, "USA", "city", origin="outlet")
    suburb = Place("Antioch", 36.06, -86.67, "USA", "city")
    at_home = [mention(f"h{i}", "a1", place=home) for i in range(3)]
    assert build_event([*at_home, mention("s1", "a2", place=suburb)]).location == suburb
    assert build_event(at_home).location == home
    county = Place("Davidson County", 35.86, -86.66, "USA", "region")
    assert build_event([*at_home, mention("c1", "a2", place=county)]).location == home  # a town still beats a county
    abroad = Place("Carlton", -37.8, 144.97, "AUS", "city")  # a foreign paper's stray reading
    assert build_event([*at_home, mention("f1", "a2", place=abroad)]).location == home  # no better than the outlet's country


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


def test_events_a_wounded_victim_who_died_is_not_also_injured():
    # "a girl was shot" (1 hurt), then "the girl has died" (1 dead): one victim; but "5 hurt" besides 1 dead stay 5.
    shot, died = replace(mention("a", "a1"), injured=1), mention("b", "a2", fatalities=1)
    assert [(e.fatalities, e.injured) for e in merge_mentions([shot, died])] == [(1, 0)]
    many = replace(mention("a", "a1"), injured=5)
    assert [(e.fatalities, e.injured) for e in merge_mentions([many, died])] == [(1, 5)]


def test_events_injured_are_the_middle_of_the_reports_figures():
    # One report tells only of the victim it names; two count all four wounded.
    reports = [replace(mention(m, article), injured=n) for m, article, n in (("a", "a1", 1), ("b", "a2", 4), ("c", "a3", 4))]
    assert [e.injured for e in merge_mentions(reports)] == [4]


CIVILIANS = ActorRef("civilians", "CVL", None, "CVL", "group")
GUNMAN = ActorRef("gunman", "UAF", None, "UAF", "group")
VICTIM = ActorRef("Andre O'Neal", "X_ANDRE_ONEAL", None, None, "person")


def local(mid: str, article: str, sentence: str, *, when: date | None = None, published: date = date(2016, 1, 10), target=None, source=None, cameo: str = "190"):
    """A report of a local shooting, as the pipeline codes GVA articles: often no actor at all."""
    time = TimeValue("Saturday", when, "day") if when else None
    return EventMention(
        mention_id=mid, span=MentionSpan(article, 0, sentence, 0, len(sentence)), trigger="shot", source=source, target=target,
        cameo=cameo, goldstein=-10.0, quad_class=4, plover="ASSAULT", acled_type="Attack", time=time, place=None, fatalities=1,
        injured=None, reported_by=None, negated=False, hypothetical=False, published=published,
    )  # fmt: skip


def shawnee_reports() -> list[EventMention]:
    return [
        local("s1", "wlky", "Coroner Jo-Ann Farmer said 8-year-old Andre O'Neal was shot on Greenwood Avenue in Shawnee.", when=date(2016, 1, 9)),
        local("s2", "wdrb", "Andre O'Neal, 8, was shot at a home on Greenwood Avenue, Jo-Ann Farmer said.", published=date(2016, 1, 11)),
        local("s3", "courier", "A man was shot in the Portland neighborhood of Louisville on Bank Street.", when=date(2016, 1, 9), published=date(2016, 1, 10)),
        local("s4", "later", "A boy, Andre O'Neal, was shot in January.", published=date(2016, 4, 2)),  # months later, undated
    ] + [local(f"f{i}", f"filler{i}", f"Filler report {i} about Lexington and Paducah.") for i in range(60)]


def _groups(clusters) -> set[frozenset[str]]:
    return {frozenset(m.mention_id for m in c) for c in clusters if len(c) > 1}


def test_events_clusters_of_equal_facts_share_one_number():
    # The linking keeps the verdicts between clusters by these numbers: bare reports of one article are alike.
    reach = dict.fromkeys(("x", "y", "z"), (date(2016, 1, 1), date(2016, 2, 1)))
    facts = _FactsOfClusters(None, reach)
    x, y, z = [local("x", "art", "Shots were fired.")], [local("y", "art", "Shots were fired.")], [local("z", "other", "Shots were fired.")]
    assert facts.numbered(x)[1] == facts.numbered(y)[1] != facts.numbered(z)[1]
    assert facts.numbered(x)[0] is facts(x)


def test_events_reports_sharing_rare_names_link_without_any_actor():
    groups = _groups(cluster_mentions(shawnee_reports()))
    assert frozenset({"s1", "s2"}) in groups  # the victim, the street, the coroner: the same shooting
    assert not any("s3" in g for g in groups)  # another neighbourhood, another shooting
    assert not any("s4" in g for g in groups)  # an undated report months later is not linked by names alone
    assert _groups(cluster_mentions(shawnee_reports(), link_by_names=False)) == set()


def test_events_context_sentences_add_names():
    reports = [
        local("a", "a1", "A teenager was shot late Saturday, police said.", when=date(2016, 1, 9)),
        local("b", "b1", "The teenager died of his wounds on Sunday.", published=date(2016, 1, 10)),
    ] + [local(f"f{i}", f"filler{i}", f"Filler report {i}.") for i in range(60)]
    assert _groups(cluster_mentions(reports)) == set()
    context = [("a1", "The shooting happened on Greenway Road near Thunderbird Park."), ("b1", "He was found on Greenway Road by Thunderbird Park.")]
    assert frozenset({"a", "b"}) in _groups(cluster_mentions(reports, context=context))


def test_events_generic_roles_are_no_anchor_but_no_conflict():
    # "civilians" killed in two places on one day are not one event because both say "civilians" ...
    a = local("a", "a1", "Two civilians were killed.", when=date(2016, 1, 9), target=CIVILIANS)
    b = local("b", "b1", "Three civilians were killed.", when=date(2016, 1, 9), target=CIVILIANS)
    assert not mentions_compatible(a, b)
    # ... but "civilians" and a named victim do not contradict each other.
    assert events_compatible([a], [local("c", "c1", "Andre was killed.", when=date(2016, 1, 9), target=VICTIM)])
    assert events_compatible([local("d", "d1", "x", source=GUNMAN)], [local("e", "e1", "y", source=TRUMP)])


def test_events_surname_and_full_name_are_compatible():
    full = local("a", "a1", "x", target=ActorRef("Maurice Cheeks", "X_MAURICE_CHEEKS", None, None, "person"))
    short = local("b", "b1", "y", target=ActorRef("Cheeks", "X_CHEEKS", None, None, "person"))
    other = local("c", "c1", "z", target=ActorRef("Phil Jackson", "X_PHIL_JACKSON", None, None, "person"))
    assert events_compatible([full], [short])
    assert not events_compatible([full], [other])


def test_events_cluster_dates_are_compared_as_windows():
    dated = local("a", "a1", "x", when=date(2016, 1, 9), published=date(2016, 1, 10))
    assert events_compatible([dated], [local("b", "b1", "y", published=date(2016, 1, 20))])  # reported within two weeks
    assert not events_compatible([dated], [local("c", "c1", "y", published=date(2016, 1, 5))])  # reported before it happened
    assert not events_compatible([dated], [local("d", "d1", "y", when=date(2016, 1, 12))])
    assert events_compatible([local("e", "e1", "x")], [local("f", "f1", "y", published=date(2016, 1, 12))])
    assert not events_compatible([local("g", "g1", "x")], [local("h", "h1", "y", published=date(2016, 1, 20))])


def test_events_date_interval_is_the_named_period():
    assert date_interval(TimeValue("Friday", date(2016, 1, 8), "day")) == (date(2016, 1, 7), date(2016, 1, 9))
    assert date_interval(TimeValue("in January", date(2016, 1, 1), "month")) == (date(2016, 1, 1), date(2016, 1, 31))
    # a season spans three months: a report of "last fall" and one dated in November may tell the same event
    fall = TimeValue("last fall", date(2015, 9, 1), "month", qualifier="fall")
    assert date_interval(fall) == (date(2015, 9, 1), date(2015, 11, 30))


@pytest.mark.parametrize("seed", range(5))
def test_events_clusters_do_not_depend_on_ingest_order(seed):
    mentions = shawnee_reports() + [
        mention("m1", "a1"),
        mention("m2", "a2", source=None, cameo="1952", when=date(2020, 1, 2), published=date(2020, 1, 8)),
        mention("m3", "a3", when=date(2020, 1, 13)),
        mention("m4", "a4", when=None, precision="", published=date(2020, 1, 4)),
        mention("m5", "a5", target=IRAN, when=date(2020, 1, 8)),
    ]
    expected = {frozenset(m.mention_id for m in c) for c in cluster_mentions(mentions)}
    shuffled = list(mentions)
    random.Random(seed).shuffle(shuffled)
    assert {frozenset(m.mention_id for m in c) for c in cluster_mentions(shuffled)} == expected
    assert {e.event_id for e in merge_mentions(shuffled)} == {e.event_id for e in merge_mentions(mentions)}


IRAQ_BASE = Place("Ain al-Asad", 33.80, 42.44, "IRQ", "landmark")
GREEN_ZONE = Place("Green Zone", 33.30, 44.39, "IRQ", "landmark")
LOWELL = Place("Lowell", 42.63, -71.32, "USA", "city")
LAWRENCE = Place("Lawrence", 42.71, -71.16, "USA", "city")
US_TROOPS = ActorRef("United States troops", "USAMIL", "USA", "MIL", "group")
AIRLINE = ActorRef("Ukraine International Airlines", "UKRBUS_UIA", "UKR", "BUS", "organization")


def report(mid: str, article: str, sentence: str, *, when=None, published=date(2020, 1, 8), source=None, target=None, place=None) -> EventMention:
    """A violent event as the pipeline codes it, with its sentence (the names linking reads)."""
    time = TimeValue("Wednesday", when, "day") if when else None
    return EventMention(
        mention_id=mid, span=MentionSpan(article, 0, sentence, 0, len(sentence)), trigger="fired", source=source, target=target,
        cameo="195", goldstein=-10.0, quad_class=4, plover="ASSAULT", acled_type="Air/drone strike", time=time, place=place,
        fatalities=None, injured=None, reported_by=None, negated=False, hypothetical=False, published=published,
    )  # fmt: skip


def fillers(count: int = 400) -> list[EventMention]:
    """Unrelated reports: with 400 articles, a name counts while it is in at most four of them."""
    return [report(f"f{i}", f"filler{i}", f"Filler report {i} about Mosul.", published=date(2019, 6, 1)) for i in range(count)]


def test_events_same_day_attacks_on_different_targets_stay_apart():
    """Iran's missiles on US troops in Iraq and the airliner Iran shot down near Tehran the same morning are two events."""
    names = "Hajizadeh of the Revolutionary Guards Aerospace Force spoke after Kermanshah."
    mentions = [
        report("base1", "a1", f"Iran fired missiles at Ain al-Asad. {names}", when=date(2020, 1, 8), source=IRAN, target=US_TROOPS, place=IRAQ_BASE),
        report("base2", "a2", f"Iran's missile attack on Ain al-Asad. {names}", when=date(2020, 1, 8), published=date(2020, 1, 9), source=IRAN, target=US_TROOPS, place=IRAQ_BASE),
        report("jet", "a3", f"Iran shot down the Boeing near Tehran. {names}", when=date(2020, 1, 8), published=date(2020, 1, 11), source=IRAN, target=AIRLINE, place=TEHRAN),
        # A bare sentence of the airliner story: it fits any attack, but its article's story is in another country.
        report("bare", "a3", f"An operator fired a short-range missile. {names}", published=date(2020, 1, 11)),
    ] + fillers()
    groups = _groups(cluster_mentions(mentions))
    assert frozenset({"base1", "base2"}) in groups
    assert not any({"jet", "bare"} & g and {"base1", "base2"} & g for g in groups)


def test_events_look_alike_attacks_on_different_days_stay_apart():
    """Two rocket attacks on the Green Zone, a month apart, told with the same names, are two events."""
    names = "Katyusha rockets hit near the Green Zone, Kataib Hezbollah denied it."
    mentions = [
        report("nov1", "n1", names, when=date(2020, 11, 17), published=date(2020, 11, 17), place=GREEN_ZONE),
        report("nov2", "n2", names, when=date(2020, 11, 17), published=date(2020, 11, 18), place=GREEN_ZONE),
        report("dec1", "d1", names, when=date(2020, 12, 20), published=date(2020, 12, 20), place=GREEN_ZONE),
        report("dec2", "d2", names, published=date(2020, 12, 21), place=GREEN_ZONE),  # undated: the day after the second attack
    ] + fillers()
    groups = _groups(cluster_mentions(mentions))
    assert frozenset({"nov1", "nov2"}) in groups
    assert frozenset({"dec1", "dec2"}) in groups


def test_events_victims_named_in_each_others_reports_are_one_shooting():
    greene = ActorRef("Brandon Greene", "X_BRANDON_GREENE", None, None, "person")
    jones = ActorRef("Kayla Jones", "X_KAYLA_JONES", None, None, "person")
    a = local("a", "x", "Greene was shot.", when=date(2016, 1, 9), target=greene)
    b = local("b", "y", "Jones was shot.", when=date(2016, 1, 9), target=jones)
    assert events_compatible([a], [b], 20.0, {"x": {"greene", "jones"}, "y": {"jones", "greene"}})
    assert not events_compatible([a], [b], 20.0, {"x": {"greene"}, "y": {"jones"}})


def test_events_victims_of_one_story_in_one_town_on_the_same_day_do_not_conflict():
    powell = ActorRef("Chanetta Powell", "X_CHANETTA_POWELL", None, None, "person")
    ellis = ActorRef("John Ellis", "X_JOHN_ELLIS", None, None, "person")
    a = replace(local("a", "x", "Powell was killed.", when=date(2016, 3, 9), target=powell), place=LOWELL)
    b = replace(local("b", "y", "Ellis was wounded.", when=date(2016, 3, 9), target=ellis), place=LOWELL)
    assert events_compatible([a], [b], 20.0)  # many rare names, same day, same town: one ambush, two of its victims
    assert not events_compatible([a], [b], 10.0)  # fewer names: two victims may be two shootings
    assert not events_compatible([a], [replace(b, place=LAWRENCE)], 20.0)  # another town
    assert not events_compatible([a], [replace(b, time=TimeValue("Monday", date(2016, 3, 14), "day"))], 20.0)  # other days
    iran = ActorRef("Iran", "IRN", "IRN", None, "country")
    assert not events_compatible([replace(a, target=iran)], [replace(b, target=ActorRef("Iraq", "IRQ", "IRQ", None, "country"))], 20.0)


def test_events_towns_neither_side_names_keep_stories_apart():
    in_lowell = replace(local("a", "a1", "x", when=date(2016, 1, 9)), place=LOWELL)
    in_lawrence = replace(local("b", "b1", "y", when=date(2016, 1, 9)), place=LAWRENCE)
    # A police bureau's page of its own town's incidents and another town's shooting share some names, not the town.
    assert not events_compatible([in_lowell], [in_lawrence], 10.0, {"a1": {"lowell"}, "b1": {"lawrence"}})
    # One report names the other's town ("the Lawrence man was shot in Lowell"): the gazetteer may have placed it there.
    assert events_compatible([in_lowell], [in_lawrence], 10.0, {"a1": {"lowell"}, "b1": {"lawrence", "lowell"}})
    # Many rare names: a story and its follow-up, wherever the follow-up was placed.
    assert events_compatible([in_lowell], [in_lawrence], 20.0, {"a1": {"lowell"}, "b1": {"lawrence"}})


def test_events_local_names_typed_differently_or_named_in_both_reports_do_not_conflict():
    grant = ActorRef("Malijah Grant", "X_MALIJAH_GRANT", None, None, "person")
    grant_as_organisation = ActorRef("Grant", "X_GRANT", None, None, "organization")
    skate_park = ActorRef("Los Altos Skate Park", "X_LOS_ALTOS_SKATE_PARK", None, None, "organization")
    a = local("a", "x", "Grant was shot.", when=date(2016, 1, 9), target=grant)
    assert events_compatible([a], [local("b", "y", "Grant was shot.", when=date(2016, 1, 9), target=grant_as_organisation)], 20.0)
    at_park = local("c", "z", "The park was shot at.", when=date(2016, 1, 9), target=skate_park)
    assert events_compatible([a], [at_park], 20.0, {"x": {"grant", "los", "altos", "skate", "park"}, "z": {"grant"}})
    assert not events_compatible([a], [at_park], 20.0, {"x": {"grant"}, "z": {"grant"}})


def test_events_name_evidence_sets_the_date_rules():
    dated = local("a", "a1", "x", when=date(2016, 1, 9), published=date(2016, 1, 10))
    follow_up = local("b", "b1", "y", published=date(2016, 2, 1))  # an undated arrest report three weeks later
    assert events_compatible([dated], [follow_up], 20.0)  # many rare names shared: a story and its follow-up
    assert not events_compatible([dated], [follow_up], 10.0)
    assert not events_compatible([dated], [follow_up])
    in_lowell = replace(dated, place=LOWELL)
    # Few names shared: only with the same day and the same town, placed or named ("Lowell police said").
    assert events_compatible([in_lowell], [replace(in_lowell, mention_id="c", span=replace(in_lowell.span, article_id="c1"))], 5.0)
    unplaced = local("d", "d1", "z", when=date(2016, 1, 9))
    assert not events_compatible([dated], [unplaced], 5.0)
    assert not events_compatible([in_lowell], [unplaced], 5.0)
    assert events_compatible([in_lowell], [unplaced], 5.0, {"d1": {"lowell", "midland"}})
    assert not events_compatible([in_lowell], [replace(unplaced, place=LAWRENCE)], 5.0, {"d1": {"lowell", "midland"}})
    # An undated report in the same town: only when it appeared within days of the dated one.
    assert events_compatible([in_lowell], [replace(follow_up, place=LOWELL, published=date(2016, 1, 11))], 5.0)
    assert not events_compatible([in_lowell], [replace(follow_up, place=LOWELL, published=date(2016, 1, 20))], 5.0)
    # Dated a few days apart (a follow-up dated by its own report): only with names enough to link alone, in one town.
    reported_later = replace(in_lowell, mention_id="e", span=replace(in_lowell.span, article_id="e1"),
                             time=TimeValue("Thursday", date(2016, 1, 14), "day"))  # fmt: skip
    assert events_compatible([in_lowell], [reported_later], 10.0)
    assert not events_compatible([in_lowell], [reported_later], 5.0)
    assert not events_compatible([in_lowell], [replace(reported_later, place=LAWRENCE)], 20.0)
    assert not events_compatible([in_lowell], [replace(reported_later, time=TimeValue("Monday", date(2016, 1, 25), "day"))], 20.0)


def test_events_many_names_on_the_same_days_outweigh_a_namesake_town_abroad():
    hamilton_ohio = local("a", "a1", "x", when=date(2016, 1, 9), cameo="193")
    hamilton_ohio = replace(hamilton_ohio, place=Place("Hamilton", 39.40, -84.56, "USA", "city"))
    hamilton_ontario = replace(hamilton_ohio, mention_id="b", span=replace(hamilton_ohio.span, article_id="b1"),
                               place=Place("Hamilton", 43.26, -79.87, "CAN", "city"))  # fmt: skip
    assert events_compatible([hamilton_ohio], [hamilton_ontario], 20.0)
    assert not events_compatible([hamilton_ohio], [hamilton_ontario], 10.0)
    week_later = replace(hamilton_ontario, time=TimeValue("Saturday", date(2016, 1, 16), "day"))
    assert not events_compatible([hamilton_ohio], [week_later], 20.0)


def test_events_date_is_the_one_most_articles_give_not_most_mentions():
    # One story tells of the shooting (Friday) three times over as of the hospital day after; two others give Friday.
    hospital = [mention(f"h{i}", "a1", when=date(2020, 1, 4), published=date(2020, 1, 4)) for i in range(3)]
    first = mention("f", "a2", when=date(2020, 1, 3), published=date(2020, 1, 4))
    later = mention("l", "a3", when=date(2020, 1, 3), published=date(2020, 1, 6))
    assert build_event([*hospital, first, later]).date == date(2020, 1, 3)


def test_events_dates_in_a_tie_go_to_the_earliest():
    # "shot Saturday evening" (reported Sunday) against "remained hospitalized Sunday" (reported Monday).
    first = mention("b", "a1", when=date(2020, 1, 4), published=date(2020, 1, 5))
    next_day = mention("a", "a2", when=date(2020, 1, 5), published=date(2020, 1, 6))
    assert build_event([next_day, first]).date == date(2020, 1, 4)
    same_day = replace(next_day, published=date(2020, 1, 5))  # both first: the earlier day, the other tells what followed
    assert build_event([same_day, first]).date == date(2020, 1, 4)
    # "died Sunday morning" told first, "shot last weekend" (Saturday) told a week later: the shooting's day.
    died = mention("d", "a3", when=date(2020, 1, 5), published=date(2020, 1, 6))
    shot = mention("s", "a4", when=date(2020, 1, 4), published=date(2020, 1, 12))
    assert build_event([died, shot]).date == date(2020, 1, 4)
