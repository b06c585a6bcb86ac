"""Validation: files in, a :class:`ValidationReport` out (second stage of the pipeline).

The parser and the schema's models are imported when a file must be checked, not before:
a run answered from the cache (validate/cache.py) never needs them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from gcm_report.load.discover import Found, discover
from gcm_report.load.read import MAX_BYTES

if TYPE_CHECKING:  # imported where used: `gcm-report validate` answered from the cache loads none of them
    from pydantic import BaseModel

    from gcm_report.diagnostics import Diagnostic
    from gcm_report.load.read import Source
    from gcm_report.validate.report import Loaded, ValidationReport
    from gcm_report.schema.config import ReportConfig
    from gcm_report.validate.files import FileResult

__all__ = ["ValidationReport", "Loaded", "load_config", "load_model", "validate_paths", "validate_with_config"]


def __getattr__(name: str) -> Any:
    """``ValidationReport`` and ``Loaded`` on first use (they need pydantic)."""
    if name in ("ValidationReport", "Loaded"):
        from gcm_report.validate import report

        return getattr(report, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_model(path: Path, name: str, model: type[BaseModel], max_bytes: int = MAX_BYTES
               ) -> tuple[Any, Any, Source, list[Diagnostic]]:
    """Read, parse and validate one file against a model: (object or None, tree, source, problems).

    The tree is None when the file was valid at first sight (read by libyaml, without positions).
    """
    from pydantic import ValidationError

    from gcm_report.diagnostics import MAX_PROBLEMS
    from gcm_report.load.fast import fast_load
    from gcm_report.load.read import read
    from gcm_report.validate.files import all_printable, capped, parse_mapping
    from gcm_report.validate.locate import diagnose

    source, problems = read(path, name, max_bytes)
    if problems:
        return None, None, source, problems
    quick = fast_load(source.text)  # libyaml first: a valid file needs no positions
    if isinstance(quick, dict) and all_printable(quick):
        try:
            return model.model_validate(quick), None, source, []
        except ValidationError:
            pass  # the round-trip path says where
    tree, problems = parse_mapping(source)
    if problems:
        return None, tree, source, capped(problems, name)
    try:
        return model.model_validate(tree), tree, source, []
    except ValidationError as err:
        return None, tree, source, capped(diagnose(err, tree, source, model, limit=MAX_PROBLEMS), name)


def load_config(path: Path) -> tuple[ReportConfig | None, list[Diagnostic]]:
    """The report configuration, or the located problems that stop it from loading."""
    from gcm_report.diagnostics import make
    from gcm_report.schema.config import ReportConfig

    if not path.is_file():
        return None, [make("config-not-found", str(path), None, None, found=str(path))]
    config, _tree, _source, problems = load_model(path, str(path), ReportConfig)
    return config, problems


def validate_paths(paths: list[Path], *, config: ReportConfig | None = None, strict: bool = False,
                   max_bytes: int = MAX_BYTES, lang: str = "en", jobs: int | None = None,
                   cache_dir: Path | None = None) -> ValidationReport:
    """Validate every submission under `paths`, each against the schema and all against each other.

    Files are checked in parallel on every core when there are many; the result
    does not depend on the order in which workers finish. With `cache_dir`, each file
    whose content was checked before (with the same tool and configuration) is taken
    from the cache, its submission rebuilt; the result is the same as without.
    """
    from gcm_report.validate.cache import check_files, open_store

    files, diagnostics, missing = discover(paths)
    results, _stable = check_files(files, config, max_bytes, jobs, open_store(cache_dir))
    return _report(files, diagnostics, missing, results, config, strict, lang)


def _report(files: list[Found], diagnostics: list[Diagnostic], missing: bool, results: list[FileResult],
            config: ReportConfig | None, strict: bool, lang: str) -> ValidationReport:
    from gcm_report.diagnostics import Diagnostic, localize
    from gcm_report.validate.report import Loaded, ValidationReport
    from gcm_report.validate.rules import check_across

    diagnostics = list(diagnostics)
    for result in results:
        diagnostics += result.diagnostics
    diagnostics += check_across(results)
    failed = {d.file for d in diagnostics if d.severity == "error"}
    loaded = [Loaded(r.name, r.submission, r.lines) for r in results
              if r.submission is not None and r.name not in failed]
    diagnostics.sort(key=Diagnostic.sort_key)
    return ValidationReport(strict=strict, files=len(files), diagnostics=[localize(d, lang) for d in diagnostics],
                            usage_error=missing, lang=lang, submissions=loaded, config=config)


def validate_with_config(paths: list[Path], config_path: Path, *, strict: bool = False, max_bytes: int = MAX_BYTES,
                         lang: str = "en", jobs: int | None = None, cache_dir: Path | None = None
                         ) -> ValidationReport:
    """What ``gcm-report validate`` reports: the configuration's problems (if it exists), then the files'.

    With `cache_dir`, a run over the same files (by name and content), configuration file and options
    as a run before is answered from one entry, without parsing anything; such a report has no
    submissions and no config (``validate`` only reports; ``build`` uses :func:`validate_paths`).
    """
    from gcm_report.diagnostics import localize
    from gcm_report.validate import cache

    files, found_problems, missing = discover(paths)
    store = cache.open_store(cache_dir)
    key = digests = None
    if store is not None:
        digests = [cache.file_digest(found, max_bytes) for found in files]
        key = cache.run_key_of(files, digests, [d.model_dump_json() for d in found_problems], missing, config_path,
                               strict, max_bytes, lang)
        report = cache.restore_run(store, key, strict, lang) if key is not None else None
        if report is not None:
            return report
    config, config_problems = load_config(config_path) if config_path.exists() else (None, [])
    results, stable = cache.check_files(files, config, max_bytes, jobs, store, digests)
    report = _report(files, found_problems, missing, results, config, strict, lang)
    if config_problems:
        report = report.model_copy(update={"diagnostics": [localize(d, lang) for d in config_problems]
                                           + report.diagnostics})
    if store is not None and key is not None and stable:
        store.put("runs", key, cache.run_entry(report))
    return report
