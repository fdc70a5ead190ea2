"""The bilingual glossary (data/glossary.csv): the book's terms and its whole scale, in both languages."""
import re

import pytest

from factcheck.data import DATA_DIR, DataError
from factcheck.data.glossary import load_glossary
from factcheck.data.verdicts import RATINGS

# The official indicators and the book's own terms the common terminology fixes.
REQUIRED_ZH = (
    "学前教育三年毛入园率", "九年义务教育巩固率", "高中阶段毛入学率", "百分点", "百分比",
    "特殊类型招生控制线（特控线）", "一本线", "户籍人口", "常住人口", "普惠性幼儿园覆盖率",
    "公办幼儿园在园幼儿占比", "义务教育优质均衡", "县域", "统计公报", "转载", "第三方网站", "推算值",
    "判定表",
)
# The terms the ratings' names are made of, beyond the ratings themselves.
RATING_NAME_TERMS = {"matches-official": "official-source", "corroborated": "repost"}


@pytest.fixture(scope="module")
def glossary():
    return {term.term_id: term for term in load_glossary()}


def test_every_rating_is_a_term_of_the_glossary(glossary):
    assert [rating_id for rating_id in RATINGS if rating_id not in glossary] == []


def test_the_file_does_not_repeat_the_scale(tmp_path):
    """The ratings' names and meanings have one home, the scale; a row for one is refused."""
    path = _copy_with(tmp_path, lambda lines: [*lines, "adds-up,Adds up,计算无误,Agrees.,吻合。,\n"])
    with pytest.raises(DataError, match=r"glossary\.csv, row \d+, field 'term_id': 'adds-up' is a rating"):
        load_glossary(path)


def test_every_term_a_rating_name_uses_is_in_the_glossary(glossary):
    for rating_id, term_id in RATING_NAME_TERMS.items():
        assert term_id in glossary, f"{RATINGS[rating_id].name!r} uses {term_id}, not in the glossary"
        english = re.sub(r"\s*\(.*\)", "", glossary[term_id].term).lower()
        assert english in RATINGS[rating_id].name.lower()


def test_the_glossary_defines_the_books_terms_in_twenty_to_thirty_five_entries(glossary):
    assert 20 <= len(glossary) <= 35
    defined = {term.term_zh for term in glossary.values()}
    assert [term for term in REQUIRED_ZH if term not in defined] == []


def _copy_with(tmp_path, change):
    lines = (DATA_DIR / "glossary.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "glossary.csv"
    path.write_text("".join(change(lines)), encoding="utf-8")
    return path


def test_the_loader_refuses_a_duplicate_term_id(tmp_path):
    path = _copy_with(tmp_path, lambda lines: [*lines, lines[1]])
    with pytest.raises(DataError, match=r"glossary\.csv, row \d+, field 'term_id': duplicate"):
        load_glossary(path)


def test_the_loader_refuses_a_source_not_in_the_sources_table(tmp_path):
    path = _copy_with(tmp_path, lambda lines: [lines[0], lines[1].rstrip("\n") + "no-such-source\n"])
    with pytest.raises(DataError, match="source_id.*'no-such-source' is not in"):
        load_glossary(path)
