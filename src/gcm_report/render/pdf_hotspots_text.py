"""Where WeasyPrint 70 spends time on text and output for nothing, corrected while printing: the same bytes.

Part of :mod:`gcm_report.render.pdf_hotspots` (which enters them all, and says how they are
guarded and tested): text layout and drawing (Pango), the HTML parser (tinyhtml5), the PDF writer
(pydyf).

- :func:`pango_setup_once_per_style`: WeasyPrint makes a new Pango context, language and font
  description for each text layout, three or four per line; once per style instead.
- :func:`strut_once_per_style`: a line's strut is looked up under a key string built afresh from
  16 style values on every call; once per style instead.
- :func:`glyphs_read_once`: drawing reads each glyph's geometry from Pango three times; once.
- :func:`parser_regex_cache`: tinyhtml5's ``chars_until`` caches its regular expressions under
  the wrong key, never finds one and builds it again on every call.
- :func:`pdf_objects_serialized_once`: pydyf's ``PDF.write`` serializes every object twice, the
  second time for the file identifier, compressing every stream twice at zlib's level 9; each
  stream is compressed once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from gcm_report.render.pdf_hotspots_base import fingerprint, recompiled, replace_everywhere, restore, source

log = logging.getLogger(__name__)


_SETUP = "14d4deae06744b5980feedeafe92e0423866e5c984a33dff4a105fa258c35714"  # WeasyPrint 70.0's Layout.setup


def _setup_once_per_style(line_break):  # type: ignore[no-untyped-def]
    """WeasyPrint 70.0's ``Layout.setup``, its style-only part (language, font description, font
    metrics) made once per style object and kept on it, the Pango context once per font
    configuration, direction and language (the only settings WeasyPrint gives a context); the same
    calls with the same arguments as the original for everything else."""
    ffi, pango, gobject = line_break.ffi, line_break.pango, line_break.gobject

    def shared(style):  # type: ignore[no-untyped-def]
        if style['font_language_override'] != 'normal':
            lang_p, lang = line_break.unicode_to_char_p(line_break.LST_TO_ISO.get(
                style['font_language_override'].lower(), style['font_language_override']))
        elif style['lang']:
            lang_p, lang = line_break.unicode_to_char_p(style['lang'])
        else:
            lang = None
            language = pango.pango_language_get_default()
        if lang:
            language = pango.pango_language_from_string(lang_p)
        # One context per font map, direction and language (the only settings WeasyPrint gives it)
        contexts = style.font_config.__dict__.setdefault('_gcm_contexts', {})
        key = (style['direction'], lang)
        pango_context = contexts.get(key)
        if pango_context is None:
            pango_context = contexts[key] = ffi.gc(
                pango.pango_font_map_create_context(style.font_config.font_map), gobject.g_object_unref)
            pango.pango_context_set_round_glyph_positions(pango_context, False)
            pango.pango_context_set_base_dir(pango_context, line_break.PANGO_DIRECTION[style['direction']])
            if lang:
                pango.pango_context_set_language(pango_context, language)
        assert not isinstance(style['font_family'], str), 'font_family should be a list'
        font_description = line_break.get_font_description(style)
        metrics = None
        if style['text_decoration_line'] != 'none':
            found = ffi.gc(pango.pango_context_get_metrics(pango_context, font_description, language),
                           pango.pango_font_metrics_unref)
            units = line_break.FROM_UNITS
            metrics = (units * pango.pango_font_metrics_get_ascent(found),
                       units * pango.pango_font_metrics_get_underline_position(found),
                       units * pango.pango_font_metrics_get_strikethrough_position(found),
                       units * pango.pango_font_metrics_get_underline_thickness(found),
                       units * pango.pango_font_metrics_get_strikethrough_thickness(found))
        features = line_break.font_features(
            style['font_kerning'], style['font_variant_ligatures'], style['font_variant_position'],
            style['font_variant_caps'], style['font_variant_numeric'], style['font_variant_alternates'],
            style['font_variant_east_asian'], style['font_feature_settings'])
        if features:
            features = ','.join(f'{key} {value}' for key, value in features.items()).encode()
        made = style.__dict__['_gcm_pango'] = (pango_context, lang_p if lang else None, language,
                                                font_description, metrics, features or None)
        return made

    def setup(self, style):  # type: ignore[no-untyped-def]
        self.style = style
        self.first_line_direction = 0
        made = style.__dict__.get('_gcm_pango') or shared(style)
        pango_context, _, self.language, font_description, metrics, features = made
        self.layout = ffi.gc(pango.pango_layout_new(pango_context), gobject.g_object_unref)
        pango.pango_layout_set_auto_dir(self.layout, False)
        pango.pango_layout_set_font_description(self.layout, font_description)
        if metrics is None:
            self.ascent = self.underline_position = self.strikethrough_position = None
        else:
            (self.ascent, self.underline_position, self.strikethrough_position,
             self.underline_thickness, self.strikethrough_thickness) = metrics
        if features:
            attr = style.font_config.font_features.setdefault(
                features, pango.pango_attr_font_features_new(features))
            attr_list = pango.pango_attr_list_new()
            pango.pango_attr_list_insert(attr_list, attr)
            pango.pango_layout_set_attributes(self.layout, attr_list)

    return setup


@contextmanager
def pango_setup_once_per_style() -> Iterator[bool]:
    """While inside, a text layout's Pango context and font description are made once per style.

    WeasyPrint makes a new Pango context, language and font description for every text layout
    (each line is laid out three or four times, and once more to be drawn), from the same style
    each time: made once per style object instead (the style's values do not change once
    layout has begun; a style that layout changes is a copy), and one context per direction and
    language, they have the same settings. Pango's contexts are meant to be shared by layouts.
    """
    from weasyprint.text import line_break

    original = line_break.Layout.__dict__.get("setup")
    if original is None or fingerprint(original) != _SETUP:
        log.debug("WeasyPrint's Layout.setup is not the one expected: left as it is")
        yield False
        return
    line_break.Layout.setup = _setup_once_per_style(line_break)
    try:
        yield True
    finally:
        line_break.Layout.setup = original


_STRUT = "b57885b70dd08efe92f72a746709e08c576f47b90edb36f02925fefa15bb761a"  # WeasyPrint 70.0's strut


@contextmanager
def strut_once_per_style() -> Iterator[bool]:
    """While inside, a style's strut (line height and baseline) is looked up once per style object.

    WeasyPrint keeps struts in a cache keyed by a string it builds from 16 of the style's values on
    every call (``_font_style_cache_key``): once per line, text and inline box. The strut depends on
    those values only, which do not change once read: it is kept on the style object too.
    """
    from weasyprint.text import line_break

    original = line_break.strut
    if fingerprint(original) != _STRUT:
        log.debug("WeasyPrint's strut is not the one expected: left as it is")
        yield False
        return

    def strut(style):  # type: ignore[no-untyped-def]
        found = style.__dict__.get("_gcm_strut")
        if found is None:
            found = style.__dict__["_gcm_strut"] = original(style)
        return found

    modules = replace_everywhere(original, strut)
    try:
        yield True
    finally:
        restore(modules, strut, original)


_GLYPH_LOOP = (  # WeasyPrint 70.0's draw_first_line: each glyph's geometry read once, Pango's constants once a line
    ("    stream.set_text_matrix(*matrix.values)\n",
     "    stream.set_text_matrix(*matrix.values)\n"
     "    glyph_empty, glyph_unknown = pango.PANGO_GLYPH_EMPTY, pango.PANGO_GLYPH_UNKNOWN_FLAG\n"),
    ("            glyph_id = glyph_info.glyph\n            width = glyph_info.geometry.width\n",
     "            glyph_id = glyph_info.glyph\n            geometry = glyph_info.geometry\n"
     "            width = geometry.width\n"),
    ("            if glyph_id == pango.PANGO_GLYPH_EMPTY:\n", "            if glyph_id == glyph_empty:\n"),
    ("            if glyph_id & pango.PANGO_GLYPH_UNKNOWN_FLAG:\n", "            if glyph_id & glyph_unknown:\n"),
    ("            offset = glyph_info.geometry.x_offset / font_size\n"
     "            rise = glyph_info.geometry.y_offset / 1000\n",
     "            offset = geometry.x_offset / font_size\n            rise = geometry.y_offset / 1000\n"),
)


@contextmanager
def glyphs_read_once() -> Iterator[bool]:
    """While inside, drawing a line reads each glyph's geometry from Pango once instead of three times.

    ``draw_first_line`` (WeasyPrint's drawing of text, glyph by glyph) asks cffi for a glyph's
    geometry for its width, then again for its offsets, and looks Pango's constants up for each
    glyph: the same values, read once.
    """
    from weasyprint.draw import text

    original = text.draw_first_line
    fixed = recompiled(original, _GLYPH_LOOP, text)
    if fixed is None:
        log.debug("WeasyPrint's draw_first_line is not the one expected: left as it is")
        yield False
        return
    text.draw_first_line = fixed
    try:
        yield True
    finally:
        text.draw_first_line = original


_REGEX_CACHE = ((
    "characters = characters_until_regex[(characters, opposite)] = regex\n",
    "characters_until_regex[(characters, opposite)] = characters = regex\n"),)


@contextmanager
def parser_regex_cache() -> Iterator[bool]:
    """While inside, tinyhtml5's ``chars_until`` finds the expressions it has already built."""
    from tinyhtml5 import inputstream

    stream = inputstream.HTMLUnicodeInputStream
    original = stream.__dict__.get("chars_until")
    fixed = recompiled(original, _REGEX_CACHE, inputstream) if original else None
    if fixed is None:
        log.debug("tinyhtml5's chars_until is not the one expected: left as it is")
        yield False
        return
    stream.chars_until = fixed
    try:
        yield True
    finally:
        stream.chars_until = original


_IDENTIFIER = "data = b''.join(obj.data for obj in self.objects if obj.free != 'f')"


@contextmanager
def pdf_objects_serialized_once() -> Iterator[bool]:
    """While inside, each stream is compressed once per ``PDF.write``, not once per use.

    Inside ``write`` only (nothing changes an object while it is written), a stream's bytes are
    remembered the first time they are read, keyed by the stream, which the memo keeps alive so
    that no other object can take its ``id``. Only streams: their compressed bytes are what costs
    (level 9) and weigh little; the other objects' bytes, remembered too, would have added about
    10 % to the memory of a long compendium's writing.
    """
    import pydyf

    stream_data = pydyf.Stream.__dict__.get("data")
    write = pydyf.PDF.__dict__.get("write")
    if (write is None or _IDENTIFIER not in source(write)
            or not isinstance(stream_data, property) or stream_data.fget is None):
        log.debug("pydyf's PDF.write is not the one expected: objects serialized as before")
        yield False
        return
    memo: dict[int, tuple[object, bytes]] | None = None

    def remembered(compute):  # type: ignore[no-untyped-def]
        def data(self):  # type: ignore[no-untyped-def]
            if memo is None:
                return compute(self)
            found = memo.get(id(self))
            if found is None:
                found = memo[id(self)] = (self, compute(self))
            return found[1]
        return property(data)

    def write_once(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal memo
        memo = {}
        try:
            return write(self, *args, **kwargs)
        finally:
            memo = None

    pydyf.Stream.data = remembered(stream_data.fget)
    pydyf.PDF.write = write_once
    try:
        yield True
    finally:
        pydyf.PDF.write = write
        pydyf.Stream.data = stream_data
