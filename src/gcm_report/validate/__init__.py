"""Validation: files in, a :class:`ValidationReport` out (second stage of the pipeline)."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from gcm_report.load.discover import discover
from gcm_report.load.yaml_source import MAX_BYTES, Source, read
from gcm_report.schema.config import ReportConfig
from gcm_report.diagnostics import MAX_PROBLEMS, Diagnostic, localize, make
from gcm_report.validate.files import FileResult, capped, check_file, parse_mapping
from gcm_report.validate.locate import diagnose
from gcm_report.validate.report import Loaded, ValidationReport
from gcm_report.validate.rules import check_across

__all__ = ["ValidationReport", "Loaded", "load_config", "load_model", "validate_paths"]

PARALLEL_FROM = 64
"""Below this many files, starting worker processes costs more than it saves."""


def load_model(path: Path, name: str, model: type[BaseModel], max_bytes: int = MAX_BYTES
               ) -> tuple[Any, Any, Source, list[Diagnostic]]:
    """Read, parse and validate one file against a model: (object or None, tree, source, problems)."""
    source, problems = read(path, name, max_bytes)
    if problems:
        return None, None, source, problems
    tree, problems = parse_mapping(source)
    if problems:
        return None, tree, source, capped(problems, name)
    try:
        return model.model_validate(tree), tree, source, []
    except ValidationError as err:
        return None, tree, source, capped(diagnose(err, tree, source, model, limit=MAX_PROBLEMS), name)


def load_config(path: Path) -> tuple[ReportConfig | None, list[Diagnostic]]:
    """The report configuration, or the located problems that stop it from loading."""
    if not path.is_file():
        return None, [make("config-not-found", str(path), None, None, found=str(path))]
    config, _tree, _source, problems = load_model(path, str(path), ReportConfig)
    return config, problems


def _check_all(files: list[Any], config: ReportConfig | None, max_bytes: int, jobs: int | None) -> list[FileResult]:
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    work = partial(check_file, config=config, max_bytes=max_bytes)
    if jobs < 2 or len(files) < PARALLEL_FROM:
        return [work(found) for found in files]
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_start)
    try:
        results = list(pool.map(work, files, chunksize=max(1, len(files) // (jobs * 8))))
    except BaseException:  # Ctrl-C: stop the workers now rather than finish every file first
        workers = list(getattr(pool, "_processes", {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for worker in workers:
            worker.terminate()
        raise
    pool.shutdown()
    return results


def _worker_start() -> None:
    """Workers leave Ctrl-C to the main process (which stops them): no traceback from each worker."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def validate_paths(paths: list[Path], *, config: ReportConfig | None = None, strict: bool = False,
                   max_bytes: int = MAX_BYTES, lang: str = "en", jobs: int | None = None) -> ValidationReport:
    """Validate every submission under `paths`, each against the schema and all against each other.

    Files are checked in parallel on every core when there are many; the result
    does not depend on the order in which workers finish.
    """
    files, diagnostics, missing = discover(paths)
    results = _check_all(files, config, max_bytes, jobs)
    for result in results:
        diagnostics += result.diagnostics
    diagnostics += check_across(results)
    failed = {d.file for d in diagnostics if d.severity == "error"}
    loaded = [Loaded(r.name, r.submission, r.lines) for r in results
              if r.submission is not None and r.name not in failed]
    diagnostics.sort(key=Diagnostic.sort_key)
    return ValidationReport(strict=strict, files=len(files), diagnostics=[localize(d, lang) for d in diagnostics],
                            usage_error=missing, lang=lang, submissions=loaded, config=config)
