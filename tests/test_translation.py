"""The helpers that check a translation keeps every number and leaves no English behind."""
from decimal import Decimal

from factcheck.data.translation import (
    as_written,
    latin_words,
    number_difference,
    numbers_in,
    partner_difference,
    placement_problem,
    unit_difference,
)


def test_the_same_quantity_written_three_ways_is_one_value():
    assert set(numbers_in("2.5 million")) == set(numbers_in("2,500,000")) == set(numbers_in("250万"))
    assert set(numbers_in("13.38亿元")) == {Decimal("1338000000")}


def test_dates_ids_and_code_carry_no_quantities():
    assert set(numbers_in("on 6 August 2003")) == set(numbers_in("于2003年8月6日")) == {Decimal(2003)}
    # A source's own English title may put the month first.
    assert set(numbers_in("2024 registration to begin on October 23")) == set(
        numbers_in("2024年报名10月23日开始")) == {Decimal(2024)}
    assert not numbers_in("see `s2-preschool-gap` and cn_target_2025")


def test_an_ordinal_written_in_chinese_numerals_is_its_number():
    """Congresses and five-year plans are numbered in characters, as Chinese writes them."""
    assert number_difference("the 20th Party congress", "党的二十大") == ([], [])
    assert number_difference("during the 13th Five-Year Plan", "“十三五”时期") == ([], [])
    assert number_difference("during the 13th Five-Year Plan", "“十四五”时期") == (
        [Decimal(13)], [Decimal(14)])
    # Not a plan: 二十五 is 25, and 十五万 150,000.
    assert set(numbers_in("二十五所")) == set() and set(numbers_in("十五万")) == set()


def test_a_changed_dropped_or_added_number_is_a_difference():
    english = "Chongzuo is 3.56 points above Guangxi's 93%."
    assert number_difference(english, "崇左比广西的93%高3.56个百分点。") == ([], [])
    assert number_difference(english, "崇左比广西的93%高5.46个百分点。") == (
        [Decimal("3.56")], [Decimal("5.46")])
    assert number_difference(english, "崇左高于广西。") == ([Decimal("3.56"), Decimal(93)], [])


def test_latin_words_left_in_chinese_are_listed_but_not_ids_urls_or_allowed_names():
    assert latin_words("见 `s2-gap`、https://example.org/a 与 GDP。") == []
    assert latin_words("崇左的 gross enrolment rate") == ["gross", "enrolment", "rate"]


def test_a_site_named_by_its_host_is_an_address_in_either_language():
    assert latin_words("转载于 awingyg.com，引用 en.gxzf.gov.cn 与 wenxuan.news") == []
    assert not numbers_in("51haodu.com (copy)") and not numbers_in("3sw.com.cn")
    assert number_difference("78wy.com (78信息)", "78wy.com（78信息）") == ([], [])
    assert latin_words("见 figures.csv 与 Guangxi.com") == ["figures", "csv", "Guangxi", "com"]


def _table_with_translation(tmp_path, english, chinese):
    from factcheck.data.tables import read_table
    path = tmp_path / "t.csv"
    path.write_text(f"id,text,text_zh\na,\"{english}\",\"{chinese}\"\n", encoding="utf-8")
    schema = {"fields": [{"name": "id"}, {"name": "text"}, {"name": "text_zh"}]}
    return lambda: read_table(path, schema)


def test_the_loader_reads_a_faithful_translation(tmp_path):
    rows = _table_with_translation(tmp_path, "3.56 points above 93%", "比93%高3.56个百分点")()
    assert rows[0]["text_zh"] == "比93%高3.56个百分点"


def test_the_loader_names_the_row_and_field_of_a_translation_that_changes_a_number(tmp_path):
    import pytest

    from factcheck.data import DataError
    with pytest.raises(DataError, match=r"row 2.*text_zh.*missing \['3.56'\], added \['5.46'\]"):
        _table_with_translation(tmp_path, "3.56 points above 93%", "比93%高5.46个百分点")()


def test_the_loader_refuses_a_missing_or_untranslated_chinese_cell(tmp_path):
    import pytest

    from factcheck.data import DataError
    with pytest.raises(DataError, match="text_zh.*is empty"):
        _table_with_translation(tmp_path, "above the region", "")()
    # A cell already in Chinese (a source's own title) is its own Chinese.
    assert _table_with_translation(tmp_path, "崇左市教育局", "")()[0]["text_zh"] in ("", None)
    with pytest.raises(DataError, match="text_zh.*English words left.*region"):
        _table_with_translation(tmp_path, "above the region", "高于 region")()


def test_a_message_shows_numbers_as_the_texts_write_them_never_in_scientific_notation():
    english, chinese = "411,300 more than 2,088,700", "比208.87万多41.13万"
    missing, added = number_difference(english, chinese.replace("41.13万", "41.12万"))
    assert as_written(missing, english) == ["411,300"]
    assert as_written(added, chinese.replace("41.13万", "41.12万")) == ["41.12万"]
    assert as_written([Decimal("411300").normalize()]) == ["411,300"]


# Two numbers swapped in the English of one text: the same numbers, so only where each goes
# can tell (mutation 1 of the test-suite issue).
FAITHFUL = ("the rate is 5.46 percentage points above the national 91.1% and 3.56 above Guangxi's 93%",
            "这一比率比全国的91.1%高5.46个百分点，比广西的93%高3.56个百分点")
SWAPPED = FAITHFUL[0].replace("5.46", "X").replace("3.56", "5.46").replace("X", "3.56")


def test_a_number_keeps_the_numbers_it_goes_with_in_either_language():
    english, chinese = FAITHFUL
    assert partner_difference(english, chinese) == [] and placement_problem(english, chinese) is None
    assert number_difference(SWAPPED, chinese) == ([], [])
    assert (Decimal("3.56"), {Decimal("91.1")}, {Decimal("93")}) in partner_difference(SWAPPED, chinese)
    # Years move freely between clauses, in both languages.
    assert partner_difference("In 2023, 341 of 344", "341所（344所中），2023年") == []


def test_a_number_keeps_its_unit_in_either_language():
    assert unit_difference("391,000,000 yuan is 78.36% of 499,000,000 yuan",
                           "3.91亿元相当于4.99亿元的78.36%") == []
    assert unit_difference("78.36% of the 499,000,000 the city raised", "全市筹措的4.99亿元的78.36%") == [
        (Decimal("4.99E+8"), set(), {"yuan"})]


def test_the_loader_names_a_translation_whose_english_swapped_two_numbers(tmp_path):
    import pytest

    from factcheck.data import DataError
    with pytest.raises(DataError, match=r"row 2, field 'text_zh': against 'text', the Chinese puts 3\.56 "
                                        r"with 93, where the English puts it with 91\.1"):
        _table_with_translation(tmp_path, SWAPPED, FAITHFUL[1])()
