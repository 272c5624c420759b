"""Readable reports for auditors: every finding of every document, both sides shown in context.

``render_html(records)`` gives one self-contained HTML page; ``write_findings_csv`` a
spreadsheet with one row per finding. Both read contract records (``nianbao run`` output).
"""

from __future__ import annotations

import csv
import html
from collections import Counter
from collections.abc import Iterable
from typing import Any, TextIO

FINDING_TYPE_NAMES = {
    "narrative_vs_table": "正文与表格不一致",
    "narrative_vs_narrative": "正文前后不一致",
    "narrative_arithmetic": "正文计算不一致",
    "table_internal_sum": "表内合计不符",
    "table_internal_ratio": "表内比率不符",
    "table_vs_table": "表格之间不一致",
    "label_or_period": "标题或时期矛盾",
}
SEVERITY_NAMES = {"error": "确定", "warning": "存疑"}
_CONTEXT = 40  # characters shown either side of a span

_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;max-width:1100px;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;width:100%;margin:.5em 0}td,th{border:1px solid #ddd;padding:.4em;vertical-align:top}
th{background:#f4f4f4;text-align:left}td:nth-child(-n+2){white-space:nowrap}.error{color:#fff;background:#c0392b;padding:0 .4em;border-radius:3px}
.warning{color:#000;background:#f1c40f;padding:0 .4em;border-radius:3px}mark{background:#ffe08a}
.ctx{color:#555;font-size:.92em}.meta{color:#555}.failed{color:#c0392b}
"""


def render_html(records: Iterable[dict[str, Any]], title: str = "nianbao 质量年报核查报告") -> str:
    """One HTML page: a summary table, then each document's findings with both sides."""
    docs = list(records)
    parts = [
        f"<!doctype html><html lang='zh-CN'><meta charset='utf-8'><title>{_e(title)}</title>",
        f"<style>{_STYLE}</style><h1>{_e(title)}</h1>",
        _summary(docs),
    ]
    for i, doc in enumerate(docs, 1):
        parts.append(_document(doc, f"d{i}"))
    parts.append("</html>\n")
    return "".join(parts)


def _summary(docs: list[dict[str, Any]]) -> str:
    rows = []
    for i, doc in enumerate(docs, 1):
        severities = Counter(f["severity"] for f in doc["findings"])
        status = "" if doc["status"] == "ok" else "<span class='failed'>无法读取</span>"
        rows.append(
            f"<tr><td><a href='#d{i}'>{_e(doc['source'])}</a> {status}</td><td>{_e(_entity(doc))}</td>"
            f"<td>{len(doc['tables'])}</td><td>{len(doc['claims'])}</td>"
            f"<td>{severities['error']}</td><td>{severities['warning']}</td></tr>"
        )
    head = "<tr><th>报告</th><th>编制单位</th><th>表格</th><th>数值陈述</th><th>确定问题</th><th>存疑问题</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def _entity(doc: dict[str, Any]) -> str:
    meta = doc.get("meta") or {}
    return " ".join(x for x in (meta.get("reporting_entity"), meta.get("report_year")) if x)


def _document(doc: dict[str, Any], anchor: str) -> str:
    out = [f"<h2 id='{anchor}'>{_e(doc['source'])}</h2>"]
    if doc["status"] != "ok":
        error = doc.get("error") or {}
        return out[0] + f"<p class='failed'>无法读取：{_e(error.get('message', ''))}</p>"
    out.append(
        f"<p class='meta'>{_e(_entity(doc))} · 表格 {len(doc['tables'])} · 数值陈述 {len(doc['claims'])} · "
        f"问题 {len(doc['findings'])}</p>"
    )
    if not doc["findings"]:
        return "".join(out) + "<p>未发现不一致。</p>"
    claims = {c["id"]: c for c in doc["claims"]}
    tables = {t["id"]: t for t in doc["tables"]}
    rows = []
    for f in doc["findings"]:
        sides = "".join(
            f"<div>{_evidence(doc['text'], e, claims, tables)}</div>" for e in f["evidence"]
        )
        rows.append(
            f"<tr><td><span class='{f['severity']}'>{SEVERITY_NAMES.get(f['severity'], f['severity'])}</span></td>"
            f"<td>{_e(FINDING_TYPE_NAMES.get(f['type'], f['type']))}</td><td>{_e(f['message'])}</td><td>{sides}</td></tr>"
        )
    head = "<tr><th>程度</th><th>类型</th><th>说明</th><th>依据（双方原文）</th></tr>"
    return "".join(out) + f"<table>{head}{''.join(rows)}</table>"


def _evidence(text: str, e: dict[str, Any], claims: dict[str, Any], tables: dict[str, Any]) -> str:
    label = ""
    if e["kind"] == "claim" and e.get("id") in claims:
        label = f"正文 {e['id']}"
    elif e["kind"] in ("cell", "table") and e.get("table") in tables:
        t = tables[e["table"]]
        where = " / ".join(x for x in (e.get("row"), e.get("col")) if x)
        label = f"{t['anchor']} {t['title']}" + (f"：{where}" if where else "")
    if e["kind"] == "cell" and e.get("table") in tables:
        row = _row_html(tables[e["table"]], e.get("row"), e.get("col"))
        if row:
            return f"<b>{_e(label)}</b><br><span class='ctx'>{row}</span>"
    start, end = e.get("start"), e.get("end")
    if start is None or end is None:
        return _e(label)
    return f"<b>{_e(label)}</b><br><span class='ctx'>{context_html(text, start, end)}</span>"


def _row_html(table: dict[str, Any], label: str | None, col: str | None) -> str:
    """The table row as printed, the cited column highlighted: ``指标 | 单位 | 113 | [115]``."""
    for row in table.get("rows", []):
        if row.get("label") == label:
            cells = [
                f"<mark>{_e(c['text'])}</mark>" if c.get("col") == col else _e(c["text"])
                for c in row.get("cells", [])
            ]
            head = [_e(label or "")] + ([_e(row["unit"])] if row.get("unit") else [])
            return " | ".join(head + cells)
    return ""


def context_html(text: str, start: int, end: int) -> str:
    """The span highlighted, with a little text either side, on one line."""
    left = text[max(0, start - _CONTEXT) : start]
    right = text[end : end + _CONTEXT]

    def flat(s: str) -> str:
        # keep one space where the text had any, so neighbouring numbers never run together
        edge_left = " " if s[:1].isspace() else ""
        edge_right = " " if s[-1:].isspace() else ""
        return _e(edge_left + " ".join(s.split()) + edge_right)

    return f"…{flat(left)}<mark>{_e(text[start:end])}</mark>{flat(right)}…"


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
