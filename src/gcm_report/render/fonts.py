"""Fonts for the PDF drafts: which each language needs, whether fontconfig has them, and how
to install what is missing.

Everything here asks fontconfig (``fc-list``, the same configuration Pango and WeasyPrint
read, including ``FONTCONFIG_FILE``) and never imports WeasyPrint, so ``gcm-report doctor``
and the pre-render coverage check stay fast.
"""

from __future__ import annotations

import bisect
import ctypes
import ctypes.util
import functools
import os
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

DEFAULT_LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class LanguageFonts:
    """The faces the print stylesheet names for a language, and the Debian package with them."""

    lang: str
    name: str            # the language's name, for messages
    fc_lang: str         # fontconfig's language tag (fc-list :lang=...)
    families: tuple[str, ...]
    package: str

    @property
    def command(self) -> str:
        return f"sudo apt-get install {self.package}"


#: Kept in step with templates/default/static/print.css (text and headings) and render/chart.py
#: (CHART_FONTS: the chart's labels): every family a language's PDF is set in, each of which must
#: cover the language (fc-list :lang=...). Latin and Cyrillic: Liberation, metric-compatible with
#: Times New Roman and Arial; Chinese: Noto CJK SC, serif for text, sans for headings and the chart;
#: Arabic: Noto Naskh Arabic for text, Noto Sans Arabic for the chart (both in fonts-noto-core).
LANGUAGE_FONTS: dict[str, LanguageFonts] = {
    "zh": LanguageFonts("zh", "Chinese", "zh-cn", ("Noto Serif CJK SC", "Noto Sans CJK SC"),
                        "fonts-noto-cjk"),
    "en": LanguageFonts("en", "English", "en", ("Liberation Serif", "Liberation Sans"), "fonts-liberation"),
    "fr": LanguageFonts("fr", "French", "fr", ("Liberation Serif", "Liberation Sans"), "fonts-liberation"),
    "es": LanguageFonts("es", "Spanish", "es", ("Liberation Serif", "Liberation Sans"), "fonts-liberation"),
    "ru": LanguageFonts("ru", "Russian", "ru", ("Liberation Serif", "Liberation Sans"), "fonts-liberation"),
    "ar": LanguageFonts("ar", "Arabic", "ar", ("Noto Naskh Arabic", "Noto Sans Arabic"), "fonts-noto-core"),
}

HARFBUZZ_SUBSET_PACKAGE = "libharfbuzz-subset0"
FONTCONFIG_PACKAGE = "fontconfig"


class PdfError(RuntimeError):
    """The PDF could not be made; the message says why and, where it can, what fixes it."""


class FontError(PdfError):
    """The fonts installed cannot print the text: the message says what to install."""


class FontCoverageError(FontError):
    """Characters of the text that no installed font has (they would print as empty boxes)."""

    def __init__(self, lang: str, missing: Iterable[str], *, stage: str):
        self.lang = lang
        self.missing = sorted(set(missing))
        self.stage = stage
        shown = " ".join(f"{c} (U+{ord(c):04X})" for c in self.missing[:8])
        more = f" and {len(self.missing) - 8} more" if len(self.missing) > 8 else ""
        packages = sorted({package_for(c, lang) for c in self.missing})
        name = LANGUAGE_FONTS[lang].name if lang in LANGUAGE_FONTS else lang
        super().__init__(
            f"the {name} ({lang}) PDF cannot be printed: no installed font has "
            f"{len(self.missing)} character(s) of its text ({stage}): {shown}{more}. "
            f"Install the fonts with: sudo apt-get install {' '.join(packages)} "
            f"(then check with: gcm-report doctor)")

    def __reduce__(self):  # type: ignore[no-untyped-def]
        """Rebuilt from its fields, not its message: a PDF worker process sends it back pickled."""
        return _rebuild_coverage_error, (self.lang, tuple(self.missing), self.stage)


def _rebuild_coverage_error(lang: str, missing: tuple[str, ...], stage: str) -> FontCoverageError:
    return FontCoverageError(lang, missing, stage=stage)


class SubsettingError(FontError):
    """HarfBuzz subsetting is missing: WeasyPrint would take 11-13 s per Chinese document."""

    def __init__(self, detail: str = ""):
        self.detail = detail
        super().__init__(
            "HarfBuzz subsetting (libharfbuzz-subset) is not available, so WeasyPrint would subset "
            "fonts with fontTools (11-13 s per Chinese document instead of 0.2 s)"
            + (f": {detail}" if detail else "")
            + f". Install it with: sudo apt-get install {HARFBUZZ_SUBSET_PACKAGE}")

    def __reduce__(self):  # type: ignore[no-untyped-def]
        """Rebuilt from its detail, not its message (which would be wrapped twice after pickling)."""
        return type(self), (self.detail,)


# ---------------------------------------------------------------------------- fontconfig


def fc_list_available() -> bool:
    return shutil.which("fc-list") is not None


def _fc_list(*args: str) -> list[str]:
    if not fc_list_available():
        raise FontError(f"fontconfig's fc-list is not installed: sudo apt-get install {FONTCONFIG_PACKAGE}")
    result = subprocess.run(["fc-list", *args], capture_output=True, text=True, check=False,
                            env=os.environ.copy())
    return [line for line in result.stdout.splitlines() if line.strip()]


def families_for_language(lang: str) -> set[str]:
    """Families fontconfig lists for a language (``fc-list :lang=zh family``)."""
    fc_lang = LANGUAGE_FONTS[lang].fc_lang if lang in LANGUAGE_FONTS else lang
    families: set[str] = set()
    for line in _fc_list(f":lang={fc_lang}", "family"):
        families.update(name.strip() for name in line.split(","))
    return families


def has_family(family: str, lang: str | None = None) -> bool:
    pattern = family.replace("-", "\\-") + (f":lang={LANGUAGE_FONTS[lang].fc_lang}" if lang else "")
    return bool(_fc_list(pattern, "family"))


@dataclass(frozen=True)
class LanguageStatus:
    lang: str
    fonts: LanguageFonts | None
    any_font: bool               # some installed font supports the language
    missing_families: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.any_font and not self.missing_families


def language_status(lang: str) -> LanguageStatus:
    spec = LANGUAGE_FONTS.get(lang)
    any_font = bool(families_for_language(lang))
    if spec is None:
        return LanguageStatus(lang, None, any_font, ())
    missing = tuple(f for f in spec.families if not has_family(f, lang))
    return LanguageStatus(lang, spec, any_font, missing)


@functools.lru_cache(maxsize=4)
def _coverage(fontconfig_file: str | None) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Union of the charsets of every font fontconfig knows, as sorted disjoint ranges."""
    ranges: list[tuple[int, int]] = []
    for line in _fc_list("-f", "%{charset}\n"):
        for item in line.split():
            low, _, high = item.partition("-")
            try:
                ranges.append((int(low, 16), int(high or low, 16)))
            except ValueError:
                continue
    ranges.sort()
    starts: list[int] = []
    ends: list[int] = []
    for low, high in ranges:
        if ends and low <= ends[-1] + 1:
            ends[-1] = max(ends[-1], high)
        else:
            starts.append(low)
            ends.append(high)
    return tuple(starts), tuple(ends)


def _needs_glyph(char: str) -> bool:
    if char.isspace():
        return False
    return unicodedata.category(char) not in {"Cc", "Cf", "Zl", "Zp", "Zs"}


def uncovered(chars: Iterable[str]) -> set[str]:
    """The characters no installed font has a glyph for."""
    starts, ends = _coverage(os.environ.get("FONTCONFIG_FILE"))
    missing = set()
    for char in set(chars):
        if not _needs_glyph(char):
            continue
        code = ord(char)
        i = bisect.bisect_right(starts, code) - 1
        if i < 0 or code > ends[i]:
            missing.add(char)
    return missing


def require_coverage(text: str, lang: str) -> None:
    """Fail before rendering if some character of ``text`` has no glyph in any installed font.

    Without fc-list (the fontconfig package) this check cannot run and is skipped; the check
    after rendering (WeasyPrint's .notdef warnings) still fails the build on a missing glyph.
    """
    if not fc_list_available():
        return
    missing = uncovered(text)
    if missing:
        raise FontCoverageError(lang, missing, stage="checked before rendering")


def package_for(char: str, lang: str) -> str:
    """The Debian package most likely to provide a glyph for ``char``."""
    code = ord(char)
    cjk = (0x1100 <= code <= 0x11FF or 0x2E80 <= code <= 0x9FFF or 0xA960 <= code <= 0xA97F
           or 0xAC00 <= code <= 0xD7FF or 0xF900 <= code <= 0xFAFF or 0xFE30 <= code <= 0xFE4F
           or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x3FFFF)
    if cjk:
        return "fonts-noto-cjk"
    if 0x1F000 <= code <= 0x1FAFF:
        return "fonts-noto-color-emoji"
    if code < 0x0530 and lang in LANGUAGE_FONTS and LANGUAGE_FONTS[lang].package == "fonts-liberation":
        return "fonts-liberation"
    if 0x2000 <= code <= 0x206F:        # general punctuation (French U+202F narrow no-break space)
        return "fonts-dejavu-core"
    if code < 0x0530 or 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return "fonts-noto-core"
    return "fonts-noto-extra"


# ---------------------------------------------------------------------------- the text of an HTML page


class _TextCollector(HTMLParser):
    SKIP = {"style", "script", "head", "title", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text content of an HTML document (no style, script or head), as one string."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return "".join(collector.parts)


# ---------------------------------------------------------------------------- libraries


def _library_version(names: Iterable[str], function: str) -> str | None:
    for name in names:
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        func = getattr(lib, function, None)
        if func is None:
            return None
        func.restype = ctypes.c_char_p
        return func().decode()
    return None


def pango_version() -> str | None:
    return _library_version(("libpango-1.0.so.0", "libpango-1.0.dylib"), "pango_version_string")


def harfbuzz_version() -> str | None:
    return _library_version(("libharfbuzz.so.0", "libharfbuzz.0.dylib"), "hb_version_string")


def harfbuzz_subset_available() -> bool:
    """Whether the library WeasyPrint loads for subsetting can be loaded (the names it tries)."""
    for name in ("libharfbuzz-subset.so.0", "libharfbuzz-subset.0.dylib", "libharfbuzz-subset-0.dll"):
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        return hasattr(lib, "hb_subset_input_create_or_fail")
    return False


def version_at_least(version: str | None, minimum: tuple[int, ...]) -> bool:
    if not version:
        return False
    numbers = []
    for part in version.split("."):
        digits = "".join(ch for ch in part if ch.isdigit())
        numbers.append(int(digits or 0))
    return tuple(numbers) >= minimum
