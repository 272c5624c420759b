"""Builders for the invented documents the reconcile tests check (imported as
``reconcile_helpers``: pytest puts tests/reconcile on sys.path, there being no __init__.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import regex
from nianbao.data import Cell, Claim, Finding, Row, Table
from nianbao.link.links import is_period_label, link
from nianbao.ontology import default_ontology
from nianbao.reconcile.run_checks import reconcile

ONTO = default_ontology()


def cell(col: str, text: str, unit: str | None = "人", period: str | None = None) -> Cell:
    value = Decimal(text.split(":")[0]) if text[0].isdigit() else None
    if period is None and is_period_label(col):
        period = regex.sub(r"\D", "", col)[:4]
    return Cell(col=col, text=text, value=value, unit=unit, start=0, end=0, period=period)


def row(
    label: str,
    *values: str,
    unit: str | None = "人",
    cols: tuple[str, ...] = ("2023年", "2024年"),
    **kw: Any,
) -> Row:
    cells = tuple(cell(c, v, unit) for c, v in zip(cols, values, strict=False) if v)
    return Row(label=label, unit=unit, cells=cells, start=0, end=0, **kw)


def table(
    tid: str,
    title: str,
    *rows: Row,
    appendix: bool = False,
    anchor: str = "",
    cols: tuple[str, ...] = (),
) -> Table:
    columns = cols or ("指标", "单位", "2023年", "2024年")
    return Table(tid, anchor, title, appendix, 0, 10, columns, rows, "tab_rows")


def claim(
    cid: str,
    text: str,
    number: str,
    value: str,
    unit: str,
    indicator: str | None,
    *,
    start: int = 0,
    period: str | None = "2024",
    qualifier: str = "exact",
    kind: str = "count",
    subject: str | None = None,
) -> Claim:
    n = text.index(number)
    i = text.find(indicator) if indicator else -1
    return Claim(
        id=cid,
        start=start,
        end=start + len(text),
        text=text,
        number_text=number,
        number_start=start + n,
        number_end=start + n + len(number),
        value=Decimal(value),
        unit=unit,
        qualifier=qualifier,  # type: ignore[arg-type]
        kind=kind,  # type: ignore[arg-type]
        indicator=indicator,
        indicator_start=start + i if i >= 0 else None,
        indicator_end=start + i + len(indicator) if i >= 0 and indicator else None,
        period=period,
    )


def run(
    claims: tuple[Claim, ...], tables: tuple[Table, ...], text: str | None = None
) -> tuple[Finding, ...]:
    links = link(claims, tables, ONTO, "2024", "某市教育局", text=text)
    return reconcile(links.claims, tables, links, "2024", text=text)


def kinds(findings: tuple[Finding, ...]) -> list[tuple[str, str, Decimal | None, Decimal | None]]:
    return [(f.type, f.severity, f.claimed, f.expected) for f in findings]


POLICY = table(
    "T1",
    "落实政策表",
    row("全日制在校生人数", "20000", "21000"),
    row("教职工总数", "1500", "1600"),
    row("其中：专任教师总数", "1000", "1050"),
    row("体育课专任教师数", "60", "62"),
    appendix=True,
    anchor="表6",
)


def located(
    doc: str,
    cid: str,
    fragment: str,
    number: str,
    value: str,
    unit: str,
    indicator: str | None,
    **kw: Any,
) -> Claim:
    """A claim found in ``doc`` where the claim stage would find it."""
    return claim(cid, fragment, number, value, unit, indicator, start=doc.index(fragment), **kw)
