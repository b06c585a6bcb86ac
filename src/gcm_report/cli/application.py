"""The typer application: the commands, each registered from its own module."""

from __future__ import annotations

from typing import Annotated

import typer

from gcm_report import __version__

app = typer.Typer(
    name="gcm-report",
    help="Validate Global Compact for Migration submissions and build the Secretary-General's draft report.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gcm-report {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Validate Global Compact for Migration submissions and build the Secretary-General's draft report."""


def _register() -> None:
    from gcm_report.cli import build, doctor, generate, messages, new, schema, serve, validate

    for module in (validate, build, serve, doctor, messages, schema, new, generate):
        module.register(app)


_register()


