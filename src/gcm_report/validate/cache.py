"""The validation cache: a result is kept under the hash of what produced it, and never trusted otherwise.

Validating a thousand files takes seconds; a second run over the same files must not
(a pre-commit hook, a CI job restoring its caches, a focal point fixing one file of many).
Two levels, both in a folder the user may delete at any time (``.gcm-report-cache/``):

- a file entry: the content hash of one file (with the tool's fingerprint, the configuration and the
  size limit) gives that file's diagnostics and the data of its submission, so a change to one file
  re-parses that file only; the cross-file rules then run over every file's rebuilt model;
- a run entry: the hash of every file's name and content, the configuration file and every option
  gives the finished report of ``gcm-report validate``, so an unchanged run reads the files, hashes
  them, reads one entry and prints.

Entries are JSON (never pickle: a cache restored from a CI cache is not trusted to run code) and are
checked as they are read; a truncated or corrupt entry is a miss. Each is written to a temporary file
and renamed into place, so a killed run or two runs at once never leave half an entry. A cache that
cannot be written (a read-only folder, a full disk) is no cache: validation never fails because of it.
Every key includes a fingerprint of the tool (its version, Python's and pydantic's, and the package's
own code and data that validation depends on), so an upgraded or edited tool never reads old results.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gcm_report.diagnostics import Diagnostic
    from gcm_report.load.discover import Found
    from gcm_report.schema.config import ReportConfig
    from gcm_report.validate.files import FileResult
    from gcm_report.validate.report import ValidationReport

FORMAT = 1
"""Layout of the entries; a change of layout starts a new sub-folder (``v2``), old entries unread."""

TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
       "# This file is a cache directory tag created by gcm-report.\n"
       "# For information about cache directory tags, see https://bford.info/cachedir/\n")
GITIGNORE = "# Created by gcm-report automatically: a cache, never to be committed.\n*\n"

WATCHED = ("schema", "validate", "load", "diagnostics.py", "messages", "reference/__init__.py", "reference/data")
"""The package's files whose change changes a validation result (relative to the package folder)."""


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


@cache
def fingerprint() -> str:
    """What validated: the tool's and its libraries' versions, and the package's own code and data.

    Hashing some thirty small files takes about a millisecond; their dates are not used, as a
    checkout or a restored CI cache changes dates but not content.
    """
    import gcm_report

    package = Path(gcm_report.__file__).parent
    h = hashlib.sha256()
    # pydantic's version.py names its version and the pydantic-core it requires; read, not imported,
    # so that a run answered from the cache never loads pydantic
    for part in (gcm_report.__version__, sys.version, _module_text("pydantic", "version.py"),
                 _module_text("pydantic_core"), _module_text("ruamel.yaml"), _module_text("pycountry"), str(FORMAT)):
        h.update(part.encode("utf-8", "replace") + b"\x00")
    for path in _watched_files(package):
        h.update(path.relative_to(package).as_posix().encode() + b"\x00")
        h.update(path.read_bytes() + b"\x00")
    return h.hexdigest()


def _module_text(name: str, file: str = "") -> str:
    """The version a library says it is, without importing it: the text of its ``__init__`` (or of
    `file` beside it), or its name if it cannot be found."""
    from importlib.util import find_spec

    try:
        spec = find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin and file:
            origin = str(Path(origin).with_name(file))
        return Path(origin).read_text(encoding="utf-8", errors="replace") if origin else name
    except (ImportError, OSError, ValueError):
        return name


def _watched_files(package: Path) -> list[Path]:
    files: list[Path] = []
    for name in WATCHED:
        path = package / name
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files += [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                      and p.suffix not in (".pyc", ".pyo")]
    return sorted(files)


class Store:
    """A cache folder: entries read and written as JSON by key, every failure to write ignored."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.base = root / f"v{FORMAT}"
        self.writable = True
        self._prepared = False

    def _path(self, kind: str, key: str) -> Path:
        return self.base / kind / key[:2] / f"{key}.json"

    def raw(self, kind: str, key: str) -> bytes | None:
        """The bytes of the entry stored under `key`, or None."""
        try:
            return self._path(kind, key).read_bytes()
        except OSError:
            return None

    def get(self, kind: str, key: str) -> dict[str, Any] | None:
        """The entry stored under `key`, or None (absent, unreadable, truncated, not ours)."""
        raw = self.raw(kind, key)
        try:
            entry = json.loads(raw) if raw is not None else None
        except (ValueError, RecursionError):
            return None
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        return entry

    def put(self, kind: str, key: str, entry: dict[str, Any]) -> None:
        """Store an entry atomically; a folder that cannot be written just means no cache."""
        if not self.writable:
            return
        try:
            self._prepare()
            path = self._path(kind, key)
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(path, json.dumps({"key": key, **entry}).encode("ascii"))
        except (OSError, ValueError, TypeError, RecursionError):
            self.writable = False  # stop trying: one failure is enough to know

    def _prepare(self) -> None:
        """The folder, marked as a cache for backup tools (CACHEDIR.TAG) and for git (.gitignore).

        The marks go only into a folder made here: ``--cache-dir .`` must not put a ``.gitignore`` of
        ``*`` into someone's repository.
        """
        if self._prepared:
            return
        try:
            self.root.mkdir(parents=True)
        except FileExistsError:
            pass
        else:
            for name, text in (("CACHEDIR.TAG", TAG), (".gitignore", GITIGNORE)):
                _write_atomic(self.root / name, text.encode("ascii"))
        self.base.mkdir(parents=True, exist_ok=True)
        self._prepared = True


def _write_atomic(path: Path, data: bytes) -> None:
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def config_key(config: ReportConfig | None) -> str:
    """What of the configuration a file's result depends on: all of it, as validated."""
    return "none" if config is None else _hash(config.model_dump_json())


def file_key(digest: str, config: str, max_bytes: int) -> str:
    return _hash(fingerprint(), "file", config, str(max_bytes), digest)


def run_key(parts: Iterable[str]) -> str:
    return _hash(fingerprint(), "run", *parts)


def run_key_of(files: list[Found], digests: list[str | None], found_problems: list[str], missing: bool,
               config_path: Path, strict: bool, max_bytes: int, lang: str) -> str | None:
    """Everything a run's report depends on, hashed; None if some file cannot be known by its content.

    `found_problems` are the problems met while finding the files, as JSON. Needs no pydantic, so that
    ``gcm-report validate`` can look for its answer before it loads anything (cli/direct.py).
    """
    from gcm_report.load.read import MAX_BYTES, digest, read_bytes

    if any(d is None for d in digests):
        return None
    if config_path.exists():
        try:
            data, _size = read_bytes(config_path, MAX_BYTES)
        except (OSError, ValueError):
            return None
        if data is None:
            return None
        configured = digest(data)
    else:
        configured = "none"
    names = [f"{found.name}\x01{d}" for found, d in zip(files, digests, strict=True)]
    return run_key([str(config_path), configured, str(strict), str(max_bytes), lang, str(missing),
                    *found_problems, "\x02", *names])


# ---------------------------------------------------------------------------- file entries


def file_entry(result: FileResult) -> dict[str, Any] | None:
    """What to keep of one file's result, or None if its submission would not come back the same.

    The submission is kept as the data it was validated from; it is rebuilt by validating that data
    again, and kept only if that gives an equal model (checked here, once, when it is stored).
    """
    from gcm_report.schema.submission import Submission

    data = None
    if result.submission is not None:
        try:
            data = json.loads(json.dumps(result.data))
            if data is None or Submission.model_validate(data) != result.submission:
                return None
        except Exception:  # noqa: BLE001 - whatever the reason, such a file is simply not cached
            return None
    return {"name": result.name, "diagnostics": [d.model_dump(mode="json") for d in result.diagnostics],
            "data": data, "lines": result.lines, "submitter_source": result.submitter_source}


@cache
def _adapters() -> tuple[Any, Any]:
    """Validators of a file entry's diagnostics and lines, built once (a millisecond each)."""
    from pydantic import TypeAdapter

    from gcm_report.diagnostics import Diagnostic

    return TypeAdapter(list[Diagnostic]), TypeAdapter(dict[str, int])


def restore(entry: dict[str, Any], name: str, digest: str) -> FileResult | None:
    """A file's result from its entry, under the file's current name; None if the entry is not sound."""
    from pydantic import ValidationError

    from gcm_report.schema.submission import Submission
    from gcm_report.validate.files import FileResult

    diagnostics_of, lines_of = _adapters()
    try:
        diagnostics = diagnostics_of.validate_python(entry["diagnostics"])
        lines = lines_of.validate_python(entry["lines"])
        source = entry["submitter_source"]
        old = entry["name"]
        if not isinstance(old, str) or not (source is None or isinstance(source, str)):
            return None
        if old != name:  # the same content under another name: the diagnostics must say the new one
            if any(old in " ".join([d.message, d.hint or "", *d.details.values()]) for d in diagnostics):
                return None
            diagnostics = [d.model_copy(update={"file": name}) if d.file == old else d for d in diagnostics]
        data = entry["data"]
        submission = Submission.model_validate(data) if data is not None else None
    except (KeyError, TypeError, ValueError, ValidationError, RecursionError):
        return None
    return FileResult(name, diagnostics, submission, lines, source, digest)


def check_files(files: list[Found], config: ReportConfig | None, max_bytes: int, jobs: int | None,
                store: Store | None, digests: list[str | None] | None = None) -> tuple[list[FileResult], bool]:
    """Every file's result, from the cache where it has it, checked (and then stored) where not.

    Returns the results in file order and whether every file checked had the content that was hashed
    beforehand in `digests` (False if one changed meanwhile: a run entry must then not be stored).
    """
    from functools import partial

    from gcm_report.validate.files import check_file
    from gcm_report.validate.parallel import check_all

    work = partial(check_file, config=config, max_bytes=max_bytes, keep_data=store is not None)
    if store is None:
        return check_all(work, files, jobs), True
    digests = digests if digests is not None else [file_digest(found, max_bytes) for found in files]
    configured = config_key(config)
    results: list[FileResult | None] = []
    for found, digest in zip(files, digests, strict=True):
        entry = store.get("files", file_key(digest, configured, max_bytes)) if digest else None
        results.append(restore(entry, found.name, digest) if entry is not None and digest else None)
    missing = [i for i, result in enumerate(results) if result is None]
    stable = True
    for i, result in zip(missing, check_all(work, [files[i] for i in missing], jobs), strict=True):
        results[i] = result
        stable = stable and result.digest == digests[i]
        if result.digest is not None:
            entry = file_entry(result)
            if entry is not None:
                store.put("files", file_key(result.digest, configured, max_bytes), entry)
        result.data = None
    return [r for r in results if r is not None], stable


def file_digest(found: Found, max_bytes: int) -> str | None:
    """The content hash of a file as validation would read it, or None (not a readable regular file)."""
    from gcm_report.load.read import digest, read_bytes

    try:
        data, _size = read_bytes(found.path, max_bytes)
    except (OSError, ValueError):
        return None
    return digest(data) if data is not None else None


# ---------------------------------------------------------------------------- run entries


def run_entry(report: ValidationReport) -> dict[str, Any]:
    """The report, and its JSON output as printed (so that a replay needs no pydantic to print it)."""
    return {"files": report.files, "usage_error": report.usage_error,
            "diagnostics": [d.model_dump(mode="json") for d in report.diagnostics],
            "json": report.model_dump_json(indent=2)}


def replay(store: Store, key: str) -> str | None:
    """The JSON report stored for an unchanged run, as ``validate --format json`` printed it, or None."""
    entry = store.get("runs", key)
    text = entry.get("json") if entry is not None else None
    return text if isinstance(text, str) else None


def restore_run(store: Store, key: str, strict: bool, lang: str) -> ValidationReport | None:
    """The report of an unchanged run (without submissions: `validate` only reports), or None.

    The entry is parsed and checked in one pass (pydantic's JSON reader): a report of ten thousand
    diagnostics comes back in a few milliseconds.
    """
    from pydantic import BaseModel, ValidationError

    from gcm_report.diagnostics import Diagnostic
    from gcm_report.validate.report import ValidationReport

    class RunEntry(BaseModel):
        key: str
        files: int
        usage_error: bool
        diagnostics: list[Diagnostic]

    raw = store.raw("runs", key)
    if raw is None:
        return None
    try:
        entry = RunEntry.model_validate_json(raw)
    except (ValidationError, ValueError, RecursionError):
        return None
    if entry.key != key:
        return None
    return ValidationReport.model_construct(strict=strict, lang=lang, files=entry.files, usage_error=entry.usage_error,
                                            diagnostics=entry.diagnostics, submissions=[], config=None)


def open_store(cache_dir: Path | None) -> Store | None:
    return Store(cache_dir) if cache_dir is not None else None
