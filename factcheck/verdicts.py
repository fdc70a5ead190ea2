"""The verdict scale, the verdict table and the reference tables.

The scale is documented for readers in book/methodology.md; VERDICTS here is the
one place its ids, names and order are defined.
"""
from __future__ import annotations

import csv
import fcntl
import io
import os
from decimal import Decimal
from pathlib import Path

import pandas as pd

from . import DATA_DIR, DataError
from .registry import check_figure_value, display_path, load_claims, load_resource, to_frame
from .source import Source, load_source

# id -> (name, one-line meaning), in the order the book shows them.
VERDICTS = {
    "matches-official": ("Matches an official source",
                         "An official page, or an official repost of it, states the same figure or fact."),
    "corroborated": ("Corroborated by a secondary copy",
                     "A copy of an official statement on a third-party site agrees; the official page itself was not available to us."),
    "adds-up": ("Adds up",
                "The article's own numbers agree with each other; no outside source confirms the figure itself."),
    "misleading": ("Misleading comparison or wording",
                   "The number may be right, but the comparison or the words around it lead a reader to a wrong idea."),
    "inconsistent": ("Inconsistent within the article",
                     "The article says two things that cannot both be true."),
    "contradicted": ("Contradicted",
                     "A reliable source says something different."),
    "unverifiable": ("Unverifiable",
                     "No reliable public source was found; the verdict says what data would settle it."),
}
VERDICT_COLOURS = {
    "matches-official": "#009E73", "corroborated": "#56B4E9", "adds-up": "#0072B2",
    "misleading": "#E69F00", "inconsistent": "#CC79A7", "contradicted": "#D55E00",
    "unverifiable": "#999999",
}
GRADES = {
    "official": "Official: the issuing body's own page",
    "official-repost": "Official repost: a government or official-media page carrying the official text",
    "aggregator": "Aggregator: a third-party copy",
}
RECORD_ENV = "FACTCHECK_RECORD_DERIVED"
VERDICTS_PATH = DATA_DIR / "verdicts.csv"


def parse_derived(text: str | None) -> dict[str, Decimal]:
    if not text:
        return {}
    pairs = (item.split("=", 1) for item in text.split(";"))
    return {name: Decimal(value) for name, value in pairs}


def format_derived(values: dict[str, float | int | Decimal]) -> str:
    return ";".join(f"{name}={round_derived(value)}" for name, value in values.items())


def round_derived(value) -> str:
    """Derived values are kept to two decimals: enough for a rate or a per-unit figure."""
    number = Decimal(str(value)).quantize(Decimal("0.01"))
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def load_reference_figures() -> pd.DataFrame:
    """Reference figures joined to their sources; each figure read back from its quote."""
    sources, sources_path = load_resource("reference_sources")
    figures, figures_path = load_resource("reference_figures")
    by_id = {row["source_id"]: row for row in sources}
    for row in figures:
        n = row["_row"]
        if row["source_id"] not in by_id:
            raise DataError(display_path(figures_path), n, "source_id",
                            f"{row['source_id']!r} is not in reference/sources.csv")
        if row["figure"] is not None:
            if row["figure"] not in row["quote"]:
                raise DataError(display_path(figures_path), n, "figure",
                                f"{row['figure']!r} does not occur in the quote")
            check_figure_value(figures_path, n, row["figure"], row["value"])
        elif row["value"] is not None:
            raise DataError(display_path(figures_path), n, "figure", "a value needs the figure as quoted")
    source_frame = to_frame(sources).rename(columns={"note": "source_note"})
    return to_frame(figures).merge(source_frame, on="source_id", how="left")


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
        for ref in (row["references"] or "").split(";"):
            if ref and ref not in figure_ids:
                raise DataError(display_path(path), n, "references",
                                f"{ref!r} is not in reference/figures.csv")
        if row["verdict"] in ("matches-official", "corroborated", "contradicted") and not row["references"]:
            raise DataError(display_path(path), n, "references",
                            f"a verdict of {row['verdict']} must cite a reference")
        if row["verdict"] == "unverifiable" and not row["would_settle"]:
            raise DataError(display_path(path), n, "would_settle",
                            "an unverifiable claim must say what data would settle it")
    # Every column is text; an empty cell is the empty string, not a missing float.
    return to_frame(rows).fillna("")


def record_derived(claim_id: str, values: dict, path: Path = VERDICTS_PATH) -> None:
    """Write computed derived values into verdicts.csv (only under `make derived`).

    Chapters may run side by side, so the read-modify-write holds a lock.
    """
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _rewrite_derived(claim_id, values, path)
    path.with_suffix(".lock").unlink(missing_ok=True)


def _rewrite_derived(claim_id: str, values: dict, path: Path) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        fieldnames = list(rows[0])
    for row in rows:
        if row["claim_id"] == claim_id:
            row["derived"] = format_derived(values)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    # Write beside, then rename: a chapter reading the table never sees it half written.
    partial = path.with_suffix(".partial")
    partial.write_text(buffer.getvalue(), encoding="utf-8")
    partial.replace(path)


def recording() -> bool:
    return os.environ.get(RECORD_ENV) == "1"
