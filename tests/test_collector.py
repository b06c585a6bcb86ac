"""Full garbage collections are held back while a stage builds what it keeps, and only then."""

from __future__ import annotations

import gc
import multiprocessing

from gcm_report.collector import USUAL, no_full_collections, usual_collections


def _oldest_threshold_in_a_worker(queue: multiprocessing.Queue) -> None:
    usual_collections()
    queue.put(gc.get_threshold()[2])


def test_full_collections_wait_inside_and_the_thresholds_come_back_after_even_on_an_error() -> None:
    before = gc.get_threshold()
    try:
        with no_full_collections():
            assert gc.get_threshold()[:2] == before[:2] and gc.get_threshold()[2] >= 2**30
            raise KeyError("stage failed")
    except KeyError:
        pass
    assert gc.get_threshold() == before


def test_a_worker_forked_inside_collects_as_a_fresh_process_does() -> None:
    queue: multiprocessing.Queue = multiprocessing.get_context("fork").Queue()
    with no_full_collections():
        worker = multiprocessing.get_context("fork").Process(target=_oldest_threshold_in_a_worker, args=(queue,))
        worker.start()
        worker.join(30)
    assert queue.get(timeout=5) == USUAL[2]
