"""Reading claims for the link stage: the indicator a claim names, read with its
surroundings; its role (value, change, share); its year and printed precision."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import regex

from nianbao.data import Claim
from nianbao.link.abroad import abroad_match
from nianbao.link.observations import Observation, claim_year, decimals_of_value, ratio_terms
from nianbao.link.scope import about_named_school
from nianbao.ontology import IndicatorOntology, Match, indicator_key
from nianbao.text.numbers import ARABIC_NUMBER, decimals_of, parse_arabic
from nianbao.text.words import tagged_words

_FIRST_NUMBER = regex.compile(ARABIC_NUMBER)
_SHARE_WORD = regex.compile(r"占(?![地用有领])")
_SHARE_DENOMINATOR = regex.compile(
    r"占(?P<den>[^，。；、占]{1,24}?)(?:的)?(?:比例|比重|比率)?(?:为|达到?|约)?\s*$"
)
_NAMED_WHOLE = regex.compile(r"占(?P<den>[^，。；、占0-9０-９]{2,24}?)的")
_SHARE_NUMERATOR = regex.compile(
    r"^(?P<num>.{1,24}?)占(?P<den>.{1,24}?)(?:的)?(?:比例|比重|比率|之比)?$"
)
_CHANGE_FRAME = regex.compile(
    r"(?:同比|环比|比上一?学?年度?|较上一?学?年度?|较去年|比去年|较上一?轮|比上一?轮|"
    r"较(?:19|20)[0-9]{2}年度?|比(?:19|20)[0-9]{2}年度?|较上届|比上届)"
)

_MEASURE_GAP = regex.compile(
    r"\s*[余多几]?\s*(?:个|所|名|位|家|项|门|本|册|人次|人|条|支|种|次|篇|部|件|套|台|座|间|千|万|亿)*\s*"
)
_CLAUSE_BREAK = regex.compile(r"\s*(?:[，。；、：:,;.!?！？（(）)\n]|$)")
# 与86家企业建立了稳定合作关系 / 与逾百家企业开展校企合作: the count of partners, when the
# clause ends in the cooperation itself (not 与3家企业合作开展学徒制: a purpose, a subset)
_PARTNER_BEFORE = regex.compile(r"与\s*(?:逾|近|超过|约|共)?\s*$")
_PARTNER_AFTER = regex.compile(
    r"[^，。；、：:,;!?！？\n]{0,10}?合作(?:关系|协议|伙伴关系)?\s*(?:[，。；：:,;!?！？\n]|$)"
)
_HAN_OR_QUOTE = regex.compile(r"[\p{Han}“”‘’]")
# 某某学校《病理学基础》等35门课程: a named school opened a list of examples
_EXAMPLES_BEFORE = regex.compile(r"等\s*$")
_LEADING_PLACE = regex.compile(r"^\p{Han}{2,3}[市县区省州](?=\p{Han}{2})")


def read_claim(
    claim: Claim,
    onto: IndicatorOntology,
    report_year: str | None,
    text: str | None,
    own: tuple[str, ...] = (),
    subject_name: str | None = None,
) -> Observation:
    """A claim as an observation: canonical indicator, role, year, value, precision and
    scope (``own``: the names the report speaks for; ``subject_name``: the text of the
    claim's subject entity, which keeps the report's scope when it is one of ``own``)."""
    role = effective_role(claim, onto, text)
    label = claim.indicator or _text_before_number(claim)
    direction = _direction(claim, onto) if role == "change" else 0
    base = _strip_change_words(label, onto) if role == "change" else label
    unit_info = onto.unit(claim.unit)
    family = unit_info.family if unit_info else None
    factor = unit_info.factor if unit_info else Decimal(1)
    lookup_unit = None if role == "change" and family in ("percent", "points") else claim.unit
    match = _claim_match(claim, base, lookup_unit, onto, text)
    if text is not None and role == "value":
        match = abroad_match(claim, base, lookup_unit, match, onto, text)
    numerator = denominator = None
    if role == "share":
        numerator, denominator = _share_terms(claim, label, onto, text)
        if match and match.indicator.units and onto.family(match.indicator.units[0]) != "percent":
            match = None
        if match is None and numerator and denominator:
            target = _share_formula_target(onto, numerator, denominator)
            match = Match(onto.get(target), near=False) if target else None
    terms = ratio_terms(claim.number_text)
    return Observation(
        source="claim",
        label=base,
        key=indicator_key(base),
        canonical=match.indicator.id if match else None,
        near=bool(match and match.near),
        period=claim_year(claim.period, report_year),
        value=claim.value * factor,  # in the family's base unit, as cells are (亩 → 平方米)
        quantum=claim_quantum(claim) * factor,
        printed=_printed_claim(claim),
        unit=claim.unit,
        family=family,
        qualifier=claim.qualifier,
        role=role,
        claim_id=claim.id,
        start=claim.start,
        end=claim.end,
        report_scope=_report_scope(claim, text, own, onto, subject_name),
        direction=direction,
        numerator=numerator,
        denominator=denominator,
        ratio_terms=terms,
    )


def _report_scope(
    claim: Claim,
    text: str | None,
    own: tuple[str, ...],
    onto: IndicatorOntology,
    subject_name: str | None,
) -> bool:
    """Whether the claim speaks for the report's entity rather than one named school."""
    if text and _EXAMPLES_BEFORE.search(text, max(0, claim.number_start - 3), claim.number_start):
        return True  # 某校《课程》等35门: the school opened a list, the count is the list's
    if claim.subject is not None and subject_name not in own:
        return False
    return not (text and about_named_school(text, claim.number_start, own, onto))


def _claim_match(
    claim: Claim, base: str, unit: str | None, onto: IndicatorOntology, text: str | None
) -> Match | None:
    """The claim's indicator, read with its surroundings when the text is at hand."""
    start, end = claim.indicator_start, claim.indicator_end
    if text is None or start is None or end is None or base != claim.indicator:
        return onto.lookup(base, unit)
    number_first = claim.number_start < start
    if number_first:  # "47个专业": what precedes the number and follows the noun decides
        gap = text[claim.number_end : start]
        if not _MEASURE_GAP.fullmatch(gap):
            return None
        if _PARTNER_BEFORE.search(text, max(0, claim.number_start - 4), claim.number_start) and (
            _PARTNER_AFTER.match(text, end)
        ):
            return onto.lookup("合作" + base, unit)
        if end < len(text) and not _CLAUSE_BREAK.match(text, end):
            return None
        before = _han_run_before(text, claim.number_start)
        if before and not any(before.endswith(w) for w in onto.stock_frames):
            return None
        return onto.lookup(base, unit)
    if _names_participants(claim, text, onto) or _describes_new_object(text, start):
        return None
    before = _han_run_before(text, start)
    for k in range(len(before) - 1):
        wider = onto.lookup(before[k:] + base, unit)
        if wider is not None:
            return wider
    if before.endswith("的") or any(m in before for m in onto.subset_markers):
        return None
    match = onto.lookup(base, unit)
    if match is None:  # 建设各类|产教融合载体29个: the stock the action and the quantifier name
        match = _after_leading_action(base, unit, onto)
    place = _LEADING_PLACE.match(base)
    if match is None and place:  # 某市合作企业达59家: the region's own figure
        return onto.lookup(base[place.end() :], unit)
    among = _after_population_frame(base)
    if match is None and among:  # 2025届毕业生中升入高一级学校: the count of those who did
        return onto.lookup(among, unit)
    return match


# Words an indicator may open with before the stock it counts (已|建设|各类|产教融合载体):
# the ontology's stock frames (拥有, 开设, 现有 …), building, and quantifiers. Other verbs
# make a kind of the thing (联合培养|专业 is no count of all 专业).
_STOCK_OPENERS = ("建设", "已", "各类", "各级", "各种", "累计")


def _after_leading_action(base: str, unit: str | None, onto: IndicatorOntology) -> Match | None:
    """The known indicator after the stock words that open ``base`` (建设各类产教融合载体 →
    产教融合载体); ``None`` when another word opens it."""
    words = [w for w, _ in tagged_words(base)]
    openers = (*onto.stock_frames, *_STOCK_OPENERS)
    for k, word in enumerate(words[:-1]):
        if word not in openers:
            return None
        match = onto.lookup("".join(words[k + 1 :]), unit)
        if match is not None:
            return match
    return None


def _after_population_frame(base: str) -> str:
    """What follows ``X中`` (毕业生中, 专任教师中) when 中 is the locative of a noun, not
    the first character of a word (中职, 中等); ``""`` when there is none."""
    words = tagged_words(base)
    for i in range(len(words) - 1, 0, -1):
        if words[i][0] == "中" and words[i][1] == "f" and words[i - 1][1].startswith("n"):
            return "".join(w for w, _ in words[i + 1 :])
    return ""


# A clause that counts something just built or added: 新建茶产业实训楼1栋, 新增实训室3间.
_NEW_OBJECT_CLAUSE = regex.compile(
    r"(?:新建|新增|建成|落成|启用|扩建|改建|新购|购置)[^，。；,;]{0,24}?\d+\s*"
    r"(?:栋|座|幢|间|个|处|台|套)\s*[，,]\s*$"
)


def _describes_new_object(text: str, start: int) -> bool:
    """``新建实训楼1栋，建筑面积2400平方米``: the figure is the new object's, not the stock's."""
    return bool(_NEW_OBJECT_CLAUSE.search(text, max(0, start - 40), start))


def _names_participants(claim: Claim, text: str, onto: IndicatorOntology) -> bool:
    """``专业教师6人参与…``: the people who took part in something, not the stock of them."""
    after = text[claim.end : claim.end + 8].lstrip()  # after a comma a new clause begins
    return any(after.startswith(w) for w in onto.subset_actions)


def _han_run_before(text: str, at: int, limit: int = 12) -> str:
    """The run of Chinese characters (and quotes) right before ``at``, up to ``limit``."""
    i = at
    while i > 0 and at - i < limit and _HAN_OR_QUOTE.match(text, i - 1):
        i -= 1
    return text[i:at]


def effective_role(claim: Claim, onto: IndicatorOntology, text: str | None = None) -> str:
    """The claim's role, read from its wording when the claim stage left the default (and
    from its clause in ``text``: ``…3252人，占毕业生总数的比例为50.4%``)."""
    if claim.role != "value":
        return claim.role
    before = claim.text[: max(0, claim.number_start - claim.start)]
    words = (claim.indicator or "") + before
    if _CHANGE_FRAME.search(words) or any(
        before.rstrip().endswith(w) for w in (*onto.up_words, *onto.down_words)
    ):
        return "change"
    if claim.unit in ("个百分点", "百分点"):
        return "change"
    if _SHARE_WORD.search(before) or regex.search(
        r"占.{0,20}(?:比例|比重)$", claim.indicator or ""
    ):
        return "share"
    if claim.unit in ("%", "％") and text is not None:
        if _SHARE_DENOMINATOR.search(_clause_before_number(claim, text)):
            return "share"
    if claim.kind == "ratio":
        return "ratio"
    return "value"


def _direction(claim: Claim, onto: IndicatorOntology) -> int:
    words = (claim.indicator or "") + claim.text[: max(0, claim.number_start - claim.start)]
    down = max((words.rfind(w) for w in onto.down_words), default=-1)
    up = max((words.rfind(w) for w in onto.up_words), default=-1)
    if down < 0 and up < 0:
        return 0
    return -1 if down > up else 1


def _strip_change_words(label: str, onto: IndicatorOntology) -> str:
    t = _CHANGE_FRAME.sub("", label)
    for w in sorted((*onto.up_words, *onto.down_words), key=len, reverse=True):
        t = t.replace(w, "")
    t = regex.sub(r"(?:幅度|幅|(?<!人)数|量|了)+$", "", t)  # 人数 is the count itself
    return t or label


def _share_terms(
    claim: Claim, label: str, onto: IndicatorOntology, text: str | None
) -> tuple[str | None, str | None]:
    """``X占Y的比例``: the canonical ids of the part X and the whole Y, where known."""
    before = _clause_before_number(claim, text)
    stripped = regex.sub(r"(?:的)?(?:比例|比重|比率)?(?:为|达到?|约)?\s*$", "", before)
    numerator = denominator = None
    m = _SHARE_NUMERATOR.match(unicodedata.normalize("NFKC", label)) or _SHARE_NUMERATOR.match(
        stripped
    )
    if m:
        numerator = _canonical(onto, m.group("num"))
        denominator = _canonical(onto, m.group("den"))
    if numerator is None and "占" not in label:
        numerator = _canonical(onto, label) or (
            _canonical(onto, label.rsplit("中", 1)[-1]) if "中" in label else None
        )
    d = _SHARE_DENOMINATOR.search(before)
    if d and denominator is None:
        denominator = _canonical(onto, d.group("den"))
    if denominator is None and text is not None and before.rstrip().endswith("占"):
        denominator = _elliptical_whole(claim, text, onto)
    return numerator, denominator


def _elliptical_whole(claim: Claim, text: str, onto: IndicatorOntology) -> str | None:
    """The whole of a bare ``占33.5%``: the one an earlier share of the sentence named
    (…占专任教师总数的70.5%；…118人，占33.5%), else the sentence's frame (专任教师中，…)."""
    start = max(text.rfind(ch, 0, claim.number_start) for ch in "。！？!?\n") + 1
    sentence = unicodedata.normalize("NFKC", text[start : claim.number_start])
    named = [m.group("den") for m in _NAMED_WHOLE.finditer(sentence)]
    for whole in reversed(named):
        found = _canonical(onto, whole)
        if found:
            return found
    frame = regex.match(r"\s*(\p{Han}{2,10}?)中[，,]?", sentence)
    return _canonical(onto, frame.group(1)) if frame else None


def _canonical(onto: IndicatorOntology, name: str) -> str | None:
    match = onto.lookup(name)
    return match.indicator.id if match and not match.near else None


def _clause_before_number(claim: Claim, text: str | None) -> str:
    """The words of the claim's clause up to its number (from the document when given)."""
    if text is None:
        return unicodedata.normalize("NFKC", claim.text[: max(0, claim.number_start - claim.start)])
    start = max(0, claim.number_start - 40)
    window = text[start : claim.number_start]
    cut = max(window.rfind(p) for p in "，。；,;：:\n")
    return unicodedata.normalize("NFKC", window[cut + 1 :])


def _share_formula_target(onto: IndicatorOntology, numerator: str, denominator: str) -> str | None:
    """The indicator the ontology computes as numerator ÷ denominator × 100, if any."""
    return next(
        (
            f.target
            for f in onto.formulas
            if f.op == "share" and f.inputs == (numerator, denominator)
        ),
        None,
    )


def _text_before_number(claim: Claim) -> str:
    return claim.text[: max(0, claim.number_start - claim.start)].strip()


def claim_quantum(claim: Claim) -> Decimal:
    """The printed precision of a claim in base units: ``1.07624万元`` → 0.1 元."""
    text = unicodedata.normalize("NFKC", claim.number_text)
    terms = ratio_terms(text)
    if terms:
        decimals = decimals_of_value(text, claim.value, terms)
        return Decimal(1).scaleb(-decimals)
    m = _FIRST_NUMBER.search(text)
    if not m:
        return Decimal(1)
    digits = parse_arabic(m.group(0))
    decimals = decimals_of(m.group(0))
    multiplier = Decimal(1)
    if digits and claim.value and digits != claim.value:
        ratio = claim.value / digits
        for power in (Decimal(10) ** k for k in (3, 4, 8, 12)):
            if abs(ratio - power) <= power * Decimal("0.000001"):
                multiplier = power
    return Decimal(1).scaleb(-decimals) * multiplier


_MULTIPLIER_WORDS = {Decimal(1000): "千", Decimal(10000): "万", Decimal(100000000): "亿"}


def _printed_claim(claim: Claim) -> str:
    number = claim.number_text.strip()
    if claim.unit in ("ratio", None) or ":" in number or "：" in number:
        return number
    m = _FIRST_NUMBER.search(unicodedata.normalize("NFKC", number))
    digits = parse_arabic(m.group(0)) if m else None
    if digits and claim.value != digits and not regex.search(r"[千万亿]", number):
        word = _MULTIPLIER_WORDS.get((claim.value / digits).quantize(Decimal(1)))
        number += word or ""
    return number + claim.unit
