"""Localisation: catalogues complete and up to date in the six languages; dates, numbers, numerals and
ordinals as the UN writes them in each."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

import pytest

from gcm_report.reference import LANGUAGES
from gcm_report.render import i18n
from gcm_report.render.html import theme_dir

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def test_dates_as_the_language_versions_write_them() -> None:
    assert i18n.format_date(dt.date(2020, 11, 24), "zh") == "2020年11月24日"
    assert i18n.format_date(dt.date(2020, 11, 24), "en") == "24 November 2020"
    assert i18n.format_date(dt.date(2020, 11, 24), "fr") == "24 novembre 2020"
    assert i18n.format_date(dt.date(2020, 11, 24), "es") == "24 de noviembre de 2020"
    assert i18n.format_date(dt.date(2020, 11, 24), "ru") == "24 ноября 2020 года"          # not CLDR's "г."
    assert i18n.format_date(dt.date(2020, 11, 24), "ar") == "24 تشرين الثاني/نوفمبر 2020"   # UN double month names
    assert i18n.format_date(dt.date(2021, 6, 1), "ar") == "1 حزيران/يونيه 2021"


def test_numbers_and_lists() -> None:
    assert i18n.format_number(15000, "en") == "15,000"
    assert i18n.format_number(15000, "zh") == "15\u00a0000"
    assert i18n.format_list(["a", "b", "c"], "en") == "a, b and c"
    assert i18n.format_list(["54 个会员国", "2 个政府间组织", "9 个利益攸关方"], "zh") == (
        "54 个会员国、2 个政府间组织和 9 个利益攸关方")
    assert i18n.format_list(["14", "122"], "zh") == "14 和 122"
    assert [i18n.format_number(15000, lang) for lang in ("fr", "es", "ru", "ar")] == [
        "15\u202f000", "15.000", "15\u00a0000", "15,000"]                      # CLDR, Latin digits in Arabic
    assert [i18n.format_list(["14", "122"], lang) for lang in ("fr", "es", "ru", "ar")] == [
        "14 et 122", "14 y 122", "14 и 122", "14 و122"]


def test_numerals() -> None:
    assert [i18n.chapter_numeral(n, "zh") for n in range(1, 8)] == list("一二三四五六七")
    assert [i18n.chapter_numeral(n, "en") for n in (1, 4, 7, 9, 14)] == ["I", "IV", "VII", "IX", "XIV"]
    assert i18n.session_ordinal(75, "en") == "Seventy-fifth"
    assert i18n.session_ordinal(75, "zh") == "七十五"
    assert [i18n.english_ordinal(n) for n in (1, 2, 3, 11, 12, 20, 21, 80, 101)] == [
        "First", "Second", "Third", "Eleventh", "Twelfth", "Twentieth", "Twenty-first", "Eightieth",
        "One hundred and first"]
    assert [i18n.chinese_numeral(n) for n in (10, 11, 20, 100, 101, 110)] == ["十", "十一", "二十", "一百", "一百零一",
                                                                         "一百一十"]
    assert [i18n.letter(i) for i in (0, 1, 25, 26)] == ["a", "b", "z", "aa"]
    assert [i18n.letter_index(x) for x in ("a", "b", "z", "aa", "C")] == [0, 1, 25, 26, 2]


def test_arabic_numbering() -> None:
    """Chapters أولا - ، sections ألف - ، sub-paragraphs (أ), annexes المرفق الأول: UN Arabic."""
    assert [i18n.chapter_numeral(n, "ar") for n in (1, 2, 7, 11)] == ["أولا", "ثانيا", "سابعا", "حادي عشر"]
    assert [i18n.section_letter(x, "ar") for x in "ABCDE"] == ["ألف", "باء", "جيم", "دال", "هاء"]
    assert [i18n.subpara_letter(x, "ar") for x in "abcde"] == ["أ", "ب", "ج", "د", "هـ"]
    assert [i18n.annex_numeral(n, "ar") for n in (1, 2, 4)] == ["الأول", "الثاني", "الرابع"]
    assert i18n.chapter_numeral(25, "ar") == "XXV"            # beyond the table: Roman
    assert [i18n.chapter_numeral(4, lang) for lang in ("fr", "es", "ru")] == ["IV"] * 3


@pytest.mark.parametrize(("lang", "ordinals"), [
    ("fr", {1: "Première", 21: "Vingt et unième", 71: "Soixante et onzième", 75: "Soixante-quinzième",
            80: "Quatre-vingtième", 81: "Quatre-vingt-unième", 99: "Quatre-vingt-dix-neuvième", 100: "Centième"}),
    ("es", {1: "Primer", 3: "Tercer", 11: "Undécimo", 13: "Decimotercer", 21: "Vigésimo primer",
            75: "Septuagésimo quinto", 80: "Octogésimo", 101: "Centésimo primer"}),
    ("ru", {1: "Первая", 11: "Одиннадцатая", 40: "Сороковая", 75: "Семьдесят пятая", 80: "Восьмидесятая",
            100: "Сотая", 101: "Сто первая", 200: "Двухсотая"}),
    ("ar", {1: "الأولى", 11: "الحادية عشرة", 21: "الحادية والعشرون", 75: "الخامسة والسبعون", 80: "الثمانون",
            100: "المائة", 101: "الأولى بعد المائة"}),
])
def test_sessions_are_spelled_out(lang, ordinals) -> None:
    """"Soixante-quinzième session", "Septuagésimo quinto período de sesiones", "Семьдесят пятая
    сессия" (feminine), "الدورة الخامسة والسبعون" (feminine)."""
    assert {n: i18n.session_ordinal(n, lang) for n in ordinals} == ordinals
    assert i18n.session_ordinal(250, "ar") == "250"           # beyond the Arabic table: digits


def _catalogue(lang: str):  # type: ignore[no-untyped-def]
    with open(i18n.catalogue_path(theme_dir(), lang), "rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != i18n.SOURCE_LANGUAGE])
def test_every_message_is_translated_with_every_plural_form_and_the_same_placeholders(lang) -> None:
    """Against the template (messages.pot): no msgid without a msgstr, no empty plural form (French
    and Spanish 3, Russian 3, Arabic 6), nothing fuzzy, and the placeholders of the English."""
    assert i18n.missing_messages(theme_dir(), lang) == [], f"{lang}: run `gcm-report messages --missing {lang}`"
    catalogue = _catalogue(lang)
    mismatched = []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1])) - {"num"}
        if any(set(PLACEHOLDER.findall(s)) - {"num"} != wanted for s in strings):
            mismatched.append(ids[0])
        if isinstance(message.id, tuple):
            assert len(strings) == catalogue.num_plurals, (lang, ids[0])
    assert not mismatched, f"{lang}: placeholders differ: {mismatched}"


def test_a_missing_translation_is_found(tmp_path: Path) -> None:
    """What `make test` and `gcm-report messages --missing` report: an empty msgstr, an empty plural
    form, a fuzzy entry, a message the catalogue lacks."""
    theme = tmp_path / "theme"
    (theme / "locales" / "xx" / "LC_MESSAGES").mkdir(parents=True)
    (theme / "locales" / "messages.pot").write_text(
        'msgid "Summary"\nmsgstr ""\n\nmsgid "Total"\nmsgstr ""\n\nmsgid "Note"\nmsgstr ""\n\n'
        'msgid "Annex"\nmsgstr ""\n\nmsgid "%(num)s law"\nmsgid_plural "%(num)s laws"\nmsgstr[0] ""\nmsgstr[1] ""\n',
        encoding="utf-8")
    (theme / "locales" / "xx" / "LC_MESSAGES" / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);\\n"\n\n'
        'msgid "Summary"\nmsgstr "Résumé"\n\nmsgid "Total"\nmsgstr ""\n\n#, fuzzy\nmsgid "Note"\nmsgstr "Note"\n\n'
        'msgid "%(num)s law"\nmsgid_plural "%(num)s laws"\nmsgstr[0] "%(num)s loi"\nmsgstr[1] "%(num)s lois"\n',
        encoding="utf-8")
    assert i18n.missing_messages(theme, "xx") == ["Total", "Note", "Annex", "%(num)s law"]
    assert i18n.missing_messages(theme, "yy") == ["Summary", "Total", "Note", "Annex", "%(num)s law"]
    assert i18n.missing_messages(theme, "en") == []          # the msgids are the English


def test_gcm_report_messages_lists_what_a_language_lacks(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from gcm_report.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["messages"])
    assert result.exit_code == 0, result.output
    for lang in LANGUAGES:
        assert re.search(rf"^{lang}\s+(\d+)/\1 translated, complete$", result.output, re.M), result.output
    result = runner.invoke(app, ["messages", "--missing", "de"])
    assert result.exit_code == 1
    assert "no catalogue" in result.output and "    Report of the Secretary-General" in result.output


def test_the_catalogues_hold_exactly_the_messages_of_the_templates(tmp_path: Path) -> None:
    theme = theme_dir()
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", str(theme / "babel.cfg"),
                    "-o", str(pot), "--no-location", "--omit-header", str(theme)], check=True)
    with open(pot, "rb") as handle:
        extracted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    with open(i18n.template_path(theme), "rb") as handle:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    assert template == extracted, "run `make messages`: the template is stale"
    for lang in LANGUAGES:
        have = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalogue(lang) if m.id}
        assert have == extracted, f"{lang}: run `make messages` (missing {extracted - have}, stale {have - extracted})"


def test_catalogues_are_compiled_in_memory_and_used() -> None:
    words = i18n.translations(theme_dir(), "zh")
    assert words.gettext("Report of the Secretary-General") == "秘书长的报告"
    assert words.ngettext("%(num)s practice", "%(num)s practices", 2) == "%(num)s 项做法"
