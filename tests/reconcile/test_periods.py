"""Periods and years (dates_in_text, table_title_year, title_year_against_text) on invented content."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from reconcile_helpers import kinds, located, row, run, table

# --- periods --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2004年6月15日，市政府举办了2024年龙舟联赛。",
            [("label_or_period", "error", Decimal(2004), Decimal(2024))],
        ),
        ("学校创办于1984年9月1日，2024年迎来四十周年。", []),  # differs in more than one digit
        ("2024年2月30日举行了比赛。", [("label_or_period", "error", Decimal(2024), None)]),
        ("2024年2月29日举行了比赛。", []),
        ("2014年6月学校通过验收。", []),  # no other year in the sentence
    ],
)
def test_dates_in_text(
    text: str, expected: list[tuple[str, str, Decimal | None, Decimal | None]]
) -> None:
    assert kinds(run((), (), text)) == expected


@pytest.mark.parametrize(
    ("title", "flag"),
    [("2025年招生情况", True), ("2024年招生情况", False), ("2023/2024年招生情况", False)],
)
def test_title_year_contradicting_the_columns(title: str, flag: bool) -> None:
    t = table("T1", title, row("招生人数", "100", "120"))
    assert [f.type for f in run((), (t,))] == (["label_or_period"] if flag else [])


# --- regressions with invented content ------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "period", "expected"),
    [
        ("2024年，全校全日制在校生2899人。", "2024", "error"),  # the text names the year
        ("目前，全校全日制在校生2899人。", "2024", "warning"),
        ("2023年，全校全日制在校生2899人。", "2023", None),  # the title's year is right
    ],
)
def test_table_title_year_against_the_text(
    sentence: str, period: str, expected: str | None
) -> None:
    doc = f"{sentence}\n"
    c = located(
        doc, "C1", "全日制在校生2899人", "2899", "2899", "人", "全日制在校生", period=period
    )
    cols = ("在校生数(人)",)
    t = table(
        "T1",
        "2023年某某学校各专业在校生分布情况",
        row("护理", "1500", cols=cols),
        row("药剂", "1399", cols=cols),
        row("合计", "2899", cols=cols, kind="total"),
        cols=("专业名称", *cols),
    )
    found = [f for f in run((c,), (t,), doc) if f.check == "title_year_against_text"]
    assert [(f.severity, f.claimed, f.expected) for f in found] == (
        [(expected, Decimal(2023), Decimal(2024))] if expected else []
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2020年3月16日，某某学校承办2021年职业教育活动周主场活动。",
            [("label_or_period", "error", Decimal(2020), Decimal(2021))],
        ),
        (  # late in the year before: perhaps a preparation, possible only
            "2020年11月27日，2021年某市职业教育活动周启动仪式举行。",
            [("label_or_period", "warning", Decimal(2020), Decimal(2021))],
        ),
        ("2021年5月10日，某某学校承办2021年职业教育活动周主场活动。", []),
        ("2023年9月1日至2024年8月31日，学校参加2024年技能大赛。", []),  # a span
    ],
)
def test_date_against_the_year_of_its_event(text: str, expected: list[Any]) -> None:
    assert kinds(run((), (), text)) == expected


def _category_table(title: str, total: str) -> Any:
    from nianbao.data import Cell, Row, Table

    def category(label: str, count: str, kind: str = "data") -> Row:
        cell = Cell("专业数(个)", count, Decimal(count), "个", 0, 0, None)
        return Row(label, None, (cell,), 0, 0, kind)  # type: ignore[arg-type]

    rows = (
        category("装备制造大类", "6"),
        category("财经商贸大类", "8"),
        category("合计", total, "total"),
    )
    return Table("T2", "表2-2", title, False, 0, 1, ("专业大类", "专业数(个)"), rows, "tab_rows")


RESOURCES = table(
    "T9", "教学资源表", row("专业数量", "13", "14", unit="个"), appendix=True, anchor="表3"
)


@pytest.mark.parametrize(
    ("title", "total", "expected"),
    [
        # totals 14 like the annex's 2024 figure, not its 2023 figure 13: the title is wrong
        (
            "2023年各专业大类开设情况",
            "14",
            [("label_or_period", "error", Decimal(2023), Decimal(2024))],
        ),
        ("2023年各专业大类开设情况", "13", []),  # the 2023 figure: the title is right
        ("2024年各专业大类开设情况", "14", []),  # titled with the report year
    ],
)
def test_title_year_told_by_the_totals_of_another_table(
    title: str, total: str, expected: list[Any]
) -> None:
    found = run((), (_category_table(title, total), RESOURCES), f"表2-2 {title}")
    assert [k for k in kinds(found) if k[0] == "label_or_period"] == expected
