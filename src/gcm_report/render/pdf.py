"""The PDF draft: the build's HTML (with the theme's print.css inlined) printed by WeasyPrint.

One entry point, :func:`render_pdf`, called once per language (by :mod:`gcm_report.render.pdf_jobs`,
which prints the languages in parallel and skips those whose inputs are unchanged). It

- refuses to start when the fonts cannot print the text (a message with the apt command
  instead of empty boxes), or when HarfBuzz subsetting is missing (fontTools would take
  11-13 s per Chinese document); WeasyPrint's own ".notdef glyph" and "fontTools instead of
  HarfBuzz-Subset" warnings are turned into the same errors after rendering;
- lets WeasyPrint read nothing but the theme's files (:mod:`gcm_report.render.fetcher`) and
  keeps presentational hints off;
- writes a tagged PDF (PDF/UA-1 by default, PDF/A-3a for the final version) with the title,
  author, subject and language in the document information and the XMP metadata;
- is deterministic: the creation date is ``SOURCE_DATE_EPOCH`` when set, else the report's
  date (midnight UTC), whatever TZ and locale; the file identifier is a hash of the content;
- keeps every footnote on the page of its call. WeasyPrint 70 defers footnotes to a later
  page in two ways: with ``footnote-policy: auto`` when the footnote does not fit below its
  call (print.css sets ``footnote-policy: line``: the line with the call moves instead), and,
  whatever the policy, when the line that would satisfy ``orphans`` overflows the page it
  moves earlier footnotes to the next page to make room for that line (the family of upstream
  issues 1564/1924/2432). :func:`_keep_footnotes_with_calls` switches the second off while
  rendering (the line then breaks as orphans and widows allow). In a sweep of 48 layouts of
  the fixtures, 23 had a footnote a page late without it, 0 with it. After rendering, the
  layout is checked and any footnote still away from its call is logged and reported in
  :data:`last_stats`;
- takes time in proportion to its pages: pydyf rebuilt the list of every page's reference
  for each structure element of the tagged PDF, WeasyPrint tested each page's anchors against
  a list of all earlier ones, and the garbage collector walked every page laid out so far,
  again and again; :mod:`gcm_report.render.pdf_scaling` corrects all three while printing
  (the 2,599-page compendium: 1,086 s before, 524 s after, the same bytes);
- spends less time per page: :mod:`gcm_report.render.pdf_hotspots` removes, while printing, work
  of WeasyPrint, pydyf and tinyhtml5 whose result was already known (a new Pango context per line,
  footnotes laid out again for each new one on the page, every stream compressed twice...),
  the same bytes again; print.css avoids what WeasyPrint makes expensive for the same look (see
  its Cost notes).

WeasyPrint is imported inside :func:`render_pdf` only (about 0.5 s), never at module import.
"""

from __future__ import annotations

import datetime
import logging
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from gcm_report.collector import no_full_collections
from gcm_report.render import fonts
from gcm_report.render.fonts import FontCoverageError, FontError, PdfError, SubsettingError
from gcm_report.render.pdf_hotspots import hotspots
from gcm_report.render.pdf_scaling import anchors_as_sets, cached_page_references

log = logging.getLogger(__name__)

#: ``pdf/ua-1`` for drafts; ``pdf/a-3a`` (archival, tagged) for the final version.
VARIANTS = ("pdf/ua-1", "pdf/a-3a", "pdf/ua-2", "pdf/a-2a")

__all__ = ["VARIANTS", "FontCoverageError", "FontError", "PdfError", "RenderStats", "SubsettingError",
           "creation_date", "render_pdf"]


@dataclass
class RenderStats:
    """What the last :func:`render_pdf` call did; read by tests and by ``--verbose`` output."""

    lang: str = ""
    pages: int = 0
    seconds: float = 0.0
    size: int = 0
    served: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    misplaced_footnotes: list[str] = field(default_factory=list)
    footnote_fix: bool = False
    corrections: dict[str, bool] = field(default_factory=dict)  # render/pdf_hotspots.py: which applied
    reused: bool = False         # not printed: the previous build's PDF, inputs unchanged (render/pdf_jobs.py)


last_stats = RenderStats()

_NOTDEF = re.compile(r'\.notdef glyph rendered for Unicode string unsupported by fonts: "(.*)" \(U\+([0-9A-F]+)\)')


def creation_date(date: datetime.date) -> datetime.datetime:
    """SOURCE_DATE_EPOCH (reproducible builds) when set, else the report's date at 00:00 UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC)
        except (ValueError, OverflowError, OSError) as error:
            raise PdfError(f"SOURCE_DATE_EPOCH must be a number of seconds, not {epoch!r}") from error
    return datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.UTC)


def _w3c(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _weasyprint_warnings() -> Iterator[_Collect]:
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    previous = logger.level
    if logger.level == logging.NOTSET or logger.level > logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


_DEFERRAL = "report = not context.in_column and can_break_now and not could_break_before"


@contextmanager
def _keep_footnotes_with_calls() -> Iterator[bool]:
    """While rendering, stop WeasyPrint from deferring footnotes to fit an orphans line.

    WeasyPrint's ``_linebox_layout`` (layout/block.py), when a paragraph's line overflows the
    page at the point where breaking would satisfy ``orphans``, moves the page's last footnotes
    to the next page to make room for that line, leaving their calls behind. This recompiles
    the function with that one decision turned off (``report = False``): the line then breaks
    as ``orphans``/``widows`` allow, like any other. If the line is not found (another
    WeasyPrint version) nothing is changed and a warning says so; the layout check after
    rendering and tests/pdf still catch misplaced footnotes. Not thread-safe (one render at
    a time per process, as the build does).
    """
    import inspect

    from weasyprint.layout import block

    original = block._linebox_layout
    try:
        source = inspect.getsource(original)
    except (OSError, TypeError):
        source = ""
    if source.count(_DEFERRAL) != 1:
        log.warning("WeasyPrint %s: footnote deferral not patched (code changed); footnotes may "
                    "land a page after their calls", _weasyprint_version())
        yield False
        return
    namespace: dict = {}
    exec(compile(source.replace(_DEFERRAL, "report = False"), block.__file__, "exec"),  # noqa: S102
         block.__dict__, namespace)
    block._linebox_layout = namespace["_linebox_layout"]
    try:
        yield True
    finally:
        block._linebox_layout = original


def _weasyprint_version() -> str:
    from importlib.metadata import version

    return version("weasyprint")


def misplaced_footnotes(document) -> list[str]:
    """Footnotes whose text is not on the page of their call, from WeasyPrint's layout."""
    calls: dict[int, tuple[int, object]] = {}
    bodies: dict[int, int] = {}
    for number, page in enumerate(document.pages, start=1):
        root, *areas = page._page_box.children
        for box in root.descendants():
            footnote = getattr(box, "footnote", None)
            if footnote is not None and footnote.element is not None:
                calls.setdefault(id(footnote.element), (number, footnote.element))
        for area in areas:
            if type(area).__name__ != "FootnoteAreaBox":
                continue
            for child in area.children:
                if child.element is not None:
                    bodies.setdefault(id(child.element), number)
    out = []
    for key, (page, element) in calls.items():
        body = bodies.get(key)
        if body != page:
            label = element.get("data-n") or element.get("class") or element.tag
            out.append(f"footnote {label}: call on page {page}, text on page {body}")
    return out


def _require_subsetting() -> None:
    from weasyprint.text import ffi  # the libraries WeasyPrint itself loaded

    if ffi.harfbuzz_subset is None:
        raise SubsettingError("WeasyPrint could not load it")
    if not ffi.harfbuzz.hb_version_atleast(4, 1, 0):
        version = ffi.ffi.string(ffi.harfbuzz.hb_version_string()).decode()
        raise SubsettingError(f"HarfBuzz {version} is older than 4.1.0")


def render_pdf(html: str, *, lang: str, theme_dir: Path, title: str, author: str, subject: str,
               date: datetime.date, variant: str = "pdf/ua-1") -> bytes:
    """Print one language's HTML (print.css inlined) to PDF bytes.

    ``theme_dir`` (``templates/default``) is the only folder resources may come from and the
    base of relative URLs. Raises :class:`FontCoverageError` or :class:`SubsettingError` (both
    :class:`FontError`, with the command that fixes it) or :class:`PdfError`.
    """
    if variant not in VARIANTS:
        raise PdfError(f"unknown PDF variant {variant!r}; choose one of {', '.join(VARIANTS)}")
    theme_dir = Path(theme_dir).resolve()
    if not theme_dir.is_dir():
        raise PdfError(f"theme folder not found: {theme_dir}")
    started = time.perf_counter()

    fonts.require_coverage(fonts.visible_text(html), lang)

    import weasyprint

    from gcm_report.render.fetcher import ThemeFetcher

    _require_subsetting()
    fetcher = ThemeFetcher(theme_dir)
    created = _w3c(creation_date(date))
    options = {"pdf_variant": variant, "pdf_identifier": True, "presentational_hints": False,
               "custom_metadata": False, "optimize_images": False, "full_fonts": False}
    with _weasyprint_warnings() as collected, _keep_footnotes_with_calls() as footnote_fix, \
            cached_page_references(), anchors_as_sets(), no_full_collections(), \
            hotspots() as corrected:  # pdf_scaling.py, pdf_hotspots.py
        document = weasyprint.HTML(string=html, base_url=theme_dir.as_uri() + "/",
                                   url_fetcher=fetcher).render(**options)
        metadata = document.metadata
        metadata.title = title
        metadata.authors = [author]
        metadata.description = subject
        metadata.keywords = []
        metadata.generator = "gcm-report"
        metadata.created = created
        metadata.modified = created
        metadata.lang = lang
        metadata.attachments = []
        pdf = document.write_pdf(**options)

    messages = [record.getMessage() for record in collected.records]
    notdef = [chr(int(m.group(2), 16)) for m in map(_NOTDEF.search, messages) if m]
    if notdef:
        raise FontCoverageError(lang, notdef, stage="found by WeasyPrint while rendering")
    if any("fontTools instead of HarfBuzz-Subset" in m for m in messages):
        raise SubsettingError("WeasyPrint fell back to fontTools")

    misplaced = misplaced_footnotes(document)
    for problem in misplaced:
        log.warning("%s PDF: %s", lang, problem)

    global last_stats
    last_stats = RenderStats(lang=lang, pages=len(document.pages),
                             seconds=time.perf_counter() - started, size=len(pdf),
                             served=list(fetcher.served), refused=list(fetcher.refused),
                             warnings=messages, misplaced_footnotes=misplaced,
                             footnote_fix=footnote_fix, corrections=dict(corrected or {}))
    log.info("%s: %d pages, %.0f KiB, %.2f s", lang, len(document.pages), len(pdf) / 1024,
             last_stats.seconds)
    return pdf
