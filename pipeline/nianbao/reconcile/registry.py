"""Reconciliation: registered checks compare what a report says with what it says elsewhere.

A check is a function ``CheckContext -> Iterable[Finding]`` registered under a name with
``@register_check``. Families of checks live in ``pipeline/checks/``; :func:`reconcile`
runs them, drops duplicates, orders the findings by where they occur in the document and
numbers them ``F1``, ``F2``, ….
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from nianbao.data import Claim, Finding, Table
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
