"""Linking a claim to a table row the ontology does not name, by how its label reads.

The exact-key link (same canonical indicator, or the same indicator key) misses a claim
whose indicator was read with a verb in front (配齐体育课专任教师) or cut short at a word
that also ends lists , though the table prints the
same indicator (体育课专任教师数, 职业技能等级证书（含职业资格证书）获取人数). Here a claim
reaches such a row when its indicator, less leading verbs, lies inside the row's label and
the row's extra words do not change what is measured: a row that adds 生均, 比例 or a level
is another indicator, a row that adds a qualifier in front names a part (国家重点中职学校),
and a claim that adds words the row lacks names a part too (省级在线精品课程 is a part of
在线精品课程, not the same count).

The link is scored (the share of the row label the claim's indicator covers); a claim
takes the best-scoring rows only, and only at ``MIN_SCORE`` or above.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from nianbao.text.words import tagged_words

MIN_SCORE = 0.5
_MIN_CHARS = 3
# What may stand before the indicator in a claim: the verb or particle that introduces it
# (配齐…, 学生获取…, 2025届…), by jieba's tag of the word right before it. A noun or a
# distinguishing adjective there (专业在校生, 省级在线精品课程) names a narrower indicator.
_INTRODUCING_TAGS = ("v", "vd", "p", "d", "a", "ad", "c", "m", "q", "r")
# Words that close a claim's phrase without naming anything (毕业生共, 教师达).
_CLOSING_TAGS = ("d", "p", "c", "u", "uj", "ul", "y")
# Words a row may print before the claim's indicator without naming a narrower indicator
# (校内实践教学工位, 区域内中等职业学校, C类到中小微企业就业); any other word in front
# narrows it (国家重点中职学校 is not every 中职学校).
_SCOPE_LEAD = regex.compile(r"^(?:[A-Za-z]类|校内|区域内|全市|全县|全区|全省|全校|学校|本校|我校)$")
# Words that, added by the row, make another indicator of the same noun.
_MEASURE_CHANGERS = regex.compile(
    r"生均|人均|平均|均|比例|占比|比重|比|率|国家级|省级|市级|县级|校级|其中|新增|累计|上年"
)
_NOISE = regex.compile(r"[\s*＊:：]")
_COUNT_END = regex.compile(r"(?:人数|数量|总数|总额|金额|数|量)$")


@lru_cache(maxsize=8192)
def normalised(label: str) -> str:
    """A printed label without marks, 其中 and a closing 人数/数量 (brackets stay:
    （含职业资格证书） is part of what is counted)."""
    text = _NOISE.sub("", unicodedata.normalize("NFKC", label)).removeprefix("其中")
    return _COUNT_END.sub("", text)


@lru_cache(maxsize=8192)
def _claim_words(label: str) -> tuple[tuple[str, str], ...]:
    words = list(tagged_words(normalised(label)))
    while words and words[-1][1] in _CLOSING_TAGS:
        words.pop()
    return tuple(words)


def label_score(claim_label: str, row_label: str) -> float:
    """How well a claim's indicator names a table row's: 0 when it does not, else the
    share of the row's label it covers."""
    row = normalised(row_label)
    words = _claim_words(claim_label)
    if not words or words[-1][0] not in row:
        return 0.0  # every part that can name the row ends with the claim's last word
    for k in range(len(words)):
        named = "".join(w for w, _ in words[k:])
        if len(named) < _MIN_CHARS:
            return 0.0
        at = row.find(named)
        if at < 0:
            continue
        if k and (words[k - 1][1] == "vn" or not words[k - 1][1].startswith(_INTRODUCING_TAGS)):
            return 0.0  # a noun or a qualifier before it: the claim names a narrower thing
        lead, extra = row[:at], row[:at] + row[at + len(named) :]
        if _MEASURE_CHANGERS.search(extra) or (lead and not _SCOPE_LEAD.match(lead)):
            return 0.0
        return len(named) / len(row)
    return 0.0


@lru_cache(maxsize=8192)
def named_object(label: str) -> str:
    """What an indicator counts, after the last verb that introduces it: 企业开设订单班 and
    与某某公司开设订单班 both count 订单班."""
    words = tagged_words(normalised(label))
    last_verb = max((i for i, (_, tag) in enumerate(words) if tag == "v"), default=-1)
    return "".join(w for w, _ in words[last_verb + 1 :])
