"""The scale, the decision table and the grades have their Chinese in one of the two homes:
the ratings and grades in data/scale/ (one record each, both languages), the decision table's
words in ui.po. One Chinese text for every English one, no English left in it, the rating names
the Chinese edition has fixed, and every enum elsewhere agreeing with the records."""
import json

import pytest

from factcheck import DATA_DIR
from factcheck.data import decision
from factcheck.data.references import load_grades
from factcheck.data.tables import load_datapackage
from factcheck.data.translation import latin_words, number_difference
from factcheck.data.verdicts import load_ratings
from factcheck.render.i18n import catalog, gettext_zh, pgettext_zh

# Fixed for the Chinese edition, one name a rating.
# Names a mainland reader reads right: 有据 is a fact-check platform's name; a copy that agrees
# exactly is 属实 by a weaker source, not 基本属实 ("true in the main"); 计算无误 was also used
# where figures only agree; 证据不足 reads as "suspicious".
RATING_NAMES_ZH = {
    "matches-official": "属实（据官方来源）", "corroborated": "属实（据第三方转载）", "adds-up": "数字自洽",
    "misleading": "误导", "inconsistent": "自相矛盾", "contradicted": "不实",
    "unverifiable": "无法核实",
}
CONTEXTS = {"check": list(decision.OUTCOMES),
            "outcome": sorted({outcome for allowed in decision.OUTCOMES.values() for outcome in allowed}),
            "scope": list(decision.SCOPES)}


def _pairs():
    for rating in load_ratings().values():
        yield f"rating {rating.id} name", rating.name, rating.name_zh
        yield f"rating {rating.id} meaning", rating.meaning, rating.meaning_zh
    for grade in load_grades().values():
        yield f"grade {grade.id} label", grade.label, grade.label_zh
        yield f"grade {grade.id} meaning", grade.meaning, grade.meaning_zh
    for rule in (*decision.RULES, decision.FALLBACK):
        yield f"rule {rule.number}", rule.when, gettext_zh(rule.when)
    for kind, label in decision.UNVERIFIABLE_KINDS.items():
        yield f"unverifiable kind {kind}", label, gettext_zh(label)


def test_the_rating_names_are_the_fixed_chinese_names():
    assert {rating.id: rating.name_zh for rating in load_ratings().values()} == RATING_NAMES_ZH


@pytest.mark.parametrize(("where", "english", "chinese"),
                         [pytest.param(*pair, id=pair[0]) for pair in _pairs()])
def test_each_chinese_label_is_there_keeps_the_numbers_and_leaves_no_english(where, english, chinese):
    assert chinese, f"{where}: no Chinese"
    assert number_difference(english, chinese) == ([], []), where
    assert latin_words(chinese) == [], where


def test_every_kind_of_check_outcome_and_scope_has_exactly_one_chinese_name():
    for context, words in CONTEXTS.items():
        assert set(catalog(context)) == set(words), context
        for word in words:
            name = pgettext_zh(context, word)
            assert name and latin_words(name) == [], (context, word)


def test_the_decision_table_names_only_ratings_and_grades_of_the_scale():
    assert {rule.rating for rule in (*decision.RULES, decision.FALLBACK)} <= set(load_ratings())
    assert list(decision.GRADE_ORDER) == [*load_grades(), "article"]


def _enums(node, path=""):
    """Every enum of a JSON schema, by where it is."""
    if isinstance(node, dict):
        if "enum" in node:
            yield path, node["enum"]
        for key, value in node.items():
            yield from _enums(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _enums(value, f"{path}[{index}]")


def test_the_published_schema_lists_the_ratings_and_grades_of_the_records():
    schema = json.loads((DATA_DIR / "schema" / "claims.schema.json").read_text(encoding="utf-8"))
    enums = dict(_enums(schema))
    assert enums["/$defs/claim/properties/verdict"] == list(load_ratings())
    assert enums["/$defs/reference/properties/grade"] == list(load_grades())
    assert enums["/$defs/check/properties/grade"] == list(decision.GRADE_ORDER)


def test_the_data_package_names_ratings_and_grades_by_key_not_by_a_copied_enum():
    fields = {(resource["name"], field["name"]): field for resource in load_datapackage()["resources"]
              for field in resource.get("schema", {}).get("fields", [])}
    keys = {(resource["name"], key["fields"][0]): key["reference"]["resource"]
            for resource in load_datapackage()["resources"]
            for key in resource.get("schema", {}).get("foreignKeys", [])}
    for field, scale in ((("verdicts", "rating"), "ratings"),
                         (("corrections", "previous_rating"), "ratings"),
                         (("corrections", "new_rating"), "ratings"),
                         (("reference_sources", "grade"), "grades")):
        assert keys[field] == scale, field
        assert "enum" not in fields[field].get("constraints", {}), field
