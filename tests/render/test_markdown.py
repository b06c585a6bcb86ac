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
        'See <a href="https://example.org/a_b.pdf" dir="ltr">https://example.org/a_b.pdf</a>.')
    assert str(render_inline("见 https://example.org/x。")) == (
        '见 <a href="https://example.org/x" dir="ltr">https://example.org/x</a>。')
    # an address written as a link's text too; a link with words keeps the page's direction
    assert 'dir="ltr"' in str(render_inline("<https://example.org/y>"))
    assert 'dir' not in str(render_inline("[the plan](https://example.org/y)"))


def test_footnote_references() -> None:
    assert footnote_keys("a[^one] b[^two] c[^one]") == ["one", "two"]
    html = render_inline("Text.[^one] More.[^zz]", lambda key: Markup("<sup>1</sup>") if key == "one" else None)
    assert str(html) == "Text.<sup>1</sup> More.[^zz]"


def test_document_symbols_read_left_to_right() -> None:
    """In an Arabic text too: A/HRC/45/30 is isolated, so its slashes and numbers keep their order."""
    html = str(render_inline("انظر A/HRC/45/30 و A/RES/73/195، والوثيقة E/CN.9/2020/2."))
    assert html == ('انظر <bdi dir="ltr">A/HRC/45/30</bdi> و <bdi dir="ltr">A/RES/73/195</bdi>، والوثيقة '
                    '<bdi dir="ltr">E/CN.9/2020/2</bdi>.')
    assert str(render_inline("resolution 73/195 and COVID-19")) == "resolution 73/195 and COVID-19"
    assert "<bdi" not in str(render_inline("See https://example.org/A/75/542"))      # inside a link: left alone
    assert str(render_inline("<b>A/75/1</b>")) == "&lt;b&gt;<bdi dir=\"ltr\">A/75/1</bdi>&lt;/b&gt;"
