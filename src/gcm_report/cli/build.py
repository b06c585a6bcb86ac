"""``gcm-report build``: the HTML (and PDF) drafts, report.json and practices.csv from the submissions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gcm_report.cli.options import (
    CacheDirOption, ConfigOption, MaxBytesOption, NoCacheOption, StrictOption, cache_dir,
)


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
    max_bytes: MaxBytesOption = 5 * 1024 * 1024,
    cache: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    compendium: Annotated[bool, typer.Option("--compendium/--no-compendium",
                                             help="Also write the compendium of every practice "
                                                  "(compendium.LANG.html and .pdf).")] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only warnings and errors: no progress bar, "
                                                            "no info notes, no list of files written.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also the time of each step and the "
                                                                "validation's info messages.")] = False,
) -> None:
    """Build the draft report: validate, aggregate by thematic area, render one draft per language.

    A progress bar shows on a terminal when the build takes more than a second (not under
    CI, not with --quiet; NO_COLOR is honoured).

    Exit codes: 0 built, 1 stopped (invalid submissions or configuration, or warnings with
    --strict; the previous outputs are left in place), 2 usage error.
    """
    from rich.console import Console

    from gcm_report.cli import output
    from gcm_report.cli.progress import BuildProgress, wanted
    from gcm_report.pipeline import build as run

    if quiet and verbose:
        typer.echo("error: --quiet and --verbose cannot be used together", err=True)
        raise typer.Exit(2)
    console = Console(highlight=False, stderr=True)
    targets = paths or [Path("submissions")]
    with BuildProgress(console, wanted(console, quiet)) as progress:
        result = run(config, targets, out, _split(lang) or None, _split(format),
                     strict=strict, pdf_variant=pdf_variant, progress=progress, max_bytes=max_bytes,
                     compendium=compendium, cache_dir=cache_dir(cache, no_cache, targets))
    if result.config_problems:
        for d in result.config_problems:
            console.print(f"[bold]{d.location}[/]: [bold red]{d.severity}[/][dim]\\[{d.code}][/] {d.message}",
                          soft_wrap=True)
    if result.validation is not None and not (quiet and result.validation.counts["error"] +
                                                result.validation.counts["warning"] == 0):
        output.text(result.validation, console, quiet=not verbose)
    for note in result.notes:
        if quiet and note.severity == "info":
            continue
        style = "bold yellow" if note.severity == "warning" else "bold cyan"
        console.print(f"[{style}]{note.severity}[/][dim]\\[{note.code}][/] {note.message}", soft_wrap=True)
    for lang_, files in ({} if quiet else result.missing_translations).items():
        console.print(f"[cyan]{sum(files.values())} text(s) from {len(files)} file(s) appear in another "
                      f"language in the {lang_} draft (marked with lang).[/]", soft_wrap=True)
    if result.error:
        console.print(f"[bold red]error:[/] {result.error}", soft_wrap=True)
    if verbose:
        for step in result.steps:
            console.print(f"[dim]{step.done:>3}/{step.total}[/] {step.stage:<9} {step.name:<40} "
                          f"{step.seconds:6.2f} s {step.detail}".rstrip(), soft_wrap=True)
    if not quiet:
        for path in result.written:
            if Path(path).name.startswith("."):  # the build's own bookkeeping (.gcm-report-build.json)
                continue
            typer.echo(f"wrote {path}")
    raise typer.Exit(result.exit_code)


def register(app: typer.Typer) -> None:
    app.command("build")(build)
