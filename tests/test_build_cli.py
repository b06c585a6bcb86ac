"""`gcm-report build` through the command line, as a drafter runs it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gcm_report.cli import app

runner = CliRunner()


def _build(config: Path, submissions: Path, out: Path, *extra: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["build", str(submissions), "--config", str(config), "--out", str(out),
                               "--format", "html", *extra])


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def corpus(tmp_path: Path, kitchen_sink: Path) -> Path:
    """A private copy of the kitchen sink that a test may change."""
    target = tmp_path / "corpus"
    shutil.copytree(kitchen_sink, target)
    return target


def test_build_writes_both_drafts_the_model_and_the_csv(corpus: Path, parse_html) -> None:
    out = corpus / "build"
    result = _build(corpus / "report.yaml", corpus / "submissions", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["compendium.en.html", "compendium.zh.html", "practices.csv",
                                                     "report.en.html", "report.json", "report.zh.html"]
    assert f"wrote {out / 'report.zh.html'}" in result.output
    csv = (out / "practices.csv").read_text(encoding="utf-8").splitlines()
    assert csv[0] == "paragraph,submitter,category,country,region,area,objectives,title_en,title_zh,file,line"
    assert len(csv) == 1 + 15  # 14 practices, the joint one on two rows
    assert "Kenya,member-state,KEN,002,B,7;10,Shelters for victims of trafficking,人口贩运受害者庇护所," \
           "member-states/kenya.yaml,48" in csv[5]
    page = parse_html((out / "report.en.html").read_text(encoding="utf-8"))
    trace = page.find("a", cls="trace")
    target, line = trace.attrs["href"].split("#L")
    assert (out / target).resolve().is_file() and int(line) > 0


def test_same_input_same_bytes(corpus: Path) -> None:
    out = corpus / "build"
    assert _build(corpus / "report.yaml", corpus / "submissions", out).exit_code == 0
    first = _snapshot(out)
    assert _build(corpus / "report.yaml", corpus / "submissions", out).exit_code == 0
    assert _snapshot(out) == first


def test_build_never_writes_into_the_submissions(corpus: Path) -> None:
    before = _snapshot(corpus / "submissions")
    assert _build(corpus / "report.yaml", corpus / "submissions", corpus / "build").exit_code == 0
    assert _snapshot(corpus / "submissions") == before


def test_invalid_submissions_stop_the_build_and_keep_the_previous_draft(corpus: Path) -> None:
    out = corpus / "build"
    assert _build(corpus / "report.yaml", corpus / "submissions", out).exit_code == 0
    previous = _snapshot(out)
    broken = corpus / "submissions" / "member-states" / "kenya.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("objectives: [19]", "objectives: [24]"),
                      encoding="utf-8")
    result = _build(corpus / "report.yaml", corpus / "submissions", out)
    assert result.exit_code == 1
    assert re.search(r"kenya\.yaml:\d+:\d+: error\[objective-range\]", result.output), result.output
    assert "wrote" not in result.output
    assert _snapshot(out) == previous


def test_hostile_text_is_escaped_and_bad_links_lose_their_link(corpus: Path, parse_html) -> None:
    (corpus / "submissions" / "stakeholders" / "hostile.yaml").write_text("""\
schema_version: 1
cycle: 2020
language: en
submitter:
  category: stakeholder
  name: {en: "<img src=x onerror=alert(2)> Network", zh: "<img src=x onerror=alert(2)> 网络"}
practices:
  - title: {en: "<script>alert(1)</script>", zh: "<script>alert(1)</script>"}
    summary:
      en: "Click [here](javascript:alert(3)) or [there](data:text/html;base64,PHNjcmlwdD4=) or [local](file:///etc/passwd)."
      zh: "点击[这里](javascript:alert(3))。"
    objectives: [16]
""", encoding="utf-8")
    out = corpus / "build"
    result = _build(corpus / "report.yaml", corpus / "submissions", out)
    assert result.exit_code == 0, result.output
    for lang in ("en", "zh"):
        text = (out / f"report.{lang}.html").read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
        assert "&lt;img src=x onerror=alert(2)&gt;" in text
        page = parse_html(text)
        assert not page.find_all("script") and not page.find_all("img")
        hrefs = [a.attrs.get("href", "") for a in page.find_all("a")]
        assert not [h for h in hrefs if h.split(":")[0].lower() in ("javascript", "data", "file")]
    en = parse_html((out / "report.en.html").read_text(encoding="utf-8"))
    para = next(p for p in en.find_all("p", cls="para") if "alert(1)" in p.text())
    assert "Click here or there or local." in para.text()


def test_strict_stops_on_build_warnings_and_writes_nothing(corpus: Path) -> None:
    config = corpus / "report.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("[^sids]", "[^no-such-note]"), encoding="utf-8")
    out = corpus / "build"
    lenient = _build(config, corpus / "submissions", out)
    assert lenient.exit_code == 0
    assert "[^no-such-note] cites no footnote" in lenient.output
    shutil.rmtree(out)
    strict = _build(config, corpus / "submissions", out, "--strict")
    assert strict.exit_code == 1
    assert "--strict" in strict.output
    assert not out.exists()


def test_pdf_goes_through_the_pdf_module(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:

    calls = []

    def fake(html: str, **kwargs: object) -> bytes:
        calls.append(kwargs)
        return b"%PDF-fake " + str(kwargs["lang"]).encode()

    monkeypatch.setattr("gcm_report.render.pdf.render_pdf", fake)
    out = corpus / "build"
    result = runner.invoke(app, ["build", str(corpus / "submissions"), "--config", str(corpus / "report.yaml"),
                                 "--out", str(out), "--format", "html,pdf", "--lang", "zh",
                                 "--pdf-variant", "pdf/a-3a"])
    assert result.exit_code == 0, result.output
    assert (out / "report.zh.pdf").read_bytes() == b"%PDF-fake zh"
    assert not (out / "report.en.html").exists()
    kwargs, book = calls  # the report, then the compendium
    assert (out / "compendium.zh.pdf").read_bytes() == b"%PDF-fake zh"
    assert book["title"] == "做法汇编" and book["subject"] == "A/75/542 配套文件"
    assert kwargs["title"] == "安全、有序和正常移民全球契约" and kwargs["author"] == "联合国"
    assert str(kwargs["date"]) == "2020-10-23" and kwargs["theme_dir"].name == "default"
    assert kwargs["variant"] == "pdf/a-3a"


@pytest.mark.parametrize("args", [["--lang", "xx"], ["--format", "docx"]])
def test_usage_errors(corpus: Path, args: list[str]) -> None:
    result = runner.invoke(app, ["build", str(corpus / "submissions"), "--config", str(corpus / "report.yaml"),
                                 "--out", str(corpus / "build"), *args])
    assert result.exit_code == 2
    assert not (corpus / "build").exists()


def test_the_same_corpus_grouped_by_round_tables(corpus: Path, parse_html) -> None:
    config = corpus / "report.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("clustering: thematic-areas",
                                                                 "clustering: imrf-2022-round-tables"),
                      encoding="utf-8")
    # practices naming a thematic area (`area: B`) stay valid: a round-table report ignores areas
    out = corpus / "build"
    result = _build(config, corpus / "submissions", out)
    assert result.exit_code == 0, result.output
    page = parse_html((out / "report.zh.html").read_text(encoding="utf-8"))
    chapter5 = page.find("section", id="chapter-5")
    headings = [re.sub(r"\s+", " ", h.text()).strip() for h in chapter5.find_all("h3")]
    assert headings == ["A. 第1场圆桌会议", "B. 第2场圆桌会议", "C. 第3场圆桌会议", "D. 第4场圆桌会议"]


def test_the_example_corpus_builds_and_its_summary_counts_its_files(tmp_path: Path, repo_root: Path,
                                                                     parse_html) -> None:
    submissions = repo_root / "submissions"
    if not (repo_root / "report.yaml").is_file() or not any(submissions.rglob("*.yaml")):
        pytest.skip("the example corpus is not in this checkout")
    out = tmp_path / "build"
    result = _build(repo_root / "report.yaml", submissions, out)
    assert result.exit_code == 0, result.output
    files = {folder: len(list((submissions / folder).glob("*.yaml")))
             for folder in ("member-states", "intergovernmental-organizations", "un-entities", "stakeholders")}
    note = parse_html((out / "report.en.html").read_text(encoding="utf-8")).find("p", id="fn-a").text()
    assert f"{files['member-states']} Member States" in note
    assert f"{files['un-entities']} United Nations entities" in note


def test_a_pdf_failure_is_reported_and_nothing_is_written(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gcm_report.render.pdf import PdfError

    def failing(html: str, **kwargs: object) -> bytes:
        raise PdfError("no font covers 多; install fonts-noto-cjk")

    monkeypatch.setattr("gcm_report.render.pdf.render_pdf", failing)
    result = runner.invoke(app, ["build", str(corpus / "submissions"), "--config", str(corpus / "report.yaml"),
                                 "--out", str(corpus / "build"), "--format", "html,pdf"])
    assert result.exit_code == 1
    assert "install fonts-noto-cjk" in result.output
    assert not (corpus / "build").exists()


def test_an_html_build_does_not_load_weasyprint(corpus: Path) -> None:
    import subprocess
    import sys

    script = ("import sys; from pathlib import Path; from gcm_report.pipeline import build; "
              f"r = build(Path({str(corpus / 'report.yaml')!r}), [Path({str(corpus / 'submissions')!r})], "
              f"Path({str(corpus / 'build')!r}), formats=['html']); "
              "print(r.exit_code, 'weasyprint' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["0", "False"]


def test_max_bytes_refuses_a_larger_submission_and_writes_nothing(corpus: Path) -> None:
    kenya = corpus / "submissions" / "member-states" / "kenya.yaml"
    size = kenya.stat().st_size
    out = corpus / "build"
    result = _build(corpus / "report.yaml", corpus / "submissions", out, "--max-bytes", str(size - 1))
    assert result.exit_code == 1
    assert re.search(r"kenya\.yaml: error\[file-too-large\]", result.output), result.output
    assert not out.exists()
    assert _build(corpus / "report.yaml", corpus / "submissions", out, "--max-bytes", str(size)).exit_code == 0
