"""Periods and labels: dates that cannot be right and table titles whose year the data
contradict."""

from __future__ import annotations

import calendar
import unicodedata
from collections.abc import Iterator
from decimal import Decimal

import regex

from nianbao.data import Evidence, Finding, Severity, Table
from nianbao.link.links import Observation, period_year
from nianbao.reconcile.checks.common import compare_printed, evidence_of, finding, table_name, where
from nianbao.reconcile.registry import CheckContext, register_check
from nianbao.text.periods import YEAR
from nianbao.text.spans import SENTENCE_ENDS, start_of

_DATE = regex.compile(
    r"(?<![0-9０-９])(?P<y>(?:19|20)[0-9]{2})\s*年\s*(?P<m>[0-9]{1,2})\s*月(?:\s*(?P<d>[0-9]{1,2})\s*日)?"
)
_YEAR_MENTION = regex.compile(r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})\s*年")
_SENTENCE_END = regex.compile(f"[{SENTENCE_ENDS}]")
_EVENT = regex.compile(
    r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})\s*年(?!\s*[0-9]{1,2}\s*月)(?:度)?"
    r"(?P<event>[^，。；、0-9]{0,16}?(?:活动周|技能大赛|大赛|技能节|运动会|艺术节|文化节|开学典礼|"
    r"毕业典礼|招聘会|论坛|年会))"
)
_SPAN_AFTER = regex.compile(r"\s*(?:至|到|—|–|-|~|～)")
_SPAN_BEFORE = regex.compile(r"(?:至|到|—|–|-|~|～)\s*$")
_LATE_MONTH = 10
_DISTINCT_VALUE = 10  # whole numbers below this match a claim by chance too often
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
        event = _event_year(text, m.start(), m.end())
        if event is not None and event[0] != year:
            yield _event_finding(m, year, month, event)
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
        years = set(YEAR.findall(unicodedata.normalize("NFKC", table.title)))
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


@register_check("title_year_against_text")
def check_title_year_against_text(ctx: CheckContext) -> Iterator[Finding]:
    """A table titled with one year whose figures the text states for the report year.

    ``表1-1 2023年…在校生分布情况`` with a 合计 of 2899 while the text says the school has
    2899 students now (2024): the data are the report year's and the title's year is wrong.
    """
    report = ctx.report_year
    if not report or not ctx.text:
        return
    for table in ctx.tables:
        years = set(YEAR.findall(unicodedata.normalize("NFKC", table.title)))
        if len(years) != 1 or report in years or _periods_from_headers(table):
            continue
        (title_year,) = years
        matches = list(_stated_for_year(ctx, table, report, title_year))
        if not matches:
            yield from _totals_of_another_year(ctx, table, report, title_year)
            continue
        cell, claim = matches[0]
        explicit = any(_names_year(ctx.text, c.start, report) for _, c in matches)
        message = (
            f"{table_name(ctx, table.id)}标题年份为{title_year}年，但{where(ctx, cell)}"
            f"{cell.printed}与正文所述{report}年的{claim.label}{claim.printed}相同，"
            f"表中数据应为{report}年"
        )
        yield _title_year_finding(
            table, title_year, report, message, (claim, cell), "error" if explicit else "warning"
        )


def _title_year_finding(
    table: Table,
    title_year: str,
    report: str,
    message: str,
    sides: tuple[Observation, Observation],
    severity: Severity,
) -> Finding:
    """A wrong title year: the table, then the two figures that show the data's year."""
    evidence = [
        Evidence(kind="table", table=table.id, start=table.start, end=table.end),
        *(evidence_of(side) for side in sides),
    ]
    return finding(
        "label_or_period", severity, message, Decimal(title_year), Decimal(report), evidence
    )


def _totals_of_another_year(
    ctx: CheckContext, table: Table, report: str, title_year: str
) -> Iterator[Finding]:
    """The table's 合计 equals another table's figure of the same indicator for the report
    year, and not its figure for the title's year: 表2-2 2023年…专业大类开设情况 totals 14
    专业 where 附件表3 gives 专业数量 14 for 2024 and 13 for 2023."""
    onto = ctx.links.ontology
    totals = [
        c
        for c in ctx.links.table_cells(table.id)
        if c.row_index >= 0 and table.rows[c.row_index].kind == "total" and c.col
    ]
    for total in totals:
        match = onto.lookup(total.col, total.unit)
        if match is None:
            continue
        others = [c for c in ctx.links.cells_of(match.indicator.id) if c.table != table.id]
        now = [c for c in others if c.period == report and compare_printed(c, total) == "agree"]
        then = [c for c in others if c.period == title_year]
        if now and then and all(compare_printed(c, total) != "agree" for c in then):
            message = (
                f"{table_name(ctx, table.id)}标题年份为{title_year}年，但其“{total.row}”"
                f"“{total.col}”{total.printed}与{where(ctx, now[0])}{report}年数值相同，"
                f"而该表{title_year}年为{then[0].printed}，表中数据应为{report}年"
            )
            yield _title_year_finding(table, title_year, report, message, (total, now[0]), "error")
            return


def _stated_for_year(
    ctx: CheckContext, table: Table, year: str, title_year: str
) -> Iterator[tuple[Observation, Observation]]:
    """(cell, claim) pairs: a figure of the table the text states, about the same thing,
    for ``year`` and never for the title's year."""
    claims = [
        o
        for o in ctx.links.claim_observations
        if o.role == "value" and o.qualifier == "exact" and o.report_scope
    ]
    for cell in ctx.links.table_cells(table.id):
        if cell.value < _DISTINCT_VALUE and cell.quantum >= 1:
            continue  # small whole numbers match by chance
        same = [o for o in claims if compare_printed(o, cell) == "agree"]
        about = [o for o in same if _speaks_of(o, cell, table)]
        if any(o.period == title_year for o in about):
            continue
        for o in about:
            if o.period == year:
                yield cell, o


def _speaks_of(claim: Observation, cell: Observation, table: Table) -> bool:
    """The claim's indicator and the cell's labels (with the title) name the same thing."""
    if claim.canonical and claim.canonical == cell.canonical:
        return True
    labels = unicodedata.normalize("NFKC", f"{table.title}{cell.row or ''}{cell.col or ''}")
    key = claim.key
    if len(key) >= 2 and key in labels:
        return True
    pairs = {key[i : i + 2] for i in range(len(key) - 1)}
    return sum(1 for p in pairs if p in labels) >= 2


def _names_year(text: str, at: int, year: str) -> bool:
    """Whether the sentence before ``at`` names ``year`` itself (2024年, 2023-2024学年)."""
    left = start_of(text, at)
    return year in unicodedata.normalize("NFKC", text[left:at])


def _event_year(text: str, start: int, end: int) -> tuple[int, str] | None:
    """The year of the one event the date's sentence names (``2021年职业教育活动周``), if the
    date is no end of a span (``2023年9月1日至…``) and no other date shares the sentence."""
    if _SPAN_AFTER.match(text, end) or _SPAN_BEFORE.search(text[max(0, start - 3) : start]):
        return None
    left = start_of(text, start)
    right = _SENTENCE_END.search(text, end)
    stop = right.start() if right else len(text)
    if sum(1 for _ in _DATE.finditer(text, left, stop)) > 1:
        return None
    events = {
        (int(e.group("y")), e.group("event"))
        for e in _EVENT.finditer(text, left, stop)
        if not (start <= e.start() < end)
    }
    return events.pop() if len({y for y, _ in events}) == 1 else None


def _event_finding(m: regex.Match[str], year: int, month: int, event: tuple[int, str]) -> Finding:
    """A date a year or more away from the year of the event it dates."""
    event_year, name = event
    # a date late in the year before may be a preparation or an opening: possible only
    early = event_year - year == 1 and month >= _LATE_MONTH
    message = (
        f"正文日期“{m.group(0)}”与同句所述的{event_year}年{name}年份不符，"
        f"日期年份疑为{event_year}年"
    )
    evidence = [Evidence(kind="text", start=m.start(), end=m.end())]
    severity: Severity = "warning" if early else "error"
    return finding(
        "label_or_period", severity, message, Decimal(year), Decimal(event_year), evidence
    )


def _sibling_year(text: str, start: int, end: int, report: int) -> int | None:
    """Another year (the report year or the one before) named in the same sentence."""
    left = start_of(text, start)
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
