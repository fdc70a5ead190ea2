"""Numbers as each edition's readers write them: English with thousands separators, Chinese
without them and with 万/亿 for large amounts. Exact: the digits are the value's."""
from __future__ import annotations

from decimal import Decimal

from ..data.tables import is_missing


def format_number(value) -> str:
    """A value as a reader reads it: thousands separated, no trailing zeros; empty if missing."""
    if is_missing(value):
        return ""
    number = Decimal(str(value))
    text = f"{number:,f}"
    return text.rstrip("0").rstrip(".") if "." in f"{number:f}" else text


def format_number_zh(value) -> str:
    """A value as a Chinese reader reads it: no thousands separators, and 万 or 亿 for a large
    amount (2523200 -> 252.32万), exactly: the digits are the value's, never rounded."""
    if is_missing(value):
        return ""
    number = Decimal(str(value))
    for unit, scale in (("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4)):
        if abs(number) >= scale:
            text = f"{number / scale:f}"
            return (text.rstrip("0").rstrip(".") if "." in text else text) + unit
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_float(value: float) -> str:
    """A float in a table: thousands separated, at most six decimals, no trailing zeros."""
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
