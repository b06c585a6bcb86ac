"""Counting: every number the report states, computed from the corpus, never typed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from gcm_report.aggregate.corpus import Item, Unit
from gcm_report.aggregate.model import Clustering, Counts, ObjectiveCount, Submitter
from gcm_report.schema.submission import CATEGORIES

REGIONS: tuple[str, ...] = ("002", "019", "142", "150", "009")
"""M49 regions in the order the annex shows them: Africa, Americas, Asia, Europe, Oceania."""

OTHER_REGION = "other"
"""The column of practices from organizations, which belong to no region."""


def cited(objectives: Iterable[int]) -> list[int]:
    """An item's objectives without repeats, primary first."""
    return list(dict.fromkeys(objectives))


def top_objectives(units: Iterable[Unit], limit: int = 3) -> list[ObjectiveCount]:
    """The objectives the items cite most, most cited first, ties by objective number."""
    tally: Counter[int] = Counter()
    for unit in units:
        tally.update(cited(unit[0].value.objectives))
    ranked = sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [ObjectiveCount(objective=o, count=n) for o, n in ranked]


def count(submitters: list[Submitter], items: list[Item], placed: list[tuple[Unit, str | None]],
          clustering: Clustering) -> Counts:
    """The corpus in numbers; `placed` pairs each practice with the group it is placed in (or None).

    A joint practice counts once, under its first actor's category and region."""
    by_objective = {o: {c: 0 for c in CATEGORIES} for o in range(1, 24)}
    for unit, _key in placed:
        for objective in cited(unit[0].value.objectives):
            by_objective[objective][unit[0].submitter.category] += 1
    by_area = {g.key: 0 for g in clustering.groups}
    by_area_region = {g.key: {r: 0 for r in (*REGIONS, OTHER_REGION)} for g in clustering.groups}
    for unit, key in placed:
        if key is None:
            continue
        by_area[key] += 1
        region = unit[0].submitter.region if unit[0].submitter.region in REGIONS else OTHER_REGION
        by_area_region[key][region] += 1
    regions = {r: 0 for r in REGIONS}
    for s in submitters:
        if s.region in regions:
            regions[s.region] += 1
    return Counts(
        submitters={c: sum(s.category == c for s in submitters) for c in CATEGORIES},
        member_states_by_region=regions,
        practices=len(placed),
        practice_submitters=len({i.submitter.id for unit, _key in placed for i in unit}),
        practices_by_area=by_area,
        practices_by_objective=by_objective,
        practices_by_area_region=by_area_region,
        arrangements=sum(i.kind == "arrangement" for i in items),
        measures=sum(i.kind == "measure" for i in items),
        support=sum(i.kind == "support" and i.submitter.category == "un-entity" for i in items),
        champions=sum(s.champion for s in submitters),
    )
