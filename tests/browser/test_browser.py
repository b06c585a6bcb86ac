"""The drafts in a real browser: axe-core (WCAG 2.1 AA) and the Nu HTML Checker find nothing, in each
of the six languages.

Needs Debian's /usr/bin/chromium, Java, and `make browser-deps` (axe-core and vnu-jar from npm,
in node_modules/). Screenshots of every language are written to the test's temporary folder,
or to $GCM_SCREENSHOTS when that is set (`make screenshots` does), for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from devtools_pipe import CHROMIUM, Browser

pytestmark = pytest.mark.browser

LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
each = pytest.mark.parametrize("lang", LANGUAGES)
BODY_FACE = {"zh": "Noto Serif CJK SC", "ar": "Noto Naskh Arabic"}
"""The face a version's body text is set in on screen (report.css); the others Times / Liberation Serif."""

ROOT = Path(__file__).resolve().parents[2]
KITCHEN_SINK = ROOT / "tests" / "fixtures" / "kitchen-sink"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

PAGED_MEDIA = [re.compile(p) for p in (
    r"^CSS: “(string-set|bookmark-level|bookmark-label|bookmark-state|footnote-display|footnote-policy)”: "
    r"Property “[^”]+” doesn't exist\.$",
    r"^CSS: “float”: “footnote” is not a “float” value\.$",
    r"^CSS: Unknown pseudo-element or pseudo-class “::footnote-(call|marker)”\.$",
    r"^CSS: “content”: “(string|counter|counters|target-counter)\([^”]*\)” is not a “content” value\.$",
    r"^CSS: “footnote”: Parse Error\.$",
)]
"""The Nu checker's CSS validator does not know CSS Paged Media / GCPM (running strings, footnotes,
bookmarks), which print.css uses for WeasyPrint. Only these messages are set aside; any other CSS
or HTML error fails the test, and report.css must pass with no exception at all."""


def _require_tools() -> None:
    missing = [str(p) for p in (AXE, VNU) if not p.is_file()]
    if missing:
        pytest.fail(f"missing {', '.join(missing)}: run `make browser-deps`")
    for tool in (CHROMIUM, shutil.which("java")):
        if not tool or not Path(tool).exists():
            pytest.fail(f"missing {tool or 'java'}: run `make test-deps`")


@pytest.fixture(scope="session")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The six languages of the kitchen sink and of the example corpus, built as `make draft` builds them.

    The example's compendium (every practice, in the same layout) is checked with the reports.
    """
    _require_tools()
    from gcm_report.pipeline import build

    out: dict[str, Path] = {}
    corpora = [("kitchen-sink", KITCHEN_SINK / "report.yaml", KITCHEN_SINK / "submissions")]
    if (ROOT / "report.yaml").is_file() and any((ROOT / "submissions").rglob("*.yaml")):
        corpora.append(("example", ROOT / "report.yaml", ROOT / "submissions"))
    for name, config, submissions in corpora:
        folder = tmp_path_factory.mktemp(name)
        result = build(config, [submissions], folder, LANGUAGES, formats=["html"])
        assert result.exit_code == 0, (result.error, result.validation and result.validation.diagnostics)
        for lang in LANGUAGES:
            out[f"{name}.{lang}"] = folder / f"report.{lang}.html"
            if name == "example":
                out[f"{name}-compendium.{lang}"] = folder / f"compendium.{lang}.html"
    return out


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    _require_tools()
    with Browser(width=1000, height=1400) as b:
        yield b


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = os.environ.get("GCM_SCREENSHOTS")
    folder = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _pages(drafts: dict[str, Path], lang: str) -> dict[str, Path]:
    return {name: page for name, page in drafts.items() if name.rsplit(".", 1)[1] == lang}


@each
def test_axe_finds_no_violation_and_the_page_asks_for_nothing(drafts, browser, screenshots, lang) -> None:
    axe = AXE.read_text(encoding="utf-8")
    failures = {}
    for name, page in _pages(drafts, lang).items():
        browser.open(page)
        assert browser.requests() == [page.resolve().as_uri()], f"{name} asked for other resources"
        assert browser.evaluate("document.scripts.length") == 0
        # nothing is wider than the window (long web addresses wrap, tables fit), in rtl too
        assert browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), name
        browser.screenshot(screenshots / f"{name}.png")
        result = browser.axe(axe)
        assert result["passes"] > 10
        if result["violations"]:
            failures[name] = result["violations"]
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=1)


@each
def test_the_screenshots_show_the_masthead_in_each_language(drafts, browser, screenshots, lang) -> None:
    for name, page in _pages(drafts, lang).items():
        if "compendium" in name:  # its title page names the report it accompanies, and has no paragraphs
            continue
        browser.open(page)
        box = browser.evaluate("JSON.stringify(document.querySelector('.masthead').getBoundingClientRect())")
        rect = json.loads(box)
        assert rect["width"] > 600 and 80 < rect["height"] < 300, (name, rect)
        symbol = browser.evaluate("document.querySelector('.symbol').textContent.trim()")
        assert symbol.startswith("A/")
        # each version is set in a face of its script
        family = browser.evaluate("getComputedStyle(document.body).fontFamily")
        assert family.strip('"').startswith(BODY_FACE.get(lang, "Times New Roman")), family
        # Arabic reads right to left: United Nations on the right, the symbol on the left; the
        # paragraph numbers hang on the right
        box = {cls: json.loads(browser.evaluate(
            f"JSON.stringify(document.querySelector('{cls}').getBoundingClientRect())"))
            for cls in (".un-name", ".symbol", ".para-num", "p.para")}
        number, paragraph = box[".para-num"], box["p.para"]
        if lang == "ar":
            assert box[".symbol"]["right"] < box[".un-name"]["left"], (name, box)
            assert abs(number["right"] - paragraph["right"]) < 1, (name, box)
        else:
            assert box[".symbol"]["left"] > box[".un-name"]["right"], (name, box)
            assert abs(number["left"] - paragraph["left"]) < 1, (name, box)
        assert (screenshots / f"{name}.png").stat().st_size > 20_000


def _vnu(*args: str) -> list[dict]:
    run = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *args],
                         capture_output=True, text=True, timeout=300, check=True)
    return json.loads(run.stderr or run.stdout)["messages"]


@pytest.fixture(scope="session")
def nu_errors(drafts) -> list[dict]:  # type: ignore[no-untyped-def]
    """The Nu checker's errors on every page, in one run (Java starts once)."""
    messages = _vnu(*[str(p) for p in drafts.values()])
    return [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]


@each
def test_the_nu_html_checker_finds_no_error(drafts, nu_errors, lang) -> None:
    def page_of(message: dict) -> str:
        return "/" + str(message.get("url", "")).removeprefix("file:").lstrip("/")

    pages = {str(p.resolve()) for p in _pages(drafts, lang).values()}
    mine = [m for m in nu_errors if page_of(m) in pages]
    assert mine, "no message about these pages: print.css's paged-media properties always draw some"
    unexplained = [m for m in mine if not any(p.match(m["message"]) for p in PAGED_MEDIA)]
    assert not unexplained, json.dumps(unexplained, ensure_ascii=False, indent=1)
    assert all(page_of(m) in {str(p.resolve()) for p in drafts.values()} for m in nu_errors), nu_errors[:3]


def test_report_css_is_valid_css_without_exception() -> None:
    from gcm_report.render.html import theme_dir

    _require_tools()
    messages = _vnu("--css", str(theme_dir() / "static" / "report.css"))
    assert not [m for m in messages if m.get("type") == "error"], messages
