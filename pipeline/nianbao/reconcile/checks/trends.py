"""Trend statements against the series a table prints: ``在校生人数逐年增长`` while the
table's 在校生 fall from 2023 to 2024.

A trend word (逐年, 持续, 稳步, 连续三年; 有所 for the last year's change) with a direction (上升, 增长 … / 下降, 减少 …) is
held against every consecutive pair of years of the one table series of the indicator its
clause names, the indicator read as the longest run of the clause's last words the ontology
knows (全市中职学校|在校生人数). A pair that moves the other way contradicts the statement;
a pair that holds still does not (a rounded figure may hide a small change). Only a
``warning``: the statement may speak of years the table does not print.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import regex

from nianbao.data import Evidence, Finding
from nianbao.link.observations import Observation
from nianbao.reconcile.checks.common import evidence_of, finding, where
from nianbao.reconcile.registry import CheckContext, register_check
from nianbao.text.spans import CLAUSE_ENDS, start_of
from nianbao.text.words import tagged_words

_TREND = regex.compile(
    r"(?:逐年|连年|持续|稳步|不断|有所|连续[0-9一二两三四五六七八九十]+年)"
    r"(?P<dir>上升|增长|提高|提升|增加|攀升|扩大|下降|减少|降低|下滑|回落)"
)
_UP = frozenset({"上升", "增长", "提高", "提升", "增加", "攀升", "扩大"})
# words after the indicator that say "the size of it" (在校生规模): the indicator is before them
_SIZE_WORDS = ("规模", "总量", "总数", "数量", "水平")


@register_check("trend_statements")
def check_trend_statements(ctx: CheckContext) -> Iterator[Finding]:
    """逐年增长 / 持续下降 against the years of the table series of the same indicator."""
    if not ctx.text:
        return
    for m in _TREND.finditer(ctx.text):
        canonical = _indicator_before(ctx, m.start())
        if canonical is None:
            continue
        series = _series(ctx, canonical)
        rising = m.group("dir") in _UP
        for earlier, later in pairwise(series):
            moved = later.value - earlier.value
            if (moved < 0 and rising) or (moved > 0 and not rising):
                yield _finding(ctx, m, earlier, later)
                break


def _indicator_before(ctx: CheckContext, at: int) -> str | None:
    """The known indicator the clause before the trend word ends with."""
    onto = ctx.links.ontology
    clause = (ctx.text or "")[start_of(ctx.text or "", at, CLAUSE_ENDS) : at].strip()
    for word in _SIZE_WORDS:
        clause = clause.removesuffix(word)
    words = [w for w, _ in tagged_words(clause)]
    for k in range(len(words)):
        match = onto.lookup("".join(words[k:]), None)
        if match is not None and not match.near:
            return match.indicator.id
    return None


def _series(ctx: CheckContext, canonical: str) -> list[Observation]:
    """The longest series of the indicator in one table, by year."""
    by_table: dict[str | None, dict[str, Observation]] = {}
    for cell in ctx.links.cells_of(canonical):
        if cell.period and cell.report_scope and cell.role == "value":
            by_table.setdefault(cell.table, {}).setdefault(cell.period, cell)
    if not by_table:
        return []
    longest = max(by_table.values(), key=len)
    return [longest[p] for p in sorted(longest)] if len(longest) >= 2 else []


def _finding(
    ctx: CheckContext, m: regex.Match[str], earlier: Observation, later: Observation
) -> Finding:
    sentence_start = start_of(ctx.text or "", m.start())
    said = (ctx.text or "")[sentence_start : m.end()].strip()
    message = (
        f"正文称“{said}”，但{where(ctx, later)}为{later.printed}，"
        f"{earlier.period}年为{earlier.printed}，走势与正文相反"
    )
    evidence = [
        Evidence(kind="text", start=sentence_start, end=m.end()),
        evidence_of(later),
        evidence_of(earlier),
    ]
    return finding("narrative_vs_table", "warning", message, later.value, earlier.value, evidence)
