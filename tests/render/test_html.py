"""The HTML draft as a reader (and the print CSS) sees it: the seed's skeleton and the class contract."""

from __future__ import annotations

import re

import pytest

SEED_CHAPTERS_ZH = [  # the chapter headings of A/75/542 (Chinese), as the seed has them
    "一. 引言",
    "二. 实施《全球契约》对国际社会意味着什么？",
    "三. 会员国和其他方面如何着手实施的？",
    "四. 冠状病毒病对执行《全球契约》的影响",
    "五. 可以确认哪些进展？",
    "六. 联合国支持《全球契约》的行动",
    "七. 结论和建议",
]
SEED_SUBSECTIONS_ZH = [
    "A. 促进基于事实和数据驱动的移民问题讨论、政策和规划",
    "B. 通过解决导致移民的肇因并减缓脆弱性等方式保护移民的安全和福祉",
    "C. 解决非正常移民问题，包括为此管理边界和打击跨国犯罪",
    "D. 促进正常移民和体面工作，并加强人口流动对发展的积极影响",
    "E. 改善移民的社会包容和融入",
    "联合国移民问题网络",
    "联合国各实体提供的支持",
    "A. 《全球契约》的执行工作",
    "B. 体制安排的运行",
]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def zh(kitchen_pages, parse_html):  # type: ignore[no-untyped-def]
    return parse_html(kitchen_pages["zh"])


@pytest.fixture(scope="module")
def en(kitchen_pages, parse_html):  # type: ignore[no-untyped-def]
    return parse_html(kitchen_pages["en"])


def test_page_language_direction_and_body_class(zh, en) -> None:
    for page, lang in ((zh, "zh"), (en, "en")):
        html = page.find("html")
        assert (html.attrs["lang"], html.attrs["dir"]) == (lang, "ltr")
        assert page.find("body").classes == ["report"]


def test_the_chinese_draft_has_the_seeds_skeleton(zh) -> None:
    chapters = zh.find_all("section", cls="chapter")
    assert [c.attrs["id"] for c in chapters] == [f"chapter-{n}" for n in range(1, 8)]
    assert [_squash(c.find("h2").text()) for c in chapters] == SEED_CHAPTERS_ZH
    assert [_squash(s.find("h3").text()) for s in zh.find_all("section", cls="subsection")] == SEED_SUBSECTIONS_ZH
    assert [s.attrs["id"] for s in zh.find_all("section", cls="subsection")][:5] == [
        f"chapter-5-{x}" for x in "ABCDE"]


def test_the_english_draft_numbers_chapters_in_roman(en) -> None:
    headings = [_squash(c.find("h2").text()) for c in en.find_all("section", cls="chapter")]
    assert headings[0] == "I. Introduction"
    assert [h.split(".")[0] for h in headings] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert headings[4] == "V. What progress can be identified"


def test_masthead_and_front_matter(zh, en) -> None:
    mast = en.find("header", cls="masthead")
    assert _squash(mast.find(cls="un-name").text()) == "United Nations"
    assert _squash(mast.find(cls="symbol").text()) == "A/75/542*"
    assert _squash(mast.find(cls="organ").text()) == "General Assembly"
    assert _squash(mast.find(cls="distr").text()) == "Distr.: General"
    assert _squash(mast.find(cls="doc-date").text()) == "23 October 2020"
    assert _squash(mast.find(cls="original").text()) == "Original: English"
    assert _squash(en.find(cls="session").text()) == "Seventy-fifth session"
    assert _squash(en.find(cls="agenda-items").text()) == "Agenda items 14 and 122"
    assert _squash(en.find("h1", cls="title").text()) == "Global Compact for Safe, Orderly and Regular Migration"
    assert _squash(en.find(cls="report-of").text()) == "Report of the Secretary-General"
    assert _squash(en.find(cls="title-note").text()) == "* Reissued for technical reasons on 24 November 2020."

    zmast = zh.find("header", cls="masthead")
    assert _squash(zmast.find(cls="un-name").text()) == "联合国"
    assert _squash(zmast.find(cls="organ").text()) == "大会"
    assert _squash(zmast.find(cls="doc-date").text()) == "2020年10月23日"
    assert _squash(zmast.find(cls="original").text()) == "原件：英文"
    assert _squash(zh.find(cls="session").text()) == "第七十五届会议"
    assert _squash(zh.find(cls="agenda-items").text()) == "议程项目 14 和 122"
    assert [_squash(p.text()) for p in zh.find_all("p", cls="agenda-title")] == [
        "联合国经济、社会及有关领域主要大型会议和首脑会议成果的统筹协调执行及后续行动", "千年首脑会议成果的后续行动"]
    assert _squash(zh.find(cls="report-of").text()) == "秘书长的报告"
    assert _squash(zh.find(cls="title-note").text()) == "* 由于技术原因于2020年11月24日重发。"


def test_the_summarys_footnote_a_counts_the_corpus(zh, en) -> None:
    note = en.find("p", cls="footnote", id="fn-a")
    assert _squash(note.text(skip=("fn-back",))) == (
        "a On 15 May 2020, the coordinator of the United Nations Network on Migration sent a note verbale; "
        "materials in response to it have been received from 6 Member States, 1 intergovernmental organization, "
        "2 United Nations entities and 2 stakeholders.")
    znote = zh.find("p", cls="footnote", id="fn-a")
    assert ("迄今已收到 6 个会员国、1 个政府间组织、2 个联合国实体和 2 个利益攸关方提交的材料。"
            in znote.text())
    summary = en.find("section", cls="summary")
    call = summary.find("a", cls="fn-call")
    assert (call.attrs["href"], call.attrs["id"], call.text()) == ("#fn-a", "fn-call-a", "a")


def test_paragraph_numbers_run_through_the_report(zh, en, kitchen_model) -> None:
    for page in (zh, en):
        paras = page.find_all("p", cls="para")
        assert [p.attrs["id"] for p in paras] == [f"para-{n}" for n in range(1, len(paras) + 1)]
        assert [p.find(cls="para-num").text().strip() for p in paras] == [f"{n}." for n in range(1, len(paras) + 1)]
    subparas = en.find_all("p", cls="subpara")
    assert [s.find(cls="subpara-label").text().strip() for s in subparas] == ["(a)", "(b)", "(a)", "(b)"]


def test_footnote_calls_bodies_and_lists_follow_the_contract(en, kitchen_model) -> None:
    calls = [a for a in en.find_all("a", cls="fn-call") if a.attrs["href"] != "#fn-a"]
    numbers = [int(a.text()) for a in calls]
    assert numbers == list(range(1, len(kitchen_model.footnotes) + 1))
    for call in calls:
        n = call.text()
        assert call.attrs == {"class": "fn-call", "href": f"#fn-{n}", "id": f"fn-call-{n}",
                              "aria-label": f"Footnote {n}"}
        siblings = call.parent.children
        body = siblings[siblings.index(call) + 1]
        assert body.tag == "span" and body.classes == ["fn-body"] and body.attrs["data-n"] == n
        listed = en.find("p", cls="footnote", id=f"fn-{n}")
        assert listed.find(cls="fn-num").text() == n
        assert listed.find("a", cls="fn-back").attrs["href"] == f"#fn-call-{n}"
        assert _squash(listed.text(skip=("fn-num", "fn-back"))) == _squash(body.text())
        chapter = next(a for a in listed.ancestors() if "chapter" in a.classes)
        assert any("footnotes" in a.classes for a in listed.ancestors())
        assert call in list(chapter.iter())  # listed at the end of the chapter that calls it


def test_sources_become_see_footnotes_in_both_languages(zh, en) -> None:
    assert _squash(en.find("p", cls="footnote", id="fn-3").text(skip=("fn-num", "fn-back"))) == (
        "See National action plan (draft), https://www.example.org/kenya/plan.")
    assert _squash(zh.find("p", cls="footnote", id="fn-3").text(skip=("fn-num", "fn-back"))) == (
        "见 国家行动计划(草案)，https://www.example.org/kenya/plan。")
    link = en.find("p", cls="footnote", id="fn-3").find("a", href="https://www.example.org/kenya/plan")
    assert link.text() == "https://www.example.org/kenya/plan"


def test_champions_footnote_lists_states_as_footnote_17_does(zh, en) -> None:
    para = next(p for p in en.find_all("p", cls="para") if "committed to be champions" in p.text())
    assert _squash(para.text(skip=("fn-body", "para-num"))) == (
        "3 Member States have committed to be champions of the Global Compact.4")
    assert _squash(en.find("p", id="fn-4").text(skip=("fn-num", "fn-back"))) == (
        "Bolivia (Plurinational State of), Morocco and Portugal.")
    assert _squash(zh.find("p", id="fn-4").text(skip=("fn-num", "fn-back"))) == "多民族玻利维亚国、摩洛哥和葡萄牙。"


def test_every_generated_paragraph_links_to_its_file_and_line(en, kitchen_model) -> None:
    generated = [p for p in en.find_all("p") if p.find_all("a", cls="trace")]
    items = sum(1 for c in kitchen_model.chapters for p in [*c.paragraphs, *(q for s in c.subsections
                                                                            for q in s.paragraphs)]
                if p.kind in ("practice", "arrangement", "measure", "support"))
    assert len(generated) == items
    shelters = next(p for p in generated if "Shelters for victims of trafficking" in p.text())
    trace = shelters.find("a", cls="trace")
    assert (trace.attrs["href"], trace.text()) == ("../submissions/member-states/kenya.yaml#L48",
                                                   "member-states/kenya.yaml:48")
    joint = next(p for p in generated if "Joint labour mobility pilot" in p.text())
    assert [t.text() for t in joint.find_all("a", cls="trace")] == [
        "member-states/morocco.yaml:11", "member-states/portugal.yaml:18"]


def test_practice_paragraphs_name_the_submitter_and_objectives(zh, en) -> None:
    texts = [_squash(p.text(skip=("fn-body", "trace", "para-num"))) for p in en.find_all("p", cls="para")]
    assert ("Shelters for victims of trafficking (Kenya; objectives 7 and 10). "
            "Kenya is setting up shelters for victims of human trafficking.") in texts
    assert ("Awareness campaign on migration and human rights (Kenya National Commission on Human Rights; "
            "objective 17). The national human rights commission ran a public awareness campaign on migration "
            "and human rights.") in texts
    assert any(t.startswith("Joint labour mobility pilot (Moroccan side) (Ministry of Labour of Morocco and "
                            "Portugal; objective 5).") for t in texts)
    ztexts = [_squash(p.text(skip=("fn-body", "trace", "para-num"))) for p in zh.find_all("p", cls="para")]
    assert "人口贩运受害者庇护所(肯尼亚；目标 7 和 10)。肯尼亚正在为人口贩运受害者建设庇护场所。" in ztexts
    assert any(t.startswith("劳务流动联合试点(摩洛哥方面)(摩洛哥劳动部和葡萄牙；目标 5)。") for t in ztexts)


def test_names_take_the_un_form_and_abbreviations_after_the_first_mention(zh, en) -> None:
    ztexts = [p.text(skip=("fn-body", "trace")) for p in zh.find_all("p", cls="para")]
    uk = [t for t in ztexts if "；目标 13" in t]
    assert "(大不列颠及北爱尔兰联合王国；" in uk[0] and "(联合王国；" in uk[1]
    etexts = [p.text(skip=("fn-body", "trace")) for p in en.find_all("p", cls="para")]
    assert any("(Platform for International Cooperation on Undocumented Migrants (PICUM); objective 23)" in t
               for t in etexts)
    assert any("(Migrant Youth Network (MYN); objective 21)" in t for t in etexts)
    assert any("(MYN; objective 16)" in t for t in etexts)
    assert any("(多民族玻利维亚国；目标 4)" in t for t in ztexts)


def test_text_without_a_translation_is_marked_with_its_language(zh, en) -> None:
    bolivia = next(p for p in en.find_all("p", cls="para") if "Pasaportes" in p.text())
    spans = [s for s in bolivia.find_all("span") if s.attrs.get("lang") == "es"]
    assert [s.text() for s in spans] == [
        "Pasaportes electrónicos",
        "El Estado Plurinacional de Bolivia comenzó a expedir pasaportes electrónicos en 2019."]
    chapter2 = zh.find("section", id="chapter-2")
    assert all(p.find("span", lang="en") for p in chapter2.find_all("p", cls="para"))
    # the same text in the page's language carries no lang of its own
    assert not [s for s in en.find("section", id="chapter-1").find_all("span") if "lang" in s.attrs]


def test_editorial_markdown_keeps_emphasis_and_web_links(en) -> None:
    para = en.find("p", id="para-3")
    assert para.find("em").text() == "implementation"
    assert para.find("a").attrs["href"] == "https://migrationnetwork.un.org/"


def test_annexes_list_submitters_and_tabulate_objectives_and_regions(zh, en) -> None:
    annexes = en.find_all("section", cls="annex")
    assert [a.attrs["id"] for a in annexes] == ["annex-1", "annex-2", "annex-3", "annex-4"]
    lists = annexes[0].find_all("ul")
    assert [len(u.find_all("li")) for u in lists] == [6, 1, 2, 2]
    assert [li.text() for li in lists[0].find_all("li")] == [
        "Bolivia (Plurinational State of)", "Iceland", "Kenya", "Morocco", "Portugal",
        "United Kingdom of Great Britain and Northern Ireland"]
    coverage = annexes[1].find("table")
    assert coverage.find("caption").text()
    assert all(th.attrs.get("scope") in ("col", "row") for th in coverage.find_all("th"))
    rows = coverage.find("tbody").find_all("tr")
    assert len(rows) == 23
    seven = [c.text() for c in rows[6].find_all("td")]
    assert rows[6].find("th").text() == "7. Reduce vulnerabilities" and seven == ["3", "0", "0", "0", "3"]
    regions = annexes[2].find("table")
    heads = [th.text() for th in regions.find("thead").find_all("th")]
    assert heads[1:] == ["Africa", "Americas", "Asia", "Europe", "Oceania", "Organizations", "Total"]
    zheads = [th.text() for th in zh.find_all("section", cls="annex")[2].find("thead").find_all("th")]
    assert zheads[1:6] == ["非洲", "美洲", "亚洲", "欧洲", "大洋洲"]
    total = [c.text() for c in regions.find("tfoot").find_all("td")]
    # Africa: KEN 4 + the joint pilot under MAR; Americas: BOL; Europe: PRT 1 + GBR 2;
    # organizations: IGAD 1, IOM 1, PICUM 1, MYN 2
    assert total == ["5", "1", "0", "3", "0", "5", "14"]


def test_the_chart_is_inline_svg_with_title_and_description_in_the_page_language(zh, en) -> None:
    for page, title in ((en, "Practices citing each objective"), (zh, "引用各项目标的做法")):
        svg = page.find("svg")
        assert svg.attrs["role"] == "img"
        assert svg.find("title").text() == title
        assert "7. " in svg.find("desc").text()
        labels = [t.text() for t in svg.find_all("text")]
        assert ("7. Reduce vulnerabilities" if page is en else "7. 减少脆弱性") in labels


def test_the_page_is_self_contained(kitchen_pages, parse_html) -> None:
    for text in kitchen_pages.values():
        page = parse_html(text)
        assert not page.find_all("script")
        assert not page.find_all("link") and not page.find_all("img") and not page.find_all("iframe")
        style = page.find("style").text()
        assert ".fn-body" in style and "margin-inline-start" in style
        assert not re.search(r"url\(\s*['\"]?(https?:|//)", style)
        assert "@import" not in style


def test_print_css_is_inlined_after_the_screen_css_when_the_theme_has_it(kitchen_pages, parse_html) -> None:
    from gcm_report.render.html import theme_dir

    style = parse_html(kitchen_pages["en"]).find("style").text()
    screen = (theme_dir() / "static" / "report.css").read_text(encoding="utf-8")
    assert screen.strip() in style
    printing = theme_dir() / "static" / "print.css"
    if printing.is_file():
        assert style.index(screen.strip()) < style.index(printing.read_text(encoding="utf-8").strip())


def test_headings_are_in_order(en) -> None:
    levels = [int(e.tag[1]) for e in en.iter() if re.fullmatch(r"h[1-6]", e.tag)]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
