"""Whatever bytes a focal point sends, validate answers with diagnostics, never a traceback."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gcm_report.validate import validate_paths

VALID = (
    "schema_version: 1\ncycle: 2020\nlanguage: en\nsubmitter:\n  category: member-state\n  country: KEN\n"
    "practices:\n  - title: {en: Shelters, zh: 庇护所}\n    summary: Shelters for victims.\n"
    "    objectives: [10, 7]\n    period: {start: 2019, end: 2020}\n"
    "    sources:\n      - url: https://www.example.org/x\n"
)
YAMLISH = st.sampled_from(list(":-[]{}#&*!|>'\"\t\n ,?%@`") + ["\n  ", "- ", ": ", "yes", "1e3", "0o12",
                                                               "2020-13-45", "~", "\ufeff", "\x00", "é", "中"])


def _check(tmp: Path, data: bytes) -> None:
    path = tmp / "s.yaml"
    path.write_bytes(data)
    report = validate_paths([path])
    for d in report.diagnostics:
        assert d.code and d.message
        assert d.line is None or d.line >= 1
    assert report.exit_code in (0, 1)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    _check(tmp_path, data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, len(VALID)), insert=st.lists(YAMLISH, max_size=4), drop=st.integers(0, 5))
def test_mutated_submissions(tmp_path: Path, cut: int, insert: list[str], drop: int) -> None:
    text = VALID[:cut] + "".join(insert) + VALID[cut + drop:]
    _check(tmp_path, text.encode("utf-8"))
