"""The values chapters compute for their verdicts (data/derived.csv).

The file is generated: `make derived` (factcheck.tools.derive) writes it from
the chapters' own computations, and every run of a chapter asserts its values
against it. Nothing else writes it, and no one edits it by hand.
"""
from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from . import DATA_DIR
from .tables import load_resource

DERIVED_PATH = DATA_DIR / "derived.csv"
HEADER = ("claim_id", "name", "value")


def round_derived(value) -> str:
    """Derived values are kept to two decimals: enough for a rate or a per-unit figure."""
    number = Decimal(str(value)).quantize(Decimal("0.01"))
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def rounded(values: dict) -> dict[str, Decimal]:
    """Computed values as the table keeps them."""
    return {name: Decimal(round_derived(value)) for name, value in values.items()}


def load_derived(path: Path | None = None) -> dict[str, dict[str, Decimal]]:
    """claim id -> {name: value}, in the file's order."""
    rows, _ = load_resource("derived", path)
    table: dict[str, dict[str, Decimal]] = {}
    for row in rows:
        table.setdefault(row["claim_id"], {})[row["name"]] = row["value"]
    return table


def write_derived(changes: dict[str, dict], claim_order: list[str],
                  path: Path = DERIVED_PATH) -> None:
    """Replace the values of the claims in `changes`, keep the rest; rows follow `claim_order`."""
    table = {**load_derived(path), **{claim: rounded(values) for claim, values in changes.items()}}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for claim_id in sorted(table, key=claim_order.index):
        for name, value in table[claim_id].items():
            writer.writerow((claim_id, name, round_derived(value)))
    # Write beside, then rename: a reader never sees the file half written.
    partial = path.with_suffix(".partial")
    partial.write_text(buffer.getvalue(), encoding="utf-8")
    partial.replace(path)
