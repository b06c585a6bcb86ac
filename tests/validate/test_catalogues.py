"""Diagnostics speak the six official languages; a missing translation fails the suite."""

from __future__ import annotations

import string
from importlib import resources
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from gcm_report.validate import load_config, validate_paths
from gcm_report.diagnostics import MESSAGE_LANGUAGES

RULES = Path(__file__).parents[1] / "fixtures" / "rules"
CONFIG = Path(__file__).parents[1] / "fixtures" / "config" / "report.yaml"


def _raw(lang: str) -> dict:
    text = resources.files("gcm_report").joinpath("messages", f"{lang}.yaml").read_text(encoding="utf-8")
    return YAML(typ="safe").load(text)["rules"]


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("lang", [lang for lang in MESSAGE_LANGUAGES if lang != "en"])
def test_catalogue_is_complete_and_keeps_the_placeholders(lang: str) -> None:
    english, other = _raw("en"), _raw(lang)
    assert list(other) == list(english), f"codes missing or extra in {lang}.yaml"
    for code, entry in english.items():
        for key in ("title", "message", "hint", "hint_suggestion"):
            if key in entry:
                assert key in other[code], f"{lang}: {code}.{key} is not translated"
                assert _fields(other[code][key]) == _fields(entry[key]), f"{lang}: {code}.{key}"
                assert other[code][key] != entry[key] or len(entry[key]) < 12, f"{lang}: {code}.{key} is English"


def test_validate_in_chinese_keeps_codes_and_places_and_carries_english() -> None:
    config, _ = load_config(CONFIG)
    english = validate_paths([RULES / "unknown-country.yaml"], config=config)
    chinese = validate_paths([RULES / "unknown-country.yaml"], config=config, lang="zh")
    (en,), (zh,) = english.diagnostics, chinese.diagnostics
    assert (zh.code, zh.line, zh.column) == (en.code, en.line, en.column)
    assert "KE" in zh.message and "国家" in zh.message
    assert zh.message_en == en.message and en.message_en is None
    assert "KEN" in (zh.hint or "")


@pytest.mark.parametrize("lang", ["ar", "es", "fr", "ru"])
def test_each_language_words_the_objective_range_error(lang: str) -> None:
    report = validate_paths([RULES / "objective-range.yaml"], lang=lang)
    (d,) = report.diagnostics
    assert d.code == "objective-range" and "24" in d.message and d.message != d.message_en
