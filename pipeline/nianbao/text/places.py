"""Place names: the one home for what every stage knows about them.

A school's, a bureau's or an enterprise's name opens with a place, and a sentence about
"某市中等职业学校" speaks about a place's schools. Every stage asks the same two questions —
does this word end like a place (清河市, 临江县, 锡林郭勒盟), and is this word a place by itself
(河北, 秦皇岛) — so both answers live here.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import regex

from nianbao.text.words import word_pos

# The endings of administrative divisions, province down to township (省, 自治州, 旗, 盟 …).
PLACE_ENDINGS = "省市县区州镇乡旗盟"


def ends_like_place(word: str) -> bool:
    """True when ``word`` ends with an administrative division's ending (临江县, 东城区)."""
    return bool(word) and word[-1] in PLACE_ENDINGS


def is_place_ending(word: str) -> bool:
    """True when ``word`` is one division ending alone (the 市 jieba splits off 清河|市)."""
    return len(word) == 1 and word in PLACE_ENDINGS


def is_bare_place(name: str) -> bool:
    """True when ``name`` is a place by itself, without an ending (河北, 秦皇岛)."""
    return name in gazetteer() or word_pos().get(name) == "ns"


def is_place_word(word: str) -> bool:
    """True when ``word`` names a place, with its ending (临江县) or without (河北)."""
    return ends_like_place(word) or is_bare_place(word)


@cache
def gazetteer() -> frozenset[str]:
    """Provinces, prefectures and counties, full names and short forms (于都县, 于都), from
    ``resources/places.txt`` (made by ``resources/make_places.py`` from jionlp's table)."""
    path = resources.files("nianbao.resources").joinpath("places.txt")
    lines = path.read_text("utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


def opens_with_place(name: str) -> bool:
    """True when ``name`` opens with a place of the gazetteer or a word ending like one
    (于都县职业中专, 连山职校, 江门市…)."""
    places = gazetteer()
    return any(name[:k] in places for k in range(2, min(len(name), _LONGEST_PLACE) + 1))


# the longest name in the gazetteer worth trying as a prefix (内蒙古自治区, 自治县 names)
_LONGEST_PLACE = 12


# --- abroad -----------------------------------------------------------------------------

# Words that say a party is abroad without naming its country (外籍教师, 海外学子).
_ABROAD_WORDS = ("国外", "境外", "海外", "外籍", "外国")


@cache
def countries() -> frozenset[str]:
    """The countries other than China, by their Chinese short, common and official names,
    from ``resources/countries.txt`` (made by ``resources/make_countries.py`` from ISO 3166)."""
    path = resources.files("nianbao.resources").joinpath("countries.txt")
    lines = path.read_text("utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def _abroad_pattern() -> regex.Pattern[str]:
    # longest first, so 印度尼西亚 is read before 印度
    names = sorted((*countries(), *_ABROAD_WORDS), key=len, reverse=True)
    return regex.compile("|".join(regex.escape(n) for n in names))


@cache
def _home_names_containing(country: str) -> tuple[str, ...]:
    """Chinese divisions whose names hold a country's (内蒙古 holds 蒙古)."""
    return tuple(sorted((p for p in gazetteer() if country in p and p != country), key=len))


def names_abroad(text: str) -> str | None:
    """The first country (or word for abroad: 国外, 外籍) ``text`` names, else ``None``.

    A country's name inside a Chinese division's (内蒙古, 巴音郭楞蒙古自治州) or before 族
    (朝鲜族, 俄罗斯族: a nationality of China) is not abroad."""
    for m in _abroad_pattern().finditer(text):
        if text.startswith("族", m.end()):
            continue
        if any(
            text.find(home, max(0, m.start() - len(home)), m.end() + len(home)) >= 0
            for home in _home_names_containing(m.group())
        ):
            continue
        return m.group()
    return None
