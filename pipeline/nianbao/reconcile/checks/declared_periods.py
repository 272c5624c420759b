"""The report's own statement of its data periods, held against the years its figures carry.

Reports say in the foreword which period their data cover, and most give the financial
data their own window: ``财务相关数据的统计时间为自然年度（即2023年1月1日至12月31日）``,
``经费数据按2024自然年度统计``. A money figure the narrative then dates to a later year
(``2025年，学校年生均财政拨款水平为16236.50元`` in a report whose finances cover 2024)
cannot be from the declared window: either the label or the data is wrong. The declared
year is read from the document, never assumed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import regex

from nianbao.data import Evidence, Finding
from nianbao.link.observations import Observation
from nianbao.reconcile.checks.common import evidence_of, finding
from nianbao.reconcile.registry import CheckContext, register_check
from nianbao.text.spans import CLAUSE_ENDS, start_of

_CLAUSE = regex.compile(r"[^，,；;。！？!?\n]+")
# the clause speaks of financial data and of how they are counted
_FINANCE_DATA = regex.compile(r"(?:财务|经费|财政|资金|收支)[^，；。]{0,8}?数据[^，；。]*?统计")
# a calendar year written as a span of dates or as a 自然年度
_CALENDAR_SPAN = regex.compile(
    r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:至|到|—|–|-|~|～)\s*"
    r"(?:(?P<y2>(?:19|20)[0-9]{2})\s*年\s*)?12\s*月\s*31\s*日"
)
_NATURAL_YEAR = regex.compile(r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})\s*年?\s*(?:自然|财政)年度?")
# the school's own money, in the figure's label or its clause: income, funding, spending, aid
# (a graduate's 月收入 or an enterprise's 设备值 is money but not the school's finances)
_FINANCE_WORD = regex.compile(
    r"经费|拨款|财政|资助|助学金|奖学金|补助|补贴|免学费|学费|资金|预算|支出|总收入"
)
_YEAR = regex.compile(r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})\s*年(?!\s*[0-9]{1,2}\s*月\s*[0-9])")
# a year that is compared with or counted from, not the year the figure belongs to
_NOT_OWN_YEAR = regex.compile(r"(?:较|比|与|同比|自|从|于|截至|截止|以来|至|到)\s*$")
_SPAN_AFTER = regex.compile(r"\s*(?:至|到|—|–|-|~|～|以来)")


@dataclass(frozen=True, slots=True)
class Declaration:
    """The financial data's declared calendar year and where the report says so."""

    year: int
    start: int
    end: int


@register_check("declared_data_period")
def check_declared_financial_year(ctx: CheckContext) -> Iterator[Finding]:
    """Money figures the narrative dates after the calendar year the report declares for its
    financial data; one finding per report, naming every such figure."""
    if not ctx.text:
        return
    text = unicodedata.normalize("NFKC", ctx.text)
    if len(text) != len(ctx.text):
        text = ctx.text
    declared = financial_year_declaration(text)
    if declared is None:
        return
    later = [
        (claim, year)
        for claim in ctx.links.claim_observations
        if claim.family == "money"
        and _about_finances(text, claim)
        and not declared.start <= claim.start < declared.end
        and (year := own_year(text, claim.start)) is not None
        and year > declared.year
    ]
    if not later:
        return
    # lead with a figure the ontology knows (年财政专项拨款, 生均拨款): the clearest financial datum
    later.sort(key=lambda pair: (pair[0].canonical is None, pair[0].start))
    first, year = later[0]
    others = len(later) - 1
    message = (
        f"报告声明财务数据统计时间为{declared.year}年（“{text[declared.start : declared.end]}”），"
        f"但正文将{first.label}{first.printed}标为{year}年"
        + (f"，另有{others}处财务数据同样标为{declared.year}年之后" if others else "")
        + "；年份标注或数据有误"
    )
    evidence = [
        evidence_of(first),
        Evidence(kind="text", start=declared.start, end=declared.end),
        *(evidence_of(claim) for claim, _ in later[1:]),
    ]
    yield finding(
        "label_or_period", "warning", message, Decimal(year), Decimal(declared.year), evidence
    )


def financial_year_declaration(text: str) -> Declaration | None:
    """The first clause that declares the calendar year of the financial data."""
    for clause in _CLAUSE.finditer(text):
        if not _FINANCE_DATA.search(clause.group(0)):
            continue
        span = _CALENDAR_SPAN.search(clause.group(0))
        if span is not None and span.group("y2") in (None, span.group("y")):
            return Declaration(int(span.group("y")), clause.start(), clause.end())
        natural = _NATURAL_YEAR.search(clause.group(0))
        if natural is not None:
            return Declaration(int(natural.group("y")), clause.start(), clause.end())
    return None


def own_year(text: str, at: int) -> int | None:
    """The one year the sentence before ``at`` dates its figures to (``2025年，学校…``),
    leaving out years it compares with or counts from; ``None`` when it names none or
    several."""
    left = start_of(text, at)
    years = {
        int(m.group("y"))
        for m in _YEAR.finditer(text, left, at)
        if not _NOT_OWN_YEAR.search(text, max(left, m.start() - 3), m.start())
        and not _SPAN_AFTER.match(text, m.end())
    }
    return years.pop() if len(years) == 1 else None


def _about_finances(text: str, claim: Observation) -> bool:
    """Whether the figure is the school's own money: its label or its clause says so."""
    left = start_of(text, claim.start, CLAUSE_ENDS + "（(")
    return bool(_FINANCE_WORD.search(claim.label) or _FINANCE_WORD.search(text, left, claim.start))
