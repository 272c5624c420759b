"""References to tables and figures in the text (table_references) on invented content."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from nianbao.data import Table
from reconcile_helpers import kinds, row, run

# --- table and figure references ------------------------------------------------------


def _captioned(tid: str, anchor: str, title: str, start: int, cols: tuple[str, ...]) -> Table:
    rows = (row("2024年", "1", "2", cols=cols[1:]),)
    return Table(tid, anchor, title, False, start, start + 10, cols, rows, "tab_rows")


@pytest.mark.parametrize(
    ("cited", "expected"),
    [
        ("表2", [("label_or_period", "error", Decimal(2), Decimal(1))]),
        ("表1", []),  # the table that follows is the one cited
    ],
)
def test_text_reference_to_the_wrong_table(cited: str, expected: list[Any]) -> None:
    doc = (
        f"全校全日制在校生2602人，招收新生847人，毕业生805人，见{cited}。\n"
        "表1 学生规模变化情况\n年份\t招生数\t在校生数\t毕业生数\n"
        "其他段落。\n" * 3 + "表2 专业大类开设情况\n序号\t专业大类\t专业数\t占比\n"
    )
    t1 = _captioned(
        "T1",
        "表1",
        "学生规模变化情况",
        doc.index("表1 "),
        ("年份", "招生数", "在校生数", "毕业生数"),
    )
    t2 = _captioned(
        "T2", "表2", "专业大类开设情况", doc.index("表2 "), ("序号", "专业大类", "专业数", "占比")
    )
    assert kinds(run((), (t1, t2), doc)) == expected


def test_text_reference_to_an_earlier_table_it_speaks_of_is_fine() -> None:
    doc = (
        "表1 专业大类开设情况\n序号\t专业大类\t专业数\n"
        "各专业大类开设情况见表1。\n"
        "表2 学生规模变化情况\n年份\t招生数\t在校生数\n"
    )
    t1 = _captioned("T1", "表1", "专业大类开设情况", 0, ("序号", "专业大类", "专业数"))
    t2 = _captioned(
        "T2", "表2", "学生规模变化情况", doc.index("表2 "), ("年份", "招生数", "在校生数")
    )
    assert run((), (t1, t2), doc) == ()


def test_figure_reference_to_the_wrong_figure() -> None:
    doc = (
        "图 5 某某学校创业之星\n"
        "学校开展全员导师制专题培训（见图 5），推动三全育人。\n\n"
        "图 17 某某学校组织开展全员导师制专题培训\n"
    )
    assert kinds(run((), (), doc)) == [("label_or_period", "error", Decimal(5), Decimal(17))]


# --- annex references, told by the numbers -------------------------------------------


def _annex(tid: str, number: str, title: str, *rows_: Any) -> Table:
    return Table(tid, f"表{number}", title, True, 0, 0, ("指标", "2024年"), rows_, "tab_rows")


ANNEX = (
    _annex("T1", "2", "满意度调查表", row("在校生满意度", "96.3", unit="%", cols=("2024年",))),
    _annex("T2", "3", "教学资源表", row("专业数", "14", unit="个", cols=("2024年",))),
    _annex(
        "T3", "4", "服务贡献表", row("非学历培训到账经费", "213.72", unit="万元", cols=("2024年",))
    ),
)


@pytest.mark.parametrize(
    ("sentence", "number", "value", "unit", "expected"),
    [
        # the figure is in 附件表2, the text says 附件表3
        ("在校生满意度96.3%（见附件表3）。", "96.3", "96.3", "%", [(Decimal(3), Decimal(2))]),
        ("在校生满意度96.3%（见附件表2）。", "96.3", "96.3", "%", []),  # right
        # 213.72万元 is 2137200 元, printed in 万元 in 附件表4
        ("到账经费213.72万元（详见附件表3）。", "213.72万", "2137200", "元", [(3, 4)]),
        ("到账经费213.72万元（详见附件表5）。", "213.72万", "2137200", "元", []),  # no 附件表5
        ("在校生满意度95.1%（见附件表3）。", "95.1", "95.1", "%", []),  # no table holds it
    ],
)
def test_annex_reference_checked_by_the_numbers(
    sentence: str, number: str, value: str, unit: str, expected: list[tuple[int, int]]
) -> None:
    from reconcile_helpers import claim

    c = claim("C1", sentence[: sentence.index("（")], number, value, unit, None)
    found = [f for f in run((c,), ANNEX, sentence) if f.check == "annex_table_references"]
    assert [(f.claimed, f.expected) for f in found] == [
        (Decimal(a), Decimal(b)) for a, b in expected
    ]
