"""What a reader of the draft sees when chapter V cites a selection (``body`` in report.yaml): after the
practices cited under an objective, one numbered paragraph, in the page's language, with the number of
the others and the compendium entries that describe them, entries that the compendium does number so.

On a generated corpus of 200 submissions (about 2,300 practices), with the limit set so that one
objective leaves out exactly one practice (the singular sentence) and the others leave out many."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gcm_report.aggregate import aggregate
from gcm_report.aggregate.model import FactParagraph, Report
from gcm_report.devtools.corpus import generate
from gcm_report.render.compendium import render_compendium_html
from gcm_report.render.html import render_html
from gcm_report.render.i18n import format_number
from gcm_report.render.words import count_body
from gcm_report.schema.config import Body
from gcm_report.validate import load_config, validate_paths

LANGS = ("en", "zh", "fr", "es", "ru", "ar")


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory, kitchen_sink: Path) -> Report:
    folder = tmp_path_factory.mktemp("corpus-200")
    generate(folder, 200, seed=7)
    config, problems = load_config(kitchen_sink / "report.yaml")
    assert config is not None, problems
    loaded = validate_paths([folder], config=config).loaded
    everything = aggregate(loaded, config)  # the default limit, 20: some objectives hold more here
    sizes = [sum(1 for p in everything.practices if (p.area, p.objectives[0]) == key)
             for key in {(p.area, p.objectives[0]) for p in everything.practices}]
    return aggregate(loaded, config.model_copy(update={"body": Body(practices_per_objective=min(sizes) - 1)}))


@pytest.fixture(scope="module")
def pages(model: Report, parse_html):  # type: ignore[no-untyped-def]
    return {lang: parse_html(render_html(model, lang)) for lang in LANGS}


def _pointers(model: Report) -> list[FactParagraph]:
    return [p for c in model.chapters for s in c.subsections for p in s.paragraphs
            if isinstance(p, FactParagraph) and p.fact == "further-practices"]


def _text(page, number: int) -> str:  # type: ignore[no-untyped-def]
    return " ".join(page.find("p", id=f"para-{number}").text(skip=("para-num",)).split())


def test_the_english_sentence_counts_the_others_and_gives_their_entries(model: Report, pages) -> None:
    pointers = _pointers(model)
    assert len(pointers) == 24
    single = [p for p in pointers if p.counts["practices"] == 1]
    assert len(single) >= 1
    p = single[0]
    assert _text(pages["en"], p.number) == (f"A further practice reported under objective {p.counts['objective']} is "
                                            f"described in the compendium of practices (entry {p.counts['first']:,}).")
    many = max(pointers, key=lambda p: p.counts["last"])
    c = many.counts
    assert c["last"] > 1000  # numbers are written the page's way: 1,234 in English
    assert _text(pages["en"], many.number) == (
        f"A further {c['practices']:,} practices reported under objective {c['objective']} are described in "
        f"the compendium of practices (entries {c['first']:,} to {c['last']:,}).")


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_version_says_it_in_its_language_with_its_numbers(model: Report, pages, lang: str) -> None:
    page = pages[lang]
    english = pages["en"]
    for p in _pointers(model):
        element = page.find("p", id=f"para-{p.number}")
        assert "para" in element.classes  # numbered like every paragraph of the body
        text = _text(page, p.number)
        for key in ("first", "last") if p.counts["practices"] > 1 else ("first",):
            assert " ".join(format_number(p.counts[key], lang).split()) in text, (lang, text)  # 1 006 in Chinese
        if lang != "en":
            assert text != _text(english, p.number) and "compendium" not in text, (lang, text)


def test_the_entries_it_gives_are_the_compendiums_entries_of_those_practices(model: Report, parse_html) -> None:
    book = parse_html(render_compendium_html(model, "en"))
    entries = {int(a.find(cls="entry-num").text().strip().rstrip(".")): a for a in book.find_all("article")}
    for p in _pointers(model):
        objective = p.counts["objective"]
        for number in range(p.counts["first"] - 1, p.counts["last"] + 2):
            entry = entries.get(number)
            facts = entry.find(cls="practice-facts").text() if entry else ""
            inside = number in range(p.counts["first"], p.counts["last"] + 1)
            if inside:  # one of the practices left out: under that objective, cited nowhere in the report
                assert re.match(rf"Objectives?: {objective}\. ", facts) and "Cited in paragraph" not in facts
            elif number == p.counts["first"] - 1:  # just before: the last one the body cites
                assert "Cited in paragraph" in facts
            elif entry is not None:  # just after: another objective or area begins
                section = next(s for s in entry.ancestors() if "objective" in s.classes)
                assert not section.find_all("article", id=f"practice-{p.counts['last']}")


def test_the_sentences_are_counted_in_the_word_limit(model: Report) -> None:
    html = render_html(model, "en")
    without = re.sub(r'<p class="para further-practices".*?</p>', "", html)
    words = count_body(html, 8500).words - count_body(without, 8500).words
    assert 24 * 18 < words < 24 * 22  # about 20 words each
