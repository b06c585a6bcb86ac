"""Untrusted text: escaped, web links only, no images, footnote references resolved."""

from __future__ import annotations

from markupsafe import Markup

from gcm_report.render.markdown import footnote_keys, render_inline


def test_raw_html_is_shown_as_text() -> None:
    assert str(render_inline("<script>alert(1)</script> and <b onclick=x>bold</b>")) == (
        "&lt;script&gt;alert(1)&lt;/script&gt; and &lt;b onclick=x&gt;bold&lt;/b&gt;")


def test_only_web_links_stay_links() -> None:
    html = str(render_inline("[a](javascript:alert(1)) [b](data:text/html,x) [c](file:///etc/passwd) "
                             "[d](mailto:x@y.org) [e](relative/page.html) [f](https://ok.example.org/) "
                             "[g](http://plain.example.org) <javascript:alert(2)>"))
    assert html.count("<a ") == 2
    assert '<a href="https://ok.example.org/">f</a>' in html and '<a href="http://plain.example.org">g</a>' in html
    for word in ("a", "b", "c", "d", "e"):
        assert f">{word}<" not in html and f" {word} " in f" {html} "
    assert 'href="javascript' not in html and 'href="data' not in html and 'href="file' not in html


def test_images_are_not_loaded() -> None:
    html = str(render_inline("![chart](https://tracker.example.org/pixel.png)"))
    assert "<img" not in html


def test_emphasis_and_bare_web_addresses() -> None:
    assert str(render_inline("an *important* point")) == "an <em>important</em> point"
    assert str(render_inline("See https://example.org/a_b.pdf.")) == (
        'See <a href="https://example.org/a_b.pdf">https://example.org/a_b.pdf</a>.')
    assert str(render_inline("见 https://example.org/x。")) == '见 <a href="https://example.org/x">https://example.org/x</a>。'


def test_footnote_references() -> None:
    assert footnote_keys("a[^one] b[^two] c[^one]") == ["one", "two"]
    html = render_inline("Text.[^one] More.[^zz]", lambda key: Markup("<sup>1</sup>") if key == "one" else None)
    assert str(html) == "Text.<sup>1</sup> More.[^zz]"
