"""``gcm-report validate``: check submissions and say exactly what is wrong and how to fix it."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from gcm_report.cli.options import (
    CacheDirOption, ConfigOption, LangOption, MaxBytesOption, NoCacheOption, StrictOption, cache_dir,
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
    from gcm_report.diagnostics import message_language
    from gcm_report.validate import validate_with_config

    targets = paths or [Path("submissions")]
    report = validate_with_config(targets, config, strict=strict, max_bytes=max_bytes,
                                  lang=message_language(lang, dict(os.environ)),
                                  cache_dir=cache_dir(cache, no_cache, targets))
    if format is Format.json:
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
    elif format is Format.github:
        from gcm_report.cli import output

        text = output.github(report)
        if text:
            sys.stdout.write(text + "\n")
    else:
        from rich.console import Console

        from gcm_report.cli import output

        output.text(report, Console(highlight=False), quiet=quiet)
    raise typer.Exit(report.exit_code)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
