"""The catalogue, its tests and docs/robustness.md cannot drift apart."""

from __future__ import annotations

import re

import hostile_catalogue as catalogue


def test_class_ids_are_unique_and_well_formed() -> None:
    ids = [case.id for case in catalogue.CASES]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9.]+)+", i) for i in ids), ids
    assert len(ids) >= 40


def test_every_class_has_a_test_and_every_test_names_a_known_class() -> None:
    tests = catalogue.marked_tests()
    ids = {case.id for case in catalogue.CASES}
    assert sorted(ids - set(tests)) == [], "classes without a test"
    assert sorted(set(tests) - ids) == [], "tests naming a class that is not in the catalogue"


def test_the_page_shows_exactly_the_catalogue() -> None:
    text = catalogue.PAGE.read_text(encoding="utf-8")
    assert catalogue.current_table(text) == catalogue.page_table(), \
        "docs/robustness.md is out of date: run `python tests/hostile/hostile_catalogue.py`"
    shown = re.findall(r"^\| `([a-z0-9.-]+)` \|", text, flags=re.MULTILINE)
    assert sorted(shown) == sorted(case.id for case in catalogue.CASES)  # each once, and nothing else
    assert catalogue.current_counts(text) == catalogue.counts()
    assert text.index(catalogue.COUNTS_START) < text.index("\n## ")  # at the top
    assert f"Classes tried: {len(catalogue.CASES)}." in catalogue.counts()
