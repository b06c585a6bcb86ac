"""Live preview: build the HTML drafts, serve them on localhost, rebuild when an input changes.

The authoring loop of a drafting officer: edit a submission, the configuration or a
template, and the page in the browser shows the new draft a moment later. A
validation error does not stop the loop: the page shows the problems (and the
terminal prints them) until the file is fixed. The drafts themselves never contain a
script; only the preview server adds a few lines to the pages it serves so that the
browser reloads when the build changes.
"""

from __future__ import annotations

import html
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from gcm_report.pipeline import BuildReport, build

RELOAD = (
    "<script>(function(){var v=%d;setInterval(function(){fetch('/__version',{cache:'no-store'})"
    ".then(function(r){return r.text()}).then(function(t){if(+t!==v){location.reload()}})"
    ".catch(function(){})},400)})();</script>"
)


@dataclass
class Preview:
    """The latest build, shared between the watcher (which writes it) and the server (which reads it)."""

    config: Path
    paths: Sequence[Path]
    langs: Sequence[str] | None = None
    formats: Sequence[str] = ("html",)
    out: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="gcm-report-preview-")))
    version: int = 0
    report: BuildReport | None = None
    built_from: tuple[tuple[str, int, int], ...] = ()
    pages: dict[str, str] = field(default_factory=dict)
    theme: Path | None = None
    compendium: bool = False
    cache_dir: Path | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fingerprint(self) -> tuple[tuple[str, int, int], ...]:
        """Every input file's path, modification time and size: what a rebuild depends on."""
        files: list[Path] = []
        for root in self.watched():
            files.extend(sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root])
        out = []
        for path in files:
            try:
                stat = path.stat()
            except OSError:
                continue
            out.append((str(path), stat.st_mtime_ns, stat.st_size))
        return tuple(out)

    def rebuild(self) -> BuildReport:
        """Build into the preview folder and bump the version the pages poll."""
        inputs = self.fingerprint()  # before building: a change made during the build triggers another
        report = build(self.config, list(self.paths), self.out, self.langs, self.formats,
                       compendium=self.compendium, cache_dir=self.cache_dir)  # only the changed file is parsed
        pages = {Path(p).name: Path(p).read_text(encoding="utf-8") for p in report.written if p.endswith(".html")}
        with self.lock:  # the pages and their version change together
            self.report = report
            if report.exit_code == 0:
                self.pages = pages
            self.built_from = inputs
            self.version += 1
        return report

    def watched(self) -> list[Path]:
        """What a change to should rebuild: the submissions, the configuration, the theme."""
        return [p for p in [*self.paths, self.config, *([self.theme] if self.theme else [])] if p.exists()]

    def page(self, name: str) -> tuple[int, str, bytes]:
        """The response for a path: a draft, the index, or the problems that stop the build."""
        with self.lock:
            report, version, pages = self.report, self.version, self.pages
        if name == "__version":
            return HTTPStatus.OK, "text/plain", str(version).encode()
        if report is None or report.exit_code != 0:
            return HTTPStatus.OK, "text/html; charset=utf-8", _problems_page(report, version).encode()
        if name in ("", "index.html"):
            return HTTPStatus.OK, "text/html; charset=utf-8", _index(sorted(pages), version).encode()
        if name in pages:
            text = pages[name]
            return HTTPStatus.OK, "text/html; charset=utf-8", text.replace("</body>", RELOAD % version + "</body>").encode()
        return HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found"


def _shell(title: str, body: str, version: int) -> str:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto}}pre{{white-space:pre-wrap}}"
            f"</style></head><body>{body}{RELOAD % version}</body></html>")


def _index(drafts: list[str], version: int) -> str:
    items = "".join(f'<li><a href="/{html.escape(d)}">{html.escape(d)}</a></li>' for d in drafts)
    return _shell("gcm-report preview", f"<h1>Drafts</h1><ul>{items}</ul>", version)


def _problems_page(report: BuildReport | None, version: int) -> str:
    if report is None:
        return _shell("Building", "<p>Building the draft…</p>", version)
    rows = []
    diagnostics = list(report.config_problems) + (list(report.validation.diagnostics) if report.validation else [])
    for d in diagnostics:
        if d.severity == "info":
            continue
        rows.append(f"<li><code>{html.escape(d.location)}</code> <strong>{d.severity}</strong> "
                    f"[{html.escape(d.code)}] {html.escape(d.message)}"
                    + (f"<br><em>{html.escape(d.hint)}</em>" if d.hint else "") + "</li>")
    if report.error:
        rows.append(f"<li>{html.escape(report.error)}</li>")
    body = ("<h1>The draft cannot be built</h1><p>Fix these problems; the page reloads when the build "
            f"succeeds.</p><ul class=\"problems\">{''.join(rows)}</ul>")
    return _shell("Build problems", body, version)


class _Handler(BaseHTTPRequestHandler):
    preview: Preview

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        status, kind, body = self.preview.page(self.path.split("?", 1)[0].lstrip("/"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet: the terminal shows builds
        return


def serve(preview: Preview, host: str, port: int) -> ThreadingHTTPServer:
    """An HTTP server for the preview, bound to `host` (localhost by default), not yet started."""
    handler = type("Handler", (_Handler,), {"preview": preview})
    return ThreadingHTTPServer((host, port), handler)


def watch(preview: Preview, on_build: Callable[[BuildReport], None], stop: threading.Event | None = None) -> None:
    """Rebuild on every change under the watched paths until `stop` is set.

    File-system events say when to look; the inputs' fingerprint decides, so a change
    made before the watcher was listening (or while a build ran) is not lost.
    """
    from watchfiles import watch as changes

    for _ in changes(*preview.watched(), stop_event=stop, debounce=100, step=50, yield_on_timeout=True,
                     rust_timeout=500):
        if preview.fingerprint() != preview.built_from:
            on_build(preview.rebuild())
