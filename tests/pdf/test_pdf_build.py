"""The real thing: `gcm-report build --format html,pdf` on the kitchen-sink corpus, read as a reader would.

Same reader-level checks as on the fixtures, on the build's own HTML and PDFs (printed by
render/pdf.py: the PDF's Creator says gcm-report).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pdfcheck
import pytest

ROOT = Path(__file__).resolve().parents[2]
KITCHEN = ROOT / "tests" / "fixtures" / "kitchen-sink"
LANGS = ("zh", "en")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory, poppler):  # type: ignore[no-untyped-def]
    if not (ROOT / "src" / "gcm_report" / "pipeline.py").is_file() or not (KITCHEN / "report.yaml").is_file():
        pytest.skip("no build pipeline or kitchen-sink corpus yet")
    out = tmp_path_factory.mktemp("build")
    result = subprocess.run(
        [sys.executable, "-m", "gcm_report", "build", "--config", str(KITCHEN / "report.yaml"),
         "--format", "html,pdf", "--out", str(out), str(KITCHEN / "submissions")],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    for lang in LANGS:
        assert f"wrote {out / f'report.{lang}.pdf'}" in result.stdout
    return {lang: pdfcheck.Reading(out / f"report.{lang}.pdf",
                                   pdfcheck.parse_source((out / f"report.{lang}.html").read_text(encoding="utf-8")))
            for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_built_pdf_reads_like_its_html(built, lang):
    reading = built[lang]
    assert reading.problems == []
    assert reading.misplaced_footnotes() == []
    assert reading.pages[0].notes[:1] == ["a"]
    numbers = [b.para for b in reading.source.paragraphs]
    assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.parametrize("lang", LANGS)
def test_built_pdf_outline_metadata_and_fonts(built, lang):
    reading = built[lang]
    expected = [(level - 1, pdfcheck.norm(text)) for level, text in reading.source.headings]
    assert [(level, pdfcheck.norm(t)) for level, t in reading.outline()] == expected
    info = reading.reader.metadata
    assert info["/Creator"] == "gcm-report" and info["/Title"]
    assert reading.reader.trailer["/Root"]["/Lang"] == lang
    rows = pdfcheck.pdffonts(reading.path)
    assert rows and all(row["emb"] == "yes" and row["uni"] == "yes" for row in rows), rows
    assert pdfcheck.glyph_problems(reading.path) == []


def test_built_chinese_pdf_uses_simplified_chinese_faces(built):
    """Han characters in a Japanese face (Noto Sans CJK JP) take Japanese glyph forms."""
    names = " ".join(row["name"] for row in pdfcheck.pdffonts(built["zh"].path))
    assert "CJK-SC" in names or "CJKsc" in names or "CJK SC" in names, names
    assert not re.search(r"CJK-(JP|KR|TC|HK)", names), names
