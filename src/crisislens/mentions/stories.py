"""Where a web page passes from one story to another.

A news page often holds more than its story: a listing of other stories' teasers cut off mid-sentence ("… said in a
statement that Trump ..."), a video strip whose items open or close with their running time ("1:49 Grandmother
says …", "… eligible for a credit | 0:25"), a block under a label ("TODAY'S TOP STORIES", "Related:", "More stories").
A day told in one of them is not the day of the story's event. A story starts again after a paragraph cut off in an
ellipsis, at a video item, and at a listing's label. A dateline ("LEBANON, Ohio (WKRC) --"), a headline ("Six injured
in violent weekend") or a label ending in a colon ("Quick Facts:") does not end a story: it opens the text that follows.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")  # lines up to a blank line
# The running time a video item opens with ("1:49 Grandmother says …", a bare "2:51"), not a clock time ("2:45 a.m.").
VIDEO_OPENING = re.compile(r"^\d{1,2}:\d{2}(?!\s*(?:[aApP]\.?\s?[mM]\b|o'clock)|:?\d)\b")
VIDEO_CLOSING = re.compile(r"\|\s*\d{1,2}:\d{2}$")  # "You might be eligible for a credit | 0:25"
LISTING_LABEL = re.compile(
    r"^(?:related(?:\s+(?:stories|articles|content|links|coverage|news))?|more\s+(?:stories|news|headlines|videos?)"
    r"|read\s+more|(?:today'?s\s+)?top\s+stories|most\s+(?:popular|read|viewed|shared)(?:\s+stories)?|trending(?:\s+now)?"
    r"|recommended(?:\s+for\s+you)?|you\s+(?:may|might)\s+also\s+like|latest\s+(?:news|stories|headlines|videos?)"
    r"|popular\s+(?:stories|now)|in\s+other\s+news|around\s+the\s+web|other\s+stories)\b\W*(?:more\W*)?$",
    re.IGNORECASE,
)
# A teaser cut off in an ellipsis. A paragraph that merely lacks its final punctuation ends no story: a caption's credit
# ("… in Houston. Photo: Jane Doe, Chronicle"), an embedded post's byline, a dateline.
CUT_OFF = re.compile(r"(?:\.\s?\.\s?\.?|…)$")


def story_starts(text: str) -> list[int]:
    """The offsets in ``text`` where a new story starts (see the module doc), in order."""
    starts: list[int] = []
    for start, end, paragraph in _paragraphs(text):
        if LISTING_LABEL.match(paragraph) or VIDEO_OPENING.match(paragraph) or VIDEO_CLOSING.search(paragraph):
            starts.append(start)
        if CUT_OFF.search(paragraph):
            starts.append(end)
    return sorted(set(starts))


def story_of(starts: list[int], offset: int) -> int:
    """The number of the story (0: the one the page opens with) that the character at ``offset`` belongs to."""
    return bisect_right(starts, offset)


def _paragraphs(text: str) -> Iterator[tuple[int, int, str]]:
    for found in PARAGRAPH.finditer(text):
        paragraph = found.group().strip()
        if paragraph:
            yield found.start(), found.end(), paragraph
