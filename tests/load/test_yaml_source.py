"""Reading submissions: encodings, line ends and the safe subset of YAML we accept."""

from __future__ import annotations

import codecs
from pathlib import Path

from gcm_report.validate import validate_paths

VALID = (
    "schema_version: 1\ncycle: 2020\nlanguage: en\nsubmitter:\n  category: member-state\n  country: KEN\n"
    "practices:\n  - title: {en: Shelters, zh: 庇护所}\n    summary: {en: Shelters for victims., zh: 庇护所。}\n"
    "    objectives: [10]\n"
)


def _validate(tmp_path: Path, data: bytes):
    path = tmp_path / "s.yaml"
    path.write_bytes(data)
    return validate_paths([path])


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    report = _validate(tmp_path, codecs.BOM_UTF8 + VALID.encode())
    assert report.valid and report.counts["error"] == 0


def test_windows_line_ends_are_accepted_and_lines_still_count(tmp_path: Path) -> None:
    report = _validate(tmp_path, VALID.replace("[10]", "[10, 24]").replace("\n", "\r\n").encode())
    (d,) = [d for d in report.diagnostics if d.code == "objective-range"]
    assert (d.line, d.column) == (10, 22) and "\r" not in (d.source_line or "")


def test_utf16_is_refused_with_and_without_bom(tmp_path: Path) -> None:
    with_bom = _validate(tmp_path, codecs.BOM_UTF16_LE + VALID.encode("utf-16-le"))
    without = _validate(tmp_path, VALID.encode("utf-16-le"))
    assert [d.code for d in with_bom.diagnostics] == ["not-utf8"]
    assert "UTF-16" in with_bom.diagnostics[0].message
    assert [d.code for d in without.diagnostics] == ["not-utf8"]
    assert "UTF-16 without a byte-order mark" in without.diagnostics[0].message


def test_nul_byte_is_located(tmp_path: Path) -> None:
    report = _validate(tmp_path, VALID.replace("Shelters for", "Shel\x00ters for").encode())
    (d,) = report.diagnostics
    assert d.code == "not-utf8" and (d.line, d.column) == (9, 23)


def test_yaml_12_scalars_in_text_fields(tmp_path: Path) -> None:
    """YAML 1.2: NO and yes stay text; 1e3 and 0o12 are numbers, refused where text is expected."""
    kept = _validate(tmp_path, VALID.replace("{en: Shelters, zh: 庇护所}", "{en: NO, zh: yes}").encode())
    assert kept.valid
    refused = _validate(tmp_path, VALID.replace("{en: Shelters, zh: 庇护所}", "{en: 1e3, zh: 0o12}").encode())
    assert {d.code for d in refused.diagnostics} == {"wrong-type"}
    assert "number" in refused.diagnostics[0].message


def test_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    report = _validate(tmp_path, ("\n".join(lines) + "\n").encode())  # refused at its first alias, unexpanded
    assert [d.code for d in report.diagnostics] == ["yaml-alias"]
    assert report.diagnostics[0].line == 2


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    report = _validate(tmp_path, ("x: " + "[" * 10_000 + "]" * 10_000 + "\n").encode())
    assert [d.code for d in report.diagnostics] == ["yaml-too-deep"]


def test_merge_keys_are_refused(tmp_path: Path) -> None:
    report = _validate(tmp_path, b"base: &b {cycle: 2020}\nother:\n  <<: *b\n")
    assert [d.code for d in report.diagnostics] == ["yaml-alias"]
