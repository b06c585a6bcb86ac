"""The corpus generator: valid at scale, deterministic, and exact about the errors it injects."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from gcm_report.devtools.corpus import INJECTABLE, documents, generate
from gcm_report.schema.submission import Submission
from gcm_report.validate import validate_paths
from gcm_report.validate.rules import submitter_key


def test_validate_finds_exactly_the_injected_errors(tmp_path: Path) -> None:
    corpus = generate(tmp_path, 120, seed=7, errors=len(INJECTABLE) * 2)
    assert sorted(Counter(corpus.errors.values()).values()) == [2] * len(INJECTABLE)
    report = validate_paths([tmp_path])
    found: dict[str, list[str]] = {}
    for d in report.diagnostics:
        if d.severity != "info":
            found.setdefault(Path(d.file).relative_to(tmp_path).as_posix(), []).append(d.code)
    assert found == {name: [code] for name, code in corpus.errors.items()}
    assert json.loads((tmp_path / "expected-errors.json").read_text()) == corpus.errors


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a, b = generate(tmp_path / "a", 30, seed=3), generate(tmp_path / "b", 30, seed=3)
    assert [p.read_bytes() for p in a.files] == [p.read_bytes() for p in b.files]
    c = generate(tmp_path / "c", 30, seed=4)
    assert [p.read_bytes() for p in a.files] != [p.read_bytes() for p in c.files]


def test_shape_follows_the_seed(tmp_path: Path) -> None:
    items, _ = documents(810, seed=1)
    categories = Counter(doc["submitter"]["category"] for _, doc in items)
    assert categories == {"member-state": 193, "un-entity": 160, "stakeholder": 437,
                          "intergovernmental-organization": 20}
    practices = [len(doc["practices"]) for _, doc in items]
    assert min(practices) >= 5 and max(practices) <= 20
    first = items[0][1]["practices"][0]
    assert {"en", "zh"} <= set(first["summary"]) and len(first["summary"]["en"].split()) >= 20


@pytest.mark.slow
def test_five_thousand_valid_submissions(tmp_path: Path) -> None:
    items, injected = documents(5000, seed=11)
    assert injected == {} and len(items) == 5000
    subs = [Submission.model_validate(doc) for _, doc in items]
    assert len({submitter_key(s) for s in subs}) == 5000
    corpus = generate(tmp_path, 5000, seed=11)
    sample = corpus.files[::50]  # the files on disk parse and validate like the documents
    report = validate_paths(sample)
    assert report.valid and report.counts["error"] == 0 and report.counts["warning"] == 0
