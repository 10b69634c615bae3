"""Clean raw article text: invisible characters, entities and page furniture.

``clean_text`` keeps the article's paragraphs (one blank line between them, no
lines joined) and removes what a scraper drags along with the story: forum
chrome (``Post# of 65629``, ``< >``), "Related Posts" lists, share and
subscribe prompts, advertisements, photo credits and copyright lines.

The result is the text every later stage works on: sentence offsets refer to it.
``clean_text(clean_text(x)) == clean_text(x)``.
"""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = ["clean_text"]

# Characters that carry no text, every format character (Unicode category Cf): zero-width spaces and
# joiners, word joiner, BOM, soft hyphen, bidi marks/embeddings/isolates, Arabic letter and number marks,
# interlinear annotation marks, tag characters.
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
# Other control characters (newline and tab are handled separately).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
# Every kind of horizontal space, run together.
_HSPACE = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_NEWLINES = re.compile("\r\n|[\r\u2028\u2029\x0b\x0c\x85]")

_MAX_FURNITURE = 200  # furniture lines are short; a long line is body text

# Whole lines that are page or forum furniture (matched against the stripped line).
_FURNITURE_LINE = re.compile(
    r"""^(?:
        post\s*\#\s*(?:\d+\s+)?of\s+\d[\d,]*                       # Post# of 65629
      | [<>|«»]+(?:\s+[<>|«»]+)*                                  # < >   <   >   | (no nested \s*: it backtracked for ever)
      | share\s+(?:this(?:\s+(?:article|story|post|page|video))?|on\s+\w+(?:\s+\w+)?)\s*[:!.]?
      | (?:advertisement|advertising|sponsored(?:\s+content)?)(?:\s*[-–—:]\s*.{0,60})?
      | story\s+continues\s+below(?:\s+this)?\s+advertisement
      | (?:read|see)\s+(?:more|also|next)\b.*
      | click\s+here\b.*
      | subscribe\b.*
      | sign\s+up\s+(?:for|to|now|here)\b.*
      | (?:photo|photograph|picture|image|pic)s?(?:\s+credits?)?\s*:.*   # Photo: Reuters
      | credits?\s*:.*
      | \(?\s*(?:photo|photograph|picture|image)s?\s+(?:by|courtesy\s+of)\b.*   # (Photo by ...)
      | (?=.{0,120}$).*\bgetty\s+images\b.*                          # a short credit line
      | (?:copyright|\(c\)|©).*
      | .*\ball\s+rights\s+reserved\b.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

_RELATED = r"related\s+(?:posts|articles|stories|news|content|coverage|reading)"
_RELATED_LINE = re.compile(rf"^(?:{_RELATED})\s*:?$", re.IGNORECASE)
# "...he said.Related Posts": the heading glued to the end of a line.
_RELATED_GLUED = re.compile(rf"(?<=[.!?\"'”’)\]])\s*(?:{_RELATED})\s*:?$", re.IGNORECASE)

_TRAILING_BRACKETS = re.compile(r"\s*<\s*>\s*$")  # "Title < >"
# "... rocket attacks. Photo: Reuters" -> drop only the credit.
_TRAILING_CREDIT = re.compile(
    r"(?:(?<=[.!?\"'”’)])|^)\s*(?:photo|photograph|picture|image)s?(?:\s+credits?)?\s*:\s*[^.!?:]{1,60}$",
    re.IGNORECASE,
)
# "(Photo by John Doe/AFP)", "(AFP via Getty Images)" inside a line.
_INLINE_CREDIT = re.compile(
    r"\s*\((?:(?:photo|photograph|picture|image)s?\s*(?:by\b|:|courtesy\b)[^)]*|[^()]*\bgetty\s+images\b[^()]*)\)",
    re.IGNORECASE,
)
_INLINE_RIGHTS = re.compile(r"\s*(?:©|\(c\)|copyright)\s*\d{4}\b[^.]*?\ball rights reserved\.?", re.IGNORECASE)

_HEADLINE_MAX = 150  # a line in a "Related Posts" tail list is at most this long


def clean_text(raw: str) -> str:
    """The article text without invisible characters, entities or page furniture."""
    text = _normalise_characters(raw)
    lines = [_clean_line(line) for line in text.split("\n")]
    lines = _drop_related_tail(lines)
    return _join_paragraphs(lines)


def _normalise_characters(raw: str) -> str:
    text = _NEWLINES.sub("\n", raw)
    # Unescape twice at most: scraped text is sometimes escaped twice (&amp;quot;).
    for _ in range(2):
        if "&" not in text:
            break
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = _NEWLINES.sub("\n", unescaped)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def _clean_line(line: str) -> str | None:
    """The line without furniture, or None when the whole line is furniture."""
    line = _HSPACE.sub(" ", line).strip()
    if not line:
        return ""
    line = _INLINE_CREDIT.sub("", line).strip()
    if not line or (len(line) <= _MAX_FURNITURE and _FURNITURE_LINE.match(line)):
        return None
    line = _TRAILING_BRACKETS.sub("", line)
    line = _INLINE_RIGHTS.sub("", line)
    line = _TRAILING_CREDIT.sub("", line).strip()
    if not line or (len(line) <= _MAX_FURNITURE and _FURNITURE_LINE.match(line)):
        return None
    return line


def _drop_related_tail(lines: list[str | None]) -> list[str | None]:
    """Cut a "Related Posts" heading, and the list after it when it ends the article.

    The heading is dropped wherever it is. What follows it is dropped too when it
    is the last block of the text: nothing but short headline-like lines (or
    nothing at all) up to the end.
    """
    out = list(lines)
    for index, line in enumerate(out):
        if not line:
            continue
        if _RELATED_LINE.match(line):
            out[index] = None
        else:
            glued = _RELATED_GLUED.search(line)
            if not glued:
                continue
            out[index] = line[: glued.start()].rstrip()
        rest = [item for item in out[index + 1 :] if item]
        if all(len(item) < _HEADLINE_MAX and not item.endswith((".", ".”", '."')) for item in rest):
            return out[: index + 1]
    return out


def _join_paragraphs(lines: list[str | None]) -> str:
    """Join kept lines; runs of blank lines become one blank line, none at the ends."""
    out: list[str] = []
    for line in lines:
        if line is None:  # dropped furniture: leaves no gap
            continue
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)
