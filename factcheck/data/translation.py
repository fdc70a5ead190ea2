"""What a translation must keep: the same numbers, and no English left behind.

The book has two editions, English and Chinese (简体中文). Every text the data carries in
English has its Chinese beside it in a `*_zh` column, and the prose of the pages has its
Chinese in the gettext catalogs under `locales/`. Both are checked with these helpers:

- `numbers_in` reads the quantities a text writes, in either language, as values: "2.5
  million", "2,500,000" and "250万" are the same number, so a translator may write numbers
  as Chinese readers expect without the check losing track of them.
- `latin_words` lists the words of a Chinese text that are still in Latin script, leaving
  out what is not prose: URLs, ids and code, and the abbreviations Chinese texts use too.
"""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

SCALES = {
    "万": Decimal(10) ** 4, "亿": Decimal(10) ** 8,
    "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9,
}
# A number as written: digits with optional thousands commas and decimals, and the scale
# word or character that may follow it. Chinese characters are word characters to `re`,
# so the look-behind names only what would make the digits part of a longer token.
# A Chinese character (CJK Unified Ideographs and Extension A): what makes a text Chinese.
CHINESE = re.compile(r"[\u3400-\u9fff]")
NUMBER = re.compile(
    r"(?<![0-9A-Za-z_.,\-])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s?(万|亿)|\s(million|billion)\b)?")
# Dates are written differently in the two languages ("6 August 2003", "2003年8月6日"):
# their day and month are not quantities, so both forms are left out; the year stays.
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A day of a month, either way round ("8 September", or a source's own "October 23").
_ENGLISH_DAY_MONTH = re.compile(rf"\b\d{{1,2}} (?:{MONTHS})\b|\b(?:{MONTHS}) \d{{1,2}}\b")
_CHINESE_MONTH_DAY = re.compile(r"(?<=年)\d{1,2}月(?:\d{1,2}日)?|(?<![0-9])\d{1,2}月\d{1,2}日")
# An ISO date or month (2024-09-08, 2021-12) is its year, as 2024年9月8日 is in Chinese.
_ISO_DATE = re.compile(r"(?<![0-9A-Za-z_\-])(\d{4})-(?:0[1-9]|1[0-2])(?:-[0-3]\d)?(?![0-9A-Za-z_\-])")
# Ids, code and addresses carry digits that are not quantities. A site named by its host
# alone (awingyg.com, 51haodu.com, en.gxzf.gov.cn) is an address like a URL: many sources
# have no other name, and the Chinese names them the same way.
_HOST = (r"(?<![A-Za-z0-9.@/\-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
         r"(?:com|cn|net|org|gov|edu|info|news|cc|az)(?![A-Za-z0-9\-])")
_NOT_PROSE = re.compile(rf"`[^`]*`|https?://\S+|{_HOST}|\b[a-z0-9]+(?:[-_][a-z0-9]+)+\b")


def _prose(text: str) -> str:
    text = _ISO_DATE.sub(" \\1 ", text)
    text = _NOT_PROSE.sub(" ", text)
    text = _ENGLISH_DAY_MONTH.sub(" ", text)
    return _CHINESE_MONTH_DAY.sub(" ", text)


# Congresses, plenums and five-year plans are counted in Chinese characters, as Chinese writes
# them (党的二十大, 团十九大, 第二十届, 二十届三中全会, “十三五”): the same number as the English
# "20th", "19th" or "13th".
_CHINESE_DIGITS = "零一二三四五六七八九十"
# Two characters or more (十九, 二十): a single one (一大批, 十大, 第一次) is a word, not a count.
_CHINESE_ORDINAL = re.compile(rf"(?<![{_CHINESE_DIGITS}])([{_CHINESE_DIGITS}]{{2,3}})(?=大|届|次全国代表大会)"
                              rf"|(?<=第)([{_CHINESE_DIGITS}]{{2,3}})(?=届|次)"
                              rf"|(?<![{_CHINESE_DIGITS}])(十[一二三四五六七八九])(?=五)")


def _chinese_ordinal(numeral: str) -> int:
    values = [_CHINESE_DIGITS.index(character) for character in numeral]
    if values[0] == 10:                       # 十, 十九
        return 10 + (values[1] if len(values) > 1 else 0)
    if len(values) > 1 and values[1] == 10:   # 二十, 二十五
        return values[0] * 10 + (values[2] if len(values) > 2 else 0)
    return values[0]


def numbers_in(text: str) -> Counter:
    """The quantities written in `text` (either language), as normalised Decimals, counted."""
    found: Counter = Counter()
    for numeral in _CHINESE_ORDINAL.finditer(text or ""):
        found[Decimal(_chinese_ordinal(next(filter(None, numeral.groups())))).normalize()] += 1
    for whole, decimals, chinese_scale, english_scale in NUMBER.findall(_prose(text or "")):
        value = Decimal(whole.replace(",", "") + decimals)
        scale = chinese_scale or english_scale
        if scale:
            value *= SCALES[scale]
        found[value.normalize()] += 1
    return found


def as_written(values, *texts: str) -> list[str]:
    """Each value as the texts write it ("41.13万", "411,300"), for a message a person reads;
    a value none of them writes is shown in full, never in scientific notation."""
    written: dict[Decimal, str] = {}
    for text in texts:
        for match in NUMBER.finditer(_prose(text or "")):
            whole, decimals, chinese_scale, english_scale = match.groups()
            value = Decimal(whole.replace(",", "") + (decimals or ""))
            if chinese_scale or english_scale:
                value *= SCALES[chinese_scale or english_scale]
            written.setdefault(value.normalize(), match.group(0).strip())
    return [written.get(value, f"{value:,f}") for value in values]


def number_difference(english: str, chinese: str) -> tuple[list[Decimal], list[Decimal]]:
    """The numbers of `english` missing from `chinese`, and those `chinese` adds.

    Compared as sets of values: a translation may say a number once where the English says
    it twice, but it may not drop one, add one or change one.
    """
    en, zh = set(numbers_in(english)), set(numbers_in(chinese))
    return sorted(en - zh), sorted(zh - en)


# Which number goes with which. A clause is the stretch between commas, semicolons, colons, full
# stops (and, in English, "and", "but", "while", "whereas"; in Chinese, 、 and brackets too).
# Years are left out: both languages move them about freely.
_ENGLISH_CLAUSE_BREAK = re.compile(r"[,;:.()]\s|\s(?:and|but|while|whereas)\s|\.$")
_CHINESE_CLAUSE_BREAK = re.compile(r"[，；：。（）、]")
# The units both languages write beside a number, the same way or nearly.
_UNITS = {"%": (re.compile(r"\s?%"), re.compile(r"%")),
          "yuan": (re.compile(r"\s?(?:yuan\b|元)"), re.compile(r"元"))}


def _is_year(value: Decimal) -> bool:
    return value == value.to_integral_value() and 1900 <= value <= 2100


def _numbers_with_ends(text: str):
    """(value, where its writing ends) for each quantity in `text` (already made prose)."""
    for match in NUMBER.finditer(text):
        whole, decimals, chinese_scale, english_scale = match.groups()
        value = Decimal(whole.replace(",", "") + (decimals or ""))
        if chinese_scale or english_scale:
            value *= SCALES[chinese_scale or english_scale]
        yield value.normalize(), match.end()


def clause_partners(text: str, chinese: bool) -> dict[Decimal, set[Decimal]]:
    """Each number of `text` (years aside) with the other numbers that share a clause with it."""
    partners: dict[Decimal, set[Decimal]] = {}
    breaks = _CHINESE_CLAUSE_BREAK if chinese else _ENGLISH_CLAUSE_BREAK
    for clause in breaks.split(_prose(text or "")):
        values = {value for value, _ in _numbers_with_ends(clause) if not _is_year(value)}
        for value in values:
            partners.setdefault(value, set()).update(values - {value})
    return partners


def partner_difference(english: str, chinese: str) -> list[tuple[Decimal, set, set]]:
    """The numbers that share a clause with other numbers in both languages, but with none of
    the same ones: "5.46 above the national 91.1% and 3.56 above Guangxi's 93%" against
    "比全国91.1%高3.56个百分点，比广西93%高5.46个百分点" gives 5.46 (with 91.1, with 93)."""
    en, zh = clause_partners(english, False), clause_partners(chinese, True)
    return [(value, en[value], zh[value]) for value in sorted(set(en) & set(zh))
            if en[value] and zh[value] and not en[value] & zh[value]]


def _units(text: str, chinese: bool) -> dict[Decimal, set[str]]:
    prose, found = _prose(text or ""), {}
    for value, end in _numbers_with_ends(prose):
        units = found.setdefault(value, set())
        units.update(unit for unit, forms in _UNITS.items() if forms[chinese].match(prose, end))
    return found


def unit_difference(english: str, chinese: str) -> list[tuple[Decimal, set, set]]:
    """The numbers written with a percent sign or as yuan in one language but not the other."""
    en, zh = _units(english, False), _units(chinese, True)
    return [(value, en[value], zh[value]) for value in sorted(set(en) & set(zh)) if en[value] != zh[value]]


def placement_problem(english: str, chinese: str) -> str | None:
    """What a translation says about where a number goes that its English does not, in words
    (the first such number), or None: a number with other partners in its clause, or with
    another unit."""
    def written(values, text):
        return ", ".join(as_written(sorted(values), text)) or "no other number"

    def units(found):
        return " and ".join(sorted(found)) or "a bare number"
    if moved := partner_difference(english, chinese):
        value, en, zh = moved[0]
        return (f"the Chinese puts {written([value], chinese)} with {written(zh, chinese)}, where the "
                f"English puts it with {written(en, english)}: two numbers may have changed places")
    if changed := unit_difference(english, chinese):
        value, en, zh = changed[0]
        return (f"the Chinese writes {written([value], chinese)} as {units(zh)}, "
                f"where the English writes it as {units(en)}")
    return None


# Abbreviations and names a Chinese text writes in Latin script too.
LATIN_ALLOWED = frozenset({
    "GDP", "PISA", "CPC", "ID", "URL", "CSV", "JSON", "HTML", "PDF", "Vega", "Lite", "Altair",
    "Jupyter", "JupyterLab", "Binder", "GitHub", "Python", "pandas", "nbval", "ClaimReview",
    "MIT", "CC", "BY", "Sphinx", "Chromium", "pp", "SHA", "Frictionless",
    # GB/T 7714's code for an electronic resource, and reference managers and formats a Chinese
    # reader names in Latin script.
    "EB", "OL", "Zotero", "Mendeley", "EndNote", "LaTeX", "BibTeX", "CSL",
})
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")


def latin_words(text: str) -> list[str]:
    """The Latin-script words of a Chinese text that are not ids, code, URLs or allowed names."""
    return [word for word in _LATIN_WORD.findall(_NOT_PROSE.sub(" ", text or ""))
            if word not in LATIN_ALLOWED]
