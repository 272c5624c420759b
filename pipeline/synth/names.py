"""Names for synthetic reports, built from parts: places, schools, enterprises, competitions,
government bodies, other organisations and people."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

RESOURCES = Path(__file__).parent / "resources"

ENTITY_TYPES = ("SCHOOL", "ENTERPRISE", "COMPETITION", "GOV", "OTHER_ORG")


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
    """A school's full name, an abbreviation reports use for it, and its kind."""

    name: str
    short: str | None
    public: bool
    county_run: bool


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
    chars = name_parts()["brand_chars"]
    first = rng.choice(chars)
    second = rng.choice([c for c in chars if c != first])
    return first + second


def _province_short(province: str) -> str:
    for suffix in ("回族自治区", "自治区", "省"):
        if province.endswith(suffix):
            return province[: -len(suffix)]
    return province


def make_school(rng: random.Random, region: Region) -> School:
    """A secondary vocational school of the region, with the abbreviation reports use."""
    parts = name_parts()
    city = region.city
    county = rng.choice(region.counties)
    county_stem = county[:-1]
    field_name, field_short = rng.choice(parts["fields"])
    brand = rng.choice(parts["school_brands"])
    ordinal = rng.choice(parts["cn_ordinals"])
    pattern = rng.randrange(10)
    if pattern == 0:
        return School(f"{city}市第{ordinal}职业技术学校", f"{city}{ordinal}职", True, False)
    if pattern == 1:
        return School(f"{county_stem}市职业技术学校", f"{county_stem}职校", True, True)
    if pattern == 2:
        return School(f"{county}职业技术教育中心", f"{county_stem}职教中心", True, True)
    if pattern == 3:
        return School(f"{county}职业教育中心", f"{county}职教中心", True, True)
    if pattern == 4:
        return School(f"{city}市{field_name}中等专业学校", f"{city}{field_short}中专", True, False)
    if pattern == 5:
        return School(f"{city}市卫生学校", f"{city}卫校", True, False)
    if pattern == 6:
        return School(f"{city}市{field_name}学校", None, True, False)
    if pattern == 7:
        return School(f"{city}市{brand}中等职业学校", f"{brand}职校", False, False)
    if pattern == 8:
        return School(f"{county}{brand}职业学校", None, False, True)
    return School(f"{county}{field_name}职业高级中学", f"{county_stem}职中", True, True)


def make_college(rng: random.Random, region: Region) -> str:
    """A higher vocational college, a partner in 中高职贯通 programmes."""
    parts = name_parts()
    field_name = rng.choice(parts["fields"])[0]
    pattern = rng.randrange(4)
    if pattern == 0:
        return f"{region.city}职业技术学院"
    if pattern == 1:
        return f"{region.city}{field_name}职业学院"
    if pattern == 2:
        return f"{_province_short(region.province)}{field_name}职业技术学院"
    return f"{place_stem(rng, (region.city,))}{field_name}职业学院"


def make_enterprise(rng: random.Random, region: Region) -> str:
    """A company name: place, brand, industry and a company form."""
    parts = name_parts()
    industry = rng.choice(parts["industries"])
    brand = _brand(rng)
    pattern = rng.randrange(6)
    if pattern == 0:
        return f"{_province_short(region.province)}{brand}{industry}{rng.choice(parts['company_forms'])}"
    if pattern == 1:
        return f"{region.city}{brand}{industry}{rng.choice(parts['company_forms'])}"
    if pattern == 2:
        return f"{region.city}市{brand}{industry}{rng.choice(parts['company_forms'])}"
    if pattern == 3:
        return f"{brand}{industry}集团"
    if pattern == 4:
        return f"{region.city}{brand}大酒店"
    return f"{place_stem(rng)}{brand}{industry}有限公司"


def make_competition(rng: random.Random, region: Region, year: int) -> str:
    """A competition at national, provincial or city level."""
    parts = name_parts()
    skill = rng.choice(parts["skill_fields"])
    pattern = rng.randrange(9)
    if pattern == 0:
        return f"{region.province}职业院校技能大赛"
    if pattern == 1:
        return f"{year}年{region.province}职业院校技能大赛"
    if pattern == 2:
        return f"{region.city}市中等职业学校学生专业技能大赛"
    if pattern == 3:
        return f"{region.province}职业院校教师教学能力比赛"
    if pattern == 4:
        return f"{region.province}中职学校班主任能力比赛"
    if pattern == 5:
        return f"{region.province}中等职业学校{rng.choice(parts['contest_topics'])}大赛"
    if pattern == 6:
        return f"{region.city}市第{rng.choice(parts['cn_ordinals'])}届{skill}职业技能大赛"
    if pattern == 7:
        return f"“{_brand(rng)}杯”{skill}技能竞赛"
    return f"全国职业院校{skill}技能大赛"


def make_gov(rng: random.Random, region: Region) -> str:
    """A government body at national, provincial, city or county level, or a short form."""
    parts = name_parts()
    pattern = rng.randrange(10)
    if pattern == 0:
        return rng.choice(parts["gov_national"])
    if pattern in (1, 2):
        return f"{region.province}{rng.choice(parts['gov_province_offices'])}"
    if pattern in (3, 4, 5):
        return f"{region.city}市{rng.choice(parts['gov_city_offices'])}"
    if pattern == 6:
        return f"{region.city}市人民政府"
    if pattern == 7:
        return f"{rng.choice(region.counties)}{rng.choice(('教育局', '教育局', '人民政府', '人力资源和社会保障局'))}"
    return rng.choice(parts["gov_short"])


def make_other_org(rng: random.Random, region: Region) -> str:
    """An association, alliance, group, studio, centre or medium that is none of the above."""
    parts = name_parts()
    field_name = rng.choice(parts["fields"])[0]
    pattern = rng.randrange(10)
    if pattern == 0:
        return f"{region.city}市{field_name}职业教育集团"
    if pattern == 1:
        return f"{person_name(rng)}名师工作室"
    if pattern == 2:
        return f"{person_name(rng)}技能大师工作室"
    if pattern == 3:
        return f"{region.city}市{rng.choice(parts['skill_fields'])}产教联合体"
    if pattern == 4:
        return f"{_province_short(region.province)}{rng.choice(parts['associations'])}"
    if pattern == 5:
        return f"{region.city}市{rng.choice(parts['guidance_centres'])}"
    if pattern == 6:
        return f"{region.city}{rng.choice(parts['media'])}"
    if pattern == 7:
        return f"{region.city}市总工会"
    if pattern == 8:
        return f"{region.city}{_brand(rng)}社会工作服务中心"
    return f"{_brand(rng)}{rng.choice(parts['industries'])}产业学院"


@dataclass(slots=True)
class Cast:
    """The names one report uses: new ones on demand, earlier ones reused as reports do."""

    rng: random.Random
    region: Region
    year: int
    schools: list[School] = field(default_factory=list)
    used: dict[str, list[str]] = field(default_factory=dict)

    def pick(self, kind: str, reuse: float = 0.35) -> str:
        """A name of ``kind`` (an entity type, ``PER`` or ``COLLEGE``), often one already used."""
        earlier = self.used.setdefault(kind, [])
        if earlier and self.rng.random() < reuse:
            return self.rng.choice(earlier)
        name = self._new(kind)
        if name not in earlier:
            earlier.append(name)
        return name

    def school_mention(self) -> str:
        """A school of the region, by full name or by its abbreviation."""
        school = self.rng.choice(self.schools)
        if school.short and self.rng.random() < 0.45:
            return school.short
        return school.name

    def _new(self, kind: str) -> str:
        makers = {
            "ENTERPRISE": lambda: make_enterprise(self.rng, self.region),
            "COMPETITION": lambda: make_competition(self.rng, self.region, self.year),
            "GOV": lambda: make_gov(self.rng, self.region),
            "OTHER_ORG": lambda: make_other_org(self.rng, self.region),
            "PER": lambda: person_name(self.rng),
            "COLLEGE": lambda: make_college(self.rng, self.region),
        }
        if kind == "SCHOOL":
            return self.school_mention()
        return makers[kind]()


def make_schools(rng: random.Random, region: Region, n: int) -> list[School]:
    """``n`` distinct schools of one region."""
    schools: list[School] = []
    names: list[str] = []
    shorts: list[str] = []
    while len(schools) < n:
        school = make_school(rng, region)
        if school.name in names or (school.short and school.short in shorts):
            continue
        schools.append(school)
        names.append(school.name)
        if school.short:
            shorts.append(school.short)
    return schools
