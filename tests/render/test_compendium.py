"""The compendium as a reader sees it: every practice once, by thematic area and objective, a table of
contents that leads to each group, and nothing from a submission that becomes markup.

The kitchen sink's 14 practices (one joint, from Morocco and Portugal) are counted by hand in
tests/aggregate/test_counts.py; their groups below are read from its submission files.
"""

from __future__ import annotations

import re

import pytest

from gcm_report.aggregate.model import ItemParagraph
from gcm_report.render.compendium import render_compendium_html
from gcm_report.render.html import render_html
from gcm_report.render.practices import practices_csv

GROUPS = {  # area -> the primary objective of each practice placed there, in the compendium's order
    "A": [7, 17, 23, 23],
    "B": [7, 13, 13],
    "C": [21],
    "D": [5, 5, 19],
    "E": [4, 15, 16],
}


@pytest.fixture(scope="module")
def en(kitchen_model, parse_html):  # type: ignore[no-untyped-def]
    return parse_html(render_compendium_html(kitchen_model, "en"))


def _entries(page):  # type: ignore[no-untyped-def]
    return page.find_all("article", cls="practice")


def test_every_practice_is_there_once_with_every_submission_it_comes_from(en, kitchen_model) -> None:
    rows = practices_csv(kitchen_model).splitlines()[1:]
    received = sorted(f"{row.split(',')[-2]}:{row.split(',')[-1]}" for row in rows)  # one row per actor
    traces = sorted(a.text() for entry in _entries(en) for a in entry.find_all("a", cls="trace"))
    assert len(_entries(en)) == 14
    assert traces == received and len(received) == 15
    joint = next(e for e in _entries(en) if len(e.find_all("a", cls="trace")) == 2)
    assert "Morocco" in joint.find(cls="practice-by").text() and "Portugal" in joint.find(cls="practice-by").text()


def test_practices_are_grouped_by_area_then_primary_objective_and_numbered_in_reading_order(en) -> None:
    found: dict[str, list[int]] = {}
    for area in en.find_all("section", cls="area"):
        letter = area.attrs["id"].removeprefix("area-")
        found[letter] = []
        for group in area.find_all("section", cls="objective"):
            objective = int(group.attrs["id"].rsplit("-", 1)[1])
            assert group.find("h3").text().startswith(f"Objective {objective} ")
            for entry in _entries(group):
                listed = entry.find(cls="practice-facts").text()
                assert re.match(rf"Objectives?: {objective}\. ", listed), listed  # the primary objective first
                found[letter].append(objective)
    assert found == GROUPS
    numbers = [e.find(cls="entry-num").text().strip() for e in _entries(en)]
    assert numbers == [f"{n}." for n in range(1, 15)]


def test_the_table_of_contents_links_each_area_and_objective_to_its_heading(en) -> None:
    toc = en.find("nav", cls="toc")
    links = [a.attrs["href"] for a in toc.find_all("a")]
    groups = [s.attrs["id"] for s in en.find_all("section") if {"area", "objective"} & set(s.classes)]
    assert links == [f"#{i}" for i in groups]
    assert len(groups) == 5 + sum(len(set(objectives)) for objectives in GROUPS.values())
    ids = {e.attrs["id"] for e in en.iter() if "id" in e.attrs}
    assert all(link[1:] in ids for link in links)
    assert [a.text() for a in toc.find_all("a")][:2] == [
        "A. Promoting fact-based and data-driven migration discourse, policy and planning", "7. Reduce vulnerabilities"]


def test_an_entry_names_who_reported_it_and_the_report_paragraph_that_cites_it(en, kitchen_model, parse_html) -> None:
    shelters = next(e for e in _entries(en) if "Shelters for victims of trafficking" in e.find("h4").text())
    assert shelters.find(cls="practice-by").text() == "Reported by Kenya (Member State)."
    assert "Cited in paragraph 22 of the report." in shelters.find(cls="practice-facts").text()
    report = parse_html(render_html(kitchen_model, "en"))
    assert "Shelters for victims of trafficking" in report.find("p", id="para-22").text()
    principles = next(e for e in _entries(en) if "Guiding principles" in e.find(cls="practice-facts").text())
    assert "(f) Human rights and (j) Whole-of-society approach." in principles.find(cls="practice-facts").text()


def test_the_compendium_keeps_practices_that_the_report_does_not_cite(kitchen_model, parse_html) -> None:
    chapters = [c.model_copy(update={"subsections": []}) if c.key == "progress" else c for c in kitchen_model.chapters]
    trimmed = kitchen_model.model_copy(update={"chapters": chapters})
    assert not any(isinstance(p, ItemParagraph) and p.kind == "practice"
                   for c in trimmed.chapters for s in c.subsections for p in s.paragraphs)
    assert len(_entries(parse_html(render_compendium_html(trimmed, "en")))) == 14


def test_text_from_a_submission_never_becomes_markup(kitchen_model, parse_html) -> None:
    first = kitchen_model.practices[0]
    hostile = first.model_copy(update={
        "title": {"en": "<script>alert('title')</script>"},
        "text": {"en": "**Bold** <img src=x onerror=alert(1)> [link](javascript:alert(2)) & more"},
        "actors": [first.actors[0].model_copy(update={"body": {"en": "<b onmouseover=alert(3)>Ministry</b>"}})],
    })
    model = kitchen_model.model_copy(update={"practices": [hostile, *kitchen_model.practices[1:]]})
    html = render_compendium_html(model, "en")
    assert "<script" not in html and "<img" not in html and "<b " not in html and "javascript:" not in html
    entry = _entries(parse_html(html))[0]
    assert entry.find("h4").text() == "1. <script>alert('title')</script>"
    assert "<img src=x onerror=alert(1)>" in entry.find(cls="practice-summary").text()
    assert entry.find(cls="practice-summary").find("strong").text() == "Bold"


@pytest.mark.parametrize(("lang", "direction", "name"), [
    ("zh", "ltr", "做法汇编"), ("ar", "rtl", "خلاصة وافية للممارسات"), ("fr", "ltr", "Recueil de pratiques")])
def test_each_language_version_is_worded_in_its_language(kitchen_model, parse_html, lang: str, direction: str,
                                                        name: str) -> None:
    page = parse_html(render_compendium_html(kitchen_model, lang))
    assert (page.find("html").attrs["lang"], page.find("html").attrs["dir"]) == (lang, direction)
    assert page.find("p", cls="report-of").text() == name
    assert len(_entries(page)) == 14


def test_practices_that_no_group_of_a_custom_clustering_holds_close_the_compendium(
        kitchen_loaded, kitchen_config, kitchen_files, parse_html) -> None:
    from gcm_report.aggregate import aggregate
    from gcm_report.schema.config import CustomClustering

    custom = CustomClustering.model_validate({  # objective 23 is in no group: IOM's and PICUM's practices
        "key": "halves", "title": {"en": "Two halves"},
        "groups": [{"key": "first", "title": {"en": "Objectives 1 to 12"}, "objectives": list(range(1, 13))},
                   {"key": "second", "title": {"en": "Objectives 13 to 22"}, "objectives": list(range(13, 23))}]})
    model = aggregate(kitchen_loaded, kitchen_config.model_copy(update={"clustering": custom}), kitchen_files)
    page = parse_html(render_compendium_html(model, "en"))
    areas = page.find_all("section", cls="area")
    assert [a.attrs["id"] for a in areas] == ["area-A", "area-B", "area-other"]
    assert areas[-1].find("h2").text() == "Practices that no heading of the clustering holds"
    traces = [a.text() for a in areas[-1].find_all("a", cls="trace")]
    assert traces == ["un-entities/iom.yaml:27", "stakeholders/picum.yaml:9"]
    assert len(_entries(page)) == 14
