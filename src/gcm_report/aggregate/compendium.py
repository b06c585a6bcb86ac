"""The compendium's content: every practice received, placed and ordered as chapter V places them.

The report's chapter V cites a selection of the practices (it must keep within the word limit:
aggregate/selection.py); the compendium publishes all of them. So the list is made here from the
selection's blocks, which hold every placed practice: groups of the clustering in order, within a
group by primary objective, and under one objective the practices chapter V cites first, in its
order, then the others in chapter V's order (submitter order: category, English name, file; then
file order), so that the entries chapter V points to for the rest are consecutive. Practices that
no group holds (possible only with a custom clustering) come last. A practice that chapter V cites
keeps the number of its paragraph there, for a cross-reference.
"""

from __future__ import annotations

from gcm_report.aggregate.corpus import Unit, resolve, sources
from gcm_report.aggregate.model import Actor, Chapter, ItemParagraph, Practice, SourceRef
from gcm_report.aggregate.selection import Block, chapter_order


def _practice(unit: Unit, area: str | None, paragraph: int | None) -> Practice:
    """The compendium's copy of a practice. Built without validation (``model_construct``): every value
    comes from a validated submission, already of its type, and validating again the 60,000 practices
    (with their actors, sources and traces) of 5,000 submissions took about a second."""
    first = unit[0]
    value, lang = first.value, first.submitter.language
    refs: list[SourceRef] = []
    for item in unit:
        refs += [r for r in sources(list(item.value.sources), item.submitter.language) if r not in refs]
    return Practice.model_construct(
        area=area,
        actors=[Actor.model_construct(submitter=i.submitter.id, body=resolve(i.value.actor, i.submitter.language))
                for i in unit],
        title=resolve(value.title, lang), text=resolve(value.summary, lang),
        objectives=list(dict.fromkeys(value.objectives)), principles=list(dict.fromkeys(value.principles)),
        sources=refs, joint=value.joint, traces=[i.trace for i in unit], paragraph=paragraph,
    )


def practices(blocks: list[Block], placed: list[tuple[Unit, str | None]], chapters: list[Chapter]
              ) -> list[Practice]:
    """Every practice unit, in the compendium's order (see the module docstring)."""
    cited = {(p.traces[0].file, p.traces[0].line): p.number
             for chapter in chapters if chapter.key == "progress" for s in chapter.subsections for p in s.paragraphs
             if isinstance(p, ItemParagraph) and p.kind == "practice"}
    ordered = [(unit, block.area) for block in blocks for unit in block.units]
    ordered += [(unit, None) for unit in sorted((u for u, key in placed if key is None), key=chapter_order)]
    return [_practice(unit, key, cited.get((unit[0].trace.file, unit[0].trace.line))) for unit, key in ordered]
