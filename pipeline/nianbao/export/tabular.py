"""Flat tables of a run: table cells, claims, entities, findings and their evidence.

Every row names its document (``document`` = the record's ``source``, and ``doc_id``) and its
character offsets into the record's ``text``, so a spreadsheet row leads back to the text.
Indexes (``row_index``, ``cell_index``, ``evidence_index``) are 0-based positions in the
record's lists. The same sheets feed the CSV folder and the ``.xlsx`` workbook.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nianbao.export.summary import ExportSummary, page_of, readable, section_at, shorten

Value = str | int | float | bool | None
Record = dict[str, Any]

EVIDENCE_LIMIT = 200  # characters of the findings' evidence cell: the cited sides, never a table
_SIDE_LIMIT = 80


@dataclass(frozen=True, slots=True)
class Sheet:
    """One flat table: its name (file and sheet name), its columns, and its rows per record."""

    name: str
    columns: tuple[str, ...]
    rows: Callable[[Record], Iterator[tuple[Value, ...]]]


def _cell_rows(record: Record) -> Iterator[tuple[Value, ...]]:
    for table in record["tables"]:
        for r, row in enumerate(table["rows"]):
            for c, cell in enumerate(row["cells"]):
                yield (
                    record["source"],
                    record["doc_id"],
                    table["id"],
                    table["anchor"],
                    table["title"],
                    table["appendix"],
                    r,
                    row["label"],
                    row.get("kind"),
                    row.get("unit"),
                    c,
                    cell["col"],
                    cell["text"],
                    cell["value"],
                    cell["unit"],
                    cell.get("period"),
                    cell.get("start"),
                    cell.get("end"),
                    page_of(record, cell.get("start")) or table.get("page"),
                )


def _claim_rows(record: Record) -> Iterator[tuple[Value, ...]]:
    entities = {e["id"]: e["text"] for e in record["entities"]}
    for claim in record["claims"]:
        yield (
            record["source"],
            record["doc_id"],
            claim["id"],
            claim["start"],
            claim["end"],
            page_of(record, claim["start"]),
            section_at(record, claim["start"]),
            claim["text"],
            claim["indicator"],
            claim.get("indicator_start"),
            claim.get("indicator_end"),
            claim.get("canonical"),
            claim["number_text"],
            claim.get("number_start"),
            claim.get("number_end"),
            claim["value"],
            claim["unit"],
            claim["qualifier"],
            claim["kind"],
            claim.get("period"),
            claim.get("subject"),
            entities.get(claim.get("subject") or ""),
            claim.get("role"),
            claim.get("source"),
            claim.get("recogniser"),
        )


def _entity_rows(record: Record) -> Iterator[tuple[Value, ...]]:
    for entity in record["entities"]:
        yield (
            record["source"],
            record["doc_id"],
            entity["id"],
            entity["type"],
            entity["text"],
            entity["start"],
            entity["end"],
            page_of(record, entity["start"]),
            section_at(record, entity["start"]),
            entity.get("score"),
            entity.get("source"),
        )


def _finding_rows(record: Record) -> Iterator[tuple[Value, ...]]:
    claims = {c["id"]: c for c in record["claims"]}
    tables = {t["id"]: t for t in record["tables"]}
    for finding in record["findings"]:
        evidence = finding["evidence"]
        placed = next((e for e in evidence if e.get("start") is not None), None)
        start = placed["start"] if placed else None
        claim_side = next((e for e in evidence if e["kind"] == "claim"), None)
        claim = claims.get(claim_side.get("id", "")) if claim_side else None
        # the cited cell names row and column; a whole table only where no cell is cited
        table_side = next((e for e in evidence if e["kind"] == "cell"), None) or next(
            (e for e in evidence if e["kind"] == "table"), None
        )
        table = tables.get(table_side.get("table", "")) if table_side else None
        row_index, cell = cited_cell(table, table_side) if table and table_side else (None, None)
        sides = " ‖ ".join(_sides(record, evidence, claims, tables))
        yield (
            record["source"],
            record["doc_id"],
            finding["id"],
            finding["severity"],
            finding["type"],
            finding.get("check"),
            finding["message"],
            finding["claimed"],
            finding["expected"],
            start,
            placed["end"] if placed else None,
            finding.get("page", page_of(record, start)),
            section_at(record, start),
            claim["id"] if claim else None,
            shorten(claim["text"], _SIDE_LIMIT) if claim else None,
            table_side["table"] if table_side else None,
            _caption(table) if table else None,
            row_index,
            table_side.get("row") if table_side else None,
            table_side.get("col") if table_side else None,
            cell["text"] if cell else None,
            cell.get("start") if cell else None,
            cell.get("end") if cell else None,
            shorten(sides, EVIDENCE_LIMIT),
        )


def _evidence_rows(record: Record) -> Iterator[tuple[Value, ...]]:
    claims = {c["id"]: c for c in record["claims"]}
    tables = {t["id"]: t for t in record["tables"]}
    for finding in record["findings"]:
        for i, e in enumerate(finding["evidence"]):
            table = tables.get(e.get("table", ""))
            row_index = cited_cell(table, e)[0] if table and e["kind"] == "cell" else None
            yield (
                record["source"],
                record["doc_id"],
                finding["id"],
                i,
                e["kind"],
                e.get("id"),
                e.get("table"),
                row_index,
                e.get("row"),
                e.get("col"),
                e.get("start"),
                e.get("end"),
                page_of(record, e.get("start")),
                evidence_text(record, e, claims, tables),
            )


def cited_cell(table: Record, e: Record) -> tuple[int | None, Record | None]:
    """The row index and cell a piece of evidence cites: by its offsets, which tell repeated
    row labels apart, else by row label and column."""
    if e.get("row") is None:
        return None, None
    start = e.get("start")
    for r, row in enumerate(table["rows"]):
        for cell in row["cells"]:
            if start is not None and cell.get("start") == start:
                return r, cell
    for r, row in enumerate(table["rows"]):
        if row["label"] == e["row"]:
            cell = next((c for c in row["cells"] if c["col"] == e.get("col")), None)
            return r, cell
    return None, None


def _sides(
    record: Record, evidence: list[Record], claims: dict[str, Record], tables: dict[str, Record]
) -> Iterator[str]:
    """Each side of a finding; a table's caption only the first time it is cited."""
    captioned: set[str] = set()
    for e in evidence:
        table = e.get("table")
        yield evidence_text(record, e, claims, tables, caption=table not in captioned)
        if table:
            captioned.add(table)


def evidence_text(
    record: Record,
    e: Record,
    claims: dict[str, Record],
    tables: dict[str, Record],
    *,
    caption: bool = True,
) -> str:
    """One side of a finding in a few words: the claim's text, or the table, row, column and
    cell cited (``caption=False``: "同表" for a table named before); never the whole table."""
    kind = e["kind"]
    if kind == "claim" and e.get("id") in claims:
        return f"正文 {e['id']}：{shorten(claims[e['id']]['text'], _SIDE_LIMIT)}"
    if kind in ("cell", "table") and e.get("table") in tables:
        table = tables[e["table"]]
        where = "／".join(x for x in (e.get("row"), e.get("col")) if x)
        cell = cited_cell(table, e)[1] if kind == "cell" else None
        value = f"：{cell['text']}" if cell else ""
        name = _caption(table) if caption else "同表"
        return shorten(f"{name}｜{where}{value}" if where else name, _SIDE_LIMIT)
    start, end = e.get("start"), e.get("end")
    if start is not None and end is not None:
        return f"正文：{shorten(record['text'][start:end], _SIDE_LIMIT)}"
    return e.get("id") or e.get("table") or kind


def _caption(table: Record) -> str:
    return shorten(f"{table['anchor']} {table['title']}".strip(), 40)


_DOC = ("document", "doc_id")
SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "tables",
        (
            *_DOC,
            "table",
            "anchor",
            "caption",
            "appendix",
            "row_index",
            "row_label",
            "row_kind",
            "row_unit",
            "cell_index",
            "column",
            "text",
            "value",
            "unit",
            "period",
            "start",
            "end",
            "page",
        ),
        _cell_rows,
    ),
    Sheet(
        "claims",
        (
            *_DOC,
            "claim",
            "start",
            "end",
            "page",
            "section",
            "text",
            "indicator",
            "indicator_start",
            "indicator_end",
            "canonical",
            "number_text",
            "number_start",
            "number_end",
            "value",
            "unit",
            "qualifier",
            "kind",
            "period",
            "subject",
            "subject_text",
            "role",
            "origin",
            "recogniser",
        ),
        _claim_rows,
    ),
    Sheet(
        "entities",
        (*_DOC, "entity", "type", "text", "start", "end", "page", "section", "score", "origin"),
        _entity_rows,
    ),
    Sheet(
        "findings",
        (
            *_DOC,
            "finding",
            "severity",
            "type",
            "check",
            "message",
            "claimed",
            "expected",
            "start",
            "end",
            "page",
            "section",
            "claim",
            "claim_text",
            "table",
            "table_caption",
            "row_index",
            "row",
            "column",
            "cell_text",
            "cell_start",
            "cell_end",
            "evidence",
        ),
        _finding_rows,
    ),
    Sheet(
        "evidence",
        (
            *_DOC,
            "finding",
            "evidence_index",
            "kind",
            "claim",
            "table",
            "row_index",
            "row",
            "column",
            "start",
            "end",
            "page",
            "text",
        ),
        _evidence_rows,
    ),
)


def sheet_rows(sheet: Sheet, records: Iterable[Record]) -> list[tuple[Value, ...]]:
    """Every row of one sheet over the records that were read."""
    return [row for record in records for row in sheet.rows(record)]


def _write_csv(path: Path, sheet: Sheet, rows: list[tuple[Value, ...]]) -> None:
    # utf-8-sig: the BOM makes Excel read the file as UTF-8 instead of the system code page
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(sheet.columns)
        writer.writerows(rows)


def write_csv_folder(records: Iterable[Record], out: Path) -> ExportSummary:
    """One CSV per sheet in the folder ``out`` (``tables.csv``, ``claims.csv``, ``entities.csv``,
    ``findings.csv``, ``evidence.csv``), UTF-8 with a BOM."""
    ok, skipped = readable(records)
    out.mkdir(parents=True, exist_ok=True)
    paths, items = [], {}
    for sheet in SHEETS:
        rows = sheet_rows(sheet, ok)
        path = out / f"{sheet.name}.csv"
        _write_csv(path, sheet, rows)
        paths.append(path)
        items[sheet.name] = len(rows)
    return ExportSummary("csv", tuple(paths), len(ok), skipped, items)


def write_findings_csv(records: Iterable[Record], out: Path) -> ExportSummary:
    """The findings sheet alone as one CSV file (what ``nianbao report --csv`` writes)."""
    ok, skipped = readable(records)
    sheet = next(s for s in SHEETS if s.name == "findings")
    rows = sheet_rows(sheet, ok)
    out.parent.mkdir(parents=True, exist_ok=True)
    _write_csv(out, sheet, rows)
    return ExportSummary("findings-csv", (out,), len(ok), skipped, {"findings": len(rows)})
