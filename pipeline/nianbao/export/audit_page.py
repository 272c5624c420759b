"""The audit page: a summary of the run, filters, and for each report with findings its
finding cards and its document view. One self-contained HTML file.

Size grows with the findings, not with the run: a report's text is embedded once, in its
document view, and only for reports that have findings; tables are shown whole only there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from nianbao.export.audit_assets import SCRIPT, STYLE
from nianbao.export.audit_citations import cite, text_view_id
from nianbao.export.audit_docview import render_document_view
from nianbao.export.audit_findings import render_finding
from nianbao.export.audit_locate import DocumentIndex
from nianbao.export.audit_names import FINDING_TYPE_NAMES, SEVERITY_ORDER, severity_name, type_name
from nianbao.export.audit_text import escape

Record = dict[str, Any]


def render_page(records: Iterable[Record], title: str) -> str:
    docs = list(records)
    keys = document_keys(docs)
    with_findings = [(d, k) for d, k in zip(docs, keys, strict=True) if _findings(d)]
    return "".join(
        [
            "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>",
            "<meta name='viewport' content='width=device-width,initial-scale=1'>",
            f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
            f"<h1>{escape(title)}</h1>{_totals(docs)}{_LEGEND}",
            _filters(with_findings),
            _summary(docs, keys),
            "<main id='findings'>",
            *(_document(d, k) for d, k in with_findings),
            "</main>",
            f"<script>{SCRIPT}</script></body></html>\n",
        ]
    )


_LEGEND = (
    "<p class='legend muted'>每条问题依次给出：编号、程度（确定 = definite；存疑 = possible, a "
    "difference of definition may explain it）、类型、所在章节 §（section）和 PDF 页码（page），"
    "说明（message），以及双方原文（both sides）：正文所在的句子，或表格中被引用的行，"
    "被引用的数值以黄色标出（cited value in yellow）。所称值 = claimed，对照值 = expected，"
    "检查 = the check that found it；“在原文中查看” opens the document view at that place.</p>"
)


def document_keys(docs: list[Record]) -> list[str]:
    """Page ids of the documents: ``d`` + doc_id (stable across runs of the same files),
    or ``d`` + position where a doc_id is missing or the same file was given twice."""
    ids = [d.get("doc_id") or "" for d in docs]
    counts = Counter(ids)
    return [f"d{i}" if counts[i] == 1 and i else f"d{n}" for n, i in enumerate(ids, 1)]


def _findings(doc: Record) -> list[Record]:
    return list(doc.get("findings") or []) if doc.get("status", "ok") == "ok" else []


def _totals(docs: list[Record]) -> str:
    severities = Counter(f.get("severity") for d in docs for f in _findings(d))
    failed = sum(1 for d in docs if d.get("status", "ok") != "ok")
    total = sum(severities.values())
    return (
        f"<p class='meta'>报告 {len(docs)} 份（documents）· 问题 {total} 条（findings）："
        f"确定 {severities['error']}，存疑 {severities['warning']}"
        + (f" · <span class='failed'>无法读取 {failed} 份（unreadable）</span>" if failed else "")
        + "</p>"
    )


def _filters(with_findings: list[tuple[Record, str]]) -> str:
    findings = [f for d, _ in with_findings for f in _findings(d)]
    severities = Counter(f.get("severity", "") for f in findings)
    types = Counter(f.get("type", "") for f in findings)
    known = [t for t in FINDING_TYPE_NAMES if t in types]
    ordered_types = known + sorted(t for t in types if t not in FINDING_TYPE_NAMES)
    ordered_severities = [
        *SEVERITY_ORDER,
        *sorted(s for s in severities if s not in SEVERITY_ORDER),
    ]

    def box(name: str, value: str, label: str, n: int) -> str:
        return (
            f"<label><input type='checkbox' name='{name}' value='{escape(value)}' checked> "
            f"{escape(label)} <span class='muted'>({n})</span></label>"
        )

    severity_boxes = "".join(
        box("severity", s, severity_name(s), severities[s]) for s in ordered_severities
    )
    type_boxes = "".join(box("type", t, type_name(t), types[t]) for t in ordered_types)
    options = "".join(
        f"<option value='{k}'>{escape(_short_source(d))}（{len(_findings(d))}）</option>"
        for d, k in with_findings
    )
    return (
        "<form id='filters' class='filters' hidden>"
        f"<fieldset><legend>程度（severity）</legend>{severity_boxes}</fieldset>"
        f"<fieldset><legend>类型（type）</legend>{type_boxes}</fieldset>"
        "<label>报告（document） <select name='doc'>"
        f"<option value=''>全部报告（all）</option>{options}</select></label>"
        "<label>搜索（search） <input type='search' name='q' "
        "placeholder='关键词、数值、表号（words, numbers, table no.）'></label>"
        "<button type='reset'>清除筛选（reset）</button>"
        "<output id='shown-count' aria-live='polite'></output></form>"
    )


def _summary(docs: list[Record], keys: list[str]) -> str:
    rows = []
    for doc, key in zip(docs, keys, strict=True):
        severities = Counter(f.get("severity") for f in _findings(doc))
        name = escape(doc.get("source", ""))
        if doc.get("status", "ok") != "ok":
            message = (doc.get("error") or {}).get("message", "")
            status = f"<span class='failed'>无法读取（unreadable）：{escape(message)}</span>"
        elif severities:
            name = f"<a href='#{key}'>{name}</a>"
            status = ""
        else:
            status = "未发现不一致（no findings）"
        rows.append(
            f"<tr><td>{name}</td><td>{escape(_entity(doc))}</td>"
            f"<td>{len(doc.get('tables') or [])}</td><td>{len(doc.get('claims') or [])}</td>"
            f"<td>{severities['error']}</td><td>{severities['warning']}</td><td>{status}</td></tr>"
        )
    head = (
        "<tr><th>报告（document）</th><th>编制单位（author）</th><th>表格</th><th>数值陈述</th>"
        "<th>确定</th><th>存疑</th><th>状态（status）</th></tr>"
    )
    return (
        "<details open class='summary-box'><summary>报告一览（documents）</summary>"
        f"<table class='summary'><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></details>"
    )


def _document(doc: Record, key: str) -> str:
    index = DocumentIndex(doc)
    findings = _findings(doc)
    cards = "".join(render_finding(f, index, key) for f in findings)
    view = render_document_view(index, cite(findings, index), key)
    meta = (
        f"{escape(_entity(doc))} · 表格 {len(doc.get('tables') or [])} · "
        f"数值陈述 {len(doc.get('claims') or [])} · 问题 {len(findings)} · "
        f"<a href='#{text_view_id(key)}'>原文（text）</a>"
    )
    if index.sections_inferred:
        meta += (
            " · 记录中没有章节，章节据正文标题推断（sections inferred from the text's headings）"
        )
    return (
        f"<section class='doc' id='{key}' data-doc-id='{escape(doc.get('doc_id') or '')}'>"
        f"<h2>{escape(doc.get('source', ''))}</h2><p class='meta'>{meta}</p>{cards}{view}</section>"
    )


def _entity(doc: Record) -> str:
    meta = doc.get("meta") or {}
    return " ".join(x for x in (meta.get("reporting_entity"), meta.get("report_year")) if x)


def _short_source(doc: Record) -> str:
    source = str(doc.get("source", ""))
    name = source.replace("\\", "/").rsplit("/", 1)[-1]
    entity = _entity(doc)
    return f"{name} {entity}".strip()
