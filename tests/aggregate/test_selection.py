"""Chapter V cites a selection of the practices (``body`` in report.yaml) and points to the compendium
for the rest, on a generated corpus of 200 submissions (about 2,300 practices, 24 objective blocks):
at most N practices per objective of each area, the featured ones first, a sentence with the right
count and compendium entries, and every count of the report still over everything received."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from gcm_report.aggregate import aggregate
from gcm_report.aggregate.model import FactParagraph, ItemParagraph, Report
from gcm_report.devtools.corpus import generate
from gcm_report.render.practices import practices_csv
from gcm_report.schema.config import Body, Featured
from gcm_report.validate import load_config, validate_paths

N = 3


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, kitchen_sink: Path):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("corpus-200")
    generate(folder, 200, seed=7)
    config, problems = load_config(kitchen_sink / "report.yaml")
    assert config is not None, problems
    report = validate_paths([folder], config=config)
    assert report.valid
    return config, report.loaded


def _model(corpus, **body) -> Report:  # type: ignore[no-untyped-def]
    config, loaded = corpus
    return aggregate(loaded, config.model_copy(update={"body": Body(**body)}))


@pytest.fixture(scope="module")
def everything(corpus) -> Report:  # type: ignore[no-untyped-def]
    """Every practice cited: a limit no objective reaches."""
    return _model(corpus, practices_per_objective=10_000)


@pytest.fixture(scope="module")
def featured(everything: Report) -> list[Featured]:
    """N + 1 practices the automatic choice would not cite: the last Member State practices of the
    largest block (by submitter and title, as a drafter names them), in reverse order."""
    chapter = _chapter5(everything)
    names = {s.id: s for s in everything.submitters}
    block = max(_blocks(chapter).values(), key=len)
    states = [p for p in block if names[p.actors[0].submitter].category == "member-state"]
    return [Featured(submitter=names[p.actors[0].submitter].country or "", title=p.title["en"])
            for p in states[::-1][:N + 1]]


@pytest.fixture(scope="module")
def selected(corpus, featured: list[Featured]) -> Report:  # type: ignore[no-untyped-def]
    return _model(corpus, practices_per_objective=N, featured=featured)


def _chapter5(model: Report):  # type: ignore[no-untyped-def]
    return next(c for c in model.chapters if c.key == "progress")


def _blocks(chapter) -> dict[tuple[str, int], list[ItemParagraph]]:  # type: ignore[no-untyped-def]
    """Cited practices by (area, primary objective), in the order chapter V gives them."""
    found: dict[tuple[str, int], list[ItemParagraph]] = {}
    for section in chapter.subsections:
        for p in section.paragraphs:
            if isinstance(p, ItemParagraph):
                found.setdefault((section.key, p.objectives[0]), []).append(p)
    return found


def _pointers(chapter) -> dict[tuple[str, int], FactParagraph]:  # type: ignore[no-untyped-def]
    return {(section.key, p.counts["objective"]): p for section in chapter.subsections for p in section.paragraphs
            if isinstance(p, FactParagraph) and p.fact == "further-practices"}


def test_the_body_cites_at_most_n_practices_per_objective_of_each_area(selected: Report,
                                                                        everything: Report) -> None:
    received = {key: len(ps) for key, ps in _blocks(_chapter5(everything)).items()}
    cited = {key: len(ps) for key, ps in _blocks(_chapter5(selected)).items()}
    assert sum(received.values()) == everything.counts.practices > 2000
    assert set(cited) == set(received) and len(received) == 24  # objective 7 is in areas A and B
    for key, count in cited.items():
        extra = 1 if key == _featured_block(selected) else 0  # N + 1 featured there: all of them cited
        assert count == min(received[key], N + extra), key


def _featured_block(model: Report) -> tuple[str, int]:
    return next(key for key, ps in _blocks(_chapter5(model)).items() if len(ps) > N)


def test_a_sentence_closes_each_objective_with_the_count_and_entries_of_the_others(selected: Report) -> None:
    chapter = _chapter5(selected)
    pointers = _pointers(chapter)
    entries = {number: p for number, p in enumerate(selected.practices, start=1)}  # the compendium's numbers
    for key, cited in _blocks(chapter).items():
        pointer = pointers[key]
        first, last = pointer.counts["first"], pointer.counts["last"]
        left = [entries[n] for n in range(first, last + 1)]
        assert pointer.counts["practices"] == len(left) == last - first + 1
        assert all((p.area, p.objectives[0]) == key and p.paragraph is None for p in left)
        assert entries[first - 1].paragraph == cited[-1].number  # right after the last one the body cites
        assert pointer.number == cited[-1].number + 1  # and the sentence right after its paragraph
        everyone = [p for p in selected.practices if (p.area, p.objectives[0]) == key]
        assert len(everyone) == len(cited) + len(left)  # no practice of the objective is lost


def test_featured_practices_come_first_in_their_objective_in_the_order_given(selected: Report,
                                                                          featured: list[Featured]) -> None:
    cited = _blocks(_chapter5(selected))[_featured_block(selected)]
    assert [p.title["en"] for p in cited] == [f.title for f in featured]
    assert len(cited) == N + 1 and not any(n.code == "featured-not-found" for n in selected.notes)


def test_a_featured_practice_that_is_not_in_the_corpus_is_a_warning(corpus) -> None:  # type: ignore[no-untyped-def]
    model = _model(corpus, practices_per_objective=N,
                   featured=[Featured(submitter="KEN", title="A practice nobody reported")])
    notes = [n for n in model.notes if n.code == "featured-not-found"]
    assert len(notes) == 1 and notes[0].severity == "warning"
    assert "body.featured[0]" in notes[0].message and "A practice nobody reported" in notes[0].message


def test_the_choice_spreads_over_submitters_member_states_first(corpus) -> None:  # type: ignore[no-untyped-def]
    """Without featured practices, no submitter is cited twice while a submitter with a practice under
    the objective is not cited yet: here 72 practices from 72 Member States (of 135), none twice."""
    model = _model(corpus, practices_per_objective=N)
    names = {s.id: s for s in model.submitters}
    cited = Counter(a.submitter for p in model.practices if p.paragraph is not None for a in p.actors)
    assert sum(cited.values()) == 24 * N and set(cited.values()) == {1}
    assert {names[key].category for key in cited} == {"member-state"}
    first = _blocks(_chapter5(model))[("A", 1)]
    assert [p.actors[0].submitter for p in first] == sorted((p.actors[0].submitter for p in first),
                                                            key=lambda key: names[key].sort_name)


def test_counts_in_chapter_v_and_the_annexes_still_count_everything_received(selected: Report,
                                                                            everything: Report) -> None:
    assert selected.counts == everything.counts
    openings = [[(p.fact, p.counts, p.objectives) for p in s.paragraphs if isinstance(p, FactParagraph)
                 and p.fact != "further-practices"] for s in _chapter5(selected).subsections]
    assert openings == [[(p.fact, p.counts, p.objectives) for p in s.paragraphs if isinstance(p, FactParagraph)]
                        for s in _chapter5(everything).subsections]
    assert _chapter5(selected).paragraphs[0].counts == _chapter5(everything).paragraphs[0].counts
    assert len(selected.practices) == len(everything.practices) == selected.counts.practices


def test_paragraphs_and_footnotes_stay_numbered_continuously(selected: Report) -> None:
    numbers, calls = [], []
    for chapter in selected.chapters:
        for p in [*chapter.paragraphs, *(p for s in chapter.subsections for p in s.paragraphs)]:
            if p.number is not None:
                numbers.append(p.number)
            calls += list(p.notes.values()) if p.kind == "editorial" else list(p.footnotes)
    assert numbers == list(range(1, len(numbers) + 1))
    assert calls == list(range(1, len(selected.footnotes) + 1))  # only cited practices have footnotes


def test_practices_csv_lists_every_practice_received_with_the_paragraph_that_cites_it(selected: Report) -> None:
    rows = practices_csv(selected).splitlines()[1:]
    assert len(rows) == sum(len(p.actors) for p in selected.practices)
    cited = [row for row in rows if row.split(",")[0]]
    assert len(cited) == sum(len(p.actors) for p in selected.practices if p.paragraph is not None)
    assert len(cited) < len(rows) / 5


def test_the_same_corpus_gives_the_same_selection(corpus, selected: Report,  # type: ignore[no-untyped-def]
                                                  featured: list[Featured]) -> None:
    """Whatever order the files arrive in (validation's workers finish in any order)."""
    config, loaded = corpus
    shuffled = random.Random(7).sample(loaded, len(loaded))
    again = _model((config, shuffled), practices_per_objective=N, featured=featured)
    assert again.model_dump_json() == selected.model_dump_json()


def test_with_the_default_the_kitchen_sink_cites_every_practice(kitchen_model: Report) -> None:
    assert all(p.paragraph is not None for p in kitchen_model.practices)
    assert not _pointers(_chapter5(kitchen_model))


def test_report_yaml_says_where_a_body_setting_is_wrong(tmp_path: Path, kitchen_sink: Path) -> None:
    text = (kitchen_sink / "report.yaml").read_text(encoding="utf-8")
    config = tmp_path / "report.yaml"
    config.write_text(text + "body:\n  practices_per_objective: 0\n  featured:\n    - {submitter: KEN, titel: x}\n",
                      encoding="utf-8")
    line = text.count("\n") + 2
    loaded, problems = load_config(config)
    assert loaded is None
    assert [(d.line, d.code) for d in problems] == [(line, "wrong-type"), (line + 2, "unknown-field")]
    assert "1 or more" in problems[0].message and "Did you mean `title`?" in (problems[1].hint or "")
