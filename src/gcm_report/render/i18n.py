"""Language-dependent formatting: gettext catalogues, dates, numbers, lists, numerals, conventions.

Boilerplate words live in the theme's ``locales/<lang>/LC_MESSAGES/messages.po``; the
catalogues are compiled in memory with Babel when a draft is rendered, so a stale or
missing ``.mo`` file can never make a draft disagree with its ``.po`` source. Dates,
numbers and lists come from CLDR through Babel, with the few United Nations
conventions CLDR does not give written here as data: British English, Chinese group
separators, Russian "года" and the UN's double Arabic month names in dates, and, per
language, how chapters, sections, paragraphs, sub-paragraphs and footnote calls are
numbered and where a footnote call stands against punctuation (:data:`CONVENTIONS`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
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
A no-break space, so that a number never breaks across lines. Other languages keep CLDR's
separator (French U+202F, Russian U+00A0, Spanish ".", Arabic "," with Latin digits)."""

DATE_PATTERNS: dict[str, str] = {"ru": "d MMMM y 'года'"}
"""Dates the UN writes otherwise than CLDR's long format: Russian "23 октября 2020 года"
(CLDR: "2020 г.")."""

MONTH_NAMES: dict[str, tuple[str, ...]] = {"ar": (
    "كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو",
                    "حزيران/يونيه", "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر",
                    "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر")}
"""UN Arabic names every month twice, Levantine and Egyptian ("23 تشرين الأول/أكتوبر 2020");
CLDR gives only the second. Digits stay Latin, as in UN Arabic documents (Babel's default)."""

_ZH_DIGITS = "零一二三四五六七八九"
_ZH_AND_BEFORE_LATIN = re.compile(r"和(?=[0-9A-Za-z<])")
_ZH_AND_AFTER_LATIN = re.compile(r"(?<=[0-9A-Za-z>])和")
_EN_UNITS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
             "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
             "nineteen")
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_EN_ORDINAL = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
               "nine": "ninth", "twelve": "twelfth"}

# Arabic letters in the order UN Arabic documents letter sections and sub-paragraphs (abjad order).
ARABIC_LETTERS = ("أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف",
                  "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ")
ARABIC_LETTER_NAMES = ("ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء", "كاف", "لام",
                       "ميم", "نون", "سين", "عين", "فاء", "صاد", "قاف", "راء", "شين", "تاء", "ثاء", "خاء",
                       "ذال", "ضاد", "ظاء", "غين")
"""Section headings: ألف - ، باء - ... (the letter's name), where English has A., B. ..."""
_AR_CHAPTERS = ("أولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا", "تاسعا", "عاشرا",
                "حادي عشر", "ثاني عشر", "ثالث عشر", "رابع عشر", "خامس عشر", "سادس عشر", "سابع عشر",
                "ثامن عشر", "تاسع عشر", "عشرون")
"""Chapter numbers of UN Arabic documents: أولا - ، ثانيا - ... where English has I., II. ..."""
_AR_ANNEXES = ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع",
               "العاشر")
"""Annexes: المرفق الأول، المرفق الثاني ..."""


@dataclass(frozen=True)
class Conventions:
    """How one language version numbers, letters and punctuates the parts of a UN document.

    Every language difference the templates need is here (and in the catalogues), so that
    the templates hold no test on the language."""

    chapter_numerals: str = "roman"       # roman | chinese | arabic (أولا، ثانيا ...)
    annex_numerals: str = "roman"         # roman | chinese | arabic (الأول، الثاني ...)
    section_letters: str = "latin"        # latin (A, B) | arabic (ألف، باء)
    subpara_letters: str = "latin"        # latin (a, b) | arabic (أ، ب)
    number_suffix: str = "."              # after a chapter numeral, section letter, paragraph number
    subpara_label: str = "({})"           # (a) in English; a) in French, Spanish, Russian
    footnote_call: str = "{}"             # what a footnote call and its note show: 1, or (1)
    call_before_punctuation: bool = False  # 1. in English; ...migrants1. in French and Spanish
    space: str = " "                      # between sentences and before "(": none in Chinese
    job_letter: str = "E"                 # the version letter after the job number: 20-13940 (E)


CONVENTIONS: dict[str, Conventions] = {
    "en": Conventions(),
    # UN Chinese: chapters 一. 二., sections A., paragraphs 1., sub-paragraphs (a); calls after
    # punctuation as in English (the seed); no space between sentences or before brackets.
    "zh": Conventions(chapter_numerals="chinese", annex_numerals="chinese", space="", job_letter="C"),
    # UN French and Spanish: sub-paragraphs a), the footnote call before the punctuation
    # (editorial manual); Russian likewise (Russian typography sets the call before the point).
    "fr": Conventions(subpara_label="{})", call_before_punctuation=True, job_letter="F"),
    "es": Conventions(subpara_label="{})", call_before_punctuation=True, job_letter="S"),
    "ru": Conventions(subpara_label="{})", call_before_punctuation=True, job_letter="R"),
    # UN Arabic: chapters أولا - ، sections ألف - ، paragraphs 1 - , sub-paragraphs (أ), footnote
    # calls in brackets, (1), set before the punctuation.
    "ar": Conventions(chapter_numerals="arabic", annex_numerals="arabic", section_letters="arabic",
                      subpara_letters="arabic", number_suffix=" -", footnote_call="({})",
                      call_before_punctuation=True, job_letter="A"),
}


def conventions(lang: str) -> Conventions:
    """The conventions of a language version (English's for a language not in the table)."""
    return CONVENTIONS.get(lang, CONVENTIONS["en"])


def locale(lang: str) -> Locale:
    """The Babel locale a report language is formatted with."""
    return Locale.parse(BABEL_LOCALES.get(lang, lang))


def direction(lang: str) -> str:
    """``rtl`` for Arabic, ``ltr`` otherwise: the page's ``dir`` comes from CLDR, not a list."""
    return "rtl" if locale(lang).character_order == "right-to-left" else "ltr"


def format_date(value: dt.date, lang: str) -> str:
    """A date as the language version writes it: 24 November 2020, 2020年11月24日,
    24 ноября 2020 года, 24 تشرين الثاني/نوفمبر 2020."""
    months = MONTH_NAMES.get(lang)
    if months is not None:
        return f"{value.day} {months[value.month - 1]} {value.year}"
    return _babel_date(value, DATE_PATTERNS.get(lang, "long"), locale=locale(lang))


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


# --- French: "Soixante-quinzième session" ------------------------------------------------------
_FR_UNITS = ("", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
             "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf")
_FR_TENS = ("", "", "vingt", "trente", "quarante", "cinquante", "soixante")


def _french_cardinal(number: int) -> str:
    """1 to 999 in the traditional spelling (vingt et un, soixante et onze, quatre-vingts)."""
    if number < 20:
        return _FR_UNITS[number]
    if number < 100:
        tens, units = divmod(number, 10)
        if tens in (7, 9):                       # soixante-dix..., quatre-vingt-dix...
            base = "soixante" if tens == 7 else "quatre-vingt"
            rest = 10 + units
            joiner = " et " if tens == 7 and units == 1 else "-"
            return base + joiner + _FR_UNITS[rest]
        if tens == 8:
            return "quatre-vingts" if not units else "quatre-vingt-" + _FR_UNITS[units]
        if not units:
            return _FR_TENS[tens]
        return _FR_TENS[tens] + (" et un" if units == 1 else "-" + _FR_UNITS[units])
    hundreds, rest = divmod(number, 100)
    head = "cent" if hundreds == 1 else _FR_UNITS[hundreds] + " cent" + ("" if rest else "s")
    return head + (" " + _french_cardinal(rest) if rest else "")


def french_ordinal(number: int) -> str:
    """Spelled-out ordinal, capitalised: Première, Vingt et unième, Soixante-quinzième (1 to 999)."""
    if not 0 < number < 1000:
        raise ValueError(f"no French ordinal for {number}")
    if number == 1:
        return "Première"
    words = _french_cardinal(number)
    if words.endswith("cents") or words.endswith("vingts"):
        words = words[:-1]
    if words.endswith("un"):
        words += "ième"
    elif words.endswith("cinq"):
        words += "uième"
    elif words.endswith("neuf"):
        words = words[:-1] + "vième"
    elif words.endswith("e"):
        words = words[:-1] + "ième"
    else:
        words += "ième"
    return words[0].upper() + words[1:]


# --- Spanish: "Septuagésimo quinto período de sesiones" -----------------------------------------
_ES_UNITS = ("", "primer", "segundo", "tercer", "cuarto", "quinto", "sexto", "séptimo", "octavo", "noveno")
_ES_TEENS = ("décimo", "undécimo", "duodécimo", "decimotercer", "decimocuarto", "decimoquinto",
             "decimosexto", "decimoséptimo", "decimoctavo", "decimonoveno")
_ES_TENS = ("", "", "vigésimo", "trigésimo", "cuadragésimo", "quincuagésimo", "sexagésimo", "septuagésimo",
            "octogésimo", "nonagésimo")
_ES_HUNDREDS = ("", "centésimo", "ducentésimo", "tricentésimo", "cuadringentésimo", "quingentésimo",
                "sexcentésimo", "septingentésimo", "octingentésimo", "noningentésimo")


def spanish_ordinal(number: int) -> str:
    """Masculine ordinal before its noun, capitalised: Primer, Septuagésimo quinto (1 to 999)."""
    if not 0 < number < 1000:
        raise ValueError(f"no Spanish ordinal for {number}")
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words = [_ES_HUNDREDS[hundreds]] if hundreds else []
    if tens == 1:
        words.append(_ES_TEENS[units])
    else:
        if tens:
            words.append(_ES_TENS[tens])
        if units:
            words.append(_ES_UNITS[units])
    text = " ".join(words)
    return text[0].upper() + text[1:]


# --- Russian: "Семьдесят пятая сессия" (feminine, as сессия) ------------------------------------
_RU_UNITS = ("", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять")
_RU_TENS = ("", "десять", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят",
            "восемьдесят", "девяносто")
_RU_HUNDREDS = ("", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот",
                "девятьсот")
_RU_ORD_UNITS = ("", "первая", "вторая", "третья", "четвертая", "пятая", "шестая", "седьмая", "восьмая",
                 "девятая")
_RU_ORD_TEENS = ("десятая", "одиннадцатая", "двенадцатая", "тринадцатая", "четырнадцатая", "пятнадцатая",
                 "шестнадцатая", "семнадцатая", "восемнадцатая", "девятнадцатая")
_RU_ORD_TENS = ("", "", "двадцатая", "тридцатая", "сороковая", "пятидесятая", "шестидесятая", "семидесятая",
                "восьмидесятая", "девяностая")
_RU_ORD_HUNDREDS = ("", "сотая", "двухсотая", "трехсотая", "четырехсотая", "пятисотая", "шестисотая",
                    "семисотая", "восьмисотая", "девятисотая")


def russian_ordinal(number: int) -> str:
    """Feminine ordinal, capitalised: Первая, Семьдесят пятая, Сто первая (1 to 999)."""
    if not 0 < number < 1000:
        raise ValueError(f"no Russian ordinal for {number}")
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if not rest:
        words.append(_RU_ORD_HUNDREDS[hundreds])
    else:
        if hundreds:
            words.append(_RU_HUNDREDS[hundreds])
        if tens == 1:
            words.append(_RU_ORD_TEENS[units])
        elif not units:
            words.append(_RU_ORD_TENS[tens])
        else:
            if tens:
                words.append(_RU_TENS[tens])
            words.append(_RU_ORD_UNITS[units])
    text = " ".join(words)
    return text[0].upper() + text[1:]


# --- Arabic: "الدورة الخامسة والسبعون" (feminine, as الدورة) --------------------------------------
_AR_ORD_UNITS = ("", "الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة",
                 "التاسعة", "العاشرة")
_AR_TENS = ("", "", "العشرون", "الثلاثون", "الأربعون", "الخمسون", "الستون", "السبعون", "الثمانون", "التسعون")


def _arabic_ordinal_below_100(number: int) -> str:
    tens, units = divmod(number, 10)
    if number <= 10:
        return _AR_ORD_UNITS[number]
    unit = "الحادية" if units == 1 else _AR_ORD_UNITS[units]
    if tens == 1:
        return f"{unit} عشرة"
    if not units:
        return _AR_TENS[tens]
    return f"{unit} و{_AR_TENS[tens]}"


def arabic_ordinal(number: int) -> str:
    """Feminine definite ordinal: الأولى، الحادية عشرة، الخامسة والسبعون، المائة (1 to 199)."""
    if not 0 < number < 200:
        raise ValueError(f"no Arabic ordinal for {number}")
    if number < 100:
        return _arabic_ordinal_below_100(number)
    if number == 100:
        return "المائة"
    return f"{_arabic_ordinal_below_100(number - 100)} بعد المائة"


_SESSION_ORDINALS = {"en": english_ordinal, "zh": chinese_numeral, "fr": french_ordinal,
                     "es": spanish_ordinal, "ru": russian_ordinal, "ar": arabic_ordinal}


def chapter_numeral(number: int, lang: str) -> str:
    """The number of a chapter as its heading prints it: "IV" in English, "四" in Chinese, "رابعا" in Arabic."""
    style = conventions(lang).chapter_numerals
    if style == "chinese":
        return chinese_numeral(number)
    if style == "arabic" and number <= len(_AR_CHAPTERS):
        return _AR_CHAPTERS[number - 1]
    return roman(number)


def annex_numeral(number: int, lang: str) -> str:
    """The number of an annex: "II" in English, "二" in Chinese, "الثاني" in Arabic."""
    style = conventions(lang).annex_numerals
    if style == "chinese":
        return chinese_numeral(number)
    if style == "arabic" and number <= len(_AR_ANNEXES):
        return _AR_ANNEXES[number - 1]
    return roman(number)


def session_ordinal(number: int, lang: str) -> str:
    """The session's number in words, for "Seventy-fifth session" / "第七十五届会议" / "الدورة الخامسة والسبعون"."""
    spell = _SESSION_ORDINALS.get(lang)
    try:
        return spell(number) if spell is not None else format_number(number, lang)
    except ValueError:
        return format_number(number, lang)


def letter(index: int) -> str:
    """The label of the index-th (0-based) sub-paragraph or subsection: a, b, ..., z, aa, ab."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def letter_index(label: str) -> int:
    """The inverse of :func:`letter` (case-insensitive): "a" is 0, "B" is 1, "aa" is 26."""
    index = 0
    for char in label.lower():
        index = index * 26 + (ord(char) - ord("a") + 1)
    return index - 1


def section_letter(label: str, lang: str) -> str:
    """A section's letter as the language version prints it: "B" in English, "باء" in Arabic."""
    if conventions(lang).section_letters == "arabic" and label.isascii() and label.isalpha():
        index = letter_index(label)
        if index < len(ARABIC_LETTER_NAMES):
            return ARABIC_LETTER_NAMES[index]
    return label


def subpara_letter(label: str, lang: str) -> str:
    """A sub-paragraph's (or the summary note's) letter: "b" in English, "ب" in Arabic."""
    if conventions(lang).subpara_letters == "arabic" and label.isascii() and label.isalpha():
        index = letter_index(label)
        if index < len(ARABIC_LETTERS):
            return ARABIC_LETTERS[index]
    return label


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


SOURCE_LANGUAGE = "en"
"""The language of the msgids: its catalogue needs no msgstr (gettext shows the msgid)."""


def template_path(theme: Path) -> Path:
    """The theme's message template (``make messages`` extracts it from the templates)."""
    return theme / "locales" / "messages.pot"


def _read(path: Path):  # type: ignore[no-untyped-def]
    with open(path, "rb") as handle:
        return read_po(handle)


def template_messages(theme: Path) -> list[str]:
    """The msgids of the theme's template (the singular of a plural message)."""
    return [m.id if isinstance(m.id, str) else m.id[0] for m in _read(template_path(theme)) if m.id]


def missing_messages(theme: Path, lang: str) -> list[str]:
    """The messages of the theme's template that a language's catalogue does not translate.

    A message is missing when the catalogue lacks it, marks it fuzzy (fuzzy entries are not
    compiled), leaves a msgstr empty, or gives a plural message fewer forms than the
    language's ``Plural-Forms`` has (Russian 3, Arabic 6). English, the language of the msgids,
    misses nothing. No catalogue at all: every message is missing."""
    template = _read(template_path(theme))
    ids = [m.id for m in template if m.id]
    if lang == SOURCE_LANGUAGE:
        return []
    path = catalogue_path(theme, lang)
    if not path.is_file():
        return [i if isinstance(i, str) else i[0] for i in ids]
    catalogue = _read(path)
    missing = []
    for message_id in ids:
        message = catalogue.get(message_id)
        strings = () if message is None else (message.string if isinstance(message.string, tuple)
                                              else (message.string,))
        wanted = catalogue.num_plurals if isinstance(message_id, tuple) else 1
        if message is None or message.fuzzy or len(strings) < wanted or not all(strings[:wanted]):
            missing.append(message_id if isinstance(message_id, str) else message_id[0])
    return missing
