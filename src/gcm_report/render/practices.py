"""practices.csv: one row per practice received, for people who work in a spreadsheet.

Rows follow the compendium (``Report.practices``: by group and objective, the practices chapter V
cites first, which is chapter V's paragraph order), every practice received whether or not the
report's body cites it: ``paragraph`` is the paragraph that cites it, empty when only the compendium
describes it. A joint practice has one row per actor, with the same paragraph number, so every row
points at one file and line. Columns are stable and language-neutral (codes, English and Chinese
titles), so the file diffs well between builds. A text that a spreadsheet would take for a formula (``=HYPERLINK(...)``)
starts with an apostrophe, as OWASP advises, so opening the file runs nothing.
"""

from __future__ import annotations

import csv
import io

from gcm_report.aggregate.model import Report

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""How a cell that a spreadsheet would run as a formula begins (CSV injection, OWASP)."""


def _cell(text: str) -> str:
    """Submission text as a cell: one that would start a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_START) else text


COLUMNS = ("paragraph", "submitter", "category", "country", "region", "area", "objectives",
           "title_en", "title_zh", "file", "line")


def practices_csv(report: Report) -> str:
    """The CSV text (UTF-8, LF line ends, header row first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    submitters = {s.id: s for s in report.submitters}
    for p in report.practices:
        for actor, trace in zip(p.actors, p.traces, strict=True):
            who = submitters[actor.submitter]
            writer.writerow([
                "" if p.paragraph is None else p.paragraph, _cell(who.sort_name), who.category, who.country or "",
                who.region or "", p.area or "", ";".join(str(o) for o in p.objectives),
                _cell(p.title.get("en", "")), _cell(p.title.get("zh", "")), _cell(trace.file), trace.line,
            ])
    return buffer.getvalue()
