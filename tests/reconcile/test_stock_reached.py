"""A stock said to have reached less than an earlier passage gave it (invented text)."""

from __future__ import annotations

from reconcile_helpers import kinds, located, run


def _found(doc: str, first: tuple, second: tuple) -> list:
    claims = (
        located(doc, "C1", *first[:5], period=first[5]),
        located(doc, "C2", *second[:5], period=second[5]),
    )
    return [k for k in kinds(run(claims, (), text=doc)) if k[0] == "narrative_vs_narrative"]


DOC = (
    "2023年12月，学校牵头组建某某产教联合体，成员单位52家，其中企业40家。"
    "联合体成立后运行顺畅，联合体成员单位已达45家，共建实训基地5个。"
)
FIRST = ("成员单位52家", "52", "52", "家", "成员单位", "2023")
REACHED = ("联合体成员单位已达45家", "45", "45", "家", "联合体成员单位", "2024")


def test_a_stock_that_reached_less_than_it_was() -> None:
    assert _found(DOC, FIRST, REACHED) == [("narrative_vs_narrative", "warning", 45, 52)]


def test_a_stock_that_grew_is_consistent() -> None:
    doc = DOC.replace("已达45家", "已达61家")
    reached = ("联合体成员单位已达61家", "61", "61", "家", "联合体成员单位", "2024")
    assert _found(doc, FIRST, reached) == []


def test_without_the_word_for_reaching_nothing_is_said() -> None:
    doc = DOC.replace("成员单位已达45家", "成员单位有45家")
    plain = ("联合体成员单位有45家", "45", "45", "家", "联合体成员单位", "2024")
    assert _found(doc, FIRST, plain) == []


def test_a_short_common_noun_is_no_stock() -> None:
    doc = "学校有企业52家参加招聘会。合作企业已达45家。"
    first = ("企业52家", "52", "52", "家", "企业", "2024")
    reached = ("合作企业已达45家", "45", "45", "家", "合作企业", "2024")
    assert _found(doc, first, reached) == []
