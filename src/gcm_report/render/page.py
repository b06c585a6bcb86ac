"""What the templates call to word the model in one language: texts, names, numbers, labels.

A :class:`Page` is made per rendered document. Every method returns escaped
:class:`~markupsafe.Markup` or plain text (which Jinja escapes), so that no text
from a submission reaches the page unescaped. A text shown in another language than
the page's (no translation exists) is wrapped in an element with its ``lang`` and, when
its script runs the other way (English in the Arabic version, Arabic in the others), its
``dir``, so that it is isolated from the surrounding text (bidi).

Numbering, lettering and footnote calls follow the language's conventions
(:data:`gcm_report.render.i18n.CONVENTIONS`); the templates never test the language.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable

from markupsafe import Markup, escape

from gcm_report.aggregate.model import Chapter, Report, Submitter, Subsection, Text
from gcm_report.aggregate.translations import untranslated
from gcm_report.reference import Entry, Reference, load_reference
from gcm_report.render import i18n
from gcm_report.render.markdown import render_inline
from gcm_report.render.names import Localized, Mentions, country_name, entity_name, pick, region_name

_FINAL_PUNCTUATION = re.compile(r"([.;:!?…]+)$")
"""Punctuation a French, Spanish, Russian or Arabic footnote call goes before ("migrants1.")."""


def _in_lang(html: Markup | str, lang: str, page_lang: str, cls: str = "untranslated") -> Markup:
    if lang == page_lang:
        return Markup(escape(html))
    direction = i18n.direction(lang)
    if direction != i18n.direction(page_lang):
        return Markup('<span lang="{}" dir="{}" class="{}">{}</span>').format(lang, direction, cls, html)
    return Markup('<span lang="{}" class="{}">{}</span>').format(lang, cls, html)


class Page:
    """Wording helpers for one language version of one report."""

    def __init__(self, report: Report, lang: str, reference: Reference | None = None) -> None:
        self.report = report
        self.lang = lang
        self.dir = i18n.direction(lang)
        self.conventions = i18n.conventions(lang)
        self.reference = reference or load_reference()
        self.mentions = Mentions(lang, self.reference)
        self._submitters = {s.id: s for s in report.submitters}
        self._groups = {g.key: g for g in report.clustering.groups}
        self._called: set[str] = set()
        self.unofficial_used = False

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

    def text_lang(self, text: Text | None) -> str:
        """The language a text is shown in on this page (the page's, or the one it falls back to)."""
        found = pick(text or {}, self.lang)
        return found.lang if found is not None else self.lang

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

    @property
    def sp(self) -> str:
        """The space between a run-in title and its text, and before a bracket: none in Chinese."""
        return self.conventions.space

    # --- footnote calls --------------------------------------------------------------------
    def fn_label(self, footnote: int | str) -> str:
        """What a footnote's call and note show: 1, a; (1), (أ) in Arabic."""
        key = str(footnote)
        shown = key if key.isdigit() else i18n.subpara_letter(key, self.lang)
        return self.conventions.footnote_call.format(shown)

    def attach(self, text: Markup | str, calls: Markup | str, text_lang: str | None = None) -> Markup:
        """A sentence with its footnote calls, where the language of the sentence puts them:
        after the final punctuation in English and Chinese, before it in French, Spanish,
        Russian and Arabic. A sentence shown in another language keeps that language's rule."""
        text, calls = Markup(escape(text)), Markup(escape(calls))
        if not calls:
            return text
        lang = text_lang or self.lang
        if i18n.direction(lang) != self.dir and str(text).endswith("</span>"):
            # a sentence isolated in the other direction (English in the Arabic version): the call
            # goes inside the isolate, so that it follows the sentence's last word, not its start
            return Markup(str(text)[:-len("</span>")]) + calls + Markup("</span>")
        before = i18n.conventions(lang).call_before_punctuation
        match = _FINAL_PUNCTUATION.search(str(text)) if before else None
        if match is None:
            return text + calls
        return Markup(str(text)[:match.start()]) + calls + Markup(match.group(1))

    # --- numbers, dates, lists -------------------------------------------------------------
    def num(self, value: int) -> str:
        return i18n.format_number(value, self.lang)

    def date(self, value: dt.date) -> str:
        return i18n.format_date(value, self.lang)

    def join(self, items: Iterable[Markup | str]) -> Markup:
        """Items joined as the language joins them ("a, b and c", "a、b和c"), each escaped."""
        return Markup(i18n.format_list([str(escape(i)) for i in items], self.lang))

    def numeral(self, number: int) -> str:
        """Chapter numeral, as a reference names it: IV / 四 / رابعا."""
        return i18n.chapter_numeral(number, self.lang)

    def annex_numeral(self, number: int) -> str:
        """Annex numeral: II / 二 / الثاني."""
        return i18n.annex_numeral(number, self.lang)

    def numbered(self, label: int | str) -> str:
        """A number or letter as a heading or paragraph prints it: "IV." "A." "12." / "رابعا -" "ألف -" "12 -"."""
        return f"{label}{self.conventions.number_suffix}"

    def chapter_label(self, number: int) -> str:
        return self.numbered(self.numeral(number))

    def section_label(self, letter: str) -> str:
        return self.numbered(i18n.section_letter(letter, self.lang))

    def subpara_label(self, label: str) -> str:
        """(a) / a) / (أ)."""
        return self.conventions.subpara_label.format(i18n.subpara_letter(label, self.lang))

    def session(self) -> str:
        return i18n.session_ordinal(self.report.session, self.lang)

    def job_number(self) -> str:
        """20-13940 (E) / (C) / (A) ..."""
        return f"{self.report.job_number} ({self.conventions.job_letter})"

    # --- official and working texts ----------------------------------------------------------
    def _official(self, text: Text, official: Iterable[str]) -> Markup:
        """A title from the reference data; a working translation of an official text (one that is
        official in some other language but not in this one) is marked, see :meth:`unofficial_mark`."""
        official = set(official)
        found = pick(text, self.lang)
        shown = self.show(text)
        if found is not None and found.lang == self.lang and official and self.lang not in official:
            return shown + self.unofficial_mark()
        return shown

    def unofficial_mark(self) -> Markup:
        """The dagger after a working translation, linking to the note that explains it."""
        self.unofficial_used = True
        return Markup('<a class="unofficial-mark" href="#unofficial-note">†</a>')

    def group_title(self, key: str) -> Markup:
        """A group of the clustering (a thematic area of chapter V): A. / ألف - and its title."""
        group = self._groups[key]
        return self._official(group.title, group.official)

    def subsection_title(self, subsection: Subsection) -> Markup:
        """A subsection's title from the data: a group of the clustering (marked when a working
        translation), else the title as it is."""
        if subsection.key in self._groups and subsection.letter is not None:
            return self.group_title(subsection.key)
        return self.show(subsection.title)

    def entries(self, entries: dict[str, Entry]) -> Markup:
        """An objective or guiding principle's full title, marked when it is a working translation."""
        return self._official({k: e.text for k, e in entries.items()},
                              [k for k, e in entries.items() if e.official])

    def objectives_list(self) -> list[tuple[int, Markup]]:
        return [(n, self.entries(o.title)) for n, o in sorted(self.reference.objectives.items())]

    def principles_list(self) -> list[tuple[str, Markup]]:
        return [(p.letter, self.entries(p.title)) for p in self.reference.principles.values()]

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

    def untranslated(self) -> list[tuple[str, int]]:
        """What this version shows in another language, by source (see aggregate.translations)."""
        found = self.report.missing_translations.get(self.lang) if self.lang in self.report.languages else None
        if found is None:
            found = untranslated(self.report, self.lang, self.reference)
        return sorted(found.items())
