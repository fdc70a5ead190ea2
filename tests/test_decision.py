"""The rating follows from the recorded checks, by one decision table, everywhere."""
import csv
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.data import DATA_DIR, DataError
from factcheck.data.decision import (
    FALLBACK,
    GRADE_ORDER,
    NO_FINDING,
    OUTCOMES,
    RULES,
    SCOPES,
    Check,
    best_grade,
    clauses,
    decide,
    table,
)
from factcheck.data.source import load_source
from factcheck.data.verdicts import load_checks, load_corrections, load_verdict_records, load_verdicts

POSITIVE = ("matches-official", "corroborated", "adds-up")


def _check(kind, outcome, grade="article", fails_if="", scope="central"):
    return Check("x-y", 1, kind, outcome, grade, (), (), fails_if, "", scope=scope)


@pytest.mark.parametrize("checks, rating", [
    ([_check("external", "matches", "aggregator"), _check("comparability", "misleading")], "misleading"),
    ([_check("comparability", "misleading"), _check("consistency", "inconsistent")], "inconsistent"),
    ([_check("external", "differs", "official"), _check("consistency", "inconsistent")], "contradicted"),
    ([_check("external", "differs", "aggregator")], "unverifiable"),       # a copy does not contradict
    ([_check("external", "differs", "aggregator"), _check("arithmetic", "consistent", fails_if="x")],
     "unverifiable"),                                                      # nor lets the sum stand
    ([_check("external", "matches", "official-repost")], "matches-official"),
    ([_check("external", "matches", "aggregator"), _check("arithmetic", "consistent", fails_if="x")],
     "corroborated"),
    ([_check("external", "matches", "official", scope="context")], "unverifiable"),  # a side fact
    ([_check("comparability", "base-changed"), _check("external", "matches", "official")], "misleading"),
    ([_check("arithmetic", "computed"), _check("search", "no-record-found")], "unverifiable"),
    ([_check("wording", "slip"), _check("external", "not-comparable", "aggregator")], "unverifiable"),
])
def test_the_first_rule_that_applies_gives_the_rating(checks, rating):
    assert decide(checks).rating == rating


# Every check the data could record: each kind's outcomes, at every grade and scope.
EVERY_CHECK = [_check(kind, outcome, grade, scope=scope)
               for kind, outcomes in OUTCOMES.items() for outcome in outcomes
               for grade in GRADE_ORDER for scope in SCOPES]


def test_every_possible_check_falls_under_exactly_one_clause():
    """No fall-through: each check is taken up by one rule, or by one clause saying why it decides
    nothing; never by none, never by two."""
    for check in EVERY_CHECK:
        taken_by = clauses(check)
        assert len(taken_by) == 1, (check.kind, check.outcome, check.grade, check.scope, taken_by)


KIND_OUTCOMES = [(kind, outcome) for kind, outcomes in OUTCOMES.items() for outcome in outcomes]
checks_strategy = st.lists(
    st.builds(lambda kind_outcome, grades, scope: Check("x-y", 1, *kind_outcome, best_grade(grades),
                                                        (), (), "x", "", scope=scope),
              st.sampled_from(KIND_OUTCOMES),
              st.lists(st.sampled_from(GRADE_ORDER[:-1]), max_size=3),
              st.sampled_from(tuple(SCOPES))),
    max_size=6)


@settings(max_examples=400, deadline=None)
@given(checks_strategy)
def test_the_rating_is_the_first_rule_any_check_falls_under(checks):
    rules = [clause for check in checks for clause in clauses(check) if clause in RULES]
    expected = min(rules, key=lambda rule: rule.number) if rules else FALLBACK
    assert decide(checks) is expected


@settings(max_examples=400, deadline=None)
@given(checks_strategy, st.data())
def test_adding_a_reference_of_any_grade_never_moves_a_claim_down_the_table(checks, data):
    if not checks:
        return
    where = data.draw(st.integers(0, len(checks) - 1))
    grade = data.draw(st.sampled_from(GRADE_ORDER[:-1]))
    check = checks[where]
    richer = [*checks[:where], Check(check.claim_id, check.step, check.kind, check.outcome,
                                     best_grade([check.grade, grade]) if check.grade != "article" else grade,
                                     check.references, check.derived, check.fails_if, check.reason,
                                     scope=check.scope), *checks[where + 1:]]
    assert decide(richer).number <= decide(checks).number


@settings(max_examples=400, deadline=None)
@given(checks_strategy)
def test_no_positive_rating_rests_on_a_context_check(checks):
    rating = decide(checks)
    if rating.rating in POSITIVE:
        assert any(rating.applies(check) and check.scope == "central" for check in checks)
    central_only = [check for check in checks if check.scope == "central"]
    assert decide(central_only) is rating    # context checks change nothing


@settings(max_examples=400, deadline=None)
@given(checks_strategy)
def test_no_restatement_earns_adds_up(checks):
    """A restatement records 'computed': without a consistent check that could fail, never 'adds up'."""
    if not any(check.outcome == "consistent" and check.scope == "central" for check in checks):
        assert decide(checks).rating != "adds-up"


def test_a_check_is_as_strong_as_its_best_reference():
    assert best_grade(["aggregator", "official"]) == "official"
    assert best_grade([]) == "article"
    for pair in itertools.permutations(GRADE_ORDER[:-1], 2):
        assert best_grade(pair) == min(pair, key=GRADE_ORDER.index)


def test_every_no_finding_clause_takes_up_some_check():
    for clause in NO_FINDING:
        assert any(clause.applies(check) for check in EVERY_CHECK), clause.why


def test_the_table_lists_every_rule_once_in_order_with_the_fallback_last():
    rows = table()
    assert [row["rule"] for row in rows] == list(range(1, len(RULES) + 2))
    assert rows[-1]["rating"] == FALLBACK.rating == "unverifiable"


def test_every_written_rating_is_the_one_its_checks_give():
    """Read independently of the loader: the CSV's rating against the table applied to the checks."""
    checks = load_checks()
    with (DATA_DIR / "verdicts.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rule = decide(checks[row["claim_id"]])
            assert rule.rating == row["rating"], \
                f"{row['claim_id']}: written {row['rating']}, rule {rule.number} gives {rule.rating}"


def test_a_rating_edited_by_hand_is_refused_naming_the_claim_and_the_rule(tmp_path):
    text = (DATA_DIR / "verdicts.csv").read_text(encoding="utf-8")
    edited = text.replace("\ns2-funds-raised,unverifiable,", "\ns2-funds-raised,adds-up,", 1)
    assert edited != text
    path = tmp_path / "verdicts.csv"
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_verdicts(load_source(), path)
    assert error.value.field == "rating"
    assert "s2-funds-raised" in str(error.value) and "rule 8" in str(error.value)


def test_a_consistency_check_that_records_no_failing_condition_is_refused(tmp_path):
    rows = list(csv.reader((DATA_DIR / "checks.csv").open(encoding="utf-8", newline="")))
    header = rows[0]
    # An arithmetic check recorded as consistent, with no failing condition in either language.
    number = next(i for i, r in enumerate(rows) if r[header.index("check")] == "arithmetic")
    rows[number][header.index("outcome")] = "consistent"
    for name in ("fails_if", "fails_if_zh"):
        rows[number][header.index(name)] = ""
    path = tmp_path / "checks.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    with pytest.raises(DataError) as error:
        load_checks(path=path)
    assert (error.value.row, error.value.field) == (number + 1, "fails_if")


def test_every_unverifiable_claim_has_a_kind_and_every_claim_an_importance():
    for verdict in load_verdict_records().values():
        assert verdict.importance in ("headline", "supporting", "background")
        is_unverifiable = verdict.rating.id == "unverifiable"
        assert (verdict.unverifiable_kind is not None) == is_unverifiable, verdict.claim_id


def test_the_corrections_log_cannot_fall_behind_a_rating(tmp_path):
    """The latest correction of a claim must give the rating its checks give today."""
    text = (DATA_DIR / "corrections.csv").read_text(encoding="utf-8")
    stale = text.replace("s3-border-investment,2026-11-30,adds-up,unverifiable,",
                         "s3-border-investment,2026-11-30,adds-up,misleading,", 1)
    assert stale != text
    path = tmp_path / "corrections.csv"
    path.write_text(stale, encoding="utf-8")
    ratings = dict(zip(*(load_verdicts()[column] for column in ("claim_id", "verdict")), strict=True))
    with pytest.raises(DataError) as error:
        load_corrections(ratings, path)
    assert error.value.field == "new_rating" and "s3-border-investment" in str(error.value)


def test_every_correction_is_shown_with_its_verdict():
    records = load_verdict_records()
    with (DATA_DIR / "corrections.csv").open(encoding="utf-8", newline="") as handle:
        logged = [(row["claim_id"], row["date"]) for row in csv.DictReader(handle)]
    shown = [(claim_id, c.date) for claim_id, v in records.items() for c in v.corrections]
    assert logged != [] and sorted(logged) == sorted(shown)


# The decision table's order, as the methodology publishes it: a rule earlier in it wins.
PUBLISHED_ORDER = ("contradicted", "inconsistent", "misleading", "matches-official", "unverifiable",
                   "corroborated", "adds-up")
# For each rule and the one after it (the last with the fallback), checks that both take: the
# earlier rule must give the rating. Two rules swapped fail here even when renumbered.
TOLD_APART = [
    [_check("external", "differs", "official"), _check("consistency", "inconsistent")],
    [_check("consistency", "inconsistent"), _check("comparability", "misleading")],
    [_check("comparability", "base-changed"), _check("external", "matches", "official")],
    [_check("external", "matches", "official"), _check("external", "differs", "aggregator")],
    [_check("external", "differs", "aggregator"), _check("external", "matches", "aggregator")],
    [_check("external", "matches", "aggregator"), _check("arithmetic", "consistent", fails_if="x")],
    [_check("arithmetic", "consistent", fails_if="x")],
]


def test_the_rules_keep_their_published_order_and_each_wins_over_the_next():
    assert tuple(rule.rating for rule in RULES) == PUBLISHED_ORDER
    pairs = list(itertools.pairwise((*RULES, FALLBACK)))
    assert len(pairs) == len(TOLD_APART)
    for (earlier, later), checks in zip(pairs, TOLD_APART, strict=True):
        assert any(map(earlier.applies, checks)) and any(map(later.applies, checks)), (earlier, later)
        assert decide(checks).rating == earlier.rating, f"rule {later.number} won over rule {earlier.number}"
