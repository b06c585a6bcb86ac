"""A long PDF costs time in proportion to its pages (render/pdf_scaling.py), and the fixes change no byte.

pydyf's ``PDF.page_references`` built the tuple of every page's reference each time WeasyPrint read
it, once per structure element and per named destination, and WeasyPrint's pagination tested each
page's anchors against a list of all earlier ones: time grew with pages x elements. These tests
check that both corrections apply to the installed versions, count how often the tuple is built
(never the time: speed is measured by `make bench`), and compare bytes with and without them.
"""

from __future__ import annotations

import contextlib

import pytest
from pdfrender import render

from gcm_report.render import pdf
from gcm_report.render.compendium import render_compendium_html
from gcm_report.collector import no_full_collections
from gcm_report.render.pdf_scaling import anchors_as_sets, cached_page_references


def test_both_corrections_apply_to_the_installed_weasyprint_and_pydyf() -> None:
    """A new WeasyPrint or pydyf that no longer has the code corrected turns this red (not the build)."""
    import pydyf
    from weasyprint.layout import page

    make_page, references = page.make_page, pydyf.PDF.__dict__["page_references"]
    with cached_page_references() as cached, anchors_as_sets() as sets:
        assert cached and sets
        assert page.make_page is not make_page
    assert page.make_page is make_page and pydyf.PDF.__dict__["page_references"] is references


def test_full_collections_are_held_off_while_printing_and_allowed_again_after() -> None:
    import gc

    before = gc.get_threshold()
    with no_full_collections():
        assert gc.get_threshold()[:2] == before[:2] and gc.get_threshold()[2] > 10**6
        assert gc.isenabled()
    assert gc.get_threshold() == before


@pytest.fixture
def builds(monkeypatch):  # type: ignore[no-untyped-def]
    """How many times pydyf builds the tuple of page references (its own property, counted)."""
    import pydyf

    original = pydyf.PDF.__dict__["page_references"]
    calls: list[int] = []

    def counted(self):  # type: ignore[no-untyped-def]
        calls.append(1)
        return original.fget(self)

    monkeypatch.setattr(pydyf.PDF, "page_references", property(counted))
    return calls


@pytest.mark.slow  # a print of the kitchen sink's compendium, a few seconds
def test_page_references_are_built_once_per_page_not_per_element(kitchen_model, builds) -> None:
    html = render_compendium_html(kitchen_model, "en")
    render(html, "en", title="Compendium of practices")
    pages = pdf.last_stats.pages
    assert pages > 3
    assert 0 < len(builds) <= pages + 1, (len(builds), pages)


@pytest.mark.slow  # two prints
def test_the_corrections_change_no_byte(kitchen_model, monkeypatch) -> None:
    html = render_compendium_html(kitchen_model, "en")
    corrected = render(html, "en", title="Compendium of practices")
    monkeypatch.setattr(pdf, "cached_page_references", contextlib.nullcontext)
    monkeypatch.setattr(pdf, "anchors_as_sets", contextlib.nullcontext)
    monkeypatch.setattr(pdf, "no_full_collections", contextlib.nullcontext)
    assert render(html, "en", title="Compendium of practices") == corrected
