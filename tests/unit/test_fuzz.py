"""Run the ingestion fuzzer briefly (20 s): any exception it finds fails the test with the crashing input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

FUZZER = Path(__file__).resolve().parents[1] / "fuzz" / "fuzz_read.py"


def test_fuzz_reading_never_raises(tmp_path: Path):
    pytest.importorskip("atheris", reason="atheris is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        [sys.executable, str(FUZZER), "-max_total_time=20", "-rss_limit_mb=2048", f"-artifact_prefix={tmp_path}/", "-seed=1"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert "Done" in result.stderr
