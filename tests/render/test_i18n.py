"""Localisation: catalogues complete and up to date; dates, numbers, numerals as the UN writes them."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from gcm_report.render import i18n
from gcm_report.render.html import theme_dir

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def test_dates_as_the_language_versions_write_them() -> None:
    assert i18n.format_date(dt.date(2020, 11, 24), "zh") == "2020年11月24日"
    assert i18n.format_date(dt.date(2020, 11, 24), "en") == "24 November 2020"


def test_numbers_and_lists() -> None:
    assert i18n.format_number(15000, "en") == "15,000"
    assert i18n.format_number(15000, "zh") == "15\u00a0000"
    assert i18n.format_list(["a", "b", "c"], "en") == "a, b and c"
    assert i18n.format_list(["54 个会员国", "2 个政府间组织", "9 个利益攸关方"], "zh") == (
        "54 个会员国、2 个政府间组织和 9 个利益攸关方")
    assert i18n.format_list(["14", "122"], "zh") == "14 和 122"


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


def _catalogue(lang: str):  # type: ignore[no-untyped-def]
    with open(i18n.catalogue_path(theme_dir(), lang), "rb") as handle:
        return read_po(handle)


def test_every_message_has_a_chinese_translation_with_the_same_placeholders() -> None:
    missing, mismatched = [], []
    for message in _catalogue("zh"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            missing.append(ids[0])
            continue
        wanted = set(PLACEHOLDER.findall(ids[-1])) - {"num"}
        if any(set(PLACEHOLDER.findall(s)) - {"num"} != wanted for s in strings):
            mismatched.append(ids[0])
    assert not missing, f"untranslated: {missing}"
    assert not mismatched, f"placeholders differ: {mismatched}"


def test_the_catalogues_hold_exactly_the_messages_of_the_templates(tmp_path: Path) -> None:
    theme = theme_dir()
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", str(theme / "babel.cfg"),
                    "-o", str(pot), "--no-location", "--omit-header", str(theme)], check=True)
    with open(pot, "rb") as handle:
        extracted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    for lang in ("zh", "en"):
        have = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalogue(lang) if m.id}
        assert have == extracted, f"{lang}: run `make messages` (missing {extracted - have}, stale {have - extracted})"


def test_catalogues_are_compiled_in_memory_and_used() -> None:
    words = i18n.translations(theme_dir(), "zh")
    assert words.gettext("Report of the Secretary-General") == "秘书长的报告"
    assert words.ngettext("%(num)s practice", "%(num)s practices", 2) == "%(num)s 项做法"
