"""Reading one table cell: its number (Decimal), the unit it prints, periods in headers
and labels, and units in brackets. Text cells (``-``, ``——``, ``仅高职填报``) read as None."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

import regex

from nianbao.text.numbers import ARABIC_NUMBER, ascii_digits, parse_arabic, ratio_term

_SIGNED = rf"[+\-−]?{ARABIC_NUMBER}"
_PERCENT = regex.compile(rf"^(?P<n>{_SIGNED})\s*(?P<u>[%％‰])$")
_RATIO = regex.compile(rf"^(?P<a>{ARABIC_NUMBER})\s*[:：]\s*(?P<b>{ARABIC_NUMBER})$")
_NUMBER_WITH_UNIT = regex.compile(rf"^(?P<n>{_SIGNED})\s*(?P<u>\S{{1,6}})$")
# Footnote marks printed after a figure ("12*", "12＊") are not part of it.
_MARKS = "*＊※"

_YEAR = r"(?:19|20)\d{2}"
_DASH = r"\s*[-－—–~～/／至]\s*"
_SCHOOL_YEAR = regex.compile(
    rf"(?<!\d)(?P<a>{_YEAR}){_DASH}(?P<b>{_YEAR})(?!\d)\s*(?:学年|年度|年)?"
)
_SINGLE_YEAR = regex.compile(rf"^(?P<a>{_YEAR})\s*(?:年度|年)?(?:末|底)?$")
_YEAR_IN_TEXT = regex.compile(rf"(?<!\d)(?P<a>{_YEAR})\s*(?:年度|年)(?!\d)")


@dataclass(frozen=True, slots=True)
class Lexicon:
    units: frozenset[str]
    ratio_units: frozenset[str]
    no_unit_marks: frozenset[str]
    serial_headers: frozenset[str]
    unit_headers: frozenset[str]
    label_headers: frozenset[str]
    period_headers: frozenset[str]
    part_prefix: regex.Pattern[str]
    total_label: regex.Pattern[str]
    meta_line: regex.Pattern[str]
    unit_line: regex.Pattern[str]
    bracketed_unit: regex.Pattern[str]
    default_names: dict[str, str]
    suffix_units: tuple[tuple[str, str], ...]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The table lexicon (``patterns/table_lexicon.json``), loaded once."""
    raw: dict[str, Any] = json.loads(
        resources.files("nianbao.patterns").joinpath("table_lexicon.json").read_text("utf-8")
    )
    return Lexicon(
        units=frozenset(raw["units"]),
        ratio_units=frozenset(raw["ratio_units"]),
        no_unit_marks=frozenset(raw["no_unit_marks"]),
        serial_headers=frozenset(raw["serial_headers"]),
        unit_headers=frozenset(h.replace(" ", "") for h in raw["unit_headers"]),
        label_headers=frozenset(raw["label_headers"]),
        period_headers=frozenset(raw["period_headers"]),
        part_prefix=regex.compile(raw["part_prefix"]),
        total_label=regex.compile(raw["total_label"]),
        meta_line=regex.compile(raw["meta_line"]),
        unit_line=regex.compile(raw["unit_line"]),
        bracketed_unit=regex.compile(raw["bracketed_unit"]),
        default_names=dict(raw["default_column_names"]),
        suffix_units=tuple(
            sorted(((s, u) for s, u in raw["name_suffix_units"]), key=lambda su: -len(su[0]))
        ),
    )


def read_value(text: str) -> tuple[Decimal | None, str | None]:
    """``"16.7%"`` → (16.7, "%"); ``"17.6:1"`` → (17.6, "ratio"); ``"2804人"`` → (2804,
    "人"); ``"1,234"`` → (1234, None); text such as ``"-"`` → (None, None)."""
    cleaned = text.strip().rstrip(_MARKS).strip()
    if not cleaned:
        return None, None
    value = parse_arabic(cleaned)
    if value is not None:
        return value, None
    m = _PERCENT.match(cleaned)
    if m:
        number = parse_arabic(m.group("n"))
        return (
            (number, "%" if m.group("u") in "%％" else "‰") if number is not None else (None, None)
        )
    m = _RATIO.match(cleaned)
    if m:
        return ratio_term(m.group("a"), m.group("b")), "ratio"
    m = _NUMBER_WITH_UNIT.match(cleaned)
    if m and m.group("u") in lexicon().units:
        return parse_arabic(m.group("n")), normalise_unit(m.group("u"))
    return None, None


def normalise_unit(unit: str | None) -> str | None:
    """A printed unit as the contract writes it: ``：`` → ratio, ``——`` → None."""
    if unit is None:
        return None
    unit = unit.strip()
    lex = lexicon()
    if not unit or unit in lex.no_unit_marks:
        return None
    if unit in lex.ratio_units:
        return "ratio"
    return "%" if unit == "％" else unit


def is_unit(text: str) -> bool:
    """Whether a cell holds only a unit (``人``, ``万元``, ``%``, ``：``, ``——``)."""
    lex = lexicon()
    t = text.strip()
    return bool(t) and (t in lex.units or t in lex.ratio_units or t in lex.no_unit_marks)


def bracketed_unit(label: str) -> str | None:
    """The unit a label or header prints in brackets: ``生均教学设备值(万元)`` → 万元."""
    for m in lexicon().bracketed_unit.finditer(label):
        unit = m.group("unit").strip()
        if unit in lexicon().units:
            return normalise_unit(unit)
    return None


def suffix_unit(name: str) -> str | None:
    """The unit a name implies by its ending: ``班主任人数`` → 人, ``合格率`` → %."""
    compact = regex.sub(r"[\s*＊]+", "", name)
    for suffix, unit in lexicon().suffix_units:
        if compact.endswith(suffix):
            return unit
    return None


def period_of(text: str) -> str | None:
    """``2023年`` → "2023", ``2022—2023学年`` → "2022-2023", else ``None``."""
    t = regex.sub(r"\s+", "", ascii_digits(text))
    m = _SCHOOL_YEAR.search(t)
    if m:  # a range longer than one school year is a plan period, not a column's year
        return (
            f"{m.group('a')}-{m.group('b')}" if int(m.group("b")) - int(m.group("a")) == 1 else None
        )
    m = _SINGLE_YEAR.match(t) or _YEAR_IN_TEXT.search(t)
    return m.group("a") if m else None


def is_quantity(text: str) -> bool:
    """A cell that holds a number that is not a year (``12``, ``16.7%``, not ``2023年``)."""
    return bool(text) and not is_year_like(text) and read_value(text)[0] is not None


def is_year_like(text: str) -> bool:
    """A cell that names a year or school year rather than a quantity."""
    t = regex.sub(r"\s+", "", ascii_digits(text))
    return bool(_SINGLE_YEAR.match(t) or _SCHOOL_YEAR.fullmatch(t))
