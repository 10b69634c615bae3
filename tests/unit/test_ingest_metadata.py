"""extract_metadata: title, source, byline and dateline from the top of a text."""

from __future__ import annotations

import pytest

from crisislens.ingest.metadata import TextMetadata, extract_metadata, normalise_agency


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("AFP", "AFP"),
        ("Agence France-Presse", "AFP"),
        ("agence france presse", "AFP"),
        ("Associated Press", "AP"),
        ("The Associated Press", "AP"),
        ("Reuters", "Reuters"),
        ("Al-Jazeera", "Al Jazeera"),
        ("Washington Post", "The Washington Post"),
        ("Kurdistan24", "Kurdistan 24"),
        ("Shafaq", "Shafaq News"),
        ("Znews Service", None),
        ("Baghdad", None),
    ],
)
def test_metadata_normalise_agency(name: str, expected: str | None) -> None:
    assert normalise_agency(name) == expected


@pytest.mark.parametrize(
    ("first_line", "source", "dateline"),
    [
        ("Baghdad (AFP) – Pro-Iran factions ramped up pressure on Saturday.", "AFP", "Baghdad"),
        ("BAGHDAD (Reuters) - Rockets hit the Green Zone on Monday.", "Reuters", "Baghdad"),
        ("BAGHDAD, Jan 8 (Reuters) - Rockets hit the Green Zone.", "Reuters", "Baghdad"),
        ("ERBIL, Iraq (AP) — A drone struck the airport.", "AP", "Erbil"),
        ("NEW YORK (Agence France-Presse) - Talks resumed.", "AFP", "New York"),
        ("KABUL (Pajhwok) — Clashes were reported.", "Pajhwok", "Kabul"),
        ("Reuters, BAGHDAD", "Reuters", "Baghdad"),
        ("WASHINGTON — The Pentagon said on Tuesday that troops would stay.", None, "Washington"),
        ("(The Washington Post) The Iraqi government is on edge.", "The Washington Post", None),
        ("(CNN) Iran fired missiles at two bases.", "CNN", None),
        ("AFP", "AFP", None),
    ],
)
def test_metadata_dateline_and_source(first_line: str, source: str | None, dateline: str | None) -> None:
    found = extract_metadata(f"{first_line}\n\nThe rest of the story follows here.")
    assert (found.source, found.dateline) == (source, dateline)


@pytest.mark.parametrize(
    "text",
    [
        "Missiles hit the base.\n\nSecurity sources told AFP the attack was over.",
        "UPDATE — Officials said more later.\n\nMore text.",
        "Kataib Hezbollah (KH) - the group blamed - denied it.\n\nMore text.",
    ],
)
def test_metadata_no_source_from_body_or_non_datelines(text: str) -> None:
    found = extract_metadata(text)
    assert found.source is None
    assert found.dateline is None


def test_metadata_agency_only_from_first_lines() -> None:
    body = "\n\n".join(f"Paragraph {n} of the story." for n in range(10))
    assert extract_metadata(f"Some headline here\n\n{body}\n\nBaghdad (AFP) – late.").source is None


@pytest.mark.parametrize(
    ("line", "byline", "source"),
    [
        ("By Douglas Burton", "Douglas Burton", None),
        ("By Jane Arraf and Sam Dagher", "Jane Arraf and Sam Dagher", None),
        ("By: Louisa Loveluck, Mustafa Salim and Liz Sly", "Louisa Loveluck, Mustafa Salim and Liz Sly", None),
        ("By Qassim Abdul-Zahra, Associated Press", "Qassim Abdul-Zahra", "AP"),
        ("By Ahmed Rasheed (Reuters)", "Ahmed Rasheed", "Reuters"),
        ("BY DOUGLAS BURTON", "Douglas Burton", None),
        ("By Mustafa al-Kadhimi", "Mustafa al-Kadhimi", None),
    ],
)
def test_metadata_byline(line: str, byline: str, source: str | None) -> None:
    found = extract_metadata(f"{line}\n\nThe story starts here.")
    assert (found.byline, found.source, found.title) == (byline, source, None)


@pytest.mark.parametrize(
    "line",
    [
        "By Sunday, Washington had begun preparations to withdraw diplomatic staff.",
        "By Sunday",
        "By the time the rockets landed",
    ],
)
def test_metadata_not_a_byline(line: str) -> None:
    assert extract_metadata(f"Headline of the day\n\n{line}\n\nMore.").byline is None


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("US exit threat raises fear of war in Iraq\n\nCONDITIONS: Iraqi sources said.", "US exit threat raises fear of war in Iraq"),
        ("Missiles Hit Iraq Base Housing U.S. Troops\nBaghdad (AFP) – Pro-Iran factions acted.", "Missiles Hit Iraq Base Housing U.S. Troops"),
        ("Will Iran retaliate?\n\nAnalysts are divided.", "Will Iran retaliate?"),
        ("But Tehran’s early claim to mass casualties gave way to statements.\n\nMore.", None),
        ("A headline standing alone", None),
        ("the lower-case start of a fragment\n\nMore.", None),
        ("x" * 160 + "\n\nMore.", None),
        ("Reuters, BAGHDAD\n\nWashington has made preparations.", None),
        ("Officials said on Monday that:\nthe list follows", None),
    ],
)
def test_metadata_title(text: str, title: str | None) -> None:
    assert extract_metadata(text).title == title


def test_metadata_full_header_block() -> None:
    text = (
        "US exit threat raises fear of war in Iraq\n\n"
        "CONDITIONS: Iraqi intelligence sources said plans would depend on security forces\n\n"
        "Reuters, BAGHDAD\n\n"
        "Washington has made preparations to withdraw diplomats from Iraq."
    )
    assert extract_metadata(text) == TextMetadata(
        title="US exit threat raises fear of war in Iraq", source="Reuters", byline=None, dateline="Baghdad"
    )


@pytest.mark.parametrize("text", ["", "\n\n  \n"])
def test_metadata_empty_text(text: str) -> None:
    assert extract_metadata(text) == TextMetadata()
