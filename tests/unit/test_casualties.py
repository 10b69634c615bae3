"""Killed/injured counts from single sentences, and conservative number parsing."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisislens.errors import KnowledgeError
from crisislens.mentions.casualties import _COUNT_WORDS, CasualtyReader, CasualtyReading, NumberWords, may_count, parse_number, read_casualties
from crisislens.mentions.tally import SentenceCount, tally
from crisislens.models import Casualties


@pytest.fixture(scope="module")
def words() -> NumberWords:
    return NumberWords.load()


# --- number parsing -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5", 5),
        ("17", 17),
        ("1,000", 1000),
        ("12,500", 12500),
        ("1.5 million", 1_500_000),
        ("2 thousand", 2000),
        ("five", 5),
        ("Five", 5),
        ("nineteen", 19),
        ("twenty-three", 23),
        ("twenty three", 23),
        ("ninety-nine", 99),
        ("a hundred", 100),
        ("one hundred", 100),
        ("three hundred and twelve", 312),
        ("two thousand five hundred", 2500),
        ("a thousand", 1000),
        ("two dozen", 24),
        ("a", 1),
        ("an", 1),
    ],
)
def test_casualties_parse_number_exact(words: NumberWords, text: str, expected: int) -> None:
    assert parse_number(text, words) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dozens", 12),
        ("dozens of", 12),
        ("a dozen", 12),
        ("scores", 20),
        ("several", 3),
        ("a few", 2),
        ("a number of", 2),
        ("tens", 10),
        ("hundreds", 100),
        ("thousands", 1000),
        ("tens of thousands", 10_000),
        ("several hundred", 300),
        ("no one", 0),
        ("nobody", 0),
        ("none", 0),
    ],
)
def test_casualties_parse_number_vague(words: NumberWords, text: str, expected: int) -> None:
    assert parse_number(text, words) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at least five", 5),
        ("at least 5", 5),
        ("more than 20", 20),
        ("over 100", 100),
        ("about 30", 30),
        ("around 30", 30),
        ("nearly 40", 40),  # a bound below 40 in truth; we keep the stated figure
        ("almost 40", 40),
        ("up to 20", 20),
        ("some 30", 30),
        ("an estimated 300", 300),
        ("a total of five", 5),
        ("at least a dozen", 12),
        ("more than a dozen", 12),
        ("20 or so", 20),
    ],
)
def test_casualties_parse_number_bounds_give_stated_figure(words: NumberWords, text: str, expected: int) -> None:
    assert parse_number(text, words) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 to 15", 12),
        ("12-15", 12),
        ("12 - 15", 12),
        ("between 10 and 15", 10),
        ("between ten and fifteen", 10),
        ("two or three", 2),
        ("1,000-1,500", 1000),
        ("at least 12 to 15", 12),
    ],
)
def test_casualties_parse_number_ranges_take_low_end(words: NumberWords, text: str, expected: int) -> None:
    assert parse_number(text, words) == expected


@pytest.mark.parametrize(
    "text",
    ["", "people", "at least", "some", "hundred", "17-year-old", "five five", "twenty thirty", "1.5", "killed"],
)
def test_casualties_parse_number_rejects_non_numbers(words: NumberWords, text: str) -> None:
    assert parse_number(text, words) is None


@pytest.mark.parametrize(
    "text",
    ["twenty-three", "three hundred and twelve", "1,000-1,500", "no fewer than 12", "between ten and fifteen",
     "hundreds of thousands", "twenty-odd", "20 or so", "a couple", "upwards of 40", "an estimated 300", "1.5 million"],
)
def test_casualties_every_word_of_a_number_may_be_in_one(words: NumberWords, text: str) -> None:
    """The scanner ends a number phrase before a word that may not be in one: each word of a number it reads may."""
    assert parse_number(text, words) is not None
    assert all(words.may_be_in_number(word) for word in text.split())


@pytest.mark.parametrize("word", ["people", "17-year-old", "killed", "u.s", "five-alarm"])
def test_casualties_other_words_may_not_be_in_a_number(words: NumberWords, word: str) -> None:
    assert not words.may_be_in_number(word)


def test_casualties_a_number_phrase_ends_before_other_words(words: NumberWords) -> None:
    assert read_casualties("Between ten and fifteen people were killed.", words).killed == 10
    assert read_casualties("Two dozen villagers and twenty-odd soldiers were wounded.", words).injured == 44


# --- the knowledge file ---------------------------------------------------


def test_casualties_numbers_yaml_conservative_values(words: NumberWords) -> None:
    expected = {
        "several": 3, "a few": 2, "dozens": 12, "a dozen": 12, "scores": 20, "hundreds": 100,
        "thousands": 1000, "tens of thousands": 10000, "a number of": 2, "no one": 0, "nobody": 0,
    }
    assert {word: words.vague.get(word) for word in expected} == expected
    assert words.units["a"] == words.units["an"] == 1
    assert words.tens["ninety"] == 90
    assert words.scales["million"] == 1_000_000


def test_casualties_load_explicit_path_matches_default(words: NumberWords) -> None:
    path = Path(__file__).parents[2] / "src" / "crisislens" / "knowledge" / "data" / "numbers.yaml"
    assert NumberWords.load(path) == words


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ("units:\n  one: 1\ntens: {}\nscales: {}\nvague:\n  several: three\n", 6),
        ("units:\n  one: 1\ntens: {}\nscales: {}\nvague:\n  no: 0\n", 6),
        ("units: {}\ntens: {}\nscales: {}\nvague: {}\nextra: {}\n", 5),
        ("units: [one]\ntens: {}\nscales: {}\nvague: {}\n", 1),
        ("units: {}\ntens: {}\n", 1),
        ("units:\n  one: 1\n two: 2\n", 3),
    ],
)
def test_casualties_load_malformed_names_file_and_line(tmp_path: Path, content: str, line: int) -> None:
    path = tmp_path / "numbers.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=rf"numbers\.yaml:{line}:"):
        NumberWords.load(path)


def test_casualties_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="cannot read"):
        NumberWords.load(tmp_path / "absent.yaml")


# --- sentences ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("Three children and two women were killed when two militia rockets hit a family home.", 5, None),
        ("Two Bears fans were killed outside the stadium.", 2, None),
        ("An air strike killed a total of five Iranian Revolutionary Guards and five members of Iraq's Hashed al-Shaabi.", 10, None),
        ("At least five anti-government protesters were killed Saturday in Baghdad.", 5, None),
        ("At least five anti-government protesters in Baghdad and Nasiriyah were killed Saturday.", 5, None),
        ("At least five anti-government protesters, who had gathered near the ministry, were killed Saturday.", 5, None),
        ("The bomb went off in a market, killing 12 people and wounding 30.", 12, 30),
        ("Five people were killed and 12 injured.", 5, 12),
        ("Officials said the death toll rose to 17.", 17, None),
        ("The death toll from Saturday's attack has risen to at least 25.", 25, None),
        ("The death toll rose from 12 to 17.", 17, None),
        ("There were 17 dead and 40 wounded.", 17, 40),
        ("The ambush ended, leaving two soldiers dead.", 2, None),
        ("The fighting claimed the lives of 9.", 9, None),
        ("The attack has cost 40 lives.", 40, None),
        ("Police said a gunman shot and killed two people.", 2, None),
        ("The blast left three people injured.", None, 3),
        ("The strike killed Soleimani.", 1, None),
        ("The rocket attack killed an American military contractor.", 1, None),
        ("The war produced 600 American combat fatalities.", 600, None),
        ("Officials reported two deaths and 14 injuries.", 2, 14),
        ("Dozens of people were injured.", None, 12),
        ("Several people were wounded.", None, 3),
        ("Between 10 and 15 people were killed.", 10, None),
        ("The blasts killed 12-15 people.", 12, None),
        ("The clashes killed two soldiers and wounded three civilians, a statement said.", 2, 3),
        ("Three soldiers, two civilians and a child were killed.", 6, None),
        ("Twelve people, including three children, were killed.", 12, None),
        ("Three soldiers, two of them officers, were killed.", 3, None),
        ("Three members of a family were killed.", 3, None),
        ("Five guards at the embassy were killed.", 5, None),
        ("Two rockets hit the base and three soldiers were wounded.", None, 3),
        ("In 2019, three people were killed.", 3, None),
        ("The attack killed at least 25 people, including 10 children.", 25, None),
        ("A suicide bomber killed 12 people at a wedding.", 12, None),
        ("Two soldiers died of their wounds.", 2, None),
        ("The explosion caused 30 casualties.", None, 30),
        ("Thirty people lost their lives in the flooding of the camp.", 30, None),
    ],
)
def test_casualties_counts(words: NumberWords, sentence: str, killed: int | None, injured: int | None) -> None:
    result = read_casualties(sentence, words).casualties
    assert (result.killed, result.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("sentence", "killed_text", "injured_text"),
    [
        ("Three children and two women were killed when two militia rockets hit a family home.",
         "Three children and two women", None),
        ("The bomb went off in a market, killing 12 people and wounding 30.", "12 people", "30"),
        ("At least five anti-government protesters were killed Saturday.", "At least five anti-government protesters", None),
        ("Officials said the death toll rose to 17.", "death toll rose to 17", None),
        ("The strike killed Soleimani.", "Soleimani", None),
        ("The war produced 600 American combat fatalities.", "600 American combat fatalities", None),
        ("There were no casualties.", "no casualties", "no casualties"),
    ],
)
def test_casualties_text_is_the_victim_phrase(
    words: NumberWords, sentence: str, killed_text: str | None, injured_text: str | None
) -> None:
    result = read_casualties(sentence, words).casualties
    assert (result.killed_text, result.injured_text) == (killed_text, injured_text)


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("There were no casualties.", 0, 0),
        ("There were no immediate reports of casualties.", 0, 0),
        ("The Pentagon said no military personnel had been hurt.", None, 0),
        ("No one was injured in the attack.", None, 0),
        ("Around 100 rockets were fired, but no one was hurt.", None, 0),
        ("Nobody was killed.", 0, None),
        ("No Americans were killed.", 0, None),
        ("There were no deaths.", 0, None),
    ],
)
def test_casualties_zero(words: NumberWords, sentence: str, killed: int | None, injured: int | None) -> None:
    result = read_casualties(sentence, words).casualties
    assert (result.killed, result.injured) == (killed, injured)


@pytest.mark.parametrize(
    "sentence",
    [
        "Two rockets hit the Green Zone.",
        "Two militia rockets hit a family home.",
        "The US deployed 5,000 troops to the region in 2019.",
        "The US has about 5,000 troops in Iraq.",
        "The drone flew 1,000 meters before it crashed.",
        "Protesters numbered more than 20,000.",
        "Hundreds were arrested on 3 January 2020.",
        "The militia fired 30 rockets over two days.",
        "There was no immediate word on casualties.",
        "Five people were not injured.",
        "The attack killed US soldiers.",
        "The ceasefire has held for 18 months.",
        "As of late Sunday evening, 108,780 deer had been killed this weekend.",
        "Two stray dogs were injured.",
        "Three cows were killed by lightning.",
        "",
    ],
)
def test_casualties_none_reported(words: NumberWords, sentence: str) -> None:
    assert read_casualties(sentence, words).casualties == Casualties(None, None)


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("Two men were shot, one fatally.", 1, 1),
        ("Three people were shot, one of them fatally, outside a bar.", 1, 2),
        ("A 17-year-old boy was shot and killed.", 1, None),
        ("A 17 year old boy was shot and killed Friday night.", 1, None),
        ("An 18-year-old was shot in the leg.", None, 1),
        ("Police said three people were shot Sunday night.", None, 3),
        ("Two people were shot dead.", 2, None),
        ("A woman was fatally shot.", 1, None),
        ("A man was killed and two others were wounded in a drive-by shooting.", 1, 2),
        ("The shooting left one man dead and two injured.", 1, 2),
        ("A police officer was wounded.", None, 1),
        ("One person was killed and four others were wounded.", 1, 4),
    ],
)
def test_casualties_gun_violence(words: NumberWords, sentence: str, killed: int | None, injured: int | None) -> None:
    result = read_casualties(sentence, words).casualties
    assert (result.killed, result.injured) == (killed, injured)


def test_casualties_toll_wins_over_earlier_count(words: NumberWords) -> None:
    result = read_casualties("Two more people died overnight, bringing the death toll to 17.", words).casualties
    assert result.killed == 17


@pytest.mark.parametrize(
    ("sentence", "killed", "update"),
    [
        ("3-year-old shot to death in Riviera Beach, pushing death toll to 49", 1, False),  # a running count
        ("A soldier was killed Tuesday, bringing the number of troops killed this month to 40.", 1, False),
        ("A woman wounded in the shooting Sunday has died, bringing the death toll to three.", 3, True),  # the event's
    ],
)
def test_casualties_toll_a_killing_raises_counts_other_incidents(
    words: NumberWords, sentence: str, killed: int, update: bool
) -> None:
    reading = read_casualties(sentence, words)
    assert (reading.total_killed, reading.update) == (killed, update)


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("Police: 5 dead, including gunman, in Georgia shooting", 5, None),  # "Police: 5" is no clock time
        ("4 Teenagers Open Fire on Brooklyn Street, Injuring 4: Police", None, 4),
        ("Man Killed, 4 Others Injured In Homewood Shooting", 1, 4),  # title case: "Injured In" takes no object
        ("2 Girls, 2 Men Shot At Birthday Party In Compton", None, 4),  # a list without "and"
        ("1 killed, 3 hurt in Plainfield shooting", 1, 3),
        ("3 dead, 2 injured in quintuple shooting in Atlanta", 3, 2),
        ("Police say a second teen has died after a drive-by shooting.", 2, None),  # "a second" dead: two now
        ("A third person was wounded.", None, 3),
        ("A 51-year-old woman and her 6-year-old granddaughter both died from gunshot wounds.", 2, None),
        ("Three men were hospitalized with gunshot wounds.", None, 3),
        ("Dozens of people were shot at the party.", None, 12),
        ("At least five people were wounded.", None, 5),
        ("She died as a result of her injuries.", 1, None),  # her injuries are the dead woman's
        ("A 3-year-old boy fatally shot himself in the head.", 1, None),  # the shooter is the one victim
        ("Investigators say a man killed his girlfriend and her daughter.", 2, None),
        ("Police were not able to say if the man had died.", None, None),  # not known, not a count
        ("It was not known whether the gunman was hurt; two officers were wounded.", None, 2),
        ("A woman and two other men were also shot.", None, 3),  # besides the dead told elsewhere
        ("Sylvester Police now say an 8th teen was injured in a weekend shooting.", None, 8),  # "an 8th": eight now
        ("He suffered fatal gunshot wounds.", 1, None),
        ("Two men suffered non-life-threatening injuries.", None, 2),
        ("Boston's first murder of 2015 happened last night in Roxbury.", None, None),  # a year, not the murdered
        ("Four teens, one fatally, were shot in February.", 1, 3),  # the share told between subject and verb
        ("Police found a man and woman suffering from gunshot wounds.", None, 2),  # one article, two people
        ("A man and woman were killed in a double murder in July.", 2, None),
        ("Four people are dead and another is fighting for her life.", 4, 1),
        ("A 5-year-old girl is fighting for her life after being shot.", None, 1),
        ("Boy, 3, wounded in accidental shooting in Florissant, police say", None, 1),  # a headline's age
        ("Man, 18, killed, two other teens injured in shooting at party", 1, 2),
    ],
)
def test_casualties_gva_headlines_and_reports(words: NumberWords, sentence: str, killed: int | None, injured: int | None) -> None:
    result = read_casualties(sentence, words).casualties
    assert (result.killed, result.injured) == (killed, injured)


def test_casualties_clock_time_is_not_a_count(words: NumberWords) -> None:
    assert read_casualties("At 10:30 people were shot at.", words).casualties == Casualties(None, None)


# --- one article's tally ----------------------------------------------------


def tally_of(words: NumberWords, *sentences: str, source: str | None = None) -> tuple[int | None, int | None]:
    result = tally("a", [SentenceCount(i, read_casualties(s, words), source) for i, s in enumerate(sentences)])
    return result.killed, result.injured


def test_casualties_tally_counts_the_same_victims_once(words: NumberWords) -> None:
    assert tally_of(words, "A man was killed and two others were wounded.", "The man was shot in the head and died.",
                    "Two people were taken to hospital with injuries.") == (1, 2)  # fmt: skip
    assert tally_of(words, "Darren Burton, 17, was shot and killed.", "Burton died at the scene.", "Mike Lee, 18, was shot dead.") == (2, None)


def test_casualties_tally_a_lone_victim_hurt_then_dead_is_counted_once(words: NumberWords) -> None:
    assert tally_of(words, "Deputies responded to a call of an injured child.", "The child died at the hospital.") == (1, None)
    assert tally_of(words, "A man was killed and a woman was wounded.", "The man died at the scene.") == (1, 1)


def test_casualties_tally_the_names_of_one_person_count_once(words: NumberWords) -> None:
    told = ["Deputies responded to a call of an injured child.", "Michael was shot in the living room.", "Cattron died at the hospital."]
    counts = [SentenceCount(i, read_casualties(s, words)) for i, s in enumerate(told)]
    two = tally("a", counts)  # two names, two victims: one dead, one hurt
    assert (two.killed, two.injured) == (1, 1)
    one = tally("a", counts, frozenset({"michael cattron", "jasmine curry"}))  # the article names him in full elsewhere
    assert (one.killed, one.injured) == (1, None)


def test_casualties_tally_victims_found_wounded_who_all_died_are_counted_once(words: NumberWords) -> None:
    assert tally_of(words, "A man and two girls were shot to death early Saturday.",
                    "They arrived to find the father and two children wounded.") == (3, None)  # fmt: skip
    assert tally_of(words, "Three people were killed.", "Two other people were wounded.") == (3, 2)  # more than the dead


def test_casualties_tally_headline_and_update(words: NumberWords) -> None:
    assert tally_of(words, "1 killed, 3 hurt in Plainfield shooting", "A man was shot and killed.") == (1, 3)
    assert tally_of(words, "Two people were killed.", "The death toll rose to 4.") == (4, None)
    assert tally_of(words, "Five people were shot.", "Police say a second victim has died.") == (2, 3)


def test_casualties_tally_counts_the_shooter_as_gva_does(words: NumberWords) -> None:
    assert tally_of(words, "A man shot and killed his wife and two children.", "He then turned the gun on himself.") == (4, None)
    assert tally_of(words, "Seven people, including the shooter, were killed.", "The gunman killed himself.") == (7, None)
    assert tally_of(words, "Police shot and killed the suspect after he wounded two officers.") == (1, 2)


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("Three people were killed, and another injured in the shooting.", 3, 1),  # "another" stands for a victim
        ("He is accused of killing two men and wounding another at the bar.", 2, 1),
        ("Three women and two men were taken to a local hospital.", None, 5),  # hit, their fate not told
        ("The man was taken to the hospital, where he died.", 1, None),
        ("He was taken to jail.", None, None),
        ("The gunfire sent four people to the hospital.", None, 4),
        ("Three men were found with gunshot wounds.", None, 3),
        ("Both were transported to the hospital.", None, 2),
        ("The boy and two others were shot outside the store.", None, 3),
        ("Another 20-year-old man was shot in the back.", None, 1),  # one more victim, besides the dead
        ("Officers found three victims who were suffering from gunshot wounds.", None, 3),
        ("Deputies found the 8-year-old suffering from a gunshot wound to the abdomen.", None, 1),  # an age for the person
        ("The 17-year-old died at the hospital.", 1, None),
        ("Police responded to a report of a discharged handgun and a wounded child.", None, 1),  # not the handgun
        ("One man died at the scene and two others were taken to County Medical Center.", 1, 2),
        ("His grandparents rushed him to the hospital.", None, 1),
        ("Officers took him to jail.", None, None),
        ("7-year-old boy hit by bullet while watching fireworks", None, 1),  # a headline
        ("12-Year-Old Iowa Girl Killed In Hunting Accident", 1, None),  # "In Hunting Accident" names nobody
        ("Three adults and two teens ages 14 and 15 were taken to the hospital.", None, 5),  # ages are no victims
        ("All four victims are listed in stable condition.", None, 4),  # alive and hurt
        ("He remains in critical but stable condition.", None, 1),
        ("A 26 yr old man is in critical condition.", None, 1),  # an age, not 26 people
        ("The man was in critical condition and died later.", 1, None),
        ("The economy is in good condition.", None, None),  # nobody hurt
        ("One man was killed and another was grazed.", 1, 1),
    ],
)
def test_casualties_gva_victims_told_indirectly(words: NumberWords, sentence: str, killed: int | None, injured: int | None) -> None:
    result = read_casualties(sentence, words).casualties
    assert (result.killed, result.injured) == (killed, injured)


def test_casualties_separate_incidents_are_no_event_count(words: NumberWords) -> None:
    assert read_casualties("Six people were shot in three separate incidents overnight.", words).casualties == Casualties(None, None)


def test_casualties_tally_wounds_suffered_tell_of_victims_who_may_have_died(words: NumberWords) -> None:
    assert tally_of(words, "Two people were killed.", "Three people suffered gunshot wounds.") == (2, 1)


def test_casualties_tally_a_dead_victim_told_by_name_elsewhere_is_not_also_hurt(words: NumberWords) -> None:
    assert tally_of(words, "Marcus Lewis, 13, was accidentally shot in the face.", "Marcus died soon after at the hospital.") == (1, None)
    assert tally_of(words, "A 1-year-old boy was shot and killed.", "Two others were also shot.") == (1, 2)


def test_casualties_tally_family_members_sharing_a_surname_are_several_dead(words: NumberWords) -> None:
    assert tally_of(words, "Mary Jo Nye was shot and killed.", "Mary Lou Nye was shot dead.", "Nye died at the scene.") == (2, None)
    assert tally_of(words, "Darren Burton, 17, was shot and killed.", "Burton died at the scene.") == (1, None)  # one man, two names


def test_casualties_tally_one_more_victim_also_shot_is_not_the_dead(words: NumberWords) -> None:
    assert tally_of(words, "Two men were killed.", "A woman was also shot and drove herself to the hospital.") == (2, 1)


@pytest.mark.parametrize(
    "sentence",
    [
        "Two men were shot Saturday night.",
        "A man was found with gunshot wounds.",
        "The death toll rose to 17.",
        "The attack claimed the lives of 9 people.",
        "He then turned the gun on himself.",
        "A woman was taken to a local hospital.",
        "It was a murder-suicide, police said.",
        "The boy is in stable condition.",
    ],
)
def test_may_count_a_sentence_that_counts(words: NumberWords, sentence: str) -> None:
    assert not read_casualties(sentence, words).empty
    assert may_count(sentence)


@pytest.mark.parametrize(
    "text",
    ["", "The mayor spoke at the council meeting.", "A man was shot and killed.", "killed", "The DEADLINE passed",
     "Two were hurt", "kill", "woun", "wounds", "in critical condition", "He was found dead", "murder-suicide"],
)
def test_may_count_is_a_count_word_anywhere_in_the_lowered_text(text: str) -> None:
    assert may_count(text) == any(word in text.lower() for word in _COUNT_WORDS)


def test_may_count_finds_each_count_word_alone_and_inside_a_word() -> None:
    assert all(may_count(word) and may_count(f"x{word.upper()}x") for word in _COUNT_WORDS)


def test_casualty_reader_reads_each_text_once_as_read_casualties_does(words: NumberWords) -> None:
    reader = CasualtyReader(words)
    sentence = "Two people were killed and three wounded."
    first = reader.read(sentence)
    assert first == read_casualties(sentence, words) and reader.read(sentence) is first
    assert reader.read("Nobody was hurt.") == read_casualties("Nobody was hurt.", words)


def test_may_count_reads_inside_longer_words() -> None:
    """Pieces of a text may join into a word: a count word anywhere in the text keeps it read."""
    assert may_count("The DEADLINE passed") and may_count("kill-ed? no: re-killed")
    assert not may_count("The mayor spoke at the council meeting on Tuesday.")


def test_casualties_without_a_count_word_is_read_as_nothing_but_an_update(words: NumberWords) -> None:
    assert read_casualties("The mayor spoke at the council meeting on Tuesday.", words) == CasualtyReading()
    assert read_casualties("Police have now arrested a suspect.", words) == CasualtyReading(update=True)
    assert read_casualties("Homicides so far this year outpace last year.", words) == CasualtyReading(aggregate=True)


@pytest.mark.parametrize(
    "sentence",
    [
        "14 shot, one fatally, since 8 p.m., including 6 at West Side party",
        "At least 28 other people have been shot across Chicago in separate attacks since 7:20 p.m. Friday.",
        "At least 21 people were shot in incidents spanning each of the five boroughs.",
        "Five people were shot in another drive by shooting around 2:30am Saturday.",
    ],
)
def test_casualties_a_roundup_of_several_incidents_is_an_aggregate(words: NumberWords, sentence: str) -> None:
    assert read_casualties(sentence, words).aggregate


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("Image 6 of 8 A child was shot at a residence in Harris County.", None, 1),  # a gallery's numbering
        ("A fight ensued and four people out of the 75 inside the clubhouse were shot.", None, 4),
        ("Two of the four victims were killed.", 2, None),
        ("Another shooting victim was taken to the hospital.", None, 1),  # one more victim, not another shooting
    ],
)
def test_casualties_numbers_that_count_no_victims(words: NumberWords, sentence: str, killed: int | None, injured: int | None) -> None:
    found = read_casualties(sentence, words).casualties
    assert (found.killed, found.injured) == (killed, injured)


@pytest.mark.parametrize(
    "sentence",
    [
        "Man dies after accidentally shooting himself in the leg, St. Louis police say",  # a headline's present tense
        "The victim was taken to Clearwater Valley Hospital, where he later passed away.",
        "The 16-year-old boy who was shot was pronounced dead at the scene.",
    ],
)
def test_casualties_one_victim_told_dead_in_other_words(words: NumberWords, sentence: str) -> None:
    found = read_casualties(sentence, words).casualties
    assert (found.killed, found.injured) == (1, None)


def test_casualties_a_victim_who_was_shot_and_lives_is_hurt(words: NumberWords) -> None:
    found = read_casualties("A man who was shot was taken to the hospital.", words).casualties
    assert (found.killed, found.injured) == (None, 1)


def test_casualties_a_parent_of_children_counts_no_children(words: NumberWords) -> None:
    found = read_casualties("Father of 5 killed in shooting that left another six injured", words).casualties
    assert found.killed in (None, 1) and found.injured == 6  # the father is one victim, not five
