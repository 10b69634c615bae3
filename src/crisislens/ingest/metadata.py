"""Read title, publisher, byline and dateline from the top of a cleaned article.

Only the first few lines are looked at: an agency named deep in the body
("security sources told AFP") is a source of a claim, not the publisher.

Recognised openings::

    Missiles Hit Iraq Base Housing U.S. Troops      title (short first line, no final period)
    By Douglas Burton                               byline
    Baghdad (AFP) – Pro-Iran factions ...           dateline Baghdad, source AFP
    BAGHDAD, Jan 8 (Reuters) - ...                  dateline Baghdad, source Reuters
    Reuters, BAGHDAD                                dateline Baghdad, source Reuters
    WASHINGTON — The Pentagon ...                   dateline Washington
    (The Washington Post) The Iraqi government ...  source The Washington Post
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["AGENCIES", "TextMetadata", "extract_metadata", "normalise_agency"]

# Canonical name -> the spellings that mean it. Keep short: publishers whose name
# is seen in datelines of conflict reporting.
AGENCIES: dict[str, tuple[str, ...]] = {
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse", "A.F.P."),
    "AP": ("AP", "Associated Press", "The Associated Press", "A.P."),
    "Reuters": ("Reuters", "Thomson Reuters"),
    "Al Jazeera": ("Al Jazeera", "Al-Jazeera", "Aljazeera", "Al Jazeera English"),
    "Al Arabiya": ("Al Arabiya", "Al-Arabiya"),
    "BBC": ("BBC", "BBC News", "BBC World Service"),
    "CNN": ("CNN",),
    "The New York Times": ("The New York Times", "New York Times", "NYT"),
    "The Washington Post": ("The Washington Post", "Washington Post"),
    "The Guardian": ("The Guardian", "Guardian"),
    "The Wall Street Journal": ("The Wall Street Journal", "Wall Street Journal", "WSJ"),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
    "UPI": ("UPI", "United Press International"),
    "dpa": ("dpa", "Deutsche Presse-Agentur"),
    "Xinhua": ("Xinhua", "Xinhua News Agency"),
    "Anadolu": ("Anadolu", "Anadolu Agency", "Anadolu Ajansi"),
    "TASS": ("TASS", "ITAR-TASS"),
    "Sputnik": ("Sputnik",),
    "IRNA": ("IRNA", "Islamic Republic News Agency"),
    "Tasnim": ("Tasnim", "Tasnim News Agency", "Tasnim News"),
    "Fars": ("Fars", "Fars News Agency", "Fars News"),
    "Mehr": ("Mehr", "Mehr News Agency", "Mehr News"),
    "Press TV": ("Press TV", "PressTV"),
    "INA": ("INA", "Iraqi News Agency"),
    "Rudaw": ("Rudaw",),
    "Kurdistan 24": ("Kurdistan 24", "Kurdistan24"),
    "Shafaq News": ("Shafaq", "Shafaq News"),
    "Al-Monitor": ("Al-Monitor", "Al Monitor"),
}


def _key(name: str) -> str:
    return re.sub(r"[\s\-.]+", "", name.casefold())


_AGENCY_BY_KEY = {_key(alias): canonical for canonical, aliases in AGENCIES.items() for alias in aliases}


def normalise_agency(name: str) -> str | None:
    """The canonical name of a known agency or publisher ("Agence France-Presse" -> "AFP"), else None."""
    return _AGENCY_BY_KEY.get(_key(name.strip().strip(".,:;|/-–—()")))


@dataclass(frozen=True, slots=True)
class TextMetadata:
    """What the top of an article says about itself (None: not found)."""

    title: str | None = None
    source: str | None = None
    byline: str | None = None
    dateline: str | None = None


_HEAD_LINES = 6  # how many non-empty lines count as "the top"
_TITLE_MAX = 150
_DASH = r"[-–—]{1,2}"
_PLACE = r"[A-Z][A-Za-z'’.\-]*(?:\s+(?:[A-Z][A-Za-z'’.\-]*|al-\w+|el-\w+|de|da)){0,3}"
_UPPER_PLACE = r"[A-Z][A-Z'’.\-]*(?:\s+[A-Z][A-Z'’.\-]*){0,3}"

# "Baghdad (AFP) – ...", "BAGHDAD, Jan 8 (Reuters) - ...", "ERBIL, Iraq (AP) — ..."
_CITY_AGENCY = re.compile(
    rf"^(?P<city>{_PLACE})(?:\s*,\s*[A-Za-z0-9 .'’\-]{{1,30}})?\s*\((?P<agency>[^()]{{2,40}})\)\s*(?:{_DASH}|:)\s*"
)
# "Reuters, BAGHDAD" (the whole line, or followed by a dash)
_AGENCY_CITY = re.compile(rf"^(?P<agency>[A-Za-z][A-Za-z .\-]{{1,40}}?)\s*,\s*(?P<city>{_UPPER_PLACE})\s*(?:$|{_DASH}\s*)")
# "WASHINGTON — ...", "BAGHDAD, Iraq - ..."
_UPPER_CITY = re.compile(rf"^(?P<city>{_UPPER_PLACE})(?:\s*,\s*[A-Za-z .'’\-]{{1,30}})?\s+{_DASH}\s+\S")
# "(The Washington Post) The Iraqi government ..."
_PAREN_AGENCY = re.compile(r"^\((?P<agency>[^()]{2,40})\)\s*(?:[-–—:]\s*)?(?=\S)")
# An agency alone on its line: "AFP", "Source: Reuters"
_AGENCY_LINE = re.compile(r"^(?:(?:source|via)\s*:\s*)?(?P<agency>[A-Za-z][A-Za-z .\-]{1,40}?)\s*\.?$", re.IGNORECASE)

_NOT_CITIES = {
    "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION", "EDITORIAL",
    "WATCH", "LIVE", "VIDEO", "PHOTOS", "NEWS", "REPORT", "COMMENT", "FACTBOX", "EXPLAINER",
}

_PARTICLES = r"(?:al|el|bin|ibn|abu|de|da|del|della|di|du|la|le|van|von|der|den|ter|y)"
_NAME_WORD = rf"(?:[A-Z][\w'’.\-]*|{_PARTICLES}(?:-[A-Z][\w'’\-]*)?)"
_NAME = re.compile(rf"[A-Z][\w'’.\-]*(?:\s+{_NAME_WORD}){{1,4}}")
_BYLINE = re.compile(r"^[Bb][Yy]\s*:?\s+(?P<body>\S.*)$")
_BYLINE_PAREN = re.compile(r"\s*\((?P<agency>[^()]{2,40})\)\s*$")
_BYLINE_SPLIT = re.compile(r"\s*(?:,|\||/|\s[-–—]\s|\band\b|&|\bfor\b)\s*")
_NOT_NAMES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "the", "a", "an", "staff",
}
_SENTENCE_END = re.compile(r"[.;:,]['\"”’)]*$")


def extract_metadata(text: str) -> TextMetadata:
    """Title, publisher, byline and dateline city read from the first lines of ``text``."""
    head = [line.strip() for line in text.split("\n") if line.strip()][:_HEAD_LINES]
    if not head:
        return TextMetadata()
    source: str | None = None
    byline: str | None = None
    dateline: str | None = None
    title: str | None = None
    metadata_lines: set[int] = set()

    for index, line in enumerate(head):
        found_source, found_city, found_byline = _read_line(line)
        if found_source or found_city or found_byline:
            metadata_lines.add(index)
        source = source or found_source
        dateline = dateline or found_city
        byline = byline or found_byline

    if 0 not in metadata_lines and len(head) > 1:
        title = _title(head[0])
    return TextMetadata(title=title, source=source, byline=byline, dateline=dateline)


def _read_line(line: str) -> tuple[str | None, str | None, str | None]:
    """(source, dateline city, byline) found at the start of one line."""
    match = _CITY_AGENCY.match(line)
    if match and _city(match["city"]):
        agency = match["agency"].strip()
        if normalise_agency(agency):
            return normalise_agency(agency), _city(match["city"]), None
        if match["city"].isupper() and _publisher_like(agency):  # "KABUL (Pajhwok) —"
            return agency, _city(match["city"]), None
    match = _AGENCY_CITY.match(line)
    if match and normalise_agency(match["agency"]) and _city(match["city"]):
        return normalise_agency(match["agency"]), _city(match["city"]), None
    match = _PAREN_AGENCY.match(line)
    if match and normalise_agency(match["agency"]):
        return normalise_agency(match["agency"]), None, None
    match = _UPPER_CITY.match(line)
    if match and _city(match["city"]):
        return None, _city(match["city"]), None
    match = _BYLINE.match(line)
    if match and len(line) <= 120:
        found = _byline(match["body"])
        if found:
            return found[1], None, found[0]
    match = _AGENCY_LINE.match(line)
    if match and normalise_agency(match["agency"]):
        return normalise_agency(match["agency"]), None, None
    return None, None, None


def _city(raw: str) -> str | None:
    """The dateline city in title case ("BAGHDAD" -> "Baghdad"), or None if it is not a place."""
    city = raw.strip().rstrip(".,")
    if len(re.sub(r"[^A-Za-z]", "", city)) < 3 or city.upper() in _NOT_CITIES or normalise_agency(city):
        return None
    if city.isupper():
        city = re.sub(r"[A-Za-z]+(?:['’][A-Za-z]+)?", lambda m: m.group(0).capitalize(), city.lower())
    return city


def _publisher_like(name: str) -> str | None:
    """An unknown name in a dateline's parentheses that reads like a publisher ("Pajhwok")."""
    words = name.split()
    if 1 <= len(words) <= 5 and all(word[0].isupper() or word[0].isdigit() for word in words):
        return name
    return None


def _byline(body: str) -> tuple[str | None, str | None] | None:
    """(names, agency) of a byline's text after "By", or None if it is not a byline.

    "Douglas Burton" -> ("Douglas Burton", None); "Jane Arraf and Sam Dagher, AP" ->
    ("Jane Arraf and Sam Dagher", "AP"). "By Sunday, Washington had begun ..." is not one.
    """
    agency: str | None = None
    paren = _BYLINE_PAREN.search(body)
    if paren and normalise_agency(paren["agency"]):
        agency = normalise_agency(paren["agency"])
        body = body[: paren.start()]
    parts = [part for part in _BYLINE_SPLIT.split(body.strip()) if part]
    if len(parts) > 1 and agency is None and normalise_agency(parts[-1]):
        agency = normalise_agency(parts.pop())
    if agency is None and len(parts) == 1 and normalise_agency(parts[0]):
        return None, normalise_agency(parts[0])  # "By Reuters"
    if not parts or len(parts) > 4:
        return None
    names: list[str] = []
    for part in parts:
        if part.isupper():
            part = " ".join(word.capitalize() for word in part.split())
        if not _NAME.fullmatch(part) or part.split()[0].casefold() in _NOT_NAMES:
            return None
        names.append(part)
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return text, agency


def _title(line: str) -> str | None:
    """``line`` if it reads like a headline: short, capitalised, not ending like a sentence."""
    if len(line) >= _TITLE_MAX or _SENTENCE_END.search(line):
        return None
    first = line.lstrip("\"'“‘(")[:1]
    if not first or first.islower() or len(re.findall(r"\w+", line)) < 2:
        return None
    return line
