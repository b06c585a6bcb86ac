"""Editorial chapters: Markdown per language cut into paragraphs that share their numbers."""

from __future__ import annotations

from gcm_report.aggregate import editorial
from gcm_report.aggregate.model import Note


def _numbers():  # type: ignore[no-untyped-def]
    count = iter(range(1, 100))
    return lambda: next(count)


def test_paragraphs_are_matched_by_position_across_languages() -> None:
    notes: list[Note] = []
    text = {"en": "One.\n\nTwo.\n\n\nThree.", "zh": "一。\n\n二。\n\n三。"}
    paras = editorial.paragraphs(text, "en", "chapters.x", next_number=_numbers(), cite=lambda k: None, notes=notes)
    assert [(p.number, p.text) for p in paras] == [
        (1, {"en": "One.", "zh": "一。"}), (2, {"en": "Two.", "zh": "二。"}), (3, {"en": "Three.", "zh": "三。"})]
    assert notes == []


def test_a_language_with_another_paragraph_count_is_reported_and_folded() -> None:
    notes: list[Note] = []
    text = {"en": "One.\n\nTwo.", "zh": "一。\n\n二。\n\n三。"}
    paras = editorial.paragraphs(text, "en", "chapters.meaning", next_number=_numbers(), cite=lambda k: None,
                                 notes=notes)
    assert len(paras) == 2
    assert paras[1].text["zh"] == "二。\n\n三。"
    assert [n.code for n in notes] == ["paragraph-count"]
    assert "chapters.meaning" in notes[0].message and "zh" in notes[0].message


def test_a_paragraph_opening_with_a_letter_is_a_subparagraph() -> None:
    notes: list[Note] = []
    text = {"en": "Lead:\n\n(a) First;\n\n(b) Second.", "zh": "引文：\n\n(a) 第一；\n\n(b) 第二。"}
    paras = editorial.paragraphs(text, "en", "x", next_number=_numbers(), cite=lambda k: None, notes=notes)
    assert [(p.number, p.label, p.text["zh"]) for p in paras] == [
        (1, None, "引文："), (None, "a", "第一；"), (None, "b", "第二。")]


def test_footnotes_are_numbered_in_the_original_languages_order_and_unknown_keys_reported() -> None:
    notes: list[Note] = []
    issued: list[str] = []

    def cite(key: str) -> int | None:
        if key == "missing":
            return None
        issued.append(key)
        return len(issued)

    text = {"en": "A.[^b] B.[^a] C.[^b] D.[^missing]", "zh": "甲。[^a]乙。[^b]"}
    (para,) = editorial.paragraphs(text, "en", "chapters.introduction", next_number=_numbers(), cite=cite,
                                   notes=notes)
    assert para.notes == {"b": 1, "a": 2}
    assert [n.code for n in notes] == ["unknown-footnote"]
    assert "[^missing]" in notes[0].message


def test_a_key_cited_in_two_paragraphs_gets_two_numbers(kitchen_model) -> None:
    # the kitchen sink cites [^network] once in chapter VI and [^wmr] once in chapter I
    editorial_notes = [n for c in kitchen_model.chapters for p in c.paragraphs
                       if p.kind == "editorial" for n in p.notes.values()]
    assert len(editorial_notes) == len(set(editorial_notes))
