"""`gcm-report schema` feeds YAML editors; `gcm-report new` gives a focal point a valid start."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from ruamel.yaml import YAML
from typer.testing import CliRunner

from gcm_report.cli import app

runner = CliRunner()
CONFIG = Path(__file__).parents[1] / "fixtures" / "config" / "report.yaml"


def test_schema_is_a_valid_json_schema_that_accepts_a_real_submission(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    submission = {
        "schema_version": 1, "cycle": 2020, "language": "en",
        "submitter": {"category": "member-state", "country": "PRT"},
        "implementation": {"champion": True, "arrangements": [
            {"kind": "national-plan", "status": "adopted", "actions": 97,
             "summary": {"en": "A plan of 97 actions.", "zh": "包含97项行动的计划。"}}]},
        "practices": [{"title": "Social security numbers", "summary": "For all migrants.",
                       "objectives": [4, 22], "period": {"start": 2019},
                       "sources": [{"url": "https://www.example.org/a"}]}],
    }
    jsonschema.validate(submission, schema)
    bad = dict(submission, colour="blue")
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad))


def test_config_schema_is_valid() -> None:
    result = runner.invoke(app, ["schema", "--config"])
    jsonschema.Draft202012Validator.check_schema(json.loads(result.stdout))


def test_new_writes_a_skeleton_that_validates(tmp_path: Path) -> None:
    folder = tmp_path / "submissions"
    result = runner.invoke(app, ["new", "kenya", "--country", "KEN", "--folder", str(folder), "--config", str(CONFIG)])
    assert result.exit_code == 0, result.output
    written = folder / "kenya.yaml"
    text = written.read_text(encoding="utf-8")
    assert "country: KEN" in text and "# Practices, by objective" in text
    check = runner.invoke(app, ["validate", str(folder), "--config", str(CONFIG), "--strict"])
    assert check.exit_code == 0, check.output


def test_new_for_an_organization_and_its_refusals(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    ok = runner.invoke(app, ["new", "migrant-forum", "--category", "stakeholder", "--folder", str(folder),
                               "--config", str(CONFIG)])
    assert ok.exit_code == 0
    assert runner.invoke(app, ["validate", str(folder), "--config", str(CONFIG)]).exit_code == 0
    again = runner.invoke(app, ["new", "migrant-forum", "--category", "stakeholder", "--folder", str(folder)])
    assert again.exit_code == 2 and "exists already" in again.output
    no_country = runner.invoke(app, ["new", "x", "--folder", str(folder)])
    assert no_country.exit_code == 2 and "--country" in no_country.output
    bad = runner.invoke(app, ["new", "y", "--country", "XXX", "--folder", str(folder)])
    assert bad.exit_code == 2
    assert YAML(typ="safe").load((folder / "migrant-forum.yaml").read_text())["submitter"]["category"] == "stakeholder"
