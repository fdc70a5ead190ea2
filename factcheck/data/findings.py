"""The key findings (data/findings.csv): what the book opens with, ranked.

Each finding rests on one claim, whose rating it shows: the rating is never typed
here, so the intro, claims.json and the scorecard cannot disagree with the verdict.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import DataError
from .overall import FOUND_WANTING
from .registry import load_claims
from .tables import display_path, load_resource

# The check outcomes that show a weakness short of a rating: the article leaves its basis unstated
# (two differently defined lines compared as one), or claims an improvement that no measure backs.
SHORTFALL_OUTCOMES = ("unstated", "no-measure")


@dataclass(frozen=True)
class Finding:
    rank: int
    claim_id: str
    finding: str        # English
    finding_zh: str     # simplified Chinese
    # For a claim found wanting: the problem as the overall verdict names it (a short clause).
    problem: str = ""
    problem_zh: str = ""
    # For an unverifiable claim whose checks show the article's number says less than it seems
    # to (SHORTFALL_OUTCOMES): that weakness, a short clause.
    shortfall: str = ""
    shortfall_zh: str = ""
    also_covers: tuple[str, ...] = ()   # other claims it summarises with its own


def load_findings(verdicts: dict | None = None) -> list[Finding]:
    """The findings in rank order; ranks run 1, 2, 3 ... with no gap. Given the verdict records
    (claim id -> record), each finding's claim must have a card: a key finding links to the
    working behind it, which a ledger row does not show."""
    rows, path = load_resource("findings")
    rows = sorted(rows, key=lambda row: row["rank"])
    for expected, row in enumerate(rows, start=1):
        if row["rank"] != expected:
            raise DataError(display_path(path), row["_row"], "rank", f"expected rank {expected}")
    claims = set(load_claims()["claim_id"])
    for row in rows:
        covered = filter(None, (row.get("also_covers") or "").split(";"))
        unknown = [claim for claim in covered if claim not in claims]
        if unknown:
            raise DataError(display_path(path), row["_row"], "also_covers", f"names no claim: {unknown}")
        if verdicts is not None and (row.get("problem") or "") and (
                verdicts[row["claim_id"]].rating.id not in FOUND_WANTING):
            raise DataError(display_path(path), row["_row"], "problem",
                            f"{row['claim_id']} is rated {verdicts[row['claim_id']].rating.id}, but only a "
                            "claim found wanting is named as a problem: clear problem and problem_zh")
        if verdicts is not None and (row.get("shortfall") or ""):
            verdict = verdicts[row["claim_id"]]
            if verdict.rating.id != "unverifiable":
                raise DataError(display_path(path), row["_row"], "shortfall",
                                f"{row['claim_id']} is rated {verdict.rating.id}, but a shortfall names the "
                                "weakness of an unverifiable claim: clear shortfall and shortfall_zh")
            if not any(check.scope == "central" and check.outcome in SHORTFALL_OUTCOMES
                       for check in verdict.checks):
                raise DataError(display_path(path), row["_row"], "shortfall",
                                f"no check of {row['claim_id']}'s central assertion records "
                                f"{' or '.join(SHORTFALL_OUTCOMES)}, which a shortfall rests on")
        if verdicts is not None and not verdicts[row["claim_id"]].has_card:
            raise DataError(display_path(path), row["_row"], "claim_id",
                            f"{row['claim_id']} is a ledger row (unverifiable, supporting), but a key "
                            "finding links to its card: rate it headline in data/verdicts.csv")
    return [Finding(row["rank"], row["claim_id"], row["finding"], row["finding_zh"],
                    row.get("problem") or "", row.get("problem_zh") or "",
                    row.get("shortfall") or "", row.get("shortfall_zh") or "",
                    tuple(filter(None, (row.get("also_covers") or "").split(";")))) for row in rows]
