"""The only door WeasyPrint has to the outside: the theme's own files, nothing else.

Submissions are third-party text: a link, an image or a stylesheet URL inside them must not
make the build reach the network or read a file from the machine into the PDF. WeasyPrint
fetches every external resource (images, stylesheets, @font-face sources, SVG references,
attachments, XMP metadata) through its ``url_fetcher``; this one serves

- ``file:`` URLs that resolve (symbolic links followed) to a regular file under the theme
  folder, and
- ``data:`` URLs that appear verbatim in the theme's own stylesheets,

and refuses everything else: http, https, ftp, other ``file:`` paths, other ``data:`` URLs.
It opens no connection at all, so there is no redirect to follow. A refused resource is left
out of the PDF (WeasyPrint logs it and goes on) and is recorded in ``refused``.
"""

from __future__ import annotations

import base64
import logging
import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

log = logging.getLogger(__name__)

#: Files the theme may use from CSS or HTML; anything else under the theme folder (templates,
#: locale files) is not a resource and is not served either.
ASSET_SUFFIXES = frozenset({".css", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp",
                            ".otf", ".ttf", ".woff", ".woff2", ".icc"})

_DATA_URL = re.compile(r"""data:[^\s"')]+""")


class FetchRefused(ValueError):
    """A resource outside the theme: WeasyPrint logs it and renders without it."""


class ThemeFetcher(URLFetcher):
    """Serve files under ``theme_dir`` (and the theme's own ``data:`` URLs); refuse the rest."""

    def __init__(self, theme_dir: Path) -> None:
        super().__init__(timeout=1, allowed_protocols=("file", "data"), allow_redirects=False,
                         fail_on_errors=False)
        self.root = Path(theme_dir).resolve(strict=True)
        self.allowed_data = frozenset(self._theme_data_urls())
        self.served: list[str] = []
        self.refused: list[str] = []

    def _theme_data_urls(self) -> set[str]:
        found: set[str] = set()
        for css in sorted(self.root.rglob("*.css")):
            found.update(_DATA_URL.findall(css.read_text(encoding="utf-8", errors="replace")))
        return found

    # WeasyPrint calls fetch(url) (and the object itself); never the network handlers.
    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        try:
            response = self._serve(url)
        except FetchRefused:
            self.refused.append(url)
            log.warning("refused to fetch %s: only the theme's own files may be used", _short(url))
            raise
        self.served.append(url)
        return response

    def open(self, url, data=None, timeout=None):  # pragma: no cover - defensive
        raise FetchRefused(f"not served: {url!r}")

    def __call__(self, url: str) -> URLFetcherResponse:
        return self.fetch(url)

    def _serve(self, url: str) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "file":
            return self._file(url)
        if scheme == "data":
            return self._data(url)
        raise FetchRefused(f"scheme {scheme or '(none)'!r} is not allowed: {url!r}")

    def _file(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise FetchRefused(f"remote file URL: {url!r}")
        try:
            path = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
        except (OSError, RuntimeError) as error:
            raise FetchRefused(f"no such file: {url!r}") from error
        if not path.is_relative_to(self.root) or not path.is_file():
            raise FetchRefused(f"outside the theme folder: {url!r}")
        if path.suffix.lower() not in ASSET_SUFFIXES:
            raise FetchRefused(f"not a theme asset: {url!r}")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body=path.read_bytes(),
                                  headers={"Content-Type": mime})

    def _data(self, url: str) -> URLFetcherResponse:
        if url not in self.allowed_data:
            raise FetchRefused("data: URL not used by the theme")
        header, _, payload = url[5:].partition(",")
        mime, *params = header.split(";")
        if params and params[-1].lower() == "base64":
            body = base64.b64decode(unquote_to_bytes(payload))
        else:
            body = unquote_to_bytes(payload)
        return URLFetcherResponse(url, body=body, headers={"Content-Type": mime or "text/plain"})


def _short(url: str, limit: int = 120) -> str:
    return url if len(url) <= limit else url[:limit] + "…"
