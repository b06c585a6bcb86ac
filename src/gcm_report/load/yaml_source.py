"""Read one YAML file into a tree whose every key and item knows its line and column.

This is the first stage of the pipeline (load -> validate -> aggregate -> render
-> write). It turns bytes into either a tree or located problems, and never
raises: a focal point's broken file must produce a message, not a traceback.
Submissions are untrusted, so the YAML we accept is a safe subset: no aliases
(no "billion laughs"), no tags, no merge keys, bounded depth, bounded size.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent, ScalarEvent
from ruamel.yaml.reader import ReaderError

from gcm_report.diagnostics import Diagnostic, make

MAX_BYTES = 5 * 1024 * 1024
"""Default size limit of one submission; the largest realistic one is well under 1 MB."""

MAX_DEPTH = 64

MAX_NODES = 50_000
"""Most keys and values one file may hold. A realistic submission has one per 36 bytes or so (a
1 MB file about 28,000); a file of short values (`[24, 24, ...]`) packs one per 4 bytes, and the
round-trip parser takes about 0.2 ms for each, so this bounds the time any file within the size
limit can take (to about 10 s on a 2-core machine)."""


@dataclass
class Source:
    """A file's text, kept so that diagnostics can quote the line at fault."""

    path: Path
    name: str
    text: str = ""
    lines: list[str] = field(default_factory=list)

    def line(self, number: int | None) -> str | None:
        """The 1-based line `number`, without its line end, if the file has it."""
        if number is None or not 1 <= number <= len(self.lines):
            return None
        return self.lines[number - 1]


class _Refused(Exception):
    def __init__(self, code: str, mark: Any, **ctx: Any) -> None:
        super().__init__(code)
        self.code, self.mark, self.ctx = code, mark, ctx


class _SafeComposer(Composer):
    """Composer that refuses aliases and explicit tags as it meets them."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        self.nodes = getattr(self, "nodes", 0) + 1
        if self.nodes > MAX_NODES:
            event = self.parser.peek_event()
            raise _Refused("file-too-large", event.start_mark, found=f"more than {MAX_NODES:,} values",
                           expected=f"{MAX_NODES:,} values")
        if self.parser.check_event(AliasEvent):
            event = self.parser.peek_event()
            raise _Refused("yaml-alias", event.start_mark, found="*" + str(event.anchor))
        event = self.parser.peek_event()
        tag = getattr(event, "ctag", None) or getattr(event, "tag", None)
        if tag is not None and str(tag) not in ("!",) and not (
            isinstance(event, ScalarEvent) and str(tag) == "!"
        ):
            shown = str(tag).replace("tag:yaml.org,2002:", "!!")
            raise _Refused("yaml-tag", event.start_mark, found=shown)
        return super().compose_node(parent, index)

    def compose_mapping_node(self, anchor: Any) -> Any:
        node = super().compose_mapping_node(anchor)
        for key, _value in node.value:  # `<<: {...}` merges silently even without an alias
            if key.tag == "tag:yaml.org,2002:merge":
                raise _Refused("yaml-alias", key.start_mark, found="<<")
        return node


class _Constructor(RoundTripConstructor):
    """Keeps dates as text: our schema parses them, so a bad date is a located error."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


def _construct_int(constructor: RoundTripConstructor, node: Any) -> Any:
    """An integer; one too long for Python to convert (over 4,300 digits) is a located error."""
    try:
        return RoundTripConstructor.construct_yaml_int(constructor, node)
    except ValueError as err:
        raise ConstructorError(None, None, f"a number {len(str(node.value)):,} characters long",
                               node.start_mark) from err


_Constructor.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Composer = _SafeComposer
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    yaml.max_depth = MAX_DEPTH
    return yaml


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


_VERSION = re.compile(r"%YAML[ \t]+(\S*)")


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
        data, size = _read_regular(path, max_bytes)
    except _NotRegular as err:
        return Source(path, name), [make("unreadable-file", name, None, None, found=err.strerror)]
    except OSError as err:
        return Source(path, name), [make("unreadable-file", name, None, None, found=err.strerror or str(err))]
    if data is None:
        return Source(path, name), [make("file-too-large", name, None, None,
                                         found=f"{size:,} bytes", expected=f"{max_bytes:,} bytes")]
    return decode(path, name, data)


class _NotRegular(OSError):
    pass


_KINDS = ((stat.S_ISDIR, "it is a folder, not a file"), (stat.S_ISFIFO, "it is a named pipe (FIFO), not a file"),
          (stat.S_ISSOCK, "it is a socket, not a file"), (stat.S_ISCHR, "it is a device, not a file"),
          (stat.S_ISBLK, "it is a device, not a file"))


def _regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise _NotRegular(errno.EINVAL, next((why for test, why in _KINDS if test(mode)), "it is not a regular file"))


def _read_regular(path: Path, max_bytes: int) -> tuple[bytes | None, int]:
    """The bytes of a regular file, or (None, size) when it holds more than `max_bytes`."""
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
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            return None, max(total, info.st_size)
        return b"".join(chunks), total
    finally:
        os.close(fd)


def _mark_diag(code: str, source: Source, mark: Any, **ctx: Any) -> Diagnostic:
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return make(code, source.name, line, column, source_line=source.line(line), **ctx)


def parse(source: Source) -> tuple[Any, list[Diagnostic]]:
    """Text to a round-trip tree (CommentedMap / CommentedSeq with ``.lc`` positions)."""
    if not source.text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in source.lines):
        return None, [make("empty-file", source.name, 1, 1)]
    for number, line in enumerate(source.lines, start=1):  # directives come before the document
        version = _VERSION.match(line)
        if version and version.group(1) != "1.2":  # %YAML 1.1 would make `yes` true and `012` octal
            return None, [make("yaml-syntax", source.name, number, 1, source_line=line,
                               found=f"the directive %YAML {version.group(1)} (submissions are read as YAML 1.2)")]
        if line.startswith(("---", "...")) or (line.strip() and not line.startswith(("%", "#"))):
            break
    try:
        with warnings.catch_warnings():  # ruamel warns (to stderr, quoting the file) of reused anchors
            warnings.simplefilter("ignore")
            tree = _yaml().load(source.text)
    except _Refused as err:
        return None, [_mark_diag(err.code, source, err.mark, **err.ctx)]
    except MarkedYAMLError as err:
        return None, [_syntax(source, err)]
    except ReaderError as err:  # a character YAML does not allow in a file (a control character)
        return None, [_reader(source, err)]
    except RecursionError:
        return None, [make("yaml-too-deep", source.name, None, None, expected=str(MAX_DEPTH))]
    except Exception as err:  # ruamel raises plain errors for a few malformed scalars
        return None, [make("yaml-syntax", source.name, None, None, found=str(err).splitlines()[0][:200])]
    if tree is None:
        return None, [make("empty-file", source.name, 1, 1)]
    return tree, []


def _reader(source: Source, err: ReaderError) -> Diagnostic:
    position = err.position if isinstance(err.position, int) and 0 <= err.position <= len(source.text) else None
    character = err.character if isinstance(err.character, int) else None
    found = (f"the character U+{character:04X}, which YAML does not allow in a file" if character is not None
             else str(err.reason))
    if position is None:
        return make("yaml-syntax", source.name, None, None, found=found)
    rows = split_lines(source.text[:position] + "x")  # counted as Source.lines counts them
    line, column = len(rows), len(rows[-1])
    return make("yaml-syntax", source.name, line, column, source_line=source.line(line), found=found)


def _first_key_line(source: Source, err: MarkedYAMLError, key: str) -> int | None:
    """The line of a duplicate key's first occurrence: ruamel only says where the mapping starts."""
    start, second = err.context_mark, err.problem_mark
    if start is None or second is None:
        return None
    for number in range(start.line + 1, second.line + 1):  # a block mapping's keys share a column
        if (source.line(number) or "")[second.column:].startswith((f"{key}:", f'"{key}":', f"'{key}':")):
            return number
    return start.line + 1


def _syntax(source: Source, err: MarkedYAMLError) -> Diagnostic:
    problem = (err.problem or err.context or "").strip()
    mark = err.problem_mark or err.context_mark
    if "duplicate key" in problem:
        key = problem.split('"')[1] if '"' in problem else "?"
        return _mark_diag("yaml-duplicate-key", source, mark, found=key, first=_first_key_line(source, err, key))
    if "'\\t'" in problem or "\t" in problem:
        return _mark_diag("yaml-tab", source, mark)
    if "maximum depth" in problem:
        return _mark_diag("yaml-too-deep", source, mark, expected=str(MAX_DEPTH))
    return _mark_diag("yaml-syntax", source, mark, found=problem)
