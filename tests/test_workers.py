"""Worker processes (gcm_report/workers.py): however a pool is used, its workers leave Ctrl-C to the main
process, die on SIGTERM and collect garbage as a fresh process does, even when forked while the main
process holds full collections back; stopped, they are gone."""

from __future__ import annotations

import gc
import signal
import time

from gcm_report import workers
from gcm_report.collector import USUAL, no_full_collections


def _state() -> tuple[int, bool, bool, bool]:
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, set())
    return (gc.get_threshold()[2], signal.getsignal(signal.SIGINT) == signal.SIG_IGN,
            signal.getsignal(signal.SIGTERM) == signal.SIG_DFL, bool(blocked & workers.STOPS))


def _sleep() -> None:
    time.sleep(60)


def test_a_worker_forked_inside_no_full_collections_with_stops_held_starts_as_it_should() -> None:
    pool = workers.fork_pool(1)
    with no_full_collections(), workers.stops_held():
        future = pool.submit(_state)
    oldest, ignores_ctrl_c, dies_on_sigterm, still_blocked = future.result(timeout=30)
    pool.shutdown()
    assert oldest == USUAL[2] and ignores_ctrl_c and dies_on_sigterm and not still_blocked


def test_the_initializer_runs_after_the_common_start(tmp_path) -> None:  # type: ignore[no-untyped-def]
    marker = tmp_path / "started"
    pool = workers.fork_pool(1, marker.write_text, ("yes",))
    with workers.stops_held():
        assert pool.submit(_state).result(timeout=30)[1]
    pool.shutdown()
    assert marker.read_text() == "yes"


def test_stopped_workers_are_gone_even_in_the_middle_of_a_job() -> None:
    pool = workers.fork_pool(2)
    with workers.stops_held():
        futures = [pool.submit(_sleep) for _ in range(3)]
    processes = list(pool._processes.values())  # noqa: SLF001
    workers.stop(pool)
    stop = time.monotonic() + 10  # the pool's own thread may be the one that reaps them
    while any(process.is_alive() for process in processes) and time.monotonic() < stop:
        time.sleep(0.02)
    assert processes and not any(process.is_alive() for process in processes)
    assert not any(future.done() and not future.exception() for future in futures)  # none finished its minute
    workers.stop(pool)  # twice: nothing left to stop
