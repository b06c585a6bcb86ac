"""Several PDFs at once (render/pdf_jobs.py) and the reuse of unchanged ones (render/pdf_cache.py).

- in parallel, the bytes are those of printing the jobs one by one (the session's fixtures);
- a worker's PdfError comes back as the same class with the same message, and its stats with it;
- a PDF is printed again only when something that decides its bytes changed (its HTML, a theme
  file, its title...) or when the file is no longer what the manifest says (edited, truncated);
- a second `build` with nothing changed prints nothing and writes the same bytes; changing a
  submission or print.css prints again.
Speed is measured by `make bench`, never here.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import shutil
import time
from pathlib import Path

import pytest
from pdfrender import REPORT_DATE, THEME, fixture_html

from gcm_report.render import pdf, pdf_jobs
from gcm_report.render.fonts import FontCoverageError
from gcm_report.render.pdf_jobs import MANIFEST, PdfJob, render_pdfs

TINY = '<html lang="{lang}"><body class="report"><p>{text}</p></body></html>'


def job(name: str, text: str = "A short page.", lang: str = "en", theme: Path = THEME, **fields) -> PdfJob:
    values = {"html": TINY.format(lang=lang, text=text), "lang": lang, "theme_dir": theme,
              "title": f"Global Compact for Migration ({lang})", "author": "United Nations",
              "subject": "A/75/542 Report of the Secretary-General", "date": REPORT_DATE}
    values.update(fields)
    return PdfJob(name=name, **values)


@pytest.fixture
def counted(monkeypatch):  # type: ignore[no-untyped-def]
    """render_pdf wrapped to count its calls (a replaced render_pdf runs in this process)."""
    calls: list[str] = []
    real = pdf.render_pdf

    def counting(html: str, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(kwargs["title"])
        return real(html, **kwargs)

    monkeypatch.setattr(pdf, "render_pdf", counting)
    return calls


def commit(folder: Path, outputs: dict[str, bytes]) -> None:
    from gcm_report.write.atomic import commit as atomic_commit

    atomic_commit({folder / name: data for name, data in outputs.items()})


# --------------------------------------------------------------------------- in parallel


@pytest.mark.slow
def test_parallel_bytes_are_the_sequential_bytes(rendered):
    """The fixtures printed by two workers, against the session's one-by-one prints (pdfrender.render)."""
    jobs = [job(f"report.{lang}.pdf", lang=lang, html=fixture_html(lang)) for lang in ("zh", "en")]
    done: list[str] = []
    out = render_pdfs(jobs, workers=2, on_done=done.append)
    assert list(out) == ["report.zh.pdf", "report.en.pdf"]            # the jobs' order, no manifest
    assert sorted(done) == sorted(out)
    for lang in ("zh", "en"):
        assert out[f"report.{lang}.pdf"] == rendered[lang].data, lang
        stats = pdf_jobs.last_stats[f"report.{lang}.pdf"]
        assert stats.lang == lang and stats.pages == rendered[lang].stats.pages and not stats.reused
        assert stats.misplaced_footnotes == [] and stats.footnote_fix
    assert pdf.last_stats == pdf_jobs.last_stats["report.en.pdf"]


def test_a_workers_error_comes_back_as_itself():
    jobs = [job("ok.pdf"), job("bad.pdf", text="A\u0378B")]    # U+0378: no font has it
    with pytest.raises(FontCoverageError) as caught:
        render_pdfs(jobs, workers=2)
    assert caught.value.lang == "en" and caught.value.missing == ["\u0378"]
    assert "U+0378" in str(caught.value) and "Traceback" not in str(caught.value)


def test_a_jobs_memory_grows_with_its_html():
    """About 300 bytes a byte of HTML (the 2,599-page compendium: 17 MB of HTML, 5 GB)."""
    small, big = job("a.pdf"), job("b.pdf", text="word " * 10_000)
    grown = pdf_jobs.memory_needed(big) - pdf_jobs.memory_needed(small)
    assert grown == pdf_jobs.MEMORY_PER_HTML_BYTE * (len(big.html) - len(small.html)) > 0
    assert pdf_jobs.memory_needed(small) > pdf_jobs.MEMORY_PER_WORKER


def test_jobs_that_do_not_fit_in_memory_together_run_one_after_the_other(monkeypatch):
    """Memory for two workers but not for two of these jobs: the second starts when the first is done."""
    monkeypatch.setattr(pdf_jobs, "_available_memory", lambda: 1000 * 2**20)      # 2 workers of 400 MB
    monkeypatch.setattr(pdf_jobs, "MEMORY_PER_HTML_BYTE", 4 * 2**20)              # ~80 characters: 320 MB
    submitted: list[list[bool]] = []
    real_pool = pdf_jobs._pool

    def recording_pool(workers: int):  # type: ignore[no-untyped-def]
        pool, futures = real_pool(workers), []
        submit = pool.submit

        def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
            submitted.append([f.done() for f in futures])
            futures.append(submit(*args, **kwargs))
            return futures[-1]

        pool.submit = recorded  # type: ignore[method-assign]
        return pool

    monkeypatch.setattr(pdf_jobs, "_pool", recording_pool)
    jobs = [job("one.pdf", text="First page."), job("two.pdf", text="Second page.")]
    out = render_pdfs(jobs, workers=2)
    assert list(out) == ["one.pdf", "two.pdf"] and all(data.startswith(b"%PDF") for data in out.values())
    assert submitted == [[], [True]]


TWO_CORES = pytest.mark.skipif(pdf_jobs._cores() < 2, reason="workers are started early only with two cores or more")


def gone(children: list[multiprocessing.Process], within: float = 10) -> bool:
    """Whether these processes have all ended (the pool's own thread may be the one that reaps them)."""
    stop = time.monotonic() + within
    while any(child.is_alive() for child in children) and time.monotonic() < stop:
        time.sleep(0.02)
    return not any(child.is_alive() for child in children)


@TWO_CORES
def test_workers_started_before_their_jobs_print_the_same_bytes():
    """The build forks them first (start_workers), WeasyPrint not yet imported; the bytes do not change."""
    jobs = [job("report.zh.pdf", text="移民问题全球契约。", lang="zh"), job("report.en.pdf")]
    alone = render_pdfs(jobs, workers=1)                      # in this process, one after the other
    started = pdf_jobs.start_workers(len(jobs), workers=2)
    assert started is not None and started.count == 2
    children = multiprocessing.active_children()
    assert len(children) >= 2                                  # forked at once, before any job exists
    assert render_pdfs(jobs, started=started) == alone
    assert gone(children)                                      # and stopped once the jobs are done


@TWO_CORES
def test_workers_started_for_pdfs_that_are_all_used_again_are_stopped(tmp_path):
    jobs = [job("report.en.pdf"), job("report.fr.pdf", lang="fr", text="Une page courte.")]
    first = render_pdfs(jobs, previous=tmp_path, workers=1)
    commit(tmp_path, first)
    started = pdf_jobs.start_workers(len(jobs), workers=2)
    assert started is not None
    children = multiprocessing.active_children()
    assert render_pdfs(jobs, previous=tmp_path, started=started) == first
    assert all(stats.reused for stats in pdf_jobs.last_stats.values())
    assert gone(children)


def test_workers_started_for_a_build_that_prints_nothing_are_stopped(tmp_path, kitchen_sink):
    """An invalid submission ends the build before its PDFs: the workers started for them do not stay."""
    from gcm_report.pipeline import build

    corpus = tmp_path / "corpus"
    shutil.copytree(kitchen_sink, corpus)
    kenya = corpus / "submissions" / "member-states" / "kenya.yaml"
    kenya.write_text(kenya.read_text(encoding="utf-8") + "\nunknown_field: 1\n", encoding="utf-8")
    result = build(corpus / "report.yaml", [corpus / "submissions"], tmp_path / "out", ["zh", "en"],
                   ["html", "pdf"])
    assert result.exit_code == 1 and not (tmp_path / "out").exists()
    assert gone(multiprocessing.active_children())


def test_no_workers_are_started_for_a_stand_in_render_pdf(monkeypatch):
    """A replaced render_pdf (a test's fake, a plugin) runs in this process, where its effects stay visible."""
    monkeypatch.setattr(pdf, "render_pdf", lambda html, **kwargs: b"%PDF-fake")
    assert pdf_jobs.start_workers(2) is None


def test_two_jobs_may_not_share_a_name():
    with pytest.raises(ValueError, match="two PDF jobs"):
        render_pdfs([job("a.pdf"), job("a.pdf")], workers=1)


# --------------------------------------------------------------------------- used again, or printed again


def test_unchanged_pdfs_are_used_again_and_changed_ones_printed(tmp_path, counted):
    jobs = [job("one.pdf", "First page."), job("two.pdf", "Second page.")]
    first = render_pdfs(jobs, previous=tmp_path)
    assert len(counted) == 2 and MANIFEST in first
    commit(tmp_path, first)

    again = render_pdfs(jobs, previous=tmp_path)
    assert len(counted) == 2                                        # nothing printed
    assert again == first
    assert all(s.reused for s in pdf_jobs.last_stats.values())

    changed = [jobs[0], job("two.pdf", "Second page, amended.")]
    third = render_pdfs(changed, previous=tmp_path)
    assert len(counted) == 3 and not pdf_jobs.last_stats["two.pdf"].reused
    assert pdf_jobs.last_stats["one.pdf"].reused and third["one.pdf"] == first["one.pdf"]
    entries = json.loads(third[MANIFEST])["pdf"]
    assert entries["two.pdf"]["sha256"] == hashlib.sha256(third["two.pdf"]).hexdigest()

    retitled = [job("one.pdf", "First page.", title="Another title"), changed[1]]
    commit(tmp_path, third)
    render_pdfs(retitled, previous=tmp_path)
    assert counted[3:] == ["Another title"]


@pytest.mark.parametrize("damage", ["edited", "truncated", "removed", "manifest"])
def test_a_pdf_that_is_not_what_was_written_is_printed_again(tmp_path, counted, damage):
    jobs = [job("one.pdf")]
    first = render_pdfs(jobs, previous=tmp_path)
    commit(tmp_path, first)
    target = tmp_path / "one.pdf"
    if damage == "edited":
        data = bytearray(first["one.pdf"])
        data[len(data) // 2] ^= 0x01
        target.write_bytes(bytes(data))
    elif damage == "truncated":
        target.write_bytes(first["one.pdf"][:-100])
    elif damage == "removed":
        target.unlink()
    else:
        (tmp_path / MANIFEST).write_text("{not json", encoding="utf-8")
    again = render_pdfs(jobs, previous=tmp_path)
    assert len(counted) == 2 and not pdf_jobs.last_stats["one.pdf"].reused
    assert again["one.pdf"] == first["one.pdf"]                      # deterministic: the same bytes


def test_a_theme_file_change_prints_again(tmp_path, counted):
    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme)
    out = tmp_path / "out"
    jobs = [job("one.pdf", theme=theme)]
    commit(out, render_pdfs(jobs, previous=out))
    css = theme / "static" / "print.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    render_pdfs(jobs, previous=out)
    assert len(counted) == 2


def test_source_date_epoch_is_an_input(tmp_path, counted, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    jobs = [job("one.pdf")]
    commit(tmp_path, render_pdfs(jobs, previous=tmp_path))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    render_pdfs(jobs, previous=tmp_path)
    assert len(counted) == 2


# --------------------------------------------------------------------------- through the build


def test_a_second_build_prints_nothing_until_an_input_changes(tmp_path, kitchen_sink, monkeypatch):
    """Through `build`, with a stand-in render_pdf (fast; called in this process, so it can count)."""
    from gcm_report.pipeline import build

    calls: list[str] = []

    def fake(html: str, **kwargs) -> bytes:  # type: ignore[no-untyped-def]
        calls.append(kwargs["lang"])
        return b"%PDF-fake " + hashlib.sha256(html.encode()).hexdigest().encode()

    monkeypatch.setattr(pdf, "render_pdf", fake)
    corpus = tmp_path / "corpus"
    shutil.copytree(kitchen_sink, corpus)
    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme)
    out = corpus / "build"

    def run():  # type: ignore[no-untyped-def]
        result = build(corpus / "report.yaml", [corpus / "submissions"], out, ["zh", "en"], ["html", "pdf"],
                       theme=theme)
        assert result.exit_code == 0, result.error
        return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}

    first = run()
    printed = len(calls)
    assert printed >= 2 and MANIFEST in first
    assert run() == first and len(calls) == printed                  # nothing printed, same bytes

    kenya = corpus / "submissions" / "member-states" / "kenya.yaml"
    kenya.write_text(kenya.read_text(encoding="utf-8").replace("Shelters for victims", "Shelter for victims"),
                     encoding="utf-8")
    changed = run()
    assert len(calls) > printed and changed["report.en.pdf"] != first["report.en.pdf"]

    printed = len(calls)
    css = theme / "static" / "print.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    run()
    assert len(calls) - printed == printed_per_build(changed)


def printed_per_build(outputs: dict[str, bytes]) -> int:
    return sum(name.endswith(".pdf") for name in outputs)


def test_workers_are_forked_first_only_when_no_pdf_can_be_used_again(tmp_path, kitchen_sink, monkeypatch):
    """Early workers (start_workers) speed up a first build and only cost one whose PDFs are all reused."""
    from gcm_report.pipeline import build

    monkeypatch.setattr(pdf, "render_pdf", lambda html, **kwargs: b"%PDF-fake " + hashlib.sha256(
        html.encode()).hexdigest().encode())
    started: list[int] = []
    monkeypatch.setattr(pdf_jobs, "start_workers", lambda jobs, workers=None: started.append(jobs))

    def run(out: Path) -> None:
        result = build(kitchen_sink / "report.yaml", [kitchen_sink / "submissions"], out, ["zh", "en"],
                       ["html", "pdf"])
        assert result.exit_code == 0, result.error

    run(tmp_path / "first")
    assert started == [4]                                   # report and compendium, two languages
    run(tmp_path / "first")                                 # its PDFs may be used again: no early workers
    assert started == [4]
    run(tmp_path / "elsewhere")
    assert started == [4, 4]
