"""Which PDFs of the last build can be used again: input keys and the build manifest.

Printing a PDF is the slow part of a build (WeasyPrint: seconds per language), and most
builds change nothing that a PDF shows (a drafter rebuilding after fixing one language, a
CI job re-running). A PDF is used again only when everything that can change its bytes is
the same as when it was made, and the file itself is still exactly what was written:

- the *input key* (:func:`input_key`) is a SHA-256 over the job (the HTML, which has
  report.css and print.css inlined; language; title, author, subject; the creation date,
  so ``SOURCE_DATE_EPOCH`` counts; the PDF variant), every file of the theme folder (the only
  files WeasyPrint may read), the versions of gcm-report, WeasyPrint, pydyf, Pango and
  HarfBuzz, the source of the PDF modules themselves (a development checkout keeps its
  version number while the code changes), and the installed fonts (fontconfig's list of
  font files and versions, and ``FONTCONFIG_FILE``);
- the *manifest* (``.gcm-report-build.json`` in the output folder) maps each PDF's name to
  its input key and the SHA-256 of its bytes. It is written by the same atomic commit as the
  PDFs (:func:`gcm_report.write.atomic.commit`), so it never describes files that are not
  there; a PDF edited or truncated since is printed again, and a manifest that cannot be
  read is ignored (everything is printed).

Nothing here imports WeasyPrint: a build whose PDFs are all current never pays for it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from gcm_report.render import fonts

if TYPE_CHECKING:
    from gcm_report.render.pdf_jobs import PdfJob

MANIFEST = ".gcm-report-build.json"
"""The manifest's name in the output folder (a dot file: not one of the drafts)."""

_FORMAT = 1
_HERE = Path(__file__).resolve().parent
_CODE = tuple(sorted(p.name for p in _HERE.glob("pdf*.py"))) + ("fetcher.py", "fonts.py")
"""The modules whose code decides a PDF's bytes (render/pdf*.py, found, so a new one cannot be forgotten), hashed into every key."""


def input_key(job: PdfJob) -> str:
    """SHA-256 of everything that decides the bytes of ``job``'s PDF (see the module docstring)."""
    from gcm_report.render.pdf import creation_date

    digest = hashlib.sha256()
    fields = {"format": _FORMAT, "lang": job.lang, "title": job.title, "author": job.author,
              "subject": job.subject, "created": creation_date(job.date).isoformat(), "variant": job.variant,
              "environment": _environment(str(Path(job.theme_dir).resolve()), os.environ.get("FONTCONFIG_FILE"))}
    digest.update(json.dumps(fields, sort_keys=True, ensure_ascii=True).encode("ascii"))
    digest.update(b"\0html\0")
    digest.update(job.html.encode("utf-8"))
    return digest.hexdigest()


def _environment(theme_dir: str, fontconfig_file: str | None) -> str:
    """The part of the key shared by every job of a build: theme, versions, code, fonts."""
    root = Path(theme_dir)
    files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    signature = tuple((p.relative_to(root).as_posix(), *_stat(p)) for p in files)
    return _hash_environment(theme_dir, signature, fontconfig_file)


def _stat(path: Path) -> tuple[int, int]:
    try:
        status = path.stat()
    except OSError:
        return (-1, -1)
    return (status.st_size, status.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _hash_environment(theme_dir: str, signature: tuple, fontconfig_file: str | None) -> str:
    """Hashed once per process and theme state (``signature``: each theme file's size and mtime)."""
    digest = hashlib.sha256()
    for label, value in (("versions", _versions()), ("fonts", _fonts_fingerprint(fontconfig_file)),
                         ("fontconfig", fontconfig_file or "")):
        digest.update(f"{label}\0{value}\0".encode())
    for name in _CODE:
        digest.update(f"code\0{name}\0".encode())
        digest.update(_read(_HERE / name))
    root = Path(theme_dir)
    for relative, *_ in signature:
        digest.update(f"theme\0{relative}\0".encode())
        digest.update(_read(root / relative))
    return digest.hexdigest()


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"(unreadable)"


def _versions() -> str:
    parts = []
    for package in ("gcm-report", "weasyprint", "pydyf", "tinycss2", "cssselect2"):
        try:
            parts.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{package}=none")
    parts.append(f"pango={fonts.pango_version()}")
    parts.append(f"harfbuzz={fonts.harfbuzz_version()}")
    return " ".join(parts)


@functools.lru_cache(maxsize=4)
def _fonts_fingerprint(fontconfig_file: str | None) -> str:
    """fontconfig's font files and their versions: a font installed, removed or updated counts."""
    if not fonts.fc_list_available():
        return "no fc-list"
    try:
        lines = fonts._fc_list("--format", "%{file}|%{index}|%{fontversion}\n")
    except (OSError, fonts.FontError):
        return "fc-list failed"
    return hashlib.sha256("\n".join(sorted(lines)).encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------- the manifest


def read_manifest(folder: Path | None) -> dict[str, dict[str, str]]:
    """The previous build's entries (name -> {"key", "sha256"}); empty when missing or unreadable."""
    if folder is None:
        return {}
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != _FORMAT or not isinstance(data.get("pdf"), dict):
        return {}
    entries = {}
    for name, entry in data["pdf"].items():
        if (isinstance(name, str) and isinstance(entry, dict) and isinstance(entry.get("key"), str)
                and isinstance(entry.get("sha256"), str)):
            entries[name] = {"key": entry["key"], "sha256": entry["sha256"]}
    return entries


def reusable(folder: Path | None, name: str, key: str, manifest: Mapping[str, Mapping[str, str]]) -> bytes | None:
    """The previous PDF's bytes when its key matches and the file is intact, else None."""
    entry = manifest.get(name)
    if folder is None or entry is None or entry["key"] != key or _unsafe(name):
        return None
    try:
        data = (folder / name).read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == entry["sha256"] else None


def manifest_bytes(previous: Mapping[str, Mapping[str, str]], keys: Mapping[str, str],
                   outputs: Mapping[str, bytes]) -> bytes:
    """The new manifest: this build's PDFs, plus the previous entries of PDFs it did not make.

    Entries of other PDFs are kept (a build of one language does not forget the others);
    they are checked against their file's bytes before any use anyway.
    """
    entries = {name: dict(entry) for name, entry in previous.items() if name not in keys}
    for name, key in keys.items():
        entries[name] = {"key": key, "sha256": hashlib.sha256(outputs[name]).hexdigest()}
    data = {"format": _FORMAT, "pdf": dict(sorted(entries.items()))}
    return (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _unsafe(name: str) -> bool:
    return "/" in name or os.sep in name or name in ("", ".", "..")
