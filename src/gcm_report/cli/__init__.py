"""The command-line interface: one module per command, each a few lines over a core function."""

from __future__ import annotations

import signal
import sys
from typing import NoReturn


class Interrupted(BaseException):
    """Ctrl-C (SIGINT) or SIGTERM, raised where the program stands.

    Not a KeyboardInterrupt, which click would turn into "Aborted!" and exit code 1:
    this one passes through click to :func:`main`. It derives from BaseException, so
    ``except Exception`` does not swallow it, and cleanups (temporary files) still run.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_interrupted(signum: int, _frame: object) -> None:
    raise Interrupted(signum)


def _catch_signals() -> None:
    """Ctrl-C and SIGTERM raise :class:`Interrupted` (unless someone embedding us chose otherwise)."""
    for signum in (signal.SIGINT, getattr(signal, "SIGTERM", None)):
        if signum is not None and signal.getsignal(signum) in (signal.default_int_handler, signal.SIG_DFL):
            signal.signal(signum, _raise_interrupted)


def _ignore_signals() -> None:
    """From here on Ctrl-C changes nothing (and cannot kill the interpreter as it shuts down)."""
    for signum in (signal.SIGINT, getattr(signal, "SIGTERM", None)):
        if signum is not None:
            signal.signal(signum, signal.SIG_IGN)


def _started_as_the_program() -> bool:
    """Run as ``gcm-report`` or ``python -m gcm_report`` (not imported by tests or another program)."""
    main_module = sys.modules.get("__main__")
    spec = getattr(main_module, "__spec__", None)
    script = str(getattr(main_module, "__file__", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    return (spec is not None and spec.name == "gcm_report.__main__") or script.startswith("gcm-report")


def _stopped(stop: BaseException) -> NoReturn:
    """Say that the command was stopped, and exit with 128 + the signal's number (130, 143)."""
    _ignore_signals()  # a second Ctrl-C while saying so must not make a traceback
    signum = stop.signum if isinstance(stop, Interrupted) else signal.SIGINT
    what = "interrupted (Ctrl-C)" if signum == signal.SIGINT else "stopped (SIGTERM)"
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    sys.stderr.write(f"\ngcm-report: {what}; nothing was left half-written (outputs are replaced "
                     f"all at once, at the end of a build).\n")
    sys.stderr.flush()
    raise SystemExit(128 + int(signum)) from None


if _started_as_the_program():  # before the slow imports of the commands, so an early Ctrl-C is caught too
    _catch_signals()


def __getattr__(name: str) -> object:
    """``gcm_report.cli.app``, the typer application, loaded on first use (see :mod:`gcm_report.cli.application`)."""
    if name == "app":
        from gcm_report.cli.application import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Console entry point: Ctrl-C and SIGTERM end with a message and 130 / 143, never a traceback.

    Outputs are written all at once at the end of a build (write/atomic.py), so an
    interruption leaves each of them as it was, or, once committed, whole and new. Once the
    command is done, a late Ctrl-C is ignored rather than allowed to kill the exiting interpreter.
    """
    _catch_signals()
    try:
        if sys.argv[1:2] == ["validate"]:  # the pre-commit and CI case, run without loading typer when it can be
            import os

            from gcm_report.cli.direct import execute, parse

            request = parse(sys.argv[2:], dict(os.environ))
            if request is not None:
                code = execute(request)
                sys.stdout.flush()
                raise SystemExit(code)
        from gcm_report.cli.application import app

        app()
    except (Interrupted, KeyboardInterrupt) as stop:
        _stopped(stop)
    except SystemExit:
        _ignore_signals()
        raise
