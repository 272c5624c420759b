"""Short forms of government and party organs that carry no place of their own: 市政府 in
``江门市委、市政府``, 县政府, 省委, 党中央; and of mass organisations and media (市妇联,
市报社), which are other organisations (``ORG``). The place is the report's or the one named just
before; the level word (省, 市, 县, 区) and the organ (委, 政府, 人大, 政协) make the name. The
words are data in ``patterns/entity_suffixes.json`` (``_organ_short_forms``).
"""

from __future__ import annotations

from functools import cache

import regex

from nianbao.entities.patterns import PATTERN_SCORE, EntityCandidate, endings, suffix_table


@cache
def _short_form() -> regex.Pattern[str]:
    table = suffix_table()["_organ_short_forms"]
    levels = "".join(table["levels"])
    organs = "|".join(sorted(table["organs"], key=len, reverse=True))
    fixed = "|".join(sorted(table["fixed"], key=len, reverse=True))
    # a level word opens the short form only where no other character of a name stands
    # before it: after punctuation, a particle (在市委…) or the start of a line
    opening = regex.escape(table["may_follow"])
    bodies = "|".join(sorted(table["bodies"], key=len, reverse=True))
    return regex.compile(
        rf"(?:(?<![\p{{Han}}])|(?<=[{opening}]))"
        rf"(?:[{levels}](?:(?P<organ>{organs})|(?P<body>{bodies}))|(?P<fixed>{fixed}))"
    )


def short_form_organs(
    text: str, words: tuple[tuple[int, int], ...], regions: list[tuple[int, int]]
) -> list[EntityCandidate]:
    """Organ short forms in the running text's regions, as GOV (or ORG) pattern names: whole words
    (市政府, not the 市政 of 市政府办公室's neighbours), and not the opening of a longer
    organ's name (市委|宣传部 is the 宣传部's)."""
    pattern = _short_form()
    ends = {e: k for k, (_, e) in enumerate(words)}
    found = []
    for start, end in regions:
        for m in pattern.finditer(text, start, end):
            k = ends.get(m.end())
            if k is None:
                continue
            after = text[slice(*words[k + 1])] if k + 1 < len(words) else ""
            if after and any(True for _ in endings(after)):
                continue
            kind = "ORG" if m.group("body") else "GOV"
            found.append(EntityCandidate(m.start(), m.end(), kind, PATTERN_SCORE, "pattern"))
    return found
