"""What the link stage reads a document into: observations (a table cell or a claim,
read the same way) and the layout of table rows; periods and printed precision."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

import regex

from nianbao.text.numbers import ARABIC_NUMBER, decimals_of, normalise_digits, parse_arabic
from nianbao.text.periods import LAST_YEAR, YEAR

_YEAR_LABEL = regex.compile(
    r"^(?:(?:19|20)[0-9]{2}\s*(?:[-—–~～/至]\s*(?:19|20)[0-9]{2})?\s*(?:学年度|学年|年度|年)?)$"
)
_SPAN_WORDS = regex.compile(
    r"近\p{Han}{0,2}年|累计|以来|历年|[0-9]{4}\s*[-—–~～至]\s*[0-9]{4}\s*年(?!度)"
)
_THIS_YEAR = regex.compile(r"本学年|本年度|今年|当年|本年|本届")
_FIRST_NUMBER = regex.compile(ARABIC_NUMBER)

Source = Literal["cell", "claim"]


@dataclass(frozen=True, slots=True)
class Observation:
    """One number the document states: a table cell or a narrative claim, read the same way."""

    source: Source
    label: str  # the indicator as printed: row or column label, or the claim's indicator
    key: str  # indicator_key(label)
    canonical: str | None
    near: bool  # matched through a near synonym or a near unit (人 vs 人次)
    period: str | None  # a year such as "2024"; None when unknown
    value: Decimal  # in the unit family's base unit (万元 → 元)
    quantum: Decimal  # printed precision in base units: 0.01 for "36.10", 10000 for "3万"
    printed: str  # the number with its unit as printed
    unit: str | None
    family: str | None
    qualifier: str = "exact"
    role: str = "value"  # value | change | share | ratio
    claim_id: str | None = None
    table: str | None = None
    row: str | None = None
    col: str | None = None
    row_index: int = -1
    col_index: int = -1
    start: int = 0
    end: int = 0
    report_scope: bool = True  # about the reporting entity, not one named school
    direction: int = 0  # for changes: +1 增加, -1 减少, 0 unknown
    numerator: str | None = None  # for shares: canonical of the part (X占Y)
    denominator: str | None = None  # for shares: canonical of the whole
    ratio_terms: tuple[Decimal, ...] = ()  # every term of a printed a:b ratio
    by_label: bool = False  # a cell linked to a claim by label similarity, not by key
    link_score: float = 1.0  # for such a cell, how much of its label the claim names


@dataclass(frozen=True, slots=True)
class RowInfo:
    """A table row with what the checks need to know about its place in the table."""

    index: int
    label: str
    key: str
    core: str
    unit: str | None
    family: str | None
    kind: str
    explicit_part: bool  # printed with 其中
    parent_index: int | None  # the row an explicit part (or its continuation) belongs to
    level: str | None  # 国家级/省级/校级 when a level row
    level_parent_index: int | None  # the total the level row adds up to
    number: str = ""
    continuation_of: int | None = None  # a unit-only continuation row continues this row


@dataclass(frozen=True, slots=True)
class TableInfo:
    """How a table is laid out: periods in rows or columns, and its rows."""

    table: str
    periods_in_rows: bool
    report_scope: bool
    rows: tuple[RowInfo, ...]


# --- periods ------------------------------------------------------------------------


def period_year(text: str | None, report_year: str | None = None) -> str | None:
    """The year a period names: ``2023-2024学年`` → 2024, ``上一年`` → report year − 1."""
    if not text:
        return None
    t = unicodedata.normalize("NFKC", text)
    years = YEAR.findall(t)
    if len(years) >= 2 and int(years[-1]) - int(years[-2]) == 1:
        return years[-1]
    if len(years) == 1:
        return years[0]
    if years:
        return None  # a span such as 2024-2026年
    if report_year and _THIS_YEAR.search(t):
        return report_year
    if report_year and report_year.isdigit() and LAST_YEAR.search(t):
        return str(int(report_year) - 1)
    return None


def claim_year(period: str | None, report_year: str | None) -> str | None:
    """A claim's year: its stated period, the report year when none is stated, None for spans."""
    if not period:
        return report_year
    if _SPAN_WORDS.search(unicodedata.normalize("NFKC", period)):
        return None
    return period_year(period, report_year)


def is_period_label(label: str) -> bool:
    """A row or column label that is a year or school year (``2023年``, ``2022—2023学年``)."""
    return bool(_YEAR_LABEL.match(regex.sub(r"\s+", "", unicodedata.normalize("NFKC", label))))


def ratio_terms(text: str) -> tuple[Decimal, ...]:
    """Both numbers of a printed ratio ``33.4:66.6`` (empty when the text is no ratio)."""
    t = normalise_digits(unicodedata.normalize("NFKC", text))
    if ":" not in t:
        return ()
    terms = [parse_arabic(p) for p in t.split(":")]
    return tuple(x for x in terms if x is not None) if len(terms) == 2 and None not in terms else ()


def decimals_of_value(text: str, value: Decimal, terms: tuple[Decimal, ...]) -> int:
    if terms:
        t = normalise_digits(unicodedata.normalize("NFKC", text))
        for part in t.split(":"):
            if parse_arabic(part) == value:
                return decimals_of(part)
    m = _FIRST_NUMBER.search(unicodedata.normalize("NFKC", text))
    return decimals_of(m.group(0)) if m else 0
