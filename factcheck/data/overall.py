"""The article's overall verdict, counted from the verdicts: what its own achievement claims
amount to, set apart from the background facts it leans on.

A claim's role (data/claims.csv) says which it is: an `achievement` the article credits to
the city's education work, or `background` (population, the city's age, the exam reform,
Guangxi's rates, region-wide programmes). Confirmed background never counts as a confirmed
achievement.
"""
from __future__ import annotations

from dataclasses import dataclass

from .verdicts import Rating, Verdict, load_ratings

ROLES = ("achievement", "background")
CONFIRMED = ("matches-official", "corroborated")     # a source outside the article agrees
ADDS_UP = ("adds-up",)                                # the article agrees with itself
FOUND_WANTING = ("contradicted", "inconsistent", "misleading")
# The check outcomes that find a claim wanting (factcheck.data.decision.OUTCOMES).
FAILING = ("differs", "inconsistent", "base-changed", "misleading")


@dataclass(frozen=True)
class RoleSummary:
    role: str
    claims: tuple[str, ...]
    confirmed: tuple[str, ...]
    adds_up: tuple[str, ...]
    found_wanting: tuple[str, ...]
    unverifiable: tuple[str, ...]


def summarise(roles: dict[str, str], verdicts: dict[str, Verdict]) -> dict[str, RoleSummary]:
    """Each role's claims split by what their verdicts found, in the order of `roles`."""
    summaries = {}
    for role in ROLES:
        ids = tuple(claim for claim, its_role in roles.items() if its_role == role)

        def rated(ratings: tuple[str, ...], ids=ids) -> tuple[str, ...]:
            return tuple(claim for claim in ids if verdicts[claim].rating.id in ratings)

        summaries[role] = RoleSummary(role, ids, rated(CONFIRMED), rated(ADDS_UP), rated(FOUND_WANTING),
                                      rated(("unverifiable",)))
    return summaries


# The table of the claims by their ratings, which the intro and the scorecard show: one row a
# rating of the scale that some claim got, in the scale's order, then the claims in all, so each
# column adds up; one column a role, under these labels (the words the table shows, translated by
# the catalog).
ROLE_LABELS = {"achievement": "achievement", "background": "background fact"}


def count_table(summaries: dict[str, RoleSummary],
                verdicts: dict[str, Verdict]) -> list[dict[str, str | int]]:
    """The rows of the table: each a "verdict" (a rating's name, or "claims" for the total), then
    each role's count, in the order of `summaries`. A row a rating and a column a role: three
    columns fit a phone, and no two ratings share a row. A rating no claim got has no row (a
    table of zeros hides the counts that matter); `ratings_not_given` names those."""
    def rated(summary: RoleSummary, rating_id: str) -> int:
        return sum(verdicts[claim].rating.id == rating_id for claim in summary.claims)

    left_out = {rating.id for rating in ratings_not_given(summaries, verdicts)}
    rows = [{"verdict": rating.name, **{ROLE_LABELS[summary.role]: rated(summary, rating.id)
                                        for summary in summaries.values()}}
            for rating in load_ratings().values() if rating.id not in left_out]
    rows.append({"verdict": "claims", **{ROLE_LABELS[summary.role]: len(summary.claims)
                                         for summary in summaries.values()}})
    return rows


def ratings_not_given(summaries: dict[str, RoleSummary], verdicts: dict[str, Verdict]) -> list[Rating]:
    """The ratings of the scale, in its order, that no claim counted in `summaries` got: the rows
    `count_table` leaves out."""
    given = {verdicts[claim].rating.id for summary in summaries.values() for claim in summary.claims}
    return [rating for rating in load_ratings().values() if rating.id not in given]


def problems(found_wanting: tuple[str, ...], verdicts: dict[str, Verdict]) -> list[tuple[str, ...]]:
    """The claims found wanting, grouped into the problems they show: claims whose failing
    checks rest on the same derived value are one problem (two statements of one contradiction
    are one error, not two). In the order of `found_wanting`."""
    groups: list[tuple[set[str], list[str]]] = []     # (derived names, claims)
    for claim in found_wanting:
        names = {name for check in verdicts[claim].checks if check.outcome in FAILING
                 for name in check.derived}
        joined = [group for group in groups if group[0] & names]
        if joined:
            joined[0][0].update(names)
            joined[0][1].append(claim)
        else:
            groups.append((names, [claim]))
    return [tuple(claims) for _, claims in groups]


def records_to_request(verdicts: dict[str, Verdict], order: list[str]) -> list[Verdict]:
    """The headline claims we could not verify, in the article's order (`order`: claim ids):
    each one's "what would settle it" becomes a request for the records."""
    return [verdicts[claim] for claim in order
            if verdicts[claim].importance == "headline" and verdicts[claim].rating.id == "unverifiable"]
