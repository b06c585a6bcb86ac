"""The compendium: every practice received, as its own document, in the layout of the report.

The report's body has a word limit (:mod:`gcm_report.render.words`); the compendium has none and
publishes every practice of the model (``Report.practices``, made by
:mod:`gcm_report.aggregate.compendium`): grouped by the clustering's groups (thematic areas A to E)
and, within each, by primary objective, each practice numbered, with who reported it, its summary
(Markdown, escaped like the report's), objectives, guiding principles, sources, the paragraph of
the report that cites it, and its trace to the submission's file and line.

It is issued as a companion to the report, not as an addendum: a title page with the masthead's
layout names it "Compendium" and refers to the report's symbol, which the running heads repeat.
Its table of contents links every group (the PDF prints their page numbers, print.css).

The grouping is done here, once, in one pass over the ordered practices (linear in their number),
so that the template only prints: thousands of practices render in seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from markupsafe import Markup, escape

from gcm_report.aggregate.model import Practice, Report
from gcm_report.render import i18n
from gcm_report.render.html import environment, stylesheet, theme_dir
from gcm_report.render.page import Page

TEMPLATE = "compendium.html.j2"


@dataclass(frozen=True)
class Entry:
    """A practice with its number in the compendium (1, 2, ... through the document)."""

    number: int
    practice: Practice

    @property
    def id(self) -> str:
        return f"practice-{self.number}"


@dataclass
class ObjectiveGroup:
    """The practices of one group whose primary objective is `objective`."""

    id: str
    objective: int
    entries: list[Entry] = field(default_factory=list)


@dataclass
class AreaGroup:
    """A group of the clustering (thematic area), or the practices no group holds (key None)."""

    id: str
    key: str | None
    letter: str | None
    objectives: list[ObjectiveGroup] = field(default_factory=list)


def groups(report: Report) -> list[AreaGroup]:
    """Every group of the clustering in order (empty ones too: the reader sees that nothing came),
    then, if any, the practices no group holds; within each, one group per primary objective.
    One pass: ``Report.practices`` is already in this order (aggregate/compendium.py)."""
    areas = [AreaGroup(id=f"area-{g.letter}", key=g.key, letter=g.letter) for g in report.clustering.groups]
    by_key = {a.key: a for a in areas}
    number = 0
    for key, inside in groupby(report.practices, key=lambda p: p.area):
        area = by_key.get(key)
        if area is None:
            area = by_key[None] = AreaGroup(id="area-other", key=None, letter=None)
            areas.append(area)
        for objective, practices in groupby(inside, key=lambda p: p.objectives[0]):
            group = ObjectiveGroup(id=f"{area.id}-objective-{objective}", objective=objective)
            for practice in practices:
                number += 1
                group.entries.append(Entry(number, practice))
            area.objectives.append(group)
    return areas


class CompendiumPage(Page):
    """The report's wording helpers, and what a compendium entry names besides.

    Thousands of entries name the same few objectives, principles and submitters, and join the
    same lists: those are worded once per page and remembered (a list's wording asks Babel for the
    locale's patterns, the costliest step of an entry)."""

    def __init__(self, report: Report, lang: str) -> None:
        super().__init__(report, lang)
        self._memo: dict[tuple[str, object], Markup] = {}

    def _once(self, key: tuple[str, object], make: Callable[[], Markup]) -> Markup:
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = make()
        return found

    def join(self, items: Iterable[Markup | str]) -> Markup:
        listed = tuple(str(escape(i)) for i in items)
        return self._once(("join", listed), lambda: super(CompendiumPage, self).join(map(Markup, listed)))

    def objective(self, number: int) -> Markup:
        return self._once(("objective", number), lambda: super(CompendiumPage, self).objective(number))

    def category_singular(self, key: str) -> str:
        """A submitter's category, for one submitter: Member State / 会员国."""
        names = self.reference.categories[key].singular
        return names.get(self.lang) or names["en"]

    def submitter_of(self, key: str) -> tuple[Markup, str]:
        """A submitter's full name and category (the compendium names every submitter in full)."""
        s = self._submitters[key]
        return self._once(("name", key), lambda: self.full_name(s)), self.category_singular(s.category)

    def principle(self, key: str) -> Markup:
        """A guiding principle's title, marked when a working translation."""
        return self._once(("principle", key), lambda: self.entries(self.reference.principles[key].title))

    def principle_label(self, key: str) -> str:
        return self.subpara_label(self.reference.principles[key].letter)

    def group_name(self, key: str) -> Markup:
        """A group's title without the mark of a working translation (the table of contents' links)."""
        return self.show(self._groups[key].title)

    def objective_title(self, number: int) -> Markup:
        """An objective's full title (a group heading), marked when a working translation."""
        return self.entries(self.reference.objectives[number].title)


def render_compendium_html(model: Report, lang: str, theme: Path | None = None) -> str:
    """The compendium in one language, as a complete, self-contained HTML document."""
    folder = theme or theme_dir()
    env = environment(folder)
    env.install_gettext_translations(i18n.translations(folder, lang), newstyle=True)  # type: ignore[attr-defined]
    page = CompendiumPage(model, lang)
    submitters = {actor.submitter for p in model.practices for actor in p.actors}
    return env.get_template(TEMPLATE).render(
        report=model, page=page, lang=lang, dir=page.dir, css=stylesheet(folder), areas=groups(model),
        practices=len(model.practices), submitters=len(submitters),
    )
