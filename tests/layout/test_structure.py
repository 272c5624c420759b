import pytest
from nianbao.layout.structure import build_sections, find_cases, find_headings, find_toc, iter_lines


def _lines(text: str):
    return tuple(iter_lines(text))


@pytest.mark.parametrize(
    "line, number, title",
    [
        ("案例2-1 党建引领成长", "2-1", "党建引领成长"),
        ("\t案例3-4以技能服务社区", "3-4", "以技能服务社区"),
        ("案例 1【创新形式 凝聚力量】", "1", "创新形式 凝聚力量"),
        ("### **案例 12【非遗进课堂 匠心育新人】**", "12", "非遗进课堂 匠心育新人"),
        ("#### 案例 14 【“双导师”育人】", "14", "“双导师”育人"),
        ("案例 3：校企共建实训基地", "3", "校企共建实训基地"),
        ("案例三：送教下乡", "三", "送教下乡"),
        ("【案例5】订单培养见实效", "5", "订单培养见实效"),
        ("案例7-1 2024年职业教育活动周启动", "7-1", "2024年职业教育活动周启动"),
        ("案例2-15  教师入选省级人才工程", "2-15", "教师入选省级人才工程"),
    ],
)
def test_case_styles(line: str, number: str, title: str) -> None:
    text = f"前文。\n{line}\n正文内容。"
    (case,) = find_cases(_lines(text), ())
    assert (case.number, case.title) == (number, title)
    assert text[case.title_start : case.title_end] == title
    assert text[case.start : case.end].startswith(("案例", "【案例"))


@pytest.mark.parametrize(
    "line",
    [
        "详见案例2-1。",
        "本案例说明，学校共有12个专业。",
        "这些案例2-1所述做法值得推广，在全市推广应用并取得较好效果，获得广泛好评和认可。",
    ],
)
def test_case_mentions_in_running_text_are_not_cases(line: str) -> None:
    assert find_cases(_lines(line), ()) == ()


def test_toc_with_title_and_untitled_toc() -> None:
    text = (
        "# 目 录\n\n1. 基本情况\t1\n1.1 规模结构\t1\n2. 人才培养 .....\t4\n\n"
        "正文第一段。\n"
        "表 1 区域规模结构统计表 .....\t1\n表 2 学校一览表 .....\t2\n表 3 招生情况 .....\t3\n"
        "1.1 规模结构\n"
    )
    spans = find_toc(_lines(text))
    assert len(spans) == 2
    assert "1. 基本情况" in text[spans[0][0] : spans[0][1]]
    assert text[spans[1][0] : spans[1][1]].startswith("表 1")
    assert "正文第一段" not in "".join(text[s:e] for s, e in spans)


def test_headings_levels_and_sections() -> None:
    text = (
        "1.1发展规模\n全市有学校12所。\n2.人才培养\n2.1 党建引领\n"
        "2.1.1 立德树人\n正文。\n## 发展保障\n1.加强领导，落实责任。\n"
    )
    headings = find_headings(_lines(text), ())
    assert [(h.number, h.level) for h in headings] == [
        ("1.1", 2),
        ("2", 1),
        ("2.1", 2),
        ("2.1.1", 3),
        ("", 2),
    ]
    sections = build_sections(headings, len(text))
    assert sections[1].title == "2.人才培养"
    assert text[sections[1].start : sections[1].end].startswith("2.人才培养\n2.1")
    assert sections[1].end == sections[4].start or sections[1].end == len(text)


def test_sentence_like_numbered_lines_are_not_headings() -> None:
    text = "1.加强组织领导，落实主体责任。\n2023年全市招生10305人\n"
    assert find_headings(_lines(text), ()) == ()
