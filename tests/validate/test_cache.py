"""The validation cache: a second run over unchanged files is answered from the cache, and says the same."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from gcm_report.devtools.corpus import generate
from gcm_report.validate import cache as cache_module
from gcm_report.validate import files as files_module
from gcm_report.validate import load_config, validate_paths, validate_with_config

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "submissions"
EXAMPLE_CONFIG = ROOT / "report.yaml"
RULES = Path(__file__).parents[1] / "fixtures" / "rules"
CONFIG = Path(__file__).parents[1] / "fixtures" / "config" / "report.yaml"


def as_json(report: Any) -> str:
    """What `--format json` prints: the same text, byte for byte, is the same result."""
    return str(report.model_dump_json(indent=2))


@pytest.fixture()
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files actually parsed and checked (not taken from the cache), in this process."""
    names: list[str] = []
    real = files_module.check_file

    def counting(found: Any, *args: Any, **kwargs: Any) -> Any:
        names.append(found.name)
        return real(found, *args, **kwargs)

    monkeypatch.setattr(files_module, "check_file", counting)
    return names


@pytest.fixture()
def broken_corpus(tmp_path: Path) -> Path:
    """A generated corpus with known errors (as `gcm-report generate 40 --errors 12` writes it), plus one
    fixture of every rule code: the fast path, the located path and the cross-file rules all have work."""
    folder = tmp_path / "corpus"
    generate(folder, 40, seed=3, errors=12)
    shutil.copytree(RULES, folder / "rules")
    return folder


def entries(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.json"))


# ---------------------------------------------------------------------------- same result


@pytest.mark.parametrize("corpus", ["example", "broken"])
def test_the_report_is_the_same_without_the_cache_on_a_first_run_and_on_a_second(
        corpus: str, broken_corpus: Path, tmp_path: Path) -> None:
    folder, config = (EXAMPLE, EXAMPLE_CONFIG) if corpus == "example" else (broken_corpus, CONFIG)
    store = tmp_path / "cache"
    fresh = validate_with_config([folder], config, jobs=1)
    first = validate_with_config([folder], config, jobs=1, cache_dir=store)
    second = validate_with_config([folder], config, jobs=1, cache_dir=store)
    assert fresh.files > 20 and fresh.diagnostics
    assert as_json(first) == as_json(fresh)
    assert as_json(second) == as_json(fresh)
    assert second.exit_code == fresh.exit_code


def test_a_second_run_over_unchanged_files_parses_none_of_them(broken_corpus: Path, tmp_path: Path,
                                                               checked: list[str]) -> None:
    validate_with_config([broken_corpus], CONFIG, jobs=1, cache_dir=tmp_path / "cache")
    assert len(checked) > 80
    checked.clear()
    validate_with_config([broken_corpus], CONFIG, jobs=1, cache_dir=tmp_path / "cache")
    assert checked == []


def test_a_changed_file_is_the_only_one_parsed_again_and_the_cross_file_rules_still_see_every_file(
        broken_corpus: Path, tmp_path: Path, checked: list[str]) -> None:
    store = tmp_path / "cache"
    validate_with_config([broken_corpus], CONFIG, jobs=1, cache_dir=store)
    kenya = next(p for p in sorted((broken_corpus / "member-states").glob("*.yaml"))
                 if "duplicate-submitter" not in p.read_text(encoding="utf-8"))
    other = next(p for p in sorted((broken_corpus / "member-states").glob("*.yaml")) if p != kenya)
    kenya.write_text(other.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")  # the same submitter twice
    checked.clear()
    cached = validate_with_config([broken_corpus], CONFIG, jobs=1, cache_dir=store)
    assert checked == [str(kenya)]
    fresh = validate_with_config([broken_corpus], CONFIG, jobs=1)
    assert as_json(cached) == as_json(fresh)
    later = str(max(kenya, other))
    assert any(d.code == "duplicate-submitter" and d.file == later for d in cached.diagnostics)


def test_build_gets_the_same_submissions_and_lines_from_the_cache(tmp_path: Path, checked: list[str]) -> None:
    config, _ = load_config(EXAMPLE_CONFIG)
    fresh = validate_paths([EXAMPLE], config=config, jobs=1)
    validate_paths([EXAMPLE], config=config, jobs=1, cache_dir=tmp_path / "cache")
    checked.clear()
    cached = validate_paths([EXAMPLE], config=config, jobs=1, cache_dir=tmp_path / "cache")
    assert checked == []
    assert cached.config == config
    assert len(cached.loaded) == len(fresh.loaded) > 20
    for mine, theirs in zip(cached.loaded, fresh.loaded, strict=True):
        assert (mine.name, mine.lines) == (theirs.name, theirs.lines)
        assert mine.submission == theirs.submission


def test_the_same_content_under_another_name_is_reported_under_its_new_name(tmp_path: Path) -> None:
    folder = tmp_path / "subs"
    folder.mkdir()
    shutil.copy(RULES / "unknown-field.yaml", folder / "kenya.yaml")
    store = tmp_path / "cache"
    validate_with_config([folder], CONFIG, cache_dir=store)
    (folder / "kenya.yaml").rename(folder / "kenya-2020.yaml")
    shutil.copy(folder / "kenya-2020.yaml", folder / "copy.yaml")
    cached = validate_with_config([folder], CONFIG, cache_dir=store)
    fresh = validate_with_config([folder], CONFIG)
    assert as_json(cached) == as_json(fresh)
    assert {d.file for d in cached.diagnostics if d.code == "unknown-field"} == \
        {str(folder / "kenya-2020.yaml"), str(folder / "copy.yaml")}


# ---------------------------------------------------------------------------- what the key holds


def test_options_and_configuration_that_change_the_result_are_never_answered_from_an_old_entry(
        broken_corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    runs = [dict(strict=False, lang="en"), dict(strict=True, lang="en"), dict(strict=False, lang="fr"),
            dict(strict=False, lang="en", max_bytes=4000)]
    for options in runs:
        validate_with_config([broken_corpus], CONFIG, jobs=1, cache_dir=store, **options)
    for options in runs:
        assert as_json(validate_with_config([broken_corpus], CONFIG, jobs=1, cache_dir=store, **options)) == \
            as_json(validate_with_config([broken_corpus], CONFIG, jobs=1, **options))
    other = tmp_path / "report.yaml"
    other.write_text(CONFIG.read_text(encoding="utf-8").replace("year: 2020", "year: 2022"), encoding="utf-8")
    cached = validate_with_config([broken_corpus], other, jobs=1, cache_dir=store)
    assert as_json(cached) == as_json(validate_with_config([broken_corpus], other, jobs=1))
    assert any(d.code == "cycle-mismatch" for d in cached.diagnostics)


def test_another_version_of_the_tool_does_not_read_the_entries_of_this_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checked: list[str]) -> None:
    import gcm_report

    store = tmp_path / "cache"
    validate_with_config([RULES], CONFIG, jobs=1, cache_dir=store)
    checked.clear()
    monkeypatch.setattr(gcm_report, "__version__", "99.0.0")
    cache_module.fingerprint.cache_clear()
    try:
        validate_with_config([RULES], CONFIG, jobs=1, cache_dir=store)
    finally:
        cache_module.fingerprint.cache_clear()
    assert len(checked) > 40


def test_the_fingerprint_covers_the_schema_the_rules_the_messages_and_the_reference_data() -> None:
    package = Path(gcm_report_file()).parent
    watched = {p.relative_to(package).as_posix() for p in cache_module._watched_files(package)}
    for name in ("schema/submission.py", "schema/types.py", "validate/rules.py", "validate/files.py",
                 "load/yaml_source.py", "load/fast.py", "diagnostics.py", "messages/en.yaml",
                 "messages/zh.yaml", "reference/data/member_states.yaml", "reference/__init__.py"):
        assert name in watched
    assert not any("__pycache__" in name for name in watched)


def gcm_report_file() -> str:
    import gcm_report

    return gcm_report.__file__


# ---------------------------------------------------------------------------- never a failure


def test_a_corrupt_or_truncated_entry_is_ignored(broken_corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    fresh = validate_with_config([broken_corpus], CONFIG, jobs=1)
    validate_with_config([broken_corpus], CONFIG, jobs=1, cache_dir=store)
    found = entries(store)
    assert len(found) > 80
    for number, path in enumerate(found):
        data = path.read_bytes()
        damaged = [data[: len(data) // 2], b"", b"\x00\xff garbage", b"[]", b'{"key": "another"}',
                   data.replace(b'"diagnostics": [', b'"diagnostics": [7, ')][number % 6]
        path.write_bytes(damaged)
    assert as_json(validate_with_config([broken_corpus], CONFIG, jobs=1, cache_dir=store)) == as_json(fresh)
    assert as_json(validate_paths([broken_corpus], jobs=1, cache_dir=store)) == \
        as_json(validate_paths([broken_corpus], jobs=1))


def test_an_entry_whose_submission_was_tampered_with_is_not_believed(tmp_path: Path) -> None:
    store = tmp_path / "cache"
    config, _ = load_config(EXAMPLE_CONFIG)
    validate_paths([EXAMPLE], config=config, jobs=1, cache_dir=store)
    for path in (store / "v1" / "files").rglob("*.json"):
        entry = json.loads(path.read_text())
        if entry["data"] is not None:
            entry["data"]["submitter"]["country"] = 12  # no longer a valid submission
            path.write_text(json.dumps(entry))
    cached = validate_paths([EXAMPLE], config=config, jobs=1, cache_dir=store)
    fresh = validate_paths([EXAMPLE], config=config, jobs=1)
    assert [x.submission for x in cached.loaded] == [x.submission for x in fresh.loaded]


def test_a_cache_folder_that_cannot_be_written_means_no_cache_not_a_failure(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    fresh = validate_with_config([RULES], CONFIG, jobs=1)
    for store in (blocker / "cache", blocker):
        assert as_json(validate_with_config([RULES], CONFIG, jobs=1, cache_dir=store)) == as_json(fresh)
        assert as_json(validate_with_config([RULES], CONFIG, jobs=1, cache_dir=store)) == as_json(fresh)
    assert blocker.read_text() == "not a folder"


def test_a_read_only_cache_folder_is_read_but_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         checked: list[str]) -> None:
    """Simulated (root may write anywhere): every write in the cache folder fails with EACCES."""
    store = tmp_path / "cache"
    validate_with_config([RULES], CONFIG, jobs=1, cache_dir=store)
    before = {p: p.read_bytes() for p in store.rglob("*") if p.is_file()}

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache_module.tempfile, "mkstemp", refuse)
    checked.clear()
    assert validate_with_config([RULES], CONFIG, jobs=1, cache_dir=store).files > 40
    assert checked == []  # read from the cache all the same
    (RULES_COPY := tmp_path / "rules").mkdir()
    shutil.copy(RULES / "unknown-field.yaml", RULES_COPY / "new.yaml")
    extra = validate_with_config([RULES, RULES_COPY], CONFIG, jobs=1, cache_dir=store, strict=True)
    assert extra.files > 40 and extra.exit_code == 1
    assert {p: p.read_bytes() for p in store.rglob("*") if p.is_file()} == before


def test_an_interrupted_write_leaves_no_entry_and_no_temporary_file(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "cache"
    calls = 0
    real = os.replace

    def interrupted(src: Any, dst: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 4:
            raise KeyboardInterrupt
        real(src, dst)

    monkeypatch.setattr(cache_module.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        validate_with_config([RULES], CONFIG, jobs=1, cache_dir=store)
    assert [p.name for p in store.rglob("*") if p.name.endswith(".tmp")] == []
    for path in entries(store):
        assert json.loads(path.read_text())["key"] == path.stem
    monkeypatch.setattr(cache_module.os, "replace", real)
    assert as_json(validate_with_config([RULES], CONFIG, jobs=1, cache_dir=store)) == \
        as_json(validate_with_config([RULES], CONFIG, jobs=1))


def test_the_cache_folder_is_marked_for_backup_tools_and_git(tmp_path: Path) -> None:
    store = tmp_path / "cache"
    validate_with_config([EXAMPLE], EXAMPLE_CONFIG, cache_dir=store)
    assert (store / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (store / ".gitignore").read_text().splitlines()[-1] == "*"
    assert [p for p in store.rglob("*") if p.name.endswith(".tmp")] == []


def test_entries_are_json_never_code(tmp_path: Path) -> None:
    store = tmp_path / "cache"
    validate_with_config([RULES], CONFIG, cache_dir=store)
    for path in entries(store):
        assert isinstance(json.loads(path.read_text(encoding="ascii")), dict)
    assert not [p for p in store.rglob("*") if p.is_file() and p.suffix not in (".json", ".TAG", "")]


def test_an_existing_folder_given_as_the_cache_gets_no_gitignore_of_everything(tmp_path: Path) -> None:
    """`--cache-dir .` in a repository must not make git ignore the repository."""
    mine = tmp_path / "repository"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine")
    validate_with_config([RULES], CONFIG, cache_dir=mine)
    assert not (mine / ".gitignore").exists() and not (mine / "CACHEDIR.TAG").exists()
    assert (mine / "notes.txt").read_text() == "mine" and entries(mine)


def test_two_runs_at_once_on_one_cache_leave_only_whole_entries(tmp_path: Path) -> None:
    import subprocess
    import sys

    store = tmp_path / "cache"
    command = [sys.executable, "-m", "gcm_report", "validate", str(RULES), "--config", str(CONFIG),
               "--cache-dir", str(store), "--format", "json"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    expected = as_json(validate_with_config([RULES], CONFIG, jobs=1)) + "\n"
    assert [out for out, _err in outputs] == [expected, expected]
    assert [p for p in store.rglob("*") if p.name.endswith(".tmp")] == []
    for path in entries(store):
        assert json.loads(path.read_text())["key"] == path.stem
    assert as_json(validate_with_config([RULES], CONFIG, jobs=1, cache_dir=store)) + "\n" == expected
