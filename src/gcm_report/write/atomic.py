"""Atomic file writes: a reader sees the old file or the new one, never half of one.

Each output goes to a temporary name in the same folder, is flushed to disk, and is
renamed over the old file (rename is atomic on POSIX within one file system). A
build that fails or is killed leaves the previous draft intact.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


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
