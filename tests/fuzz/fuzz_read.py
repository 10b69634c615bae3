"""Coverage-guided fuzzing (atheris) of everything ingest does before the parser: decoding, HTML and JSONL
reading, cleaning, metadata, dates — and the casualty and date readers on the text that comes out.

The contract under test: for any bytes, ``read_file`` yields Articles or Skipped and never raises.

    python tests/fuzz/fuzz_read.py -max_total_time=60          # or run by tests/unit/test_fuzz.py briefly
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from crisislens.ingest.read import read_file
    from crisislens.mentions.casualties import NumberWords, read_casualties
    from crisislens.mentions.time import find_time_expressions
    from crisislens.models import Article

SUFFIXES = (".txt", ".html", ".jsonl")
WORDS = NumberWords.load()
FOLDER = Path(tempfile.mkdtemp(prefix="crisislens-fuzz-"))


def one_input(data: bytes) -> None:
    if not data:
        return
    path = FOLDER / f"input{SUFFIXES[data[0] % len(SUFFIXES)]}"
    path.write_bytes(data[1:])
    for item in read_file(path, published=date(2020, 1, 5)):
        if isinstance(item, Article):
            for line in item.text.split("\n")[:20]:
                read_casualties(line[:2000], WORDS).casualties
                find_time_expressions(line[:2000], item.published)


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
