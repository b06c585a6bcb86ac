"""Options shared by several commands, defined once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gcm_report.cli.direct import DEFAULT_CACHE_DIR, cache_dir  # noqa: F401 (shared by the commands)

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
