"""Read one file's bytes and decode them, refusing what cannot be a submission, without parsing.

The first half of loading (``yaml_source`` parses). Kept apart, and free of the YAML
parser, so that a run whose results are all in the cache (``validate/cache.py``) can
read and hash every file without importing the parser at all.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gcm_report.diagnostics import Diagnostic


def make(*args: Any, **ctx: Any) -> Diagnostic:
    """A diagnostic (:func:`gcm_report.diagnostics.make`), imported only when there is a problem to report.

    Finding and hashing files is all a run answered from the cache does: it must not pay for pydantic.
    """
    from gcm_report.diagnostics import make as make_diagnostic

    return make_diagnostic(*args, **ctx)

MAX_BYTES = 5 * 1024 * 1024
"""Default size limit of one submission; the largest realistic one is well under 1 MB."""


@dataclass
class Source:
    """A file's text, kept so that diagnostics can quote the line at fault."""

    path: Path
    name: str
    text: str = ""
    lines: list[str] = field(default_factory=list)
    digest: str | None = None
    """Hash of the bytes read (:func:`digest`), which the validation cache files results under."""

    def line(self, number: int | None) -> str | None:
        """The 1-based line `number`, without its line end, if the file has it."""
        if number is None or not 1 <= number <= len(self.lines):
            return None
        return self.lines[number - 1]


_LINE_BREAK = re.compile("\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Lines as YAML 1.2 counts them: broken at LF, CR LF and CR only.

    ``str.splitlines`` also breaks at U+2028, U+2029, NEL, form feed and others, which YAML
    does not: a file holding one would have its errors quoted from the wrong line.
    """
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _where(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset, lines counted as YAML counts them."""
    rows = split_lines(data[:offset].decode("utf-8", "replace") + "x")
    return len(rows), len(rows[-1])


def decode(path: Path, name: str, data: bytes) -> tuple[Source, list[Diagnostic]]:
    """Bytes to text: UTF-8, with or without a byte-order mark; anything else is located."""
    source = Source(path, name)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return source, [make("not-utf8", name, 1, 1, found="UTF-16 (byte-order mark)")]
    if b"\x00" in data:
        line, column = _where(data, data.index(b"\x00"))
        utf16 = max(data[0::2].count(0), data[1::2].count(0)) > len(data) // 4  # little- or big-endian
        kind = "UTF-16 without a byte-order mark" if utf16 else "a NUL byte"
        return source, [make("not-utf8", name, line, column, found=kind)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line, column = _where(data, err.start)
        source.lines = split_lines(data.decode("utf-8", "replace"))
        return source, [make("not-utf8", name, line, column,
                             found=f"byte 0x{data[err.start]:02X}", source_line=source.line(line))]
    source.text = text
    source.lines = split_lines(text)
    return source, []


def read(path: Path, name: str | None = None, max_bytes: int = MAX_BYTES) -> tuple[Source, list[Diagnostic]]:
    """Read and decode a file, refusing ones too large to be a submission.

    Only regular files are read: a FIFO, a socket or a device (``/dev/zero``) would block or never
    end. The file is opened without blocking and checked on the open descriptor, and never more than
    ``max_bytes + 1`` bytes are read, so a file that grows while it is read cannot exhaust memory.
    """
    name = name or str(path)
    try:
        data, size = read_bytes(path, max_bytes)
    except NotRegular as err:
        return Source(path, name), [make("unreadable-file", name, None, None, found=err.strerror)]
    except OSError as err:
        return Source(path, name), [make("unreadable-file", name, None, None, found=err.strerror or str(err))]
    if data is None:
        return Source(path, name), [make("file-too-large", name, None, None,
                                         found=f"{size:,} bytes", expected=f"{max_bytes:,} bytes")]
    source, problems = decode(path, name, data)
    source.digest = digest(data)
    return source, problems


def digest(data: bytes) -> str:
    """A file's content hash: what the validation cache knows a file by (never its name or date).

    SHA-256, as processors compute it in hardware: twice as fast as BLAKE2 here (17 MB in 13 ms).
    """
    return hashlib.sha256(data).hexdigest()


class NotRegular(OSError):
    pass


_KINDS = ((stat.S_ISDIR, "it is a folder, not a file"), (stat.S_ISFIFO, "it is a named pipe (FIFO), not a file"),
          (stat.S_ISSOCK, "it is a socket, not a file"), (stat.S_ISCHR, "it is a device, not a file"),
          (stat.S_ISBLK, "it is a device, not a file"))


def _regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise NotRegular(errno.EINVAL, next((why for test, why in _KINDS if test(mode)), "it is not a regular file"))


def read_bytes(path: Path, max_bytes: int) -> tuple[bytes | None, int]:
    """The bytes of a regular file, or (None, size) when it holds more than `max_bytes`.

    Raises OSError for anything else (:func:`read` says what it was).
    """
    _regular(os.stat(path).st_mode)  # a socket cannot even be opened: say what it is
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        _regular(info.st_mode)  # and what was opened is what was looked at
        if info.st_size > max_bytes:
            return None, info.st_size
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            wanted = min(1 << 20, max_bytes + 1 - total)
            chunk = os.read(fd, wanted)
            chunks.append(chunk)
            total += len(chunk)
            if len(chunk) < wanted:  # a regular file gives less than asked only at its end
                break
        if total > max_bytes:
            return None, max(total, info.st_size)
        return b"".join(chunks), total
    finally:
        os.close(fd)
