"""Options shared by several commands, defined once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

ConfigOption = Annotated[
    Path,
    typer.Option("--config", "-c", help="The report configuration file.", show_default=True),
]
StrictOption = Annotated[bool, typer.Option("--strict", help="Treat warnings as errors (for the final run).")]
LangOption = Annotated[
    str | None,
    typer.Option("--lang", help="Language of messages (ar, en, es, fr, ru, zh); default: from LANG."),
]
MaxBytesOption = Annotated[
    int, typer.Option("--max-bytes", help="Largest submission file accepted, in bytes.", min=1)
]
CacheDirOption = Annotated[
    Path | None,
    typer.Option("--cache-dir", envvar="GCM_REPORT_CACHE_DIR", show_default=False,
                 help="Folder of the validation cache [default: .gcm-report-cache/ in the current folder, "
                      "unless that is a folder being checked]. Safe to delete at any time."),
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Check every file afresh; neither read nor write the cache.")
]

DEFAULT_CACHE_DIR = Path(".gcm-report-cache")
"""Like .pytest_cache/ and .ruff_cache/: in the folder the command runs in, and ignored by git."""


def cache_dir(option: Path | None, no_cache: bool, paths: list[Path]) -> Path | None:
    """The cache folder a command uses, or None for no cache.

    --no-cache wins; a folder given (--cache-dir, GCM_REPORT_CACHE_DIR) is used as given. The default,
    in the current folder, is not used when the current folder is one of the folders being checked
    (or inside one): validating never writes among the submissions.
    """
    if no_cache:
        return None
    if option is not None and str(option):
        return option
    here = Path.cwd().resolve()
    for path in paths:
        try:
            if path.is_dir() and here.is_relative_to(path.resolve()):
                return None
        except (OSError, RuntimeError):  # a link that loops: no guessing, no cache
            return None
    return DEFAULT_CACHE_DIR
