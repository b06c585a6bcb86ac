"""GCM reference facts (objectives, principles, clusterings, Member States, names).

The facts live in YAML files under ``reference/data`` so that a correction is a
data change, never a code change. This module only reads them, once per process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ruamel.yaml import YAML

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


@dataclass(frozen=True)
class Reference:
    objectives: dict[int, Objective]
    principles: dict[str, Principle]
    clusterings: dict[str, Clustering]
    categories: dict[str, Category]
    member_states: dict[str, str]  # alpha-3 -> M49 region code
    country_names: dict[str, dict[str, Any]] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)


def _entries(raw: dict[str, Any]) -> dict[str, Entry]:
    return {lang: Entry(str(v["text"]), bool(v["official"])) for lang, v in raw.items()}


def _read(name: str) -> Any:
    data = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return YAML(typ="safe", pure=True).load(data)


@cache
def load_reference() -> Reference:
    """Read every reference file once; the result is shared by the whole process."""
    objectives = {
        int(o["number"]): Objective(int(o["number"]), _entries(o["title"]), dict(o["short"]))
        for o in _read("objectives.yaml")["objectives"]
    }
    principles = {
        p["key"]: Principle(p["key"], p["letter"], _entries(p["title"]))
        for p in _read("principles.yaml")["principles"]
    }
    clusterings = {
        c["key"]: Clustering(
            c["key"],
            dict(c["title"]),
            tuple(Group(str(g["key"]), _entries(g["title"]), tuple(g["objectives"])) for g in c["groups"]),
        )
        for c in _read("clusterings.yaml")["clusterings"]
    }
    categories = {
        c["key"]: Category(c["key"], dict(c["singular"]), dict(c["plural"]), dict(c["count_phrase"]))
        for c in _read("categories.yaml")["categories"]
    }
    member_states = {m["code"]: str(m["region"]) for m in _read("member_states.yaml")["member_states"]}
    names = _read("un_names.yaml").get("countries") or {}
    entities = {
        e["key"]: Entity(e["key"], dict(e["name"]), dict(e.get("short") or {}), e.get("category", "other"))
        for e in _read("entities.yaml")["entities"]
    }
    return Reference(objectives, principles, clusterings, categories, member_states, names, entities)
