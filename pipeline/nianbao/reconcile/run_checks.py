"""Reconciliation: run the registered checks, drop duplicates, order the findings by where
they occur in the document and number them ``F1``, ``F2``, ….
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

import nianbao.reconcile.checks  # noqa: F401  (importing the package registers every family)
from nianbao.data import FINDING_TYPES, Claim, Finding, Table
from nianbao.errors import MESSAGES, UnknownName
from nianbao.link.links import Links
from nianbao.reconcile.registry import CHECKS, CheckContext


def registered_checks() -> tuple[str, ...]:
    """The names of every registered check, sorted."""
    return tuple(sorted(CHECKS))


def reconcile(
    claims: tuple[Claim, ...],
    tables: tuple[Table, ...],
    links: Links,
    report_year: str | None,
    *,
    text: str | None = None,
    checks: Iterable[str] | None = None,
) -> tuple[Finding, ...]:
    """Run the registered checks (or the named ones) and return numbered findings.

    ``text`` is the document text; checks that read running text (dates, clauses) are
    skipped without it.
    """
    names = sorted(CHECKS) if checks is None else list(checks)
    unknown = [n for n in names if n not in CHECKS]
    if unknown:
        message = MESSAGES["unknown_name"].format(
            what="检查", name=unknown[0], options="、".join(sorted(CHECKS))
        )
        raise UnknownName(message)
    context = CheckContext(claims, tables, links, report_year, text)
    found: dict[tuple[object, ...], Finding] = {}
    for name in names:
        for finding in CHECKS[name](context):
            f = replace(finding, check=name)
            key = _identity(f)
            kept = found.setdefault(key, f)
            if kept is not f:
                # The same complaint about the same figure reached another way (a table
                # cell, a formula over two cells): one finding with every source as evidence.
                extra = tuple(e for e in f.evidence if e not in kept.evidence)
                found[key] = replace(kept, evidence=kept.evidence + extra)
    ordered = sorted(found.values(), key=_order)
    return tuple(replace(f, id=f"F{i}") for i, f in enumerate(ordered, start=1))


def _identity(f: Finding) -> tuple[object, ...]:
    """A finding's problem: its type, its numbers, and the figure it is raised on."""
    first = f.evidence[0] if f.evidence else None
    place: tuple[object, ...] | None = (
        (first.kind, first.id, first.table, first.row, first.col) if first else None
    )
    if first is not None and first.kind == "text":
        place = (first.kind, first.start, first.end)  # a passage has no id: where it is
    expected = f.expected.quantize(Decimal("0.01")) if f.expected is not None else None
    return (f.type, f.claimed, expected, place)


def _order(f: Finding) -> tuple[object, ...]:
    first = f.evidence[0] if f.evidence else None
    position = first.start if first and first.start is not None else 0
    rank = FINDING_TYPES.index(f.type) if f.type in FINDING_TYPES else len(FINDING_TYPES)
    return (position, rank, f.message, str(f.claimed), str(f.expected), f.check)
