"""Rates, shares, ratios and per-student values against the counts they come from.

The ontology says how an indicator is computed (``“双师型”教师比例 = “双师型”教师数 ÷
专任教师总数 × 100``). Inputs are looked up in the same table first, then in other tables,
then in the narrative. When a table prints the same indicator for several years and the
inputs can be read more than one way (职普比 with or without 技工学校), the reading that
reproduces another year's figure is taken as the report's own definition.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise, product

import regex

from nianbao.data import Finding, Severity
from nianbao.link.links import Links, Observation
from nianbao.ontology import Formula
from nianbao.reconcile.checks.common import (
    Agreement,
    agreement,
    evidence_of,
    finding,
    fmt,
    is_exact_claim,
    period_text,
    printed_numeral,
    round_to,
    shown,
    stated_figures,
    where,
)
from nianbao.reconcile.registry import CheckContext, register_check

_MAX_VARIANTS = 24

# label-pattern matches, computed once per reconcile run (one check call)
PatternCache = dict[tuple[str, ...], tuple[Observation, ...]]
_HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Evaluation:
    inputs: tuple[Observation, ...]
    computed: Decimal
    result: Agreement
    confirmations: int  # other years of the same figure this reading reproduces


@register_check("formula_values")
def check_formula_values(ctx: CheckContext) -> Iterator[Finding]:
    """Every figure the ontology can compute, against the computation."""
    onto = ctx.links.ontology
    cache: PatternCache = {}
    for target in (*ctx.links.cells, *ctx.links.claim_observations):
        if target.canonical is None or target.period is None or not target.report_scope:
            continue
        if target.source == "claim" and (target.role == "change" or not is_exact_claim(target)):
            continue
        formula = onto.formula_for(target.canonical)
        if formula is None:
            continue
        verdict = _judge(ctx, formula, target, cache)
        if verdict is not None:
            yield _finding(ctx, formula, target, *verdict)


@register_check("rate_below_overall")
def check_rate_constraints(ctx: CheckContext) -> Iterator[Finding]:
    """A rate that cannot exceed a computed overall rate (本省去向落实率 ≤ 去向落实率)."""
    onto = ctx.links.ontology
    cache: PatternCache = {}
    for constraint in onto.constraints:
        if constraint.op != "at_most_formula" or not constraint.left or not constraint.formula:
            continue
        formula = onto.formula_for(constraint.formula)
        if formula is None:
            continue
        for cell in ctx.links.cells_of(constraint.left):
            if cell.period is None or not cell.report_scope:
                continue
            for inputs in _variants(ctx, formula, cell, cell.period, cache):
                computed = compute(formula, inputs)
                if computed is None or cell.value <= round(computed, 2) or _close(cell, computed):
                    continue
                name = onto.get(constraint.formula).name
                message = (
                    f"{where(ctx, cell)}为{cell.printed}，高于按{_describe(ctx, formula, inputs)}"
                    f"算得的{name}{fmt(shown(computed, cell.quantum))}%"
                )
                if constraint.note:
                    message += f"（{constraint.note}）"
                severity: Severity = "error" if constraint.definite else "warning"
                evidence = [evidence_of(cell), *(evidence_of(o) for o in inputs)]
                yield finding(
                    _kind(cell, inputs),
                    severity,
                    message,
                    cell.value,
                    shown(computed, cell.quantum),
                    evidence,
                )
                break


@register_check("mean_within_components")
def check_mean_bounds(ctx: CheckContext) -> Iterator[Finding]:
    """An overall figure (总体满意度) must lie between the figures it averages."""
    onto = ctx.links.ontology
    for cell in ctx.links.cells:
        if cell.canonical is None or cell.period is None:
            continue
        parts_ids = onto.get(cell.canonical).bounded_by
        if not parts_ids:
            continue
        parts = [
            c
            for part_id in parts_ids
            for c in ctx.links.cells_of(part_id)
            if c.table == cell.table and c.period == cell.period and c.col == cell.col
        ]
        if len(parts) < 2:
            continue
        low, high = min(p.value for p in parts), max(p.value for p in parts)
        if low <= cell.value <= high:
            continue
        bound = min(parts, key=lambda p: abs(p.value - cell.value))
        side = "低于" if cell.value < low else "高于"
        names = "、".join(f"{p.row}{p.printed}" for p in parts)
        message = (
            f"{where(ctx, cell)}为{cell.printed}，{side}其全部分项（{names}），总体值应介于分项之间"
        )
        yield finding(
            "table_internal_ratio",
            "warning",
            message,
            cell.value,
            bound.value,
            [evidence_of(cell), *(evidence_of(p) for p in parts)],
        )


@register_check("ratio_label_order")
def check_ratio_label_order(ctx: CheckContext) -> Iterator[Finding]:
    """A printed ratio whose label names its terms in one order (普职招生比例: 普通 first) while
    its figures follow the other (34.8:65.2, the vocational share first): read literally, the
    label inverts the ratio. One finding per row; the figures themselves are right."""
    onto = ctx.links.ontology
    cache: PatternCache = {}
    seen: set[tuple[str | None, int]] = set()
    # the latest year first: the finding speaks of the report's own year
    for cell in sorted(ctx.links.cells, key=lambda c: c.period or "", reverse=True):
        if cell.canonical is None or cell.period is None or len(cell.ratio_terms) != 2:
            continue
        formula = onto.formula_for(cell.canonical)
        if formula is None or formula.op != "share_of_sum" or (cell.table, cell.row_index) in seen:
            continue
        names = tuple(onto.get(i).name for i in formula.inputs[:2])
        if not _names_in_reverse(cell.label, *names):
            continue
        for inputs in _variants(ctx, formula, cell, cell.period, cache):
            computed = compute(formula, inputs)
            first = cell.ratio_terms[0]
            if computed is None or agreement(first, cell.quantum, computed) == "differs":
                continue
            seen.add((cell.table, cell.row_index))
            literal = shown(_HUNDRED - computed, cell.quantum)
            message = (
                f"{where(ctx, cell)}为{cell.printed}，但标签“{cell.label}”先{names[1]}后{names[0]}，"
                f"而数值是{names[0]}在前（{_describe(ctx, formula, inputs)}≈{fmt(shown(computed, cell.quantum))}%），"
                f"按标签字面应为{fmt(literal)}:{fmt(shown(computed, cell.quantum))}"
            )
            yield finding(
                "label_or_period",
                "warning",
                message,
                first,
                literal,
                [evidence_of(cell), *(evidence_of(o) for o in inputs)],
            )
            break


def _names_in_reverse(label: str, first: str, second: str) -> bool:
    """The label abbreviates the formula's second input before its first (普职 where the
    formula is 中职 ÷ (中职 + 普通)): one character from each name that the other lacks."""
    own_first = {ch for ch in first if ch not in second}
    own_second = {ch for ch in second if ch not in first}
    pairs = list(pairwise(label))
    reverse = any(a in own_second and b in own_first for a, b in pairs)
    forward = any(a in own_first and b in own_second for a, b in pairs)
    return reverse and not forward


def compute(formula: Formula, inputs: tuple[Observation, ...]) -> Decimal | None:
    """The formula's value for these inputs, or ``None`` when a denominator is zero."""
    a, b = inputs[0].value, inputs[1].value
    if formula.op == "share":
        return a / b * _HUNDRED if b else None
    if formula.op == "ratio":
        return a / b if b else None
    if formula.op == "share_of_sum":
        return a / (a + b) * _HUNDRED if a + b else None
    raise ValueError(f"未知的公式运算“{formula.op}”")


def _judge(
    ctx: CheckContext, formula: Formula, target: Observation, cache: PatternCache
) -> tuple[Evaluation, Severity] | None:
    """The evaluation to report and its severity, or ``None`` when nothing is wrong or the
    report's definition cannot be told."""
    period = target.period
    assert period is not None
    if _defined_otherwise(ctx, formula, target):
        return None
    evaluations = []
    for inputs in _variants(ctx, formula, target, period, cache):
        computed = compute(formula, inputs)
        if computed is None:
            continue
        result = agreement(target.value, target.quantum, computed)
        if result == "agree":
            return None
        evaluations.append(
            Evaluation(inputs, computed, result, _confirmations(ctx, formula, target, inputs))
        )
    if not evaluations:
        return None
    near = [e for e in evaluations if e.result != "differs"]
    if near:
        return max(near, key=lambda e: e.confirmations), "warning"
    confirmed = [e for e in evaluations if e.confirmations > 0]
    exact_inputs = not target.near and not any(o.near for e in evaluations for o in e.inputs)
    if confirmed:
        best = max(confirmed, key=lambda e: e.confirmations)
        return best, "error" if formula.definite and exact_inputs else "warning"
    if len({e.computed for e in evaluations}) != 1:
        return None  # several readings, none confirmed: the definition is unknown
    other_years = _series(ctx, target)
    definite = formula.definite and exact_inputs and not other_years
    return evaluations[0], "error" if definite else "warning"


def _defined_otherwise(ctx: CheckContext, formula: Formula, target: Observation) -> bool:
    """The text states this rate over another whole (“双师型”教师…占专业课教师的81.3% beside
    a table's 81.36): the report defines it so, and the ontology's whole does not apply."""
    if formula.op != "share" or target.source != "cell":
        return False
    part, whole = formula.inputs[0], formula.inputs[1]
    return any(
        o.role == "share"
        and o.period == target.period
        and o.numerator == part
        and o.denominator not in (None, whole)
        and agreement(o.value, o.quantum, target.value) != "differs"
        for o in ctx.links.claim_observations
    )


def _variants(
    ctx: CheckContext, formula: Formula, target: Observation, period: str, cache: PatternCache
) -> list[tuple[Observation, ...]]:
    options = [_candidates(ctx, ind, target, period, cache) for ind in formula.inputs]
    if any(not o for o in options):
        return []
    # Only distinct values make distinct readings: keep the first few observations of each
    # value (as many as there are inputs, so one cell standing for two inputs still leaves a
    # partner), else a value repeated in many tables makes the product explode.
    options = [_first_per_value(o, len(options)) for o in options]
    seen: set[tuple[Decimal, ...]] = set()
    out = []
    for combo in product(*options):
        values = tuple(o.value for o in combo)
        if values in seen or len({id(o) for o in combo}) < len(combo):
            continue
        seen.add(values)
        out.append(combo)
        if len(out) >= _MAX_VARIANTS:
            break
    return out


def _first_per_value(observations: list[Observation], keep: int) -> list[Observation]:
    count: dict[Decimal, int] = {}
    out = []
    for o in observations:
        if count.get(o.value, 0) < keep:
            count[o.value] = count.get(o.value, 0) + 1
            out.append(o)
    return out


def _candidates(
    ctx: CheckContext, indicator_id: str, target: Observation, period: str, cache: PatternCache
) -> list[Observation]:
    """Figures for one formula input: same table, other tables, label patterns, narrative."""
    cells = [
        c
        for c in ctx.links.cells_of(indicator_id)
        if c.report_scope and c.period == period and c is not target
    ]
    same = [c for c in cells if target.source == "cell" and c.table == target.table]
    if same or cells:
        return sorted(same or cells, key=lambda c: (c.near, not _in_annex(ctx, c)))
    patterns = ctx.links.ontology.get(indicator_id).patterns
    if patterns:
        matched = [
            c
            for c in _pattern_cells(ctx.links, patterns, cache)
            if c.report_scope and c.period == period and c is not target
        ]
        same = [c for c in matched if target.source == "cell" and c.table == target.table]
        if same or matched:
            return same or matched
    return list(stated_figures(ctx, indicator_id, period))


def _pattern_cells(
    links: Links, patterns: tuple[str, ...], cache: PatternCache
) -> tuple[Observation, ...]:
    """Cells no indicator claims whose label matches an input's patterns (中职…招生)."""
    if patterns not in cache:
        cache[patterns] = tuple(
            c
            for c in links.cells
            if c.canonical is None and any(regex.search(p, c.label) for p in patterns)
        )
    return cache[patterns]


def _in_annex(ctx: CheckContext, obs: Observation) -> bool:
    table = ctx.table(obs.table) if obs.table else None
    return bool(table and table.appendix)


def _series(ctx: CheckContext, target: Observation) -> list[Observation]:
    """The same figure for other years in the same table."""
    if target.source != "cell":
        return []
    return [
        c
        for c in ctx.links.series(target.table, target.label, target.unit)
        if c.period not in (None, target.period)
    ]


def _confirmations(
    ctx: CheckContext, formula: Formula, target: Observation, inputs: tuple[Observation, ...]
) -> int:
    """How many other years of the target this reading of the inputs reproduces."""
    count = 0
    for other in _series(ctx, target):
        moved = [_same_place(ctx, o, other.period) for o in inputs]
        if any(m is None for m in moved):
            continue
        computed = compute(formula, tuple(m for m in moved if m is not None))
        if computed is not None and agreement(other.value, other.quantum, computed) != "differs":
            count += 1
    return count


def _same_place(ctx: CheckContext, obs: Observation, period: str | None) -> Observation | None:
    """The cell printed in the same table, row or column, for another year."""
    if obs.source != "cell":
        return None
    return next(
        (c for c in ctx.links.series(obs.table, obs.label, obs.unit) if c.period == period), None
    )


def _close(cell: Observation, computed: Decimal) -> bool:
    return agreement(cell.value, cell.quantum, computed) != "differs"


def _kind(target: Observation, inputs: tuple[Observation, ...]) -> str:
    if target.source == "claim":
        return (
            "narrative_vs_table"
            if any(o.source == "cell" for o in inputs)
            else "narrative_arithmetic"
        )
    if any(o.source == "claim" for o in inputs):
        return "narrative_vs_table"
    if any(o.table != target.table for o in inputs):
        return "table_vs_table"
    return "table_internal_ratio"


def _describe(ctx: CheckContext, formula: Formula, inputs: tuple[Observation, ...]) -> str:
    a, b = (f"{_place(ctx, o)}{o.printed}" for o in inputs[:2])
    if formula.op == "share":
        return f"{a}÷{b}"
    if formula.op == "share_of_sum":
        return f"{a}÷（{a}+{b}）"
    return f"{a}÷{b}"


def _place(ctx: CheckContext, obs: Observation) -> str:
    return f"正文{obs.label}" if obs.source == "claim" else where(ctx, obs)


def _finding(
    ctx: CheckContext,
    formula: Formula,
    target: Observation,
    evaluation: Evaluation,
    severity: Severity,
) -> Finding:
    expected = shown(evaluation.computed, target.quantum)
    unit = "%" if formula.op in ("share", "share_of_sum") else ""
    implied = _implied_part(ctx, formula, target, evaluation)
    if implied is not None:
        return _narrative_part_finding(ctx, formula, target, evaluation, severity, implied)
    if target.source == "claim":
        subject = f"正文{target.label}为{target.printed}（{period_text(target.period)}）"
    else:
        subject = f"{where(ctx, target)}为{target.printed}"
    message = (
        f"{subject}，按{_describe(ctx, formula, evaluation.inputs)}计算应为{fmt(expected)}{unit}"
    )
    if evaluation.result == "truncated":
        message += "，印刷值为截断而非四舍五入"
    elif evaluation.result == "coarser":
        message += "，两者只在少一位小数时一致"
    elif evaluation.confirmations:
        message += "，同表其他年份按此口径计算一致"
    if severity == "warning" and formula.note and evaluation.result == "differs":
        message += f"（{formula.note}）"
    evidence = [evidence_of(target), *(evidence_of(o) for o in evaluation.inputs)]
    return finding(
        _kind(target, evaluation.inputs), severity, message, target.value, expected, evidence
    )


def _implied_part(
    ctx: CheckContext, formula: Formula, target: Observation, evaluation: Evaluation
) -> Decimal | None:
    """The part a table's rate implies for a count only the narrative states: 生均工位 0.81
    × 在校生 33577 ≈ 27197 against the text's 23839. The figure stated once is then the
    claim under test, and the finding is told in its terms. A count a table confirms, or
    whose rate the text itself states (8563 元 = 22311.23万元 ÷ 26055), is the firmer side,
    and the table's rate is told as the odd one."""
    inputs = evaluation.inputs
    if target.source != "cell" or len(inputs) != 2 or formula.op not in ("ratio", "share"):
        return None
    part, whole = inputs
    if part.source != "claim" or whole.source != "cell" or _confirmed(ctx, part):
        return None
    if _rate_stated(ctx, target, evaluation.computed):
        return None
    implied = target.value * whole.value
    return round_to(implied / _HUNDRED if formula.op == "share" else implied, part.quantum)


def _confirmed(ctx: CheckContext, claim: Observation) -> bool:
    return any(
        c.period == claim.period and agreement(c.value, c.quantum, claim.value) != "differs"
        for c in ctx.links.cells_for(claim.claim_id or "")
    )


def _rate_stated(ctx: CheckContext, target: Observation, computed: Decimal) -> bool:
    """The text states the computed rate itself, for the target's indicator and year."""
    return any(
        o.canonical == target.canonical
        and o.period == target.period
        and agreement(o.value, o.quantum, computed) != "differs"
        for o in ctx.links.claim_observations
    )


def _in_printed_unit(obs: Observation, value: Decimal) -> str:
    """``value`` (base units) written in the unit ``obs`` was printed in (万元, not 元)."""
    numeral = printed_numeral(obs)
    if numeral is None or not obs.value:
        return fmt(value)
    factor = obs.value / Decimal(numeral)
    unit = obs.printed.replace(",", "").split(numeral, 1)[1]
    return f"{fmt(value / factor)}{unit}"


def _narrative_part_finding(
    ctx: CheckContext,
    formula: Formula,
    target: Observation,
    evaluation: Evaluation,
    severity: Severity,
    implied: Decimal,
) -> Finding:
    part, whole = evaluation.inputs
    unit = "%" if formula.op == "share" else ""
    computed = fmt(shown(evaluation.computed, target.quantum))
    message = (
        f"正文{part.label}为{part.printed}（{period_text(part.period)}），而{where(ctx, target)}"
        f"为{target.printed}，按{where(ctx, whole)}{whole.printed}推算应约为{_in_printed_unit(part, implied)}；"
        f"按正文数计算{target.label}应为{computed}{unit}"
    )
    if severity == "warning" and formula.note and evaluation.result == "differs":
        message += f"（{formula.note}）"
    evidence = [evidence_of(part), evidence_of(target), evidence_of(whole)]
    return finding("narrative_vs_table", severity, message, part.value, implied, evidence)
