from decimal import Decimal

import pytest

from factcheck.data.mentions import extract_mentions
from factcheck.data.numbers import NumberParseError, chinese_to_int, parse_quantity


@pytest.mark.parametrize("text, value, percent, approximate", [
    ("250万", "2500000", False, False),
    ("4.99亿", "499000000", False, False),
    ("3.68亿", "368000000", False, False),
    ("14.2万", "142000", False, False),
    ("470.91万", "4709100", False, False),
    ("57.09万", "570900", False, False),
    ("1.77万", "17700", False, False),
    ("96.56%", "96.56", True, False),
    ("0.6%", "0.6", True, False),
    ("100%", "100", True, False),
    ("5万多", "50000", False, True),
    ("20多", "20", False, True),
    ("100余", "100", False, True),
    ("突破100", "100", False, True),
    ("十九", "19", False, False),
    ("二十", "20", False, False),
])
def test_parse_quantity_reads_the_article_forms(text, value, percent, approximate):
    quantity = parse_quantity(text)
    assert quantity.value == Decimal(value)
    assert (quantity.percent, quantity.approximate) == (percent, approximate)


def test_multipliers_are_exact_not_floating_point():
    assert parse_quantity("4.99亿").value == Decimal("499000000")
    assert str(parse_quantity("4.99亿").value) == "499000000"
    assert parse_quantity("57.09万").value == Decimal("570900")


@pytest.mark.parametrize("text, value", [
    ("一", 1), ("两", 2), ("十", 10), ("十九", 19), ("二十", 20), ("二十一", 21),
    ("一百", 100), ("百", 100), ("一百零五", 105), ("两千", 2000),
    ("三万", 30000), ("十二万五千", 125000), ("一亿", 10**8), ("二〇二四", 2024),
])
def test_chinese_numerals(text, value):
    assert chinese_to_int(text) == value


@pytest.mark.parametrize("text", ["", "abc", "4.99万亿元", "%", "5%万", "十十", "百千", "万", "12.5.3"])
def test_non_quantities_raise_the_projects_error(text):
    with pytest.raises(NumberParseError):
        parse_quantity(text)


def test_extractor_keeps_approximate_markers_and_offsets():
    text = "就业见习基地突破100家，共有5万多人次，设计20多条线路"
    mentions = extract_mentions(text)
    assert [m.text for m in mentions] == ["突破100", "5万多", "20多"]
    assert all(m.approximate for m in mentions)
    assert all(text[m.start:m.end] == m.text for m in mentions)


def test_extractor_reads_chinese_numerals_only_with_a_measure_word_or_as_ordinals():
    text = "第一个通过，区市两级名师，一池春水，一把手，高中三年级"
    assert [(m.text, int(m.value), m.ordinal) for m in extract_mentions(text)] == [
        ("第一", 1, True), ("两", 2, False), ("三", 3, False)]


def test_a_dash_misread_as_one_is_not_a_number():
    # 区一市一县 is 区—市—县 with the dashes misread; no measure word follows.
    assert extract_mentions("区一市一县（市、区）一校") == []
