"""Turn pydantic's errors into located diagnostics.

Pydantic says *what* is wrong as a path of keys and indexes; the round-trip
tree says *where* each key and item stands. Joining the two gives the
file:line:column a focal point needs, and the model at that path gives the
field names for "did you mean".
"""

from __future__ import annotations

import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from gcm_report.load.yaml_source import Source
from gcm_report.schema.types import closest
from gcm_report.diagnostics import Diagnostic, make

_WHERE = {
    "Submission": "a submission",
    "Submitter": "`submitter`",
    "Contact": "`contact`",
    "Implementation": "`implementation`",
    "Arrangement": "an implementation arrangement",
    "Measure": "a COVID-19 measure",
    "Practice": "a practice",
    "Support": "a support activity",
    "Source": "a source",
    "Period": "a period",
    "ReportConfig": "the report configuration",
    "AgendaItem": "an agenda item",
    "Cycle": "`cycle`",
    "Chapters": "`chapters`",
    "Notes": "a footnote",
    "CustomClustering": "a clustering",
    "Group": "a group",
}

_TYPE_WORDS = {
    "string_type": "text", "str_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "bool_type": "true or false", "bool_parsing": "true or false", "list_type": "a list (lines starting with -)",
    "dict_type": "a block of `key: value` fields", "model_type": "a block of `key: value` fields",
    "model_attributes_type": "a block of `key: value` fields", "float_type": "a number",
}


def _unwrap(tp: Any) -> Any:
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            tp = models[0] if models else args[0]
        else:
            return tp


def model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that validates the value at `loc`, if the path leads to one."""
    tp: Any = model
    for seg in loc:
        tp = _unwrap(tp)
        if isinstance(seg, str) and isinstance(tp, type) and issubclass(tp, BaseModel) and seg in tp.model_fields:
            tp = tp.model_fields[seg].annotation
        elif isinstance(seg, int) and get_origin(tp) is list:
            tp = get_args(tp)[0]
        else:
            return None
    tp = _unwrap(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def position(tree: Any, loc: tuple[Any, ...], *, key: bool = False) -> tuple[int, int]:
    """1-based line and column of the value (or, with `key`, the key) that `loc` names.

    Descends as far as the tree has the path; what is missing is reported at
    its parent, which is where the focal point must add it.
    """
    node = tree
    line, col = (tree.lc.line, tree.lc.col) if hasattr(tree, "lc") else (0, 0)
    for i, seg in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, CommentedMap) and seg in node:
            line, col = node.lc.key(seg) if (key and last) or node[seg] is None else node.lc.value(seg)
            node = node[seg]
        elif isinstance(node, CommentedSeq) and isinstance(seg, int) and 0 <= seg < len(node):
            line, col = node.lc.item(seg)
            node = node[seg]
        else:
            break
    return line + 1, col + 1


def _found(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, CommentedMap)):
        return "a block of fields"
    if isinstance(value, (list, CommentedSeq)):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    text = str(value)
    return f"\"{text[:60]}…\"" if len(text) > 60 else f"\"{text}\""


def _clean(loc: tuple[Any, ...], tree: Any) -> tuple[Any, ...]:
    """Drop pydantic's union and validator tags from a location path."""
    out: list[Any] = []
    node = tree
    for seg in loc:
        if isinstance(node, CommentedMap) and seg in node:
            out.append(seg)
            node = node[seg]
        elif isinstance(node, CommentedSeq) and isinstance(seg, int):
            out.append(seg)
            node = node[seg] if 0 <= seg < len(node) else None
        elif isinstance(seg, str) and (isinstance(node, CommentedMap) or node is None) and "[" not in seg \
                and not seg[:1].isupper():
            out.append(seg)  # a missing key: keep it so the message can name it
            node = None
    return tuple(out)


def diagnose(error: ValidationError, tree: Any, source: Source, model: type[BaseModel],
             limit: int | None = None) -> list[Diagnostic]:
    """One diagnostic per distinct problem pydantic found, placed in the source.

    With `limit`, at most that many are placed (locating each has a cost, and a file of short
    wrong values can hold a hundred thousand); a ``too-many-problems`` diagnostic counts the rest.
    """
    out: list[Diagnostic] = []
    seen: set[tuple[str, tuple[Any, ...]]] = set()
    errors = error.errors(include_url=False)
    for number, err in enumerate(errors):
        if limit is not None and len(out) >= limit:
            out = _drop_explained(out)
            out.append(make("too-many-problems", source.name, None, None, found=len(errors) - number,
                            expected=len(out)))
            return out
        loc = _clean(tuple(err["loc"]), tree)
        kind = err["type"]
        ctx = dict(err.get("ctx") or {})
        diag = _one(kind, loc, ctx, err.get("input"), tree, source, model)
        if (diag.code, loc) in seen:
            continue
        seen.add((diag.code, loc))
        out.append(diag)
    return _drop_explained(out)


def _drop_explained(diags: list[Diagnostic]) -> list[Diagnostic]:
    """A typo (`titel`) makes a field unknown and its intended field missing: report it once.

    The unknown field's "did you mean" already says what is missing, so the
    missing-field diagnostic for the suggested name at the same block is dropped.
    """
    meant = {(d.file, d.details.get("suggestion")) for d in diags if d.code == "unknown-field"}
    return [d for d in diags if not (d.code == "missing-field" and (d.file, d.details.get("field")) in meant)]


def _one(kind: str, loc: tuple[Any, ...], ctx: dict[str, Any], value: Any, tree: Any,
         source: Source, model: type[BaseModel]) -> Diagnostic:
    def at(path: tuple[Any, ...], code: str, key: bool = False, **extra: Any) -> Diagnostic:
        line, col = position(tree, path, key=key)
        return make(code, source.name, line, col, source_line=source.line(line), **extra)

    field = str(loc[-1]) if loc and isinstance(loc[-1], str) else None
    if kind == "missing":
        return at(loc[:-1], "missing-field", key=True, field=field)
    if kind == "extra_forbidden":
        owner = model_at(model, loc[:-1])
        names = list(owner.model_fields) if owner else []
        return at(loc, "unknown-field", key=True, found=field,
                  where=_WHERE.get(owner.__name__, "this block") if owner else "this block",
                  expected=", ".join(names), suggestion=closest(field or "", names) if names else None)
    if kind == "literal_error" and loc and loc[-1] == "schema_version":
        return at(loc, "schema-version", found=_found(value))
    if kind == "literal_error":
        return at(loc, "invalid-value", found=str(value), expected=str(ctx.get("expected", "")))
    if kind in ("too_short",):
        return at(loc, "too-few-items", key=True, field=field, expected=str(ctx.get("min_length", 1)))
    if kind in _TYPE_WORDS:
        return at(loc, "wrong-type", found=_found(value), expected=_TYPE_WORDS[kind])
    if kind.islower() and "-" in kind or kind in ("source-empty",):
        key = ctx.pop("key", None)
        path = loc + (key,) if key is not None and isinstance(_get(tree, loc), CommentedMap) \
            and key in _get(tree, loc) else loc
        return at(path, kind, key=key is not None and path != loc, field=key or field, **ctx)
    return at(loc, "wrong-type", found=_found(value), expected=str(ctx.get("expected") or kind.replace("_", " ")))


def _get(tree: Any, loc: tuple[Any, ...]) -> Any:
    node = tree
    for seg in loc:
        try:
            node = node[seg]
        except (KeyError, IndexError, TypeError):
            return None
    return node
