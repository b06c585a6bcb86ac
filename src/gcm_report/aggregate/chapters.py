"""The seven chapters of the report, in the seed's order, numbered as they are built.

Paragraphs are numbered continuously through the report, and footnotes likewise,
because the chapters are built in reading order against one :class:`Numbering`.

Documented orders:

* chapter III: arrangements by kind (the schema's order: national plans, coordination
  mechanisms, strategies, ...), then submitter order (category, English name, file),
  then file order; the champion countries close the chapter;
* chapter IV: COVID-19 measures by primary objective (measures without objectives
  last), then submitter order, then file order;
* chapter V: practices in the group of the clustering that holds their primary
  objective (objective 7 is in A and B: the practice's ``area`` decides, else the
  first group), within a group by primary objective, then submitter order, then
  file order; under each objective at most ``body.practices_per_objective`` of them,
  featured ones first, then a sentence counting the others, which the compendium
  describes (the choice: :mod:`gcm_report.aggregate.selection`);
* chapter VI: support items of United Nations entities in submitter order, then file order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gcm_report.aggregate import editorial
from gcm_report.aggregate.corpus import Item, Unit, resolve, sources, submitter_order
from gcm_report.aggregate.counts import top_objectives
from gcm_report.aggregate.model import (
    Actor,
    Chapter,
    Clustering,
    EditorialParagraph,
    FactParagraph,
    Footnote,
    Group,
    ItemParagraph,
    Note,
    Paragraph,
    SourceRef,
    Submitter,
    Subsection,
    Text,
)
from gcm_report.aggregate.selection import Block, chapter_order
from gcm_report.render.i18n import letter
from gcm_report.schema.config import ReportConfig

ARRANGEMENT_KINDS: tuple[str, ...] = (
    "national-plan", "coordination-mechanism", "strategy", "legislation", "policy",
    "gap-analysis", "stakeholder-consultation", "regional-plan", "other",
)


@dataclass
class Numbering:
    """Paragraph and footnote counters shared by the whole report."""

    config: ReportConfig
    paragraph: int = 0
    footnotes: list[Footnote] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def next_paragraph(self) -> int:
        self.paragraph += 1
        return self.paragraph

    def footnote(self, **content: object) -> int:
        number = len(self.footnotes) + 1
        self.footnotes.append(Footnote(number=number, **content))  # type: ignore[arg-type]
        return number

    def cite(self, key: str) -> int | None:
        """A new footnote for an editorial ``[^key]``, or None when no footnote has that key."""
        note = next((n for n in self.config.footnotes if n.key == key), None)
        if note is None:
            return None
        return self.footnote(text=resolve(note.text, self.config.original_language))

    def editorial(self, text: Text | None, where: str) -> list[EditorialParagraph]:
        return editorial.paragraphs(resolve(text, self.config.original_language), self.config.original_language,
                                    where, next_number=self.next_paragraph, cite=self.cite, notes=self.notes)

    def fact(self, fact: str, **fields: object) -> FactParagraph:
        return FactParagraph(number=self.next_paragraph(), fact=fact, **fields)  # type: ignore[arg-type]

    def item(self, unit: Unit, *, area: str | None = None, detail: str | None = None) -> ItemParagraph:
        """The paragraph of an item; of a joint practice, the first actor's item gives the words,
        every actor is named, and every submission's sources and trace are kept."""
        number = self.next_paragraph()
        first = unit[0]
        value, lang = first.value, first.submitter.language
        refs: list[SourceRef] = []
        for item in unit:
            refs += [r for r in sources(list(item.value.sources), item.submitter.language) if r not in refs]
        notes = [self.footnote(sources=refs)] if refs else []
        return ItemParagraph(
            number=number, kind=first.kind,  # type: ignore[arg-type]
            actors=[Actor(submitter=i.submitter.id, body=resolve(getattr(i.value, "actor", None),
                                                                 i.submitter.language)) for i in unit],
            title=resolve(getattr(value, "title", None), lang), text=resolve(value.summary, lang),
            objectives=list(dict.fromkeys(value.objectives)), area=area, detail=detail,
            joint=getattr(value, "joint", None), footnotes=notes, traces=[i.trace for i in unit],
        )


def place(unit: Unit, clustering: Clustering) -> str | None:
    """The group a practice goes in: its ``area`` when that is a group of the clustering
    (validation has checked that the group holds one of its objectives), else the first
    group holding its primary objective; None when no group holds it (a custom clustering).
    An ``area`` of another clustering (B under the round tables) is ignored."""
    value = unit[0].value
    holders = [g.key for g in clustering.groups if value.objectives[0] in g.objectives]
    if value.area is not None and any(g.key == value.area for g in clustering.groups):
        return str(value.area)
    return holders[0] if holders else None


def implementation(n: Numbering, items: list[Item], submitters: list[Submitter]) -> Chapter:
    arrangements = sorted((i for i in items if i.kind == "arrangement"),
                          key=lambda i: (ARRANGEMENT_KINDS.index(i.value.kind), submitter_order(i.submitter),
                                         i.index))
    paragraphs: list[Paragraph] = []
    if arrangements:
        kinds = {k: sum(i.value.kind == k for i in arrangements) for k in ARRANGEMENT_KINDS}
        paragraphs.append(n.fact("arrangements-opening", counts={
            "arrangements": len(arrangements),
            "submitters": len({i.submitter.id for i in arrangements}),
            **{k: v for k, v in kinds.items() if v},
        }))
    paragraphs += [n.item([i], detail=i.value.kind) for i in arrangements]
    champions = [s for s in submitters if s.champion]
    if champions:
        number = n.next_paragraph()
        listed = sorted(champions, key=lambda s: s.sort_name.casefold())
        note = n.footnote(countries=[s.country for s in listed if s.country])
        paragraphs.append(FactParagraph(number=number, fact="champions", counts={"champions": len(champions)},
                                        footnotes=[note]))
    return Chapter(number=3, key="implementation", paragraphs=paragraphs)


def covid19(n: Numbering, items: list[Item]) -> Chapter:
    measures = sorted(([i] for i in items if i.kind == "measure"), key=chapter_order)
    paragraphs: list[Paragraph] = []
    if measures:
        paragraphs.append(n.fact("covid-opening", counts={
            "measures": len(measures), "submitters": len({u[0].submitter.id for u in measures})},
            objectives=top_objectives(measures)))
    paragraphs += [n.item(u) for u in measures]
    return Chapter(number=4, key="covid19", paragraphs=paragraphs)


def progress(n: Numbering, blocks: list[Block], clustering: Clustering) -> Chapter:
    """Chapter V: its opening and each group's counts cover every practice received; the paragraphs
    cite the blocks' selection, each block closed by a sentence on the practices it leaves out."""
    practices = [unit for block in blocks for unit in block.units]
    opening = n.fact("progress-opening", counts={
        "practices": len(practices), "submitters": len({i.submitter.id for u in practices for i in u}),
        "groups": len(clustering.groups)})
    by_group: dict[str, list[Block]] = {}
    for block in blocks:
        by_group.setdefault(block.area, []).append(block)
    subsections = [_area(n, group, by_group.get(group.key, [])) for group in clustering.groups]
    return Chapter(number=5, key="progress", paragraphs=[opening], subsections=subsections)


def _area(n: Numbering, group: Group, blocks: list[Block]) -> Subsection:
    inside = [u for block in blocks for u in block.units]
    paragraphs: list[Paragraph] = [n.fact("area-opening", counts={
        "practices": len(inside), "submitters": len({i.submitter.id for u in inside for i in u})},
        objectives=top_objectives(inside))]
    for block in blocks:
        paragraphs += [n.item(u, area=group.key) for u in block.cited]
        if block.omitted:
            first, last = block.omitted_entries
            paragraphs.append(n.fact("further-practices", counts={
                "practices": len(block.omitted), "objective": block.objective, "first": first, "last": last}))
    return Subsection(key=group.key, letter=group.letter, title=group.title, paragraphs=paragraphs)


def support(n: Numbering, items: list[Item]) -> Chapter:
    subsections = []
    network = n.editorial(n.config.chapters.network, "chapters.network")
    if network:
        subsections.append(Subsection(key="network", paragraphs=list(network)))
    entities = [i for i in items if i.kind == "support" and i.submitter.category == "un-entity"]
    for other in sorted({i.trace.file for i in items if i.kind == "support" and i.submitter.category != "un-entity"}):
        n.notes.append(Note(code="support-not-shown", severity="info", file=other,
                            message=f"{other}: support items are shown only for United Nations entities"))
    if entities:
        paragraphs: list[Paragraph] = [n.fact("support-opening", counts={
            "items": len(entities), "entities": len({i.submitter.id for i in entities})})]
        paragraphs += [n.item([i]) for i in entities]
        subsections.append(Subsection(key="entities", paragraphs=paragraphs))
    return Chapter(number=6, key="support", subsections=subsections)


def _recommendations(n: Numbering, key: str, heading: str, texts: list[Text]) -> Subsection:
    lead = n.fact(f"recommendations-{key}")
    original = n.config.original_language
    subparas = []
    for i, text in enumerate(texts):
        para = resolve(text, original)
        cited = editorial.citations(para, original, f"recommendations_{key}[{i}]", cite=n.cite, notes=n.notes)
        subparas.append(EditorialParagraph(label=letter(i), text=para, notes=cited))
    return Subsection(key=key, letter=heading, paragraphs=[lead, *subparas])


def conclusions(n: Numbering) -> Chapter:
    chapters = n.config.chapters
    paragraphs: list[Paragraph] = list(n.editorial(chapters.conclusions, "chapters.conclusions"))
    subsections = []
    for key, texts in (("states", chapters.recommendations_states), ("system", chapters.recommendations_system)):
        if texts:
            subsections.append(_recommendations(n, key, chr(ord("A") + len(subsections)), list(texts)))
    return Chapter(number=7, key="conclusions", paragraphs=paragraphs, subsections=subsections)
