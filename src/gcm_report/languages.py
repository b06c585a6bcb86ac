"""The languages gcm-report speaks to its users in, and how it picks one.

Kept apart from :mod:`gcm_report.diagnostics` (which needs pydantic) so a run answered from the cache
can choose its language without loading the models.
"""

from __future__ import annotations

MESSAGE_LANGUAGES: tuple[str, ...] = ("ar", "en", "es", "fr", "ru", "zh")


def message_language(requested: str | None, environ: dict[str, str]) -> str:
    """The language to speak to the user in: --lang, else the terminal's LANG, else English."""
    for candidate in (requested, environ.get("LC_ALL"), environ.get("LC_MESSAGES"), environ.get("LANG")):
        if candidate:
            code = candidate.split(".")[0].split("_")[0].split("-")[0].lower()
            if code in MESSAGE_LANGUAGES:
                return code
            if candidate is requested:
                return "en"
    return "en"
