"""The verdict scale and the verdict table (data/verdicts.csv).

The scale is documented for readers in book/methodology.md; RATINGS here is the
one place its ids, names and order are defined.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from . import DataError
from .derived import load_derived
from .references import load_reference_figures
from .registry import load_claims
from .source import Source, load_source
from .tables import display_path, load_resource, to_frame


@dataclass(frozen=True)
class Rating:
    """One step of the verdict scale."""
    id: str
    name: str
    meaning: str
    needs_reference: bool = False  # the rating rests on a cited source


RATINGS = {rating.id: rating for rating in (
    Rating("matches-official", "Matches an official source",
           "An official page, or an official repost of it, states the same figure or fact.", True),
    Rating("corroborated", "Corroborated by a secondary copy",
           "A copy of an official statement on a third-party site agrees; the official page itself "
           "was not available to us.", True),
    Rating("adds-up", "Adds up",
           "The article's own numbers agree with each other; no outside source confirms the figure itself."),
    Rating("misleading", "Misleading comparison or wording",
           "The number may be right, but the comparison or the words around it lead a reader "
           "to a wrong idea."),
    Rating("inconsistent", "Inconsistent within the article",
           "The article says two things that cannot both be true."),
    Rating("contradicted", "Contradicted", "A reliable source says something different.", True),
    Rating("unverifiable", "Unverifiable",
           "No reliable public source was found; the verdict says what data would settle it."),
)}


def rating_names() -> list[str]:
    """The ratings' names, in the scale's order."""
    return [rating.name for rating in RATINGS.values()]


@dataclass(frozen=True)
class Verdict:
    """One claim's verdict, as data/verdicts.csv and data/derived.csv record it."""
    claim_id: str
    rating: Rating
    checks: tuple[str, ...]
    references: tuple[str, ...]
    rationale: str
    would_settle: str
    derived: dict[str, Decimal]

    @classmethod
    def from_row(cls, row, derived: dict[str, Decimal] | None = None) -> Verdict:
        return cls(row["claim_id"], RATINGS[row["verdict"]], _split(row["checks"]),
                   _split(row["references"]), row["rationale"], row["would_settle"] or "",
                   dict(derived or {}))


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(item for item in (text or "").split(";") if item)


def load_verdicts(source: Source | None = None, path: Path | None = None, *,
                  claims: pd.DataFrame | None = None,
                  references: pd.DataFrame | None = None) -> pd.DataFrame:
    """The verdict table, checked against the claims and the references.

    Pass `claims` and `references` when they are already loaded, to read them once.
    """
    source = source or load_source()
    rows, path = load_resource("verdicts", path)
    claim_ids = set((load_claims(source) if claims is None else claims)["claim_id"])
    figure_ids = set((load_reference_figures() if references is None else references)["figure_id"])
    for row in rows:
        n = row["_row"]
        if row["claim_id"] not in claim_ids:
            raise DataError(display_path(path), n, "claim_id", f"{row['claim_id']!r} is not in claims.csv")
        for ref in _split(row["references"]):
            if ref not in figure_ids:
                raise DataError(display_path(path), n, "references",
                                f"{ref!r} is not in reference/figures.csv")
        if RATINGS[row["verdict"]].needs_reference and not row["references"]:
            raise DataError(display_path(path), n, "references",
                            f"a verdict of {row['verdict']} must cite a reference")
        if row["verdict"] == "unverifiable" and not row["would_settle"]:
            raise DataError(display_path(path), n, "would_settle",
                            "an unverifiable claim must say what data would settle it")
    # Every column is text; an empty cell is the empty string, not a missing float.
    return to_frame(rows).fillna("")


def load_verdict_records(source: Source | None = None, *, claims: pd.DataFrame | None = None,
                         references: pd.DataFrame | None = None) -> dict[str, Verdict]:
    """Every verdict as a typed record, with its recorded derived values, by claim id."""
    table = load_verdicts(source, claims=claims, references=references)
    derived = load_derived()
    return {row["claim_id"]: Verdict.from_row(row, derived.get(row["claim_id"]))
            for row in table.to_dict("records")}
