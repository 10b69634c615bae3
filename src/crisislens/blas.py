"""One BLAS thread in each crisislens process.

spaCy's models multiply small matrices (a batch of tokens by a layer's width). numpy's
OpenBLAS splits each product over every core, and on small products the threads' hand-offs
cost more than they save: a headline parsed alone took 150 ms of CPU with two threads and
5 ms with one, a batch of articles about 10 % more CPU. crisislens runs in parallel by
processes (``--workers``), each with one BLAS thread. OpenBLAS reads the environment when numpy
is first imported: the limits are set there for the processes this one starts, and applied in
place (threadpoolctl) for this one, whose imports may have loaded numpy already. A value already in
the environment is kept.
"""

from __future__ import annotations

import os

from threadpoolctl import threadpool_limits

THREAD_LIMITS = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")}


def one_blas_thread() -> None:
    """Limit this process (and the processes it starts) to one BLAS thread, unless the environment says otherwise."""
    unset = [name for name in THREAD_LIMITS if name not in os.environ]
    os.environ.update({name: THREAD_LIMITS[name] for name in unset})
    if len(unset) == len(THREAD_LIMITS):  # a thread count of the user's, already read by a loaded BLAS, stays
        threadpool_limits(limits=1, user_api="blas")
