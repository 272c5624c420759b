"""Narrative arithmetic: stated changes, shares and rates against the numbers they are
computed from."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from decimal import Decimal
from itertools import combinations

import regex

from nianbao.data import Finding
from nianbao.link.links import Observation
from nianbao.reconcile.checks.common import (
    Agreement,
    agreement,
    evidence_of,
    finding,
    fmt,
    is_exact_claim,
    period_text,
    round_to,
    severity_of,
    shown,
    stated_figures,
    where,
)
from nianbao.reconcile.registry import CheckContext, register_check
from nianbao.text.spans import start_of

_HUNDRED = Decimal(100)
_CLAUSE_ENDS = "。；;！？!?\n"
_CLAUSE_END = regex.compile(f"[{_CLAUSE_ENDS}]")
_RATE_LABEL = regex.compile(r"率$")
_MIN_LABEL = 4  # characters an unknown indicator needs to be matched to a row by its words


@register_check("stated_change")
def check_stated_changes(ctx: CheckContext) -> Iterator[Finding]:
    """``较上年增加1162人`` against this year's and last year's figures in a table."""
    for obs in ctx.links.claim_observations:
        if obs.role != "change" or not is_exact_claim(obs):
            continue
        if not obs.canonical and len(obs.key) < _MIN_LABEL:
            continue
        assert obs.period is not None
        previous = str(int(obs.period) - 1) if obs.period.isdigit() else None
        pairs = _year_pairs(ctx, obs, previous)
        if not pairs:
            continue
        judged = [(cur, prev, _judge_change(obs, cur, prev)) for cur, prev in pairs]
        if any(r[2][0] == "agree" for r in judged):
            continue
        cur, prev, (result, computed) = judged[0]
        sign = {1: "增加", -1: "减少"}.get(obs.direction, "变化")
        message = (
            f"正文称{obs.label}较上年{sign}{obs.printed}，{where(ctx, cur)}为{cur.printed}、"
            f"{period_text(prev.period)}为{prev.printed}，实际{_change_words(cur.value - prev.value)}{fmt(computed)}"
        )
        evidence = [evidence_of(obs), evidence_of(cur), evidence_of(prev)]
        yield finding(
            "narrative_arithmetic", severity_of(result), message, obs.value, computed, evidence
        )


@register_check("stated_share")
def check_stated_shares(ctx: CheckContext) -> Iterator[Finding]:
    """``占专任教师总数的36.10%`` against the part and the whole it names."""
    onto = ctx.links.ontology
    for obs in ctx.links.claim_observations:
        if (
            obs.role != "share"
            or not obs.denominator
            or not is_exact_claim(obs)
            or obs.family != "percent"
        ):
            continue
        if obs.canonical and onto.formula_for(obs.canonical):
            continue  # the formula check covers it
        whole = _figure(ctx, obs.denominator, obs.period)
        part = (
            _figure(ctx, obs.numerator, obs.period) if obs.numerator else _previous_count(ctx, obs)
        )
        if whole is None or part is None or not whole.value:
            continue
        computed = part.value / whole.value * _HUNDRED
        result = agreement(obs.value, obs.quantum, computed)
        if result == "agree":
            continue
        expected = shown(computed, obs.quantum)
        message = (
            f"正文称{obs.label}{obs.printed}，按{_named(ctx, part)}{part.printed}÷"
            f"{_named(ctx, whole)}{whole.printed}计算应为{fmt(expected)}%"
        )
        kind = (
            "narrative_vs_table"
            if "cell" in (part.source, whole.source)
            else "narrative_arithmetic"
        )
        yield finding(
            kind,
            severity_of(result),
            message,
            obs.value,
            expected,
            [evidence_of(obs), evidence_of(part), evidence_of(whole)],
        )


@register_check("rate_in_clause")
def check_rates_in_clause(ctx: CheckContext) -> Iterator[Finding]:
    """A rate printed right after the counts it comes from (``8所…14所…达标率91.6%``).

    Only a reading that matches after truncation but not after rounding is reported: when
    no reading matches at all the rate may rest on numbers the clause does not give.
    """
    if not ctx.text:
        return
    onto = ctx.links.ontology
    for obs in ctx.links.claim_observations:
        if obs.family != "percent" or not is_exact_claim(obs) or obs.role not in ("value", "share"):
            continue
        if not _RATE_LABEL.search(obs.label) or (obs.canonical and onto.formula_for(obs.canonical)):
            continue
        counts = _clause_counts(ctx, obs)
        readings = list(_readings(counts))
        results = [
            (parts, base, agreement(obs.value, obs.quantum, v)) for parts, base, v in readings
        ]
        if not results or any(r == "agree" for *_, r in results):
            continue
        near = [r for r in results if r[2] == "truncated"]
        if not near:
            continue
        parts, base, _ = near[0]
        computed = sum((p.value for p in parts), Decimal(0)) / base.value * _HUNDRED
        expected = shown(computed, obs.quantum)
        numerator = "+".join(p.printed for p in parts)
        message = (
            f"正文称{obs.label}{obs.printed}，按同句（{numerator}）÷{base.printed}计算为{fmt(expected)}%，"
            f"四舍五入应为{fmt(_rounded(computed, obs.quantum))}%，印刷值为截断"
        )
        evidence = [evidence_of(obs), *(evidence_of(p) for p in (*parts, base))]
        yield finding("narrative_arithmetic", "warning", message, obs.value, expected, evidence)


@register_check("narrative_parts")
def check_narrative_parts(ctx: CheckContext) -> Iterator[Finding]:
    """Parts the ontology says make up a whole (公办 + 民办 = 学校数) stated in the text."""
    onto = ctx.links.ontology

    for whole in ctx.links.claim_observations:
        if not (whole.canonical and is_exact_claim(whole) and whole.role == "value"):
            continue
        for group in onto.get(whole.canonical).partitions:
            parts = [_nearest(stated_figures(ctx, part_id), whole) for part_id in group]
            if any(p is None for p in parts):
                continue
            found = [p for p in parts if p is not None]
            total = sum((p.value for p in found), Decimal(0))
            if total == whole.value:
                continue
            names = "+".join(f"{p.label}{p.printed}" for p in found)
            message = f"正文称{whole.label}{whole.printed}，而其组成部分{names}合计为{fmt(total)}"
            evidence = [evidence_of(whole), *(evidence_of(p) for p in found)]
            yield finding("narrative_arithmetic", "error", message, whole.value, total, evidence)


def _year_pairs(
    ctx: CheckContext, obs: Observation, previous: str | None
) -> list[tuple[Observation, Observation]]:
    """(this year, last year) figures of the claim's indicator, printed side by side."""
    if previous is None:
        return []
    pairs = []
    for cur in _indicator_cells(ctx, obs):
        if cur.period != obs.period or not cur.report_scope:
            continue
        prev = next(
            (c for c in ctx.links.series(cur.table, cur.label, cur.unit) if c.period == previous),
            None,
        )
        if prev is not None:
            pairs.append((cur, prev))
    return pairs


def _indicator_cells(ctx: CheckContext, obs: Observation) -> tuple[Observation, ...]:
    """Cells of the claim's indicator; for one the ontology does not know, the cells whose
    row or column is labelled with the same words (校外实习实训基地数)."""
    if obs.canonical:
        return ctx.links.cells_of(obs.canonical)
    return tuple(c for c in ctx.links.cells if c.canonical is None and c.key == obs.key)


def _judge_change(
    obs: Observation, cur: Observation, prev: Observation
) -> tuple[Agreement, Decimal]:
    """Agreement of a stated change with the difference (or, for %, the relative change)."""
    diff = cur.value - prev.value
    if obs.direction and diff and (diff > 0) != (obs.direction > 0):
        return "differs", abs(diff)
    candidates = []
    if obs.family == "percent" and cur.family != "percent" and prev.value:
        candidates.append(abs(diff) / abs(prev.value) * _HUNDRED)
    elif obs.family in ("percent", "points") and cur.family == "percent":
        candidates.append(abs(diff))
        if obs.family == "percent" and prev.value:
            candidates.append(abs(diff) / abs(prev.value) * _HUNDRED)
    elif obs.family == cur.family or obs.family is None:
        candidates.append(abs(diff))
    if not candidates:
        return "agree", abs(diff)
    quantum = max(obs.quantum, cur.quantum, prev.quantum)
    results = [(agreement(_rounded(obs.value, quantum), quantum, c), c) for c in candidates]
    best = next((r for r in results if r[0] == "agree"), None) or min(
        results, key=lambda r: r[0] == "differs"
    )
    return best[0], shown(best[1], obs.quantum)


def _rounded(value: Decimal, quantum: Decimal) -> Decimal:
    return round_to(value, quantum)


def _change_words(diff: Decimal) -> str:
    return "增加" if diff > 0 else "减少" if diff < 0 else "持平，变化"


def _figure(ctx: CheckContext, indicator_id: str | None, period: str | None) -> Observation | None:
    """One figure for an indicator and year: a report-level table cell, else a claim."""
    if indicator_id is None:
        return None
    for cell in ctx.links.cells_of(indicator_id):
        if cell.period == period and cell.report_scope:
            return cell
    if period is None:
        return None  # an exact claim always has its year
    figures = stated_figures(ctx, indicator_id, period)
    return figures[0] if figures else None


def _previous_count(ctx: CheckContext, obs: Observation) -> Observation | None:
    """The count stated just before a share in the same sentence (``826人，占…的36.10%``)."""
    # a count across a clause end does not qualify, so the clause is as far back as it looks
    start = start_of(ctx.text, obs.start, _CLAUSE_ENDS) if ctx.text is not None else 0
    before = [
        o
        for o in ctx.links.claims_between(start, obs.start)
        if o.end <= obs.start and o.role == "value" and o.family != "percent" and is_exact_claim(o)
    ]
    if not before:
        return None
    last = max(before, key=lambda o: o.end)
    if ctx.text is not None and _CLAUSE_END.search(ctx.text, last.end, obs.start):
        return None
    return last


def _named(ctx: CheckContext, obs: Observation) -> str:
    return f"正文{obs.label}" if obs.source == "claim" else where(ctx, obs)


def _clause_counts(ctx: CheckContext, obs: Observation) -> list[Observation]:
    """Counts stated earlier in the same clause, in text order."""
    assert ctx.text is not None
    start = start_of(ctx.text, obs.start, _CLAUSE_ENDS)
    window = ctx.links.claims_between(start, obs.start)
    return sorted(
        (
            o
            for o in window
            if start <= o.start
            and o.end <= obs.start
            and o.family in ("persons", "items", "person_times")
            and o.qualifier == "exact"
        ),
        key=lambda o: o.start,
    )


def _readings(
    counts: list[Observation],
) -> Iterator[tuple[tuple[Observation, ...], Observation, Decimal]]:
    """a÷b and (a+c)÷b for counts of one unit, the base being the largest."""
    for base in counts:
        others = [
            c for c in counts if c is not base and c.unit == base.unit and c.value <= base.value
        ]
        if not base.value:
            continue
        for size in (1, 2):
            for parts in combinations(others, size):
                total = sum((p.value for p in parts), Decimal(0))
                if total <= base.value:
                    yield parts, base, total / base.value * _HUNDRED


def _nearest(claims_of_part: tuple[Observation, ...], whole: Observation) -> Observation | None:
    """The claim of a part stated closest after the whole, in the same period (within 200
    chars); ``claims_of_part`` is in document order."""
    at = bisect_right(claims_of_part, whole.start, key=lambda o: o.start)
    for o in claims_of_part[at:]:
        if o.start - whole.start > 200:
            return None
        if o.period == whole.period:
            return o
    return None
