"""Find the submission files a command was pointed at."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gcm_report.load.read import make

if TYPE_CHECKING:
    from gcm_report.diagnostics import Diagnostic

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Found:
    """A file to read, and the name to show for it (relative to where the user pointed)."""

    path: Path
    name: str


def discover(paths: list[Path]) -> tuple[list[Found], list[Diagnostic], bool]:
    """Files under `paths`, sorted so every run reads (and reports) in the same order.

    Returns the files, the problems met, and whether a path did not exist (a usage
    error: the command was given something that is not there). Hidden folders are
    skipped, and links that lead outside the folder named are refused, so a
    submissions folder cannot make the tool read files elsewhere. A link that loops,
    a folder that cannot be listed, and a file whose name is not plain text (a byte
    that is not UTF-8, a control character) are reported, not followed.
    """
    found: list[Found] = []
    problems: list[Diagnostic] = []
    missing = False
    for path in paths:
        shown = str(path)
        if not path.exists() and not path.is_symlink():
            problems.append(make("path-not-found", shown, None, None))
            missing = True
        elif path.is_dir():
            root = path.resolve()
            files = []
            before = len(problems)
            unlisted: list[OSError] = []
            candidates = _walk(path, unlisted)
            for err in unlisted:  # rglob would skip such a folder silently, and its files with it
                where = Path(err.filename) if err.filename else path
                rel = where.relative_to(path) if where.is_relative_to(path) else Path()
                problems.append(make("unreadable-file", shown_name(str(path / rel)), None, None,
                                     found=f"it is a folder that cannot be listed ({err.strerror or err})"))
            start = len(os.path.join(os.fspath(path), ""))
            for entry, is_dir, is_link in candidates:  # text, not Path objects: a thousand files add up
                rel = entry[start:]
                if rel.startswith(".") or f"{os.sep}." in rel or os.path.splitext(rel)[1].lower() not in SUFFIXES:
                    continue
                name = os.path.join(shown, rel) if shown not in (".", "") else rel
                candidate = Path(entry)
                if not _plain(rel):
                    problems.append(make("unreadable-file", shown_name(name), None, None,
                                         found="its name is not plain text (a byte that is not UTF-8, or a "
                                               "control character); rename it"))
                    continue
                if is_link:
                    try:
                        target = candidate.resolve()
                    except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError for a loop
                        problems.append(make("unreadable-file", name, None, None,
                                             found="it is a link that leads round in a loop"))
                        continue
                    if not target.is_relative_to(root):
                        problems.append(make("unreadable-file", name, None, None,
                                             found="it is a link to a file outside the submissions folder"))
                        continue
                if is_dir:
                    problems.append(make("unreadable-file", name, None, None,
                                         found="it is a folder, not a file"))
                    continue
                files.append(Found(candidate, name))
            if not files and len(problems) == before:
                problems.append(make("no-submissions", shown, None, None))
            found.extend(files)
        else:
            found.append(Found(path, shown))
    return found, problems, missing


def _walk(root: Path, errors: list[OSError]) -> list[tuple[str, bool, bool]]:
    """Every file and folder under `root`, sorted, as ``sorted(root.rglob("*"))`` lists them (links to
    folders are listed, not entered; hidden folders are not entered), with the folders that could not
    be listed in `errors` instead of left out without a word.

    Each comes with whether it is a folder (following links) and whether it is a link, as the listing
    already knows (``os.scandir``), rather than asked again of the file system for each of a thousand files.
    """
    found: list[tuple[str, bool, bool]] = []
    stack = [os.fspath(root)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as err:
            errors.append(err)
            continue
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            try:
                is_link = entry.is_symlink()
            except OSError:
                is_link = False
            found.append((entry.path, is_dir, is_link))
            if is_dir and not is_link and not entry.name.startswith("."):  # hidden folders are skipped anyway
                stack.append(entry.path)
    found.sort(key=lambda item: item[0].split(os.sep))  # the order of Path objects: part by part
    errors.sort(key=lambda err: str(err.filename))
    return found


def _plain(name: str) -> bool:
    """A name every output can carry: valid UTF-8, no control character."""
    if name.isascii():
        return name.isprintable()
    return not any(0xD800 <= ord(c) <= 0xDFFF or unicodedata.category(c) == "Cc" for c in name)


def shown_name(name: str) -> str:
    """A file name fit to print: undecodable bytes and control characters as U+FFFD."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join("\ufffd" if unicodedata.category(c) == "Cc" else c for c in text)
