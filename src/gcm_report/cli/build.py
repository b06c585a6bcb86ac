"""``gcm-report build``: the HTML (and PDF) drafts, report.json and practices.csv from the submissions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gcm_report.cli.options import ConfigOption, StrictOption


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def build(
    paths: Annotated[list[Path] | None,
                     typer.Argument(help="Submission files or folders [default: submissions/]")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Languages of the drafts, e.g. zh,en "
                                                         "[default: the configured languages].")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="Outputs: html, pdf or both (comma-separated); "
                                                             "report.json and practices.csv are always written.")
                      ] = "html,pdf",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output folder [default: `output` of the "
                                                               "configuration, build/].")] = None,
    config: ConfigOption = Path("report.yaml"),
    strict: StrictOption = False,
    pdf_variant: Annotated[str, typer.Option("--pdf-variant", help="pdf/ua-1 (tagged, for drafts) or pdf/a-3a "
                                                                  "(tagged and archivable, for the final version).")
                           ] = "pdf/ua-1",
) -> None:
    """Build the draft report: validate, aggregate by thematic area, render one draft per language.

    Exit codes: 0 built, 1 stopped (invalid submissions or configuration, or warnings with
    --strict; the previous outputs are left in place), 2 usage error.
    """
    from rich.console import Console

    from gcm_report.cli import output
    from gcm_report.pipeline import build as run

    console = Console(highlight=False, stderr=True)
    result = run(config, paths or [Path("submissions")], out, _split(lang) or None, _split(format), strict=strict,
                 pdf_variant=pdf_variant)
    if result.config_problems:
        for d in result.config_problems:
            console.print(f"[bold]{d.location}[/]: [bold red]{d.severity}[/][dim]\\[{d.code}][/] {d.message}",
                          soft_wrap=True)
    if result.validation is not None:
        output.text(result.validation, console, quiet=True)
    for note in result.notes:
        style = "bold yellow" if note.severity == "warning" else "bold cyan"
        console.print(f"[{style}]{note.severity}[/][dim]\\[{note.code}][/] {note.message}", soft_wrap=True)
    for lang_, files in result.missing_translations.items():
        console.print(f"[cyan]{sum(files.values())} text(s) from {len(files)} file(s) appear in another "
                      f"language in the {lang_} draft (marked with lang).[/]", soft_wrap=True)
    if result.error:
        console.print(f"[bold red]error:[/] {result.error}", soft_wrap=True)
    for path in result.written:
        typer.echo(f"wrote {path}")
    raise typer.Exit(result.exit_code)


def register(app: typer.Typer) -> None:
    app.command("build")(build)
