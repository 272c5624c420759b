"""From raw rows to a grid: header rows (one or two lines), rows aligned to the columns
(rows printed one cell to the left are put back), column names and column roles."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from nianbao.layout.table_lines import CellSpan
from nianbao.text.cells import (
    bracketed_unit,
    is_quantity,
    is_unit,
    is_year_like,
    lexicon,
    period_of,
    read_value,
)

Row = tuple[CellSpan, ...]

# A column of identifiers: its digits name a thing (专业代码 660301), they count nothing.
_CODE_COLUMN = regex.compile(r"代码|编码|编号|代号|学号|邮编|电话|证号")
# A column whose cells are filled in at most this share of rows is a merged column.
_MERGED_MAX_FILLED = 0.5
# A column is the unit column when this share of its filled cells are units.
_UNIT_MIN_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class Grid:
    """Header and body rows, every row exactly ``len(names)`` cells wide."""

    header: tuple[Row, ...]
    body: tuple[Row, ...]
    names: tuple[str, ...]
    serial: int | None
    group: int | None
    label: int | None
    unit: int | None
    periods: tuple[str | None, ...]  # from each column's name
    units: tuple[str | None, ...]  # from each column's name, "(人)"
    label_is_period: bool  # rows are years ("2023", "2022—2023学年")
    codes: tuple[bool, ...] = ()  # identifier columns (专业代码): digits, never quantities

    @property
    def data_columns(self) -> tuple[int, ...]:
        roles = {self.serial, self.group, self.label, self.unit}
        return tuple(j for j in range(len(self.names)) if j not in roles)


def build_grid(rows: list[Row]) -> Grid:
    """Split header from body, align the body and name and type every column."""
    trimmed = [_trim(r) for r in rows]
    n_header = _header_count(trimmed)
    width = max(len(r) for r in trimmed)
    full = [r for r in trimmed[n_header:] if len(r) == width]
    header = _placed_header(trimmed[:n_header], width, full)
    profile = _kind_profile(full, width)
    body = tuple(_align(r, width, profile) for r in trimmed[n_header:] if any(c.text for c in r))
    body = tuple(r for r in body if not _repeats_header(r, header))
    names = _header_names(header, width)
    serial = _serial_column(names, body)
    unit = _unit_column(names, body, serial)
    codes = {j for j, n in enumerate(names) if _CODE_COLUMN.search(n)}
    group, label = _label_columns(names, body, {serial, unit, *codes})
    names = _default_names(names, body, serial, group, label, unit)
    label_is_period = label is not None and _is_period_column(names[label], body, label)
    return Grid(
        header=header,
        body=body,
        names=names,
        serial=serial,
        group=group,
        label=label,
        unit=unit,
        periods=tuple(period_of(n) for n in names),
        codes=tuple(j in codes for j in range(len(names))),
        units=tuple(bracketed_unit(n) for n in names),
        label_is_period=label_is_period,
    )


# --- header ---------------------------------------------------------------------


def _header_count(rows: list[Row]) -> int:
    """Leading rows without quantities; a second one starting empty is a header's lower line."""
    if len(rows) < 2 or _has_quantity(rows[0]):
        return 0
    count = 1
    while count < len(rows) - 1:
        row = rows[count]
        if row and not row[0].text and not _has_quantity(row) and any(c.text for c in row):
            count += 1
        else:
            break
    return count


def _has_quantity(row: Row) -> bool:
    return any(is_quantity(c.text) for c in row)


def _header_names(header: tuple[Row, ...], width: int) -> tuple[str, ...]:
    """One name per column; a lower header line's names hang under the upper cell that
    spans them (the nearest filled cell to the left): ``中职学校招生数(人)/合计``."""
    if not header:
        return ("",) * width
    names = [c.text for c in header[0]]
    for lower in header[1:]:
        spanning = ""
        combined = []
        for j in range(width):
            upper = header[0][j].text
            spanning = upper or spanning
            below = lower[j].text
            if below:
                combined.append(f"{upper or spanning}/{below}" if (upper or spanning) else below)
            else:
                combined.append(names[j])
        names = combined
    return tuple(names)


def _placed_header(header: list[Row], width: int, full: list[Row]) -> tuple[Row, ...]:
    """Header rows padded to the width; a one-line header shorter than the rows sits over
    the value columns on the right (its missing cells are the merged corner)."""
    if len(header) == 1 and len(header[0]) < width and full:
        numeric = sum(1 for r in full if is_quantity(r[-1].text))
        if numeric >= 0.5 * len(full):
            at = header[0][0].start
            return (tuple(CellSpan("", at, at) for _ in range(width - len(header[0]))) + header[0],)
    return tuple(_pad(r, width) for r in header)


def _repeats_header(row: Row, header: tuple[Row, ...]) -> bool:
    """A header printed again inside the table (after a page break)."""
    return bool(header) and [c.text for c in row] == [c.text for c in header[0]]


# --- alignment ------------------------------------------------------------------


def _trim(row: Row) -> Row:
    end = len(row)
    while end > 1 and not row[end - 1].text:
        end -= 1
    return row[:end]


def _pad(row: Row, width: int) -> Row:
    at = row[-1].end if row else 0
    return row + tuple(CellSpan("", at, at) for _ in range(width - len(row)))


def _kind(cell: CellSpan) -> str:
    if not cell.text:
        return "empty"
    if read_value(cell.text)[0] is not None:
        return "number"
    return "unit" if is_unit(cell.text) else "text"


def _kind_profile(rows: list[Row], width: int) -> list[Counter[str]]:
    profile: list[Counter[str]] = [Counter() for _ in range(width)]
    for row in rows:
        for j, cell in enumerate(row):
            profile[j][_kind(cell)] += 1
    return profile


def _align(row: Row, width: int, profile: list[Counter[str]]) -> Row:
    """A short row is placed at the offset where its cells best match their columns."""
    if len(row) >= width or sum(1 for c in row if c.text) < 2 or not sum(profile[0].values()):
        return _pad(row, width)
    kinds = [_kind(c) for c in row]

    def agreement(offset: int) -> float:
        score = 0.0
        for j, kind in enumerate(kinds):
            column = profile[offset + j]
            total = sum(column.values())
            score += column[kind] / total if total else 0.0
        return score

    best = max(range(width - len(row) + 1), key=lambda o: (agreement(o), -o))
    at = row[0].start
    return tuple(CellSpan("", at, at) for _ in range(best)) + _pad(row, width - best)


# --- column roles ---------------------------------------------------------------


def _filled(body: tuple[Row, ...], j: int) -> list[str]:
    return [r[j].text for r in body if r[j].text]


def _serial_column(names: tuple[str, ...], body: tuple[Row, ...]) -> int | None:
    lex = lexicon()
    for j in range(min(2, len(names))):
        if names[j].replace(" ", "") in lex.serial_headers:
            return j
    values = _filled(body, 0) if names else []
    if (
        len(names) > 2
        and not names[0]
        and values
        and all(v.isdigit() and len(v) <= 3 for v in values)
    ):
        return 0 if len(values) >= 2 else None
    return None


def _unit_column(names: tuple[str, ...], body: tuple[Row, ...], serial: int | None) -> int | None:
    lex = lexicon()
    for j, name in enumerate(names):
        if name.replace(" ", "").replace("\u3000", "") in lex.unit_headers:
            return j
    for j in range(1, len(names)):
        values = _filled(body, j)
        if (
            j != serial
            and len(values) >= 2
            and sum(map(is_unit, values)) >= _UNIT_MIN_SHARE * len(values)
        ):
            return j
    return None


def _label_columns(
    names: tuple[str, ...], body: tuple[Row, ...], taken: set[int | None]
) -> tuple[int | None, int | None]:
    """The merged group column (if any) and the row-label column."""
    candidates = [j for j in range(len(names)) if j not in taken]
    for position, j in enumerate(candidates):
        if not _is_label_like(names[j], body, j):
            return None, None
        following = candidates[position + 1] if position + 1 < len(candidates) else None
        if (
            following is not None
            and _is_merged(body, j)
            and _is_label_like(names[following], body, following)
        ):
            return j, following
        return None, j
    return None, None


def _is_label_like(name: str, body: tuple[Row, ...], j: int) -> bool:
    lex = lexicon()
    if name.replace(" ", "") in lex.label_headers | lex.period_headers:
        return True
    values = _filled(body, j)
    if not values:
        return False
    wordy = sum(1 for v in values if is_year_like(v) or read_value(v)[0] is None)
    return wordy >= 0.5 * len(values)


def _is_merged(body: tuple[Row, ...], j: int) -> bool:
    values = _filled(body, j)
    return (
        len(body) >= 2
        and len(values) <= _MERGED_MAX_FILLED * len(body)
        and all(read_value(v)[0] is None for v in values)
    )


def _is_period_column(name: str, body: tuple[Row, ...], j: int) -> bool:
    if name.replace(" ", "") in lexicon().period_headers:
        return True
    values = _filled(body, j)
    return bool(values) and all(period_of(v) for v in values)


def _default_names(
    names: tuple[str, ...],
    body: tuple[Row, ...],
    serial: int | None,
    group: int | None,
    label: int | None,
    unit: int | None,
) -> tuple[str, ...]:
    """Names for columns printed without one (a table with no header, a merged column)."""
    defaults = lexicon().default_names
    unnamed_data = [
        j for j, n in enumerate(names) if not n and j not in {serial, group, label, unit}
    ]
    out = []
    for j, name in enumerate(names):
        if name:
            out.append(name)
        elif j == group:
            out.append(next(iter(_filled(body, j)), ""))
        elif j == label:
            out.append(defaults["label"])
        elif j == serial:
            out.append("序号")
        elif j == unit:
            out.append("单位")
        elif len(unnamed_data) == 1:
            out.append(defaults["value"])
        else:
            out.append(f"{defaults['value']}{unnamed_data.index(j) + 1}")
    return tuple(out)
