"""Read one YAML file into a tree whose every key and item knows its line and column.

Reading and decoding the bytes is in ``read.py``. This is the first stage of the pipeline (load -> validate -> aggregate -> render
-> write). It turns bytes into either a tree or located problems, and never
raises: a focal point's broken file must produce a message, not a traceback.
Submissions are untrusted, so the YAML we accept is a safe subset: no aliases
(no "billion laughs"), no tags, no merge keys, bounded depth, bounded size.
"""

from __future__ import annotations

import os  # noqa: F401 - tests patch yaml_source.os.open (the module os, so read.py sees it)
import re
import warnings
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent, ScalarEvent
from ruamel.yaml.reader import ReaderError

from gcm_report.diagnostics import Diagnostic, make
from gcm_report.load.read import (  # noqa: F401 - also imported from here
    MAX_BYTES, NotRegular, Source, decode, read, read_bytes, split_lines,
)

MAX_DEPTH = 64

MAX_NODES = 50_000
"""Most keys and values one file may hold. A realistic submission has one per 36 bytes or so (a
1 MB file about 28,000); a file of short values (`[24, 24, ...]`) packs one per 4 bytes, and the
round-trip parser takes about 0.2 ms for each, so this bounds the time any file within the size
limit can take (to about 10 s on a 2-core machine)."""


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


def _mark_diag(code: str, source: Source, mark: Any, **ctx: Any) -> Diagnostic:
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return make(code, source.name, line, column, source_line=source.line(line), **ctx)


_VERSION = re.compile(r"%YAML[ \t]+(\S*)")


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
