"""Hostile files and folders: links out, loops, pipes, devices, bad names, thousands of files, and
output folders that cannot be written (not a folder, read-only, full). Each gets its located
message and exit code; nothing is read from outside the submissions, nothing written outside the
output folder, and the previous draft survives every failure.

The tests run as root here, so ``chmod 000`` would not stop a read: a file that cannot be read is
simulated (a FIFO, a socket, a device, a dangling link, and ``os.open`` raising EACCES).
"""

from __future__ import annotations

import errno
import json
import os
import re
import socket
import stat
from pathlib import Path
from typing import Any

from urllib.parse import unquote

import pytest

from hostile_support import VALID, assert_no_traceback, build_args, cli, cli_many, codes, leftovers, snapshot

hostile = pytest.mark.hostile

SECRET = "TOP-SECRET-5f3a1c"


def _unreadable(report: Any) -> list[tuple[str, str]]:
    return [(Path(d.file or "").name, d.details.get("found", "")) for d in report.diagnostics
            if d.code == "unreadable-file"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A submissions folder with one valid file, and a secret file next to (outside) it."""
    root = tmp_path / "submissions"
    root.mkdir()
    (root / "kenya.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "secret.yaml").write_text(VALID.replace("Shelters for victims.", SECRET), encoding="utf-8")
    return root


def _validate(*paths: Path):  # type: ignore[no-untyped-def]
    from gcm_report.validate import validate_paths

    return validate_paths(list(paths))


@hostile("file-link-outside")
@pytest.mark.parametrize("target", ["../secret.yaml", "/etc/passwd", "/etc/hostname", "../"])
def test_a_link_out_of_the_submissions_is_refused_and_not_read(folder: Path, target: str) -> None:
    (folder / "link.yaml").symlink_to(target)
    report = _validate(folder)
    assert _unreadable(report) == [("link.yaml", "it is a link to a file outside the submissions folder")]
    assert SECRET not in report.model_dump_json() and "root:" not in report.model_dump_json()
    assert report.files == 1 and report.exit_code == 1


@hostile("file-link-outside")
def test_a_link_that_stays_inside_is_followed(folder: Path) -> None:
    (folder / "sub").mkdir()
    (folder / "sub" / "real.yaml").write_text(VALID.replace("KEN", "UGA"), encoding="utf-8")
    (folder / "alias.yaml").symlink_to("sub/real.yaml")
    report = _validate(folder)
    assert report.files == 3
    assert codes(report).count("duplicate-submitter") == 1  # the link and its target: the same submitter


@hostile("file-link-loop")
@pytest.mark.parametrize("make", ["self", "pair"])
def test_a_link_that_loops_is_reported(folder: Path, make: str) -> None:
    if make == "self":
        (folder / "loop.yaml").symlink_to("loop.yaml")
    else:
        (folder / "a.yaml").symlink_to("b.yaml")
        (folder / "b.yaml").symlink_to("a.yaml")
    report = _validate(folder)
    found = _unreadable(report)
    assert found and all(why == "it is a link that leads round in a loop" for _, why in found), found
    direct = _validate(next(p for p in folder.iterdir() if p.is_symlink()))  # named on the command line
    assert codes(direct) == ["unreadable-file"] and "symbolic links" in direct.diagnostics[0].message


@hostile("file-dangling-link")
def test_a_link_to_nothing_is_reported(folder: Path) -> None:
    (folder / "gone.yaml").symlink_to("deleted.yaml")
    report = _validate(folder)
    assert _unreadable(report) == [("gone.yaml", "No such file or directory")]


@hostile("file-fifo")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(folder: Path) -> None:
    os.mkfifo(folder / "pipe.yaml")
    run = cli("validate", str(folder), "--config", str(folder / "none.yaml"), timeout=60)
    assert run.returncode == 1 and "pipe.yaml: error[unreadable-file] This file cannot be read: it is a named pipe " \
                                   "(FIFO), not a file." in run.stdout
    direct = cli("validate", str(folder / "pipe.yaml"), timeout=60)
    assert direct.returncode == 1 and "named pipe" in direct.stdout


@hostile("file-device-or-socket")
@pytest.mark.parametrize("path", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_named_on_the_command_line_is_refused_not_read_forever(path: str) -> None:
    run = cli("validate", path, timeout=60)
    assert run.returncode == 1 and f"{path}: error[unreadable-file] This file cannot be read: it is a device, not " \
                                   f"a file." in run.stdout, run.stdout + run.stderr


@hostile("file-device-or-socket")
def test_a_socket_named_like_a_submission_is_refused(folder: Path) -> None:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(folder / "socket.yaml"))
        assert stat.S_ISSOCK((folder / "socket.yaml").stat().st_mode)
        assert _unreadable(_validate(folder)) == [("socket.yaml", "it is a socket, not a file")]
    finally:
        server.close()


@hostile("file-permission-denied")
def test_a_file_that_cannot_be_opened_is_reported(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated: as root, chmod 000 does not stop a read, so os.open raises EACCES for this file."""
    from gcm_report.load import yaml_source

    (folder / "locked.yaml").write_text(VALID.replace("KEN", "UGA"), encoding="utf-8")
    real_open = os.open

    def refuse(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith("locked.yaml"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(yaml_source.os, "open", refuse)
    report = _validate(folder)
    assert _unreadable(report) == [("locked.yaml", "Permission denied")]
    assert report.files == 2 and report.exit_code == 1


@hostile("file-permission-denied")
def test_a_folder_that_cannot_be_listed_is_reported_not_skipped(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated likewise: listing this sub-folder raises EACCES (pathlib's rglob would skip it silently)."""
    (folder / "private").mkdir()
    (folder / "private" / "uganda.yaml").write_text(VALID.replace("KEN", "UGA"), encoding="utf-8")
    real_scandir = os.scandir

    def refuse(path: Any = ".") -> Any:
        if str(path).endswith("private"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    report = _validate(folder)
    assert _unreadable(report) == [("private", "it is a folder that cannot be listed (Permission denied)")]
    assert report.exit_code == 1


@hostile("file-folder-named-yaml")
def test_a_folder_named_like_a_submission(folder: Path) -> None:
    (folder / "folder.yaml").mkdir()
    (folder / "folder.yaml" / "inner.yaml").write_text(VALID.replace("KEN", "UGA"), encoding="utf-8")
    report = _validate(folder)
    assert _unreadable(report) == [("folder.yaml", "it is a folder, not a file")]
    assert report.files == 2  # the file inside it is still read


@hostile("file-hostile-names")
def test_file_names_with_markup_and_url_syntax_are_escaped_and_linked(corpus: Path, build_in_process,
                                                                      parse_html) -> None:
    names = ['<script>alert(1)<>.yaml', 'quote"and\'apostrophe.yaml', "hash #1?.yaml", "per%41cent.yaml",
             "中文 名.yaml", "-rf.yaml"]
    kenya = (corpus / "submissions" / "member-states" / "kenya.yaml").read_text(encoding="utf-8")
    (corpus / "submissions" / "member-states" / "kenya.yaml").unlink()
    states = ["KEN", "UGA", "TZA", "RWA", "ETH", "SOM"]
    for name, state in zip(names, states, strict=True):
        text = kenya.replace("country: KEN", f"country: {state}").replace("joint: shelters", f"joint: j-{state}")
        (corpus / "submissions" / "member-states" / name).write_text(text, encoding="utf-8")
    out = corpus / "build"
    result = build_in_process(corpus, out)
    assert result.exit_code == 0, [d.message for d in result.validation.diagnostics if d.severity == "error"]
    html = (out / "report.en.html").read_text(encoding="utf-8")
    page = parse_html(html)
    assert not page.find_all("script")
    traces = [a.attrs["href"] for a in page.find_all("a", cls="trace")]

    targets = {Path(unquote(h.split("#L")[0])).name for h in traces}
    assert set(names) <= targets, targets - set(names)
    assert all((out / unquote(h.split("#L")[0])).resolve().is_file() for h in traces)
    rows = (out / "practices.csv").read_text(encoding="utf-8")
    assert "member-states/<script>alert(1)<>.yaml" in rows and "'-rf.yaml" not in rows
    assert "member-states/-rf.yaml" in rows  # a path cell does not start with the dash


@hostile("file-hostile-names")
@pytest.mark.slow
def test_file_names_that_are_not_plain_text_are_refused_and_printed_safely(tmp_path: Path) -> None:
    root = tmp_path / "submissions"
    root.mkdir()
    (root / "kenya.yaml").write_text(VALID, encoding="utf-8")
    raws = [b"\xff\xfe.yaml", b"new\nline.yaml", b"esc\x1b[2J.yaml", b"bell\x07.yaml"]
    for raw, state in zip(raws, ["UGA", "TZA", "RWA", "ETH"], strict=True):
        with open(os.path.join(os.fsencode(root), raw), "wb") as handle:
            handle.write(VALID.replace("KEN", state).encode())
    formats = ("text", "json", "github")
    runs = cli_many(*[["validate", str(root), "--format", fmt, "--config", str(tmp_path / "none.yaml")]
                      for fmt in formats])
    for fmt, run in zip(formats, runs, strict=True):
        assert_no_traceback(run.stderr)
        if fmt == "json":
            listed = [d for d in json.loads(run.stdout)["diagnostics"] if d["code"] == "unreadable-file"]
        else:
            listed = re.findall(r"error\[unreadable-file\]|title=unreadable-file", run.stdout)
        assert run.returncode == 1 and len(listed) == 4, run.stdout
        assert "\x1b" not in run.stdout and "\x07" not in run.stdout
        if fmt == "json":
            found = [d for d in json.loads(run.stdout)["diagnostics"] if d["code"] == "unreadable-file"]
            assert all("\ufffd" in d["file"] and "its name is not plain text" in d["message"] for d in found)


@pytest.fixture(scope="module")
def thousands(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """2,000 realistic submissions from the corpus generator (one practice each, to stay quick), 20 with a
    known error."""
    from gcm_report.devtools.corpus import documents, to_yaml

    root = tmp_path_factory.mktemp("thousands") / "submissions"
    items, errors = documents(2_000, seed=11, errors=20)
    for name, doc in items:
        doc["practices"] = doc["practices"][:1]  # the generator puts an injected error in the first
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_yaml(doc) + "\n", encoding="utf-8")
    return root, errors


@hostile("file-thousands")
@pytest.mark.slow
def test_thousands_of_files_are_all_checked_and_exactly_the_known_errors_found(thousands) -> None:
    from gcm_report.validate import validate_paths

    root, errors = thousands
    report = validate_paths([root], jobs=2)
    assert report.files == 2_000
    found = {(str(Path(d.file or "").relative_to(root)), d.code) for d in report.diagnostics if d.severity == "error"}
    assert found == set(errors.items())


# ---------------------------------------------------------------------------- output folders


def _first_build(corpus: Path, out: Path, build_in_process) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    assert build_in_process(corpus, out).exit_code == 0
    before = snapshot(out)
    assert sorted(before) == ["compendium.en.html", "compendium.zh.html", "practices.csv", "report.en.html",
                              "report.json", "report.zh.html"]
    kenya = corpus / "submissions" / "member-states" / "kenya.yaml"  # the next build would change every output
    kenya.write_text(kenya.read_text(encoding="utf-8").replace("Kenya is setting up", "Kenya set up"),
                     encoding="utf-8")
    return before


@hostile("out-confined")
@pytest.mark.slow
def test_a_build_writes_nothing_outside_its_output_folder(corpus: Path, tmp_path: Path) -> None:
    """HTML and PDF from the kitchen sink, with HOME, TMPDIR and the cache folder pointed at empty folders:
    they stay empty, the corpus is unchanged, and everything new is in the output folder."""
    sandbox = {name: tmp_path / name for name in ("home", "tmp", "cache")}
    for folder in sandbox.values():
        folder.mkdir()
    before = snapshot(corpus)
    out = tmp_path / "out"
    run = cli(*build_args(corpus, out, "--format", "html,pdf", "--lang", "en"), timeout=600,
              env={"HOME": str(sandbox["home"]), "TMPDIR": str(sandbox["tmp"]),
                   "XDG_CACHE_HOME": str(sandbox["cache"])})
    assert run.returncode == 0, run.stderr
    assert snapshot(corpus) == before
    assert {name: sorted(p.name for p in folder.rglob("*")) for name, folder in sandbox.items()} == \
        {"home": [], "tmp": [], "cache": []}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "corpus", "home", "out", "tmp"]
    assert sorted(snapshot(out)) == [".gcm-report-build.json", "compendium.en.html", "compendium.en.pdf",
                                     "practices.csv", "report.en.html", "report.en.pdf", "report.json"]


@hostile("out-under-a-file")
def test_an_output_folder_under_a_regular_file_is_an_error_not_a_traceback(corpus: Path) -> None:
    (corpus / "plain-file").write_text("x")
    run = cli(*build_args(corpus, corpus / "plain-file" / "build", "--format", "html"))
    assert_no_traceback(run.stderr)
    assert run.returncode == 1
    assert f"error: cannot create the output folder {corpus / 'plain-file' / 'build'}: Not a directory" in run.stderr
    assert (corpus / "plain-file").read_text() == "x" and "wrote" not in run.stdout


@hostile("out-read-only")
def test_a_read_only_output_folder_is_an_error_and_keeps_the_draft(corpus: Path, read_only_folder: Path | None,
                                                                 build_in_process, tmp_path: Path) -> None:
    if read_only_folder is None:
        pytest.skip("cannot bind-mount here (needs root)")
    fresh = build_in_process(corpus, read_only_folder / "build")
    assert fresh.exit_code == 1 and fresh.error == (f"cannot create the output folder {read_only_folder / 'build'}: "
                                                    f"Read-only file system")
    # a folder that held a draft, then became read-only: the draft stays
    out = tmp_path / "draft"
    before = _first_build(corpus, out, build_in_process)
    assert os.system(f"mount --bind {out} {out} && mount -o remount,bind,ro {out}") == 0
    try:
        result = build_in_process(corpus, out)
        assert result.exit_code == 1 and "Read-only file system" in result.error
        assert snapshot(out) == before
    finally:
        os.system(f"umount {out}")


@hostile("out-disk-full")
def test_a_full_disk_keeps_the_previous_draft_whole(corpus: Path, small_tmpfs, build_in_process, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A tmpfs three times the size of a draft: the first draft fits; then a file fills it up to half a
    draft free, so the next build runs out of space half-way through writing.

    Without a tmpfs (not root), ENOSPC is simulated on os.write instead."""
    assert build_in_process(corpus, tmp_path / "measure").exit_code == 0
    size = sum(len(data) for data in snapshot(tmp_path / "measure").values())
    disk = small_tmpfs(3 * size + 64 * 1024)
    if disk is None:  # pragma: no cover - where mounting is not allowed
        disk = tmp_path / "disk"
        real_write = os.write
        monkeypatch.setattr(os, "write", lambda fd, data: (_ for _ in ()).throw(
            OSError(errno.ENOSPC, "No space left on device")) if len(data) > size // 8 else real_write(fd, data))
    out = disk / "build"
    before = _first_build(corpus, out, build_in_process)
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    (disk / "filler").write_bytes(b"\0" * max(0, free - size // 2))
    result = build_in_process(corpus, out)
    assert result.exit_code == 1 and result.written == []
    assert result.error.startswith(f"cannot write into {out}") and "No space left on device" in result.error
    assert "the previous outputs are as they were" in result.error
    assert snapshot(out) == before and leftovers(out) == []
    (disk / "filler").unlink()
    assert build_in_process(corpus, out).exit_code == 0 and snapshot(out) != before


@hostile("out-name-is-a-folder")
def test_an_output_name_taken_by_a_folder_replaces_nothing(corpus: Path, build_in_process) -> None:
    out = corpus / "build"
    before = _first_build(corpus, out, build_in_process)
    (out / "report.json").unlink()
    (out / "report.json").mkdir()
    (out / "report.json" / "keep.txt").write_text("mine")
    result = build_in_process(corpus, out)
    assert result.exit_code == 1 and result.error == f"cannot write {out / 'report.json'}: a folder has that name; " \
                                                     f"nothing was written"
    del before["report.json"]
    assert snapshot(out) == {**before, "report.json/keep.txt": b"mine"}


@hostile("out-planted-link")
def test_a_link_planted_in_the_output_folder_is_replaced_not_followed(corpus: Path, build_in_process,
                                                                      tmp_path: Path) -> None:
    out = corpus / "build"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("do not overwrite")
    (out / "report.json").symlink_to(victim)
    (out / "practices.csv").symlink_to("/etc/passwd")
    assert build_in_process(corpus, out).exit_code == 0
    assert victim.read_text() == "do not overwrite" and not (out / "report.json").is_symlink()
    assert not (out / "practices.csv").is_symlink() and (out / "practices.csv").read_text().startswith("paragraph,")


@hostile("out-leftovers")
def test_a_killed_builds_leftovers_are_finished_or_removed_by_the_next_build(corpus: Path, build_in_process) -> None:
    """A journal naming renames (the build was killed after committing) is finished; stray temporary files go."""
    from gcm_report.write.atomic import JOURNAL, TEMP_SUFFIX

    out = corpus / "build"
    before = _first_build(corpus, out, build_in_process)
    (out / f".report.json.abcd1234{TEMP_SUFFIX}").write_text('{"new": true}\n')
    (out / f".practices.csv.zzzz9999{TEMP_SUFFIX}").write_text("half a fi")
    (out / JOURNAL).write_text(json.dumps([[f".report.json.abcd1234{TEMP_SUFFIX}", "report.json"]]))
    from gcm_report.write.atomic import recover

    recover(out)
    assert (out / "report.json").read_text() == '{"new": true}\n' and leftovers(out) == []
    assert snapshot(out)["report.en.html"] == before["report.en.html"]
    (out / JOURNAL).write_text(json.dumps([["../../escape" + TEMP_SUFFIX, "../outside"], ["x", "report.json"]]))
    (out / "stale.tmp").write_text("not ours")
    result = build_in_process(corpus, out)  # the next build: a hostile journal is ignored, nothing escapes
    assert result.exit_code == 0 and leftovers(out) == ["stale.tmp"]
    assert not (corpus / "outside").exists() and not (out.parent / "outside").exists()
