"""Names the document itself explains: a school's short form made from its full name, a
body that carries its owner's name, a suffix jieba cuts into words, and two schools' names
that a verb keeps apart (issue 17)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from nianbao.entities.aliases import core_short_forms, school_alias, series_alias
from nianbao.entities.joins import with_owners
from nianbao.entities.patterns import EntityCandidate, pattern_entities
from nianbao.run import RunOptions, annotate_path
from nianbao.text.words import tokenize
from report_names import names_in

REPORT = (
    "某某市2024年中等职业教育质量年度报告\n\n一、基本情况\n\n"
    "清河市明德职业技术学校与长宁机电学校共建实训基地。\n"
    "清河明德开展送教下乡活动，长宁机电师生参加志愿服务。\n"
    "长宁县职业教育中心紧紧围绕地方产业办学。\n"
    "长宁县职教中心利用长宁三中建设了学生实习实训基地。\n"
    "河山市体育学校龙舟队参加了全市龙舟比赛。\n"
    "学校与清河青山果业股份有限公司（以下简称“青山果业”）共建青山果业产业学院。\n"
    "毕业生入职青山果业，学校成立“星火宣讲团”，牵头组建长宁茶叶产教联合体。\n"
    "学校现有清河省中职名师工作室1个，获评省示范职业教育集团，与清河仁心医院合作。\n"
    "学校与“清河家政”产教融合共同体成员单位交流。\n"
    "长宁县第三届电梯维修职业技能大赛在学校举行，学校承办了清河省职业院校技能大赛护理技术项目。\n"
    "案例3-2举行电梯维修职业技能大赛\n"
    "学校第四届心理健康运动会开幕；学校与青禾教育集团下属职业学校签约。\n"
    "学校被评为清河市中小学劳动教育示范学校，推进园区职校建设。\n"
    "师生到长宁县仁和医院开展志愿服务，为仁和医院清洁病房。\n"
    "这是长宁县技能竞赛工作的新举措；学生在全国职业院校技能大赛茶艺赛项比赛现场。\n"
    "微课在县融媒体中心平台播出；学校与清河市文化遗产保护中心合作。\n"
    "清河市骨科医院入驻长宁县凌云职业学校，清河省教育厅相关负责人到长宁县启航学校调研。\n"
    "图2春晖职校学生参加志愿服务\n"
    "长宁县远志中等职业学校开展技能月活动，远志中职学生全员参与。\n"
    "清河棠溪初级中学与学校共建劳动基地，棠溪初中学生到校体验。\n"
    "专家介绍了王大成职业技术学校的专业建设经验。\n"
    "长宁“双元制”教育中心与德国企业合作办学。\n"
    "学生在清河省职业院校技能大赛复赛中晋级，参加长宁县“青禾杯”乒乓球赛，"
    "在清河市中华优秀传统文化进校园展演活动中获奖；长宁县人力资源社会保障局给予支持。\n"
    "据中国职业技术教育中心的调查，学校与教育部教育装备发展中心合作。\n"
    "清河省教育厅职业教育处到校调研，指导处理实习问题。\n"
    "岚川县青松技工学校开设数控专业，岚川青松技校学生参加实训。\n"
)


@pytest.fixture(scope="module")
def names(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    return names_in(tmp_path_factory, REPORT)


def test_the_short_form_is_the_place_without_its_ending_and_the_core() -> None:
    assert school_alias("清河市明德职业技术学校") == "清河明德"
    assert school_alias("长宁机电学校") == "长宁机电"
    assert school_alias("清河明德职校") == "清河明德"
    assert school_alias("清河市明德职业技术学校新校区") == "清河明德"


def test_the_core_takes_the_kinds_short_ending() -> None:
    assert core_short_forms("清河市明德职业技术学校") == ("明德职校",)
    assert core_short_forms("清河县远志中等职业学校") == ("远志职校", "远志中职")
    assert core_short_forms("清河市职业技术学校") == ()  # no core


def test_a_core_short_form_is_found_where_it_stands_alone(names: set) -> None:
    assert ("远志中职", "SCHOOL") in names


def test_a_middle_school_is_called_by_its_core_and_初中(names: set) -> None:
    assert ("棠溪初中", "SCHOOL") in names


def test_a_school_named_after_a_person_is_a_school(names: set) -> None:
    assert ("王大成职业技术学校", "SCHOOL") in names


def test_a_programmes_education_centre_is_a_school(names: set) -> None:
    assert ("长宁“双元制”教育中心", "SCHOOL") in names


def test_stages_sports_and_shows_are_competitions(names: set) -> None:
    assert ("清河省职业院校技能大赛复赛", "COMPETITION") in names
    assert ("长宁县“青禾杯”乒乓球赛", "COMPETITION") in names
    assert ("清河市中华优秀传统文化进校园展演活动", "COMPETITION") in names


def test_the_ministrys_short_name_ends_a_bureau(names: set) -> None:
    assert ("长宁县人力资源社会保障局", "GOV") in names


def test_the_states_centres_are_government_bodies(names: set) -> None:
    assert ("中国职业技术教育中心", "GOV") in names
    assert ("中国职业技术教育中心", "SCHOOL") not in names
    assert ("教育部教育装备发展中心", "GOV") in names


def test_a_bureaus_division_is_named_with_it(names: set) -> None:
    assert ("清河省教育厅职业教育处", "GOV") in names
    assert not any(text.endswith("指导处") for text, _ in names)


def test_a_school_without_a_core_or_a_place_has_no_short_form() -> None:
    assert school_alias("清河市职业技术学校") is None  # place and kind only
    assert school_alias("明德职校") is None  # no place: 明德 alone is too common a word
    assert school_alias("清河市中等职业学校") is None  # descriptors are no core
    assert school_alias("清河市特殊教育学校") is None


def test_short_forms_are_found_where_they_stand_alone(names: set) -> None:
    assert ("清河明德", "SCHOOL") in names
    assert ("长宁机电", "SCHOOL") in names
    assert ("清河市明德职业技术学校", "SCHOOL") in names


def test_a_suffix_cut_into_words_still_types_the_name(names: set) -> None:
    assert ("长宁县职业教育中心", "SCHOOL") in names


def test_one_schools_name_never_runs_across_another(names: set) -> None:
    assert not any("利用" in text for text, _ in names)
    assert ("长宁三中", "SCHOOL") in names


def test_a_body_carries_its_owners_name(names: set) -> None:
    assert ("河山市体育学校龙舟队", "ORG") in names
    assert ("龙舟队", "ORG") not in names


def test_a_short_form_the_report_declares_is_found_with_its_type(names: set) -> None:
    assert ("清河青山果业股份有限公司", "ENTERPRISE") in names
    assert ("青山果业", "ENTERPRISE") in names
    # the declared short form owns the body named after it
    assert ("青山果业产业学院", "ORG") in names


def test_a_quoted_body_is_named_by_its_quotes(names: set) -> None:
    assert ("星火宣讲团", "ORG") in names
    assert ("“清河家政”产教融合共同体", "ORG") in names


def test_a_place_opens_other_organisations_too(names: set) -> None:
    assert ("长宁茶叶产教联合体", "ORG") in names


def test_honours_and_designations_are_no_bodies(names: set) -> None:
    assert not any(text.endswith("名师工作室") for text, _ in names)
    assert not any("示范职业教育集团" in text for text, _ in names)


def test_a_hospital_is_an_other_organisation(names: set) -> None:
    assert ("清河仁心医院", "ORG") in names


def test_a_series_is_called_by_what_follows_its_edition(names: set) -> None:
    assert series_alias("长宁县第三届电梯维修职业技能大赛") == "电梯维修职业技能大赛"
    assert series_alias("第三届职业技能大赛") is None  # a generic name after the edition
    assert series_alias("学校第四届心理健康运动会") is None  # a school's meet: an activity
    assert ("电梯维修职业技能大赛", "COMPETITION") in names
    assert ("心理健康运动会", "COMPETITION") not in names


def test_an_event_named_after_the_competition_is_part_of_it(names: set) -> None:
    assert ("清河省职业院校技能大赛护理技术项目", "COMPETITION") in names


def test_a_subordinate_school_leaves_its_owner_its_name(names: set) -> None:
    assert not any("下属" in text for text, _ in names)


def test_a_schools_honour_is_no_school(names: set) -> None:
    assert not any(text.endswith("示范学校") for text, _ in names)


def test_a_noun_that_ends_like_a_place_opens_no_name(names: set) -> None:
    assert ("园区职校", "SCHOOL") not in names


def test_a_hospital_is_called_by_its_name_without_the_place(names: set) -> None:
    assert ("长宁县仁和医院", "ORG") in names
    assert ("仁和医院", "ORG") in names


def test_a_competition_that_qualifies_a_noun_names_the_activity(names: set) -> None:
    assert not any(text.startswith("长宁县技能竞赛") for text, _ in names)


def test_an_event_and_a_generic_contest_word_do_not_lengthen_the_name(names: set) -> None:
    assert ("全国职业院校技能大赛", "COMPETITION") in names
    assert not any(text.endswith("赛项比赛") for text, _ in names)


def test_public_agencies_are_government_bodies(names: set) -> None:
    assert ("县融媒体中心", "GOV") in names
    assert ("清河市文化遗产保护中心", "GOV") in names


def test_a_schools_name_never_holds_another_bodys(names: set) -> None:
    assert not any("入驻" in text or "负责人" in text for text, _ in names)
    assert ("长宁县凌云职业学校", "SCHOOL") in names


def test_a_caption_number_is_no_part_of_a_name(names: set) -> None:
    assert not any(text.startswith("图2") for text, _ in names)


def test_owner_and_body_join_only_when_they_touch() -> None:
    school = EntityCandidate(0, 6, "SCHOOL", 0.9, "model")
    team = EntityCandidate(6, 9, "ORG", 0.5, "pattern")
    apart = EntityCandidate(7, 10, "ORG", 0.5, "pattern")
    assert with_owners([school, team]) == [EntityCandidate(0, 9, "ORG", 0.5, "pattern")]
    assert with_owners([school, apart]) == [school, apart]
    bureau = EntityCandidate(0, 6, "GOV", 0.9, "model")
    assert with_owners([bureau, team]) == [bureau, team]  # a bureau's unit is typed apart


def test_short_forms_that_overlap_are_one_name(tmp_path: Path) -> None:
    # without the model the place form (岚川青松) and the core form (青松技校) of
    # 岚川青松技校 would overlap inside it: they are one name
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    entities = sorted(
        annotate_path(path, RunOptions(use_model=False)).entities, key=lambda e: e.start
    )
    assert all(a.end <= b.start for a, b in pairwise(entities))
    assert "岚川青松技校" in {e.text for e in entities}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("学校与光明区第一职业技术学校合作。", "光明区第一职业技术学校"),  # 光明|区
        ("学校与东方市第二职业技术学校合作。", "东方市第二职业技术学校"),  # 东方|市
    ],
)
def test_a_real_division_jieba_cuts_after_a_common_word_opens_the_name(text, name) -> None:
    words = tokenize(text)
    found = [text[c.start : c.end] for c in pattern_entities(text, words, [(0, len(text))])]
    assert found == [name]
