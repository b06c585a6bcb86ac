"""Fixtures of the PDF tests, each rendered once per session.

- ``rendered``: the HTML fixtures (fixtures/report-{zh,en}.html, made by fixtures/make_fixtures.py:
  the build's HTML of the project's example corpus, cut down to a few pages), with the theme's
  report.css and print.css inlined where the placeholder stands, as the build does, so these
  tests always print with the current stylesheets;
- ``drafts``: the example corpus's real drafts in the six languages, HTML and PDF, as the build
  makes them (test_pdf_languages.py, test_pdf_rtl.py).
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

from pdfrender import LANGS, SIX, fixture_html, render  # noqa: E402


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


# --------------------------------------------------------------------------- the real drafts, six languages

ROOT = HERE.parents[1]


@dataclass
class Draft:
    lang: str
    html: str
    path: Path
    seconds: float
    stats: object


def _print_draft(job: tuple[str, str, dict]) -> tuple[str, bytes, float, object]:
    """One language's PDF, in a worker process (render_pdf is not thread-safe; processes are)."""
    from gcm_report.render import pdf
    from gcm_report.render.html import theme_dir

    lang, html, meta = job
    started = time.perf_counter()
    data = pdf.render_pdf(html, lang=lang, theme_dir=theme_dir(), **meta)
    return lang, data, time.perf_counter() - started, pdf.last_stats


@pytest.fixture(scope="session")
def drafts(tmp_path_factory, poppler) -> dict[str, Draft]:  # type: ignore[no-untyped-def]
    """The example corpus (report.yaml, submissions/) as `gcm-report build` drafts it, HTML and PDF,
    in each of the six languages, printed once for the whole session (about 6-12 s a language,
    spread over the machine's cores)."""
    import os
    from concurrent.futures import ProcessPoolExecutor

    from gcm_report.aggregate import aggregate
    from gcm_report.pipeline import file_refs
    from gcm_report.render import i18n
    from gcm_report.render.html import render_html, theme_dir
    from gcm_report.validate import load_config, validate_paths

    config_path, corpus = ROOT / "report.yaml", ROOT / "submissions"
    if not config_path.is_file() or not any(corpus.rglob("*.yaml")):
        pytest.skip("the example corpus is not in this checkout")
    config, problems = load_config(config_path)
    assert config is not None, problems
    validation = validate_paths([corpus], config=config)
    assert validation.valid
    folder = tmp_path_factory.mktemp("drafts")
    model = aggregate(validation.loaded, config, file_refs(validation.loaded, [corpus], folder))
    theme = theme_dir()
    jobs, pages = [], {}
    for lang in SIX:
        pages[lang] = render_html(model, lang, theme)
        words = i18n.translations(theme, lang)
        jobs.append((lang, pages[lang], {
            "title": model.title.get(lang) or model.title[model.original_language],
            "author": words.gettext("United Nations"),
            "subject": f"{model.symbol} {words.gettext('Report of the Secretary-General')}",
            "date": model.date}))
    out = {}
    with ProcessPoolExecutor(max_workers=min(len(jobs), os.cpu_count() or 1)) as pool:
        for lang, data, seconds, stats in pool.map(_print_draft, jobs):
            path = folder / f"report.{lang}.pdf"
            path.write_bytes(data)
            out[lang] = Draft(lang, pages[lang], path, seconds, stats)
    return out
