"""The reference pages in docs/ are generated from the code and must match it."""

from __future__ import annotations

from gcm_report.devtools import docs
from gcm_report.diagnostics import catalogue


def test_generated_pages_are_up_to_date() -> None:
    assert docs.main(["--check"]) == 0, "run `make docs` and commit docs/"


def test_every_rule_code_is_documented_with_an_example() -> None:
    page = (docs.ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for code in catalogue():
        assert f"## {code}\n" in page
    assert page.count("```text") >= len(catalogue()) - 3  # codes without a file-located example


def test_every_command_is_documented() -> None:
    import typer.main

    from gcm_report.cli import app

    page = (docs.ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in typer.main.get_command(app).commands:  # type: ignore[attr-defined]
        assert f"## gcm-report {name}\n" in page


def test_every_field_of_a_submission_is_documented() -> None:
    from gcm_report.schema.submission import Practice, Submission

    page = (docs.ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for model in (Submission, Practice):
        for name, field in model.model_fields.items():
            assert f"| `{name}` |" in page
            assert field.description, f"{model.__name__}.{name} has no description"
