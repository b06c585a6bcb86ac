"""Language-dependent formatting: gettext catalogues, dates, numbers, lists and numerals.

Boilerplate words live in the theme's ``locales/<lang>/LC_MESSAGES/messages.po``; the
catalogues are compiled in memory with Babel when a draft is rendered, so a stale or
missing ``.mo`` file can never make a draft disagree with its ``.po`` source. Dates,
numbers and lists come from CLDR through Babel, with the few United Nations
conventions CLDR does not give (British English, Chinese group separators, chapter
numerals, spelled-out session ordinals) written here.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.lists import format_list as _babel_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

BABEL_LOCALES: dict[str, str] = {"en": "en_GB", "zh": "zh_Hans_CN", "fr": "fr", "es": "es", "ru": "ru", "ar": "ar"}
"""UN English follows British usage ("24 November 2020", "a, b and c"): CLDR's en_GB, not en."""

GROUP_SEPARATORS: dict[str, str] = {"zh": "\u00a0"}
"""UN Chinese groups thousands with a space ("15 000", as the seed writes it), not CLDR's comma.
A no-break space, so that a number never breaks across lines."""

_ZH_DIGITS = "零一二三四五六七八九"
_ZH_AND_BEFORE_LATIN = re.compile(r"和(?=[0-9A-Za-z<])")
_ZH_AND_AFTER_LATIN = re.compile(r"(?<=[0-9A-Za-z>])和")
_EN_UNITS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
             "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
             "nineteen")
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_EN_ORDINAL = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
               "nine": "ninth", "twelve": "twelfth"}


def locale(lang: str) -> Locale:
    """The Babel locale a report language is formatted with."""
    return Locale.parse(BABEL_LOCALES.get(lang, lang))


def direction(lang: str) -> str:
    """``rtl`` for Arabic, ``ltr`` otherwise: the page's ``dir`` comes from CLDR, not a list."""
    return "rtl" if locale(lang).character_order == "right-to-left" else "ltr"


def format_date(value: dt.date, lang: str) -> str:
    """A date as the language version writes it: 24 November 2020, 2020年11月24日."""
    return _babel_date(value, "long", locale=locale(lang))


def format_number(value: int, lang: str) -> str:
    """A count with the language's grouping: 15,000 in English, 15 000 in Chinese."""
    text = format_decimal(value, locale=locale(lang))
    sep = GROUP_SEPARATORS.get(lang)
    if sep is not None:
        text = text.replace(locale(lang).number_symbols["latn"]["group"], sep)
    return text


def format_list(items: list[str], lang: str) -> str:
    """Items joined as the language joins them: "a, b and c", "a、b和c".

    In Chinese, 和 next to an Arabic numeral or Latin text (a web address, a link) gets a
    space on that side, as the seed sets "14 和 122", "16 个联合国实体和 9 个利益攸关方" and
    "见 www... 和 www..." (、 takes none)."""
    if not items:
        return ""
    text = _babel_list(items, locale=locale(lang))
    if lang == "zh":
        text = _ZH_AND_BEFORE_LATIN.sub("和 ", _ZH_AND_AFTER_LATIN.sub(" 和", text))
    return text


def roman(number: int) -> str:
    """Roman numeral of a chapter or annex (I to MMMCMXCIX)."""
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def chinese_numeral(number: int) -> str:
    """Chinese numeral of 1 to 999, as chapter numbers (一. 二.) and sessions (第七十五届) use them."""
    if not 0 < number < 1000:
        raise ValueError(f"no Chinese numeral for {number}")
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _ZH_DIGITS[hundreds] + "百"
    if tens:
        out += ("" if tens == 1 and not hundreds else _ZH_DIGITS[tens]) + "十"
    elif hundreds and units:
        out += "零"
    if units:
        out += _ZH_DIGITS[units]
    return out


def _english_cardinal(number: int) -> str:
    if number < 20:
        return _EN_UNITS[number]
    if number < 100:
        tens, units = divmod(number, 10)
        return _EN_TENS[tens] + ("-" + _EN_UNITS[units] if units else "")
    hundreds, rest = divmod(number, 100)
    return _EN_UNITS[hundreds] + " hundred" + (" and " + _english_cardinal(rest) if rest else "")


def english_ordinal(number: int) -> str:
    """Spelled-out ordinal, capitalised, as in "Seventy-fifth session" (1 to 999)."""
    if not 0 < number < 1000:
        raise ValueError(f"no English ordinal for {number}")
    words = _english_cardinal(number)
    head, sep, last = max(words.rpartition(" "), words.rpartition("-"), key=lambda p: len(p[0]))
    if last in _EN_ORDINAL:
        last = _EN_ORDINAL[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    text = head + sep + last
    return text[0].upper() + text[1:]


def chapter_numeral(number: int, lang: str) -> str:
    """The number of a chapter as its heading prints it: "IV" in English, "四" in Chinese."""
    return chinese_numeral(number) if lang == "zh" else roman(number)


def session_ordinal(number: int, lang: str) -> str:
    """The session's number in words, for "Seventy-fifth session" / "第七十五届会议"."""
    if lang == "zh":
        return chinese_numeral(number)
    if lang == "en":
        return english_ordinal(number)
    return format_number(number, lang)


def letter(index: int) -> str:
    """The label of the index-th (0-based) sub-paragraph or subsection: a, b, ..., z, aa, ab."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def catalogue_path(theme: Path, lang: str) -> Path:
    """Where a language's message catalogue sits in a theme."""
    return theme / "locales" / lang / "LC_MESSAGES" / "messages.po"


@cache
def _compile(path: str, mtime_ns: int) -> Translations:
    with open(path, "rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)


def translations(theme: Path, lang: str) -> NullTranslations:
    """The compiled catalogue of a language; English falls back to the msgids themselves."""
    path = catalogue_path(theme, lang)
    if not path.is_file():
        if lang == "en":
            return NullTranslations()
        raise FileNotFoundError(f"no message catalogue for {lang!r}: {path}")
    return _compile(str(path), path.stat().st_mtime_ns)


def available_languages(theme: Path) -> list[str]:
    """Languages the theme can render: English always, others when their catalogue exists."""
    found = {"en"} | {p.parent.parent.name for p in (theme / "locales").glob("*/LC_MESSAGES/messages.po")}
    return sorted(found)
