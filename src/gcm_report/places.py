"""How a place in a file is written in every message: ``file:line:column``, as compilers and editors print it.

Apart from :mod:`gcm_report.diagnostics` (which needs pydantic) so that a report replayed from the cache
(cli/direct.py) writes places exactly as a fresh one does, without loading the models.
"""

from __future__ import annotations


def location(file: str | None, line: int | None, column: int | None) -> str:
    """``file:line:column``; ``<input>`` for text that came from no file, and no column without a line."""
    parts = [file or "<input>"]
    if line is not None:
        parts.append(str(line))
        if column is not None:
            parts.append(str(column))
    return ":".join(parts)
