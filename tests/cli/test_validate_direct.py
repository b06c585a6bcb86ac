"""`gcm-report validate` runs without typer for the command lines it reads itself, and over unchanged files
is answered from the cache without pydantic either; it says exactly what the full command says, in every
format, with the same exit code."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gcm_report.cli.direct import Request, parse
from gcm_report.devtools.corpus import generate

ROOT = Path(__file__).parents[2]
RULES = Path(__file__).parents[1] / "fixtures" / "rules"
CONFIG = Path(__file__).parents[1] / "fixtures" / "config" / "report.yaml"


def run(args: list[str], cwd: Path, **env: str) -> tuple[int, str, set[str]]:
    """Exit code, standard output and the top-level packages imported by `gcm-report ARGS`."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "gcm_report", *args], capture_output=True,
                          text=True, cwd=cwd, env={**os.environ, "LANG": "C.UTF-8", "COLUMNS": "100", **env})
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in done.stderr.splitlines()
                if line.startswith("import time:")}
    return done.returncode, done.stdout, imported


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated submissions with known errors, and a file for each rule code: every kind of output."""
    folder = tmp_path_factory.mktemp("cached") / "subs"
    generate(folder, 12, seed=5, errors=4)
    (folder / "expected-errors.json").unlink()
    (folder / "rules").mkdir()
    for path in RULES.glob("*.yaml"):
        shutil.copy(path, folder / "rules" / path.name)
    shutil.copytree(RULES / "duplicate-submitter", folder / "rules" / "duplicate-submitter")
    return folder


VARIANTS = [
    pytest.param([], {}, id="text"),
    pytest.param(["-q", "--strict"], {}, id="quiet-strict"),
    pytest.param(["--format", "json"], {}, id="json"),
    pytest.param(["--format=github"], {}, id="github"),
    pytest.param(["-f", "text", "--lang", "zh"], {}, id="chinese"),
    pytest.param([], {"LANG": "fr_FR.UTF-8"}, id="french-terminal"),
    pytest.param([], {"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"}, id="colours"),
]


@pytest.mark.parametrize(("extra", "env"), VARIANTS)
def test_an_unchanged_run_prints_what_a_fresh_run_prints_without_loading_typer_or_pydantic(
        corpus: Path, tmp_path: Path, extra: list[str], env: dict[str, str]) -> None:
    args = ["validate", str(corpus), "--config", str(CONFIG), *extra, "--cache-dir", str(tmp_path / "cache")]
    first = run(args, tmp_path, **env)  # checks every file (and fills the cache)
    again = run(args, tmp_path, **env)  # answered from the cache
    assert first[0] == 1 and "error" in first[1]
    assert again[:2] == first[:2]
    assert "pydantic" in first[2] and "typer" not in first[2]
    assert "typer" not in again[2] and "pydantic" not in again[2]


def test_a_valid_run_answered_from_the_cache_exits_0_and_one_changed_file_is_noticed(tmp_path: Path) -> None:
    folder = tmp_path / "subs"
    shutil.copytree(ROOT / "submissions", folder)
    args = ["validate", str(folder), "--config", str(ROOT / "report.yaml"), "--cache-dir", str(tmp_path / "c")]
    code, out, _ = run(args, tmp_path)
    assert code == 0, out
    again = run(args, tmp_path)
    assert again[:2] == (code, out) and "pydantic" not in again[2]
    kenya = folder / "member-states" / "kenya.yaml"
    kenya.write_text(kenya.read_text(encoding="utf-8").replace("objectives: [", "objectives: [99, ", 1),
                     encoding="utf-8")
    changed = run(args, tmp_path)
    assert changed[0] == 1 and "kenya.yaml" in changed[1] and "pydantic" in changed[2]


def test_the_default_cache_folder_and_the_environment_variable_are_used_as_by_the_full_command(
        corpus: Path, tmp_path: Path) -> None:
    args = ["validate", str(corpus), "--config", str(CONFIG), "--format", "json"]
    afresh = run([*args, "--no-cache"], tmp_path)
    run(args, tmp_path)
    assert (tmp_path / ".gcm-report-cache").is_dir()
    assert run(args, tmp_path)[:2] == afresh[:2]
    elsewhere = tmp_path / "env-cache"
    run(args, tmp_path, GCM_REPORT_CACHE_DIR=str(elsewhere))
    assert elsewhere.is_dir()
    again = run(args, tmp_path, GCM_REPORT_CACHE_DIR=str(elsewhere))
    assert again[:2] == afresh[:2] and "pydantic" not in again[2]


def test_a_problem_met_while_finding_the_files_is_reported_by_the_full_command_every_time(tmp_path: Path) -> None:
    folder = tmp_path / "subs"
    shutil.copytree(RULES / "unreadable-file", folder)
    args = ["validate", str(folder), "--config", str(CONFIG), "--cache-dir", str(tmp_path / "c")]
    afresh = run([*args, "--no-cache"], tmp_path)
    run(args, tmp_path)
    again = run(args, tmp_path)
    assert again[:2] == afresh[:2] and "unreadable-file" in again[1]
    assert "pydantic" in again[2]  # not answered from the run entry: such problems are worded afresh


def test_a_command_line_typer_reads_gives_the_same_answer_as_one_read_directly(corpus: Path, tmp_path: Path) -> None:
    base = ["validate", str(corpus), "--config", str(CONFIG), "--no-cache"]
    direct = run([*base, "-q", "-f", "json"], tmp_path)
    through_typer = run([*base, "-qf", "json"], tmp_path)  # a cluster of short options: typer's to read
    assert "typer" in through_typer[2] and "typer" not in direct[2]
    assert through_typer[:2] == direct[:2]
    help_text = run(["validate", "--help"], tmp_path)
    assert help_text[0] == 0 and "--cache-dir" in help_text[1]


@pytest.mark.parametrize("args", [
    ["--help"], ["-h"], ["-qf", "json"], ["--format", "xml"], ["--format"], ["--max-bytes", "0"],
    ["--max-bytes", "many"], ["--quiet=yes"], ["--unknown"], ["-f=json"],
])
def test_a_command_line_not_plainly_understood_is_left_to_the_full_command(args: list[str]) -> None:
    assert parse(["subs", *args], {}) is None


def test_the_forms_understood_mean_what_they_mean_to_the_full_command() -> None:
    request = parse(["a", "-q", "--format", "text", "b", "--format=json", "--strict", "-c", "r.yaml",
                     "--max-bytes", "1000", "--lang", "zh", "--", "--strict"], {"GCM_REPORT_CACHE_DIR": "/c"})
    assert request == Request(paths=[Path("a"), Path("b"), Path("--strict")], format="json", config=Path("r.yaml"),
                              lang="zh", max_bytes=1000, cache_dir=Path("/c"), quiet=True, strict=True)
    assert parse(["--cache-dir", "/d"], {"GCM_REPORT_CACHE_DIR": "/c"}) == Request(cache_dir=Path("/d"))
    assert parse([], {}) == Request()


def test_one_file_checked_for_a_pre_commit_hook_loads_neither_rich_nor_pycountry(tmp_path: Path) -> None:
    """The pre-commit case prints into a pipe, for a file in the six languages by a Member State: rich's
    colours and pycountry's tables (0.05 s and 0.1 s of start-up) are not needed; the words are the same."""
    kenya = ROOT / "submissions" / "member-states" / "kenya.yaml"
    args = ["validate", str(kenya), "--config", str(ROOT / "report.yaml"), "--no-cache"]
    code, out, imported = run(args, tmp_path)
    assert code == 0 and out.endswith("1 file(s) checked: 0 error(s), 0 warning(s), 4 info: valid\n"), out
    assert "rich" not in imported and "pycountry" not in imported and "pydantic" in imported
    coloured = run(args, tmp_path, FORCE_COLOR="1")
    assert "rich" in coloured[2] and "\x1b[" in coloured[1]
    unknown = tmp_path / "kenya.yaml"
    unknown.write_text(kenya.read_text(encoding="utf-8").replace("country: KEN", "country: KENYA"), encoding="utf-8")
    code, out, imported = run(["validate", str(unknown), "--config", str(ROOT / "report.yaml"), "--no-cache"],
                              tmp_path)
    assert code == 1 and "unknown-country" in out and "Did you mean `KEN`?" in out and "pycountry" in imported
