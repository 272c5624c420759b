"""Names the issue tracker asked for by name (issue 17), through the whole pipeline with the
committed model: places whose first character is a particle, committees inside a school,
short forms of organs, and class nouns that are no names."""

from __future__ import annotations

import pytest
from nianbao.entities.extract import without_counted_measure
from nianbao.entities.patterns import (
    EntityCandidate,
    checked_type,
    plausible_name,
    without_leading_particle,
)
from nianbao.text.places import gazetteer, opens_with_place
from report_names import names_in

REPORT = (
    "某某职业学校2024年质量年度报告\n\n一、基本情况\n\n"
    "2024年，学校与于都县职业中等专业学校、连山职校和和平县职业技术学校开展交流。\n"
    "在江门市委、市政府的坚强领导下，学校成立了学术委员会，并组建委员会开展工作。\n"
    "学校建有周敏名班主任工作室和灰雕社团，市委宣传部给予指导，学生社团活跃。\n"
    "工作室老师为大新职校授课；台山培英职校新校区建成，于都县职业中等专业学校迁入新校区。\n"
    "学生获“智慧物流”竞赛项目一等奖。\n"
    "聘请2名德阳蓉达数控机床有限公司工程师授课，市妇联、市报社到校开展活动。\n"
    "学校联合湘中农林职院等高职院校组建联合体。\n"
    "市教育局成立产教融合指导中心和终身教育指导中心；学校组建职教高考备考专班。\n"
)


@pytest.fixture(scope="module")
def names(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    return names_in(tmp_path_factory, REPORT)


def test_the_gazetteer_holds_counties_and_their_short_forms() -> None:
    assert {"于都县", "于都", "连山", "和平县", "秦皇岛"} <= gazetteer()
    assert "和平" not in gazetteer()  # a common word first: only the full name is a place


def test_a_county_whose_first_character_is_a_particle_keeps_it(names: set) -> None:
    assert without_leading_particle("于都县职业中等专业学校") == 0
    assert without_leading_particle("由市教育局") == 1
    assert opens_with_place("连山职校")
    assert ("于都县职业中等专业学校", "SCHOOL") in names
    assert ("和平县职业技术学校", "SCHOOL") in names


def test_a_place_and_a_short_form_suffix_name_one_school(names: set) -> None:
    assert ("连山职校", "SCHOOL") in names
    assert ("湘中农林职院", "SCHOOL") in names


def test_a_school_committee_is_an_other_organisation() -> None:
    assert checked_type("学术委员会", "GOV") == "OTHER_ORG"
    assert checked_type("江门市发展和改革委员会", "GOV") == "GOV"
    assert checked_type("国家卫生健康委员会", "GOV") == "GOV"


def test_the_short_form_after_a_full_name_is_found(names: set) -> None:
    assert ("江门市委", "GOV") in names
    assert ("市政府", "GOV") in names


def test_a_bare_committee_is_no_name(names: set) -> None:
    assert not plausible_name("委员会")
    assert not any(text == "委员会" for text, _ in names)


def test_bodies_inside_a_school_are_named_by_what_tells_them_apart(names: set) -> None:
    assert ("周敏名班主任工作室", "ORG") in names
    assert ("灰雕社团", "ORG") in names
    assert not any(text == "学生社团" for text, _ in names)  # a kind of body


def test_a_short_form_that_opens_a_longer_organ_is_the_longer_one(names: set) -> None:
    assert not any(text == "市委" for text, _ in names)


def test_a_particle_glued_to_the_opening_place_is_left_out(names: set) -> None:
    assert ("大新职校", "SCHOOL") in names  # jieba reads 为大新|职校


def test_a_campus_belongs_to_its_school_and_a_verb_ends_it(names: set) -> None:
    assert ("台山培英职校新校区", "SCHOOL") in names
    assert not any(text.endswith("迁入新校区") for text, _ in names)


def test_a_quoted_event_is_a_competition(names: set) -> None:
    assert ("“智慧物流”竞赛项目", "COMPETITION") in names


def test_a_count_before_a_name_keeps_its_measure_word(names: set) -> None:
    assert not any(text.startswith("名德阳") for text, _ in names)


def test_mass_organisations_by_level_are_other_organisations(names: set) -> None:
    assert {("市妇联", "ORG"), ("市报社", "ORG")} <= names


def test_the_measure_word_of_a_count_is_no_first_character() -> None:
    text = "聘请2名德阳蓉达数控机床有限公司工程师"
    start = text.index("名德阳")
    span = EntityCandidate(start, text.index("工程师"), "ENTERPRISE", 0.9, "model")
    assert text[without_counted_measure(span, text).start :].startswith("德阳蓉达")


def test_a_bureaus_units_are_government_bodies(names: set) -> None:
    assert {("产教融合指导中心", "GOV"), ("终身教育指导中心", "GOV")} <= names
    assert not any(text.endswith("备考专班") and kind == "GOV" for text, kind in names)
