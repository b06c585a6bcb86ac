"""``gcm-report validate``: check submissions and say exactly what is wrong and how to fix it."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from gcm_report.cli.options import (
    CacheDirOption, ConfigOption, LangOption, MaxBytesOption, NoCacheOption, StrictOption,
)


class Format(str, Enum):
    text = "text"
    json = "json"
    github = "github"


def validate(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders to check [default: submissions/]")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output: text, json or github.")] = Format.text,
    strict: StrictOption = False,
    config: ConfigOption = Path("report.yaml"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Hide info messages.")] = False,
    max_bytes: MaxBytesOption = 5 * 1024 * 1024,
    lang: LangOption = None,
    cache: CacheDirOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Check submission files against the schema and the cross-file rules.

    Results are cached by content in .gcm-report-cache/ (--cache-dir, GCM_REPORT_CACHE_DIR), so a run
    over unchanged files takes a fraction of a second and a changed file is the only one parsed again;
    the output is the same as without the cache (--no-cache). The folder is safe to delete; nothing
    else is written.

    Exit codes: 0 valid, 1 invalid (errors; with --strict also warnings), 2 usage error.
    """
    from gcm_report.cli.direct import Request, execute

    raise typer.Exit(execute(Request(paths=list(paths or []), format=format.value, config=config, lang=lang,
                                     max_bytes=max_bytes, cache_dir=cache, quiet=quiet, strict=strict,
                                     no_cache=no_cache)))


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
