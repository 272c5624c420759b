"""Readable reports for auditors: every finding of every document, both sides shown in context.

``render_html(records)`` gives one self-contained HTML page (built in ``audit_page``) from
contract records (``nianbao run`` output); the findings as a spreadsheet are
``export.tabular.write_findings_csv``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from nianbao.export.audit_names import FINDING_TYPE_NAMES, SEVERITY_NAMES
from nianbao.export.audit_page import render_page
from nianbao.export.audit_text import context_html

__all__ = [
    "FINDING_TYPE_NAMES",
    "SEVERITY_NAMES",
    "context_html",
    "render_html",
]


def render_html(records: Iterable[dict[str, Any]], title: str = "nianbao 质量年报核查报告") -> str:
    """One HTML page: a summary, filters, each finding with both sides and its place, and
    the text of each report with findings, the cited spans and cells highlighted."""
    return render_page(records, title)


def _e(s: str) -> str:
    return html.escape(s, quote=True)
