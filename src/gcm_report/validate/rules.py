"""Rules that a schema cannot express: within one submission, and across submissions."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from gcm_report.load.yaml_source import Source
from gcm_report.reference import load_reference
from gcm_report.schema.config import ReportConfig, resolve_clustering
from gcm_report.schema.submission import Submission
from gcm_report.schema.types import ORIGINAL, closest
from gcm_report.diagnostics import MAX_PROBLEMS, Diagnostic, left_out, make
from gcm_report.validate.locate import position

ITEM_LISTS = ("covid19", "practices", "support")


def comparable(text: str) -> str:
    """Text as compared for "the same": NFKC, case-folded, spaces collapsed, and invisible format
    characters (zero-width space and joiners, direction marks, soft hyphen) left out."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join("".join(c for c in folded if unicodedata.category(c) != "Cf").split())


def _at(tree: Any, source: Source, loc: tuple[Any, ...], code: str, key: bool = False, **ctx: Any) -> Diagnostic:
    line, col = position(tree, loc, key=key)
    return make(code, source.name, line, col, source_line=source.line(line), **ctx)


def submitter_key(sub: Submission) -> str:
    """Who a submission is from, for "the same submitter twice"."""
    s = sub.submitter
    if s.country:
        return s.country
    if s.entity:
        return "entity:" + s.entity.upper()
    names = s.name or {}
    return "name:" + comparable(names.get("en") or next(iter(names.values()), ""))


def _texts(value: Any) -> Iterator[dict[str, str]]:
    """Every localized text in a submission, however deep."""
    if isinstance(value, dict):
        if value and all(isinstance(v, str) for v in value.values()):
            yield value
        return
    if isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name))


def check_submission(sub: Submission, tree: Any, source: Source, config: ReportConfig | None) -> list[Diagnostic]:
    """Rules within one submission: duplicates, areas, cycle, organization keys, translations."""
    out: list[Diagnostic] = []
    out += _duplicate_titles(sub, tree, source)
    out += _duplicate_objectives(sub, tree, source)
    out += _areas(sub, tree, source, config)
    if config is not None:
        cycle = config.cycle
        if sub.cycle != cycle.year:
            out.append(_at(tree, source, ("cycle",), "cycle-mismatch", found=sub.cycle, expected=cycle.year))
        if sub.submitted and not cycle.start <= sub.submitted <= cycle.end:
            out.append(_at(tree, source, ("submitted",), "date-outside-cycle", found=sub.submitted.isoformat(),
                           expected=f"{cycle.start.isoformat()} to {cycle.end.isoformat()}"))
    entity = sub.submitter.entity
    entities = load_reference().entities
    if entity is not None and entity not in entities:
        out.append(_at(tree, source, ("submitter", "entity"), "unknown-entity", found=entity,
                       expected=", ".join(sorted(entities)[:12]) + ", ...",
                       suggestion=closest(entity, sorted(entities))))
    out += _translations(sub, tree, source, config)
    return out


def _duplicate_titles(sub: Submission, tree: Any, source: Source) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    more = 0
    seen: dict[tuple[str, str], int] = {}
    for i, practice in enumerate(sub.practices):
        hit = None
        for lang, text in practice.title.items():
            key = (lang, comparable(text))
            if key in seen and hit is None:
                hit = (text, seen[key])
            seen.setdefault(key, i)
        if hit is not None and len(out) >= MAX_PROBLEMS:
            more += 1
        elif hit is not None:
            first_line, _ = position(tree, ("practices", hit[1], "title"))
            out.append(_at(tree, source, ("practices", i, "title"), "duplicate-practice-title",
                           found=hit[0], first=first_line))
    return out + left_out(source.name, more, len(out), "error")


def _duplicate_objectives(sub: Submission, tree: Any, source: Source) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    more = 0
    for kind in ITEM_LISTS:
        for i, item in enumerate(getattr(sub, kind)):
            seen: set[int] = set()
            for j, number in enumerate(item.objectives):
                if number in seen and len(out) >= MAX_PROBLEMS:
                    more += 1
                elif number in seen:
                    out.append(_at(tree, source, (kind, i, "objectives", j), "duplicate-objective", found=number))
                seen.add(number)
    return out + left_out(source.name, more, len(out), "warning")


def _areas(sub: Submission, tree: Any, source: Source, config: ReportConfig | None) -> list[Diagnostic]:
    """`area` names a thematic area: checked against the report's clustering when it uses those keys.

    A report grouped another way (the 2022 round tables) ignores thematic areas,
    so a submission that names one stays valid for it.
    """
    clustering = resolve_clustering(config)
    areas = load_reference().clusterings["thematic-areas"]
    keys = [g.key for g in clustering.groups]
    known = keys + [g.key for g in areas.groups if g.key not in keys]
    out: list[Diagnostic] = []
    skipped: list[str] = []  # severities of the problems past the limit
    for i, practice in enumerate(sub.practices):
        primary = practice.objectives[0]
        holders = [g.key for g in clustering.groups_of(primary)]
        if practice.area is not None:
            judge = clustering if practice.area in keys else areas
            if practice.area not in known and len(out) >= MAX_PROBLEMS:
                skipped.append("error")
            elif practice.area not in known:
                out.append(_at(tree, source, ("practices", i, "area"), "unknown-area", found=practice.area,
                               expected=", ".join(known), suggestion=closest(practice.area, known)))
            elif not any(practice.area in (g.key for g in judge.groups_of(n)) for n in practice.objectives):
                if len(out) >= MAX_PROBLEMS:
                    skipped.append("error")
                    continue
                out.append(_at(tree, source, ("practices", i, "area"), "area-mismatch", found=practice.area,
                               name=", ".join(map(str, practice.objectives)),
                               expected=", ".join(g.key for g in judge.groups_of(primary)) or "no area"))
        elif len(holders) > 1 and len(out) >= MAX_PROBLEMS:
            skipped.append("info")
        elif len(holders) > 1:
            out.append(_at(tree, source, ("practices", i, "objectives", 0), "area-ambiguous", found=primary,
                           expected=" and ".join(holders), name=holders[0]))
    return out + left_out(source.name, len(skipped), len(out), "error" if "error" in skipped else "info")


def _is_name_key(text: dict[str, str]) -> bool:
    """A partner written as a key (IOM, KEN) is a name the draft looks up, not text to translate."""
    value = text.get(ORIGINAL)
    reference = load_reference()
    return len(text) == 1 and value is not None and (value in reference.entities or value in reference.member_states)


def _translations(sub: Submission, tree: Any, source: Source, config: ReportConfig | None) -> list[Diagnostic]:
    wanted = list(config.languages) if config is not None else ["zh", "en"]
    out: list[Diagnostic] = []
    texts = [t for t in _texts(sub) if not _is_name_key(t)]
    for lang in wanted:
        count = sum(1 for t in texts if lang not in t and not (ORIGINAL in t and sub.language == lang))
        if count:
            out.append(make("missing-translation", source.name, None, None, count=count, expected=lang))
    return out


def check_across(results: list[Any]) -> list[Diagnostic]:
    """Rules across files: one submission per submitter (reported on the later file, in file order)."""
    out: list[Diagnostic] = []
    first: dict[str, str] = {}
    for result in results:
        sub = result.submission
        if sub is None:
            continue
        key = submitter_key(sub)
        if key in first:
            who = sub.submitter.country or sub.submitter.entity or key.split(":", 1)[1]
            line = result.lines.get("submitter")
            out.append(make("duplicate-submitter", result.name, line, 1 if line else None,
                            source_line=result.submitter_source, found=who, first=first[key]))
        else:
            first[key] = result.name
    return out + _lonely_joints(results)


def _lonely_joints(results: list[Any]) -> list[Diagnostic]:
    """A `joint` key names one practice in several submitters' files; alone, it is a typo or a missing file."""
    seen: dict[str, list[tuple[Any, int]]] = {}
    for result in results:
        if result.submission is None:
            continue
        for i, practice in enumerate(result.submission.practices):
            if practice.joint:
                seen.setdefault(practice.joint, []).append((result, i))
    out = []
    for key, places in seen.items():
        if len({r.name for r, _ in places}) == 1:
            result, i = places[0]
            line = result.lines.get(f"practices.{i}")
            out.append(make("joint-alone", result.name, line, None, found=key))
    return out
