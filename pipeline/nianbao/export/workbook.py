"""One ``.xlsx`` workbook of a run: a sheet per flat table (tables, claims, entities, findings,
evidence), the same columns as the CSV export, header row frozen."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from nianbao.export.summary import ExportSummary, readable
from nianbao.export.tabular import SHEETS, Value, sheet_rows

_MIN_WIDTH, _MAX_WIDTH = 6, 60
_SAMPLED_ROWS = 500  # widths are judged from the first rows; enough to see a column's shape


def write_workbook(records: Iterable[dict[str, Any]], out: Path) -> ExportSummary:
    """Write the workbook to ``out``; numbers stay numbers, text stays text."""
    ok, skipped = readable(records)
    book = Workbook()
    book.remove(book.active)
    items = {}
    for sheet in SHEETS:
        rows = sheet_rows(sheet, ok)
        _fill(book.create_sheet(sheet.name), sheet.columns, rows)
        items[sheet.name] = len(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return ExportSummary("xlsx", (out,), len(ok), skipped, items)


def _fill(ws: Worksheet, columns: tuple[str, ...], rows: list[tuple[Value, ...]]) -> None:
    bold = Font(bold=True)
    for j, name in enumerate(columns, 1):
        ws.cell(row=1, column=j, value=name).font = bold
    for i, row in enumerate(rows, 2):
        for j, value in enumerate(row, 1):
            cell = ws.cell(row=i, column=j, value=_clean(value))
            if isinstance(value, str):
                cell.data_type = "s"  # a text starting with "=" is data, never a formula
    ws.freeze_panes = "A2"
    for j, name in enumerate(columns, 1):
        sampled = [name, *(row[j - 1] for row in rows[:_SAMPLED_ROWS])]
        widest = max(_display_width(v) for v in sampled)
        ws.column_dimensions[get_column_letter(j)].width = min(
            _MAX_WIDTH, max(_MIN_WIDTH, widest + 2)
        )


def _clean(value: Value) -> Value:
    # control characters are not allowed in the xlsx XML; they carry nothing a reader sees
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _display_width(value: Value) -> int:
    """Columns a value takes in a spreadsheet: wide (CJK) characters count two."""
    if value is None:
        return 0
    text = str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
