"""The table scorer: how gold tables and cells are matched to predicted ones."""

from __future__ import annotations

from typing import Any

import pytest
from nianbao.scoring.tables import TableScore, normalise_name, score_tables

TEXT = "正文。\n表 1 某市学校规模\n…表格…\n另一张表：调查人数 …\n"


def pred_table(
    anchor: str, title: str, rows: list[tuple[str, str, Any]], start: int = 0, end: int = 0
) -> dict[str, Any]:
    by_label: dict[str, list[dict[str, Any]]] = {}
    for label, col, value in rows:
        by_label.setdefault(label, []).append(
            {"col": col, "text": str(value), "value": value, "unit": "人"}
        )
    return {
        "id": "T1", "anchor": anchor, "title": title, "appendix": False, "start": start, "end": end,
        "columns": [], "rows": [{"label": k, "unit": "人", "cells": v} for k, v in by_label.items()],
    }  # fmt: skip


def gold_table(
    anchor: str, title: str, quote: str, cells: list[tuple[str, str, Any]]
) -> dict[str, Any]:
    return {
        "anchor": anchor, "title": title, "title_quote": quote, "appendix": False,
        "cells": [{"row": r, "col": c, "text": str(v), "value": v, "unit": "人"} for r, c, v in cells],
    }  # fmt: skip


@pytest.mark.parametrize(
    ("printed", "gold"),
    [
        ("2023 年", "2023年"),
        ("初中毕业生数（人）", "初中毕业生数(人)"),
        ("毕业生人数*", "毕业生人数"),
        ("中职招生数(人)/合计", "中职招生数（人）/ 合计"),
    ],
)
def test_names_compare_loosely(printed: str, gold: str) -> None:
    assert normalise_name(printed) == normalise_name(gold)


@pytest.mark.parametrize(
    ("printed", "gold"), [("学生数", "教师数"), ("2023年", "2024年"), ("合计", "合计数")]
)
def test_different_names_stay_different(printed: str, gold: str) -> None:
    assert normalise_name(printed) != normalise_name(gold)


def test_exact_table_scores_full_marks() -> None:
    pred = [
        pred_table(
            "表1", "某市学校规模", [("在校生*", "2023 年", 100), ("在校生*", "2024 年", 3.6)]
        )
    ]
    gold = [
        gold_table(
            "表 1",
            "某市学校规模",
            "表 1 某市学校规模",
            [("在校生", "2023年", 100), ("在校生", "2024年", 3.60)],
        )
    ]
    score = score_tables(pred, gold, TEXT)
    assert (score.gold_tables_found, score.gold_cells, score.gold_cells_right) == (1, 2, 2)
    assert (score.table_recall, score.cell_accuracy, score.missed_cells) == (1.0, 1.0, ())


def test_wrong_value_column_or_row_is_missed_with_a_reason() -> None:
    pred = [pred_table("表1", "某市学校规模", [("在校生", "2023年", 99), ("毕业生", "2024年", 30)])]
    gold = [
        gold_table(
            "表1", "某市学校规模", "表 1 某市学校规模",
            [("在校生", "2023年", 100), ("毕业生", "2023年", 30), ("招生数", "2024年", 30)],
        )
    ]  # fmt: skip
    score = score_tables(pred, gold, TEXT)
    assert score.gold_cells_right == 0
    reasons = [m.reason for m in score.missed_cells]
    assert reasons[0] == "value read as '99'"
    assert reasons[1].startswith("value found at 毕业生 / 2024年")
    assert reasons[2].startswith("value found at")


def test_annotator_note_in_brackets_is_dropped_from_the_gold_label() -> None:
    pred = [
        pred_table(
            "表3", "教学资源表", [("其中：国家级数量*", "2023年", 0), ("省级数量", "2023年", 5)]
        )
    ]
    gold = [
        gold_table(
            "表3", "教学资源表", "x",
            [("其中：国家级数量*(专业教学资源库)", "2023年", 0), ("省级数量（专业教学资源库·省级）", "2023年", 5)],
        )
    ]  # fmt: skip
    assert score_tables(pred, gold, TEXT).gold_cells_right == 2


def test_cells_match_one_to_one() -> None:
    pred = [pred_table("表1", "某市学校规模", [("接入平台数", "2023年", 0)])]
    gold = [
        gold_table(
            "表1", "某市学校规模", "x", [("接入平台数", "2023年", 0), ("接入平台数", "2023年", 0)]
        )
    ]
    score = score_tables(pred, gold, TEXT)
    assert (score.gold_cells_right, len(score.missed_cells)) == (1, 1)


def test_uncaptioned_table_matches_by_its_quote_location() -> None:
    at = TEXT.index("调查人数")
    pred = [
        pred_table("表1", "某市学校规模", [("在校生", "2023年", 100)], 0, at - 5),
        pred_table("", "满意度调查表", [("家长满意度", "2024年", 95.2)], at - 2, at + 20),
    ]
    gold = [
        gold_table("", "满意度调查表（原文无标题）", "调查人数", [("家长满意度", "2024年", 95.2)])
    ]
    score = score_tables(pred, gold, TEXT)
    assert (score.gold_tables_found, score.gold_cells_right) == (1, 1)


def test_missing_table_loses_all_its_cells() -> None:
    pred = [pred_table("表2", "别的表", [("在校生", "2023年", 100)], 0, 1)]
    gold = [gold_table("表1", "某市学校规模", "表 1 某市学校规模", [("在校生", "2023年", 100)])]
    score = score_tables(pred, gold, TEXT)
    assert (score.gold_tables_found, score.missed_tables) == (0, ("表1 某市学校规模",))
    assert score.missed_cells[0].reason == "table not found"
    assert score.cell_accuracy == 0.0


def test_tables_match_one_to_one() -> None:
    pred = [pred_table("表1", "某市学校规模", [("在校生", "2023年", 100)])]
    gold = [gold_table("表1", "某市学校规模", "x", []), gold_table("表1", "某市学校规模", "x", [])]
    assert score_tables(pred, gold, TEXT).gold_tables_found == 1


def test_scores_add_up() -> None:
    a = TableScore(2, 2, 3, 10, 9)
    b = TableScore(1, 0, 1, 5, 0)
    total = a + b
    assert (
        total.gold_tables,
        total.gold_tables_found,
        total.gold_cells,
        total.gold_cells_right,
    ) == (3, 2, 15, 9)
    assert total.cell_accuracy == pytest.approx(0.6)
