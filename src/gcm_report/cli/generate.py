"""``gcm-report generate``: a corpus of realistic submissions, for tests and benchmarks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def generate(
    count: Annotated[int, typer.Argument(help="How many submissions.", min=1)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write them to.")] = Path("generated"),
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same files.")] = 1,
    errors: Annotated[int, typer.Option("--errors", help="How many files get one known error each.", min=0)] = 0,
) -> None:
    """Generate N valid submissions (for developers: tests and benchmarks), optionally with known errors."""
    from gcm_report.devtools.corpus import generate as run

    corpus = run(out, count, seed=seed, errors=errors)
    typer.echo(f"Wrote {len(corpus.files)} submissions to {out} "
               f"({len(corpus.errors)} with an injected error, listed in {out / 'expected-errors.json'}).")


def register(app: typer.Typer) -> None:
    app.command("generate")(generate)
