"""Text references to tables and figures (``见表2-1``, ``（见图 5）``) that point at the wrong one.

A reference is wrong when the table or figure printed right after it (only blank or short
lines between) carries another number, the referring sentence shares words with that
one's caption (a table's column labels count as its words), and at most a third as many
with the caption of the one its number names (or no caption anywhere has that number).
Words that most captions of the report share (its place) and words that name no topic
(情况, 统计表, 近两年) tell nothing apart and are left out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import regex

from nianbao.data import Evidence, Finding, Table
from nianbao.reconcile.checks.common import finding
from nianbao.reconcile.registry import CheckContext, register_check
from nianbao.text.spans import SENTENCE_ENDS, start_of

_NUMBER = r"[0-9]{1,2}(?:\s*[-－—–.．]\s*[0-9]{1,2})?"
_REFERENCE = regex.compile(
    rf"(?:(?:详见|参见|见|如|据)\s*(?P<kind>[表图])\s*(?P<num>{_NUMBER})(?![0-9])"
    rf"|(?P<kind2>[表图])\s*(?P<num2>{_NUMBER})(?![0-9])\s*所示)"
)
_FIGURE_CAPTION = regex.compile(
    rf"^[ \t*]*图\s*(?P<num>{_NUMBER})(?![0-9])[\s:：.、]*(?P<title>\S.*?)[ \t*]*$", regex.M
)
_TOC_LINE = regex.compile(r"(?:\.{3,}|…{2,}|·{3,})\s*\S*\s*$|\t\s*[0-9]+\s*$")
_SENTENCE_END = regex.compile(f"[{SENTENCE_ENDS}]")
_HAN_PAIR = regex.compile(r"(?=(\p{Han}{2}))")
_LONG_LINE = 20  # Chinese characters: a line this long between them is running text
_MIN_DISTINCT = 2  # word pairs the sentence must share with the adjacent caption only
_MARGIN = 3  # ... and this many times more than with the cited caption only
_BLAND = frozenset(
    {"情况", "统计", "计表", "一览", "览表", "汇总", "总表", "近两", "两年", "近三", "三年"}
    | {"近五", "五年", "学年", "年度", "近年", "两学", "三学"}
)


@dataclass(frozen=True, slots=True)
class Caption:
    kind: str  # 表 | 图
    number: str  # "2-1"
    title: str
    start: int
    end: int
    table: str | None  # table id, for a table
    words: frozenset[str]  # word pairs of the title (and a table's column labels)


@register_check("table_references")
def check_references(ctx: CheckContext) -> Iterator[Finding]:
    """``见表2-1`` where the table that follows is 表1-2 and the sentence speaks of its content."""
    if not ctx.text:
        return
    text = ctx.text
    normal = unicodedata.normalize("NFKC", text)
    scan = normal if len(normal) == len(text) else text  # NFKC keeps CJK and digits 1:1
    captions = _captions(ctx)
    for m in _REFERENCE.finditer(scan):
        kind = m.group("kind") or m.group("kind2")
        number = _number(m.group("num") or m.group("num2"))
        if _on_toc_line(text, m.start()):
            continue
        same_kind = [c for c in captions if c.kind == kind]
        cited = [c for c in same_kind if c.number == number]
        following = _adjacent(text, m.end(), same_kind)
        if following is None or following.number == number:
            continue
        if not cited and _printed_anywhere(scan, kind, number):
            continue  # a caption the reader did not take for a table: no judgement
        common = _common_pairs(same_kind)
        said = _pairs(_sentence(text, m.start(), m.end())) - common
        of_following = following.words - common
        of_cited = frozenset().union(*(c.words for c in cited)) - common
        toward_following = len(said & (of_following - of_cited))
        toward_cited = len(said & (of_cited - of_following))
        if toward_following >= _MIN_DISTINCT and toward_following >= _MARGIN * toward_cited:
            cite = cited[0] if cited else None
            yield _finding(m.start(), m.end(), kind, number, cite, following)


def _captions(ctx: CheckContext) -> list[Caption]:
    """Table captions from the tables, figure captions from the text (not the lists of them)."""
    assert ctx.text is not None
    out = []
    for t in ctx.tables:
        anchor = t.anchor.strip()
        number = _number(anchor.removeprefix("表"))
        if anchor.startswith("表") and number:
            words = frozenset(_pairs(" ".join((t.title, *t.columns))))
            out.append(Caption("表", number, t.title, t.start, t.end, t.id, words))
    for m in _FIGURE_CAPTION.finditer(ctx.text):
        if not _TOC_LINE.search(m.group(0)):
            title = m.group("title")
            words = frozenset(_pairs(title))
            out.append(
                Caption("图", _number(m.group("num")), title, m.start(), m.end(), None, words)
            )
    return sorted(out, key=lambda c: c.start)


def _number(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).strip()
    return regex.sub(r"\s*[-－—–.．]\s*", "-", t)


def _printed_anywhere(text: str, kind: str, number: str) -> bool:
    """A line (a caption or a list entry) that begins with this table or figure number."""
    digits = r"\s*[-－—–.．]\s*".join(regex.escape(part) for part in number.split("-"))
    return bool(regex.search(rf"(?m)^[ \t*#]*{kind}\s*{digits}(?![0-9])", text))


def _on_toc_line(text: str, at: int) -> bool:
    line_end = text.find("\n", at)
    line = text[text.rfind("\n", 0, at) + 1 : line_end if line_end >= 0 else len(text)]
    return bool(_TOC_LINE.search(line))


def _adjacent(text: str, at: int, captions: list[Caption]) -> Caption | None:
    """The caption printed right after the reference's paragraph, if nothing but blank or
    short lines comes between."""
    line_end = text.find("\n", at)
    if line_end < 0:
        return None
    following = next((c for c in captions if c.start >= line_end), None)
    if following is None:
        return None
    gap = text[line_end : following.start]
    if any(len(regex.findall(r"\p{Han}", line)) > _LONG_LINE for line in gap.split("\n")):
        return None
    return following


def _sentence(text: str, start: int, end: int) -> str:
    left = start_of(text, start)
    right = _SENTENCE_END.search(text, end)
    return text[left : right.start() if right else len(text)]


def _pairs(text: str) -> set[str]:
    return set(_HAN_PAIR.findall(unicodedata.normalize("NFKC", text))) - _BLAND


def _common_pairs(captions: list[Caption]) -> frozenset[str]:
    """Word pairs in at least half of the report's captions of one kind (three or more)."""
    counts: dict[str, int] = {}
    for c in captions:
        for p in c.words:
            counts[p] = counts.get(p, 0) + 1
    if len(captions) < 3:
        return frozenset()
    return frozenset(p for p, n in counts.items() if n * 2 >= len(captions))


def _last_number(number: str) -> Decimal:
    return Decimal(number.rsplit("-", 1)[-1])


def _finding(
    start: int, end: int, kind: str, number: str, cited: Caption | None, meant: Caption
) -> Finding:
    noun = "表格" if kind == "表" else "图片"
    what = f"{kind}{number}为“{cited.title}”" if cited else f"报告中没有{kind}{number}"
    message = (
        f"正文“{kind}{number}”所指{noun}与内容不符：{what}，而紧接其后的"
        f"{kind}{meant.number}“{meant.title}”才与正文所述相符，疑应为{kind}{meant.number}"
    )
    evidence = [Evidence(kind="text", start=start, end=end)]
    evidence.append(
        Evidence(kind="table", table=meant.table, start=meant.start, end=meant.end)
        if meant.table
        else Evidence(kind="text", start=meant.start, end=meant.end)
    )
    return finding(
        "label_or_period",
        "error",
        message,
        _last_number(number),
        _last_number(meant.number),
        evidence,
    )


# --- references to annex tables, told by the numbers -------------------------------

_ANNEX_REFERENCE = regex.compile(
    r"(?:详见|参见|见)\s*(?:附件\s*|附\s*)表\s*(?P<num>[0-9]{1,2})(?![0-9\-－—–.．])"
)


@register_check("annex_table_references")
def check_annex_references(ctx: CheckContext) -> Iterator[Finding]:
    """``（见附件表3）`` after figures that 附件表3 does not hold and another annex table does.

    The figures stated in the clause the reference closes (back to the sentence start or the
    previous reference) are looked up among the annex tables' cells. A wrong reference is
    one whose table holds none of them while exactly one other annex table holds the most,
    at least half of them: the numbers, not the words, say which table the text drew on.
    """
    if not ctx.text:
        return
    annex = {_number(t.anchor.removeprefix("表")): t for t in ctx.tables if t.appendix}
    if not annex:
        return
    text = unicodedata.normalize("NFKC", ctx.text)
    if len(text) != len(ctx.text):
        text = ctx.text
    for m in _ANNEX_REFERENCE.finditer(text):
        cited = annex.get(m.group("num"))
        figures = _clause_figures(ctx, text, m.start())
        if cited is None or not figures:
            continue
        held = {n: _held(ctx, t, figures) for n, t in annex.items()}
        best = max(held.values())
        owners = [n for n, k in held.items() if k == best]
        if held[m.group("num")] or len(owners) != 1 or best * 2 < len(figures):
            continue
        meant = annex[owners[0]]
        message = (
            f"正文“附件表{m.group('num')}”所指表格与内容不符：附件表{m.group('num')}为"
            f"“{cited.title}”，其中没有正文所述的数值；这些数值（{best}项）见于附件"
            f"{meant.anchor}“{meant.title}”，疑应为附件{meant.anchor}"
        )
        evidence = [
            Evidence(kind="text", start=m.start(), end=m.end()),
            Evidence(kind="table", table=meant.id, start=meant.start, end=meant.end),
        ]
        yield finding(
            "label_or_period",
            "error",
            message,
            Decimal(m.group("num")),
            _last_number(_number(meant.anchor.removeprefix("表"))),
            evidence,
        )


def _clause_figures(ctx: CheckContext, text: str, at: int) -> list[Decimal]:
    """The values (in base units) of the claims between the sentence start, or the end of
    an earlier reference in it, and ``at``."""
    left = start_of(text, at)
    earlier = [r.end() for r in _REFERENCE.finditer(text, left, at)]
    left = max([left, *earlier])
    out = []
    for claim in ctx.claims:
        if left <= claim.start and claim.end <= at:
            info = ctx.links.ontology.unit(claim.unit)
            out.append(claim.value * (info.factor if info else 1))
    return out


def _held(ctx: CheckContext, table: Table, figures: list[Decimal]) -> int:
    """How many of ``figures`` some cell of ``table`` prints (in base units)."""
    values = set()
    for row in table.rows:
        for cell in row.cells:
            if cell.value is not None:
                info = ctx.links.ontology.unit(cell.unit)
                values.add(cell.value * (info.factor if info else 1))
    return sum(1 for f in figures if f in values)
