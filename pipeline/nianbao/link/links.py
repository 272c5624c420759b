"""Linking: every claim gets its canonical indicator and the table cells it speaks about.

Tables are read once into :class:`Observation` records (one per numeric cell: which
indicator, which period, the value in base units and its printed precision) and their
rows into :class:`RowInfo` records (其中 parents, level groups). Claims become the same
kind of observation, so checks compare like with like.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TypeVar

from nianbao.data import Claim, Entity, Table
from nianbao.link.claims import claim_quantum, effective_role, read_claim
from nianbao.link.observations import (
    Observation,
    RowInfo,
    TableInfo,
    claim_year,
    is_period_label,
    period_year,
    ratio_terms,
)
from nianbao.link.scope import own_names
from nianbao.link.similarity import MIN_SCORE, label_score
from nianbao.link.tables import cell_observations, table_info
from nianbao.ontology import IndicatorOntology

K = TypeVar("K")

__all__ = [
    "Links",
    "Observation",
    "RowInfo",
    "TableInfo",
    "claim_quantum",
    "claim_year",
    "effective_role",
    "is_period_label",
    "link",
    "period_year",
    "ratio_terms",
]


@dataclass(frozen=True, slots=True)
class Links:
    """The link stage's output: claims with ``canonical`` filled and what they speak about."""

    claims: tuple[Claim, ...]
    cells: tuple[Observation, ...]  # every numeric table cell, in table and row order
    claim_observations: tuple[Observation, ...]  # one per claim, same order as ``claims``
    claim_cells: tuple[tuple[str, tuple[Observation, ...]], ...]  # claim id → cells it speaks about
    tables: tuple[TableInfo, ...]
    report_year: str | None
    ontology: IndicatorOntology = field(compare=False, repr=False)
    own_names: tuple[str, ...] = ()  # the reporting entity and the school its title names
    # lookups built once by link(), so checks stay linear in the size of a document
    _cells_by_claim: dict[str, tuple[Observation, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _claim_by_id: dict[str, Observation] = field(default_factory=dict, compare=False, repr=False)
    _by_canonical: dict[str, tuple[Observation, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _by_place: dict[tuple[str | None, str, str | None], tuple[Observation, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _by_row: dict[tuple[str | None, int], tuple[Observation, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _by_table: dict[str | None, tuple[Observation, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _claims_by_canonical: dict[str, tuple[Observation, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _claims_by_start: tuple[Observation, ...] = field(default=(), compare=False, repr=False)

    def cells_for(self, claim_id: str) -> tuple[Observation, ...]:
        """The table cells a claim speaks about (all periods; checks pick the period)."""
        return self._cells_by_claim.get(claim_id, ())

    def observation_of(self, claim_id: str) -> Observation | None:
        """The claim read as an observation."""
        return self._claim_by_id.get(claim_id)

    def cells_of(self, canonical: str | None) -> tuple[Observation, ...]:
        """Every table cell of one canonical indicator, in table order."""
        return self._by_canonical.get(canonical, ()) if canonical else ()

    def claims_of(self, canonical: str | None) -> tuple[Observation, ...]:
        """Every claim of one canonical indicator, in document order."""
        return self._claims_by_canonical.get(canonical, ()) if canonical else ()

    def claims_between(self, start: int, end: int) -> tuple[Observation, ...]:
        """Claims whose number starts in ``[start, end)``, by start: a sentence's or a
        clause's figures without a scan of the whole document."""
        by_start = self._claims_by_start
        lo = bisect_left(by_start, start, key=lambda o: o.start)
        hi = bisect_left(by_start, end, lo=lo, key=lambda o: o.start)
        return by_start[lo:hi]

    def series(self, table: str | None, label: str, unit: str | None) -> tuple[Observation, ...]:
        """The cells of one row (or column) of one table: the same figure for each year."""
        return self._by_place.get((table, label, unit), ())

    def row_cells(self, table: str | None, row_index: int) -> tuple[Observation, ...]:
        """The numeric cells of one table row."""
        return self._by_row.get((table, row_index), ())

    def table_cells(self, table: str | None) -> tuple[Observation, ...]:
        """The numeric cells of one table."""
        return self._by_table.get(table, ())

    def table_info(self, table_id: str) -> TableInfo | None:
        return next((t for t in self.tables if t.table == table_id), None)


def link(
    claims: tuple[Claim, ...],
    tables: tuple[Table, ...],
    ontology: IndicatorOntology,
    report_year: str | None,
    reporting_entity: str | None,
    *,
    text: str | None = None,
    entities: tuple[Entity, ...] = (),
) -> Links:
    """Canonical indicators for claims and cells, and per claim the cells it speaks about.

    ``text`` (the document text) lets a claim's surroundings decide: ``新增…的专业15个`` or
    ``24所中等职业学校共举办…`` name a subset, not the stock of 专业 or 学校; a paragraph
    about one named school speaks for that school, not for the reporting entity. A claim
    whose subject (among ``entities``) is another body than the report's own is not the
    report's figure.
    """
    own = own_names(text, reporting_entity, ontology)
    infos = tuple(table_info(t, ontology, own) for t in tables)
    cells = tuple(
        obs
        for t, info in zip(tables, infos, strict=True)
        for obs in cell_observations(t, info, ontology, report_year)
    )
    names = {e.id: e.text for e in entities}
    readings = _shared_indicators(claims)
    observations = tuple(
        read_claim(c, ontology, report_year, text, own, names.get(c.subject or ""))
        for c in readings
    )
    linked = tuple(
        replace(c, canonical=o.canonical) for c, o in zip(claims, observations, strict=True)
    )
    by_canonical = _group(cells, lambda c: c.canonical)
    by_key = _group((c for c in cells if c.canonical is None), lambda c: c.key)
    by_label = _group(cells, lambda c: c.label)
    claim_cells = tuple(
        (o.claim_id or "", _cells_about(o, by_canonical, by_key) or _similar_cells(o, by_label))
        for o in observations
    )
    return Links(
        linked,
        cells,
        observations,
        claim_cells,
        infos,
        report_year,
        ontology,
        own,
        _cells_by_claim=dict(claim_cells),
        _claim_by_id={o.claim_id: o for o in observations if o.claim_id},
        _by_canonical={k: v for k, v in by_canonical.items() if k},
        _by_place=_group(cells, lambda c: (c.table, c.label, c.unit)),
        _by_row=_group(cells, lambda c: (c.table, c.row_index)),
        _by_table=_group(cells, lambda c: c.table),
        _claims_by_start=tuple(sorted(observations, key=lambda o: o.start)),
        _claims_by_canonical={
            k: v for k, v in _group(observations, lambda o: o.canonical).items() if k
        },
    )


def _shared_indicators(claims: tuple[Claim, ...]) -> tuple[Claim, ...]:
    """Claims read with the widest indicator printed over theirs: in 开展实用技术培训10期、
    1954人次 the second figure's 培训 is the end of the first's 开展实用技术培训, and what
    it counts is that training, not every training. Only the reading changes; the claims
    the document records keep their own indicator."""
    # the widest indicator span per end offset: one pass, not a scan of all claims per claim
    widest: dict[int, Claim] = {}
    for c in claims:
        if c.indicator and c.indicator_start is not None and c.indicator_end is not None:
            held = widest.get(c.indicator_end)
            if held is None or c.indicator_start < (held.indicator_start or 0):
                widest[c.indicator_end] = c
    out = []
    for claim in claims:
        s, e = claim.indicator_start, claim.indicator_end
        wider = None
        if s is not None and e is not None:
            held = widest.get(e)
            if held is not None and held is not claim and (held.indicator_start or 0) < s:
                wider = held
        if wider is None:
            out.append(claim)
        else:
            out.append(
                replace(
                    claim,
                    indicator=wider.indicator,
                    indicator_start=wider.indicator_start,
                    indicator_end=wider.indicator_end,
                )
            )
    return tuple(out)


def _group(
    items: Iterable[Observation], key: Callable[[Observation], K]
) -> dict[K, tuple[Observation, ...]]:
    groups: dict[K, list[Observation]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return {k: tuple(v) for k, v in groups.items()}


def _cells_about(
    obs: Observation,
    by_canonical: dict[str | None, tuple[Observation, ...]],
    by_key: dict[str, tuple[Observation, ...]],
) -> tuple[Observation, ...]:
    """The cells of the same indicator and scope as a claim (every period); indicators the
    ontology does not know link through an identical row label."""
    if not obs.report_scope or obs.role not in ("value", "ratio", "share"):
        return ()
    if obs.canonical:
        candidates = by_canonical.get(obs.canonical, ())
    elif len(obs.key) >= 3:
        candidates = by_key.get(obs.key, ())
    else:
        return ()
    return tuple(c for c in candidates if c.report_scope and _families_fit(obs.family, c.family))


def _similar_cells(
    obs: Observation, by_label: dict[str, tuple[Observation, ...]]
) -> tuple[Observation, ...]:
    """Cells of the rows whose label the claim's indicator names best (link/similarity.py),
    each carrying its score; none below ``MIN_SCORE``."""
    if not obs.report_scope or obs.role != "value" or obs.source != "claim":
        return ()
    scored = [(label_score(obs.label, label), cells) for label, cells in by_label.items()]
    best = max((s for s, _ in scored), default=0.0)
    if best < MIN_SCORE:
        return ()
    return tuple(
        replace(c, by_label=True, link_score=round(s, 3))
        for s, cells in scored
        if s == best
        for c in cells
        if c.report_scope and _families_fit(obs.family, c.family)
    )


def _families_fit(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b or {a, b} == {"persons", "person_times"}
