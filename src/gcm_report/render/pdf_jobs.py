"""Several PDFs at once: one per language (and any other document), on every core, each only once.

A build prints one PDF per language, each taking seconds of WeasyPrint layout on one core.
:func:`render_pdfs`

- uses again a PDF whose inputs have not changed since the last build into the same folder
  (:mod:`gcm_report.render.pdf_cache`): no WeasyPrint at all when nothing changed;
- prints the others in worker processes, forked from this one after WeasyPrint has been
  imported here (about 0.5 s, paid once rather than per worker), so the languages are laid
  out in parallel. Workers are limited by the cores and by the memory available: a job is
  started only when what it needs (:func:`memory_needed`, from its HTML's length: about 300
  bytes a byte, 5 GB for the 2,599-page compendium) fits beside the jobs already running in what
  /proc/meminfo called available at the start; a job that fits nowhere runs alone. One PDF, or
  one worker, is printed in this process, as :func:`gcm_report.render.pdf.render_pdf` always did;
- takes its jobs lazily: the build can lay out the next language's HTML while the first
  PDF is being printed;
- can be handed workers started before the documents exist (:func:`start_workers`): the build
  forks them first thing, and each imports WeasyPrint and reads the fonts' coverage (about 1 s)
  on its own core while the build validates, aggregates and lays out the HTML;
- returns the same bytes as printing the jobs one after the other (each worker runs the
  same :func:`~gcm_report.render.pdf.render_pdf`, which is deterministic), in the jobs'
  order, plus the new manifest;
- stops at the first :class:`~gcm_report.render.fonts.PdfError` and raises it here, the
  same class with the same message (never a worker's traceback); on Ctrl-C the workers,
  which ignore SIGINT, are terminated at once and the interrupt goes on.

Each job's :class:`~gcm_report.render.pdf.RenderStats` (``reused`` when it was not
printed) is in :data:`last_stats`, and ``render.pdf.last_stats`` is the last job's, as when
the PDFs were printed one by one.
"""

from __future__ import annotations

import datetime
import gc
import os
from collections.abc import Callable, Iterable, Sized
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from gcm_report import workers as processes
from gcm_report.render import pdf, pdf_cache
from gcm_report.render.fonts import PdfError
from gcm_report.render.pdf import RenderStats

__all__ = ["MANIFEST", "PdfJob", "Workers", "last_stats", "render_pdfs", "start_workers"]

MANIFEST = pdf_cache.MANIFEST

MEMORY_PER_WORKER = 400 * 2**20
"""What one worker needs before its document's share (a Chinese draft: about 300 MB resident in all)."""

MEMORY_PER_HTML_BYTE = 300
"""What WeasyPrint keeps per character of HTML until the PDF is written (measured: about 5 GB for the
17 MB of HTML of the 1,000-submission compendium, 2,599 pages)."""


@dataclass(frozen=True)
class PdfJob:
    """One PDF to print: the output file's name and :func:`~gcm_report.render.pdf.render_pdf`'s arguments."""

    name: str
    html: str
    lang: str
    theme_dir: Path
    title: str
    author: str
    subject: str
    date: datetime.date
    variant: str = "pdf/ua-1"


@dataclass
class Workers:
    """PDF worker processes, forked and warming up, waiting for :func:`render_pdfs` to give them jobs."""

    pool: ProcessPoolExecutor
    count: int

    def close(self) -> None:
        """Stop them without waiting for a job or a warm-up to end (a build that prints nothing)."""
        processes.stop(self.pool)


def start_workers(jobs: int, workers: int | None = None) -> Workers | None:
    """Fork the workers for ``jobs`` PDFs now, before their HTML exists; None where that gains nothing.

    Measured on the example draft (zh and en, 2 cores, alternating runs): WeasyPrint's import and the fonts'
    coverage came before the first PDF could start; forked first, the workers do it while this process
    validates and aggregates: median 7.75 s -> 7.45 s (8 runs each), 7.7 s -> 6.9 s (5 runs each). When
    every PDF is used again (nothing changed) their imports only compete with the build for the cores:
    1.5 s -> 2.4 s; so the build starts them early only when no PDF can be used again (pipeline.py), and
    workers that get no job are stopped without waiting for their imports to end. Unlike workers forked
    by :func:`render_pdfs`, these do not inherit WeasyPrint: each imports it (in parallel), and this
    process never needs it. With one core, or a stand-in ``render_pdf``, nothing is started and
    :func:`render_pdfs` works as without.
    """
    cores = _cores()
    if not _ours() or cores < 2 or jobs < 1:
        return None
    count = _workers(workers, jobs)
    pool = processes.fork_pool(count, _worker_start, (True,))
    with processes.stops_held():
        pool.submit(_ready)  # forks them
    return Workers(pool, count)


def _ready() -> None:
    """The first job of early workers: its submission forks them (ProcessPoolExecutor forks on demand)."""


def memory_needed(job: PdfJob) -> int:
    """Bytes of memory a worker printing ``job`` may reach: its base, and its document's share."""
    return MEMORY_PER_WORKER + MEMORY_PER_HTML_BYTE * len(job.html)


last_stats: dict[str, RenderStats] = {}
"""What the last :func:`render_pdfs` did, by output name (in the jobs' order)."""


def render_pdfs(jobs: Iterable[PdfJob], *, workers: int | None = None, previous: Path | None = None,
                on_done: Callable[[str], None] | None = None, started: Workers | None = None
                ) -> dict[str, bytes]:
    """Print every job's PDF; returns output name -> bytes in the jobs' order.

    ``previous``: the output folder of the last build; its PDFs are used again where their
    inputs are unchanged and their bytes intact, and the result then also holds the new
    manifest (:data:`MANIFEST`), to be committed with the PDFs. ``workers``: at most this many
    processes (default: the cores, within the memory available). ``on_done(name)`` is called
    here, in this process, as each PDF is ready (used again or printed), for a progress display.
    ``started``: workers from :func:`start_workers`, used (and stopped at the end) instead of new ones.
    """
    global last_stats
    manifest = pdf_cache.read_manifest(previous)
    names: list[str] = []
    keys: dict[str, str] = {}
    results: dict[str, bytes] = {}
    stats: dict[str, RenderStats] = {}
    pending: dict[Future, str] = {}
    needs: dict[Future, int] = {}
    pool: ProcessPoolExecutor | None = started.pool if started is not None else None
    if started is not None:
        limit = started.count
    else:
        limit = _workers(workers, len(jobs) if isinstance(jobs, Sized) else None) if _ours() else 1
    budget = _available_memory()

    def finished(name: str, data: bytes, stat: RenderStats) -> None:
        results[name], stats[name] = data, stat
        if on_done is not None:
            on_done(name)

    def collect(block: bool) -> None:
        done, _ = wait(list(pending), timeout=None if block else 0, return_when=FIRST_COMPLETED)
        for future in sorted(done, key=lambda f: names.index(pending[f])):
            pending.pop(future)
            needs.pop(future, None)
            finished(*_outcome(future))

    def make_room(need: int) -> None:
        """Wait for running jobs to end until ``need`` fits beside the others (or none is left)."""
        while pending and budget is not None and sum(needs.values()) + need > budget:
            collect(block=True)

    try:
        for job in jobs:
            if job.name in names:
                raise ValueError(f"two PDF jobs named {job.name!r}")
            names.append(job.name)
            if previous is not None:
                keys[job.name] = key = pdf_cache.input_key(job)
                data = pdf_cache.reusable(previous, job.name, key, manifest)
                if data is not None:
                    finished(job.name, data, RenderStats(lang=job.lang, size=len(data), reused=True))
                    continue
            if limit <= 1 and pool is None:
                finished(*_render_one(job))
                continue
            need = memory_needed(job)
            make_room(need)
            if pool is None:
                pool = _pool(limit)
                gc.freeze()  # the workers fork at the first submit: their GC then leaves our objects
                try:         # (shared, not copied page by page) alone
                    with processes.stops_held():
                        future = pool.submit(_render_one, job)
                finally:
                    gc.unfreeze()
            else:
                future = pool.submit(_render_one, job)
            pending[future], needs[future] = job.name, need
            collect(block=False)
        while pending:
            collect(block=True)
    except BaseException:  # an error, or Ctrl-C: stop the workers now rather than let them finish
        processes.stop(pool)
        raise
    if started is not None:
        started.close()  # idle, or (every PDF used again) still importing WeasyPrint: no need to wait
    elif pool is not None:
        pool.shutdown()
    last_stats = {name: stats[name] for name in names}
    if names:
        pdf.last_stats = last_stats[names[-1]]
    out = {name: results[name] for name in names}
    if previous is not None and names:
        out[MANIFEST] = pdf_cache.manifest_bytes(manifest, keys, out)
    return out


def _render_one(job: PdfJob) -> tuple[str, bytes, RenderStats]:
    """One PDF (in a worker, or here): the same call the build made before it printed in parallel."""
    data = pdf.render_pdf(job.html, lang=job.lang, theme_dir=job.theme_dir, title=job.title, author=job.author,
                          subject=job.subject, date=job.date, variant=job.variant)
    return job.name, data, pdf.last_stats


def _ours() -> bool:
    """Whether ``render_pdf`` is this package's own: a stand-in (a test's fake, a plugin) is called
    in this process, where what it records or changes stays visible."""
    return getattr(pdf.render_pdf, "__module__", None) == pdf.__name__


def _outcome(future: Future) -> tuple[str, bytes, RenderStats]:
    try:
        return future.result()
    except BrokenProcessPool as error:
        raise PdfError("a PDF worker process stopped without a result (out of memory?); "
                       "try again with fewer languages at a time") from error


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _workers(requested: int | None, jobs: int | None) -> int:
    """Cores, capped by the jobs and by the memory available (at least 1)."""
    count = requested if requested is not None else _cores()
    if jobs is not None:
        count = min(count, jobs)
    available = _available_memory()
    if available is not None:
        count = min(count, max(1, available // MEMORY_PER_WORKER))
    return max(1, count)


def _available_memory() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _pool(workers: int) -> ProcessPoolExecutor:
    """Workers forked after WeasyPrint is imported here: each starts with it loaded."""
    import weasyprint  # noqa: F401  (imported once, inherited by the forked workers)

    return processes.fork_pool(workers, _worker_start)


def _worker_start(early: bool = False) -> None:
    """What a PDF worker does after :func:`gcm_report.workers.worker_start` (Ctrl-C, SIGTERM, collections).

    It writes (WeasyPrint's warnings, through logging) to the real stderr, not to the stream a
    progress bar may have put in its place: that stream's lock may have been held by the bar's
    thread when this process was forked, and no thread is left here to release it. ``early``
    workers (:func:`start_workers`) import WeasyPrint themselves.
    """
    import sys

    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    if early:
        try:
            import weasyprint  # noqa: F401
        except Exception:  # noqa: BLE001 (render_pdf meets the same error and reports it)
            pass
    _warm_up()


def _warm_up() -> None:
    """What every print needs first, done while a worker waits for its job (the second language's
    worker waits for its HTML): the fonts' coverage, which render_pdf checks (fc-list, parsed once
    per process, about 0.2 s). Errors are left to render_pdf, which reports them."""
    from gcm_report.render import fonts

    try:
        if fonts.fc_list_available():
            fonts.uncovered("")
    except Exception:  # noqa: BLE001 (render_pdf meets the same error and reports it)
        return
