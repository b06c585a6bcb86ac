"""From validated submissions to submitters and items, with their traces and documented order.

Order (the same in every language version, so that paragraph numbers agree):
submitters by category (Member States, intergovernmental organizations, United
Nations entities, stakeholders), then by English name (case-insensitive), then file
name. Items of one submitter keep the order of their file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gcm_report.aggregate.model import SourceRef, Submitter, Text, Trace
from gcm_report.reference import Reference
from gcm_report.render.names import english_sort_name
from gcm_report.schema.submission import CATEGORIES, Source, Submission
from gcm_report.schema.types import ORIGINAL
from gcm_report.validate.report import Loaded
from gcm_report.validate.rules import submitter_key


@dataclass(frozen=True)
class FileRef:
    """How a submission file is shown (relative to its submissions folder) and linked (from the output)."""

    label: str
    href: str


@dataclass(frozen=True)
class Item:
    """One arrangement, measure, practice or support item, with who sent it and where it stands."""

    kind: str
    submitter: Submitter
    index: int
    value: Any
    trace: Trace


Unit = list[Item]
"""The items one paragraph is written from: one item, or every actor's item of a joint practice."""


def units(items: list[Item]) -> list[Unit]:
    """Practices grouped by their ``joint`` key (in documented order, each group at its first
    member's place); every other item alone."""
    out: list[Unit] = []
    joint: dict[str, Unit] = {}
    for item in items:
        key = getattr(item.value, "joint", None) if item.kind == "practice" else None
        if key is None:
            out.append([item])
        elif key in joint:
            joint[key].append(item)
        else:
            joint[key] = [item]
            out.append(joint[key])
    return out


def resolve(text: Mapping[str, str] | None, language: str) -> Text:
    """A schema text with ``und`` replaced by the language the submission was written in."""
    if not text:
        return {}
    out = {(language if key == ORIGINAL else key): value for key, value in text.items()}
    if ORIGINAL in text and language in text:
        out[language] = text[language]
    return dict(sorted(out.items()))


def sources(items: list[Source], language: str) -> list[SourceRef]:
    """A validated submission's sources for the model (not validated again: see compendium._practice)."""
    return [SourceRef.model_construct(url=s.url, title=resolve(s.title, language),
                                      citation=resolve(s.citation, language)) for s in items]


def category_rank(category: str) -> int:
    return CATEGORIES.index(category) if category in CATEGORIES else len(CATEGORIES)


def make_submitter(loaded: Loaded, label: str, reference: Reference) -> Submitter:
    sub: Submission = loaded.submission
    who = sub.submitter
    name = resolve(who.name, sub.language)
    impl = sub.implementation
    return Submitter(
        id=submitter_key(sub),
        category=who.category,
        country=who.country,
        region=reference.member_states.get(who.country) if who.country else None,
        entity=who.entity if who.entity in reference.entities else None,
        name=name,
        short_name=resolve(who.short_name, sub.language),
        sort_name=english_sort_name(country=who.country,
                                    entity=who.entity if who.entity in reference.entities else None,
                                    name=name, reference=reference),
        language=sub.language,
        file=label,
        champion=bool(impl and impl.champion and who.category == "member-state"),
        practices=len(sub.practices),
    )


def submitter_order(s: Submitter) -> tuple[int, str, str]:
    """Category order, then English name, then file: the order of every list of submitters."""
    return (category_rank(s.category), s.sort_name.casefold(), s.file)


def gather(loaded: list[Loaded], files: Mapping[str, FileRef], reference: Reference
           ) -> tuple[list[Submitter], list[Item]]:
    """Submitters in documented order, and every item of every submission in that order."""
    rows = []
    for entry in loaded:
        ref = files.get(entry.name) or FileRef(entry.name, entry.name)
        rows.append((make_submitter(entry, ref.label, reference), entry, ref))
    rows.sort(key=lambda row: submitter_order(row[0]))
    items: list[Item] = []
    for submitter, entry, ref in rows:
        sub = entry.submission
        lists = [("arrangement", "arrangements",
                  list(sub.implementation.arrangements) if sub.implementation else []),
                 ("measure", "covid19", list(sub.covid19)),
                 ("practice", "practices", list(sub.practices)),
                 ("support", "support", list(sub.support))]
        for kind, key, values in lists:
            for index, value in enumerate(values):
                line = entry.line(key, index)
                trace = Trace.model_construct(file=ref.label, line=line, href=f"{ref.href}#L{line}")
                items.append(Item(kind, submitter, index, value, trace))
    return [row[0] for row in rows], items
