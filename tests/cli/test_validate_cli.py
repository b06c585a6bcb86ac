"""`gcm-report validate` as a focal point and a CI job use it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gcm_report.cli import app
from gcm_report.validate import load_config, validate_paths

RULES = Path(__file__).parents[1] / "fixtures" / "rules"
CONFIG = Path(__file__).parents[1] / "fixtures" / "config" / "report.yaml"
runner = CliRunner()


@pytest.fixture()
def broken(tmp_path: Path) -> Path:
    """A folder of broken submissions, each with a different problem."""
    for code in ("unknown-field", "unknown-country", "yaml-tab", "objective-range", "not-utf8"):
        shutil.copy(RULES / f"{code}.yaml", tmp_path / f"{code}.yaml")
    return tmp_path


def test_text_output_locates_every_problem_with_excerpt_and_hint(broken: Path) -> None:
    result = runner.invoke(app, ["validate", str(broken), "--config", str(CONFIG)])
    assert result.exit_code == 1
    out = result.output
    assert f"{broken}/unknown-field.yaml:12:5: error[unknown-field] `partner` is not a field of a practice." in out
    assert "hint: Did you mean `partners`?" in out
    assert " 12 |     partner: [IOM]\n    |     ^" in out
    assert "unknown-country.yaml:7:12: error[unknown-country]" in out and "Did you mean `KEN`?" in out
    assert "yaml-tab.yaml:6:1: error[yaml-tab]" in out
    assert "objective-range.yaml:11:22: error[objective-range]" in out
    assert "not-utf8.yaml:5:15: error[not-utf8]" in out
    assert "5 file(s) checked: 5 error(s)" in out and "invalid" in out


def test_json_output_is_the_report_object(broken: Path) -> None:
    result = runner.invoke(app, ["validate", str(broken), "--config", str(CONFIG), "--format", "json"])
    assert result.exit_code == 1
    config, _ = load_config(CONFIG)
    expected = validate_paths([broken], config=config)
    assert json.loads(result.stdout) == json.loads(expected.model_dump_json())
    data = json.loads(result.stdout)
    assert data["valid"] is False and data["counts"]["error"] == 5
    first = data["diagnostics"][0]
    assert set(first) >= {"code", "severity", "file", "line", "column", "message", "hint", "source_line"}


def test_github_output_annotates_the_lines_at_fault(broken: Path) -> None:
    result = runner.invoke(app, ["validate", str(broken), "--config", str(CONFIG), "--format", "github"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    hit = next(line for line in lines if "unknown-field" in line)
    assert hit.startswith(f"::error file={broken}/unknown-field.yaml,line=12,col=5,title=unknown-field::")
    assert "Did you mean `partners`?" in hit


def test_github_output_escapes_what_would_break_the_command(tmp_path: Path) -> None:
    (tmp_path / "a,b.yaml").write_text("schema_version: 1\ncycle: 2020\n")
    result = runner.invoke(app, ["validate", str(tmp_path), "--format", "github"])
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith("::error ") for line in lines)
    assert all("file=" + str(tmp_path).replace(":", "%3A") + "/a%2Cb.yaml," in line for line in lines)


def test_repeated_problems_are_grouped(tmp_path: Path) -> None:
    body = "schema_version: 1\ncycle: 2020\nlanguage: en\nsubmitter: {category: member-state, country: KEN}\n"
    for i in range(8):
        (tmp_path / f"s{i}.yaml").write_text(body + f"colour: {i}\n")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.output.count("error[unknown-field]") == 5
    assert "... and 3 more [unknown-field]" in result.output
    data = json.loads(runner.invoke(app, ["validate", str(tmp_path), "-f", "json"]).stdout)
    group = data["groups"][0]
    assert group["code"] == "duplicate-submitter" or group["code"] == "unknown-field"
    assert {g["code"]: g["count"] for g in data["groups"]}["unknown-field"] == 8


def test_strict_makes_warnings_fail(tmp_path: Path) -> None:
    shutil.copy(RULES / "duplicate-objective.yaml", tmp_path / "a.yaml")
    lax = runner.invoke(app, ["validate", str(tmp_path), "--config", str(CONFIG)])
    strict = runner.invoke(app, ["validate", str(tmp_path), "--config", str(CONFIG), "--strict"])
    assert lax.exit_code == 0 and "warning[duplicate-objective]" in lax.output
    assert strict.exit_code == 1 and "strict" in strict.output


def test_exit_codes(tmp_path: Path) -> None:
    assert runner.invoke(app, ["validate", str(tmp_path / "missing")]).exit_code == 2
    assert runner.invoke(app, ["validate", "--format", "xml", str(tmp_path)]).exit_code == 2
    assert runner.invoke(app, ["validate", str(RULES / "yaml-tab.yaml")]).exit_code == 1


def test_a_valid_submission_passes(tmp_path: Path) -> None:
    (tmp_path / "kenya.yaml").write_text(
        "schema_version: 1\ncycle: 2020\nlanguage: en\nsubmitter: {category: member-state, country: KEN}\n"
        "practices:\n  - title: {en: Shelters, zh: 庇护所}\n    summary: {en: Shelters for victims., zh: 为受害者提供庇护所。}\n"
        "    objectives: [10]\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path), "--config", str(CONFIG), "--strict"])
    assert result.exit_code == 0, result.output
    assert "1 file(s) checked: 0 error(s), 0 warning(s), 0 info: valid" in result.output


def test_validate_never_writes_to_the_submissions(broken: Path) -> None:
    before = {p: p.read_bytes() for p in broken.iterdir()}
    runner.invoke(app, ["validate", str(broken)])
    assert {p: p.read_bytes() for p in broken.iterdir()} == before


def test_module_entry_point_and_version() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "gcm_report", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("gcm-report ")


def test_language_of_messages_follows_lang_option_then_environment() -> None:
    from gcm_report.diagnostics import message_language

    assert message_language("fr", {"LANG": "zh_CN.UTF-8"}) == "fr"
    assert message_language(None, {"LANG": "zh_CN.UTF-8"}) == "zh"
    assert message_language(None, {"LC_ALL": "C", "LANG": "es_ES.UTF-8"}) == "es"
    assert message_language(None, {"LANG": "C.UTF-8"}) == "en"
    assert message_language("de", {}) == "en"


# ---------------------------------------------------------------------------- the cache, as the command uses it


def _cache_entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.json")) if folder.exists() else []


def test_the_cache_is_kept_in_gcm_report_cache_here_unless_told_otherwise(
        broken: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    here = tmp_path_factory.mktemp("work")  # not inside the folder checked (see the next test)
    tmp_path = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(here)
    monkeypatch.delenv("GCM_REPORT_CACHE_DIR", raising=False)
    args = ["validate", str(broken), "--config", str(CONFIG), "--format", "json"]
    plain = runner.invoke(app, [*args, "--no-cache"])
    assert not (here / ".gcm-report-cache").exists()
    first = runner.invoke(app, args)
    assert (here / ".gcm-report-cache" / "CACHEDIR.TAG").is_file() and _cache_entries(here / ".gcm-report-cache")
    second = runner.invoke(app, args)
    assert plain.exit_code == first.exit_code == second.exit_code == 1
    assert plain.stdout == first.stdout == second.stdout
    runner.invoke(app, [*args, "--cache-dir", str(tmp_path / "given")])
    assert _cache_entries(tmp_path / "given")
    monkeypatch.setenv("GCM_REPORT_CACHE_DIR", str(tmp_path / "from-env"))
    runner.invoke(app, args)
    assert _cache_entries(tmp_path / "from-env")


def test_validate_run_inside_the_submissions_folder_writes_no_cache_there(
        broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(broken)
    monkeypatch.delenv("GCM_REPORT_CACHE_DIR", raising=False)
    before = sorted(p.name for p in broken.iterdir())
    result = runner.invoke(app, ["validate", ".", "--config", str(CONFIG)])
    assert result.exit_code == 1
    assert sorted(p.name for p in broken.iterdir()) == before


HEAVY = ("babel", "jinja2", "markdown_it", "weasyprint", "aggregate", "render")
"""What validating never needs: the draft's rendering (modules are matched by their first or
gcm_report sub-package name)."""


def _imported(*args: str, cwd: Path | None = None) -> set[str]:
    """The modules `gcm-report ARGS` imports, as `python -X importtime` lists them."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "gcm_report", *args], capture_output=True,
                          text=True, cwd=cwd, env={**__import__("os").environ, "LANG": "C.UTF-8"})
    assert done.returncode in (0, 1), done.stderr[-2000:]
    names = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    return {part for name in names for part in (name.split(".")[0], ".".join(name.split(".")[:2]))}


def test_help_imports_neither_pydantic_nor_the_parser_nor_any_command() -> None:
    loaded = _imported("--help")
    for module in ("pydantic", "ruamel.yaml", "rich", "gcm_report.validate", "gcm_report.schema", *HEAVY):
        assert module not in loaded and f"gcm_report.{module}" not in loaded


def test_validate_of_one_file_imports_nothing_of_the_draft() -> None:
    valid = Path(__file__).parents[2] / "submissions" / "member-states" / "kenya.yaml"
    for one, args in ((valid, ["--no-cache"]), (RULES / "unknown-field.yaml", ["--no-cache"]),
                      (valid, ["--no-cache", "--format", "json"]), (valid, ["--no-cache", "--format", "github"])):
        loaded = _imported("validate", str(one), "--config", str(CONFIG), *args)
        assert "gcm_report.validate" in loaded  # it did validate
        for module in HEAVY:
            assert module not in loaded and f"gcm_report.{module}" not in loaded
        if "json" in args:
            assert "rich" not in loaded  # the text output's colours are for text only


def test_a_run_answered_from_the_cache_does_not_import_the_parser_or_the_schema(tmp_path: Path) -> None:
    folder = tmp_path / "subs"
    folder.mkdir()
    for path in RULES.glob("*.yaml"):  # a file per rule: every kind of problem, each located
        shutil.copy(path, folder / path.name)
    store = tmp_path / "cache"
    args = ("validate", str(folder), "--config", str(CONFIG), "--cache-dir", str(store), "--format", "json")
    first = _imported(*args)
    assert "ruamel.yaml" in first and "gcm_report.schema" in first
    again = _imported(*args)
    assert "gcm_report.validate" in again
    assert "ruamel.yaml" not in again and "gcm_report.schema" not in again and "pycountry" not in again
    assert "pydantic" not in again and "typer" not in again  # answered before the command line framework
