"""The Arabic draft reads right to left: checked by where things are on the page (pdftotext -bbox),
against the English draft, which must stay as it was. Each check is a WeasyPrint 70 RTL gap that
print.css or the templates work around (see print.css's header): margin boxes, footnotes called
from a left-to-right sentence, hanging numbers (no text-indent), the mirrored masthead.
"""

from __future__ import annotations

import re

import pdfcheck
import pytest

pytestmark = pytest.mark.slow

A4_WIDTH = 595.3
BIDI_MARKS = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _words(draft, page):  # type: ignore[no-untyped-def]
    return [(BIDI_MARKS.sub("", t), x0, y0, x1, y1) for t, x0, y0, x1, y1 in pdfcheck.words(draft.path, page)]


def _word(words, text):  # type: ignore[no-untyped-def]
    """A word by its text; pdftotext -bbox gives an Arabic word's letters in visual order (reversed)."""
    found = [w for w in words if w[0] in (text, text[::-1])]
    assert found, (text, [w[0] for w in words][:40])
    return found[0]


def _line(words, word, tolerance=6.0):  # type: ignore[no-untyped-def]
    """The other words whose vertical centre is within `tolerance` of this word's."""
    middle = (word[2] + word[4]) / 2
    return [w for w in words if w is not word and abs((w[2] + w[4]) / 2 - middle) <= tolerance]


def test_the_arabic_masthead_is_mirrored(drafts):
    ar = _words(drafts["ar"], 1)
    symbol = next(w for w in ar if "A/75/542" in w[0])
    un = _word(ar, "المتحدة")
    assert symbol[3] < un[1]                                 # the symbol on the left, الأمم المتحدة on the right
    organ, distribution = _word(ar, "الجمعية"), next(w for w in ar if "عيزوتلا" in w[0] or "التوزيع" in w[0])
    assert distribution[3] < organ[1]                        # the distribution block on the left
    en = _words(drafts["en"], 1)
    assert next(w for w in en if "A/75/542" in w[0])[1] > _word(en, "Nations")[3]


@pytest.mark.parametrize(("lang", "outer"), [("ar", ("right", "left")), ("en", ("left", "right"))])
def test_running_heads_sit_on_the_outer_edges(drafts, lang, outer):
    """WeasyPrint makes an rtl document's first page a left page, so :left/:right mirror by themselves."""
    for page, side in zip((2, 3), outer, strict=True):
        symbol = next(w for w in _words(drafts[lang], page) if w[0] == "A/75/542" and w[2] < 80)
        assert ("right" if symbol[1] > A4_WIDTH / 2 else "left") == side, (lang, page, symbol)


def test_margin_boxes_read_left_to_right(drafts):
    """Margin boxes take the page's direction: without direction: ltr, "20-13940 (A)" printed as
    "(A) 20-13940"."""
    words = _words(drafts["ar"], 2)
    job = _word(words, "20-13940")
    letter = next(w for w in _line(words, job) if "A" in w[0])
    assert job[3] < letter[1]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_footnote_markers_and_paragraph_numbers_stand_at_the_start_of_their_lines(drafts, lang):
    """Right of their text in Arabic, left of it in English. A footnote called from an English
    sentence of the Arabic version keeps the page's direction (print.css html[dir] .fn-body), and
    numbers hang by a negative margin, not by text-indent (applied on the left whatever the
    direction by WeasyPrint 70)."""
    markers, numbers, lines = [], [], []
    for page in (2, 3, 4):
        words = _words(drafts[lang], page)
        labels = [w for w in words if re.fullmatch(r"[()]?\d{1,2}[()]?", w[0]) and w[4] - w[2] < 9]
        for label in {w[0] for w in labels}:                 # a note's marker is below its call
            marker = max((w for w in labels if w[0] == label), key=lambda w: w[2])
            markers.append(marker)
            lines.append((marker, [w for w in _line(words, marker) if w not in labels]))
        for word in words:                                   # paragraph numbers: "12." / "12 -"
            if lang == "en" and re.fullmatch(r"\d+\.", word[0]) or lang == "ar" and word[0].isdigit() and any(
                    w[0] == "-" and 0 <= word[1] - w[3] < 12 for w in _line(words, word, 3)):
                numbers.append(word)
                lines.append((word, [w for w in _line(words, word, 3) if w[0] != "-"]))
    assert markers and len(numbers) >= 3, (markers, numbers)
    for word, others in lines:
        assert others, word
        if lang == "ar":
            assert word[1] > max(w[3] for w in others) - 0.5, (word, others)
        else:
            assert word[3] < min(w[1] for w in others) + 0.5, (word, others)
