"""The libyaml fast path must agree with the round-trip path on every valid file it accepts."""

from __future__ import annotations

from pathlib import Path

import pytest

from gcm_report.devtools.corpus import generate
from gcm_report.load.discover import discover
from gcm_report.load.fast import fast_load
from gcm_report.load.yaml_source import read
from gcm_report.schema.submission import Submission
from gcm_report.validate import validate_paths
from gcm_report.validate.files import _fast, _tree_lines, parse_mapping

ROOT = Path(__file__).parents[2]


def _both(folder: Path) -> list[tuple[object, object, dict, dict]]:
    files, _, _ = discover([folder])
    pairs = []
    for found in files:
        source, _ = read(found.path, found.name)
        fast = _fast(source, None)
        assert fast is not None, f"{found.name} should take the fast path"
        tree, problems = parse_mapping(source)
        assert problems == []
        pairs.append((fast.submission, Submission.model_validate(tree), fast.lines, _tree_lines(tree)))
    return pairs


def test_example_corpus_same_submissions_and_item_lines() -> None:
    for fast_sub, slow_sub, fast_lines, slow_lines in _both(ROOT / "submissions"):
        assert fast_sub == slow_sub
        assert fast_lines == slow_lines


def test_generated_corpus_same_submissions_and_item_lines(tmp_path: Path) -> None:
    generate(tmp_path, 40, seed=5)
    for fast_sub, slow_sub, fast_lines, slow_lines in _both(tmp_path):
        assert fast_sub == slow_sub and fast_lines == slow_lines


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n", "a: !!str 1\n", "a:\n\tb: 1\n", "<<: {a: 1}\n", "x: " + "[" * 300 + "]" * 300 + "\n",
])
def test_what_only_the_round_trip_path_may_judge_is_left_to_it(text: str) -> None:
    assert fast_load(text) is None


def test_parallel_and_serial_runs_give_the_same_report(tmp_path: Path) -> None:
    generate(tmp_path, 80, seed=9, errors=10)
    serial = validate_paths([tmp_path], jobs=1)
    parallel = validate_paths([tmp_path], jobs=2)
    assert serial.model_dump() == parallel.model_dump()
    assert [s.name for s in serial.loaded] == [s.name for s in parallel.loaded]
