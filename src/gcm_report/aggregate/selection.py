"""Which practices the report's body cites in chapter V, and which it leaves to the compendium.

A General Assembly report has a word limit; the compendium (aggregate/compendium.py) publishes every
practice received. So chapter V cites, under each objective of each group of the clustering (a
*block*: thematic area B, objective 2), at most ``body.practices_per_objective`` practices, and one
sentence per block counts the others and gives their entries in the compendium.

Which practices, documented so that a drafter can predict it:

1. the practices ``body.featured`` names, in the order it names them, all of them;
2. then, up to the limit, the others in turn: each time the practice whose submitter chapter V has
   cited least so far (a joint practice: its most cited actor), ties going to the first in chapter V's
   order (Member States first, then intergovernmental organizations, United Nations entities and
   stakeholders, each by English name, then file order). Blocks are filled in reading order (groups A
   to E, objectives in number order), so the citations spread over the submitters instead of the
   first names of the alphabet taking every objective;
3. cited practices appear in that order (featured first, then the others in chapter V's order); the
   rest keep chapter V's order. The compendium lists each block's practices in the same order, cited
   first, so the practices a block leaves out are consecutive entries there, and the sentence gives
   them as one range.

With no featured practice and no block over the limit (the example draft), every practice is cited
in chapter V's order, as before there was a limit. The cost is linear in the practices (plus a heap
per block), so a corpus of thousands is selected in a fraction of a second.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby

from gcm_report.aggregate.corpus import Unit, submitter_order
from gcm_report.aggregate.model import Clustering, Note, Submitter
from gcm_report.schema.config import Body, Featured
from gcm_report.validate.rules import comparable


@dataclass(frozen=True)
class Block:
    """The practices placed in one group whose primary objective is `objective`, as chapter V cites them.

    ``first_entry`` is the compendium's number of the block's first practice (the compendium lists the
    blocks in this order, each with its cited practices first), so the practices the body leaves out are
    the entries ``first_entry + len(cited)`` to ``first_entry + len(cited) + len(omitted) - 1``."""

    area: str
    objective: int
    cited: list[Unit]
    omitted: list[Unit]
    first_entry: int

    @property
    def units(self) -> list[Unit]:
        """Every practice of the block, in the compendium's order."""
        return [*self.cited, *self.omitted]

    @property
    def omitted_entries(self) -> tuple[int, int]:
        """The first and last compendium entry of the practices the body leaves out."""
        first = self.first_entry + len(self.cited)
        return first, first + len(self.omitted) - 1


def chapter_order(unit: Unit) -> tuple[int, tuple[int, str, str], int]:
    """Chapter V's order: primary objective, then submitter order, then file order."""
    first = unit[0]
    objectives = first.value.objectives
    return (objectives[0] if objectives else 99, submitter_order(first.submitter), first.index)


def _names(s: Submitter) -> set[str]:
    """Every name a drafter may give a submitter in ``featured``: its key, code, entity, names."""
    found = [s.id, s.country or "", s.entity or "", s.sort_name, *s.name.values(), *s.short_name.values()]
    if s.id.startswith(("entity:", "name:")):
        found.append(s.id.split(":", 1)[1])
    return {comparable(name) for name in found if name}


def _featured(units: Iterable[Unit], featured: Sequence[Featured], notes: list[Note]) -> dict[int, int]:
    """id(unit) -> rank in ``featured`` of the practices it names; a warning for each name that matches none."""
    wanted: dict[str, list[int]] = {}
    for rank, entry in enumerate(featured):
        wanted.setdefault(comparable(entry.title), []).append(rank)
    found: dict[int, int] = {}
    matched: set[int] = set()
    for unit in units:
        for item in unit:
            for text in (item.value.title or {}).values():
                for rank in wanted.get(comparable(text), ()):
                    if comparable(featured[rank].submitter) in _names(item.submitter):
                        found[id(unit)] = min(rank, found.get(id(unit), rank))
                        matched.add(rank)
    for rank, entry in enumerate(featured):
        if rank not in matched:
            notes.append(Note(code="featured-not-found", severity="warning",
                              message=f"body.featured[{rank}] of the report configuration names no practice of "
                                      f"the corpus (submitter {entry.submitter!r}, title {entry.title!r}); check "
                                      f"both against practices.csv"))
    return found


def _pick(candidates: list[Unit], wanted: int, cited: Counter[str]) -> set[int]:
    """Positions in `candidates` of the `wanted` practices to cite (rule 2 of the module docstring);
    `cited` (times each submitter is cited in chapter V) is updated as they are picked.

    A lazy heap: a submitter's count only grows, so an entry whose count is stale goes back with the
    new one, and the first fresh entry popped is the least cited, earliest practice."""
    if wanted >= len(candidates):
        for unit in candidates:
            cited.update(i.submitter.id for i in unit)
        return set(range(len(candidates)))

    def weight(unit: Unit) -> int:
        return max(cited[i.submitter.id] for i in unit)

    heap = [(weight(u), position) for position, u in enumerate(candidates)]
    heapq.heapify(heap)
    chosen: set[int] = set()
    while len(chosen) < wanted:
        count, position = heapq.heappop(heap)
        now = weight(candidates[position])
        if now != count:
            heapq.heappush(heap, (now, position))
            continue
        chosen.add(position)
        cited.update(i.submitter.id for i in candidates[position])
    return chosen


def select(placed: list[tuple[Unit, str | None]], clustering: Clustering, body: Body,
           notes: list[Note]) -> list[Block]:
    """The blocks of chapter V in reading order (groups of the clustering, then objectives), each with
    the practices it cites and those it leaves to the compendium; see the module docstring."""
    rank = _featured((u for u, key in placed if key is not None), body.featured, notes) if body.featured else {}
    by_group: dict[str, list[Unit]] = {g.key: [] for g in clustering.groups}
    for unit, key in placed:
        if key is not None:
            by_group[key].append(unit)
    blocks: list[Block] = []
    cited: Counter[str] = Counter()
    entry = 1
    for group in clustering.groups:
        inside = sorted(by_group[group.key], key=chapter_order)
        for objective, members in groupby(inside, key=lambda u: u[0].value.objectives[0]):
            units = list(members)
            pinned = sorted((u for u in units if id(u) in rank), key=lambda u: rank[id(u)])
            for unit in pinned:
                cited.update(i.submitter.id for i in unit)
            others = [u for u in units if id(u) not in rank]
            picked = _pick(others, max(0, body.practices_per_objective - len(pinned)), cited)
            chosen = [u for p, u in enumerate(others) if p in picked]
            left = [u for p, u in enumerate(others) if p not in picked]
            blocks.append(Block(group.key, objective, pinned + chosen, left, entry))
            entry += len(units)
    return blocks
