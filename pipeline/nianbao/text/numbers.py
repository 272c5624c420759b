"""Reading numbers as printed in Chinese reports: digits, full-width digits, separators,
Chinese numerals and the 万/亿 multipliers. Exact arithmetic with ``Decimal``."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％：", "0123456789.,%:")

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "俩": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

MULTIPLIERS: dict[str, Decimal] = {
    "万": Decimal(10_000),
    "亿": Decimal(100_000_000),
    "千": Decimal(1_000),
    "百万": Decimal(1_000_000),
    "千万": Decimal(10_000_000),
    "万亿": Decimal(1_000_000_000_000),
}

CN_NUMERAL_CHARS = "零〇○一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"

# An Arabic number as printed: optional sign, digits with optional thousands separators
# (ASCII or full-width comma) and spaces that PDF exports put inside numbers.
# A space may stand inside a number only before a group of exactly three digits ("31 822"),
# so "32415 33577" stays two numbers; runs are bounded (no real figure has 40 digits).
ARABIC_NUMBER = r"[0-9０-９](?:[0-9０-９]|[,，](?=[0-9０-９]{3}(?![0-9０-９]))| (?=[0-9０-９]{3}(?![0-9０-９]))){0,40}(?:[.．][0-9０-９]{1,12})?"
_ARABIC_RE = regex.compile(rf"^[+\-−]?{ARABIC_NUMBER}$")


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def ascii_digits(text: str) -> str:
    """Full-width digits as ASCII, one character for one, so every offset still holds."""
    return text.translate(_FULLWIDTH_DIGITS)


def normalise_digits(text: str) -> str:
    """Full-width digits and punctuation to ASCII; separators and inner spaces removed."""
    return text.translate(_FULLWIDTH).replace(",", "").replace(" ", "").replace("−", "-")


def parse_arabic(text: str) -> Decimal | None:
    """``"1,234.5"`` → 1234.5; full-width digits accepted; ``None`` if not a number."""
    text = text.strip()
    if not _ARABIC_RE.match(text):
        return None
    try:
        return Decimal(normalise_digits(text))
    except InvalidOperation:
        return None


def parse_chinese_numeral(text: str) -> Decimal | None:
    """``"两"`` → 2, ``"十五"`` → 15, ``"三百二十"`` → 320, ``"一万二千"`` → 12000."""
    if not text or any(ch not in CN_NUMERAL_CHARS for ch in text):
        return None
    total = 0
    section = 0  # value below the current 万/亿 group
    digit: int | None = None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL_UNITS:
            section += (digit if digit is not None else 1) * _CN_SMALL_UNITS[ch]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            total = (total + section) * _CN_BIG_UNITS[ch]
            section, digit = 0, None
    section += digit or 0
    return Decimal(total + section)


def parse_number(text: str) -> Decimal | None:
    """Arabic (with separators, full-width) or Chinese numeral text to a ``Decimal``."""
    value = parse_arabic(text)
    if value is not None:
        return value
    return parse_chinese_numeral(text.strip())


def ratio_term(first: str, second: str) -> Decimal | None:
    """The non-unit term of ``a:b`` (17.6:1 → 17.6, 1:11.38 → 11.38, 34.8:65.2 → 34.8)."""
    a, b = parse_arabic(first), parse_arabic(second)
    if a is None or b is None:
        return None
    return b if a == 1 and b != 1 else a


def apply_multiplier(value: Decimal, multiplier: str) -> Decimal:
    """``(36136.914, "万") → 361369140``; unknown multipliers raise ``KeyError``."""
    return value * MULTIPLIERS[multiplier] if multiplier else value


def to_json_number(value: Decimal) -> int | float:
    """A JSON number for a ``Decimal``: ``int`` when integral, else ``float``."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def decimals_of(number_text: str) -> int:
    """How many digits the printed number shows after the decimal point."""
    text = normalise_digits(number_text)
    return len(text.split(".", 1)[1]) if "." in text else 0


# Vague Chinese numerals: 数百 (several hundred), 上千 (a thousand and more), 十几 (ten-odd),
# 几十 (a few tens). The printed round figure is kept; the vagueness becomes "more_than".
_VAGUE_NUMERAL_RE = regex.compile(
    r"^(?P<lead>数|上|几)?(?P<core>[十百千万亿]+|[一二两三四五六七八九]?[十百千万亿])(?P<tail>几)?$"
)


def parse_vague_numeral(text: str) -> Decimal | None:
    """``"数百"`` → 100, ``"十几"`` → 10, ``"上千"`` → 1000; ``None`` unless the text is vague."""
    match = _VAGUE_NUMERAL_RE.match(text.strip())
    if match is None or not (match["lead"] or match["tail"]):
        return None
    core = match["core"]
    if match["lead"] == "几" or match["lead"] == "数":
        core = core.lstrip("一二两三四五六七八九") or core
    return parse_chinese_numeral(core)
