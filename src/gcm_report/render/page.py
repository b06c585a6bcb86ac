"""What the templates call to word the model in one language: texts, names, numbers.

A :class:`Page` is made per rendered document. Every method returns escaped
:class:`~markupsafe.Markup` or plain text (which Jinja escapes), so that no text
from a submission reaches the page unescaped. A text shown in another language than
the page's (no translation exists) is wrapped in an element with its ``lang``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from markupsafe import Markup, escape

from gcm_report.aggregate.model import Chapter, Report, Submitter, Text
from gcm_report.reference import Reference, load_reference
from gcm_report.render import i18n
from gcm_report.render.markdown import render_inline
from gcm_report.render.names import Localized, Mentions, country_name, entity_name, pick, region_name


def _in_lang(html: Markup | str, lang: str, page_lang: str, cls: str = "untranslated") -> Markup:
    if lang == page_lang:
        return Markup(escape(html))
    return Markup('<span lang="{}" class="{}">{}</span>').format(lang, cls, html)


class Page:
    """Wording helpers for one language version of one report."""

    def __init__(self, report: Report, lang: str, reference: Reference | None = None) -> None:
        self.report = report
        self.lang = lang
        self.dir = i18n.direction(lang)
        self.reference = reference or load_reference()
        self.mentions = Mentions(lang, self.reference)
        self._submitters = {s.id: s for s in report.submitters}
        self._called: set[str] = set()

    # --- texts -----------------------------------------------------------------------------
    def show(self, text: Text | Localized | None) -> Markup:
        """A plain text in the page's language, or in the language it has, marked with ``lang``."""
        found = text if isinstance(text, Localized) else pick(text or {}, self.lang)
        if found is None:
            return Markup("")
        return _in_lang(escape(found.text), found.lang, self.lang)

    def plain(self, text: Text) -> str:
        """Text only, for places that cannot hold markup (the page's <title>)."""
        found = pick(text, self.lang)
        return found.text if found is not None else ""

    def md(self, text: Text, notes: dict[str, int] | None = None,
           call: Callable[[int], Markup] | None = None) -> Markup:
        """A Markdown text as inline HTML; ``[^key]`` becomes the numbered footnote call."""
        found = pick(text, self.lang)
        if found is None:
            return Markup("")
        lookup = notes or {}

        def footnote(key: str) -> Markup | None:
            return call(lookup[key]) if call is not None and key in lookup else None

        return _in_lang(render_inline(found.text, footnote), found.lang, self.lang)

    # --- numbers, dates, lists -------------------------------------------------------------
    def num(self, value: int) -> str:
        return i18n.format_number(value, self.lang)

    def date(self, value: dt.date) -> str:
        return i18n.format_date(value, self.lang)

    def join(self, items: Iterable[Markup | str]) -> Markup:
        """Items joined as the language joins them ("a, b and c", "a、b和c"), each escaped."""
        return Markup(i18n.format_list([str(escape(i)) for i in items], self.lang))

    def numeral(self, number: int) -> str:
        """Chapter numeral: IV / 四."""
        return i18n.chapter_numeral(number, self.lang)

    def roman(self, number: int) -> str:
        return i18n.roman(number) if self.lang != "zh" else i18n.chinese_numeral(number)

    def session(self) -> str:
        return i18n.session_ordinal(self.report.session, self.lang)

    # --- names -----------------------------------------------------------------------------
    def submitter(self, key: str) -> Markup:
        """A submitter named in running text (abbreviation after the first mention)."""
        s = self._submitters[key]
        if s.country:
            return self.show(self.mentions.country(s.country))
        if s.entity:
            return self.show(self.mentions.entity(s.entity))
        return self.show(self.mentions.named(s.id, s.name, s.short_name))

    def names_submitter(self, body: Text, key: str) -> bool:
        """Whether an actor's name already names its submitter (肯尼亚国家人权委员会 names 肯尼亚)."""
        found = pick(body, self.lang)
        s = self._submitters[key]
        if found is None:
            return False
        if s.country:
            names = {country_name(s.country, self.lang, reference=self.reference),
                     country_name(s.country, self.lang, short=True, reference=self.reference)}
        elif s.entity:
            entity = self.reference.entities[s.entity]
            names = {*entity.name.values(), *entity.short.values()}
        else:
            names = {*s.name.values(), *s.short_name.values()}
        return any(name and name in found.text for name in names)

    def full_name(self, s: Submitter) -> Markup:
        """A submitter's full name, as lists give it."""
        if s.country:
            return self.show(Localized(country_name(s.country, self.lang, reference=self.reference), self.lang))
        if s.entity:
            return self.show(entity_name(s.entity, self.lang, reference=self.reference))
        return self.show(s.name)

    def country(self, code: str) -> str:
        return country_name(code, self.lang, reference=self.reference)

    def region(self, m49: str) -> str:
        return region_name(m49, self.lang)

    def objective(self, number: int) -> Markup:
        """An objective's short label (a working label in every language)."""
        short = self.reference.objectives[number].short
        return self.show(short)

    def category(self, key: str) -> str:
        """A submitter category's plural name: Member States / 会员国."""
        names = self.reference.categories[key].plural
        return names.get(self.lang) or names["en"]

    def category_count(self, key: str, count: int) -> str:
        """"54 Member States" / "54 个会员国", from the reference's count phrases."""
        category = self.reference.categories[key]
        if count == 1 and self.lang in ("en", "fr", "es"):
            return f"{self.num(count)} {category.singular[self.lang]}"
        phrase = category.count_phrase.get(self.lang) or category.count_phrase["en"]
        return phrase.replace("{n}", self.num(count))

    def countries(self, codes: list[str]) -> Markup:
        """A list of States, as footnote 17 of the seed lists the champions."""
        return self.join(self.country(code) for code in codes)

    def citation(self, text: Text) -> Markup:
        """A printed source, without its final full stop (the footnote adds one)."""
        found = pick(text, self.lang)
        if found is None:
            return Markup("")
        return self.show(Localized(found.text.rstrip(" .。"), found.lang))

    # --- structure -------------------------------------------------------------------------
    def first_call(self, footnote: int | str) -> bool:
        """True the first time a footnote is called: only that call carries the id to link back to."""
        key = str(footnote)
        if key in self._called:
            return False
        self._called.add(key)
        return True

    def column_total(self, region: str) -> int:
        """Practices from one region (or 'other') over every group: the total row of annex III."""
        return sum(row[region] for row in self.report.counts.practices_by_area_region.values())

    def chapter_footnotes(self, chapter: Chapter) -> list[int]:
        """The footnotes a chapter calls, in order: its end-of-chapter list on screen."""
        numbers: list[int] = []
        paragraphs = list(chapter.paragraphs) + [p for s in chapter.subsections for p in s.paragraphs]
        for p in paragraphs:
            if p.kind == "editorial":
                numbers += list(p.notes.values())
            else:
                numbers += list(p.footnotes)
        return sorted(dict.fromkeys(numbers))
