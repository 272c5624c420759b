"""One finding as an HTML card: id, severity, type, message, where it is, and both sides.

Each side is shown as short as it can be read: a claim in its sentence, the cited rows of
a table (never the whole table), with a link into the document view for the rest.
"""

from __future__ import annotations

from typing import Any

from nianbao.export.audit_citations import (
    cell_dom_id,
    finding_id,
    span_id,
    table_dom_id,
)
from nianbao.export.audit_locate import CellAt, DocumentIndex, Place, evidence_span, first_offset
from nianbao.export.audit_names import severity_name, type_name
from nianbao.export.audit_tables import caption, render_excerpt
from nianbao.export.audit_text import escape, sentence_html

Record = dict[str, Any]


def render_finding(finding: Record, index: DocumentIndex, key: str) -> str:
    fid = finding["id"]
    severity, ftype = finding.get("severity", ""), finding.get("type", "")
    place = index.place(first_offset(finding.get("evidence") or [], index.claims))
    if finding.get("page") is not None:
        place = Place(place.sections, finding["page"], place.inferred)
    sides = "".join(_side(group, index, key) for group in _sides(finding.get("evidence") or []))
    dom = escape(finding_id(key, fid))  # ids come from the record: escaped like any text
    return (
        f"<article class='finding sev-{escape(severity)}' id='{dom}' "
        f"data-severity='{escape(severity)}' data-type='{escape(ftype)}' data-doc='{key}'>"
        f"<header><a class='fid' href='#{dom}'>"
        f"{escape(fid)}</a> <span class='sev {escape(severity)}'>{escape(severity_name(severity))}</span> "
        f"<span class='type' title='{escape(ftype)}'>{escape(type_name(ftype))}</span> "
        f"{_place_html(place)}</header>"
        f"<p class='msg'>{escape(finding.get('message', ''))}</p>"
        f"<div class='sides'>{sides}</div>{_values(finding)}</article>"
    )


def _sides(evidence: list[Record]) -> list[list[Record]]:
    """Evidence as the reader compares it: the cells of one table together, in the order
    the finding cites them; every other piece on its own."""
    groups: list[list[Record]] = []
    by_table: dict[str, list[Record]] = {}
    for e in evidence:
        if e.get("kind") == "cell" and e.get("table"):
            if e["table"] in by_table:
                by_table[e["table"]].append(e)
                continue
            by_table[e["table"]] = [e]
            groups.append(by_table[e["table"]])
        else:
            groups.append([e])
    return groups


def _side(group: list[Record], index: DocumentIndex, key: str) -> str:
    e = group[0]
    kind = e.get("kind")
    table = index.tables.get(e.get("table") or "")
    if kind == "cell" and table is not None:
        cells = [at for at in map(index.locate_cell, group) if at is not None]
        if cells:
            return _cells_side(group, table, cells, index, key)
    if kind == "table" and table is not None:
        size = f"{len(table.get('rows') or [])} 行"
        return _side_html(
            _table_kind(table),
            caption(table),
            index.place(table.get("start")),
            f"<p class='ctx'>整张表格（{escape(size)}）</p>",
            f"#{table_dom_id(key, table['id'])}",
        )
    start, end = evidence_span(e, index.claims)
    label = {"claim": "正文", "cell": "单元格"}.get(kind or "", "正文")
    what = e.get("id") or " / ".join(x for x in (e.get("row"), e.get("col")) if x)
    if start is None or end is None:
        return _side_html(label, what, Place((), None, False), "", None)
    body = f"<p class='ctx'>{sentence_html(index.text, start, end)}</p>"
    return _side_html(label, what, index.place(start), body, f"#{span_id(key, start, end)}")


def _cells_side(
    group: list[Record], table: Record, cells: list[CellAt], index: DocumentIndex, key: str
) -> str:
    if len(group) == 1:
        what = f"{caption(table)}：{group[0].get('row', '')} / {group[0].get('col', '')}"
    else:
        what = f"{caption(table)}（{len(group)} 个单元格）"
    start = next((x["start"] for x in group if x.get("start") is not None), table.get("start"))
    return _side_html(
        _table_kind(table),
        what,
        index.place(start),
        render_excerpt(table, cells),
        f"#{cell_dom_id(key, table['id'], cells[0])}",
    )


def _table_kind(table: Record) -> str:
    """附表 for the standard annex tables (计分卡, 满意度…), which often follow the last
    heading without one of their own, so their section alone would mislead."""
    return "附表" if table.get("appendix") else "表格"


def _side_html(label: str, what: str, place: Place, body: str, target: str | None) -> str:
    link = f"<a class='goto' href='{escape(target)}'>在原文中查看</a>" if target else ""
    return (
        f"<div class='side'><div class='side-head'><span class='kind'>{escape(label)}</span> "
        f"<b>{escape(what)}</b> {_place_html(place)}</div>{body}{link}</div>"
    )


def _place_html(place: Place) -> str:
    parts = []
    if place.sections:
        how = "（推断）" if place.inferred else ""  # the document's meta line says how
        parts.append(f"§ {escape(' › '.join(place.sections))}{how}")
    if place.page is not None:
        parts.append(f"第{place.page}页")
    return f"<span class='place'>{' · '.join(parts)}</span>" if parts else ""


def _values(finding: Record) -> str:
    items = [
        ("所称值", finding.get("claimed")),
        ("对照值", finding.get("expected")),
        ("检查", finding.get("check")),
    ]
    shown = [
        f"<span><i>{escape(k)}</i> {escape(_number(v))}</span>" for k, v in items if v is not None
    ]
    return f"<p class='vals'>{' '.join(shown)}</p>" if shown else ""


def _number(v: object) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)
