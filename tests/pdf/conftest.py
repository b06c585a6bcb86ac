"""Fixtures of the PDF tests: the HTML fixtures with the theme's CSS inlined, rendered once per session.

The fixtures (fixtures/report-{zh,en}.html, made by fixtures/make_fixtures.py) are the build's
HTML of the project's example corpus, cut down to a few pages; the theme's report.css and
print.css are inlined where the placeholder stands, as the build does, so these tests always
print with the current stylesheets.
"""

from __future__ import annotations

import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # pdfcheck, pdfrender

from pdfrender import LANGS, fixture_html, render  # noqa: E402


@dataclass
class Rendered:
    lang: str
    html: str
    path: Path
    data: bytes
    seconds: float
    stats: object


@pytest.fixture(scope="session")
def poppler() -> None:
    missing = [tool for tool in ("pdftotext", "pdffonts", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"poppler-utils missing ({', '.join(missing)}): make test-deps")


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> dict[str, Rendered]:  # type: ignore[no-untyped-def]
    """Each fixture printed once for the whole session (written atomically, as the build does)."""
    from gcm_report.render import pdf
    from gcm_report.write.atomic import write_bytes

    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for lang in LANGS:
        html = fixture_html(lang)
        started = time.perf_counter()
        data = render(html, lang)
        seconds = time.perf_counter() - started
        path = folder / f"report.{lang}.pdf"
        write_bytes(path, data)
        out[lang] = Rendered(lang, html, path, data, seconds, pdf.last_stats)
    return out


@pytest.fixture(scope="session")
def readings(rendered, poppler):  # type: ignore[no-untyped-def]
    import pdfcheck

    return {lang: pdfcheck.Reading(r.path, pdfcheck.parse_source(r.html)) for lang, r in rendered.items()}
