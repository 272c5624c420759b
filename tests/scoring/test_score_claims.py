import pytest
from nianbao.scoring.claims import (
    indicator_right,
    normalise_indicator,
    normalise_unit,
    score_claims,
)

TEXT = "全市在校生30518人，毕业生9814人。专任教师2011人，生师比17.6:1。专任教师2011人。"


def _pred(quote: str, value: float, unit: str, indicator: str | None = None, occurrence: int = 1):
    start = -1
    for _ in range(occurrence):
        start = TEXT.index(quote, start + 1)
    return {
        "id": "C?",
        "start": start,
        "end": start + len(quote),
        "text": quote,
        "value": value,
        "unit": unit,
        "indicator": indicator,
    }


def _gold(*claims: dict) -> dict:
    return {"doc": "x.txt", "claims": list(claims)}


def _g(quote: str, value: float, unit: str, indicator: str = "", **extra) -> dict:
    return {"quote": quote, "value": value, "unit": unit, "indicator": indicator, **extra}


@pytest.mark.parametrize(
    "unit, normal",
    [
        ("％", "%"),
        ("%", "%"),
        ("百分点", "个百分点"),
        ("平米", "平方米"),
        ("周年", "年"),
        (" 人 ", "人"),
        (None, ""),
    ],
)
def test_normalise_unit(unit: str | None, normal: str) -> None:
    assert normalise_unit(unit) == normal


@pytest.mark.parametrize(
    "text, normal",
    [
        ("全日制在校生数", "全日制在校生"),
        ("就业学生（含升学）数", "就业学生"),
        ("“双师型”教师数", "双师型教师"),
        ("毕业人数", "毕业"),
        ("专任教师总数", "专任教师"),
        ("人数", "人数"),
        (None, ""),
    ],
)
def test_normalise_indicator(text: str | None, normal: str) -> None:
    assert normalise_indicator(text) == normal


@pytest.mark.parametrize(
    "gold, predicted, right",
    [
        ("全日制在校生数", "全日制在校生", True),
        ("专任教师数", "专任教师", True),
        ("就业率", "就业率", True),
        ("就业学生（含升学）数", "就业学生（含升学）", True),
        ("运动会参加师生数", "师生", True),
        ("参加对口高考人数", "参加对口高考", True),
        ("获省级证书学员数", "学员获得省级证书", True),
        ("专任教师数", "专业课教师", False),
        ("毕业生数", "生", False),
        ("生师比", "", False),
        ("生师比", None, False),
        ("就业率", "全市中等职业学校服务第二产业毕业生人数比上一年的就业率", False),
        ("校园占地面积", "生均校舍建筑面积", False),
    ],
)
def test_indicator_rule(gold: str, predicted: str | None, right: bool) -> None:
    assert indicator_right(gold, predicted) is right


def test_perfect_predictions() -> None:
    gold = _gold(
        _g("在校生30518人", 30518, "人", "在校生数"),
        _g("生师比17.6:1", 17.6, "ratio", "生师比"),
    )
    preds = [
        _pred("在校生30518人", 30518, "人", "在校生"),
        _pred("17.6:1", 17.6, "ratio", "生师比"),
    ]
    score = score_claims(preds, gold, TEXT)
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)
    assert (score.indicators_right, score.indicator_accuracy) == (2, 1.0)
    assert not score.missed and not score.spurious and not score.wrong_indicators


@pytest.mark.parametrize(
    "pred",
    [
        _pred("在校生30518人", 30519, "人"),  # wrong value
        _pred("在校生30518人", 30518, "名"),  # wrong unit
        _pred("毕业生9814人", 30518, "人"),  # no overlap with the gold quote
    ],
)
def test_no_match(pred: dict) -> None:
    score = score_claims([pred], _gold(_g("在校生30518人", 30518, "人")), TEXT)
    assert score.true_positives == 0
    assert score.missed and score.spurious == (pred,)
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_matching_is_one_to_one_and_honours_occurrence() -> None:
    gold = _gold(
        _g("专任教师2011人", 2011, "人", "专任教师数", occurrence=1),
        _g("专任教师2011人", 2011, "人", "专任教师数", occurrence=2),
    )
    one = [_pred("专任教师2011人", 2011, "人", "专任教师", occurrence=2)]
    score = score_claims(one, gold, TEXT)
    assert score.true_positives == 1 and score.recall == 0.5
    assert score.missed[0]["occurrence"] == 1
    both = [*one, _pred("专任教师2011人", 2011, "人", "教职工", occurrence=1)]
    score = score_claims(both, gold, TEXT)
    assert score.true_positives == 2 and score.indicators_right == 1
    assert score.wrong_indicators == (("专任教师数", "教职工"),)


def test_trivial_unit_and_value_normalisation() -> None:
    text = "就业率为97.60％。"
    gold = _gold({"quote": "就业率为97.60％", "value": 97.6, "unit": "%", "indicator": "就业率"})
    pred = {"start": 0, "end": 10, "value": 97.60, "unit": "％", "indicator": "就业率"}
    assert score_claims([pred], gold, text).f1 == 1.0


def test_unlocated_gold_quotes_are_reported_and_count_as_misses() -> None:
    gold = _gold(_g("不存在的句子5人", 5, "人"), _g("在校生30518人", 30518, "人"))
    score = score_claims([_pred("在校生30518人", 30518, "人")], gold, TEXT)
    assert len(score.unlocated) == 1 and score.recall == 0.5 and score.precision == 1.0
