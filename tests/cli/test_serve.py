"""`gcm-report serve` end to end: start it, change a file, see the page change, break it, fix it."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

KITCHEN = Path(__file__).parents[1] / "fixtures" / "kitchen-sink"
DEADLINE = 60.0
"""Seconds to wait for a rebuild before calling the test failed: a hang guard, not a speed target
(the time a rebuild takes is measured by the benchmarks)."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (localhost only)
        return response.read().decode("utf-8")


def _until(url: str, predicate, what: str) -> tuple[str, float]:
    start = time.monotonic()
    last = ""
    while time.monotonic() - start < DEADLINE:
        try:
            last = _get(url)
            if predicate(last):
                return last, time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.05)
    raise AssertionError(f"no {what} within {DEADLINE} s; last page: {last[:500]}")


@pytest.mark.slow
def test_serve_rebuilds_on_change_and_shows_problems(tmp_path: Path) -> None:
    shutil.copytree(KITCHEN, tmp_path / "project")
    project = tmp_path / "project"
    port = _free_port()
    env = dict(os.environ, NO_COLOR="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "gcm_report", "serve", "--port", str(port), "--lang", "en"],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        index, _ = _until(base + "/", lambda page: "report.en.html" in page, "index")
        assert "compendium" not in index  # a preview of the draft; --compendium adds it
        page, _ = _until(base + "/report.en.html", lambda p: "<h1" in p, "draft")
        assert "Report of the Secretary-General" in page and "/__version" in page
        version = int(_get(base + "/__version"))

        target = next((project / "submissions").rglob("*.yaml"))
        text = target.read_text(encoding="utf-8")
        marker = "Quetzalcoatl rebuild marker"
        first_title = next(line for line in text.splitlines() if line.strip().startswith("en:") and "title" not in line)
        target.write_text(text.replace(first_title, first_title.split("en:")[0] + f"en: {marker}", 1),
                          encoding="utf-8")
        page, elapsed = _until(base + "/report.en.html", lambda p: marker in p, "rebuilt draft")
        assert int(_get(base + "/__version")) > version
        print(f"rebuild seen after {elapsed:.2f} s")

        target.write_text(text + "colour: blue\n", encoding="utf-8")
        problems, _ = _until(base + "/report.en.html", lambda p: "unknown-field" in p, "problems page")
        assert "cannot be built" in problems and "colour" in problems

        target.write_text(text, encoding="utf-8")
        _until(base + "/report.en.html", lambda p: "Report of the Secretary-General" in p, "fixed draft")
    finally:
        process.send_signal(signal.SIGINT)
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
    assert "Traceback" not in output, output
    assert "unknown-field" in output  # the terminal shows the problems too
    assert not list((project / "submissions").rglob("*.tmp"))
    assert list((project / ".gcm-report-cache").rglob("*.json"))  # rebuilds read unchanged files from the cache
