"""``gcm-report schema``: the JSON Schema of a submission, for editors that complete and check YAML."""

from __future__ import annotations

import json
from typing import Annotated

import typer


def schema(
    config: Annotated[bool, typer.Option("--config", help="Print the schema of report.yaml instead.")] = False,
) -> None:
    """Print the JSON Schema of a submission file (or of the report configuration)."""
    from gcm_report.schema.export import json_schema

    typer.echo(json.dumps(json_schema(config=config), indent=2, ensure_ascii=False))


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
