"""Aggregation: validated submissions and the report configuration in, the report model out.

Pure functions: no file is read or written here and nothing is printed, so the
same corpus always gives the same model, and the model can be tested without a
browser or a file system. The chapters are built in reading order (see
:mod:`gcm_report.aggregate.chapters` for the documented orders).
"""

from __future__ import annotations

from collections.abc import Mapping

from gcm_report.aggregate.chapters import Numbering, conclusions, covid19, implementation, place, progress, support
from gcm_report.aggregate.compendium import practices
from gcm_report.aggregate.corpus import FileRef, gather, resolve, units
from gcm_report.aggregate.counts import count
from gcm_report.aggregate.model import (
    AgendaItem,
    Chapter,
    Clustering,
    Group,
    Note,
    Report,
)
from gcm_report.aggregate.selection import select
from gcm_report.aggregate.translations import by_language
from gcm_report.reference import Reference, load_reference
from gcm_report.schema.config import ReportConfig, resolve_clustering
from gcm_report.validate.report import Loaded

__all__ = ["FileRef", "Report", "aggregate", "clustering_of"]


def clustering_of(config: ReportConfig) -> Clustering:
    """The configured clustering with its groups lettered A, B, C ... in order."""
    found = resolve_clustering(config)
    groups = [Group(key=g.key, letter=chr(ord("A") + i), title={k: e.text for k, e in sorted(g.title.items())},
                    official=sorted(k for k, e in g.title.items() if e.official), objectives=list(g.objectives))
              for i, g in enumerate(found.groups)]
    return Clustering(key=found.key, title=dict(sorted(found.title.items())), groups=groups)


def aggregate(loaded: list[Loaded], config: ReportConfig, files: Mapping[str, FileRef] | None = None,
              reference: Reference | None = None) -> Report:
    """The whole report model, chapters I to VII numbered in reading order.

    `files` says how each submission file (by the name validation gave it) is shown
    and linked in the draft; without it, names are used as they are.
    """
    reference = reference or load_reference()
    clustering = clustering_of(config)
    submitters, items = gather(loaded, files or {}, reference)
    placed = [(unit, place(unit, clustering)) for unit in units([i for i in items if i.kind == "practice"])]
    n = Numbering(config)
    for unit, key in placed:
        first = unit[0]
        if key is None:
            n.notes.append(Note(code="practice-not-placed", severity="warning", file=first.trace.file,
                                message=f"{first.trace.file}:{first.trace.line}: no group of the clustering "
                                        f"holds objective {first.value.objectives[0]}; the practice is left out"))
        if first.value.joint is not None and len(unit) == 1:
            n.notes.append(Note(code="joint-alone", severity="info", file=first.trace.file,
                                message=f"{first.trace.file}:{first.trace.line}: joint practice "
                                        f"{first.value.joint!r} has no partner submission in this corpus"))
    blocks = select(placed, clustering, config.body, n.notes)  # what chapter V cites, what it leaves out
    chapters: list[Chapter] = [
        Chapter(number=1, key="introduction", paragraphs=list(n.editorial(config.chapters.introduction,
                                                                          "chapters.introduction"))),
        Chapter(number=2, key="meaning", paragraphs=list(n.editorial(config.chapters.meaning, "chapters.meaning"))),
        implementation(n, items, submitters),
        covid19(n, items),
        progress(n, blocks, clustering),
        support(n, items),
        conclusions(n),
    ]
    report = Report(
        symbol=config.symbol, session=config.session,
        agenda_items=[AgendaItem(number=a.number, title=resolve(a.title, config.original_language))
                      for a in config.agenda_items],
        date=config.date, original_language=config.original_language, reissued=config.reissued,
        note_verbale=config.cycle.note_verbale, job_number=config.job_number,
        title=resolve(config.title, config.original_language), languages=list(config.languages),
        clustering=clustering, submitters=submitters,
        counts=count(submitters, items, placed, clustering),
        chapters=chapters, footnotes=n.footnotes,
        notes=n.notes, practices=practices(blocks, placed, chapters),
    )
    return report.model_copy(update={"missing_translations": by_language(report, list(config.languages),
                                                                          reference)})
