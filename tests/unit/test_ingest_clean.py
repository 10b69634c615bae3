"""clean_text: invisible characters, entities, page furniture, paragraphs."""

from __future__ import annotations

import unicodedata

import pytest

from crisislens.ingest.clean import clean_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),
        ("zero\u200bwidth\u200c joiner\u200d", "zerowidth joiner"),
        ("\ufeffstarts with a BOM", "starts with a BOM"),
        ("soft\u00adhyphen", "softhyphen"),
        ("\u200fbidi\u200e \u202amarks\u202c \u2066isolated\u2069", "bidi marks isolated"),
        ("Tom &amp; Jerry &quot;said&quot; &#8220;hi&#8221;", "Tom & Jerry \"said\" \u201chi\u201d"),
        ("non\u00a0breaking&nbsp;space", "non breaking space"),
        ("trailing spaces   \nand\ttabs\t\t here", "trailing spaces\nand tabs here"),
    ],
)
def test_clean_characters_normalised(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_clean_every_format_character_removed() -> None:
    kept = [hex(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf" and clean_text(f"a{chr(c)}b") != "ab"]
    assert kept == []


def test_clean_long_run_of_brackets_is_read_at_once() -> None:
    line = "<" * 60 + "`"  # found by the fuzzer: the furniture pattern once backtracked over every split of the run
    assert clean_text(line) == line
    assert clean_text("<" * 60) == ""


def test_clean_paragraphs_kept_and_blank_runs_collapsed() -> None:
    raw = "\n\n First paragraph.  \n\n\n\n\nSecond paragraph\nsame block.\n\n\n"
    assert clean_text(raw) == "First paragraph.\n\nSecond paragraph\nsame block."


@pytest.mark.parametrize(
    "furniture",
    [
        "Post# of 65629",
        "< >",
        "<",
        ">",
        "|",
        "Share this article",
        "Share on Facebook",
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Read more: Iraq votes to expel US troops",
        "READ MORE",
        "Click here to read the full story",
        "Subscribe to our newsletter",
        "Sign up for our daily briefing",
        "Photo: Reuters",
        "Photograph: Ahmad al-Rubaye/AFP",
        "(Photo by Ahmad al-Rubaye/AFP via Getty Images)",
        "Image: AFP",
        "Getty Images",
        "Copyright 2020 The Associated Press.",
        "© 2020 Reuters",
        "All rights reserved.",
    ],
)
def test_clean_furniture_line_dropped(furniture: str) -> None:
    raw = f"Rockets hit the base.\n{furniture}\nNo one was hurt."
    assert clean_text(raw) == "Rockets hit the base.\nNo one was hurt."


def test_clean_forum_chrome_dropped_and_title_kept() -> None:
    raw = "Missiles Hit Iraq Base Housing U.S. Troops < >\nPost# of 65629\n< >\nBaghdad (AFP) – Pro-Iran factions ..."
    assert clean_text(raw) == "Missiles Hit Iraq Base Housing U.S. Troops\nBaghdad (AFP) – Pro-Iran factions ..."


def test_clean_trailing_photo_credit_dropped_caption_sentence_kept() -> None:
    raw = "People pray near coffins of people killed in rocket attacks. Photo: Reuters\n\nNext paragraph."
    assert clean_text(raw) == "People pray near coffins of people killed in rocket attacks.\n\nNext paragraph."


def test_clean_inline_photo_credit_dropped() -> None:
    raw = "Mourners gather in Baghdad (Photo by Ahmad al-Rubaye/AFP via Getty Images) on Saturday."
    assert clean_text(raw) == "Mourners gather in Baghdad on Saturday."


@pytest.mark.parametrize(
    "body",
    [
        "Photographs from the area suggested that one had landed close to the U.S. Embassy.",
        "Share prices fell sharply in Tehran on Monday after the strike, traders said.",
        "Subscribers to the militia's channel were told to stay away from US bases.",
        "Advertising revenue is not what this sentence is about, the minister said.",
        "The agency said security sources told AFP the attack was over.",
    ],
)
def test_clean_body_sentences_that_look_like_furniture_kept(body: str) -> None:
    assert clean_text(body) == body


def test_clean_related_posts_last_block_dropped() -> None:
    raw = "He said so.\n\nRelated Posts\nIraq votes to expel US troops\nIran fires missiles at bases"
    assert clean_text(raw) == "He said so."


def test_clean_related_posts_heading_alone_at_end_dropped() -> None:
    assert clean_text("Qaani said.\n\nRelated Posts\n") == "Qaani said."


def test_clean_related_posts_in_middle_keeps_following_paragraphs() -> None:
    long_paragraph = "The strike " + "killed several fighters near the border, officials said " * 4 + "on Monday."
    raw = f"First paragraph.\n\nRelated Posts\n\n{long_paragraph}"
    assert clean_text(raw) == f"First paragraph.\n\n{long_paragraph}"


def test_clean_related_posts_glued_to_last_line_stripped() -> None:
    assert clean_text("The talks will resume, he said.Related Posts") == "The talks will resume, he said."


def test_clean_empty_and_furniture_only_give_empty() -> None:
    assert clean_text("") == ""
    assert clean_text(" \n\u200b\n< >\nAdvertisement\n") == ""


@pytest.mark.parametrize(
    "raw",
    [
        "Title < >\nPost# of 3\n\n\nBody. Photo: AFP\n\nRelated Posts",
        "&amp;amp; \u200b text\r\n\r\n\r\nmore",
        "A\n\n\nB\n\nC",
    ],
)
def test_clean_idempotent(raw: str) -> None:
    once = clean_text(raw)
    assert clean_text(once) == once
