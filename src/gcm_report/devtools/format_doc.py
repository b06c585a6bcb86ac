"""The submission format reference (docs/format.md), written from the JSON Schema of the models.

It closes with the settings of ``report.yaml`` that decide what the report makes of the practices
received (``body``: how many chapter V cites, which it features), from the configuration's schema.

Generated, so that the page says exactly what `validate` accepts: a field added to
the schema appears here at the next `make docs`, and `make test` fails until it does.
"""

from __future__ import annotations

from typing import Any

from gcm_report.schema.export import json_schema

CONFIG_ORDER = ["Body", "Featured"]
"""The report.yaml objects documented here (the rest of report.yaml is the report's own text)."""

ORDER = ["Submission", "Submitter", "Contact", "Implementation", "Arrangement", "Measure", "Practice",
         "Support", "Period", "Source"]


def _is_text(spec: dict[str, Any]) -> bool:
    options = spec.get("anyOf", [])
    return any(o.get("type") == "object" and "propertyNames" in o for o in options) and \
        any(o.get("type") == "string" for o in options)


def _type(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if _is_text(spec):
        return "text, or text per language (`{en: ..., zh: ...}`)"
    if "anyOf" in spec:
        kinds = [o for o in spec["anyOf"] if o.get("type") != "null"]
        return " or ".join(_type(o) for o in kinds)
    if "enum" in spec:
        return "one of " + ", ".join(f"`{v}`" for v in spec["enum"])
    if "const" in spec:
        return f"`{spec['const']}`"
    kind = spec.get("type")
    if kind == "array":
        return "list of " + _type(spec.get("items", {}))
    if kind == "integer":
        low, high = spec.get("minimum"), spec.get("maximum")
        if low is not None and high is not None:
            return f"whole number from {low} to {high}"
        return "whole number" + (f", {low} or more" if low is not None else "")
    if kind == "boolean":
        return "`true` or `false`"
    if kind == "string":
        if spec.get("format") == "date":
            return "date, `YYYY-MM-DD`"
        if spec.get("pattern", "").startswith("^https?"):
            return "web address (`https://...`)"
        if spec.get("pattern") == r"^\d{4}(-\d{2}(-\d{2})?)?$":
            return "year, month or date"
        if spec.get("pattern") == "^[A-Z]{3}$":
            return "ISO 3166-1 alpha-3 code"
        if spec.get("pattern") == "^[a-z]{2}$":
            return "ISO 639-1 language code"
        return "text"
    return "value"


def _row(name: str, spec: dict[str, Any], required: bool) -> str:
    description = spec.get("description", "")
    for option in spec.get("anyOf", []):
        if option.get("description") and not _is_text(spec) and option.get("type") != "string":
            description = description or option["description"]
    if "enum" in str(spec.get("anyOf", "")) and not description:
        description = next((o.get("description", "") for o in spec["anyOf"] if "enum" in o), "")
    default = spec.get("default")
    note = "required" if required else (f"default `{default}`" if default not in (None, [], False) else "optional")
    if default is False:
        note = "default `false`"
    return f"| `{name}` | {_type(spec)} | {note} | {description} |"


def format_reference() -> str:
    """The page: one table per object of a submission, top-level first."""
    schema = json_schema()
    defs = dict(schema.get("$defs", {}))
    defs["Submission"] = {k: v for k, v in schema.items() if k != "$defs"}
    parts = ["# Submission format", "",
             "One YAML file per submitter, schema version 1. Generated from the schema by `make docs`;",
             "`gcm-report schema` prints the same as JSON Schema for editors. Unknown fields are errors.",
             "Texts are a plain string in the submission's `language`, or one text per language.", ""]
    for name in ORDER + sorted(set(defs) - set(ORDER)):
        spec = defs.get(name)
        if spec is None:
            continue
        parts += _table(name, spec)
    return "\n".join(parts + _config_reference())


def _table(name: str, spec: dict) -> list[str]:
    """One object's section: its description, then a row per field."""
    required = set(spec.get("required", []))
    return [f"## {name}", "", spec.get("description", "").strip(), "",
            "| field | value | | meaning |", "|---|---|---|---|",
            *(_row(field, field_spec, field in required) for field, field_spec in spec.get("properties", {}).items()),
            ""]


def _config_reference() -> list[str]:
    """The ``body`` settings of report.yaml, as tables like the submission's."""
    defs = json_schema(config=True).get("$defs", {})
    parts = ["# report.yaml: the practices in the report's body", "",
             "The report's chapter V cites a selection of the practices received, within the word limit",
             "(`word_limit`); the compendium (`compendium.<lang>.html`) describes every one. Under `body:`",
             "in report.yaml, the drafters set how many practices chapter V cites under each objective of",
             "each thematic area and which ones it features; a sentence closes each objective with the count",
             "of the others and their entries in the compendium. `practices.csv` lists every practice, with",
             "the paragraph that cites it (empty when only the compendium does).", "",
             "```yaml", "body:", "  practices_per_objective: 3", "  featured:",
             "    - submitter: KEN", "      title: Shelters for victims of trafficking", "```", ""]
    for name in CONFIG_ORDER:
        parts += _table(name, defs[name])
    return parts
