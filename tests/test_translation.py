"""The helpers that check a translation keeps every number and leaves no English behind."""
from decimal import Decimal

from factcheck.data.translation import as_written, latin_words, number_difference, numbers_in


def test_the_same_quantity_written_three_ways_is_one_value():
    assert set(numbers_in("2.5 million")) == set(numbers_in("2,500,000")) == set(numbers_in("250万"))
    assert set(numbers_in("13.38亿元")) == {Decimal("1338000000")}


def test_dates_ids_and_code_carry_no_quantities():
    assert set(numbers_in("on 6 August 2003")) == set(numbers_in("于2003年8月6日")) == {Decimal(2003)}
    assert not numbers_in("see `s2-preschool-gap` and cn_target_2025")


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
    with pytest.raises(DataError, match="text_zh.*English words left.*region"):
        _table_with_translation(tmp_path, "above the region", "高于 region")()


def test_a_message_shows_numbers_as_the_texts_write_them_never_in_scientific_notation():
    english, chinese = "411,300 more than 2,088,700", "比208.87万多41.13万"
    missing, added = number_difference(english, chinese.replace("41.13万", "41.12万"))
    assert as_written(missing, english) == ["411,300"]
    assert as_written(added, chinese.replace("41.13万", "41.12万")) == ["41.12万"]
    assert as_written([Decimal("411300").normalize()]) == ["411,300"]
