"""The numbers one synthetic report describes: a consistent set of facts for the previous and
the current year, from which every table cell and every narrative claim is drawn."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


def q(value: Decimal | float | int, decimals: int) -> Decimal:
    """Round half up to ``decimals`` places, as reports print."""
    step = Decimal(1).scaleb(-decimals)
    return Decimal(str(value)).quantize(step, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Derived:
    """A fact computed from two others: ``a / b`` times ``scale``, printed at ``decimals``."""

    a: str
    b: str
    scale: int
    decimals: int


@dataclass(frozen=True, slots=True)
class SchoolRow:
    name: str
    public: bool
    county_run: bool
    students: Decimal
    teachers: Decimal


@dataclass(frozen=True, slots=True)
class World:
    """Fact values by ``(key, period)``; lists behind the narrative tables."""

    level: str
    values: dict[tuple[str, str], Decimal]
    derived: dict[str, Derived]
    sums: dict[str, tuple[str, ...]]  # total key -> part keys, true in both periods
    school_rows: tuple[SchoolRow, ...]
    majors: tuple[tuple[str, str, Decimal], ...]  # (major, category, students), school level
    categories: tuple[tuple[str, Decimal], ...]  # (category, number of majors), current year

    def value(self, key: str, period: str = "cur") -> Decimal:
        return self.values[(key, period)]

    def has(self, key: str, period: str = "cur") -> bool:
        return (key, period) in self.values


DERIVED = {
    "employment_rate": Derived("placed", "graduates", 100, 2),
    "further_share": Derived("further", "graduates", 100, 1),
    "student_teacher": Derived("students", "fulltime", 1, 1),
    "dual_ratio": Derived("dual", "fulltime", 100, 2),
    "senior_ratio": Derived("senior", "fulltime", 100, 2),
    "area_per_student": Derived("campus_area", "students", 1, 2),
    "building_per_student": Derived("building_area", "students", 1, 2),
    "equip_per_student": Derived("equipment_yuan", "students", 1, 2),
    "stations_per_student": Derived("stations", "students", 1, 2),
    "books_per_student": Derived("books", "students", 1, 0),
    "scholarship_total": Derived("scholarship_n", "one", 6000, 0),
}

SUMS = {
    "employed": ("ind1", "ind2", "ind3"),
    "placed": ("further", "employed"),  # every placed graduate studies on or works
    "res_lib": ("res_lib.nat", "res_lib.prov", "res_lib.school"),
    "online_courses": ("online_courses.nat", "online_courses.prov", "online_courses.school"),
    "vsim": ("vsim.nat", "vsim.prov", "vsim.school"),
    "survey.grads": ("survey.grads_new", "survey.grads_3y"),
    "awards.prov": ("awards.prov1", "awards.prov2", "awards.prov3"),
    "awards.nat": ("awards.nat1", "awards.nat2", "awards.nat3"),
    "awards.city": ("awards.city1", "awards.city2", "awards.city3"),
    "schools.total": ("schools.public", "schools.private"),
}


class _Draw:
    """Random draws around a document-level parameter, jittered per year."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.params: dict[str, float] = {}

    def ratio(self, name: str, low: float, high: float, jitter: float = 0.05) -> float:
        base = self.params.setdefault(name, self.rng.uniform(low, high))
        return base * self.rng.uniform(1 - jitter, 1 + jitter)

    def int(self, low: int, high: int) -> Decimal:
        return Decimal(self.rng.randint(low, high))


def _split(total: int, weights: list[float]) -> list[int]:
    """Integers in proportion to ``weights`` that add up to ``total`` exactly."""
    raw = [total * w / sum(weights) for w in weights]
    parts = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)[
        : total - sum(parts)
    ]:
        parts[i] += 1
    return parts


def _year(d: _Draw, students: int, city: bool) -> dict[str, Decimal]:
    """One year's facts, given enrolment; relations hold exactly."""
    r, v = d.rng, {}
    s = Decimal(students)
    v["students"] = s
    v["enrolment"] = q(s * Decimal(d.ratio("enrol", 0.3, 0.38)), 0)
    graduates = q(s * Decimal(d.ratio("grad", 0.27, 0.34)), 0)
    v["graduates"] = graduates
    placed = q(graduates * Decimal(min(0.998, d.ratio("placed", 0.95, 0.99, 0.01))), 0)
    v["placed"] = placed
    further = q(placed * Decimal(d.ratio("further", 0.35, 0.7)), 0)
    v["further"] = further
    v["bachelor"] = q(further * Decimal(d.ratio("bachelor", 0.02, 0.12)), 0)
    employed = placed - further
    v["employed"] = employed
    ind = _split(
        int(employed),
        [d.ratio("i1", 0.02, 0.1), d.ratio("i2", 0.2, 0.45), d.ratio("i3", 0.45, 0.7)],
    )
    v["ind1"], v["ind2"], v["ind3"] = (Decimal(x) for x in ind)
    v["local_rate"] = q(Decimal(d.ratio("local", 70, 93, 0.02)), 2)
    v["income"] = q(d.ratio("income", 2900, 4700, 0.04), 0)
    v["startup_rate"] = q(d.ratio("startup", 0.1, 3.5, 0.3), 2)
    v["promo_rate"] = q(d.ratio("promo", 5, 30, 0.15), 2)
    v["employment_local"] = q(employed * Decimal(d.ratio("emp_local", 0.5, 0.85)), 0)
    v["employment_west"] = q(employed * Decimal(d.ratio("emp_west", 0.0, 0.02, 0.3)), 0)
    v["employment_sme"] = q(employed * Decimal(d.ratio("emp_sme", 0.4, 0.7)), 0)
    v["employment_large"] = q(employed * Decimal(d.ratio("emp_large", 0.05, 0.2)), 0)
    # satisfaction: the graduates' overall figure is the weighted mean of its two groups
    for key, (lo, hi) in {
        "class": (85, 97),
        "extra": (85, 97),
        "politics": (88, 99),
        "basic": (86, 98),
        "major": (86, 98),
        "employer": (88, 99.5),
        "parent": (88, 99),
    }.items():
        v[f"sat.{key}"] = q(min(99.9, d.ratio(f"sat_{key}", lo, hi, 0.01)), 2)
    v["sat.students"] = q((v["sat.class"] + v["sat.extra"]) / 2, 2)
    n_new = q(graduates * Decimal(d.ratio("survey_new", 0.4, 0.8)), 0)
    n_3y = q(graduates * Decimal(d.ratio("survey_3y", 0.3, 0.7)), 0)
    v["survey.grads_new"], v["survey.grads_3y"] = n_new, n_3y
    v["survey.grads"] = n_new + n_3y
    v["survey.students"] = q(s * Decimal(d.ratio("survey_s", 0.4, 0.9)), 0)
    v["survey.employer"] = q(d.ratio("survey_e", 40, 400), 0)
    v["survey.parent"] = q(s * Decimal(d.ratio("survey_p", 0.3, 0.6)), 0)
    sat_new = q(min(99.5, d.ratio("sat_new", 86, 97, 0.01)), 2)
    sat_3y = q(min(99.5, d.ratio("sat_3y", 86, 97, 0.01)), 2)
    v["sat.grads_new"], v["sat.grads_3y"] = sat_new, sat_3y
    v["sat.grads"] = q((sat_new * n_new + sat_3y * n_3y) / (n_new + n_3y), 2)
    # teachers
    fulltime = q(s / Decimal(d.ratio("stu_per_teacher", 11, 19, 0.03)), 0)
    v["fulltime"] = fulltime
    v["staff"] = q(fulltime * Decimal(d.ratio("staff", 1.1, 1.3, 0.02)), 0)
    v["quota"] = q(v["staff"] * Decimal(d.ratio("quota", 0.85, 1.02, 0.02)), 0)
    v["politics_t"] = q(fulltime * Decimal(d.ratio("pol", 0.05, 0.08)), 0)
    v["pe_t"] = q(fulltime * Decimal(d.ratio("pe", 0.04, 0.06)), 0)
    v["art_t"] = q(fulltime * Decimal(d.ratio("art", 0.03, 0.05)), 0)
    v["headteachers"] = q(s / Decimal(d.ratio("class_size", 38, 50, 0.03)), 0)
    v["dual"] = q(fulltime * Decimal(d.ratio("dual", 0.3, 0.7)), 0)
    v["senior"] = q(fulltime * Decimal(d.ratio("senior", 0.12, 0.32)), 0)
    v["parttime_ratio"] = q(d.ratio("parttime", 5, 20, 0.1), 2)
    mentors = q(fulltime * Decimal(d.ratio("mentors", 0.04, 0.12, 0.15)), 0)
    v["mentors"] = mentors
    v["masters"] = q(mentors * Decimal(d.ratio("masters", 0.03, 0.1, 0.2)), 0)
    v["mentor_hours"] = q(mentors * Decimal(d.ratio("mentor_h", 50, 150)), 0)
    v["mentor_pay"] = q(v["mentor_hours"] * Decimal(d.ratio("mentor_rate", 60, 120)) / 10000, 2)
    # majors, courses, resources
    majors = q(
        Decimal(d.ratio("majors_per_school", 4, 8, 0.04)) * (s / 900 if city else Decimal(2)) + 6, 0
    )
    v["majors"] = majors
    v["major_groups"] = q(majors / Decimal(d.ratio("group_size", 4, 7, 0.05)), 0) + 1
    courses = q(majors * Decimal(d.ratio("courses", 12, 18)), 0)
    v["courses"], v["courses.hours"] = courses, q(courses * Decimal(d.ratio("c_h", 100, 160)), 0)
    shares: dict[str, tuple[float, float]] = {
        "cert": (0.05, 0.15),
        "online": (0.02, 0.2),
        "coop": (0.03, 0.1),
    }
    for key, (low, high) in shares.items():
        n = max(Decimal(1), q(courses * Decimal(d.ratio(f"{key}_c", low, high, 0.1)), 0))
        v[f"courses.{key}"] = n
        v[f"courses.{key}.hours"] = q(n * Decimal(d.ratio(f"{key}_h", 40, 160)), 0)
    scale = 3 if city else 1
    for key, ranges in {
        "res_lib": ((0, 1), (0, 3), (3, 15)),
        "online_courses": ((0, 1), (0, 4), (3, 14)),
        "vsim": ((0, 0), (0, 2), (1, 8)),
    }.items():
        parts = [d.int(lo * scale, hi * scale) for lo, hi in ranges]
        everything_on = r.random() < 0.3  # every course on the national platform
        for level, n in zip(("nat", "prov", "school"), parts, strict=True):
            v[f"{key}.{level}"] = n
            v[f"{key}.{level}.platform"] = n if everything_on else Decimal(r.randint(0, int(n)))
        v[key] = sum(parts, Decimal(0))
        if everything_on and v[key] > 0:
            v[f"{key}.all_platform"] = v[key]  # told as 6门在线精品课程全部接入…平台
    v["online_courses.hours"] = q(v["online_courses"] * Decimal(d.ratio("oc_h", 40, 90)), 0)
    v["online_courses.students"] = q(d.ratio("oc_students", 120, 3500), 0)
    textbooks = d.int(4 * scale, 14 * scale)
    v["textbooks"] = textbooks
    v["textbooks.national"] = Decimal(r.randint(0, min(3, int(textbooks))))
    v["textbooks.coop"] = Decimal(r.randint(1, max(1, int(textbooks) * 7 // 10)))
    v["textbooks.newform"] = Decimal(r.randint(0, int(textbooks)))
    v["textbooks.platform"] = Decimal(r.randint(0, 3))
    v["bandwidth_out"] = Decimal(r.choice((300, 500, 1000, 1000, 2000, 2200)) * (2 if city else 1))
    v["bandwidth_lan"] = Decimal(r.choice((1000, 1000, 10000)))
    # facilities
    v["campus_area"] = q(s * Decimal(d.ratio("area", 25, 70, 0.01)), 2)
    v["building_area"] = q(s * Decimal(d.ratio("building", 15, 35, 0.01)), 2)
    v["equipment"] = q(s * Decimal(d.ratio("equip", 0.5, 2.0, 0.05)), 2)  # 万元
    v["equipment_yuan"] = v["equipment"] * 10000
    v["stations"] = q(s * Decimal(d.ratio("stations", 0.5, 1.4, 0.03)), 0)
    v["books"] = q(s * Decimal(d.ratio("books", 25, 60, 0.03)), 0)
    v["ebooks"] = q(s * Decimal(d.ratio("ebooks", 10, 40, 0.05)), 0)
    v["internal_bases"] = q(d.ratio("int_bases", 5, 30) * scale, 0)
    v["external_bases"] = q(d.ratio("ext_bases", 8, 60) * scale, 0)
    v["lab_rooms"] = q(s * Decimal(d.ratio("labs", 0.01, 0.03)), 0)
    # service
    v["tech_income"] = q(d.ratio("tech_income", 0, 80, 0.3), 2)
    v["econ_benefit"] = q(v["tech_income"] * Decimal(d.ratio("benefit", 1.2, 3)), 2)
    v["vertical_funds"] = q(d.ratio("vertical", 0, 20, 0.3), 2)
    v["tech_trade"] = Decimal("0.00")
    patents = d.int(0, 4 * scale)
    v["patents"] = patents
    v["patents.invention"] = Decimal(r.randint(0, int(patents)))
    v["ip_items"] = patents + d.int(0, 6 * scale)
    v["patent_transfer"] = Decimal(r.randint(0, min(1, int(patents))))
    v["patent_income"] = Decimal("0.00")
    v["training_projects"] = q(d.ratio("t_proj", 8, 40, 0.1) * scale, 0)
    v["training_hours"] = q(v["training_projects"] * Decimal(d.ratio("t_hours", 80, 900, 0.1)), 0)
    v["public_hours"] = q(v["training_hours"] * Decimal(d.ratio("pub_hours", 0.1, 0.4)), 0)
    v["training_income"] = q(v["training_projects"] * Decimal(d.ratio("t_income", 0.8, 6, 0.1)), 2)
    # international: small or zero, as in most secondary schools
    for key in ("intl.standards", "intl.visitors", "intl.programmes", "intl.posts", "intl.awards"):
        v[key] = Decimal(r.choice((0, 0, 0, 1, 2)))
    v["intl.standards.major"] = Decimal(r.randint(0, int(v["intl.standards"])))
    v["intl.standards.course"] = v["intl.standards"] - v["intl.standards.major"]
    v["intl.programme_students"] = (
        Decimal(r.randint(20, 60)) if v["intl.programmes"] else Decimal(0)
    )
    v["intl.days"] = Decimal(r.choice((0, 0, 5, 12, 20)))
    # policy
    v["per_student_funding"] = q(d.ratio("funding", 3000, 15000, 0.04), 2)
    v["special_funds"] = q(s * Decimal(d.ratio("special", 0.05, 0.6)), 2)  # 万元
    v["fitness_tested"] = q(s * Decimal(d.ratio("tested", 0.85, 0.98, 0.01)), 0)
    v["fitness_rate"] = q(min(99.5, d.ratio("fitness", 82, 97, 0.01)), 2)
    v["certificates"] = q(graduates * Decimal(d.ratio("certs", 0.4, 1.1)), 0)
    v["enterprise_equipment"] = q(d.ratio("ent_equip", 10, 400, 0.2) * scale, 2)
    v["practice_centres"] = q(d.ratio("centres", 1, 8, 0.2) * scale, 0)
    v["internship_funds"] = q(s * Decimal(d.ratio("intern", 0.002, 0.02)), 2)
    v["insurance"] = q(v["internship_funds"] * Decimal(d.ratio("insure", 0.2, 0.5)), 2)
    # narrative-only facts
    v["coop_enterprises"] = q(d.ratio("coop_ent", 15, 120, 0.08) * scale, 0)
    v["training_persons"] = q(v["training_hours"] * Decimal(d.ratio("t_persons", 0.3, 1.5)), 0)
    v["new_majors"] = d.int(1, 4 * scale)
    v["carriers"] = q(d.ratio("carriers", 3, 15) * scale, 0)
    v["order_classes"] = q(d.ratio("orders", 2, 12) * scale, 0)
    v["school_contests"] = q(d.ratio("contests", 10, 60) * scale, 0)
    v["teacher_training"] = q(fulltime * Decimal(d.ratio("t_train", 0.5, 2.5)), 0)
    v["groups_joined"] = q(d.ratio("groups", 2, 8) * scale, 0)
    v["scholarship_n"] = max(Decimal(1), q(s * Decimal(d.ratio("schol", 0.002, 0.004)), 0))
    v["one"] = Decimal(1)
    v["scholarship_each"] = Decimal(6000)
    # 国家助学金 is paid per semester: the 人次 are twice the students, 1000 元 each time
    v["aid_students"] = max(Decimal(50), q(s * Decimal(d.ratio("aid", 0.1, 0.4)) / 2, 0))
    v["aid_persons"] = v["aid_students"] * 2
    v["aid_amount"] = q(v["aid_persons"] * Decimal("0.1"), 1)  # 万元
    v["free_tuition_persons"] = q(s * Decimal(d.ratio("free_t", 0.7, 1.8)), 0)
    for level, (lo, hi) in {"nat": (0, 2), "prov": (2, 10), "city": (4, 20)}.items():
        parts = [d.int(lo, hi) * scale // 2, d.int(lo, hi) * scale, d.int(lo, hi) * scale + 1]
        for k, n in enumerate(parts, start=1):
            v[f"awards.{level}{k}"] = n
        v[f"awards.{level}"] = sum(parts, Decimal(0))
    return v


def _derive(values: dict[str, Decimal]) -> None:
    for key, rule in DERIVED.items():
        values[key] = q(values[rule.a] / values[rule.b] * rule.scale, rule.decimals)


def _school_rows(
    rng: random.Random, names: list[tuple[str, bool, bool]], ratio: float
) -> tuple[SchoolRow, ...]:
    rows = []
    for name, public, county_run in names:
        students = Decimal(int(rng.lognormvariate(7.0, 0.7)) + 120)
        teachers = q(students / Decimal(ratio * rng.uniform(0.85, 1.15)), 0)
        rows.append(SchoolRow(name, public, county_run, students, teachers))
    return tuple(rows)


def build_world(
    rng: random.Random,
    level: str,
    schools: list[tuple[str, bool, bool]],
    majors: list[tuple[str, str]],
) -> World:
    """A consistent world: ``schools`` are (name, public, county_run) for a city report."""
    city = level == "city"
    draw = _Draw(rng)
    rows: tuple[SchoolRow, ...] = ()
    if city:
        rows = _school_rows(rng, schools, draw.ratio("stu_per_teacher", 11, 19, 0))
        students_cur = int(sum(r.students for r in rows))
    else:
        students_cur = rng.randint(900, 6500)
    students_prev = int(students_cur * rng.uniform(0.9, 1.08))
    opened = rng.choice((0, 0, 1)) if any(not r.public for r in rows) else 0
    values: dict[tuple[str, str], Decimal] = {}
    for period, students in (("prev", students_prev), ("cur", students_cur)):
        year = _year(draw, students, city)
        if city:
            year.update(_school_counts(rows, opened if period == "prev" else 0))
        _derive(year)
        values.update({(k, period): x for k, x in year.items()})
    if city:  # the school list is the current year: its totals are the current facts
        values[("fulltime", "cur")] = sum((r.teachers for r in rows), Decimal(0))
        cur = {k: x for (k, p), x in values.items() if p == "cur"}
        _refresh_teachers(cur)
        values.update({(k, "cur"): x for k, x in cur.items()})
    if rng.random() < 0.5:  # an alliance founded last year, its members counted twice
        founded = rng.randint(18, 50)
        values[("alliance.members", "prev")] = Decimal(founded)
        values[("alliance.members", "cur")] = Decimal(founded + rng.randint(0, 12))
    major_rows: tuple[tuple[str, str, Decimal], ...] = ()
    if city:
        categories = _categories(rng, int(values[("majors", "cur")]), majors)
    else:
        chosen = majors[: rng.randint(6, min(16, len(majors)))]
        values[("majors", "cur")] = Decimal(len(chosen))
        values[("majors", "prev")] = Decimal(len(chosen) - rng.randint(0, 2))
        counts = _split(students_cur, [rng.uniform(0.5, 2) for _ in chosen])
        major_rows = tuple((m, c, Decimal(k)) for (m, c), k in zip(chosen, counts, strict=True))
        tally: dict[str, Decimal] = {}
        for _, category, _ in major_rows:
            tally[category] = tally.get(category, Decimal(0)) + 1
        categories = tuple(tally.items())
    values[("categories.count", "cur")] = Decimal(len(categories))
    return World(level, values, dict(DERIVED), dict(SUMS), rows, major_rows, categories)


def _school_counts(rows: tuple[SchoolRow, ...], opened: int) -> dict[str, Decimal]:
    """School counts of a year; ``opened`` private schools did not exist yet."""
    public = sum(1 for r in rows if r.public)
    private = len(rows) - public - opened
    return {
        "schools.total": Decimal(public + private),
        "schools.public": Decimal(public),
        "schools.private": Decimal(private),
        "schools.national_key": Decimal(max(1, public // 3)),
        "schools.provincial_key": Decimal(max(1, public // 2) + (0 if opened else 1)),
    }


def _refresh_teachers(v: dict[str, Decimal]) -> None:
    """Recompute the facts that hang on the full-time teacher count after it changed."""
    fulltime = v["fulltime"]
    v["staff"] = max(v["staff"], q(fulltime * Decimal("1.12"), 0))
    v["quota"] = min(v["quota"], v["staff"])
    v["dual"] = min(v["dual"], q(fulltime * Decimal("0.6"), 0))
    v["senior"] = min(v["senior"], q(fulltime * Decimal("0.3"), 0))
    _derive(v)


def _categories(
    rng: random.Random, n_majors: int, majors: list[tuple[str, str]]
) -> tuple[tuple[str, Decimal], ...]:
    """How a city's majors spread over the major categories."""
    names: list[str] = []
    for _, category in majors:
        if category not in names:
            names.append(category)
    k = min(len(names), rng.randint(6, 11), n_majors)
    chosen = rng.sample(names, k)
    counts = _split(n_majors - k, [rng.uniform(0.3, 2) for _ in chosen])
    return tuple((c, Decimal(n + 1)) for c, n in zip(chosen, counts, strict=True))
