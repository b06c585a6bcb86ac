"""The JSON twins of the package's YAML data say exactly what the YAML says, and a stale twin is never read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gcm_report.reference import compiled, read_data


@pytest.fixture()
def package_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder of our own, read through :func:`compiled.read` as the package's ``data`` folder."""
    monkeypatch.setattr(compiled, "_folder", lambda folder: tmp_path)
    compiled._twins.cache_clear()
    yield tmp_path
    compiled._twins.cache_clear()


@pytest.mark.parametrize("folder", compiled.package_folders(), ids=lambda f: f.name)
def test_every_data_file_is_compiled_and_its_twin_holds_what_the_yaml_says(folder: Path) -> None:
    twins = json.loads((folder / compiled.NAME).read_text(encoding="utf-8"))
    names = sorted(p.name for p in folder.glob("*.yaml"))
    assert sorted(twins) == names  # none of our files needs YAML-only types today
    package = "reference/data" if folder.name == "data" else "messages"
    for name in names:
        twin, data = compiled.read(package, name), read_data((folder / name).read_text(encoding="utf-8"))
        assert json.dumps(twin, ensure_ascii=False) == json.dumps(data, ensure_ascii=False)  # order too


def test_an_edited_yaml_file_is_read_as_yaml_until_it_is_compiled_again(package_folder: Path) -> None:
    (package_folder / "facts.yaml").write_text("objectives:\n  - number: 1\n    short: data\n", encoding="utf-8")
    (package_folder / compiled.NAME).write_text(compiled.compiled_text(package_folder), encoding="utf-8")
    assert compiled.read("data", "facts.yaml") == {"objectives": [{"number": 1, "short": "data"}]}
    (package_folder / "facts.yaml").write_text("objectives:\n  - number: 2\n    short: edited\n", encoding="utf-8")
    assert compiled.read("data", "facts.yaml") == {"objectives": [{"number": 2, "short": "edited"}]}


def test_data_json_cannot_hold_exactly_is_not_compiled_and_is_read_as_yaml(package_folder: Path) -> None:
    (package_folder / "dated.yaml").write_text("adopted: 2018-12-19\n1: one\n", encoding="utf-8")
    (package_folder / "plain.yaml").write_text("title: Compact\n", encoding="utf-8")
    twins = json.loads(compiled.compiled_text(package_folder))
    assert sorted(twins) == ["plain.yaml"]
    assert str(compiled.read("data", "dated.yaml")["adopted"]) == "2018-12-19"


def test_a_missing_or_corrupt_compiled_file_means_reading_yaml(package_folder: Path) -> None:
    (package_folder / "plain.yaml").write_text("title: Compact\n", encoding="utf-8")
    assert compiled.read("data", "plain.yaml") == {"title": "Compact"}
    compiled._twins.cache_clear()
    (package_folder / compiled.NAME).write_text('{"plain.yaml": {"sha256": ', encoding="utf-8")
    assert compiled.read("data", "plain.yaml") == {"title": "Compact"}
