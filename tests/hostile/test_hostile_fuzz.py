"""Fuzzing: whatever a focal point sends, validation answers with diagnostics and the aggregation and the
HTML never raise. (This extends what was tests/validate/test_never_raises.py.)

``make test`` runs a bounded number of examples; ``make fuzz`` runs each test for its share of ten
minutes (conftest.py: the ``fuzz`` profile, FUZZ_SECONDS).
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from hostile_strategies import dump, mutated, submissions, yaml_documents, yaml_soup
from hostile_support import FUZZ_TESTS, KITCHEN, fuzz_test

hostile = pytest.mark.hostile

VALID = (
    "schema_version: 1\ncycle: 2020\nlanguage: en\nsubmitter:\n  category: member-state\n  country: KEN\n"
    "practices:\n  - title: {en: Shelters, zh: 庇护所}\n    summary: Shelters for victims.\n"
    "    objectives: [10, 7]\n    period: {start: 2019, end: 2020}\n"
    "    sources:\n      - url: https://www.example.org/x\n"
)
YAMLISH = st.sampled_from(list(":-[]{}#&*!|>'\"\t\n ,?%@`") + ["\n  ", "- ", ": ", "yes", "1e3", "0o12",
                                                               "2020-13-45", "~", "\ufeff", "\x00", "é", "中",
                                                               "\\e", "\\ud800", "\u2028", "\x85", "<<: ", "%YAML 1.1\n"])


def _config():  # type: ignore[no-untyped-def]
    from gcm_report.validate import load_config

    config, problems = load_config(KITCHEN / "report.yaml")
    assert config is not None, problems
    return config


CONFIG = _config()


def check(files: dict[str, bytes], config: Any = None) -> Any:
    """Validate the files; every diagnostic is located within its file, printable and serialisable."""
    from rich.console import Console

    from gcm_report.cli import output
    from gcm_report.diagnostics import catalogue
    from gcm_report.validate import validate_paths

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, data in files.items():
            (root / name).write_bytes(data)
        report = validate_paths([root], config=config, jobs=1)
    known = catalogue()
    for d in report.diagnostics:
        assert d.code in known and d.message
        data = files.get(Path(d.file or "").name, b"")
        assert d.line is None or 1 <= d.line <= data.count(b"\n") + data.count(b"\r") + 1, d
        assert d.column is None or d.column >= 1
    assert report.exit_code in (0, 1)
    report.model_dump_json()  # JSON output never fails (no lone surrogate, nothing unserialisable)
    console = Console(file=io.StringIO(), width=100, highlight=False)
    output.text(report, console)  # nor does the text output
    output.github(report)
    return report


def _bytes_body(data: bytes) -> None:
    check({"s.yaml": data})


test_arbitrary_bytes_never_raise = hostile("fuzz-bytes")(fuzz_test(150, _bytes_body, data=st.binary(max_size=400)))


def _mutated_text_body(cut: int, insert: list[str], drop: int) -> None:
    text = VALID[:cut] + "".join(insert) + VALID[cut + drop:]
    check({"s.yaml": text.encode("utf-8", "surrogatepass")})


test_mutated_text_never_raises = hostile("fuzz-yaml-text")(fuzz_test(
    150, _mutated_text_body, cut=st.integers(0, len(VALID)), insert=st.lists(YAMLISH, max_size=4),
    drop=st.integers(0, 5)))


def _yaml_body(text: str) -> None:
    check({"s.yaml": text.encode("utf-8", "surrogatepass")})


test_handwritten_yaml_never_raises = hostile("fuzz-yaml-text")(fuzz_test(
    80, _yaml_body, text=st.one_of(yaml_documents(), yaml_soup)))


def _mutated_body(doc: dict[str, Any]) -> None:
    report = check({"s.yaml": dump(doc).encode("utf-8", "surrogatepass")}, CONFIG)
    if report.valid:  # still acceptable after the mutation: it must aggregate too
        _aggregate(report)


test_mutated_submissions_never_raise = hostile("fuzz-mutated-submissions")(fuzz_test(
    40, _mutated_body, doc=mutated()))


def _aggregate(report: Any) -> str:
    from gcm_report.aggregate import aggregate
    from gcm_report.render.html import render_html
    from gcm_report.render.practices import practices_csv

    model = aggregate(report.loaded, CONFIG)
    model.model_dump_json()
    practices_csv(model)
    return render_html(model, "en")


def _valid_body(docs: list[dict[str, Any]]) -> None:
    report = check({f"s{i}.yaml": dump(doc).encode("utf-8") for i, doc in enumerate(docs)}, CONFIG)
    assert report.valid, [d.message for d in report.diagnostics if d.severity != "info"]
    html = _aggregate(report)
    assert "<script" not in html and "<img" not in html and "javascript:" not in html.lower().replace(
        "javascript:alert", "")  # a link target never; the words may stay as text
    assert html.count("<style") == 1


test_valid_submissions_aggregate_and_render = pytest.mark.slow(hostile("fuzz-valid-submissions")(fuzz_test(
    12, _valid_body, docs=st.integers(1, 3).flatmap(lambda n: st.tuples(*[submissions(i) for i in range(n)]).map(list)))))


def _config_body(cut: int, insert: list[str], drop: int) -> None:
    from gcm_report.validate import load_config

    text = REPORT[:cut] + "".join(insert) + REPORT[cut + drop:]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.yaml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        config, problems = load_config(path)
    assert (config is None) == bool([p for p in problems if p.severity == "error"]) or config is not None
    for p in problems:
        p.model_dump_json()


REPORT = (KITCHEN / "report.yaml").read_text(encoding="utf-8")
test_mutated_configuration_never_raises = hostile("fuzz-configuration")(fuzz_test(
    60, _config_body, cut=st.integers(0, len(REPORT)), insert=st.lists(YAMLISH, max_size=4),
    drop=st.integers(0, 40)))


def test_the_fuzz_budget_is_shared_by_every_fuzz_test() -> None:
    fuzz = [name for name in globals() if name.startswith("test_") and name != "test_the_fuzz_budget_is_shared_by_every_fuzz_test"]
    assert len(fuzz) == FUZZ_TESTS, fuzz
