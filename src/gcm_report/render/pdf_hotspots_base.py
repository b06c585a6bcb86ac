"""What the hot-spot corrections (render/pdf_hotspots.py, pdf_hotspots_text.py) share: reading a
library's function, telling whether it is the very one a correction was written for, and
compiling it again with a few lines replaced."""

from __future__ import annotations

import hashlib
import inspect
import sys
import textwrap
from collections.abc import Callable


def source(function: Callable | None) -> str:
    """The function's source, dedented; empty when it cannot be read."""
    try:
        return textwrap.dedent(inspect.getsource(function)) if function is not None else ""
    except (OSError, TypeError):
        return ""


def fingerprint(function: Callable | None) -> str:
    """SHA-256 of the function's source: a correction replacing a whole function applies only to
    the exact version it was written for."""
    return hashlib.sha256(source(function).encode()).hexdigest()


def recompiled(function: Callable, replacements: tuple[tuple[str, str], ...], module) -> Callable | None:  # type: ignore[no-untyped-def]
    """``function`` compiled again in ``module``'s globals with each ``old`` replaced by ``new``; None
    unless each ``old`` is found exactly once (another version: nothing is changed)."""
    text = source(function)
    if not text or any(text.count(old) != 1 for old, _ in replacements):
        return None
    for old, new in replacements:
        text = text.replace(old, new)
    namespace: dict = {}
    exec(compile(text, module.__file__, "exec"), module.__dict__, namespace)  # noqa: S102
    return namespace[function.__name__]


def replace_everywhere(original: Callable, replacement: Callable) -> list:
    """Put ``replacement`` in place of ``original`` in every WeasyPrint module that imported it by
    name; returns those modules, for :func:`restore`."""
    modules = [module for name, module in list(sys.modules.items())
               if name.startswith("weasyprint.") and any(value is original for value in vars(module).values())]
    for module in modules:
        for name, value in list(vars(module).items()):
            if value is original:
                setattr(module, name, replacement)
    return modules


def restore(modules: list, replacement: Callable, original: Callable) -> None:
    for module in modules:
        for name, value in list(vars(module).items()):
            if value is replacement:
                setattr(module, name, original)
