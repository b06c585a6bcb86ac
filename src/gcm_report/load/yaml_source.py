"""Read one YAML file into a tree whose every key and item knows its line and column.

This is the first stage of the pipeline (load -> validate -> aggregate -> render
-> write). It turns bytes into either a tree or located problems, and never
raises: a focal point's broken file must produce a message, not a traceback.
Submissions are untrusted, so the YAML we accept is a safe subset: no aliases
(no "billion laughs"), no tags, no merge keys, bounded depth, bounded size.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent, ScalarEvent

from gcm_report.diagnostics import Diagnostic, make

MAX_BYTES = 5 * 1024 * 1024
"""Default size limit of one submission; the largest realistic one is well under 1 MB."""

MAX_DEPTH = 64


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


class _Constructor(RoundTripConstructor):
    """Keeps dates as text: our schema parses them, so a bad date is a located error."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Composer = _SafeComposer
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    yaml.max_depth = MAX_DEPTH
    return yaml


def decode(path: Path, name: str, data: bytes) -> tuple[Source, list[Diagnostic]]:
    """Bytes to text: UTF-8, with or without a byte-order mark; anything else is located."""
    source = Source(path, name)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return source, [make("not-utf8", name, 1, 1, found="UTF-16 (byte-order mark)")]
    if b"\x00" in data:
        offset = data.index(b"\x00")
        line = data.count(b"\n", 0, offset) + 1
        column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
        kind = "UTF-16 without a byte-order mark" if data[1::2].count(0) > len(data) // 4 else "a NUL byte"
        return source, [make("not-utf8", name, line, column, found=kind)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        good = data[data.rfind(b"\n", 0, err.start) + 1: err.start].decode("utf-8", "replace")
        source.lines = data.decode("utf-8", "replace").splitlines()
        return source, [make("not-utf8", name, line, len(good) + 1,
                             found=f"byte 0x{data[err.start]:02X}", source_line=source.line(line))]
    source.text = text
    source.lines = text.splitlines()
    return source, []


def read(path: Path, name: str | None = None, max_bytes: int = MAX_BYTES) -> tuple[Source, list[Diagnostic]]:
    """Read and decode a file, refusing ones too large to be a submission."""
    name = name or str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Source(path, name), [make("file-too-large", name, None, None,
                                             found=f"{size:,} bytes", expected=f"{max_bytes:,} bytes")]
        data = path.read_bytes()
    except OSError as err:
        return Source(path, name), [make("unreadable-file", name, None, None, found=err.strerror or str(err))]
    return decode(path, name, data)


def _mark_diag(code: str, source: Source, mark: Any, **ctx: Any) -> Diagnostic:
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return make(code, source.name, line, column, source_line=source.line(line), **ctx)


def parse(source: Source) -> tuple[Any, list[Diagnostic]]:
    """Text to a round-trip tree (CommentedMap / CommentedSeq with ``.lc`` positions)."""
    if not source.text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in source.lines):
        return None, [make("empty-file", source.name, 1, 1)]
    try:
        tree = _yaml().load(source.text)
    except _Refused as err:
        return None, [_mark_diag(err.code, source, err.mark, **err.ctx)]
    except MarkedYAMLError as err:
        return None, [_syntax(source, err)]
    except RecursionError:
        return None, [make("yaml-too-deep", source.name, None, None, expected=str(MAX_DEPTH))]
    except Exception as err:  # ruamel raises plain errors for a few malformed scalars
        return None, [make("yaml-syntax", source.name, None, None, found=str(err).splitlines()[0][:200])]
    if tree is None:
        return None, [make("empty-file", source.name, 1, 1)]
    return tree, []


def _syntax(source: Source, err: MarkedYAMLError) -> Diagnostic:
    problem = (err.problem or err.context or "").strip()
    mark = err.problem_mark or err.context_mark
    if "duplicate key" in problem:
        first = err.context_mark.line + 1 if err.context_mark is not None else None
        key = problem.split('"')[1] if '"' in problem else "?"
        return _mark_diag("yaml-duplicate-key", source, mark, found=key, first=first)
    if "'\\t'" in problem or "\t" in problem:
        return _mark_diag("yaml-tab", source, mark)
    if "maximum depth" in problem:
        return _mark_diag("yaml-too-deep", source, mark, expected=str(MAX_DEPTH))
    return _mark_diag("yaml-syntax", source, mark, found=problem)
