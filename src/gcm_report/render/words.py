"""The word limit: how many words the report body has, and where it passes the limit.

A report of the Secretariat is limited to a number of words (8,500, DGACM), and the limit is
defined on the English text, so the count is made on the English version, rendered in memory
whatever languages the build writes: the very words a reader of that version sees, the
boilerplate of the theme (fact paragraphs, run-ins, headings) as much as the submissions' texts.

What counts, as DGACM counts a report (the whole body with its footnotes, not the masthead nor
the annexes):

* counted: the title and "Report of the Secretary-General", the summary and its footnote,
  chapters I to VII with their headings, paragraphs, sub-paragraphs and footnotes (each footnote
  once, where it is called), the asterisk note;
* not counted: the masthead, the session and agenda items, the job number, the annexes, and
  what is not printed (traceability links, the per-chapter footnote lists shown on screen, the
  translation status); nor paragraph numbers, sub-paragraph labels, chapter numerals and
  section letters, and footnote calls, which a word processor numbers automatically.

A word is a run of characters between spaces that holds at least one letter or digit ("360-degree",
"A/75/542", "COVID-19" and a web address are one word each; a dash standing alone is none). A text
shown untranslated in the English version in Chinese or Japanese, which writes no spaces, counts
:data:`CJK_CHARS_PER_WORD` characters as one word (the usual ratio of a Chinese translation's
characters to the English words it renders); Korean is written with spaces and counted as words.

The page is walked with the standard library's HTML parser, by the classes the templates give
(``section.chapter``, ``p.para``, ``.fn-body`` ...), so the count follows the document's structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from gcm_report.aggregate.model import Note

CJK_CHARS_PER_WORD = 1.7
"""Chinese characters (and Japanese kana) per English word, to count a text shown untranslated."""

SKIPPED_CLASSES = frozenset({
    "masthead", "session", "agenda", "job-number", "annex", "screen-only", "footnotes", "trace", "fn-call",
    "fn-back", "para-num", "subpara-label", "chapter-num", "subsection-letter", "note-mark", "unofficial-mark",
})
"""Elements whose words do not count: unprinted, automatic numbering, or outside the body."""

BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "caption", "figcaption", "section",
                    "div", "br"})
SPACED_CLASSES = frozenset({"fn-body"})
"""Inline elements that are separate text (a footnote's body follows its call without a space)."""

VOID = frozenset({"br", "meta", "link", "img", "hr", "input", "wbr", "col", "area", "base", "source", "embed",
                  "track"})


_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def count_words(text: str) -> float:
    """The words of a text by the rules above; fractional when it holds Chinese characters."""
    cjk = len(_CJK.findall(text))
    if cjk:
        text = _CJK.sub(" ", text)
    return sum(1 for token in text.split() if _LETTER_OR_DIGIT.search(token)) + cjk / CJK_CHARS_PER_WORD


@dataclass(frozen=True)
class Place:
    """Where a block of the body stands: its part (title, summary, chapter), its chapter's and
    section's headings and its paragraph."""

    part: str = "title"
    chapter: str = ""
    section: str = ""
    paragraph: int | None = None


@dataclass(frozen=True)
class WordCount:
    """The body's words, and the place where the running count first passes the limit (None: within)."""

    words: int
    limit: int
    overflow: Place | None = None


class _Walker(HTMLParser):
    """Collects (place, text) of the counted body, one entry per block, in reading order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool, bool]] = []  # tag, skipped, spaced, muted
        self.skip = 0
        self.in_main = False
        self.place = Place()
        self.heading: list[str] | None = None
        self.heading_tag = ""
        self.mute = 0  # inside a heading, a mark that is not part of its title (the † of a working translation)
        self.blocks: list[tuple[Place, list[str]]] = [(self.place, [])]

    def _new_block(self) -> None:
        if self.blocks[-1][1]:
            self.blocks.append((self.place, []))
        else:
            self.blocks[-1] = (self.place, [])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        if tag == "main":
            self.in_main = True
        skipped = bool(classes & SKIPPED_CLASSES)
        spaced = tag in BLOCKS or bool(classes & SPACED_CLASSES)
        if not self.skip and self.in_main:
            if tag == "p" and "para" in classes and (values.get("id") or "").startswith("para-"):
                self.place = Place(self.place.part, self.place.chapter, self.place.section,
                                   int((values["id"] or "")[5:]))
                self._new_block()
            elif tag == "section" and classes & {"summary", "chapter"}:
                self.place = Place("summary" if "summary" in classes else "chapter")
                self._new_block()
            elif tag in ("h2", "h3"):
                self.heading, self.heading_tag = [], tag
                self._new_block()  # a heading's words stand at the place it opens
        if spaced and not self.skip:
            self.blocks[-1][1].append(" ")
        if tag not in VOID:
            muted = "unofficial-mark" in classes
            self.stack.append((tag, skipped, spaced, muted))
            self.skip += skipped
            self.mute += muted

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS and not self.skip:
            self.blocks[-1][1].append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not any(entry[0] == tag for entry in self.stack):
            return
        while self.stack:
            open_tag, skipped, spaced, muted = self.stack.pop()
            self.skip -= skipped
            self.mute -= muted
            if spaced and not self.skip:
                self.blocks[-1][1].append(" ")
            if open_tag == tag:
                break
        if tag == "main":
            self.in_main = False
        if tag == self.heading_tag and self.heading is not None and not self.skip:
            text = " ".join("".join(self.heading).split())
            if tag == "h2":
                self.place = Place(self.place.part, chapter=text)
            else:
                self.place = Place(self.place.part, self.place.chapter, text)
            self.heading = None
            self.blocks[-1] = (self.place, self.blocks[-1][1])

    def handle_data(self, data: str) -> None:
        if self.heading is not None and not self.mute:
            self.heading.append(data)
        if self.in_main and not self.skip:
            self.blocks[-1][1].append(data)


def count_body(html: str, limit: int) -> WordCount:
    """The words of the body of a rendered (English) draft against `limit`."""
    walker = _Walker()
    walker.feed(html)
    walker.close()
    total = 0.0
    overflow: Place | None = None
    for place, parts in walker.blocks:
        total += count_words("".join(parts))
        if overflow is None and total > limit:
            overflow = place
    return WordCount(words=round(total), limit=limit, overflow=overflow)


def where(place: Place) -> str:
    """A place as the warning names it: paragraph 80 (chapter V. What progress ..., section B. Protecting ...)."""
    if place.part != "chapter":
        return f"the {place.part}"
    inside = f"chapter {place.chapter}" + (f", section {place.section}" if place.section else "")
    return f"paragraph {place.paragraph} ({inside})" if place.paragraph is not None else inside


def word_limit_note(count: WordCount) -> Note:
    """A warning when the body is over the limit (with where it passes it), else an info with the count."""
    if count.overflow is None:
        return Note(code="word-count", severity="info",
                    message=f"the report body has {count.words:,} words (limit {count.limit:,}, counted on the "
                            f"English version)")
    return Note(code="word-limit", severity="warning",
                message=f"the report body has {count.words:,} words, {count.words - count.limit:,} over the limit "
                        f"of {count.limit:,} (word_limit in report.yaml; counted on the English version); it passes "
                        f"the limit in {where(count.overflow)}")
