"""The time WeasyPrint spends for nothing, removed while printing (render/pdf_hotspots*.py): the same bytes.

Each correction applies to the installed WeasyPrint, pydyf and tinyhtml5 (a new version turns the
first test red, not the build, which prints as before), is undone on leaving, changes nothing when
the code is not the one it was written for, and changes no byte of the PDF: the fixtures and a
compendium are printed with and without. Speed is measured by `make bench`, never here; what is
counted here is work (how often the footnote area lays out a footnote).
"""

from __future__ import annotations

import contextlib
import functools

import pytest
from pdfrender import LANGS, fixture_html, render

from gcm_report.render import pdf, pdf_hotspots, pdf_hotspots_text
from gcm_report.render.compendium import render_compendium_html
from gcm_report.render.pdf_hotspots import hotspots


def _originals() -> dict[str, object]:
    import pydyf
    from tinyhtml5 import inputstream
    from weasyprint import css
    from weasyprint.draw import text
    from weasyprint.layout import LayoutContext, block, inline, percent
    from weasyprint.text import line_break

    return {"setup": line_break.Layout.__dict__["setup"], "missing": css.ComputedStyle.__dict__["__missing__"],
            "strut": line_break.strut, "inline strut": inline.strut, "percentages": percent.resolve_percentages,
            "block percentages": block.resolve_percentages, "block layout": block.block_level_layout,
            "footnote area": LayoutContext.__dict__["_update_footnote_area"], "draw": text.draw_first_line,
            "write": pydyf.PDF.__dict__["write"], "stream data": pydyf.Stream.__dict__["data"],
            "chars_until": inputstream.HTMLUnicodeInputStream.__dict__["chars_until"]}


def test_every_correction_applies_to_the_installed_libraries_and_is_undone_after() -> None:
    before = _originals()
    with hotspots() as applied:
        assert applied and all(applied.values()), applied
        during = _originals()
        assert all(during[name] is not before[name] for name in before), \
            [name for name in before if during[name] is before[name]]
    assert _originals() == before


def test_a_correction_written_for_another_version_changes_nothing(monkeypatch) -> None:
    from weasyprint import css
    from weasyprint.text import line_break

    monkeypatch.setattr(pdf_hotspots, "_MISSING", "0" * 64)
    monkeypatch.setattr(pdf_hotspots_text, "_SETUP", "0" * 64)
    missing, setup = css.ComputedStyle.__dict__["__missing__"], line_break.Layout.__dict__["setup"]
    with hotspots() as applied:
        assert not applied["plain_style_values_first"] and not applied["pango_setup_once_per_style"]
        assert css.ComputedStyle.__dict__["__missing__"] is missing
        assert line_break.Layout.__dict__["setup"] is setup
        assert applied["strut_once_per_style"]


@pytest.mark.slow  # the fixtures printed again without the corrections, and a compendium twice
def test_the_corrections_change_no_byte(rendered, kitchen_model, monkeypatch) -> None:
    book = render_compendium_html(kitchen_model, "en")
    corrected = render(book, "en", title="Compendium of practices")
    assert all(pdf.last_stats.corrections.values()) and pdf.last_stats.corrections
    monkeypatch.setattr(pdf, "hotspots", contextlib.nullcontext)
    assert render(book, "en", title="Compendium of practices") == corrected
    assert pdf.last_stats.corrections == {}
    for lang in LANGS:
        assert render(fixture_html(lang), lang) == rendered[lang].data, lang


@pytest.mark.slow  # two prints
def test_footnotes_already_measured_are_not_laid_out_again(monkeypatch) -> None:
    """Each footnote call measures the page's footnote area again; its earlier notes come from the memo."""
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout import block

    layouts: list[int] = []
    real_layout = block.block_level_layout

    @functools.wraps(real_layout)  # the same signature, which the correction checks
    def counted(context, box, bottom_space, skip_stack, containing_block, *args, **kwargs):  # type: ignore[no-untyped-def]
        if type(containing_block) is boxes.FootnoteAreaBox:
            layouts.append(1)
        return real_layout(context, box, bottom_space, skip_stack, containing_block, *args, **kwargs)

    monkeypatch.setattr(block, "block_level_layout", counted)
    html = fixture_html("en")
    corrected = render(html, "en")
    with_memo = len(layouts)
    assert pdf.last_stats.corrections["footnotes_laid_out_once"]

    @contextlib.contextmanager
    def off():  # type: ignore[no-untyped-def]
        yield False

    monkeypatch.setattr(pdf_hotspots, "footnotes_laid_out_once", off)
    layouts.clear()
    assert render(html, "en") == corrected
    assert 0 < with_memo < len(layouts), (with_memo, len(layouts))
