"""Atomic file writes: a reader sees the old file or the new one, never half of one.

Each output goes to a temporary name in the same folder, is flushed to disk, and is
renamed over the old file (rename is atomic on POSIX within one file system). A
build that fails or is killed leaves the previous draft intact.

:func:`commit` does this for all the outputs of a build at once, as one change:

1. The output folder is locked (``flock`` on the folder itself, so no lock file is left
   behind), so two builds into one folder take turns instead of mixing their files; the
   lock goes with the process, even one killed with SIGKILL.
2. Every output is written to a temporary file (``.NAME.XXXXXXXX.gcm-report-tmp``) and
   flushed to disk. If any of them fails (a full disk, a read-only folder) or the build is
   interrupted, the temporary files are removed and nothing else has changed.
3. A journal (``.gcm-report-commit``) naming the renames to do is written, flushed, and
   renamed into place: this is the moment the new draft is committed.
4. The temporary files are renamed over the outputs, and the journal is removed. From the
   commit point to here SIGINT, SIGTERM and SIGHUP are held (a few microseconds), so Ctrl-C
   cannot leave the draft half-renamed: it takes effect once the new draft is in place.

A build killed between 3 and 4 leaves each output whole (old or new) and the journal;
the next build that writes into, or reads from, the folder finishes the renames first
(:func:`recover`), and removes any temporary file a killed build left behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no locking, renames stay atomic
    fcntl = None  # type: ignore[assignment]

JOURNAL = ".gcm-report-commit"
TEMP_SUFFIX = ".gcm-report-tmp"
_HELD = tuple(s for s in (getattr(signal, n, None) for n in ("SIGINT", "SIGTERM", "SIGHUP")) if s is not None)


class WriteError(RuntimeError):
    """An output could not be written; the message says which and why, and what was left as it was."""


def write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically; the folder is created if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text(path: Path, text: str) -> None:
    """Atomic write of UTF-8 text with Unix line ends, whatever the platform."""
    write_bytes(path, text.encode("utf-8"))


def commit(outputs: Mapping[Path, bytes]) -> None:
    """Replace every output at once (all in one folder): all of them, or, on an error, none.

    Raises :class:`WriteError` when the folder cannot be created or a file cannot be written
    (the previous outputs are then unchanged and no temporary file is left).
    """
    if not outputs:
        return
    folders = {path.parent for path in outputs}
    if len(folders) != 1:
        raise ValueError(f"outputs in several folders: {sorted(map(str, folders))}")
    (folder,) = folders
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteError(f"cannot create the output folder {folder}: {_why(error)}") from error
    if not folder.is_dir():
        raise WriteError(f"cannot write into {folder}: it is not a folder")
    with locked(folder):
        _recover(folder)
        for path in outputs:
            if path.is_dir() and not path.is_symlink():
                raise WriteError(f"cannot write {path}: a folder has that name; nothing was written")
        temps: dict[Path, Path] = {}
        journal: Path | None = None
        try:
            for path, data in outputs.items():
                temps[path] = _write_temp(folder, path.name, data)
            renames = sorted((tmp.name, path.name) for path, tmp in temps.items())
            journal = _write_temp(folder, JOURNAL, json.dumps(renames).encode("utf-8"))
        except BaseException as error:
            _remove([*temps.values(), *([journal] if journal else [])])
            if isinstance(error, OSError):
                where = getattr(error, "filename", None) or folder
                raise WriteError(f"cannot write into {where}: {_why(error)}; nothing was replaced, the "
                                 f"previous outputs are as they were") from error
            raise
        with _signals_held():  # from the commit point to the last rename, Ctrl-C waits
            try:
                os.replace(journal, folder / JOURNAL)  # the commit point
            except OSError as error:
                _remove([*temps.values(), journal])
                raise WriteError(f"cannot write into {folder}: {_why(error)}; nothing was replaced, the "
                                 f"previous outputs are as they were") from error
            _fsync_folder(folder)
            try:
                _apply(folder)
            except OSError as error:
                raise WriteError(f"cannot finish writing into {folder}: {_why(error)}; some outputs are new "
                                 f"and some old, each whole (the next build tries again)") from error


def _remove(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def recover(folder: Path) -> None:
    """Finish a commit that a killed build left half done, and remove its temporary files.

    Cheap when there is nothing to do; takes the folder's lock otherwise. Errors are left
    for the next write to report.
    """
    try:
        if not folder.is_dir() or not any(_leftover(entry.name) for entry in os.scandir(folder)):
            return
        with locked(folder):
            _recover(folder)
    except OSError:
        return


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the folder's lock (exclusive, waits for another build writing there)."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as error:
        raise WriteError(f"cannot open the output folder {folder}: {_why(error)}") from error
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _why(error: OSError) -> str:
    return error.strerror or str(error)


def _leftover(name: str) -> bool:
    return name == JOURNAL or name.endswith(TEMP_SUFFIX)


def _write_temp(folder: Path, name: str, data: bytes) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), 0o644)
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return Path(tmp)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _read_journal(folder: Path) -> list[tuple[str, str]]:
    try:
        entries = json.loads((folder / JOURNAL).read_text(encoding="utf-8"))
        pairs = [(str(a), str(b)) for a, b in entries]
    except (OSError, ValueError, TypeError):
        return []
    plain = [(a, b) for a, b in pairs if "/" not in a + b and os.sep not in a + b and a.endswith(TEMP_SUFFIX)
             and b not in ("", ".", "..")]
    return plain


def _apply(folder: Path) -> None:
    """Do the renames the journal names (those not done yet), then remove the journal."""
    for tmp, final in _read_journal(folder):
        if (folder / tmp).is_file():
            os.replace(folder / tmp, folder / final)
    _fsync_folder(folder)
    with contextlib.suppress(FileNotFoundError):
        (folder / JOURNAL).unlink()
    _fsync_folder(folder)


def _recover(folder: Path) -> None:
    """Under the lock: finish a committed change, then remove temporary files nobody will rename."""
    if (folder / JOURNAL).exists():
        try:
            with _signals_held():
                _apply(folder)
        except OSError:  # cannot be finished: give it up, the outputs stay each whole
            with contextlib.suppress(OSError):
                (folder / JOURNAL).unlink()
    for entry in os.scandir(folder):
        if entry.name.endswith(TEMP_SUFFIX) and entry.is_file(follow_symlinks=False):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C (and SIGTERM, SIGHUP) for the few renames that must not be cut in two."""
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    except (AttributeError, ValueError, OSError):  # pragma: no cover - no pthread_sigmask
        previous = None
    try:
        yield
    finally:
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
