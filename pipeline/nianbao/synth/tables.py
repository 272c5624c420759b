"""Table specs of a synthetic report: the narrative tables and the six standard annex tables,
with the sum and ratio relations that hold between their cells."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from functools import cache

from nianbao.synth.names import RESOURCES
from nianbao.synth.spec import CellSpec, PartGroup, RatioGroup, RowSpec, SumGroup, TableSpec
from nianbao.synth.world import World, q

NARRATIVE_TABLES = (
    "nt_scale",
    "nt_enrol",
    "nt_schools",
    "nt_major_students",
    "nt_facilities",
    "nt_teachers",
    "nt_employment",
    "nt_awards",
    "nt_categories",
)
CITY_ONLY = ("nt_scale", "nt_schools")
SCHOOL_ONLY = ("nt_major_students",)


SHARES_ONLY_SHARE = 0.35  # how often the table of majors by category prints only shares


@cache
def table_definitions() -> dict:
    """The tables file: annex rows and narrative title patterns."""
    return json.loads((RESOURCES / "tables.json").read_text(encoding="utf-8"))


def cell_text(value: Decimal, style: str) -> str:
    """How a table prints a number: plain, ``12.5%`` or ``17.6:1``."""
    text = format(value, "f")
    return {"pct": f"{text}%", "ratio": f"{text}:1"}.get(style, text)


def decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


class _Builder:
    """Collects the rows of one table and gives every cell a stable id."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.rows: list[RowSpec] = []
        self.ratios: list[RatioGroup] = []  # relations among cells that show no world fact
        self._count = 0

    def cell(
        self,
        col: str,
        value: Decimal,
        unit: str,
        fact: tuple[str, str] | None,
        style: str = "plain",
    ) -> CellSpec:
        self._count += 1
        return CellSpec(
            f"{self.key}:{self._count}",
            col,
            cell_text(value, style),
            value,
            # a cell printed as "49.03%" is a percentage whatever its row says
            "%" if style == "pct" else unit,
            fact,
            decimals(value),
            style,
        )

    def row(self, label: str, gold_label: str, printed: list[str | CellSpec]) -> None:
        self.rows.append(RowSpec(label, gold_label, tuple(printed)))


def _groups(builder: _Builder, world: World) -> tuple[tuple[SumGroup, ...], tuple[RatioGroup, ...]]:
    """Sum and ratio relations among the table's cells that show world facts, whether the
    related cells share a column (rows of indicators) or a row (rows of years)."""
    shown: dict[tuple[str, str], list[CellSpec]] = {}
    for row in builder.rows:
        for c in row.printed:
            if isinstance(c, CellSpec) and c.fact is not None:
                shown.setdefault(c.fact, []).append(c)

    def beside(key: str, period: str, cell: CellSpec) -> str | None:
        cells = shown.get((key, period), [])
        same_column = [c for c in cells if c.col == cell.col]
        chosen = same_column or (cells if len(cells) == 1 else [])
        return chosen[0].id if chosen else None

    sums, ratios = [], []
    for (key, period), cells in shown.items():
        for cell in cells:
            parts = world.sums.get(key, ())
            ids = [beside(p, period, cell) for p in parts]
            if parts and all(ids):
                sums.append(SumGroup(cell.id, tuple(i for i in ids if i)))
            rule = world.derived.get(key)
            if rule is not None:
                a, b = beside(rule.a, period, cell), beside(rule.b, period, cell)
                if a and b:
                    ratios.append(RatioGroup(cell.id, a, b, rule.scale))
    return tuple(sums), tuple(ratios)


def annex_table(
    definition: dict,
    world: World,
    year: int,
    anchor: str,
    *,
    star: bool,
    indent: bool,
    rng: random.Random,
) -> TableSpec:
    """One of the six standard annex tables."""
    b = _Builder(definition["key"])
    cols = (f"{year - 1}年", f"{year}年")
    header = ("序号", "指标", "单位", *cols, *definition.get("extra_columns", ()))
    parent_gold = ""
    blocks = _PartBlocks()
    for row in definition["rows"]:
        unit = row["unit"]
        if row.get("cont"):
            label, gold = "", f"{parent_gold}({unit})"
        else:
            label = row["label"] + ("*" if star and row.get("star") else "")
            gold = label + (f"({row['ctx']})" if row.get("ctx") else "")
            parent_gold = label
            if indent and row.get("indent"):
                label = "      " + label
        printed: list[str | CellSpec] = [row.get("no", ""), label, unit]
        if "text" in row:
            printed += [row["text"], row["text"]]
        else:
            style = "ratio" if unit == "——" else "plain"
            gold_unit = "ratio" if style == "ratio" else unit
            for period, col in zip(("prev", "cur"), cols, strict=True):
                if period == "prev" and rng.random() < 0.02:
                    printed.append("-")
                    continue
                printed.append(
                    b.cell(
                        col, world.value(row["key"], period), gold_unit, (row["key"], period), style
                    )
                )
        for extra, col in zip(
            row.get("extra", ()), definition.get("extra_columns", ()), strict=True
        ):
            printed.append(
                b.cell(col, world.value(extra), "人", (extra, "cur")) if world.has(extra) else extra
            )
        b.row(label, gold, printed)
        blocks.add(row, [c for c in printed if isinstance(c, CellSpec) and c.col in cols])
    sums, ratios = _groups(b, world)
    return TableSpec(
        b.key,
        anchor,
        definition["title"],
        True,
        header,
        tuple(b.rows),
        sums,
        ratios,
        part_groups=blocks.groups(),
    )


class _PartBlocks:
    """Collects ``其中`` blocks: the rows after ``其中：`` up to the next numbered row are parts
    of the row just above ``其中：`` (counts in the same unit only)."""

    def __init__(self) -> None:
        self.previous: tuple[str, list[CellSpec]] | None = None
        self.parent: tuple[str, list[CellSpec]] | None = None
        self.parts: dict[str, list[str]] = {}

    def add(self, row: dict, cells: list[CellSpec]) -> None:
        if row.get("cont"):
            return
        label = row.get("label", "")
        if label.startswith("其中："):
            self.parent = self.previous
        elif row.get("no"):
            self.parent = None
        if self.parent is not None and label and self.parent[0] == row["unit"] != "%":
            for parent_cell in self.parent[1]:
                for cell in cells:
                    if cell.col == parent_cell.col:
                        self.parts.setdefault(parent_cell.id, []).append(cell.id)
        if not label.startswith("其中：") and self.parent is None:
            self.previous = (row["unit"], cells)

    def groups(self) -> tuple[PartGroup, ...]:
        return tuple(PartGroup(parent, tuple(parts)) for parent, parts in self.parts.items())


def narrative_table(
    key: str,
    world: World,
    year: int,
    anchor: str,
    title: str,
    rng: random.Random,
    *,
    wrap_years: bool,
    merged: bool = False,
) -> TableSpec:
    """A table of the report's own chapters; ``wrap_years`` breaks ``2023-2024学年`` over two lines,
    ``merged`` prints a merged first column naming the group of indicators, as PDF exports do."""
    b = _Builder(key)
    build = {
        "nt_scale": _scale,
        "nt_enrol": _enrol,
        "nt_schools": _schools,
        "nt_major_students": _major_students,
        "nt_facilities": _facilities,
        "nt_teachers": _teachers,
        "nt_employment": _employment,
        "nt_awards": _awards,
        "nt_categories": _categories,
    }[key]
    header = build(b, world, year, rng, wrap_years)
    sums, ratios = _groups(b, world)
    sums += tuple(_listed_sums(b, key))
    ratios += tuple(_share_ratios(b, key)) + tuple(b.ratios)
    current_only = key in ("nt_schools", "nt_major_students", "nt_awards", "nt_categories")
    rows: tuple[RowSpec, ...] = tuple(b.rows)
    columns: tuple[str, ...] = ()
    if merged and key in _GROUP_NAMES:
        group = _GROUP_NAMES[key]
        printed = (
            f"{group[:2]} {group[2:]}" if rng.random() < 0.5 else group
        )  # a wrapped merged cell
        rows = tuple(
            RowSpec(r.label, r.gold_label, (printed if i == 0 else "", *r.printed))
            for i, r in enumerate(rows)
        )
        header, columns = ("", *header), (group, *header)
    return TableSpec(
        key,
        anchor,
        title,
        False,
        header,
        rows,
        sums,
        ratios,
        year_in_title=str(year) in title,
        current_only=current_only,
        columns=columns,
    )


_GROUP_NAMES = {"nt_facilities": "办学条件", "nt_teachers": "教师队伍"}


def _year_label(year: int, wrap: bool) -> tuple[str, str]:
    gold = f"{year - 1}-{year}学年"
    return (f"{year - 1}-{year}\n学年" if wrap else gold), gold


def _scale(b: _Builder, world: World, year: int, rng: random.Random, wrap: bool) -> tuple[str, ...]:
    cols = ("学校数", "公办学校", "民办学校", "国家级重点中职学校", "省级重点中职学校")
    keys = (
        "schools.total",
        "schools.public",
        "schools.private",
        "schools.national_key",
        "schools.provincial_key",
    )
    for period, y in (("prev", year - 1), ("cur", year)):
        label, gold = _year_label(y, wrap)
        cells = [
            b.cell(c, world.value(k, period), "所", (k, period))
            for c, k in zip(cols, keys, strict=True)
        ]
        b.row(label, gold, [label, "所", *cells])
    return ("年份", "单位", *cols)


def _enrol(b: _Builder, world: World, year: int, rng: random.Random, wrap: bool) -> tuple[str, ...]:
    cols = ("招生数(人)", "在校生数(人)", "毕业生数(人)")
    keys = ("enrolment", "students", "graduates")
    for period, y in (("prev", year - 1), ("cur", year)):
        label, gold = _year_label(y, wrap)
        b.row(
            label,
            gold,
            [
                label,
                *(
                    b.cell(c, world.value(k, period), "人", (k, period))
                    for c, k in zip(cols, keys, strict=True)
                ),
            ],
        )
    return ("年份", *cols)


def _schools(
    b: _Builder, world: World, year: int, rng: random.Random, wrap: bool
) -> tuple[str, ...]:
    ratio_column = rng.random() < 0.6
    for i, school in enumerate(world.school_rows, start=1):
        nature = "公办" if school.public else "民办"
        students = b.cell("在校生数(人)", school.students, "人", (f"school{i}.students", "cur"))
        teachers = b.cell("专任教师数(人)", school.teachers, "人", (f"school{i}.teachers", "cur"))
        cells = [students, teachers]
        if ratio_column:
            value = q(school.students / school.teachers, 1)
            ratio = b.cell("生师比", value, "ratio", (f"school{i}.ratio", "cur"), "ratio")
            b.ratios.append(RatioGroup(ratio.id, students.id, teachers.id, 1))
            cells.append(ratio)
        b.row(school.name, school.name, [str(i), school.name, nature, *cells])
    total = [
        b.cell("在校生数(人)", world.value("students"), "人", ("students", "cur")),
        b.cell("专任教师数(人)", world.value("fulltime"), "人", ("fulltime", "cur")),
    ]
    if ratio_column:
        total.append(
            b.cell(
                "生师比",
                world.value("student_teacher"),
                "ratio",
                ("student_teacher", "cur"),
                "ratio",
            )
        )
    b.row("合计", "合计", ["", "合计", "", *total])
    return (
        "序号",
        "学校名称",
        "办学性质",
        "在校生数(人)",
        "专任教师数(人)",
        *(("生师比",) if ratio_column else ()),
    )


def _major_students(
    b: _Builder, world: World, year: int, rng: random.Random, wrap: bool
) -> tuple[str, ...]:
    """One row per major; some reports add each major's share of the school's students (a
    column the reader must relate to the 合计 row), and PDF exports print 合计 once across
    the serial and name columns (a merged cell)."""
    with_share = rng.random() < 0.5
    merged_total = rng.random() < 0.5
    total = world.value("students")
    share_col = "占在校生比例(%)"
    total_cell = b.cell("在校生数(人)", total, "人", ("students", "cur"))
    counts = []
    for i, (major, category, students) in enumerate(world.majors, start=1):
        count = b.cell("在校生数(人)", students, "人", (f"major{i}.students", "cur"))
        printed: list[str | CellSpec] = [str(i), major, category, count]
        if with_share:
            share = b.cell(share_col, q(students / total * 100, 2), "%", None)
            printed.append(share)
            b.ratios.append(RatioGroup(share.id, count.id, total_cell.id, 100))
        counts.append(count)
        b.row(major, major, printed)
    closing: list[str | CellSpec] = (
        ["合计", "", "", total_cell]
        if merged_total
        else [
            "",
            "合计",
            "",
            total_cell,
        ]
    )
    if with_share:
        closing.append(b.cell(share_col, Decimal(100), "%", None))
    b.row("合计", "合计", closing)
    header = ("序号", "专业名称", "所属专业大类", "在校生数(人)")
    return (*header, share_col) if with_share else header


def _by_indicator(
    b: _Builder, world: World, year: int, rows: list[tuple[str, str, str, str]], unit_column: bool
) -> tuple[str, ...]:
    """Rows of indicators, two year columns; ``rows`` are (label, unit, key, style)."""
    cols = (f"{year - 1}年", f"{year}年")
    for label, unit, key, style in rows:
        gold_unit = "ratio" if style == "ratio" else unit
        printed_label = label if unit_column or not unit else f"{label}({unit})"
        cells = [
            b.cell(col, world.value(key, p), gold_unit, (key, p), style)
            for p, col in zip(("prev", "cur"), cols, strict=True)
        ]
        b.row(
            printed_label, printed_label, [printed_label, *([unit] if unit_column else []), *cells]
        )
    return ("指标", *(("单位",) if unit_column else ()), *cols)


def _facilities(
    b: _Builder, world: World, year: int, rng: random.Random, wrap: bool
) -> tuple[str, ...]:
    rows = [
        ("生均校园占地面积", "平方米", "area_per_student", "plain"),
        ("生均校舍建筑面积", "平方米", "building_per_student", "plain"),
        ("生均教学仪器设备值", "元", "equip_per_student", "plain"),
        ("生均纸质图书", "册", "books_per_student", "plain"),
        ("校内实训基地数", "个", "internal_bases", "plain"),
        ("校外实习实训基地数", "个", "external_bases", "plain"),
        ("实习实训室数量", "个", "lab_rooms", "plain"),
    ]
    return _by_indicator(
        b, world, year, rng.sample(rows, rng.randint(4, len(rows))), rng.random() < 0.5
    )


def _teachers(
    b: _Builder, world: World, year: int, rng: random.Random, wrap: bool
) -> tuple[str, ...]:
    rows = [
        ("教职工总数", "人", "staff", "plain"),
        ("专任教师数", "人", "fulltime", "plain"),
        ("“双师型”教师数", "人", "dual", "plain"),
        ("“双师型”教师比例", "", "dual_ratio", "pct"),
        ("高级专业技术职务教师数", "人", "senior", "plain"),
        ("兼职教师比例", "", "parttime_ratio", "pct"),
    ]
    if rng.random() < 0.5:
        rows.insert(2, ("教职工额定编制数", "人", "quota", "plain"))
    return _by_indicator(b, world, year, rows, False)


def _employment(
    b: _Builder, world: World, year: int, rng: random.Random, wrap: bool
) -> tuple[str, ...]:
    cols = ["毕业生数(人)", "毕业去向落实人数(人)", "升学人数(人)", "毕业去向落实率(%)"]
    keys = ["graduates", "placed", "further", "employment_rate"]
    units = ["人", "人", "人", "%"]
    if rng.random() < 0.6:
        cols.append("升学率(%)")
        keys.append("further_share")
        units.append("%")
    for period, y in (("prev", year - 1), ("cur", year)):
        b.row(
            f"{y}年",
            f"{y}年",
            [
                f"{y}年",
                *(
                    b.cell(c, world.value(k, period), u, (k, period))
                    for c, k, u in zip(cols, keys, units, strict=True)
                ),
            ],
        )
    return ("年份", *cols)


def _awards(
    b: _Builder, world: World, year: int, rng: random.Random, wrap: bool
) -> tuple[str, ...]:
    cols = ("一等奖", "二等奖", "三等奖", "合计")
    for level, name in (("nat", "国家级"), ("prov", "省级"), ("city", "市级")):
        keys = (f"awards.{level}1", f"awards.{level}2", f"awards.{level}3", f"awards.{level}")
        b.row(
            name,
            name,
            [
                name,
                *(
                    b.cell(c, world.value(k), "项", (k, "cur"))
                    for c, k in zip(cols, keys, strict=True)
                ),
            ],
        )
    return ("级别", *cols)


def _categories(
    b: _Builder, world: World, year: int, rng: random.Random, wrap: bool
) -> tuple[str, ...]:
    total = world.value("majors")
    # some reports print only the shares (各专业大类占比), with no counts and no 合计 row
    shares_only = rng.random() < SHARES_ONLY_SHARE
    for i, (category, count) in enumerate(world.categories, start=1):
        share = q(count / total * 100, 1)
        printed: list[str | CellSpec] = [str(i), category]
        if not shares_only:
            printed.append(b.cell("专业数(个)", count, "个", (f"category{i}.count", "cur")))
        printed.append(b.cell("占比(%)", share, "%", (f"category{i}.share", "cur")))
        b.row(category, category, printed)
    if shares_only:
        return ("序号", "专业大类", "占比(%)")
    b.row(
        "合计",
        "合计",
        [
            "",
            "合计",
            b.cell("专业数(个)", total, "个", ("majors", "cur")),
            b.cell("占比(%)", Decimal(100), "%", None),
        ],
    )
    return ("序号", "专业大类", "专业数(个)", "占比(%)")


def _listed_sums(b: _Builder, key: str) -> list[SumGroup]:
    """合计 rows of listing tables: the total is the sum of the rows above it."""
    if key not in ("nt_schools", "nt_major_students", "nt_categories") or not b.rows:
        return []
    body, total = b.rows[:-1], b.rows[-1]
    if total.label != "合计":
        return []  # a table of shares only prints no total
    groups = []
    for t in total.printed:
        if isinstance(t, CellSpec) and t.fact is not None and t.style != "ratio":
            parts = tuple(
                c.id for r in body for c in r.printed if isinstance(c, CellSpec) and c.col == t.col
            )
            groups.append(SumGroup(t.id, parts))
    return groups


def _share_ratios(b: _Builder, key: str) -> list[RatioGroup]:
    """占比 cells of the category table: each row's count over the total."""
    if key != "nt_categories" or b.rows[-1].label != "合计":
        return []  # shares printed without their counts: nothing to divide
    total = next(c for c in b.rows[-1].printed if isinstance(c, CellSpec) and c.col == "专业数(个)")
    groups = []
    for row in b.rows[:-1]:
        count, share = (c for c in row.printed if isinstance(c, CellSpec))
        groups.append(RatioGroup(share.id, count.id, total.id, 100))
    return groups
