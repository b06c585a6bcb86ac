"""A progress bar for builds that take more than a second, and nothing at all otherwise.

Drafting officers run ``gcm-report build`` in a terminal, where a six-language build takes
long enough to wonder whether it hangs; CI logs and pipes want no bar and no escape codes.
The bar appears only after :data:`DELAY` seconds, only on a terminal (rich's test, which
honours ``TTY_COMPATIBLE``/``FORCE_COLOR``), never under CI (``CI`` set, as GitHub Actions,
GitLab and most others do) and never with ``--quiet``; it is transient, so the terminal keeps
only the messages.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from gcm_report.pipeline import Step

DELAY = 1.0
"""Seconds before the bar shows: quick builds finish without one."""


def wanted(console: Console, quiet: bool = False, environ: Mapping[str, str] | None = None) -> bool:
    """Whether a progress bar belongs on this console: a terminal, not CI, not --quiet."""
    environ = os.environ if environ is None else environ
    return console.is_terminal and not quiet and environ.get("CI", "").lower() in ("", "0", "false")


class BuildProgress:
    """The pipeline's progress callback, drawing a delayed, transient rich bar when enabled."""

    def __init__(self, console: Console, enabled: bool, delay: float = DELAY) -> None:
        self.enabled, self.delay = enabled, delay
        self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=console, transient=True)
        self.task = self.bar.add_task("validating", total=None)
        self.lock = threading.Lock()
        self.shown = self.closed = False
        self.timer = threading.Timer(delay, self._show)
        self.timer.daemon = True

    def _show(self) -> None:
        with self.lock:
            if not self.closed:
                self.bar.start()
                self.shown = True

    def __enter__(self) -> BuildProgress:
        if self.enabled:
            self.timer.start()
        return self

    def __call__(self, step: Step) -> None:
        """After each step: the bar names what was just finished and counts the steps."""
        self.bar.update(self.task, completed=step.done, total=step.total, description=f"[dim]done:[/] {step.name}")

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.timer.cancel()
        with self.lock:
            self.closed = True
            if self.shown:
                self.bar.stop()
