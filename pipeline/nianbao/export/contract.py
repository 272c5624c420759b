"""Export: ``AnnotatedDoc`` → the contract's JSON record (nianbao.doc/1), one line each."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from nianbao.data import AnnotatedDoc, Cell, Claim, Finding, Row, Table
from nianbao.errors import MESSAGES, BadRunFile
from nianbao.text.numbers import to_json_number

SCHEMA_ID = "nianbao.doc/1"


def to_record(doc: AnnotatedDoc) -> dict[str, Any]:
    """The contract record of one document; keys in a fixed order. For a PDF, ``meta``
    holds where each page begins and every table, claim and finding its ``page``."""
    record = _record(doc)
    meta = doc.meta
    if meta is not None and meta.page_starts:
        for table in record["tables"]:
            table["page"] = meta.page_of(table["start"])
        for claim in record["claims"]:
            claim["page"] = meta.page_of(claim["start"])
        for finding in record["findings"]:
            first = next((e["start"] for e in finding["evidence"] if "start" in e), None)
            finding["page"] = meta.page_of(first)
    return record


def _record(doc: AnnotatedDoc) -> dict[str, Any]:
    meta = doc.meta
    return {
        "schema": SCHEMA_ID,
        "doc_id": doc.doc_id,
        "source": doc.source,
        "status": doc.status,
        "error": {"type": doc.error.type, "message": doc.error.message} if doc.error else None,
        "text": doc.text,
        "meta": {
            "reporting_entity": meta.reporting_entity,
            "report_year": meta.report_year,
            "level": meta.level,
            "pipeline_version": meta.pipeline_version,
            "model": meta.model,
            "ocr": meta.ocr,
            "page_starts": list(meta.page_starts),
        }
        if meta
        else None,
        "sections": [
            {"id": s.id, "title": s.title, "level": s.level, "start": s.start, "end": s.end}
            for s in doc.sections
        ],
        "tables": [table_record(t) for t in doc.tables],
        "cases": [
            {
                "id": f"K{i}",
                "number": c.number,
                "title": c.title,
                "start": c.start,
                "end": c.end,
                "title_start": c.title_start,
                "title_end": c.title_end,
            }
            for i, c in enumerate(doc.cases, 1)
        ],
        "entities": [
            {
                "id": e.id,
                "type": e.type,
                "text": e.text,
                "start": e.start,
                "end": e.end,
                "score": round(e.score, 4),
                "source": e.source,
            }
            for e in doc.entities
        ],
        "claims": [claim_record(c) for c in doc.claims],
        "relations": [{"type": r.type, "head": r.head, "tail": r.tail} for r in doc.relations],
        "findings": [finding_record(f) for f in doc.findings],
    }


def _number(value: Decimal | None) -> int | float | None:
    return None if value is None else to_json_number(value)


def table_record(t: Table) -> dict[str, Any]:
    return {
        "id": t.id,
        "anchor": t.anchor,
        "title": t.title,
        "appendix": t.appendix,
        "start": t.start,
        "end": t.end,
        "columns": list(t.columns),
        "rows": [row_record(r) for r in t.rows],
        "layout": t.layout,
        "title_inferred": t.title_inferred,
        "annex_kind": t.annex_kind,
        "caption_unit": t.caption_unit,
    }


def row_record(r: Row) -> dict[str, Any]:
    return {
        "label": r.label,
        "unit": r.unit,
        "cells": [cell_record(c) for c in r.cells],
        "kind": r.kind,
        "parent": r.parent,
        "group": r.group,
        "number": r.number,
        "period": r.period,
        "start": r.start,
        "end": r.end,
    }


def cell_record(c: Cell) -> dict[str, Any]:
    return {
        "col": c.col,
        "text": c.text,
        "value": _number(c.value),
        "unit": c.unit,
        "period": c.period,
        "start": c.start,
        "end": c.end,
    }


def claim_record(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "start": c.start,
        "end": c.end,
        "text": c.text,
        "number_text": c.number_text,
        "number_start": c.number_start,
        "number_end": c.number_end,
        "value": to_json_number(c.value),
        "unit": c.unit,
        "qualifier": c.qualifier,
        "kind": c.kind,
        "indicator": c.indicator,
        "indicator_start": c.indicator_start,
        "indicator_end": c.indicator_end,
        "canonical": c.canonical,
        "period": c.period,
        "subject": c.subject,
        "role": c.role,
        "source": c.source,
        "recogniser": c.recogniser,
    }


def finding_record(f: Finding) -> dict[str, Any]:
    return {
        "id": f.id,
        "type": f.type,
        "severity": f.severity,
        "message": f.message,
        "claimed": _number(f.claimed),
        "expected": _number(f.expected),
        "evidence": [
            {
                k: v
                for k, v in (
                    ("kind", e.kind),
                    ("id", e.id),
                    ("table", e.table),
                    ("row", e.row),
                    ("col", e.col),
                    ("start", e.start),
                    ("end", e.end),
                )
                if v is not None
            }
            for e in f.evidence
        ],
        "check": f.check,
    }


_LINE_SEPARATORS = ("\u0085", "\u2028", "\u2029")


def dumps(record: dict[str, Any]) -> str:
    """One JSONL line (no newline): UTF-8 text, ``ensure_ascii=False``, deterministic; the
    Unicode line separators (U+0085, U+2028, U+2029) escaped.

    A file name that is not valid UTF-8 reaches Python with lone surrogates, which UTF-8
    cannot write; such a record is written with \\u escapes (the same JSON when read).
    """
    line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(record, ensure_ascii=True, separators=(",", ":"))
    # JSON may hold these raw, but str.splitlines and JavaScript end a line at them: escaped,
    # a line stays one line for every reader (they can only occur inside strings).
    for separator in _LINE_SEPARATORS:
        line = line.replace(separator, f"\\u{ord(separator):04x}")
    return line


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """Read annotated records back; blank lines are skipped.

    A missing file, a line that is not JSON or a line that is not a record (an object
    with a ``source``) raises ``BadRunFile`` naming the line, not a bare traceback.
    """
    try:
        f = open(path, encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as e:
        raise BadRunFile(MESSAGES["run_file_missing"].format(path=path)) from e
    with f:
        n = 0
        try:
            for n, line in enumerate(f, 1):  # text files split on \n only, never on U+2028
                if line.strip():
                    yield _record_of(line, path, n)
        except UnicodeDecodeError as e:
            reason = "不是 UTF-8 文本（not UTF-8）"
            raise BadRunFile(
                MESSAGES["run_file_not_json"].format(path=path, line=n + 1, reason=reason)
            ) from e


def _record_of(line: str, path: str | Path, n: int) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise BadRunFile(
            MESSAGES["run_file_not_json"].format(path=path, line=n, reason=e.msg)
        ) from e
    if not isinstance(record, dict) or "source" not in record:
        reason = "没有 source 字段（no 'source' field）"
        raise BadRunFile(MESSAGES["run_file_not_record"].format(path=path, line=n, reason=reason))
    return record
