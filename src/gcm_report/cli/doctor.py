"""``gcm-report doctor``: can this machine print the PDF drafts? Versions, subsetting, fonts per language.

Fast (no WeasyPrint import): the libraries are asked for their versions through ctypes and the
fonts through fontconfig (``fc-list``, the same configuration WeasyPrint reads, FONTCONFIG_FILE
included). Each problem comes with the exact command that fixes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gcm_report.cli.options import ConfigOption


def _languages(config: Path) -> tuple[list[str], str]:
    """The languages of report.yaml (without validating the rest of it), else zh,en."""
    from gcm_report.render.fonts import DEFAULT_LANGUAGES

    if not config.is_file():
        return list(DEFAULT_LANGUAGES), f"default ({config} not found)"
    try:
        from ruamel.yaml import YAML

        data = YAML(typ="safe", pure=True).load(config.read_text(encoding="utf-8"))
        languages = data.get("languages") if isinstance(data, dict) else None
    except Exception as error:  # noqa: BLE001 - any unreadable file: say so, use the default
        return list(DEFAULT_LANGUAGES), f"default ({config} unreadable: {type(error).__name__})"
    if not languages:
        return list(DEFAULT_LANGUAGES), f"default ({config} names none)"
    return [str(lang) for lang in languages], str(config)


def doctor(config: ConfigOption = Path("report.yaml"),
           quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the problems.")] = False) -> None:
    """Check what the PDF drafts need: WeasyPrint, Pango, HarfBuzz subsetting, a font for each language.

    Exit codes: 0 everything present, 1 something missing (each with the command that fixes it).
    """
    from importlib.metadata import PackageNotFoundError, version

    from gcm_report.render import fonts

    problems: list[tuple[str, str]] = []   # (what, fix)
    lines: list[str] = []

    try:
        weasyprint = version("weasyprint")
    except PackageNotFoundError:
        weasyprint = None
        problems.append(("WeasyPrint is not installed", "make venv"))
    pango = fonts.pango_version()
    harfbuzz = fonts.harfbuzz_version()
    subset = fonts.harfbuzz_subset_available()
    lines.append(f"WeasyPrint  {weasyprint or 'missing'}")
    lines.append(f"Pango       {pango or 'missing'}")
    lines.append(f"HarfBuzz    {harfbuzz or 'missing'}")
    lines.append("HarfBuzz subsetting  " + ("present" if subset else "MISSING (WeasyPrint would fall back "
                                                                    "to fontTools: 11-13 s per Chinese draft)"))
    if pango is None:
        problems.append(("Pango is missing", "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"))
    if not subset:
        problems.append(("HarfBuzz subsetting is missing", f"sudo apt-get install {fonts.HARFBUZZ_SUBSET_PACKAGE}"))
    elif not fonts.version_at_least(harfbuzz, (4, 1, 0)):
        problems.append((f"HarfBuzz {harfbuzz} is older than 4.1.0 (WeasyPrint subsets with fontTools)",
                         "sudo apt-get install --only-upgrade libharfbuzz0b libharfbuzz-subset0"))

    languages, source = _languages(config)
    lines.append(f"Languages   {', '.join(languages)}  [{source}]")
    if not fonts.fc_list_available():
        problems.append(("fontconfig's fc-list is missing: fonts cannot be checked",
                         f"sudo apt-get install {fonts.FONTCONFIG_PACKAGE}"))
    else:
        for lang in languages:
            status = fonts.language_status(lang)
            spec = status.fonts
            if spec is None:
                state = "ok (any font)" if status.any_font else "MISSING"
                lines.append(f"  {lang:3} {state}: no font chosen by the theme for this language")
                if not status.any_font:
                    problems.append((f"no font for '{lang}'", "sudo apt-get install fonts-noto-core fonts-noto-extra"))
                continue
            if status.ok:
                lines.append(f"  {lang:3} ok       {', '.join(spec.families)}")
            elif not status.any_font:
                lines.append(f"  {lang:3} MISSING  no {spec.name} font at all (fc-list :lang={spec.fc_lang})")
                problems.append((f"no {spec.name} ({lang}) font: the {lang} PDF cannot be printed", spec.command))
            else:
                lines.append(f"  {lang:3} partial  the theme's {', '.join(status.missing_families)} missing; "
                             f"another {spec.name} font would be used")
                problems.append((f"{spec.name} ({lang}): {', '.join(status.missing_families)} not installed",
                                 spec.command))

    if not quiet:
        for line in lines:
            typer.echo(line)
    if problems:
        if not quiet:
            typer.echo("")
        for what, fix in problems:
            typer.echo(f"problem: {what}\n  fix: {fix}")
        raise typer.Exit(1)
    if not quiet:
        typer.echo("\nThe PDF drafts can be printed.")


def register(app: typer.Typer) -> None:
    app.command("doctor")(doctor)
