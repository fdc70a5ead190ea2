"""Tracing the numbers written in prose back to the data.

A chapter's prose and a verdict's rationale may only write numbers that are a
claim's value, a reference's figure or a computed derived value, rounded to the
places written. The tests of both use these two helpers.
"""
from __future__ import annotations

import re
from decimal import Decimal

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(rf"\b\d{{1,2}} (?:{MONTHS}) \d{{4}}\b")


def without_dates(text: str) -> str:
    """The text with dates such as '13 September 2024' blanked: their numbers are not quantities."""
    return _DATE.sub(" ", text)


def is_traced(token: str, values: set[Decimal]) -> bool:
    """Whether a number as written ('3.6', '1,234') is one of `values` rounded to its places."""
    token = token.replace(",", "")
    places = len(token.split(".")[1]) if "." in token else 0
    quantum = Decimal(1).scaleb(-places)
    return any(value.quantize(quantum) == Decimal(token) for value in values)
