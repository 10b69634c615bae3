"""read_articles: files and directories in, Article or Skipped out, one at a time."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from crisislens.errors import InputError
from crisislens.ingest import read_articles
from crisislens.models import Article, Skipped

EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "examples" / "articles"

STORY = "Rockets hit the Green Zone in Baghdad on Monday, officials said.\n\nNo one was hurt."


def _one(paths: list[Path], **kwargs: object) -> Article | Skipped:
    results = list(read_articles(paths, **kwargs))  # type: ignore[arg-type]
    assert len(results) == 1, results
    return results[0]


def _article(path: Path, **kwargs: object) -> Article:
    result = _one([path], **kwargs)
    assert isinstance(result, Article), result
    return result


# --------------------------------------------------------------------------- directories


def test_read_directory_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    nested = tmp_path / "nested" / "deeper"
    nested.mkdir(parents=True)
    (nested / "c.md").write_text(STORY, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.txt").write_text(STORY, encoding="utf-8")

    results = list(read_articles([tmp_path]))

    assert [r.article_id for r in results if isinstance(r, Article)] == ["a", "b", "c"]
    assert [r.origin for r in results] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.txt"),
        str(nested / "c.md"),
    ]


def test_read_mixed_directory_gives_articles_and_reasons(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(" date 2020-01-08 " + STORY, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (tmp_path / "feed.jsonl").write_text(
        '{"id": 7, "text": "Militias fired rockets."}\n{"text": \n{"url": "https://example.org/no-text"}\n', encoding="utf-8"
    )

    results = {r.origin: r for r in read_articles([tmp_path])}

    assert results[str(tmp_path / "empty.txt")] == Skipped(str(tmp_path / "empty.txt"), "empty file")
    assert results[str(tmp_path / "image.bin")] == Skipped(str(tmp_path / "image.bin"), "binary file")
    assert isinstance(results[str(tmp_path / "good.txt")], Article)
    assert isinstance(results[f"{tmp_path / 'feed.jsonl'}:1"], Article)
    assert results[f"{tmp_path / 'feed.jsonl'}:2"].reason.startswith("invalid JSON: ")
    assert results[f"{tmp_path / 'feed.jsonl'}:3"].reason == "no text or title field"


def test_read_files_and_directories_together_in_given_order(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "x.txt").write_text(STORY, encoding="utf-8")
    single = tmp_path / "z.txt"
    single.write_text(STORY, encoding="utf-8")
    ids = [r.article_id for r in read_articles([single, str(folder)])]
    assert ids == ["z", "x"]


def test_read_single_path_string_accepted(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(STORY, encoding="utf-8")
    assert [r.article_id for r in read_articles(str(tmp_path / "one.txt"))] == ["one"]  # type: ignore[arg-type]


def test_read_missing_path_skipped(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert _one([missing]) == Skipped(str(missing), "no such file or directory")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions (not root)")
def test_read_unreadable_file_skipped_not_raised(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(STORY, encoding="utf-8")
    locked.chmod(0)
    try:
        result = _one([locked])
    finally:
        locked.chmod(0o644)
    assert isinstance(result, Skipped)
    assert result.reason.startswith("cannot read file")


def test_read_open_error_skipped_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    assert list(read_articles([tmp_path])) == [
        Skipped(str(tmp_path / "a.txt"), "cannot read file: Permission denied"),
        Skipped(str(tmp_path / "b.jsonl"), "cannot read file: Permission denied"),
    ]


def test_read_is_lazy_generator(tmp_path: Path) -> None:
    (tmp_path / "first.txt").write_text(STORY, encoding="utf-8")

    def paths() -> Iterator[Path]:
        yield tmp_path / "first.txt"
        raise AssertionError("read ahead of the consumer")

    results = read_articles(paths())
    assert iter(results) is results
    assert next(results).article_id == "first"


# --------------------------------------------------------------------------- plain text


@pytest.mark.parametrize(
    ("content", "text", "published"),
    [
        (" date 2020-01-08 But Tehran’s claim gave way.\n\nMore.", "But Tehran’s claim gave way.\n\nMore.", date(2020, 1, 8)),
        ("date 2020-09-30 US exit threat raises fear\n\nBody.", "US exit threat raises fear\n\nBody.", date(2020, 9, 30)),
        (" date 2020-01-08\nBody on the next line.", "Body on the next line.", date(2020, 1, 8)),
        ("\ufeff date 2021-03-04 After a BOM.", "After a BOM.", date(2021, 3, 4)),
        ("No header here.\n date 2020-01-08 is not one on line two.", "No header here.\ndate 2020-01-08 is not one on line two.", None),
        ("update 2020-01-08 is not a header.", None, None),
    ],
)
def test_read_text_date_header(tmp_path: Path, content: str, text: str | None, published: date | None) -> None:
    path = tmp_path / "story.txt"
    path.write_text(content, encoding="utf-8")
    article = _article(path)
    assert article.text == (text if text is not None else content)
    assert article.published == published


@pytest.mark.parametrize(
    ("header", "reason_start"),
    [
        (" date 1850-01-01 Old news.", "absurd publication date 1850-01-01"),
        (" date 2999-01-01 Future news.", "absurd publication date 2999-01-01"),
        (" date 2020-13-45 Bad month.", "invalid date header"),
    ],
)
def test_read_text_bad_header_date_skipped(tmp_path: Path, header: str, reason_start: str) -> None:
    path = tmp_path / "story.txt"
    path.write_text(header, encoding="utf-8")
    result = _one([path])
    assert isinstance(result, Skipped)
    assert result.reason.startswith(reason_start)


def test_read_text_published_and_source_arguments_fill_gaps(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "dated.txt").write_text(" date 2020-01-08 Baghdad (AFP) – Rockets hit.\n\nMore.", encoding="utf-8")
    results = {r.article_id: r for r in read_articles([tmp_path], published=date(2021, 5, 1), source="Rudaw")}
    assert (results["plain"].published, results["plain"].source) == (date(2021, 5, 1), "Rudaw")
    assert (results["dated"].published, results["dated"].source) == (date(2020, 1, 8), "AFP")


def test_read_text_no_date_is_never_invented(tmp_path: Path) -> None:
    path = tmp_path / "story"
    path.write_text(STORY, encoding="utf-8")
    article = _article(path)
    assert (article.article_id, article.published, article.source) == ("story", None, None)


@pytest.mark.parametrize("bad", [date(1800, 1, 1), "2020-02-30", "yesterday", 20200101])
def test_read_invalid_published_argument_raises_input_error(tmp_path: Path, bad: object) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    with pytest.raises(InputError):
        list(read_articles([tmp_path], published=bad))  # type: ignore[arg-type]


def test_read_text_metadata_from_text(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text(
        "Iraq fears a confrontation\n\nBy Jane Arraf\n\nBAGHDAD (Reuters) - Rockets hit.\n\nMore text.",
        encoding="utf-8",
    )
    article = _article(path)
    assert (article.title, article.byline, article.source, article.dateline) == (
        "Iraq fears a confrontation",
        "Jane Arraf",
        "Reuters",
        "Baghdad",
    )
    assert article.text.startswith("Iraq fears a confrontation\n\nBy Jane Arraf\n\nBAGHDAD (Reuters)")


def test_read_text_only_furniture_skipped(tmp_path: Path) -> None:
    path = tmp_path / "chrome.txt"
    path.write_text("Post# of 65629\n< >\n\nAdvertisement\n   \n", encoding="utf-8")
    assert _one([path]) == Skipped(str(path), "no text after cleaning")


def test_read_whitespace_only_file_skipped(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("\n\n   \n", encoding="utf-8")
    assert _one([path]) == Skipped(str(path), "no text after cleaning")


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-8", b"\xef\xbb\xbf"), ("utf-8", b"")],
)
def test_read_unicode_encodings(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes(bom + " date 2020-01-08 Iran’s missiles hit Ain al-Asad — “no casualties”.".encode(encoding))
    article = _article(path)
    assert article.text == "Iran’s missiles hit Ain al-Asad — “no casualties”."
    assert article.published == date(2020, 1, 8)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Café in Mosul, señor, 25°C.".encode("latin-1"), "Café in Mosul, señor, 25°C."),
        ("“Quoted” – dash €5".encode("cp1252"), "“Quoted” – dash €5"),
    ],
)
def test_read_single_byte_encodings(tmp_path: Path, data: bytes, text: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(data)
    assert _article(path).text == text


@pytest.mark.parametrize(
    "data",
    [
        b"abc\x00def",
        bytes(range(1, 32)) * 10,
        bytes(range(128, 256)) * 4 + b"\x01\x02\x03" * 100,
    ],
)
def test_read_binary_file_skipped(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(data)
    assert _one([path]) == Skipped(str(path), "binary file")


def test_read_broken_utf16_skipped_as_undecodable(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    result = _one([path])
    assert isinstance(result, Skipped)
    assert result.reason.startswith("undecodable")


# --------------------------------------------------------------------------- JSON Lines


def test_read_jsonl_record_with_only_a_headline_is_read_as_it(tmp_path: Path) -> None:
    # A paywalled or lost page keeps its headline, which still tells the story.
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "h", "title": "Man shot in the leg in Abington", "text": "  "}) + "\n", encoding="utf-8")
    article = _one([path])
    assert isinstance(article, Article)
    assert (article.text, article.title) == ("Man shot in the leg in Abington", "Man shot in the leg in Abington")


def test_read_jsonl_record_whose_text_is_all_furniture_is_read_as_its_headline(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    furniture = "Sign up for our newsletter and have the top headlines from your community delivered right to your inbox."
    path.write_text(json.dumps({"id": "a", "title": "One killed in Oak Park", "text": furniture}) + "\n", encoding="utf-8")
    article = _one([path])
    assert isinstance(article, Article)
    assert (article.text, article.title) == ("One killed in Oak Park", "One killed in Oak Park")


def test_read_jsonl_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": 42, "date": "2020-01-08", "title": "Missiles hit", "source": "Kurdistan24",
                    "url": "https://example.org/a", "text": "Baghdad (AFP) – Rockets hit."}),
        "",
        "{not json",
        json.dumps({"published": "2020-01-08T23:15:00+03:00", "text": "Second story.\n\nWith two paragraphs."}),
        json.dumps({"id": "x", "text": "   "}),
        json.dumps({"id": "y", "text": 5}),
        json.dumps(["a", "list"]),
        "   ",
        json.dumps({"id": "z", "date": "1066-10-14", "text": "Hastings."}),
        json.dumps({"id": "w", "date": "8 Jan 2020", "text": "Unreadable date."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    results = list(read_articles([path], source="Fallback"))

    first, broken, second, blank, not_string, array, absurd, bad_date = results
    assert first == Article(
        article_id="42", text="Baghdad (AFP) – Rockets hit.", title="Missiles hit", published=date(2020, 1, 8),
        source="Kurdistan24", url="https://example.org/a", byline=None, dateline="Baghdad", origin=f"{path}:1",
    )
    assert broken.origin == f"{path}:3" and broken.reason.startswith("invalid JSON: ")
    assert (second.article_id, second.published, second.source) == ("feed-4", date(2020, 1, 8), "Fallback")
    assert second.text == "Second story.\n\nWith two paragraphs."
    assert blank == Skipped(f"{path}:5", "no text or title field")
    assert not_string == Skipped(f"{path}:6", "no text or title field")
    assert array.origin == f"{path}:7" and array.reason.startswith("invalid JSON: ")
    assert absurd.origin == f"{path}:9" and absurd.reason.startswith("absurd publication date 1066-10-14")
    assert bad_date.origin == f"{path}:10" and bad_date.reason.startswith("invalid date field")


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson", ".json"])
def test_read_jsonl_suffixes(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"items{suffix}"
    path.write_text('{"text": "A story."}\n', encoding="utf-8")
    assert _article(path).article_id == "items-1"


def test_read_jsonl_published_argument_when_record_has_no_date(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "a", "text": "A story."}\n', encoding="utf-8")
    assert _article(path, published=date(2020, 1, 3)).published == date(2020, 1, 3)


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty file"), (b"\n\n  \n", "empty file"), (b'{"text": "x"}\x00\x00', "binary file")],
)
def test_read_jsonl_file_level_skips(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(data)
    assert _one([path]) == Skipped(str(path), reason)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_read_jsonl_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes('{"id": "é", "text": "Café “bombing” in Kirkuk."}\n'.encode(encoding))
    article = _article(path)
    assert (article.article_id, article.text) == ("é", "Café “bombing” in Kirkuk.")


# --------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Rockets hit Baghdad - Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2020-01-08T06:30:00Z">
<link rel="canonical" href="https://example.org/rockets">
<script>var tracking = "Rockets everywhere";</script>
<style>p { color: red }</style>
</head><body>
<header><nav><a href="/">Home</a> | <a href="/world">World</a></nav></header>
<div class="teaser">Trending now: celebrity news</div>
<article>
  <h1>Rockets hit Baghdad</h1>
  <p>BAGHDAD (Reuters) - Two rockets hit the <b>Green Zone</b>
     on Monday, officials said.</p>
  <p>No one was hurt &amp; the embassy was closed.<br>Later it reopened.</p>
  <figure><img src="x.jpg"><figcaption>Smoke rises. Photo: Reuters</figcaption></figure>
  <aside>Related: other story</aside>
  <form><input name="email"> Subscribe to our newsletter</form>
</article>
<footer>Copyright 2020 Example News</footer>
<script>console.log("ignored")</script>
</body></html>
"""


def test_read_html_main_text_and_meta(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    article = _article(path)
    assert article.text == (
        "Rockets hit Baghdad\n\n"
        "BAGHDAD (Reuters) - Two rockets hit the Green Zone on Monday, officials said.\n\n"
        "No one was hurt & the embassy was closed.\nLater it reopened."
    )
    assert article.article_id == "page"
    assert article.title == "Rockets hit Baghdad"
    assert article.published == date(2020, 1, 8)
    assert article.source == "Example News"
    assert article.url == "https://example.org/rockets"
    assert article.dateline == "Baghdad"


@pytest.mark.parametrize(
    ("head", "body", "published"),
    [
        ('<meta name="date" content="2020-01-09">', "", date(2020, 1, 9)),
        ('<meta name="pubdate" content="20200110">', "", date(2020, 1, 10)),
        ('<meta name="DC.date" content="2020-01-11">', "", date(2020, 1, 11)),
        ('<meta property="og:published_time" content="2020-01-12T10:00:00+03:00">', "", date(2020, 1, 12)),
        ("", '<time datetime="2020-01-13T08:00">Monday</time>', date(2020, 1, 13)),
        ('<meta name="date" content="Wed, 08 Jan 2020 10:00:00 GMT">', "", date(2020, 1, 8)),
        ('<meta name="date" content="sometime">', "", None),
        ("", "", None),
    ],
)
def test_read_html_dates(tmp_path: Path, head: str, body: str, published: date | None) -> None:
    path = tmp_path / "page.htm"
    path.write_text(f"<html><head>{head}</head><body><main><p>Story text.</p>{body}</main></body></html>")
    assert _article(path).published == published


def test_read_html_absurd_meta_date_skipped(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text('<html><head><meta name="date" content="1800-01-01"></head><body><p>Old.</p></body></html>')
    result = _one([path])
    assert isinstance(result, Skipped) and result.reason.startswith("absurd publication date")


def test_read_html_main_preferred_over_body(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><meta property='og:title' content='OG title'><title>T</title></head><body>"
        "<div>Menu junk</div><main><p>First.</p><p>Second.</p></main><div>More junk</div></body></html>"
    )
    article = _article(path)
    assert (article.text, article.title) == ("First.\n\nSecond.", "OG title")


def test_read_html_without_body_tags_uses_all_text(tmp_path: Path) -> None:
    path = tmp_path / "fragment.html"
    path.write_text("<p>Just a paragraph.</p><script>x()</script><p>And another.</p>")
    assert _article(path).text == "Just a paragraph.\n\nAnd another."


def test_read_html_only_chrome_skipped(tmp_path: Path) -> None:
    path = tmp_path / "chrome.html"
    path.write_text("<html><body><nav>Home</nav><script>x()</script><footer>(c) 2020</footer></body></html>")
    assert _one([path]) == Skipped(str(path), "no text after cleaning")


def test_read_html_declared_legacy_charset(tmp_path: Path) -> None:
    path = tmp_path / "legacy.html"
    path.write_bytes('<meta charset="windows-1252"><p>“Quoted” café</p>'.encode("cp1252"))
    assert _article(path).text == "“Quoted” café"


# --------------------------------------------------------------------------- real examples


def _examples() -> dict[str, Article]:
    if not EXAMPLES.is_dir():
        pytest.skip("../shared/examples/articles not present (fresh clone)")
    results = list(read_articles([EXAMPLES]))
    assert all(isinstance(result, Article) for result in results), results
    return {result.article_id: result for result in results}


def test_read_examples_metadata() -> None:
    articles = _examples()
    found = {
        key: (a.published, a.title, a.source, a.byline, a.dateline) for key, a in articles.items()
    }
    assert found == {
        "000_527cab93d3359251": (date(2020, 1, 8), None, None, None, None),
        "001_ee3534933aebc203": (date(2020, 9, 30), "US exit threat raises fear of war in Iraq", "Reuters", None, "Baghdad"),
        "002_69e0ca16bc319e77": (date(2020, 1, 8), None, None, "Douglas Burton", None),
        "003_f76d077bb8374fe8": (None, "Missiles Hit Iraq Base Housing U.S. Troops", "AFP", None, "Baghdad"),
        "004_a02a02240e1b1dbc": (
            None,
            "Iraq fears Trump’s final weeks could see confrontation between U.S. and Iran",
            "The Washington Post",
            None,
            None,
        ),
    }


def test_read_examples_text_cleaned() -> None:
    articles = _examples()
    assert articles["000_527cab93d3359251"].text.startswith("But Tehran’s early claim to mass casualties")
    assert articles["002_69e0ca16bc319e77"].text.startswith("By Douglas Burton\n\nThe Trump Administration")
    forum = articles["003_f76d077bb8374fe8"].text
    assert forum.startswith("Missiles Hit Iraq Base Housing U.S. Troops\nBaghdad (AFP) – Pro-Iran factions")
    assert "Post#" not in forum and "< >" not in forum
    post = articles["004_a02a02240e1b1dbc"].text
    assert not post.endswith("Related Posts") and post.endswith("during the conversation.")
    assert "\u00a0" not in post
    wire = articles["001_ee3534933aebc203"].text
    assert "killed in rocket attacks.\n" in wire and "Photo: Reuters" not in wire
    assert "Reuters, BAGHDAD\n\nWashington has made preparations" in wire
    for article in articles.values():
        assert " date 20" not in article.text
        assert "\n\n\n" not in article.text
        assert all(line == line.strip() for line in article.text.split("\n"))


def test_read_examples_published_argument_only_fills_missing() -> None:
    if not EXAMPLES.is_dir():
        pytest.skip("../shared/examples/articles not present (fresh clone)")
    dates = {a.article_id: a.published for a in read_articles([EXAMPLES], published=date(2020, 12, 1))}
    assert dates["000_527cab93d3359251"] == date(2020, 1, 8)
    assert dates["003_f76d077bb8374fe8"] == date(2020, 12, 1)
