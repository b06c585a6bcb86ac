"""The report's own configuration (``report.yaml``): what no submission provides.

The masthead facts, the reporting cycle, the languages to build, the clustering
to group practices by, how many practices the body cites (``body``; the compendium
publishes them all), and the editorial chapters the drafters write themselves.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator

from gcm_report.reference import LANGUAGES, Clustering, Entry, load_reference
from gcm_report.reference import Group as Group_
from gcm_report.schema.types import Count, Date, Language, Objective, Text, choice, fail

OutputLanguage = choice(*LANGUAGES, description="An official language of the United Nations")
DGACM_WORD_LIMIT = 8500
"""Words allowed in a report of the Secretariat (DGACM): the default ``word_limit``."""


def _positive(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise fail("wrong-type", found=str(value), expected="a whole number, 1 or more")
    return int(value)


WordLimit = Annotated[int, BeforeValidator(_positive), WithJsonSchema({
    "type": "integer", "minimum": 1,
    "description": "Most words the report body may have, counted on the English version: the summary, "
                   "chapters I to VII and their footnotes, not the masthead, the agenda items or the annexes "
                   "(gcm_report.render.words says what counts as a word). The build warns, with the count and "
                   "the paragraph where the limit is passed; --strict stops. Default 8500 (DGACM)."})]

PRACTICES_PER_OBJECTIVE = 20
"""Default of ``body.practices_per_objective``: A/75/542 cites at most 18 practices under one objective
(objective 2, thematic area B), so the example draft cites every practice it received, while a corpus
of thousands keeps a body of a few hundred paragraphs instead of tens of thousands."""

PracticesPerObjective = Annotated[int, BeforeValidator(_positive), WithJsonSchema({
    "type": "integer", "minimum": 1,
    "description": "Most practices chapter V cites under one objective of one group of the clustering "
                   "(thematic area). The featured ones come first; the others are chosen in turn, each time a "
                   "practice of the submitter chapter V has cited least so far (ties: Member States first, then "
                   "by English name), so that the citations spread over the submitters. A sentence then counts "
                   "the rest and gives their entries in the compendium, which describes every practice. "
                   "Default 20: A/75/542 cites at most 18 under one objective, so the example draft cites all."})]

ClusteringName = choice("thematic-areas", "imrf-2022-round-tables", description="A clustering of the reference data")


class Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class AgendaItem(Schema):
    number: Count
    title: Text


class Cycle(Schema):
    """The period a report covers; submissions dated outside it are flagged."""

    year: Count = Field(description="The report year that submissions name as their cycle")
    start: Date
    end: Date
    note_verbale: Date | None = Field(None, description="When the call for submissions went out")

    @model_validator(mode="after")
    def _ordered(self) -> Cycle:
        if self.end < self.start:
            raise fail("period-reversed", found=f"{self.start} to {self.end}")
        return self


class Group(Schema):
    key: str
    title: Text
    objectives: list[Objective] = Field(min_length=1)


class CustomClustering(Schema):
    """A clustering written into the configuration instead of one from the reference data."""

    key: str
    title: Text
    groups: list[Group] = Field(min_length=1)


class Chapters(Schema):
    """Editorial chapters as Markdown per language; each paragraph becomes a numbered paragraph."""

    introduction: Text
    meaning: Text = Field(description="What implementing the Compact means for the international community")
    network: Text | None = Field(None, description="Opening of chapter VI on the UN Network on Migration")
    conclusions: Text
    recommendations_states: list[Text] = []
    recommendations_system: list[Text] = []


class Notes(Schema):
    """Footnotes of the editorial chapters, numbered with the rest; cited as [^key] in the Markdown."""

    key: str
    text: Text


class Featured(Schema):
    """A practice the drafters choose to cite in chapter V whatever the order would choose.

    Submissions give practices no identifier, so a practice is named by who reported it and
    its title, which stay put when a submitter reorders or adds practices; a name that matches
    no practice of the corpus is a warning of the build."""

    submitter: str = Field(description="Who reported it: a Member State's alpha-3 code (KEN), an organization's "
                                       "key (IOM), or the submitter's name as its submission gives it")
    title: str = Field(description="The practice's title, in any language its submission gives it")


class Body(Schema):
    """How much of chapter V the report's body holds: a General Assembly report has a word limit, so
    the body cites a selection of the practices and points to the compendium for the rest."""

    practices_per_objective: PracticesPerObjective = PRACTICES_PER_OBJECTIVE
    featured: list[Featured] = Field([], description="Practices cited first under their objective, in this "
                                                     "order (all of them, even beyond practices_per_objective)")


class ReportConfig(Schema):
    schema_version: Literal[1]
    symbol: str = Field(description="Document symbol, e.g. A/75/542")
    session: Count = Field(description="General Assembly session number, e.g. 75")
    agenda_items: list[AgendaItem] = Field(min_length=1)
    date: Date
    original_language: Language
    reissued: Date | None = Field(None, description="Date of reissue for technical reasons, if any")
    job_number: str | None = Field(None, description="e.g. 20-13940; the language letter is added")
    title: Text
    cycle: Cycle
    languages: list[OutputLanguage] = Field(default_factory=lambda: ["zh", "en"], min_length=1)
    clustering: ClusteringName | CustomClustering = "thematic-areas"
    word_limit: WordLimit = DGACM_WORD_LIMIT
    body: Body = Body()
    output: str = "build"
    chapters: Chapters
    footnotes: list[Notes] = []


def resolve_clustering(config: ReportConfig | None) -> Clustering:
    """The clustering a report groups practices by: a named one from the reference, or its own."""
    reference = load_reference()
    choice_ = config.clustering if config is not None else "thematic-areas"
    if isinstance(choice_, str):
        return reference.clusterings[choice_]
    return Clustering(
        choice_.key,
        dict(choice_.title),
        tuple(Group_(g.key, {k: Entry(v, False) for k, v in g.title.items()}, tuple(g.objectives))
              for g in choice_.groups),
    )
