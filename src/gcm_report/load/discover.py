"""Find the submission files a command was pointed at."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from gcm_report.diagnostics import Diagnostic, make

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
            for candidate in candidates:
                rel = candidate.relative_to(path)
                if any(part.startswith(".") for part in rel.parts) or candidate.suffix.lower() not in SUFFIXES:
                    continue
                name = str(path / rel) if shown not in (".", "") else str(rel)
                if not _plain(str(rel)):
                    problems.append(make("unreadable-file", shown_name(name), None, None,
                                         found="its name is not plain text (a byte that is not UTF-8, or a "
                                               "control character); rename it"))
                    continue
                if candidate.is_symlink():
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
                if candidate.is_dir():
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


def _walk(root: Path, errors: list[OSError]) -> list[Path]:
    """Every file and folder under `root`, sorted, as ``sorted(root.rglob("*"))`` lists them (links to
    folders are listed, not entered; hidden folders are not entered), with the folders that could not
    be listed in `errors` instead of left out without a word."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # hidden folders are skipped anyway
        found += [Path(folder, name) for name in dirs + files]
    return sorted(found)


def _plain(name: str) -> bool:
    """A name every output can carry: valid UTF-8, no control character."""
    return not any(0xD800 <= ord(c) <= 0xDFFF or unicodedata.category(c) == "Cc" for c in name)


def shown_name(name: str) -> str:
    """A file name fit to print: undecodable bytes and control characters as U+FFFD."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join("\ufffd" if unicodedata.category(c) == "Cc" else c for c in text)
