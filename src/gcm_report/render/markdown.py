"""Markdown of untrusted texts (submissions and editorial chapters) to safe inline HTML.

markdown-it-py's CommonMark preset with raw HTML disabled: ``<script>`` in a text is
shown as text. Links are kept only when they point to the web (http or https); a
``javascript:``, ``data:``, ``file:`` or relative link loses its link and keeps its
words. Images are not rendered (a draft makes no external request), so ``![x](url)``
stays a plain link at most. A web address written out as text ("See https://...")
becomes a link, as linkify would, without another dependency; a link that shows its address
reads left to right (``dir="ltr"``) in every language version, and so does a United Nations document
symbol (A/HRC/45/30) written in a text, isolated in a ``<bdi dir="ltr">``. ``[^key]`` is a footnote reference: the caller says what
HTML stands for it (the numbered call of the report's footnote), or it stays as text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markupsafe import Markup, escape

FOOTNOTE_REF = re.compile(r"\[\^([A-Za-z0-9_.:-]+)\]")
"""A footnote reference in an editorial text: ``[^wmr2020]``."""

ALLOWED_SCHEMES = ("http://", "https://")

BARE_URL = re.compile(r"https?://[^\s<>\u3000-\u303f\uff00-\uffef]+", re.IGNORECASE)
"""A web address written out in the text (footnotes: "See https://..."); it stops at a space and
at Chinese punctuation, and trailing sentence punctuation is left outside the link."""

_TRAILING = ".,;:!?'\")]"

DOCUMENT_SYMBOL = re.compile(r"(?<![\w/])[A-Z]{1,6}(?:/[A-Z0-9][A-Za-z0-9.-]*)*/[A-Z0-9.-]*\d[A-Za-z0-9.-]*(?<![.-])")
"""A United Nations document symbol written in a text (A/75/542, A/HRC/45/30, A/RES/73/195): it
reads left to right in an Arabic text too, so it is isolated (``<bdi dir="ltr">``)."""

FootnoteHtml = Callable[[str], Markup | None]


def _footnote_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[^", state.pos):
        return False
    match = FOOTNOTE_REF.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("footnote_ref", "", 0)
        token.meta = {"key": match.group(1)}
        token.content = match.group(0)
    state.pos = match.end()
    return True


def _web_link(href: str) -> bool:
    return href.strip().lower().startswith(ALLOWED_SCHEMES)


def _unlink(children: list[Token]) -> list[Token]:
    """Drop link tokens whose target is not on the web, keeping the words between them."""
    out: list[Token] = []
    depth = 0
    for token in children:
        if token.type == "link_open" and not _web_link(str(token.attrGet("href") or "")):
            depth += 1
            continue
        if token.type == "link_close" and depth:
            depth -= 1
            continue
        out.append(token)
    return out


def _split_text_outside_links(children: list[Token], pattern: re.Pattern[str],
                              replace: Callable[[re.Match[str]], tuple[list[Token], int]]) -> list[Token]:
    """Replace each match of `pattern` in text tokens outside links by the tokens `replace` gives.

    `replace` also says where the match really ends (a URL gives back trailing punctuation).
    """
    out: list[Token] = []
    depth = 0
    for token in children:
        if token.type == "link_open":
            depth += 1
        elif token.type == "link_close":
            depth -= 1
        if token.type != "text" or depth or not pattern.search(token.content):
            out.append(token)
            continue
        text, pos = token.content, 0
        for match in pattern.finditer(text):
            if match.start() < pos:
                continue
            tokens, end = replace(match)
            if match.start() > pos:
                out.append(_text(text[pos:match.start()]))
            out += tokens
            pos = end
        if pos < len(text):
            out.append(_text(text[pos:]))
    return out


def _bare_url(match: re.Match[str]) -> tuple[list[Token], int]:
    url = match.group(0).rstrip(_TRAILING)
    if match.group(0).endswith(")") and url.count("(") > url.count(")"):
        url += ")"
    link = Token("link_open", "a", 1)
    link.attrSet("href", url)
    return [link, _text(url), Token("link_close", "a", -1)], match.start() + len(url)


def _link_bare_urls(children: list[Token]) -> list[Token]:
    """Turn web addresses written as plain text into links (outside existing links)."""
    return _split_text_outside_links(children, BARE_URL, _bare_url)


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _address_links_ltr(children: list[Token]) -> list[Token]:
    """A link that shows its own web address reads left to right, in an Arabic page too:
    ``dir="ltr"`` isolates it, so its slashes and final characters stay in place (bidi)."""
    for token, following in zip(children, children[1:], strict=False):
        if token.type == "link_open" and following.type == "text" and \
                following.content.strip() == str(token.attrGet("href") or ""):
            token.attrSet("dir", "ltr")
    return children


def _symbol_isolate(match: re.Match[str]) -> tuple[list[Token], int]:
    isolate = Token("html_inline", "", 0)
    isolate.content = f'<bdi dir="ltr">{escape(match.group(0))}</bdi>'
    return [isolate], match.end()


def _isolate_symbols(children: list[Token]) -> list[Token]:
    """Document symbols in plain text (outside links) as ``<bdi dir="ltr">`` isolates."""
    return _split_text_outside_links(children, DOCUMENT_SYMBOL, _symbol_isolate)


def _web_links_only(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = _isolate_symbols(_address_links_ltr(_link_bare_urls(_unlink(token.children))))


def _render_footnote_ref(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    resolve: FootnoteHtml | None = env.get("footnote") if isinstance(env, dict) else None
    html = resolve(str(token.meta["key"])) if resolve is not None else None
    return str(html) if html is not None else str(escape(token.content))


@cache
def parser() -> MarkdownIt:
    """The one configured parser: CommonMark, no raw HTML, web links only, no images."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")
    md.validateLink = lambda url: True  # every link is parsed, then the core rule drops non-web ones
    md.inline.ruler.before("link", "footnote_ref", _footnote_rule)
    md.core.ruler.push("web_links_only", _web_links_only)
    md.add_render_rule("footnote_ref", _render_footnote_ref)
    return md


def render_inline(text: str, footnote: FootnoteHtml | None = None) -> Markup:
    """One paragraph of Markdown as inline HTML (no <p>), safe to place in a template."""
    html = parser().renderInline(text.strip(), {"footnote": footnote} if footnote else {})
    return Markup(html.strip())


def footnote_keys(text: str) -> list[str]:
    """The footnote keys a text cites, in order of first citation."""
    seen: dict[str, None] = {}
    for match in FOOTNOTE_REF.finditer(text):
        seen.setdefault(match.group(1), None)
    return list(seen)
