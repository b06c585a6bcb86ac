"""`make bench`: measure gcm-report side by side with its references, on this machine, in one run.

Every figure is the median of several runs of a whole command (as a user runs it), with its peak
memory, and is printed as a ratio to its reference measured in the same run:
- validate (cold) against the parser's floor: the same files read by ruamel.yaml's C safe loader
  and validated by the same pydantic models in one process, nothing else; validate again with
  nothing changed (the cache);
- the example draft (zh and en, HTML and PDF) against headless Chromium printing the same HTML,
  cold and with nothing changed;
- the compendium of 1,000 submissions as PDF against Chromium printing the same HTML;
- `gcm-report --help` and `validate` of one file (the pre-commit case), against their targets;
- how validate's and the HTML build's time and memory grow from 100 to 1,000 to 5,000 submissions.
Results go to docs/performance.md with a description of the machine. Never run by `make test`.

    python bench/run.py [--quick] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FLOOR = r"""
import sys
from pathlib import Path
from ruamel.yaml import YAML
from gcm_report.schema.submission import Submission
yaml = YAML(typ="safe")
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    Submission.model_validate(yaml.load(path.read_text(encoding="utf-8")))
"""
COMPENDIUM = r"""
import datetime, sys
from pathlib import Path
from gcm_report.aggregate import aggregate
from gcm_report.render.compendium import render_compendium_html
from gcm_report.render.html import theme_dir
from gcm_report.render.pdf import render_pdf
from gcm_report.validate import load_config, validate_paths
config, _ = load_config(Path("report.yaml"))
model = aggregate(validate_paths([Path(sys.argv[1])], config=config).loaded, config)
html = render_compendium_html(model, "en")
out = Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
(out / "compendium.en.html").write_text(html, encoding="utf-8")
(out / "compendium.en.pdf").write_bytes(render_pdf(html, lang="en", theme_dir=theme_dir(), title="Compendium",
    author="United Nations", subject="Compendium", date=model.date))
"""
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer"]


@dataclass
class Figure:
    name: str
    seconds: float
    peak_mb: float
    reference: str = ""
    reference_seconds: float | None = None
    limit: float | None = None
    """The target as a number: the ratio's ceiling when there is a reference, else the seconds'."""
    below: bool = False
    """Whether the target is strictly below ``limit`` ("<") rather than at most ("≤")."""
    unit: str = ""
    memory_limit_mb: float | None = None
    """Peak memory must stay below this."""

    @property
    def ratio(self) -> float | None:
        return self.seconds / self.reference_seconds if self.reference_seconds else None

    @property
    def target(self) -> str:
        """The target as the table shows it, made from the numbers the verdict checks."""
        parts = [f"{'<' if self.below else '≤'} {self.limit:g}{self.unit}"] if self.limit is not None else []
        if self.memory_limit_mb is not None:
            parts.append(f"< {self.memory_limit_mb / 1024:g} GB")
        return "; ".join(parts)

    @property
    def verdict(self) -> str:
        """"met" or "not met" (by how much), against the figure's own target; "" when it has none."""
        if self.limit is None and self.memory_limit_mb is None:
            return ""
        misses = []
        value = self.ratio if self.reference_seconds else self.seconds
        if self.limit is not None and value is not None and (value >= self.limit if self.below else value > self.limit):
            misses.append(f"{value / self.limit:.2f} × the target")
        if self.memory_limit_mb is not None and self.peak_mb >= self.memory_limit_mb:
            misses.append(f"memory {self.peak_mb:.0f} MB")
        return "not met (" + "; ".join(misses) + ")" if misses else "met"


def measure(command: list[str], runs: int, cwd: Path = ROOT, env: dict[str, str] | None = None,
            before: list[str] | None = None) -> tuple[float, float]:
    """Median wall time (s) and the largest peak resident memory (MB) of `command` over `runs` runs."""
    times, peaks = [], []
    for _ in range(runs):
        if before:
            subprocess.run(before, cwd=cwd, check=True, capture_output=True)
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M", *command], cwd=cwd, env=env,
                              capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        peaks.append(int(done.stderr.strip().splitlines()[-1]) / 1024)
        if done.returncode not in (0, 1):
            raise RuntimeError(f"{command} failed: {done.stderr[-2000:]}")
    return statistics.median(times), max(peaks)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(line.split(":", 1)[1].strip() for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    chromium = subprocess.run(["chromium", "--version"], capture_output=True, text=True).stdout.strip()
    import weasyprint  # noqa: PLC0415 (only for its version)
    return (f"{os.cpu_count()} cores ({cpu}), {memory} memory, {platform.platform()}, "
            f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}, {chromium}, "
            f"load average at start {os.getloadavg()[0]:.2f}")


def chromium_script(work: Path, pages: list[Path]) -> list[str]:
    """One shell command printing each HTML file to PDF with headless Chromium, one after the other."""
    return ["sh", "-c", " && ".join(shlex.join([
        shutil.which("chromium") or "chromium", *CHROMIUM_FLAGS, f"--user-data-dir={work / 'chromium'}",
        f"--print-to-pdf={work / ('chromium-' + page.stem + '.pdf')}", page.as_uri()]) for page in pages)]


def pages_of(pdf: Path) -> int:
    """Pages of a PDF (pdfinfo), to put seconds per page beside the totals."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return next((int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages:")), 0)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="100 and 1,000 submissions only, 1 run each")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    # Measured as an installed package runs: with its bytecode compiled (pip compiles on install). A shell
    # that sets PYTHONDONTWRITEBYTECODE would otherwise make every command compile gcm-report's own
    # modules from source, about 0.1 s of each short command.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([str(BIN / "python"), "-m", "compileall", "-q", str(ROOT / "src")], check=True,
                   capture_output=True)
    sizes = (100, 1000) if args.quick else (100, 1000, 5000)
    cli = [str(BIN / "gcm-report")]
    figures: list[Figure] = []
    work = Path(tempfile.mkdtemp(prefix="gcm-bench-"))
    try:
        for n in sizes:
            corpus = work / f"corpus-{n}"
            subprocess.run([*cli, "generate", str(n), "--out", str(corpus), "--seed", "7"], check=True,
                           capture_output=True)
            (corpus / "expected-errors.json").unlink()
            floor, floor_mb = measure([str(BIN / "python"), "-c", FLOOR, str(corpus)], runs)
            validate = [*cli, "validate", str(corpus), "-q", "--config", "/nonexistent"]
            cold, cold_mb = measure([*validate, "--no-cache"], runs)
            figures.append(Figure(f"validate, {n:,} submissions (cold)", cold, cold_mb,
                                  "C safe loader + pydantic, one process", floor,
                                  limit=1.5 if n >= 1000 else None, unit=" × floor"))
            cache = ["--cache-dir", str(work / f"cache-{n}")]
            subprocess.run([*validate, *cache], check=True, capture_output=True)  # fills the cache
            warm, warm_mb = measure([*validate, *cache], runs)
            figures.append(Figure(f"validate, {n:,} submissions (warm: nothing changed)", warm, warm_mb,
                                  limit=0.3 if n == 1000 else None, below=True, unit=" s"))
        one = next((work / "corpus-100").rglob("*.yaml"))
        t, mb = measure([*cli, "validate", str(one), "--no-cache"], runs)
        figures.append(Figure("validate, one file (pre-commit)", t, mb, limit=0.5, below=True, unit=" s"))
        t, mb = measure([*cli, "--help"], runs)
        figures.append(Figure("gcm-report --help", t, mb, limit=0.25, below=True, unit=" s"))

        out = work / "draft"
        build = [*cli, "build", "--out", str(out), "--lang", "zh,en", "--no-compendium"]
        t, mb = measure(build, runs, before=["rm", "-rf", str(out)])
        drafts = [out / f"report.{lang}.html" for lang in ("zh", "en")]
        ct, cmb = measure(chromium_script(work, drafts), runs)
        pages = sum(pages_of(out / f"report.{lang}.pdf") for lang in ("zh", "en"))
        figures.append(Figure(f"build, example draft (zh+en, HTML+PDF, {pages} pages)", t, mb,
                              "Chromium printing the two HTML files", ct, limit=1.0, below=True, unit=" × Chromium"))
        t, mb = measure(build, runs)
        figures.append(Figure("build, example draft again, nothing changed", t, mb,
                              "Chromium printing the two HTML files", ct))

        big = work / "compendium"
        t, mb = measure([str(BIN / "python"), "-c", COMPENDIUM, str(work / "corpus-1000"), str(big)], 1)
        ct, cmb = measure(chromium_script(work, [big / "compendium.en.html"]), 1)
        figures.append(Figure(f"compendium, 1,000 submissions (en, validate+HTML+PDF, "
                              f"{pages_of(big / 'compendium.en.pdf')} pages; Chromium "
                              f"{pages_of(work / 'chromium-compendium.en.pdf')})", t, mb,
                              "Chromium printing the compendium's HTML", ct, limit=2.0, unit=" × Chromium"))
        for n in (1000, 5000) if 5000 in sizes else (1000,):
            target = work / f"html-{n}"
            t, mb = measure([*cli, "build", str(work / f"corpus-{n}"), "--out", str(target), "--lang", "en",
                             "--format", "html", "--no-compendium"], 1, before=["rm", "-rf", str(target)])
            figures.append(Figure(f"build, {n:,} submissions, HTML only (en)", t, mb,
                                  memory_limit_mb=1024 if n == 5000 else None))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(figures, sizes, machine())
    return 0


def report(figures: list[Figure], sizes: tuple[int, ...], where: str) -> None:
    rows = ["| measurement | median (s) | peak memory (MB) | reference | reference (s) | ratio | target | verdict |",
            "|---|---|---|---|---|---|---|---|"]
    for f in figures:
        ref = f"{f.reference_seconds:.2f}" if f.reference_seconds else ""
        ratio = f"{f.ratio:.2f}" if f.ratio else ""
        rows.append(f"| {f.name} | {f.seconds:.2f} | {f.peak_mb:.0f} | {f.reference} | {ref} | {ratio} | {f.target} "
                    f"| {f.verdict} |")
    cold = {n: next(f.seconds for f in figures if f.name.startswith(f"validate, {n:,} ")) for n in sizes}
    growth = ", ".join(f"{b:,}/{a:,}: {cold[b] / cold[a]:.2f}×" for a, b in zip(sizes, sizes[1:]))
    html = {f.name.split()[1]: f.seconds for f in figures if f.name.endswith("HTML only (en)")}
    at_5000 = [cold[5000] / cold[1000]] if 5000 in cold else []
    if "5,000" in html:
        at_5000.append(html["5,000"] / html["1,000"])
        growth += f"; of the HTML build, 5,000/1,000: {at_5000[-1]:.2f}×"
    if at_5000:
        growth += " (target: at most 5.5×: " + ("met" if max(at_5000) <= 5.5 else "not met") + ")"
    text = "\n".join(["# Performance", "", "Written by `make bench` (bench/run.py); never part of `make test`.", "",
                      f"Machine: {where}.", "",
                      "Commands run as an installed package runs: bytecode compiled, PYTHONDONTWRITEBYTECODE unset.",
                      "", *rows, "", f"Growth of validate's time: {growth}.", ""])
    print(text)
    (ROOT / "docs" / "performance.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
