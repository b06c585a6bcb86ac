"""``gcm-report validate`` run directly, for the command lines it reads, before typer is loaded.

``validate`` is what a pre-commit hook and a CI job run, often over files that have not changed:
its answer is then one cache entry away. Loading typer (which builds a pydantic validator for each
option of the command) costs more than that answer, and a quarter of a second on one file. So
:func:`parse` reads the common forms of the command line itself and :func:`execute` runs the command
(typer's ``validate`` calls the same function); anything unusual (an option it does not know, a
short-option cluster, ``--help``, a value typer would refuse) is left to typer, which then reads,
runs and reports it. An unchanged run is printed from its cache entry (:func:`answer`) without
loading pydantic either; a problem met while finding the files is left to the full run, which words
it. Tests compare the paths output for output, in every format.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gcm_report.validate.report import ValidationReport

DEFAULT_CACHE_DIR = Path(".gcm-report-cache")
"""Like .pytest_cache/ and .ruff_cache/: in the folder the command runs in, and ignored by git."""

_FLAGS = {"-q": "quiet", "--quiet": "quiet", "--strict": "strict", "--no-cache": "no_cache"}
_VALUED = {"-f": "format", "--format": "format", "-c": "config", "--config": "config", "--lang": "lang",
           "--max-bytes": "max_bytes", "--cache-dir": "cache_dir"}
FORMATS = ("text", "json", "github")


def cache_dir(option: Path | None, no_cache: bool, paths: list[Path]) -> Path | None:
    """The cache folder a command uses, or None for no cache.

    --no-cache wins; a folder given (--cache-dir, GCM_REPORT_CACHE_DIR) is used as given. The default,
    in the current folder, is not used when the current folder is one of the folders being checked
    (or inside one): validating never writes among the submissions.
    """
    if no_cache:
        return None
    if option is not None and str(option):
        return option
    here = Path.cwd().resolve()
    for path in paths:
        try:
            if path.is_dir() and here.is_relative_to(path.resolve()):
                return None
        except (OSError, RuntimeError):  # a link that loops: no guessing, no cache
            return None
    return DEFAULT_CACHE_DIR


@dataclass
class Request:
    """What ``validate`` was asked, when the command line is one of the forms read here."""

    paths: list[Path] = field(default_factory=list)
    format: str = "text"
    config: Path = Path("report.yaml")
    lang: str | None = None
    max_bytes: int = 5 * 1024 * 1024
    cache_dir: Path | None = None
    quiet: bool = False
    strict: bool = False
    no_cache: bool = False


def parse(args: list[str], environ: dict[str, str]) -> Request | None:
    """The request in `args` (after ``validate``), or None if it is not plainly one (typer then reads it)."""
    request = Request()
    values: dict[str, str] = {}
    options = True
    rest = iter(args)
    for arg in rest:
        if options and arg == "--":
            options = False
        elif options and arg in _FLAGS:
            setattr(request, _FLAGS[arg], True)
        elif options and arg.split("=", 1)[0] in _VALUED and (arg.startswith("--") or "=" not in arg):
            name, has_value, value = arg.partition("=")
            if not has_value:
                value = next(rest, None)  # type: ignore[assignment]
                if value is None:
                    return None
            values[_VALUED[name]] = value
        elif options and arg.startswith("-") and arg != "-":
            return None
        else:
            request.paths.append(Path(arg))
    if "cache_dir" not in values and environ.get("GCM_REPORT_CACHE_DIR"):
        values["cache_dir"] = environ["GCM_REPORT_CACHE_DIR"]
    try:
        request.max_bytes = int(values.get("max_bytes", request.max_bytes))
    except ValueError:
        return None
    if request.max_bytes < 1 or values.get("format", "text") not in FORMATS:
        return None
    request.format = values.get("format", "text")
    request.config = Path(values.get("config", "report.yaml"))
    request.lang = values.get("lang")
    request.cache_dir = Path(values["cache_dir"]) if "cache_dir" in values else None
    return request


def execute(request: Request) -> int:
    """Run ``validate`` as requested, print its report and return the exit code (0, 1 or 2)."""
    targets = request.paths or [Path("submissions")]
    store = cache_dir(request.cache_dir, request.no_cache, targets)
    answered = answer(request, targets, store) if store is not None else None
    if answered is not None:
        return answered
    from gcm_report.languages import message_language
    from gcm_report.validate import validate_with_config

    report = validate_with_config(targets, request.config, strict=request.strict, max_bytes=request.max_bytes,
                                  lang=message_language(request.lang, dict(os.environ)), cache_dir=store)
    if request.format == "json":
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
    else:
        _print_for_people(report, request)
    return report.exit_code


def answer(request: Request, targets: list[Path], folder: Path) -> int | None:
    """Print the stored report of an unchanged run and return its exit code; None if there is none."""
    from gcm_report.languages import message_language
    from gcm_report.load.discover import discover
    from gcm_report.validate.cache import file_digest, open_store, replay, run_key_of

    store = open_store(folder)
    files, problems, missing = discover(targets)
    if store is None or problems:
        return None
    lang = message_language(request.lang, dict(os.environ))
    digests = [file_digest(found, request.max_bytes) for found in files]
    key = run_key_of(files, digests, [], missing, request.config, request.strict, request.max_bytes, lang)
    stored = replay(store, key) if key is not None else None
    if stored is None:
        return None
    return _print(stored, request)


def _print(stored: str, request: Request) -> int | None:
    """Print a stored report in the requested format, as the full command would."""
    import json

    try:
        report = Replayed.from_json(json.loads(stored))
    except (ValueError, TypeError, KeyError, RecursionError):
        return None
    if request.format == "json":
        sys.stdout.write(stored + "\n")
    else:
        _print_for_people(report, request)  # type: ignore[arg-type]
    return report.exit_code


def _print_for_people(report: ValidationReport, request: Request) -> None:
    """The text (compiler-style) or GitHub (annotations) output of a report, full or replayed."""
    from gcm_report.cli import output

    if request.format == "github":
        text = output.github(report)
        if text:
            sys.stdout.write(text + "\n")
    elif _plain_stdout():
        sys.stdout.write(output.plain(report, quiet=request.quiet))
    else:
        from rich.console import Console

        output.text(report, Console(highlight=False), quiet=request.quiet)


def _plain_stdout() -> bool:
    """True where rich would print without colour: into a pipe or file (a pre-commit hook, CI), unless forced.

    Printing those lines directly spares the pre-commit case rich's import (about 50 ms).
    """
    if any(os.environ.get(name) for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")):
        return False
    try:
        return not sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


@dataclass(frozen=True)
class ReplayedDiagnostic:
    """A diagnostic as read back from a report's JSON: the attributes the outputs print."""

    code: str
    severity: str
    file: str | None
    line: int | None
    column: int | None
    message: str
    hint: str | None
    source_line: str | None

    @property
    def location(self) -> str:
        from gcm_report.places import location

        return location(self.file, self.line, self.column)


@dataclass(frozen=True)
class Replayed:
    """A validation report as read back from its JSON, for the text and GitHub outputs."""

    files: int
    strict: bool
    valid: bool
    usage_error: bool
    counts: dict[str, int]
    diagnostics: list[ReplayedDiagnostic]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Replayed:
        diagnostics = [ReplayedDiagnostic(**{k: d[k] for k in ReplayedDiagnostic.__dataclass_fields__})
                       for d in data["diagnostics"]]
        return cls(files=int(data["files"]), strict=bool(data["strict"]), valid=bool(data["valid"]),
                   usage_error=bool(data["usage_error"]), counts=dict(data["counts"]), diagnostics=diagnostics)

    @property
    def exit_code(self) -> int:
        if self.usage_error:
            return 2
        return 0 if self.valid else 1
