import csv
import io

from nianbao.export.audit import context_html, render_html, write_findings_csv

TEXT = "全市专任教师1350人。\n表6 落实政策表\n专任教师总数\t人\t1870\t1420\n"


def _record() -> dict:
    claim_start = TEXT.index("专任教师1350人")
    cell_start = TEXT.index("1420")
    return {
        "source": "a<b>.txt",
        "status": "ok",
        "text": TEXT,
        "meta": {"reporting_entity": "某市教育局", "report_year": "2024"},
        "tables": [
            {
                "id": "T1",
                "anchor": "表6",
                "title": "落实政策表",
                "rows": [
                    {
                        "label": "专任教师总数",
                        "unit": "人",
                        "cells": [
                            {"col": "2023年", "text": "1870"},
                            {"col": "2024年", "text": "1420"},
                        ],
                    }
                ],
            }
        ],
        "claims": [{"id": "C1", "start": claim_start, "end": claim_start + 9}],
        "findings": [
            {
                "id": "F1",
                "type": "narrative_vs_table",
                "severity": "error",
                "message": "正文称专任教师1350人，表6落实政策表2024年为1420人",
                "claimed": 1350,
                "expected": 1420,
                "evidence": [
                    {"kind": "claim", "id": "C1", "start": claim_start, "end": claim_start + 9},
                    {
                        "kind": "cell",
                        "table": "T1",
                        "row": "专任教师总数",
                        "col": "2024年",
                        "start": cell_start,
                        "end": cell_start + 4,
                    },
                ],
            }
        ],
    }


def test_html_shows_both_sides_and_escapes() -> None:
    page = render_html(
        [
            _record(),
            {
                "source": "bad.txt",
                "status": "error",
                "error": {"message": "文件为空"},
                "text": "",
                "tables": [],
                "claims": [],
                "findings": [],
            },
        ]
    )
    assert "<mark>专任教师1350人</mark>" in page
    assert "专任教师总数 | 人 | 1870 | <mark>1420</mark>" in page
    assert "表6 落实政策表：专任教师总数 / 2024年" in page
    assert "正文与表格不一致" in page and "确定" in page
    assert "a&lt;b&gt;.txt" in page and "a<b>.txt" not in page
    assert "无法读取" in page and "文件为空" in page


def test_context_is_one_line_and_keeps_numbers_apart() -> None:
    shown = context_html(TEXT, TEXT.index("1420"), TEXT.index("1420") + 4)
    assert "\n" not in shown and "1870 <mark>1420</mark>" in shown


def test_csv_has_a_row_per_finding() -> None:
    out = io.StringIO()
    assert write_findings_csv([_record()], out) == 1
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[1][2:4] == ["error", "narrative_vs_table"]
    assert rows[1][-1] == "专任教师1350人 | 1420"
