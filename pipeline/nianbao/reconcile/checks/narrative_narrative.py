"""Narrative versus narrative: the same quantity stated twice in running text with
different values."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from nianbao.data import Finding
from nianbao.link.links import Observation
from nianbao.link.scope import speaks_for_the_whole
from nianbao.reconcile.checks.common import (
    compare_printed,
    evidence_of,
    finding,
    fits_qualifier,
    period_text,
    severity_of,
)
from nianbao.reconcile.registry import CheckContext, register_check
from nianbao.text.words import tagged_words

_MIN_PHRASE = 5  # characters: shorter phrases (招生计划, 总金额) recur for different things


@register_check("narrative_vs_narrative")
def check_repeated_quantities(ctx: CheckContext) -> Iterator[Finding]:
    """Claims of one indicator, period and scope that give different values.

    Indicators the ontology knows are compared as they are (``error``); a long indicator
    phrase it does not know, printed identically before both numbers and after the same
    words in its clause, only as a ``warning``: the same words may count different things
    in different places.
    """
    groups: dict[tuple[str, str, str | None], list[Observation]] = defaultdict(list)
    for obs in ctx.links.claim_observations:
        if not _comparable(obs) or not obs.period:
            continue
        if obs.canonical:
            groups[(obs.canonical, obs.period, obs.family)].append(obs)
        elif _plain_phrase(ctx, obs):
            phrase = f"“{_clause_lead(ctx, obs)}{obs.key}”"
            groups[(phrase, obs.period, obs.family)].append(obs)
    for (indicator, _, _), group in groups.items():
        clusters = _clusters(group)
        if len(clusters) < 2:
            continue
        reference = _reference(ctx, clusters)
        for cluster in clusters:
            if cluster is reference:
                continue
            for obs in cluster:
                yield _finding(obs, reference[0], known=not indicator.startswith("“"))


@register_check("narrative_bound")
def check_bounds_against_exact(ctx: CheckContext) -> Iterator[Finding]:
    """An approximate figure (逾百家企业, 近70家, 20余所) that no exact statement of the same
    known indicator, period and scope fits: 逾百家 in the foreword, 86家 in the chapter.

    Only a ``warning``: the looser figure may count looser ties.
    """
    exact: dict[tuple[str, str, str | None], list[Observation]] = defaultdict(list)
    bounds: list[Observation] = []
    for obs in ctx.links.claim_observations:
        if not obs.canonical or not obs.period or obs.source != "claim" or obs.role != "value":
            continue
        if not obs.report_scope or obs.near:
            continue
        if obs.qualifier == "exact":
            exact[(obs.canonical, obs.period, obs.family)].append(obs)
        elif obs.qualifier != "approx":
            bounds.append(obs)
    for bound in bounds:
        stated = exact.get((bound.canonical or "", bound.period or "", bound.family), [])
        if stated and not any(fits_qualifier(bound, o.value) for o in stated):
            yield _bound_finding(ctx, bound, stated[0])


def _bound_finding(ctx: CheckContext, bound: Observation, ref: Observation) -> Finding:
    name = ctx.links.ontology.get(bound.canonical or "").name
    said, other = (ctx.claim(o.claim_id or "") for o in (bound, ref))
    message = (
        f"正文两处{name}（{period_text(bound.period)}）不符：此处称“{said.text if said else bound.printed}”，"
        f"另一处为“{other.text if other else ref.printed}”（可能统计口径不同）"
    )
    return finding(
        "narrative_vs_narrative",
        "warning",
        message,
        bound.value,
        ref.value,
        [evidence_of(bound), evidence_of(ref)],
    )


def _comparable(obs: Observation) -> bool:
    return (
        obs.source == "claim"
        and obs.role == "value"
        and obs.qualifier == "exact"
        and obs.report_scope
        and not obs.near
    )


def _plain_phrase(ctx: CheckContext, obs: Observation) -> bool:
    """An indicator the ontology does not know, long enough to name one thing, printed
    before its number (``产教融合载体37个``) and outside brackets."""
    claim = ctx.claim(obs.claim_id or "")
    if claim is None or claim.indicator_start is None or claim.indicator_start > claim.number_start:
        return False
    if len(obs.key) < _MIN_PHRASE or not ctx.text:
        return False
    before = ctx.text[max(0, obs.start - 30) : obs.start]
    if before.rfind("（") > before.rfind("）") or before.rfind("(") > before.rfind(")"):
        return False
    # an aggregate (全市…, 我校…), not one programme or one partner of it (订单班学生48人)
    return speaks_for_the_whole(ctx.text, obs.start, ctx.links.own_names, ctx.links.ontology)


_CLAUSE_BREAKS = "，。；：、,;:！？\n"
_NOMINAL_TAGS = ("n", "b", "j", "eng")


def _clause_lead(ctx: CheckContext, obs: Observation) -> str:
    """The words of the clause before an unknown indicator (在四川省职业院校|技能大赛中获一等奖):
    the same phrase after another name is another count."""
    claim = ctx.claim(obs.claim_id or "")
    if claim is None or claim.indicator_start is None or not ctx.text:
        return ""
    start = claim.indicator_start
    floor = max(0, start - 30)
    cut = max(ctx.text.rfind(ch, floor, start) for ch in _CLAUSE_BREAKS)
    words = tagged_words(ctx.text[max(cut + 1, floor) : start].strip())
    # only the nouns that run straight into the indicator modify it (四川省职业院校|技能大赛);
    # a verb before it (全市建成|产教融合载体) starts the indicator afresh
    lead: list[str] = []
    for word, tag in reversed(words):
        if not tag.startswith(_NOMINAL_TAGS):
            break
        lead.insert(0, word)
    return "".join(lead)


def _clusters(group: list[Observation]) -> list[list[Observation]]:
    """Claims that agree at printed precision share a cluster; order follows the text."""
    clusters: list[list[Observation]] = []
    for obs in sorted(group, key=lambda o: o.start):
        home = next((c for c in clusters if compare_printed(c[0], obs) == "agree"), None)
        if home is None:
            clusters.append([obs])
        else:
            home.append(obs)
    return clusters


def _reference(ctx: CheckContext, clusters: list[list[Observation]]) -> list[Observation]:
    """The value to hold the others against: the one a table confirms, else the most
    repeated, else the first stated."""
    for cluster in clusters:
        cells = ctx.links.cells_for(cluster[0].claim_id or "")
        if any(
            c.period == cluster[0].period and compare_printed(cluster[0], c) == "agree"
            for c in cells
        ):
            return cluster
    return max(clusters, key=len)


def _finding(obs: Observation, ref: Observation, *, known: bool) -> Finding:
    result = compare_printed(obs, ref)
    message = (
        f"正文两处{obs.label}（{period_text(obs.period)}）不一致：此处为{obs.printed}，"
        f"另一处（{ref.label}）为{ref.printed}"
    )
    if not known:
        message += "（该指标不在指标库中，两处说法相同，可能统计口径或范围不同）"
    return finding(
        "narrative_vs_narrative",
        severity_of(result, definite=known),
        message,
        obs.value,
        ref.value,
        [evidence_of(obs), evidence_of(ref)],
    )
