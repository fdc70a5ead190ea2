"""Numbers as each edition's readers write them: English with thousands separators, Chinese
without them, in ten-thousands or hundred-millions when large. Exact: the digits are the value's.
The Chinese scale characters are the data layer's (factcheck.data.translation.SCALES), which
reads them back."""
from __future__ import annotations

from decimal import Decimal

from ..data.tables import is_missing
from ..data.translation import SCALES

# The Chinese scale characters, largest first.
CHINESE_SCALES = sorted(((unit, value) for unit, value in SCALES.items() if not unit.isascii()),
                        key=lambda pair: pair[1], reverse=True)


def format_number(value) -> str:
    """A value as a reader reads it: thousands separated, no trailing zeros; empty if missing."""
    if is_missing(value):
        return ""
    number = Decimal(str(value))
    text = f"{number:,f}"
    return text.rstrip("0").rstrip(".") if "." in f"{number:f}" else text


def format_number_zh(value) -> str:
    """A value as a Chinese reader reads it: no thousands separators, and the scale characters of
    ten thousand or a hundred million for a large amount (2523200 is written 252.32 ten-thousands),
    exactly: the digits are the value's, never rounded."""
    if is_missing(value):
        return ""
    number = Decimal(str(value))
    for unit, scale in CHINESE_SCALES:
        if abs(number) >= scale:
            text = f"{number / scale:f}"
            return (text.rstrip("0").rstrip(".") if "." in text else text) + unit
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_float(value: float) -> str:
    """A float in a table: thousands separated, at most six decimals, no trailing zeros."""
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def format_float_zh(value: float) -> str:
    """A float in a Chinese table: as format_float, without thousands separators (GB/T 15835)."""
    return format_float(value).replace(",", "")
