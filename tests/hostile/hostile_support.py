"""Helpers of the hostile-input tests (imported by the test modules and conftest.py)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
KITCHEN = ROOT / "tests" / "fixtures" / "kitchen-sink"

VALID = """\
schema_version: 1
cycle: 2020
language: en
submitter:
  category: member-state
  country: KEN
practices:
  - title: {en: Shelters, zh: 庇护所}
    summary: {en: Shelters for victims., zh: 庇护所。}
    objectives: [10]
"""
"""A small valid submission (line 10 holds the objectives) to spoil one way at a time."""


# ---------------------------------------------------------------------------- hypothesis profiles and budget

settings.register_profile("hostile", deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                                 HealthCheck.data_too_large])
settings.register_profile("fuzz", parent=settings.get_profile("hostile"))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "hostile"))

FUZZING = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
FUZZ_SECONDS = float(os.environ.get("FUZZ_SECONDS", "600"))
FUZZ_TESTS = 6
"""How many tests share FUZZ_SECONDS under ``make fuzz`` (the tests of test_fuzz.py; checked there)."""


def fuzz_test(examples: int, body: Callable[..., None], **strategies: Any) -> Callable[[], None]:
    """A test that runs `body` on `examples` examples drawn from `strategies`; under ``make fuzz``, round after
    round of ``examples * 2`` until its share of FUZZ_SECONDS has passed (a round is a few seconds, so the
    budget is kept to within that).

    Hypothesis has no time limit of its own: each round is a fresh random run (a failure found earlier
    is replayed first, from the example database).
    """
    base = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "hostile"))
    quick = settings(base, max_examples=examples)(given(**strategies)(body))
    long = settings(base, max_examples=examples * 2)(given(**strategies)(body))

    def run() -> None:
        if not FUZZING:
            quick()
            return
        stop = time.monotonic() + FUZZ_SECONDS / FUZZ_TESTS
        rounds = 0
        while time.monotonic() < stop:
            long()
            rounds += 1
        print(f"\n{body.__name__}: {rounds} round(s) of {examples * 2} examples, no failure")

    run.__name__ = run.__qualname__ = body.__name__
    run.__doc__ = body.__doc__
    return run


# ---------------------------------------------------------------------------- validating and building


def validate_text(tmp_path: Path, data: bytes | str, name: str = "s.yaml", **kwargs: Any):  # type: ignore[no-untyped-def]
    """Write one file and validate it (in this process): the ValidationReport."""
    from gcm_report.validate import validate_paths

    path = tmp_path / name
    path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    return validate_paths([path], **kwargs)


def codes(report: Any) -> list[str]:
    return [d.code for d in report.diagnostics]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder (hidden ones too), by relative path."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    """Temporary files and journals a build left in its output folder (there must be none)."""
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or p.name.endswith(".tmp"))


def _env(extra: dict[str, str] | None) -> dict[str, str]:
    env = {**os.environ, "LANG": "C.UTF-8", "NO_COLOR": "1", "COLUMNS": "200", **(extra or {})}
    if "LC_ALL" not in (extra or {}):
        env.pop("LC_ALL", None)
    return env


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 120, cwd: Path | None = None,
        stdin: Any = None) -> subprocess.CompletedProcess[str]:
    """``python -m gcm_report ARGS`` in a fresh process; a hang fails the test (timeout), it never blocks it."""
    return subprocess.run([sys.executable, "-m", "gcm_report", *args], capture_output=True, text=True,
                          timeout=timeout, env=_env(env), cwd=cwd, stdin=stdin)


def cli_many(*runs: list[str], env: dict[str, str] | None = None, timeout: float = 120
             ) -> list[subprocess.CompletedProcess[str]]:
    """Several ``python -m gcm_report ...`` at once (they are independent): their results, in order."""
    started = [subprocess.Popen([sys.executable, "-m", "gcm_report", *args], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=_env(env)) for args in runs]
    results = []
    for args, process in zip(runs, started, strict=True):
        stdout, stderr = process.communicate(timeout=timeout)
        results.append(subprocess.CompletedProcess(args, process.returncode, stdout, stderr))
    return results


def start_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """The same, started in its own process group (a test can send it Ctrl-C as a terminal would)."""
    return subprocess.Popen([sys.executable, "-m", "gcm_report", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=_env(env), start_new_session=True)


def build_args(corpus: Path, out: Path, *extra: str) -> list[str]:
    return ["build", str(corpus / "submissions"), "--config", str(corpus / "report.yaml"), "--out", str(out),
            *extra]


def assert_no_traceback(*texts: str) -> None:
    for text in texts:
        assert "Traceback (most recent call last)" not in text, text[-3000:]


# ---------------------------------------------------------------------------- processes


def wait_for_children(pid: int, timeout: float = 60) -> list[int]:
    """Child processes of `pid`, once it has some (the workers of parallel validation)."""
    stop = time.monotonic() + timeout
    while time.monotonic() < stop:
        children = children_of(pid)
        if children:
            return children
        time.sleep(0.02)
    return []


def children_of(pid: int) -> list[int]:
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def alive(pid: int) -> bool:
    """Running (not gone, not a zombie waiting to be reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def kill_group(process: subprocess.Popen[str], signum: int = signal.SIGKILL) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signum)
