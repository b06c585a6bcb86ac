"""Hostile runs: two builds into one folder at once, builds killed (SIGKILL) or interrupted (Ctrl-C,
SIGTERM) at any moment, output cut off (a closed pipe). The previous draft stays whole and readable,
no temporary file is left, no traceback is printed.

Two kinds of test for each: the real command, stopped at random moments (the seed is printed, to
replay a failure), and a forked copy of this process stopped at every step of the write itself
(each call to mkstemp, write, fchmod, fsync, replace, unlink), where a random moment would rarely land.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hostile_support import (assert_no_traceback, build_args, cli, kill_group, leftovers, snapshot, start_cli,
                             wait_for_children)

hostile = pytest.mark.hostile

OUTPUTS = ["compendium.en.html", "compendium.zh.html", "practices.csv", "report.en.html", "report.json",
           "report.zh.html"]


def _change(corpus: Path, words: str = "Kenya set up (draft B)") -> None:
    """A change that alters every output (the English and Chinese drafts, report.json, practices.csv)."""
    kenya = corpus / "submissions" / "member-states" / "kenya.yaml"
    text = kenya.read_text(encoding="utf-8")
    text = text.replace("Kenya is setting up", words).replace("Shelters for victims of trafficking",
                                                              f"Shelters ({words}) for victims of trafficking")
    text = text.replace("人口贩运受害者庇护所", f"人口贩运受害者庇护所（{words}）")
    kenya.write_text(text, encoding="utf-8")


@pytest.fixture
def drafts(corpus: Path, build_in_process, tmp_path: Path) -> dict[str, Any]:
    """The corpus built into build/ (the old draft), and what the changed corpus builds (the new one)."""
    out = corpus / "build"
    assert build_in_process(corpus, out).exit_code == 0
    old = snapshot(out)
    _change(corpus)
    assert build_in_process(corpus, out).exit_code == 0  # into the same folder: links are relative to it
    new = snapshot(out)
    _restore(out, old)
    assert sorted(old) == sorted(new) == OUTPUTS
    assert all(old[name] != new[name] for name in OUTPUTS), "the change alters every output"
    return {"out": out, "old": old, "new": new, "corpus": corpus}


def _each_whole(out: Path, *versions: dict[str, bytes]) -> None:
    """Every output is present and is one of the versions, byte for byte (none half-written)."""
    now = {name: (out / name).read_bytes() for name in OUTPUTS}
    for name, data in now.items():
        assert any(data == v[name] for v in versions), f"{name} is not whole: {len(data)} bytes"


def _draft(out: Path, old: dict[str, bytes]) -> str:
    """Which draft the folder holds: "old" (byte for byte), "new" (every file whole and from the changed
    corpus), or "mixed". The real command's new draft is recognised by its content, not compared to
    bytes built in this process, which may run code older than the files on disk."""
    now = snapshot(out)
    if now == old:
        return "old"
    if sorted(now) == OUTPUTS and all(b"draft B" in data and _whole(name, data) for name, data in now.items()):
        return "new"
    return "mixed"


def _whole(name: str, data: bytes) -> bool:
    if name.endswith(".html"):
        return data.startswith(b"<!DOCTYPE html>") and data.endswith(b"</html>\n")
    if name.endswith(".json"):
        try:
            json.loads(data)
        except ValueError:
            return False
        return True
    rows = data.decode("utf-8").split("\n")
    return data.endswith(b"\n") and rows[0].startswith("paragraph,") and len(rows) > 10


def _each_file_whole(out: Path, old: dict[str, bytes]) -> None:
    """Right after a kill: each output is its old bytes or a whole new file."""
    for name in OUTPUTS:
        data = (out / name).read_bytes()
        assert data == old[name] or (b"draft B" in data and _whole(name, data)), f"{name} is not whole"


def _restore(out: Path, old: dict[str, bytes]) -> None:
    for entry in out.iterdir():
        entry.unlink()
    for name, data in old.items():
        (out / name).write_bytes(data)


# ---------------------------------------------------------------------------- stopping the write at every step


def _in_child(action: Callable[[], int], stderr: Path) -> tuple[int | None, int | None]:
    """Run `action` in a forked child (its stderr to a file): (exit code, or None; signal, or None)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 70
        try:
            fd = os.open(stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(fd, 2)
            sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", closefd=False), write_through=True)
            code = action()
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        except BaseException:  # noqa: BLE001
            import traceback

            traceback.print_exc()
            code = 71
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return (os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else None,
            os.WTERMSIG(status) if os.WIFSIGNALED(status) else None)


def _stop_at(step: int, signum: int) -> Callable[[], None]:
    """Patch the calls the write makes so that the `step`-th sends this process `signum`."""
    from gcm_report.write import atomic

    count = [0]

    def tick() -> None:
        count[0] += 1
        if count[0] == step:
            os.kill(os.getpid(), signum)

    def wrap(function: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            tick()
            return function(*args, **kwargs)

        return call

    class HalfWriter(io.FileIO):
        def write(self, data: Any) -> int:  # half the bytes, a step, then the rest
            half = len(data) // 2
            written = super().write(data[:half])
            tick()
            return written + super().write(data[half:])

    real_fdopen = os.fdopen
    os.fsync, os.replace, os.fchmod, os.unlink = (wrap(os.fsync), wrap(os.replace), wrap(os.fchmod),
                                                  wrap(os.unlink))
    atomic.tempfile.mkstemp = wrap(atomic.tempfile.mkstemp)  # type: ignore[attr-defined]
    atomic.os.fdopen = lambda fd, mode="r", *a, **k: (HalfWriter(fd, "wb") if "w" in mode  # type: ignore
                                                      else real_fdopen(fd, mode, *a, **k))
    return lambda: None


@hostile("run-sigkill-every-step")
@pytest.mark.slow
def test_a_build_killed_at_every_step_of_its_write_leaves_each_file_whole(drafts: dict[str, Any],
                                                                         tmp_path: Path) -> None:
    from gcm_report.write.atomic import commit, recover

    out, old, new = drafts["out"], drafts["old"], drafts["new"]
    outputs = {out / name: data for name, data in new.items()}
    step, outcomes = 0, []
    while True:
        step += 1
        _restore(out, old)

        def action() -> int:
            _stop_at(step, signal.SIGKILL)
            commit(outputs)
            return 0

        code, killed = _in_child(action, tmp_path / "stderr")
        _each_whole(out, old, new)  # as a reader finds it, right after the kill
        state = "old" if snapshot(out) == old else "new" if {n: (out / n).read_bytes() for n in OUTPUTS} == new \
            else "mixed"
        recover(out)  # what the next build does first
        after = snapshot(out)
        assert after in (old, new), f"step {step}: not one draft after recovery"
        assert leftovers(out) == []
        outcomes.append((step, killed, state, "new" if after == new else "old"))
        if killed is None:
            assert code == 0 and after == new
            break
        assert killed == signal.SIGKILL
    assert step > 20, outcomes  # every step of four outputs and the journal was tried
    assert {o[3] for o in outcomes} == {"old", "new"}, outcomes  # killed before and after the commit point


@hostile("run-ctrl-c-every-step")
@pytest.mark.slow
def test_ctrl_c_at_every_step_of_the_write_leaves_no_partial_file(drafts: dict[str, Any], tmp_path: Path) -> None:
    """Ctrl-C through the real entry point (gcm_report.cli.main) at every step of the write (the build's
    work before the write is done beforehand, to keep this quick: the random-moment test runs it all)."""
    out, old, new, corpus = drafts["out"], drafts["old"], drafts["new"], drafts["corpus"]
    step, outcomes = 0, []
    while True:
        step += 1
        _restore(out, old)

        def action() -> int:
            from gcm_report import cli as entry
            from gcm_report import pipeline
            from gcm_report.write.atomic import commit

            def prepared_build(*args: Any, **kwargs: Any) -> Any:  # the write of a build, its work done already
                commit({out / name: data for name, data in new.items()})
                return pipeline.BuildReport(written=[str(out / name) for name in new])

            pipeline.build = prepared_build
            _stop_at(step, signal.SIGINT)
            sys.argv = ["gcm-report", *build_args(corpus, out, "--format", "html")]
            entry.main()
            return 0

        code, killed = _in_child(action, tmp_path / "stderr")
        stderr = (tmp_path / "stderr").read_text(encoding="utf-8")
        assert killed is None and code in (0, 130), (step, code, stderr)
        assert_no_traceback(stderr)
        assert leftovers(out) == [], f"step {step}: partial files left"  # without any recovery
        after = snapshot(out)
        assert after in (old, new), f"step {step}: not one draft"
        outcomes.append((step, code, "new" if after == new else "old"))
        if code == 0:
            break
        assert "gcm-report: interrupted (Ctrl-C); nothing was left half-written" in stderr
    assert step > 20 and {o[2] for o in outcomes if o[1] == 130} == {"old", "new"}, outcomes


# ---------------------------------------------------------------------------- the real command at random moments


def _duration(corpus: Path, out: Path) -> float:
    started = time.monotonic()
    run = cli(*build_args(corpus, out, "--format", "html"))
    assert run.returncode == 0, run.stderr
    return time.monotonic() - started


@hostile("run-sigkill-random")
@pytest.mark.slow
def test_a_build_killed_at_random_moments_leaves_the_previous_draft_readable(drafts: dict[str, Any],
                                                                            tmp_path: Path) -> None:
    from gcm_report.write.atomic import recover

    out, old, corpus = drafts["out"], drafts["old"], drafts["corpus"]
    spent = _duration(corpus, tmp_path / "timing")
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    for attempt in range(3):
        _restore(out, old)
        delay = rng.uniform(0.05, spent)
        process = start_cli(*build_args(corpus, out, "--format", "html"))
        time.sleep(delay)
        kill_group(process, signal.SIGKILL)
        process.communicate(timeout=60)
        where = f"seed {seed}, attempt {attempt}, killed after {delay:.2f} s of {spent:.2f} s"
        _each_file_whole(out, old)
        recover(out)
        assert _draft(out, old) in ("old", "new") and leftovers(out) == [], where
    run = cli(*build_args(corpus, out, "--format", "html"))  # and the next build puts the new draft in place
    assert run.returncode == 0 and _draft(out, old) == "new" and leftovers(out) == []


@hostile("run-ctrl-c")
@pytest.mark.slow
def test_ctrl_c_at_random_moments_says_so_and_exits_130(drafts: dict[str, Any], tmp_path: Path) -> None:
    out, old, corpus = drafts["out"], drafts["old"], drafts["corpus"]
    spent = _duration(corpus, tmp_path / "timing")
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    for attempt in range(2):
        _restore(out, old)
        delay = rng.uniform(0.2, spent * 0.9)
        process = start_cli(*build_args(corpus, out, "--format", "html"))
        time.sleep(delay)
        kill_group(process, signal.SIGINT)  # as a terminal does: the whole foreground group
        stdout, stderr = process.communicate(timeout=60)
        where = f"seed {seed}, attempt {attempt}, Ctrl-C after {delay:.2f} s of {spent:.2f} s: {stderr[-2000:]}"
        assert_no_traceback(stderr)
        assert leftovers(out) == [], where
        if process.returncode == 0:  # finished before the signal came
            assert _draft(out, old) == "new", where
            continue
        assert process.returncode == 130, where
        assert stderr.endswith("gcm-report: interrupted (Ctrl-C); nothing was left half-written (outputs are "
                               "replaced all at once, at the end of a build).\n"), where
        assert _draft(out, old) in ("old", "new") and "wrote" not in stdout, where


@hostile("run-sigterm")
def test_sigterm_stops_a_build_cleanly_with_143(drafts: dict[str, Any]) -> None:
    out, old, corpus = drafts["out"], drafts["old"], drafts["corpus"]
    process = start_cli(*build_args(corpus, out, "--format", "html"))
    time.sleep(0.3)
    kill_group(process, signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 143, stderr
    assert_no_traceback(stderr)
    assert "gcm-report: stopped (SIGTERM)" in stderr and snapshot(out) == old and leftovers(out) == []


@pytest.fixture(scope="module")
def many_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """800 generated submissions (one practice each): enough for the parallel path (64 files and more)."""
    from gcm_report.devtools.corpus import documents, to_yaml

    root = tmp_path_factory.mktemp("many") / "submissions"
    items, _ = documents(800, seed=5)
    for name, doc in items:
        doc["practices"] = doc["practices"][:1]
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_yaml(doc) + "\n", encoding="utf-8")
    return root


@hostile("run-ctrl-c-parallel-validation")
@pytest.mark.slow
def test_ctrl_c_while_workers_validate_stops_them_all_without_a_traceback(many_files: Path, tmp_path: Path) -> None:
    process = start_cli("validate", str(many_files), "--config", str(tmp_path / "none.yaml"), "--no-cache")
    workers = wait_for_children(process.pid)
    assert workers, "the parallel path started workers"
    kill_group(process, signal.SIGINT)  # at once: while the workers may still be starting
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert_no_traceback(stderr)
    assert stderr.strip() == "gcm-report: interrupted (Ctrl-C); nothing was left half-written (outputs are " \
                             "replaced all at once, at the end of a build)."
    stop = time.monotonic() + 10
    while any(os.path.exists(f"/proc/{w}") for w in workers) and time.monotonic() < stop:
        time.sleep(0.05)
    assert not [w for w in workers if os.path.exists(f"/proc/{w}")], "a worker outlived Ctrl-C"


@hostile("run-ctrl-c-pdf-workers")
@pytest.mark.slow
@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="PDF workers are forked early only with two cores")
@pytest.mark.parametrize("after", [0.0, 2.5], ids=["while-forked", "while-printing"])
def test_ctrl_c_while_pdf_workers_start_or_print_stops_them_all(corpus: Path, tmp_path: Path, after: float) -> None:
    """The build forks its PDF workers before validating (render/pdf_jobs.start_workers)."""
    process = start_cli(*build_args(corpus, tmp_path / "out", "--format", "pdf", "--lang", "zh,en",
                                    "--no-compendium"))
    workers = wait_for_children(process.pid)
    assert workers, "the PDF workers were forked"
    time.sleep(after)
    kill_group(process, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert_no_traceback(stderr)
    assert stderr.strip().endswith("gcm-report: interrupted (Ctrl-C); nothing was left half-written (outputs are "
                                   "replaced all at once, at the end of a build).")
    stop = time.monotonic() + 10
    while any(os.path.exists(f"/proc/{w}") for w in workers) and time.monotonic() < stop:
        time.sleep(0.05)
    assert not [w for w in workers if os.path.exists(f"/proc/{w}")], "a worker outlived Ctrl-C"
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------- concurrent builds


@hostile("run-concurrent-builds")
@pytest.mark.slow
def test_two_builds_into_one_folder_at_once_both_finish_and_the_draft_is_one_of_them(
        corpus: Path, tmp_path: Path) -> None:
    """Corpus B says "draft B" in a title and a summary, corpus A does not: at rest, the four outputs
    must all say it or all not (one build's draft, not a mix), and each must be whole."""
    other = tmp_path / "other"
    shutil.copytree(corpus, other)
    _change(other)
    out = tmp_path / "shared"
    for _ in range(2):
        runs = [start_cli(*build_args(source, out, "--format", "html")) for source in (corpus, other)]
        for run in runs:
            stdout, stderr = run.communicate(timeout=120)
            assert run.returncode == 0, stderr
            assert_no_traceback(stderr)
        now = snapshot(out)
        assert sorted(now) == OUTPUTS and leftovers(out) == []
        which = {name: b"draft B" in data for name, data in now.items()}
        assert len(set(which.values())) == 1, f"a mix of two drafts: {which}"
        assert all(now[name].endswith(b"</html>\n") for name in ("report.en.html", "report.zh.html"))
        json.loads(now["report.json"])


@hostile("run-concurrent-builds")
@pytest.mark.slow
def test_four_writers_into_one_folder_take_turns(tmp_path: Path) -> None:
    """Four processes commit different drafts into one folder 25 times each, as fast as they can, while
    a reader checks that every file it opens is whole. At rest, the folder holds one draft, not a mix."""
    from gcm_report.write.atomic import commit

    out = tmp_path / "shared"
    drafts = [{out / name: f"{name} draft {i} ".encode() * (2_000 + 500 * i) for name in OUTPUTS} for i in range(4)]
    wholes = {name: {d[out / name] for d in drafts} for name in OUTPUTS}
    commit(drafts[0])
    pids = []
    for draft in drafts:
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            code = 1
            try:
                for _ in range(25):
                    commit(draft)
                code = 0
            finally:
                os._exit(code)
        pids.append(pid)
    reads, running = 0, set(pids)
    while running:
        for pid in list(running):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                running.discard(pid)
                assert os.waitstatus_to_exitcode(status) == 0
        for name in OUTPUTS:
            with contextlib.suppress(FileNotFoundError):
                assert (out / name).read_bytes() in wholes[name]
                reads += 1
    assert reads > 0
    now = snapshot(out)
    assert any(now == {name: d[out / name] for name in OUTPUTS} for d in drafts) and leftovers(out) == []


# ---------------------------------------------------------------------------- cut-off output


@hostile("run-broken-pipe")
def test_output_cut_off_by_a_closed_pipe_ends_without_a_traceback(many_files: Path, tmp_path: Path) -> None:
    """`gcm-report validate ... | head -c 100`: the reader goes away; the command ends quietly with 1."""
    spoiled = tmp_path / "spoiled"
    spoiled.mkdir()
    for path in sorted((many_files / "member-states").glob("*.yaml"))[:40]:
        (spoiled / path.name).write_text(path.read_text(encoding="utf-8").replace("schema_version: 1",
                                                                                  "schema_version: 2"),
                                         encoding="utf-8")
    processes = {fmt: subprocess.Popen(
        [sys.executable, "-m", "gcm_report", "validate", str(spoiled), "--format", fmt, "--config",
         str(tmp_path / "none.yaml")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "LANG": "C.UTF-8", "COLUMNS": "200"}) for fmt in ("text", "json", "github")}
    for fmt, process in processes.items():
        assert process.stdout is not None and process.stderr is not None
        assert len(process.stdout.read(100)) == 100, fmt
        process.stdout.close()
    for fmt, process in processes.items():
        stderr = process.stderr.read().decode("utf-8", "replace")  # type: ignore[union-attr]
        assert process.wait(timeout=120) == 1, fmt
        assert_no_traceback(stderr)
        assert stderr == "", fmt
