"""The word limit: what counts as a word, what part of the report counts, and the warning a drafter
gets (with the count, the limit and the paragraph where the body passes it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gcm_report.cli import app
from gcm_report.render.html import render_html
from gcm_report.render.words import CJK_CHARS_PER_WORD, count_body, count_words, word_limit_note

runner = CliRunner()


@pytest.mark.parametrize(("text", "words"), [
    ("The Compact sets out a framework for cooperation.", 8),
    ("a 360-degree approach, A/75/542 and COVID-19", 6),       # hyphens and slashes join
    ("See https://www.un.org/en/migration2020 — and more", 4),  # a web address is one word, a dash none
    ("(a)  Kenya ;  objective 7 .", 4),
    ("", 0),
])
def test_a_word_is_a_run_between_spaces_with_a_letter_or_digit(text: str, words: int) -> None:
    assert count_words(text) == words


def test_chinese_shown_untranslated_counts_at_the_documented_ratio() -> None:
    assert count_words("移民问题网络") == pytest.approx(6 / CJK_CHARS_PER_WORD)
    assert count_words("COVID-19疫情 response") == pytest.approx(2 + 2 / CJK_CHARS_PER_WORD)


PAGE = """<!DOCTYPE html><html lang="en"><head><title>Not counted</title><style>p { x: y }</style></head>
<body class="report">
<header class="masthead"><p class="un-name">United Nations</p><p class="symbol">A/75/542</p></header>
<main>
<div class="front">
  <p class="session">Seventy-fifth session</p>
  <div class="agenda"><p class="agenda-items">Agenda items 14 and 122</p></div>
  <h1 class="title">Global Compact for Migration</h1>
  <p class="report-of">Report of the Secretary-General</p>
  <section class="summary"><h2>Summary</h2><p>Five words in the summary.</p></section>
  <p class="job-number">20-13940 (E)</p>
</div>
<section class="chapter" id="chapter-1"><h2><span class="chapter-num">I. </span>Introduction</h2>
  <p class="para" id="para-1"><span class="para-num">1.</span> Ten words here, one two three four five six
  seven.<a class="fn-call" href="#fn-1">1</a><span class="fn-body" data-n="1">A footnote of exactly six words.</span>
  <a class="trace" href="x.yaml#L1">member-states/kenya.yaml:1</a></p>
  <section class="footnotes"><p class="footnote">1 A footnote of exactly six words.</p></section>
</section>
<section class="chapter" id="chapter-5"><h2><span class="chapter-num">V. </span>What progress can be identified</h2>
  <section class="subsection"><h3><span class="subsection-letter">A. </span>Promoting data<a class="unofficial-mark"
  href="#u">†</a></h3>
  <p class="para" id="para-2"><span class="para-num">2.</span> <span class="item-title">Census</span> (Kenya; objective
  1). Thirteen more words: a b c d e f g h i j k l m.</p>
  <p class="subpara"><span class="subpara-label">(a)</span> Three more words.</p>
  </section>
</section>
<section class="annex" id="annex-1"><h2>Annex I</h2><p>Many words in the annex are never counted at all.</p></section>
</main>
<aside class="screen-only"><h2>Texts awaiting translation</h2></aside>
</body></html>"""
"""A draft cut to its bones, with the classes the templates give. Its words: the title 4 + 4, the summary
1 + 5 (14); chapter I: heading 1, paragraph 10 and its footnote 6 (31); chapter V: heading 5, section
heading 2, paragraph 20 and sub-paragraph 3 (61)."""


def test_the_body_counts_title_summary_chapters_and_footnotes_but_no_masthead_annex_or_numbering() -> None:
    assert count_body(PAGE, 100).words == 61


@pytest.mark.parametrize(("limit", "where"), [
    (61, None),
    (60, "paragraph 2 (chapter V. What progress can be identified, section A. Promoting data)"),
    (38, "paragraph 2 (chapter V. What progress can be identified, section A. Promoting data)"),
    (37, "chapter V. What progress can be identified, section A. Promoting data"),
    (31, "chapter V. What progress can be identified"),
    (30, "paragraph 1 (chapter I. Introduction)"),
    (13, "the summary"),
    (8, "the summary"),
    (7, "the title"),
])
def test_the_warning_names_where_the_running_count_passes_the_limit(limit: int, where: str | None) -> None:
    note = word_limit_note(count_body(PAGE, limit))
    if where is None:
        assert (note.severity, note.code) == ("info", "word-count")
        assert note.message == f"the report body has 61 words (limit {limit:,}, counted on the English version)"
    else:
        assert (note.severity, note.code) == ("warning", "word-limit")
        assert note.message.startswith(f"the report body has 61 words, {61 - limit} over the limit of {limit}")
        assert note.message.endswith(f"it passes the limit in {where}")


def test_on_a_rendered_draft_the_warning_points_at_a_paragraph_of_the_chapter_it_names(kitchen_model,
                                                                                       parse_html) -> None:
    html = render_html(kitchen_model, "en")
    total = count_body(html, 8500)
    assert 1000 < total.words < 1500 and total.overflow is None
    assert count_body(html, total.words - 1).overflow.chapter == "VII. Conclusions and recommendations"
    half = count_body(html, total.words // 2).overflow
    page = parse_html(html)
    chapter = next(c for c in page.find_all("section", cls="chapter")
                   if c.find_all("p", id=f"para-{half.paragraph}"))
    assert " ".join(chapter.find("h2").text().split()) == half.chapter


@pytest.fixture()
def corpus(tmp_path: Path, kitchen_sink: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(kitchen_sink, target)
    return target


def _limit(corpus: Path, value: str) -> int:
    """Set report.yaml's word_limit; the line it is written on."""
    config = corpus / "report.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + f"word_limit: {value}\n", encoding="utf-8")
    return text.count("\n") + 1


def _build(corpus: Path, *extra: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["build", str(corpus / "submissions"), "--config", str(corpus / "report.yaml"),
                               "--out", str(corpus / "build"), "--format", "html", "--lang", "zh", "--no-compendium",
                               *extra])


def test_the_build_says_how_many_words_the_body_has_even_when_english_is_not_built(corpus: Path) -> None:
    result = _build(corpus)
    assert result.exit_code == 0, result.output
    assert "info[word-count] the report body has 1," in result.output
    assert "(limit 8,500, counted on the English version)" in result.output


def test_a_body_over_the_limit_warns_and_stops_a_strict_build(corpus: Path) -> None:
    _limit(corpus, "600")
    lax = _build(corpus)
    assert lax.exit_code == 0, lax.output
    assert "warning[word-limit] the report body has 1," in lax.output
    assert "over the limit of 600" in lax.output and "it passes the limit in paragraph " in lax.output
    shutil.rmtree(corpus / "build")
    strict = _build(corpus, "--strict")
    assert strict.exit_code == 1 and "--strict" in strict.output
    assert not (corpus / "build").exists()


@pytest.mark.parametrize("value", ["0", "-5", "many", "8500.5"])
def test_the_limit_is_a_whole_number_of_one_or_more(corpus: Path, value: str) -> None:
    line = _limit(corpus, value)
    result = _build(corpus)
    assert result.exit_code == 1
    assert f"report.yaml:{line}:13: error[wrong-type] Expected a whole number, 1 or more here; found {value}." \
        in result.output
