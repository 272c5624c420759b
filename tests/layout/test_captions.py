"""Caption lines: the printed forms of table and figure captions, and lines that only
look like one (TOC entries, sentences that start with a table number)."""

from __future__ import annotations

import pytest
from nianbao.layout.captions import find_captions

CAPTIONS = [
    # line, kind, anchor, title, unit
    ("表1-1 近两年某市学校规模", "table", "表1-1", "近两年某市学校规模", None),
    ("表1-2  2024年专业大类占比", "table", "表1-2", "2024年专业大类占比", None),
    ("**表 3 某市 2023/2024 年招生情况**", "table", "表 3", "某市 2023/2024 年招生情况", None),
    ("表 1：某县办学条件", "table", "表 1", "某县办学条件", None),
    ("## 表3 教学资源表", "table", "表3", "教学资源表", None),
    ("### 表4 服务贡献表", "table", "表4", "服务贡献表", None),
    (" 表1 人才培养质量计分卡", "table", "表1", "人才培养质量计分卡", None),
    ("表3 教学资源表  ", "table", "表3", "教学资源表", None),
    ("表２ 教师队伍情况（单位：人）", "table", "表２", "教师队伍情况", "人"),
    ("表 5 经费投入 单位：万元", "table", "表 5", "经费投入", "万元"),
    ("附表2 学生资助情况", "table", "附表2", "学生资助情况", None),
    ("表一 专业设置", "table", "表一", "专业设置", None),
    ("附件1：落实政策表", "table", "附件1", "落实政策表", None),
    ("满意度调查表", "table", "", "满意度调查表", None),
    (" \t图2-1 颁奖仪式现场", "figure", "图2-1", "颁奖仪式现场", None),
    ("图 7 校企签约现场", "figure", "图 7", "校企签约现场", None),
    ("图3-4校企双方研讨会", "figure", "图3-4", "校企双方研讨会", None),
]

NOT_CAPTIONS = [
    "表1 人才培养质量计分卡 .....\t45",  # TOC entry with dot leader and page
    "表 2 某市学校一览表\t3",  # TOC entry with a tab and page
    "图 1 舞台剧剧照.....\t6",
    "表1所示，全市共有学校12所。",  # a sentence
    "表2显示各校在校生均有增长",
    "表明各校办学规模稳定。",  # no table number
    "图书馆藏书12万册",
    "\t序号\t指标\t2023年",  # a table row
    "",
]


@pytest.mark.parametrize(("line", "kind", "anchor", "title", "unit"), CAPTIONS)
def test_caption_forms(line: str, kind: str, anchor: str, title: str, unit: str | None) -> None:
    text = f"前文一句。\n{line}\n后文一句。"
    (caption,) = find_captions(text)
    assert (caption.kind, caption.anchor, caption.title, caption.unit) == (
        kind,
        anchor,
        title,
        unit,
    )
    assert text[caption.start : caption.end].startswith(anchor or title)
    assert not text[caption.start : caption.end].endswith((" ", "*"))


@pytest.mark.parametrize("line", NOT_CAPTIONS)
def test_not_a_caption(line: str) -> None:
    assert find_captions(f"前文一句。\n{line}\n后文一句。") == ()


def test_captions_in_document_order_with_offsets() -> None:
    text = "表1 甲表\n正文。\n图1 乙图\n表2 丙表"
    captions = find_captions(text)
    assert [c.anchor for c in captions] == ["表1", "图1", "表2"]
    assert [text[c.start : c.end] for c in captions] == ["表1 甲表", "图1 乙图", "表2 丙表"]
