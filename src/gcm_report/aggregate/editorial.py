"""Editorial chapters (report.yaml): Markdown per language, cut into numbered paragraphs.

Paragraphs are separated by blank lines. The i-th paragraph of every language is
the same numbered paragraph, so the language versions share their numbering; the
report's original language decides how many paragraphs there are. A paragraph that
starts with ``(a)`` is a sub-paragraph labelled a. ``[^key]`` cites a footnote of
``footnotes:``; each paragraph's citations are numbered in the order the original
language cites them (a key cited again in a later paragraph gets a new number, as
UN documents repeat a footnote rather than refer back to it).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from gcm_report.aggregate.model import EditorialParagraph, Note, Text
from gcm_report.render.markdown import footnote_keys

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_SUBPARA = re.compile(r"^\(([a-z]{1,3})\)\s+")


def blocks(markdown: str) -> list[str]:
    """The paragraphs of one language's Markdown."""
    return [b.strip() for b in _BLANK_LINE.split(markdown.replace("\r\n", "\n")) if b.strip()]


def _reference_language(text: Text, original: str) -> str:
    return original if original in text else sorted(text)[0]


def split(text: Text, original: str, where: str, notes: list[Note]) -> list[Text]:
    """One chapter's text as a list of paragraphs, each a ``{lang: markdown}``."""
    if not text:
        return []
    ref = _reference_language(text, original)
    per_lang = {lang: blocks(value) for lang, value in sorted(text.items())}
    count = len(per_lang[ref])
    for lang, parts in per_lang.items():
        if len(parts) != count:
            notes.append(Note(code="paragraph-count", severity="warning",
                              message=f"{where}: {len(parts)} paragraph(s) in {lang} but {count} in {ref}; "
                                      f"paragraphs are matched by position"))
            if len(parts) > count and count:
                parts[count - 1:] = ["\n\n".join(parts[count - 1:])]
    return [{lang: parts[i] for lang, parts in per_lang.items() if i < len(parts)} for i in range(count)]


def citations(para: Text, original: str, where: str, *, cite: Callable[[str], int | None],
              notes: list[Note]) -> dict[str, int]:
    """Number the footnotes one paragraph cites: the original language's order, then the others'."""
    ref = _reference_language(para, original)
    keys: list[str] = []
    for lang in [ref] + sorted(k for k in para if k != ref):
        keys += [k for k in footnote_keys(para[lang]) if k not in keys]
    cited: dict[str, int] = {}
    for key in keys:
        number = cite(key)
        if number is None:
            notes.append(Note(code="unknown-footnote", severity="warning",
                              message=f"{where}: [^{key}] cites no footnote of `footnotes:`"))
        else:
            cited[key] = number
    return cited


def paragraphs(text: Text, original: str, where: str, *, next_number: Callable[[], int],
               cite: Callable[[str], int | None], notes: list[Note]) -> list[EditorialParagraph]:
    """Numbered (or labelled) editorial paragraphs, with their footnotes numbered in order."""
    out: list[EditorialParagraph] = []
    for para in split(text, original, where, notes):
        ref = _reference_language(para, original)
        label_match = _SUBPARA.match(para[ref])
        label = label_match.group(1) if label_match else None
        if label is not None:
            para = {lang: _SUBPARA.sub("", value, count=1) for lang, value in para.items()}
        cited = citations(para, original, where, cite=cite, notes=notes)
        out.append(EditorialParagraph(number=None if label else next_number(), label=label, text=para,
                                      notes=cited))
    return out
