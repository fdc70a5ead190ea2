"""The reference figures (data/reference/figures.csv) joined to their sources.

Every figure that has a number is read back from its quote, as claims are; a
reference may also register a second figure from the same quote (a count of
schools beside a count of bases, say) as a row of its own.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import DataError
from .tables import check_figure_value, display_path, load_resource, to_frame
from .translation import CHINESE


@dataclass(frozen=True)
class Grade:
    """How good a reference's source is: a row of data/scale/grades.csv."""
    id: str
    label: str            # a card's badge
    label_zh: str
    meaning: str
    meaning_zh: str


@lru_cache(maxsize=1)
def load_grades() -> dict[str, Grade]:
    """The grades of a source, strongest first, in both languages."""
    rows, _ = load_resource("grades")
    return {row["grade_id"]: Grade(row["grade_id"], row["label"], row["label_zh"], row["meaning"],
                                   row["meaning_zh"]) for row in rows}


def named_sources(path: Path | None = None) -> list[dict]:
    """The rows of data/reference/sources.csv (or of the copy at `path`), each named by its own
    title, our description of it, or both."""
    sources, path = load_resource("reference_sources", path)
    for row in sources:
        if not row["title"] and not row["described_as"]:
            raise DataError(display_path(path), row["_row"], "title",
                            "is empty, and so is described_as: say what the page is")
        # An English reader cannot judge a source by a title it cannot read. (A Chinese reader's
        # title_zh for a title in another language is asked for by every table's check of its
        # `_zh` columns, factcheck.data.tables.)
        if row["title"] and CHINESE.search(row["title"]) and not row["title_en"]:
            raise DataError(display_path(path), row["_row"], "title_en",
                            "is empty, but the title is in Chinese: give it in English")
    return sources


def load_sources() -> dict[str, dict]:
    """The sources of data/reference/sources.csv by id: title, described_as, publisher (each
    with its _zh), url."""
    return {row["source_id"]: row for row in named_sources()}


def load_reference_figures() -> pd.DataFrame:
    """Reference figures joined to their sources; each figure read back from its quote."""
    sources = named_sources()
    figures, figures_path = load_resource("reference_figures")
    for row in figures:
        n = row["_row"]
        if row["figure"] is not None:
            if row["figure"] not in row["quote"]:
                raise DataError(display_path(figures_path), n, "figure",
                                f"{row['figure']!r} does not occur in the quote")
            check_figure_value(figures_path, n, row["figure"], row["value"])
        elif row["value"] is not None:
            raise DataError(display_path(figures_path), n, "figure", "a value needs the figure as quoted")
    source_frame = to_frame(sources).rename(columns={"note": "source_note"})
    return to_frame(figures).merge(source_frame, on="source_id", how="left")

