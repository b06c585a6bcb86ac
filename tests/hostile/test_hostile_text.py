"""Hostile text in every field of a submission: escaped in the HTML, plain text in the PDF, nothing fetched.

One hostile submission (a UN entity, so that every kind of item is shown) carries the same payload
in every text it has; the corpus is built once for the module, HTML in Chinese and English and the
English PDF, with a local HTTP server listening on 127.0.0.1 that must receive no request.
"""

from __future__ import annotations

import csv
import http.server
import io
import re
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from hostile_support import KITCHEN, VALID, cli, cli_many, validate_text

hostile = pytest.mark.hostile

SCRIPT = '<script>alert("x")</script>'
WORD = "W" * 20_000  # the longest text allowed, and one unbreakable word


def payload(server: str, tag: str) -> str:
    """Everything at once; `tag` tells the fields apart."""
    return (f"{tag} {SCRIPT} <img src=x onerror=alert(1)> <b onclick=\"alert(2)\">bold</b> "
            f"[js](javascript:alert(3)) [js2](JaVaScRiPt:alert(4)) [js3]( javascript:alert(5)) "
            f"[vb](vbscript:msgbox) [data](data:text/html;base64,PHNjcmlwdD4=) [file](file:///etc/passwd) "
            f"![passwd](file:///etc/passwd) ![served]({server}/md-image.png) <img src=\"{server}/raw.png\"> "
            f"<iframe src=\"{server}/frame\"></iframe> <link rel=stylesheet href=\"{server}/x.css\"> "
            f"</style><style>body{{background:url({server}/css.png)}}</style> "
            f"<p style=\"background:url({server}/attr.png)\">styled</p> @import url({server}/import.css); "
            f"{{{{ 7*7 }}}} {{% raw %}} %(name)s {{found}} \u202eRLO\u202c \u2067RLI\u2069 a\u200bb\u200dc\u2060d "
            f"[web]({server}/page) <{server}/autolink> end-{tag}")


def hostile_submission(server: str) -> str:
    def text(tag: str) -> str:
        value = payload(server, tag).replace("\\", "\\\\").replace('"', '\\"')
        return f'{{en: "{value}", zh: "{value} 中文"}}'

    return f"""\
schema_version: 1
cycle: 2020
language: en
submitted: 2020-05-01
submitter:
  category: un-entity
  name: {text("name")}
  short_name: {text("short")}
contact: {{name: '{SCRIPT}', email: '{SCRIPT}', organization: '{SCRIPT}'}}
implementation:
  arrangements:
    - kind: national-plan
      title: {text("arrangement-title")}
      summary: {text("arrangement-summary")}
      partners: [{text("arrangement-partner")}]
      sources:
        - url: {server}/source
          title: {text("arrangement-source")}
        - citation: {text("arrangement-citation")}
covid19:
  - summary: {text("covid-summary")}
    objectives: [15]
    partners: [{text("covid-partner")}]
    sources:
      - url: {server}/covid-source
        title: {text("covid-source")}
practices:
  - title: {text("practice-title")}
    summary: {text("practice-summary")}
    objectives: [16]
    actor: {text("practice-actor")}
    partners: [{text("practice-partner")}]
    sources:
      - url: {server}/practice-source
        title: {text("practice-source")}
  - title: {{en: The longest word, zh: 最长的词}}
    summary: {{en: {WORD}, zh: {WORD}}}
    objectives: [17]
support:
  - summary: {text("support-summary")}
    objectives: [23]
challenges: [{text("challenge")}]
recommendations: [{text("recommendation")}]
"""


class _Counting(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        _Counting.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Length", "1")
        self.end_headers()
        self.wfile.write(b"x")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The kitchen sink plus the hostile submission, built (HTML zh and en, PDF en) with a server listening."""
    from gcm_report.pipeline import build
    from gcm_report.render import pdf

    _Counting.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        server = f"http://127.0.0.1:{httpd.server_address[1]}"
        corpus = tmp_path_factory.mktemp("hostile-text") / "corpus"
        shutil.copytree(KITCHEN, corpus)
        (corpus / "submissions" / "un-entities" / "hostile.yaml").write_text(hostile_submission(server),
                                                                              encoding="utf-8")
        out = corpus / "build"
        html = build(corpus / "report.yaml", [corpus / "submissions"], out, ["zh", "en"], ["html"])
        assert html.exit_code == 0, (html.error, [d.message for d in html.validation.diagnostics])
        result = build(corpus / "report.yaml", [corpus / "submissions"], out / "pdf", ["en"], ["pdf"])
        assert result.exit_code == 0, result.error
        stats = pdf.last_stats
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
    return {"out": out, "server": server, "requests": list(_Counting.requests), "stats": stats,
            "html": {lang: (out / f"report.{lang}.html").read_text(encoding="utf-8") for lang in ("zh", "en")},
            "pdf": (out / "pdf" / "report.en.pdf").read_bytes()}


def _pdf_text(data: bytes) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


FIELDS = ["name", "arrangement-title", "arrangement-summary", "arrangement-source", "arrangement-citation",
          "covid-summary", "covid-source", "practice-title", "practice-summary", "practice-actor",
          "practice-source", "support-summary"]
"""The hostile texts the draft shows (partners, challenges, recommendations and the contact are not shown)."""


@hostile("text-html-in-every-field")
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.slow
def test_html_in_every_field_is_escaped(built: dict[str, Any], parse_html, lang: str) -> None:
    text = built["html"][lang]
    page = parse_html(text)
    for tag in ("script", "img", "iframe", "object", "embed", "link", "base", "form", "meta http-equiv"):
        assert not [e for e in page.find_all(tag.split()[0]) if " " not in tag or tag.split()[1] in e.attrs], tag
    assert not [e for e in page.iter() if "style" in e.attrs and "url(" in e.attrs["style"]]
    assert text.count("<style") == 1 and text.count("</style>") == 1  # the theme's own, nothing more
    assert not [e for e in page.iter() if any(k.startswith("on") for k in e.attrs)]
    seen = page.text()
    for field in FIELDS:
        assert f"end-{field}" in seen, field
    assert seen.count(SCRIPT) >= len(FIELDS), "the markup is shown as text"
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in text or "&lt;script&gt;alert(\"x\")" in text


@hostile("text-html-in-every-field")
@pytest.mark.slow
def test_html_in_every_field_is_plain_text_in_the_pdf(built: dict[str, Any]) -> None:
    text = _flat(_pdf_text(built["pdf"]))
    assert text.count(_flat(SCRIPT)) >= len(FIELDS) - 1, "the name appears in the PDF as text"
    assert _flat("<b onclick=\"alert(2)\">bold</b>") in text


@hostile("text-markdown-raw-html")
@pytest.mark.slow
def test_markdown_raw_html_is_not_html(built: dict[str, Any], parse_html) -> None:
    page = parse_html(built["html"]["en"])
    para = next(p for p in page.find_all("p") if "end-practice-summary" in p.text())
    assert "<b onclick=\"alert(2)\">bold</b>" in para.text()
    assert "</style><style>body{background:url(" in para.text()


@hostile("text-dangerous-links")
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.slow
def test_javascript_data_vbscript_and_file_links_lose_their_link(built: dict[str, Any], parse_html,
                                                                  lang: str) -> None:
    page = parse_html(built["html"][lang])
    hrefs = [a.attrs.get("href", "") for a in page.find_all("a")]
    assert not [h for h in hrefs if not re.match(r"^(https?://|#|[^:]*$)", h.strip(), re.IGNORECASE)], hrefs
    para = next(p for p in page.find_all("p") if "end-practice-summary" in p.text())
    for words in ("js", "js2", "js3", "vb", "data", "file", "web"):
        assert f" {words} " in f" {para.text()} ", words  # the words stay


@hostile("text-images-local-file")
@pytest.mark.slow
def test_images_pointing_at_etc_passwd_are_not_images_and_nothing_is_read(built: dict[str, Any],
                                                                          parse_html) -> None:
    for lang in ("zh", "en"):
        assert not parse_html(built["html"][lang]).find_all("img")
    assert b"root:x:0:0" not in built["pdf"]
    assert "root:x:0:0" not in _pdf_text(built["pdf"])
    assert built["stats"].refused == [], "nothing from a submission was even asked for"


@hostile("text-images-local-server")
@pytest.mark.slow
def test_a_local_web_server_named_everywhere_receives_no_request(built: dict[str, Any]) -> None:
    assert built["server"] in built["html"]["en"]  # it is named (links and sources)...
    assert built["requests"] == []  # ...and never fetched, by the HTML build nor by the PDF
    assert not [u for u in built["stats"].served if not u.startswith(("file:", "data:"))]


@hostile("text-css-injection")
@pytest.mark.slow
def test_css_in_texts_stays_text(built: dict[str, Any], parse_html) -> None:
    text = built["html"]["en"]
    style = text[text.index("<style"):text.index("</style>")]
    assert "127.0.0.1" not in style and "@import" not in style
    assert not [e for e in parse_html(text).iter() if "style" in e.attrs and "127.0.0.1" in e.attrs["style"]]
    assert "body{background:url(" in _flat(_pdf_text(built["pdf"]))


@hostile("text-template-injection")
@pytest.mark.slow
def test_template_and_format_syntax_is_shown_as_written(built: dict[str, Any], parse_html) -> None:
    para = next(p for p in parse_html(built["html"]["en"]).find_all("p") if "end-practice-summary" in p.text())
    assert "{{ 7*7 }} {% raw %} %(name)s {found}" in para.text()


@hostile("text-bidi-controls")
@pytest.mark.slow
def test_balanced_direction_controls_are_kept(built: dict[str, Any]) -> None:
    assert "\u202eRLO\u202c \u2067RLI\u2069" in built["html"]["en"]


@hostile("text-bidi-controls")
@pytest.mark.parametrize("name, found", [
    ("\u202eevil\u202c Network", None), ("Network \u202e", "U+202E (RIGHT-TO-LEFT OVERRIDE) not closed by U+202C"),
    ("\u2067Network", "U+2067 (RIGHT-TO-LEFT ISOLATE) not closed by U+2069"),
    ("\u202b\u2066x\u2069", "U+202B (RIGHT-TO-LEFT EMBEDDING) not closed by U+202C"),
    ("\u200fشبكة\u200e Network", None),
])
def test_a_direction_override_left_open_is_refused_where_it_is(tmp_path: Path, name: str, found: str | None) -> None:
    text = VALID.replace("  category: member-state\n  country: KEN",
                         f'  category: stakeholder\n  name: "{name}"')
    report = validate_text(tmp_path, text)
    if found is None:
        assert report.valid, report.diagnostics
        return
    (d,) = report.diagnostics
    assert (d.code, d.line, d.column, d.details["found"]) == ("wrong-type", 6, 9, found)
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", d.message + (d.source_line or ""))


@hostile("text-zero-width")
@pytest.mark.slow
def test_zero_width_characters_are_kept_in_the_draft(built: dict[str, Any]) -> None:
    assert "a\u200bb\u200dc\u2060d" in built["html"]["en"]
    assert "a\u200bb\u200dc\u2060d" in built["html"]["zh"]


@hostile("text-zero-width")
@pytest.mark.parametrize("second", ["Migrant\u200b Network", "Mi\u00adgrant Network", "\ufeffMigrant Network",
                                    "Migrant Net\u200dwork"])
def test_zero_width_characters_do_not_hide_a_duplicate_submitter(tmp_path: Path, second: str) -> None:
    from gcm_report.validate import validate_paths

    org = VALID.replace("  category: member-state\n  country: KEN", "  category: stakeholder\n  name: NAME")
    (tmp_path / "a.yaml").write_text(org.replace("NAME", "Migrant Network"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(org.replace("NAME", f'"{second}"'), encoding="utf-8")
    report = validate_paths([tmp_path])
    assert [(d.code, Path(d.file or "").name) for d in report.diagnostics
            if d.code != "missing-translation"] == [("duplicate-submitter", "b.yaml")]


@hostile("text-longest-word")
@pytest.mark.slow
def test_the_longest_text_as_one_word_prints(built: dict[str, Any]) -> None:
    assert WORD in built["html"]["en"]
    assert _flat(_pdf_text(built["pdf"])).count("W" * 50) >= 20_000 // 50 - 2
    assert built["stats"].pages > 1


@hostile("text-too-long")
@pytest.mark.parametrize("length, ok", [(20_000, True), (20_001, False), (100_000, False)])
def test_a_100000_character_summary_is_too_long(tmp_path: Path, length: int, ok: bool) -> None:
    report = validate_text(tmp_path, VALID.replace("Shelters for victims.", "x" * length))
    if ok:
        assert report.valid
        return
    (d,) = report.diagnostics
    assert (d.code, d.line, d.details["found"], d.details["expected"]) == ("text-too-long", 9, str(length),
                                                                          "20000")


def _uncovered(candidates: str) -> str:
    from gcm_report.render.fonts import uncovered

    missing = [c for c in candidates if uncovered(c)]
    assert missing, "every candidate has a font here: add a rarer character"
    return missing[0]


@hostile("text-outside-the-fonts")
@pytest.mark.parametrize("candidates, package", [
    ("\U0001F9FF\U0001FA7B\U0001FAE8\U0001FAAF", "fonts-noto-color-emoji"),
    ("\ue000\ue001\U000F0000", "fonts-noto-extra"),
], ids=["emoji", "private-use"])
def test_text_no_font_can_print_stops_the_pdf_with_the_package_to_install(
        corpus: Path, build_in_process, candidates: str, package: str) -> None:
    char = _uncovered(candidates)
    kenya = corpus / "submissions" / "member-states" / "kenya.yaml"
    kenya.write_text(kenya.read_text(encoding="utf-8").replace(
        "en: Kenya is setting up shelters", f"en: Kenya {char} is setting up shelters"), encoding="utf-8")
    out = corpus / "build"
    result = build_in_process(corpus, out, ("html", "pdf"), ["en"])
    assert result.exit_code == 1 and not out.exists()
    assert f"U+{ord(char):04X}" in result.error and f"sudo apt-get install {package}" in result.error
    assert "gcm-report doctor" in result.error
    html_only = build_in_process(corpus, out, ("html",), ["en"])
    assert html_only.exit_code == 0 and char in (out / "report.en.html").read_text(encoding="utf-8")


@hostile("text-csv-injection")
def test_formulas_in_titles_are_not_formulas_in_the_csv(corpus: Path, build_in_process) -> None:
    titles = ['=HYPERLINK("http://127.0.0.1/x","click")', "+1+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
              "-2+3", "\tTab first", 'Quote " and, comma\nand a new line']
    practices = "".join(
        f'  - title: {{en: "{t.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34)).replace(chr(10), chr(92) + "n").replace(chr(9), chr(92) + "t")}", zh: "标题{i}"}}\n'
        f"    summary: {{en: Summary {i}., zh: 摘要{i}。}}\n    objectives: [{i + 1}]\n"
        for i, t in enumerate(titles))
    (corpus / "submissions" / "stakeholders" / "formulas.yaml").write_text(
        "schema_version: 1\ncycle: 2020\nlanguage: en\nsubmitter:\n  category: stakeholder\n"
        "  name: {en: '=cmd|\" /C calc\"!A0 Network', zh: 网络}\npractices:\n" + practices, encoding="utf-8")
    out = corpus / "build"
    result = build_in_process(corpus, out)
    assert result.exit_code == 0, result.validation.diagnostics if result.validation else result.error
    rows = list(csv.DictReader(io.StringIO((out / "practices.csv").read_text(encoding="utf-8"))))
    mine = [r for r in rows if r["file"].endswith("formulas.yaml")]
    assert sorted(r["title_en"] for r in mine) == sorted(
        ("'" + t if t[0] in "=+-@\t" else t) for t in titles)
    assert {r["submitter"] for r in mine} == {"'=cmd|\" /C calc\"!A0 Network"}
    assert not [r for r in rows for v in r.values() if v and v[0] in "=+-@\t\r"]


@hostile("text-terminal-escapes")
@pytest.mark.slow
def test_escape_sequences_in_values_reach_no_terminal(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(VALID.replace("country: KEN", 'country: "\\e[2J\\e]52;c;cHduZWQ=\\a\\u202eNEK"')
                    + 'contact: {name: "\\e[31mred"}\n', encoding="utf-8")
    runs = cli_many(*[["validate", str(path), "--format", fmt, "--config", str(tmp_path / "none.yaml")]
                      for fmt in ("text", "json", "github")])
    for run in runs:
        assert run.returncode == 1 and run.stderr == ""
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", run.stdout), run.stdout
        assert "U+001B" in run.stdout


@hostile("text-annotation-injection")
def test_a_value_cannot_forge_a_github_workflow_command(tmp_path: Path) -> None:
    path = tmp_path / "s,line=1::x.yaml"
    path.write_text(VALID.replace("country: KEN", 'country: "KEN\\n::error::forged\\r\\n::add-mask::x"'),
                    encoding="utf-8")
    run = cli("validate", str(path), "--format", "github", "--config", str(tmp_path / "none.yaml"))
    lines = run.stdout.splitlines()
    assert run.returncode == 1 and len(lines) == 1 and lines[0].startswith("::error "), lines
    assert "KEN\\u000a::error::forged\\u000d\\u000a::add-mask::x" in lines[0]
    assert "file=" + str(path).replace(":", "%3A").replace(",", "%2C") in lines[0]
