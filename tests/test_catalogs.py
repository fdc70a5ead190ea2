"""The shipped catalogs are whole (factcheck.tools.translations): no fuzzy or untranslated entry,
and each entry's Chinese keeps its English's numbers, entry by entry; `make translations` marks
a changed English entry fuzzy."""
from pathlib import Path

import pytest

from factcheck import PROJECT_ROOT
from factcheck.tools.translations import catalogs, problems, update

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def test_there_are_catalogs_for_the_pages_the_interface_and_the_theme():
    names = {path.relative_to(PROJECT_ROOT).as_posix() for path in catalogs()}
    assert {"locales/zh_CN/LC_MESSAGES/ui.po", "locales/zh_CN/LC_MESSAGES/index.po",
            "locales/zh_CN/LC_MESSAGES/notebooks/04_s2_education_reform.po"} <= names
    assert len(names) >= 16


@pytest.mark.parametrize("path", catalogs(), ids=lambda path: path.relative_to(PROJECT_ROOT).as_posix())
def test_every_shipped_catalog_is_whole(path):
    assert problems(path) == []


def _po(tmp_path: Path, entries: str, name: str = "page.po") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + entries, encoding="utf-8")
    return path


def test_a_fuzzy_or_untranslated_entry_is_named_with_its_file(tmp_path):
    path = _po(tmp_path, '#, fuzzy\nmsgid "Two schools"\nmsgstr "两所学校"\n\n'
                         'msgid "Three schools"\nmsgstr ""\n')
    found = problems(path)
    assert len(found) == 2
    assert "page.po: msgid 'Two schools' is fuzzy" in found[0]
    assert "page.po: msgid 'Three schools' is not translated" in found[1]


def test_numbers_are_compared_entry_by_entry(tmp_path):
    # Swapped between two entries: the page as a whole keeps both numbers.
    swapped = _po(tmp_path, 'msgid "21 years"\nmsgstr "320年"\n\nmsgid "320 more"\nmsgstr "多21人"\n')
    assert [p.split("msgid ")[1][:12] for p in problems(swapped)] == ["'21 years': ", "'320 more': "]
    # Said twice where the English says it once.
    repeated = _po(tmp_path, 'msgid "1,493 students"\nmsgstr "1493名学生，1493人"\n', "repeated.po")
    assert "repeats ['1493']" in problems(repeated)[0]
    dropped = _po(tmp_path, 'msgid "99.13% of 344"\nmsgstr "99.13%"\n', "dropped.po")
    assert "drops ['344']" in problems(dropped)[0]


def test_two_numbers_swapped_within_an_entry_are_named(tmp_path):
    swapped = _po(tmp_path, 'msgid "3.56 points above the national 91.1% and 5.46 above Guangxi\'s 93%"\n'
                            'msgstr "比全国91.1%高5.46个百分点，比广西93%高3.56个百分点"\n')
    [problem] = problems(swapped)
    assert "the Chinese puts 3.56 with 93, where the English puts it with 91.1" in problem


def test_a_faithful_entry_passes(tmp_path):
    assert problems(_po(tmp_path, 'msgid "2.5 million people"\nmsgstr "250万人"\n')) == []


def test_an_edited_english_entry_keeps_its_old_chinese_marked_fuzzy(tmp_path):
    template = tmp_path / "page.pot"
    template.write_text(HEADER + 'msgid "The city has 341 schools in the programme."\nmsgstr ""\n\n'
                        'msgid "Sources we could not reach."\nmsgstr ""\n', encoding="utf-8")
    target = _po(tmp_path, 'msgid "The city has 314 schools in the programme."\n'
                           'msgstr "全市有314所学校参加该计划。"\n\n'
                           'msgid "A paragraph removed."\nmsgstr "已删除的段落。"\n')
    counts = update(template, target)
    assert (counts["added"], counts["fuzzy"], counts["removed"]) == (2, 1, 2)
    found = problems(target)
    assert any("341 schools" in p and "is fuzzy" in p for p in found), found
    assert any("Sources we could not reach." in p and "is not translated" in p for p in found), found
    assert "已删除的段落" not in target.read_text(encoding="utf-8")
