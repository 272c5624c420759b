"""What every check family shares: tolerance from printed precision, evidence, wording."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Literal

import regex

from nianbao.data import Evidence, Finding, Severity
from nianbao.link.links import Observation
from nianbao.ontology import default_ontology
from nianbao.reconcile.registry import CheckContext

Agreement = Literal["agree", "truncated", "coarser", "differs"]

# Units whose values are exact counts: two printed integers either are equal or are not.
# The ontology holds the list (``exact_count_families``), so data and code cannot drift apart.
COUNT_FAMILIES = default_ontology().exact_count_families

Series = dict[str, Observation]  # period → cell


def round_to(value: Decimal, quantum: Decimal) -> Decimal:
    """Round half up (四舍五入) to a multiple of ``quantum`` (0.01, 1, 10000…)."""
    if quantum <= 0:
        return value
    return (value / quantum).quantize(Decimal(1), rounding=ROUND_HALF_UP) * quantum


def truncate_to(value: Decimal, quantum: Decimal) -> Decimal:
    if quantum <= 0:
        return value
    return (value / quantum).quantize(Decimal(1), rounding=ROUND_DOWN) * quantum


def agreement(printed: Decimal, quantum: Decimal, computed: Decimal) -> Agreement:
    """Does an exact ``computed`` value agree with a figure printed to ``quantum``?

    ``agree`` when it rounds to the printed figure; ``truncated`` when only cutting off the
    digits gives it (28.57 → 28.5); ``coarser`` when the printed figure ends in 0 and
    agrees one digit less precisely (36.0856 printed 36.10); else ``differs``.
    """
    if round_to(computed, quantum) == printed:
        return "agree"
    if truncate_to(computed, quantum) == printed:
        return "truncated"
    if (
        quantum < 1
        and printed == round_to(printed, quantum * 10)
        and round_to(computed, quantum * 10) == printed
    ):
        return "coarser"
    return "differs"


def compare_printed(a: Observation, b: Observation) -> Agreement:
    """Two printed figures of one quantity, compared at the coarser of their precisions."""
    if a.quantum == b.quantum:
        return "agree" if a.value == b.value else "differs"
    fine, coarse = (a, b) if a.quantum < b.quantum else (b, a)
    return agreement(coarse.value, coarse.quantum, fine.value)


def fits_qualifier(obs: Observation, actual: Decimal) -> bool:
    """Whether an approximate claim (近70家, 20余所, 超过3000) is compatible with ``actual``."""
    v = obs.value
    if obs.qualifier == "approx":
        return abs(actual - v) <= max(abs(v) * Decimal("0.1"), obs.quantum)
    if obs.qualifier in ("more_than", "at_least"):
        return actual >= v
    if obs.qualifier in ("less_than", "at_most"):
        return actual <= v
    return round_to(actual, obs.quantum) == v


def severity_of(result: Agreement, *, definite: bool = True) -> Severity:
    """``error`` only for a plain difference on a definite comparison."""
    return "error" if result == "differs" and definite else "warning"


def evidence_of(obs: Observation) -> Evidence:
    """Evidence pointing at a claim (by id) or a cell (table, row, column)."""
    if obs.source == "claim":
        return Evidence(kind="claim", id=obs.claim_id, start=obs.start, end=obs.end)
    return Evidence(
        kind="cell", table=obs.table, row=obs.row, col=obs.col, start=obs.start, end=obs.end
    )


def table_name(ctx: CheckContext, table_id: str | None) -> str:
    """``表6落实政策表``: the printed number and title, as a reader finds the table."""
    table = ctx.table(table_id) if table_id else None
    if table is None:
        return table_id or "表"
    anchor = table.anchor.replace(" ", "").replace("\u3000", "")
    title = table.title.strip()
    if anchor and title.startswith(anchor):
        return title
    return f"{anchor}{title}" if anchor else (title or table.id)


def where(ctx: CheckContext, obs: Observation) -> str:
    """Where a figure is printed: ``表6落实政策表“专任教师总数”2024年`` or ``正文``."""
    if obs.source == "claim":
        return "正文"
    col = obs.col or ""
    row = obs.row or obs.label
    name = table_name(ctx, obs.table)
    if col and obs.label == col and row:  # years run down the rows: the column is the indicator
        return f"{name}{row}{'年' if row.strip().isdigit() else ''}“{col}”"
    if row and col and not col.startswith(row):
        return f"{name}“{row}”{col}"
    return f"{name}“{row or col}”"


def period_text(period: str | None) -> str:
    return f"{period}年" if period else ""


def fmt(value: Decimal | None, places: int | None = None) -> str:
    """A plain decimal string without exponent or needless trailing zeros."""
    if value is None:
        return ""
    if places is not None:
        value = round_to(value, Decimal(1).scaleb(-places))
    text = format(value.normalize(), "f")
    return text


def shown(value: Decimal, quantum: Decimal) -> Decimal:
    """A computed value rounded for a message: two digits finer than the figure it checks."""
    exponent = quantum.normalize().as_tuple().exponent
    places = max(2, -exponent + 1) if quantum < 1 and isinstance(exponent, int) else 2
    return round_to(value, Decimal(1).scaleb(-places))


def finding(
    kind: str,
    severity: Severity,
    message: str,
    claimed: Decimal | None,
    expected: Decimal | None,
    evidence: list[Evidence] | tuple[Evidence, ...],
) -> Finding:
    """A finding without id or check name: ``reconcile`` fills both."""
    return Finding(
        id="",
        type=kind,
        severity=severity,
        message=message,
        claimed=claimed,
        expected=expected,
        evidence=tuple(evidence),
        check="",
    )


def is_exact_claim(obs: Observation) -> bool:
    return (
        obs.source == "claim"
        and obs.qualifier == "exact"
        and obs.report_scope
        and obs.period is not None
    )


def stated_figures(
    ctx: CheckContext, canonical: str, period: str | None = None
) -> tuple[Observation, ...]:
    """The text's exact figures of one indicator (value claims), in document order; only
    ``period``'s when it is given. Memoised per document: checks ask once per target."""
    key = ("stated_figures", canonical, period)
    if key not in ctx.memo:
        ctx.memo[key] = tuple(
            o
            for o in ctx.links.claims_of(canonical)
            if o.role == "value" and is_exact_claim(o) and (period is None or o.period == period)
        )
    return ctx.memo[key]  # type: ignore[return-value]


def period_series(cells: tuple[Observation, ...]) -> dict[str, Series]:
    """Cells of one table by label (a row or a column), each a figure per year."""
    out: dict[str, Series] = {}
    for c in cells:
        if c.period is None:
            continue
        out.setdefault(c.label, {}).setdefault(c.period, c)  # printed twice: keep the first
    return {k: v for k, v in out.items() if len(v) >= 2}


_NUMERAL = regex.compile(r"[0-9]+(?:\.[0-9]+)?")


def printed_numeral(obs: Observation) -> str | None:
    """The number of ``obs`` as printed, without its unit or thousands commas (``3,260人`` →
    ``3260``)."""
    m = _NUMERAL.search(obs.printed.replace(",", ""))
    return m.group(0) if m else None
