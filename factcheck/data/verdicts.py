"""The verdict scale, the verdict table (data/verdicts.csv) and its checks (data/checks.csv).

The scale is one table, data/scale/ratings.csv: each rating's id, names, symbol, colour and
meaning in both languages, in the scale's order (`load_ratings`, also as `RATINGS`); the book's
methodology and every card print from it. A verdict's rating is computed
from its checks by the decision table (factcheck/data/decision.py); the rating
written in verdicts.csv is the editor's expectation, and the loader refuses it
when the table gives another.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import DataError
from .decision import OUTCOMES, Check, Rule, best_grade, decide, unverifiable_kind
from .derived import load_derived
from .references import load_reference_figures
from .registry import load_claims
from .source import Source, load_source
from .tables import display_path, load_resource, to_frame


@dataclass(frozen=True)
class Rating:
    """One step of the verdict scale: a row of data/scale/ratings.csv."""
    id: str
    name: str
    meaning: str
    name_zh: str          # simplified Chinese, as the Chinese edition prints it
    meaning_zh: str
    symbol: str           # shown beside the name, so colour never carries the rating alone
    colour: str


@lru_cache(maxsize=1)
def load_ratings() -> dict[str, Rating]:
    """The verdict scale, in its order: every rating's name, mark and meaning, in both languages."""
    rows, _ = load_resource("ratings")
    return {row["rating_id"]: Rating(row["rating_id"], row["name"], row["meaning"], row["name_zh"],
                                     row["meaning_zh"], row["symbol"], row["colour"]) for row in rows}


def __getattr__(name: str):
    # RATINGS reads data/scale/ratings.csv when it is first asked for, not when this module is imported.
    if name == "RATINGS":
        return load_ratings()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def rating_names() -> list[str]:
    """The ratings' names, in the scale's order."""
    return [rating.name for rating in load_ratings().values()]


@dataclass(frozen=True)
class Correction:
    """A published change of rating (data/corrections.csv)."""
    date: str
    previous: Rating
    new: Rating
    reason: str
    reason_zh: str = ""     # the Chinese of reason, for the Chinese edition


@dataclass(frozen=True)
class Verdict:
    """One claim's verdict: its checks, the rating they give and why, its derived values."""
    claim_id: str
    rating: Rating
    rule: Rule
    checks: tuple[Check, ...]
    importance: str
    conclusion: str
    rationale: str
    would_settle: str
    derived: dict[str, Decimal]
    corrections: tuple[Correction, ...] = ()
    # The Chinese (简体) of conclusion, rationale and would_settle, for the Chinese edition.
    conclusion_zh: str = ""
    rationale_zh: str = ""
    would_settle_zh: str = ""

    @property
    def references(self) -> tuple[str, ...]:
        """Every reference the checks cite, in order, each once."""
        return tuple(dict.fromkeys(ref for check in self.checks for ref in check.references))

    @property
    def confirmed_context(self) -> tuple[Check, ...]:
        """Background facts a check confirmed: shown on the card, never lifting the rating."""
        return tuple(check for check in self.checks
                     if check.scope == "context" and check.outcome in ("matches", "consistent"))

    @property
    def unverifiable_kind(self) -> str | None:
        return unverifiable_kind(self.checks) if self.rating.id == "unverifiable" else None

    @property
    def has_card(self) -> bool:
        """A full card for a claim with a finding (any rating but unverifiable), for a claim whose
        background a check confirmed (the card says what, apart from the rating) and for every
        headline claim; the chapter's other claims, unverifiable, sit in its ledger."""
        return (self.rating.id != "unverifiable" or self.importance == "headline"
                or bool(self.confirmed_context))


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(item for item in (text or "").split(";") if item)


def load_checks(references: pd.DataFrame | None = None, path: Path | None = None
                ) -> dict[str, tuple[Check, ...]]:
    """Every claim's checks, validated: outcomes that fit the kind, references that exist,
    derived values the claim records, and a failing condition for every passed test."""
    references = load_reference_figures() if references is None else references
    grades = dict(zip(references["figure_id"], references["grade"], strict=True))
    derived = load_derived()
    rows, path = load_resource("checks", path)
    shown = display_path(path)
    by_claim: dict[str, list[Check]] = {}
    for row in rows:
        n, kind, outcome = row["_row"], row["check"], row["outcome"]
        if outcome not in OUTCOMES[kind]:
            raise DataError(shown, n, "outcome", f"a {kind} check may record {list(OUTCOMES[kind])}, "
                                                 f"not {outcome!r}")
        refs = _split(row["references"])
        for ref in refs:
            if ref not in grades:
                raise DataError(shown, n, "references", f"{ref!r} is not in reference/figures.csv")
        if kind == "external" and not refs:
            raise DataError(shown, n, "references", f"an external check that {outcome} must cite its source")
        names = _split(row["derived"])
        for name in names:
            if name not in derived.get(row["claim_id"], {}):
                raise DataError(shown, n, "derived", f"{name!r} is not a derived value of "
                                                     f"{row['claim_id']} in derived.csv")
        if outcome == "consistent" and not row["fails_if"]:
            raise DataError(shown, n, "fails_if", "a check that found the numbers consistent must say "
                                                  "what value would have failed it; if nothing could, "
                                                  "record the outcome 'computed'")
        checks = by_claim.setdefault(row["claim_id"], [])
        if row["step"] != len(checks) + 1:
            raise DataError(shown, n, "step", f"expected step {len(checks) + 1} of {row['claim_id']}")
        checks.append(Check(row["claim_id"], row["step"], kind, outcome,
                            best_grade([grades[ref] for ref in refs]), refs, names,
                            row["fails_if"] or "", row["reason"] or "",
                            row["fails_if_zh"] or "", row["reason_zh"] or "", row["scope"]))
    return {claim: tuple(checks) for claim, checks in by_claim.items()}


def load_verdicts(source: Source | None = None, path: Path | None = None, *,
                  claims: pd.DataFrame | None = None,
                  references: pd.DataFrame | None = None,
                  checks: dict[str, tuple[Check, ...]] | None = None) -> pd.DataFrame:
    """The verdict table, checked against the claims and the references.

    Pass `claims`, `references` and `checks` when they are already loaded, to read them once.
    """
    source = source or load_source()
    rows, path = load_resource("verdicts", path)
    claim_ids = set((load_claims(source) if claims is None else claims)["claim_id"])
    checks = load_checks(references) if checks is None else checks
    shown = display_path(path)
    for row in rows:
        n, claim_id = row["_row"], row["claim_id"]
        if claim_id not in claim_ids:
            raise DataError(shown, n, "claim_id", f"{claim_id!r} is not in claims.csv")
        if claim_id not in checks:
            raise DataError(shown, n, "claim_id", f"{claim_id} has no checks in checks.csv")
        rule = decide(checks[claim_id])
        if rule.rating != row["rating"]:
            raise DataError(shown, n, "rating",
                            f"{claim_id} is written as {row['rating']!r}, but its checks give "
                            f"{rule.rating!r} (rule {rule.number}: {rule.when})")
        if rule.rating == "unverifiable" and not row["would_settle"]:
            raise DataError(shown, n, "would_settle",
                            "an unverifiable claim must say what data would settle it")
        mine = checks[claim_id]
        row.update(verdict=rule.rating, rule=rule.number,
                   unverifiable_kind=unverifiable_kind(mine) if rule.rating == "unverifiable" else "",
                   checks=";".join(dict.fromkeys(check.kind for check in mine)),
                   references=";".join(dict.fromkeys(ref for check in mine for ref in check.references)))
    # Every column is text; an empty cell is the empty string, not a missing float.
    return to_frame(rows).fillna("")


def load_corrections(ratings: dict[str, str], path: Path | None = None
                     ) -> dict[str, tuple[Correction, ...]]:
    """The corrections log by claim, oldest first.

    A claim's latest correction must give the rating its checks give today
    (`ratings`: claim id -> rating id), so the log cannot fall behind the verdicts.
    """
    rows, path = load_resource("corrections", path)
    shown = display_path(path)
    log: dict[str, list[dict]] = {}
    for row in sorted(rows, key=lambda r: (r["claim_id"], r["date"])):
        if row["previous_rating"] == row["new_rating"]:
            raise DataError(shown, row["_row"], "new_rating", "a correction must change the rating")
        log.setdefault(row["claim_id"], []).append(row)
    for claim_id, entries in log.items():
        latest = entries[-1]
        if latest["new_rating"] != ratings.get(claim_id):
            raise DataError(shown, latest["_row"], "new_rating",
                            f"{claim_id} is rated {ratings.get(claim_id)!r} today, not "
                            f"{latest['new_rating']!r}: log the newer change")
    ratings = load_ratings()
    return {claim_id: tuple(Correction(r["date"], ratings[r["previous_rating"]], ratings[r["new_rating"]],
                                       r["reason"], r["reason_zh"] or "") for r in entries)
            for claim_id, entries in log.items()}


def load_verdict_records(source: Source | None = None, *, claims: pd.DataFrame | None = None,
                         references: pd.DataFrame | None = None,
                         checks: dict[str, tuple[Check, ...]] | None = None,
                         table: pd.DataFrame | None = None) -> dict[str, Verdict]:
    """Every verdict as a typed record, with its recorded derived values, by claim id.

    Pass what is already loaded (factcheck.data.dataset does) to read each table once."""
    references = load_reference_figures() if references is None else references
    checks = load_checks(references) if checks is None else checks
    if table is None:
        table = load_verdicts(source, claims=claims, references=references, checks=checks)
    derived = load_derived()
    corrections = load_corrections(dict(zip(table["claim_id"], table["verdict"], strict=True)))
    return {row["claim_id"]: Verdict(row["claim_id"], load_ratings()[row["verdict"]],
                                     decide(checks[row["claim_id"]]), checks[row["claim_id"]],
                                     row["importance"], row["conclusion"], row["rationale"],
                                     row["would_settle"],
                                     dict(derived.get(row["claim_id"], {})),
                                     corrections.get(row["claim_id"], ()),
                                     conclusion_zh=row["conclusion_zh"],
                                     rationale_zh=row["rationale_zh"],
                                     would_settle_zh=row["would_settle_zh"])
            for row in table.to_dict("records")}
