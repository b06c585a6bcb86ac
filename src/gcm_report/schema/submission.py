"""The submission schema: what a Member State or organization sends, version 1.

Every kind of fact that A/75/542 cites can be recorded here: who submitted,
how they organised implementation (chapter III), what they did about COVID-19
(chapter IV), their practices by objective (chapter V), the UN system's support
(chapter VI), and their challenges and recommendations.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from gcm_report.schema.types import (
    Count, Country, Date, Flag, Language, Objective, PartialDate, Principle, Text, Url, choice, fail,
)

SCHEMA_VERSION = 1

CATEGORIES = ("member-state", "intergovernmental-organization", "un-entity", "stakeholder")

Category = choice(*CATEGORIES, description="Who is submitting")
ArrangementKind = choice(
    "national-plan", "coordination-mechanism", "strategy", "legislation", "policy",
    "gap-analysis", "stakeholder-consultation", "regional-plan", "other",
    description="What kind of implementation arrangement",
)
Status = choice("planned", "in-preparation", "adopted", "under-way", "completed",
                description="How far the arrangement has come")


class Schema(BaseModel):
    """Base of every submission object: unknown keys are errors, so typos are caught."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(Schema):
    """A reference that becomes a footnote: a web page, or a citation of a publication."""

    url: Url | None = Field(None, description="Address of a public web page")
    title: Text | None = Field(None, description="Title of the page or document")
    citation: Text | None = Field(None, description="For printed sources without a web address")
    accessed: Date | None = Field(None, description="When the page was consulted")

    @model_validator(mode="after")
    def _needs_something(self) -> Source:
        if self.url is None and self.citation is None:
            raise fail("source-empty")
        return self


class Period(Schema):
    """When something ran, as precisely as the submitter knows it."""

    start: PartialDate | None = Field(None, description="A year (2019), a month (2019-05) or a date")
    end: PartialDate | None = Field(None, description="A year, a month or a date; omit if still running")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start and self.end and self.end < self.start[: len(self.end)]:
            raise fail("period-reversed", found=f"{self.start} to {self.end}")
        return self


class Submitter(Schema):
    """Who sends the submission: a Member State (by its code) or an organization (by name)."""

    category: Category
    country: Country | None = Field(None, description="ISO 3166-1 alpha-3 code; Member States only")
    name: Text | None = Field(None, description="Required for organizations; derived from the code for States")
    short_name: Text | None = Field(None, description="The abbreviation the UN uses, e.g. IOM / 移民组织")
    entity: str | None = Field(None, description="Key of a known organization (reference entities), e.g. IOM")

    @model_validator(mode="after")
    def _category_fields(self) -> Submitter:
        if self.category == "member-state" and self.country is None:
            raise PydanticCustomError("country-required", "country-required", {"key": "country"})
        if self.category != "member-state" and self.country is not None:
            raise PydanticCustomError("country-not-allowed", "country-not-allowed",
                                      {"key": "country", "found": self.category})
        if self.category != "member-state" and self.name is None and self.entity is None:
            raise PydanticCustomError("name-required", "name-required", {"key": "name"})
        return self


class Contact(Schema):
    """The focal point the secretariat can ask about the submission; never printed in the draft."""

    name: str | None = Field(None, description="The focal point's name")
    email: str | None = Field(None, description="The focal point's e-mail address")
    organization: str | None = Field(None, description="Ministry or office of the focal point")


class Arrangement(Schema):
    """One way of organising implementation (A/75/542 chapter III)."""

    kind: ArrangementKind
    summary: Text = Field(description="What was set up, in one to three sentences")
    title: Text | None = Field(None, description="Its name, if it has one")
    status: Status | None = Field(None, description="How far it has come")
    year: Count | None = Field(None, description="Year it was set up or adopted")
    actions: Count | None = Field(None, description="Number of actions a plan defines (Portugal: 97)")
    priority_objectives: Count | None = Field(None, description="Number of priority objectives identified")
    objectives: list[Objective] = Field([], description="Objectives it addresses, if it names some")
    includes_stakeholders: Flag | None = Field(None, description="Whether non-governmental stakeholders take part")
    partners: list[Text] = Field([], description="Partners: an organization key (IOM), a country code (KEN) or a name")
    sources: list[Source] = Field([], description="References; each becomes a footnote")


class Implementation(Schema):
    """How implementation is organised (report chapter III)."""

    champion: Flag = Field(False, description="A GCM champion country")
    arrangements: list[Arrangement] = Field([], description="Plans, mechanisms, strategies, laws ...")


class Measure(Schema):
    """A response to COVID-19 that bears on the Global Compact (A/75/542 chapter IV)."""

    summary: Text = Field(description="What was done, in one to three sentences")
    objectives: list[Objective] = Field(default_factory=list, description="Objectives it bears on")
    partners: list[Text] = Field([], description="Partners: an organization key (IOM), a country code (KEN) or a name")
    period: Period | None = Field(None, description="When it ran")
    sources: list[Source] = Field([], description="References; each becomes a footnote")


class Practice(Schema):
    """An action under one or more objectives (A/75/542 chapter V); the first objective is primary."""

    title: Text = Field(description="A short name for the practice")
    summary: Text = Field(description="What was done, by whom, when, with what result, in one to three sentences")
    objectives: list[Objective] = Field(min_length=1, description="Objectives it serves, the main one first")
    area: str | None = Field(None, description="The thematic area to report it under: needed when the primary "
                             "objective is in two areas (7); may name the area of another objective listed")
    status: Status | None = Field(None, description="How far it has come")
    actor: Text | None = Field(None, description="The body that acted, when not the submitter itself "
                               "(a ministry, a city, a national commission)")
    joint: str | None = Field(None, description="The same key in the submissions of every actor of a joint "
                              "practice: the draft reports it once, naming them all")
    principles: list[Principle] = Field([], description="Guiding principles it puts into practice")
    partners: list[Text] = Field([], description="Partners: an organization key (IOM), a country code (KEN) or a name")
    period: Period | None = Field(None, description="When it ran")
    covid19: Flag = Field(False, description="A response to the COVID-19 pandemic")
    sources: list[Source] = Field([], description="References; each becomes a footnote")


class Support(Schema):
    """What a UN entity or the Network did in support of the Compact (A/75/542 chapter VI)."""

    summary: Text = Field(description="What was done, in one to three sentences")
    objectives: list[Objective] = Field([], description="Objectives it supports")
    covid19: Flag = Field(False, description="A response to the COVID-19 pandemic")
    partners: list[Text] = Field([], description="Partners: an organization key (IOM), a country code (KEN) or a name")
    period: Period | None = Field(None, description="When it ran")
    sources: list[Source] = Field([], description="References; each becomes a footnote")


class Submission(Schema):
    """One submitter's contribution to one report: the whole of a submission file."""

    schema_version: Literal[1] = Field(description="Version of this format; 1")
    cycle: Count = Field(description="The report year this submission is for, e.g. 2020")
    language: Language = Field(description="Language in which the submission was written")
    submitted: Date | None = Field(None, description="Date the submission was sent")
    submitter: Submitter = Field(description="Who submits")
    contact: Contact | None = Field(None, description="Whom the secretariat can ask about it")
    implementation: Implementation | None = Field(None, description="How implementation is organised (chapter III)")
    covid19: list[Measure] = Field([], description="Responses to COVID-19 (chapter IV)")
    practices: list[Practice] = Field([], description="Practices by objective (chapter V)")
    support: list[Support] = Field([], description="Support to the Compact by UN entities (chapter VI)")
    challenges: list[Text] = Field([], description="Challenges met in implementation")
    recommendations: list[Text] = Field([], description="Recommendations made by the submitter")
