"""Planted inconsistencies: find the places in a planned report where changing one printed
number (or date, label, title) breaks exactly one check, and change some of them.

``finding_rate`` is the probability that a candidate site is planted. Each report offers one
or two candidate sites per finding type (when it has any), so a report at rate 0.3 carries
about three findings and some reports carry none."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from nianbao.data import FINDING_TYPES
from nianbao.synth.sentences import FALLING_TRENDS, RISING_TRENDS, fact_phrases
from nianbao.synth.spec import (
    CellSpec,
    ClaimSpec,
    DateRef,
    FactRef,
    Paragraph,
    Plan,
    TableRef,
    TableSpec,
    TrendRef,
)
from nianbao.synth.world import World, q

Side = tuple[
    str, str
]  # ("claim", id) | ("title", table key) | ("date", id) | ("ref", id) | ("cell", id) | ("trend", id)


@dataclass(frozen=True, slots=True)
class FindingSpec:
    type: str
    severity: str  # definite | possible
    first: Side
    claimed: Decimal
    reference: Decimal
    reference_where: str
    reference_side: Side | None
    explanation: str


@dataclass(slots=True)
class Planting:
    """What was changed, and the findings that the changes make."""

    values: dict[str, Decimal] = field(default_factory=dict)  # claim or cell id -> printed number
    texts: dict[str, str] = field(default_factory=dict)  # ref id -> anchor, table key -> title
    years: dict[str, int] = field(default_factory=dict)  # date id -> printed year
    findings: list[FindingSpec] = field(default_factory=list)
    sites: int = 0
    touched: set[str] = field(default_factory=set)  # claim and cell ids on either side of a finding


class Usage:
    """Where each fact is shown: table cells, value claims, and claims computed from it."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.cells: dict[FactRef, list[tuple[TableSpec, CellSpec]]] = {}
        self.claims: dict[FactRef, list[ClaimSpec]] = {}
        self.operand_of: dict[FactRef, list[ClaimSpec]] = {}
        for table in plan.tables.values():
            for cell in table.cells():
                if cell.fact is not None:
                    self.cells.setdefault(cell.fact, []).append((table, cell))
        for claim in plan.claims.values():
            if claim.role == "value":
                self.claims.setdefault((claim.key, claim.period), []).append(claim)
        for claim in plan.claims.values():
            if self.arithmetic(claim):
                for ref in claim.operands:
                    self.operand_of.setdefault(ref, []).append(claim)
        self.trends: dict[str, list[TrendRef]] = {}  # fact key -> trend statements about it
        for block in plan.blocks:
            if isinstance(block, Paragraph):
                for part in (p for sentence in block.sentences for p in sentence):
                    if isinstance(part, TrendRef):
                        self.trends.setdefault(part.key, []).append(part)

    def shown(self, ref: FactRef) -> bool:
        return bool(self.cells.get(ref) or self.claims.get(ref))

    def arithmetic(self, claim: ClaimSpec) -> bool:
        """The claim follows from numbers the report shows."""
        return bool(claim.operands) and all(self.shown(r) for r in claim.operands)

    def claim_checks(self, claim: ClaimSpec) -> list[str]:
        """The checks a claim takes part in: table, repeat, arithmetic, operand."""
        if claim.role == "free":
            return []
        checks = []
        ref = (claim.key, claim.period)
        if claim.role == "value" and self.cells.get(ref):
            checks.append("table")
        if claim.role == "value" and len(self.claims.get(ref, [])) > 1:
            checks.append("repeat")
        if self.arithmetic(claim):
            checks.append("arithmetic")
        if claim.role == "value" and self.operand_of.get(ref):
            checks.append("operand")
        return checks

    def cell_checks(self, table: TableSpec, cell: CellSpec) -> list[str]:
        checks = [f"sum:{g.total}" for g in table.sums if cell.id == g.total or cell.id in g.parts]
        summed = {(g.total, p) for g in table.sums for p in g.parts}  # a sum implies part <= total
        for group in table.part_groups:
            pairs = [(group.parent, p) for p in group.parts if (group.parent, p) not in summed]
            if any(cell.id in pair for pair in pairs):
                checks.append(f"part:{group.parent}")
        checks += [
            f"ratio:{g.ratio}"
            for g in table.ratios
            if cell.id in (g.ratio, g.numerator, g.denominator)
        ]
        if cell.fact is not None:
            checks += ["trend"] * len(self.trends.get(cell.fact[0], []))
            checks += ["table"] * (len(self.cells.get(cell.fact, [])) - 1)
            checks += ["claim"] * len(self.claims.get(cell.fact, []))
            checks += ["operand"] * len(self.operand_of.get(cell.fact, []))
        return checks


def plant(plan: Plan, world: World, rng: random.Random, rate: float) -> Planting:
    """Choose candidate sites per finding type and plant each with probability ``rate``."""
    usage = Usage(plan)
    planting = Planting()
    locked: set[str] = set()
    finders = {
        "narrative_vs_table": _narrative_vs_table,
        "narrative_vs_narrative": _narrative_vs_narrative,
        "narrative_arithmetic": _narrative_arithmetic,
        "table_internal_sum": _table_sum,
        "table_internal_ratio": _table_ratio,
        "table_vs_table": _table_vs_table,
        "label_or_period": _label,
        "trend": _trends,
        "survey": _surveys,
        "share_base": _share_bases,
        "stock_reached": _stocks_reached,
        "same_grant": _grants_told_twice,
    }
    for kind in (*FINDING_TYPES, "trend", "survey", "share_base", "stock_reached", "same_grant"):
        candidates = finders[kind](plan, usage)
        rng.shuffle(candidates)
        wanted = rng.choice((1, 1, 2))
        for site in candidates:
            if wanted == 0:
                break
            if locked & site.keys:
                continue
            wanted -= 1
            planting.sites += 1
            if rng.random() < rate:
                site.apply(plan, world, usage, rng, planting)
                locked |= site.keys
    return planting


# --- sites --------------------------------------------------------------------------


@dataclass(slots=True)
class _Site:
    kind: str
    keys: set[str]  # what the site touches; two planted sites never share a key
    target: Any  # a claim, a date, a pointer, a table, or a (table, group, cell) triple
    partner: Any = None

    def apply(
        self, plan: Plan, world: World, usage: Usage, rng: random.Random, out: Planting
    ) -> None:
        _APPLY[self.kind](self, plan, world, usage, rng, out)


def _fact_keys(*refs: FactRef) -> set[str]:
    return {f"{k}@{p}" for k, p in refs}


def _narrative_vs_table(plan: Plan, usage: Usage) -> list[_Site]:
    return [
        _Site("narrative_vs_table", _fact_keys((c.key, c.period)) | {c.id}, c)
        for c in plan.claims.values()
        if usage.claim_checks(c) == ["table"]
    ]


def _trends(plan: Plan, usage: Usage) -> list[_Site]:
    """Trend statements whose fact one table prints for both years (narrative_vs_table
    findings, drawn on their own so that the few reports with one get planted)."""
    sites = []
    for key, trends in usage.trends.items():
        pair = _two_years(usage, key)
        if pair is not None and len(trends) == 1:
            keys = _fact_keys((key, "prev"), (key, "cur")) | {trends[0].id}
            sites.append(_Site("trend", keys, trends[0], pair))
    return sites


def _surveys(plan: Plan, usage: Usage) -> list[_Site]:
    """The students surveyed (repeated in every 在校生 row of 满意度调查表), to be printed
    above the full-time students the school has: a table_vs_table ``possible`` finding."""
    shown = usage.cells.get(("survey.students", "cur"), [])
    population = usage.cells.get(("students", "cur"), [])
    if not shown or not population or usage.claims.get(("survey.students", "cur")):
        return []
    if usage.operand_of.get(("survey.students", "cur")):
        return []
    keys = _fact_keys(("survey.students", "cur")) | {cell.id for _, cell in shown}
    return [_Site("survey", keys, shown, population[0])]


# A base is told by the shares only where one unit of it moves a share by more than the
# printed 0.1 %: smaller wholes than this.
_DECISIVE_WHOLE = 400


def _share_bases(plan: Plan, usage: Usage) -> list[_Site]:
    """A table of majors by category printed as shares only, to be computed over another
    base than the number of majors the report states (shares of 54 beside 148 majors)."""
    stated = usage.cells.get(("majors", "cur"), [])
    if not stated or stated[0][1].value >= _DECISIVE_WHOLE:
        return []
    sites = []
    for table in plan.tables.values():
        if table.key != "nt_categories" or "专业数(个)" in table.header:
            continue
        shares = table.cells()
        if any(usage.cell_checks(table, c) for c in shares):
            continue  # a share the text states too would make a second finding
        keys = {table.key + ":title", *(c.id for c in shares)}
        sites.append(_Site("share_base", keys, (table, shares), stated[0]))
    return sites


def _two_years(usage: Usage, key: str) -> tuple[TableSpec, CellSpec, CellSpec] | None:
    """One table's cells of a fact for both years (the site's keys keep other plantings off
    the fact, so the table prints the world's values)."""
    for table, before in usage.cells.get((key, "prev"), []):
        now = next((c for t, c in usage.cells.get((key, "cur"), []) if t.key == table.key), None)
        if now is not None:
            return table, before, now
    return None


def _narrative_vs_narrative(plan: Plan, usage: Usage) -> list[_Site]:
    sites = []
    facts = fact_phrases()["facts"]
    for ref, claims in usage.claims.items():
        if facts.get(ref[0], {}).get("anchor"):
            continue  # the figure that tells one object's two passages apart stays as it is
        if len(claims) == 2 and usage.claim_checks(claims[1]) == ["repeat"]:
            sites.append(
                _Site(
                    "narrative_vs_narrative",
                    _fact_keys(ref) | {claims[0].id, claims[1].id},
                    claims[1],
                    claims[0],
                )
            )
    return sites


def _stocks_reached(plan: Plan, usage: Usage) -> list[_Site]:
    """A stock stated when founded (last year) and as what it has reached (this year)."""
    sites = []
    for (key, period), claims in usage.claims.items():
        founded = usage.claims.get((key, "prev"), [])
        if period != "cur" or len(claims) != 1 or len(founded) != 1:
            continue
        if usage.claim_checks(claims[0]) or usage.claim_checks(founded[0]):
            continue  # told nowhere else: the two sentences are all there is of it
        sites.append(_Site("stock_reached", {claims[0].id, founded[0].id}, claims[0], founded[0]))
    return sites


def _apply_reached(
    site: _Site, plan: Plan, world: World, usage: Usage, rng: random.Random, out: Planting
) -> None:
    reached: ClaimSpec = site.target
    founded: ClaimSpec = site.partner
    wrong = founded.value - rng.randint(1, max(1, int(founded.value) // 5))
    _misprint_against(
        out,
        reached,
        founded,
        wrong,
        "definite",
        "正文 / 前文组建时的成员数",
        f"{reached.indicator} is said to have reached {format(wrong, 'f')}, fewer than the "
        f"{format(founded.value, 'f')} stated at the founding.",
    )


def _grants_told_twice(plan: Plan, usage: Usage) -> list[_Site]:
    """One grant told twice by its amount: 人次 in one sentence, the students in the other."""
    students = usage.claims.get(("aid_students", "cur"), [])
    times = usage.claims.get(("aid_persons", "cur"), [])
    amounts = usage.claims.get(("aid_amount", "cur"), [])
    if len(students) != 1 or not times or len(amounts) != 2:
        return []
    facts = (("aid_students", "cur"), ("aid_persons", "cur"), ("aid_amount", "cur"))
    keys = _fact_keys(*facts) | {students[0].id}  # no other plant on the grant's figures
    return [_Site("same_grant", keys, students[0], times[0])]


def _apply_grant(
    site: _Site, plan: Plan, world: World, usage: Usage, rng: random.Random, out: Planting
) -> None:
    students: ClaimSpec = site.target
    times: ClaimSpec = site.partner
    wrong = students.value + rng.choice((-1, 1)) * rng.randint(1, 9)  # no longer half the 人次
    _misprint_against(
        out,
        students,
        times,
        wrong,
        "possible",
        "正文 / 同一笔国家助学金（金额相同）的人次",
        f"The same grant (the same amount) is paid to {format(wrong, 'f')} students and "
        f"{format(times.value, 'f')} person-times, which is not two semesters of them.",
    )


def _narrative_arithmetic(plan: Plan, usage: Usage) -> list[_Site]:
    sites = []
    for c in plan.claims.values():
        if usage.claim_checks(c) == ["arithmetic"]:
            sites.append(
                _Site(
                    "narrative_arithmetic", _fact_keys((c.key, c.period), *c.operands) | {c.id}, c
                )
            )
    return sites


def _table_sum(plan: Plan, usage: Usage) -> list[_Site]:
    sites = []
    for table in plan.tables.values():
        for group in table.sums:
            for part_id in group.parts:
                part = table.cell(part_id)
                if usage.cell_checks(table, part) == [f"sum:{group.total}"]:
                    sites.append(
                        _Site(
                            "table_internal_sum",
                            {table.key + ":sum", part_id},
                            (table, group, part),
                        )
                    )
    return sites


def _table_ratio(plan: Plan, usage: Usage) -> list[_Site]:
    sites = []
    for table in plan.tables.values():
        if any(s.total == r.denominator for s in table.sums for r in table.ratios):
            continue  # a share of a listed total: changing it would also break the column's 100%
        for group in table.ratios:
            cell = table.cell(group.ratio)
            if usage.cell_checks(table, cell) == [f"ratio:{group.ratio}"]:
                sites.append(
                    _Site(
                        "table_internal_ratio",
                        {table.key + ":ratio", cell.id},
                        (table, group, cell),
                    )
                )
    return sites


def _table_vs_table(plan: Plan, usage: Usage) -> list[_Site]:
    sites = []
    for ref, shown in usage.cells.items():
        if len(shown) != 2 or shown[0][0].key == shown[1][0].key:
            continue
        for mine, other in ((shown[0], shown[1]), (shown[1], shown[0])):
            if usage.cell_checks(*mine) == ["table"] and not usage.claims.get(ref):
                sites.append(
                    _Site(
                        "table_vs_table", _fact_keys(ref) | {mine[1].id, other[1].id}, mine, other
                    )
                )
    return sites


def _label(plan: Plan, usage: Usage) -> list[_Site]:
    sites: list[_Site] = []
    narrative = [t for t in plan.tables.values() if not t.appendix]
    for block in plan.blocks:
        if not isinstance(block, Paragraph):
            continue
        for part in (p for s in block.sentences for p in s):
            if isinstance(part, DateRef) and part.checkable:
                sites.append(_Site("label_date", {part.id}, part))
            elif isinstance(part, TableRef) and _wrong_anchors(plan, part):
                sites.append(_Site("label_ref", {part.id, part.table_key + ":title"}, part))
    for table in narrative:
        if table.year_in_title and table.current_only:
            sites.append(_Site("label_title", {table.key + ":title"}, table))
    return sites


# --- applying a site ----------------------------------------------------------------


def _wrong_number(
    value: Decimal, decimals: int, rng: random.Random, avoid: tuple[Decimal, ...] = ()
) -> Decimal:
    """A plausible misprint: transposed digits, a slip of a few units, or one wrong digit."""
    step = Decimal(1).scaleb(-decimals)
    units = int(abs(value) / step)
    for _ in range(50):
        digits = format(value, "f")
        choice = rng.randrange(3)
        if choice == 0 and len(digits.replace(".", "")) >= 2:
            i = rng.randrange(len(digits) - 1)
            if "." in digits[i : i + 2]:
                continue
            candidate = Decimal(digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :])
        elif choice == 1 or units < 100:
            candidate = value + step * rng.choice((-1, 1)) * rng.randint(2, max(3, units // 12))
        else:
            place = 10 ** rng.randint(1, len(str(units)) - 1)
            candidate = value + step * rng.choice((-1, 1)) * place
        candidate = q(candidate, decimals)
        if candidate > 0 and abs(candidate - value) >= 2 * step and candidate not in avoid:
            return candidate
    return value + 7 * step


def _claim_gold(claim: ClaimSpec, value: Decimal) -> Decimal:
    return value * (10000 if claim.multiplier == "万" else 1)


def _cell_where(table: TableSpec, cell: CellSpec) -> str:
    return f"{table.anchor} {table.title} / {table.row_of(cell.id).gold_label} / {cell.col}"


def _apply_nvt(
    site: _Site, plan: Plan, world: World, usage: Usage, rng: random.Random, out: Planting
) -> None:
    claim: ClaimSpec = site.target
    table, cell = usage.cells[(claim.key, claim.period)][0]
    other = (claim.key, "prev" if claim.period == "cur" else "cur")
    previous = world.values.get(other)
    if previous is not None and previous != claim.value and rng.random() < 0.4:
        wrong = previous  # the other year's figure copied by mistake
    else:
        wrong = _wrong_number(claim.value, claim.decimals, rng)
    out.values[claim.id] = wrong
    out.touched.add(claim.id)
    reference = cell.value * (10000 if claim.multiplier == "万" and cell.unit == "万元" else 1)
    out.findings.append(
        FindingSpec(
            "narrative_vs_table",
            "definite",
            ("claim", claim.id),
            _claim_gold(claim, wrong),
            reference,
            _cell_where(table, cell),
            ("cell", cell.id),
            f"The running text states {claim.indicator} as {format(wrong, 'f')}, but the table gives "
            f"{cell.text} for the same indicator and period.",
        )
    )


def _apply_nvn(
    site: _Site, plan: Plan, world: World, usage: Usage, rng: random.Random, out: Planting
) -> None:
    claim: ClaimSpec = site.target
    first: ClaimSpec = site.partner
    wrong = _wrong_number(claim.value, claim.decimals, rng)
    _misprint_against(
        out,
        claim,
        first,
        wrong,
        "definite",
        "正文 / 前文同一指标",
        f"{claim.indicator} is stated twice in the running text with different values.",
    )


def _misprint_against(
    out: Planting,
    claim: ClaimSpec,
    other: ClaimSpec,
    wrong: Decimal,
    severity: str,
    where: str,
    explanation: str,
) -> None:
    """``claim`` printed as ``wrong``: a narrative_vs_narrative finding against ``other``."""
    out.values[claim.id] = wrong
    out.touched |= {claim.id, other.id}
    out.findings.append(
        FindingSpec(
            "narrative_vs_narrative",
            severity,
            ("claim", claim.id),
            _claim_gold(claim, wrong),
            _claim_gold(other, other.value),
            where,
            ("claim", other.id),
            explanation,
        )
    )


def _apply_arith(
    site: _Site, plan: Plan, world: World, usage: Usage, rng: random.Random, out: Planting
) -> None:
    claim: ClaimSpec = site.target
    truncated = _truncation(claim, world)
    severity = "definite"
    if truncated is not None and rng.random() < 0.3:
        wrong, severity = truncated, "possible"
    else:
        wrong = _wrong_number(claim.value, claim.decimals, rng)
    out.values[claim.id] = wrong
    out.touched.add(claim.id)
    operands = " , ".join(_shown_where(usage, ref) for ref in claim.operands)
    out.findings.append(
        FindingSpec(
            "narrative_arithmetic",
            severity,
            ("claim", claim.id),
            _claim_gold(claim, wrong),
            _claim_gold(claim, claim.value),
            f"{claim.relation}: {operands}",
            None,
            ("Truncated instead of rounded: " if severity == "possible" else "")
            + f"the stated {claim.indicator} does not follow from the numbers it is computed from ({claim.relation}).",
        )
    )


def _truncation(claim: ClaimSpec, world: World) -> Decimal | None:
    """The value cut off instead of rounded, when that differs."""
    if claim.relation not in ("ratio", "share") or claim.decimals == 0 or len(claim.operands) < 2:
        return None
    a, b = (world.value(*r) for r in claim.operands[:2])
    rule = world.derived.get(claim.key)
    exact = a / b * (rule.scale if rule else 100)
    step = Decimal(1).scaleb(-claim.decimals)
    cut = (exact / step).to_integral_value(rounding="ROUND_DOWN") * step
    return cut if cut != claim.value else None


def _shown_where(usage: Usage, ref: FactRef) -> str:
    cells = usage.cells.get(ref)
    if cells:
        return _cell_where(*cells[0])
    claims = usage.claims.get(ref, [])
    return f"正文 {claims[0].indicator} {format(claims[0].value, 'f')}" if claims else ref[0]


def _apply_sum(
    site: _Site, plan: Plan, world: World, usage: Usage, rng: random.Random, out: Planting
) -> None:
    table, group, part = site.target
    wrong = _wrong_number(part.value, part.decimals, rng)
    if wrong < part.value:  # a smaller part could fall below its own 其中 parts
        wrong = part.value + (part.value - wrong)
    out.values[part.id] = wrong
    out.touched.add(part.id)
    total = table.cell(group.total)
    parts = [out.values.get(i) or table.cell(i).value for i in group.parts]
    out.findings.append(
        FindingSpec(
            "table_internal_sum",
            "definite",
            ("title", table.key),
            total.value,
            sum(parts, Decimal(0)),
            f"{_cell_where(table, total)} vs "
            + " + ".join(table.row_of(i).gold_label for i in group.parts),
            ("cell", total.id),
            "The total does not equal the sum of its parts.",
        )
    )


def _apply_ratio(
    site: _Site, plan: Plan, world: World, usage: Usage, rng: random.Random, out: Planting
) -> None:
    table, group, cell = site.target
    wrong = _wrong_number(cell.value, max(cell.decimals, 1) if cell.decimals else 0, rng)
    out.values[cell.id] = wrong
    out.touched.add(cell.id)
    num, den = table.cell(group.numerator), table.cell(group.denominator)
    exact = q(num.value / den.value * group.scale, max(cell.decimals, 2))
    out.findings.append(
        FindingSpec(
            "table_internal_ratio",
            "definite",
            ("title", table.key),
            wrong,
            exact,
            f"{_cell_where(table, cell)} vs {table.row_of(num.id).gold_label} {num.col} ÷ "
            f"{table.row_of(den.id).gold_label} {den.col}",
            ("cell", cell.id),
            "The rate or share does not agree with the counts it is computed from.",
        )
    )


def _apply_tvt(
    site: _Site, plan: Plan, world: World, usage: Usage, rng: random.Random, out: Planting
) -> None:
    table, cell = site.target
    other_table, other = site.partner
    wrong = _wrong_number(cell.value, cell.decimals, rng)
    out.values[cell.id] = wrong
    out.touched |= {cell.id, other.id}
    out.findings.append(
        FindingSpec(
            "table_vs_table",
            "definite",
            ("title", table.key),
            wrong,
            other.value,
            _cell_where(other_table, other),
            ("cell", other.id),
            f"{table.row_of(cell.id).gold_label} ({cell.col}) differs between two tables.",
        )
    )


def _apply_label(
    site: _Site, plan: Plan, world: World, usage: Usage, rng: random.Random, out: Planting
) -> None:
    if site.kind == "label_date":
        date: DateRef = site.target
        wrong_year = date.year - rng.choice((1, 10, 20))
        out.years[date.id] = wrong_year
        out.findings.append(
            FindingSpec(
                "label_or_period",
                "definite",
                ("date", date.id),
                Decimal(wrong_year),
                Decimal(date.year),
                "同句所述活动年份",
                None,
                "The date's year contradicts the year of the event named in the same sentence.",
            )
        )
    elif site.kind == "label_ref":
        ref: TableRef = site.target
        wrong = rng.choice(_wrong_anchors(plan, ref))
        right = plan.tables[ref.table_key]
        out.texts[ref.id] = wrong
        out.findings.append(
            FindingSpec(
                "label_or_period",
                "definite",
                ("ref", ref.id),
                _last_number(wrong),
                _last_number(right.anchor),
                f"{right.anchor} {right.title}",
                ("title", right.key),
                "The text points to the wrong table for the figures it describes.",
            )
        )
    else:
        table: TableSpec = site.target
        year = plan.year
        out.texts[table.key] = table.title.replace(f"{year}年", f"{year - 1}年", 1)
        out.findings.append(
            FindingSpec(
                "label_or_period",
                "definite",
                ("title", table.key),
                Decimal(year - 1),
                Decimal(year),
                "报告年度与表中数据年份",
                None,
                "The table title names the previous year, but the data are of the report year.",
            )
        )


def _wrong_anchors(plan: Plan, ref: TableRef) -> list[str]:
    """Anchors of the report's other narrative tables that a slip could print instead."""
    right = _last_number(plan.tables[ref.table_key].anchor)
    return [
        t.anchor
        for t in plan.tables.values()
        if not t.appendix and t.key != ref.table_key and _last_number(t.anchor) != right
    ]


def _last_number(anchor: str) -> Decimal:
    digits = "".join(ch if ch.isdigit() else " " for ch in anchor).split()
    return Decimal(digits[-1]) if digits else Decimal(0)


def _apply_trend(
    site: _Site, plan: Plan, world: World, usage: Usage, rng: random.Random, out: Planting
) -> None:
    trend: TrendRef = site.target
    table, before, now = site.partner
    opposite = FALLING_TRENDS if trend.word in RISING_TRENDS else RISING_TRENDS
    out.texts[trend.id] = rng.choice(opposite)
    out.touched |= {before.id, now.id}
    out.findings.append(
        FindingSpec(
            "narrative_vs_table",
            "possible",
            ("trend", trend.id),
            now.value,
            before.value,
            _cell_where(table, now),
            ("cell", now.id),
            "The text states a trend the table's two years contradict.",
        )
    )


def _apply_survey(
    site: _Site, plan: Plan, world: World, usage: Usage, rng: random.Random, out: Planting
) -> None:
    shown: list[tuple[TableSpec, CellSpec]] = site.target
    population_table, population = site.partner
    wrong = q(population.value * Decimal(1 + rng.uniform(0.003, 0.06)), 0)
    if wrong <= population.value:
        wrong = population.value + 1
    for _, cell in shown:
        out.values[cell.id] = wrong
    out.touched |= {population.id, *(cell.id for _, cell in shown)}
    out.findings.append(
        FindingSpec(
            "table_vs_table",
            "possible",
            ("title", shown[0][0].key),
            wrong,
            population.value,
            _cell_where(population_table, population),
            ("cell", population.id),
            "More students are listed as surveyed than the school has full-time students.",
        )
    )


def _apply_share_base(
    site: _Site, plan: Plan, world: World, usage: Usage, rng: random.Random, out: Planting
) -> None:
    table, shares = site.target
    whole_table, whole = site.partner
    counts = [count for _, count in world.categories]
    for _ in range(20):
        scale = Decimal(rng.uniform(0.3, 0.8))
        parts = [max(Decimal(1), q(c * scale, 0)) for c in counts]
        base = sum(parts, Decimal(0))
        printed = [q(p / base * 100, 1) for p in parts]
        if base != whole.value and not _shares_of(printed, whole.value):
            break
    else:
        return  # no base the stated whole could not also give: leave the table as it is
    for cell, share in zip(shares, printed, strict=True):
        out.values[cell.id] = share
    out.touched |= {whole.id, *(c.id for c in shares)}
    out.findings.append(
        FindingSpec(
            "table_internal_ratio",
            "possible",
            ("title", table.key),
            base,
            whole.value,
            _cell_where(whole_table, whole),
            ("cell", whole.id),
            f"The shares are of {base} majors, not of the {whole.value} the report states.",
        )
    )


def _shares_of(shares: list[Decimal], base: Decimal) -> bool:
    """Whether every share (printed to 0.1 %) is a whole number of ``base`` things."""
    for share in shares:
        count = (share * base / 100).to_integral_value()
        if abs(count * 100 / base - share) > Decimal("0.05"):
            return False
    return True


_APPLY = {
    "narrative_vs_table": _apply_nvt,
    "share_base": _apply_share_base,
    "survey": _apply_survey,
    "trend": _apply_trend,
    "narrative_vs_narrative": _apply_nvn,
    "stock_reached": _apply_reached,
    "same_grant": _apply_grant,
    "narrative_arithmetic": _apply_arith,
    "table_internal_sum": _apply_sum,
    "table_internal_ratio": _apply_ratio,
    "table_vs_table": _apply_tvt,
    "label_date": _apply_label,
    "label_ref": _apply_label,
    "label_title": _apply_label,
}
