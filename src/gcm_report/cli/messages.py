"""``gcm-report messages``: does every language of the theme have all its boilerplate? Lists what is missing."""

from __future__ import annotations

from typing import Annotated

import typer


def messages(
    langs: Annotated[list[str] | None, typer.Argument(
        metavar="LANG", help="Languages to check, e.g. fr ar [default: every catalogue of the theme].",
        show_default=False)] = None,
    missing: Annotated[bool, typer.Option("--missing", help="List each message a language lacks "
                                                             "(its English msgid), one per line.")] = False,
) -> None:
    """Check the boilerplate of each language: what its message catalogue still lacks.

    The catalogues (templates/default/locales/LANG/LC_MESSAGES/messages.po) are compared with the
    theme's template (messages.pot, `make messages`). A message is missing when the catalogue lacks it, leaves a msgstr (or a plural form) empty, or
    marks it fuzzy. Exit codes: 0 every language complete, 1 something missing.
    """
    from gcm_report.render import i18n
    from gcm_report.render.html import theme_dir

    theme = theme_dir()
    total = len(i18n.template_messages(theme))
    incomplete = False
    for lang in langs or i18n.available_languages(theme):
        lacking = i18n.missing_messages(theme, lang)
        incomplete |= bool(lacking)
        state = "complete" if not lacking else f"{len(lacking)} missing"
        if not i18n.catalogue_path(theme, lang).is_file() and lang != i18n.SOURCE_LANGUAGE:
            state += f" (no catalogue: {i18n.catalogue_path(theme, lang)})"
        typer.echo(f"{lang:3} {total - len(lacking)}/{total} translated, {state}")
        if missing:
            for msgid in lacking:
                typer.echo(f"    {msgid}")
    raise typer.Exit(1 if incomplete else 0)


def register(app: typer.Typer) -> None:
    app.command("messages")(messages)
