"""A survey's respondents against the population they are drawn from: a 满意度调查表 that
lists 3412 在校生 surveyed in a school of 3386 全日制在校生 counts more people than exist.

The respondents are the survey table's 调查人数 column (or 样本数, 有效问卷数 …); the
population is what the ontology says the row surveys (``surveyed``: 在校生满意度 and its
parts survey 全日制在校生人数, 应届毕业生满意度 the year's 毕业生人数), read from any table
for the survey's year, the latest period the survey row prints. Rows whose population the
ontology does not know (家长, 用人单位, 毕业三年内毕业生) are left alone.

A ``warning``: a survey may also reach students who are not full-time, or run in another
term than the census date.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from nianbao.data import Finding
from nianbao.link.links import Observation
from nianbao.ontology import IndicatorOntology
from nianbao.reconcile.checks.common import evidence_of, finding, fmt, period_text, where
from nianbao.reconcile.registry import CheckContext, register_check

_RESPONDENTS = regex.compile(
    r"调查(?:对象)?人数|受访人数|参与调查人数|样本(?:数|量|人数)|(?:有效)?问卷(?:数|份数|数量)"
)
_PERSONS = "persons"


@register_check("survey_respondents")
def check_survey_respondents(ctx: CheckContext) -> Iterator[Finding]:
    """Respondents of a survey row above the population the row surveys."""
    onto = ctx.links.ontology
    told: set[tuple[str, object]] = set()  # the parts of one survey repeat its count
    for cell in ctx.links.cells:
        if cell.family != _PERSONS or not cell.col or not _RESPONDENTS.search(cell.col):
            continue
        row = ctx.links.row_cells(cell.table, cell.row_index)
        canonical = next((c.canonical for c in row if c.canonical), None)
        population = _population(onto, canonical)
        year = max((c.period for c in row if c.period), default=None)
        if population is None or year is None or (population, cell.value) in told:
            continue
        counts = [c for c in ctx.links.cells_of(population) if c.period == year]
        if not counts or cell.value <= max(c.value for c in counts):
            continue
        told.add((population, cell.value))
        yield _finding(ctx, cell, counts[0], year)


def _population(onto: IndicatorOntology, canonical: str | None) -> str | None:
    """The population a survey row is drawn from, its own or its parent row's."""
    while canonical:
        indicator = onto.get(canonical)
        if indicator.surveyed:
            return indicator.surveyed
        canonical = indicator.parent
    return None


def _finding(ctx: CheckContext, cell: Observation, whole: Observation, year: str) -> Finding:
    message = (
        f"{where(ctx, cell)}为{fmt(cell.value)}人，多于{where(ctx, whole)}"
        f"（{period_text(year)}）{fmt(whole.value)}人：被调查者不应多于其所属群体"
        "（调查对象若含非全日制学生或调查时点不同，口径可能不同）"
    )
    return finding(
        "table_vs_table",
        "warning",
        message,
        cell.value,
        whole.value,
        [evidence_of(cell), evidence_of(whole)],
    )
