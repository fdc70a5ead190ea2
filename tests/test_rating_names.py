"""Every rating name a text prints is the one record's (data/scale/ratings.csv): where the English
names a rating, quoted or in its own capitals, its Chinese names the same rating by the record's
Chinese name, in every catalog entry and every `_zh` cell of data/. A name renamed in one place
only (the record, or one translation) leaves a text naming a rating the scale does not have."""
import csv
import re

import pytest
from babel.messages.pofile import read_po

from factcheck import PROJECT_ROOT
from factcheck.data import DATA_DIR
from factcheck.data.verdicts import load_ratings
from factcheck.tools.translations import catalogs

OPEN, CLOSE = "[\"“‘']", "[\"”’']"


def _named(english: str) -> list:
    """The ratings an English text names: in quotes, any case ("adds up"), or as the record writes it."""
    return [rating for rating in load_ratings().values()
            if re.search(OPEN + re.escape(rating.name) + CLOSE, english, re.I) or rating.name in english]


def _pairs():
    """(where, English, Chinese) for every catalog entry and every translated cell of data/."""
    for path in catalogs():
        for message in read_po(path.open("rb")):
            if message.id and isinstance(message.id, str):
                yield f"{path.relative_to(PROJECT_ROOT)}: {message.id[:60]!r}", message.id, message.string
    for path in sorted(DATA_DIR.rglob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                for column, chinese in row.items():
                    english = row.get(column.removesuffix("_zh")) if column.endswith("_zh") else None
                    if english:
                        where = f"{path.relative_to(PROJECT_ROOT)}, row {number}, {column}"
                        yield where, english, chinese or ""


PAIRS = list(_pairs())


def wrong_names(pairs) -> list[str]:
    return [f"{where}: names {rating.name!r}, but its Chinese lacks {rating.name_zh!r}"
            for where, english, chinese in pairs for rating in _named(english)
            if rating.name_zh not in chinese]


def test_every_text_that_names_a_rating_names_it_as_the_record_does_in_both_languages():
    naming = [pair for pair in PAIRS if _named(pair[1])]
    assert len(naming) >= 15, f"only {len(naming)} texts name a rating: the test would prove little"
    assert wrong_names(PAIRS) == []


@pytest.mark.parametrize("old,new", [("数字自洽", "计算无误"), ("属实（据官方来源）", "与官方数据相符")])
def test_a_rating_renamed_in_one_translation_only_is_found(old, new):
    renamed = [(where, english, chinese.replace(old, new)) for where, english, chinese in PAIRS
               if "methodology.po" in where]
    assert wrong_names(renamed), f"renaming {old} in methodology.po alone went unnoticed"
