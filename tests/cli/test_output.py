"""The text output of a validation report (cli/output.py): the same lines through rich (a terminal) and
without it (a pipe: a pre-commit hook, CI), and the submitter's words printed as they are, never read as
rich markup or emoji codes."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from gcm_report.cli import output
from gcm_report.cli.direct import Replayed, ReplayedDiagnostic

MARKUP = "[bold red]not bold[/] :thumbs_up: \\[x] 移民"
HOSTILE = MARKUP + " long" * 40


def report(*, strict: bool = False) -> Replayed:
    """A report as read back from JSON: a located error with its line, a warning, many of one code."""
    error = ReplayedDiagnostic(code="unknown-field", severity="error", file="submissions/a.yaml", line=12,
                               column=5, message=f"unknown field `{HOSTILE}`", hint="Remove it [or rename it].",
                               source_line=f"    {MARKUP}: 1")
    warning = ReplayedDiagnostic(code="date-in-future", severity="warning", file="submissions/b.yaml", line=3,
                                 column=7, message="date 2031-01-01 is after the report's date", hint=None,
                                 source_line="date: 2031-01-01")
    many = [ReplayedDiagnostic(code="missing-translation", severity="info", file=f"submissions/m{i}.yaml",
                               line=None, column=None, message="3 text(s) have no fr version", hint=None,
                               source_line=None) for i in range(8)]
    return Replayed(files=10, strict=strict, valid=False, usage_error=False,
                    counts={"error": 1, "warning": 1, "info": 8}, diagnostics=[error, warning, *many])


def through_rich(value: Replayed, quiet: bool = False, **console: object) -> str:
    stream = io.StringIO()
    output.text(value, Console(file=stream, highlight=False, **console), quiet=quiet)  # type: ignore[arg-type]
    return stream.getvalue()


@pytest.mark.parametrize("quiet", [False, True])
@pytest.mark.parametrize("strict", [False, True])
def test_without_rich_the_lines_are_those_rich_prints_into_a_pipe(quiet: bool, strict: bool) -> None:
    value = report(strict=strict)
    assert output.plain(value, quiet=quiet) == through_rich(value, quiet=quiet)  # type: ignore[arg-type]


def test_the_submitters_words_are_printed_as_they_are() -> None:
    text = output.plain(report())  # type: ignore[arg-type]
    assert f"submissions/a.yaml:12:5: error[unknown-field] unknown field `{HOSTILE}`" in text
    assert f" 12 |     {MARKUP}: 1\n    |     ^\n" in text and "hint: Remove it [or rename it]." in text
    assert "... and 3 more [missing-translation] (submissions/m5.yaml, submissions/m6.yaml, submissions/m7.yaml)" \
        in text
    assert text.endswith("10 file(s) checked: 1 error(s), 1 warning(s), 8 info: invalid\n")


def test_in_a_terminal_only_colour_is_added() -> None:
    coloured = through_rich(report(), force_terminal=True, color_system="standard", width=100)
    assert "\x1b[1;31merror\x1b[0m" in coloured and "\x1b[" + "1m" in coloured
    assert f"unknown field `{HOSTILE}`" in coloured and "👍" not in coloured


def test_the_caret_stands_under_the_column_in_wide_characters() -> None:
    wide = ReplayedDiagnostic(code="unknown-field", severity="error", file="a.yaml", line=2, column=5,
                              message="m", hint=None, source_line="移民问题: x")
    value = Replayed(files=1, strict=False, valid=False, usage_error=False,
                     counts={"error": 1, "warning": 0, "info": 0}, diagnostics=[wide])
    lines = output.plain(value).splitlines()  # type: ignore[arg-type]
    assert lines[1] == " 2 | 移民问题: x" and lines[2] == "   |         ^"
