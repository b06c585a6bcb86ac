"""Find the submission files a command was pointed at."""

from __future__ import annotations

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
    submissions folder cannot make the tool read files elsewhere.
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
            for candidate in sorted(path.rglob("*")):
                rel = candidate.relative_to(path)
                if any(part.startswith(".") for part in rel.parts) or candidate.suffix.lower() not in SUFFIXES:
                    continue
                name = str(path / rel) if shown not in (".", "") else str(rel)
                if candidate.is_symlink() and not candidate.resolve().is_relative_to(root):
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
