"""The pre-commit hook (.pre-commit-hooks.yaml), run as a submissions repository would run it.

`pre-commit try-repo` clones the hook repository at a commit and installs it in a fresh virtual
environment (from PyPI: this needs the network and takes most of the test's time). It would take
the committed HEAD plus tracked changes, but not new untracked files; so the test commits a
snapshot of this working tree (tracked and untracked files, less what .gitignore leaves out) into
a temporary repository and points try-repo at that: what is tested is the code as it is now, here
as in CI's fresh clone.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "rules"
HOOK = "gcm-report-validate"

VALID = """\
schema_version: 1
cycle: 2020
language: en
submitter:
  category: member-state
  country: KEN
practices:
  - title:
      en: Digital civil registration
      zh: 民事登记数字化
    summary:
      en: Kenya has begun to digitize civil registration so that certificates are issued faster.
      zh: 肯尼亚着手将民事登记数字化，以便更快签发各类证明。
    objectives: [4]
"""

pytestmark = pytest.mark.slow


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        LANG="C.UTF-8", NO_COLOR="1", TERM="dumb",
        GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull,
        GIT_AUTHOR_NAME="test", GIT_AUTHOR_EMAIL="test@example.org",
        GIT_COMMITTER_NAME="test", GIT_COMMITTER_EMAIL="test@example.org",
    )
    return env


def _git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def _snapshot(dest: Path, env: dict[str, str]) -> Path:
    """Commit this working tree as it is (tracked and untracked, not ignored) into a new repository."""
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT, env=env)
    files = sorted({name for name in listed.split("\0") if name and (ROOT / name).is_file()})
    assert ".pre-commit-hooks.yaml" in files and "pyproject.toml" in files
    for name in files:
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest / name)
    _git("init", "-q", cwd=dest, env=env)
    _git("add", "-A", cwd=dest, env=env)
    _git("commit", "-q", "--no-verify", "-m", "snapshot", cwd=dest, env=env)
    return dest


def _try_repo(hook_repo: Path, users_repo: Path, *files: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), HOOK, "--color", "never",
         "--verbose", "--files", *files],
        cwd=users_repo, env=env, capture_output=True, text=True, timeout=600, check=False,
    )


def test_hook_passes_a_valid_submission_and_stops_a_broken_one(tmp_path: Path) -> None:
    env = _env(tmp_path)
    hook_repo = _snapshot(tmp_path / "gcm-report", env)
    users = tmp_path / "submissions-repo"
    (users / "submissions" / "member-states").mkdir(parents=True)
    _git("init", "-q", cwd=users, env=env)

    valid = "submissions/member-states/kenya.yaml"
    (users / valid).write_text(VALID, encoding="utf-8")
    _git("add", valid, cwd=users, env=env)
    passed = _try_repo(hook_repo, users, valid, env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"gcm-report validate\.+Passed", passed.stdout), passed.stdout

    broken = "submissions/member-states/broken.yaml"
    shutil.copy(FIXTURES / "unknown-country.yaml", users / broken)  # `# expect: unknown-country 7:12`
    _git("add", broken, cwd=users, env=env)
    failed = _try_repo(hook_repo, users, valid, broken, env=env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert re.search(r"gcm-report validate\.+Failed", failed.stdout), failed.stdout
    assert f"{broken}:7:12: error[unknown-country]" in failed.stdout, failed.stdout
    assert f"{valid}:" not in failed.stdout, failed.stdout  # the valid file is checked, and quiet
