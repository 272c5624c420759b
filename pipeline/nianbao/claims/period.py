"""The period a claim is about: the year or school year written before it, or the report year."""

from __future__ import annotations

import regex

from nianbao.text.numbers import ascii_digits
from nianbao.text.periods import LAST_YEAR
from nianbao.text.spans import BOOK_TITLE

_YEAR_MENTION = regex.compile(
    r"(?P<a>(?:19|20)[0-9]{2})\s*[-—–~～/]\s*(?P<b>(?:19|20)?[0-9]{2})\s*学年"
    r"|(?P<y>(?:19|20)[0-9]{2})\s*(?:年度|学年|年)(?!\s*[-—–~～至到]\s*(?:19|20)[0-9]{2})"
)
# A year after these is a comparison, a starting point or a founding (比2023年提升,
# 自2015年开始, 始建于1983年), not the period the figures around it are about.
_NOT_PERIOD_BEFORE = regex.compile(r"(?:比|较|同比|与|自|从|至|到|[建办立]于)\s*$")
_PREVIOUS_YEAR = regex.compile(rf"(?<!较|比|同比|与)(?:{LAST_YEAR.pattern})(?!相比|同期)")
# 由 X 提升至 Y: X is the figure before the change, the period before the sentence's.
_FROM_BEFORE = regex.compile(r"由\s*$")
_TO_AFTER = regex.compile(r"[^，。；,;！？]{0,24}?(?:到|至)")
# A year after 到/至 that dates what follows: a year the report has not reached (力争到2027年
# 建成…: a plan's period, compared with no table of the report's years), or one whose
# figure follows at once (增长到2024年的2100人). Not the end of a range (从2020年到2024年).
_TO_YEAR = regex.compile(
    r"(?:到|至)\s*(?P<y>(?:19|20)[0-9]{2})\s*年(?P<of>的)?(?!\s*[-—–~～至到]\s*(?:19|20)[0-9]{2})"
)
# 力争建成…, 预计完成…: a plan's figure; in a sentence that names no year, its period is
# unknown (not the report year's), so that it is compared with no table.
_PLAN_BEFORE = regex.compile(r"力争|争取|预计|预期|计划于|计划在|拟于|拟在")
_RANGE_START = regex.compile(r"(?:从|自|由)\s*(?:19|20)[0-9]{2}\s*年?\s*$")


def _school_year(a: str, b: str) -> str:
    b = b if len(b) == 4 else a[:2] + b
    return f"{a}-{b}"


def year_mentions(text: str) -> tuple[tuple[int, str], ...]:
    """``(position, period)`` for each year that can be a claim's period (``2024``, ``2023-2024``)."""
    text = ascii_digits(text)  # ２０２４年 too; one character for one, offsets hold
    hidden = [(m.start(), m.end()) for m in BOOK_TITLE.finditer(text)]
    found = []
    for match in _YEAR_MENTION.finditer(text):
        if any(s <= match.start() < e for s, e in hidden):
            continue
        if _NOT_PERIOD_BEFORE.search(text[max(0, match.start() - 3) : match.start()]):
            continue
        period = _school_year(match["a"], match["b"]) if match["a"] else match["y"]
        found.append((match.end(), period))
    return tuple(found)


def to_year_mentions(text: str, report_year: str | None) -> tuple[tuple[int, str], ...]:
    """``(position, year)`` for each ``到/至 YEAR年`` that dates the figures after it."""
    text = ascii_digits(text)
    reached = int(report_year[:4]) if report_year and report_year[:4].isdigit() else None
    found = []
    for m in _TO_YEAR.finditer(text):
        if _RANGE_START.search(text, max(0, m.start() - 8), m.start()):
            continue
        if m["of"] or (reached is not None and int(m["y"]) > reached):
            found.append((m.end(), m["y"]))
    return tuple(found)


def previous_period(period: str) -> str:
    """``2024`` → ``2023``; ``2023-2024`` → ``2022-2023``."""
    parts = [str(int(p) - 1) for p in period.split("-")]
    return "-".join(parts)


def find_period(
    text: str,
    position: int,
    clause_start: int,
    mentions: tuple[tuple[int, str], ...],
    carried: str | None,
    report_year: str | None,
) -> str | None:
    """The period of a number at ``position`` in ``text`` (a sentence).

    ``mentions`` are the sentence's ``year_mentions``. The last year written before the
    number wins, then a year carried from an earlier sentence of the paragraph, then the
    report year; a plan (力争, 预计) in a sentence that names no year has none. 上一学年/去年
    before the number in its clause (not after 较/比), or a 由 before it with a 到/至 after
    it (由7.62万平方米增加到7.86万平方米), moves that one year back.
    """
    before = [period for end, period in mentions if end <= position]
    if not before and _PLAN_BEFORE.search(text, clause_start, position):
        return None
    period = before[-1] if before else carried or report_year
    if period and _PREVIOUS_YEAR.search(text, clause_start, position):
        return previous_period(period)
    if (
        period
        and _FROM_BEFORE.search(text, clause_start, position)
        and _TO_AFTER.match(text, position)
    ):
        return previous_period(period)
    return period
