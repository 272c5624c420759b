"""Names for synthetic reports, built from parts: places, schools, enterprises, competitions,
government bodies, other organisations and people.

The name patterns live in ``resources/names.json`` under ``patterns``: per kind of name,
``classic`` full names and ``varied`` forms (short forms, brand-only names, content-named
contests, departments and bodies that reports name in running text), and for OTHER_ORG also
``sites`` (parks, platforms, bases) that templates ask for where a name is entered (入驻X).
A maker picks classic or newer patterns with even odds, so that neither crowds out the other.

In a pattern each ``{slot}`` is a part of the region (``{city}``, ``{county}``), a made-up
part (``{brand}``, ``{person}``) or one entry of the list of that name in ``names.json``
(``{skill_fields}``); a slot named twice in one pattern gets one value, so a school's short
form repeats the very brand of its full name."""

from __future__ import annotations

import json
import random
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import regex

RESOURCES = Path(__file__).parent / "resources"

CLASSIC_SHARE = 0.5  # how often a maker uses the classic full-name patterns
SHORT_SHARE = 0.5  # how often a school with short forms is called by one of them

_SLOT = regex.compile(r"\{([a-z_]+)\}")


@cache
def name_parts() -> dict:
    """The name parts file, read once."""
    return json.loads((RESOURCES / "names.json").read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class Region:
    """Where a report comes from: a province, a city stem and a few county-level stems."""

    province: str
    city: str  # "安阳" (without 市)
    counties: tuple[str, ...]  # "临川县", "永和区"

    @property
    def city_full(self) -> str:
        return f"{self.city}市"


@dataclass(frozen=True, slots=True)
class School:
    """A school's full name, the short forms reports call it by in running text, and its kind."""

    name: str
    shorts: tuple[str, ...]
    public: bool
    county_run: bool

    def mention(self, rng: random.Random, short_share: float = SHORT_SHARE) -> str:
        """The full name, or with probability ``short_share`` one of the short forms."""
        if self.shorts and rng.random() < short_share:
            return rng.choice(self.shorts)
        return self.name


def place_stem(rng: random.Random, avoid: tuple[str, ...] = ()) -> str:
    """A two-character place stem such as ``临川``; never one in ``avoid``."""
    parts = name_parts()
    while True:
        stem = rng.choice(parts["place_first"]) + rng.choice(parts["place_second"])
        if stem[0] != stem[1] and stem not in avoid:
            return stem


def make_region(rng: random.Random) -> Region:
    """A province, a city and three to five counties or districts."""
    parts = name_parts()
    city = place_stem(rng)
    counties: list[str] = []
    taken = [city]
    for _ in range(rng.randint(3, 5)):
        stem = place_stem(rng, tuple(taken))
        taken.append(stem)
        counties.append(stem + rng.choice(parts["county_suffix"]))
    return Region(rng.choice(parts["provinces"]), city, tuple(counties))


def person_name(rng: random.Random) -> str:
    """A person's name: a surname and one or two given characters."""
    parts = name_parts()
    given = "".join(rng.choice(parts["given_chars"]) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(parts["surnames"]) + given


def _brand(rng: random.Random) -> str:
    """Two different brand characters: ``瑞达``."""
    chars = name_parts()["brand_chars"]
    first = rng.choice(chars)
    second = rng.choice([c for c in chars if c != first])
    return first + second


def _province_short(province: str) -> str:
    for suffix in ("回族自治区", "自治区", "省"):
        if province.endswith(suffix):
            return province[: -len(suffix)]
    return province


def _foreign_name(rng: random.Random) -> str:
    """A transliterated foreign brand of two or three syllables: ``维森``, ``卡诺特``."""
    syllables = name_parts()["foreign_syllables"]
    return "".join(rng.sample(syllables, rng.choice((2, 2, 3))))


def _latin_abbreviation(rng: random.Random) -> str:
    """A Latin abbreviation as foreign bodies print it beside their Chinese name: ``KV``, ``B+M``."""
    letters = rng.sample(string.ascii_uppercase, rng.choice((2, 3, 3, 4)))
    joiner = rng.choice(("", "", "+", "&")) if len(letters) == 2 else ""
    return joiner.join(letters)


@dataclass(slots=True)
class NameFiller:
    """Fills name patterns for one region; ``schools`` are the full names a pattern's
    ``{school}`` may take (a school of the report), else a school is made up."""

    rng: random.Random
    region: Region
    year: int = 2024
    schools: Sequence[str] = ()

    def fill(self, pattern: str, chosen: dict[str, str] | None = None) -> str:
        """``pattern`` with its slots filled; ``chosen`` keeps slot values across patterns."""
        values = {} if chosen is None else chosen
        return _SLOT.sub(lambda m: self._value(m[1], values), pattern)

    def _value(self, slot: str, chosen: dict[str, str]) -> str:
        if slot not in chosen:
            chosen.update(self._choose(slot))
        return chosen[slot]

    def _choose(self, slot: str) -> dict[str, str]:
        computed = _COMPUTED_SLOTS.get(slot)
        if computed is not None:
            return computed(self)
        options = name_parts().get(slot)
        if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
            known = ", ".join(sorted(_COMPUTED_SLOTS))
            raise KeyError(
                f"unknown name slot {{{slot}}}: neither one of {known} "
                "nor a list of strings in names.json"
            )
        return {slot: self.rng.choice(options)}


def _county_slots(filler: NameFiller) -> dict[str, str]:
    county = filler.rng.choice(filler.region.counties)
    return {"county": county, "county_stem": county[:-1]}


def _field_slots(filler: NameFiller) -> dict[str, str]:
    name, short = filler.rng.choice(name_parts()["fields"])
    return {"field": name, "field_short": short}


def _school_slot(filler: NameFiller) -> dict[str, str]:
    if filler.schools:
        return {"school": filler.rng.choice(filler.schools)}
    return {"school": make_school(filler.rng, filler.region).name}


_COMPUTED_SLOTS: dict[str, Callable[[NameFiller], dict[str, str]]] = {
    "city": lambda f: {"city": f.region.city},
    "province": lambda f: {"province": f.region.province},
    "province_short": lambda f: {"province_short": _province_short(f.region.province)},
    "county": _county_slots,
    "county_stem": _county_slots,
    "place": lambda f: {"place": place_stem(f.rng, (f.region.city,))},
    "brand": lambda f: {"brand": _brand(f.rng)},
    "brand_b": lambda f: {"brand_b": _brand(f.rng)},
    "person": lambda f: {"person": person_name(f.rng)},
    "year": lambda f: {"year": str(f.year)},
    "field": _field_slots,
    "field_short": _field_slots,
    "foreign": lambda f: {"foreign": _foreign_name(f.rng)},
    "latin": lambda f: {"latin": _latin_abbreviation(f.rng)},
    "school": _school_slot,
}


def label_of(kind: str, name: str) -> str:
    """The entity type a name of ``kind`` is labelled with: its kind, except the hospitals
    that templates cast as partner enterprises, which the schema types as service
    institutions (OTHER_ORG) whoever runs them."""
    if kind == "ENTERPRISE" and name.endswith(tuple(name_parts()["service_institution_endings"])):
        return "OTHER_ORG"
    return kind


def name_patterns(kind: str) -> dict[str, list]:
    """The pattern groups of one kind of name: ``classic``, and for most kinds ``varied`` and
    further groups that templates may ask for by name (``sites``)."""
    return name_parts()["patterns"][kind]


def pick_pattern(rng: random.Random, kind: str, group: str | None = None) -> Any:
    """One pattern of ``kind``: from ``group`` when given; else classic or one of the other
    groups with even odds, then any pattern of the chosen ones."""
    groups = name_patterns(kind)
    if group is not None:
        return rng.choice(groups[group])
    newer = [p for name, patterns in groups.items() if name != "classic" for p in patterns]
    return rng.choice(groups["classic"] if not newer or rng.random() < CLASSIC_SHARE else newer)


def make_school(rng: random.Random, region: Region) -> School:
    """A secondary vocational school of the region, with the short forms reports use."""
    pattern: dict = pick_pattern(rng, "SCHOOL")
    chosen: dict[str, str] = {}
    filler = NameFiller(rng, region)
    name = filler.fill(pattern["name"], chosen)
    shorts = tuple(dict.fromkeys(filler.fill(s, chosen) for s in pattern["shorts"]))
    return School(name, shorts, pattern["public"], pattern["county_run"])


def make_general_school(rng: random.Random, region: Region) -> str:
    """An ordinary middle school (``X市第三中学``, ``X三中``, ``X初级中学``), a partner of
    vocational schools in career-awareness and 职普融通 programmes."""
    return NameFiller(rng, region).fill(pick_pattern(rng, "GENERAL_SCHOOL"))


def make_college(rng: random.Random, region: Region) -> str:
    """A higher vocational college, a partner in 中高职贯通 programmes."""
    return NameFiller(rng, region).fill(pick_pattern(rng, "COLLEGE"))


def make_enterprise(rng: random.Random, region: Region) -> str:
    """A company, a brand named as the enterprise, a hospital, a scenic area or a hotel."""
    return NameFiller(rng, region).fill(pick_pattern(rng, "ENTERPRISE"))


def make_competition(rng: random.Random, region: Region, year: int) -> str:
    """A competition at national, provincial or city level, or a contest named by its content."""
    return NameFiller(rng, region, year).fill(pick_pattern(rng, "COMPETITION"))


def make_gov(rng: random.Random, region: Region) -> str:
    """A government body at national, provincial, city or county level, or a short form."""
    return NameFiller(rng, region).fill(pick_pattern(rng, "GOV"))


def make_other_org(rng: random.Random, region: Region, schools: Sequence[str] = ()) -> str:
    """An association, alliance, group, studio, base, platform or body that is none of the
    above; ``schools`` name the schools an education group may be named after."""
    return NameFiller(rng, region, schools=schools).fill(pick_pattern(rng, "OTHER_ORG"))


def make_org_site(rng: random.Random, region: Region) -> str:
    """An organisation that others move into or train at: an industrial park, a demonstration
    zone, a service platform, a training base."""
    return NameFiller(rng, region).fill(pick_pattern(rng, "OTHER_ORG", "sites"))


_ALLIANCE_FIELDS = ("现代", "智能制造", "现代农业", "数字经济", "装备制造", "现代服务业")


def make_alliance(rng: random.Random, region: Region) -> str:
    """A city's 产教联合体 (a school leads it with enterprises): an OTHER_ORG by the schema."""
    return f"{region.city_full}{rng.choice(_ALLIANCE_FIELDS)}产教联合体"


@dataclass(slots=True)
class Cast:
    """The names one report uses: new ones on demand, earlier ones reused as reports do."""

    rng: random.Random
    region: Region
    year: int
    schools: list[School] = field(default_factory=list)
    used: dict[str, list[str]] = field(default_factory=dict)

    def pick(self, kind: str, reuse: float = 0.35) -> str:
        """A name of ``kind`` (an entity type, ``PER``, ``COLLEGE``, ``GENERAL_SCHOOL``,
        ``ORG_SITE`` or ``ALLIANCE``), often one already used."""
        earlier = self.used.setdefault(kind, [])
        if earlier and self.rng.random() < reuse:
            return self.rng.choice(earlier)
        name = self._new(kind)
        if name not in earlier:
            earlier.append(name)
        return name

    def school_mention(self) -> str:
        """A school of the region, by full name or by one of its short forms."""
        return self.rng.choice(self.schools).mention(self.rng)

    def _new(self, kind: str) -> str:
        makers = {
            "ENTERPRISE": lambda: make_enterprise(self.rng, self.region),
            "COMPETITION": lambda: make_competition(self.rng, self.region, self.year),
            "GOV": lambda: make_gov(self.rng, self.region),
            "OTHER_ORG": lambda: make_other_org(
                self.rng, self.region, [s.name for s in self.schools]
            ),
            "PER": lambda: person_name(self.rng),
            "COLLEGE": lambda: make_college(self.rng, self.region),
            "GENERAL_SCHOOL": lambda: make_general_school(self.rng, self.region),
            "ORG_SITE": lambda: make_org_site(self.rng, self.region),
            "ALLIANCE": lambda: make_alliance(self.rng, self.region),
        }
        if kind == "SCHOOL":
            return self.school_mention()
        return makers[kind]()


def make_schools(rng: random.Random, region: Region, n: int) -> list[School]:
    """``n`` schools of one region; no name or short form stands for two of them."""
    schools: list[School] = []
    taken: set[str] = set()
    while len(schools) < n:
        school = make_school(rng, region)
        names = {school.name, *school.shorts}
        if names & taken:
            continue
        schools.append(school)
        taken |= names
    return schools
