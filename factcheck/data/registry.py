"""The claim registry and the numeric mentions that are not claims, checked against the article."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from . import DataError
from .mentions import extract_mentions
from .source import Source, load_source
from .tables import check_figure_value, display_path, load_resource, to_frame


def check_claim_rows(rows: list[dict], path: Path, source: Source) -> list[dict]:
    """Checks the Table Schema cannot express: each quote is in the source,
    within its part, and each figure is a number in its quote with the stated value."""
    shown = display_path(path)
    for row in rows:
        n = row["_row"]
        try:
            location = source.locate(row["quote"], row["part"])
        except LookupError as exc:
            raise DataError(shown, n, "quote", str(exc)) from None
        row.update(start=location.start, end=location.end,
                   raw_start=location.raw_start, raw_end=location.raw_end)
        _check_period(row, shown, source)
        figure = row["figure"]
        if figure is None:
            if row["value"] is not None or row["unit"] is not None:
                raise DataError(shown, n, "figure",
                                "a claim with a value or unit needs the figure as written")
            continue
        if row["value"] is None or row["unit"] is None:
            raise DataError(shown, n, "value", "a claim with a figure needs a value and a unit")
        in_quote = [m for m in extract_mentions(row["quote"]) if m.text == figure]
        if len(in_quote) != 1:
            raise DataError(shown, n, "figure",
                            f"{figure!r} must appear exactly once as a number in the quote "
                            f"(found {len(in_quote)} times)")
        # An ordinal (第一) is read as its number.
        parsed = check_figure_value(path, n, figure, row["value"], reading=figure.removeprefix("第"))
        if parsed.approximate != row["approximate"]:
            raise DataError(shown, n, "approximate",
                            f"the figure {figure!r} is {'' if parsed.approximate else 'not '}approximate")
    return rows


def _check_period(row: dict, shown, source: Source) -> None:
    """A period is the article's only where the article gives it; an inferred one says why."""
    n, basis, note = row["_row"], row["period_basis"], row["period_note"]
    years = re.findall(r"\d{4}", row["period"])
    if basis == "unstated":
        if row["period"] != "unstated" or note:
            raise DataError(shown, n, "period", "an unstated period is written 'unstated', with no note")
    elif basis == "stated":
        if not any(year in row["quote"] for year in years):
            raise DataError(shown, n, "period_basis", f"no year of {row['period']!r} is in the quote")
    elif not note:
        raise DataError(shown, n, "period_note", f"a period from {basis} must say where it comes from")
    elif basis == "context":
        paragraph_start = source.text.rfind("\n", 0, row["start"]) + 1
        if note not in source.text[paragraph_start:row["start"]]:
            raise DataError(shown, n, "period_note",
                            f"{note!r} is not in the article before the quote, in its paragraph")


def load_claims(source: Source | None = None, path: Path | None = None) -> pd.DataFrame:
    """The claim registry, checked against its schema and against the source."""
    source = source or load_source()
    rows, path = load_resource("claims", path)
    rows = check_claim_rows(rows, path, source)
    return to_frame(rows)


def load_exclusions(source: Source | None = None, path: Path | None = None) -> pd.DataFrame:
    source = source or load_source()
    rows, path = load_resource("mention_exclusions", path)
    for row in rows:
        if row["mention"] not in row["context"]:
            raise DataError(display_path(path), row["_row"], "context",
                            f"the context does not contain the mention {row['mention']!r}")
        if row["context"] not in source.text:
            raise DataError(display_path(path), row["_row"], "context",
                            f"the context is not in the source: {row['context']!r}")
    return to_frame(rows)
