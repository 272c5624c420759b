"""Linking: every claim gets its canonical indicator and the table cells it speaks about.

Tables are read once into :class:`Observation` records (one per numeric cell: which
indicator, which period, the value in base units and its printed precision) and their
rows into :class:`RowInfo` records (其中 parents, level groups). Claims become the same
kind of observation, so checks compare like with like.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Literal

import regex

from pipeline.data import Claim, Table
from pipeline.numbers import ARABIC_NUMBER, decimals_of, normalise_digits, parse_arabic
from pipeline.ontology import IndicatorOntology, Match, core_key, indicator_key

_YEAR = regex.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")
_YEAR_LABEL = regex.compile(
    r"^(?:(?:19|20)[0-9]{2}\s*(?:[-—–~～/至]\s*(?:19|20)[0-9]{2})?\s*(?:学年度|学年|年度|年)?)$"
)
_SPAN_WORDS = regex.compile(r"近\p{Han}{0,2}年|累计|以来|历年|[0-9]{4}\s*[-—–~～至]\s*[0-9]{4}\s*年(?!度)")
_THIS_YEAR = regex.compile(r"本学年|本年度|今年|当年|本年|本届")
_LAST_YEAR = regex.compile(r"上一?学年|上一?年度?|去年|前一年")
_FIRST_NUMBER = regex.compile(ARABIC_NUMBER)
_SCHOOL_NAME = regex.compile(
    r"\p{Han}{2,10}(?:职校|职中|职教中心|教育中心|中专|卫校|技校)|\p{Han}{2,14}(?:学校|学院)"
)
_GENERIC_SCHOOLS = regex.compile(
    r"(?:中等职业技术学校|中等职业学校|中职学校|职业学校|职业院校|技工学校|技工院校|高职院校|各类学校)$"
)
_SHARE_WORD = regex.compile(r"占(?![地用有领])")
_SHARE_DENOMINATOR = regex.compile(r"占(?P<den>[^，。；、占]{1,24}?)(?:的)?(?:比例|比重|比率)?(?:为|达到?|约)?\s*$")
_SHARE_NUMERATOR = regex.compile(r"^(?P<num>.{1,24}?)占(?P<den>.{1,24}?)(?:的)?(?:比例|比重|比率|之比)?$")
_CHANGE_FRAME = regex.compile(
    r"(?:同比|环比|比上一?学?年度?|较上一?学?年度?|较去年|比去年|较上一?轮|比上一?轮|"
    r"较(?:19|20)[0-9]{2}年度?|比(?:19|20)[0-9]{2}年度?|较上届|比上届)"
)

Source = Literal["cell", "claim"]


@dataclass(frozen=True, slots=True)
class Observation:
    """One number the document states: a table cell or a narrative claim, read the same way."""

    source: Source
    label: str  # the indicator as printed: row or column label, or the claim's indicator
    key: str  # indicator_key(label)
    canonical: str | None
    near: bool  # matched through a near synonym or a near unit (人 vs 人次)
    period: str | None  # a year such as "2024"; None when unknown
    value: Decimal  # in the unit family's base unit (万元 → 元)
    quantum: Decimal  # printed precision in base units: 0.01 for "36.10", 10000 for "3万"
    printed: str  # the number with its unit as printed
    unit: str | None
    family: str | None
    qualifier: str = "exact"
    role: str = "value"  # value | change | share | ratio
    claim_id: str | None = None
    table: str | None = None
    row: str | None = None
    col: str | None = None
    row_index: int = -1
    col_index: int = -1
    start: int = 0
    end: int = 0
    report_scope: bool = True  # about the reporting entity, not one named school
    direction: int = 0  # for changes: +1 增加, -1 减少, 0 unknown
    numerator: str | None = None  # for shares: canonical of the part (X占Y)
    denominator: str | None = None  # for shares: canonical of the whole
    ratio_terms: tuple[Decimal, ...] = ()  # every term of a printed a:b ratio


@dataclass(frozen=True, slots=True)
class RowInfo:
    """A table row with what the checks need to know about its place in the table."""

    index: int
    label: str
    key: str
    core: str
    unit: str | None
    family: str | None
    kind: str
    explicit_part: bool  # printed with 其中
    parent_index: int | None  # the row an explicit part (or its continuation) belongs to
    level: str | None  # 国家级/省级/校级 when a level row
    level_parent_index: int | None  # the total the level row adds up to
    number: str = ""
    continuation_of: int | None = None  # a unit-only continuation row continues this row


@dataclass(frozen=True, slots=True)
class TableInfo:
    """How a table is laid out: periods in rows or columns, and its rows."""

    table: str
    periods_in_rows: bool
    report_scope: bool
    rows: tuple[RowInfo, ...]


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

    def cells_for(self, claim_id: str) -> tuple[Observation, ...]:
        """The table cells a claim speaks about (all periods; checks pick the period)."""
        return next((cells for cid, cells in self.claim_cells if cid == claim_id), ())

    def observation_of(self, claim_id: str) -> Observation | None:
        """The claim read as an observation."""
        return next((o for o in self.claim_observations if o.claim_id == claim_id), None)

    def table_info(self, table_id: str) -> TableInfo | None:
        return next((t for t in self.tables if t.table == table_id), None)


def link(
    claims: tuple[Claim, ...],
    tables: tuple[Table, ...],
    ontology: IndicatorOntology,
    report_year: str | None,
    reporting_entity: str | None,
) -> Links:
    """Canonical indicators for claims and cells, and per claim the cells it speaks about."""
    infos = tuple(_table_info(t, ontology, reporting_entity) for t in tables)
    cells = tuple(
        obs for t, info in zip(tables, infos, strict=True) for obs in _cell_observations(t, info, ontology, report_year)
    )
    observations = tuple(_claim_observation(c, ontology, report_year) for c in claims)
    linked = tuple(replace(c, canonical=o.canonical) for c, o in zip(claims, observations, strict=True))
    claim_cells = tuple((o.claim_id or "", _cells_about(o, cells)) for o in observations)
    return Links(linked, cells, observations, claim_cells, infos, report_year, ontology)


# --- periods ------------------------------------------------------------------------


def period_year(text: str | None, report_year: str | None = None) -> str | None:
    """The year a period names: ``2023-2024学年`` → 2024, ``上一年`` → report year − 1."""
    if not text:
        return None
    t = unicodedata.normalize("NFKC", text)
    years = _YEAR.findall(t)
    if len(years) >= 2 and int(years[-1]) - int(years[-2]) == 1:
        return years[-1]
    if len(years) == 1:
        return years[0]
    if years:
        return None  # a span such as 2024-2026年
    if report_year and _THIS_YEAR.search(t):
        return report_year
    if report_year and report_year.isdigit() and _LAST_YEAR.search(t):
        return str(int(report_year) - 1)
    return None


def claim_year(period: str | None, report_year: str | None) -> str | None:
    """A claim's year: its stated period, the report year when none is stated, None for spans."""
    if not period:
        return report_year
    if _SPAN_WORDS.search(unicodedata.normalize("NFKC", period)):
        return None
    return period_year(period, report_year)


def is_period_label(label: str) -> bool:
    """A row or column label that is a year or school year (``2023年``, ``2022—2023学年``)."""
    return bool(_YEAR_LABEL.match(regex.sub(r"\s+", "", unicodedata.normalize("NFKC", label))))


# --- tables -------------------------------------------------------------------------


def _table_info(table: Table, onto: IndicatorOntology, reporting_entity: str | None) -> TableInfo:
    period_rows = sum(1 for r in table.rows if r.period or is_period_label(r.label))
    periods_in_rows = bool(table.rows) and period_rows * 2 >= len(table.rows)
    rows = _row_infos(table, onto) if not periods_in_rows else ()
    return TableInfo(table.id, periods_in_rows, _about_reporting_entity(table, reporting_entity), rows)


def _about_reporting_entity(table: Table, reporting_entity: str | None) -> bool:
    """Annex tables and tables whose title names no single school speak for the report."""
    if table.appendix:
        return True
    title = unicodedata.normalize("NFKC", table.title)
    for m in _SCHOOL_NAME.finditer(title):
        name = m.group(0)
        if (reporting_entity and reporting_entity in name) or _GENERIC_SCHOOLS.search(name):
            continue
        return False
    return True


def _row_infos(table: Table, onto: IndicatorOntology) -> tuple[RowInfo, ...]:
    base: list[RowInfo] = []
    for i, row in enumerate(table.rows):
        continuation = _continues(table, i)
        label = table.rows[continuation].label if continuation is not None and not row.label.strip() else row.label
        unit = row.unit or next((c.unit for c in row.cells if c.unit), None) or table.caption_unit
        base.append(
            RowInfo(
                index=i,
                label=label,
                key=indicator_key(label),
                core=core_key(label),
                unit=unit,
                family=onto.family(unit),
                kind=row.kind,
                explicit_part=_is_explicit_part(label),
                parent_index=None,
                level=onto.is_level_label(label),
                level_parent_index=None,
                number=row.number,
                continuation_of=continuation,
            )
        )
    with_parents = [replace(r, parent_index=_part_parent(base, r, table)) for r in base]
    with_parents = [_continuation_parent(with_parents, r) for r in with_parents]
    return tuple(_with_level_parents(with_parents, onto))


def _continues(table: Table, i: int) -> int | None:
    """The row a unit-only continuation row (``| | 学时 | …``) continues."""
    row = table.rows[i]
    if row.kind != "unit_continuation" and row.label.strip():
        return None
    if row.parent:
        for j in range(i - 1, -1, -1):
            if table.rows[j].label == row.parent:
                return j
    for j in range(i - 1, -1, -1):
        if table.rows[j].kind != "unit_continuation" and table.rows[j].label.strip():
            return j
    return None


def _is_explicit_part(label: str) -> bool:
    return unicodedata.normalize("NFKC", label).lstrip().startswith("其中")


def _part_parent(rows: list[RowInfo], row: RowInfo, table: Table) -> int | None:
    """The whole an explicit 其中 row belongs to: the row whose head noun it ends with, the
    parser's ``parent``, or else the nearest row above that is no part itself."""
    if not row.explicit_part or row.continuation_of is not None:
        return None
    above = [r for r in rows[: row.index] if r.continuation_of is None]
    for r in reversed(above):
        if r.core and row.core != r.core and row.core.endswith(r.core) and r.family == row.family:
            return r.index
    parent_label = table.rows[row.index].parent
    if parent_label:
        for r in reversed(above):
            if r.label == parent_label:
                return r.index
    for r in reversed(above):
        if not r.explicit_part and r.level is None:
            return r.index
    return None


def _continuation_parent(rows: list[RowInfo], row: RowInfo) -> RowInfo:
    """A continuation row of a part belongs to the whole's continuation row in the same unit."""
    if row.continuation_of is None:
        return row
    base = rows[row.continuation_of]
    whole = base.parent_index
    if whole is None:
        return replace(row, explicit_part=base.explicit_part)
    for r in rows[whole + 1 :]:
        if r.continuation_of == whole and r.unit == row.unit:
            return replace(row, explicit_part=base.explicit_part, parent_index=r.index)
    return replace(row, explicit_part=base.explicit_part)


def _with_level_parents(rows: list[RowInfo], onto: IndicatorOntology) -> list[RowInfo]:
    """Level rows (国家级/省级/校级) grouped under the total above them."""
    out = list(rows)
    group_parent: int | None = None
    seen_levels: set[str] = set()
    for r in rows:
        if r.level is None:
            if r.number and group_parent is not None:
                group_parent, seen_levels = None, set()
            continue
        if group_parent is None or r.level in seen_levels or rows[group_parent].family != r.family:
            group_parent = _level_total(rows, r, onto)
            seen_levels = set()
        seen_levels.add(r.level)
        out[r.index] = replace(r, level_parent_index=group_parent)
    return out


def _level_total(rows: list[RowInfo], level_row: RowInfo, onto: IndicatorOntology) -> int | None:
    for r in reversed(rows[: level_row.index]):
        if r.level is not None or r.continuation_of is not None or onto.is_level_sub_row(r.label):
            continue
        if r.family == level_row.family:
            return r.index
    return None


def _cell_observations(
    table: Table, info: TableInfo, onto: IndicatorOntology, report_year: str | None
) -> list[Observation]:
    title_year = _single_year(table.title)
    out: list[Observation] = []
    has_period_columns = any(c.period or is_period_label(c.col) for r in table.rows for c in r.cells)
    for i, row in enumerate(table.rows):
        row_info = info.rows[i] if info.rows else None
        for j, cell in enumerate(row.cells):
            if cell.value is None:
                continue
            unit = cell.unit or row.unit or table.caption_unit
            if info.periods_in_rows:
                label, period = cell.col, period_year(row.period or row.label, report_year)
                indicator_column = True
            else:
                label = row_info.label if row_info else row.label
                period_text = cell.period or (cell.col if is_period_label(cell.col) else None)
                period = period_year(period_text, report_year)
                indicator_column = period_text is not None or (
                    not has_period_columns and _generic_column(cell.col, onto)
                )
                if period is None and (indicator_column or not has_period_columns):
                    period = title_year or report_year
                if not indicator_column:
                    label = f"{label}/{cell.col}"
            match = onto.lookup(label, unit) if indicator_column else None
            if match and row_info and row_info.explicit_part and not _fits_parent(match, row_info, info, table, onto):
                match = None
            out.append(_cell_observation(table, info, i, j, label, period, unit, match, onto))
    return out


def _fits_parent(match: Match, row: RowInfo, info: TableInfo, table: Table, onto: IndicatorOntology) -> bool:
    """A 其中 row keeps a canonical only if the ontology makes it a part of the row above it."""
    if row.parent_index is None:
        return False
    parent = onto.lookup(info.rows[row.parent_index].label, info.rows[row.parent_index].unit)
    return parent is not None and onto.related(match.indicator.id, parent.indicator.id)


def _generic_column(col: str, onto: IndicatorOntology) -> bool:
    return regex.sub(r"\s+", "", col) in onto.generic_value_columns


def _single_year(text: str) -> str | None:
    years = set(_YEAR.findall(unicodedata.normalize("NFKC", text)))
    return years.pop() if len(years) == 1 else None


def _cell_observation(
    table: Table,
    info: TableInfo,
    i: int,
    j: int,
    label: str,
    period: str | None,
    unit: str | None,
    match: Match | None,
    onto: IndicatorOntology,
) -> Observation:
    row = table.rows[i]
    cell = row.cells[j]
    assert cell.value is not None
    unit_info = onto.unit(unit)
    factor = unit_info.factor if unit_info else Decimal(1)
    terms = ratio_terms(cell.text)
    decimals = _decimals_of_value(cell.text, cell.value, terms)
    return Observation(
        source="cell",
        label=label,
        key=indicator_key(label),
        canonical=match.indicator.id if match else None,
        near=bool(match and match.near),
        period=period,
        value=cell.value * factor,
        quantum=Decimal(1).scaleb(-decimals) * factor,
        printed=f"{cell.text.strip()}{'' if unit in (None, 'ratio') or cell.text.strip().endswith(unit) else unit}",
        unit=unit,
        family=unit_info.family if unit_info else None,
        table=table.id,
        row=row.label if row.label.strip() else label,
        col=cell.col,
        row_index=i,
        col_index=j,
        start=cell.start,
        end=cell.end,
        report_scope=info.report_scope,
        ratio_terms=terms,
    )


def ratio_terms(text: str) -> tuple[Decimal, ...]:
    """Both numbers of a printed ratio ``33.4:66.6`` (empty when the text is no ratio)."""
    t = normalise_digits(unicodedata.normalize("NFKC", text))
    if ":" not in t:
        return ()
    terms = [parse_arabic(p) for p in t.split(":")]
    return tuple(x for x in terms if x is not None) if len(terms) == 2 and None not in terms else ()


def _decimals_of_value(text: str, value: Decimal, terms: tuple[Decimal, ...]) -> int:
    if terms:
        t = normalise_digits(unicodedata.normalize("NFKC", text))
        for part in t.split(":"):
            if parse_arabic(part) == value:
                return decimals_of(part)
    m = _FIRST_NUMBER.search(unicodedata.normalize("NFKC", text))
    return decimals_of(m.group(0)) if m else 0


# --- claims -------------------------------------------------------------------------


def _claim_observation(claim: Claim, onto: IndicatorOntology, report_year: str | None) -> Observation:
    role = effective_role(claim, onto)
    label = claim.indicator or _text_before_number(claim)
    direction = _direction(claim, onto) if role == "change" else 0
    base = _strip_change_words(label, onto) if role == "change" else label
    unit_info = onto.unit(claim.unit)
    family = unit_info.family if unit_info else None
    lookup_unit = None if role == "change" and family in ("percent", "points") else claim.unit
    match = onto.lookup(base, lookup_unit)
    numerator = denominator = None
    if role == "share":
        numerator, denominator = _share_terms(claim, label, onto)
        if match and match.indicator.units and onto.family(match.indicator.units[0]) != "percent":
            match = None
    terms = ratio_terms(claim.number_text)
    return Observation(
        source="claim",
        label=base,
        key=indicator_key(base),
        canonical=match.indicator.id if match else None,
        near=bool(match and match.near),
        period=claim_year(claim.period, report_year),
        value=claim.value,
        quantum=claim_quantum(claim),
        printed=_printed_claim(claim),
        unit=claim.unit,
        family=family,
        qualifier=claim.qualifier,
        role=role,
        claim_id=claim.id,
        start=claim.start,
        end=claim.end,
        report_scope=claim.subject is None,
        direction=direction,
        numerator=numerator,
        denominator=denominator,
        ratio_terms=terms,
    )


def effective_role(claim: Claim, onto: IndicatorOntology) -> str:
    """The claim's role, read from its wording when the claim stage left the default."""
    if claim.role != "value":
        return claim.role
    before = claim.text[: max(0, claim.number_start - claim.start)]
    words = (claim.indicator or "") + before
    if _CHANGE_FRAME.search(words) or any(before.rstrip().endswith(w) for w in (*onto.up_words, *onto.down_words)):
        return "change"
    if claim.unit in ("个百分点", "百分点"):
        return "change"
    if _SHARE_WORD.search(before) or regex.search(r"占.{0,20}(?:比例|比重)$", claim.indicator or ""):
        return "share"
    if claim.kind == "ratio":
        return "ratio"
    return "value"


def _direction(claim: Claim, onto: IndicatorOntology) -> int:
    words = (claim.indicator or "") + claim.text[: max(0, claim.number_start - claim.start)]
    down = max((words.rfind(w) for w in onto.down_words), default=-1)
    up = max((words.rfind(w) for w in onto.up_words), default=-1)
    if down < 0 and up < 0:
        return 0
    return -1 if down > up else 1


def _strip_change_words(label: str, onto: IndicatorOntology) -> str:
    t = _CHANGE_FRAME.sub("", label)
    for w in sorted((*onto.up_words, *onto.down_words), key=len, reverse=True):
        t = t.replace(w, "")
    t = regex.sub(r"(?:幅度|幅|数|量|了)+$", "", t)
    return t or label


def _share_terms(claim: Claim, label: str, onto: IndicatorOntology) -> tuple[str | None, str | None]:
    """``X占Y的比例``: the canonical ids of the part X and the whole Y, where known."""
    numerator = denominator = None
    m = _SHARE_NUMERATOR.match(unicodedata.normalize("NFKC", label))
    if m:
        num = onto.lookup(m.group("num"))
        den = onto.lookup(m.group("den"))
        numerator = num.indicator.id if num else None
        denominator = den.indicator.id if den else None
    before = unicodedata.normalize("NFKC", claim.text[: max(0, claim.number_start - claim.start)])
    d = _SHARE_DENOMINATOR.search(before)
    if d and denominator is None:
        den = onto.lookup(d.group("den"))
        denominator = den.indicator.id if den else None
    return numerator, denominator


def _text_before_number(claim: Claim) -> str:
    return claim.text[: max(0, claim.number_start - claim.start)].strip()


def claim_quantum(claim: Claim) -> Decimal:
    """The printed precision of a claim in base units: ``1.07624万元`` → 0.1 元."""
    text = unicodedata.normalize("NFKC", claim.number_text)
    terms = ratio_terms(text)
    if terms:
        decimals = _decimals_of_value(text, claim.value, terms)
        return Decimal(1).scaleb(-decimals)
    m = _FIRST_NUMBER.search(text)
    if not m:
        return Decimal(1)
    digits = parse_arabic(m.group(0))
    decimals = decimals_of(m.group(0))
    multiplier = Decimal(1)
    if digits and claim.value and digits != claim.value:
        ratio = claim.value / digits
        for power in (Decimal(10) ** k for k in (3, 4, 8, 12)):
            if abs(ratio - power) <= power * Decimal("0.000001"):
                multiplier = power
    return Decimal(1).scaleb(-decimals) * multiplier


_MULTIPLIER_WORDS = {Decimal(1000): "千", Decimal(10000): "万", Decimal(100000000): "亿"}


def _printed_claim(claim: Claim) -> str:
    number = claim.number_text.strip()
    if claim.unit in ("ratio", None) or ":" in number or "：" in number:
        return number
    m = _FIRST_NUMBER.search(unicodedata.normalize("NFKC", number))
    digits = parse_arabic(m.group(0)) if m else None
    if digits and claim.value != digits and not regex.search(r"[千万亿]", number):
        word = _MULTIPLIER_WORDS.get((claim.value / digits).quantize(Decimal(1)))
        number += word or ""
    return number + claim.unit


def _cells_about(obs: Observation, cells: tuple[Observation, ...]) -> tuple[Observation, ...]:
    """The cells of the same indicator and scope as a claim (every period)."""
    if not obs.report_scope or obs.role not in ("value", "ratio", "share"):
        return ()
    out = []
    for cell in cells:
        if not cell.report_scope:
            continue
        if obs.canonical:
            if cell.canonical != obs.canonical:
                continue
        elif cell.canonical or len(obs.key) < 3 or cell.key != obs.key:
            continue
        if not _families_fit(obs.family, cell.family):
            continue
        out.append(cell)
    return tuple(out)


def _families_fit(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b or {a, b} == {"persons", "person_times"}
