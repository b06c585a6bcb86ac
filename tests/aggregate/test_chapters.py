"""The skeleton of the report model: chapters, numbering, placement, order, clustering."""

from __future__ import annotations

from gcm_report.aggregate import aggregate
from gcm_report.aggregate.model import EditorialParagraph, FactParagraph, ItemParagraph


def _all_paragraphs(model):  # type: ignore[no-untyped-def]
    for chapter in model.chapters:
        yield from chapter.paragraphs
        for section in chapter.subsections:
            yield from section.paragraphs


def _chapter(model, number):  # type: ignore[no-untyped-def]
    return next(c for c in model.chapters if c.number == number)


def test_seven_chapters_in_the_seeds_order(kitchen_model) -> None:
    assert [(c.number, c.key) for c in kitchen_model.chapters] == [
        (1, "introduction"), (2, "meaning"), (3, "implementation"), (4, "covid19"), (5, "progress"),
        (6, "support"), (7, "conclusions")]


def test_paragraphs_are_numbered_continuously_and_subparagraphs_are_lettered(kitchen_model) -> None:
    paragraphs = list(_all_paragraphs(kitchen_model))
    numbers = [p.number for p in paragraphs if p.number is not None]
    assert numbers == list(range(1, len(numbers) + 1))
    labelled = [p for p in paragraphs if p.label is not None]
    assert all(p.number is None for p in labelled)
    chapter7 = _chapter(kitchen_model, 7)
    assert [[p.label for p in s.paragraphs] for s in chapter7.subsections] == [[None, "a", "b"], [None, "a", "b"]]
    assert [s.letter for s in chapter7.subsections] == ["A", "B"]


def test_footnotes_are_numbered_continuously_in_reading_order(kitchen_model) -> None:
    called: list[int] = []
    for p in _all_paragraphs(kitchen_model):
        called += list(p.notes.values()) if isinstance(p, EditorialParagraph) else list(p.footnotes)
    assert called == list(range(1, len(kitchen_model.footnotes) + 1))
    assert [f.number for f in kitchen_model.footnotes] == called


def test_five_areas_in_order_with_their_official_chinese_titles(kitchen_model) -> None:
    chapter5 = _chapter(kitchen_model, 5)
    assert [(s.key, s.letter) for s in chapter5.subsections] == [(k, k) for k in "ABCDE"]
    assert chapter5.subsections[0].title["zh"] == "促进基于事实和数据驱动的移民问题讨论、政策和规划"
    assert chapter5.subsections[4].title["zh"] == "改善移民的社会包容和融入"


def _practice(model, title):  # type: ignore[no-untyped-def]
    return next(p for p in _all_paragraphs(model) if isinstance(p, ItemParagraph) and p.title.get("en") == title)


def test_objective_7_goes_where_area_says_else_to_the_first_area(kitchen_model) -> None:
    assert _practice(kitchen_model, "Shelters for victims of trafficking").area == "B"
    assert _practice(kitchen_model, "Information for migrants in vulnerable situations").area == "A"


def test_order_within_an_area_is_primary_objective_then_category_then_english_name(kitchen_model) -> None:
    chapter5 = _chapter(kitchen_model, 5)
    area_a = [p for p in chapter5.subsections[0].paragraphs if isinstance(p, ItemParagraph)]
    # 7 (Kenya), 17 (Kenya), 23: IOM (UN entity) before PICUM (stakeholder)
    assert [(p.objectives[0], p.actors[0].submitter) for p in area_a] == [
        (7, "KEN"), (17, "KEN"), (23, "entity:IOM"), (23, "entity:PICUM")]
    area_d = [p for p in chapter5.subsections[3].paragraphs if isinstance(p, ItemParagraph)]
    # objective 5: Morocco (Member State, joint with Portugal) before IGAD; then objective 19
    assert [p.actors[0].submitter for p in area_d] == ["MAR", "entity:IGAD", "KEN"]


def test_a_joint_practice_is_one_paragraph_naming_every_actor(kitchen_model) -> None:
    joint = [p for p in _all_paragraphs(kitchen_model) if isinstance(p, ItemParagraph) and p.joint]
    assert len(joint) == 1
    (p,) = joint
    assert [a.submitter for a in p.actors] == ["MAR", "PRT"]
    assert p.actors[0].body == {"en": "Ministry of Labour", "zh": "劳动部"}
    assert [t.file for t in p.traces] == ["member-states/morocco.yaml", "member-states/portugal.yaml"]
    urls = [s.url for s in kitchen_model.footnote(p.footnotes[0]).sources]
    assert urls == ["https://www.example.org/prt-mar/pilot", "https://www.example.org/mar/labour"]


def test_every_generated_paragraph_knows_its_file_and_line(kitchen_model, kitchen_sink) -> None:
    items = [p for p in _all_paragraphs(kitchen_model) if isinstance(p, ItemParagraph)]
    assert len(items) == 4 + 2 + 14 + 3  # arrangements, measures, practices, support of UN entities
    for p in items:
        for trace in p.traces:
            lines = (kitchen_sink / "submissions" / trace.file).read_text(encoding="utf-8").splitlines()
            assert lines[trace.line - 1].lstrip().startswith("- "), (trace, lines[trace.line - 1])
            assert trace.href.endswith(f"{trace.file}#L{trace.line}")
    shelters = _practice(kitchen_model, "Shelters for victims of trafficking")
    assert (shelters.traces[0].file, shelters.traces[0].line) == ("member-states/kenya.yaml", 48)
    assert shelters.traces[0].href == "../submissions/member-states/kenya.yaml#L48"


def test_champions_are_listed_in_english_alphabetical_order(kitchen_model) -> None:
    chapter3 = _chapter(kitchen_model, 3)
    champions = [p for p in chapter3.paragraphs if isinstance(p, FactParagraph) and p.fact == "champions"]
    assert champions[0].counts == {"champions": 3}
    assert kitchen_model.footnote(champions[0].footnotes[0]).countries == ["BOL", "MAR", "PRT"]


def test_support_is_shown_for_united_nations_entities_only(kitchen_model) -> None:
    chapter6 = _chapter(kitchen_model, 6)
    assert [s.key for s in chapter6.subsections] == ["network", "entities"]
    items = [p for p in chapter6.subsections[1].paragraphs if isinstance(p, ItemParagraph)]
    assert [p.actors[0].submitter for p in items] == ["entity:IOM", "entity:IOM", "entity:UNICEF"]
    assert any(n.code == "support-not-shown" and n.file == "stakeholders/picum.yaml" for n in kitchen_model.notes)


def test_round_table_clustering_regroups_the_same_corpus(kitchen_loaded, kitchen_config) -> None:
    config = kitchen_config.model_copy(update={"clustering": "imrf-2022-round-tables"})
    model = aggregate(kitchen_loaded, config)
    chapter5 = _chapter(model, 5)
    assert [(s.key, s.letter) for s in chapter5.subsections] == [("1", "A"), ("2", "B"), ("3", "C"), ("4", "D")]
    assert model.counts.practices == 14
    # area B is a thematic area, not a round table: ignored; objective 7 is in round table 4
    assert _practice(model, "Shelters for victims of trafficking").area == "4"
    # by hand: 1 = joint pilot (5), IGAD (5); 2 = BOL (4), GBR (13) x2, MYN (21);
    # 3 = KEN (19), PRT (15), MYN (16); 4 = KEN (17), KEN (7) x2, IOM (23), PICUM (23)
    assert model.counts.practices_by_area == {"1": 2, "2": 4, "3": 3, "4": 5}


def test_a_clustering_that_misses_an_objective_says_which_practice_it_left_out(kitchen_loaded, kitchen_config,
                                                                               kitchen_files) -> None:
    from gcm_report.schema.config import CustomClustering

    custom = CustomClustering.model_validate({
        "key": "halves", "title": {"en": "Two halves"},
        "groups": [{"key": "first", "title": {"en": "Objectives 1 to 12"}, "objectives": list(range(1, 13))},
                   {"key": "second", "title": {"en": "Objectives 13 to 22"}, "objectives": list(range(13, 23))}]})
    model = aggregate(kitchen_loaded, kitchen_config.model_copy(update={"clustering": custom}), kitchen_files)
    assert [s.letter for s in _chapter(model, 5).subsections] == ["A", "B"]
    left_out = [n for n in model.notes if n.code == "practice-not-placed"]
    assert sorted(n.file for n in left_out) == ["stakeholders/picum.yaml", "un-entities/iom.yaml"]
    assert model.counts.practices == 14 and sum(model.counts.practices_by_area.values()) == 12


def test_determinism_same_input_same_model(kitchen_loaded, kitchen_config) -> None:
    first = aggregate(kitchen_loaded, kitchen_config).model_dump_json(indent=2)
    second = aggregate(list(reversed(kitchen_loaded)), kitchen_config).model_dump_json(indent=2)
    assert first == second
