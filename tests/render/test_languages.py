"""The six language versions of the draft: the same structure, each with its language's conventions.

The kitchen sink rendered in Arabic, Chinese, English, French, Russian and Spanish: numbering and
lettering, where footnote calls stand, dates, numbers and plural forms, UN names, text shown in
another language (lang, and dir when its script runs the other way), working translations
marked, what still needs translating, and the Arabic version mirrored (dir="rtl", the chart).
"""

from __future__ import annotations

import re

import pytest

from gcm_report.reference import LANGUAGES
from gcm_report.render import i18n

NBSP = "\u00a0"


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def html(kitchen_model) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from gcm_report.render.html import render_html

    return {lang: render_html(kitchen_model, lang) for lang in LANGUAGES}


@pytest.fixture(scope="module")
def pages(html, parse_html):  # type: ignore[no-untyped-def]
    return {lang: parse_html(text) for lang, text in html.items()}


def test_every_version_has_the_same_skeleton(pages) -> None:
    shape = {lang: ([s.attrs["id"] for s in p.find_all("section") if "id" in s.attrs],
                    [q.attrs["id"] for q in p.find_all("p", cls="para")],
                    [a.attrs["href"] for a in p.find_all("a", cls="fn-call")]) for lang, p in pages.items()}
    assert all(value == shape["en"] for value in shape.values())
    for lang, page in pages.items():
        root = page.find("html")
        assert (root.attrs["lang"], root.attrs["dir"]) == (lang, "rtl" if lang == "ar" else "ltr")


def test_the_templates_never_test_the_language() -> None:
    """Differences between versions are data (i18n.CONVENTIONS, the catalogues), not template ifs."""
    from gcm_report.render.html import theme_dir

    for template in theme_dir().rglob("*.j2"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\blang\s*(==|!=|\bin\b)", text), template.name
    assert set(i18n.CONVENTIONS) == set(LANGUAGES)


@pytest.mark.parametrize(("lang", "chapter", "section", "paragraph", "subparagraph"), [
    ("en", "I.", "A.", "1.", "(a)"),
    ("zh", "一.", "A.", "1.", "(a)"),
    ("fr", "I.", "A.", "1.", "a)"),
    ("es", "I.", "A.", "1.", "a)"),
    ("ru", "I.", "A.", "1.", "a)"),
    ("ar", "أولا -", "ألف -", "1 -", "(أ)"),
])
def test_numbering_and_lettering_follow_the_language(pages, lang, chapter, section, paragraph, subparagraph) -> None:
    page = pages[lang]
    assert page.find(cls="chapter-num").text().strip() == chapter
    assert page.find(cls="subsection-letter").text().strip() == section
    assert page.find(cls="para-num").text() == paragraph
    assert page.find(cls="subpara-label").text() == subparagraph
    assert page.find(cls="job-number").text() == f"20-13940 ({i18n.conventions(lang).job_letter})"


def _champions(html: str) -> str:
    """The champions paragraph's HTML, footnote text left out."""
    para = re.search(r'<p class="para" id="para-11">.*?</p>', html).group(0)
    return re.sub(r'<span class="fn-body".*?</span>(?=\W*</p>)', "", para)


@pytest.mark.parametrize(("lang", "ending"), [
    ("en", r"Global Compact\.<a class=\"fn-call\"[^>]*>4</a>$"),
    ("zh", r"“大力推动者”。<a class=\"fn-call\"[^>]*>4</a>$"),
    ("fr", r"Pacte mondial<a class=\"fn-call\"[^>]*>4</a>\.$"),
    ("es", r"Pacto Mundial<a class=\"fn-call\"[^>]*>4</a>\.$"),
    ("ru", r"Глобального договора<a class=\"fn-call\"[^>]*>4</a>\.$"),
    ("ar", r"الاتفاق العالمي<a class=\"fn-call\"[^>]*>\(4\)</a>\.$"),
])
def test_footnote_calls_stand_before_or_after_the_punctuation(html, lang, ending) -> None:
    """After the full stop in English and Chinese; before it in French and Spanish (the editorial
    manual), and in Russian and Arabic; Arabic calls in brackets."""
    para = re.sub(r"</p>$", "", _champions(html[lang]))
    assert re.search(ending, para), para[-300:]


def test_a_sentence_left_untranslated_keeps_its_own_call_rule(html) -> None:
    """An English summary in the French version: the call after its full stop; in the Arabic
    version, inside the English isolate, so that it follows the sentence's last word."""
    fr = re.search(r'Kenya is drawing up a national action plan[^<]*</span>(<a class="fn-call"[^>]*>\d+</a>)', html["fr"])
    assert fr and fr.group(0).split("</span>")[0].endswith("Compact.")
    ar = re.search(r'Compact\.(<a class="fn-call"[^>]*>\(\d+\)</a>)<span class="fn-body"', html["ar"])
    assert ar


@pytest.mark.parametrize(("lang", "session", "agenda", "date", "original"), [
    ("en", "Seventy-fifth session", "Agenda items 14 and 122", "23 October 2020", "Original: English"),
    ("zh", "第七十五届会议", "议程项目 14 和 122", "2020年10月23日", "原件：英文"),
    ("fr", "Soixante-quinzième session", "Points 14 et 122 de l’ordre du jour", "23 octobre 2020",
     f"Original{NBSP}: anglais"),
    ("es", "Septuagésimo quinto período de sesiones", "Temas 14 y 122 del programa", "23 de octubre de 2020",
     "Original: inglés"),
    ("ru", "Семьдесят пятая сессия", "Пункты 14 и 122 повестки дня", "23 октября 2020 года",
     "Язык оригинала: английский"),
    ("ar", "الدورة الخامسة والسبعون", "البندان 14 و122 من جدول الأعمال", "23 تشرين الأول/أكتوبر 2020",
     "الأصل: بالإنكليزية"),
])
def test_masthead_and_front_matter(pages, lang, session, agenda, date, original) -> None:
    page = pages[lang]
    assert page.find(cls="session").text() == session
    assert page.find(cls="agenda-items").text() == agenda
    assert page.find(cls="doc-date").text() == date
    assert page.find(cls="original").text() == original
    symbol = page.find(cls="symbol")
    assert symbol.attrs["dir"] == "ltr" and _squash(symbol.text()) == "A/75/542*"


@pytest.mark.parametrize(("lang", "counts"), [
    ("en", "6 Member States, 1 intergovernmental organization, 2 United Nations entities and 2 stakeholders."),
    ("fr", "6 États Membres, 1 organisation intergouvernementale, 2 entités des Nations Unies et 2 parties "
           "prenantes."),
    ("es", "6 Estados Miembros, 1 organización intergubernamental, 2 entidades de las Naciones Unidas y 2 partes "
           "interesadas."),
    ("ru", "от 6 государств-членов, 1 межправительственной организации, 2 структур Организации Объединенных "
           "Наций и 2 заинтересованных сторон."),
    ("ar", "من 6 دول أعضاء ومنظمة حكومية دولية واحدة وكيانين تابعين للأمم المتحدة وصاحبي مصلحة."),
])
def test_the_summary_note_counts_with_the_languages_plural_forms(pages, lang, counts) -> None:
    """Russian counts after "от" in the genitive, one/few/many; Arabic: واحدة after the noun for 1,
    the dual for 2, the plural for 3 to 10."""
    note = _squash(pages[lang].find("p", cls="footnote", id="fn-a").text(skip=("fn-back", "fn-num")))
    assert note.endswith(counts), note


def test_names_are_the_uns_in_each_language(pages) -> None:
    fr = [p.text(skip=("fn-body", "trace")) for p in pages["fr"].find_all("p", cls="para")]
    assert any("(Bolivie (État plurinational de)" in t for t in fr)
    uk = [t for t in fr if "Royaume-Uni" in t]
    assert "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord" in uk[0] and f"(Royaume-Uni{NBSP};" in uk[1]
    assert any("(Organisation internationale pour les migrations (OIM)" in t for t in fr)
    es = [li.text() for li in pages["es"].find("section", id="annex-1").find_all("li")]
    assert "Bolivia (Estado Plurinacional de)" in es and "Fondo de las Naciones Unidas para la Infancia" in es
    ru = [li.text() for li in pages["ru"].find("section", id="annex-1").find_all("li")]
    assert "Боливия (Многонациональное Государство)" in ru and "Кения" in ru
    # an organization with no name in the language: its English name, marked as English
    for lang in ("fr", "ar"):
        picum = next(li for li in pages[lang].find("section", id="annex-1").find_all("li")
                     if "Undocumented" in li.text())
        span = picum.find("span")
        assert span.attrs["lang"] == "en" and ("dir" in span.attrs) == (lang == "ar")


def test_text_in_another_language_carries_lang_and_if_needed_dir(pages) -> None:
    for lang in ("fr", "es", "ru", "zh", "ar"):
        untranslated = pages[lang].find_all("span", cls="untranslated")
        assert untranslated and all(s.attrs["lang"] != lang for s in untranslated)
        assert all(s.attrs.get("dir") == ("ltr" if lang == "ar" else None) for s in untranslated), lang
    bolivia = [s for s in pages["en"].find_all("span", cls="untranslated") if s.attrs["lang"] == "es"]
    assert bolivia and "dir" not in bolivia[0].attrs
    # web addresses and traces read left to right in every version
    for page in pages.values():
        assert all(a.attrs.get("dir") == "ltr" for a in page.find_all("a", cls="trace"))
        links = [a for a in page.find_all("a") if a.text().startswith("http")]
        assert links and all(a.attrs.get("dir") == "ltr" for a in links)


def _marked(element) -> bool:  # type: ignore[no-untyped-def]
    return bool(element.find_all("a", cls="unofficial-mark"))


def test_working_translations_are_marked_and_explained(pages) -> None:
    """Objective titles, guiding principles and thematic areas from the reference data, marked †
    where the text is a working translation of a text official in another language."""
    for lang, page in pages.items():
        annex = page.find("section", id="annex-4")
        principles, objectives = annex.find_all("ol")
        assert len(principles.find_all("li")) == 10 and len(objectives.find_all("li")) == 23
        marked_objectives = [li for li in objectives.find_all("li") if _marked(li)]
        marked_principles = [li for li in principles.find_all("li") if _marked(li)]
        headings = [h for h in page.find("section", id="chapter-5").find_all("h3")]
        expected = {  # (objectives, principles, thematic areas) marked
            "en": (0, 0, 5), "zh": (23, 0, 0), "fr": (1, 0, 5), "es": (6, 0, 5), "ru": (23, 10, 5),
            "ar": (23, 10, 5)}[lang]
        assert (len(marked_objectives), len(marked_principles), sum(map(_marked, headings))) == expected, lang
        note = annex.find("p", id="unofficial-note")
        assert note.text().startswith("†")
        assert all(a.attrs["href"] == "#unofficial-note" for a in page.find_all("a", cls="unofficial-mark"))
    labels = [li.find(cls="list-label").text().strip() for li in pages["ar"].find("section", id="annex-4").find_all("li")]
    assert labels[:2] == ["(أ)", "(ب)"] and labels[10:12] == ["1 -", "2 -"]
    assert pages["fr"].find("section", id="annex-4").find_all("li")[0].text().startswith("a) Priorité à la")


def test_the_draft_lists_what_still_needs_translating(pages, kitchen_model) -> None:
    status = {lang: page.find("aside", cls="translation-status") for lang, page in pages.items()}
    assert all("screen-only" in aside.classes for aside in status.values())
    fr = {li.find(cls="source").text(): _squash(li.text()) for li in status["fr"].find_all("li")}
    assert {"report.yaml", "member-states/kenya.yaml", "reference: entities.yaml"} <= set(fr)
    assert fr["member-states/kenya.yaml"] == "member-states/kenya.yaml: 14 textes"
    # the build's count (the configured languages) is the same as the page's
    assert kitchen_model.missing_translations["zh"] == {
        li.find(cls="source").text(): int(li.text().rsplit(":", 1)[1].split()[0])
        for li in status["zh"].find_all("li")}
    en = [_squash(li.text()) for li in status["en"].find_all("li")]
    assert any(item.startswith("member-states/bolivia.yaml") for item in en)    # Spanish texts


def test_the_arabic_chart_is_mirrored(pages) -> None:
    for lang, page in pages.items():
        svg = page.find("svg")
        assert svg.attrs["direction"] == "ltr"
        axis = float(svg.find("line").attrs["x1"])
        bars = [float(r.attrs["x"]) + float(r.attrs["width"]) for r in svg.find_all("rect")]
        labels = [t for t in svg.find_all("text") if not t.text().isdigit()]
        if lang == "ar":    # labels right of the axis, bars ending at it (growing leftwards)
            assert all(float(t.attrs["x"]) > axis for t in labels)
            assert all(abs(end - axis) < 0.2 for end in bars)
            numbers = [t.text() for t in svg.find_all("text") if t.attrs.get("x") == str(svg_width(svg) - 2)]
            assert numbers == [str(n) for n in range(1, 24)]
        else:
            assert all(float(t.attrs["x"]) < axis for t in labels)
            assert all(float(r.attrs["x"]) == axis for r in svg.find_all("rect"))


def svg_width(svg) -> int:  # type: ignore[no-untyped-def]
    return int(svg.attrs["width"])
