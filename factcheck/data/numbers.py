"""Reading the article's quantities: 万/亿, percentages, approximate markers
and Chinese numerals.

Values are Decimals so that 4.99亿 is exactly 499000000, never 499000000.00000006.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

MULTIPLIERS = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8}
# 多/余 follow a number ("5万多", "100余"); 突破/超过/近/约 precede it ("突破100家").
APPROX_AFTER = ("多", "余")
APPROX_BEFORE = ("突破", "超过", "近", "约")

CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
                  "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_BIG_UNITS = {"万": 10**4, "亿": 10**8}
CHINESE_NUMERAL_CHARS = "".join(CHINESE_DIGITS) + "".join(CHINESE_SMALL_UNITS)

_QUANTITY = re.compile(
    r"^(?P<before>" + "|".join(APPROX_BEFORE) + r")?"
    r"(?P<number>\d+(?:\.\d+)?|[" + CHINESE_NUMERAL_CHARS + r"万亿]+)"
    r"(?P<multiplier>[万亿])?"
    r"(?P<after>[" + "".join(APPROX_AFTER) + r"])?"
    r"(?P<percent>%)?$"
)


class NumberParseError(ValueError):
    """Text that is not one of the article's quantity forms."""


@dataclass(frozen=True)
class Quantity:
    text: str
    value: Decimal
    percent: bool = False
    approximate: bool = False


def chinese_to_int(text: str) -> int:
    """Convert a Chinese numeral such as 十九, 二十, 一百零五, 两千, 三万 to an int."""
    if not text:
        raise NumberParseError("empty Chinese numeral")
    if any(ch not in CHINESE_DIGITS and ch not in CHINESE_SMALL_UNITS
           and ch not in CHINESE_BIG_UNITS for ch in text):
        raise NumberParseError(f"not a Chinese numeral: {text!r}")
    if all(ch in CHINESE_DIGITS for ch in text) and len(text) > 1:
        # Digit-by-digit form, as in 二〇二四.
        return int("".join(str(CHINESE_DIGITS[ch]) for ch in text))
    total, section, digit, last_unit = 0, 0, None, None
    for ch in text:
        if ch in CHINESE_DIGITS:
            if digit and CHINESE_DIGITS[ch] != 0:
                raise NumberParseError(f"two digits without a unit between them: {text!r}")
            digit = CHINESE_DIGITS[ch]
        elif ch in CHINESE_SMALL_UNITS:
            if last_unit is not None and CHINESE_SMALL_UNITS[ch] >= last_unit:
                raise NumberParseError(f"units out of order: {text!r}")
            last_unit = CHINESE_SMALL_UNITS[ch]
            # A bare 十 or 百 at the start means one ten, one hundred.
            section += (1 if digit is None else digit) * CHINESE_SMALL_UNITS[ch]
            digit = None
        else:
            section += digit or 0
            if section == 0:
                raise NumberParseError(f"{ch} without a number before it: {text!r}")
            total += section * CHINESE_BIG_UNITS[ch]
            section, digit, last_unit = 0, None, None
    return total + section + (digit or 0)


def parse_quantity(text: str) -> Quantity:
    """Parse one quantity as the article writes it: '4.99亿', '99.13%', '5万多', '突破100'."""
    if not isinstance(text, str):
        raise NumberParseError(f"expected text, got {type(text).__name__}")
    match = _QUANTITY.match(text.strip())
    if not match:
        raise NumberParseError(f"not a quantity: {text!r}")
    number = match.group("number")
    if number[0].isdigit():
        value = Decimal(number)
    else:
        value = Decimal(chinese_to_int(number))
    if match.group("multiplier"):
        value *= MULTIPLIERS[match.group("multiplier")]
    if match.group("percent") and match.group("multiplier"):
        raise NumberParseError(f"a percentage with 万/亿: {text!r}")
    return Quantity(
        text=text,
        value=value.to_integral_value() if value == value.to_integral_value() else value.normalize(),
        percent=bool(match.group("percent")),
        approximate=bool(match.group("before") or match.group("after")),
    )


def plain(value: Decimal) -> str:
    """A Decimal as plain digits: 499000000, not 4.99E+8."""
    return format(value, "f")
