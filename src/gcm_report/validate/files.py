"""Check one submission file: the unit of work that runs in parallel and that the cache keeps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from gcm_report.load.discover import Found
from gcm_report.load.fast import fast_load, scan_item_lines
from gcm_report.load.yaml_source import MAX_BYTES, Source, parse, read
from gcm_report.schema.config import ReportConfig
from gcm_report.schema.submission import Submission
from gcm_report.schema.types import unprintable
from gcm_report.diagnostics import MAX_PROBLEMS, Diagnostic, left_out, make
from gcm_report.validate.locate import diagnose
from gcm_report.validate.rules import ITEM_LISTS, check_submission

FILE_LEVEL = {"missing-translation"}
"""Codes that name no position: a file whose only diagnostics are these may keep the fast path's result."""


@dataclass
class FileResult:
    """What one file contributes: its problems, and if valid its submission and item lines."""

    name: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    submission: Submission | None = None
    lines: dict[str, int] = field(default_factory=dict)
    submitter_source: str | None = None
    digest: str | None = None
    """Hash of the bytes checked (None if they could not be read): the cache files the result under it."""
    data: Any = None
    """With ``keep_data``, the plain data the submission was validated from (for the cache to keep as JSON)."""


def key_problems(node: Any, source: Source) -> list[Diagnostic]:
    """Keys must be text: `1: a` or `? [a]` are refused where they stand.

    Every key and text must also be printable (:func:`~gcm_report.schema.types.unprintable`):
    a control character or an unpaired surrogate written as a YAML escape is refused where it is.
    """
    out: list[Diagnostic] = []
    more = 0

    def printable(text: str, where: tuple[int, int]) -> None:
        nonlocal more
        problem = unprintable(text)
        if problem is not None and len(out) >= MAX_PROBLEMS:
            more += 1
        elif problem is not None:
            line, col = where
            out.append(make("wrong-type", source.name, line + 1, col + 1, source_line=source.line(line + 1),
                            found=problem[0], expected=problem[1]))

    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, CommentedMap):
            for key in current:
                if not isinstance(key, str) and len(out) >= MAX_PROBLEMS:
                    more += 1
                    continue
                if not isinstance(key, str):
                    line, col = current.lc.key(key)
                    out.append(make("yaml-key-type", source.name, line + 1, col + 1,
                                    source_line=source.line(line + 1), found=str(key)[:200]))
                    continue
                printable(key, current.lc.key(key))
                value = current[key]
                if isinstance(value, str):
                    printable(value, current.lc.value(key))
                else:
                    stack.append(value)
        elif isinstance(current, CommentedSeq):
            for index, item in enumerate(current):
                if isinstance(item, str):
                    printable(item, current.lc.item(index))
                else:
                    stack.append(item)
    return out + left_out(source.name, more, len(out), "error")


def all_printable(value: Any) -> bool:
    """Whether every key and text of plain parsed data is printable (the fast path's check)."""
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            if unprintable(current) is not None:
                return False
        elif isinstance(current, dict):
            stack.extend(current.keys())
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return True


def parse_mapping(source: Source) -> tuple[Any, list[Diagnostic]]:
    """The round-trip tree of a file that must be a mapping with text keys, or why it is not."""
    tree, problems = parse(source)
    if problems:
        return None, problems
    if not isinstance(tree, CommentedMap):
        kind = "a list" if isinstance(tree, CommentedSeq) else "a single value"
        line = (getattr(getattr(tree, "lc", None), "line", None) or 0) + 1
        return None, [make("not-a-mapping", source.name, line, 1, source_line=source.line(line), found=kind)]
    return tree, key_problems(tree, source)


def _counts(sub: Submission) -> dict[str, int]:
    counts = {kind: len(getattr(sub, kind)) for kind in ITEM_LISTS}
    counts["arrangements"] = len(sub.implementation.arrangements) if sub.implementation else 0
    return counts


def _tree_lines(tree: CommentedMap) -> dict[str, int]:
    lines: dict[str, int] = {}
    for kind in ITEM_LISTS:
        seq = tree.get(kind)
        if isinstance(seq, CommentedSeq):
            lines.update({f"{kind}.{i}": seq.lc.item(i)[0] + 1 for i in range(len(seq))})
    impl = tree.get("implementation")
    arrangements = impl.get("arrangements") if isinstance(impl, CommentedMap) else None
    if isinstance(arrangements, CommentedSeq):
        lines.update({f"arrangements.{i}": arrangements.lc.item(i)[0] + 1 for i in range(len(arrangements))})
    lines["submitter"] = tree.lc.key("submitter")[0] + 1 if "submitter" in tree else 1
    return lines


def _fast(source: Source, config: ReportConfig | None) -> FileResult | None:
    data = fast_load(source.text)
    if not isinstance(data, dict) or not all_printable(data):
        return None
    try:
        sub = Submission.model_validate(data)
    except ValidationError:
        return None
    problems = check_submission(sub, None, source, config)
    if any(d.code not in FILE_LEVEL for d in problems):
        return None
    lines = scan_item_lines(source.lines, _counts(sub))
    if lines is None:
        return None
    return FileResult(source.name, problems, sub, lines, source.line(lines["submitter"]), source.digest, data)


def capped(diagnostics: list[Diagnostic], name: str, limit: int = MAX_PROBLEMS) -> list[Diagnostic]:
    """At most `limit` problems of one file (the most severe first, then in file order), the rest counted."""
    hidden = sum(int(d.details.get("found", 0)) for d in diagnostics if d.code == "too-many-problems")
    rest = [d for d in diagnostics if d.code != "too-many-problems"]
    if len(rest) <= limit and not hidden:
        return diagnostics
    rank = {"error": 0, "warning": 1, "info": 2}
    rest.sort(key=lambda d: (rank[d.severity], d.line or 0, d.column or 0))
    kept, dropped = rest[:limit], rest[limit:]
    worst = min((d.severity for d in dropped), key=rank.__getitem__, default="error")
    return kept + [make("too-many-problems", name, None, None, severity=worst,
                        found=hidden + len(dropped), expected=len(kept))]


def check_file(found: Found, config: ReportConfig | None = None, max_bytes: int = MAX_BYTES,
               keep_data: bool = False) -> FileResult:
    """Read, parse and check one submission; the fast path when it can, the located path when it must.

    With `keep_data`, the result also holds the data the submission was validated from, as plain
    JSON-able values: the validation cache stores that, not the model, and rebuilds the model from it.
    """
    result = _check_file(found, config, max_bytes)
    result.diagnostics = capped(result.diagnostics, found.name)
    if not keep_data or result.submission is None:
        result.data = None
    elif result.data is not None:
        result.data = plain(result.data)
    return result


def plain(value: Any) -> Any:
    """Parsed YAML as JSON values that validate to the same submission.

    Round-trip containers become dicts and lists, ruamel's scalar subclasses their base type. libyaml
    reads an unquoted date as a date: it becomes the text ``YYYY-MM-DD``, which the date fields read
    as the same date (a time of day is dropped there too).
    """
    if value is None or isinstance(value, bool):  # bool has no subclasses
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value  # anything else makes the cache's JSON check fail, and the file is not cached


def _check_file(found: Found, config: ReportConfig | None, max_bytes: int) -> FileResult:
    source, problems = read(found.path, found.name, max_bytes)
    if problems:
        return FileResult(found.name, problems, digest=source.digest)
    result = _fast(source, config)
    if result is not None:
        return result
    tree, problems = parse_mapping(source)
    if problems:
        return FileResult(found.name, problems, digest=source.digest)
    try:
        sub = Submission.model_validate(tree)
    except ValidationError as err:
        return FileResult(found.name, diagnose(err, tree, source, Submission, limit=MAX_PROBLEMS),
                          digest=source.digest)
    lines = _tree_lines(tree)
    return FileResult(found.name, check_submission(sub, tree, source, config), sub, lines,
                      source.line(lines["submitter"]), source.digest, tree)
