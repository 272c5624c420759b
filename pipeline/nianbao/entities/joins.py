"""Joins after the merge: names the model and the patterns found apart that are one name
(a school's team, a bureau's division, a school named after a person), and borders they
read wrong (a caption's number before a name, a competition that qualifies a noun).
Each takes and returns candidates sorted by start."""

from __future__ import annotations

import re
from dataclasses import replace

from nianbao.entities.patterns import EntityCandidate, suffix_table
from nianbao.text.words import tokenize, word_pos

# The shortest school kind ending a person's name may open (职业学校, not 学校).
_LONG_TAIL = 4
# Owners whose bodies carry their name: a school's team, an enterprise's industry college.
_OWNERS = frozenset({"SCHOOL", "ENTERPRISE"})
# Tags no run of nouns holds: particles, conjunctions, pronouns, adverbs, modal words.
_NOT_IN_EVENT = "pcurdy"
# A division of a bureau (职业教育处, 教师工作司), and the bureaus that have them.
_DIVISION = re.compile(r"[\u4e00-\u9fff]{2,10}?[处司]")
_BUREAU_ENDINGS = ("厅", "部", "局")
_CAPTION_NUMBER = re.compile(r"[图表]\s?\d+(?:[-－.．]\d+)*\s?")


def namesake_schools(candidates: list[EntityCandidate], text: str) -> list[EntityCandidate]:
    """A person's name right before a school kind's ending names the school after them:
    胡锦超|职业技术学校 (the model reads the person, the patterns want a place first). Only
    the kinds' long endings (``_document_aliases.tails`` of four characters or more)."""
    tails = [t for t in suffix_table()["_document_aliases"]["tails"] if len(t) >= _LONG_TAIL]
    out = []
    for c in candidates:
        tail = (
            next((t for t in tails if text.startswith(t, c.end)), None) if c.type == "PER" else None
        )
        out.append(replace(c, end=c.end + len(tail), type="SCHOOL") if tail else c)
    return out


def with_owners(candidates: list[EntityCandidate]) -> list[EntityCandidate]:
    """A body right after the school or enterprise it belongs to is one name with it:
    台山敬修职校|中医药文化科普队, 恩平市体育学校|龙舟队 (the schema keeps the longest name;
    the owner's own name counts where it stands alone). Candidates sorted by start."""
    out: list[EntityCandidate] = []
    for c in candidates:
        owner = next((o for o in reversed(out[-3:]) if o.end == c.start), None)
        if c.type == "ORG" and owner is not None and owner.type in _OWNERS:
            out.remove(owner)
            c = replace(c, start=owner.start, score=min(c.score, owner.score))
        out.append(c)
    return out


def with_divisions(
    candidates: list[EntityCandidate], text: str, word_ends: set[int]
) -> list[EntityCandidate]:
    """A bureau's division named right after it is one name with it: 辽宁省教育厅|职业教育处,
    教育部|教师工作司 (the model often reads the division alone, 工作司). The division is
    nouns ending in 处 or 司 at a word's end (not 处|理), within a few characters."""
    out: list[EntityCandidate] = []
    swallowed_to = -1
    for c in candidates:
        if c.start < swallowed_to:
            continue  # a fragment of the division just joined
        division = _DIVISION.match(text, c.end) if c.type == "GOV" else None
        if (
            division is not None
            and text[c.start : c.end].endswith(_BUREAU_ENDINGS)
            and division.end() in word_ends
            and names_by_nouns(division.group(0)[:-1])
        ):
            c = replace(c, end=division.end())
            swallowed_to = c.end
        out.append(c)
    return out


def used_as_kind(candidate: EntityCandidate, text: str) -> bool:
    """A competition's name that qualifies an abstract noun names the activity, not one
    event: 江门市技能竞赛|工作的新举措, 技能大赛|体系 (the heads are data:
    ``_attributive_heads``)."""
    if candidate.type != "COMPETITION":
        return False
    heads = suffix_table()["_attributive_heads"]
    return any(text.startswith(h, candidate.end) for h in heads)


def without_caption_number(candidate: EntityCandidate, text: str) -> EntityCandidate:
    """A name read together with the figure or table number before it loses the number:
    图2|春晖职校 (a caption's number glued to its first words)."""
    number = _CAPTION_NUMBER.match(text, candidate.start, candidate.end)
    if number is None or number.end() >= candidate.end - 1:
        return candidate
    return replace(candidate, start=number.end())


def names_by_nouns(head: str) -> bool:
    """Whether ``head`` names a thing by nouns (康复技术 of …项目, 职业教育 of …处): opened by
    a noun or an adjective (not 获奖|项目), and no particle, pronoun or adverb inside (jieba
    tags some nouns as verbs: 知识)."""
    pos = word_pos()
    tags = [pos.get(head[s:e], "n") for s, e in tokenize(head)]
    return (
        bool(tags)
        and tags[0][:1] in ("n", "a", "b")
        and not any(t[:1] in _NOT_IN_EVENT for t in tags)
    )
