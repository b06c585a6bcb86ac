"""Hostile YAML: each class gets exactly its located diagnostic, never a traceback, a hang or a blow-up.

Speed is not asserted here (benchmarks measure it); memory is, with tracemalloc, where a class is
about memory (the alias bomb, the 200 MB file).
"""

from __future__ import annotations

import codecs
import json
import os
import tracemalloc
from pathlib import Path

import pytest

from hostile_support import VALID, codes, validate_text

hostile = pytest.mark.hostile


def _only(report, code: str, line: int | None = None, column: int | None = None):  # type: ignore[no-untyped-def]
    (d,) = [d for d in report.diagnostics if d.code != "missing-translation"]
    assert d.code == code, report.diagnostics
    if line is not None:
        assert d.line == line, d
    if column is not None:
        assert d.column == column, d
    assert report.exit_code == 1
    return d


@hostile("yaml-alias-bomb")
def test_billion_laughs_is_refused_at_its_first_alias_with_little_memory(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    tracemalloc.start()
    try:
        report = validate_text(tmp_path, "\n".join(lines) + "\n")  # 9**10 = 3.5 billion "lol" if expanded
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    d = _only(report, "yaml-alias", 2, 10)
    assert "*a0" in d.message
    assert peak < 20 * 2**20, f"{peak:,} bytes"


@hostile("yaml-merge-key")
@pytest.mark.parametrize("text, line, column", [
    ("base: &b {cycle: 2020}\nother:\n  <<: *b\n", 3, 7),          # with an alias: refused at the alias
    (VALID + "contact:\n  <<: {name: x}\n", 12, 3),                  # without one: refused at the key
    (VALID.replace("  country: KEN", "  <<: [{country: KEN}]"), 6, 3),
])
def test_merge_keys_are_refused_with_or_without_an_alias(tmp_path: Path, text: str, line: int, column: int) -> None:
    _only(validate_text(tmp_path, text), "yaml-alias", line, column)


@hostile("yaml-anchor")
def test_an_anchor_without_an_alias_changes_nothing_and_is_accepted(tmp_path: Path) -> None:
    report = validate_text(tmp_path, VALID.replace("country: KEN", "country: &k KEN"))
    assert report.valid and report.loaded[0].submission.submitter.country == "KEN"


@hostile("yaml-anchor")
def test_a_reused_anchor_prints_no_warning(tmp_path: Path) -> None:
    """ruamel warns of an anchor defined twice, on stderr, quoting the file: nothing of it may show."""
    from hostile_support import cli

    path = tmp_path / "s.yaml"
    path.write_text(VALID + "contact: {&a name: &a x}\n", encoding="utf-8")
    run = cli("validate", str(path), "--config", str(tmp_path / "none.yaml"))
    assert run.returncode == 0 and run.stderr == "", run.stderr


@hostile("yaml-deep-nesting")
@pytest.mark.parametrize("text", [
    "x: " + "[" * 10_000 + "]" * 10_000 + "\n",
    "x: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n",
    "x:\n" + "- " * 10_000 + "a\n",
    VALID + "contact:\n" + "".join("  " * i + "k:\n" for i in range(1, 300)) + "  " * 300 + "k: v\n",
], ids=["flow-lists", "flow-mappings", "block-lists", "block-mappings-300"])
def test_nesting_10000_deep_is_refused(tmp_path: Path, text: str) -> None:
    d = _only(validate_text(tmp_path, text), "yaml-too-deep")
    assert d.line is not None and "64" in d.message


@hostile("yaml-200mb-file")
def test_a_200_mb_file_is_refused_by_its_size_without_being_read(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:  # sparse: 200 MB long, almost nothing on disk
        handle.write(VALID.encode())
        handle.truncate(200 * 2**20)
    read: list[int] = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: read.append(n) or real_read(fd, n))
    from gcm_report.validate import validate_paths

    tracemalloc.start()
    try:
        report = validate_paths([big])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    d = _only(report, "file-too-large")
    assert d.details == {"found": "209,715,200 bytes", "expected": "5,242,880 bytes"}
    assert read == [] and peak < 10 * 2**20


@hostile("yaml-max-bytes")
def test_the_size_limit_is_an_option_and_a_file_just_over_it_is_refused(tmp_path: Path) -> None:
    from hostile_support import cli_many

    path = tmp_path / "s.yaml"
    path.write_text(VALID, encoding="utf-8")
    size = path.stat().st_size
    none = str(tmp_path / "none.yaml")
    at_limit, over, bad = cli_many(["validate", str(path), "--max-bytes", str(size), "--config", none],
                                   ["validate", str(path), "--max-bytes", str(size - 1), "--config", none],
                                   ["validate", str(path), "--max-bytes", "0"])
    assert at_limit.returncode == 0, at_limit.stdout + at_limit.stderr
    assert over.returncode == 1
    assert f"error[file-too-large] This file is {size:,} bytes; a submission may be at most {size - 1:,} bytes." \
        in over.stdout
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


@hostile("yaml-too-many-values")
def test_a_file_of_more_values_than_allowed_is_refused_where_the_limit_is_passed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`[24, 24, ...]` packs a value in 4 bytes: within 5 MB, over a million; parsing stops at MAX_NODES.

    The limit (50,000) is lowered here so that the test stays quick; the path is the same.
    """
    from gcm_report.load import fast, yaml_source

    monkeypatch.setattr(yaml_source, "MAX_NODES", 500)
    monkeypatch.setattr(fast, "MAX_NODES", 500)
    text = VALID.replace("objectives: [10]", "objectives: [10" + ", 24" * 5_000 + "]")
    d = _only(validate_text(tmp_path, text), "file-too-large", 10)
    assert d.message == "This file is more than 500 values; a submission may be at most 500 values."
    assert d.column is not None and d.column < 4 * 500


@hostile("yaml-too-many-problems")
def test_thousands_of_problems_are_listed_up_to_a_limit_and_counted(tmp_path: Path) -> None:
    text = VALID.replace("objectives: [10]", "objectives: [10" + ", 24" * 5_000 + "]")
    report = validate_text(tmp_path, text)
    listed = [d for d in report.diagnostics if d.code == "objective-range"]
    (more,) = [d for d in report.diagnostics if d.code == "too-many-problems"]
    assert len(listed) == 200 and more.details == {"found": "4800", "expected": "200"}
    assert more.severity == "error" and report.exit_code == 1
    assert "4800 more problem(s) that are not listed; only the first 200 are" in more.message
    # the line at fault (20,000 characters) is quoted short: the JSON report stays small
    assert all(len(d.source_line or "") <= 1000 + 200 + 1 for d in listed)
    assert len(report.model_dump_json()) < 2_000_000


@hostile("yaml-binary")
def test_a_binary_file_is_not_utf8_at_its_first_nul(tmp_path: Path) -> None:
    png = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + os.urandom(200)
    d = _only(validate_text(tmp_path, png), "not-utf8", 3, 1)  # CR LF, then 1A LF: line 3
    assert "NUL" in d.message


@hostile("yaml-invalid-utf8")
@pytest.mark.parametrize("data, line, column", [
    (VALID.replace("Shelters for", "Café for").encode("utf-8").replace("é".encode(), b"\xe9"), 9, 22),
    (VALID.encode() + b"challenges: [\xff\xfe]\n", 11, 14),
    (VALID.encode().replace(b"Shelters,", b"\xc3("), 8, 17),  # a truncated two-byte sequence
])
def test_invalid_utf8_is_located_at_the_byte(tmp_path: Path, data: bytes, line: int, column: int) -> None:
    d = _only(validate_text(tmp_path, data), "not-utf8", line, column)
    assert "byte 0x" in d.message and d.source_line is not None and "\ufffd" in d.source_line


@hostile("yaml-utf16")
@pytest.mark.parametrize("data, found", [
    (codecs.BOM_UTF16_LE + VALID.encode("utf-16-le"), "UTF-16 (byte-order mark)"),
    (codecs.BOM_UTF16_BE + VALID.encode("utf-16-be"), "UTF-16 (byte-order mark)"),
    (VALID.encode("utf-16-le"), "UTF-16 without a byte-order mark"),
    (VALID.encode("utf-16-be"), "UTF-16 without a byte-order mark"),
], ids=["le-bom", "be-bom", "le", "be"])
def test_utf16_with_and_without_bom_is_named(tmp_path: Path, data: bytes, found: str) -> None:
    d = _only(validate_text(tmp_path, data), "not-utf8")
    assert d.details["found"] == found


@hostile("yaml-bom-and-line-ends")
@pytest.mark.parametrize("data", [
    codecs.BOM_UTF8 + VALID.encode(),
    VALID.replace("\n", "\r\n").encode(),
    VALID.replace("\n", "\r").encode(),
    codecs.BOM_UTF8 + VALID.replace("\n", "\r\n").encode(),
], ids=["utf8-bom", "crlf", "cr", "bom-crlf"])
def test_utf8_bom_crlf_and_cr_are_read_and_lines_still_count(tmp_path: Path, data: bytes) -> None:
    assert validate_text(tmp_path, data).valid
    spoiled = data.replace(b"[10]", b"[10, 24]")
    d = _only(validate_text(tmp_path, spoiled), "objective-range", 10, 22)
    assert d.source_line == "    objectives: [10, 24]"


@hostile("yaml-line-separators")
def test_unicode_line_separators_do_not_shift_the_quoted_line(tmp_path: Path) -> None:
    """YAML 1.2 breaks lines at LF and CR only; U+2028, U+2029 and form feed are not line ends."""
    text = VALID.replace("Shelters for victims.", "Shelters\u2028for\u2029victims.").replace("[10]", "[24]")
    d = _only(validate_text(tmp_path, text), "objective-range", 10, 18)
    assert d.source_line == "    objectives: [24]"


@hostile("yaml-nul-byte")
def test_a_nul_byte_is_located(tmp_path: Path) -> None:
    d = _only(validate_text(tmp_path, VALID.replace("Shelters for", "Shel\x00ters for")), "not-utf8", 9, 23)
    assert d.details["found"] == "a NUL byte"


@hostile("yaml-control-characters")
@pytest.mark.parametrize("raw, line, column", [("\x07", 9, 27), ("\x1b", 9, 27), ("\x0c", 9, 27), ("\x7f", 9, 27)])
def test_a_raw_control_character_is_located(tmp_path: Path, raw: str, line: int, column: int) -> None:
    d = _only(validate_text(tmp_path, VALID.replace("Shelters for", "Shelters" + raw + "for")), "yaml-syntax",
              line, column)
    assert f"U+{ord(raw):04X}" in d.message and raw not in d.message and raw not in (d.source_line or "")


@hostile("yaml-escaped-control-characters")
@pytest.mark.parametrize("escape, found", [
    (r"\0", "the control character U+0000"), (r"\e[2J", "the control character U+001B"),
    (r"\x85", "the control character U+0085"), (r"\x7f", "the control character U+007F"),
    (r"\ud800", "an unpaired surrogate U+D800"), (r"\udfff", "an unpaired surrogate U+DFFF"),
])
def test_control_characters_and_lone_surrogates_written_as_escapes_are_refused(
        tmp_path: Path, escape: str, found: str) -> None:
    text = VALID.replace("{en: Shelters for victims., zh: 庇护所。}", '{en: "Shelters' + escape + 'for", zh: 庇护所。}')
    report = validate_text(tmp_path, text)
    d = _only(report, "wrong-type", 9, 19)
    assert d.details["found"] == found
    json.loads(report.model_dump_json())  # a lone surrogate would not even encode


@hostile("yaml-escaped-control-characters")
def test_an_escape_in_a_key_or_in_a_field_that_is_not_text_is_refused_too(tmp_path: Path) -> None:
    report = validate_text(tmp_path, VALID + 'contact: {"na\\eme": x, organization: "\\x1b]0;pwned\\x07"}\n')
    assert sorted((d.code, d.line, d.column) for d in report.diagnostics) == [
        ("wrong-type", 11, 11), ("wrong-type", 11, 38)]


@hostile("yaml-duplicate-keys")
@pytest.mark.parametrize("text, line, first", [
    (VALID + "cycle: 2022\n", 11, 2),
    (VALID.replace("  country: KEN", "  country: KEN\n  country: UGA"), 7, 6),
    (VALID.replace("{en: Shelters, zh: 庇护所}", "{en: Shelters, en: Shelter}"), 8, 8),
])
def test_duplicate_keys_are_refused_with_both_places(tmp_path: Path, text: str, line: int, first: int) -> None:
    d = _only(validate_text(tmp_path, text), "yaml-duplicate-key", line)
    assert d.details["first"] == str(first)


@hostile("yaml-non-string-keys")
@pytest.mark.parametrize("extra, found", [
    ("1: one\n", "1"), ("null: x\n", "None"), ("true: x\n", "True"), ("3.5: x\n", "3.5"),
    ("? [a, b]\n: x\n", "('a', 'b')"), ("? {a: b}\n: x\n", "ordereddict([('a', 'b')])"),
])
def test_keys_that_are_not_text_are_refused_where_they_stand(tmp_path: Path, extra: str, found: str) -> None:
    d = _only(validate_text(tmp_path, VALID + extra), "yaml-key-type", 11)
    assert d.details["found"] == found


@hostile("yaml-python-tag")
@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!python/object/new:os.system",
                                 "!!python/name:os.system", "!!python/module:os"])
def test_python_tags_are_refused_and_nothing_runs(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "ran"
    text = VALID.replace("country: KEN", f"country: {tag} [\"touch {marker}\"]")
    d = _only(validate_text(tmp_path, text), "yaml-tag", 6, 12)
    assert d.details["found"].startswith("!!python/")
    assert not marker.exists()


@hostile("yaml-custom-tag")
@pytest.mark.parametrize("value, found", [
    ("!foo KEN", "!foo"), ("!!str KEN", "!!str"), ("!!binary S0VO", "!!binary"), ("!<tag:x.org,1:y> KEN", None),
    ("!!set {KEN}", "!!set"), ("!!omap [{a: 1}]", "!!omap"),
])
def test_custom_and_standard_tags_are_refused(tmp_path: Path, value: str, found: str | None) -> None:
    d = _only(validate_text(tmp_path, VALID.replace("country: KEN", f"country: {value}")), "yaml-tag", 6, 12)
    if found:
        assert d.details["found"] == found
    tagged = "%TAG !e! tag:example.com,2000:\n---\n" + VALID.replace("country: KEN", "country: !e!x KEN")
    _only(validate_text(tmp_path, tagged), "yaml-tag", 8, 12)


@hostile("yaml-version-directive")
@pytest.mark.parametrize("version", ["1.1", "1.0", "1.3", "2.0"])
def test_a_yaml_version_other_than_12_is_refused_at_its_directive(tmp_path: Path, version: str) -> None:
    """%YAML 1.1 would make `yes` true, `no` false and `012` octal: submissions are read as YAML 1.2."""
    text = f"%YAML {version}\n---\n" + VALID.replace("objectives: [10]", "objectives: [10]\n    covid19: yes")
    d = _only(validate_text(tmp_path, text), "yaml-syntax", 1, 1)
    assert f"%YAML {version}" in d.message
    assert validate_text(tmp_path, "%YAML 1.2\n---\n" + VALID).valid


@hostile("yaml-multiple-documents")
def test_a_second_document_is_refused_where_it_starts(tmp_path: Path) -> None:
    d = _only(validate_text(tmp_path, VALID + "---\n" + VALID), "yaml-syntax", 11, 1)
    assert "another document" in d.message


@hostile("yaml-1.2-scalars")
@pytest.mark.parametrize("value, kept", [
    ("NO", "NO"), ("yes", "yes"), ("on", "on"), ("Off", "Off"), ("y", "y"), ("~", None), ("null", None),
    ("1e3", None), ("0o12", None), ("012", None), ("0x1F", None), (".inf", None),
    ("1_000", None),  # ruamel reads 1_000 as a number (YAML 1.1 style): quote it
    ("2020-13-45", "2020-13-45"), ("2020-05-15", "2020-05-15"), ("12:30", "12:30"), ("'1e3'", "1e3"),
])
def test_scalars_in_a_text_field_follow_yaml_12(tmp_path: Path, value: str, kept: str | None) -> None:
    """YAML 1.2: NO, yes, on stay text, as do dates (our schema parses dates); numbers and null do not."""
    report = validate_text(tmp_path, VALID.replace("{en: Shelters, zh: 庇护所}", f"{{en: {value}, zh: 庇护所}}"))
    if kept is None:
        d = _only(report, "wrong-type", 8, 13)
        assert d.details["expected"] == "text"
    else:
        assert report.valid, report.diagnostics
        assert report.loaded[0].submission.practices[0].title["en"] == kept


@hostile("yaml-1.2-scalars")
@pytest.mark.parametrize("field, value, code", [
    ("submitted", "2020-13-45", "invalid-date"), ("submitted", "yes", "invalid-date"),
    ("submitted", "1e3", "invalid-date"), ("cycle", "0o3744", None), ("cycle", "0o12", "cycle-mismatch"),
    ("cycle", "'2020'", "wrong-type"),
    ("cycle", "2020.0", "wrong-type"), ("cycle", "yes", "wrong-type"),
])
def test_scalars_in_typed_fields_are_refused_or_kept_as_documented(tmp_path: Path, field: str, value: str,
                                                                   code: str | None) -> None:
    """0o3744 is 2020 written in octal (YAML 1.2): a number, so a valid cycle."""
    from gcm_report.validate import load_config

    config, _ = load_config(Path(__file__).parents[1] / "fixtures" / "config" / "report.yaml")
    text = VALID.replace("cycle: 2020", f"cycle: {value}") if field == "cycle" else \
        VALID.replace("language: en", f"language: en\nsubmitted: {value}")
    report = validate_text(tmp_path, text, config=config)
    assert [d.code for d in report.diagnostics if d.code != "missing-translation"] == ([code] if code else [])


@hostile("yaml-huge-number")
def test_a_number_of_5000_digits_is_located(tmp_path: Path) -> None:
    d = _only(validate_text(tmp_path, VALID.replace("[10]", "[" + "7" * 5000 + "]")), "yaml-syntax", 10, 18)
    assert "5,000 characters long" in d.message


@hostile("yaml-long-line")
def test_a_line_of_a_million_characters_is_quoted_short(tmp_path: Path) -> None:
    text = VALID.replace("Shelters for victims.", "x" * 1_000_000)
    report = validate_text(tmp_path, text)
    d = _only(report, "text-too-long", 9, 15)
    assert d.details == {"found": "1000000", "expected": "20000", "field": "en"}
    assert len(d.source_line or "") <= 1001 and (d.source_line or "").endswith("…")


@hostile("yaml-empty")
@pytest.mark.parametrize("data, code", [
    (b"", "empty-file"), (b"\n\n", "empty-file"), (b"# only a comment\n", "empty-file"),
    (codecs.BOM_UTF8, "empty-file"), (b"---\n", "empty-file"), (b"   \t  \n", "empty-file"),
    (b"...\n", "yaml-syntax"),  # a document end with no document
])
def test_empty_files_are_empty(tmp_path: Path, data: bytes, code: str) -> None:
    _only(validate_text(tmp_path, data), code)


@hostile("yaml-not-a-mapping")
@pytest.mark.parametrize("text, found", [("- a\n- b\n", "a list"), ("hello\n", "a single value"),
                                         ("42\n", "a single value"), ("[1, 2]\n", "a list")])
def test_a_file_that_is_not_a_set_of_fields(tmp_path: Path, text: str, found: str) -> None:
    d = _only(validate_text(tmp_path, text), "not-a-mapping", 1, 1)
    assert d.details["found"] == found


@hostile("yaml-tab")
def test_tab_indentation_is_located(tmp_path: Path) -> None:
    _only(validate_text(tmp_path, VALID.replace("  country: KEN", "\tcountry: KEN")), "yaml-tab", 6, 1)
