"""Resources said to be all on the platform against the table's access rows (invented)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from reconcile_helpers import kinds, located, row, run, table


def _resources(access: tuple[str, str, str]) -> object:
    return table(
        "T3",
        "教学资源表",
        row("在线精品课程数", "4", "6", unit="门", number="7"),
        row("其中：国家级数量", "0", "0", unit="门"),
        row("接入国家智慧教育平台数", "0", access[0], unit="门"),
        row("省级数量", "1", "2", unit="门"),
        row("接入国家智慧教育平台数", "1", access[1], unit="门"),
        row("校级数量", "3", "4", unit="门"),
        row("接入国家智慧教育平台数", "0", access[2], unit="门"),
        appendix=True,
        anchor="表3",
    )


DOC = "学校累计建成在线精品课程6门，6门在线精品课程全部接入国家智慧教育平台。"


@pytest.mark.parametrize(
    ("access", "expected"),
    [
        (("0", "1", "1"), [("narrative_vs_table", "warning", Decimal(6), Decimal(2))]),
        (("0", "2", "4"), []),  # all six are on the platform
    ],
)
def test_all_on_the_platform_against_the_access_rows(
    access: tuple[str, str, str], expected: list
) -> None:
    claim = located(DOC, "C2", "6门在线精品课程", "6", "6", "门", "在线精品课程")
    found = kinds(run((claim,), (_resources(access),), text=DOC))
    assert [f for f in found if f[0] == "narrative_vs_table"] == expected


def test_without_all_nothing_is_said_about_the_platform() -> None:
    doc = "学校累计建成在线精品课程6门，6门在线精品课程覆盖全部专业。"
    claim = located(doc, "C2", "6门在线精品课程", "6", "6", "门", "在线精品课程")
    assert kinds(run((claim,), (_resources(("0", "1", "1")),), text=doc)) == []
