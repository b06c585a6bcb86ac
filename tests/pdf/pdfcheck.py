"""Look at a PDF draft as a reader would, and compare it with the HTML it was printed from.

- The source: the build's HTML (the contract in render/pdf.py's callers): the blocks a reader
  sees in order, the footnotes with their explicit numbers, where each call sits.
- The PDF: ``pdftotext -raw`` per page (the order WeasyPrint wrote the text in: the page's
  flow, then its footnote area, then the margin boxes), ``pdffonts``, and pypdf for the
  outline, metadata, structure tree and the glyphs actually shown.

Text is compared after :func:`norm` (NFKC, no whitespace), so line breaks, justification and
the letter-spacing of the masthead do not matter, but every character and its order do.
"""

from __future__ import annotations

import html
import io
import re
import subprocess
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import tinyhtml5

HIDDEN_CLASSES = {"footnotes", "trace", "fn-call", "job-number", "title-note", "screen-only"}
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "th", "td", "caption", "figcaption"}
_SPACE = re.compile(r"[\s\u2060\u00ad\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]+")
"""Spaces and the invisible marks (word joiner, soft hyphen, bidi controls) pdftotext may emit."""


def norm(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def classes(element) -> set[str]:
    return set((element.get("class") or "").split())


# --------------------------------------------------------------------------- the HTML side


@dataclass
class Footnote:
    n: str
    text: str                 # normalized footnote text (without its number)
    block: int | None = None  # index of the block with the call (None: the asterisk note)
    offset: int = 0           # where the call's number starts in that block's text

    @property
    def printed(self) -> str:
        """What the footnote area shows: the number, then the text."""
        return self.n + self.text if self.n != "*" else self.text


@dataclass
class Block:
    tag: str
    cls: set[str]
    text: str                 # normalized visible text, calls printed as their numbers
    para: int | None = None


@dataclass
class Source:
    lang: str
    symbol: str
    job: str | None
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)   # (level, plain text)
    masthead: dict[str, str] = field(default_factory=dict)

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.para is not None]


def _itertext_visible(element, out: list[str], notes: list[tuple[str, str, int]]):
    """Visible text of ``element`` as printed: hidden parts skipped, footnotes as their numbers."""
    if element.text:
        out.append(element.text)
    for child in element:
        cls = classes(child)
        if "fn-body" in cls:
            n = child.get("data-n", "")
            notes.append((n, norm("".join(child.itertext())), len(norm("".join(out)))))
            out.append(n)
        elif cls & HIDDEN_CLASSES or child.tag in {"style", "script", "svg"}:
            pass
        else:
            _itertext_visible(child, out, notes)
        if child.tail:
            out.append(child.tail)


def parse_source(html: str) -> Source:
    root = tinyhtml5.parse(html, namespace_html_elements=False)
    lang = root.get("lang", "")
    symbol_el = next((e for e in root.iter() if "symbol" in classes(e)), None)
    symbol = (symbol_el.get("data-symbol") if symbol_el is not None else None) or (
        "".join(symbol_el.itertext()).strip().rstrip("*") if symbol_el is not None else "")
    job_el = next((e for e in root.iter() if "job-number" in classes(e)), None)
    job = "".join(job_el.itertext()).strip() if job_el is not None else None
    source = Source(lang=lang, symbol=symbol, job=job)

    body = root.find("body")

    def walk(element, hidden: bool):
        for child in element:
            cls = classes(child)
            if child.tag in {"style", "script", "svg", "head"}:
                continue
            if "title-note" in cls:
                source.footnotes.append(Footnote("*", norm("".join(child.itertext()))))
                continue
            if hidden or cls & HIDDEN_CLASSES:
                continue
            if child.tag in BLOCK_TAGS:
                parts: list[str] = []
                notes: list[tuple[str, str, int]] = []
                _itertext_visible(child, parts, notes)
                text = norm("".join(parts))
                para = None
                if "para" in cls:
                    num = next((e for e in child.iter() if "para-num" in classes(e)), None)
                    label = re.match(r"\d+", "".join(num.itertext()).strip()) if num is not None else None
                    para = int(label.group()) if label else None   # "12." / "12 -" (Arabic)
                if text:
                    source.blocks.append(Block(child.tag, cls, text, para))
                    for n, note_text, offset in notes:
                        source.footnotes.append(Footnote(n, note_text, len(source.blocks) - 1, offset))
                if child.tag in {"h2", "h3"}:
                    source.headings.append((int(child.tag[1]), " ".join("".join(child.itertext()).split())))
                continue
            walk(child, hidden)

    walk(body, False)
    for key in ("un-name", "symbol", "organ", "distr", "doc-date", "original", "session", "agenda",
                "report-of"):
        element = next((e for e in root.iter() if key in classes(e)), None)
        if element is not None:
            source.masthead[key] = norm("".join(element.itertext()))
    title = next((e for e in root.iter() if e.tag == "h1"), None)
    if title is not None:
        source.masthead["title"] = norm("".join(title.itertext()))
    return source


# --------------------------------------------------------------------------- the PDF side


def pdftotext_pages(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def pdffonts(path: Path) -> list[dict[str, str]]:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    lines = out.splitlines()[2:]
    rows = []
    for line in lines:
        # name, type (may contain spaces), encoding, emb, sub, uni, object, ID
        m = re.match(r"^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+(\d+)\s+(\d+)\s*$", line)
        if m:
            rows.append(dict(zip(("name", "type", "encoding", "emb", "sub", "uni", "object", "gen"),
                                 m.groups(), strict=True)))
    return rows


@dataclass
class Page:
    number: int
    raw: str
    text: str                         # normalized
    body: str = ""                    # normalized flow text (no footnotes, no margins)
    notes: list[str] = field(default_factory=list)   # footnote numbers in the footnote area
    margins: str = ""                 # normalized running header/footer text


class Reading:
    """A PDF read against its source: pages split into flow, footnote area and margins."""

    def __init__(self, pdf: Path, source: Source):
        self.path = pdf
        self.source = source
        self.pages = [Page(i + 1, raw, norm(raw)) for i, raw in enumerate(pdftotext_pages(pdf))]
        self.problems: list[str] = []
        self._split()
        self._locate()

    def margin_tokens(self, page: int) -> list[str]:
        count = len(self.pages)
        if page == 1:
            return [norm(self.source.job)] if self.source.job else []
        tokens = [norm(self.source.symbol), f"{page}/{count}"]
        if self.source.job:
            tokens.append(norm(self.source.job))
        return tokens

    def _split(self) -> None:
        notes = self.source.footnotes
        k = 0
        for page in self.pages:
            text = page.text
            # Margins: WeasyPrint writes the margin boxes last; take the known tokens off the end.
            tokens = self.margin_tokens(page.number)
            tail = ""
            progress = True
            while tokens and progress:
                progress = False
                for token in tokens:
                    if token and text.endswith(token):
                        text = text[: -len(token)]
                        tail = token + tail
                        tokens.remove(token)
                        progress = True
                        break
            page.margins = tail
            if tokens:
                self.problems.append(f"page {page.number}: running header/footer lacks {tokens!r}")
            # Footnote area: the next footnotes in order, as the last thing before the margins.
            if k < len(notes):
                start = text.find(notes[k].printed)
                if start >= 0:
                    area = text[start:]
                    position = 0
                    while k < len(notes) and area.startswith(notes[k].printed, position):
                        page.notes.append(notes[k].n)
                        position += len(notes[k].printed)
                        k += 1
                    if position != len(area):
                        self.problems.append(
                            f"page {page.number}: unexpected text in the footnote area: {area[position:position + 80]!r}")
                    text = text[:start]
            page.body = text
        if k != len(notes):
            missing = [n.n for n in notes[k:]]
            self.problems.append(f"footnotes not found in order in any footnote area: {missing}")

    def _locate(self) -> None:
        """Find each source block in the flow, in order; note the page of each footnote call."""
        self.flow = "".join(p.body for p in self.pages)
        self.page_starts = []
        position = 0
        for page in self.pages:
            self.page_starts.append(position)
            position += len(page.body)
        self.block_positions: list[int | None] = []
        cursor = 0
        for block in self.source.blocks:
            found = self.flow.find(block.text, cursor)
            if found < 0:
                self.block_positions.append(None)
                anywhere = self.flow.find(block.text)
                where = "out of order" if anywhere >= 0 else "missing"
                self.problems.append(f"{block.tag}.{'.'.join(sorted(block.cls))} {where}: {block.text[:60]!r}")
                continue
            self.block_positions.append(found)
            cursor = found + len(block.text)

    def page_at(self, flow_position: int) -> int:
        page = 1
        for i, start in enumerate(self.page_starts):
            if flow_position >= start:
                page = i + 1
        return page

    def page_of_block(self, index: int) -> int | None:
        position = self.block_positions[index]
        return None if position is None else self.page_at(position)

    def call_page(self, note: Footnote) -> int | None:
        if note.block is None:
            return 1  # the asterisk note belongs to the masthead's page
        position = self.block_positions[note.block]
        return None if position is None else self.page_at(position + note.offset)

    def note_page(self, note: Footnote) -> int | None:
        for page in self.pages:
            if note.n in page.notes:
                return page.number
        return None

    def misplaced_footnotes(self) -> list[str]:
        out = []
        for note in self.source.footnotes:
            call, body = self.call_page(note), self.note_page(note)
            if call is None or body is None or call != body:
                out.append(f"footnote {note.n}: call on page {call}, text on page {body}")
        return out

    # ------------------------------------------------------------------ pypdf views

    @cached_property
    def reader(self):
        import pypdf

        return pypdf.PdfReader(io.BytesIO(self.path.read_bytes()))

    def outline(self) -> list[tuple[int, str]]:
        items: list[tuple[int, str]] = []

        def walk(entries, level):
            for entry in entries:
                if isinstance(entry, list):
                    walk(entry, level + 1)
                else:
                    items.append((level, " ".join(entry.title.split())))

        walk(self.reader.outline, 1)
        return items


# --------------------------------------------------------------------------- glyphs


def glyph_problems(path: Path) -> list[str]:
    """Glyphs shown that the embedded font does not have (.notdef, or beyond its glyph count).

    WeasyPrint gives a character no font has a glyph id past the font's last glyph; HarfBuzz's
    subset then draws .notdef for it. Text extraction cannot see this (the ToUnicode map still
    names the character), so look at the glyph ids in the content streams.
    """
    import pypdf
    from fontTools.cffLib import CFFFontSet
    from fontTools.ttLib import TTFont
    from pypdf.generic import ContentStream

    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    counts: dict[int, tuple[str, int]] = {}
    problems: list[str] = []

    def glyph_count(font_ref) -> tuple[str, int]:
        key = font_ref.idnum if hasattr(font_ref, "idnum") else id(font_ref)
        if key in counts:
            return counts[key]
        font = font_ref.get_object()
        name = str(font.get("/BaseFont"))
        if font.get("/Subtype") != "/Type0":
            counts[key] = (name, -1)
            return counts[key]
        descendant = font["/DescendantFonts"][0].get_object()
        descriptor = descendant["/FontDescriptor"].get_object()
        if "/FontFile2" in descriptor:
            data = descriptor["/FontFile2"].get_object().get_data()
            count = TTFont(io.BytesIO(data))["maxp"].numGlyphs
        elif "/FontFile3" in descriptor:
            stream = descriptor["/FontFile3"].get_object()
            data = stream.get_data()
            if data[:4] == b"OTTO":
                count = TTFont(io.BytesIO(data))["maxp"].numGlyphs
            else:
                cff = CFFFontSet()
                cff.decompile(io.BytesIO(data), None)
                count = len(cff[cff.fontNames[0]].charset)
        else:
            problems.append(f"{name}: not embedded")
            count = -1
        counts[key] = (name, count)
        return counts[key]

    def scan(content, resources, where):
        fonts = resources.get("/Font", {}) if resources else {}
        fonts = fonts.get_object() if hasattr(fonts, "get_object") else fonts
        current = None
        stream = content if isinstance(content, ContentStream) else ContentStream(content, reader)
        for operands, operator in stream.operations:
            if operator == b"Tf":
                current = fonts.get(operands[0])
            elif operator in (b"Tj", b"TJ", b"'", b'"') and current is not None:
                strings = operands[0] if operator == b"TJ" else [operands[-1]]
                name, count = glyph_count(current)
                if count < 0:
                    continue
                for item in strings:
                    if not isinstance(item, (bytes, str)) and not hasattr(item, "original_bytes"):
                        continue
                    data = item.original_bytes if hasattr(item, "original_bytes") else bytes(item)
                    for i in range(0, len(data) - 1, 2):
                        gid = data[i] << 8 | data[i + 1]
                        if gid == 0 or gid >= count:
                            problems.append(f"{where}: {name} glyph {gid} (font has {count})")
            elif operator == b"Do":
                xobjects = resources.get("/XObject", {}) if resources else {}
                xobject = xobjects.get(operands[0]) if xobjects else None
                if xobject is not None:
                    xobject = xobject.get_object()
                    if xobject.get("/Subtype") == "/Form":
                        scan(xobject, xobject.get("/Resources", resources), where)

    for number, page in enumerate(reader.pages, start=1):
        contents = page.get_contents()
        if contents is not None:
            scan(contents, page.get("/Resources"), f"page {number}")
    return problems


# --------------------------------------------------------------------------- right to left, and what
# text extraction cannot put in order

_MIRRORED = str.maketrans({c: "|" for c in "()[]{}<>«»"})
_COMBINING = re.compile(r"[\u064b-\u065f\u0670\u06d6-\u06ed]")   # Arabic vowel marks (harakat)


def loose(text: str) -> str:
    """:func:`norm`, blind to what extraction gets wrong in right-to-left text: brackets (a mirrored
    glyph is extracted as its pair: "(A)" comes out as ")A("), Arabic vowel marks (extracted apart
    from their letters) and the asterisk of the symbol (moved by bidi reordering)."""
    return _COMBINING.sub("", norm(text)).translate(_MIRRORED).replace("*", "")


def pdftotext_logical(path: Path) -> list[str]:
    """``pdftotext`` in its default (reading order) mode, per page: right-to-left lines come out in
    logical order, words and ligatures whole (``-raw`` gives them in visual order, lam-alef split)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def words(path: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """The words of a page with their boxes (text, x_min, y_min, x_max, y_max), from ``pdftotext -bbox``."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out)
    return [(html.unescape(t), float(a), float(b), float(c), float(d)) for a, b, c, d, t in found]


NOTE_LABEL_SIZE = 6.5
"""print.css sets footnote calls and markers at 6.5 pt, and nothing else."""


def footnote_labels(path: Path) -> dict[str, list[int]]:
    """Label -> the pages where it is printed at the footnote labels' size (6.5 pt), call and marker.

    Read from the PDF's text operations with their font size (pypdf), so it does not depend on
    the order text extraction gives: each footnote's call and its marker must be on one page
    (a note moved to a later page shows as two pages), whatever the script and direction."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    found: dict[str, list[int]] = {}
    for number, page in enumerate(reader.pages, start=1):
        def visit(text, cm, tm, font, size, number=number):  # type: ignore[no-untyped-def]
            scale = abs(tm[3] or 1) * abs(cm[3] or 1)
            if text.strip() and abs(size * scale - NOTE_LABEL_SIZE) < 0.01:
                for label in re.findall(r"\d+|[^\W\d_]", text.translate(_MIRRORED)):
                    found.setdefault(label, []).append(number)
        page.extract_text(visitor_text=visit)
    return found
