"""`make bench`: measure gcm-report side by side with its references, on this machine, in one run.

Every figure is the median of several runs of a whole command (as a user runs it), with its peak
memory, and is printed as a ratio to its reference measured in the same run:
- validate (cold) against the parser's floor: the same files read by ruamel.yaml's C safe loader
  and validated by the same pydantic models in one process, nothing else;
- the example draft (zh and en, HTML and PDF) against headless Chromium printing the same HTML;
- `gcm-report --help` and `validate` of one file (the pre-commit case), against their targets;
- how validate's time grows from 100 to 1,000 to 5,000 submissions.
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
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer"]


@dataclass
class Figure:
    name: str
    seconds: float
    peak_mb: float
    reference: str = ""
    reference_seconds: float | None = None
    target: str = ""

    @property
    def ratio(self) -> float | None:
        return self.seconds / self.reference_seconds if self.reference_seconds else None


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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="100 and 1,000 submissions only, 1 run each")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
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
            cold, cold_mb = measure([*cli, "validate", str(corpus), "-q", "--config", "/nonexistent"], runs)
            figures.append(Figure(f"validate, {n:,} submissions (cold)", cold, cold_mb,
                                  "C safe loader + pydantic, one process", floor, "≤ 1.5 × floor"))
        one = next((work / "corpus-100").rglob("*.yaml"))
        t, mb = measure([*cli, "validate", str(one)], runs)
        figures.append(Figure("validate, one file (pre-commit)", t, mb, target="< 0.5 s"))
        t, mb = measure([*cli, "--help"], runs)
        figures.append(Figure("gcm-report --help", t, mb, target="< 0.25 s"))

        out = work / "draft"
        t, mb = measure([*cli, "build", "--out", str(out), "--lang", "zh,en"], runs)
        script = " && ".join(shlex.join([
            shutil.which("chromium") or "chromium", *CHROMIUM_FLAGS, f"--user-data-dir={work / 'chromium'}",
            f"--print-to-pdf={work / f'chromium.{lang}.pdf'}", (out / f"report.{lang}.html").as_uri()])
            for lang in ("zh", "en"))
        ct, cmb = measure(["sh", "-c", script], runs)
        figures.append(Figure("build, example draft (zh+en, HTML+PDF)", t, mb,
                              "Chromium printing the two HTML files", ct, "< 1.0 × Chromium"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(figures, sizes, machine())
    return 0


def report(figures: list[Figure], sizes: tuple[int, ...], where: str) -> None:
    rows = ["| measurement | median (s) | peak memory (MB) | reference | reference (s) | ratio | target |",
            "|---|---|---|---|---|---|---|"]
    for f in figures:
        ref = f"{f.reference_seconds:.2f}" if f.reference_seconds else ""
        ratio = f"{f.ratio:.2f}" if f.ratio else ""
        rows.append(f"| {f.name} | {f.seconds:.2f} | {f.peak_mb:.0f} | {f.reference} | {ref} | {ratio} | {f.target} |")
    cold = {n: next(f.seconds for f in figures if f.name.startswith(f"validate, {n:,} ")) for n in sizes}
    growth = ", ".join(f"{b:,}/{a:,}: {cold[b] / cold[a]:.2f}×" for a, b in zip(sizes, sizes[1:]))
    text = "\n".join(["# Performance", "", "Written by `make bench` (bench/run.py); never part of `make test`.", "",
                      f"Machine: {where}.", "", *rows, "", f"Growth of validate's time: {growth}.", ""])
    print(text)
    (ROOT / "docs" / "performance.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
