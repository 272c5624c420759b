"""The whole a column of shares was computed over, discovered from the shares themselves.

A table that prints only shares of a count (各专业大类占比: 16.7%, 18.5%, 11.1% …) still
tells its base: shares of 54 things are multiples of 1/54, and the smallest whole every
printed share fits (within its printed precision) is the base it was computed on. When
the report states the whole elsewhere (专业数量 148 in 教学资源表, for the table's year) and
shares of that whole cannot give the printed figures (16.7% of 148 is 24.7 majors), the
shares rest on another base.

The test has power only where one unit of the whole moves a share by more than its printed
precision (148 majors at 0.1%: yes; 3386 students at 0.1%: no, any share fits), so larger
wholes are never judged. The whole is what the title says the shares are of (the noun
before 占比/比例/分布/构成, or what it says is 开设/设置, less 大类/类别/类型), looked up
in the ontology. A ``warning``: the table may count a subset (专业方向, one campus) on
purpose.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from nianbao.data import Finding
from nianbao.link.links import Observation, period_year
from nianbao.reconcile.checks.common import evidence_of, finding, fmt, stated_figures, where
from nianbao.reconcile.registry import CheckContext, register_check

_HUNDRED = Decimal(100)
_MIN_SHARES = 4
_MAX_BASE = 1000  # a base is searched up to here: beyond, shares at 0.1 % fit almost any whole
# 各专业大类占比情况, 在校生专业分布, 各专业大类开设情况: what the shares are of is named
# right before these words
_SHARE_TITLE = regex.compile(
    r"(?P<of>\p{Han}{2,24}?)(?:大类|类别|类型|门类)?(?:占比|比例|比重|分布|构成|结构|开设|设置)"
)
_COUNT_FAMILIES = ("items", "persons")


@register_check("share_base")
def check_share_bases(ctx: CheckContext) -> Iterator[Finding]:
    """A column of shares of a count that the count the report states cannot produce."""
    for info in ctx.links.tables:
        table = ctx.table(info.table)
        if table is None or info.periods_in_rows:
            continue
        cells = ctx.links.table_cells(info.table)
        if any(c.family in _COUNT_FAMILIES for c in cells):
            continue  # parts are printed: rate_columns checks part ÷ whole itself
        by_col: dict[str | None, list[Observation]] = {}
        for c in cells:
            row = info.rows[c.row_index] if 0 <= c.row_index < len(info.rows) else None
            if c.family == "percent" and row is not None and row.kind not in ("total", "part"):
                by_col.setdefault(c.col, []).append(c)
        for shares in by_col.values():
            if len(shares) < _MIN_SHARES or not _one_whole(shares):
                continue
            year = period_year(table.title, ctx.report_year) or ctx.report_year
            whole = _stated_whole(ctx, table.title, year)
            if whole is None or not _decisive(whole, shares) or _fits(shares, whole.value):
                continue
            # a title dated a year off (2022年 in a 2023 report) whose shares fit the report
            # year's whole: the title's year is what is wrong, and the period check says so
            this_year = _stated_whole(ctx, table.title, ctx.report_year)
            if year != ctx.report_year and this_year and _fits(shares, this_year.value):
                continue
            yield _finding(ctx, table.title, shares, whole)


def _one_whole(shares: list[Observation]) -> bool:
    """Shares of one whole add up to 100 within their rounding."""
    total = sum((s.value for s in shares), Decimal(0))
    slack = sum((s.quantum for s in shares), Decimal(0)) / 2
    return abs(total - _HUNDRED) <= slack


def _stated_whole(ctx: CheckContext, title: str, year: str | None) -> Observation | None:
    """The count the title says the shares are of, for the table's year, as the report
    states it (a table cell first, else the text's exact figure)."""
    m = _SHARE_TITLE.search(title)
    if m is None:
        return None
    onto = ctx.links.ontology
    words = m["of"]
    for k in range(len(words) - 1):  # the longest name the ontology knows, ending the phrase
        match = onto.lookup(words[k:].removeprefix("各"), None)
        if match is None:
            continue
        cells = [
            c
            for c in ctx.links.cells_of(match.indicator.id)
            if c.period == year and c.family in _COUNT_FAMILIES
        ]
        stated = cells or [
            o for o in stated_figures(ctx, match.indicator.id, year) if o.family in _COUNT_FAMILIES
        ]
        if stated and len({s.value for s in stated}) == 1:
            return stated[0]
        return None
    return None


def _decisive(whole: Observation, shares: list[Observation]) -> bool:
    """Whether one unit of the whole moves a share by more than its printed precision."""
    return whole.value > 0 and _HUNDRED / whole.value > 2 * max(s.quantum for s in shares)


def _fits(shares: list[Observation], base: Decimal) -> bool:
    """Whether every share is some whole number of ``base`` things, as printed."""
    for s in shares:
        count = (s.value * base / _HUNDRED).to_integral_value()
        if abs(count * _HUNDRED / base - s.value) > s.quantum / 2:
            return False
    return True


def _implied_base(shares: list[Observation]) -> int | None:
    return next((n for n in range(2, _MAX_BASE) if _fits(shares, Decimal(n))), None)


def _finding(
    ctx: CheckContext, title: str, shares: list[Observation], whole: Observation
) -> Finding:
    base = _implied_base(shares)
    # one share the stated whole cannot give, as the example the message shows
    misfit = next(s for s in shares if not _fits([s], whole.value))
    count = misfit.value * whole.value / _HUNDRED
    message = (
        f"{title}的“{misfit.col}”各项不能由{where(ctx, whole)}的{fmt(whole.value)}算出"
        f"（如“{misfit.row}”{misfit.printed}对应{fmt(count.quantize(Decimal('0.1')))}{whole.unit or ''}）"
    )
    if base is not None:
        message += f"；各占比均为1/{base}的整数倍，疑以{base}为基数计算"
    return finding(
        "table_internal_ratio",
        "warning",
        message,
        Decimal(base) if base is not None else None,
        whole.value,
        [evidence_of(shares[0]), evidence_of(whole), *(evidence_of(s) for s in shares[1:])],
    )
