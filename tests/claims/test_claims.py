import json
from decimal import Decimal
from pathlib import Path

import pytest
import regex
from nianbao.claims.extract import extract_claims
from nianbao.data import CleanDoc, Layout, OffsetMap, Segmented, Sentence, SourceDoc
from nianbao.export.contract import claim_record
from nianbao.scoring.claims import score_claims

_SENTENCE = regex.compile(r"[^。！？\n]+[。！？]?")


def _segmented(text: str) -> Segmented:
    """A hand-built ``Segmented``: sentences end at 。！？ and at line breaks."""
    source = SourceDoc("invented.txt", "0" * 16, "txt", "utf-8", text)
    doc = CleanDoc(source, text, OffsetMap((0,), (0,)))
    sentences = tuple(Sentence(m.start(), m.end(), m.group()) for m in _SENTENCE.finditer(text))
    return Segmented(doc, Layout((), (), (), (), (), ()), sentences, ())


def _claims(text: str, year: str | None = "2024"):
    return extract_claims(_segmented(text), year)


@pytest.mark.parametrize(
    "text, number_text, value, unit, qualifier, kind",
    [
        ("全校共有在校生4521人。", "4521", "4521", "人", "exact", "count"),
        ("学校现有在校生 31822 人。", "31822", "31822", "人", "exact", "count"),
        ("学校现有在校生３１８２２人。", "３１８２２", "31822", "人", "exact", "count"),
        ("合作企业近70家。", "70", "70", "家", "approx", "count"),
        ("与20余所学校签约。", "20", "20", "所", "more_than", "count"),
        ("吸引1800多名师生参加。", "1800", "1800", "人", "more_than", "count"),
        ("社会捐赠逾1600万元。", "1600", "16000000", "元", "more_than", "money"),
        ("设备总值为36136.914万元。", "36136.914", "361369140", "元", "exact", "money"),
        ("生均设备值为1.07624万元。", "1.07624", "10762.4", "元", "exact", "money"),
        ("专项经费1,234.5万元。", "1,234.5", "12345000", "元", "exact", "money"),
        ("校园占地面积 152.32 万平方米。", "152.32", "1523200", "平方米", "exact", "area"),
        ("生师比为17.6:1。", "17.6:1", "17.6", "ratio", "exact", "ratio"),
        ("师生比为 1:11.38。", "1:11.38", "11.38", "ratio", "exact", "ratio"),
        ("职普比为 34.8:65.2。", "34.8:65.2", "34.8", "ratio", "exact", "ratio"),
        ("对口就业率提高3.2个百分点。", "3.2", "3.2", "个百分点", "exact", "percent"),
        ("对口就业率为86.5%。", "86.5", "86.5", "%", "exact", "percent"),
        ("毕业生就业率达98.2％。", "98.2", "98.2", "%", "exact", "percent"),
        ("实践课时占总课时的45%以上。", "45", "45", "%", "at_least", "percent"),
        ("生均拨款不低于 1200 元。", "1200", "1200", "元", "at_least", "money"),
        ("市内两所学校获评示范校。", "两", "2", "所", "exact", "count"),
        ("覆盖十余个行业。", "十", "10", "个", "more_than", "count"),
        ("覆盖十几个行业。", "十几", "10", "个", "more_than", "count"),
        ("数百家企业参与合作。", "数百", "100", "家", "more_than", "count"),
        ("围绕全市八大产业集群设置专业。", "八", "8", "个", "exact", "count"),
        ("贯彻教育部等五部门文件精神。", "五", "5", "个", "exact", "count"),
        ("学校连续三年承办市赛。", "三", "3", "年", "exact", "duration"),
        ("学校建校 45 周年。", "45", "45", "年", "exact", "duration"),
        ("累计培训2.4万人次。", "2.4", "24000", "人次", "exact", "count"),
        ("全年服务时长超过2000分钟。", "2000", "2000", "分钟", "more_than", "duration"),
        ("培训总学时8630学时。", "8630", "8630", "学时", "exact", "duration"),
        ("决赛取得了第三名。", "三", "3", "名", "exact", "other"),
        ("成为唯一一所跻身前16名的学校。", "16", "16", "名", "at_most", "other"),
        ("首次荣获金奖一枚。", "一", "1", "枚", "exact", "count"),
        ("开展社会培训3-5期。", "3-5", "3", "期", "at_least", "count"),
        ("百分之九十的学生获得证书。", "九十", "90", "%", "exact", "percent"),
        ("全市有普通高中在校生 48210\n人。", "48210", "48210", "人", "exact", "count"),
    ],
)
def test_quantities(
    text: str, number_text: str, value: str, unit: str, qualifier: str, kind: str
) -> None:
    claims = [c for c in _claims(text) if c.number_text == number_text]
    assert len(claims) == 1, [c.text for c in _claims(text)]
    claim = claims[0]
    assert (claim.value, claim.unit, claim.qualifier, claim.kind) == (
        Decimal(value),
        unit,
        qualifier,
        kind,
    )
    assert text[claim.number_start : claim.number_end] == number_text


@pytest.mark.parametrize(
    "text",
    [
        "新楼2024年10月启用。",
        "统计时段为2022年9月1日至2023年8月31日。",
        "新校区23年秋季开学已启用。",
        "根据《关于开展2024年度绩效评价工作的通知》（某教职成〔2023〕7号）要求开展评价。",
        "积极开展1+X证书试点工作。",
        "推进“3+2”分段培养。",
        "落实“1+6+3”要求。",
        "围绕“1310”部署开展工作。",
        "入选第一批示范专业。",
        "举办第四届技能节。",
        "编制“十四五”发展规划。",
        "服务“百千万工程”建设。",
        "开展“双百行动”。",
        "咨询电话：0750-3251234，手机13912345678。",
        "邮编：123456。",
        "见表1-1所示，详见图 5。",
        "实施三年行动方案。",
        "近三年，各校优化专业结构。",
        "学校坚持四个自信，落实三全育人。",
        "学校缺少 35 岁以下青年教师。",
        "参加了8人龙舟200米直道竞速赛。",
        "每一节课都认真准备。",
        "打造一所现代化学校。",
        "会议于8:30开始。",
        "推广《五位一体 三融两通》成果。",
        "新时代千家万户受益。",
        "深入学习党的二十大精神。",
        "2024—2026年培养项目启动。",
        "与上一年相比保持稳定。",
    ],
)
def test_not_claims(text: str) -> None:
    assert _claims(text) == (), [c.text for c in _claims(text)]


@pytest.mark.parametrize(
    "text, number_text, indicator, role",
    [
        ("2023-2024学年，中职学校全日制在校生30518人。", "30518", "全日制在校生", "value"),
        ("全市中等职业学校专任教师2011人。", "2011", "专任教师", "value"),
        ("全市毕业生就业率为97.6%。", "97.6", "毕业生就业率", "value"),
        ("全市共有中职学校14所，其中公办12所。", "12", "公办", "value"),
        ("清河市现有教职员工总数为2315人。", "2315", "教职员工总数", "value"),
        ("全市招生专业共有16个专业大类。", "16", "专业大类", "value"),
        ("其中新增9个紧缺专业。", "9", "紧缺专业", "value"),
        ("撤销6个不适应市场需求的专业。", "6", "专业", "value"),
        ("全校 1500多名师生积极参加。", "1500", "师生", "value"),
        ("学校与32家企业签订合作协议。", "32", "企业", "value"),
        ("96人参加对口高考。", "96", "参加对口高考", "value"),
        ("获一等奖2项、二等奖3项、三等奖1项。", "2", "一等奖", "value"),
        ("教育部等五部门联合印发通知。", "五", "部门", "value"),
        ("共有在校生 18240 人，较上一学年减少 652 人。", "652", "在校生", "change"),
        ("全日制在校生数增加875人。", "875", "全日制在校生数", "change"),
        ("体质测评合格率94.2%，比上年高出0.8%。", "0.8", "体质测评合格率", "change"),
        ("“双师型”教师 412 人，占专任教师总数的 45.20%。", "45.20", "“双师型”教师", "share"),
        ("升学人数占毕业生总数的52.3%。", "52.3", "升学人数", "share"),
        ("全市生师比为17.6:1。", "17.6:1", "生师比", "ratio"),
    ],
)
def test_indicators(text: str, number_text: str, indicator: str, role: str) -> None:
    claim = next(c for c in _claims(text) if c.number_text == number_text)
    assert (claim.indicator, claim.role) == (indicator, role)
    assert claim.indicator_start is not None and claim.indicator_end is not None
    assert text[claim.indicator_start : claim.indicator_end] == indicator


def test_list_items_each_get_their_own_indicator() -> None:
    text = "获一等奖1项、二等奖2项、三等奖3项。"
    assert [c.indicator for c in _claims(text)] == ["一等奖", "二等奖", "三等奖"]


def test_spans_ids_and_offsets() -> None:
    text = (
        "前言。\n2023-2024学年，全市中职学校全日制在校生30518人，毕业生9814人。\n专任教师2011人。"
    )
    claims = _claims(text)
    assert [c.id for c in claims] == ["C1", "C2", "C3"]
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        assert claim.start <= claim.number_start < claim.number_end <= claim.end
        assert claim.recogniser and claim.source == "pattern"
        assert claim.subject is None and claim.canonical is None
    assert claims[0].text == "全日制在校生30518人"


@pytest.mark.parametrize(
    "text, number_text, period",
    [
        ("2023-2024学年，全市在校生30518人。", "30518", "2023-2024"),
        ("2022年，75人参加对口高考。", "75", "2022"),
        ("全市在校生30518人。", "30518", "2024"),
        ("比2023年提升12%。", "12", "2024"),
        ("上一学年在校生29876人。", "29876", "2023"),
        ("在校生18240人，较上一学年减少652人。", "652", "2024"),
        ("依据《2021年度规划》，全市在校生30518人。", "30518", "2024"),
        # 由 X 增加到 Y: X is the figure of the year before
        ("2024年，校舍建筑面积由7.62万平方米增加到7.86万平方米。", "7.62", "2023"),
        ("2024年，校舍建筑面积由7.62万平方米增加到7.86万平方米。", "7.86", "2024"),
        ("2024年，由学校牵头组建联盟12个。", "12", "2024"),  # 由 without 到: no change
        ("学校始建于1983年，占地263亩。", "263", "2024"),  # a founding year is no period
        # a plan's year after the report's dates its figures; a year already reached does not
        ("下一步，力争到2027年建成省级在线精品课程6门。", "6", "2027"),
        ("在校生由2022年的1800人增长到2024年的2100人。", "2100", "2024"),
        ("从2024年到2026年共投入资金300万元。", "300", "2024"),
        # a plan without a year of its own is of no year the tables print
        ("学校力争建成省级骨干专业3个。", "3", None),
        ("2024年，学校预计完成社会培训5000人次。", "5000", "2024"),
    ],
)
def test_periods(text: str, number_text: str, period: str | None) -> None:
    claim = next(c for c in _claims(text) if c.number_text == number_text)
    assert claim.period == period


def test_period_carries_over_a_wrapped_line_but_not_a_paragraph() -> None:
    text = "2023年，132人参加对口高考，\n47人超过本科分数线。\n全市在校生30518人。"
    periods = [c.period for c in _claims(text)]
    assert periods == ["2023", "2023", "2024"]


def test_a_plan_year_is_not_carried_to_the_next_sentence() -> None:
    text = "力争到2027年建成实训基地5个。全市在校生30518人。"
    assert [c.period for c in _claims(text)] == ["2027", "2024"]


def test_no_report_year_leaves_period_open() -> None:
    (claim,) = _claims("全市在校生30518人。", year=None)
    assert claim.period is None


def test_claims_only_come_from_sentences() -> None:
    text = "表1 办学规模\n\t在校生\t30518人\n全市专任教师2011人。"
    source = SourceDoc("t.txt", "0" * 16, "txt", "utf-8", text)
    doc = CleanDoc(source, text, OffsetMap((0,), (0,)))
    start = text.index("全市")
    seg = Segmented(
        doc, Layout((), (), (), (), (), ()), (Sentence(start, len(text), text[start:]),), ()
    )
    assert [c.number_text for c in extract_claims(seg, "2024")] == ["2011"]


def test_output_is_deterministic() -> None:
    text = "全市共有中职学校14所，其中公办12所。在校生30518人，较上一学年增加875人。"
    assert _claims(text) == _claims(text)


def _dev_claims(corpus: Path) -> list[tuple[dict, list[dict], str]]:
    from nianbao.ingest.source import read_source
    from nianbao.layout.clean import clean
    from nianbao.layout.meta import read_meta
    from nianbao.layout.segment import segment
    from nianbao.layout.structure import analyse_layout

    out = []
    for gold_path in sorted((corpus / "dev-gold").glob("*.txt.gold.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        doc = clean(read_source(corpus / "corpus" / gold["doc"]))
        seg = segment(doc, analyse_layout(doc), with_spacy=False)
        year = read_meta(doc.text).report_year
        out.append((gold, [claim_record(c) for c in extract_claims(seg, year)], doc.text))
    return out


def test_dev_gold_bar(shared_dir: Path) -> None:
    """Numeric claims on both dev files together: F1 ≥ 0.92 (value + unit), indicators ≥ 85%."""
    tp = predicted = gold_total = indicators = 0
    for gold, predictions, text in _dev_claims(shared_dir):
        score = score_claims(predictions, gold, text)
        assert not score.unlocated
        tp += score.true_positives
        predicted += score.predicted
        gold_total += score.gold
        indicators += score.indicators_right
    precision, recall = tp / predicted, tp / gold_total
    assert 2 * precision * recall / (precision + recall) >= 0.92
    assert indicators / tp >= 0.85
