"""Footnotes stay on the page of their call whatever falls where (WeasyPrint issues 1564/1924/2432).

Text of growing length is put before chapter I so that every page break moves; for each layout
the footnotes are read back from the PDF. Of 48 such layouts of the present fixtures (shifts 0-23,
both languages), 9 had a footnote away from its call without render/pdf.py's deferral fix and 21
without print.css's footnote-policy: line; with both, none. Each shift below fails without one of
the two, and each of the two is caught by at least two shifts per language (measured with
WeasyPrint 70 when the fixtures were regenerated for the six-language templates; a new fixture or
stylesheet moves the page breaks, so measure again).
"""

from __future__ import annotations

import pdfcheck
import pytest
from pdfrender import fixture_html, render

FILLER = {"en": "Filler text for the layout sweep. ", "zh": "这是用于版面测试的填充文字。"}
# Failing without the deferral fix: en 0, 1, 10, 18; zh 4, 10, 14, 19, 20. Without footnote-policy:
# line: en 6, 15, 23; zh 6 to 23.
SHIFTS = {"en": (0, 6, 10, 15), "zh": (4, 9, 14, 19)}


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "shift"), [(lang, s) for lang, shifts in SHIFTS.items() for s in shifts])
def test_footnotes_stay_with_their_calls(lang, shift, tmp_path, poppler):
    from gcm_report.render import pdf

    marker = '<section class="chapter" id="chapter-1"'
    html = fixture_html(lang).replace(marker, f'<p class="lead">{FILLER[lang] * shift * 3}</p>' + marker, 1)
    path = tmp_path / f"{lang}-{shift}.pdf"
    path.write_bytes(render(html, lang))
    assert pdf.last_stats.misplaced_footnotes == []
    reading = pdfcheck.Reading(path, pdfcheck.parse_source(html))
    assert reading.problems == []
    assert reading.misplaced_footnotes() == []
