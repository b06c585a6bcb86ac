"""Field types shared by the submission and configuration schemas.

Each type raises ``PydanticCustomError`` whose *type* is one of our stable rule
codes, so that diagnostics never depend on pydantic's own wording, and carries
what was found and what was expected in its context for the message catalogue.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Mapping
from functools import cache
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from gcm_report.reference import LANGUAGES, load_reference

ORIGINAL = "und"
"""Language key of a text given as a plain string: "the submission's own language"."""

MAX_TEXT = 20_000
"""Longest text a field takes; a General Assembly report holds about 10,000 words in all."""


_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_OPENERS = {"\u202a": "embedding", "\u202b": "embedding", "\u202d": "embedding", "\u202e": "embedding",
            "\u2066": "isolate", "\u2067": "isolate", "\u2068": "isolate"}
_CLOSERS = {"\u202c": "embedding", "\u2069": "isolate"}


def unprintable(text: str) -> tuple[str, str] | None:
    """(found, expected) when a text holds what no draft can carry, else None.

    Control characters (other than tab and line ends) and unpaired surrogates can only come
    from a YAML escape such as ``"\\e"`` or ``"\\ud800"``: the HTML could not be encoded and the
    PDF has no glyph for them. A direction override or embedding (U+202A-U+202E) or isolate
    (U+2066-U+2069) left open would reverse the text after it in the draft, beyond this field,
    so it must be closed within the text (U+202C, U+2069); marks (U+200E, U+200F) are fine.
    """
    bad = _UNPRINTABLE.search(text)
    if bad is not None:
        char = bad.group()
        kind = "an unpaired surrogate" if 0xD800 <= ord(char) <= 0xDFFF else "the control character"
        return f"{kind} U+{ord(char):04X}", "text without control characters"
    if not any(c in text for c in _OPENERS):
        return None
    stack: list[str] = []
    for char in text:
        if char in _OPENERS:
            stack.append(char)
        elif char in _CLOSERS and stack:
            kind = _CLOSERS[char]
            if kind == "isolate":  # a PDI closes its isolate and every embedding opened inside it
                while stack and _OPENERS[stack[-1]] != "isolate":
                    stack.pop()
                if stack:
                    stack.pop()
            elif _OPENERS[stack[-1]] == "embedding":
                stack.pop()
    if stack:
        char = stack[0]
        closer = "U+2069" if _OPENERS[char] == "isolate" else "U+202C"
        return (f"U+{ord(char):04X} ({unicodedata.name(char)}) not closed by {closer}",
                "text whose direction overrides are closed within it")
    return None


def fail(code: str, **ctx: Any) -> PydanticCustomError:
    """Build the error that the diagnostics layer turns into a located message."""
    return PydanticCustomError(code, code, {k: v for k, v in ctx.items() if v is not None})


def closest(value: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The one choice a typo most likely meant, or None: the basis of "did you mean"."""
    found = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    if found:
        return found[0]
    lowered = {c.lower(): c for c in choices}
    return lowered.get(value.lower())


@cache
def is_language(code: str) -> bool:
    """Any ISO 639-1 code: submissions may hold text in languages beyond the six."""
    if code in LANGUAGES:
        return True
    import pycountry  # here, not at the top: a file in the six languages never needs it (0.1 s at start-up)

    return len(code) == 2 and pycountry.languages.get(alpha_2=code) is not None


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return "text"


def _text(value: Any) -> dict[str, str]:
    if isinstance(value, str):
        if not value.strip():
            raise fail("empty-text")
        if len(value) > MAX_TEXT:
            raise fail("text-too-long", found=len(value), expected=MAX_TEXT)
        return {ORIGINAL: str(value)}
    if isinstance(value, Mapping):
        if not value:
            raise fail("empty-text")
        out: dict[str, str] = {}
        for key, text in value.items():
            if not isinstance(key, str) or not is_language(key):
                raise fail("unknown-language", found=str(key), key=str(key),
                           suggestion=closest(str(key), LANGUAGES))
            if not isinstance(text, str):
                raise fail("wrong-type", found=_type_name(text), expected="text", key=key)
            if not text.strip():
                raise fail("empty-text", key=key)
            if len(text) > MAX_TEXT:
                raise fail("text-too-long", found=len(text), expected=MAX_TEXT, key=key)
            out[key] = str(text)
        return out
    raise fail("wrong-type", found=_type_name(value), expected="text, or language codes with text")


Text = Annotated[
    dict[str, str],
    BeforeValidator(_text),
    WithJsonSchema({
        "anyOf": [
            {"type": "string", "minLength": 1, "description": "Text in the submission's language"},
            {"type": "object", "description": "Text by language code (ar, en, es, fr, ru, zh, ...)",
             "propertyNames": {"pattern": "^[a-z]{2}$"}, "additionalProperties": {"type": "string"},
             "minProperties": 1},
        ]
    }),
]
"""Text as a plain string (in the submission's language) or as ``{en: ..., zh: ...}``."""


def choice(*values: str, description: str = "") -> Any:
    """A closed vocabulary whose error names the allowed values and the likeliest one."""

    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise fail("wrong-type", found=_type_name(value), expected="one of: " + ", ".join(values))
        if value not in values:
            raise fail("invalid-value", found=value, expected=", ".join(values),
                       suggestion=closest(value, values))
        return value

    schema: dict[str, Any] = {"type": "string", "enum": list(values)}
    if description:
        schema["description"] = description
    return Annotated[str, BeforeValidator(check), WithJsonSchema(schema)]


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise fail("invalid-date", found=str(value), expected="a date written YYYY-MM-DD, e.g. 2020-05-15")


Date = Annotated[dt.date, BeforeValidator(_date), WithJsonSchema({"type": "string", "format": "date"})]

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _partial_date(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return _date(value).isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        m = _PARTIAL.match(value.strip())
        if m:
            year, month, day = m.groups()
            try:
                dt.date(int(year), int(month or 1), int(day or 1))
                if 1900 <= int(year) <= 2100:
                    return value.strip()
            except ValueError:
                pass
    raise fail("invalid-date", found=str(value), expected="a year (2019), a month (2019-05) or a date (2019-05-15)")


PartialDate = Annotated[
    str,
    BeforeValidator(_partial_date),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 1900, "maximum": 2100},
                              {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}]}),
]
"""A year, a month or a day: what submissions know of when a practice ran."""


def _objective(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail("wrong-type", found=_type_name(value), expected="an objective number from 1 to 23")
    if not 1 <= value <= 23:
        raise fail("objective-range", found=value)
    return int(value)


Objective = Annotated[int, BeforeValidator(_objective),
                      WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 23})]


def _principle(value: Any) -> str:
    keys = list(load_reference().principles)
    if not isinstance(value, str) or value not in keys:
        raise fail("unknown-principle", found=str(value), expected=", ".join(keys),
                   suggestion=closest(str(value), keys))
    return value


Principle = Annotated[str, BeforeValidator(_principle),
                      WithJsonSchema({"type": "string", "enum": [
                          "people-centred", "international-cooperation", "national-sovereignty",
                          "rule-of-law-and-due-process", "sustainable-development", "human-rights",
                          "gender-responsive", "child-sensitive", "whole-of-government",
                          "whole-of-society"]})]


def _country(value: Any) -> str:
    if not isinstance(value, str):
        raise fail("wrong-type", found=_type_name(value), expected="an ISO 3166-1 alpha-3 code such as KEN")
    members = load_reference().member_states
    if value in members:
        return value
    import pycountry  # only for a code that is not a Member State's (see is_language)

    hit = pycountry.countries.get(alpha_3=value.upper()) if len(value) == 3 else None
    if hit is None and len(value) == 2:
        hit = pycountry.countries.get(alpha_2=value.upper())
    if hit is None and len(value) > 3:
        try:
            hit = pycountry.countries.search_fuzzy(value)[0]
        except LookupError:
            hit = None
    if hit is not None and hit.alpha_3 == value:
        raise fail("not-member-state", found=value, name=hit.name)
    suggestion = hit.alpha_3 if hit is not None and hit.alpha_3 in members else None
    raise fail("unknown-country", found=value, suggestion=suggestion)


Country = Annotated[str, BeforeValidator(_country),
                    WithJsonSchema({"type": "string", "pattern": "^[A-Z]{3}$",
                                    "description": "ISO 3166-1 alpha-3 code of a UN Member State"})]


def _language(value: Any) -> str:
    if not isinstance(value, str) or not is_language(value):
        raise fail("unknown-language", found=str(value), suggestion=closest(str(value), LANGUAGES))
    return value


Language = Annotated[str, BeforeValidator(_language),
                     WithJsonSchema({"type": "string", "pattern": "^[a-z]{2}$"})]


def _url(value: Any) -> str:
    if not isinstance(value, str):
        raise fail("wrong-type", found=_type_name(value), expected="a web address starting with https://")
    text = value.strip()
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    if scheme not in ("http", "https"):
        if re.match(r"^(www\.|[\w-]+\.[a-z]{2,}/)", text):
            raise fail("url-scheme", found=text, suggestion="https://" + text)
        raise fail("url-scheme", found=text)
    rest = text.split("://", 1)
    if len(rest) != 2 or not re.match(r"^[^/\s?#]+\.[^/\s?#]+", rest[1]) or re.search(r"\s", text):
        raise fail("invalid-url", found=text)
    return text


Url = Annotated[str, BeforeValidator(_url),
                WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]


def _strict_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise fail("wrong-type", found=repr(value) if isinstance(value, str) else str(value), expected="true or false")


Flag = Annotated[bool, BeforeValidator(_strict_bool), WithJsonSchema({"type": "boolean"})]


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise fail("wrong-type", found=str(value), expected="a whole number, 0 or more")
    return int(value)


Count = Annotated[int, BeforeValidator(_count), WithJsonSchema({"type": "integer", "minimum": 0})]

