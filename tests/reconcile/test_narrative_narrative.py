"""Narrative against narrative (narrative_vs_narrative) on invented content."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import regex
from nianbao.link.links import link
from reconcile_helpers import ONTO, POLICY, claim, kinds, located, run

# --- narrative vs narrative -----------------------------------------------------------


def test_same_quantity_twice_with_different_values() -> None:
    a = claim("C1", "专任教师1050人", "1050", "1050", "人", "专任教师", start=10)
    b = claim("C2", "专任教师1105人", "1105", "1105", "人", "专任教师", start=500)
    found = run((a, b), (POLICY,))
    types = {(f.type, f.evidence[0].id) for f in found}
    assert ("narrative_vs_narrative", "C2") in types  # the table confirms C1, so C2 is the odd one
    assert ("narrative_vs_table", "C2") in types


def test_same_quantity_twice_agreeing_is_fine() -> None:
    a = claim("C1", "培训项目达到98项", "98", "98", "项", "培训项目", start=10)
    b = claim("C2", "培训项目达98个", "98", "98", "个", "培训项目", start=300)
    assert run((a, b), ()) == ()


def test_different_years_are_not_the_same_quantity() -> None:
    a = claim("C1", "专任教师980人", "980", "980", "人", "专任教师", start=10, period="2022")
    b = claim("C2", "专任教师1105人", "1105", "1105", "人", "专任教师", start=500)
    assert [f.type for f in run((a, b), ())] == []


# --- regressions with invented content ------------------------------------------------


def test_same_figure_for_two_named_schools_is_no_contradiction() -> None:
    """Regression: 专业教师14人 and 专业教师7人 in paragraphs about two named schools."""
    doc = (
        "丰和县农业职业高级中学推进党建工作。学校组建先锋服务队，专业教师14人，深入班级。\n"
        "丰和县兴华职业学校推进课堂改革，专业教师70人，覆盖全部专业。\n"
    )
    a = located(doc, "C1", "专业教师14人", "14", "14", "人", "专业教师")
    b = located(doc, "C2", "专业教师70人", "70", "70", "人", "专业教师")
    assert run((a, b), (), doc) == ()


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        ("全市合作企业251家。", [("narrative_vs_narrative", "error", Decimal(251), Decimal(241))]),
        ("全市合作企业241家。", []),
        ("丰和县兴华职业学校合作企业251家。", []),  # another school's partners
    ],
)
def test_known_indicator_stated_twice(second: str, expected: list[Any]) -> None:
    doc = f"2024年，全市校企合作持续深化，合作企业241家。\n{second}\n"
    a = located(doc, "C1", "合作企业241家", "241", "241", "家", "合作企业")
    fragment = regex.search(r"合作企业\d+家", second).group(0)  # type: ignore[union-attr]
    number = regex.search(r"\d+", fragment).group(0)  # type: ignore[union-attr]
    b = located(doc, "C2", fragment, number, number, "家", "合作企业")
    assert kinds(run((a, b), (), doc)) == expected


@pytest.mark.parametrize(
    ("first", "second", "flag"),
    [
        (
            "2024年，全市建成校企协同育人平台39个。",
            "全市积极参与集团化办学，校企协同育人平台37个。",
            True,
        ),
        # one programme of the school is no aggregate: the same words count other things
        (
            "某某县海川职业学校与某公司开设订单班，订单班学生人数58人。",
            "某某县海川职业学校联合某集团开展学徒制试点，订单班学生人数134人。",
            False,
        ),
        (
            "2024年，全市招生计划1603人。",
            "全市招生计划50人。",
            False,
        ),  # too short to name one thing
    ],
)
def test_unknown_indicator_stated_twice_is_only_possible(
    first: str, second: str, flag: bool
) -> None:
    doc = f"某某县海川职业学校质量年度报告（2024年度）\n{first}\n{second}\n"
    pattern = r"(校企协同育人平台|订单班学生人数|招生计划)(\d+)(个|人)"
    findings = run(_matched(doc, (first, second), pattern), (), doc)
    assert [(f.type, f.severity) for f in findings] == (
        [("narrative_vs_narrative", "warning")] if flag else []
    )


def test_the_same_unknown_phrase_after_another_name_is_another_count() -> None:
    first = "全市学生在四川省职业院校技能大赛中获一等奖6项。"
    second = "全市学生在德阳市中等职业学校技能大赛中获一等奖14项。"
    doc = f"某市质量年度报告（2024年度）\n{first}\n{second}\n"
    assert run(_matched(doc, (first, second), r"(技能大赛中获一等奖)(\d+)(项)"), (), doc) == ()


def _matched(doc: str, sentences: tuple[str, ...], pattern: str) -> tuple[Any, ...]:
    """A claim per sentence where ``pattern`` (indicator, number, unit) matches."""
    found = []
    for i, sentence in enumerate(sentences, start=1):
        m = regex.search(pattern, sentence)
        assert m is not None
        found.append(
            located(doc, f"C{i}", m.group(0), m.group(2), m.group(2), m.group(3), m.group(1))
        )
    return tuple(found)


def _claims_of(doc: str, specs: list[tuple[str, str, str, str]]) -> tuple[object, ...]:
    out = []
    for i, (fragment, number, unit, indicator) in enumerate(specs, start=1):
        out.append(located(doc, f"C{i}", fragment, number, number, unit, indicator))
    return tuple(out)


@pytest.mark.parametrize(
    ("first", "second", "specs", "expected"),
    [
        (  # the same 3 order classes with another number of students
            "学校与茗渡黑茶等企业开设订单班3个，在读学生126人。",
            "学校与茗渡黑茶、千两坊开设订单班3个，订单培养学生162人。",
            [
                ("企业开设订单班3个", "3", "个", "企业开设订单班"),
                ("在读学生126人", "126", "人", "在读学生"),
                ("千两坊开设订单班3个", "3", "个", "千两坊开设订单班"),
                ("订单培养学生162人", "162", "人", "订单培养学生"),
            ],
            [("narrative_vs_narrative", "warning", Decimal(162), Decimal(126))],
        ),
        (  # kinds of the anchor's own object (骨干专业 of 专业145个) are other quantities
            "全市开设专业145个，新增骨干专业22个。",
            "今年各校开设专业145个，撤销小弱专业16个。",
            [
                ("开设专业145个", "145", "个", "开设专业"),
                ("新增骨干专业22个", "22", "个", "新增骨干专业"),
                ("各校开设专业145个", "145", "个", "各校开设专业"),
                ("撤销小弱专业16个", "16", "个", "撤销小弱专业"),
            ],
            [],
        ),
    ],
)
def test_one_object_described_twice(
    first: str, second: str, specs: list[tuple[str, str, str, str]], expected: list[Any]
) -> None:
    doc = f"某某县海川职业学校质量年度报告（2024年度）\n{first}\n{second}\n"
    claims = _claims_of(doc, specs)
    assert kinds(run(claims, (), doc)) == expected  # type: ignore[arg-type]


_GRANTS = (
    "某某县海川职业学校质量年度报告（2024年度）\n"
    "学校发放国家助学金，共惠及学生{times}人次，发放金额186.5万元。\n"
    "享受免学费政策的学生1200人，总金额240.8万元；享受助学金政策的学生{persons}人，"
    "总金额186.5万元。\n"
)


def _grant_claims(doc: str, times: str, persons: str) -> tuple[Any, ...]:
    spec = [
        (f"学生{times}人次", times, "人次", "学生", times),
        ("发放金额186.5万元", "186.5万", "元", "发放金额", "1865000"),
        ("学生1200人", "1200", "人", "学生", "1200"),
        ("总金额240.8万元", "240.8万", "元", "总金额", "2408000"),
        (f"学生{persons}人", persons, "人", "学生", persons),
        ("总金额186.5万元", "186.5万", "元", "总金额", "1865000"),
    ]
    return tuple(
        located(doc, f"C{i}", fragment, number, value, unit, indicator)
        for i, (fragment, number, unit, indicator, value) in enumerate(spec, start=1)
    )


@pytest.mark.parametrize(
    ("times", "persons", "expected"),
    [
        # one grant (the same 186.5万元), students counted twice differently; the other
        # grant of the second sentence (免学费, its own clause) is not mixed in
        ("1865", "933", [("narrative_vs_narrative", "warning", Decimal(933), Decimal(1865))]),
        ("1866", "933", []),  # 人次 a whole multiple of 人: two semesters
    ],
)
def test_a_precise_sum_of_money_names_one_grant(
    times: str, persons: str, expected: list[Any]
) -> None:
    doc = _GRANTS.format(times=times, persons=persons)
    found = kinds(run(_grant_claims(doc, times, persons), (), doc))
    assert [f for f in found if f[0] == "narrative_vs_narrative"] == expected


# --- a bound against an exact figure ----------------------------------------------------

_PARTNERS = "学校与{a}家企业开展校企合作。六、产教融合。学校与{b}家企业建立了稳定合作关系。"


def _partners(a: str, b: str, qualifier: str) -> tuple[Any, ...]:
    doc = _PARTNERS.format(a=a, b=b)
    number = a.lstrip("逾近")
    value = "100" if number == "百" else number
    first = located(doc, "C1", f"{a}家企业", number, value, "家", "企业", qualifier=qualifier)
    second = located(doc, "C2", f"{b}家企业", b, b, "家", "企业")
    return doc, (first, second)


@pytest.mark.parametrize(
    ("a", "qualifier", "expected"),
    [
        ("逾百", "more_than", [("narrative_vs_narrative", "warning", Decimal(100), Decimal(86))]),
        ("逾80", "more_than", []),  # 86 is more than 80
        ("近90", "approx", []),  # approximate figures are not bounds
    ],
)
def test_a_bound_no_exact_figure_fits(
    a: str, qualifier: str, expected: list[tuple[str, str, Decimal, Decimal]]
) -> None:
    doc, claims = _partners(a, "86", qualifier)
    assert kinds(run(claims, (), doc)) == expected


def test_partner_counts_are_read_from_the_cooperation_frame() -> None:
    doc = "学校与86家企业建立了稳定合作关系，与3家企业合作开展现代学徒制培养。"
    partners = located(doc, "C1", "86家企业", "86", "86", "家", "企业")
    purpose = located(doc, "C2", "3家企业", "3", "3", "家", "企业")
    links = link((partners, purpose), (), ONTO, "2024", "某校", text=doc)
    assert [c.canonical for c in links.claims] == ["enterprises.partners", None]


def test_a_grants_recipients_pair_whatever_noun_each_clause_uses() -> None:
    doc = (
        "某某县海川职业学校质量年度报告（2024年度）\n"
        "学校发放国家助学金，享受国家助学金1865人次，发放金额186.5万元。\n"
        "资助政策全面落实，受助学生940人，总金额186.5万元。\n"
    )
    spec = [
        ("享受国家助学金1865人次", "1865", "人次", "享受国家助学金", "1865"),
        ("发放金额186.5万元", "186.5万", "元", "发放金额", "1865000"),
        ("受助学生940人", "940", "人", "受助学生", "940"),
        ("总金额186.5万元", "186.5万", "元", "总金额", "1865000"),
    ]
    claims = tuple(
        located(doc, f"C{i}", fragment, number, value, unit, indicator)
        for i, (fragment, number, unit, indicator, value) in enumerate(spec, start=1)
    )
    found = [f for f in kinds(run(claims, (), doc)) if f[0] == "narrative_vs_narrative"]
    assert found == [("narrative_vs_narrative", "warning", Decimal(940), Decimal(1865))]
