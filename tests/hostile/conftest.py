"""Fixtures of the hostile-input catalogue (tests/hostile/): corpora to spoil, builds to run,
a local HTTP server that must receive nothing, small file systems that fill up or refuse writes.

Every test here carries ``@pytest.mark.hostile("class-id", ...)`` naming the classes of
hostile_catalogue.py it shows; test_catalogue.py checks that each class has a test and a row
in docs/robustness.md, and the other way round.

Hypothesis settings profiles: ``hostile`` (the default: bounded examples, for ``make test``)
and ``fuzz`` (``make fuzz`` sets ``HYPOTHESIS_PROFILE=fuzz``; each fuzz test then runs for its
share of ``FUZZ_SECONDS``, 600 by default). See hostile_support.fuzz_budget.
"""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from hostile_support import KITCHEN  # registers and loads the hypothesis profiles


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "hostile(*ids): the hostile-input classes (tests/hostile/hostile_catalogue.py) "
                                       "a test shows")


@pytest.fixture(autouse=True)
def english_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English whatever the developer's LANG (a test that wants another sets it)."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A private copy of the kitchen sink (report.yaml and submissions/) that a test may change."""
    target = tmp_path / "corpus"
    shutil.copytree(KITCHEN, target)
    return target


@pytest.fixture
def build_in_process() -> Callable[..., Any]:
    """build(corpus, out, formats=("html",), langs=None, **kw) through the pipeline, in this process."""
    from gcm_report.pipeline import build

    def run(corpus: Path, out: Path, formats: tuple[str, ...] = ("html",), langs: list[str] | None = None,
            **kwargs: Any) -> Any:
        return build(corpus / "report.yaml", [corpus / "submissions"], out, langs, formats, **kwargs)

    return run


# ---------------------------------------------------------------------------- a local web server


class _Counting(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        _Counting.requests.append(self.path)
        body = b"<svg xmlns='http://www.w3.org/2000/svg'/>"
        self.send_response(200)
        self.send_header("Content-Type", "image/svg+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:  # quiet
        pass


@pytest.fixture
def local_server() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.1 (port from the OS), stopped after the test: (base URL, requests it saw)."""
    _Counting.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    httpd.timeout = 1
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", _Counting.requests
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


# ---------------------------------------------------------------------------- small file systems


def _mount(*args: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", *args], capture_output=True, timeout=30).returncode == 0


def _umount(target: Path) -> None:
    for _ in range(20):
        if subprocess.run(["umount", str(target)], capture_output=True, timeout=30).returncode == 0:
            return
        time.sleep(0.1)
    subprocess.run(["umount", "-l", str(target)], capture_output=True, timeout=30)


@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Iterator[Callable[[int], Path | None]]:
    """mount(size_in_bytes) -> a fresh tmpfs of that size, unmounted after the test (None where not allowed)."""
    mounted: list[Path] = []

    def mount(size: int) -> Path | None:
        target = tmp_path / f"tmpfs{len(mounted)}"
        target.mkdir()
        if not _mount("-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(target)):
            return None
        mounted.append(target)
        return target

    try:
        yield mount
    finally:
        for target in reversed(mounted):
            _umount(target)


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path | None]:
    """A folder bind-mounted read-only onto itself, unmounted after the test (None where not allowed)."""
    target = tmp_path / "read-only"
    target.mkdir()
    if not _mount("--bind", str(target), str(target)):
        yield None
        return
    try:
        yield target if _mount("-o", "remount,bind,ro", str(target)) else None
    finally:
        _umount(target)
