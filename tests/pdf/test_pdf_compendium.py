"""The compendium's PDF as a reader sees it: its table of contents gives the page on which each thematic
area and objective starts, each area opens a page, every font is embedded, and every practice is printed.

One print of the kitchen sink's compendium in English and one in Arabic (right to left: the page
numbers and leaders are mirrored), each a few seconds.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfcheck
import pytest
from pdfrender import render

from gcm_report.render.compendium import render_compendium_html

pytestmark = pytest.mark.slow  # two prints, about 5 s each

TOC_ENTRY = re.compile(r"\.{3,}\s*(\d+)\s*$|(\d+)\s*\.{3,}")
"""A line of the table of contents: leader dots and the page number (after them; in Arabic, where
pdftotext gives the mirrored line in logical order, before them)."""
BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module", params=["en", "ar"])
def compendium(request, kitchen_model, tmp_path_factory) -> tuple[str, str, Path]:  # type: ignore[no-untyped-def]
    lang = request.param
    html = render_compendium_html(kitchen_model, lang)
    path = tmp_path_factory.mktemp("compendium") / f"compendium.{lang}.pdf"
    path.write_bytes(render(html, lang, title="Compendium of practices", subject="Companion to A/75/542"))
    return lang, html, path


def _headings(path: Path) -> list[tuple[str, int]]:
    """The outline (bookmarks) in order: each heading's title and the page it stands on."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    found: list[tuple[str, int]] = []

    def walk(entries):  # type: ignore[no-untyped-def]
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                found.append((" ".join(entry.title.split()), reader.get_destination_page_number(entry) + 1))

    walk(reader.outline)
    return found


def _toc_numbers(path: Path) -> list[int]:
    """The page numbers the table of contents prints, in its order (it fills the first pages)."""
    import subprocess

    numbers: list[int] = []
    for page in (1, 2):
        text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
                              check=True, capture_output=True).stdout.decode("utf-8")
        for line in text.splitlines():
            match = TOC_ENTRY.search(BIDI.sub("", line).strip())
            if match:
                numbers.append(int(match.group(1) or match.group(2)))
    return numbers


def test_the_table_of_contents_gives_the_page_where_each_group_starts(compendium, poppler) -> None:
    lang, html, path = compendium
    headings = _headings(path)[1:]  # the first bookmark is the table of contents itself
    assert len(headings) == 5 + 11  # the areas A to E and the objective groups under them
    assert _toc_numbers(path) == [page for _, page in headings]


def _titles(html: str, parse_html) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.find("h4").text(skip=("entry-num",)) for e in parse_html(html).find_all("article", cls="practice")]


def test_each_area_starts_a_page_with_its_heading_then_its_first_objective_and_practice(compendium, poppler,
                                                                                        parse_html) -> None:
    lang, html, path = compendium
    pages = pdfcheck.pdftotext_pages(path)
    areas = [page for title, page in _headings(path) if title[:2] in {"A.", "B.", "C.", "D.", "E."}
             or title.split(" ")[0] in {"ألف", "باء", "جيم", "دال", "هاء"}]
    assert len(areas) == 5 and len(set(areas)) == 5
    for page in areas:
        assert pages[page - 1].strip(), page
    if lang == "en":
        first = pdfcheck.norm(pages[areas[0] - 1])
        order = [first.index(pdfcheck.norm(text)) for text in
                 ("A. Promoting fact-based", "Objective 7", "1. " + _titles(html, parse_html)[0])]
        assert order == sorted(order)


def test_every_practice_is_printed_once(compendium, parse_html) -> None:
    lang, html, path = compendium
    text = pdfcheck.norm("".join(pdfcheck.pdftotext_pages(path)))
    titles = _titles(html, parse_html)
    assert len(titles) == 14
    for title in titles:
        assert text.count(pdfcheck.norm(title)) >= 1, title


def test_every_font_is_embedded(compendium, poppler) -> None:
    lang, html, path = compendium
    fonts = pdfcheck.pdffonts(path)
    assert fonts and all(f["emb"] == "yes" and f["uni"] == "yes" for f in fonts), fonts
    assert pdfcheck.glyph_problems(path) == []
