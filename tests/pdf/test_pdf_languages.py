"""The real drafts in the six languages: the example corpus (report.yaml, submissions/) drafted and
printed as `gcm-report build` does it, each language once per session (conftest.drafts).

Every language: masthead and summary on page 1, each footnote on the page of its call (read from
the PDF's 6.5 pt labels, and from WeasyPrint's layout), running heads, fonts embedded, no missing
glyph, every character there, metadata. The left-to-right languages are also read in order
against their HTML (pdfcheck.Reading). Text extraction cannot give right-to-left lines in
logical order (pdftotext -raw gives them in visual order, lam-alef ligatures split, mirrored
brackets as their pairs), so the Arabic draft's order is checked by position instead
(test_pdf_rtl.py), and its text with :func:`pdfcheck.loose`.
"""

from __future__ import annotations

import re

import io

import pdfcheck
import pytest
from pdfrender import SIX

pytestmark = pytest.mark.slow
each = pytest.mark.parametrize("lang", SIX)

LTR = tuple(lang for lang in SIX if lang != "ar")
SCRIPT_FACES = {"zh": ("Noto-Serif-CJK-SC", "Noto-Sans-CJK-SC"), "ar": ("NotoNaskhArabic", "LiberationSerif"),
                "en": ("LiberationSerif",), "fr": ("LiberationSerif",), "es": ("LiberationSerif",),
                "ru": ("LiberationSerif",)}
"""The faces each language's text must be printed in (pdffonts names, without the subset prefix)."""


@pytest.fixture(scope="module")
def sources(drafts):  # type: ignore[no-untyped-def]
    return {lang: pdfcheck.parse_source(d.html) for lang, d in drafts.items()}


@pytest.fixture(scope="module")
def labels(drafts):  # type: ignore[no-untyped-def]
    return {lang: pdfcheck.footnote_labels(d.path) for lang, d in drafts.items()}


@pytest.fixture(scope="module")
def logical(drafts):  # type: ignore[no-untyped-def]
    return {lang: pdfcheck.pdftotext_logical(d.path) for lang, d in drafts.items()}


@each
def test_page_one_is_the_masthead_and_the_summary(labels, sources, logical, lang):
    page = pdfcheck.loose(logical[lang][0])
    source = sources[lang]
    for key in ("un-name", "symbol", "organ", "distr", "doc-date", "original", "session", "agenda", "title",
                "report-of"):
        assert pdfcheck.loose(source.masthead[key]) in page, (key, source.masthead[key])
    summary = next(b for b in source.blocks if b.tag == "h2")
    assert pdfcheck.loose(summary.text) in page
    summary_note = "أ" if lang == "ar" else "a"
    assert labels[lang][summary_note] == [1, 1]          # the summary's note a at the foot of page 1


@each
def test_each_footnote_is_on_the_page_of_its_call(drafts, labels, lang):
    draft = drafts[lang]
    assert draft.stats.misplaced_footnotes == []          # WeasyPrint's own layout
    assert draft.stats.footnote_fix
    called = {pdfcheck.loose(n) for n in re.findall(r'class="fn-body" data-n="([^"]+)"', draft.html)}
    printed = labels[lang]                                # the PDF, as printed: call and note, 6.5 pt
    assert {f"|{k}|" if lang == "ar" else k for k in printed} == called
    moved = {label: pages for label, pages in printed.items() if len(pages) != 2 or pages[0] != pages[1]}
    assert moved == {}
    assert len(printed) > 40


@pytest.mark.parametrize("lang", LTR)
def test_the_text_is_all_there_in_reading_order(drafts, sources, lang):
    reading = pdfcheck.Reading(drafts[lang].path, sources[lang])
    assert reading.problems == []
    assert reading.misplaced_footnotes() == []
    assert reading.pages[0].body.startswith(sources[lang].masthead["un-name"])


@each
def test_running_heads_and_footers(drafts, sources, lang):
    source = sources[lang]
    pages = pdfcheck.pdftotext_pages(drafts[lang].path)
    count = len(pages)
    assert count >= 15
    assert pdfcheck.loose(pages[0]).endswith(pdfcheck.loose(source.job))
    for number, text in enumerate(pages[1:], start=2):
        tail = pdfcheck.loose(text)[-60:]
        for token in (source.symbol, f"{number}/{count}", source.job):
            assert pdfcheck.loose(token) in tail, (number, token, tail)


@each
def test_every_font_is_embedded_in_the_faces_of_its_script(drafts, lang):
    rows = pdfcheck.pdffonts(drafts[lang].path)
    assert rows
    for row in rows:
        assert (row["emb"], row["sub"], row["uni"]) == ("yes", "yes", "yes"), row
    names = " ".join(row["name"].replace("-", "") for row in rows)
    for face in SCRIPT_FACES[lang]:
        assert face.replace("-", "") in names, (face, names)
    assert not re.search(r"CJK(JP|KR|TC|HK)", names), names


@each
def test_no_glyph_is_missing_and_nothing_is_fetched(drafts, lang):
    stats = drafts[lang].stats
    assert pdfcheck.glyph_problems(drafts[lang].path) == []
    assert stats.warnings == [] and stats.refused == [] and stats.served == []


@each
def test_every_character_of_the_source_is_in_the_text(drafts, sources, logical, lang):
    source = sources[lang]
    wanted = set(pdfcheck.loose("".join(b.text for b in source.blocks) + "".join(n.text for n in source.footnotes)))
    printed = set(pdfcheck.loose("".join(logical[lang])))
    assert wanted - printed == set()


@each
def test_metadata_language_and_tags(drafts, lang):
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(drafts[lang].path.read_bytes()))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert reader.metadata["/Creator"] == "gcm-report" and reader.metadata["/Title"]
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
