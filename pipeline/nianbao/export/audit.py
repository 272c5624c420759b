"""Readable reports for auditors: every finding of every document, both sides shown in context.

``render_html(records)`` gives one self-contained HTML page (built in ``audit_page``);
``write_findings_csv`` a spreadsheet with one row per finding. Both read contract records
(``nianbao run`` output).
"""

from __future__ import annotations

import csv
import html
from collections.abc import Iterable
from typing import Any, TextIO

from nianbao.export.audit_names import FINDING_TYPE_NAMES, SEVERITY_NAMES
from nianbao.export.audit_page import render_page
from nianbao.export.audit_text import context_html

__all__ = [
    "FINDING_TYPE_NAMES",
    "SEVERITY_NAMES",
    "context_html",
    "render_html",
    "write_findings_csv",
]


def render_html(records: Iterable[dict[str, Any]], title: str = "nianbao 质量年报核查报告") -> str:
    """One HTML page: a summary, filters, each finding with both sides and its place, and
    the text of each report with findings, the cited spans and cells highlighted."""
    return render_page(records, title)


def write_findings_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One row per finding: document, severity, type, message, values and both sides' text."""
    writer = csv.writer(out)
    writer.writerow(
        ["source", "finding", "severity", "type", "message", "claimed", "expected", "evidence"]
    )
    n = 0
    for doc in records:
        for f in doc["findings"]:
            sides = " | ".join(
                doc["text"][e["start"] : e["end"]]
                if e.get("start") is not None
                else e.get("table", "")
                for e in f["evidence"]
            )
            writer.writerow(
                [
                    doc["source"],
                    f["id"],
                    f["severity"],
                    f["type"],
                    f["message"],
                    f["claimed"],
                    f["expected"],
                    sides,
                ]
            )
            n += 1
    return n


def _e(s: str) -> str:
    return html.escape(s, quote=True)
