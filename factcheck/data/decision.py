"""The decision table: a verdict's rating follows from its recorded check outcomes.

Each check of a claim (data/checks.csv) records its kind and its outcome, the
references it rests on and, for a test that passed, what would have failed
it. The rules below are read in order and the first that applies gives the
rating, so the most consequential finding wins: a contradiction outranks a
misleading comparison, which outranks any agreement. The methodology page and
claims.json print this same table.

A check's evidence is only as strong as its weakest reference: a check that
cites an official page and an aggregator copy is graded "aggregator".
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# The kinds of check and the outcomes each may record.
OUTCOMES = {
    "arithmetic": ("consistent", "inconsistent", "computed"),
    "consistency": ("consistent", "inconsistent", "computed"),
    "comparability": ("misleading", "slip", "comparable", "unstated", "not-comparable"),
    "wording": ("misleading", "slip", "comparable"),
    "external": ("matches", "differs", "not-comparable", "no-source-found"),
    "search": ("no-source-found", "no-measure", "no-public-record"),
}
# Their names in simplified Chinese, as the Chinese edition prints them (the English edition
# prints the ids).
KIND_NAMES_ZH = {
    "arithmetic": "计算核查", "consistency": "一致性核查", "comparability": "可比性核查",
    "wording": "措辞核查", "external": "外部来源核查", "search": "来源检索",
}
OUTCOME_NAMES_ZH = {
    "consistent": "吻合", "inconsistent": "矛盾", "computed": "仅作计算", "misleading": "易误导",
    "slip": "笔误", "comparable": "可比", "unstated": "口径未说明", "not-comparable": "不可比",
    "matches": "相符", "differs": "不符", "no-source-found": "未找到来源", "no-measure": "无指标可依",
    "no-public-record": "无公开记录",
}
OUTCOME_MEANINGS = {
    "consistent": "the article's numbers agree, and the check states what value would have failed it",
    "inconsistent": "the article's numbers cannot all be true",
    "computed": "a value worked out for context; it tests nothing",
    "misleading": "the comparison or the words lead a reader to a wrong idea",
    "slip": "a wording error that leaves the reader's understanding of the figure intact",
    "comparable": "the terms or bases compared are the same",
    "unstated": "the article does not say which of two bases it uses; the figure fits one of them",
    "not-comparable": "a source exists but measures something else (another place, year or definition)",
    "matches": "a source states the same figure or fact",
    "differs": "a source states a different figure or fact",
    "no-source-found": "a public source should exist but none was found",
    "no-measure": "the claim is an evaluation that no measure backs",
    "no-public-record": "the figure is an internal administrative count that no public record holds",
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
    grade: str            # the weakest grade of its references; "article" when it cites none
    references: tuple[str, ...]
    derived: tuple[str, ...]
    fails_if: str
    reason: str
    fails_if_zh: str = ""   # the Chinese of fails_if and reason, for the Chinese edition
    reason_zh: str = ""


@dataclass(frozen=True)
class Rule:
    number: int
    rating: str
    when: str             # the rule in words, as the methodology prints it
    when_zh: str          # the same in simplified Chinese
    applies: Callable[[Check], bool]


def _is(kinds: tuple[str, ...], outcomes: tuple[str, ...], grades: tuple[str, ...] | None = None):
    def applies(check: Check) -> bool:
        return (check.kind in kinds and check.outcome in outcomes
                and (grades is None or check.grade in grades))
    return applies


RULES = (
    Rule(1, "contradicted",
         "an external check finds a different figure in an official or official-repost source",
         "外部来源核查在官方来源或官方转载中查到不同的数字",
         _is(("external",), ("differs",), OFFICIAL)),
    Rule(2, "inconsistent",
         "an arithmetic or consistency check finds the article's numbers cannot all be true",
         "计算核查或一致性核查发现原文的数字不可能全部成立",
         _is(("arithmetic", "consistency"), ("inconsistent",))),
    Rule(3, "misleading", "a comparability or wording check finds the comparison or the words mislead",
         "可比性核查或措辞核查发现其比较或表述具有误导性",
         _is(("comparability", "wording"), ("misleading",))),
    Rule(4, "matches-official",
         "an external check finds the same figure in an official or official-repost source",
         "外部来源核查在官方来源或官方转载中查到相同的数字",
         _is(("external",), ("matches",), OFFICIAL)),
    Rule(5, "corroborated", "an external check finds the same figure in a third-party copy",
         "外部来源核查在第三方转载中查到相同的数字",
         _is(("external",), ("matches",), ("aggregator",))),
    Rule(6, "adds-up",
         "an arithmetic or consistency check that could have failed finds the numbers agree",
         "一项本可能不通过的计算核查或一致性核查发现数字相互吻合",
         _is(("arithmetic", "consistency"), ("consistent",))),
)
FALLBACK = Rule(7, "unverifiable", "no rule above applies: nothing public settles the claim",
                "以上规则均不适用：没有公开资料能够判定该说法", lambda check: True)


def decide(checks: list[Check] | tuple[Check, ...]) -> Rule:
    """The first rule that applies to any of the checks; the fallback when none does."""
    for rule in RULES:
        if any(rule.applies(check) for check in checks):
            return rule
    return FALLBACK


def table() -> list[dict]:
    """The decision table as rows, for the methodology page and claims.json."""
    return [{"rule": rule.number, "rating": rule.rating, "when": rule.when} for rule in (*RULES, FALLBACK)]


def weakest_grade(grades: list[str]) -> str:
    return max(grades, key=GRADE_ORDER.index) if grades else "article"


# What kind of unverifiable a claim is, from its outcomes: the first that any check records.
UNVERIFIABLE_KINDS = {
    "no-measure": "An evaluation that no measure backs",
    "no-source-found": "An official figure should exist but was not found",
    "no-public-record": "An internal administrative count that no public record holds",
    "not-comparable": "Only a source that measures something else was found",
    "nothing-to-test": "Nothing was checked that could have failed",
}
UNVERIFIABLE_KINDS_ZH = {
    "no-measure": "没有任何指标支撑的评价",
    "no-source-found": "理应有官方数字，但未找到",
    "no-public-record": "内部行政统计，没有公开记录可查",
    "not-comparable": "只找到衡量其他对象的来源",
    "nothing-to-test": "没有做过任何可能不通过的核查",
}


def unverifiable_kind(checks: list[Check] | tuple[Check, ...]) -> str:
    outcomes = {check.outcome for check in checks}
    return next((kind for kind in UNVERIFIABLE_KINDS if kind in outcomes), "nothing-to-test")
