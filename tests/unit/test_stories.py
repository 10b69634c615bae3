"""Where a web page passes from one story to another (``mentions.stories``), on invented pages."""

import pytest

from crisislens.mentions.stories import story_of, story_starts


def stories(text: str, *phrases: str) -> list[int]:
    """The story number of each phrase's first occurrence in ``text``."""
    starts = story_starts(text)
    return [story_of(starts, text.index(phrase)) for phrase in phrases]


@pytest.mark.parametrize(
    "label",
    ["RELATED:", "Related stories", "TODAY'S TOP STORIES", "More Headlines More>>", "Most Popular Stories", "Trending now:",
     "You might also like", "In other news:"],
)
def test_a_listing_label_starts_another_story(label: str):
    text = f"A man was shot on Elm Street on Friday.\n\nPolice have made no arrest.\n\n{label}\n\nA crash on Monday hurt two."
    assert stories(text, "A man", "Police", label, "A crash") == [0, 0, 1, 1]


def test_a_video_item_opening_with_its_running_time_starts_another_story():
    text = ("Teen shot in Lansing\n\n1:49 Grandmother says she still grieves\n\n2:51\n\nFire at a home Tuesday night\n\n"
            "Still waiting for power? You might get a credit | 0:25")
    assert stories(text, "Teen", "1:49", "2:51", "Fire", "Still") == [0, 1, 2, 2, 3]


def test_a_teaser_cut_off_ends_its_story():
    text = ("The union endorsed a candidate on Friday. Its president said in a statement that the ...\n\n"
            "An Austin man was shot by officers.\n\n"
            "Mayor \u2026\n\nThree people were shot.")
    assert stories(text, "The union", "An Austin", "Mayor", "Three") == [0, 1, 1, 2]


@pytest.mark.parametrize(
    "text",
    [
        "Six injured in violent weekend in Toledo\n\nToLEDO, Ohio (AP) --\n\nSix people were shot on Saturday.",  # a headline, a dateline
        "Quick Facts:\n\nA man was shot on Friday.",  # a label that opens what follows
        "A man was shot at 2:45 a.m. Saturday.\n\n2:45 p.m. is when police arrived.\n\nHe died.",  # clock times, not running times
        "A man was shot on Friday.\n\n(Bob Smith / Pioneer Press)\n\nHe died.",  # a photo credit
        "Officers at the scene on Friday. Photo: Jane Doe, Chronicle\n\nA man was shot.",  # a caption's credit
    ],
)
def test_headlines_datelines_labels_clock_times_and_credits_do_not_end_a_story(text: str):
    assert story_starts(text) == []
