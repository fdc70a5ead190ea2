"""The reference figures (data/reference/figures.csv) joined to their sources.

Every figure that has a number is read back from its quote, as claims are; a
reference may also register a second figure from the same quote (a count of
schools beside a count of bases, say) as a row of its own.
"""
from __future__ import annotations

import pandas as pd

from . import DataError
from .tables import check_figure_value, display_path, load_resource, to_frame

GRADES = {
    "official": "Official: the issuing body's own page",
    "official-repost": "Official repost: a government or official-media page carrying the official text",
    "aggregator": "Aggregator: a third-party copy",
}
GRADES_ZH = {
    "official": "官方：发布机构自己的页面",
    "official-repost": "官方转载：转载官方原文的政府或官方媒体页面",
    "aggregator": "聚合网站：第三方转载",
}


def load_sources() -> dict[str, dict]:
    """The sources of data/reference/sources.csv by id: title, publisher (and publisher_zh), url."""
    sources, _ = load_resource("reference_sources")
    return {row["source_id"]: row for row in sources}


def load_reference_figures() -> pd.DataFrame:
    """Reference figures joined to their sources; each figure read back from its quote."""
    sources, _ = load_resource("reference_sources")
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

