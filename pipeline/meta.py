"""Document metadata read from the report's own front matter: who wrote it, the report
year and the level (school, city, province)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

_FRONT = 3000  # the title page and preface hold the answers
_YEAR_IN_TITLE = regex.compile(r"[（(]\s*(20\d{2})\s*年度?\s*[）)]|(20\d{2})\s*年度")
_ANY_YEAR = regex.compile(r"(?<!\d)(20\d{2})(?=\s*年|\s*[-—–]\s*20\d{2}\s*学年)")
_BOOK_TITLE = regex.compile(
    r"《[^》\n]{0,80}》"
)  # names inside 《…》 are cited documents, not the author
_GOV = regex.compile(
    r"(?:[\p{Han}]{1,12}?(?:省|自治区|市|州|盟|县|区|旗))(?:教育局|教育厅|教育委员会|教育和体育局|教育体育局|教体局|教委)"
)
_SCHOOL = regex.compile(
    r"[\p{Han}（）()“”]{2,30}?(?:职业技术学校|职业学校|中等专业学校|职业中等专业学校|技工学校|职业技术教育中心|职教中心|职业高级中学|职业中学|卫生学校|学校)"
)


@dataclass(frozen=True, slots=True)
class ReportMeta:
    reporting_entity: str | None
    report_year: str | None
    level: str | None


def read_meta(text: str) -> ReportMeta:
    """Report year, reporting entity and level from the first pages of the report."""
    front = _BOOK_TITLE.sub(lambda m: "\u3000" * len(m.group(0)), text[:_FRONT])
    year = _report_year(front, text)
    gov = Counter(m.group(0) for m in _GOV.finditer(front))
    schools = Counter(m.group(0) for m in _SCHOOL.finditer(front[:600]))
    entity: str | None = None
    level: str | None = None
    title_zone = front[:600]
    gov_in_title = [g for g in gov if g in title_zone]
    if gov_in_title and not ("本校" in front or "我校" in front):
        entity = max(gov_in_title, key=lambda g: (gov[g], -title_zone.index(g)))
        level = (
            "province" if regex.search(r"(?:省|自治区)(?:教育厅|教育委员会)$", entity) else "city"
        )
    elif schools:
        entity = schools.most_common(1)[0][0]
        level = "school"
    elif gov:
        entity = gov.most_common(1)[0][0]
        level = "province" if entity.endswith("教育厅") else "city"
    return ReportMeta(entity, year, level)


def _report_year(front: str, text: str) -> str | None:
    m = _YEAR_IN_TITLE.search(front)
    if m:
        return m.group(1) or m.group(2)
    years = Counter(m.group(1) for m in _ANY_YEAR.finditer(text))
    return max(years, key=lambda y: (years[y], y)) if years else None
