"""What validation returns: the problems found and the submissions that passed.

The core never prints or exits; the CLI renders this object, and its JSON form
is exactly this object's serialisation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, computed_field

from gcm_report.diagnostics import SEVERITIES, Diagnostic

if TYPE_CHECKING:  # the schema's models are not needed to read a report from the cache
    from gcm_report.schema.submission import Submission


@dataclass(frozen=True)
class Loaded:
    """A valid submission, with the file it came from and the line of each item in it.

    The lines are what makes the draft traceable: every generated paragraph
    links back to the file and line that it was written from.
    """

    name: str
    submission: Submission
    lines: dict[str, int] = field(default_factory=dict)

    def line(self, kind: str, index: int) -> int:
        return self.lines.get(f"{kind}.{index}", 1)


class Group(BaseModel):
    """Repeated problems of one code, counted, with where the first ones are."""

    code: str
    severity: str
    count: int
    first: list[str]


class ValidationReport(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    strict: bool
    lang: str = Field("en", description="Language of the messages")
    files: int = Field(description="Submission files read")
    diagnostics: list[Diagnostic]
    usage_error: bool = Field(False, description="A path given does not exist")
    submissions: list[Any] = Field(default_factory=lambda: [], exclude=True)
    # (a lambda, not `list`: pydantic inspects a factory's signature, which takes 10 ms for a builtin
    # the first time, on every command that only reads a report from the cache)
    config: Any = Field(None, exclude=True, description="The ReportConfig checked against (a ReportConfig or None)")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITIES, 0)
        for d in self.diagnostics:  # one pass: a report may hold tens of thousands
            counts[d.severity] += 1
        return counts

    @computed_field  # type: ignore[prop-decorator]
    @property
    def valid(self) -> bool:
        """No error, and under --strict no warning either."""
        counts = self.counts
        return not self.usage_error and counts["error"] == 0 and not (self.strict and counts["warning"])

    @computed_field  # type: ignore[prop-decorator]
    @property
    def groups(self) -> list[Group]:
        by_code: dict[str, list[Diagnostic]] = {}
        for d in self.diagnostics:
            by_code.setdefault(d.code, []).append(d)
        return [Group(code=c, severity=ds[0].severity, count=len(ds), first=[d.location for d in ds[:3]])
                for c, ds in sorted(by_code.items(), key=lambda kv: (-len(kv[1]), kv[0]))]

    @property
    def exit_code(self) -> int:
        """0 valid, 1 invalid, 2 usage error: the contract scripts and CI rely on."""
        if self.usage_error:
            return 2
        return 0 if self.valid else 1

    @property
    def loaded(self) -> list[Loaded]:
        return list(self.submissions)
