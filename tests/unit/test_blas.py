"""crisislens processes use one BLAS thread unless the environment already says how many (``crisislens.blas``)."""

from __future__ import annotations

import os
import subprocess
import sys

from crisislens.blas import THREAD_LIMITS

# A fresh process: the limits must be set before numpy is imported, and must not leak into the test process.
SHOW_LIMIT = "import os; from crisislens.blas import one_blas_thread; one_blas_thread(); print(os.environ['OPENBLAS_NUM_THREADS'])"


def _limit_in_fresh_process(**preset: str) -> str:
    env = {name: value for name, value in os.environ.items() if name not in THREAD_LIMITS} | preset
    return subprocess.run([sys.executable, "-c", SHOW_LIMIT], env=env, capture_output=True, text=True, check=True).stdout.strip()


def test_a_process_gets_one_blas_thread_by_default() -> None:
    assert _limit_in_fresh_process() == "1"


def test_a_thread_count_the_user_set_is_kept() -> None:
    assert _limit_in_fresh_process(OPENBLAS_NUM_THREADS="2") == "2"


def test_a_process_that_loaded_numpy_first_gets_one_blas_thread() -> None:
    """The crisislens command's own imports load numpy before it sets the limits: they are applied in place."""
    script = (
        "import numpy; from threadpoolctl import threadpool_info; from crisislens.blas import one_blas_thread; one_blas_thread(); "
        "print(max(pool['num_threads'] for pool in threadpool_info() if pool['user_api'] == 'blas'))"
    )
    env = {name: value for name, value in os.environ.items() if name not in THREAD_LIMITS}
    assert subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout.strip() == "1"
