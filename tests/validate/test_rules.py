"""One failing fixture per rule code, named after the code: the catalogue's specification.

Each fixture under tests/fixtures/rules/ states in its first lines what it must
produce (`# expect: CODE LINE:COLUMN`), and holds no other error, so that a
fixture shows one rule at work and nothing else.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gcm_report.validate import load_config, validate_paths
from gcm_report.diagnostics import catalogue

FIXTURES = Path(__file__).parents[1] / "fixtures" / "rules"
CONFIG = Path(__file__).parents[1] / "fixtures" / "config" / "report.yaml"
EXPECT = re.compile(rb"# expect: ([a-z0-9-]+)(?: (\d+):(\d*))?")
MAX_BYTES = re.compile(rb"# max-bytes: (\d+)")
TESTED_ELSEWHERE = {"path-not-found", "config-not-found", "too-many-problems"}  # the last: tests/hostile


def _expectation(fixture: Path) -> tuple[str, int | None, int | None, int | None]:
    files = sorted(fixture.rglob("*")) if fixture.is_dir() else [fixture]
    for path in files:
        if not path.is_file():
            continue
        head = path.read_bytes()[:400]
        found = EXPECT.search(head)
        if found:
            code, line, col = found.groups()
            size = MAX_BYTES.search(head)
            return (code.decode(), int(line) if line else None, int(col) if col else None,
                    int(size.group(1)) if size else None)
    raise AssertionError(f"{fixture} states no expectation")


@pytest.fixture(scope="module")
def config():
    loaded, problems = load_config(CONFIG)
    assert problems == []
    return loaded


@pytest.mark.parametrize("fixture", sorted(FIXTURES.iterdir()), ids=lambda p: p.stem)
def test_fixture_reports_its_rule_where_it_is(fixture: Path, config) -> None:
    code, line, column, max_bytes = _expectation(fixture)
    assert fixture.stem == code, "a fixture is named after the code it shows"
    report = validate_paths([fixture], config=config, **({"max_bytes": max_bytes} if max_bytes else {}))
    hits = [d for d in report.diagnostics if d.code == code]
    assert hits, [d.code for d in report.diagnostics]
    if line is not None:
        assert hits[0].line == line
        if column is not None:
            assert hits[0].column == column
    assert hits[0].message and hits[0].severity == catalogue()[code].severity
    others = [d.code for d in report.diagnostics if d.code != code and d.code != "missing-translation"]
    assert others == [], "the fixture must show its own rule and no other"
    if catalogue()[code].severity == "error":
        assert report.exit_code == 1 and not report.valid


def test_every_code_in_the_catalogue_has_a_fixture() -> None:
    fixtures = {p.stem for p in FIXTURES.iterdir()}
    assert set(catalogue()) - TESTED_ELSEWHERE == fixtures


def test_every_code_the_source_can_emit_is_in_the_catalogue() -> None:
    source = Path(__file__).parents[2] / "src" / "gcm_report"
    pattern = re.compile(r"""(?:make|fail|_at|_mark_diag|PydanticCustomError|at|_Refused)\(\s*(?:[\w.]+,\s*)*"([a-z0-9]+(?:-[a-z0-9]+)+)\"""")
    used: set[str] = set()
    for path in source.rglob("*.py"):
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert used, "the pattern finds the codes"
    assert used - set(catalogue()) == set()


def test_a_path_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    report = validate_paths([tmp_path / "nowhere"])
    assert [d.code for d in report.diagnostics] == ["path-not-found"]
    assert report.exit_code == 2


def test_a_missing_configuration_is_reported(tmp_path: Path) -> None:
    config, problems = load_config(tmp_path / "report.yaml")
    assert config is None and [p.code for p in problems] == ["config-not-found"]
