"""What a language version of the draft shows in another language, by source: what still needs
translating.

Computed from the report model, so it counts exactly what the draft shows: the build prints it
per language, and each HTML draft lists it (on screen) for its language. A text counts once per
place it is shown from: a practice's title and summary, the actor named, the titles and
citations of its sources; the report's title, agenda items, editorial paragraphs and footnotes
(the configuration); the names an organization gives itself; an organization's or a group's
name from the reference data when that has no version in the language.
"""

from __future__ import annotations

from collections import Counter

from gcm_report.aggregate.model import ItemParagraph, Report, Text
from gcm_report.reference import Reference, load_reference

CONFIGURATION = "report.yaml"
"""The source named for the texts of the report's configuration."""
REFERENCE_ENTITIES = "reference: entities.yaml"
REFERENCE_CLUSTERINGS = "reference: clusterings.yaml"


def untranslated(report: Report, lang: str, reference: Reference | None = None) -> dict[str, int]:
    """Source (a submission file, the configuration, a reference table) -> texts the `lang`
    version shows in another language."""
    reference = reference or load_reference()
    counts: Counter[str] = Counter()

    def add(source: str, text: Text | None) -> None:
        if text and not text.get(lang):
            counts[source] += 1

    add(CONFIGURATION, report.title)
    for item in report.agenda_items:
        add(CONFIGURATION, item.title)
    for group in report.clustering.groups:
        add(REFERENCE_CLUSTERINGS, group.title)
    for footnote in report.footnotes:
        add(CONFIGURATION, footnote.text)
    files = {s.id: s.file for s in report.submitters}
    for submitter in report.submitters:
        if submitter.entity:
            add(REFERENCE_ENTITIES, reference.entities[submitter.entity].name)
        elif not submitter.country:
            add(submitter.file, submitter.name)
    for chapter in report.chapters:
        for paragraph in [*chapter.paragraphs, *(p for s in chapter.subsections for p in s.paragraphs)]:
            if paragraph.kind == "editorial":
                add(CONFIGURATION, paragraph.text)
            elif isinstance(paragraph, ItemParagraph):
                source = paragraph.traces[0].file
                add(source, paragraph.title)
                add(source, paragraph.text)
                for actor in paragraph.actors:
                    add(files.get(actor.submitter, source), actor.body)
                for number in paragraph.footnotes:
                    for ref in report.footnote(number).sources:
                        add(source, ref.title)
                        add(source, ref.citation)
    return dict(sorted(counts.items()))


def by_language(report: Report, languages: list[str], reference: Reference | None = None
                ) -> dict[str, dict[str, int]]:
    """:func:`untranslated` for each language that has something to translate."""
    out = {lang: untranslated(report, lang, reference) for lang in languages}
    return {lang: found for lang, found in out.items() if found}
