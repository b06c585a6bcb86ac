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
