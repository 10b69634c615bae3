"""Bad input, tried for real: every broken file is reported with its reason, the good ones still go in."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.model

GOOD = {
    "latin1.txt": " date 2020-01-05\nThe café owner in Bagdad said a grenade wounded two customers.".encode("latin-1"),
    "utf16.txt": " date 2020-01-05\nRockets hit the Green Zone in Baghdad on Friday, police said.".encode("utf-16"),
    "bom.txt": "\ufeff date 2020-01-05\nA car bomb exploded in Kirkuk on Friday, killing three people.".encode("utf-8"),
    "page.html": b"<html><head><title>Attack</title><script>alert('x')</script></head><body><article>"
    b"<p>Militants attacked a base in Anbar on Monday, officials said.</p><script>document.write('evil')</script></article></body></html>",
    "noevents.txt": b" date 2020-01-05\nThe weather in Baghdad was pleasant and the markets were busy.",
    "zero-width.txt": " date 2020-01-05\nIr\u200ban fired\u200d missiles at U.\u200bS. bases in Ir\u202eaq\u202c on Wed\u200fnesday.".encode(),
    "undated.txt": b"Gunmen kidnapped a journalist in Basra, his newspaper said.",
    "long.txt": (" date 2020-01-05\n" + " ".join(f"Protesters gathered in Basra on day {i}." for i in range(10_000))).encode(),
}
BAD = {
    "empty.txt": (b"", "empty file"),
    "binary.txt": (bytes(range(256)) * 8, "binary file"),
    "one-line.txt": (b" date 2020-01-05\n" + b"Gunmen attacked a checkpoint near Mosul " * 26000, "more than the parser takes"),
    "arabic.txt": (" date 2020-01-05\nقتل ثلاثة أشخاص في انفجار في بغداد".encode(), "not English (looks like Arabic script)"),
    "french.txt": (
        " date 2020-01-05\nLe président de la République a condamné l'attaque contre la base militaire dans le nord du pays. "
        "Selon les autorités, au moins trois soldats ont été tués et plusieurs autres blessés lors de cette attaque.".encode(),
        "not English (looks like French)",
    ),
    "future.txt": (b" date 2099-01-05\nRockets hit the Green Zone in Baghdad on Friday.", "absurd publication date 2099-01-05 (in the future"),
}
FEED = [
    json.dumps({"id": "feed-ok", "date": "2020-01-05", "text": "Police arrested five protesters in Basra on Sunday."}),
    "{broken",
    json.dumps({"id": "feed-1400", "date": "1400-01-01", "text": "The army attacked."}),
    json.dumps({"id": "feed-2099", "date": "2099-06-01", "text": "The army attacked."}),
    json.dumps([1, 2]),
    json.dumps({"id": "feed-notext"}),
]


def ingest(folder: Path, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "crisislens", "ingest", str(folder), "--db", str(db)], capture_output=True, text=True, timeout=900)


def test_bad_files_are_reported_and_the_rest_ingested(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, content in GOOD.items():
        (folder / name).write_bytes(content)
    for name, (content, _) in BAD.items():
        (folder / name).write_bytes(content)
    with (folder / "huge.txt").open("wb") as huge:  # 100 MB of real text
        for _ in range(100):
            huge.write(b"Rockets hit the Green Zone in Baghdad on Friday, police said. " * 16913)
    (folder / "feed.jsonl").write_text("\n".join(FEED) + "\n", encoding="utf-8")
    db = tmp_path / "bad.duckdb"
    result = ingest(folder, db)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    summary = " ".join(result.stderr.split())
    for name, (_, reason) in BAD.items():
        assert f"{name} — " in summary and reason in summary, name
    for reason in ("huge.txt — file too large", "invalid JSON", "absurd publication date 1400-01-01 (before 1900)",
                   "absurd publication date 2099-06-01 (in the future", "no text or title field"):
        assert reason in summary
    assert f"ingested {len(GOOD) + 1}," in summary
    with duckdb.connect(str(db), read_only=True) as con:
        texts = dict(con.execute("SELECT article_id, text FROM articles").fetchall())
    assert "evil" not in texts["page"] and "alert" not in texts["page"], "script content is not article text"
    assert "Iran fired missiles at U.S. bases in Iraq on Wednesday." in texts["zero-width"]
    assert texts["long"].count("Protesters gathered") == 10_000
    check = subprocess.run([sys.executable, "-m", "crisislens", "check", "--db", str(db)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    again = ingest(folder, db)
    assert f"unchanged {len(GOOD) + 1}," in " ".join(again.stderr.split())


def test_nothing_ingestable_exits_non_zero(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    result = ingest(folder, tmp_path / "none.duckdb")
    assert result.returncode == 1
    assert "empty file" in result.stderr and "Traceback" not in result.stderr
