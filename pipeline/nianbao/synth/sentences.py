"""Sentence templates → parts: names, claims with their true values, table pointers, dates."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache

import regex

from nianbao.synth.names import RESOURCES, Cast, label_of
from nianbao.synth.spec import (
    ClaimPart,
    ClaimSpec,
    DateRef,
    Ent,
    Lit,
    Part,
    TableRef,
    TrendRef,
)
from nianbao.synth.world import World, q

_TOKEN = regex.compile(r"\{([^{}]+)\}|<([^<>]+)>")
_ENTITY_SLOTS = {
    "SCHOOL",
    "SCHOOL2",
    "ENTERPRISE",
    "COMPETITION",
    "GOV",
    "OTHER_ORG",
    "PER",
    "COLLEGE",
    "GENERAL_SCHOOL",
    "ORG_SITE",
    "ALLIANCE",
}
# cast kinds that are labelled with another entity type
_LABELS = {
    "COLLEGE": "SCHOOL",
    "GENERAL_SCHOOL": "SCHOOL",
    "ORG_SITE": "OTHER_ORG",
    "ALLIANCE": "OTHER_ORG",
}
_CHINESE_MEASURES = ("个", "所", "项", "支", "名", "门", "家", "本", "届")
_CN = "零一二三四五六七八九"


@cache
def fact_phrases() -> dict:
    """The facts file: how narrative text states each fact."""
    return json.loads((RESOURCES / "facts.json").read_text(encoding="utf-8"))


@cache
def sentence_templates() -> dict:
    """The sentence templates file."""
    return json.loads((RESOURCES / "sentences.json").read_text(encoding="utf-8"))


def chinese_numeral(n: int) -> str:
    """1..99 as a Chinese numeral; 2 before a measure word reads 两."""
    if n == 2:
        return "两"
    if n < 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")


def decimals_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


@dataclass(slots=True)
class Context:
    """What templates may refer to in one report."""

    rng: random.Random
    cast: Cast
    world: World
    level: str
    year: int
    reporter: Ent
    default_subject: str
    variables: dict[str, list[str]]
    tables: list[str]
    spaced: bool
    claims: dict[str, ClaimSpec] = field(default_factory=dict)
    counter: int = 0

    def next_id(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"


def make_sentence(
    ctx: Context, template: str, case_school: str | None = None
) -> tuple[Part, ...] | None:
    """One sentence from a template, or ``None`` when the report lacks what it needs."""
    for level in ("city", "school"):
        prefix = f"@{level} "
        if template.startswith(prefix):
            if ctx.level != level:
                return None
            template = template[len(prefix) :]
    sentence_has_year = "{year}年" in template.replace("<date>", "")
    parts: list[Part] = []
    claims: list[ClaimSpec] = []
    subject_entity: str | None = case_school
    in_school_year = "{sy}" in template
    pos = 0
    for m in _TOKEN.finditer(template):
        if m.start() > pos:
            parts.append(Lit(template[pos : m.start()]))
        pos = m.end()
        if m.group(1) is not None:
            part = _variable(ctx, m.group(1), case_school)
            named = [p.text for p in parts if isinstance(p, Ent)]
            for _ in range(8):  # a list of names never names one twice
                if not (isinstance(part, Ent) and part.text in named and m.group(1) != "SCHOOL"):
                    break
                part = _variable(ctx, m.group(1), case_school)
            if isinstance(part, Ent) and part.type == "SCHOOL" and subject_entity is None:
                subject_entity = part.text
            parts.append(part)
            continue
        token = m.group(2)
        if token == "date":
            parts.append(
                DateRef(
                    ctx.next_id("D"),
                    ctx.year,
                    ctx.rng.randint(3, 12),
                    ctx.rng.randint(1, 28),
                    sentence_has_year,
                )
            )
            continue
        if token.startswith("trend:"):
            trend = trend_part(ctx, token[6:])
            if trend is None:
                return None
            parts.append(trend)
            continue
        if token.startswith("?"):  # <?online_courses.prov>: said only where there is one
            key = token[1:]
            if not ctx.world.has(key) or ctx.world.value(key, "cur") <= 0:
                return None
            continue
        if token.startswith("ref:"):
            if token[4:] not in ctx.tables:
                return None
            parts.append(TableRef(ctx.next_id("R"), token[4:]))
            continue
        claim = _claim(ctx, token, in_school_year)
        if claim is None:
            return None
        subject = subject_entity or ctx.default_subject
        claims.append(replace(claim, subject=subject, subject_entity=subject_entity))
        parts.append(ClaimPart(claim.id))
    if pos < len(template):
        parts.append(Lit(template[pos:]))
    for claim in _with_sums(ctx.world, claims):
        ctx.claims[claim.id] = claim
    return tuple(parts)


RISING_TRENDS = ("逐年增长", "持续增长", "稳步增长", "逐年增加")
FALLING_TRENDS = ("逐年减少", "持续下降", "有所下降", "逐年下降")


def trend_part(ctx: Context, key: str) -> TrendRef | None:
    """``全日制在校生逐年增长`` for a fact whose two years differ, in the direction they move."""
    if not (ctx.world.has(key, "prev") and ctx.world.has(key, "cur")):
        return None
    before, now = ctx.world.value(key, "prev"), ctx.world.value(key, "cur")
    if before == now:
        return None
    words = RISING_TRENDS if now > before else FALLING_TRENDS
    label = fact_phrases()["facts"][key]["label"]
    return TrendRef(ctx.next_id("T"), key, label, ctx.rng.choice(words))


def filler_sentence(ctx: Context, template: str) -> tuple[Part, ...] | None:
    """A pool sentence: variables filled, no claims; its literal text may be split by a page break."""
    parts = make_sentence(ctx, template)
    if parts is None:
        return None
    return tuple(Lit(p.text, filler=True) if isinstance(p, Lit) else p for p in parts)


def _variable(ctx: Context, name: str, case_school: str | None) -> Part:
    if "=" in name:
        kind, text = name.split("=", 1)
        return Ent(text, kind)
    if name in _ENTITY_SLOTS:
        if name == "SCHOOL":
            return Ent(case_school or ctx.cast.school_mention(), "SCHOOL")
        if name == "SCHOOL2":  # another school, also inside a case about one school
            return Ent(ctx.cast.school_mention(), "SCHOOL")
        text = ctx.cast.pick(name)
        return Ent(text, label_of(_LABELS.get(name, name), text))
    if name == "reporter":
        return ctx.reporter
    if name in _REGION_SLOTS:
        return _REGION_SLOTS[name](ctx)
    options = ctx.variables.get(name)
    if options is None:
        raise KeyError(
            f"unknown template variable {{{name}}}; known: {', '.join(sorted(ctx.variables))}"
        )
    return Lit(ctx.rng.choice(options))


_REGION_SLOTS = {
    "GOV_EDU": lambda ctx: Ent(f"{ctx.cast.region.province}教育厅", "GOV"),
    "CITY_GOV": lambda ctx: Ent(
        ctx.cast.region.city_full
        + ctx.rng.choice(
            ("教育局", "人力资源和社会保障局", "农业农村局", "工业和信息化局", "商务局")
        ),
        "GOV",
    ),
    "PROV_CONTEST": lambda ctx: Ent(f"{ctx.cast.region.province}职业院校技能大赛", "COMPETITION"),
}


def _round_about(value: int, step: int) -> int:
    """Numbers said with 近/约/余/多 are round: 120余, 近300."""
    unit = 10 if value < 300 else 100 if value < 3000 else 1000
    return max(step, round(value / max(unit, step)) * max(unit, step))


def _claim(ctx: Context, token: str, in_school_year: bool) -> ClaimSpec | None:
    facts = fact_phrases()
    if token.startswith("free."):
        return _free_claim(ctx, token, facts["free"][token])
    if token.endswith("~"):
        return _change_claim(ctx, token[:-1], facts)
    if "%" in token:
        part, whole = token.split("%", 1)
        return _share_claim(ctx, part, whole, facts)
    positive = token.endswith("+")  # <intl.visitors+>: only where there is something to tell
    reached = token.endswith("^")  # <alliance.members^>: told as what a stock grew to (已达)
    key, _, period = token.removesuffix("+").removesuffix("^").partition("@")
    period = period or "cur"
    if not ctx.world.has(key, period) or (positive and ctx.world.value(key, period) <= 0):
        return None
    meta = facts["facts"][key]
    value = ctx.world.value(key, period)
    operands: tuple[tuple[str, str], ...] = ()
    relation = ""
    rule = ctx.world.derived.get(key)
    if rule is not None:
        operands = ((rule.a, period), (rule.b, period)) if rule.b != "one" else ((rule.a, period),)
        relation = "ratio"
    unit, gold_unit, multiplier = (
        meta["unit"],
        meta.get("gold_unit", meta["unit"]),
        meta.get("multiplier", ""),
    )
    if meta.get("wan") and value >= 10000:
        value, unit, gold_unit, multiplier = value / 10000, "万" + unit, unit, "万"
    chinese = (
        meta["unit"] in _CHINESE_MEASURES
        and value == value.to_integral_value()
        and 1 <= value <= 10
        and ctx.rng.random() < 0.3
    )
    gold_period = (
        str(ctx.year - 1)
        if period == "prev"
        else (ctx.variables["sy"][0] if in_school_year else str(ctx.year))
    )
    phrase = ctx.rng.choice(meta["reached_phrases"] if reached else meta["phrases"])
    return ClaimSpec(
        id=ctx.next_id("C"),
        key=key,
        role="value",
        period=period,
        phrase=phrase,
        value=value,
        decimals=decimals_of(value),
        unit=unit,
        gold_unit=gold_unit,
        multiplier=multiplier,
        kind=meta["kind"],
        indicator=own_words_indicator(phrase, meta),
        chinese=chinese,
        operands=operands,
        relation=relation,
        gold_period=gold_period,
        spaced=ctx.spaced and not chinese,
    )


def own_words_indicator(phrase: str, meta: dict) -> str:
    """The gold indicator in the report's own words, as the dev annotators wrote it: the
    indicator words of the phrase, with 数 added to a bare count noun (``毕业生`` → ``毕业生数``);
    the fact's descriptive name where the words are a verb phrase or too short to stand alone."""
    m = regex.search(r"\[([^\]]+)\]", phrase)
    words = m.group(1) if m else ""
    rules = fact_phrases()["indicator_words"]
    if (
        len(words) < 3
        or words.startswith(tuple(rules["verb_starts"]))
        or "、" in words
        or "（" in words
    ):
        return str(meta["indicator"])
    if meta["unit"] in ("%", "ratio") or words.endswith(tuple(rules["measured_ends"])):
        return words
    return words + (meta["unit"] if meta["unit"] in ("学时", "人次") else "数")


def _change_claim(ctx: Context, key: str, facts: dict) -> ClaimSpec | None:
    if not (ctx.world.has(key, "cur") and ctx.world.has(key, "prev")):
        return None
    meta = facts["facts"][key]
    delta = ctx.world.value(key, "cur") - ctx.world.value(key, "prev")
    if delta == 0:
        return None
    percent = meta["unit"] == "%"
    kind = "percent" if percent else "count"
    direction = ctx.rng.choice(facts["changes"]["up" if delta > 0 else "down"][kind])
    phrase = (
        ctx.rng.choice(facts["changes"][kind])
        .replace("{dir}", direction)
        .replace("{prev}", str(ctx.year - 1))
    )
    unit = "个百分点" if percent else meta["unit"]
    multiplier = meta.get("multiplier", "")
    return ClaimSpec(
        id=ctx.next_id("C"),
        key=key,
        role="change",
        period="cur",
        phrase=phrase,
        value=abs(delta),
        decimals=decimals_of(abs(delta)),
        unit=unit,
        gold_unit=meta.get("gold_unit", unit) if not percent else unit,
        multiplier=multiplier,
        kind="other" if percent else meta["kind"],
        indicator=f"{meta['label']}{direction.rstrip('了')}",
        operands=((key, "cur"), (key, "prev")),
        relation="diff",
        gold_period=str(ctx.year),
        spaced=ctx.spaced,
    )


def _share_claim(ctx: Context, part: str, whole: str, facts: dict) -> ClaimSpec | None:
    if not (ctx.world.has(part) and ctx.world.has(whole)):
        return None
    whole_meta, part_meta = facts["facts"][whole], facts["facts"][part]
    label = whole_meta.get("share_label", whole_meta["label"])
    phrase = ctx.rng.choice(facts["shares"]).replace("{whole}", label)
    for key, rule in ctx.world.derived.items():
        if (rule.a, rule.b, rule.scale) == (part, whole, 100):  # the share is a fact of its own
            claim = _claim(ctx, key, False)
            return (
                replace(claim, phrase=phrase, indicator=facts["facts"][key]["indicator"])
                if claim
                else None
            )
    decimals = ctx.rng.choice((1, 2))
    value = q(ctx.world.value(part) / ctx.world.value(whole) * 100, decimals)
    return ClaimSpec(
        id=ctx.next_id("C"),
        key=f"{part}%{whole}",
        role="share",
        period="cur",
        phrase=phrase,
        value=value,
        decimals=decimals,
        unit="%",
        gold_unit="%",
        multiplier="",
        kind="percent",
        indicator=f"{part_meta['label']}占{label}比例",
        operands=((part, "cur"), (whole, "cur")),
        relation="share",
        gold_period=str(ctx.year),
        spaced=ctx.spaced,
    )


def _free_claim(ctx: Context, key: str, meta: dict) -> ClaimSpec:
    rng = ctx.rng
    low, high = meta["range"]
    step = meta.get("round", 1)
    value = Decimal(max(step, round(rng.randint(low, high) / step) * step))
    qualifier, word = rng.choice(
        (
            ("exact", ""),
            ("exact", ""),
            ("exact", ""),
            ("more_than", "余"),
            ("more_than", "多"),
            ("more_than", "超过"),
            ("more_than", "逾"),
            ("approx", "近"),
            ("approx", "约"),
            ("at_least", "以上"),
        )
    )
    unit, gold_unit, multiplier = (
        meta["unit"],
        meta.get("gold_unit", meta["unit"]),
        meta.get("multiplier", ""),
    )
    if meta.get("wan") and value >= 10000 and rng.random() < 0.7:
        value, unit, gold_unit, multiplier = value / 10000, "万" + unit, unit, "万"
    phrase = rng.choice(meta["phrases"])
    if qualifier != "exact" and (value < 20 or (multiplier and word in ("余", "多"))):
        qualifier, word = "exact", ""
    if word in ("近", "约", "超过", "逾") and regex.search(r"[达为]\{n\}", phrase):
        # "达超过400人" does not read; "达400余人" does
        qualifier, word = ("exact", "") if multiplier else ("more_than", "余")
    if qualifier != "exact" and not multiplier:
        value = Decimal(_round_about(int(value), step))
    chinese = (
        qualifier == "exact"
        and unit in _CHINESE_MEASURES
        and 1 <= value <= 10
        and rng.random() < 0.4
    )
    return ClaimSpec(
        id=ctx.next_id("C"),
        key=key,
        role="free",
        period="cur",
        phrase=phrase,
        value=value,
        decimals=decimals_of(value),
        unit=unit,
        gold_unit=gold_unit,
        multiplier=multiplier,
        kind=meta["kind"],
        indicator=meta["indicator"],
        qualifier=qualifier,
        qual_word=word,
        chinese=chinese,
        gold_period=str(ctx.year),
        spaced=ctx.spaced and qualifier == "exact" and not chinese,
    )


def _with_sums(world: World, claims: list[ClaimSpec]) -> list[ClaimSpec]:
    """A total stated beside all of its parts is checkable as their sum."""
    stated = {(c.key, c.period) for c in claims if c.role == "value"}
    out = []
    for c in claims:
        parts = world.sums.get(c.key)
        if c.role == "value" and parts and all((p, c.period) in stated for p in parts):
            c = replace(c, operands=tuple((p, c.period) for p in parts), relation="sum")
        out.append(c)
    return out
