"""The finding scorer: matching rule, one-to-one assignment, false alarms (invented gold)."""

from __future__ import annotations

from typing import Any

import pytest
from nianbao.scoring.findings import locate, score_findings

TEXT = "全市专任教师1000人，生师比20:1。后文又称专任教师1200人。表1 教学资源表"


def gold(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "findings": [
            {
                "id": "G1",
                "type": "narrative_vs_table",
                "severity": "definite",
                "quote": "专任教师1200人",
                "claimed": 1200,
                "reference": 1000,
            },
            {
                "id": "G2",
                "type": "table_internal_sum",
                "severity": "possible",
                "quote": "表1 教学资源表",
                "claimed": 34,
                "reference": 35,
            },
        ],
        "consistent": [{"quote": "专任教师1000人", "value": 1000}],
    }
    base.update(extra)
    return base


CLAIMS = [
    {"id": "C1", "start": TEXT.index("专任教师1000人"), "end": TEXT.index("专任教师1000人") + 9},
    {"id": "C2", "start": TEXT.index("专任教师1200人"), "end": TEXT.index("专任教师1200人") + 9},
]


def pred(
    fid: str, kind: str, claimed: float, expected: float, *evidence: dict[str, Any]
) -> dict[str, Any]:
    return {
        "id": fid,
        "type": kind,
        "severity": "error",
        "claimed": claimed,
        "expected": expected,
        "evidence": list(evidence),
    }


def on_claim(cid: str) -> dict[str, Any]:
    return {"kind": "claim", "id": cid}


CELL = {"kind": "cell", "table": "T1", "row": "专业教学资源库数", "col": "2024年"}
TABLES = [{"id": "T1", "start": TEXT.index("表1"), "end": len(TEXT)}]


def test_both_found_nothing_false() -> None:
    preds = [
        pred("F1", "narrative_vs_table", 1200, 1000, on_claim("C2"), CELL),
        pred("F2", "table_internal_sum", 34, 35, CELL),
    ]
    s = score_findings(preds, CLAIMS, gold(), TEXT, TABLES)
    assert (s.definite_found, s.definite_gold, s.possible_found, s.possible_gold) == (1, 1, 1, 1)
    assert s.false_alarms == 0 and s.unmatched_predictions == 0
    assert s.matches == (("G1", "F1"), ("G2", "F2"))


@pytest.mark.parametrize(
    ("prediction", "found"),
    [
        (pred("F1", "narrative_vs_table", 1000, 1200, on_claim("C2")), True),  # either order
        (pred("F1", "narrative_vs_table", 1203, 1000, on_claim("C2")), True),  # within 0.5 %
        (pred("F1", "narrative_vs_table", 0.12, 0.1, on_claim("C2")), True),  # in 万
        # the same claim against another reference within 25 %
        (pred("F1", "narrative_arithmetic", 1200, 1100, on_claim("C2")), True),
        (pred("F1", "narrative_vs_table", 1200, 1600, on_claim("C2")), False),  # 60 % off
        (pred("F1", "narrative_vs_table", 5, 6, on_claim("C2")), False),  # other numbers
        (pred("F1", "narrative_vs_table", 1200, 1000), False),  # right numbers, no place
        (pred("F1", "narrative_vs_table", 1200, 1000, on_claim("C1")), False),  # other claim
        (pred("F1", "table_vs_table", 1200, 1000, CELL), False),  # other family
    ],
)
def test_matching_rule(prediction: dict[str, Any], found: bool) -> None:
    s = score_findings([prediction], CLAIMS, gold(), TEXT, TABLES)
    assert (s.definite_found == 1) is found


def test_a_table_finding_is_placed_by_the_cited_table() -> None:
    elsewhere = [{"id": "T1", "start": 0, "end": TEXT.index("表1")}]
    finding = pred("F2", "table_internal_sum", 34, 35, CELL)
    assert score_findings([finding], CLAIMS, gold(), TEXT, TABLES).possible_found == 1
    assert score_findings([finding], CLAIMS, gold(), TEXT, elsewhere).possible_found == 0


def test_a_reference_quote_places_the_finding_too() -> None:
    g = gold()
    g["findings"][0]["reference_quote"] = "专任教师1000人"
    on_reference = pred("F1", "narrative_vs_table", 1200, 1000, on_claim("C1"))
    assert score_findings([on_reference], CLAIMS, g, TEXT).definite_found == 1


def test_one_prediction_counts_once() -> None:
    g = gold()
    g["findings"].append(
        {
            "id": "G3",
            "type": "narrative_vs_narrative",
            "severity": "definite",
            "quote": "专任教师1200人",
            "claimed": 1200,
            "reference": 1000,
        }
    )
    one = [pred("F1", "narrative_vs_table", 1200, 1000, on_claim("C2"))]
    assert score_findings(one, CLAIMS, g, TEXT).definite_found == 1
    two = [*one, pred("F2", "narrative_vs_narrative", 1200, 1000, on_claim("C2"), on_claim("C1"))]
    s = score_findings(two, CLAIMS, g, TEXT)
    assert s.definite_found == 2
    assert s.matches == (("G1", "F1"), ("G3", "F2"))  # same types preferred


def test_false_alarm_only_on_the_claim_a_finding_is_raised_on() -> None:
    raised_on_consistent = pred(
        "F1", "narrative_vs_narrative", 1000, 1200, on_claim("C1"), on_claim("C2")
    )
    referring_to_consistent = pred(
        "F2", "narrative_vs_narrative", 1200, 1000, on_claim("C2"), on_claim("C1")
    )
    s = score_findings([raised_on_consistent], CLAIMS, gold(findings=[]), TEXT)
    assert s.false_alarms == 1 and s.false_alarm_ids == ("F1",)
    assert s.false_alarm_messages == ("F1: ",)  # the prediction has no message
    assert (
        score_findings([referring_to_consistent], CLAIMS, gold(findings=[]), TEXT).false_alarms == 0
    )


def test_consistent_claim_that_is_also_a_finding_is_no_false_alarm() -> None:
    g = gold()
    g["consistent"].append({"quote": "专任教师1200人", "value": 1200})
    s = score_findings(
        [pred("F1", "narrative_vs_table", 1200, 1000, on_claim("C2"))], CLAIMS, g, TEXT
    )
    assert s.false_alarms == 0 and s.definite_found == 1


def test_counts_per_type_and_misses() -> None:
    s = score_findings([], CLAIMS, gold(), TEXT)
    assert s.missed == ("G1", "G2")
    assert s.per_type == (("narrative_vs_table", 1, 0, 0, 0), ("table_internal_sum", 0, 0, 1, 0))
    d = s.as_dict()
    assert d["definite_gold"] == 1 and d["recall"]["definite"] == 0.0
    assert all(isinstance(v, int) for k, v in d.items() if not isinstance(v, (dict, list)))
    assert d["missed_findings"][0].startswith("G1 definite narrative_vs_table 1200 vs 1000")


def test_locate_with_occurrence_and_unlocated_quotes() -> None:
    assert locate("甲乙甲乙", "甲乙", 2) == (2, 4)
    assert locate("甲乙", "丙") is None
    g = gold(
        findings=[
            {
                "id": "G9",
                "type": "label_or_period",
                "severity": "definite",
                "quote": "不存在的句子",
                "claimed": 1,
                "reference": 2,
            }
        ]
    )
    assert score_findings([], CLAIMS, g, TEXT).unlocated == ("G9",)
