"""Printing the PDF test fixtures: the HTML fixtures with the theme's CSS inlined, through render_pdf.

The fixtures (fixtures/report-{zh,en}.html, made by fixtures/make_fixtures.py) are the build's
HTML of the project's example corpus, cut down to a few pages; the theme's report.css and
print.css are inlined where the placeholder stands, as the build does, so the tests always
print with the current stylesheets.
"""

from __future__ import annotations

import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
THEME = ROOT / "templates" / "default"
FIXTURES = HERE / "fixtures"
LANGS = ("zh", "en")
"""The languages of the cut-down fixtures (fixtures/report-{zh,en}.html)."""
SIX = ("ar", "zh", "en", "fr", "ru", "es")
"""The six official languages, in which conftest.drafts prints the example corpus's real drafts."""
REPORT_DATE = datetime.date(2020, 10, 23)


def theme_css() -> str:
    parts = []
    for name in ("report.css", "print.css"):
        path = THEME / "static" / name
        if path.is_file():
            parts.append(path.read_text(encoding="utf-8"))
    return "\n".join(parts)


def fixture_html(lang: str) -> str:
    text = (FIXTURES / f"report-{lang}.html").read_text(encoding="utf-8")
    return text.replace("/*@theme-css@*/", theme_css())


def render(html: str, lang: str, **overrides) -> bytes:
    from gcm_report.render.pdf import render_pdf

    arguments = {"lang": lang, "theme_dir": THEME, "title": f"Global Compact for Migration ({lang})",
                 "author": "United Nations", "subject": "A/75/542 Report of the Secretary-General",
                 "date": REPORT_DATE}
    arguments.update(overrides)
    return render_pdf(html, **arguments)
