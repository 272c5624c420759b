"""Document metadata read from the report's own front matter: who wrote it, the report
year and the level (school, city, province)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from nianbao.text.numbers import ascii_digits
from nianbao.text.spans import BOOK_TITLE

_FRONT = 3000  # the title page and preface hold the answers
_TITLE_LINES = 8  # non-empty lines that count as the title page
_YEAR_IN_TITLE = regex.compile(r"[（(]\s*(20\d{2})\s*年度?\s*[）)]|(20\d{2})\s*年度")
_ANY_YEAR = regex.compile(r"(?<!\d)(20\d{2})(?=\s*年|\s*[-—–]\s*20\d{2}\s*学年)")
_GOV_SUFFIX = r"(?:教育局|教育厅|教育委员会|教育和体育局|教育体育局|教体局|教委)"
_SCHOOL_SUFFIX = (
    r"(?:职业技术学校|职业教育中心|职业学校|中等专业学校|职业中等专业学校|技工学校|技师学院|职业技术教育中心|"
    r"职教中心|职业高级中学|职业中学|职业高中|卫生学校|艺术学校|学校|职校|中专|学院)"
)
_PLACE = r"[\p{Han}]{1,10}?(?:省|自治区|市|州|盟|县|区|旗)"
# A line of the title page that is nothing but an organisation's name.
_NAME_LINE = regex.compile(rf"^[\p{{Han}}（）()“”·]{{2,30}}?(?:{_GOV_SUFFIX}|{_SCHOOL_SUFFIX})$")
# The report title: "<who>（中等职业教育）质量年度报告（2024年度）".
_TITLE = regex.compile(
    r"^(?P<who>[\p{Han}（）()“”·\s]{2,40}?)\s*(?:中等职业教育|中职教育|职业教育)?\s*(?:质量年度报告|年度质量报告|质量年报|质量报告)"
)
_GOV = regex.compile(rf"{_PLACE}{_GOV_SUFFIX}")
_SCHOOL = regex.compile(rf"{_PLACE}[\p{{Han}}]{{0,12}}?{_SCHOOL_SUFFIX}")
_SELF_REFERENCE = regex.compile(r"我校|本校|学校成立|学校认真")
# Words a lazy match would take into a name from the clause before it.
# An author named by a title is a place or an organisation, never "本年度".
_AUTHOR = regex.compile(rf"(?:省|自治区|市|州|盟|县|区|旗|{_GOV_SUFFIX}|{_SCHOOL_SUFFIX})$")
# The preface line saying who compiled the report: 某校成立质量年报编制小组, 某局编制了本报告.
_AUTHOR_LINE = regex.compile(
    rf"(?P<who>\p{{Han}}{{2,24}}?(?:{_GOV_SUFFIX}|{_SCHOOL_SUFFIX}))"
    r"(?:成立了?|组建了?|组织)[^。；]{0,30}?(?:编制|编写)|"
    rf"(?P<who2>\p{{Han}}{{2,24}}?(?:{_GOV_SUFFIX}|{_SCHOOL_SUFFIX}))(?:认真)?(?:编制|编写)了"
)
# 全市中职学校, 我县教育局: a scope word, not a place that names one body
_SCOPE_PLACE = regex.compile(r"^(?:全|各|本|我|该|每|外)[省市州盟县区旗]")
_LEADING_NOISE = regex.compile(
    r"^(?:按照|根据|依据|依照|遵照|为了|为|由|经|在|对|受|向|据|是|与|和|及|并|组织|指导|要求|关于|"
    r"近[一二两三四五六七八九十]年|近年来?|今年|去年)+"
)


@dataclass(frozen=True, slots=True)
class ReportMeta:
    reporting_entity: str | None
    report_year: str | None
    level: str | None


def read_meta(text: str) -> ReportMeta:
    """Report year, reporting entity and level from the first pages of the report."""
    text = ascii_digits(text)  # （２０２４年度） reads as （2024年度）
    raw_front = text[:_FRONT]
    front = BOOK_TITLE.sub(lambda m: "\u3000" * len(m.group(0)), raw_front)
    year = _report_year(raw_front, text)
    entity = (
        _entity_from_title_page(front)
        or _entity_from_own_title(raw_front, front)
        or _entity_from_author_line(front)
        or _entity_from_front_matter(front, school=bool(_SELF_REFERENCE.search(front)))
    )
    return ReportMeta(entity, year, _level_of(entity) if entity else None)


def _title_lines(front: str) -> list[str]:
    lines = []
    for raw in front.split("\n"):
        line = regex.sub(r"^[#*\s\u3000]+|[#*\s\u3000]+$", "", raw)
        if line:
            lines.append(line)
        if len(lines) >= _TITLE_LINES:
            break
    return lines


def _entity_from_title_page(front: str) -> str | None:
    """A title-page line that is only a name (``青山市教育局``), else the title's author."""
    lines = _title_lines(front)
    for line in lines:
        compact = line.replace(" ", "").replace("\u3000", "")
        if _NAME_LINE.match(compact) and not compact.endswith(("年度报告", "质量报告")):
            return compact
    for line in lines[:3]:
        m = _TITLE.match(line) if len(line) <= 45 else None
        if m:
            who = regex.sub(r"\s+", "", m.group("who"))
            who = _LEADING_NOISE.sub("", who)
            if len(who) >= 2 and _AUTHOR.search(who):
                return who
    return None


def _entity_from_own_title(raw_front: str, front: str) -> str | None:
    """The author of the report's own title cited in the preface: 《XX市中等职业教育质量年度报告》.

    A place is made the bureau of that place when the preface names it (XX市 → XX市教育局).
    """
    for m in BOOK_TITLE.finditer(raw_front):
        if "关于" in m.group(0) or "通知" in m.group(0):  # a notice about reports, not this report
            continue
        title = _TITLE.match(m.group(0)[1:-1])
        if not title:
            continue
        who = _LEADING_NOISE.sub("", regex.sub(r"\s+", "", title.group("who")))
        if len(who) < 2 or not _AUTHOR.search(who):
            continue
        bureau = regex.search(rf"{regex.escape(who)}{_GOV_SUFFIX}", front)
        return bureau.group(0) if bureau else who
    return None


def _entity_from_author_line(front: str) -> str | None:
    """The body the preface says compiled the report (某校成立质量年报编制小组), when its
    name is a school's or a bureau's."""
    m = _AUTHOR_LINE.search(front)
    if m is None:
        return None
    who = _LEADING_NOISE.sub("", m.group("who") or m.group("who2"))
    return who if len(who) >= 4 and not _SCOPE_PLACE.match(who) else None


def _entity_from_front_matter(front: str, *, school: bool) -> str | None:
    """The school (when the preface speaks of 我校/本校) or education bureau the preface
    names most often, outside cited titles and citations of a higher authority
    (按照XX教育厅关于…的通知)."""
    for pattern in (_SCHOOL, _GOV) if school else (_GOV,):
        found = _most_named(front, pattern)
        if found:
            return found
    return None


def _most_named(front: str, pattern: regex.Pattern[str]) -> str | None:
    names: Counter[str] = Counter()
    for m in pattern.finditer(front):
        cited = regex.search(
            r"(?:按照|根据|依据|依照|遵照)$", front[max(0, m.start() - 4) : m.start()]
        )
        if cited or front.startswith("关于", m.end()) or _LEADING_NOISE.match(m.group(0)):
            continue
        if _SCOPE_PLACE.match(m.group(0)):
            continue
        names[m.group(0)] += 1
    if not names:
        return None
    return max(names, key=lambda g: (names[g], -front.index(g)))


def _level_of(entity: str) -> str:
    if regex.search(rf"{_SCHOOL_SUFFIX}$", entity):
        return "school"
    if regex.search(r"(?:省|自治区)(?:教育厅|教育委员会|教委)?$", entity) and not regex.search(
        r"[市州县区]", entity[2:]
    ):
        return "province"
    return "city"


def _report_year(front: str, text: str) -> str | None:
    m = _YEAR_IN_TITLE.search(front)
    if m:
        return m.group(1) or m.group(2)
    years = Counter(m.group(1) for m in _ANY_YEAR.finditer(text))
    return max(years, key=lambda y: (years[y], y)) if years else None
