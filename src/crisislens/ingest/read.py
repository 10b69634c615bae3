"""Read articles from files and directories, one at a time.

``read_articles`` walks the given paths (directories recursively, in sorted
order, hidden entries skipped) and yields an ``Article`` for every article it
can read and a ``Skipped`` (with the reason) for everything it cannot. It never
raises for a bad input file, and never holds more than one file in memory
(JSON Lines files are read line by line). Text that is not English
(``crisislens.ingest.language``) and publication dates before 1900 or more than
two days after today are skipped too.

Formats, by extension:

``.jsonl`` ``.ndjson`` ``.json``
    JSON Lines, one article per line: ``{"id", "date" | "published", "title",
    "source", "url", "text"}``; ``text`` or ``title`` is required: a record with
    an empty text (a paywalled or lost page) is read as its headline. Origin ``file:LINE``.
``.html`` ``.htm``
    The main text of the page (``<article>``, else ``<main>``, else the body;
    scripts, navigation, headers, footers, asides and forms dropped), title from
    og:title/``<title>``, date from the publication-time meta tags or ``<time>``,
    source from og:site_name.
anything else
    Plain text, with an optional first-line header `` date YYYY-MM-DD`` (text
    after the date on that line is the start of the body).
"""

from __future__ import annotations

import codecs
import html
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from crisislens.errors import InputError
from crisislens.ingest.clean import clean_text
from crisislens.ingest.language import non_english_reason
from crisislens.ingest.metadata import extract_metadata
from crisislens.models import Article, Skipped

__all__ = ["read_articles", "read_file", "decode_bytes", "parse_date"]

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
HTML_SUFFIXES = frozenset({".html", ".htm"})

MIN_YEAR = 1900
# Time zones and wires dated ahead; a publication date later than this after today is a typo or a forgery.
FUTURE_SLACK = timedelta(days=2)
MAX_FILE_BYTES = 20 * 1024 * 1024  # a text or HTML file larger than this is not one article
_SNIFF_BYTES = 8192
_BINARY_RATIO = 0.30

_HEADER = re.compile(r"^ ?date[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|$)[ \t]*")
_ISO_DATE = re.compile(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[T\s]\S*.*$)")
_COMPACT_DATE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|T\d)")


class _Skip(Exception):
    """Internal: this input is not an article, for the reason given."""


# --------------------------------------------------------------------------- walking


def read_articles(
    paths: Iterable[str | Path],
    *,
    published: date | None = None,
    source: str | None = None,
) -> Iterator[Article | Skipped]:
    """Yield an Article or a Skipped for every article found under ``paths``.

    ``published`` is the publication date of articles whose input gives none;
    ``source`` the publisher of articles whose input names none. Raises
    InputError (on the first ``next``) only if ``published`` itself is invalid.
    """
    default_date = _check_default_date(published)
    default_source = (source.strip() or None) if isinstance(source, str) else None
    if isinstance(paths, (str, Path)):  # one path, not an iterable of characters
        paths = [paths]
    for path in paths:
        for file_path, problem in _walk(Path(path)):
            if problem is not None:
                yield Skipped(origin=str(file_path), reason=problem)
                continue
            yield from read_file(file_path, published=default_date, source=default_source)


def _check_default_date(published: date | str | None) -> date | None:
    if published is None:
        return None
    if isinstance(published, datetime):
        published = published.date()
    elif isinstance(published, str):
        try:
            parsed = parse_date(published)
        except ValueError as error:
            raise InputError(f"publication date {published!r}: {error}") from None
        if parsed is None:
            raise InputError(f"publication date {published!r} is not a date (expected YYYY-MM-DD)")
        published = parsed
    elif not isinstance(published, date):
        raise InputError(f"publication date must be a date, not {type(published).__name__}")
    problem = _absurdity(published)
    if problem:
        raise InputError(f"publication date {published.isoformat()} is absurd ({problem})")
    return published


def _walk(path: Path, _seen: set[tuple[int, int]] | None = None) -> Iterator[tuple[Path, str | None]]:
    """(file, None) for every regular file under ``path``; (path, reason) for unusable ones."""
    try:
        info = path.stat()
    except FileNotFoundError:
        yield path, "no such file or directory"
        return
    except OSError as error:
        yield path, f"cannot read: {error.strerror or error}"
        return
    if stat.S_ISREG(info.st_mode):
        yield path, None
        return
    if not stat.S_ISDIR(info.st_mode):
        yield path, "not a regular file"
        return
    seen = _seen if _seen is not None else set()
    key = (info.st_dev, info.st_ino)
    if key in seen:  # a symlink loop
        return
    seen.add(key)
    try:
        with os.scandir(path) as entries:
            names = sorted(entry.name for entry in entries if not entry.name.startswith("."))
    except OSError as error:
        yield path, f"cannot read directory: {error.strerror or error}"
        return
    for name in names:
        yield from _walk(path / name, seen)


# --------------------------------------------------------------------------- one file


def read_file(
    path: str | Path, *, published: date | None = None, source: str | None = None
) -> Iterator[Article | Skipped]:
    """The articles of one file (several for JSON Lines), or why it has none."""
    path = Path(path)
    published = _check_default_date(published)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, published, source)
        return
    try:
        raw = _read_bytes(path)
        if suffix in HTML_SUFFIXES:
            article = _html_article(path, decode_bytes(raw, html=True), published, source)
        else:
            article = _text_article(path, decode_bytes(raw), published, source)
    except _Skip as skip:
        yield Skipped(origin=str(path), reason=str(skip))
        return
    yield article


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _Skip(f"file too large ({size} bytes; at most {MAX_FILE_BYTES})")
        with path.open("rb") as handle:
            return handle.read()
    except OSError as error:
        raise _Skip(f"cannot read file: {error.strerror or error}") from None


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\b\x1b")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:]+)""", re.IGNORECASE)


def decode_bytes(data: bytes, *, html: bool = False) -> str:
    """The text of a file's bytes; raises _Skip if they are empty, binary or undecodable.

    UTF-8 (BOM stripped), UTF-16/32 with a BOM, a charset declared in an HTML
    page, else cp1252, else latin-1.
    """
    if not data:
        raise _Skip("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise _Skip(f"undecodable: not valid {encoding.upper()} ({error.reason})") from None
    if b"\x00" in data:
        raise _Skip("binary file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    sample = data[:_SNIFF_BYTES]
    odd = sum(1 for byte in sample if (byte < 0x20 and byte not in _TEXT_CONTROLS) or byte == 0x7F)
    if text is None:  # not UTF-8: high bytes are suspect too
        odd += sum(1 for byte in sample if byte >= 0x80)
    if odd > _BINARY_RATIO * len(sample):
        raise _Skip("binary file")
    if text is not None:
        return text
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def parse_date(value: Any) -> date | None:
    """A publication date from ``YYYY-MM-DD`` or an ISO datetime (the date part).

    None when ``value`` is empty or not a date string; raises ValueError for a
    date-shaped string that is not a real date (``2020-13-45``). Also accepts
    ``YYYY/MM/DD`` and ``YYYYMMDD``.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    match = _ISO_DATE.match(value) or _COMPACT_DATE.match(value)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"not a real date: {value.strip()!r}") from None


def _published(value: Any, where: str) -> date | None:
    """The date in a date field; raises _Skip for a bad or absurd one."""
    try:
        parsed = parse_date(value)
    except ValueError as error:
        raise _Skip(f"invalid {where}: {error}") from None
    if parsed is None:
        if value is not None and not isinstance(value, str):
            raise _Skip(f"invalid {where}: expected a YYYY-MM-DD string, got {type(value).__name__}")
        if isinstance(value, str) and value.strip():
            raise _Skip(f"invalid {where}: {value.strip()[:40]!r} is not YYYY-MM-DD")
        return None
    _check_published(parsed)
    return parsed


def _check_published(value: date) -> None:
    problem = _absurdity(value)
    if problem:
        raise _Skip(f"absurd publication date {value.isoformat()} ({problem})")


def _absurdity(value: date) -> str | None:
    """Why ``value`` cannot be when an article was published, or None."""
    if value.year < MIN_YEAR:
        return f"before {MIN_YEAR}"
    latest = date.today() + FUTURE_SLACK
    if value > latest:
        return f"in the future: after {latest.isoformat()}"
    return None


def _article(
    article_id: str,
    raw_text: str,
    *,
    origin: str,
    published: date | None,
    fields: dict[str, str | None],
) -> Article:
    """An Article from raw text and the metadata the input itself gives (None: absent)."""
    # A page whose text is all furniture ("Sign up for our newsletter …") still tells its story in its headline.
    text = clean_text(raw_text) or clean_text(fields.get("title") or "")
    if not text:
        raise _Skip("no text after cleaning")
    foreign = non_english_reason(text)
    if foreign:
        raise _Skip(foreign)
    found = extract_metadata(text)
    return Article(
        article_id=article_id,
        text=text,
        title=fields.get("title") or found.title,
        published=published,
        source=fields.get("source") or found.source or fields.get("default_source"),
        url=fields.get("url"),
        byline=fields.get("byline") or found.byline,
        dateline=fields.get("dateline") or found.dateline,
        origin=origin,
    )


_INVISIBLE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _field(value: Any) -> str | None:
    """A metadata field as one tidy line of text, None when missing or empty."""
    if not isinstance(value, str):
        return None
    value = _INVISIBLE.sub("", html.unescape(value))
    value = " ".join(value.split())
    return value or None


# --------------------------------------------------------------------------- plain text


def _text_article(path: Path, text: str, default_date: date | None, default_source: str | None) -> Article:
    text = text.lstrip("\ufeff")
    published = default_date
    first, newline, rest = text.partition("\n")
    header = _HEADER.match(first.lstrip("\ufeff\u200b"))
    if header:
        published = _published(header.group(1), "date header")
        text = first.lstrip("\ufeff\u200b")[header.end() :] + newline + rest
    return _article(
        path.stem or path.name,
        text,
        origin=str(path),
        published=published,
        fields={"default_source": default_source},
    )


# --------------------------------------------------------------------------- JSON Lines


def _read_jsonl(path: Path, default_date: date | None, default_source: str | None) -> Iterator[Article | Skipped]:
    origin = str(path)
    try:
        handle = path.open("rb")
    except OSError as error:
        yield Skipped(origin=origin, reason=f"cannot read file: {error.strerror or error}")
        return
    with handle:
        try:
            head = handle.peek(_SNIFF_BYTES)[:_SNIFF_BYTES] if hasattr(handle, "peek") else b""
            if not head:
                yield Skipped(origin=origin, reason="empty file")
                return
            encoding = next((name for bom, name in _BOMS if head.startswith(bom)), None)
            if encoding is None and b"\x00" in head:
                yield Skipped(origin=origin, reason="binary file")
                return
            lines: Iterable[Any]
            if encoding in ("utf-16", "utf-32"):
                lines = codecs.getreader(encoding)(handle, errors="replace")
            else:
                lines = handle
            any_line = False
            for number, line in enumerate(lines, start=1):
                if isinstance(line, bytes):
                    line = _decode_line(line, strip_bom=number == 1)
                if not line.strip():
                    continue
                any_line = True
                yield _jsonl_record(path, number, line, default_date, default_source)
            if not any_line:
                yield Skipped(origin=origin, reason="empty file")
        except (OSError, UnicodeError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            yield Skipped(origin=origin, reason=f"cannot read file: {reason}")


def _decode_line(line: bytes, *, strip_bom: bool) -> str:
    if strip_bom and line.startswith(codecs.BOM_UTF8):
        line = line[len(codecs.BOM_UTF8) :]
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return line.decode("cp1252")
        except UnicodeDecodeError:
            return line.decode("latin-1")


def _jsonl_record(
    path: Path, number: int, line: str, default_date: date | None, default_source: str | None
) -> Article | Skipped:
    origin = f"{path}:{number}"
    try:
        record = json.loads(line)
    except ValueError as error:
        message = error.msg if isinstance(error, json.JSONDecodeError) else str(error)
        return Skipped(origin=origin, reason=f"invalid JSON: {message}")
    if not isinstance(record, dict):
        return Skipped(origin=origin, reason=f"invalid JSON: expected an object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        text = record.get("title")  # a headline alone still tells its story: "Man shot in the leg in Abington"
    if not isinstance(text, str) or not text.strip():
        return Skipped(origin=origin, reason="no text or title field")
    try:
        published = default_date
        for key in ("date", "published"):
            if record.get(key) not in (None, ""):
                published = _published(record[key], f"{key} field")
                break
        return _article(
            _record_id(record.get("id")) or f"{path.stem}-{number}",
            text,
            origin=origin,
            published=published,
            fields={
                "title": _field(record.get("title")),
                "source": _field(record.get("source")),
                "url": _field(record.get("url")),
                "byline": _field(record.get("byline")),
                "dateline": _field(record.get("dateline")),
                "default_source": default_source,
            },
        )
    except _Skip as skip:
        return Skipped(origin=origin, reason=str(skip))


def _record_id(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (str, int, float)):
        return str(value).strip() or None
    return None


# --------------------------------------------------------------------------- HTML

_DROP_TAGS = frozenset(
    {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template", "svg", "iframe",
     "figcaption", "button", "select", "textarea", "object", "canvas"}
)
_BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
     "dd", "blockquote", "pre", "table", "tr", "td", "th", "figure", "address", "hr", "body", "center"}
)
_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                        "track", "wbr", "param"})
_DATE_META = ("article:published_time", "og:published_time", "date", "pubdate", "dc.date", "dc.date.issued",
              "dcterms.created", "datepublished")
_SPACE_RUN = re.compile(r"[ \t\r\n\f\v]+")


class _PageParser(HTMLParser):
    """Collects the text of the body, of every <article> and of <main>, and the head's metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.times: list[str] = []
        self.body: list[str] = []
        self.articles: list[list[str]] = []
        self.main: list[str] = []
        self._drop_depth = 0
        self._article_depth = 0
        self._main_depth = 0
        self._in_title = False
        self._in_head = False
        self._pre_depth = 0
        self.canonical: str | None = None

    # Tags -------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name.lower(): (value or "") for name, value in attrs}
        if tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        elif tag == "title" and not self._drop_depth:
            self._in_title = True
        elif tag == "meta":
            key = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "").lower()
            content = attributes.get("content", "").strip()
            if key and content and key not in self.meta:
                self.meta[key] = content
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            self.canonical = self.canonical or attributes.get("href") or None
        elif tag == "time" and attributes.get("datetime") and self._drop_depth == 0:
            self.times.append(attributes["datetime"])
        if tag in _VOID_TAGS:
            if tag == "br":
                self._emit("\n")
            elif tag == "hr":
                self._emit("\n\n")
            return
        if tag in _DROP_TAGS:
            self._drop_depth += 1
            return
        if tag == "pre":
            self._pre_depth += 1
        if tag in _BLOCK_TAGS:
            self._emit("\n\n")
        if tag == "article":
            if self._article_depth == 0:
                self.articles.append([])
            self._article_depth += 1
        elif tag == "main":
            self._main_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        elif tag == "title":
            self._in_title = False
        if tag in _VOID_TAGS:
            return
        if tag in _DROP_TAGS:
            self._drop_depth = max(0, self._drop_depth - 1)
            return
        if tag == "pre":
            self._pre_depth = max(0, self._pre_depth - 1)
        if tag in _BLOCK_TAGS:
            self._emit("\n\n")
        if tag == "article":
            self._article_depth = max(0, self._article_depth - 1)
        elif tag == "main":
            self._main_depth = max(0, self._main_depth - 1)

    # Text -------------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
            return
        if self._in_head or self._drop_depth:
            return
        if not self._pre_depth:
            data = _SPACE_RUN.sub(" ", data)
        self._emit(data)

    def _emit(self, chunk: str) -> None:
        if self._drop_depth or self._in_head:
            return
        self.body.append(chunk)
        if self._article_depth:
            self.articles[-1].append(chunk)
        if self._main_depth:
            self.main.append(chunk)


def _page_text(chunks: list[str]) -> str:
    text = "".join(chunks)
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(lines)


def _html_article(path: Path, page: str, default_date: date | None, default_source: str | None) -> Article:
    parser = _PageParser()
    try:
        parser.feed(page)
        parser.close()
    except Exception as error:  # html.parser is lenient; this is a last resort  # noqa: BLE001
        raise _Skip(f"unreadable HTML: {error}") from None

    candidates = [_page_text(chunks) for chunks in parser.articles]
    article_text = max(candidates, key=lambda text: len(clean_text(text)), default="")
    text = next(
        (candidate for candidate in (article_text, _page_text(parser.main), _page_text(parser.body))
         if clean_text(candidate)),
        "",
    )

    published = default_date
    for key in _DATE_META:
        if key in parser.meta:
            found = _html_date(parser.meta[key])
            if found:
                published = found
                break
    else:
        for value in parser.times:
            found = _html_date(value)
            if found:
                published = found
                break

    meta = parser.meta
    site = _field(meta.get("og:site_name"))
    title = _field(meta.get("og:title")) or _strip_site(_field("".join(parser.title_parts)), site)
    author = _field(meta.get("author"))
    if author and ("/" in author or "@" in author):  # a profile URL, not a name
        author = None
    return _article(
        path.stem or path.name,
        text,
        origin=str(path),
        published=published,
        fields={
            "title": title,
            "source": site,
            "url": _field(meta.get("og:url")) or _field(parser.canonical),
            "byline": author,
            "default_source": default_source,
        },
    )


def _html_date(value: str) -> date | None:
    """The date of an HTML meta value; None when it is not a date (try the next one)."""
    try:
        found = parse_date(value)
    except ValueError:
        return None
    if found is None:
        try:
            found = parsedate_to_datetime(value).date()  # "Wed, 08 Jan 2020 10:00:00 GMT"
        except (TypeError, ValueError, IndexError):
            return None
    _check_published(found)
    return found


def _strip_site(title: str | None, site: str | None) -> str | None:
    """"Headline - Site" -> "Headline" when the site name is known."""
    if title and site:
        for separator in (" - ", " | ", " – ", " — ", " :: "):
            if title.endswith(separator + site) and len(title) > len(separator + site):
                return title[: -len(separator + site)].strip()
    return title
