"""Periods and labels: dates that cannot be right and table titles whose year the data
contradict."""

from __future__ import annotations

import calendar
import unicodedata
from collections.abc import Iterator
from decimal import Decimal

import regex

from pipeline.checks.common import finding
from pipeline.data import Evidence, Finding, Table
from pipeline.link import period_year
from pipeline.reconcile import CheckContext, register_check

_DATE = regex.compile(
    r"(?<![0-9０-９])(?P<y>(?:19|20)[0-9]{2})\s*年\s*(?P<m>[0-9]{1,2})\s*月(?:\s*(?P<d>[0-9]{1,2})\s*日)?"
)
_YEAR_MENTION = regex.compile(r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})\s*年")
_SENTENCE_END = regex.compile(r"[。！？!?\n]")
_TITLE_YEARS = regex.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")
_TYPO_GAP = 5  # a date this many years before the report, beside the report year, is suspect


@register_check("dates_in_text")
def check_dates(ctx: CheckContext) -> Iterator[Finding]:
    """Dates that do not exist (2月30日) or whose year differs by one digit from the year of
    the event the same sentence names (2004年6月15日 … 2024年龙舟联赛)."""
    if not ctx.text:
        return
    text = unicodedata.normalize(
        "NFKC", ctx.text
    )  # same length: NFKC keeps CJK and digits 1:1 here
    if len(text) != len(ctx.text):
        text = ctx.text
    report = int(ctx.report_year) if ctx.report_year and ctx.report_year.isdigit() else None
    for m in _DATE.finditer(text):
        year, month = int(m.group("y")), int(m.group("m"))
        day = int(m.group("d")) if m.group("d") else None
        evidence = [Evidence(kind="text", start=m.start(), end=m.end())]
        if not 1 <= month <= 12 or (
            day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]
        ):
            message = f"正文日期“{m.group(0)}”不存在"
            yield finding("label_or_period", "error", message, Decimal(year), None, evidence)
            continue
        if report is None or year > report - _TYPO_GAP:
            continue
        other = _sibling_year(text, m.start(), m.end(), report)
        if other is not None and _one_digit_apart(year, other):
            message = (
                f"正文日期“{m.group(0)}”与同句所述的{other}年事件不符，"
                f"年份疑为{other}年（{year}与{other}只差一位数字）"
            )
            yield finding(
                "label_or_period", "error", message, Decimal(year), Decimal(other), evidence
            )


@register_check("table_title_year")
def check_title_years(ctx: CheckContext) -> Iterator[Finding]:
    """A table whose title names one year while its columns or rows cover other years only."""
    for table in ctx.tables:
        years = set(_TITLE_YEARS.findall(unicodedata.normalize("NFKC", table.title)))
        if len(years) != 1:
            continue
        (title_year,) = years
        covered = {c.period for c in ctx.links.table_cells(table.id) if c.period}
        if not covered or title_year in covered or not _periods_from_headers(table):
            continue
        shown = "、".join(f"{p}年" for p in sorted(covered))
        message = f"{table.anchor}{table.title}标题为{title_year}年，而表中数据的年份为{shown}"
        evidence = [Evidence(kind="table", table=table.id, start=table.start, end=table.end)]
        yield finding(
            "label_or_period",
            "warning",
            message,
            Decimal(title_year),
            Decimal(max(covered)),
            evidence,
        )


def _sibling_year(text: str, start: int, end: int, report: int) -> int | None:
    """Another year (the report year or the one before) named in the same sentence."""
    left = start
    while left > 0 and not _SENTENCE_END.match(text, left - 1):
        left -= 1
    right = _SENTENCE_END.search(text, end)
    stop = right.start() if right else len(text)
    for m in _YEAR_MENTION.finditer(text, left, stop):
        if m.start() == start:
            continue
        y = int(m.group("y"))
        if report - 1 <= y <= report:
            return y
    return None


def _one_digit_apart(a: int, b: int) -> bool:
    return sum(x != y for x, y in zip(str(a), str(b), strict=True)) == 1


def _periods_from_headers(table: Table) -> bool:
    """Only tables whose years come from their own headers say which years they cover."""
    return any(period_year(c.period or c.col) for r in table.rows for c in r.cells) or any(
        period_year(r.period or r.label) for r in table.rows
    )
