"""Where WeasyPrint 70, pydyf and tinyhtml5 spend time for nothing, corrected while printing: the same bytes.

Profiled (cProfile, py-spy, and valgrind's instruction counts, which the other work on a shared
machine does not disturb) on the example report (19 pages) and generated compendiums, each
correction removes work whose result was already known and changes no byte of the PDF:
tests/pdf/test_pdf_hotspots.py prints with and without them and compares the bytes. Each is a
context manager that yields whether it applied: one that replaces a whole function applies only
to the exact version it was written for (a hash of its source), one that replaces a few lines only
when each is found exactly once; otherwise it changes nothing and says so at debug level, like
render/pdf_scaling.py. :func:`hotspots` enters them all (render/pdf.py, while printing).

Here, style and layout (the text and output ones are in render/pdf_hotspots_text.py):

- :func:`plain_style_values_first`: a style value no rule declares (most of those read) is its
  parent's or its initial value; WeasyPrint finds it through its general path (variables, math,
  logical properties, special cases). The short way first.
- :func:`percentages_resolved_once_per_style`: a box's 18 used margins, paddings, borders and
  sizes, set each time the box is laid out, depend on its style and its containing block's size
  only: remembered per style.
- :func:`footnotes_laid_out_once`: each footnote call makes WeasyPrint measure the page's
  footnote area again, laying out every footnote already in it (a page of ten notes lays out 55):
  within that measure, a footnote laid out again with the same inputs gives a copy of the same
  result (the report: 181 footnote layouts down to 54, 4 % of its time).

Measured in instructions (valgrind; the same count whatever else the machine runs), with print.css's
Cost changes: the example report, English 18.2 G before, 13.9 G after, Chinese 18.7 G and 14.7 G,
Arabic 25.1 G and 18.3 G (about 2.9 G of each are Python's and WeasyPrint's start, paid once per
build); a 45-page compendium 26.7 G and 22.3 G. Memory: about 3 % more (the memos).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from gcm_report.render.pdf_hotspots_base import fingerprint, replace_everywhere, restore
from gcm_report.render.pdf_hotspots_text import (glyphs_read_once, pango_setup_once_per_style, parser_regex_cache,
                                                 pdf_objects_serialized_once, strut_once_per_style)

log = logging.getLogger(__name__)

__all__ = ["footnotes_laid_out_once", "hotspots", "percentages_resolved_once_per_style", "plain_style_values_first"]


@contextmanager
def hotspots() -> Iterator[dict[str, bool]]:
    """While inside, every correction of this module and of render/pdf_hotspots_text.py; yields
    which applied (name -> bool)."""
    corrections = (parser_regex_cache, pdf_objects_serialized_once, pango_setup_once_per_style,
                   strut_once_per_style, glyphs_read_once, plain_style_values_first,
                   percentages_resolved_once_per_style, footnotes_laid_out_once)
    with ExitStack() as stack:
        yield {c.__name__: stack.enter_context(c()) for c in corrections}


_MISSING = "5b34f190d6dc227f80ae5286fdd227ff12d955329d58b519ce4f03864e9841aa"  # WeasyPrint 70.0's ComputedStyle.__missing__


@contextmanager
def plain_style_values_first() -> Iterator[bool]:
    """While inside, an element's style value that nothing declares is found without the general path.

    WeasyPrint computes each style value of each element the first time layout reads it
    (``ComputedStyle.__missing__``), through a path that handles declared values, variables, math
    functions, logical properties and special cases. Most values read are declared by no rule:
    an inherited one is the parent's value, another one its initial value, which is what that path
    gives them. Those take the short way; all others the original one.
    """
    from weasyprint import css

    missing = css.ComputedStyle.__dict__.get("__missing__")
    if missing is None or fingerprint(missing) != _MISSING:
        log.debug("WeasyPrint's ComputedStyle.__missing__ is not the one expected: left as it is")
        yield False
        return
    inherited, not_computed, initial = css.INHERITED, css.INITIAL_NOT_COMPUTED, css.INITIAL_VALUES
    physical, check_math = css.PHYSICAL_FUNCTIONS, css.check_math
    special = frozenset(("float", "display", "position", "page"))

    def __missing__(self, key):  # type: ignore[no-untyped-def]
        cascaded = self.cascaded
        if key in cascaded or key in special or key[:2] == "__" or key[:16] == "text_decoration_":
            return missing(self, key)
        logical = physical.get(key)
        if logical is not None and logical(block="ttb", inline=self["direction"]) in cascaded:
            return missing(self, key)
        if key in inherited:
            parent = self.parent_style
            if parent is None:
                return missing(self, key)
            value = parent[key]
            if check_math(value):
                return missing(self, key)
            self[key] = value
            return value
        if key in not_computed:
            return missing(self, key)
        value = self[key] = initial[key]
        return value

    css.ComputedStyle.__missing__ = __missing__
    try:
        yield True
    finally:
        css.ComputedStyle.__missing__ = missing


_PERCENTAGES = ("71673078096fcf8764e6412933288cc79ba956eae0d939deda27beaeac45acad",   # WeasyPrint 70.0's
                "88f3351db0280d16752c28f87f2a50344c0177dd5e20879e8b8da4be3ef4ec8e")   # and its box sizing
_USED = ("margin_left", "margin_right", "margin_top", "margin_bottom", "padding_left", "padding_right",
         "padding_top", "padding_bottom", "width", "min_width", "max_width", "height", "min_height",
         "max_height", "border_top_width", "border_right_width", "border_bottom_width", "border_left_width")


@contextmanager
def percentages_resolved_once_per_style() -> Iterator[bool]:
    """While inside, a box's used margins, paddings, borders and sizes come from its style's memo.

    WeasyPrint's ``resolve_percentages`` sets 18 used values on a box from its style and its
    containing block's size, each time the box (or a copy) is laid out: on every page, every line
    break, every try at a column height. The values depend on nothing else (the style's values do not
    change once layout has begun; a style that layout changes is a copy), so they are computed once
    per style, containing size and kind of box, and set again from that memo. Not for collapsed
    table borders, which depend on the box.
    """
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout import percent

    original = percent.resolve_percentages
    if (fingerprint(original), fingerprint(percent.adjust_box_sizing)) != _PERCENTAGES:
        log.debug("WeasyPrint's resolve_percentages is not the one expected: left as it is")
        yield False
        return
    box_class, page_class = boxes.Box, boxes.PageBox

    def resolve_percentages(box, containing_block):  # type: ignore[no-untyped-def]
        if isinstance(containing_block, box_class):
            key = (containing_block.width, containing_block.height, isinstance(box, page_class))
        else:
            width, height = containing_block
            key = (width, height, isinstance(box, page_class))
        memo = box.style.__dict__.get("_gcm_used")
        if memo is None:
            memo = box.style.__dict__["_gcm_used"] = {}
        else:
            used = memo.get(key)
            if used is not None:
                box.__dict__.update(zip(_USED, used))
                return
        original(box, containing_block)
        if box.style["border_collapse"] != "collapse":
            state = box.__dict__
            memo[key] = tuple(state[name] for name in _USED)

    modules = replace_everywhere(original, resolve_percentages)
    try:
        yield True
    finally:
        restore(modules, resolve_percentages, original)


_UPDATE_FOOTNOTE_AREA = "0fcc68f3897d5ef0d681d0c7105373ebcea7a030729ce1981a7b2734f32962b5"  # WeasyPrint 70.0
_LAYOUT_PARAMETERS = ("context", "box", "bottom_space", "skip_stack", "containing_block", "page_is_empty",
                      "absolute_boxes", "fixed_boxes", "adjoining_margins", "first_letter_style",
                      "first_line_style", "discard", "max_lines")


@contextmanager
def footnotes_laid_out_once() -> Iterator[bool]:
    """While inside, the footnote area is measured without laying out again the footnotes it had.

    Each footnote call on a page makes WeasyPrint measure the page's footnote area again, laying
    out every footnote already in it, then the new one (``LayoutContext._update_footnote_area``):
    a page of ten notes lays out 55. Within that measure only, a footnote laid out with the same
    inputs as before (same page, same place, same margins above it: everything its layout reads)
    gives a copy of the same result instead. Only for notes of plain text, links and inline blocks
    (nothing that floats, is positioned, or leaves a trace in the layout's state), on a page with
    no float; the area laid out for printing is laid out as before.
    """
    import inspect

    from weasyprint.formatting_structure import boxes
    from weasyprint.layout import LayoutContext, block

    update = LayoutContext.__dict__.get("_update_footnote_area")
    layout = block.block_level_layout
    try:
        parameters = tuple(inspect.signature(layout).parameters)
    except (TypeError, ValueError):
        parameters = ()
    if update is None or fingerprint(update) != _UPDATE_FOOTNOTE_AREA or parameters != _LAYOUT_PARAMETERS:
        log.debug("WeasyPrint's footnote area is not the one expected: footnotes laid out as before")
        yield False
        return
    plain = (boxes.BlockBox, boxes.LineBox, boxes.InlineBox, boxes.TextBox, boxes.InlineBlockBox)
    measuring = False
    memo: dict[tuple, tuple] = {}
    simple: dict[int, tuple[object, bool]] = {}
    page: list[int] = [0]

    def is_simple(box) -> bool:  # type: ignore[no-untyped-def]
        found = simple.get(id(box.element))
        if found is None:
            ok = box.element is not None and all(
                type(b) in plain and b.style['position'] == 'static' and b.style['float'] in ('none', 'footnote')
                for b in [box, *box.descendants()])
            found = simple[id(box.element)] = (box.element, ok)
        return found[1]

    def remembered(context, box, bottom_space, skip_stack, containing_block, page_is_empty=True,  # type: ignore[no-untyped-def]
                   absolute_boxes=None, fixed_boxes=None, adjoining_margins=None, first_letter_style=None,
                   first_line_style=None, discard=False, max_lines=None):
        arguments = (context, box, bottom_space, skip_stack, containing_block, page_is_empty, absolute_boxes,
                     fixed_boxes, adjoining_margins, first_letter_style, first_line_style, discard, max_lines)
        if (not measuring or type(containing_block) is not boxes.FootnoteAreaBox or skip_stack is not None
                or context.excluded_shapes or first_letter_style is not None or first_line_style is not None
                or not is_simple(box)):
            return layout(*arguments)
        if page[0] != context.current_page:
            page[0] = context.current_page
            memo.clear()
        key = (id(box.element), box.element_tag, id(box.style), box.position_x, box.position_y, bottom_space,
               page_is_empty, tuple(adjoining_margins or ()), discard, max_lines, containing_block.width,
               containing_block.position_x, context.forced_break)
        found = memo.get(key)
        if found is None:
            result = layout(*arguments)
            new_box = result[0]
            found = memo[key] = (box.element, None if new_box is None else new_box.deepcopy(), *result[1:])
        _, new_box, resume_at, next_page, margins, collapsing_through, lines = found
        return (None if new_box is None else new_box.deepcopy(), resume_at, next_page,
                list(margins) if margins is not None else None, collapsing_through, lines)

    def measured(self):  # type: ignore[no-untyped-def]
        nonlocal measuring
        measuring = True
        try:
            return update(self)
        finally:
            measuring = False

    LayoutContext._update_footnote_area = measured
    block.block_level_layout = remembered
    try:
        yield True
    finally:
        block.block_level_layout = layout
        LayoutContext._update_footnote_area = update
        memo.clear()
        simple.clear()
