"""Diagnostics: one located problem each, with a stable code and words from a catalogue.

The codes and their messages live in ``messages/<lang>.yaml`` (data, not code),
so that the wording can be improved or translated without touching a rule, and
a code, once published, never changes meaning.
"""

from __future__ import annotations

import re
import string
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from gcm_report.languages import MESSAGE_LANGUAGES, message_language  # noqa: F401 (re-exported)
from gcm_report.places import location

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


class Rule(BaseModel):
    """A catalogue entry: what a code means and how to word it."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    title: str
    message: str
    hint: str | None = None
    hint_suggestion: str | None = None


class Diagnostic(BaseModel):
    """One problem at one place, as every output format reports it."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    file: str | None = None
    line: int | None = Field(None, description="1-based")
    column: int | None = Field(None, description="1-based")
    message: str
    hint: str | None = None
    message_en: str | None = Field(None, description="The English message, when `message` is in another language")
    source_line: str | None = None
    details: dict[str, str] = Field(default_factory=lambda: {})  # not `dict`: see ValidationReport.submissions

    @property
    def location(self) -> str:
        """``file:line:column`` as compilers and editors print it."""
        return location(self.file, self.line, self.column)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file or "", self.line or 0, self.column or 0, self.code)


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


@cache
def catalogue(lang: str = "en") -> dict[str, Rule]:
    """The rules of one language's catalogue, by code (English when the language has none)."""
    from importlib import resources  # here: a run answered from the cache may need no message at all

    from gcm_report.reference import compiled

    name = f"{lang}.yaml"
    if not resources.files("gcm_report").joinpath("messages", name).is_file():
        name = "en.yaml"
    raw = compiled.read("messages", name)
    english = {} if lang == "en" else catalogue("en")
    rules: dict[str, Rule] = {}
    for code, entry in raw["rules"].items():
        base = english.get(code)
        severity = base.severity if base else entry["severity"]
        rules[code] = Rule(code=code, severity=severity, **{k: v for k, v in entry.items() if k != "severity"})
    for code, base in english.items():
        rules.setdefault(code, base)
    return rules


def _fill(template: str | None, ctx: dict[str, str]) -> str | None:
    if template is None:
        return None
    return string.Formatter().vformat(template, (), _Blank(ctx)).strip() or None


def render(code: str, ctx: dict[str, str], lang: str = "en") -> tuple[str, str | None]:
    """The message and hint of a code with its context, in a language."""
    rule = catalogue(lang)[code]
    hint = rule.hint_suggestion if ctx.get("suggestion") and rule.hint_suggestion else rule.hint
    return _fill(rule.message, ctx) or rule.title, _fill(hint, ctx)


_UNSHOWABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\u2028\u2029]")
"""What a terminal or a log must not receive from a submission: control characters (escape
sequences could rewrite the screen), unpaired surrogates (cannot be printed as UTF-8) and direction
overrides (could reverse the text around them)."""

SOURCE_LINE_MAX = 1000
"""Longest quoted line kept (past the column at fault): a file may be one line of megabytes."""


def showable(text: str) -> str:
    """A value from a submission, safe to put in a message: what must not be shown becomes \\uXXXX."""
    return _UNSHOWABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _quoted_line(line: str | None, column: int | None) -> str | None:
    """The line at fault as quoted: unshowable characters as U+FFFD (the caret stays in place), cut short."""
    if line is None:
        return None
    end = max(SOURCE_LINE_MAX, (column or 1) + 200)
    if len(line) > end:
        line = line[:end] + "…"
    return _UNSHOWABLE.sub("\ufffd", line)


def make(code: str, file: str | None, line: int | None, column: int | None,
         source_line: str | None = None, severity: Severity | None = None, **ctx: Any) -> Diagnostic:
    """Create a diagnostic; an unknown code is a programming error and fails loudly in tests.

    Values from the submission (the context) and the quoted line are made safe to print
    (:func:`showable`): a message never carries a control character or an unpaired surrogate.
    """
    rule = catalogue("en")[code]
    details = {k: showable(str(v)) for k, v in ctx.items() if v is not None}
    source_line = _quoted_line(source_line, column)
    message, hint = render(code, details)
    return Diagnostic(code=code, severity=severity or rule.severity, file=file, line=line, column=column,
                      message=message, hint=hint, source_line=source_line, details=details)


MAX_PROBLEMS = 200
"""Problems listed per file; past this, ``too-many-problems`` counts the rest (as compilers stop
after so many errors): locating a hundred thousand would take minutes and gigabytes."""


def left_out(file: str | None, count: int, listed: int, severity: Severity) -> list[Diagnostic]:
    """The ``too-many-problems`` diagnostic for `count` problems a rule stopped listing (none if 0)."""
    if not count:
        return []
    return [make("too-many-problems", file, None, None, severity=severity, found=count, expected=listed)]


def localize(diagnostic: Diagnostic, lang: str) -> Diagnostic:
    """The same diagnostic worded in `lang`; the code and place never change, the English stays alongside."""
    if lang == "en":
        return diagnostic
    message, hint = render(diagnostic.code, diagnostic.details, lang)
    return diagnostic.model_copy(update={"message": message, "hint": hint, "message_en": diagnostic.message})
