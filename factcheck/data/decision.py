"""The decision table: a verdict's rating follows from its recorded check outcomes.

Each check of a claim (data/checks.csv) records its kind, its outcome, which part of
the claim it tests (its `scope`), the references it rests on and, for a test that
passed, what would have failed it. A claim is rated on its central assertion: only a
check whose scope is "central" can decide a rating. A context check (a background
fact the claim leans on) is shown on the card, but cannot lift or sink the rating.

Every possible check falls under exactly one clause: one of the rules below, or one
of the NO_FINDING clauses, which say why that outcome decides nothing. Of a claim's
checks, the rule that comes first in the table gives the rating, so the most
consequential finding wins: a contradiction outranks an inconsistency, which
outranks a misleading comparison, which outranks any agreement. The methodology page
and claims.json print this same table.

A check is as strong as the best reference that supports its outcome, so adding a
reference never moves a claim down the table.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# The kinds of check and the outcomes each may record.
OUTCOMES = {
    "arithmetic": ("consistent", "inconsistent", "computed"),
    "consistency": ("consistent", "inconsistent", "computed"),
    "comparability": ("misleading", "base-changed", "slip", "comparable", "unstated", "not-comparable"),
    "wording": ("misleading", "slip", "comparable"),
    "external": ("matches", "differs", "not-comparable"),
    "search": ("official-record-not-found", "no-record-found", "no-measure"),
}
# What part of the claim a check tests.
SCOPES = {
    "central": "the claim's central assertion",
    "context": "a background fact the claim leans on; shown, but it never decides the rating",
}
OUTCOME_MEANINGS = {
    "consistent": "two figures the article states independently, in different places, agree; the check "
                  "states what value would have failed it",
    "inconsistent": "the article's numbers, as written, cannot all be true",
    "computed": "a value worked out for context, or the article repeating its own figure or adding "
                "within one sentence; it tests nothing",
    "misleading": "the comparison or the words lead a reader to a wrong idea",
    "base-changed": "the article presents a comparison, sum or ranking as like for like, but its bases "
                    "or definitions differ and the article does not say so",
    "slip": "a wording error that leaves the reader's understanding of the figure intact",
    "comparable": "the terms or bases compared are the same",
    "unstated": "the article does not say which of two bases it uses; the figure fits one of them",
    "not-comparable": "a source exists but measures something else (another place, year or definition)",
    "matches": "a source states the same figure or fact (for a round figure, one that rounds to it at "
               "its last significant digit)",
    "differs": "a source states a different figure or fact",
    "official-record-not-found": "the record is public by nature (a published list, speech, plan, "
                                 "budget or enrolment plan) but we did not find it",
    "no-record-found": "no record of the figure was found in what we could search",
    "no-measure": "the claim is an evaluation that no measure backs",
}
# Evidence grades, strongest first; "article" is the article itself.
GRADE_ORDER = ("official", "official-repost", "aggregator", "article")
OFFICIAL = ("official", "official-repost")


@dataclass(frozen=True)
class Check:
    """One recorded check of a claim (a row of data/checks.csv)."""
    claim_id: str
    step: int
    kind: str
    outcome: str
    grade: str            # the best grade of its references; "article" when it cites none
    references: tuple[str, ...]
    derived: tuple[str, ...]
    fails_if: str
    reason: str
    fails_if_zh: str = ""   # the Chinese of fails_if and reason, for the Chinese edition
    reason_zh: str = ""
    scope: str = "central"


@dataclass(frozen=True)
class Rule:
    number: int
    rating: str
    when: str             # the rule in words, as the methodology prints it (its Chinese: ui.po)
    applies: Callable[[Check], bool]


def _is(kinds: tuple[str, ...], outcomes: tuple[str, ...], grades: tuple[str, ...] | None = None):
    """A central check of one of `kinds` recording one of `outcomes` (from a reference of `grades`)."""
    def applies(check: Check) -> bool:
        return (check.scope == "central" and check.kind in kinds and check.outcome in outcomes
                and (grades is None or check.grade in grades))
    return applies


def _either(*tests: Callable[[Check], bool]) -> Callable[[Check], bool]:
    return lambda check: any(test(check) for test in tests)


# When a round figure (250万) counts as found: rules 4 and 6 say it in the same words.
_ROUND_FIGURE = ("(a round figure is found when the source's figure, rounded at the round figure's last "
                 "significant digit, equals it)")
RULES = (
    Rule(1, "contradicted",
         "an external check of the central claim finds a different figure in an official or "
         "official-repost source",
         _is(("external",), ("differs",), OFFICIAL)),
    Rule(2, "inconsistent",
         "an arithmetic or consistency check finds the article's numbers, as written, cannot all be true",
         _is(("arithmetic", "consistency"), ("inconsistent",))),
    Rule(3, "misleading",
         "a comparability or wording check finds the comparison or the words mislead, or that a "
         "comparison presented as like for like changes its base without saying so, in a way shown "
         "to matter",
         _either(_is(("comparability", "wording"), ("misleading",)),
                 _is(("comparability",), ("base-changed",)))),
    Rule(4, "matches-official",
         "an external check finds the central claim's figure in an official or official-repost source "
         + _ROUND_FIGURE,
         _is(("external",), ("matches",), OFFICIAL)),
    Rule(5, "unverifiable",
         "an external check finds a different figure in a third-party copy only: without the official "
         "page, neither the copy nor the article can be relied on",
         _is(("external",), ("differs",), ("aggregator",))),
    Rule(6, "corroborated",
         "an external check finds the central claim's figure in a third-party copy " + _ROUND_FIGURE,
         _is(("external",), ("matches",), ("aggregator",))),
    Rule(7, "adds-up",
         "an arithmetic or consistency check finds that figures the article states independently, "
         "in different places, agree, where they could have disagreed",
         _is(("arithmetic", "consistency"), ("consistent",))),
)
DISPUTED = RULES[4]
FALLBACK = Rule(8, "unverifiable", "no rule above applies: nothing we found settles the central claim",
                lambda check: True)


@dataclass(frozen=True)
class NoFinding:
    """A kind of check that decides no rating, and why."""
    why: str
    applies: Callable[[Check], bool]


def _outcome_in(*outcomes: str):
    return lambda check: check.scope == "central" and check.outcome in outcomes


# The checks that no rule takes up. With RULES they cover every possible check exactly once
# (tests/test_decision.py proves it over every combination of kind, outcome, grade and scope).
NO_FINDING = (
    NoFinding("a context check tests a background fact, not the claim", lambda c: c.scope == "context"),
    NoFinding("it records a value for context, or the article repeating itself: nothing that could fail",
              _outcome_in("computed")),
    NoFinding("the comparison or the words are sound, or slip without misleading",
              _outcome_in("comparable", "slip")),
    NoFinding("the base is unstated, or the source measures something else: it shows no error",
              _outcome_in("unstated", "not-comparable")),
    NoFinding("nothing was found that could test the claim",
              _outcome_in("official-record-not-found", "no-record-found", "no-measure")),
    NoFinding("an external check needs a reference; the data loader refuses one without",
              lambda c: (c.scope == "central" and c.kind == "external"
                         and c.outcome in ("matches", "differs") and c.grade == "article")),
)


def clauses(check: Check) -> list[Rule | NoFinding]:
    """Every rule and no-finding clause that takes up this one check (exactly one, by design)."""
    return [clause for clause in (*RULES, *NO_FINDING) if clause.applies(check)]


def decide(checks: list[Check] | tuple[Check, ...]) -> Rule:
    """The first rule that applies to any of the checks; the fallback when none does."""
    for rule in RULES:
        if any(rule.applies(check) for check in checks):
            return rule
    return FALLBACK


def on_a_card(rule: Rule) -> str:
    """The rule in words as a verdict card gives it: without the round-figure proviso, which the
    methodology prints and which says nothing about the claim in front of the reader."""
    return rule.when.replace(" " + _ROUND_FIGURE, "")


def table() -> list[dict]:
    """The decision table as rows, for the methodology page and claims.json."""
    return [{"rule": rule.number, "rating": rule.rating, "when": rule.when} for rule in (*RULES, FALLBACK)]


def best_grade(grades: list[str] | tuple[str, ...]) -> str:
    """A check is as strong as the best reference that supports its outcome."""
    return min(grades, key=GRADE_ORDER.index) if grades else "article"


# What kind of unverifiable a claim is: the first that its central checks record. The names are
# short and plain: each stands beside the grey badge, so that the badge never stands alone.
UNVERIFIABLE_KINDS = {
    "copy-differs": "Only a copy found, and it differs",
    "no-measure": "No like-for-like measure backs it",
    "unstated": "Hinges on something the article does not say",
    "official-record-not-found": "Official record should exist, but not found",
    "no-record-found": "No public record found",
    "not-comparable": "Sources found measure something else",
    "nothing-to-test": "Nothing here could be tested",
}

# When each kind applies: the first, in this order, that a check of the central assertion records.
UNVERIFIABLE_WHEN = {
    "copy-differs": "An outside-source check finds a different figure, but only in a third-party copy.",
    "no-measure": "The claim is an evaluation, and no measure backs it: the article gives none, or gives "
                  "one that is not like for like.",
    "unstated": "The article does not say which of two bases, counts or definitions it uses, and what the "
                "figure shows turns on it.",
    "official-record-not-found": "The record is public by nature (a published list, a speech, a plan, a "
                                 "budget or its final account, an enrolment plan), but we did not find it.",
    "no-record-found": "We found no record of the figure in what we could search.",
    "not-comparable": "A source was found, but it measures something else (another place, year or "
                      "definition).",
    "nothing-to-test": "Every check of the central assertion only worked something out for context or "
                       "restated the article.",
}
assert UNVERIFIABLE_WHEN.keys() == UNVERIFIABLE_KINDS.keys()


def unverifiable_kind(checks: list[Check] | tuple[Check, ...]) -> str:
    if any(DISPUTED.applies(check) for check in checks):
        return "copy-differs"
    outcomes = {check.outcome for check in checks if check.scope == "central"}
    return next((kind for kind in UNVERIFIABLE_KINDS if kind in outcomes), "nothing-to-test")
