"""WeasyPrint reads only the theme's own files: no network, no file outside the theme, no foreign data: URL."""

from __future__ import annotations

import http.server
import io
import threading
from pathlib import Path

import pytest
from pdfrender import THEME, render

SECRET = "TOP-SECRET-7f3a9c"


@pytest.fixture
def fetcher():  # type: ignore[no-untyped-def]
    from gcm_report.render.fetcher import ThemeFetcher

    return ThemeFetcher(THEME)


def test_serves_a_theme_asset(fetcher):
    response = fetcher((THEME / "static" / "print.css").as_uri())
    assert b"@media print" in response.read()
    assert fetcher.served and not fetcher.refused


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/x.png",
    "https://example.org/logo.svg",
    "ftp://127.0.0.1/x",
    "file:///etc/passwd",
    "file://remote-host/share/x.css",
    "data:text/css,body{color:red}",
    "data:image/svg+xml;base64,PHN2Zy8+",
    "javascript:alert(1)",
    "about:blank",
])
def test_refuses_everything_else(fetcher, url):
    from gcm_report.render.fetcher import FetchRefused

    with pytest.raises(FetchRefused):
        fetcher(url)
    assert fetcher.refused == [url]


def test_refuses_theme_files_that_are_not_assets_and_paths_that_escape(fetcher):
    from gcm_report.render.fetcher import FetchRefused

    for url in ((THEME / "report.html.j2").as_uri(),
                (THEME / "static" / ".." / ".." / ".." / "pyproject.toml").as_uri(),
                THEME.as_uri() + "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml"):
        with pytest.raises(FetchRefused):
            fetcher(url)


def test_refuses_a_symbolic_link_out_of_the_theme(tmp_path):
    from gcm_report.render.fetcher import FetchRefused, ThemeFetcher

    theme = tmp_path / "theme"
    (theme / "static").mkdir(parents=True)
    secret = tmp_path / "secret.css"
    secret.write_text(SECRET)
    (theme / "static" / "evil.css").symlink_to(secret)
    with pytest.raises(FetchRefused):
        ThemeFetcher(theme)((theme / "static" / "evil.css").as_uri())


def test_serves_only_the_data_urls_the_theme_itself_uses(tmp_path):
    from gcm_report.render.fetcher import FetchRefused, ThemeFetcher

    theme = tmp_path / "theme"
    (theme / "static").mkdir(parents=True)
    own = "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4="
    (theme / "static" / "print.css").write_text(f".rule {{ background: url({own}); }}")
    fetcher = ThemeFetcher(theme)
    assert fetcher(own).read().startswith(b"<svg")
    with pytest.raises(FetchRefused):
        fetcher(own.replace("PHN2Z", "PHN2a"))


class _Counting(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802
        _Counting.requests.append(self.path)
        body = b"<svg xmlns='http://www.w3.org/2000/svg'/>" if self.path.endswith(".svg") else b"x"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture
def server():  # type: ignore[no-untyped-def]
    """A local HTTP server on 127.0.0.1 (port chosen by the OS), stopped after the test."""
    _Counting.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    httpd.timeout = 1
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def _all_pdf_text(data: bytes) -> bytes:
    """The PDF's bytes with every stream decompressed (the secret must not be anywhere)."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    out = [data]
    for number in range(1, len(reader.xref_objStm) + 2000):
        try:
            obj = reader.get_object(number)
        except Exception:  # noqa: BLE001 - sparse object numbers
            continue
        if hasattr(obj, "get_data"):
            try:
                out.append(obj.get_data())
            except Exception:  # noqa: BLE001
                pass
    return b"\n".join(out)


@pytest.mark.slow
def test_a_hostile_page_prints_without_fetching_anything(server, tmp_path):
    from gcm_report.render import pdf

    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    (tmp_path / "secret.css").write_text(f"body::after {{ content: '{SECRET}' }}")
    (tmp_path / "secret.svg").write_text(f"<svg xmlns='http://www.w3.org/2000/svg'><text y='10'>{SECRET}</text></svg>")
    outside = tmp_path.as_uri()
    html = f"""<!DOCTYPE html><html lang="en"><head>
<title>Hostile</title>
<base href="{server}/base/">
<link rel="stylesheet" href="{server}/style.css">
<link rel="stylesheet" href="{outside}/secret.css">
<link rel="attachment" href="{outside}/secret.txt">
<style>
@import url("{server}/import.css");
@import url("{outside}/secret.css");
@font-face {{ font-family: Evil; src: url("{server}/font.woff2"), url("{outside}/secret.txt"); }}
body {{ background: url("{server}/bg.png"); }}
p.x {{ font-family: Evil; background-image: url("{outside}/secret.svg"); }}
</style></head>
<body class="report">
<p class="x">Links and images pointing out: <a href="{server}/page">a link</a>,
<a href="{outside}/secret.txt" rel="attachment">an attachment</a>.</p>
<img src="{server}/image.png" alt="remote image">
<img src="{outside}/secret.svg" alt="local file">
<img src="data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg'><text>{SECRET}</text></svg>" alt="data">
<img src="relative.png" alt="relative to the base">
<object data="{outside}/secret.txt"></object>
<embed src="{server}/embed.svg">
<iframe src="{outside}/secret.txt"></iframe>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="50" height="50">
<image href="{server}/svg-image.svg" width="10" height="10"/>
<image xlink:href="{outside}/secret.svg" width="10" height="10"/>
<use href="{outside}/secret.svg#x"/>
</svg>
<ol start="7"><li>first item</li></ol>
</body></html>"""
    data = render(html, "en", title="Hostile")
    assert data.startswith(b"%PDF-")
    assert _Counting.requests == []                 # the server saw nothing
    assert SECRET.encode() not in _all_pdf_text(data)
    stats = pdf.last_stats
    assert stats.served == []
    assert any(url.startswith(server) for url in stats.refused)
    assert any(url.startswith(outside) for url in stats.refused)
    # Presentational hints stay off: <ol start="7"> is not honoured (the number comes from CSS).
    import subprocess

    path = tmp_path / "hostile.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True).stdout
    assert "Links and images pointing out" in text
    assert "7." not in text and SECRET not in text
