"""Reconciliation: registered checks compare what a report says with what it says elsewhere.

A check is a function ``CheckContext -> Iterable[Finding]`` registered under a name with
``@register_check``. Families of checks live in ``pipeline/checks/``; :func:`reconcile`
runs them, drops duplicates, orders the findings by where they occur in the document and
numbers them ``F1``, ``F2``, ….
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from nianbao.data import FINDING_TYPES, Claim, Finding, Table
from nianbao.errors import MESSAGES, UnknownName
from nianbao.link.links import Links

CheckFn = Callable[["CheckContext"], Iterable[Finding]]

CHECKS: dict[str, CheckFn] = {}


@dataclass(frozen=True, slots=True)
class CheckContext:
    """Everything a check may read; checks never change it."""

    claims: tuple[Claim, ...]
    tables: tuple[Table, ...]
    links: Links
    report_year: str | None
    text: str | None = None

    def table(self, table_id: str) -> Table | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def claim(self, claim_id: str) -> Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)


def register_check(name: str) -> Callable[[CheckFn], CheckFn]:
    """Register a check under ``name``; a second check with the same name is a bug."""

    def add(fn: CheckFn) -> CheckFn:
        if name in CHECKS and CHECKS[name] is not fn:
            raise ValueError(f"检查“{name}”已注册（check registered twice）")
        CHECKS[name] = fn
        return fn

    return add


def registered_checks() -> tuple[str, ...]:
    """The names of every registered check, sorted."""
    _load_checks()
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
    _load_checks()
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
            found.setdefault(_identity(f), f)
    ordered = sorted(found.values(), key=_order)
    return tuple(replace(f, id=f"F{i}") for i, f in enumerate(ordered, start=1))


def _load_checks() -> None:
    import nianbao.reconcile.checks  # noqa: F401  (importing the package registers every family)


def _identity(f: Finding) -> tuple[object, ...]:
    return (f.type, f.claimed, f.expected, tuple(f.evidence[:2]))


def _order(f: Finding) -> tuple[object, ...]:
    first = f.evidence[0] if f.evidence else None
    position = first.start if first and first.start is not None else 0
    rank = FINDING_TYPES.index(f.type) if f.type in FINDING_TYPES else len(FINDING_TYPES)
    return (position, rank, f.message, str(f.claimed), str(f.expected), f.check)
