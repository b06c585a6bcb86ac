"""Deterministic output: builds in different time zones, locales and hash seeds give the same bytes.

Two builds in one environment giving the same bytes is tests/test_build_cli.py::test_same_input_same_bytes
(HTML, JSON, CSV) and tests/pdf/test_pdf_determinism.py (PDF, also across TZ and locale from the same
HTML). Here the whole command runs in three processes at once: in UTC with the C locale, at UTC+14
with a Chinese locale, at UTC-10 with a French one, each with its own hash seed; the HTML drafts,
report.json and practices.csv must be byte-identical. (The PDF is printed from that HTML; that it comes
out byte-identical in another process, time zone and locale is tests/pdf/test_pdf_determinism.py.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hostile_support import assert_no_traceback, build_args, snapshot

hostile = pytest.mark.hostile

ENVIRONMENTS = {
    "utc-c": {"TZ": "UTC", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "0"},
    "kiritimati-zh": {"TZ": "Pacific/Kiritimati", "LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8",
                      "LANGUAGE": "zh_CN", "PYTHONHASHSEED": "4242"},
    "honolulu-fr": {"TZ": "Pacific/Honolulu", "LANG": "fr_FR.UTF-8", "LC_ALL": "fr_FR.UTF-8", "LC_TIME": "fr_FR",
                    "PYTHONHASHSEED": "7"},
}


def _start(corpus: Path, out: Path, name: str, *extra: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("SOURCE_DATE_EPOCH",)}
    env.update(ENVIRONMENTS[name])
    return subprocess.Popen([sys.executable, "-m", "gcm_report", *build_args(corpus, out, *extra)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _finish(process: subprocess.Popen[str]) -> None:
    stdout, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr
    assert_no_traceback(stderr)


@hostile("det-time-zone-and-locale")
@pytest.mark.slow
def test_html_json_and_csv_are_the_same_in_any_time_zone_and_locale(corpus: Path, tmp_path: Path) -> None:
    runs = {name: _start(corpus, tmp_path / name / "build", name, "--format", "html") for name in ENVIRONMENTS}
    for process in runs.values():
        _finish(process)
    outputs = {name: snapshot(tmp_path / name / "build") for name in ENVIRONMENTS}
    first = outputs["utc-c"]
    assert sorted(first) == ["compendium.en.html", "compendium.zh.html", "practices.csv", "report.en.html",
                             "report.json", "report.zh.html"]
    for name, files in outputs.items():
        assert files == first, f"{name} differs in {[n for n in first if files.get(n) != first[n]]}"
