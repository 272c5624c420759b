"""The extract stage: model and pattern entities merged, claims given subjects and indicators."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pytest
from nianbao.data import Claim, Layout, Relation, Segmented, Sentence, SourceDoc
from nianbao.entities.extract import Extraction, extract
from nianbao.entities.patterns import pattern_entities
from nianbao.layout.clean import clean
from nianbao.model.tagging import PairScore, TaggedSpan, Tagging

TEXT = "河山市教育局组织青禾职校参加长风杯技能大赛。青禾职校全日制在校生300人，专任教师20人。"
#       0     6   8  12 14       22  …


def _at(text: str, part: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.index(part, start + 1)
    return start, start + len(part)


def _seg(text: str = TEXT, words: Sequence[str] = ()) -> Segmented:
    doc = clean(SourceDoc("x.txt", "0" * 16, "txt", "utf-8", text))
    layout = Layout((), (), (), (), (), ())
    sentences, start = [], 0
    for end in [i + 1 for i, c in enumerate(text) if c == "。"]:
        sentences.append(Sentence(start, end, text[start:end]))
        start = end
    spans, cursor = [], 0
    for word in words:
        s = text.index(word, cursor)
        spans += [(i, i + 1) for i in range(cursor, s)]  # characters between given words
        spans.append((s, s + len(word)))
        cursor = s + len(word)
    spans += [(i, i + 1) for i in range(cursor, len(text))]
    return Segmented(doc, layout, tuple(sentences), tuple(spans))


def _claim(
    claim_id: str, number: str, unit: str, indicator: str | None, occurrence: int = 1
) -> Claim:
    n_start, n_end = _at(TEXT, number + unit, occurrence)
    i_start, i_end = _at(TEXT, indicator) if indicator else (None, None)
    start = min(n_start, i_start) if i_start is not None else n_start
    return Claim(
        claim_id,
        start,
        n_end + 0,
        TEXT[start:n_end],
        number,
        n_start,
        n_start + len(number),
        Decimal(number),
        unit,
        "exact",
        "count",
        indicator,
        i_start,
        i_end,
        "2023",
    )


def _span(part: str, label: str, score: float = 0.9, occurrence: int = 1) -> TaggedSpan:
    return TaggedSpan(*_at(TEXT, part, occurrence), label, score)


class FakeTagger:
    """Answers a fixed tagging, as the trained model would."""

    name = "models/fake"

    def __init__(self, tagging: Tagging) -> None:
        self.tagging = tagging
        self.calls: list[list[tuple[int, int]]] = []

    def tag(
        self,
        text: str,
        regions: Sequence[tuple[int, int]],
        words: Sequence[tuple[int, int]] | None = None,
    ) -> Tagging:
        self.calls.append(list(regions))
        return self.tagging


def _tagging(pairs: tuple[PairScore, ...] = ()) -> Tagging:
    return Tagging(
        generic=(_span("河山市", "LOC"), _span("长风", "PER")),
        domain=(
            _span("河山市教育局", "GOV"),
            _span("青禾职校", "SCHOOL"),
            _span("长风杯技能大赛", "COMPETITION"),
            _span("青禾职校", "SCHOOL", occurrence=2),
        ),
        quantities=(_span("300人", "QTY"), _span("20人", "QTY")),
        indicators=(_span("全日制在校生", "IND"), _span("专任教师", "IND")),
        pairs=pairs,
    )


def test_entities_ids_in_text_order_with_their_source():
    seg = _seg(words=["河山市", "教育局", "组织"])
    result = extract(seg, (), FakeTagger(_tagging()))
    assert isinstance(result, Extraction) and result.model == "models/fake"
    assert [e.id for e in result.entities] == ["E1", "E2", "E3", "E4"]
    assert [(e.text, e.type, e.source) for e in result.entities] == [
        ("河山市教育局", "GOV", "both"),
        ("青禾职校", "SCHOOL", "model"),
        ("长风杯技能大赛", "COMPETITION", "model"),
        ("青禾职校", "SCHOOL", "model"),
    ]
    for e in result.entities:
        assert TEXT[e.start : e.end] == e.text


def test_model_sees_the_running_text_sentences():
    tagger = FakeTagger(_tagging())
    extract(_seg(), (), tagger)
    assert tagger.calls == [[(0, 22), (22, len(TEXT))]]


def test_model_fragments_and_kinds_of_school_are_not_entities():
    text = "河山市青禾职业学校与河山市中等职业学校合作。"
    words = ["河山市", "青禾", "职业学校", "与", "河山市", "中等", "职业学校", "合作"]
    tagging = Tagging(
        (),
        (
            TaggedSpan(*_at(text, "禾职业学校"), "SCHOOL", 0.9),  # starts inside 青禾
            TaggedSpan(*_at(text, "河山市中等职业学校"), "SCHOOL", 0.9),  # a kind, not a name
        ),
        (),
        (),
        (),
    )
    entities = extract(_seg(text, words), (), FakeTagger(tagging)).entities
    assert [(e.text, e.source) for e in entities] == [("河山市青禾职业学校", "pattern")]


def test_model_type_follows_the_suffix_of_types_that_need_one():
    tagging = Tagging(
        (),
        (
            _span("长风杯技能大赛", "SCHOOL"),
            _span("河山市", "GOV"),
            _span("青禾职校", "ENTERPRISE"),
        ),
        (),
        (),
        (),
    )
    entities = extract(_seg(), (), FakeTagger(tagging)).entities
    found = {(e.text, e.type) for e in entities if e.source == "model"}
    # a bare place is no body; an "enterprise" ending as schools end is a school
    assert found == {("长风杯技能大赛", "COMPETITION"), ("青禾职校", "SCHOOL")}


def test_generic_people_and_places_only_where_no_domain_entity():
    tagging = _tagging()
    types = {(e.text, e.type) for e in extract(_seg(), (), FakeTagger(tagging)).entities}
    assert ("河山市", "LOC") not in types and ("长风", "PER") not in types
    alone = Tagging(tagging.generic, (), (), (), ())
    types = {(e.text, e.type) for e in extract(_seg(), (), FakeTagger(alone)).entities}
    assert ("长风", "PER") in types


def test_other_org_is_written_as_org_and_punctuation_spans_dropped():
    text = "长风协会组织青禾职校参加技能大赛。青禾职校在校生300人。"
    spans = (
        TaggedSpan(*_at(text, "长风协会", 1), "OTHER_ORG", 0.9),
        TaggedSpan(*_at(text, "。青", 1), "SCHOOL", 0.9),
    )
    tagging = Tagging((), spans, (), (), ())
    entities = extract(_seg(text), (), FakeTagger(tagging)).entities
    assert [(e.text, e.type) for e in entities if e.source == "model"] == [("长风协会", "ORG")]


def test_other_org_without_an_organisation_ending_is_no_name() -> None:
    # 长风杯 is a cup, not a body: an other organisation's name ends like one (协会, 中心, 社团)
    tagging = Tagging((), (_span("长风杯", "OTHER_ORG"),), (), (), ())
    entities = extract(_seg(), (), FakeTagger(tagging)).entities
    assert [e for e in entities if e.source == "model"] == []


def test_claims_get_subject_and_missing_indicator_from_confident_pairs():
    claims = (_claim("C1", "300", "人", None), _claim("C2", "20", "人", "专任教师"))
    pairs = (
        PairScore(0, 0, "CLAIM_INDICATOR", 0.95),
        PairScore(0, 3, "CLAIM_SUBJECT", 0.9),
        PairScore(0, 1, "CLAIM_SUBJECT", 0.2),
        PairScore(1, 0, "CLAIM_INDICATOR", 0.99),  # the pattern's indicator stays
        PairScore(1, 3, "CLAIM_SUBJECT", 0.3),  # not confident: no subject
    )
    result = extract(_seg(), claims, FakeTagger(_tagging(pairs)))
    c1, c2 = result.claims
    school = next(e for e in result.entities if e.start == _at(TEXT, "青禾职校", 2)[0])
    assert (c1.subject, c1.indicator, c1.source) == (school.id, "全日制在校生", "both")
    assert TEXT[c1.indicator_start : c1.indicator_end] == "全日制在校生"
    assert c1.text == TEXT[c1.start : c1.end] == "全日制在校生300人"
    assert (c2.subject, c2.indicator) == (None, "专任教师")
    assert Relation("CLAIM_SUBJECT", "C1", school.id, "model", 0.9) in result.relations
    assert Relation("CLAIM_INDICATOR", "C1", "全日制在校生", "model", None) in result.relations
    assert Relation("CLAIM_INDICATOR", "C2", "专任教师", "pattern", None) in result.relations
    assert claims[0].subject is None  # inputs are not changed


def test_claim_the_model_did_not_find_stays_pattern_only():
    claims = (_claim("C1", "300", "人", None),)
    tagging = Tagging((), (), (), (), ())
    (claim,) = extract(_seg(), claims, FakeTagger(tagging)).claims
    assert claim == claims[0]


def test_pattern_only_path_without_model():
    claims = (_claim("C1", "300", "人", "全日制在校生"),)
    seg = _seg(words=["河山市", "教育局", "组织", "青禾", "职校"])
    result = extract(seg, claims, None)
    assert result.model is None and result.relations == () and result.claims == claims
    assert [(e.text, e.type, e.source, e.id) for e in result.entities] == [
        ("河山市教育局", "GOV", "pattern", "E1")
    ]


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("河山市教育局发文。", ["河山市", "教育局", "发文"], [("河山市教育局", "GOV")]),
        ("按照河山市教育局要求。", ["按照", "河山市", "教育局", "要求"], [("河山市教育局", "GOV")]),
        ("市教育局发文。", ["市", "教育局", "发文"], [("市教育局", "GOV")]),
        (
            "河山市青禾职业学校开学。",
            ["河山市", "青禾", "职业学校", "开学"],
            [("河山市青禾职业学校", "SCHOOL")],
        ),
        ("全市中等职业学校开学。", ["全市", "中等", "职业学校", "开学"], []),
        ("学校开学。", ["学校", "开学"], []),
        ("河山市2023年技能大赛。", ["河山市", "2023", "年", "技能", "大赛"], []),
        # a name never runs across a verb: no place opens what is left
        ("河山市持续改善中等职业学校。", ["河山市", "持续", "改善", "中等", "职业学校"], []),
        # place + descriptors + suffix is a kind of school; place + suffix alone is one
        ("河山市中等职业学校开学。", ["河山市", "中等", "职业学校", "开学"], []),
        (
            "卢山县职业教育中心开学。",
            ["卢山县", "职业教育中心", "开学"],
            [("卢山县职业教育中心", "SCHOOL")],
        ),
        ("河山市工作部署。", ["河山市", "工作", "部署"], []),
        (
            "河山市“青禾杯”技能大赛开幕。",
            ["河山市", "“", "青禾杯", "”", "技能", "大赛", "开幕"],
            [("河山市“青禾杯”技能大赛", "COMPETITION")],
        ),
        # a prefecture from the gazetteer opens a name jieba does not tag as a place
        (
            "秦皇岛青禾酒店开业。",
            ["秦皇岛", "青禾", "酒店", "开业"],
            [("秦皇岛青禾酒店", "ENTERPRISE")],
        ),
        (
            "河山市青禾集团有限公司捐赠。",
            ["河山市", "青禾", "集团", "有限公司", "捐赠"],
            [("河山市青禾集团有限公司", "ENTERPRISE")],
        ),
        # a place name jieba tags ns opens a name too
        ("佛山机电学校开学。", ["佛山", "机电", "学校", "开学"], [("佛山机电学校", "SCHOOL")]),
        # national competitions open with 全国, and the edition belongs to the name
        (
            "参加全国职业院校技能大赛。",
            ["参加", "全国", "职业院校", "技能", "大赛"],
            [("全国职业院校技能大赛", "COMPETITION")],
        ),
        (
            "举办第二届河山市青禾杯技能大赛。",
            ["举办", "第二届", "河山市", "青禾杯", "技能", "大赛"],
            [("第二届河山市青禾杯技能大赛", "COMPETITION")],
        ),
        # a level opens a competition's name, but a level and a bare suffix name none
        (
            "举办市级职业院校技能大赛2次。",
            ["举办", "市级", "职业院校", "技能大赛", "2", "次"],
            [("市级职业院校技能大赛", "COMPETITION")],
        ),
        ("获省级大赛一等奖。", ["获", "省级", "大赛", "一等奖"], []),
        # one competition's name holds no other, unless that is one of its events
        (
            "河山市叉车职业技能大赛安全知识竞赛项目举行。",
            ["河山市", "叉车", "职业", "技能大赛", "安全", "知识", "竞赛", "项目", "举行"],
            [("河山市叉车职业技能大赛", "COMPETITION")],
        ),
        (
            "河山市职业院校技能大赛美发与造型赛项决赛举行。",
            ["河山市", "职业院校", "技能大赛", "美发", "与", "造型", "赛项", "决赛", "举行"],
            [("河山市职业院校技能大赛美发与造型赛项决赛", "COMPETITION")],
        ),
        # a verb jieba glued to the next word ends a name; the level glued to it opens one
        (
            "河山市中职学生获省技能竞赛三等奖。",
            ["河山市", "中职", "学生", "获省", "技能", "竞赛", "三等奖"],
            [("省技能竞赛", "COMPETITION")],
        ),
        # jieba cuts a place it does not know: the part before the place word belongs to it
        (
            "青禾市护理学校开学。",
            ["青禾", "市", "护理", "学校", "开学"],
            [("青禾市护理学校", "SCHOOL")],
        ),
        (
            "梧林区第四职业高级中学开学。",
            ["梧", "林区", "第四", "职业", "高级中学", "开学"],
            [("梧林区第四职业高级中学", "SCHOOL")],
        ),
        (
            "常津市高级技工学校开学。",
            ["常", "津市", "高级技工", "学校", "开学"],
            [("常津市高级技工学校", "SCHOOL")],
        ),
        # but a stop word or a common word before a bare 市 is no place's name
        ("由市教育局组织。", ["由", "市", "教育局", "组织"], [("市教育局", "GOV")]),
        (
            "近年来市教育局组织培训。",
            ["近年来", "市", "教育局", "组织", "培训"],
            [("市教育局", "GOV")],
        ),
    ],
)
def test_pattern_entities(text, words, expected):
    seg = _seg(text, words)
    found = pattern_entities(text, seg.words, [(0, len(text))])
    assert [(text[c.start : c.end], c.type) for c in found] == expected


@pytest.mark.parametrize(
    ("part", "label", "score", "kept"),
    [
        ("青禾职校", "SCHOOL", 0.9, True),
        ("青禾职校", "SCHOOL", 0.3, False),  # a low-confidence span is more often a fragment
        ("技能大赛", "COMPETITION", 0.99, False),  # a kind of organisation, not a name
        ("青", "SCHOOL", 0.99, False),
        ("禾职校参", "SCHOOL", 0.7, False),  # a school's name ends with a school suffix
    ],
)
def test_model_spans_filtered_by_score_and_genericness(part, label, score, kept):
    tagging = Tagging((), (_span(part, label, score),), (), (), ())
    entities = extract(_seg(), (), FakeTagger(tagging)).entities
    assert any(e.source == "model" for e in entities) is kept


def test_a_bare_place_is_no_organisation_of_any_type():
    text = "广东与北京的企业合作。"
    words = ["广东", "与", "北京", "的", "企业", "合作", "。"]
    tagging = Tagging(
        (TaggedSpan(*_at(text, "北京"), "LOC", 0.9),),
        (TaggedSpan(*_at(text, "广东"), "ENTERPRISE", 0.9),),
        (),
        (),
        (),
    )
    entities = extract(_seg(text, words), (), FakeTagger(tagging)).entities
    # the generic head's LOC stays a place; the domain head's "enterprise" 广东 is dropped
    assert [(e.text, e.type) for e in entities] == [("北京", "LOC")]


def _model_entities(text: str, words: list[str], spans: list[tuple[str, str]]) -> list:
    """Entities of ``text`` when the model's domain head answers ``spans`` (part, label)."""
    domain = tuple(TaggedSpan(*_at(text, part), label, 0.9) for part, label in spans)
    tagging = Tagging((), domain, (), (), ())
    return [(e.text, e.type) for e in extract(_seg(text, words), (), FakeTagger(tagging)).entities]


@pytest.mark.parametrize(
    ("text", "words", "spans", "expected"),
    [
        # a part with no ending continues into the next span of its type
        (
            "与青禾和信基业万怡酒店合作。",
            ["与", "青禾", "和", "信", "基业", "万怡", "酒店", "合作"],
            [("青禾和信基业", "ENTERPRISE"), ("万怡酒店", "ENTERPRISE")],
            [("青禾和信基业万怡酒店", "ENTERPRISE")],
        ),
        # a body's name across a joining word
        (
            "根据教育部职业教育与成人教育司通知。",
            ["根据", "教育部", "职业", "教育", "与", "成人教育", "司", "通知"],
            [("教育部职业教育", "GOV"), ("成人教育司", "GOV")],
            [("教育部职业教育与成人教育司", "GOV")],
        ),
        # … but two schools joined by 与 stay two
        (
            "松河职中与清山海事职业学院合作。",
            ["松河", "职中", "与", "清山", "海事", "职业学院", "合作"],
            [("松河职中", "SCHOOL"), ("清山海事职业学院", "SCHOOL")],
            [("松河职中", "SCHOOL"), ("清山海事职业学院", "SCHOOL")],
        ),
        # a place, one character of the brand, then the rest of the company's name
        (
            "与广东为正食品有限公司合作。",
            ["与", "广东", "为", "正", "食品", "有限公司", "合作"],
            [("广东", "ENTERPRISE"), ("正食品有限公司", "ENTERPRISE")],
            [("广东为正食品有限公司", "ENTERPRISE")],
        ),
        # a part that has an ending is a whole name already
        (
            "青禾集团万怡酒店合作。",
            ["青禾", "集团", "万怡", "酒店", "合作"],
            [("青禾集团", "ENTERPRISE"), ("万怡酒店", "ENTERPRISE")],
            [("青禾集团", "ENTERPRISE"), ("万怡酒店", "ENTERPRISE")],
        ),
    ],
)
def test_a_name_cut_in_two_by_the_model_is_joined(text, words, spans, expected):
    assert _model_entities(text, words, spans) == expected


@pytest.mark.parametrize(
    ("name", "words", "label", "expected"),
    [
        # the longest ending decides between enterprise and other organisation
        ("河山市青禾职业教育集团", ["河山市", "青禾", "职业", "教育", "集团"], "ENTERPRISE", "ORG"),
        ("青禾电器产业学院", ["青禾", "电器", "产业", "学院"], "SCHOOL", "ORG"),
        ("青禾数控有限公司", ["青禾", "数控", "有限公司"], "OTHER_ORG", "ENTERPRISE"),
        # a hospital is a service institution whoever runs it (the schema's OTHER_ORG)
        ("秦皇岛光辉医院", ["秦皇岛", "光辉", "医院"], "ENTERPRISE", "ORG"),
        # a body whose whole name is a suffix
        ("教育部", ["教育部"], "OTHER_ORG", "GOV"),
    ],
)
def test_an_organisation_takes_the_type_of_its_longest_ending(name, words, label, expected):
    text = f"与{name}合作。"
    found = _model_entities(text, ["与", *words, "合作"], [(name, label)])
    assert (name, expected) in found


def test_a_verb_is_no_name():
    text = "并获取青禾科技有限公司支持。"
    words = ["并", "获取", "青禾", "科技", "有限公司", "支持"]
    spans = [("获取", "ENTERPRISE"), ("青禾科技有限公司", "ENTERPRISE")]
    assert _model_entities(text, words, spans) == [("青禾科技有限公司", "ENTERPRISE")]


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        (
            "在全国职业院校技能大赛总决赛争夺赛中获奖。",
            ["在", "全国", "职业院校", "技能", "大赛", "总决赛", "争夺", "赛中", "获奖"],
            "全国职业院校技能大赛总决赛争夺赛",
        ),
        (
            "举办2024年广东省龙舟联赛（江门·恩平站）。",
            ["举办", "2024", "年", "广东省", "龙舟", "联赛", "（", "江门", "·", "恩平", "站", "）"],
            "广东省龙舟联赛（江门·恩平站）",
        ),
    ],
)
def test_a_competition_keeps_its_stage_and_venue(text, words, expected):
    entities = extract(_seg(text, words), (), None).entities
    assert [(e.text, e.type) for e in entities] == [(expected, "COMPETITION")]


def test_patterns_drop_a_leading_particle_and_type_by_the_whole_name():
    text = "由市教育局指导河山市第一职业技术学校教育集团。"
    words = ["由市", "教育局", "指导", "河山市", "第一", "职业技术学校", "教育", "集团"]
    seg = _seg(text, words)
    found = pattern_entities(text, seg.words, [(0, len(text))])
    # 教育集团 is no enterprise: the group named after its school is an other body
    assert [(text[c.start : c.end], c.type) for c in found] == [
        ("市教育局", "GOV"),
        ("河山市第一职业技术学校教育集团", "ORG"),
    ]


def test_a_model_name_around_a_pattern_name_is_the_outer_body():
    text = "河山市第一职业技术学校教育集团通过检查。"
    words = ["河山市", "第一", "职业技术学校", "教育", "集团", "通过", "检查"]
    spans = [("河山市第一职业技术学校教育集团", "OTHER_ORG")]
    assert _model_entities(text, words, spans) == [("河山市第一职业技术学校教育集团", "ORG")]


def test_competition_names_grow_across_student_and_speciality():
    text = "举办河山市中等职业学校学生专业技能大赛。"
    words = ["举办", "河山市", "中等职业学校", "学生", "专业", "技能大赛"]
    spans = [("河山市中等职业学校学生专业技能大赛", "COMPETITION")]
    found = _model_entities(text, words, spans)
    assert found == [("河山市中等职业学校学生专业技能大赛", "COMPETITION")]


def test_the_model_reads_no_region_without_letters():
    text = "河山市教育局发布通知。1249。青禾职校开学。"
    tagger = FakeTagger(Tagging((), (), (), (), ()))
    extract(_seg(text), (), tagger)
    regions = tagger.calls[0]
    # the sentence of digits alone is not read
    assert [text[s:e] for s, e in regions] == ["河山市教育局发布通知。", "青禾职校开学。"]


def test_a_common_noun_names_no_other_body():
    text = "学校成立中心和青禾协会。"
    words = ["学校", "成立", "中心", "和", "青禾", "协会"]
    spans = [("中心", "OTHER_ORG"), ("青禾协会", "OTHER_ORG")]
    assert _model_entities(text, words, spans) == [("青禾协会", "ORG")]


@pytest.mark.parametrize(
    ("text", "words", "part", "label"),
    [
        # a unit of measurement is no organisation, whatever the model says
        ("出口带宽达1000Mbps。", ["出口", "带宽", "达", "1000", "Mbps", "。"], "Mbps", "OTHER_ORG"),
        # a heading's section number does not open a competition's name
        ("2.4 技能竞赛。", ["2.4", " ", "技能", "竞赛", "。"], "2.4 技能竞赛", "COMPETITION"),
        (
            "2.4长风杯技能大赛。",
            ["2.4", "长风杯", "技能", "大赛", "。"],
            "2.4长风杯技能大赛",
            "COMPETITION",
        ),
    ],
)
def test_units_and_section_numbers_are_no_names(text, words, part, label):
    assert _model_entities(text, words, [(part, label)]) == []


def test_a_model_name_may_end_with_a_word_that_stops_names_growing():
    # 学校 stops a name growing leftwards over it, but ends 远航学校 as its suffix.
    assert _model_entities(
        "远航学校开学。", ["远航", "学校", "开学", "。"], [("远航学校", "SCHOOL")]
    ) == [("远航学校", "SCHOOL")]
    # a stop that is no name's ending still ends none, and a bare suffix is no name
    assert (
        _model_entities(
            "河山市学生开学。", ["河山市", "学生", "开学", "。"], [("河山市学生", "SCHOOL")]
        )
        == []
    )
    assert _model_entities("学校开学。", ["学校", "开学", "。"], [("学校", "SCHOOL")]) == []


def test_a_number_that_is_part_of_a_name_is_kept():
    text = "3D打印协会成立。"
    found = _model_entities(
        text, ["3D", "打印", "协会", "成立", "。"], [("3D打印协会", "OTHER_ORG")]
    )
    assert found == [("3D打印协会", "ORG")]


LISTED = "学校与精工绿筑、曼国化工两个企业签署协议。"
LISTED_WORDS = "学校 与 精工 绿筑 、 曼国 化工 两个 企业 签署 协议 。".split()


def test_a_listed_enterprise_replaces_a_model_fragment_inside_it():
    found = _model_entities(LISTED, LISTED_WORDS, [("曼国", "OTHER_ORG")])
    assert found == [("精工绿筑", "ENTERPRISE"), ("曼国化工", "ENTERPRISE")]


def test_a_listed_enterprise_types_the_models_untyped_name_of_the_same_span():
    # the model says only "an organisation"; the list (两个企业) says which kind
    found = _model_entities(LISTED, LISTED_WORDS, [("曼国化工", "OTHER_ORG")])
    assert found == [("精工绿筑", "ENTERPRISE"), ("曼国化工", "ENTERPRISE")]


def test_a_typed_model_name_that_is_the_whole_listed_item_is_not_doubled():
    found = _model_entities(LISTED, LISTED_WORDS, [("曼国化工", "ENTERPRISE")])
    assert found == [("精工绿筑", "ENTERPRISE"), ("曼国化工", "ENTERPRISE")]
