"""Inline SVG bar chart of objective coverage: one bar per objective, the count at its end.

Inline (not an image file) so the draft stays one self-contained file and the text
takes the page's fonts, Chinese included. The chart is an ``img`` for assistive
technology, named by its ``<title>`` and described by its ``<desc>``, which lists
every value, so nothing is conveyed by the drawing alone. Labels come from the
caller in the page's language; the font is named per language (see CHART_FONTS); everything placed
in the SVG is escaped here.
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


def bar_chart(rows: list[tuple[str, int, str]], *, title: str, desc: str, lang: str = "en",
              chart_id: str = "chart-objectives") -> Markup:
    """A horizontal bar chart of (label, count, count as the language writes it), as inline SVG."""
    peak = max((value for _, value, _ in rows), default=0) or 1
    height = TOP * 2 + ROW * len(rows)
    parts = [
        Markup('<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
               'viewBox="0 0 {w} {h}" width="{w}" height="{h}" aria-labelledby="{i}-title {i}-desc" '
               'font-size="12" font-family="{f}">').format(w=WIDTH, h=height, i=chart_id,
                                                         f=CHART_FONTS.get(lang, DEFAULT_CHART_FONT)),
        Markup('<title id="{}-title">{}</title>').format(chart_id, title),
        Markup('<desc id="{}-desc">{}</desc>').format(chart_id, desc),
    ]
    axis_x = LABEL_WIDTH + 6
    parts.append(Markup('<line x1="{x}" y1="{t}" x2="{x}" y2="{b}" stroke="#333333" stroke-width="1"/>')
                 .format(x=axis_x, t=TOP, b=height - TOP))
    for index, (label, value, shown) in enumerate(rows):
        y = TOP + index * ROW
        middle = y + ROW / 2
        length = round(BAR_SPACE * value / peak, 1)
        parts.append(Markup('<text x="{x}" y="{y}" text-anchor="end" dominant-baseline="middle" '
                            'fill="#1a1a1a">{label}</text>').format(x=LABEL_WIDTH, y=middle, label=label))
        if value:
            parts.append(Markup('<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{c}"/>')
                         .format(x=axis_x, y=y + (ROW - BAR_HEIGHT) / 2, w=length, h=BAR_HEIGHT, c=BAR_COLOUR))
        parts.append(Markup('<text x="{x}" y="{y}" dominant-baseline="middle" fill="#1a1a1a">{v}</text>')
                     .format(x=axis_x + length + 4, y=middle, v=shown))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)

