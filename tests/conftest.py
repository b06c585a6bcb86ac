"""Fixtures shared across test folders (add yours below; keep each one cheap or session-scoped).

The kitchen-sink corpus (tests/fixtures/kitchen-sink) is the small corpus the build tests
count by hand: see its README.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
KITCHEN_SINK = TESTS / "fixtures" / "kitchen-sink"


@pytest.fixture(scope="session", autouse=True)
def ctrl_c_as_at_a_terminal() -> None:
    """Ctrl-C reaches the processes the tests start, as it does at a terminal.

    A suite started in the background by a shell without job control (``make test &``, some CI
    runners) inherits SIGINT ignored, and so would every process it starts: gcm-report rightly leaves
    an ignored SIGINT ignored, and the tests of what Ctrl-C does would see it do nothing.
    """
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def kitchen_sink() -> Path:
    """The folder holding the kitchen-sink report.yaml and submissions/."""
    return KITCHEN_SINK


@pytest.fixture(scope="session")
def kitchen_config():  # type: ignore[no-untyped-def]
    from gcm_report.validate import load_config

    config, problems = load_config(KITCHEN_SINK / "report.yaml")
    assert config is not None, problems
    return config


@pytest.fixture(scope="session")
def kitchen_loaded(kitchen_config):  # type: ignore[no-untyped-def]
    """The kitchen-sink submissions, validated (they must be valid)."""
    from gcm_report.validate import validate_paths

    report = validate_paths([KITCHEN_SINK / "submissions"], config=kitchen_config)
    assert report.valid, [d.message for d in report.diagnostics if d.severity == "error"]
    return report.loaded


@pytest.fixture(scope="session")
def kitchen_files(kitchen_loaded):  # type: ignore[no-untyped-def]
    """How the build shows and links the kitchen-sink files (output folder: kitchen-sink/build)."""
    from gcm_report.pipeline import file_refs

    return file_refs(kitchen_loaded, [KITCHEN_SINK / "submissions"], KITCHEN_SINK / "build")


@pytest.fixture(scope="session")
def kitchen_model(kitchen_loaded, kitchen_config, kitchen_files):  # type: ignore[no-untyped-def]
    """The report model of the kitchen sink, as the build makes it (files shown relative to submissions/)."""
    from gcm_report.aggregate import aggregate

    return aggregate(kitchen_loaded, kitchen_config, kitchen_files)


# --- a small HTML tree for assertions about what a reader sees (stdlib only) ----------------------
class Element:
    """An element of a parsed page: tag, attributes, children (elements and text)."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element | str] = []

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def text(self, skip: tuple[str, ...] = ()) -> str:
        """The text a reader sees; elements with a class in `skip` are left out (e.g. fn-body, trace)."""
        out = []
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            elif not set(child.classes) & set(skip):
                out.append(child.text(skip))
        return "".join(out)

    def iter(self):  # type: ignore[no-untyped-def]
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Element]:
        return [e for e in self.iter() if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)
                and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Element:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag} class={cls} {attrs}>"
        return found[0]

    def ancestors(self):  # type: ignore[no-untyped-def]
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


def _parse_html(text: str) -> Element:
    from html.parser import HTMLParser

    void = {"meta", "link", "br", "img", "hr", "input", "source", "wbr", "col", "area", "base", "embed", "track",
            "rect", "line", "path", "circle"}
    root = Element("#document", {}, None)

    class Builder(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.node = root

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            element = Element(tag, {k: v or "" for k, v in attrs}, self.node)
            self.node.children.append(element)
            if tag not in void:
                self.node = element

        def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.node.children.append(Element(tag, {k: v or "" for k, v in attrs}, self.node))

        def handle_endtag(self, tag: str) -> None:
            node = self.node
            while node is not root and node.tag != tag:
                node = node.parent  # type: ignore[assignment]
            if node is not root:
                self.node = node.parent  # type: ignore[assignment]

        def handle_data(self, data: str) -> None:
            self.node.children.append(data)

    Builder().feed(text)
    return root


@pytest.fixture(scope="session")
def parse_html():  # type: ignore[no-untyped-def]
    """parse_html(text) -> Element: the page as a tree, to assert on what a reader sees."""
    return _parse_html


@pytest.fixture(scope="session")
def kitchen_pages(kitchen_model) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The kitchen sink rendered in Chinese and English (HTML text)."""
    from gcm_report.render.html import render_html

    return {lang: render_html(kitchen_model, lang) for lang in ("zh", "en")}
