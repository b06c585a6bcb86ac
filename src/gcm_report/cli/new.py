"""``gcm-report new``: write a commented submission skeleton that validates as it is."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gcm_report.cli.options import ConfigOption


def new(
    name: Annotated[str, typer.Argument(help="File name (kenya, or submissions/kenya.yaml).")],
    category: Annotated[str, typer.Option("--category", help="member-state, intergovernmental-organization, "
                                                             "un-entity or stakeholder.")] = "member-state",
    country: Annotated[str | None, typer.Option("--country", help="ISO 3166-1 alpha-3 code (Member States).")] = None,
    language: Annotated[str, typer.Option("--language", help="Language the submission is written in.")] = "en",
    cycle: Annotated[int | None, typer.Option("--cycle", help="Report year [default: from report.yaml, else this year].")] = None,
    config: ConfigOption = Path("report.yaml"),
    folder: Annotated[Path, typer.Option("--folder", help="Where to write it.")] = Path("submissions"),
) -> None:
    """Write a submission skeleton to fill in."""
    from gcm_report.schema.skeleton import SkeletonError, default_cycle, skeleton_path, write_skeleton

    if cycle is None:
        cycle = default_cycle(config)
    try:
        path = skeleton_path(name, folder)
        write_skeleton(path, category=category, country=country, language=language, cycle=cycle)
    except SkeletonError as err:
        typer.echo(f"gcm-report new: {err}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"Wrote {path}. Fill it in, then run: gcm-report validate {path}")


def register(app: typer.Typer) -> None:
    app.command("new")(new)
