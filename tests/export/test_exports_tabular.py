"""The CSV folder and the .xlsx workbook, read by the csv module, pandas and openpyxl."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
from export_records import ok_records, sample_records
from nianbao.export.tabular import (
    EVIDENCE_LIMIT,
    SHEETS,
    cited_cell,
    write_csv_folder,
    write_findings_csv,
)
from nianbao.export.workbook import write_workbook

COLUMNS = {sheet.name: sheet.columns for sheet in SHEETS}


def _expected_counts(records: list[dict[str, Any]]) -> dict[str, int]:
    return {
        "tables": sum(len(row["cells"]) for r in records for t in r["tables"] for row in t["rows"]),
        "claims": sum(len(r["claims"]) for r in records),
        "entities": sum(len(r["entities"]) for r in records),
        "findings": sum(len(r["findings"]) for r in records),
        "evidence": sum(len(f["evidence"]) for r in records for f in r["findings"]),
    }


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_folder_rows_lead_back_to_the_text(tmp_path: Path) -> None:
    summary = write_csv_folder(sample_records(), tmp_path / "csv")
    records = ok_records()
    texts = {r["source"]: r["text"] for r in records}
    assert (summary.documents, summary.skipped) == (5, 1)
    assert dict(summary.items) == _expected_counts(records)
    assert summary.items["findings"] > 5 and summary.items["tables"] > 500
    for name in COLUMNS:
        path = tmp_path / "csv" / f"{name}.csv"
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 by its BOM
        rows = _read(path)
        assert len(rows) == summary.items[name]
        assert tuple(rows[0]) == COLUMNS[name]
        assert all(row["document"] in texts for row in rows)
    cells = _read(tmp_path / "csv" / "tables.csv")
    assert all(texts[c["document"]][int(c["start"]) : int(c["end"])] == c["text"] for c in cells)
    for name in ("claims", "entities"):
        rows = _read(tmp_path / "csv" / f"{name}.csv")
        assert all(texts[r["document"]][int(r["start"]) : int(r["end"])] == r["text"] for r in rows)
        assert all(r["section"] for r in rows[-10:])
    frame = pd.read_csv(tmp_path / "csv" / "claims.csv", encoding="utf-8-sig")
    assert frame["value"].dtype.kind in "if" and len(frame) == summary.items["claims"]


def test_findings_csv_places_each_finding_and_keeps_evidence_short(tmp_path: Path) -> None:
    records = ok_records()
    write_csv_folder(records, tmp_path)
    rows = _read(tmp_path / "findings.csv")
    findings = {(r["source"], f["id"]): f for r in records for f in r["findings"]}
    texts = {r["source"]: r["text"] for r in records}
    assert len(rows) == len(findings)
    longest_table = max(t["end"] - t["start"] for r in records for t in r["tables"])
    assert longest_table > EVIDENCE_LIMIT  # a whole table would not fit in the cell
    for row in rows:
        finding = findings[(row["document"], row["finding"])]
        assert 0 < len(row["evidence"]) <= EVIDENCE_LIMIT
        first = next(e for e in finding["evidence"] if "start" in e)
        assert (int(row["start"]), int(row["end"])) == (first["start"], first["end"])
        cell = next((e for e in finding["evidence"] if e["kind"] == "cell"), None)
        if cell is not None:
            assert (row["table"], row["row"], row["column"]) == (
                cell["table"],
                cell["row"],
                cell["col"],
            )
            start, end = int(row["cell_start"]), int(row["cell_end"])
            assert texts[row["document"]][start:end] == row["cell_text"] != ""
            assert row["row_index"] != ""
    assert any(row["claim"] and row["table"] for row in rows)  # narrative against table
    evidence = _read(tmp_path / "evidence.csv")
    assert {(e["document"], e["finding"]) for e in evidence} == set(findings)


def test_the_cited_cell_is_found_by_offsets_when_row_labels_repeat() -> None:
    text = "表1\n其中：女\t120\n其中：女\t75\n"
    first, second = text.index("120"), text.index("75")
    table = {
        "rows": [
            {"label": "其中：女", "cells": [{"col": "人数", "text": "120", "start": first}]},
            {"label": "其中：女", "cells": [{"col": "人数", "text": "75", "start": second}]},
        ]
    }
    evidence = {"kind": "cell", "row": "其中：女", "col": "人数", "start": second}
    assert cited_cell(table, evidence) == (1, table["rows"][1]["cells"][0])
    assert cited_cell(table, {**evidence, "start": None})[0] == 0  # no offsets: by label


def test_findings_csv_alone(tmp_path: Path) -> None:
    summary = write_findings_csv(sample_records(), tmp_path / "out" / "findings.csv")
    rows = _read(tmp_path / "out" / "findings.csv")
    assert len(rows) == summary.items["findings"] == _expected_counts(ok_records())["findings"]


def test_workbook_has_a_sheet_each_with_frozen_header(tmp_path: Path) -> None:
    out = tmp_path / "run.xlsx"
    records = ok_records()
    records[0]["claims"][0]["text"] = "=SUM(A1:A9)"  # data, not a formula
    summary = write_workbook([*records, sample_records()[-1]], out)
    expected = _expected_counts(records)
    assert (summary.documents, summary.skipped, dict(summary.items)) == (5, 1, expected)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == list(COLUMNS)
    for name, columns in COLUMNS.items():
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        assert tuple(c.value for c in sheet[1]) == columns
        assert sheet.max_row - 1 == expected[name]
        assert all(sheet.column_dimensions[c].width >= 6 for c in ("A", "B", "C"))
    claim = book["claims"]["H2"]
    assert (claim.value, claim.data_type) == ("=SUM(A1:A9)", "s")
    frames = pd.read_excel(out, sheet_name=None)
    assert {name: len(frame) for name, frame in frames.items()} == expected
    assert frames["tables"]["value"].dtype.kind in "if"
    assert list(frames["entities"].columns) == list(COLUMNS["entities"])
