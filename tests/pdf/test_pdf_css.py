"""print.css: the rules whose breakage is silent (measured traps of WeasyPrint 70)."""

from __future__ import annotations

import re

import tinycss2
from pdfrender import THEME

CSS = (THEME / "static" / "print.css").read_text(encoding="utf-8")


def _without_comments(text: str) -> str:
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def test_everything_is_inside_media_print():
    """The HTML inlines print.css for the screen too: nothing may leak out of @media print."""
    rules = tinycss2.parse_stylesheet(CSS, skip_comments=True, skip_whitespace=True)
    assert [r.type for r in rules] == ["at-rule"]
    assert rules[0].lower_at_keyword == "media"
    assert tinycss2.serialize(rules[0].prelude).strip() == "print"


def test_the_footnote_area_border_is_a_whole_pixel():
    """A fractional footnote-area border sent every footnote to a later page (59 pages for 15)."""
    area = re.search(r"@footnote\s*{([^}]*)}", _without_comments(CSS)).group(1)
    widths = re.findall(r"border(?:-top|-block-start)?(?:-width)?\s*:\s*([0-9.]+)(px|pt|mm|em)?", area)
    assert widths, area
    for value, unit in widths:
        assert unit == "px" and float(value).is_integer(), (value, unit)


def test_numbers_come_from_the_html_not_from_counters():
    text = _without_comments(CSS)
    assert "content: \"\\2060\" attr(data-n)" in text        # the call: the HTML's number
    assert re.search(r"::footnote-marker\s*{[^}]*content:\s*attr\(data-n\)", text)
    assert "counter(footnote)" not in text and "counter(para" not in text


def test_no_resource_is_fetched_from_outside():
    assert not re.search(r"url\(\s*['\"]?(https?:|//|file:)", CSS)
    assert "@import" not in _without_comments(CSS)


def test_footnotes_keep_to_their_line():
    text = _without_comments(CSS)
    for selector in (".fn-body", ".title-note"):
        block = re.search(re.escape(selector) + r"\s*{([^}]*)}", text).group(1)
        assert "float: footnote" in block and "footnote-policy: line" in block, selector


def test_one_stylesheet_for_both_directions():
    """Right to left (the Arabic version) must not depend on what WeasyPrint 70 gets wrong in rtl:
    text-indent (put on the left of the line whatever the direction) and flex `gap` (put on the
    wrong side, upstream issue 2555). Hangs and indents are margins on the labels' own boxes; the
    margin boxes, whose contents are Latin, read left to right."""
    text = _without_comments(CSS)
    assert set(re.findall(r"text-indent:\s*([^;]+);", text)) <= {"0"}
    assert set(re.findall(r"(?<![-\w])gap:\s*([^;]+);", text)) <= {"0"}
    boxes = re.findall(r"@(?:top|bottom)-(?:left|right)\s*{([^}]*)}", text)
    assert boxes and all("direction: ltr" in b for b in boxes if "content: none" not in b)
    physical = re.findall(r"(?<![-\w])(?:margin|padding|border)-(?:left|right)\s*:|text-align:\s*(?:left|right)", text)
    assert physical == []


def _block(selector: str) -> str:
    text = _without_comments(CSS)
    return re.search(re.escape(selector) + r"\s*{([^}]*)}", text).group(1)


def test_the_submitter_lists_are_two_balanced_columns_laid_out_once():
    """Two columns; nothing below them (margin, padding, border), or WeasyPrint 70 balances them twice."""
    block = _block("body.report ul.submitters")
    assert re.search(r"(?<![-\w])columns:\s*2\s*;", block)
    assert re.search(r"margin-block:\s*0\s*;", block)
    assert not re.search(r"(?:margin|padding|border)-block-end|padding-block|border-block|(?<![-\w])border:", block)


def test_labels_whose_text_always_fits_have_a_fixed_width():
    """A fixed inline-size spares WeasyPrint two measures of each label's content, and draws the same
    where the text fits (paragraph and chapter numbers do not always: they keep a minimum)."""
    for selector, width in ((".title-note .note-mark", "6.35mm"), ("p.subpara .subpara-label {", "6.35mm"),
                            (".fn-body::footnote-marker", "6.35mm"), ("ol.reference-list .list-label", "12.7mm"),
                            (".compendium .toc-num", "12.7mm"), (".compendium .entry-num", "12.7mm")):
        text = _without_comments(CSS)
        blocks = re.findall(re.escape(selector.rstrip(" {")) + r"\s*{([^}]*)}", text)
        assert any(re.search(r"(?<![-\w])inline-size:\s*" + re.escape(width), b) for b in blocks), selector
    assert "min-inline-size: 6.35mm" in _block("body.report p.subpara .subpara-label")  # the shared rule
    assert "min-inline-size: 12.7mm" in _block("body.report .subsection-letter")
