"""Render a validation report for people (text), programs (json) and GitHub Actions (github)."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a report replayed from the cache (cli/direct.py) has the same attributes, without pydantic
    from rich.console import Console

    from gcm_report.diagnostics import Diagnostic
    from gcm_report.validate.report import ValidationReport

SHOWN_PER_CODE = 5
"""Past this many problems of one code, the rest are counted, not printed (CoVE's grouping)."""

_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}

Line = list[tuple[str, str]]
"""One output line as (text, rich style) pieces: the text is never parsed for markup or emoji codes."""


def _width(text: str) -> int:
    """Display width, so the caret lands under the right character in Chinese text too."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _excerpt(d: Diagnostic) -> list[Line]:
    if d.source_line is None or d.line is None:
        return []
    gutter = str(d.line)
    line = d.source_line.replace("\t", " ")
    if len(line) > 160:
        start = max(0, (d.column or 1) - 80)
        line = ("…" if start else "") + line[start:start + 160] + "…"
        column = (d.column or 1) - start + (1 if start else 0)
    else:
        column = d.column or 1
    pad = " " * len(gutter)
    caret = " " * _width(line[: column - 1]) + "^"
    return [[(f" {gutter} | {line}", "")], [(f" {pad} | ", ""), (caret, "bold")]]


def lines(report: ValidationReport, quiet: bool = False) -> list[Line]:
    """Compiler-style output: location, severity and code, message, excerpt with caret, hint."""
    out: list[Line] = []
    shown: dict[str, int] = {}
    hidden: dict[str, list[Diagnostic]] = {}
    for d in report.diagnostics:
        if quiet and d.severity == "info":
            continue
        shown[d.code] = shown.get(d.code, 0) + 1
        if shown[d.code] > SHOWN_PER_CODE:
            hidden.setdefault(d.code, []).append(d)
            continue
        out.append([(d.location, "bold"), (": ", ""), (d.severity, _STYLE[d.severity]), (f"[{d.code}]", "dim"),
                    (f" {d.message}", "")])
        out += _excerpt(d)
        if d.hint:
            out.append([("  ", ""), ("hint:", "green"), (f" {d.hint}", "")])
    for code, rest in hidden.items():
        places = ", ".join(d.location for d in rest[:3]) + (", ..." if len(rest) > 3 else "")
        out.append([(f"... and {len(rest)} more [{code}] ({places})", "dim")])
    c = report.counts
    verdict = ("valid", "bold green") if report.valid else ("invalid", "bold red")
    strict = " (strict: warnings count as errors)" if report.strict and c["warning"] else ""
    out.append([(f"{report.files} file(s) checked: {c['error']} error(s), {c['warning']} warning(s), "
                 f"{c['info']} info: ", ""), verdict, (strict, "")])
    return out


def text(report: ValidationReport, console: Console, quiet: bool = False) -> None:
    """Print :func:`lines` through rich, in colour where the console is a terminal."""
    from rich.text import Text

    for line in lines(report, quiet):
        console.print(Text.assemble(*line), highlight=False, soft_wrap=True)


def plain(report: ValidationReport, quiet: bool = False) -> str:
    """:func:`lines` without colour, as rich prints them into a pipe or file, without importing rich."""
    return "".join("".join(piece for piece, _style in line) + "\n" for line in lines(report, quiet))


def _gh_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


def github(report: ValidationReport) -> str:
    """Workflow commands, so each problem shows as an annotation on its line in a pull request."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    rows = []
    for d in report.diagnostics:
        props = []
        if d.file:
            props.append(f"file={_gh_prop(d.file)}")
        if d.line is not None:
            props.append(f"line={d.line}")
        if d.column is not None:
            props.append(f"col={d.column}")
        props.append(f"title={_gh_prop(d.code)}")
        body = d.message + (f" Hint: {d.hint}" if d.hint else "")
        rows.append(f"::{level[d.severity]} {','.join(props)}::{_gh_data(body)}")
    return "\n".join(rows)
