"""The financial data's declared calendar year against the years the narrative gives them
(declared_data_period), on invented content."""

from __future__ import annotations

from decimal import Decimal

import pytest
from nianbao.reconcile.checks.declared_periods import financial_year_declaration, own_year
from reconcile_helpers import kinds, located, run

FOREWORD = "本报告数据统计时段为2023年9月1日至2024年8月31日，财务数据统计时段为{span}。"


def _report(span: str, body: str) -> tuple[str, tuple]:
    doc = FOREWORD.format(span=span) + body
    fragment = "年生均财政拨款水平为9800元"
    claim = located(doc, "C1", fragment, "9800", "9800", "元", "年生均财政拨款水平", kind="money")
    return doc, (claim,)


@pytest.mark.parametrize(
    ("span", "body", "expected"),
    [
        # finances declared for 2023, the narrative dates them 2024: a possible finding
        (
            "2023年1月1日至2023年12月31日",
            "2024年，学校年生均财政拨款水平为9800元。",
            [("label_or_period", "warning", Decimal(2024), Decimal(2023))],
        ),
        # the same year: nothing to say
        ("2024年1月1日至12月31日", "2024年，学校年生均财政拨款水平为9800元。", []),
        # a year the sentence compares with is not the figure's year
        ("2023年1月1日至12月31日", "与2024年相比，学校年生均财政拨款水平为9800元。", []),
        # an earlier year is history, not a wrong label
        ("2023年1月1日至12月31日", "2022年，学校年生均财政拨款水平为9800元。", []),
    ],
)
def test_money_dated_after_the_declared_financial_year(
    span: str, body: str, expected: list[tuple[str, str, Decimal, Decimal]]
) -> None:
    doc, claims = _report(span, body)
    assert kinds(run(claims, (), doc)) == expected


def test_money_that_is_not_the_schools_finances_is_left_alone() -> None:
    doc = FOREWORD.format(span="2023年1月1日至12月31日") + "2024年，毕业生初次就业月收入4049元。"
    claim = located(
        doc, "C1", "初次就业月收入4049元", "4049", "4049", "元", "初次就业月收入", kind="money"
    )
    assert run((claim,), (), doc) == ()


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("其中财务相关数据的统计时间为自然年度（即2023年1月1日至12月31日）。", 2023),
        ("经费数据按2024自然年度统计。", 2024),
        ("财务数据统计时段为2024年1月1日至2024年12月31日。", 2024),
        ("数据统计时段为2023年9月1日至2024年8月31日。", None),  # a school year, not finances
        ("财务数据统计时段为2023年1月1日至2024年12月31日。", None),  # two years: no one year
    ],
)
def test_declarations_read_from_the_foreword(text: str, year: int | None) -> None:
    declared = financial_year_declaration(text)
    assert (declared.year if declared else None) == year


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("2025年，学校年生均财政拨款水平为", 2025),
        ("自2019年以来累计投入", None),
        ("2023年至2025年累计投入", None),
        ("较2024年增加", None),
    ],
)
def test_the_year_a_sentence_dates_its_figures_to(sentence: str, year: int | None) -> None:
    assert own_year(sentence, len(sentence)) == year
