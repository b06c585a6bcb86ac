"""Two builds give identical bytes, whatever TZ, locale and hash seed; the dates are pinned."""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from gcm_report.render.pdf import creation_date

HERE = Path(__file__).resolve().parent

SCRIPT = """
import sys
sys.path.insert(0, {here!r})
from pdfrender import fixture_html, render
from pathlib import Path
for lang in ("zh", "en"):
    Path(sys.argv[1], lang + ".pdf").write_bytes(render(fixture_html(lang), lang))
"""


@pytest.mark.slow
def test_identical_bytes_in_another_process_timezone_and_locale(rendered, tmp_path):
    """The session's PDFs against PDFs made by a fresh process with another TZ, locale and hash seed."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(TZ="Pacific/Kiritimati", LC_ALL="C", LANG="C", PYTHONHASHSEED="4242")
    subprocess.run([sys.executable, "-c", SCRIPT.format(here=str(HERE)), str(tmp_path)], check=True,
                   env=env, cwd=tmp_path, timeout=300)
    for lang in ("zh", "en"):
        assert (tmp_path / f"{lang}.pdf").read_bytes() == rendered[lang].data, lang


@pytest.mark.slow
def test_source_date_epoch_sets_the_dates(monkeypatch):
    from pdfrender import render

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(365 * 86400 + 3600))
    html = '<html lang="en"><body class="report"><p>SOURCE_DATE_EPOCH</p></body></html>'
    data = render(html, "en")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.metadata["/CreationDate"] == reader.metadata["/ModDate"] == "D:19710101010000Z"
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "1971-01-01T01:00:00Z" in xmp
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert render(html, "en") != data


def test_creation_date_defaults_to_the_report_date(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    moment = creation_date(datetime.date(2020, 10, 23))
    assert moment == datetime.datetime(2020, 10, 23, tzinfo=datetime.UTC)


def test_creation_date_from_source_date_epoch_is_utc(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1603411200")
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    assert creation_date(datetime.date(1999, 1, 1)) == datetime.datetime(2020, 10, 23, tzinfo=datetime.UTC)


def test_a_bad_source_date_epoch_is_an_error(monkeypatch):
    from gcm_report.render.pdf import PdfError

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(PdfError, match="SOURCE_DATE_EPOCH"):
        creation_date(datetime.date(2020, 10, 23))


@pytest.mark.slow
def test_the_final_version_can_be_pdf_a_3a(tmp_path):
    """variant="pdf/a-3a": archival and tagged; sRGB output intent, PDF/A identification in XMP."""
    from pdfrender import fixture_html, render

    data = render(fixture_html("en"), "en", variant="pdf/a-3a")
    again = render(fixture_html("en"), "en", variant="pdf/a-3a")
    assert data == again
    reader = pypdf.PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    assert "/OutputIntents" in root and "/StructTreeRoot" in root


def test_an_unknown_variant_is_refused():
    from gcm_report.render.pdf import PdfError, render_pdf

    with pytest.raises(PdfError, match="pdf/ua-1"):
        render_pdf("<html></html>", lang="en", theme_dir=HERE, title="t", author="a", subject="s",
                   date=datetime.date(2020, 1, 1), variant="pdf/x-1a")
