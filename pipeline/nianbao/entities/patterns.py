"""Pattern entities: names ending in a typed suffix (``…职业学校``, ``…教育局``, ``…大赛``),
grown leftwards over whole jieba words to the place word that opens them.

The rules are data in ``patterns/entity_suffixes.json``. A name must open with a place
(a word ending in 省/市/县/… or one jieba tags ``ns``), may not run across a verb or a stop
word, and is not a name when all it says between place and suffix is a descriptor
("江门市中等职业学校" is a kind of school, "卢龙县职业教育中心" is one school).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from nianbao.data import Provenance
from nianbao.text.cells import is_unit
from nianbao.text.places import (
    ends_like_place,
    gazetteer,
    is_bare_place,
    is_place_ending,
    is_place_word,
    opens_with_place,
)
from nianbao.text.words import tokenize, word_pos

PATTERN_SCORE = 0.5
# Model types that a name's ending may correct to each other (schools, bodies and
# competitions are checked by ``_suffix_required`` instead).
ORGANISATION_TYPES = frozenset({"ENTERPRISE", "OTHER_ORG"})
# Types whose place + descriptors + suffix phrases name a kind rather than one body.
KIND_TYPES = frozenset({"SCHOOL"})
# Bodies whose names a school's name never holds (a school may be an enterprise's: …集团技工学校).
_NOT_IN_SCHOOLS = frozenset({"GOV", "OTHER_ORG"})
# The contract's names of the types whose name the suffix table spells otherwise.
CONTRACT_TYPES = {"OTHER_ORG": "ORG"}
# The generic model head's types: places and people, not organisations; a domain name that
# holds one (清河 of 清河明德) is the name.
GENERIC_TYPES = frozenset({"PER", "LOC"})
# Types whose place + descriptors + suffix name an honour, not a body (省示范职业教育集团).
BODY_KIND_TYPES = frozenset({"OTHER_ORG"})
# Closing quote → opening quote: a quoted part belongs to the name it sits in.
_QUOTES = {"”": "“", "」": "「", "』": "『"}
_QUOTE_PAIRS = {o: c for c, o in _QUOTES.items()}
# "第二届" before a competition's name belongs to it.
_EDITION = re.compile(r"第[0-9一二三四五六七八九十百零〇]{1,4}届$")

# The most words jieba cuts one suffix into (职业|教育|中心).
_SUFFIX_WORDS = 3
# A heading's section number before a name: 2.4, 2.4.1, 3、 (not 3D打印协会 or 2024年).
_SECTION_NUMBER = re.compile(r"\d+(?:[.．、]\d*)+\s*(?=[^\d\s])")


@dataclass(frozen=True, slots=True)
class EntityCandidate:
    start: int
    end: int
    type: str
    score: float
    source: Provenance


@dataclass(frozen=True, slots=True)
class _Rules:
    by_last: dict[
        str, tuple[tuple[str, str], ...]
    ]  # every type's suffixes, longest first, by last character
    stops: frozenset[str]
    stop_tags: frozenset[str]
    max_chars: dict[str, int]  # of the pattern types only
    descriptors: tuple[str, ...]  # longest first
    openers: dict[str, frozenset[str]]
    crossed: dict[str, frozenset[str]]  # stop words a name of the type grows across
    joining: frozenset[str]  # stop words that join parts of one name (和, 与)


@cache
def suffix_table() -> dict:
    path = resources.files("nianbao.patterns").joinpath("entity_suffixes.json")
    return json.loads(path.read_text("utf-8"))


@cache
def _generic_names() -> frozenset[str]:
    return frozenset(suffix_table()["_generic_names"])


@cache
def _generic_longest_first() -> tuple[str, ...]:
    """The generic names in a fixed order: iterating the frozenset would follow the
    process's string hash seed, and two runs could read one name two ways."""
    return tuple(sorted(_generic_names(), key=lambda w: (-len(w), w)))


def plausible_name(name: str) -> bool:
    """Two characters or more, no punctuation at either end, not a generic word, not a unit
    of measurement (Mbps), and not opened by a number standing alone ("16 秦皇岛市…": a
    table's row number) or a section number ("2.4 技能竞赛": a heading)."""
    stripped = name.strip()
    quoted = name[:1] in _QUOTES.values() and _QUOTE_PAIRS[name[0]] in name[1:]
    opens = name[:1].isalnum() or quoted  # “南粤家政”产教融合共同体 opens with its quote
    if len(stripped) < 2 or stripped != name or not (opens and name[-1].isalnum()):
        return False
    if name.split()[0].isdigit() and len(name.split()) > 1:
        return False
    if _SECTION_NUMBER.match(name) or is_unit(name):
        return False
    return name not in _generic_names() and name not in suffix_table()["_never_alone"]


def without_leading_particle(name: str) -> int:
    """How many characters open ``name`` that cannot open a name (由市教育局 → 1); none when
    the particle opens a place's name (于都县…, 连山…, 和平县…)."""
    particles = suffix_table()["_leading_particles"]
    if len(name) <= 2 or name[0] not in particles or opens_with_place(name):
        return 0
    return 1


def glued_particles() -> tuple[str, str]:
    """Particles jieba glues before and after a name inside one word (与市教育局, 学校的)."""
    table = suffix_table()
    return table["_glued_before"], table["_glued_after"]


@cache
def _rules() -> _Rules:
    table = suffix_table()
    kept = set(table["_pattern_types"])
    # Every type's suffixes, so a longer one of a type the patterns leave alone shadows a
    # shorter pattern suffix (…职业教育集团 is no enterprise's name though 集团 is).
    suffixes = all_suffixes()
    default = table["_max_name_chars"]
    by_last: dict[str, list[tuple[str, str]]] = {}
    for pair in suffixes:
        by_last.setdefault(pair[0][-1], []).append(pair)
    return _Rules(
        by_last={last: tuple(pairs) for last, pairs in by_last.items()},
        stops=frozenset(table["_left_stops"]),
        stop_tags=frozenset(table["_stop_pos_tags"]),
        max_chars={t: table["_max_name_chars_by_type"].get(t, default) for t in kept},
        descriptors=tuple(sorted(table["_descriptor_words"], key=lambda w: (-len(w), w))),
        openers={t: frozenset(w) for t, w in table["_name_openers"].items()},
        crossed={t: frozenset(w) for t, w in table["_stops_inside"].items()},
        joining=frozenset(table["_joining_stops"]),
    )


def pattern_entities(
    text: str, words: tuple[tuple[int, int], ...], regions: list[tuple[int, int]]
) -> list[EntityCandidate]:
    """Typed names found by their suffix in each region (see the module's rules)."""
    rules = _rules()
    pos = word_pos()
    word_starts = [w[0] for w in words]
    found = []
    for region_start, region_end in regions:
        first = bisect_left(word_starts, region_start)
        last = bisect_right(word_starts, region_end)
        region_words = [w for w in words[first:last] if w[1] <= region_end]
        for k, (start, end) in enumerate(region_words):
            word = text[start:end]
            if pos.get(word) == "v":
                continue
            match = _suffix_of(_suffix_words(text, region_words, k))
            if match is None:
                continue
            suffix, kind = match
            if kind not in rules.max_chars or (len(suffix) == 1 and len(word) == 2):
                continue  # 部署, 布局, 干部: common words, not "X" + a one-character suffix
            # A name is at most max_chars characters, so at most that many words: the
            # words before it are never read, and are not copied for every candidate.
            reach = region_words[max(0, k + 1 - rules.max_chars[kind] - 1) : k + 1]
            name_start = _name_start(text, reach, kind, rules, pos)
            if name_start is None:
                continue
            name_start += without_leading_particle(text[name_start:end])  # 由市|教育局
            name_start -= _opening_quote(text, name_start, end)
            name = text[name_start:end]
            # The whole name's ending, not its last word's, gives the type (教育|集团).
            suffix, kind = _suffix_of(name) or (suffix, kind)
            kind = "GOV" if is_state_centre(name) else kind
            if kind not in rules.max_chars:
                continue
            if kind in BODY_KIND_TYPES and (names_a_kind(name) or _inner_body(name)):
                continue
            if kind in KIND_TYPES and names_an_honour(name):
                continue
            if plausible_name(name) and not _is_kind(text[name_start:start], word, suffix, kind):
                output = CONTRACT_TYPES.get(kind, kind)
                found.append(EntityCandidate(name_start, end, output, PATTERN_SCORE, "pattern"))
    return _outermost(found)


def _suffix_words(text: str, words: list[tuple[int, int]], k: int) -> str:
    """The ``k``-th word, with the words before it that its suffix runs into: jieba cuts
    职业|教育|中心, whose last word alone (中心) ends another type's names than the whole
    (职业教育中心, a school's), and 展演|活动, whose last word ends none. Only whole words:
    a suffix never starts inside one, nor is it made of one-character words (大|赛 of a
    text jieba could not cut)."""
    start, end = words[k]
    word = text[start:end]
    if word[-1] not in _rules().by_last:
        return word  # no suffix of any type ends with its last character, joined or not
    best = _suffix_of(word)
    for j in range(k - 1, max(-1, k - _SUFFIX_WORDS), -1):
        if words[j][1] != words[j + 1][0]:
            break
        if best is None and (words[j][1] - words[j][0] < 2 or end - start < 2):
            break
        longer = text[words[j][0] : end]
        match = _suffix_of(longer)
        if match is not None and match[0] == longer and len(longer) > len(best[0] if best else ""):
            return longer
    return word


def _opening_quote(text: str, start: int, end: int) -> int:
    """1 when the quote that opens the name stands just before it: “南粤家政”产教融合共同体
    opens at the quote whose partner it holds, not at the place inside."""
    before = text[start - 1 : start]
    closing = _QUOTE_PAIRS.get(before)
    inside = text[start:end]
    return int(closing is not None and closing in inside and before not in inside)


def _inner_body(name: str) -> bool:
    """A school's studio or team (…名师工作室, …代表队): ``entities.bodies`` reads those by
    what tells them apart, the place pattern would take honours (广东省名师工作室) too; and
    a designation's ending (…劳动教育基地, …职教园区), left to the model."""
    table = suffix_table()
    endings = (*table["_inner_bodies"]["endings"], *table["_designation_endings"]["endings"])
    return name.endswith(endings)


def _outermost(found: list[EntityCandidate]) -> list[EntityCandidate]:
    """Drop names inside longer ones ("…集团" inside "…集团有限公司"); one sorted sweep."""
    kept: list[EntityCandidate] = []
    reach = -1
    for c in sorted(found, key=lambda c: (c.start, -c.end)):
        if c.end > reach:
            kept.append(c)
            reach = c.end
    return kept


def checked_type(name: str, kind: str) -> str | None:
    """The type a model span keeps: its own, another whose suffix it ends with, or ``None``
    for a type whose names always end with a suffix (``_suffix_required``) when none fits.

    An organisation's longest matching suffix decides between enterprise and other
    organisations (…教育集团 is no enterprise though 集团 ends enterprises); only when no
    enterprise suffix matches at all does the model's enterprise stand (clubs, agencies
    named by brand: other bodies' endings also end businesses) — but never a service
    institution's (…医院, …保健院), which the schema types as other organisations.
    """
    if is_state_centre(name):
        return "GOV"
    if kind in suffix_table()["_suffix_required"]:
        found = next((t for _, t in endings(name)), None)
        return "OTHER_ORG" if found == "GOV" and is_inner_committee(name) else found
    if kind not in ORGANISATION_TYPES:
        return kind
    required = suffix_table()["_suffix_required"]
    # A body's whole name may be its suffix (教育部, 国务院); an organisation's never is.
    longest = next((t for s, t in endings(name) if len(name) > len(s) or t in required), kind)
    if kind == "ENTERPRISE" and longest == "OTHER_ORG":
        own = any(name.endswith(s) for s in suffix_table()["ENTERPRISE"])
        service = name.endswith(tuple(suffix_table()["_service_institutions"]["endings"]))
        return longest if own or service else kind
    return longest


def is_state_centre(name: str) -> bool:
    """A centre of the state or of a ministry (中国职业技术教育中心, 教育部教育装备发展中心):
    a public agency, which the schema types as government, though its ending may be a
    school's (职业技术教育中心) or another body's (中心)."""
    if not name.endswith("中心"):
        return False
    openers = ("中国", *suffix_table()["_state_openers"], *_ministries())
    return name.startswith(openers)


@cache
def _ministries() -> tuple[str, ...]:
    """The ministries' names among the government endings (教育部, 人力资源社会保障部)."""
    return tuple(s for s in suffix_table()["GOV"] if s.endswith("部") and len(s) > 2)


def is_inner_committee(name: str) -> bool:
    """A committee of a school or a body (学术委员会, 专业建设指导委员会): an other organisation.
    A government's or the party's opens with a place or a state word (江门市发展和改革委员会,
    国家卫生健康委员会, 中共…委员会)."""
    if not name.endswith("委员会"):
        return False
    state = suffix_table()["_state_openers"]
    return not opens_with_place(name) and not name.startswith(tuple(state))


def is_word_not_name(name: str) -> bool:
    """A dictionary word of a part of speech no name has (获取: a verb)."""
    return word_pos().get(name, "n")[:1] in suffix_table()["_never_name_pos"]


def endings(name: str) -> Iterator[tuple[str, str]]:
    """The ``(suffix, type)`` pairs of every type that ``name`` ends with, longest first."""
    candidates = _rules().by_last.get(name[-1], ()) if name else ()
    return ((s, t) for s, t in candidates if name.endswith(s))


def has_ending(name: str) -> bool:
    """Whether ``name`` is something more than a suffix of some type (青禾集团, not 集团)."""
    return any(len(name) > len(s) for s, _ in endings(name))


@cache
def suffixes_of(kind: str) -> tuple[str, ...]:
    """The suffixes of one type, longest first."""
    return tuple(s for s, t in all_suffixes() if t == kind)


@cache
def all_suffixes() -> tuple[tuple[str, str], ...]:
    """Every type's suffixes, longest first (OTHER_ORG's too: 中心 is not a school's)."""
    table = suffix_table()
    types = [t for t in table if not t.startswith("_")]
    pairs = ((s, t) for t in types for s in table[t])
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0], p[1])))


def names_an_honour(name: str) -> bool:
    """True for a designation a school is given (江门市中小学劳动教育示范学校, 湖南省“楚怡”
    优质中职学校, 秦皇岛市首批工匠学院): a school's name holds no honour word."""
    honours = _honour_words()
    return any(name[s:e] in honours for s, e in tokenize(name))


@cache
def _honour_words() -> frozenset[str]:
    return frozenset(suffix_table()["_honour_words"]["words"])


def names_a_kind(name: str) -> bool:
    """True for "江门市中等职业学校"-like phrases: a place, descriptors and a suffix only;
    and for a school's honour (``names_an_honour``)."""
    rules = _rules()
    match = next(
        (
            (s, t)
            for s, t in rules.by_last.get(name[-1], ())
            if name.endswith(s) and len(name) > len(s)
        ),
        None,
    )
    if match is None:
        return False
    suffix, kind = match
    if kind in KIND_TYPES and names_an_honour(name):
        return True
    generic = next(
        (g for g in _generic_longest_first() if name.endswith(g) and len(g) >= len(suffix)), ""
    )
    if generic:
        return _is_kind(name[: len(name) - len(generic)], generic, suffix, kind)
    if kind in BODY_KIND_TYPES:
        return _is_kind(name[: len(name) - len(suffix)], suffix, suffix, kind)
    return kind in KIND_TYPES and _only_descriptors(name[: len(name) - len(suffix)])


def words_before_name(text: str, words: Sequence[tuple[int, int]], kind: str = "") -> int | None:
    """How many of ``words`` precede the name they hold: those up to the last stop word
    of two characters or more inside ("江门市大力支持|中职学校" → 4), or a one-character
    stop that opens the span ("由|市教育局" → 1); ``None`` when a stop ends them. Inside a
    name one character is often part of it ("广东为正食品", "人力资源和社会保障局"); names
    of ``kind`` grow across its ``_stops_inside`` (学生专业技能大赛) and open with its
    ``_name_openers`` (全国职业技能大赛); a verb glued to a word (获省) is a stop."""
    rules = _rules()
    kept = rules.crossed.get(kind, frozenset()) | rules.openers.get(kind, frozenset())
    pos = word_pos()
    drop = 0
    for k, (s, e) in enumerate(words):
        word = text[s:e]
        stop = word in rules.stops and word not in rules.joining and (len(word) > 1 or k == 0)
        if (stop and word not in kept) or _is_glued_verb(word, pos):
            if k == len(words) - 1:
                # 学校 stops a name growing leftwards, but may end one (远航|学校).
                return drop if k and _suffix_of(word) else None
            drop = k + 1
    return drop


def _ends_a_competition(word: str) -> bool:
    match = _suffix_of(word)
    return match is not None and match[1] == "COMPETITION"


def _ends_a_school(word: str) -> bool:
    """The word ends a school's name, or a body's that no school's name holds
    (…医院|入驻|…职业学校, …教育厅|负责人|到…学校)."""
    match = _suffix_of(word)
    return match is not None and (
        match[1] == "SCHOOL" or (match[1] in _NOT_IN_SCHOOLS and len(match[0]) > 1)
    )


def _attached(text: str, words: list[tuple[int, int]]) -> bool:
    """The words after a school's name name a school attached to it (附属中学, 附设职校)."""
    return text[words[0][0] : words[0][0] + 1] == "附"


def _holds_an_event(text: str, words: list[tuple[int, int]]) -> bool:
    """One of the competition's events and a stage of it: 美发与造型赛项|决赛. An event and
    a generic contest word (茶艺赛项|比赛现场) is the event's contest, not a longer name."""
    stages = suffix_table()["_stage_words"]
    last = text[slice(*words[-1])]
    return last in stages and any(text[s:e] == "赛项" for s, e in words)


def _is_glued_verb(word: str, pos: dict[str, str]) -> bool:
    """An unknown word that opens with a one-character verb (获省 in 学生获省技能竞赛)."""
    return len(word) > 1 and word[0] in suffix_table()["_glued_verbs"] and word not in pos


def _suffix_of(word: str) -> tuple[str, str] | None:
    """The longest suffix ``word`` ends with, and its type."""
    return next(endings(word), None)


def _name_start(
    text: str, words: list[tuple[int, int]], kind: str, rules: _Rules, pos: dict[str, str]
) -> int | None:
    """Where the name ending with ``words[-1]`` opens, or ``None`` when no place opens it."""
    span = [words[-1]]
    opener = None
    glued = suffix_table()["_glued_before"]
    k = len(words) - 1
    while k > 0:
        k -= 1
        prev_start, prev_end = words[k]
        prev = text[prev_start:prev_end]
        if prev_end != span[0][0] or words[-1][1] - prev_start > rules.max_chars[kind]:
            break
        if prev in _QUOTES:
            # A quoted part belongs to the name: "开平市“双百行动”电商助农直播大赛".
            opening = _QUOTES[prev]
            back = next((j for j in range(k - 1, -1, -1) if text[words[j][0]] == opening), None)
            if back is None or words[-1][1] - words[back][0] > rules.max_chars[kind]:
                break
            span[:0] = words[back : k + 1]
            k = back
            continue
        if prev in rules.openers.get(kind, ()):
            opener = prev_start
            break
        if (
            len(prev) > 2
            and prev[0] in glued
            and not is_place_word(prev)
            and (is_bare_place(prev[1:]))
        ):
            # jieba glued a particle to the place that opens the name: 为大新|职校
            span.insert(0, (prev_start + 1, prev_end))
            break
        if _is_glued_verb(prev, pos) and is_place_ending(prev[1:]):
            # and a verb to the level that opens it: 获省|技能竞赛
            span.insert(0, (prev_start + 1, prev_end))
            break
        if _is_glued_verb(prev, pos) or (
            kind == "COMPETITION" and _ends_a_competition(prev) and not _holds_an_event(text, span)
        ):
            # 学生|获省|技能竞赛; one competition's name holds no other (…大赛|安全知识竞赛)
            # unless what follows is one of its events (…技能大赛|美发与造型赛项决赛)
            break
        if kind == "SCHOOL" and _ends_a_school(prev) and not _attached(text, span):
            # one school's name holds no other name (抚宁区职教中心|利用|抚宁三中) unless
            # it is the school attached to it (…师范大学|附属中学)
            break
        if prev not in rules.crossed.get(kind, ()):
            if prev in rules.stops or not all_han(prev):
                break
            if pos.get(prev, "") in rules.stop_tags:
                break
        span.insert(0, (prev_start, prev_end))
    place = next((w for w in span[:-1] if is_place_word(text[w[0] : w[1]])), None)
    if opener is not None and len(span) == 1 and text[span[0][0] : span[0][1]] in _generic_names():
        return None  # 省级大赛: a level and a bare suffix name no event
    if opener is not None:
        start = opener
    elif place is not None:
        # span is the last words of ``words``: the word before the place is found from the end.
        at = len(words) - len(span) + span.index(place)
        start = _place_name_start(text, words[at - 1] if at else None, place, rules, pos)
        if start == place[0] and _common_noun(text[place[0] : place[1]], pos):
            return None  # 园区|技校: a noun that ends like a place (园区, 社区) opens no name
    else:
        return None
    edition = _EDITION.search(text, max(0, start - 6), start) if kind == "COMPETITION" else None
    return edition.start() if edition else start


def _common_noun(word: str, pos: dict[str, str]) -> bool:
    """A dictionary noun that ends like a place and is none by itself (园区, 社区, 林区);
    with a name cut off before it (梧|林区) it is a place's end."""
    tag = pos.get(word)
    return (
        len(word) > 1 and tag is not None and not tag.startswith("ns") and word not in gazetteer()
    )


# jieba's tags of a word that can be a place's own name before a bare 市 or 县.
_PROPER_TAGS = frozenset({"nz", "nr", "nrt", "nrfg", "ns", "nt"})


def _place_name_start(
    text: str,
    before_place: tuple[int, int] | None,
    place: tuple[int, int],
    rules: _Rules,
    pos: dict[str, str],
) -> int:
    """Where the place opening a name starts, with the part jieba cut off a place name it
    does not know: 华远|市, 梧|林区, 常|津市. The word right before a bare place ending (市)
    is its name when it is one character or a proper noun (or no word of the dictionary);
    the one character before a two-character place word (林区) is too. A stop word never is."""
    if before_place is None or before_place[1] != place[0]:
        return place[0]
    before, name = text[slice(*before_place)], text[slice(*place)]
    if before in rules.stops or not all_han(before):
        return place[0]
    single = len(before) == 1
    if (len(name) == 1 and (single or pos.get(before, "nz") in _PROPER_TAGS)) or (
        len(name) == 2 and single
    ):
        return before_place[0]
    if before + name in gazetteer():
        return before_place[0]  # a real division jieba cut after a common word (和平|县)
    return place[0]


def all_han(word: str) -> bool:
    """Every character of ``word`` is a CJK ideograph."""
    return all("\u4e00" <= c <= "\u9fff" for c in word)


def _is_kind(before: str, word: str, suffix: str, kind: str) -> bool:
    """The pattern's test: ``before`` the suffix word, and the suffix word itself.

    Schools come in kinds: a place has many "中等职业学校" but one "教育局", and a
    place's "职业院校技能大赛" is one event. Other bodies do where a descriptor stands
    between the place and the body (湖南省|中职|名师工作室, 省|示范|职业教育集团: an honour's
    name); a place and the body alone are one (江门市总工会).
    """
    if kind in BODY_KIND_TYPES:
        generic = word in _generic_names()
        return _only_descriptors(before if generic else before + word[: len(word) - len(suffix)])
    if kind not in KIND_TYPES:
        return False
    if word in _generic_names() and word not in suffix_table()["_short_form_suffixes"]:
        return _only_descriptors(before, places_alone=True)
    return _only_descriptors(before + word[: len(word) - len(suffix)])


def _only_descriptors(middle: str, places_alone: bool = False) -> bool:
    """True when ``middle`` (a name less its suffix) is places and descriptors and nothing
    else. Places alone count only with ``places_alone``: "卢龙县" + "职业教育中心" names one
    school, "江苏省" + "中等职业学校" (a generic name) names a kind."""
    rules = _rules()
    parts = [middle[s:e] for s, e in tokenize(middle)]
    # a place, then places with their ending (秦皇岛市|抚宁区); a bare place's short form
    # after a division is the school's own name (长宁县|凌云: 凌云 is also a county's)
    first = True
    while parts and (is_place_word(parts[0]) if first else ends_like_place(parts[0])):
        parts.pop(0)
        first = False
    rest = "".join(parts)
    if not rest:
        return places_alone
    for word in rules.descriptors:
        rest = rest.replace(word, "")
    return not rest
