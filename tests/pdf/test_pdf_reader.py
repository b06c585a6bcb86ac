"""The PDF drafts as a reader sees them: page 1, reading order, footnotes, running heads, outline,
metadata, fonts and glyphs. Each fixture is printed once per session (conftest.rendered)."""

from __future__ import annotations

import re

import pdfcheck
import pytest

LANGS = ("zh", "en")

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("lang", LANGS)]


def test_the_text_is_all_there_in_reading_order(readings, lang):
    """Every block of the HTML (masthead, summary, headings, paragraphs, table cells) is found in
    the page flow in document order; each page ends with its footnotes, then its running head
    and footer; nothing else is in the footnote area."""
    reading = readings[lang]
    assert reading.problems == []


def test_page_one_is_the_masthead_and_front_matter(readings, lang):
    reading = readings[lang]
    source = reading.source
    for key in ("un-name", "symbol", "organ", "distr", "doc-date", "original", "session", "agenda",
                "title", "report-of"):
        assert source.masthead[key] in reading.pages[0].body, key
    order = [reading.pages[0].body.find(source.masthead[k]) for k in
             ("un-name", "symbol", "organ", "distr", "doc-date", "original", "session", "agenda",
              "title", "report-of")]
    assert order == sorted(order)
    summary = next(i for i, b in enumerate(source.blocks) if b.tag == "h2")
    assert reading.page_of_block(summary) == 1
    # The asterisk note and the summary's footnote a at the foot of page 1, nothing before them.
    assert reading.pages[0].notes[:2] == ["a", "*"]
    assert reading.pages[0].body.startswith(source.masthead["un-name"])


def test_each_footnote_is_on_the_page_of_its_call(readings, rendered, lang):
    reading = readings[lang]
    assert reading.misplaced_footnotes() == []
    assert rendered[lang].stats.misplaced_footnotes == []   # WeasyPrint's own layout agrees
    assert rendered[lang].stats.footnote_fix                 # the deferral patch applied


def test_footnotes_are_numbered_continuously(readings, lang):
    numbers = [n for page in readings[lang].pages for n in page.notes if n.isdigit()]
    assert numbers == [str(i) for i in range(1, len(numbers) + 1)]
    assert len(numbers) >= 20


def test_paragraph_numbers_are_continuous_and_in_order(readings, lang):
    reading = readings[lang]
    numbers = [b.para for b in reading.source.paragraphs]
    assert numbers == list(range(1, len(numbers) + 1))
    positions = [reading.block_positions[i] for i, b in enumerate(reading.source.blocks) if b.para]
    assert None not in positions and positions == sorted(positions)
    for i, block in enumerate(reading.source.blocks):
        if block.para:
            assert reading.flow[reading.block_positions[i]:].startswith(f"{block.para}.")


def test_running_heads_and_footers(readings, lang):
    reading = readings[lang]
    symbol, job = reading.source.symbol, pdfcheck.norm(reading.source.job)
    count = len(reading.pages)
    assert count >= 4
    assert reading.pages[0].margins == job
    for page in reading.pages[1:]:
        rest = page.margins
        for token in (symbol, f"{page.number}/{count}", job):
            assert token in rest, (page.number, token, page.margins)
            rest = rest.replace(token, "", 1)
        assert rest == "", (page.number, page.margins)   # no asterisk in the running head


def test_outline_has_the_chapters_and_subsections(readings, lang):
    reading = readings[lang]
    expected = [(level - 1, pdfcheck.norm(text)) for level, text in reading.source.headings]
    got = [(level, pdfcheck.norm(title)) for level, title in reading.outline()]
    assert got == expected
    assert sum(1 for level, _ in got if level == 1) >= 6 and any(level == 2 for level, _ in got)


def test_metadata_and_tags(readings, rendered, lang):
    reader = readings[lang].reader
    info = reader.metadata
    assert info["/Title"] == f"Global Compact for Migration ({lang})"
    assert info["/Author"] == "United Nations"
    assert info["/Subject"] == "A/75/542 Report of the Secretary-General"
    assert info["/CreationDate"] == info["/ModDate"] == "D:20201023000000Z"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp or "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert f"Global Compact for Migration ({lang})" in xmp
    assert len(reader.trailer["/ID"]) == 2


def test_every_font_is_embedded_with_unicode_map(rendered, poppler, lang):
    rows = pdfcheck.pdffonts(rendered[lang].path)
    assert rows
    for row in rows:
        assert (row["emb"], row["sub"], row["uni"]) == ("yes", "yes", "yes"), row
    names = " ".join(row["name"] for row in rows)
    if lang == "zh":
        assert "Noto-Serif-CJK-SC" in names and "Noto-Sans-CJK-SC" in names   # 宋体 text, 黑体 headings
        assert not re.search(r"CJK-(JP|KR|TC|HK)", names), names              # no Japanese/Korean forms
        assert "Oblique" not in names and "Italic" not in names              # no slanted Han
    else:
        assert "Liberation-Serif" in names                                   # Times metrics


def test_no_glyph_is_missing(rendered, lang):
    """No .notdef: every glyph shown exists in its embedded font (text extraction cannot see this)."""
    assert pdfcheck.glyph_problems(rendered[lang].path) == []


def test_every_character_of_the_source_is_in_the_text(readings, lang):
    reading = readings[lang]
    source_chars = set("".join(b.text for b in reading.source.blocks))
    source_chars |= set("".join(n.text for n in reading.source.footnotes))
    pdf_chars = set("".join(p.text for p in reading.pages))
    assert source_chars - pdf_chars == set()


def test_no_warnings_and_nothing_fetched(rendered, lang):
    stats = rendered[lang].stats
    assert stats.warnings == []
    assert stats.refused == [] and stats.served == []


def test_pages_rasterise(rendered, poppler, tmp_path, lang):
    """pdftoppm reads every page (the images are for looking at: make pdf-preview)."""
    import subprocess

    subprocess.run(["pdftoppm", "-png", "-r", "20", str(rendered[lang].path), str(tmp_path / "p")], check=True)
    assert len(list(tmp_path.glob("p-*.png"))) == len(pdfcheck.pdftotext_pages(rendered[lang].path))
