"""Instances the running text names against a table row that counts none of them.

A table says 0 provincial quality courses for the year while the text names one
(该校建设的省级精品课《美术手工》), or 0 national contest awards while the text tells a
team's bronze at the 世界职业院校技能大赛. The row is found by its structure: a level row
(国家级/省级…) under a total, whose kind is the total's (省级 在线精品课程), or a row whose
own label names a level and awards (学生获国家级大赛、表彰获奖次数). Only rows with one cell
for the report year (years in columns), so a table of prizes by level is not read as one
count. An instance is the level and the kind's head (精品课 of 在线精品课程) before a title in
《》, or an award (获铜奖, 获得一等奖) in a sentence about a contest of that level (全国,
世界, 国家级 … for 国家级). Sentences dated another year are left out. A ``warning``: the
named course may not be an online one, the award may be counted elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from nianbao.data import Evidence, Finding
from nianbao.link.links import Observation, RowInfo, TableInfo
from nianbao.reconcile.checks.common import evidence_of, finding, where
from nianbao.reconcile.registry import CheckContext, register_check
from nianbao.text.periods import YEAR

_SENTENCE = regex.compile(r"[^。！？!?\n]+")
_AWARD_ROW = regex.compile(r"获奖|奖项")
_AWARD = regex.compile(r"获得?[^，。；,;]{0,4}?(?:金|银|铜|特等|一等|二等|三等)奖")
_CONTEST = r"(?:大赛|竞赛|比赛|锦标赛|技能赛)"
# the words that make a contest one of a level (a contest named 全国… is national)
_CONTEST_LEVEL = {
    "国家级": regex.compile(rf"(?:全国|世界|国际|国家级|中华)[^，。；,;]{{0,24}}?{_CONTEST}"),
    "省级": regex.compile(rf"(?:\p{{Han}}{{1,6}}省|省级|全省)[^，。；,;]{{0,24}}?{_CONTEST}"),
}
_STUDENTS = regex.compile(r"学生|选手|代表队|学子")
_TITLE = regex.compile(r"《[^《》\n]{1,40}》")
_MIN_HEAD = 3  # characters of the kind a named instance must repeat (精品课)


@register_check("zero_row_instances")
def check_zero_rows(ctx: CheckContext) -> Iterator[Finding]:
    """A row printing 0 for the report year against instances the text names."""
    if not ctx.text or not ctx.report_year:
        return
    sentences = [
        (m.start(), m.group())
        for m in _SENTENCE.finditer(ctx.text)
        if _of_year(m.group(), ctx.report_year) and "\t" not in m.group()
    ]
    for table in ctx.links.tables:
        for row in table.rows:
            zero = _zero_cell(ctx, table.table, row.index)
            if zero is None:
                continue
            level = ctx.links.ontology.is_level_label(row.label) or _level_in(ctx, row.label)
            if level is None:
                continue
            instances = _instances(sentences, table, row, level)
            if instances:
                parent = row.level_parent_index
                whole = table.rows[parent].label if parent is not None else None
                yield _finding(ctx, zero, whole, instances)


def _zero_cell(ctx: CheckContext, table: str, row_index: int) -> Observation | None:
    year = [c for c in ctx.links.row_cells(table, row_index) if c.period == ctx.report_year]
    if len(year) != 1 or year[0].value != 0 or year[0].family in (None, "money", "percent"):
        return None
    return year[0]


def _level_in(ctx: CheckContext, label: str) -> str | None:
    return next((w for w in ctx.links.ontology.level_words if w in label), None)


def _instances(
    sentences: list[tuple[int, str]], table: TableInfo, row: RowInfo, level: str
) -> list[tuple[int, str]]:
    """Where the text names one of what the row counts: (offset, the words)."""
    if _AWARD_ROW.search(row.label):
        contest = _CONTEST_LEVEL.get(level)
        if contest is None or "学生" not in row.label:
            return []
        found = []
        for start, s in sentences:
            named = contest.search(s)
            award = _AWARD.search(s, named.end()) if named else None
            if award is None or not _STUDENTS.search(s):
                continue
            clause = max(s.rfind(ch, 0, award.start()) for ch in "，,；;") + 1
            found.append((start + clause, s[clause : award.end()]))
        return found
    if row.level_parent_index is None:
        return []
    kind = _kind(table.rows[row.level_parent_index].key)
    heads = {kind[i:] for i in range(len(kind) - _MIN_HEAD + 1)} | {kind[:-1]} - {""}
    found = []
    for start, s in sentences:
        for m in _TITLE.finditer(s):
            before = s[max(0, m.start() - len(level) - len(kind)) : m.start()]
            at = before.find(level)
            if at >= 0 and any(_kind(before[at + len(level) :]).endswith(h) for h in heads):
                found.append((start + m.start() - len(before) + at, before[at:] + m.group()))
    return found


def _kind(text: str) -> str:
    """A kind's name as instances print it: 在线精品课程 and 精品课 end alike."""
    return regex.sub(r"课程$", "课", text)


def _of_year(sentence: str, year: str) -> bool:
    years = set(YEAR.findall(sentence))
    return not years or year in years


def _finding(
    ctx: CheckContext, zero: Observation, whole: str | None, instances: list[tuple[int, str]]
) -> Finding:
    named = "、".join(dict.fromkeys(words for _, words in instances))
    of_whole = f"（“{whole}”中）" if whole else ""
    message = (
        f"{where(ctx, zero)}{of_whole}为0，正文却提到{len(instances)}例：{named}"
        "（所指可能不在该项统计口径内）"
    )
    evidence = [Evidence(kind="text", start=at, end=at + len(words)) for at, words in instances]
    return finding(
        "narrative_vs_table",
        "warning",
        message,
        Decimal(len(instances)),
        Decimal(0),
        [*evidence, evidence_of(zero)],
    )
