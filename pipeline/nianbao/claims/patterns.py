"""Load the claim recognisers, units, qualifiers and exclusions from ``pipeline/patterns``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from nianbao.text.numbers import ARABIC_NUMBER, CN_NUMERAL_CHARS

PATTERN_DIR = Path(__file__).parents[1] / "patterns"

DIGIT = "[0-9０-９]"
# No digit, decimal point, letter, plus sign or dash before a number (2023-2024, 1+X, A3),
# and no digit and space either, so a run of spaced digits is read once, not from each digit.
ARABIC_LEFT_GUARD = r"(?<![0-9０-９.．A-Za-z+＋\-—–/／~～])(?<![0-9０-９][ \t])"
# A Chinese numeral starts a number only where it does not continue another numeral or word
# (第一, 每一, 统一, 同一, 初二); 唯一一所 keeps its second 一.
CN_LEFT_GUARD = rf"(?:(?<=唯一)|(?<![{CN_NUMERAL_CHARS}第每统同单之初高周数上几星唯]))"
CN_NUMBER = rf"(?:(?:数|上|几)(?=[十百千万])|)[{CN_NUMERAL_CHARS}]+几?"
GAP = r"[ \t\u3000\u00a0]*(?:\n[ \t\u3000\u00a0]*)?"


@dataclass(frozen=True, slots=True)
class UnitInfo:
    text: str
    base: str
    kind: str


@dataclass(frozen=True, slots=True)
class Recogniser:
    name: str
    score: float
    pattern: regex.Pattern[str]
    validators: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClaimPatterns:
    recognisers: tuple[Recogniser, ...]
    units: dict[str, UnitInfo]
    implicit_unit: str
    implicit_kind: str
    qualifiers_before: dict[str, str]
    qualifiers_between: dict[str, str]
    qualifiers_after: dict[str, str]
    threshold_after: frozenset[str]
    threshold_not_before: str
    exclusions: tuple[tuple[str, regex.Pattern[str]], ...]


def _load(name: str) -> Any:
    with open(PATTERN_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


def _alternation(words: list[str]) -> str:
    """Regex alternation of literal words, longest first so 万平方米 wins over 万."""
    return "|".join(regex.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def _unit_alternation(units: list[dict[str, Any]], chinese: bool) -> str:
    parts = []
    for unit in sorted(units, key=lambda u: (-len(u["text"]), u["text"])):
        if chinese and not unit.get("chinese_numeral", True):
            continue
        guard = f"(?![{regex.escape(unit['not_before'])}])" if unit.get("not_before") else ""
        parts.append(regex.escape(unit["text"]) + guard)
    return "|".join(parts)


def _fill(template: str, slots: dict[str, str]) -> str:
    for key, value in slots.items():
        template = template.replace("{" + key + "}", value)
    return template


@lru_cache(maxsize=1)
def claim_patterns() -> ClaimPatterns:
    """The compiled claim patterns (loaded once per process)."""
    units_data = _load("claim_units.json")
    qualifiers = _load("claim_qualifiers.json")
    exclusions = _load("claim_exclusions.json")
    recognisers = _load("claim_recognisers.json")

    slots = {
        "NUM": f"{ARABIC_LEFT_GUARD}(?>{ARABIC_NUMBER})",
        "NUM_BARE": f"(?>{ARABIC_NUMBER})",
        "CNNUM": f"{CN_LEFT_GUARD}(?>{CN_NUMBER})",
        "CNNUM_BARE": f"(?>{CN_NUMBER})",
        "PRE": f"(?:(?P<pre>{_alternation(list(qualifiers['before']))})[ \\t\\u3000]*)?",
        "MID": f"(?P<mid>{_alternation(list(qualifiers['between']))})?",
        "MULT": f"(?P<mult>{_alternation(units_data['multipliers'])})?",
        "GAP": GAP,
        "UNIT": _unit_alternation(units_data["units"], chinese=False),
        "CNUNIT": _unit_alternation(units_data["units"], chinese=True),
        "POST": f"(?:[ \\t\\u3000]*(?P<post>{_alternation(list(qualifiers['after']))}))?",
    }
    compiled = tuple(
        Recogniser(
            name=spec["name"],
            score=float(spec["score"]),
            pattern=regex.compile(_fill(spec["regex"], slots)),
            validators=tuple(spec["validators"]),
        )
        for spec in recognisers["recognisers"]
    )
    exclusion_slots = {"D": DIGIT, "CN": CN_NUMERAL_CHARS}
    excluded = tuple(
        (spec["name"], regex.compile(_fill(spec["regex"], exclusion_slots)))
        for spec in exclusions["patterns"]
    )
    units = {
        u["text"]: UnitInfo(u["text"], u.get("base", u["text"]), u["kind"])
        for u in units_data["units"]
    }
    return ClaimPatterns(
        recognisers=compiled,
        units=units,
        implicit_unit=units_data["implicit"]["unit"],
        implicit_kind=units_data["implicit"]["kind"],
        qualifiers_before=qualifiers["before"],
        qualifiers_between=qualifiers["between"],
        qualifiers_after=qualifiers["after"],
        threshold_after=frozenset(qualifiers["threshold_after"]),
        threshold_not_before=qualifiers["threshold_not_before"],
        exclusions=excluded,
    )
