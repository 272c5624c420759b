"""Narrative versus narrative: the same quantity stated twice in running text with
different values."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from pipeline.checks.common import compare_printed, evidence_of, finding, period_text, severity_of
from pipeline.data import Finding
from pipeline.link import Observation
from pipeline.reconcile import CheckContext, register_check


@register_check("narrative_vs_narrative")
def check_repeated_quantities(ctx: CheckContext) -> Iterator[Finding]:
    """Claims of one indicator, period and scope that give different values."""
    groups: dict[tuple[str, str, str | None], list[Observation]] = defaultdict(list)
    for obs in ctx.links.claim_observations:
        if _comparable(obs) and obs.canonical and obs.period:
            groups[(obs.canonical, obs.period, obs.family)].append(obs)
    for group in groups.values():
        clusters = _clusters(group)
        if len(clusters) < 2:
            continue
        reference = _reference(ctx, clusters)
        for cluster in clusters:
            if cluster is reference:
                continue
            for obs in cluster:
                yield _finding(obs, reference[0])


def _comparable(obs: Observation) -> bool:
    return (
        obs.source == "claim"
        and obs.role == "value"
        and obs.qualifier == "exact"
        and obs.report_scope
        and not obs.near
    )


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


def _finding(obs: Observation, ref: Observation) -> Finding:
    result = compare_printed(obs, ref)
    message = (
        f"正文两处{obs.label}（{period_text(obs.period)}）不一致：此处为{obs.printed}，"
        f"另一处（{ref.label}）为{ref.printed}"
    )
    return finding(
        "narrative_vs_narrative",
        severity_of(result),
        message,
        obs.value,
        ref.value,
        [evidence_of(obs), evidence_of(ref)],
    )
