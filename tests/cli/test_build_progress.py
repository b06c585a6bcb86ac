"""Build output fits where it goes: a delayed progress bar on a terminal, plain lines elsewhere, -q and -v."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from gcm_report.cli import app
from gcm_report.cli.progress import BuildProgress, wanted
from gcm_report.pipeline import Step, build

runner = CliRunner()


def _terminal(buffer: io.StringIO) -> Console:
    return Console(file=buffer, force_terminal=True, width=100, color_system=None)


def test_a_bar_belongs_on_a_terminal_outside_ci_only() -> None:
    terminal = _terminal(io.StringIO())
    assert wanted(terminal, environ={})
    assert not wanted(terminal, environ={"CI": "true"})
    assert wanted(terminal, environ={"CI": "false"})
    assert not wanted(terminal, quiet=True, environ={})
    assert not wanted(Console(file=io.StringIO()), environ={})  # a pipe, a log file


def test_a_slow_build_on_a_terminal_shows_its_steps_then_clears_them(kitchen_sink: Path, tmp_path: Path) -> None:
    buffer = io.StringIO()
    seen: list[Step] = []
    with BuildProgress(_terminal(buffer), enabled=True, delay=0) as bar:
        def progress(step: Step) -> None:
            seen.append(step)
            bar(step)
            bar.bar.refresh()

        result = build(kitchen_sink / "report.yaml", [kitchen_sink / "submissions"], tmp_path, ["zh", "en"],
                       ["html"], progress=progress, compendium=False)
    assert result.exit_code == 0
    assert [s.stage for s in seen] == ["validate", "aggregate", "html", "html", "data", "write"]  # zh, en
    assert [s.done for s in seen] == [1, 2, 3, 4, 5, 6] and {s.total for s in seen} == {6}
    drawn = buffer.getvalue()
    assert "done: report.zh.html" in drawn and "6/6" in drawn
    assert drawn.endswith("\x1b[?25h") or "\x1b[2K" in drawn  # transient: the bar is erased at the end


def test_a_quick_build_draws_nothing(kitchen_sink: Path, tmp_path: Path) -> None:
    buffer = io.StringIO()
    with BuildProgress(_terminal(buffer), enabled=True, delay=60) as bar:
        build(kitchen_sink / "report.yaml", [kitchen_sink / "submissions"], tmp_path, ["en"], ["html"], progress=bar)
    assert buffer.getvalue() == ""


def _run(kitchen_sink: Path, out: Path, *flags: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["build", str(kitchen_sink / "submissions"), "--config",
                               str(kitchen_sink / "report.yaml"), "--out", str(out), "--format", "html",
                               "--lang", "en", "--no-compendium", *flags])


def test_piped_output_has_no_bar_and_lists_what_was_written(kitchen_sink: Path, tmp_path: Path) -> None:
    result = _run(kitchen_sink, tmp_path)
    assert result.exit_code == 0
    assert "\x1b[" not in result.output and "━" not in result.output
    assert f"wrote {tmp_path / 'report.en.html'}" in result.output


def test_quiet_prints_nothing_when_all_is_well(kitchen_sink: Path, tmp_path: Path) -> None:
    result = _run(kitchen_sink, tmp_path, "--quiet")
    assert result.exit_code == 0
    assert result.output == ""
    assert (tmp_path / "report.en.html").is_file()


def test_quiet_still_shows_errors(kitchen_sink: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    import shutil

    shutil.copytree(kitchen_sink, corpus)
    kenya = corpus / "submissions" / "member-states" / "kenya.yaml"
    kenya.write_text(kenya.read_text(encoding="utf-8").replace("objectives: [19]", "objectives: [24]"),
                     encoding="utf-8")
    result = _run(corpus, tmp_path / "out", "-q")
    assert result.exit_code == 1
    assert "error[objective-range]" in result.output


def test_verbose_times_every_step(kitchen_sink: Path, tmp_path: Path) -> None:
    result = _run(kitchen_sink, tmp_path, "--verbose")
    assert result.exit_code == 0
    lines = [line.split() for line in result.output.splitlines() if "/5 " in line]
    assert [row[1] for row in lines] == ["validate", "aggregate", "html", "data", "write"]
    assert all(row[-1] == "s" and float(row[-2]) >= 0 for row in lines)


@pytest.mark.parametrize("flags", [["-q", "-v"], ["--quiet", "--verbose"]])
def test_quiet_and_verbose_together_is_a_usage_error(kitchen_sink: Path, tmp_path: Path, flags: list[str]) -> None:
    result = _run(kitchen_sink, tmp_path, *flags)
    assert result.exit_code == 2
    assert "cannot be used together" in result.output
