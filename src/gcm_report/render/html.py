"""The HTML draft: the report model through the theme's Jinja templates, one language at a time.

Autoescape is on for every template whatever its name, so a submission's text can
never become markup; the only markup that reaches the page unescaped is built by
:mod:`gcm_report.render.page` (which escapes what it wraps), the theme's own CSS,
and the chart. Boilerplate goes through gettext (``jinja2.ext.i18n``, newstyle, so
``_()`` escapes its arguments too). The page is self-contained: CSS inline, the
chart inline, no script and no external resource.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from gcm_report.aggregate.model import Report
from gcm_report.render import i18n
from gcm_report.render.chart import bar_chart
from gcm_report.render.page import Page

STYLESHEETS = ("static/report.css", "static/print.css")
"""Inlined in this order into one <style>: screen and shared styles, then the print rules."""


def theme_dir(name: str = "default") -> Path:
    """A theme folder: the checkout's ``templates/`` when run from source, else the installed copy."""
    checkout = Path(__file__).resolve().parents[3] / "templates" / name
    if checkout.is_dir():
        return checkout
    installed = Path(str(resources.files("gcm_report").joinpath("templates", name)))
    if installed.is_dir():
        return installed
    raise FileNotFoundError(f"no theme named {name!r} (looked in {checkout} and {installed})")


def environment(theme: Path) -> Environment:
    """A fresh environment per document, so one language's catalogue never leaks into another's."""
    return Environment(
        loader=FileSystemLoader(theme),
        autoescape=True,
        extensions=["jinja2.ext.i18n", "jinja2.ext.do"],
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def stylesheet(theme: Path) -> Markup:
    """The theme's CSS, to inline; print.css is the PDF's and may not exist yet."""
    parts = [(theme / name).read_text(encoding="utf-8") for name in STYLESHEETS if (theme / name).is_file()]
    css = "\n".join(parts)
    if "</style" in css.lower():
        raise ValueError("a stylesheet of the theme contains '</style'")
    return Markup(css)


def objective_chart(page: Page, title: str, desc: str) -> Markup:
    """Annex chart: practices citing each objective, labelled in the page's language.

    `desc` introduces the values, which are appended so the description carries the data."""
    totals = {o: sum(by.values()) for o, by in page.report.counts.practices_by_objective.items()}
    rtl = page.dir == "rtl"
    rows, described = [], []
    for number in range(1, 24):
        short = page.reference.objectives[number].short
        text = short.get(page.lang) or short["en"]
        label = f"{page.numbered(number)} {text}"
        count = totals.get(number, 0)
        rows.append((text if rtl else label, count, page.num(count)))
        described.append(f"{label}: {page.num(count)}")
    return bar_chart(rows, title=str(title), desc=f"{desc} {'; '.join(described)}", lang=page.lang, rtl=rtl,
                     numbers=[str(n) for n in range(1, 24)] if rtl else None)


def render_html(report: Report, lang: str, theme: Path | None = None) -> str:
    """One language version of the draft, as a complete HTML document."""
    folder = theme or theme_dir()
    translations = i18n.translations(folder, lang)
    env = environment(folder)
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    page = Page(report, lang)
    template = env.get_template("report.html.j2")
    return template.render(
        report=report, page=page, lang=lang, dir=page.dir, css=stylesheet(folder),
        chart=lambda title, desc: objective_chart(page, title, desc),
    )
