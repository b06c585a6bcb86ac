"""Inline SVG bar chart of objective coverage: one bar per objective, the count at its end.

Inline (not an image file) so the draft stays one self-contained file and the text
takes the page's fonts, Chinese included. The chart is an ``img`` for assistive
technology, named by its ``<title>`` and described by its ``<desc>``, which lists
every value, so nothing is conveyed by the drawing alone. Labels come from the
caller in the page's language; the font is named per language (see CHART_FONTS); everything placed
in the SVG is escaped here.

Right to left (the Arabic version), the chart is mirrored: the objective numbers in a column at
the right edge, each label right-aligned against its number, the axis left of the labels, bars
growing leftwards and the counts at their left ends. Positions and anchors are physical: the SVG
says ``direction="ltr"`` (Chromium would otherwise inherit the page's rtl and turn text-anchor
around), and the number and the label are separate texts, because WeasyPrint's SVG text lays
every line out left to right and ignores both ``direction`` and the Unicode isolates (RLI/PDI)
for ordering: "7 - label" as one text would show its number on the left.
"""

from __future__ import annotations

from markupsafe import Markup

BAR_HEIGHT = 16
ROW = 22
LABEL_WIDTH = 230
BAR_SPACE = 330
TOP = 8
WIDTH = LABEL_WIDTH + BAR_SPACE + 40
BAR_COLOUR = "#1f5f99"
"""UN blue, dark enough for 4.5:1 against white (the counts sit beside the bars, in black)."""


CHART_FONTS = {
    "zh": "Noto Sans CJK SC, sans-serif",
    "ar": "Noto Sans Arabic, Noto Naskh Arabic, sans-serif",
}
"""Inline SVG in a PDF gets neither the page's stylesheet nor its language, so the chart names its own
font; without this, Chinese labels came out in the Japanese forms of the CJK collection."""
DEFAULT_CHART_FONT = "Liberation Sans, Arial, sans-serif"


NUMBER_COLUMN = 28
"""Right to left: the width of the column of objective numbers at the right edge."""


def bar_chart(rows: list[tuple[str, int, str]], *, title: str, desc: str, lang: str = "en",
              chart_id: str = "chart-objectives", rtl: bool = False,
              numbers: list[str] | None = None) -> Markup:
    """A horizontal bar chart of (label, count, count as the language writes it), as inline SVG.

    `rtl` mirrors it for a right-to-left page; `numbers`, one per row, are then drawn in their
    own column at the right edge (left to right, the caller puts the number into the label)."""
    peak = max((value for _, value, _ in rows), default=0) or 1
    height = TOP * 2 + ROW * len(rows)
    parts = [
        Markup('<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
               'viewBox="0 0 {w} {h}" width="{w}" height="{h}" aria-labelledby="{i}-title {i}-desc" '
               'direction="ltr" font-size="12" font-family="{f}">').format(w=WIDTH, h=height, i=chart_id,
                                                         f=CHART_FONTS.get(lang, DEFAULT_CHART_FONT)),
        Markup('<title id="{}-title">{}</title>').format(chart_id, title),
        Markup('<desc id="{}-desc">{}</desc>').format(chart_id, desc),
    ]
    axis_x = WIDTH - LABEL_WIDTH - 6 if rtl else LABEL_WIDTH + 6
    parts.append(Markup('<line x1="{x}" y1="{t}" x2="{x}" y2="{b}" stroke="#333333" stroke-width="1"/>')
                 .format(x=axis_x, t=TOP, b=height - TOP))
    for index, (label, value, shown) in enumerate(rows):
        y = TOP + index * ROW
        middle = y + ROW / 2
        length = round(BAR_SPACE * value / peak, 1)
        if rtl:
            label_x, label_anchor = WIDTH - NUMBER_COLUMN, "end"
            bar_x, count_x, count_anchor = axis_x - length, axis_x - length - 4, "end"
            if numbers is not None:
                parts.append(Markup('<text x="{x}" y="{y}" text-anchor="end" dominant-baseline="middle" '
                                    'fill="#1a1a1a">{n}</text>').format(x=WIDTH - 2, y=middle, n=numbers[index]))
        else:
            label_x, label_anchor = LABEL_WIDTH, "end"
            bar_x, count_x, count_anchor = axis_x, axis_x + length + 4, "start"
        parts.append(Markup('<text x="{x}" y="{y}" text-anchor="{a}" dominant-baseline="middle" '
                            'fill="#1a1a1a">{label}</text>').format(x=label_x, y=middle, a=label_anchor,
                                                                   label=label))
        if value:
            parts.append(Markup('<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{c}"/>')
                         .format(x=round(bar_x, 1), y=y + (ROW - BAR_HEIGHT) / 2, w=length, h=BAR_HEIGHT,
                                 c=BAR_COLOUR))
        parts.append(Markup('<text x="{x}" y="{y}" text-anchor="{a}" dominant-baseline="middle" '
                            'fill="#1a1a1a">{v}</text>').format(x=round(count_x, 1), y=middle, a=count_anchor,
                                                               v=shown))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)

