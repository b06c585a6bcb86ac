"""GCM reference facts (objectives, principles, clusterings, Member States, names).

The facts live in YAML files under ``reference/data`` so that a correction is a
data change, never a code change. This module only reads them, once per process,
each file when it is first needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

LANGUAGES: tuple[str, ...] = ("ar", "zh", "en", "fr", "ru", "es")
"""The six official languages of the United Nations (in UN alphabetical order of their names)."""


@dataclass(frozen=True)
class Entry:
    """One text in one language, and whether it is the official UN text."""

    text: str
    official: bool


@dataclass(frozen=True)
class Objective:
    number: int
    title: dict[str, Entry]
    short: dict[str, str]


@dataclass(frozen=True)
class Principle:
    key: str
    letter: str
    title: dict[str, Entry]


@dataclass(frozen=True)
class Group:
    """One group of a clustering: a thematic area (A to E) or a round table."""

    key: str
    title: dict[str, Entry]
    objectives: tuple[int, ...]


@dataclass(frozen=True)
class Clustering:
    key: str
    title: dict[str, str]
    groups: tuple[Group, ...]

    def groups_of(self, objective: int) -> tuple[Group, ...]:
        """The groups that hold an objective, in clustering order (7 is in A and B)."""
        return tuple(g for g in self.groups if objective in g.objectives)

    def group(self, key: str) -> Group | None:
        return next((g for g in self.groups if g.key == key), None)


@dataclass(frozen=True)
class Category:
    key: str
    singular: dict[str, str]
    plural: dict[str, str]
    count_phrase: dict[str, str]


@dataclass(frozen=True)
class Entity:
    key: str
    name: dict[str, str]
    short: dict[str, str]
    category: str


class Reference:
    """Every reference fact, each file read the first time it is asked for.

    Validating one file needs the principles, Member States, entities and
    clusterings only; the objectives' titles and the UN names are for the draft.
    Reading a file only when its facts are used keeps ``gcm-report validate`` of
    one file (a pre-commit hook) quick.
    """

    @cached_property
    def objectives(self) -> dict[int, Objective]:
        return {
            int(o["number"]): Objective(int(o["number"]), _entries(o["title"]), dict(o["short"]))
            for o in _read("objectives.yaml")["objectives"]
        }

    @cached_property
    def principles(self) -> dict[str, Principle]:
        return {p["key"]: Principle(p["key"], p["letter"], _entries(p["title"]))
                for p in _read("principles.yaml")["principles"]}

    @cached_property
    def clusterings(self) -> dict[str, Clustering]:
        return {
            c["key"]: Clustering(
                c["key"],
                dict(c["title"]),
                tuple(Group(str(g["key"]), _entries(g["title"]), tuple(g["objectives"])) for g in c["groups"]),
            )
            for c in _read("clusterings.yaml")["clusterings"]
        }

    @cached_property
    def categories(self) -> dict[str, Category]:
        return {c["key"]: Category(c["key"], dict(c["singular"]), dict(c["plural"]), dict(c["count_phrase"]))
                for c in _read("categories.yaml")["categories"]}

    @cached_property
    def member_states(self) -> dict[str, str]:
        """alpha-3 code -> M49 region code."""
        return {m["code"]: str(m["region"]) for m in _read("member_states.yaml")["member_states"]}

    @cached_property
    def country_names(self) -> dict[str, dict[str, Any]]:
        return _read("un_names.yaml").get("countries") or {}

    @cached_property
    def entities(self) -> dict[str, Entity]:
        return {e["key"]: Entity(e["key"], dict(e["name"]), dict(e.get("short") or {}), e.get("category", "other"))
                for e in _read("entities.yaml")["entities"]}


def _entries(raw: dict[str, Any]) -> dict[str, Entry]:
    return {lang: Entry(str(v["text"]), bool(v["official"])) for lang, v in raw.items()}


def read_data(text: str) -> Any:
    """Trusted YAML of the package's own data, read with libyaml (C) when it is installed.

    The pure-Python reader takes half a second over the reference files, the C one a
    tenth of that; both give the same data (the safe subset, no tags).
    """
    from ruamel.yaml import YAML  # here, so that importing the facts' types costs nothing

    try:
        return YAML(typ="safe").load(text)
    except Exception:  # noqa: BLE001 - no C extension, or it refused: the pure reader decides
        return YAML(typ="safe", pure=True).load(text)


def _read(name: str) -> Any:
    from gcm_report.reference import compiled  # the JSON twin when it is current (see there)

    return compiled.read("reference/data", name)


@cache
def load_reference() -> Reference:
    """The reference facts, shared by the whole process (each file read once, when first needed)."""
    return Reference()
