"""The scale, the decision table and the grades carry their Chinese beside their English:
one Chinese text for every English one, no English left in it, and the rating names the
Chinese edition has fixed."""
import pytest

from factcheck.data import decision
from factcheck.data.references import GRADES, GRADES_ZH
from factcheck.data.translation import latin_words, number_difference
from factcheck.data.verdicts import RATINGS
from factcheck.render.blocks import GRADE_LABELS, GRADE_LABELS_ZH

# Fixed for the Chinese edition, one name a rating.
RATING_NAMES_ZH = {
    "matches-official": "与官方数据相符", "corroborated": "有据", "adds-up": "计算无误",
    "misleading": "易误导", "inconsistent": "前后矛盾", "contradicted": "错误",
    "unverifiable": "证据不足",
}


def _pairs():
    for rating in RATINGS.values():
        yield f"rating {rating.id} name", rating.name, rating.name_zh
        yield f"rating {rating.id} meaning", rating.meaning, rating.meaning_zh
    for rule in (*decision.RULES, decision.FALLBACK):
        yield f"rule {rule.number}", rule.when, rule.when_zh
    for kind, label in decision.UNVERIFIABLE_KINDS.items():
        yield f"unverifiable kind {kind}", label, decision.UNVERIFIABLE_KINDS_ZH[kind]
    for grade, meaning in GRADES.items():
        yield f"grade {grade}", meaning, GRADES_ZH[grade]
    for grade, label in GRADE_LABELS.items():
        yield f"grade label {grade}", label, GRADE_LABELS_ZH[grade]


def test_the_rating_names_are_the_fixed_chinese_names():
    assert {rating.id: rating.name_zh for rating in RATINGS.values()} == RATING_NAMES_ZH


@pytest.mark.parametrize(("where", "english", "chinese"),
                         [pytest.param(*pair, id=pair[0]) for pair in _pairs()])
def test_each_chinese_label_is_there_keeps_the_numbers_and_leaves_no_english(where, english, chinese):
    assert chinese, f"{where}: no Chinese"
    assert number_difference(english, chinese) == ([], []), where
    assert latin_words(chinese) == [], where


def test_every_kind_grade_and_outcome_has_exactly_one_chinese_name():
    assert decision.UNVERIFIABLE_KINDS_ZH.keys() == decision.UNVERIFIABLE_KINDS.keys()
    assert GRADES_ZH.keys() == GRADES.keys() == GRADE_LABELS_ZH.keys() == GRADE_LABELS.keys()
    assert decision.KIND_NAMES_ZH.keys() == decision.OUTCOMES.keys()
    outcomes = {outcome for allowed in decision.OUTCOMES.values() for outcome in allowed}
    assert decision.OUTCOME_NAMES_ZH.keys() == outcomes == decision.OUTCOME_MEANINGS.keys()
    for name in (*decision.KIND_NAMES_ZH.values(), *decision.OUTCOME_NAMES_ZH.values()):
        assert name and latin_words(name) == [], name
