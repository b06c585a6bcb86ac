"""What keeps a long PDF's printing time linear in its pages: WeasyPrint 70 and pydyf, corrected.

Measured on the compendium of 100, 200 and 1,000 generated submissions (266, 512 and 2,599 pages,
English): 231, 249 and 418 ms per page, and the write step's tagging alone went from 3.9 s to
18.3 s between 266 and 512 pages (x4.7 for x1.9 pages). The cause is pydyf's ``PDF.page_references``, a
property that builds a tuple of every page's reference each time it is read, and that WeasyPrint
reads once per structure element (pdf/tags.py: each paragraph, heading, span of a tagged PDF) and
once per named destination (pdf/anchors.py: every ``id``): time = elements x pages, quadratic.
For 2,600 pages that is about 260,000 elements times 2,600 references.

:func:`cached_page_references` replaces the property, while a PDF is written, by one that builds
the tuple again only when a page has been added since (pages are only ever appended): the same
references, the same bytes, once per page instead of once per element. If pydyf's class no longer
has the property (another version), nothing is changed.

:func:`anchors_as_sets` corrects the second quadratic term, in WeasyPrint's pagination
(``layout/page.py``, ``make_page``): each page gathers every anchor (every ``id``) of the pages
before it in a list, then tests each of its own anchors against that list, so that the test costs
the anchors so far: 25,000 ``id`` in the 1,000-submission compendium, 125,000 in 5,000. The
function is recompiled with sets for those membership tests (the lists are only ever tested,
never read in order): the same decisions, in constant time. If the lines are not found (another
WeasyPrint version), nothing is changed.

:func:`gcm_report.collector.no_full_collections`, which render_pdf also enters, keeps Python's garbage collector from walking, again and again, the
pages already laid out (they all stay alive until the PDF is written): after the two corrections
above, the collector was the largest term that grew faster than the pages.

With the three: 192, 189 and 201 ms per page for 138, 512 and 2,599 pages (2,599 pages in 524 s
instead of 1,086 s, byte for byte the same PDF). Memory is still in proportion to the pages
(WeasyPrint keeps every page's layout until the PDF is written: about 1.8 MB a page), and about
10-25 % higher without the full collections (5.1 GB instead of 4.6 GB for 2,599 pages).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)


@contextmanager
def cached_page_references() -> Iterator[bool]:
    """While inside, ``pydyf.PDF.page_references`` is computed once per page count, not per read.

    Yields whether the property was replaced. Not thread-safe (one render at a time per process,
    as the build does; the PDF jobs run in processes).
    """
    import pydyf

    original = pydyf.PDF.__dict__.get("page_references")
    if not isinstance(original, property) or original.fget is None:
        yield False
        return
    compute = original.fget

    def page_references(self: pydyf.PDF) -> tuple[bytes, ...]:
        count = len(self.pages["Kids"])
        cached = self.__dict__.get("_gcm_page_references")
        if cached is None or cached[0] != count:
            cached = self.__dict__["_gcm_page_references"] = (count, compute(self))
        return cached[1]

    pydyf.PDF.page_references = property(page_references)  # type: ignore[method-assign]
    try:
        yield True
    finally:
        pydyf.PDF.page_references = original  # type: ignore[method-assign]


_SETS = (  # (WeasyPrint 70's line, the same with a set), each found exactly once in make_page
    ("    cached_anchors = []\n    cached_lookups = []\n",
     "    cached_anchors = set()\n    cached_lookups = set()\n"),
    ("        cached_anchors.extend(x_remake_state.get('anchors', []))\n"
     "        cached_lookups.extend(x_remake_state.get('content_lookups', []))\n",
     "        cached_anchors.update(x_remake_state.get('anchors', []))\n"
     "        cached_lookups.update(x_remake_state.get('content_lookups', []))\n"),
    ("            cached_anchors.append(anchor)\n", "            cached_anchors.add(anchor)\n"),
    ("                cached_lookups.append(counter_lookup_id)\n",
     "                cached_lookups.add(counter_lookup_id)\n"),
)


@contextmanager
def anchors_as_sets() -> Iterator[bool]:
    """While inside, WeasyPrint's ``make_page`` tests anchors against a set, not a list.

    Yields whether the function was replaced (False, with a debug message, when its source is
    not the one expected). Not thread-safe, like :func:`cached_page_references`.
    """
    from weasyprint.layout import page

    from gcm_report.render.pdf_hotspots_base import recompiled

    original = page.make_page
    fixed = recompiled(original, _SETS, page)
    if fixed is None:
        log.debug("WeasyPrint's make_page is not the one expected: anchors stay in lists")
        yield False
        return
    page.make_page = fixed
    try:
        yield True
    finally:
        page.make_page = original
