"""The compendium's content: every practice received, placed and ordered as chapter V places them.

The report's chapter V may come to cite a selection of the practices (it must keep within the
word limit); the compendium publishes all of them. So the list is made here from the corpus,
not from chapter V's paragraphs: groups of the clustering in order (practices that no group
holds, possible only with a custom clustering, last), within a group by primary objective,
then submitter order (category, English name, file), then file order, the order of chapter V.
A practice that chapter V cites keeps the number of its paragraph there, for a cross-reference.
"""

from __future__ import annotations

from gcm_report.aggregate.corpus import Unit, resolve, sources, submitter_order
from gcm_report.aggregate.model import Actor, Chapter, Clustering, ItemParagraph, Practice, SourceRef


def _order(unit: Unit) -> tuple[int, tuple[int, str, str], int]:
    first = unit[0]
    return (first.value.objectives[0], submitter_order(first.submitter), first.index)


def _practice(unit: Unit, area: str | None, paragraph: int | None) -> Practice:
    first = unit[0]
    value, lang = first.value, first.submitter.language
    refs: list[SourceRef] = []
    for item in unit:
        refs += [r for r in sources(list(item.value.sources), item.submitter.language) if r not in refs]
    return Practice(
        area=area,
        actors=[Actor(submitter=i.submitter.id, body=resolve(i.value.actor, i.submitter.language)) for i in unit],
        title=resolve(value.title, lang), text=resolve(value.summary, lang),
        objectives=list(dict.fromkeys(value.objectives)), principles=list(dict.fromkeys(value.principles)),
        sources=refs, joint=value.joint, traces=[i.trace for i in unit], paragraph=paragraph,
    )


def practices(placed: list[tuple[Unit, str | None]], clustering: Clustering, chapters: list[Chapter]) -> list[Practice]:
    """Every practice unit, in the compendium's order (see the module docstring)."""
    cited = {(p.traces[0].file, p.traces[0].line): p.number
             for chapter in chapters for s in chapter.subsections for p in s.paragraphs
             if isinstance(p, ItemParagraph) and p.kind == "practice"}
    rank = {g.key: i for i, g in enumerate(clustering.groups)}
    ordered = sorted(placed, key=lambda row: (rank.get(row[1], len(rank)) if row[1] else len(rank), _order(row[0])))
    return [_practice(unit, key, cited.get((unit[0].trace.file, unit[0].trace.line))) for unit, key in ordered]
