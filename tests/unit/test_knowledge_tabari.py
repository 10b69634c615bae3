import re
from datetime import date
from pathlib import Path

import pytest

from crisislens.errors import KnowledgeError
from crisislens.knowledge.tabari import CodePeriod, read_tabari_actors, read_tabari_agents

VALIDATION = Path("/work/shared/data/petrarch2-validation/dictionaries")
PHOENIX = Path("/work/shared/data/cameo-dictionaries")

ACTORS = """\
<!-- A TEST ACTOR DICTIONARY -->
<!--
#\tcomment lines inside a multi-line block
NOT_AN_ENTRY [XXX]
# -->
<! -- malformed comment opener -->
ARGENTIN  [ARG]
ARNOR_  [ARN] # trailing underscore: whole word
PALESTINIAN [pse]
HAMAS [PSEREBHMS]
HAMAS_GUNMEN [PSEHMSMIL]
+HAMAS_FIGHTERS_
BILBO  [HOB]
BOROMIR  [---]
ISILDUR  [+++]
NASGUL  [###]
LORIEN  [ELR/GAL]
GROUP OF 77  [G77]
AL-QAEDA [IMGMOSALQ]

GOLLUM  # pas 27 Apr 03
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
#\t[950601-990815]  commented-out bad block
\t[HOBREB > 990816]
\t

PRINCE OF DOL AMROTH
\t[--- <950630]
\t[DOL]

ZIMBABWE
\t[RHO <790606]
\t[ZBW]#jw 9/30/91

SAM_GAMGEE [HOB]  # default
\t[HOBCIV <20080120]
\t[ORCHOB 20100109-20100112]
"""


@pytest.fixture
def actors(tmp_path):
    path = tmp_path / "test.actors.txt"
    path.write_text(ACTORS, encoding="utf-8")
    return read_tabari_actors(path)


def _write(tmp_path, text, name="dict.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_tabari_actors_three_letter_codes_are_countries(actors):
    assert [c.iso3 for c in actors.countries] == ["ARG", "ARN", "PSE", "HOB", "ELR", "DOL", "ZBW"]
    argentina = actors.countries[0]
    assert argentina.name == "Argentin"
    assert {"argentin", "argentina", "argentine", "argentinian", "argentines"} <= set(argentina.aliases)
    assert (argentina.demonyms, argentina.capital, argentina.lat, argentina.capital_lon) == ((), "", None, None)


def test_tabari_actors_trailing_underscore_is_a_whole_word(actors):
    arnor = next(c for c in actors.countries if c.iso3 == "ARN")
    assert arnor.name == "Arnor"
    assert arnor.aliases == ("arnor",)


def test_tabari_actors_comments_are_skipped(actors):
    ids = {c.iso3 for c in actors.countries} | {a.actor_id for a in actors.actors}
    assert "XXX" not in ids


def test_tabari_actors_null_codes_give_no_record(actors):
    names = {c.name for c in actors.countries} | {a.name for a in actors.actors}
    assert not names & {"Boromir", "Isildur", "Nasgul"}


def test_tabari_actors_lowercase_and_slash_codes(actors):
    assert any(c.iso3 == "PSE" and c.name == "Palestinian" for c in actors.countries)
    lorien = next(c for c in actors.countries if c.iso3 == "ELR")
    assert lorien.name == "Lorien"


def test_tabari_actors_longer_codes_are_group_actors(actors):
    by_id = {a.actor_id: a for a in actors.actors}
    assert list(by_id) == ["PSEREBHMS", "PSEHMSMIL", "G77", "IMGMOSALQ", "HOBREB"]
    gunmen = by_id["PSEHMSMIL"]
    assert (gunmen.name, gunmen.type, gunmen.country, gunmen.role, gunmen.short) == (
        "Hamas Gunmen",
        "group",
        "PSE",
        None,
        (),
    )
    assert "hamas gunmens" in gunmen.aliases and "hamas fighters" in gunmen.aliases
    assert "hamas fighterss" not in gunmen.aliases
    assert by_id["G77"].country is None and by_id["IMGMOSALQ"].country is None
    assert by_id["G77"].aliases == ("group of 77",)  # a final number is no stem


def test_tabari_actors_entry_without_default_uses_last_dated_code(actors):
    gollum = next(a for a in actors.actors if a.actor_id == "HOBREB")
    assert gollum.name == "Gollum"
    assert gollum.country == "HOB"
    assert {"gollum", "smeagol", "smeagols"} <= set(gollum.aliases)
    assert actors.periods["gollum"] == actors.periods["smeagol"] == (
        CodePeriod("HOB", None, date(1995, 5, 31)),
        CodePeriod("HOBGOV", date(1995, 6, 1), date(1999, 8, 15)),
        CodePeriod("HOBREB", date(1999, 8, 16), None),
    )


def test_tabari_actors_dated_codes_of_a_country(actors):
    assert actors.periods["zimbabwe"] == (CodePeriod("RHO", None, date(1979, 6, 5)),)
    assert actors.periods["prince of dol amroth"] == (CodePeriod("", None, date(1995, 6, 29)),)
    assert actors.periods["sam gamgee"] == (
        CodePeriod("HOBCIV", None, date(2008, 1, 19)),
        CodePeriod("ORCHOB", date(2010, 1, 9), date(2010, 1, 12)),
    )
    assert "bilbo" not in actors.periods  # the same default code, but no dated codes of its own


def test_tabari_actors_merge_entries_with_the_same_code(tmp_path):
    path = _write(tmp_path, "ISRAEL [ISR]\nISRAELI_ [ISR]\nWHITE_HOUSE_ [USAGOV]\nWASHINGTON_ [USAGOV]\n")
    result = read_tabari_actors(path)
    assert [(c.iso3, c.name) for c in result.countries] == [("ISR", "Israel")]
    israel = result.countries[0].aliases
    assert israel[:2] == ("israel", "israels") and "israeli" in israel and len(israel) == len(set(israel))
    assert [(a.actor_id, a.name, a.aliases) for a in result.actors] == [
        ("USAGOV", "White House", ("white house", "washington"))
    ]
    assert result.periods == {}


@pytest.mark.parametrize(
    ("block", "period"),
    [
        ("[ABCDEF <291231]", CodePeriod("ABCDEF", None, date(2029, 12, 30))),
        ("[ABCDEF >300101]", CodePeriod("ABCDEF", date(1930, 1, 1), None)),
        ("[ABCDEF 19950601-19990815]", CodePeriod("ABCDEF", date(1995, 6, 1), date(1999, 8, 15))),
        ("[ABCDEF 950601 - 20010101]", CodePeriod("ABCDEF", date(1995, 6, 1), date(2001, 1, 1))),
        ("[abcdef/ghi >20130119]", CodePeriod("ABCDEF", date(2013, 1, 19), None)),
    ],
)
def test_tabari_actors_date_restrictions(tmp_path, block, period):
    result = read_tabari_actors(_write(tmp_path, f"SOMEONE\n\t{block}\n"))
    assert result.periods["someone"] == (period,)


def test_tabari_actors_impossible_dates_are_dropped(tmp_path):
    text = "SOMEONE [ABCDEF]\n\t[ABCGOV 9008223-911221]\n\t[ABCGOV 20100230-20110101]\n"
    result = read_tabari_actors(_write(tmp_path, text))
    assert [a.actor_id for a in result.actors] == ["ABCDEF"]
    assert result.periods == {}


def test_tabari_actors_several_blocks_and_trailing_text_on_one_line(tmp_path):
    text = "JAVIER_  [IGOUNO 820101-911231] [ELI]\nBELO_\t[MNCMED]\tNewspapers/Magazines\n"
    result = read_tabari_actors(_write(tmp_path, text))
    assert [c.iso3 for c in result.countries] == ["ELI"]
    assert [a.actor_id for a in result.actors] == ["MNCMED"]
    assert result.periods == {"javier": (CodePeriod("IGOUNO", date(1982, 1, 1), date(1991, 12, 31)),)}


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("GOLLUM\n\t[950601-990815]\n", 2),
        ("GOLLUM\n\t[AAA950601-990815]\n", 2),
        ("# header\n+SMEAGOL\n", 2),
        ("GOLLUM [HOB\n", 1),
        ("FOO [ABC]\n<!-- never closed\nBAR [DEF]\n", 2),
    ],
)
def test_tabari_actors_unreadable_lines_raise_with_location(tmp_path, text, line):
    path = _write(tmp_path, text)
    with pytest.raises(KnowledgeError, match=rf"^{re.escape(str(path))}:{line}: "):
        read_tabari_actors(path)


def test_tabari_missing_file_raises(tmp_path):
    with pytest.raises(KnowledgeError, match="cannot read"):
        read_tabari_actors(tmp_path / "absent.txt")
    with pytest.raises(KnowledgeError, match="cannot read"):
        read_tabari_agents(tmp_path / "absent.txt")


AGENTS = """\
<!-- TEST AGENTS DICTIONARY -->
!PERSON! = MAN, MEN, WOMAN
!MINST! = MINISTER, MINISTRY

GOVERNMENT  [~GOV] # plural made automatically
FOREIGN_MINISTER [~GOVFRM]
AUTHORITY [~GOV]
ATTORNEY [~JUD]
CONGRESS [~LEG]
POLICE {} [ ~COP]
GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]
THIEF {THIEVES, THIEVING_BANDS} [~CRM]
CONGRESS!PERSON! [~LEG]
!MINST!_OF_SILLY_WALKS [~GOV]
HUMAN_RIGHTS_BODY  [NGO~]
HUMAN_RIGHTS_GROUP  [  ngo~]
ISLAMIC_EXTREMIST
DEPARMENT_OF_ENVIRONMENT [~ENV}
# JOURNALISTS'_UNION  [~LABMED]
"""


def test_tabari_agents_phrases_and_codes(tmp_path):
    agents = read_tabari_agents(_write(tmp_path, AGENTS))
    assert agents.prefix_codes == {"NGO"}
    assert agents.codes == {
        "government": "GOV",
        "governments": "GOV",
        "foreign minister": "GOVFRM",
        "foreign ministers": "GOVFRM",
        "authority": "GOV",
        "authorities": "GOV",
        "attorney": "JUD",
        "attorneys": "JUD",
        "congress": "LEG",
        "congresses": "LEG",
        "police": "COP",
        "golden goose": "GGS",
        "golden geese": "GGS",
        "thief": "CRM",
        "thieves": "CRM",
        "thieving bands": "CRM",
        "congressman": "LEG",
        "congressmen": "LEG",
        "congresswoman": "LEG",
        "minister of silly walks": "GOV",
        "ministry of silly walks": "GOV",
        "human rights body": "NGO",
        "human rights bodies": "NGO",
        "human rights group": "NGO",
        "human rights groups": "NGO",
        "deparment of environment": "ENV",
        "deparment of environments": "ENV",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("!PERSON! = MAN\nCONGRESS!PEOPLE! [~LEG]\n", "!PEOPLE! is not defined"),
        ("GOVERNMENT [~GOV [~MIL]\n", "cannot read agent entry"),
        ("GOVERNMENT {GOVERNMENTS [~GOV]\n", "cannot read agent entry"),
    ],
)
def test_tabari_agents_unreadable_lines_raise(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(KnowledgeError, match=rf"^{re.escape(str(path))}:\d+: .*{message}"):
        read_tabari_agents(path)


def test_tabari_reads_the_petrarch_validation_dictionaries():
    actor_file = VALIDATION / "PETR.Validate.actors.txt"
    agent_file = VALIDATION / "PETR.Validate.agents.txt"
    if not (actor_file.is_file() and agent_file.is_file()):
        pytest.skip(f"PETRARCH validation dictionaries not found in {VALIDATION}")
    actors = read_tabari_actors(actor_file)
    countries = {c.iso3: c for c in actors.countries}
    by_id = {a.actor_id: a for a in actors.actors}
    assert (len(countries), len(by_id), len(actors.periods)) == (83, 30, 154)  # names of 6 dated entries
    assert countries["HOB"].name == "Bilbo"
    assert {"sam gamgee", "hamfast gamgee", "frodo"} <= set(countries["HOB"].aliases)
    assert actors.periods["sam gamgee"] == (
        CodePeriod("HOBCIV", None, date(2008, 1, 19)),
        CodePeriod("ORCHOB", date(2010, 1, 9), date(2010, 1, 12)),
        CodePeriod("HOBMIL", date(2008, 1, 20), date(2012, 11, 9)),
        CodePeriod("HOBGOV", date(2012, 11, 9), date(2013, 1, 19)),
        CodePeriod("HOBELI", date(2013, 1, 19), None),
    )
    assert by_id["HOBREB"].name == "Gollum" and by_id["HOBREB"].country == "HOB"
    assert [p.code for p in actors.periods["slinker"]] == ["HOB", "HOBGOV", "HOBREB"]
    assert [p.code for p in actors.periods["hamfast gamgee"]] == ["HOBGOV"]
    assert countries["ZBW"].name == "Zimbabwe"
    assert actors.periods["zimbabwe"] == (CodePeriod("RHO", None, date(1979, 6, 5)),)
    assert "argentinian" in countries["ARG"].aliases
    assert countries["USR"].name == "U.S.S.R" and "ussr" in countries["USR"].aliases
    assert by_id["IGOCOPITP"].aliases[:2] == ("international criminal police organization", "interpol")
    assert "XXX" not in countries and "NASGUL" not in by_id

    agents = read_tabari_agents(agent_file).codes
    assert len(agents) == 165
    assert agents["government"] == "GOV"
    assert agents["foreign minister"] == "GOVFRM"
    assert agents["congresswomen"] == "LEG"
    assert agents["ministries of silly walks"] == "GOV"
    assert agents["human rights body"] == "NGO"
    assert agents["attorneys general"] == "GOV"
    assert "polices" not in agents and "troopses" not in agents


@pytest.mark.parametrize(
    "name",
    ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"],
)
def test_tabari_reads_the_phoenix_actor_dictionaries(name):
    path = PHOENIX / name
    if not path.is_file():
        pytest.skip(f"Phoenix dictionary {path} not found")
    result = read_tabari_actors(path)
    assert result.countries and result.actors


def test_tabari_reads_the_phoenix_agent_dictionary():
    path = PHOENIX / "Phoenix.agents.txt"
    if not path.is_file():
        pytest.skip(f"Phoenix dictionary {path} not found")
    agents = read_tabari_agents(path).codes
    assert agents["farmer"] == "AGR" and agents["cattlemen"] == "AGR"


def test_tabari_actors_multi_code_entries_name_every_actor(tmp_path):
    path = tmp_path / "actors.txt"
    path.write_text("THE_SHIRE  [FRO/BIL/SAM]\nGONDOR [GON]\n", encoding="utf-8")
    actors = read_tabari_actors(path)
    assert any(c.iso3 == "FRO" and "the shire" in c.aliases for c in actors.countries)
    assert actors.joint_codes["the shire"] == ("BIL", "SAM") and "gondor" not in actors.joint_codes
