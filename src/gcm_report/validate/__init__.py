"""Validation: files in, a :class:`ValidationReport` out (second stage of the pipeline)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from gcm_report.load.discover import discover
from gcm_report.load.yaml_source import MAX_BYTES, Source, parse, read
from gcm_report.schema.config import ReportConfig
from gcm_report.schema.submission import Submission
from gcm_report.validate.diagnostics import Diagnostic, localize, make
from gcm_report.validate.locate import diagnose
from gcm_report.validate.report import Loaded, ValidationReport
from gcm_report.validate.rules import ITEM_LISTS, check_across, check_submission

__all__ = ["ValidationReport", "Loaded", "load_config", "validate_paths"]


def _key_problems(node: Any, source: Source) -> list[Diagnostic]:
    """Keys must be text: `1: a` or `? [a]` are refused where they stand."""
    out: list[Diagnostic] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, CommentedMap):
            for key in current:
                if not isinstance(key, str):
                    line, col = current.lc.key(key)
                    out.append(make("yaml-key-type", source.name, line + 1, col + 1,
                                    source_line=source.line(line + 1), found=str(key)))
                else:
                    stack.append(current[key])
        elif isinstance(current, CommentedSeq):
            stack.extend(current)
    return out


def load_model(path: Path, name: str, model: type[BaseModel], max_bytes: int = MAX_BYTES
               ) -> tuple[Any, Any, Source, list[Diagnostic]]:
    """Read, parse and validate one file against a model: (object or None, tree, source, problems)."""
    source, problems = read(path, name, max_bytes)
    if problems:
        return None, None, source, problems
    tree, problems = parse(source)
    if problems:
        return None, None, source, problems
    if not isinstance(tree, CommentedMap):
        kind = "a list" if isinstance(tree, CommentedSeq) else "a single value"
        line = (getattr(getattr(tree, "lc", None), "line", None) or 0) + 1
        return None, tree, source, [make("not-a-mapping", name, line, 1, source_line=source.line(line), found=kind)]
    problems = _key_problems(tree, source)
    if problems:
        return None, tree, source, problems
    try:
        return model.model_validate(tree), tree, source, []
    except ValidationError as err:
        return None, tree, source, diagnose(err, tree, source, model)


def load_config(path: Path) -> tuple[ReportConfig | None, list[Diagnostic]]:
    """The report configuration, or the located problems that stop it from loading."""
    if not path.is_file():
        return None, [make("config-not-found", str(path), None, None, found=str(path))]
    config, _tree, _source, problems = load_model(path, str(path), ReportConfig)
    return config, problems


def _lines(tree: CommentedMap) -> dict[str, int]:
    lines: dict[str, int] = {}
    for kind in ITEM_LISTS:
        seq = tree.get(kind)
        if isinstance(seq, CommentedSeq):
            for i in range(len(seq)):
                lines[f"{kind}.{i}"] = seq.lc.item(i)[0] + 1
    impl = tree.get("implementation")
    arrangements = impl.get("arrangements") if isinstance(impl, CommentedMap) else None
    if isinstance(arrangements, CommentedSeq):
        for i in range(len(arrangements)):
            lines[f"arrangements.{i}"] = arrangements.lc.item(i)[0] + 1
    lines["submitter"] = tree.lc.key("submitter")[0] + 1 if "submitter" in tree else 1
    return lines


def validate_paths(paths: list[Path], *, config: ReportConfig | None = None, strict: bool = False,
                   max_bytes: int = MAX_BYTES, lang: str = "en") -> ValidationReport:
    """Validate every submission under `paths`, each against the schema and all against each other."""
    files, diagnostics, missing = discover(paths)
    valid: list[tuple[Submission, Any, Source]] = []
    for found in files:
        sub, tree, source, problems = load_model(found.path, found.name, Submission, max_bytes)
        diagnostics += problems
        if sub is not None:
            diagnostics += check_submission(sub, tree, source, config)
            valid.append((sub, tree, source))
    diagnostics += check_across(valid)
    failed = {d.file for d in diagnostics if d.severity == "error"}
    loaded = [Loaded(source.name, sub, _lines(tree)) for sub, tree, source in valid if source.name not in failed]
    diagnostics.sort(key=Diagnostic.sort_key)
    return ValidationReport(strict=strict, files=len(files), diagnostics=[localize(d, lang) for d in diagnostics],
                            usage_error=missing, lang=lang, submissions=loaded, config=config)
