"""Every numeric mention in the article, with its offset.

A mention is an Arabic number (with any 万/亿, %, 多/余, 突破/超过 around it), or a
Chinese numeral used with a measure word (三年, 两级, 四家) or as an ordinal (第一).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .numbers import APPROX_AFTER, APPROX_BEFORE, CHINESE_NUMERAL_CHARS, parse_quantity

# Measure words and name endings after which a Chinese numeral counts as a mention.
# Longest first, so 三年级 is read as a grade, not as 三年.
MEASURE_WORDS = ("年级", "中全会", "等奖", "个", "年", "级", "所", "名", "项", "家", "条",
                 "门", "届", "次", "位", "间", "批", "大", "类")

_ARABIC = (r"(?:" + "|".join(APPROX_BEFORE) + r")?\d+(?:\.\d+)?[万亿]?["
           + "".join(APPROX_AFTER) + r"]?%?")
_CHINESE = (r"第[" + CHINESE_NUMERAL_CHARS + r"]+|[" + CHINESE_NUMERAL_CHARS + r"]+(?="
            + "|".join(MEASURE_WORDS) + r")")
MENTION_PATTERN = re.compile(f"{_ARABIC}|{_CHINESE}")


@dataclass(frozen=True)
class Mention:
    text: str
    start: int  # offsets into the cleaned text
    end: int
    value: Decimal
    percent: bool
    approximate: bool
    ordinal: bool


def extract_mentions(text: str) -> list[Mention]:
    mentions = []
    for match in MENTION_PATTERN.finditer(text):
        token = match.group()
        ordinal = token.startswith("第")
        quantity = parse_quantity(token[1:] if ordinal else token)
        mentions.append(Mention(token, match.start(), match.end(), quantity.value,
                                quantity.percent, quantity.approximate, ordinal))
    return mentions
