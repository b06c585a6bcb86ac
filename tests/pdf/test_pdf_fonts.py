"""Fonts: coverage is checked before and after rendering, subsetting is required, doctor tells what to install.

"A machine without CJK fonts" is made by pointing fontconfig at a configuration of its own
(FONTCONFIG_FILE), in a subprocess: fontconfig reads its configuration once per process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pdfrender import HERE, THEME

from gcm_report.render import fonts

LATIN_DIRS = ["/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/dejavu"]


def fonts_conf(folder: Path, dirs: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    conf = folder / "fonts.conf"
    entries = "".join(f"<dir>{d}</dir>" for d in dirs)
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                    f"<fontconfig>{entries}<cachedir>{folder / 'cache'}</cachedir></fontconfig>\n")
    return conf


def run(args: list[str], conf: Path | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if conf is not None:
        env["FONTCONFIG_FILE"] = str(conf)
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=300)


@pytest.fixture(scope="module")
def cjk_installed():  # type: ignore[no-untyped-def]
    if not fonts.fc_list_available() or not fonts.families_for_language("zh"):
        pytest.skip("no Chinese font on this machine: make system-deps")


# --------------------------------------------------------------------------- coverage (fast)


def test_visible_text_leaves_out_style_script_and_head():
    text = fonts.visible_text("<html><head><title>T</title><style>p{content:'\u2603'}</style></head>"
                              "<body><p>中文 &amp; English</p><script>x='\u2604'</script></body></html>")
    assert text == "中文 & English"


def test_the_installed_fonts_cover_chinese_and_english(cjk_installed):
    assert fonts.uncovered("安全、有序和正常移民全球契约《》“”，。 Global Compact – ‘’ é ü") == set()


def test_a_character_no_font_has_is_reported_with_its_package():
    with pytest.raises(fonts.FontCoverageError) as caught:
        fonts.require_coverage("A\u0378B", "en")          # U+0378 is unassigned: no font has it
    message = str(caught.value)
    assert "U+0378" in message and "sudo apt-get install" in message and "gcm-report doctor" in message


def test_packages_by_script():
    assert fonts.package_for("中", "zh") == "fonts-noto-cjk"
    assert fonts.package_for("。", "en") == "fonts-noto-cjk"
    assert fonts.package_for("é", "fr") == "fonts-liberation"
    assert fonts.package_for("ب", "ar") == "fonts-noto-core"
    assert fonts.package_for("Ж", "ru") == "fonts-liberation"
    assert fonts.package_for("\u202f", "fr") == "fonts-dejavu-core"      # French numbers: 15 000


def test_each_language_names_the_faces_print_css_and_the_chart_use():
    """LANGUAGE_FONTS is what doctor checks: every face print.css and CHART_FONTS name for a language."""
    from gcm_report.reference import LANGUAGES
    from gcm_report.render.chart import CHART_FONTS, DEFAULT_CHART_FONT

    css = (THEME / "static" / "print.css").read_text(encoding="utf-8")
    assert set(fonts.LANGUAGE_FONTS) == set(LANGUAGES)
    for lang, spec in fonts.LANGUAGE_FONTS.items():
        chart = CHART_FONTS.get(lang, DEFAULT_CHART_FONT)
        assert spec.families[0] in css and any(f in chart for f in spec.families), lang
    assert fonts.LANGUAGE_FONTS["ar"].package == "fonts-noto-core"
    assert fonts.LANGUAGE_FONTS["ru"].families[0] == "Liberation Serif"      # Cyrillic in Liberation
    makefile = (THEME.parents[1] / "Makefile").read_text(encoding="utf-8")
    packages = next(line for line in makefile.splitlines() if line.startswith("FONT_PACKAGES")).split()
    assert {spec.package for spec in fonts.LANGUAGE_FONTS.values()} <= set(packages)


# --------------------------------------------------------------------------- a machine without CJK fonts

RENDER_ZH = """
import sys
sys.path.insert(0, {here!r})
from pdfrender import fixture_html, render
from gcm_report.render.fonts import FontCoverageError
lang = sys.argv[1]
try:
    render(fixture_html(lang), lang)
except FontCoverageError as error:
    print("FontCoverageError:", error)
    sys.exit(3)
print("ok")
"""


@pytest.mark.slow
def test_without_cjk_fonts_the_chinese_build_stops_with_the_fix(tmp_path):
    conf = fonts_conf(tmp_path / "latin", LATIN_DIRS)
    zh = run(["-c", RENDER_ZH.format(here=str(HERE)), "zh"], conf)
    assert zh.returncode == 3, zh.stdout + zh.stderr
    assert "sudo apt-get install fonts-noto-cjk" in zh.stdout
    assert "checked before rendering" in zh.stdout
    en = run(["-c", RENDER_ZH.format(here=str(HERE)), "en"], conf)
    assert en.returncode == 0, en.stdout + en.stderr


@pytest.mark.slow
def test_a_missing_glyph_found_while_rendering_is_an_error(monkeypatch):
    """The check after rendering: WeasyPrint's '.notdef glyph rendered' warning fails the build."""
    from pdfrender import render

    monkeypatch.setattr(fonts, "require_coverage", lambda text, lang: None)   # skip the check before
    with pytest.raises(fonts.FontCoverageError, match="found by WeasyPrint while rendering"):
        render('<html lang="en"><body class="report"><p>A \u0378 B</p></body></html>', "en")


# --------------------------------------------------------------------------- HarfBuzz subsetting


@pytest.mark.slow
def test_missing_subsetting_stops_before_rendering(monkeypatch):
    from weasyprint.text import ffi
    from pdfrender import render

    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    with pytest.raises(fonts.SubsettingError, match="sudo apt-get install libharfbuzz-subset0"):
        render('<html lang="en"><body><p>x</p></body></html>', "en")


@pytest.mark.slow
def test_the_fonttools_fallback_warning_is_an_error(monkeypatch):
    import weasyprint.pdf.fonts
    from gcm_report.render import pdf
    from pdfrender import render

    monkeypatch.setattr(pdf, "_require_subsetting", lambda: None)
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    with pytest.raises(fonts.SubsettingError, match="fell back to fontTools"):
        render('<html lang="en"><body><p>subset me</p></body></html>', "en")


# --------------------------------------------------------------------------- gcm-report doctor


def test_doctor_reports_versions_and_fonts(cjk_installed, tmp_path):
    result = run(["-m", "gcm_report", "doctor"], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "WeasyPrint  70" in out or "WeasyPrint  " in out
    assert "Pango       1." in out and "HarfBuzz subsetting  present" in out
    assert "zh  ok" in out and "en  ok" in out and "default" in out


def test_doctor_without_any_font_names_the_packages(tmp_path):
    conf = fonts_conf(tmp_path / "empty", [str(tmp_path / "no-fonts")])
    result = run(["-m", "gcm_report", "doctor"], conf, cwd=tmp_path)
    assert result.returncode == 1
    assert "zh  MISSING" in result.stdout and "en  MISSING" in result.stdout
    assert "fix: sudo apt-get install fonts-noto-cjk" in result.stdout
    assert "fix: sudo apt-get install fonts-liberation" in result.stdout


def test_doctor_without_cjk_fonts_and_languages_from_report_yaml(tmp_path):
    conf = fonts_conf(tmp_path / "latin", LATIN_DIRS)
    (tmp_path / "report.yaml").write_text("schema_version: 1\nlanguages: [ar, en, es, fr, ru, zh]\n")
    result = run(["-m", "gcm_report", "doctor"], conf, cwd=tmp_path)
    assert result.returncode == 1
    out = result.stdout
    assert "Languages   ar, en, es, fr, ru, zh  [report.yaml]" in out
    for lang in ("en", "es", "fr", "ru"):
        assert f"  {lang:3} ok" in out, lang
    assert "zh  MISSING" in out
    assert "ar  MISSING" in out or "ar  partial" in out     # DejaVu Sans has some Arabic
    assert "fix: sudo apt-get install fonts-noto-cjk" in out
    assert "fix: sudo apt-get install fonts-noto-core" in out


def test_theme_is_where_the_print_css_is():
    assert (THEME / "static" / "print.css").is_file()
