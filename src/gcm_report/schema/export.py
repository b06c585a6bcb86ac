"""JSON Schema of the file formats, for YAML editors (completion and checking while typing)."""

from __future__ import annotations

from typing import Any

from gcm_report.schema.config import ReportConfig
from gcm_report.schema.submission import Submission

SCHEMA_ID = "https://gcm-report.example/schema/submission-v1.json"


def json_schema(config: bool = False) -> dict[str, Any]:
    """A draft 2020-12 JSON Schema of a submission (or of ``report.yaml`` with `config`)."""
    model = ReportConfig if config else Submission
    body = model.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID.replace("submission", "report-config") if config else SCHEMA_ID,
        **body,
    }
