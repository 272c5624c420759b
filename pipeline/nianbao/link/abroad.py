"""The 国际影响表's indicators in running text: read only where the sentence is abroad.

The table counts what lies abroad (接收国外访学教师人数, 专任教师赴国外指导和开展培训时间),
and a report tells it by naming the country: 接待老挝某职业技术学校2名教师来校访学. The same
words about a partner school at home (对口帮扶学校教师来校访学) count something else. So a
figure reads as one of these indicators only when its sentence names a country other than
China (or says 国外, 境外, 外籍), and then it may be read more freely than other figures:
the action after a count (2名教师|来校访学), the object after the foreign party's name
(接待老挝某校|访学教师), or a unit only such an indicator is counted in (人日).
"""

from __future__ import annotations

import regex

from nianbao.data import Claim
from nianbao.ontology import IndicatorOntology, Match
from nianbao.text.places import names_abroad
from nianbao.text.spans import sentence_bounds
from nianbao.text.words import tagged_words

_CLAUSE_REST = regex.compile(r"[^，。；、：:,;!?！？（(\n\s\d]{1,8}")
_MIN_OBJECT = 2  # characters: a one-character tail (师) names nothing


def abroad_match(
    claim: Claim,
    base: str,
    unit: str | None,
    match: Match | None,
    onto: IndicatorOntology,
    text: str,
) -> Match | None:
    """``match`` kept, dropped or found anew by whether the claim's sentence is abroad."""
    start, end = sentence_bounds(text, claim.start, claim.end)
    abroad = names_abroad(text[start:end]) is not None
    if match is not None:
        return match if abroad or not match.indicator.abroad else None
    if not abroad:
        return None
    for phrase in _readings(claim, base, text):
        found = onto.lookup(phrase, unit)
        if found is not None and found.indicator.abroad:
            return found
    # 累计42人日 after 赴泰国: the unit alone says which, so the link is only near
    only = onto.sole_indicator_of(onto.family(unit))
    return Match(only, near=True) if only is not None and only.abroad else None


def _readings(claim: Claim, base: str, text: str) -> list[str]:
    """The phrases the figure may be counting, widest first."""
    phrases = []
    if claim.indicator_end is not None and claim.number_start < (claim.indicator_start or 0):
        rest = _CLAUSE_REST.match(text, claim.indicator_end)
        if rest:  # 2名教师来校|访学: the count's noun and what it did
            phrases.append(base + rest.group())
    words = [w for w, _ in tagged_words(base)]
    # the phrase itself (来自德国的|访学教师: the link stage refuses a noun after 的, which
    # here only says where the visitors come from), then what follows the foreign party
    # (接待|老挝|…|学校|访学教师)
    for k in range(len(words)):
        tail = "".join(words[k:])
        if len(tail) >= _MIN_OBJECT:
            phrases.append(tail)
    return phrases
