"""Worker processes: how gcm-report forks them, starts them and stops them, in one place.

Files are checked on every core (validate/parallel.py) and PDFs printed in parallel
(render/pdf_jobs.py), both by a ``ProcessPoolExecutor`` over ``fork``. What each pool must get
right is the same, and was learnt the hard way:

- Ctrl-C or SIGTERM arriving while a worker is being forked stops it before it ignores Ctrl-C,
  leaves the pool broken and hangs the exit (measured: 60 s): :func:`stops_held` around the
  submit that forks, and :func:`worker_start` unblocks them once the worker ignores Ctrl-C;
- workers forked inside :func:`~gcm_report.collector.no_full_collections` would never run a full
  garbage collection: :func:`worker_start` restores the usual thresholds;
- on Ctrl-C the main process stops the workers at once (:func:`stop`), without cancelling the
  pending futures: Python 3.11's pool, seeing its workers stopped, then sets an exception on
  cancelled futures and prints ``InvalidStateError`` from its own thread.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from gcm_report.collector import usual_collections

STOPS = {signal.SIGINT, signal.SIGTERM}
"""The signals that stop a run (Ctrl-C, SIGTERM)."""


def fork_pool(workers: int, initializer: Callable[..., object] | None = None,
              initargs: tuple[object, ...] = ()) -> ProcessPoolExecutor:
    """A pool of ``workers`` forked processes; each runs :func:`worker_start`, then ``initializer``.

    They are forked at the first submit, which must be made inside :func:`stops_held`.
    """
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_start, initargs=(initializer, initargs))


def _start(initializer: Callable[..., object] | None, initargs: tuple[object, ...]) -> None:
    worker_start()
    if initializer is not None:
        initializer(*initargs)


@contextmanager
def stops_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait (blocked, not lost) while inside: submit the first job, which forks, here."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def worker_start() -> None:
    """A worker leaves Ctrl-C to the main process (which stops it: no traceback from each worker),
    dies on SIGTERM, and collects garbage as a fresh process does."""
    usual_collections()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)  # held by stops_held while forking


def stop(pool: ProcessPoolExecutor | None) -> None:
    """Stop the pool's workers now, whatever they are doing; the pending futures fail, nobody waits for them."""
    if pool is None:
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())  # None once shut down
    pool.shutdown(wait=False)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=5)
