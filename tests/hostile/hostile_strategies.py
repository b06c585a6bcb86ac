"""Hypothesis strategies: structured submissions (valid, then mutated) and raw YAML text.

``submissions()`` draws documents the schema accepts (every kind of item, texts with markup,
links, direction marks, CJK, emoji-free); ``mutated()`` spoils one of them a few ways at once
(a key dropped, renamed or added, a value replaced by anything YAML can hold, hostile strings
with control characters and escapes). ``yaml_documents()`` writes YAML by hand, with what the
loader must refuse (anchors, aliases, tags, merge keys, directives, deep nesting, tabs,
duplicate keys) mixed in; ``yaml_soup()`` is token soup.
"""

from __future__ import annotations

import copy
import io
from typing import Any

from hypothesis import strategies as st
from ruamel.yaml import YAML

from gcm_report.schema.types import unprintable

LANGS = ["en", "zh", "fr", "ar", "es", "ru"]
STATES = ["KEN", "UGA", "MAR", "PRT", "BOL", "ISL", "GBR", "DEU", "CHN", "MEX", "PHL", "SEN", "NPL", "FJI"]
HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
           "![x](file:///etc/passwd)", "![x](http://127.0.0.1:9/x.png)", "{{ 7*7 }}", "{% raw %}", "%(name)s",
           "{found}", "=HYPERLINK(\"http://x\")", "NO", "yes", "~", "1e3", "0o12", "2020-13-45", "*bold*",
           "\u200fمرحبا\u200e", "\u202eabc\u202c", "a\u200bb", "庇护所", "</style>", "\\", "\"", "'", "#", "&amp;",
           "[^fn]", "http://example.org/a_(b)", "line\nbreak", "  padded  "]
WILD_TEXT = HOSTILE + ["\x00", "\x1b[2J", "\ud800", "\u202e", "\x85", "\ufeff", "", " ", "\t", "x" * 20_001]


def _ok(text: str) -> bool:
    return bool(text.strip()) and unprintable(text) is None and len(text) <= 20_000


texts = st.one_of(st.sampled_from(HOSTILE), st.text(min_size=1, max_size=40),
                  st.builds(lambda a, b: f"{a} {b}", st.sampled_from(HOSTILE), st.text(max_size=20))).filter(_ok)
"""Texts the schema accepts: anything printable, markup and syntax of every kind included."""


@st.composite
def localized(draw: st.DrawFn) -> Any:
    if draw(st.booleans()):
        return draw(texts)
    langs = draw(st.lists(st.sampled_from(LANGS), min_size=1, max_size=3, unique=True))
    return {lang: draw(texts) for lang in langs}


objectives = st.lists(st.integers(1, 23), min_size=1, max_size=3, unique=True)
years = st.integers(2015, 2020)


@st.composite
def periods(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(years)
    return {"start": start, "end": draw(st.integers(start, 2020))} if draw(st.booleans()) else {"start": start}


@st.composite
def sources(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.booleans()):
        source: dict[str, Any] = {"url": draw(st.sampled_from(
            ["https://www.example.org/a", "http://127.0.0.1:9/x", "https://example.org/a?b=<c>&d=\"e\"",
             "https://例子.中国/路径"]))}
        if draw(st.booleans()):
            source["title"] = draw(localized())
        return source
    return {"citation": draw(localized())}


@st.composite
def practices(draw: st.DrawFn, index: int) -> dict[str, Any]:
    practice: dict[str, Any] = {"title": {"en": f"Practice {index}: {draw(texts)}", "zh": f"做法{index}"},
                                "summary": draw(localized()), "objectives": draw(objectives)}
    if draw(st.booleans()):
        practice["actor"] = draw(localized())
    if draw(st.booleans()):
        practice["partners"] = draw(st.lists(localized(), max_size=2))
    if draw(st.booleans()):
        practice["period"] = draw(periods())
    if draw(st.booleans()):
        practice["sources"] = draw(st.lists(sources(), max_size=2))
    if draw(st.booleans()):
        practice["status"] = draw(st.sampled_from(["planned", "in-preparation", "adopted", "under-way", "completed"]))
    if draw(st.booleans()):
        practice["covid19"] = draw(st.booleans())
    if draw(st.booleans()):
        practice["joint"] = draw(st.sampled_from(["shelters", "data", "returns"]))
    return practice


@st.composite
def submissions(draw: st.DrawFn, index: int = 0) -> dict[str, Any]:
    """A submission the schema and the rules accept (given a distinct `index` per file of a corpus)."""
    category = draw(st.sampled_from(["member-state", "member-state", "un-entity", "stakeholder",
                                     "intergovernmental-organization"]))
    submitter: dict[str, Any] = {"category": category}
    if category == "member-state":
        submitter["country"] = STATES[index % len(STATES)]
    else:
        submitter["name"] = {"en": f"Organization {index} {draw(texts)}", "zh": f"组织{index}"}
        if draw(st.booleans()):
            submitter["short_name"] = draw(localized())
    doc: dict[str, Any] = {"schema_version": 1, "cycle": 2020, "language": draw(st.sampled_from(LANGS)),
                           "submitter": submitter}
    if draw(st.booleans()):
        doc["submitted"] = f"2020-0{draw(st.integers(1, 9))}-1{draw(st.integers(0, 9))}"
    count = draw(st.integers(0, 3))
    doc["practices"] = [draw(practices(i)) for i in range(count)]
    if draw(st.booleans()):
        doc["covid19"] = [{"summary": draw(localized()), "objectives": draw(objectives)}]
    if category == "un-entity" and draw(st.booleans()):
        doc["support"] = [{"summary": draw(localized()), "objectives": draw(objectives)}]
    if category == "member-state" and draw(st.booleans()):
        doc["implementation"] = {"champion": draw(st.booleans()), "arrangements": [{
            "kind": draw(st.sampled_from(["national-plan", "strategy", "policy", "other"])),
            "summary": draw(localized())}]}
    if draw(st.booleans()):
        doc["challenges"] = draw(st.lists(localized(), max_size=2))
    return doc


wild = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(allow_nan=True),
              st.sampled_from(WILD_TEXT), st.text(max_size=15)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.one_of(st.text(max_size=8), st.sampled_from(WILD_TEXT)), inner,
                                            max_size=3)),
    max_leaves=6)
"""Any value YAML can hold (including what no field accepts)."""

FIELDS = ["schema_version", "cycle", "language", "submitted", "submitter", "category", "country", "name", "entity",
          "practices", "title", "summary", "objectives", "area", "period", "start", "end", "sources", "url",
          "citation", "partners", "covid19", "support", "implementation", "arrangements", "kind", "joint"]


def _containers(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _containers(item, path + (key,)) if isinstance(item, (dict, list)) else []
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _containers(item, path + (i,)) if isinstance(item, (dict, list)) else []
    return found


def _at(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        doc = doc[step]
    return doc


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    """A valid submission, spoiled one to four ways."""
    doc = copy.deepcopy(draw(submissions()))
    for _ in range(draw(st.integers(1, 4))):
        where = _at(doc, draw(st.sampled_from(_containers(doc))))
        keys = list(where) if isinstance(where, dict) else list(range(len(where)))
        action = draw(st.sampled_from(["replace", "drop", "add", "rename", "duplicate"]))
        if not keys:
            action = "add"
        if action == "add":
            key = draw(st.sampled_from(FIELDS)) if isinstance(where, dict) else None
            if isinstance(where, dict):
                where[key] = draw(wild)
            else:
                where.append(draw(wild))
            continue
        key = draw(st.sampled_from(keys))
        if action == "replace":
            where[key] = draw(wild)
        elif action == "drop":
            del where[key]
        elif action == "rename" and isinstance(where, dict):
            where[draw(st.sampled_from(FIELDS + ["titel", "objetives", ""]))] = where.pop(key)
        elif action == "duplicate" and isinstance(where, list):
            where.append(copy.deepcopy(where[key]))
    return doc


def dump(doc: Any) -> str:
    """YAML text of plain data (quoted where YAML 1.2 would read something else)."""
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    buffer = io.StringIO()
    yaml.dump(doc, buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------- raw YAML

SCALARS = ["a", "KEN", "2020", "1e3", "0o12", "NO", "yes", "~", "null", "2020-13-45", "'quoted'", '"esc\\e\\0"',
           '"\\ud800"', "|", ">-", "&a x", "*a", "!!python/object:os.system", "!foo x", "!!binary AAAA", "<<",
           "[", "]", "{", "}", "-", "? ", "%", "@", "`", "\t", "中文", "\u202e", "\u2028", "#c"]


@st.composite
def yaml_documents(draw: st.DrawFn, depth: int = 0) -> str:
    """A YAML document written by hand: well-formed more often than not, with refused features mixed in."""
    head = draw(st.sampled_from(["", "", "%YAML 1.2\n---\n", "%YAML 1.1\n---\n", "---\n", "%TAG !e! tag:x,1:\n---\n",
                                 "\ufeff"]))
    return head + draw(_node(0))


def _node(depth: int) -> st.SearchStrategy[str]:
    leaf = st.one_of(st.sampled_from(SCALARS), st.text(max_size=10))
    if depth > 3:
        return leaf.map(lambda s: s + "\n")

    @st.composite
    def block(draw: st.DrawFn) -> str:
        indent = "  " * depth
        kind = draw(st.sampled_from(["map", "seq", "flow", "scalar"]))
        if kind == "scalar":
            return draw(leaf) + "\n"
        if kind == "flow":
            items = draw(st.lists(leaf, max_size=4))
            return ("[" + ", ".join(items) + "]" if draw(st.booleans())
                    else "{" + ", ".join(f"{i}: {i}" for i in items) + "}") + "\n"
        lines = []
        for _ in range(draw(st.integers(1, 4))):
            key = draw(st.one_of(st.sampled_from(["schema_version", "cycle", "submitter", "practices", "title",
                                                  "a", "a", "<<", "? x", "1", "&k key"]), leaf))
            child = draw(_node(depth + 1))
            prefix = f"{indent}- " if kind == "seq" else f"{indent}{key}:"
            lines.append(prefix + (" " + child if "\n" not in child.rstrip("\n") else "\n" + child))
        return "".join(lines)

    return block()


yaml_soup = st.lists(st.one_of(st.sampled_from(SCALARS + [": ", "- ", "\n", "\n  ", "\n    ", ", ", " "]),
                               st.text(max_size=5)), max_size=60).map("".join)
