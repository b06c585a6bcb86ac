"""Names as the United Nations writes them, in both languages."""

from __future__ import annotations

from gcm_report.render.names import Localized, Mentions, country_name, entity_name, region_name

# footnote 17 of A/75/542: the 14 champion countries, in the order both language versions list them
FOOTNOTE_17 = ["BGD", "CAN", "SLV", "ETH", "GHA", "GNB", "IDN", "MEX", "MAR", "NPL", "PHL", "PRT", "SEN", "THA"]
FOOTNOTE_17_ZH = ("孟加拉国、加拿大、萨尔瓦多、埃塞俄比亚、加纳、几内亚比绍、印度尼西亚、"
                  "墨西哥、摩洛哥、尼泊尔、菲律宾、葡萄牙、塞内加尔和泰国")


def test_un_names_override_cldr() -> None:
    assert country_name("BOL", "zh") == "多民族玻利维亚国"
    assert country_name("BOL", "en") == "Bolivia (Plurinational State of)"
    assert country_name("GBR", "zh") == "大不列颠及北爱尔兰联合王国"
    assert country_name("TUR", "en") == "Türkiye"
    assert country_name("KEN", "zh") == "肯尼亚"  # CLDR, through Babel


def test_regions_come_from_cldr() -> None:
    regions = ("002", "019", "142", "150", "009")
    assert [region_name(r, "zh") for r in regions] == ["非洲", "美洲", "亚洲", "欧洲", "大洋洲"]
    assert region_name("009", "en") == "Oceania"


def test_full_name_with_abbreviation_first_then_the_abbreviation() -> None:
    zh = Mentions("zh")
    assert zh.entity("IOM") == Localized("国际移民组织(移民组织)", "zh")
    assert zh.entity("IOM") == Localized("移民组织", "zh")
    assert zh.country("GBR").text == "大不列颠及北爱尔兰联合王国"
    assert zh.country("GBR").text == "联合王国"
    en = Mentions("en")
    assert en.entity("UNICEF").text == "United Nations Children's Fund (UNICEF)"
    assert en.entity("UNICEF").text == "UNICEF"


def test_an_organization_without_a_chinese_abbreviation_keeps_its_full_name() -> None:
    zh = Mentions("zh")
    assert zh.entity("PICUM").text == zh.entity("PICUM").text == "无证移民问题国际合作平台"


def test_a_name_missing_in_the_language_falls_back_to_english_and_says_so() -> None:
    assert entity_name("PICUM", "fr") == Localized("Platform for International Cooperation on Undocumented Migrants",
                                                  "en")


def test_champions_in_the_order_of_footnote_17(kitchen_model) -> None:
    from gcm_report.aggregate.model import Report  # noqa: F401  (type only)
    from gcm_report.render.i18n import format_list
    from gcm_report.render.names import english_sort_name

    ordered = sorted(FOOTNOTE_17, key=lambda c: english_sort_name(country=c, entity=None, name=None).casefold())
    assert ordered == FOOTNOTE_17
    assert format_list([country_name(c, "zh") for c in ordered], "zh") == FOOTNOTE_17_ZH


def test_un_short_names_in_the_six_languages() -> None:
    """The override table (un_names.yaml) first, CLDR through Babel for the rest."""
    assert [country_name("BOL", lang) for lang in ("ar", "zh", "en", "fr", "ru", "es")] == [
        "بوليفيا (دولة - المتعددة القوميات)", "多民族玻利维亚国", "Bolivia (Plurinational State of)",
        "Bolivie (État plurinational de)", "Боливия (Многонациональное Государство)", "Bolivia (Estado Plurinacional de)"]
    assert country_name("KEN", "es") == "Kenya" and country_name("KEN", "fr") == "Kenya"   # UN, not CLDR's Kenia
    assert country_name("MAR", "ar") == "المغرب" and country_name("MAR", "ru") == "Марокко"     # CLDR
    assert country_name("GBR", "ru", short=True) == "Соединенное Королевство"
    assert [region_name("150", lang) for lang in ("ar", "fr", "es", "ru")] == ["أوروبا", "Europe", "Europa", "Европа"]


def test_entities_in_each_language_or_english_marked_as_such() -> None:
    assert entity_name("IOM", "ar") == Localized("المنظمة الدولية للهجرة", "ar")
    assert entity_name("UNHCR", "ru").text.startswith("Управление Верховного комиссара")
    assert entity_name("PICUM", "ar").lang == "en"
    fr = Mentions("fr")
    assert fr.entity("IOM").text == "Organisation internationale pour les migrations (OIM)"
    assert fr.entity("IOM").text == "OIM"
    ar = Mentions("ar")     # the Arabic short form is the full name: no abbreviation in brackets
    assert ar.entity("IOM").text == ar.entity("IOM").text == "المنظمة الدولية للهجرة"
