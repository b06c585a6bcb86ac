"""Every number the draft states is computed from the corpus: checked against hand counts.

Hand count of the kitchen sink (tests/fixtures/kitchen-sink/submissions):
- submitters: 6 Member States (BOL, ISL, KEN, MAR, PRT, GBR), 1 intergovernmental organization
  (IGAD), 2 United Nations entities (IOM, UNICEF), 2 stakeholders (PICUM, Migrant Youth Network);
- practices: KEN 4, BOL 1, PRT 2 + MAR 1 of which one joint (counted once), GBR 2, IGAD 1,
  IOM 1, PICUM 1, MYN 2 = 14, from 9 submitters (ISL and UNICEF have none);
- by area: A 4 (KEN 7 without area, KEN 17, IOM 23, PICUM 23), B 3 (KEN 7 with area B, GBR 13 x2),
  C 1 (MYN 21), D 3 (joint 5, IGAD 5, KEN 19), E 3 (BOL 4, PRT 15, MYN 16).
"""

from __future__ import annotations


def test_submitters_by_category(kitchen_model) -> None:
    assert kitchen_model.counts.submitters == {
        "member-state": 6, "intergovernmental-organization": 1, "un-entity": 2, "stakeholder": 2}


def test_member_states_by_region(kitchen_model) -> None:
    # Africa: KEN, MAR; Americas: BOL; Europe: ISL, PRT, GBR
    assert kitchen_model.counts.member_states_by_region == {"002": 2, "019": 1, "142": 0, "150": 3, "009": 0}


def test_practices_and_areas(kitchen_model) -> None:
    counts = kitchen_model.counts
    assert counts.practices == 14
    assert counts.practice_submitters == 9
    assert counts.practices_by_area == {"A": 4, "B": 3, "C": 1, "D": 3, "E": 3}
    assert sum(counts.practices_by_area.values()) == counts.practices


def test_practices_by_objective_count_every_objective_cited(kitchen_model) -> None:
    by = kitchen_model.counts.practices_by_objective
    assert set(by) == set(range(1, 24))
    assert by[7] == {"member-state": 3, "intergovernmental-organization": 0, "un-entity": 0, "stakeholder": 0}
    assert by[23] == {"member-state": 0, "intergovernmental-organization": 0, "un-entity": 1, "stakeholder": 1}
    # the joint practice of Morocco and Portugal counts once, under Morocco (first in English order)
    assert by[5]["member-state"] == 1 and by[5]["intergovernmental-organization"] == 1
    assert by[6]["member-state"] == 0  # objective 6 is only in Portugal's copy; Morocco's words are used


def test_area_by_region_rows_add_up(kitchen_model) -> None:
    counts = kitchen_model.counts
    for key, row in counts.practices_by_area_region.items():
        assert sum(row.values()) == counts.practices_by_area[key]
    assert counts.practices_by_area_region["A"] == {"002": 2, "019": 0, "142": 0, "150": 0, "009": 0, "other": 2}
    assert counts.practices_by_area_region["E"] == {"002": 0, "019": 1, "142": 0, "150": 1, "009": 0, "other": 1}


def test_other_counts(kitchen_model) -> None:
    counts = kitchen_model.counts
    assert (counts.arrangements, counts.measures, counts.support, counts.champions) == (4, 2, 3, 3)


def test_summary_numbers_are_the_counts_in_chapter_openings(kitchen_model) -> None:
    chapter5 = next(c for c in kitchen_model.chapters if c.number == 5)
    opening = chapter5.paragraphs[0]
    assert opening.counts == {"practices": 14, "submitters": 9, "groups": 5}
    for section in chapter5.subsections:
        assert section.paragraphs[0].counts["practices"] == kitchen_model.counts.practices_by_area[section.key]
        assert len(section.paragraphs) == 1 + kitchen_model.counts.practices_by_area[section.key]


def test_most_cited_objectives_are_ranked_then_numbered(kitchen_model) -> None:
    chapter5 = next(c for c in kitchen_model.chapters if c.number == 5)
    area_b = next(s for s in chapter5.subsections if s.key == "B")
    ranked = [(o.objective, o.count) for o in area_b.paragraphs[0].objectives]
    assert ranked == [(7, 2), (13, 2), (10, 1)]
