"""Aggregation: validated submissions and the report configuration in, the report model out.

Pure functions: no file is read or written here and nothing is printed, so the
same corpus always gives the same model, and the model can be tested without a
browser or a file system. The chapters are built in reading order (see
:mod:`gcm_report.aggregate.chapters` for the documented orders).
"""

from __future__ import annotations

from collections.abc import Mapping

from gcm_report.aggregate.chapters import Numbering, conclusions, covid19, implementation, place, progress, support
from gcm_report.aggregate.corpus import FileRef, Item, gather, resolve, units
from gcm_report.aggregate.counts import count
from gcm_report.aggregate.model import (
    AgendaItem,
    Chapter,
    Clustering,
    Group,
    Note,
    Report,
    Text,
)
from gcm_report.reference import Reference, load_reference
from gcm_report.schema.config import ReportConfig, resolve_clustering
from gcm_report.validate.report import Loaded

__all__ = ["FileRef", "Report", "aggregate", "clustering_of"]


def clustering_of(config: ReportConfig) -> Clustering:
    """The configured clustering with its groups lettered A, B, C ... in order."""
    found = resolve_clustering(config)
    groups = [Group(key=g.key, letter=chr(ord("A") + i), title={k: e.text for k, e in sorted(g.title.items())},
                    objectives=list(g.objectives))
              for i, g in enumerate(found.groups)]
    return Clustering(key=found.key, title=dict(sorted(found.title.items())), groups=groups)


def _missing(items: list[Item], languages: list[str]) -> dict[str, dict[str, int]]:
    """Per output language and file: how many shown texts will appear in another language."""
    out: dict[str, dict[str, int]] = {}
    for lang in languages:
        per_file: dict[str, int] = {}
        for item in items:
            if item.kind == "support" and item.submitter.category != "un-entity":
                continue
            value = item.value
            texts: list[Text] = [resolve(value.summary, item.submitter.language)]
            title = getattr(value, "title", None)
            if title:
                texts.append(resolve(title, item.submitter.language))
            for source in value.sources:
                texts += [resolve(t, item.submitter.language) for t in (source.title, source.citation) if t]
            missing = sum(lang not in t for t in texts)
            if missing:
                per_file[item.trace.file] = per_file.get(item.trace.file, 0) + missing
        if per_file:
            out[lang] = dict(sorted(per_file.items()))
    return out


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
    chapters: list[Chapter] = [
        Chapter(number=1, key="introduction", paragraphs=list(n.editorial(config.chapters.introduction,
                                                                          "chapters.introduction"))),
        Chapter(number=2, key="meaning", paragraphs=list(n.editorial(config.chapters.meaning, "chapters.meaning"))),
        implementation(n, items, submitters),
        covid19(n, items),
        progress(n, placed, clustering),
        support(n, items),
        conclusions(n),
    ]
    return Report(
        symbol=config.symbol, session=config.session,
        agenda_items=[AgendaItem(number=a.number, title=resolve(a.title, config.original_language))
                      for a in config.agenda_items],
        date=config.date, original_language=config.original_language, reissued=config.reissued,
        note_verbale=config.cycle.note_verbale, job_number=config.job_number,
        title=resolve(config.title, config.original_language), languages=list(config.languages),
        clustering=clustering, submitters=submitters,
        counts=count(submitters, items, placed, clustering),
        chapters=chapters, footnotes=n.footnotes,
        missing_translations=_missing(items, list(config.languages)),
        notes=n.notes,
    )
