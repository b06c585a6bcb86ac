"""Python's garbage collector held back from full collections while a stage builds what it keeps.

Validation's result collection, aggregation, rendering and printing each create millions of objects
that stay alive until the stage's output is written. The collector's full collections walk all of them
again and again and free nothing: measured at 5,000 submissions, aggregation took 17 s with them and
6.5 s without; on the 1,000-submission compendium, 138 s of 782 s of printing.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_full_collections() -> Iterator[None]:
    """While inside, the garbage collector runs its young generations only, never a full collection.

    Young collections go on (what a stage throws away in cycles is still freed); what reached the
    oldest generation waits for the first full collection after this (the usual thresholds are
    restored on leaving). The permanent generation (``gc.freeze``, used before forking workers) is
    not touched. No output depends on when the collector runs. A process forked inside inherits the
    setting: workers that should collect as usual call :func:`usual_collections` first.
    """
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, 2**30)
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)


USUAL = gc.get_threshold()
"""The thresholds at start-up (CPython's defaults unless PYTHON* settings changed them)."""


def usual_collections() -> None:
    """Collect as a fresh process would (in a worker forked inside :func:`no_full_collections`)."""
    gc.set_threshold(*USUAL)
