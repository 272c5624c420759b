import pytest
from nianbao.layout.meta import read_meta


@pytest.mark.parametrize(
    "front, entity, year, level",
    [
        (
            "# 青山市中等职业教育 质量年度报告（2024 年度）\n\n青山市教育局\n\n2025 年 1 月\n",
            "青山市教育局",
            "2024",
            "city",
        ),
        (
            "白河县第二职业学校质量年度报告（2023年度）\n白河县第二职业学校\n2024年1月\n",
            "白河县第二职业学校",
            "2023",
            "school",
        ),
        (
            "前言\n按照某某省教育厅关于做好职业教育质量报告编制工作的通知要求，青山市教育局指导各校完成撰写，"
            "形成《青山市中等职业教育质量年度报告（2022年度）》。\n",
            "青山市教育局",
            "2022",
            "city",
        ),
        (
            "前言\n为客观反映学校2023年度人才培养质量，按照某某省教育厅的统一部署，白河县职业教育中心成立编制小组。\n"
            "2023年，我校新增专业2个。\n",
            "白河县职业教育中心",
            "2023",
            "school",
        ),
        (
            "根据《某某省教育厅关于做好职业教育质量报告（2024年度）编制工作的通知》要求，青山市教育局认真总结，"
            "编制了本报告。\n本年度质量报告中数据来自管理信息系统。\n",
            "青山市教育局",
            "2024",
            "city",
        ),
        (  # a school without a place in its name; 全市中职学校 is a scope, not a school
            "前  言\n为客观反映学校2025年度人才培养质量，按照某某省教育厅的统一部署，潼河技师学院成立"
            "质量年报编制小组，认真总结办学经验，形成本报告。\n2025年，全市中职学校在校生3.2万人，"
            "学校办学规模位居全市前列。\n",
            "潼河技师学院",
            "2025",
            "school",
        ),
        (  # the bureau that compiled it, though a school of the city is named more often
            "前 言\n为全面总结2024年度泰河市中等职业教育的发展成效，泰河市教育局组织专门力量梳理办学"
            "数据和典型案例，编制形成本报告。\n2024年，我校怀桥区立人职业学校新增专业2个。"
            "怀桥区立人职业学校获评示范校。\n",
            "泰河市教育局",
            "2024",
            "city",
        ),
        (
            "东海省中等职业教育质量年度报告（2024年度）\n东海省教育厅\n",
            "东海省教育厅",
            "2024",
            "province",
        ),
    ],
)
def test_reporting_entity_year_and_level(front: str, entity: str, year: str, level: str) -> None:
    meta = read_meta(front + "正文。" * 50)
    assert (meta.reporting_entity, meta.report_year, meta.level) == (entity, year, level)


def test_no_front_matter_gives_none_not_a_guess() -> None:
    meta = read_meta("全市共有学校12所。")
    assert meta.reporting_entity is None and meta.level is None


def test_full_width_year_in_the_title() -> None:
    assert (
        read_meta("青山市中等职业教育质量年度报告（２０２４年度）\n青山市教育局\n").report_year
        == "2024"
    )
