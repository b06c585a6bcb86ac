"""The fast path: parse with libyaml (C) when a file can only hold what the safe subset allows.

The round-trip parser gives every value a position but reads about 16 files a
second on a large submission; libyaml reads five times as many. Most files are
valid, and a valid file needs no positions beyond where each item starts. So a
file goes through libyaml first; anything unusual (aliases, tags, merge keys,
deep nesting), any parse error and any validation problem sends it down the
round-trip path, which is the authority on what is wrong and where.
"""

from __future__ import annotations

import warnings
from functools import cache
from typing import Any

from ruamel.yaml import YAML

from gcm_report.load.yaml_source import MAX_NODES

ROUND_TRIP_ONLY = ("&", "*", "!", "<<", "\t")
"""Text that may be an anchor, alias, tag, merge key or tab: the round-trip path refuses these precisely."""

MAX_BRACKETS = 200


@cache
def _loader() -> YAML | None:
    yaml = YAML(typ="safe")
    if "clib" not in type(yaml.Parser).__module__ and "_ruamel_yaml" not in repr(yaml.Parser):
        return None  # no C extension: the fast path would be no faster
    return yaml


def fast_load(text: str) -> Any | None:
    """The document as plain Python objects, or None when the file must take the round-trip path."""
    if any(mark in text for mark in ROUND_TRIP_ONLY) or text.count("[") + text.count("{") > MAX_BRACKETS:
        return None
    if text.lstrip("\ufeff").startswith("%") or "\n%" in text:
        return None  # a directive (%YAML 1.1 would change what `yes` means): the round-trip path refuses it
    if text.count(",") + text.count(":") + text.count("-") > MAX_NODES:
        return None  # perhaps more values than allowed: the round-trip path stops at the limit, unread past it
    loader = _loader()
    if loader is None:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data = loader.load(text)
    except Exception:  # any problem is for the round-trip path to locate and explain
        return None
    return data if _nodes(data) <= MAX_NODES else None


def _nodes(data: Any) -> int:
    """Keys and values in plain parsed data, counted as the round-trip composer counts them."""
    count, stack = 0, [data]
    while stack:
        current = stack.pop()
        count += 1
        if isinstance(current, dict):
            count += len(current)
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return count


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _items_after(lines: list[str], start: int) -> list[int] | None:
    """0-based line numbers of the items of the block sequence under the key on line `start`."""
    head = lines[start]
    if head.split(":", 1)[1].split("#", 1)[0].strip():
        return None  # flow style or inline value: positions need the round-trip parser
    key_indent = _indent(head)
    items: list[int] = []
    item_indent: int | None = None
    for number in range(start + 1, len(lines)):
        line = lines[number]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = _indent(line)
        is_item = stripped == "-" or stripped.startswith("- ")
        if indent < key_indent or (indent == key_indent and not is_item):
            break
        if is_item and item_indent is None:
            item_indent = indent
        if is_item and indent == item_indent:
            items.append(number)
    return items


def _key_line(lines: list[str], key: str, indent: int, start: int = 0, stop: int | None = None) -> int | None:
    prefix = " " * indent + key + ":"
    for number in range(start, len(lines) if stop is None else stop):
        if lines[number].startswith(prefix) and _indent(lines[number]) == indent:
            return number
    return None


def scan_item_lines(lines: list[str], counts: dict[str, int]) -> dict[str, int] | None:
    """Where each item starts (1-based), found from indentation; None if the layout is not plain block style.

    `counts` says how many items each list has (from the validated model); a
    scan that finds another number gives up rather than guess.
    """
    out: dict[str, int] = {}
    submitter = _key_line(lines, "submitter", 0)
    if submitter is None:
        return None
    out["submitter"] = submitter + 1
    for kind, count in counts.items():
        if count == 0:
            continue
        if kind == "arrangements":
            parent = _key_line(lines, "implementation", 0)
            if parent is None:
                return None
            child = next((n for n in range(parent + 1, len(lines))
                          if lines[n].strip().startswith("arrangements:")), None)
            where = child
        else:
            where = _key_line(lines, kind, 0)
        if where is None:
            return None
        items = _items_after(lines, where)
        if items is None or len(items) != count:
            return None
        out.update({f"{kind}.{i}": number + 1 for i, number in enumerate(items)})
    return out
