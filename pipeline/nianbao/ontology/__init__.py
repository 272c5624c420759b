"""The indicator ontology: which names mean the same indicator, its units and relations.

The knowledge lives in ``indicators.json`` next to this file; this module only loads it
and answers lookups. Names are compared through :func:`indicator_key`, so ``专任教师总数``,
``其中：专任教师总数*`` and ``专任教师`` are one key.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import regex

from nianbao.errors import MESSAGES, UnknownName

ONTOLOGY_PATH = Path(__file__).with_name("indicators.json")

_QUOTES = regex.compile(r"[\s*＊“”‘’\"'「」『』《》〈〉]")
_PART_PREFIX = regex.compile(r"^其中[:：,，、]?")
_CATEGORY_PREFIX = regex.compile(r"^[A-ZＡ-Ｚ]类[:：]?")
_YEAR_PREFIX = regex.compile(r"^(?:\d{4}(?:[-—~～/至]\d{4})?(?:学)?年度?)")
_BRACKETS = regex.compile(r"[()\[\]【】〔〕]")
_BRACKETED = regex.compile(r"\([^()]*\)")
_COUNT_SUFFIX = regex.compile(r"(?:总人数|人数|总数|数量|个数|数)$")
_CORE_SUFFIX = regex.compile(r"(?:总人数|人数|总数|数量|个数|情况|数)$")


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator: an id, its printed name, synonyms, units and relations to others."""

    id: str
    name: str
    table: str | None  # the annex table kind it belongs to, None for narrative-table indicators
    units: tuple[str, ...]
    synonyms: tuple[str, ...] = ()
    near: tuple[str, ...] = ()  # names that differ by definition: a mismatch is a warning
    parent: str | None = None  # the indicator this one is a part (其中) of
    subset_of: tuple[str, ...] = ()  # further wholes it can never exceed
    partitions: tuple[tuple[str, ...], ...] = ()  # groups of parts that add up to this one
    levels: bool = False  # has 国家级/省级/校级 rows that add up to it
    bounded_by: tuple[str, ...] = ()  # components whose values a mean must lie between
    patterns: tuple[str, ...] = ()  # label regexes, used only to find formula inputs
    qualifier: str | None = None  # regex marking a school-list row as this part (公办, 市属)
    surveyed: str | None = None  # a survey row's population: respondents never exceed it
    abroad: bool = False  # counts what lies abroad: a claim's sentence must name a country


@dataclass(frozen=True, slots=True)
class Formula:
    """``target = op(inputs)``: share a/b×100, ratio a/b, share_of_sum a/(a+b)×100."""

    target: str
    op: str
    inputs: tuple[str, ...]
    definite: bool  # False when reports define the target in more than one way
    note: str = ""


@dataclass(frozen=True, slots=True)
class Constraint:
    """An inequality between indicators: ``at_least`` (whole ≥ Σ parts) or ``at_most_formula``."""

    op: str
    definite: bool
    whole: str | None = None
    parts: tuple[str, ...] = ()
    left: str | None = None
    formula: str | None = None
    note: str = ""
    across_tables: bool = False  # the parts may come from other tables of the same year


@dataclass(frozen=True, slots=True)
class Comparable:
    """Two indicators that should agree though their definitions differ a little."""

    a: str
    b: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class ScopeWords:
    """Words that tell whom a sentence speaks about (``scope`` in indicators.json)."""

    school_suffixes: tuple[str, ...] = ()  # a run of Chinese ending in one names a school
    class_words: tuple[str, ...] = ()  # 中等职业学校: a class of schools, not one
    class_prefixes: tuple[str, ...] = ()  # 国家级, 公办: before a class word, still a class
    not_name: tuple[str, ...] = ()  # 推进, 各, 的: words no school name contains
    reset_words: tuple[str, ...] = ()  # 全市, 各校: the sentence is back at report level
    own_school_reset_words: tuple[str, ...] = ()  # 全校, 我校: only in a school's own report
    place_subject: str = r"(?!)"  # a place opening a clause (某市面向…): back at region level
    # regions a report cites but does not speak for, when they are a clause's subject
    country_words: tuple[str, ...] = ()  # 全国: above every report
    province_words: tuple[str, ...] = ()  # 全省: above every report but a province's
    school_region_words: tuple[str, ...] = ()  # 全市, 我县: above a school's own report
    wider_subject_next: str = r"(?!)"  # what follows such a word as a subject (中职学校, 共有)


@dataclass(frozen=True, slots=True)
class Match:
    """The result of a lookup: the indicator and whether a near synonym matched."""

    indicator: Indicator
    near: bool


@dataclass(frozen=True, slots=True)
class UnitInfo:
    family: str
    factor: Decimal


@lru_cache(maxsize=65536)  # pure, and asked for the same row labels and phrases again and again
def indicator_key(text: str | None) -> str:
    """A name reduced to what identifies the indicator: ``其中：专任教师总数*`` → ``专任教师``."""
    t = _name_without_noise(text)
    t = _BRACKETS.sub("", t)
    t = _strip_affixes(t)
    short = _COUNT_SUFFIX.sub("", t)
    return short or t


@lru_cache(maxsize=65536)
def core_key(text: str | None) -> str:
    """The head of a row label for part/whole matching: brackets and 人数/情况 cut off."""
    t = _BRACKETED.sub("", _name_without_noise(text))
    t = _strip_affixes(_BRACKETS.sub("", t))
    t = _CORE_SUFFIX.sub("", t)
    return t.removeprefix("总") if len(t) > 2 else t


def _name_without_noise(text: str | None) -> str:
    t = unicodedata.normalize("NFKC", text or "")
    t = _QUOTES.sub("", t)
    t = _PART_PREFIX.sub("", t)
    t = _CATEGORY_PREFIX.sub("", t)
    t = _YEAR_PREFIX.sub("", t)
    return _unit_brackets().sub("", t)


def _strip_affixes(text: str) -> str:
    lex = _lexicon()
    changed = True
    while changed and text:
        changed = False
        for p in lex["neutral_prefixes"]:
            if text.startswith(p) and len(text) > len(p) + 1:
                text, changed = text[len(p) :], True
        for s in lex["trailing_particles"]:
            if text.endswith(s) and len(text) > len(s) + 1:
                text, changed = text[: -len(s)], True
    return text


@cache
def _lexicon() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ONTOLOGY_PATH.read_text("utf-8"))
    return data


@cache
def _unit_brackets() -> regex.Pattern[str]:
    units = sorted(_lexicon()["units"], key=len, reverse=True)
    alternatives = "|".join(regex.escape(unicodedata.normalize("NFKC", u)) for u in units)
    return regex.compile(rf"\((?:单位:)?(?:{alternatives})\)")


@dataclass(frozen=True, slots=True)
class IndicatorOntology:
    """Indicators with lookup by name, synonym or table row label."""

    indicators: tuple[Indicator, ...]
    formulas: tuple[Formula, ...]
    constraints: tuple[Constraint, ...]
    comparable: tuple[Comparable, ...]
    units: dict[str, UnitInfo] = field(compare=False, repr=False)
    near_families: frozenset[frozenset[str]] = frozenset()
    exact_count_families: frozenset[str] = frozenset()
    level_words: tuple[str, ...] = ()
    level_sub_rows: tuple[str, ...] = ()
    generic_value_columns: frozenset[str] = frozenset()
    stock_frames: tuple[str, ...] = ()  # words before "N个X" that state a stock (共有, 现有)
    subset_markers: tuple[str, ...] = ()  # words before an indicator that make it a subset (新增)
    subset_actions: tuple[str, ...] = ()  # words right after "X N人" that make it a subset (参与)
    complete_part_sets: tuple[tuple[str, ...], ...] = ()  # 一/二/三等奖: all there is of a total
    up_words: tuple[str, ...] = ()
    down_words: tuple[str, ...] = ()
    scope: ScopeWords = ScopeWords()
    _by_id: dict[str, Indicator] = field(default_factory=dict, compare=False, repr=False)
    _by_key: dict[str, tuple[tuple[Indicator, bool], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _wholes: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def get(self, indicator_id: str) -> Indicator:
        """The indicator with this id; unknown ids raise ``UnknownName`` listing the known ones."""
        try:
            return self._by_id[indicator_id]
        except KeyError as e:
            options = "、".join(sorted(self._by_id)[:20]) + "…"
            message = MESSAGES["unknown_name"].format(
                what="指标", name=indicator_id, options=options
            )
            raise UnknownName(message) from e

    def lookup(self, name: str | None, unit: str | None = None) -> Match | None:
        """The indicator a name (claim indicator, row or column label) means, or ``None``.

        ``unit`` rules out indicators counted in another unit family; when two indicators
        share the name and the unit cannot tell them apart the answer is ``None``.
        """
        key = indicator_key(name)
        if not key:
            return None
        candidates = self._by_key.get(key, ())
        family = self.family(unit)
        found: list[Match] = []
        for indicator, near in candidates:
            fit = self.unit_fit(indicator, family)
            if fit is None:
                continue
            found.append(Match(indicator, near or fit == "near"))
        exact = [m for m in found if not m.near] or found
        ids = {m.indicator.id for m in exact}
        return exact[0] if len(ids) == 1 else None

    def unit_fit(self, indicator: Indicator, family: str | None) -> str | None:
        """``"exact"``, ``"near"`` (人 vs 人次) or ``None`` when the unit rules it out."""
        if family is None:
            return "exact"
        families = {self.family(u) for u in indicator.units}
        if family in families:
            return "exact"
        if any(frozenset((family, f)) in self.near_families for f in families):
            return "near"
        return None

    def sole_indicator_of(self, family: str | None) -> Indicator | None:
        """The one indicator counted in a unit family (人日), or ``None`` when several or
        none are."""
        if family is None:
            return None
        holders = [i for i in self.indicators if family in {self.family(u) for u in i.units}]
        return holders[0] if len(holders) == 1 else None

    def family(self, unit: str | None) -> str | None:
        """The unit family (persons, money, items, …) of a printed unit, or ``None``."""
        info = self.unit(unit)
        return info.family if info else None

    def unit(self, unit: str | None) -> UnitInfo | None:
        """Family and factor to the family's base unit (万元 → money × 10000)."""
        if not unit:
            return None
        u = unit.strip()
        return self.units.get(u) or self.units.get(unicodedata.normalize("NFKC", u))

    def related(self, part: str, whole: str) -> bool:
        """Whether ``part`` is, directly or through its parents, a part of ``whole``."""
        return whole in self.wholes_of(part)

    def wholes_of(self, part: str) -> frozenset[str]:
        """Every indicator ``part`` is a part of: its parents and subsets, and theirs."""
        known = self._wholes.get(part)
        if known is not None:
            return known
        seen: set[str] = set()
        wholes: set[str] = set()
        todo = [part]
        while todo:
            current = todo.pop()
            if current in seen or current not in self._by_id:
                continue
            seen.add(current)
            ind = self._by_id[current]
            above = [*([ind.parent] if ind.parent else []), *ind.subset_of]
            wholes.update(above)
            todo.extend(above)
        self._wholes[part] = frozenset(wholes)
        return self._wholes[part]

    def formula_for(self, target: str) -> Formula | None:
        """The formula that computes an indicator, if the ontology knows one."""
        return next((f for f in self.formulas if f.target == target), None)

    def is_level_label(self, label: str) -> str | None:
        """The level word when a row label is a level row (``其中：国家级数量``), else ``None``."""
        key = indicator_key(label)
        for word in self.level_words:
            if key in (word, f"{word}数", f"{word}数量") or key == word.removesuffix("级"):
                return word
        return None

    def is_level_sub_row(self, label: str) -> bool:
        """A row that qualifies a level row (接入国家智慧教育平台数) rather than naming a thing."""
        key = indicator_key(label)
        return any(key.startswith(p) for p in self.level_sub_rows)


def load_ontology(path: Path | None = None) -> IndicatorOntology:
    """Read the ontology file; bad files fail here, at load time, with the reason."""
    raw = json.loads((path or ONTOLOGY_PATH).read_text("utf-8"))
    indicators = tuple(_indicator(item) for item in raw["indicators"])
    by_id: dict[str, Indicator] = {}
    for ind in indicators:
        if ind.id in by_id:
            raise ValueError(f"指标 id 重复：{ind.id}（duplicate indicator id）")
        by_id[ind.id] = ind
    by_key: dict[str, list[tuple[Indicator, bool]]] = {}
    for ind in indicators:
        for name, near in [
            (ind.name, False),
            *((s, False) for s in ind.synonyms),
            *((s, True) for s in ind.near),
        ]:
            entries = by_key.setdefault(indicator_key(name), [])
            if all(e[0].id != ind.id for e in entries):
                entries.append((ind, near))
    onto = IndicatorOntology(
        indicators=indicators,
        formulas=tuple(_formula(f) for f in raw.get("formulas", ())),
        constraints=tuple(_constraint(c) for c in raw.get("constraints", ())),
        comparable=tuple(
            Comparable(c["a"], c["b"], c.get("note", "")) for c in raw.get("comparable", ())
        ),
        units={u: UnitInfo(fam, Decimal(f)) for u, (fam, f) in raw["units"].items()},
        near_families=frozenset(frozenset(p) for p in raw.get("near_families", ())),
        exact_count_families=frozenset(raw.get("exact_count_families", ())),
        level_words=tuple(raw.get("level_words", ())),
        level_sub_rows=tuple(indicator_key(s) for s in raw.get("level_sub_rows", ())),
        generic_value_columns=frozenset(raw.get("generic_value_columns", ())),
        stock_frames=tuple(raw.get("stock_frames", ())),
        subset_markers=tuple(raw.get("subset_markers", ())),
        up_words=tuple(raw["change_words"]["up"]),
        down_words=tuple(raw["change_words"]["down"]),
        scope=_scope_words(raw.get("scope", {})),
        subset_actions=tuple(raw.get("subset_actions", ())),
        complete_part_sets=tuple(tuple(g) for g in raw.get("complete_part_sets", ())),
        _by_id=by_id,
        _by_key={k: tuple(v) for k, v in by_key.items()},
    )
    _check_references(onto)
    return onto


@cache
def default_ontology() -> IndicatorOntology:
    """The packaged ontology, loaded once per process."""
    return load_ontology()


def _scope_words(item: dict[str, Any]) -> ScopeWords:
    words: dict[str, Any] = {
        k: v if isinstance(v, str) else tuple(v) for k, v in item.items() if not k.startswith("_")
    }
    return ScopeWords(**words)


def _indicator(item: dict[str, Any]) -> Indicator:
    return Indicator(
        id=item["id"],
        name=item["name"],
        table=item.get("table"),
        units=tuple(item["units"]),
        synonyms=tuple(item.get("synonyms", ())),
        near=tuple(item.get("near", ())),
        parent=item.get("parent"),
        subset_of=tuple(item.get("subset_of", ())),
        partitions=tuple(tuple(p) for p in item.get("partitions", ())),
        levels=bool(item.get("levels", False)),
        bounded_by=tuple(item.get("bounded_by", ())),
        patterns=tuple(item.get("patterns", ())),
        qualifier=item.get("qualifier"),
        surveyed=item.get("surveyed"),
        abroad=bool(item.get("abroad", False)),
    )


def _formula(item: dict[str, Any]) -> Formula:
    if item["op"] not in ("share", "ratio", "share_of_sum"):
        raise ValueError(f"未知的公式运算“{item['op']}”，可选：share、ratio、share_of_sum")
    return Formula(
        item["target"],
        item["op"],
        tuple(item["inputs"]),
        bool(item["definite"]),
        item.get("note", ""),
    )


def _constraint(item: dict[str, Any]) -> Constraint:
    if item["op"] not in ("at_least", "at_most_formula"):
        raise ValueError(f"未知的约束“{item['op']}”，可选：at_least、at_most_formula")
    return Constraint(
        op=item["op"],
        definite=bool(item["definite"]),
        whole=item.get("whole"),
        parts=tuple(item.get("parts", ())),
        left=item.get("left"),
        formula=item.get("formula"),
        note=item.get("note", ""),
        across_tables=bool(item.get("across_tables", False)),
    )


def _check_references(onto: IndicatorOntology) -> None:
    """Every id the relations name must exist: a typo would silently disable a check."""
    refs: list[str] = []
    for ind in onto.indicators:
        refs += [*([ind.parent] if ind.parent else []), *ind.subset_of, *ind.bounded_by]
        refs += [ind.surveyed] if ind.surveyed else []
        refs += [p for group in ind.partitions for p in group]
    for f in onto.formulas:
        refs += [f.target, *f.inputs]
    for c in onto.constraints:
        refs += [x for x in (c.whole, c.left, c.formula) if x] + list(c.parts)
    for pair in onto.comparable:
        refs += [pair.a, pair.b]
    for ref in refs:
        onto.get(ref)
