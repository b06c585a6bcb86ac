"""The report model: everything a language version of the draft shows, in no language yet.

The model is the contract between aggregation (which computes it from the
submissions and the configuration) and rendering (which words it in a language).
Numbers that must be identical in every language version, paragraph numbers,
footnote numbers, sub-paragraph labels, are fixed here. Texts stay multilingual
(``{lang: text}``, never the ``und`` key: aggregation resolves it to the
submission's language). ``report.json`` is this model, serialised.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Text = dict[str, str]
"""A text by language code; Markdown where the field says so."""


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Trace(Model):
    """Where a generated paragraph came from: shown on screen as ``file:line``, linked."""

    file: str = Field(description="The file, relative to the submissions folder it was found in")
    line: int
    href: str = Field(description="Link to the file, relative to the output folder, with #L<line>")


class Submitter(Model):
    """One submitter, as the annex lists it and paragraphs name it."""

    id: str = Field(description="KEN, entity:IOM or name:<english name>")
    category: str
    country: str | None = None
    region: str | None = Field(None, description="M49 region code of a Member State")
    entity: str | None = Field(None, description="Key of a reference entity")
    name: Text = Field(default_factory=dict, description="Names an organization gives itself")
    short_name: Text = Field(default_factory=dict)
    sort_name: str = Field(description="English name: the order of lists in every language version")
    language: str
    file: str
    champion: bool = False
    practices: int = 0


class SourceRef(Model):
    url: str | None = None
    title: Text = Field(default_factory=dict)
    citation: Text = Field(default_factory=dict)


class Footnote(Model):
    """A numbered footnote: the sources of an item, an editorial note, or a list of States."""

    number: int
    sources: list[SourceRef] = Field(default_factory=list)
    text: Text = Field(default_factory=dict, description="Editorial footnote, Markdown")
    countries: list[str] = Field(default_factory=list, description="Alpha-3 codes, in list order")


class Numbered(Model):
    number: int | None = Field(None, description="Paragraph number; None for a sub-paragraph")
    label: str | None = Field(None, description="Sub-paragraph label: a, b, ...")


class EditorialParagraph(Numbered):
    """A paragraph the drafters wrote (report.yaml), Markdown per language."""

    kind: Literal["editorial"] = "editorial"
    text: Text
    notes: dict[str, int] = Field(default_factory=dict, description="[^key] -> footnote number")


ItemKind = Literal["practice", "arrangement", "measure", "support"]


class Actor(Model):
    """Who a paragraph names: a submitter, and the body within it that acted, if the item says."""

    submitter: str = Field(description="Submitter.id")
    body: Text = Field(default_factory=dict, description="The practice's `actor` (a ministry, a city)")


class ItemParagraph(Numbered):
    """A paragraph generated from one item, or from the items of a joint practice (one per actor)."""

    kind: ItemKind
    actors: list[Actor] = Field(min_length=1, description="The first actor's item gives the words")
    title: Text = Field(default_factory=dict)
    text: Text = Field(description="The item's summary, Markdown")
    objectives: list[int] = Field(default_factory=list)
    area: str | None = None
    detail: str | None = Field(None, description="Arrangement kind")
    joint: str | None = None
    footnotes: list[int] = Field(default_factory=list)
    traces: list[Trace] = Field(min_length=1, description="One per submission the paragraph comes from")


class Practice(Model):
    """A practice as received, for the compendium: every practice of the corpus, whether or not the
    report's chapter V cites it (a joint practice once, naming every actor, as the report does)."""

    area: str | None = Field(None, description="Group of the clustering it is placed in; None: no group holds "
                                               "its primary objective")
    actors: list[Actor] = Field(min_length=1, description="The first actor's item gives the words")
    title: Text = Field(default_factory=dict)
    text: Text = Field(description="The practice's summary, Markdown")
    objectives: list[int] = Field(min_length=1, description="The primary objective first")
    principles: list[str] = Field(default_factory=list, description="Keys of the guiding principles")
    sources: list[SourceRef] = Field(default_factory=list)
    joint: str | None = None
    traces: list[Trace] = Field(min_length=1, description="One per submission the practice comes from")
    paragraph: int | None = Field(None, description="Its paragraph in the report, when chapter V cites it")


class ObjectiveCount(Model):
    objective: int
    count: int


Fact = Literal[
    "arrangements-opening", "champions", "covid-opening", "progress-opening", "area-opening",
    "support-opening", "recommendations-states", "recommendations-system", "further-practices",
]
"""``further-practices`` closes an objective of chapter V whose practices the body does not all cite:
counts ``practices`` (left out), ``objective``, and ``first`` and ``last``, their entries in the compendium."""


class FactParagraph(Numbered):
    """A paragraph whose words are boilerplate and whose numbers are computed from the corpus."""

    kind: Literal["fact"] = "fact"
    fact: Fact
    counts: dict[str, int] = Field(default_factory=dict)
    objectives: list[ObjectiveCount] = Field(default_factory=list)
    footnotes: list[int] = Field(default_factory=list)


Paragraph = Annotated[EditorialParagraph | ItemParagraph | FactParagraph, Field(discriminator="kind")]


class Subsection(Model):
    key: str = Field(description="Group key (A, 1, ...) or a fixed key (network, support, states, system)")
    letter: str | None = Field(None, description="A, B, ...; None for an unlettered heading")
    title: Text = Field(default_factory=dict, description="Title from the data (thematic area)")
    paragraphs: list[Paragraph] = Field(default_factory=list)


ChapterKey = Literal["introduction", "meaning", "implementation", "covid19", "progress", "support",
                     "conclusions"]


class Chapter(Model):
    number: int
    key: ChapterKey
    paragraphs: list[Paragraph] = Field(default_factory=list)
    subsections: list[Subsection] = Field(default_factory=list)


class AgendaItem(Model):
    number: int
    title: Text


class Group(Model):
    key: str
    letter: str
    title: Text
    official: list[str] = Field(default_factory=list,
                                description="Languages in which the title is the official UN text")
    objectives: list[int]


class Clustering(Model):
    key: str
    title: Text
    groups: list[Group]


class Counts(Model):
    """Every number the report states, computed from the corpus."""

    submitters: dict[str, int] = Field(description="Submitters by category, in the summary's order")
    member_states_by_region: dict[str, int] = Field(description="M49 region -> Member States")
    practices: int
    practice_submitters: int = Field(description="Submitters with at least one practice")
    practices_by_area: dict[str, int] = Field(description="Group key -> practices placed there")
    practices_by_objective: dict[int, dict[str, int]] = Field(
        description="Objective -> category -> practices citing it (any position)")
    practices_by_area_region: dict[str, dict[str, int]] = Field(
        description="Group key -> M49 region (or 'other' for organizations) -> practices")
    arrangements: int
    measures: int
    support: int
    champions: int


class Note(Model):
    """Something the build noticed in the configuration or the corpus that a drafter should see."""

    code: str
    severity: Literal["warning", "info"]
    message: str
    file: str | None = None


class Report(Model):
    symbol: str
    session: int
    agenda_items: list[AgendaItem]
    date: dt.date
    original_language: str
    reissued: dt.date | None = None
    note_verbale: dt.date | None = None
    job_number: str | None = None
    title: Text
    languages: list[str]
    clustering: Clustering
    submitters: list[Submitter]
    counts: Counts
    chapters: list[Chapter]
    footnotes: list[Footnote]
    missing_translations: dict[str, dict[str, int]] = Field(
        default_factory=dict, description="Language -> source (a file, report.yaml, a reference table) -> "
                                          "texts shown in another language (aggregate.translations)")
    notes: list[Note] = Field(default_factory=list)
    practices: list[Practice] = Field(default_factory=list, description="Every practice, in the compendium's "
                                      "order: group of the clustering, primary objective, submitter, file")

    def footnote(self, number: int) -> Footnote:
        """Footnote `number` (numbers start at 1 and have no gaps)."""
        return self.footnotes[number - 1]
