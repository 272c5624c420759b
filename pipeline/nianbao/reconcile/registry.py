"""Reconciliation: registered checks compare what a report says with what it says elsewhere.

A check is a function ``CheckContext -> Iterable[Finding]`` registered under a name with
``@register_check``. Families of checks live in ``pipeline/checks/``; :func:`reconcile`
runs them, drops duplicates, orders the findings by where they occur in the document and
numbers them ``F1``, ``F2``, ….
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

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
    # by id, built once: checks look a claim up per observation, so a scan would make
    # them quadratic in the claims
    _claim_by_id: dict[str, Claim] = field(init=False, repr=False, compare=False)
    # look-ups the checks share, computed on first use (see checks.common.stated_figures)
    memo: dict[object, object] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_claim_by_id", {c.id: c for c in reversed(self.claims)})

    def table(self, table_id: str) -> Table | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def claim(self, claim_id: str) -> Claim | None:
        return self._claim_by_id.get(claim_id)


def register_check(name: str) -> Callable[[CheckFn], CheckFn]:
    """Register a check under ``name``; a second check with the same name is a bug."""

    def add(fn: CheckFn) -> CheckFn:
        if name in CHECKS and CHECKS[name] is not fn:
            raise ValueError(f"检查“{name}”已注册（check registered twice）")
        CHECKS[name] = fn
        return fn

    return add
