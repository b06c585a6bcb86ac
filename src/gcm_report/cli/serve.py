"""``gcm-report serve``: a live preview of the HTML drafts that rebuilds on every change."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import Annotated

import typer

from gcm_report.cli.options import CacheDirOption, ConfigOption, NoCacheOption, cache_dir


def serve(
    paths: Annotated[list[Path] | None,
                     typer.Argument(help="Submission files or folders [default: submissions/]")] = None,
    port: Annotated[int, typer.Option("--port", "-p", help="Port on localhost.")] = 8000,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    lang: Annotated[str | None, typer.Option("--lang", help="Languages, e.g. zh,en [default: configured].")] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Rebuild the PDFs too (slower).")] = False,
    config: ConfigOption = Path("report.yaml"),
    compendium: Annotated[bool, typer.Option("--compendium/--no-compendium",
                                             help="Rebuild the compendium of every practice too (slower).")] = False,
    cache: CacheDirOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Serve the HTML drafts on localhost and rebuild them whenever a submission, the configuration or a
    template changes; the page reloads by itself, and shows the problems when the build fails.

    A rebuild parses only the files that changed (the validation cache, as `validate` and `build` use it)
    and leaves out the compendium unless asked (--compendium)."""
    from rich.console import Console

    from gcm_report.cli import output
    from gcm_report.live import Preview
    from gcm_report.live import serve as make_server
    from gcm_report.live import watch
    from gcm_report.pipeline import BuildReport
    from gcm_report.render.html import theme_dir

    console = Console(highlight=False, stderr=True)
    langs = [part.strip() for part in lang.split(",") if part.strip()] if lang else None
    targets = paths or [Path("submissions")]
    preview = Preview(config, targets, langs, ("html", "pdf") if pdf else ("html",), theme=theme_dir(),
                      compendium=compendium, cache_dir=cache_dir(cache, no_cache, targets))

    def report(result: BuildReport) -> None:
        if result.exit_code == 0:
            console.print(f"[green]built[/] (version {preview.version}): "
                          + ", ".join(Path(p).name for p in result.written if p.endswith((".html", ".pdf"))))
            return
        for d in result.config_problems:
            console.print(f"{d.location}: {d.severity}[{d.code}] {d.message}", soft_wrap=True)
        if result.validation is not None:
            output.text(result.validation, console, quiet=True)
        if result.error:
            console.print(f"[bold red]error:[/] {result.error}", soft_wrap=True)

    report(preview.rebuild())
    server = make_server(preview, host, port)
    console.print(f"Serving the draft at http://{host}:{server.server_port}/ (Ctrl-C to stop)")
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(preview, report, stop), daemon=True)
    watcher.start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        console.print("stopped")
    finally:
        stop.set()
        server.server_close()
        shutil.rmtree(preview.out, ignore_errors=True)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
