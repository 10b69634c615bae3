"""Event mentions read off single sentences: code, roles, negation, modality, threats, time, counts."""

from datetime import date

import pytest

from crisislens.models import Article

pytestmark = pytest.mark.model

PUBLISHED = date(2020, 1, 4)  # a Saturday


@pytest.fixture(scope="module")
def code(extractor, nlp):
    def run(text: str, published: date | None = PUBLISHED):
        article = Article("t", text, published=published)
        return list(extractor.extract(nlp(text), article).mentions)

    return run


def one(mentions, root: str | None = None):
    chosen = [m for m in mentions if root is None or m.cameo.startswith(root)]
    assert len(chosen) == 1, [(m.trigger, m.cameo) for m in mentions]
    return chosen[0]


def test_mentions_active_strike_with_source_target_date_place(code):
    m = one(code("A US drone strike killed Qasem Soleimani in Baghdad early Friday."), "1")
    assert m.source.country == "USA"
    assert "Soleimani" in m.target.name
    assert m.cameo[:2] in ("18", "19", "20")
    assert m.time.value == date(2020, 1, 3)
    assert m.place.name == "Baghdad"


def test_mentions_passive_with_agent(code):
    m = one(code("Two Iraqi soldiers were wounded by gunmen on Thursday."), "1")
    assert m.source.role == "UAF"
    assert m.target.actor_id == "IRQMIL"
    assert m.injured == 2


def test_mentions_negation(code):
    m = one(code("Iran did not attack the American embassy."))
    assert m.negated


@pytest.mark.parametrize(
    "text",
    [
        "He said he didn't know who shot him.",
        "It was not clear who fired the shots at the officers.",
        "Police did not say why the man was shot.",
        "No one knows who shot the teenager.",
    ],
)
def test_mentions_not_knowing_or_telling_does_not_deny_the_act(code, text):
    m = one(code(text), "1")
    assert not m.negated


def test_mentions_negation_reaches_a_clause_that_is_not_told(code):
    m = one(code("I don't think Iran attacked the American embassy."), "1")
    assert m.negated


def test_mentions_modality(code):
    m = one(code("The United States could strike Iranian militias."))
    assert m.hypothetical


def test_mentions_threat_is_coded_as_threat_not_as_the_act(code):
    m = one(code("Washington threatened to close its embassy in Baghdad."))
    assert m.cameo == "1313"
    assert not m.hypothetical


def test_mentions_casualties_sum_and_weekday(code):
    m = one(code("On Monday three children and two women were killed when two militia rockets hit a family home.", date(2020, 9, 30)), "1")
    assert m.fatalities == 5
    assert m.time.value == date(2020, 9, 28)


def test_mentions_attribution(code):
    m = one(code("Rockets struck the Green Zone on Friday, security sources said."), "1")
    assert m.reported_by and "security sources" in m.reported_by


def test_mentions_no_publication_date_keeps_weekday_null(code):
    m = one(code("Iran fired missiles at US bases on Wednesday.", None), "1")
    assert m.time is None or m.time.value is None


def test_mentions_country_modifying_the_trigger_is_the_attacker_not_the_place(code):
    m = one(code("Air defenses were on alert for a U.S. attack near Baghdad."), "19")
    assert m.source is not None and m.source.country == "USA"
    assert m.place is None or m.place.name == "Baghdad"


def test_mentions_apposition_name_beats_the_role_noun(code):
    m = one(code("Washington killed Iran's most important military commander, Qassem Soleimani, in Baghdad."), "1")
    assert "Soleimani" in m.target.name


def test_mentions_date_of_another_clause_is_not_the_event_date(code):
    text = "The strike came before the anniversary of the drone strike that killed Qassem Soleimani, and after the United States withdrew staff earlier this month."
    killing = [m for m in code(text) if m.trigger == "killed"]
    assert killing and killing[0].time is None


def test_mentions_date_relative_to_another_clause(code):
    text = "Iraq's parliament voted on Sunday to expel foreign troops, two days after a U.S. drone strike killed Qasem Soleimani."
    killing = [m for m in code(text, date(2020, 1, 6)) if m.trigger == "killed"]
    assert killing[0].time.value == date(2020, 1, 3)


def test_mentions_referred_event_noun_takes_no_date_from_the_sentence(code):
    text = "Iran fired missiles at Ain al-Asad on Wednesday in revenge for the killing of Qasem Soleimani."
    by_trigger = {m.trigger: m for m in code(text, date(2020, 1, 8))}
    assert by_trigger["fired"].time.value == date(2020, 1, 8)
    assert "killing" not in by_trigger or by_trigger["killing"].time is None


def test_mentions_counts_belong_to_their_own_clause(code):
    text = "No Americans were killed after Iran fired missiles in response to the assassination of Qasem Soleimani."
    by_trigger = {m.trigger: m for m in code(text)}
    assert by_trigger["assassination"].fatalities is None


def test_mentions_lowercase_word_is_not_a_place_of_that_name(code):
    m = one(code("Two rockets hit the base on Friday, wounding a soldier."), "19")
    assert m.place is None


@pytest.mark.parametrize(
    "text",
    [
        "A stampede during the funeral procession on Tuesday killed dozens of mourners.",
        "A passenger jet crashed minutes after taking off from Tehran early Wednesday, killing all 176 people on board.",
    ],
)
def test_mentions_accidents_are_not_attacks(code, text):
    assert not [m for m in code(text) if m.cameo[:2] in ("18", "19", "20")]


@pytest.mark.parametrize(
    ("text", "attack"),
    [
        ("A 2-year-old died after she was struck on Thursday by a minivan.", False),
        ("A car hit the boy outside the school on Friday.", False),
        ("A man was shot from a passing car on Friday.", True),
        ("A man in a car shot a boy on Friday.", True),
    ],
)
def test_mentions_people_hit_by_a_vehicle_were_run_over_not_attacked(code, text: str, attack: bool):
    assert bool([m for m in code(text) if m.cameo[:2] in ("18", "19", "20")]) == attack


def test_mentions_day_of_an_accident_told_beside_the_story_does_not_date_it(extractor, nlp):
    # A page's other story ("struck by a minivan") names a day; the shooting's story names none.
    text = "A 2-year-old died after she was struck on Thursday by a minivan. A man was shot in the leg on Elm Street."
    mentions = [m for m in extractor.extract(nlp(text), Article("t", text, published=PUBLISHED)).mentions if m.cameo.startswith("19")]
    assert mentions and not any(m.time and m.time.value == date(2020, 1, 2) for m in mentions)


@pytest.mark.parametrize(
    "text",
    [
        "A man was shot in the leg on Elm Street.\n\nRELATED:\n\nThe city council met on Thursday to vote on a budget.",
        "The council met on Thursday. Its members said in a statement that the ...\n\nA man was shot in the leg on Elm Street.",
        "A man was shot in the leg on Elm Street.\n\n1:45 Mayor speaks at a Thursday meeting",
    ],
)
def test_mentions_day_of_another_story_on_the_page_does_not_date_the_lead(extractor, nlp, text: str):
    # A page's listing of other stories names a day; the shooting's story names none.
    mentions = [m for m in extractor.extract(nlp(text), Article("t", text, published=PUBLISHED)).mentions if m.cameo.startswith("19")]
    assert mentions and not any(m.time and m.time.value == date(2020, 1, 2) for m in mentions)


def test_mentions_town_of_another_story_on_the_page_does_not_place_the_lead(extractor, nlp):
    text = "A man was shot in the leg on Elm Street.\n\nRELATED:\n\nThe city council of Evanston, Illinois, voted on a budget."
    mentions = [m for m in extractor.extract(nlp(text), Article("t", text, published=PUBLISHED)).mentions if m.cameo.startswith("19")]
    assert mentions and not any(m.place and m.place.name == "Evanston" for m in mentions)


@pytest.mark.parametrize(
    ("text", "cameo"),
    [
        ("A teenager was accidentally shot in Lansing on Friday.", "193"),
        ("Her 12-year-old brother accidentally shot her in the neck, wounding her.", "193"),
        ("Five people were found dead of gunshot wounds in a home in Tulsa.", "193"),
        ("A woman died Thursday morning after a gun went off inside a car in Hampton.", "193"),  # the gun fired
        ("A teen was killed Thursday when a rifle discharged as he loaded the boat.", "193"),
        ("A father and his daughter were found dead in Myrtle Creek in an apparent murder-suicide.", "190"),
    ],
)
def test_mentions_local_shootings_are_events_even_where_acled_would_not_record_them(code, text, cameo):
    m = one(code(text), cameo[:2])
    assert m.cameo == cameo
    assert m.acled_type != "Suicide bomb"


def test_mentions_going_off_is_a_shooting_only_when_a_gun_goes_off(code):
    assert not [m for m in code("The band went off on tour in Dayton on Monday.") if m.cameo.startswith("19")]


def test_mentions_gun_violence_parsed_as_a_verb_is_no_shooting(code):
    text = "Six-year-old Michael Cattron lost his mother last summer and uncle last year to gun violence in Chicago."
    assert not [m for m in code(text) if m.cameo.startswith("19")]


@pytest.mark.parametrize(
    ("text", "cameo"),
    [
        ("Iraq urged Iran to release the British sailors.", "0253"),  # appeal, coded by what is asked for
        ("Iran refused to release the sailors.", "1243"),  # rejection, coded by what is refused
        ("Iran threatened to impose sanctions on Britain.", "1312"),  # threat, coded by the act threatened
        ("Japan will send food aid to Syria.", "0333"),  # a cooperative act announced is an intention
    ],
)
def test_mentions_frame_codes_the_governed_act_and_absorbs_it(code, text, cameo):
    m = one(code(text))
    assert m.cameo == cameo
    assert not m.hypothetical and not m.negated


def test_mentions_reported_obligation_is_a_demand_by_the_speaker(code):
    m = one(code("Britain said Libya must hand over the two suspects."))
    assert m.cameo.startswith("10")
    assert m.source.country == "GBR" and m.target.country == "LBY"


def test_mentions_leading_report_without_an_event_is_a_statement(code):
    m = one(code("Turkey said it was confident that the crisis would end soon."))
    assert m.cameo == "013"
    assert m.source.country == "TUR"
    assert not code("The crisis will end soon, Turkish officials said.")  # a trailing source cites, it states nothing


def test_mentions_conjoined_actors_give_one_event_per_pair(code):
    mentions = [m for m in code("Iran and Iraq signed an agreement with Turkey and Syria.") if m.cameo.startswith("0")]
    pairs = {(m.source.actor_id, m.target.actor_id) for m in mentions}
    assert pairs == {("IRN", "TUR"), ("IRN", "SYR"), ("IRQ", "TUR"), ("IRQ", "SYR")}
    assert len({m.mention_id for m in mentions}) == 4


def test_mentions_one_actor_named_twice_in_a_compound_is_one_pair(code):
    mentions = code("The mayor thanked the paramedics, the district, teachers and administrators, as well as students who helped.")
    assert mentions
    assert len({m.mention_id for m in mentions}) == len(mentions)
    assert len({(m.source.actor_id, m.target.actor_id) for m in mentions}) == len(mentions)


def test_mentions_agent_of_conjoined_countries_is_one_actor_each(code):
    mentions = code("US and Iraqi troops killed five militants in Anbar on Friday.")
    assert {(m.source.actor_id, m.target.actor_id) for m in mentions} == {("USAMIL", "UAF"), ("IRQMIL", "UAF")}


def test_mentions_lead_takes_the_headline_count_and_the_day_and_town_told_nearby(extractor, nlp):
    text = "A man was shot and killed. Officers found him outside a home in Evanston, Illinois, around 11 p.m. Saturday, police said."
    article = Article("t", text, title="1 killed, 2 hurt in Evanston shooting", published=date(2020, 1, 6))
    lead = next(m for m in extractor.extract(nlp(text), article).mentions if m.count_rule is not None)
    assert (lead.fatalities, lead.injured) == (1, 2)
    assert lead.time is not None and lead.time.value == date(2020, 1, 4)
    assert lead.place is not None and lead.place.name == "Evanston"


def test_mentions_the_lead_sentence_counts_whatever_other_day_it_names(extractor, nlp):
    text = ("A 12-year-old was in critical condition Tuesday after he and three others were shot on a Rocky Mount basketball court. "
            "Four teens, the 12-year-old was the youngest, were shot on the court behind a church at about 6 p.m. Monday evening, "
            "police said.")
    article = Article("t", text, published=date(2014, 1, 28))  # a Tuesday: the lead's day is Monday
    lead = next(m for m in extractor.extract(nlp(text), article).mentions if m.count_rule is not None)
    assert lead.injured == 4


@pytest.mark.parametrize(
    ("text", "source", "claimed"),
    [
        ("Two men were shot Saturday night, police said.", "police", False),
        ("The sheriff's office confirmed that a deputy was wounded in the shooting.", "the sheriff's office", False),
        ("According to the Douglas County Sheriff's Office, a woman was shot and killed.", "Douglas County Sheriff's Office", False),
        ("A group calling itself the Black Hand claimed it killed three officers.", "a group calling itself the Black Hand", True),
    ],
)
def test_mentions_attribution_of_local_news_reports(code, text: str, source: str, claimed: bool):
    m = one(code(text), "1")
    assert m.reported_by == source
    (claim,) = m.claims  # the article's figures, with who gives them and whether they are only claimed
    assert (claim.source, claim.claimed) == (source, claimed)


def test_mentions_claimed_the_lives_is_no_claim(code):
    mentions = code("A gunman opened fire at a motel on Saturday. The shooting claimed the lives of three people; a fourth man was shot.")
    m = next(m for m in mentions if m.count_rule is not None)
    assert (m.fatalities, m.injured) == (3, 1)
    assert not any(c.claimed for c in m.claims)


def test_mentions_reporting_day_does_not_date_the_event(code):
    # Published Saturday 2020-01-04: "police said Friday" is when they said it, not when he was shot.
    m = one(code("A man was shot and killed in Evanston, police said Friday."), "1")
    assert m.time is None or m.time.value != date(2020, 1, 3)


def test_mentions_day_the_story_gives_its_shooting_dates_every_report(extractor, nlp):
    # The lead sentence is dated by when the dead were identified; the day of the shooting is told apart.
    text = (
        "Officials on Friday identified a man who was shot and killed in Evanston. "
        "The shooting happened Wednesday night, police said. The victim died at the scene."
    )
    mentions = [m for m in extractor.extract(nlp(text), Article("t", text, published=PUBLISHED)).mentions if m.cameo.startswith(("18", "19"))]
    assert mentions and {m.time.value for m in mentions if m.time} == {date(2020, 1, 1)}


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("The shooting happened Wednesday night.", True),
        ("It happened at Sixth Street at 10:23 p.m. Sunday.", True),
        ("The shooting was reported at 7:15 p.m. Friday at a home.", True),  # reported as it happened: not a report date
        ("Police are still investigating Sunday's shooting.", True),
        ("He is charged in the Dec. 12 shooting death of a man.", True),
        ("A man was shot Saturday, police said Sunday.", False),
        ("Jackson died Sunday at the hospital.", False),
        ("“We are heartbroken by Sunday’s shooting,” the mayor said.", False),  # the speaker's day
        ("He was charged with reckless driving stemming from an Aug. 27 incident.", False),  # another incident
        # one of several incidents the story tells
        ("A second shooting was reported about 2 p.m. Friday in the 2600 block.", False),
        ("The most recent fatal shooting happened Saturday afternoon on the North Side.", False),
        ("Another shooting happened Sunday night.", False),
    ],
)
def test_mentions_day_given_to_the_incident_outright(nlp, text: str, stated: bool):
    from crisislens.mentions.time import find_time_expressions
    from crisislens.mentions.when import is_report_date, states_event_day

    sentence = nlp(text)[:]
    found = [t for t in find_time_expressions(text, PUBLISHED) if states_event_day(sentence, t)]
    assert bool(found) == stated and not any(is_report_date(sentence, t) for t in found)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Three people were killed and 22 others wounded in shootings across the city since Friday evening. "
         "Friday night, a man was killed in a drive-by shooting in the Austin neighborhood. "
         "The most recent fatal shooting happened Saturday afternoon on the North Side.", {date(2020, 1, 3)}),
        ("A teen girl who was shot and killed last week was identified Monday. "
         "The girl was shot during a fight shortly after 6 p.m. Thursday. "
         "A second shooting was reported about 2 p.m. Friday in the 2600 block of 57th Street.", {date(2020, 1, 2)}),
    ],
)
def test_mentions_day_of_one_of_several_incidents_is_not_the_lead_day(extractor, nlp, text: str, days: set[date]):
    # a roundup's last incident, a second shooting told after the lead: their days are their own
    mentions = [m for m in extractor.extract(nlp(text), Article("t", text, published=date(2020, 1, 6))).mentions if m.cameo.startswith("19")]
    assert mentions and {m.time.value for m in mentions if m.time} == days


def test_mentions_day_of_an_incident_the_lead_follows_dates_the_lead(extractor, nlp):
    # "faces charges after an accidental shooting on Dec. 30": the day is the shooting's, not the charges'
    text = (
        "A man is dead and another faces criminal charges after an apparent accidental shooting near the lake on Dec. 30. "
        "Joseph Hudson, 25, died shortly after he was shot at a house on Daniel Road at about 11:45 a.m."
    )
    shot = one(extractor.extract(nlp(text), Article("t", text, published=date(2020, 1, 6))).mentions, "19")
    assert shot.time is not None and shot.time.value == date(2019, 12, 30)


def test_mentions_quoted_statement_does_not_give_the_incident_its_day(extractor, nlp):
    # The statement was issued Tuesday morning: its "tonight" is not the story's "late Monday night".
    text = (
        "Five protesters were shot late Monday night near the encampment, police said. "
        "The family issued this statement early Tuesday morning.\n\n"
        "“Thank you for your support. But in light of tonight’s shootings, we must ask the occupiers to leave.”"
    )
    mentions = [m for m in extractor.extract(nlp(text), Article("t", text, published=date(2020, 1, 7))).mentions if m.cameo.startswith("19")]
    assert mentions and {m.time.value for m in mentions if m.time} == {date(2020, 1, 6)}


def test_mentions_count_far_below_the_first_shooting_is_not_the_lead(extractor, nlp):
    text = (
        "Police say four people were found dead at a home on Tuesday. "
        "Police initially described the shootings as execution style. "
        + "Neighbors gathered on the street and waited for news. " * 12
        + "On Saturday less than a half mile away, a man shot and killed his brother."
    )
    mentions = extractor.extract(nlp(text), Article("t", text, published=date(2020, 1, 7))).mentions
    shootings = next(m for m in mentions if m.trigger == "shootings")
    assert shootings.time is not None and shootings.time.value == date(2020, 1, 7)


def test_mentions_shooting_told_with_what_followed_on_a_later_day_is_the_lead(extractor, nlp):
    text = (
        "Police identified two men fatally shot after a concert at the theater on Friday night. "
        "Two other men suffered minor injuries in the shooting and were released from the hospital Saturday."
    )
    mentions = [m for m in extractor.extract(nlp(text), Article("t", text, published=date(2020, 1, 6))).mentions if m.cameo.startswith("19")]
    assert [m.time.value if m.time else None for m in mentions] == [date(2020, 1, 3)] * 2


@pytest.mark.parametrize(
    ("text", "trigger", "day"),
    [
        ("Four men were hospitalized today with gunshot wounds received late Friday, police said.", "wounds", date(2020, 1, 3)),
        ("Police on Monday identified the victim of a shooting that happened early Sunday.", "shooting", date(2019, 12, 29)),
        ("A man charged in a shooting that he was arrested for Monday appeared in court.", "shooting", None),  # the arrest's day
        ("The girl was shot by another child while visiting the home last July.", "shot", date(2019, 7, 1)),  # the same time
        ("The man was shot when he opened the door Thursday.", "shot", date(2020, 1, 2)),
        # the parser takes the day for the subject of "was identified": it closes the killing's clause
        ("The teenager killed just blocks from Anacostia High School Thursday afternoon was identified as Kevin Jackson.", "killed", date(2020, 1, 2)),
        ("A boy killed during a triple shooting in South Los Angeles Tuesday afternoon was identified by his mother.", "killed", date(2019, 12, 31)),
        # an embedded post's stamp dates the post, wherever the parser hangs it; a headline's "Update on" is no stamp
        ("2 year old is in critical condition after being shot at a Little Caesars — Megan Brilley (@meganbrilley) January 4, 2020",
         "shot", None),
        ("Update on Yesterday's Accidental Shooting", "Shooting", date(2020, 1, 3)),
        # a report's own clause does not tell of the event: the report's day is not the deaths'
        ("Prosecutors said Friday, confirming suspicions that the deaths were a murder-suicide.", "suicide", None),
        # the day a victim's condition is told of, not the day of the shooting
        ("Three others were also injured by gunfire and in stable condition late Thursday.", "injured", None),
    ],
)
def test_mentions_clause_that_tells_of_the_event_noun_dates_it(nlp, text: str, trigger: str, day: date | None):
    from crisislens.mentions.casualties import NumberWords
    from crisislens.mentions.time import find_time_expressions
    from crisislens.mentions.when import governing_time

    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    found = governing_time(token, doc[:], find_time_expressions(text, PUBLISHED), NumberWords.load())
    assert (found.value if found else None) == day


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Police are investigating after a boy was shot.", "are investigating"),
        ("Deputies arrested a man and are looking for another.", "are looking"),
        ("Detroit police investigating an early morning shooting", "early morning"),
        ("Victim identified; police looking for two men", None),  # a headline's present: of any day
        ("Four people have been shot at a bar.", "have been shot"),
        ("A 4-year-old girl has been airlifted to a hospital.", "has been airlifted"),
        ("The boy remains in critical condition.", "remains in critical condition"),
        ("Four people were shot overnight at a party.", "overnight"),
        ("An early-morning shootout left one man dead.", "early-morning"),
        ("Police were investigating the shooting.", None),  # told in the past: any day
        ("Here is the list if you're looking for box scores.", None),  # the reader, not the police
        ("The man was in critical condition.", None),
        ("A man was shot early Sunday morning.", None),  # the day is named
    ],
)
def test_mentions_words_that_tell_an_event_as_just_happened(nlp, text: str, words: str | None):
    from crisislens.mentions.time import find_time_expressions
    from crisislens.mentions.when import just_happened

    found = just_happened(nlp(text)[:], find_time_expressions(text, PUBLISHED))
    assert (found.text if found else None) == words


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("4 people shot in southeast Atlanta", "shot"),
        ("Five are shot outside southwest Fresno market", "shot"),
        ("Four injured by gunfire outside Marion nightclub", "injured"),
        ("2 dead in southeast Fresno house party shooting", "dead"),
        ("Teen killed in shooting identified", None),  # a later step: of any day
        ("Boy, 3, wounded in accidental shooting, police say", None),  # a report
        # a title-case headline, whose parse takes its verbs for names
        ("15-Year-Old Boy Shot In Hermosa Neighborhood", "Shot"),
        ("One Dead, One Hospitalized In Stockton Shooting", "Dead"),
        ("Slain Teen Identified, Police Say Double Shooting Had Gang Component", None),
    ],
)
def test_mentions_headline_tells_its_casualties_as_news(nlp, title: str, words: str | None):
    from crisislens.mentions.when import just_happened

    assert just_happened(nlp(title)[:], [], headline=False) is None  # in a story's text, "shot" is of any day
    found = just_happened(nlp(title)[:], [], headline=True)
    assert (found.text if found else None) == words


def _each_time(nlp, text: str, predicate) -> list[bool]:
    """``predicate(sentence, time)`` for each time expression of ``text`` read as one sentence."""
    from crisislens.mentions.time import find_time_expressions

    sentence = nlp(text)[:]
    return [predicate(sentence, t) for t in find_time_expressions(text, PUBLISHED)]


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("The couple entered the plea Wednesday to charges of injury to a child.", True),
        ("Friends held a vigil Tuesday for the boy.", True),
        ("Police held a news conference Monday about the shooting.", True),
        ("At a news conference Saturday, the chief read a statement.", True),
        ("Four shot at a bar UPDATE SATURDAY 5:45 AM", True),  # the page's stamp
        ("Posted: Tuesday, December 31, 2019 10:24 AM EDT", True),
        ("On Friday, police said a fifth victim was discovered.", True),  # the report opens with its day
        ("On Friday, a man was shot and killed, police said.", False),
        ("On Friday, police say they were called to a shooting.", False),  # the day of what they tell
        ("A man was shot Wednesday near the park.", False),
        ("The teenager killed near the school Thursday afternoon was identified as Kevin Jackson.", False),  # not a subject
        ("Sunday was the deadliest day of the year.", False),
        ("In a statement released this afternoon, the sheriff said the investigation is far from over.", True),
        ("Police issued a statement Tuesday about the shooting.", True),
        ("Police released the suspect Tuesday.", False),
        ("On Monday, officers found and arrested a suspect in connection with the shooting.", True),  # the arrest's day
        ("On Monday, police shot and arrested a man.", False),
        ("A man faces charges after an accidental shooting near the lake on Thursday.", False),  # the incident's day
        ("Police recovered two guns. — Ellen Galles (@EGallesKSTP) January 3, 2020", True),  # an embedded post's byline
        ("JAY COUNTY, Ind. (Jan. 3, 2020)— A boy was accidentally shot by his friend.", True),  # the dateline's day
        ("(Posted on: January 3, 2020)", True),
    ],
)
def test_mentions_date_of_a_report_of_a_step_of_the_case_or_of_the_page(nlp, text: str, step: bool):
    from crisislens.mentions.when import is_report_date

    assert _each_time(nlp, text, is_report_date) == [step]


@pytest.mark.parametrize(
    ("text", "to_reader"),
    [
        ("Enjoy home delivery plus Digital D. Sign up for our BEST VALUE today!", True),  # a call to the reader
        ("Why don't you do it today!", True),
        ("TODAY'S TOP STORIES", True),  # the reader's day on a line of the page
        ("Today", True),
        ("Saturday, May 2, 2015", False),  # a dated line: the page's day, not a word to the reader
        ("Four dead in shooting today", False),
        ("Police investigate shooting today", False),
        ("A man was shot today.", False),
    ],
)
def test_mentions_day_the_page_tells_its_reader(nlp, text: str, to_reader: bool):
    from crisislens.mentions.when import told_to_reader

    assert _each_time(nlp, text, told_to_reader) == [to_reader]


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        ("An autopsy would be conducted on Monday.", [True]),
        ("The suspect will be arraigned Monday.", [True]),
        ("He is scheduled to appear in court Friday.", [True]),
        ("He is due in court Tuesday.", [True]),
        ("A man was shot Friday and will be arraigned Monday, police said.", [False, True]),
        ("He was scheduled to appear in court Friday.", [False]),  # planned before: any day
        ("She would have turned 18 on Sunday.", [False]),
        ("A man was shot Friday, police said.", [False]),
        # the day of the incident noun, not of the act to come
        ("Charges will be filed against the suspect in Tuesday's fatal shooting.", [False]),
        ("He will appear at Monday's hearing.", [True]),
    ],
)
def test_mentions_clause_that_looks_forward(nlp, text: str, forward: list[bool]):
    from crisislens.mentions.time import find_time_expressions
    from crisislens.mentions.when import looks_forward

    sentence = nlp(text)[:]
    assert [looks_forward(sentence, t.start) for t in find_time_expressions(text, PUBLISHED)] == forward


@pytest.mark.parametrize(
    ("text", "trigger", "background"),
    [
        ("One day after a rocket attack killed two troops, the base was hit.", "killed", True),
        ("Hours after the shooting killed two, police arrested a man.", "killed", True),
        ("A boy is recovering, a day after he was injured in a shooting.", "injured", True),
        # a named time is when the sentence's own event happened, not a stretch between two events
        ("Deputies were called to the hospital Saturday night after receiving reports that a man had shot himself.", "shot", False),
        ("Police arrived last night after a man shot his neighbor.", "shot", False),
    ],
)
def test_mentions_event_a_stretch_of_time_before_another_is_background(nlp, text: str, trigger: str, background: bool):
    from crisislens.mentions.lead import is_background

    assert is_background(next(t for t in nlp(text) if t.text == trigger)) is background


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("The boy remained in critical condition Friday in a hospital.", True),
        ("Their conditions are unknown as of late Thursday morning.", True),
        ("As of Friday, no arrests had been made.", True),
        ("A man was shot Friday and is in critical condition.", False),
    ],
)
def test_mentions_day_things_stood_so(nlp, text: str, state: bool):
    from crisislens.mentions.when import dates_a_state

    assert _each_time(nlp, text, dates_a_state) == [state]


def test_mentions_day_things_stood_so_does_not_date_the_lead(extractor, nlp):
    # Published Saturday 2020-01-04: the shooting was Wednesday night; Thursday is the day the victims' state was told.
    text = (
        "Police are looking for the gunman in a drive-by shooting that left one dead and three injured late Wednesday night. "
        "One woman was killed and three men were taken to a hospital, their conditions are unknown as of late Thursday morning."
    )
    mentions = [m for m in extractor.extract(nlp(text), Article("t", text, published=PUBLISHED)).mentions if m.cameo.startswith(("18", "19"))]
    assert mentions and all(m.time and m.time.value == date(2020, 1, 1) for m in mentions)


def test_mentions_day_told_as_yet_to_come_does_not_date_the_event(extractor, nlp):
    # Published Saturday 2020-01-04: the autopsy's Monday is the coming one, after publication, not the shooting's day.
    text = "A man was shot and killed on Elm Street. An autopsy will be conducted Monday, police said."
    mentions = [m for m in extractor.extract(nlp(text), Article("t", text, published=PUBLISHED)).mentions if m.cameo.startswith(("18", "19"))]
    assert mentions and not any(m.time and m.time.value == date(2019, 12, 30) for m in mentions)


@pytest.mark.parametrize(
    "after",
    [
        "“We lost a good man today,” his mother said.",  # the speaker's today: the day the words were said
        "A vigil will be held tonight.",  # yet to come
        "More information later today.",
    ],
)
def test_mentions_day_of_a_quote_or_yet_to_come_does_not_date_the_lead(extractor, nlp, after: str):
    text = f"A man was shot and killed on Elm Street. {after}"
    mentions = [m for m in extractor.extract(nlp(text), Article("t", text, published=PUBLISHED)).mentions if m.cameo.startswith(("18", "19"))]
    assert mentions and not any(m.time and m.time.value == PUBLISHED for m in mentions)


def test_mentions_relative_day_counts_from_an_earlier_page_stamp(extractor, nlp):
    # Found on Saturday 2020-01-04, stamped Monday 2019-11-25: "Sunday" is the day before the stamp.
    text = "Updated: 11/25/2019 10:24 PM\n\nA man was shot and killed Sunday on Elm Street."
    mentions = [m for m in extractor.extract(nlp(text), Article("t", text, published=PUBLISHED)).mentions if m.cameo.startswith(("18", "19"))]
    assert mentions and all(m.time and m.time.value == date(2019, 11, 24) for m in mentions)


@pytest.mark.parametrize(
    ("text", "stamped"),
    [
        ("Posted: Monday, Dec. 2, 2019 1:55 PM EST Updated: Friday, Jan. 3, 2020", date(2019, 12, 2)),  # the first
        ("(Published Friday, Jan. 3, 2020) … (Published Monday, Dec. 2, 2019)", date(2020, 1, 3)),  # then other stories'
        ("Updated: Saturday, Jan. 4, 2020 … (Published Monday, Dec. 2, 2019)", PUBLISHED),
        ("Updated: Sunday, Jan. 5, 2020", None),  # after the date given: an update's
        ("Posted: Monday 10:24 PM", None),  # no year: a weekday counted from the date given
        ("His bond was posted on Dec. 18, 2019.", None),  # prose, not the page's stamp
        ("(Posted on: Friday, January 3, 2020)", date(2020, 1, 3)),
    ],
)
def test_mentions_day_the_page_stamps_itself_with(text: str, stamped: date | None):
    from crisislens.mentions.when import stamped_publication

    found = stamped_publication(text, PUBLISHED)
    assert (found.value if found else None) == stamped
    assert found is None or text[found.start : found.end] == found.text


@pytest.mark.parametrize(
    ("text", "day", "told"),
    [
        ("A man was shot and killed about 8 p.m. on Elm Street, police said.", PUBLISHED, "(day of publication)"),
        # the story dates its report the day before publication: it was written then
        ("A man was shot and killed about 8 p.m. on Elm Street, police said Friday.", date(2020, 1, 3), "(day before publication)"),
        ("A man who opened fire inside a restaurant was arrested Friday night. Police were called at 7:30 p.m. and two officers were shot.",
         date(2020, 1, 3), "(day before publication)"),
        ("A man was shot and killed about 8 p.m. on Elm Street, police said Thursday.", PUBLISHED, "(day of publication)"),  # not the day before
    ],
)
def test_mentions_news_told_with_no_day_is_of_the_day_its_reports_are_dated(extractor, nlp, text: str, day: date, told: str):
    mentions = [m for m in extractor.extract(nlp(text), Article("t", text, published=PUBLISHED)).mentions if m.cameo.startswith("19")]
    assert mentions and all(m.time and m.time.value == day and m.time.text.endswith(told) for m in mentions)


SHOT_HIMSELF = "A man accidentally shot himself in the leg while cleaning his gun at a home on Elm Street."


@pytest.mark.parametrize(
    ("title", "text", "day"),
    [
        # a story that names no day nor any clue of it: its headline tells the casualty as news
        ("Man accidentally shoots himself in leg in Lowell", SHOT_HIMSELF, PUBLISHED),
        ("Lowell man shot in leg while cleaning gun", SHOT_HIMSELF, PUBLISHED),
        # the same headline as the first line of the text
        (None, f"Man accidentally shoots himself in leg in Lowell\n\n{SHOT_HIMSELF}", PUBLISHED),
        # a day the story names anywhere comes first
        ("Man accidentally shoots himself in leg in Lowell",
         f"{SHOT_HIMSELF} He was taken to a hospital. He is expected to recover. Neighbors heard a bang. One called 911. "
         "Officers arrived soon after. The shooting happened Thursday.", date(2020, 1, 2)),
        # a headline of a later step or of a report tells no news of the event
        ("Man charged after accidental shooting in Lowell", SHOT_HIMSELF, None),
        ("Man accidentally shot himself in leg, police say", SHOT_HIMSELF, None),
    ],
)
def test_mentions_headline_news_dates_a_story_that_names_no_day(extractor, nlp, title: str | None, text: str, day: date | None):
    article = Article("t", text, published=PUBLISHED, title=title or text.split("\n")[0])
    m = one([m for m in extractor.extract(nlp(text), article).mentions if m.trigger == "shot"], "19")
    assert (m.time.value if m.time else None) == day


def test_mentions_clock_time_with_no_day_is_of_the_day_the_page_stamps_itself_with(extractor, nlp):
    # Found on Saturday 2020-01-04, stamped Thursday 2020-01-02: a story that names no day is of the stamped day.
    text = "Posted: Thursday, January 2, 2020\n\nA man was shot in the leg about 8:15 p.m. on Elm Street."
    mentions = [m for m in extractor.extract(nlp(text), Article("t", text, published=PUBLISHED)).mentions if m.cameo.startswith("19")]
    assert mentions and all(m.time and m.time.value == date(2020, 1, 2) and "p.m." in m.time.text for m in mentions)


def test_mentions_story_with_no_day_but_just_happened_is_of_its_publication_day(extractor, nlp):
    text = "Police are investigating a shooting on Elm Street. A man was shot in the leg."
    mentions = [m for m in extractor.extract(nlp(text), Article("t", text, published=PUBLISHED)).mentions if m.cameo.startswith(("18", "19"))]
    assert mentions and all(m.time and m.time.value == PUBLISHED and "(day of publication)" in m.time.text for m in mentions)


def test_mentions_target_is_found_in_the_act_s_phrases_not_in_the_doer_s_own_agents(code):
    # "its troops" are Syria's own; where they are withdrawn from is the target.
    withdrawal = [m for m in code("Syria says it is willing to withdraw its troops from neighboring Lebanon.") if m.trigger == "withdraw"]
    assert [(m.source and m.source.actor_id, m.target and m.target.actor_id) for m in withdrawal] == [("SYR", "LBN")]
    # An agent word used as an adjective ("official protest") names no one.
    protest = code("Serbia lodged an official protest with Albania today.")
    assert {(m.source and m.source.actor_id, m.target and m.target.actor_id) for m in protest} == {("SRB", "ALB")}




def test_mentions_act_under_investigation_happened(code):
    # Investigating a shooting is not a claim about it: the shooting is the story's event.
    mentions = code("Police are investigating a shooting that left a man dead in Tulsa on Saturday night.")
    shooting = one(mentions, "19")
    assert shooting.trigger == "shooting" and shooting.place is not None and shooting.place.name == "Tulsa"
    assert one(mentions, "09").trigger == "investigating"


def test_mentions_gunshot_death_under_investigation_is_told_violence(code):
    text = "The sheriff's office is investigating the gunshot death of a teenager at a birthday party."
    assert one(code(text), "19").trigger == "death"


def test_mentions_patron_of_a_group_is_not_its_doer(code):
    # "Iran-aligned factions": Iran backs them, they fired.
    attack = one(code("Iran-aligned factions fired rockets at a US base in Baghdad on Tuesday."), "19")
    assert attack.source is None or attack.source.actor_id != "IRN"
    assert attack.target is not None and attack.target.actor_id == "USA"

@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # The city an act with no one to act on is aimed at or done in stands for its country.
        ("Angry farmers from Spain said they would blockade Paris on Monday.", "blockade", ("ESP", "FRA")),
        ("Sri Lanka has established ties with and opened an embassy in Tehran.", "established", ("LKA", "IRN")),
        # A place where two actors act on each other stays their place.
        ("Iran met Iraq in Geneva on Monday.", "met", ("IRN", "IRQ")),
        # Troops of no one are the doer's own; whom it sends them to is the target.
        ("France will contribute 4,000 troops to a peacekeeping force in Liberia.", "contribute", ("FRA", "LBR")),
    ],
)
def test_mentions_place_acted_on_stands_for_its_country_as_target(code, text, trigger, expected):
    m = next(m for m in code(text) if m.trigger == trigger)
    assert (m.source and m.source.country, m.target and m.target.country) == expected, (m.source, m.target, m.place)


def test_mentions_town_named_only_in_the_headline_is_the_event_place(extractor, nlp):
    text = "A man was shot and killed early Sunday, police said. The victim died at the scene."
    article = Article("t", text, published=PUBLISHED, title="Man killed in Shreveport shooting - KSLA News 12 - Shreveport, Louisiana")
    mentions = [m for m in extractor.extract(nlp(text), article).mentions if m.cameo.startswith(("18", "19"))]
    assert mentions and all(m.place is not None and m.place.name == "Shreveport" for m in mentions)


def test_mentions_headline_places_need_a_preposition_or_a_state(knowledge, nlp):
    from crisislens.mentions.place import PlaceFinder

    finder = PlaceFinder(knowledge, nlp.vocab)
    assert [m.text for m in finder.headline_mentions("4 shot in West Side drive-by")] == []
    assert [(m.text, m.qualifier) for m in finder.headline_mentions("Teen shot in southeast Atlanta - WMC - Memphis, Tennessee")] == [
        ("Atlanta", None), ("Memphis", "Tennessee")]  # fmt: skip


def test_mentions_headline_towns_before_a_person_and_counties_anywhere_are_places(knowledge, nlp):
    from crisislens.mentions.place import PlaceFinder

    finder = PlaceFinder(knowledge, nlp.vocab)
    titles = {
        "Ligonier boy killed in accidental shooting": ["Ligonier"],  # a village, by its own name
        "Man charged in killing of Macon toddler": ["Macon"],
        "Cheyenne Child Shoots Sister": ["Cheyenne"],
        "Suspect in 5 Troup Co. killings in custody": ["Troup Co."],
        "Young Man Shot By Police Officer": [],  # words that describe people, not the villages they also name
        "Unarmed Black Man Killed": [],
        "One Teen Dead After Shooting": [],  # not Onè, Italy, whose name reads "One" without its accent
    }
    assert {title: [m.text for m in finder.headline_mentions(title)] for title in titles} == titles


def test_mentions_counties_in_names_and_towns_the_parser_misses_set_the_state(knowledge, nlp):
    from crisislens.mentions.place import PlaceFinder

    finder = PlaceFinder(knowledge, nlp.vocab)
    text = "Rome police charged a man with murder Thursday. He has no bond, Floyd County Jail reports state."
    found = {t.span.text: t.entry for t in finder.find(nlp(text)) if t.entry is not None}
    assert "Floyd County" in found  # the county inside the jail's name
    assert found["Rome"].admin1 == "GA"  # Floyd County's Rome, not the Italian capital
    found = {t.span.text: t.entry for t in finder.find(nlp("Six people were shot Sunday in Montgomery, near Aurora.")) if t.entry}
    assert (found["Aurora"].admin1, found["Montgomery"].admin1) == ("IL", "IL")  # the Montgomery near Aurora


def test_mentions_headline_tells_the_event_when_the_body_tells_none(extractor, nlp):
    text = "Full text available to premium subscribers only. Please click here to read the entire story."
    article = Article("t", text, published=PUBLISHED, title="Man shot dead in Lowell")
    extraction = extractor.extract(nlp(text), article)
    m = one(extraction.mentions, "19")
    assert (m.span.sentence_index, m.span.sentence, m.fatalities) == (-1, "Man shot dead in Lowell", 1)
    assert m.place is not None and m.place.name == "Lowell"
    assert m.time is not None and m.time.value == PUBLISHED  # a headline's "shot" is news of the day
    assert extraction.sentences[0].sentence == "Man shot dead in Lowell"


def test_mentions_headline_the_text_opens_with_tells_its_news_of_the_day(extractor, nlp):
    # The same headline as the first line of the text, with nothing after it that tells an event.
    text = "Man shot dead in Lowell\n\nFull text available to premium subscribers only."
    article = Article("t", text, published=PUBLISHED, title="Man shot dead in Lowell")
    m = one(extractor.extract(nlp(text), article).mentions, "19")
    assert (m.span.sentence_index, m.fatalities) == (0, 1)
    assert m.time is not None and m.time.value == PUBLISHED


def test_mentions_headline_read_as_the_story_keeps_its_bare_event_noun(extractor, nlp):
    # In a story's text, a bare "shooting" refers back to one told elsewhere; a headline read as the story names its own.
    text = "Full text available to premium subscribers only. Please click here to read the entire story."
    article = Article("t", text, published=PUBLISHED, title="Accidental shooting takes life of Quapaw man")
    assert [(m.span.sentence_index, m.trigger) for m in extractor.extract(nlp(text), article).mentions] == [(-1, "shooting")]
    told = "Police said the family is grieving. Accidental shooting takes life of Quapaw man."
    assert [m.trigger for m in extractor.extract(nlp(told), Article("u", told, published=PUBLISHED)).mentions if m.cameo[:2] == "19"] == []


@pytest.mark.parametrize(
    ("title", "shootings"),
    [
        ("Three-year-old fatally shot in Anchorage", 1),  # "shot" parsed as a noun is the participle
        ("Man gets flu shot in Dayton", 0),  # the noun: a compound names what shot
        ("Four shot at Haw River sports bar", 1),  # a number on the headline's head counts the people shot
        ("Nurse gave one shot in Dayton", 0),  # a number on an object counts shots
    ],
)
def test_mentions_headline_alone_reads_shot_taken_for_a_noun_as_shot(extractor, nlp, title, shootings):
    article = Article("t", title, published=PUBLISHED, title=title)  # a page with no text: the reader gives it its title
    assert len([m for m in extractor.extract(nlp(title), article).mentions if m.cameo == "193"]) == shootings


@pytest.mark.parametrize(
    ("title", "trigger", "injured"),
    [
        ("2 Girls, 2 Men Shot At Birthday Party In Compton", "shot", 4),  # not the name "2 Men Shot At"
        ("5-Year-Old Boy Shoots Self With Parent’s Gun", "shoots", 1),  # not the name "Boy Shoots Self"
    ],
)
def test_mentions_title_case_headline_alone_is_parsed_with_its_verbs_lowercased(extractor, nlp, title, trigger, injured):
    text = "Best fish tacos in Malibu. Sign up for our newsletter."
    article = Article("t", text, published=PUBLISHED, title=title)
    m = one(extractor.extract(nlp(text), article).mentions, "19")
    assert (m.span.sentence, m.trigger, m.injured) == (title, trigger, injured)
    assert m.time is not None and m.time.value == PUBLISHED


def test_mentions_headline_is_not_coded_when_the_body_tells_an_event(extractor, nlp):
    text = "A man was shot and killed in Lowell on Friday, police said."
    article = Article("t", text, published=PUBLISHED, title="Man shot dead in Lowell")
    extraction = extractor.extract(nlp(text), article)
    assert all(m.span.sentence_index >= 0 for m in extraction.mentions)
    assert one(extraction.mentions, "19").fatalities == 1


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("John Smith pleaded guilty Monday in a 2014 shooting that killed a Lowell man.", "killed", (date(2014, 1, 1), "year")),
        ("A man who allegedly shot a 3-year-old boy in the head this week was arraigned on Friday.", "shot", (date(2019, 12, 30), "week")),
        ("Gibbons filed charges Friday against two brothers in a shooting last month at a nightclub in Venice.", "shooting", (date(2019, 12, 1), "month")),
        ("Police arrested a man Friday after he shot his neighbor in Dayton.", "shot", None),
    ],
)
def test_mentions_a_step_of_the_case_does_not_date_the_event(code, text, trigger, expected):
    m = next(m for m in code(text) if m.trigger == trigger)
    assert (m.time and (m.time.value, m.time.precision)) == expected, m.time


def _sentence_place_names(finder, nlp, text):
    """The names of the places each sentence of ``text`` gives its events, in order."""
    from crisislens.mentions.place import sentence_places

    doc = nlp(text)
    found = finder.find(doc)
    return [place.name for sentence in doc.sents for _, place in sentence_places(found, sentence)]


def test_mentions_streets_hospitals_and_police_forces_name_places_rightly(knowledge, nlp):
    from crisislens.mentions.place import PlaceFinder

    finder = PlaceFinder(knowledge, nlp.vocab)
    text = ("Kokomo Police said a man was shot in the 200 block of Monroe near Baltimore Avenue. "
            "He was taken to Mount Sinai Hospital. He was later moved from Mount Sinai.")  # fmt: skip
    found = finder.find(nlp(text))
    assert "Kokomo" in [t.span.text for t in found]  # the town a police force is named after
    assert not {"Monroe", "Baltimore"} & {t.span.text for t in found}  # streets
    assert _sentence_place_names(finder, nlp, text) == ["Kokomo"]  # the hospital, however named, is not where it happened
    assert "BB" not in [t.span.text for t in finder.find(nlp("He was hit with a BB gun."))]  # not Bielsko-Biała
    assert "Tulsa" in [t.span.text for t in finder.find(nlp("A man was shot Sunday, Tulsa police said."))]
    # a name the parser takes for a person, before a day: the town, not a word of a longer name
    assert "Kokomo" in [t.span.text for t in finder.find(nlp("A 9-month-old was injured in a double shooting in Kokomo Wednesday night."))]


def test_mentions_headline_stamps_are_read_last_and_name_the_outlet(extractor, knowledge, nlp):
    from crisislens.mentions.place import PlaceFinder, outlet_country, stamp_start

    finder = PlaceFinder(knowledge, nlp.vocab)
    title = "Laurel boy shot - WDAM-TV 7-News, Weather, Sports-Hattiesburg, MS"
    assert [(m.text, m.qualifier) for m in finder.headline_mentions(title)] == [("Laurel", None), ("Hattiesburg", "MS")]
    assert stamp_start(title) == len("Laurel boy shot")
    assert outlet_country(title, None) == "USA"
    assert outlet_country("Boy shot", "http://web.archive.org/web/2015/http://www.wral.com/news/1") == "USA"
    assert outlet_country("Boy shot in Paris", "https://www.lemonde.fr/a") == "FRA"  # its country-code domain
    text = ("A 14-year-old boy was shot and wounded Saturday, police said. He was taken to a hospital. His injuries are not "
            "life-threatening. Officers searched the area. No arrests have been made. Police asked for tips. The family lives in Decatur.")  # fmt: skip
    article = Article("t", text, published=PUBLISHED, title="Teen shot - WAFF-TV 48 - Huntsville, AL")
    mentions = [m for m in extractor.extract(nlp(text), article).mentions if m.cameo.startswith(("18", "19"))]
    assert mentions and all(m.place is not None and m.place.name == "Decatur" for m in mentions)  # not the station's town


def test_mentions_outlets_home_town_places_a_story_that_names_none(extractor, nlp):
    text = "A 14-year-old boy was shot and wounded Saturday, police said. He was taken to a hospital. No arrests have been made."
    url = "http://web.archive.org/web/2015/http://www.wsmv.com:80/story/1"

    def places(article):
        return {m.place and m.place.name for m in extractor.extract(nlp(text), article).mentions if m.cameo.startswith(("18", "19"))}

    assert places(Article("t", text, published=PUBLISHED, title="Teen shot", url=url)) == {"Nashville"}  # WSMV's town
    origins = {m.place.origin for m in extractor.extract(nlp(text), Article("t", text, published=PUBLISHED, url=url)).mentions if m.place}
    assert origins == {"outlet"}  # read from the outlet, not the text
    assert places(Article("t", text, published=PUBLISHED, title="Teen shot")) == {None}
    text = text.replace("Saturday", "Saturday in Memphis")
    assert places(Article("t", text, published=PUBLISHED, title="Teen shot", url=url)) == {"Memphis"}  # the town the story names


def test_mentions_a_headline_read_as_the_story_resolves_its_towns_near_the_outlet(extractor, nlp):
    # A body that tells no event leaves the story to its headline: "Oak Park" in a Detroit station's is Oak Park, Michigan.
    text = "Subscribe to our newsletter for the latest headlines."
    article = Article("t", text, published=PUBLISHED, title="Two arrested following deadly Oak Park shooting", url="http://www.myfoxdetroit.com/story/1")
    (oak_park,) = {m.place for m in extractor.extract(nlp(text), article).mentions if m.cameo.startswith(("18", "19"))}
    assert (oak_park.name, oak_park.origin) == ("Oak Park", "text")
    assert oak_park.lat == pytest.approx(42.46, abs=0.1)  # Michigan's, not Illinois' (41.89)


def test_mentions_a_word_of_a_persons_full_name_is_the_person_not_a_town(knowledge, nlp):
    from crisislens.mentions.place import PlaceFinder

    finder = PlaceFinder(knowledge, nlp.vocab)
    text = ("Duncan resident James Henderson could not believe a girl was shot. \"We have to learn from it,\" said Henderson. "
            "He moved here from Henderson, Nevada, last year.")  # fmt: skip
    found = [(t.span.text, bool(t.mention.qualifier)) for t in finder.find(nlp(text)) if t.span.text == "Henderson"]
    assert found == [("Henderson", True)]  # not the man, twice, but the town a state qualifies
    text = "The shooting killed Ralphael Davis Jr., 16, and left four other teens injured. Two teens face charges in Davis' death."
    assert "Davis" not in [t.span.text for t in finder.find(nlp(text))]  # the man, by his name and his generation


def test_mentions_a_village_the_parser_tags_as_a_place_is_found_in_the_articles_state(knowledge, nlp):
    from crisislens.mentions.place import PlaceFinder

    finder = PlaceFinder(knowledge, nlp.vocab)
    text = "Deputies in Pointe Coupee Parish responded. On Carver Street in New Roads, a 14-year-old was shot."
    found = {t.span.text: t.entry and (t.entry.name, t.entry.admin1) for t in finder.find(nlp(text))}
    assert found["New Roads"] == ("New Roads", "LA")  # a town of 4,700 only the small-town table holds


def test_mentions_forces_hyphenated_names_and_districts_name_their_towns(knowledge, nlp):
    from crisislens.mentions.place import PlaceFinder

    finder = PlaceFinder(knowledge, nlp.vocab)

    def places(text):
        return {t.span.text: t.entry and (t.entry.name, t.entry.admin1) for t in finder.find(nlp(text))}

    assert places("Metro police said a boy was shot.") == {}  # a word of the force's name, not Metro in Indonesia
    assert places("The boy died of a gunshot wound, said Metro Lt. Jeff Goodwin.") == {}  # a member of the force
    assert places("Metro detectives tell News 3 a girl was shot.") == {}
    assert places("It was reported at 10:08 p.m. As police began investigating, they found a man.") == {}  # not As, Belgium
    assert places("Police responded to a shooting on Hwy. 550 near Brookhaven.") == {"Brookhaven": ("Brookhaven", "GA")}  # not Huy
    assert places("The Las Vegas Metropolitan Police Department responded.") == {"Las Vegas": ("Las Vegas", "NV")}
    assert places("Miami-Dade Police said a boy was shot.") == {"Miami": ("Miami", "FL")}  # not Dade in China
    assert places("Winston-Salem Police said a man was shot.") == {"Winston-Salem": ("Winston-Salem", "NC")}
    assert places("He was shot in the South Side neighborhood of Chicago.")["South Side"] is None  # not Eltingville, NY
    assert "Washington" not in places("Four men were shot at a Washington Park gas station.")  # a neighbourhood's name
    assert places("They said they were shot in north Wichita.") == {"Wichita": ("Wichita", "KS")}
    assert [m.text for m in finder.headline_mentions("Boy fatally shot himself in Southwest Baltimore")] == ["Baltimore"]
    assert [m.text for m in finder.headline_mentions("Man shot in North Charleston")] == ["North Charleston"]


def test_mentions_where_the_hurt_were_taken_is_not_where_it_happened(knowledge, nlp):
    from crisislens.mentions.place import PlaceFinder

    finder = PlaceFinder(knowledge, nlp.vocab)
    text = ("A boy was shot in Kokomo and airlifted to Indianapolis. He was taken to a hospital in Muncie. "
            "His brother was rushed to a Fort Wayne hospital. Officers responded to Marion.")  # fmt: skip
    assert _sentence_place_names(finder, nlp, text) == ["Kokomo", "Marion"]


def test_mentions_a_violent_mention_naming_no_place_happens_in_the_lead_town(extractor, nlp):
    text = "Two teens were shot in Dayton on Monday night, police said. In July 2018, a man was killed on the same street."
    article = Article("t", text, published=PUBLISHED)
    mentions = [m for m in extractor.extract(nlp(text), article).mentions if m.cameo.startswith(("18", "19"))]
    assert {m.span.sentence_index for m in mentions} == {0, 1}
    assert all(m.place is not None and m.place.name == "Dayton" for m in mentions)  # a local story tells of one town


def test_lexicon_codes_phrasal_verbs_and_nouns_coded_by_their_modifier(knowledge, nlp):
    """Words checked first against the verbs rules start with and the heads modifiers code still get their codes."""
    from crisislens.mentions.action import ActionLexicon

    lexicon = ActionLexicon(knowledge)
    doc = nlp("Thousands took to the streets after prisoners began a hunger strike and a car bomb explosion killed two.")
    found = [(t.text, trigger.code, trigger.head_code) for t in doc if (trigger := lexicon.trigger(t))]
    assert found == [("took", "141", None), ("began", "190", None), ("strike", "142", "190"), ("bomb", "1832", None),
                     ("explosion", "183", None), ("killed", "190", None)]  # fmt: skip


def test_mentions_page_stamp_is_a_clue_of_the_day_of_publication_not_the_event_day(extractor, nlp):
    # The stamp names the day the page went up (the given date, a day later, is when it was found); a story that names
    # no day is of its day of publication.
    text = "Updated: Friday, January 3, 2020 10:24 AM EDT\n\nA man was shot in the leg on Elm Street."
    mentions = [m for m in extractor.extract(nlp(text), Article("t", text, published=PUBLISHED)).mentions if m.cameo.startswith("19")]
    assert mentions and all(m.time and m.time.value == date(2020, 1, 3) and "(day of publication)" in m.time.text for m in mentions)
