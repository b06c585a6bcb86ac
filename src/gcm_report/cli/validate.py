"""``gcm-report validate``: check submissions and say exactly what is wrong and how to fix it."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from gcm_report.cli.options import ConfigOption, LangOption, MaxBytesOption, StrictOption


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
) -> None:
    """Check submission files against the schema and the cross-file rules.

    Exit codes: 0 valid, 1 invalid (errors; with --strict also warnings), 2 usage error.
    """
    from rich.console import Console

    from gcm_report.cli import output
    from gcm_report.validate import load_config, validate_paths
    from gcm_report.diagnostics import localize, message_language

    language = message_language(lang, dict(os.environ))
    report_config, config_problems = load_config(config) if config.exists() else (None, [])
    report = validate_paths(paths or [Path("submissions")], config=report_config, strict=strict,
                            max_bytes=max_bytes, lang=language)
    if config_problems:
        config_problems = [localize(d, language) for d in config_problems]
        report = report.model_copy(update={"diagnostics": config_problems + report.diagnostics})
    if format is Format.json:
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
    elif format is Format.github:
        text = output.github(report)
        if text:
            sys.stdout.write(text + "\n")
    else:
        output.text(report, Console(highlight=False), quiet=quiet)
    raise typer.Exit(report.exit_code)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
