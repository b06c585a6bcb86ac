"""The build: configuration and submissions in; the drafts, the compendium, report.json and practices.csv out.

``build`` returns a :class:`BuildReport` and never prints or exits (the CLI does).
It validates first and stops on errors (on warnings too with ``strict``) before
anything is written, renders every output in memory, and only then writes them,
all at once (:func:`gcm_report.write.atomic.commit`): a failed, interrupted or killed
build leaves the previous outputs as they were, two builds into one folder take turns,
and a folder that cannot be written (read-only, full, not a folder) is an error with a
message, not a traceback. Nothing is ever written to the submissions, nor outside the
output folder (and the validation cache, when one is given).

Per language it renders the report (held to ``word_limit``: render/words.py counts the
English draft and a note says where it overflows; chapter V cites a selection of the practices,
report.yaml's ``body``, aggregate/selection.py) and the compendium of every practice
(render/compendium.py). PDFs are printed by render/pdf_jobs.py, in parallel, and only
when their inputs changed since the last build into the same folder (the manifest
``.gcm-report-build.json`` is committed with the outputs); WeasyPrint is imported only
when a PDF must be printed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from pathlib import Path
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field

from gcm_report.aggregate import FileRef, aggregate
from gcm_report.aggregate.model import Note, Report
from gcm_report.diagnostics import Diagnostic
from gcm_report.load.yaml_source import MAX_BYTES
from gcm_report.validate import load_config, validate_paths
from gcm_report.validate.report import Loaded, ValidationReport
from gcm_report.write.atomic import WriteError, commit, recover

if TYPE_CHECKING:
    from gcm_report.render.pdf_jobs import Workers
    from gcm_report.schema.config import ReportConfig

FORMATS = ("html", "pdf")
"""What --format chooses between; report.json and practices.csv are always written."""


@dataclass(frozen=True)
class Step:
    """One finished step of a build, for progress bars and ``--verbose``.

    ``done`` of ``total`` counts the steps of this build (known once the configuration is
    read: validate, aggregate, one per output rendered, write); ``seconds`` is the step's
    own time. Timings never reach the outputs, which stay byte-identical.
    """

    stage: str
    name: str
    seconds: float
    done: int
    total: int
    detail: str = ""


Progress = Callable[[Step], None]
"""Called after each step; the CLI draws a progress bar with it, tests record it."""


class _Steps:
    """Counts and times the steps of one build and hands each to the progress callback."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.progress, self.done = total, progress, 0
        self.steps: list[Step] = []
        self.mark = time.perf_counter()

    def finish(self, stage: str, name: str, detail: str = "", seconds: float | None = None) -> None:
        now = time.perf_counter()
        self.done += 1
        step = Step(stage, name, now - self.mark if seconds is None else seconds, self.done,
                    max(self.total, self.done), detail)
        self.mark = now
        self.steps.append(step)
        if self.progress is not None:
            self.progress(step)


class BuildReport(BaseModel):
    """What a build did: the validation it ran, what it noticed, what it wrote, or why it stopped."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    validation: ValidationReport | None = None
    config_problems: list[Diagnostic] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    missing_translations: dict[str, dict[str, int]] = Field(default_factory=dict)
    written: list[str] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
    error: str | None = None
    usage_error: bool = False

    @property
    def exit_code(self) -> int:
        """0 built, 1 stopped (invalid input, --strict warnings, PDF unavailable), 2 usage error."""
        if self.usage_error:
            return 2
        if self.validation is not None and self.validation.usage_error:
            return 2
        if self.error or self.config_problems or (self.validation is not None and not self.validation.valid):
            return 1
        return 0


def file_refs(loaded: list[Loaded], paths: Sequence[Path], out_dir: Path) -> dict[str, FileRef]:
    """How each submission is shown (relative to the folder given) and linked (from the output folder)."""
    roots = [p.resolve() for p in paths if p.is_dir()]
    out = out_dir.resolve()
    refs: dict[str, FileRef] = {}
    for entry in loaded:
        absolute = Path(entry.name).resolve()
        root = next((r for r in roots if absolute.is_relative_to(r)), None)
        label = absolute.relative_to(root).as_posix() if root is not None else absolute.name
        href = Path(os.path.relpath(absolute, out)).as_posix()
        refs[entry.name] = FileRef(label=label, href=quote(href))
    return refs


def _render(model: Report, langs: Sequence[str], formats: Sequence[str], out: Path, theme: Path,
            pdf_variant: str, steps: _Steps, compendium: bool = True,
            rendered: dict[str, str] | None = None, workers: Workers | None = None) -> dict[Path, bytes]:
    """Every output in memory; ``rendered`` holds report HTML already made (English, for the word count).

    The outputs keep the languages' order; the PDF jobs start with the languages whose HTML is already
    made, so that the first worker has a document at once (English, the longest to print, first).

    The build runs aggregation and rendering without the garbage collector's full collections
    (collector.py): they make millions of objects that all stay alive until the outputs are
    written, so each full collection walked them all for nothing. Measured at 5,000 submissions:
    aggregation 17 s with them, 6.5 s without, and no more memory (it frees nothing: the model holds no
    cycles to collect)."""
    from gcm_report.render import i18n
    from gcm_report.render.compendium import render_compendium_html
    from gcm_report.render.html import render_html
    from gcm_report.render.practices import practices_csv

    outputs: dict[Path, bytes] = {}
    want_pdf = "pdf" in formats
    if want_pdf:
        from gcm_report.render.pdf_jobs import PdfJob, render_pdfs  # WeasyPrint only when a PDF is printed

    for lang in langs:  # the outputs' order, whatever the order in which they are made
        for document in ("report", "compendium")[:1 + compendium]:
            outputs.update({out / f"{document}.{lang}.{kind}": b"" for kind in ("html", "pdf") if kind in formats})

    def documents():  # HTML now, PDFs as jobs: render/pdf_jobs.py prints them in parallel while this goes on
        for lang in sorted(langs, key=lambda lang: lang not in (rendered or {})):
            words = i18n.translations(theme, lang)
            title = model.title.get(lang) or model.title.get(model.original_language) or model.symbol
            html = (rendered or {}).get(lang) or render_html(model, lang, theme)
            if "html" in formats:
                outputs[out / f"report.{lang}.html"] = html.encode("utf-8")
            steps.finish("html", f"report.{lang}.html")
            if want_pdf:
                yield PdfJob(f"report.{lang}.pdf", html, lang, theme, title, words.gettext("United Nations"),
                             f"{model.symbol} {words.gettext('Report of the Secretary-General')}", model.date,
                             pdf_variant)
            if compendium:  # every practice, in its own document (render/compendium.py)
                book = render_compendium_html(model, lang, theme)
                if "html" in formats:
                    outputs[out / f"compendium.{lang}.html"] = book.encode("utf-8")
                steps.finish("html", f"compendium.{lang}.html")
                if want_pdf:
                    yield PdfJob(f"compendium.{lang}.pdf", book, lang, theme,
                                 words.gettext("Compendium of practices"),
                                 words.gettext("United Nations"),
                                 words.gettext("Companion to %(symbol)s") % {"symbol": model.symbol}, model.date,
                                 pdf_variant)

    if want_pdf:  # unchanged PDFs of the last build into `out` are used again (render/pdf_cache.py)
        pdfs = render_pdfs(documents(), previous=out, on_done=lambda name: steps.finish("pdf", name),
                           started=workers)
        outputs.update({out / name: data for name, data in pdfs.items()})
    else:
        for _ in documents():
            pass
    # Serialised straight to UTF-8 bytes, the same as model_dump_json's text encoded: at 5,000
    # submissions the model is 110 MB of JSON, and a str of it (mostly 2 bytes a character, for the
    # Chinese) besides the bytes was most of the build's peak memory.
    outputs[out / "report.json"] = model.__pydantic_serializer__.to_json(model, indent=2) + b"\n"
    outputs[out / "practices.csv"] = practices_csv(model).encode("utf-8")
    steps.finish("data", "report.json, practices.csv")
    return outputs


def _planned_steps(langs: Sequence[str], formats: Sequence[str], compendium: bool = True) -> int:
    """validate, aggregate, HTML per language, PDF per language (report and compendium), data files, write."""
    return 2 + len(langs) * (1 + ("pdf" in formats)) * (1 + compendium) + 1 + 1


def build(config_path: Path, paths: Sequence[Path], out_dir: Path | None = None,
          langs: Sequence[str] | None = None, formats: Sequence[str] = FORMATS, *,
          strict: bool = False, theme: Path | None = None, pdf_variant: str = "pdf/ua-1",
          progress: Progress | None = None, max_bytes: int = MAX_BYTES, compendium: bool = True,
          cache_dir: Path | None = None) -> BuildReport:
    """Validate, aggregate, render and write the draft; see the module docstring for guarantees.

    ``progress`` is called after each step (see :class:`Step`); the report's ``steps`` keep them.
    """
    from gcm_report.render.html import theme_dir
    from gcm_report.render.i18n import available_languages

    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        return BuildReport(usage_error=True, error=f"unknown format(s): {', '.join(unknown) or '(none)'}; "
                                                   f"use {', '.join(FORMATS)}")
    config, problems = load_config(config_path)
    if config is None:
        return BuildReport(config_problems=problems, usage_error=not config_path.is_file())
    theme = theme or theme_dir()
    langs = list(langs or config.languages)
    missing = [lang for lang in langs if lang not in available_languages(theme)]
    if missing:
        return BuildReport(usage_error=True, error=f"no message catalogue for {', '.join(missing)} in {theme}; "
                                                   f"available: {', '.join(available_languages(theme))}")
    workers = None
    if "pdf" in formats and not _printed_before(out_dir or Path(config.output), langs, compendium):
        from gcm_report.render.pdf_jobs import start_workers  # they get WeasyPrint ready while this process
                                                              # validates and aggregates (see start_workers)
        workers = start_workers(len(langs) * (1 + compendium))
    try:
        return _build(config, paths, out_dir, langs, formats, strict, theme, pdf_variant, progress,
                      max_bytes, compendium, cache_dir, workers)
    finally:
        if workers is not None:  # a build that printed nothing (invalid, --strict) stops them; else a no-op
            workers.close()


def _printed_before(out: Path, langs: Sequence[str], compendium: bool) -> bool:
    """Whether the last build into ``out`` printed one of these PDFs, which may then be used again.

    Only when none can be (a first build, a fresh clone in CI) are the PDF workers forked before
    validation: forked early, they cost a rebuild whose PDFs are all used again about 0.7 s (their
    imports compete with the build for the cores), and save a first build about 0.3-0.9 s.
    """
    from gcm_report.render.pdf_cache import read_manifest

    printed = read_manifest(out)
    return any(f"{document}.{lang}.pdf" in printed
               for lang in langs for document in ("report", "compendium")[:1 + compendium])


def _build(config: ReportConfig, paths: Sequence[Path], out_dir: Path | None,
           langs: list[str], formats: Sequence[str], strict: bool, theme: Path, pdf_variant: str,
           progress: Progress | None, max_bytes: int, compendium: bool, cache_dir: Path | None,
           workers: Workers | None) -> BuildReport:
    """:func:`build` once its options are checked: validate, aggregate, render, write."""
    steps = _Steps(_planned_steps(langs, formats, compendium), progress)
    validation = validate_paths(list(paths), config=config, strict=strict, max_bytes=max_bytes,
                                cache_dir=cache_dir)  # validate/cache.py: unchanged files are not parsed again
    steps.finish("validate", f"{validation.files} files")
    if not validation.valid:
        return BuildReport(validation=validation, steps=steps.steps)
    out = out_dir or Path(config.output)
    recover(out)  # a build killed while renaming its outputs: finish that first
    from gcm_report.render.html import render_html
    from gcm_report.collector import no_full_collections
    from gcm_report.render.words import count_body, word_limit_note

    submissions = len(validation.loaded)
    with no_full_collections():  # see _render
        model = aggregate(validation.loaded, config, file_refs(validation.loaded, paths, out))
        # The submissions are in the model now (texts resolved, traces kept): let them go before rendering.
        validation = validation.model_copy(update={"submissions": []})
        english = render_html(model, "en", theme)  # counted for the word limit, and written if English is built
        note = word_limit_note(count_body(english, config.word_limit))
    model = model.model_copy(update={"notes": [*model.notes, note]})
    steps.finish("aggregate", f"{submissions} submissions")
    result = BuildReport(validation=validation, notes=model.notes, missing_translations=model.missing_translations,
                         steps=steps.steps)
    if strict and any(n.severity == "warning" for n in model.notes):
        return result.model_copy(update={"error": "--strict: the build noticed warnings (above); nothing written"})
    # PDF side (render/pdf.py): a font or subsetting problem stops the build with its fix; nothing written.
    from gcm_report.render.fonts import PdfError

    try:
        with no_full_collections():
            outputs = _render(model, langs, formats, out, theme, pdf_variant, steps, compendium, {"en": english},
                              workers)
    except PdfError as error:
        return result.model_copy(update={"error": str(error)})
    try:
        commit(outputs)
    except WriteError as error:
        return result.model_copy(update={"error": str(error)})
    steps.finish("write", f"{len(outputs)} files")
    return result.model_copy(update={"written": [str(p) for p in outputs], "steps": steps.steps})
