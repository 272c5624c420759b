from decimal import Decimal

import pytest
from nianbao.text.numbers import (
    apply_multiplier,
    decimals_of,
    normalise_digits,
    parse_arabic,
    parse_chinese_numeral,
    parse_number,
    parse_vague_numeral,
    to_json_number,
)


@pytest.mark.parametrize(
    "text, value",
    [
        ("30518", Decimal(30518)),
        ("1,234.5", Decimal("1234.5")),
        ("１２３４", Decimal(1234)),
        ("３６１３６．９１４", Decimal("36136.914")),
        ("31 822", Decimal(31822)),
        ("0.5", Decimal("0.5")),
        ("-3.2", Decimal("-3.2")),
    ],
)
def test_parse_arabic(text: str, value: Decimal) -> None:
    assert parse_arabic(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1,23", "12.", "两", "1.2.3", "3+2"])
def test_parse_arabic_rejects(text: str) -> None:
    assert parse_arabic(text) is None


@pytest.mark.parametrize(
    "text, value",
    [
        ("两", 2),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("三十", 30),
        ("一百零五", 105),
        ("三百二十", 320),
        ("一万二千", 12000),
        ("八", 8),
    ],
)
def test_parse_chinese_numeral(text: str, value: int) -> None:
    assert parse_chinese_numeral(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "十四五行动", "第一", "2024"])
def test_parse_chinese_numeral_rejects(text: str) -> None:
    assert parse_chinese_numeral(text) is None


@pytest.mark.parametrize(
    "text, value",
    [
        ("数百", 100),
        ("十几", 10),
        ("上千", 1000),
        ("几十", 10),
        ("数十", 10),
        ("几百万", 1_000_000),
    ],
)
def test_parse_vague_numeral(text: str, value: int) -> None:
    assert parse_vague_numeral(text) == Decimal(value)


@pytest.mark.parametrize("text", ["十", "两百", "三", "百", "数", "十几个"])
def test_parse_vague_numeral_needs_a_vague_marker(text: str) -> None:
    assert parse_vague_numeral(text) is None


@pytest.mark.parametrize(
    "value, multiplier, expected",
    [
        (Decimal("36136.914"), "万", Decimal("361369140")),
        (Decimal("1.07624"), "万", Decimal("10762.4")),
        (Decimal("2.35"), "亿", Decimal("235000000")),
        (Decimal("152.32"), "万", Decimal("1523200")),
        (Decimal(7), "", Decimal(7)),
    ],
)
def test_apply_multiplier(value: Decimal, multiplier: str, expected: Decimal) -> None:
    assert apply_multiplier(value, multiplier) == expected


def test_unknown_multiplier_raises() -> None:
    with pytest.raises(KeyError):
        apply_multiplier(Decimal(1), "兆")


def test_parse_number_reads_both_scripts() -> None:
    assert parse_number("１，２３４") == Decimal(1234)
    assert parse_number("两") == Decimal(2)
    assert parse_number("两所") is None


def test_helpers() -> None:
    assert normalise_digits("１,２３４．５％") == "1234.5%"
    assert decimals_of("36.10") == 2
    assert decimals_of("８５") == 0
    assert to_json_number(Decimal("361369140.000")) == 361369140
    assert isinstance(to_json_number(Decimal("10762.4")), float)


def test_space_joins_only_thousands_groups() -> None:
    from nianbao.text.numbers import parse_arabic

    assert parse_arabic("31 822") == 31822
    assert parse_arabic("32415 33577") is None


def test_full_width_years_are_periods() -> None:
    from nianbao.claims.period import year_mentions
    from nianbao.text.cells import period_of

    assert period_of("２０２２—２０２３学年") == "2022-2023"
    assert year_mentions("２０２３年全日制在校生") == ((5, "2023"),)
