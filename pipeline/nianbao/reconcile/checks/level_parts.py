"""A level's count in running text above the table's count of the whole: ``遴选认定…等35门
课程为市级在线精品课`` while 教学资源表 prints 23 在线精品课程 for the year. Courses,
majors or bases of one level (国家级, 省级, 市级, 校级) are a part of all of them, whether
the table prints that level's row or not.

The claim names a level and then an indicator the ontology knows, in its own words
(省级在线精品课程2门) or in the designation that follows it (N门课程为市级在线精品课). Only
the report's own exact figures are read, and the whole is every table cell of the
indicator for the claim's year in the claim's unit family: a claim above all of them is
reported. A ``warning``: the text may count courses built over several years.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from nianbao.data import Finding
from nianbao.link.links import Observation
from nianbao.ontology import default_ontology
from nianbao.reconcile.checks.common import (
    evidence_of,
    finding,
    fmt,
    is_exact_claim,
    period_text,
    where,
)
from nianbao.reconcile.registry import CheckContext, register_check

# the ontology's level words, longest first (地市级 before 市级)
_LEVEL = "(?P<level>{})".format(
    "|".join(sorted(default_ontology().level_words, key=len, reverse=True))
)
# The level opens the indicator, after at most a few words that introduce it (累计建成).
_LEVELLED = regex.compile(rf"^\p{{Han}}{{0,4}}?{_LEVEL}(?P<rest>\p{{Han}}{{2,16}})$")
# N门课程为市级在线精品课, N个专业被评为省级骨干专业: the designation names what is counted.
_DESIGNATION = regex.compile(
    rf"\s*(?:被?(?:认定|评|确定|遴选|立项)为|为|入选(?:为)?){_LEVEL}(?P<rest>\p{{Han}}{{2,16}})"
)


@register_check("level_part_above_whole")
def check_level_parts(ctx: CheckContext) -> Iterator[Finding]:
    """A count of one level of an indicator above the table's count of all levels."""
    onto = ctx.links.ontology
    for obs in ctx.links.claim_observations:
        if obs.role != "value" or not is_exact_claim(obs) or obs.family is None:
            continue
        named = _levelled(ctx, obs)
        if named is None:
            continue
        level, rest = named
        match = onto.lookup(rest, obs.unit)
        if match is None:
            continue
        wholes = [
            c
            for c in ctx.links.cells_of(match.indicator.id)
            if c.period == obs.period and c.family == obs.family
        ]
        if wholes and obs.value > max(c.value for c in wholes):
            yield _finding(ctx, obs, level + rest, wholes[0])


def _levelled(ctx: CheckContext, obs: Observation) -> tuple[str, str] | None:
    """The level and the indicator after it, from the claim's words or its designation."""
    own = _LEVELLED.match(obs.label or "")
    if own:
        return own["level"], own["rest"]
    claim = ctx.claim(obs.claim_id or "")
    if ctx.text is None or claim is None:
        return None
    designation = _DESIGNATION.match(ctx.text, claim.end)
    if designation:
        return designation["level"], designation["rest"]
    return None


def _finding(ctx: CheckContext, obs: Observation, named: str, whole: Observation) -> Finding:
    message = (
        f"正文称{named}{obs.printed}（{period_text(obs.period)}），多于{where(ctx, whole)}"
        f"的{fmt(whole.value)}{whole.unit or ''}：一个级别的数量不应超过总数"
        "（正文若累计了多年的数量，口径可能不同）"
    )
    return finding(
        "narrative_vs_table",
        "warning",
        message,
        obs.value,
        whole.value,
        [evidence_of(obs), evidence_of(whole)],
    )
