"""The audit page as HTML: both sides, their place, the cited cell by offsets, one text per
report, no outside resources. The page in a browser is tested in tests/browser."""

import copy
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from nianbao.export.audit import context_html, render_html
from nianbao.export.audit_assets import FONT_STACK, STYLE
from nianbao.export.audit_page import document_keys
from nianbao.export.contract import dumps, to_record
from nianbao.run import RunOptions, annotate_path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpora" / "sample"
TEXT = "全市专任教师1350人。\n表6 落实政策表\n专任教师总数\t人\t1870\t1420\n"

# A short report: a claim under 1.基本情况 › 1.1 办学规模 that the table in 2.政策保障 contradicts.
SHORT_REPORT = """青山市中等职业教育质量年度报告（2024年度）

青山市教育局

## 1.基本情况

### 1.1 办学规模

2024年，全市中等职业学校专任教师1350人，全日制在校生12450人。

## 2.政策保障

表6 落实政策表
\t指标
\t单位
\t2023年
\t2024年

\t专任教师总数
\t人
\t1300
\t1420

\t全日制在校生数
\t人
\t12100
\t12450
"""


def _annotated(path: Path) -> dict[str, Any]:
    """The contract record as the JSONL holds it (rules only: no model, so it is quick)."""
    return json.loads(dumps(to_record(annotate_path(path, RunOptions(use_model=False)))))


@cache
def _sample_record(name: str) -> str:
    return json.dumps(_annotated(SAMPLE / name), ensure_ascii=False)


def sample(name: str) -> dict[str, Any]:
    return json.loads(_sample_record(name))


@pytest.fixture(scope="module")
def short_record(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("audit") / "short.txt"
    path.write_text(SHORT_REPORT, encoding="utf-8")
    record = _annotated(path)
    assert [f["type"] for f in record["findings"]] == ["narrative_vs_table"]
    return record


def _card(page: str, key: str, fid: str) -> str:
    match = re.search(rf"<article [^>]*id='{key}-{fid}'.*?</article>", page, re.S)
    assert match, f"no card {key}-{fid}"
    return match.group(0)


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
    card = _card(page, "d1", "F1")
    assert "<mark>专任教师1350人</mark>" in card
    assert "表6 落实政策表：专任教师总数 / 2024年" in card
    # a hand-written record without cell offsets: found by its row label and column
    assert "<th>专任教师总数</th><td>人</td><td>1870</td><td class='cited'>1420</td>" in card
    assert "正文与表格不一致" in card and "确定" in card
    assert "a&lt;b&gt;.txt" in page and "a<b>.txt" not in page
    assert "无法读取" in page and "文件为空" in page


def test_context_is_one_line_and_keeps_numbers_apart() -> None:
    shown = context_html(TEXT, TEXT.index("1420"), TEXT.index("1420") + 4)
    assert "\n" not in shown and "1870 <mark>1420</mark>" in shown


def test_a_finding_shows_its_id_severity_type_section_and_both_sides(short_record) -> None:
    page = render_html([short_record])
    (key,) = document_keys([short_record])
    card = _card(page, key, "F1")
    header = card[: card.index("</header>")]
    assert ">F1</a>" in header and "确定" in header and "正文与表格不一致" in header
    assert "§ 1.基本情况 › 1.1 办学规模" in header  # where the claim is
    claim_side, cell_side = card.split("<div class='side'>")[1:]
    assert (
        "2024年，全市中等职业学校<mark>专任教师1350人</mark>，全日制在校生12450人。" in claim_side
    )
    assert "§ 2.政策保障" in cell_side and "表6 落实政策表：专任教师总数 / 2024年" in cell_side
    assert "<td class='cited'>1420</td>" in cell_side
    assert "推断" not in page


def test_without_sections_the_nearest_heading_is_read_from_the_text(short_record) -> None:
    record = copy.deepcopy(short_record)
    record["sections"] = []
    page = render_html([record])
    header = _card(page, document_keys([record])[0], "F1").split("</header>")[0]
    assert "§ 1.基本情况 › 1.1 办学规模（推断）" in header
    assert "章节据正文标题推断" in page


def test_a_pdf_finding_shows_its_page() -> None:
    record = _annotated(REPO / "tests" / "fixtures" / "pages.pdf")
    assert record["meta"]["page_starts"] and record["findings"]
    page = render_html([record])
    key = document_keys([record])[0]
    for finding in record["findings"]:
        header = _card(page, key, finding["id"]).split("</header>")[0]
        assert f"第{finding['page']}页" in header


def _cites_a_later_group(record: dict[str, Any], finding: dict[str, Any]) -> bool:
    table = next(t for t in record["tables"] if t["id"] == finding["evidence"][0]["table"])
    rows = table["rows"]
    for e in finding["evidence"]:
        cited = next(
            i for i, r in enumerate(rows) if any(c["start"] == e["start"] for c in r["cells"])
        )
        if next(i for i, r in enumerate(rows) if r["label"] == e["row"]) != cited:
            return True
    return False


def test_a_repeated_row_label_shows_the_cited_row_not_the_first() -> None:
    # The annex 教学资源表 repeats 其中：国家级数量*, 省级数量, 校级数量 under each parent; a
    # sample report's sum finding on a later group (the generator plants one in most reports)
    found = [
        (record, f)
        for name in sorted(p.name for p in SAMPLE.glob("synth_*.txt"))
        for record in [sample(name)]
        for f in record["findings"]
        if f["type"] == "table_internal_sum" and _cites_a_later_group(record, f)
    ]
    assert found, "no sample report has a sum finding on a repeated row label"
    record, finding = found[0]
    table = next(t for t in record["tables"] if t["id"] == finding["evidence"][0]["table"])
    expected = []
    for e in finding["evidence"]:
        (ri,) = [
            i
            for i, row in enumerate(table["rows"])
            if any(c["start"] == e["start"] for c in row["cells"])
        ]
        expected.append(ri)
    first_with_label = [
        next(i for i, row in enumerate(table["rows"]) if row["label"] == e["row"])
        for e in finding["evidence"]
    ]
    assert expected != first_with_label  # the labels do repeat above the cited rows
    page = render_html([record])
    key = document_keys([record])[0]
    card = _card(page, key, finding["id"])
    cited_rows = [
        int(r)
        for r in re.findall(r"<tr[^>]*data-row='(\d+)'>(?=(?:(?!</tr>).)*class='cited')", card)
    ]
    assert cited_rows == sorted(expected)
    for e, ri in zip(finding["evidence"], expected, strict=True):
        ci = next(i for i, c in enumerate(table["rows"][ri]["cells"]) if c["start"] == e["start"])
        cell = re.search(
            rf"<td class='cited' id='{key}-{table['id']}-r{ri}-c{ci}'[^>]*>([^<]*)</td>", page
        )
        assert cell and cell.group(1) == record["text"][e["start"] : e["end"]]


def test_a_hand_built_table_with_a_repeated_label_is_read_by_offsets() -> None:
    text = "表1 分层次在校生\n中职\t人\t100\n其中：女\t人\t40\n高职\t人\t200\n其中：女\t人\t90\n"
    second = text.index("90")
    rows = []
    for line in text.splitlines()[1:]:
        label, unit, number = line.split("\t")
        start = text.index(line) + len(label) + len(unit) + 2
        rows.append(
            {
                "label": label,
                "unit": unit,
                "cells": [
                    {"col": "2024年", "text": number, "start": start, "end": start + len(number)}
                ],
            }
        )
    record = {
        "source": "t.txt",
        "status": "ok",
        "text": text,
        "tables": [
            {
                "id": "T1",
                "anchor": "表1",
                "title": "分层次在校生",
                "start": 0,
                "end": len(text) - 1,
                "columns": ["层次", "单位", "2024年"],
                "rows": rows,
            }
        ],
        "claims": [],
        "findings": [
            {
                "id": "F1",
                "type": "table_internal_sum",
                "severity": "error",
                "message": "高职“其中：女”为90",
                "evidence": [
                    {
                        "kind": "cell",
                        "table": "T1",
                        "row": "其中：女",
                        "col": "2024年",
                        "start": second,
                        "end": second + 2,
                    }
                ],
            }
        ],
    }
    card = _card(render_html([record]), "d1", "F1")
    assert "<tr class='gap'" in card  # rows above it are left out, not shown
    assert "<tr data-row='3'><th>其中：女</th><td>人</td><td class='cited'>90</td></tr>" in card
    assert ">40<" not in card


def test_long_tables_stay_out_of_the_cards_and_each_text_is_embedded_once() -> None:
    record = sample("synth_234_0001.txt")
    page = render_html([record])
    key = document_keys([record])[0]
    finding = next(f for f in record["findings"] if f["type"] == "table_internal_sum")
    table = next(t for t in record["tables"] if t["id"] == finding["evidence"][0]["table"])
    assert len(table["rows"]) > 40
    card = _card(page, key, finding["id"])
    assert card.count("<tr") <= len(finding["evidence"]) * 2 + 2  # header, cited rows, gaps
    view = page[page.index(f"id='{key}-text'") :]
    assert view.count("<tr") >= len(table["rows"])  # the whole table is in the document view
    # any long line of running text appears once: the text is not repeated per finding
    lines = [ln for ln in record["text"].splitlines() if len(ln) > 60 and "\t" not in ln]
    assert lines and all(page.count(ln) == 1 for ln in lines[:5])


def test_page_needs_nothing_from_outside_and_hides_nothing_without_its_script() -> None:
    records = [sample("synth_234_0000.txt"), sample("synth_234_0003.txt")]
    page = render_html(records)
    assert not re.search(r"https?://|<link|src=|@import|url\(", page)
    body = page[page.index("<body>") : page.index("<script>")]
    assert re.findall(r"<[a-z]+[^>]* hidden[ >]", body) == [
        "<form id='filters' class='filters' hidden>"
    ]
    # only the filters (until the script shows them) and, on paper, the interactive parts
    hiding = {rule.strip() for rule in re.findall(r"([^{}]+)\{[^{}]*display:\s*none", STYLE)}
    assert hiding == {".filters[hidden]", ".filters", ".docview"}
    assert "@media print{.filters{display:none}.docview{display:none}}" in STYLE
    assert FONT_STACK.startswith('"Noto Sans CJK SC","Source Han Sans SC","PingFang SC"')
    assert FONT_STACK.endswith("sans-serif") and f"font-family:{FONT_STACK}" in STYLE
    assert page.count("<article class='finding") == sum(len(r["findings"]) for r in records)
