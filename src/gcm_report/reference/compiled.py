"""The package's own YAML data (reference facts, message catalogues), also kept as JSON for reading.

The YAML files are the source: people edit them, with comments and sources. Reading them costs
about 30 ms per file even with libyaml, because ruamel.yaml builds every value in Python; a command
that validates one file or builds a small draft reads four to six of them, a fifth of its time.
JSON is read by C. So each data folder holds a ``compiled.json`` with, for every YAML file, its data
and the hash of the text it came from. A twin is used only while the YAML text still has that hash:
an edited YAML file is read as YAML (slower, never stale) until ``make docs`` compiles it again, and
``make test`` fails until then. A file whose data JSON cannot hold exactly (a date, a number as a
key) is not compiled and is always read as YAML.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

NAME = "compiled.json"
FOLDERS = (("reference", "data"), ("messages",))
"""The package's data folders (relative to the package) that have a compiled twin."""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def _twins(folder: str) -> dict[str, Any]:
    """The compiled twins of one data folder, by file name ({} if there are none or they are unreadable)."""
    try:
        twins = json.loads(_folder(folder).joinpath(NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return twins if isinstance(twins, dict) else {}


def _folder(folder: str) -> Traversable:
    return resources.files("gcm_report").joinpath(*folder.split("/"))


def read(folder: str, name: str) -> Any:
    """The data of the YAML file `name` in the package's `folder` (e.g. ``reference/data``)."""
    text = _folder(folder).joinpath(name).read_text(encoding="utf-8")
    twin = _twins(folder).get(name)
    if isinstance(twin, dict) and twin.get("sha256") == _digest(text):
        return twin.get("data")
    from gcm_report.reference import read_data

    return read_data(text)


def compile_folder(folder: Path) -> dict[str, Any]:
    """The twins of every YAML file in `folder` whose data survives JSON unchanged."""
    from gcm_report.reference import read_data

    twins: dict[str, Any] = {}
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        data = read_data(text)
        try:
            same = json.loads(json.dumps(data, ensure_ascii=False)) == data
        except (TypeError, ValueError):
            same = False
        if same:
            twins[path.name] = {"sha256": _digest(text), "data": data}
    return twins


def compiled_text(folder: Path) -> str:
    """What ``compiled.json`` of `folder` must hold: one line per file, in name order (diffs stay
    readable); keys in the YAML's order, which is meaningful (the catalogue's order is the docs')."""
    twins = compile_folder(folder)
    rows = [f"{json.dumps(name)}: {json.dumps(twin, ensure_ascii=False)}"
            for name, twin in twins.items()]
    return "{\n" + ",\n".join(rows) + "\n}\n"


def package_folders() -> list[Path]:
    """The data folders of the package in this checkout."""
    root = Path(__file__).resolve().parents[1]
    return [root.joinpath(*parts) for parts in FOLDERS]
