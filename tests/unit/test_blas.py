"""crisislens processes use one BLAS thread unless the environment already says how many (``crisislens.blas``)."""

from __future__ import annotations

import os
import subprocess
import sys

from crisislens.blas import THREAD_LIMITS

# A fresh process: the limits must be set before numpy is imported, and must not leak into the test process.
SHOW_LIMIT = "import os; from crisislens.blas import one_blas_thread; one_blas_thread(); print(os.environ['OPENBLAS_NUM_THREADS'])"


def _in_fresh_process(script: str, **preset: str) -> str:
    """What ``script`` prints in a fresh Python process whose environment has none of the limits but ``preset``."""
    env = {name: value for name, value in os.environ.items() if name not in THREAD_LIMITS} | preset
    return subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout.strip()


def test_a_process_gets_one_blas_thread_by_default() -> None:
    assert _in_fresh_process(SHOW_LIMIT) == "1"


def test_a_thread_count_the_user_set_is_kept() -> None:
    assert _in_fresh_process(SHOW_LIMIT, OPENBLAS_NUM_THREADS="2") == "2"


# numpy loaded before the limits are set, as the crisislens command's own imports do: the threads its BLAS then runs.
SHOW_THREADS = (
    "import numpy; from threadpoolctl import threadpool_info; from crisislens.blas import one_blas_thread; one_blas_thread(); "
    "print(max(pool['num_threads'] for pool in threadpool_info() if pool['user_api'] == 'blas'))"
)


def test_a_process_that_loaded_numpy_first_gets_one_blas_thread() -> None:
    assert _in_fresh_process(SHOW_THREADS) == "1"


def test_a_thread_count_the_user_set_is_kept_after_numpy_loaded() -> None:
    """The user's count is kept even where the other variables were unset (and are set to one for child processes)."""
    assert _in_fresh_process(SHOW_THREADS, OPENBLAS_NUM_THREADS="2") == "2"
