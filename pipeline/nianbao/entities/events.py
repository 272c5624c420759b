"""A contest's event named by itself: “大数据应用与服务”赛项, “智慧物流”竞赛项目. The quoted
title is the distinguishing part the schema asks of a competition; the ending says it is an
event of one.
"""

from __future__ import annotations

import regex

from nianbao.entities.patterns import PATTERN_SCORE, EntityCandidate

_QUOTED_EVENT = regex.compile(r"“[^“”\n]{2,16}”(?:赛项|竞赛项目|比赛项目)")


def quoted_events(text: str, regions: list[tuple[int, int]]) -> list[EntityCandidate]:
    """Quoted event titles with an event ending, as COMPETITION pattern names."""
    return [
        EntityCandidate(m.start(), m.end(), "COMPETITION", PATTERN_SCORE, "pattern")
        for start, end in regions
        for m in _QUOTED_EVENT.finditer(text, start, end)
    ]
