"""The rule for what a chapter's page shows of its code (a helper of tests/test_cell_tags.py).

- A cell that only displays a claim box, a verdict with no computed values, or the chapter's
  ending shows its output alone: `remove-input`.
- A cell that draws a chart or a data table folds its code behind a toggle: `hide-input`.
- Everything else, the arithmetic a verdict rests on above all, shows its code.
The notebooks keep every cell; only the rendered page follows the tags.
"""
from __future__ import annotations

import re

VEGALITE = "application/vnd.vegalite.v5+json"
DISPLAY_ONLY = re.compile(r"""chapter\.(?:claim|verdict)\(\s*["'][a-z0-9-]+["']\s*\)"""
                          r"|chapter\.ending\([^()]*\)")
TABLE_ONLY = re.compile(r"charts\.data_table\(.*\)", re.S)


def _source(cell) -> str:
    source = cell["source"]
    return ("".join(source) if isinstance(source, list) else source).strip()


def expected_tags(cell) -> set[str]:
    if cell["cell_type"] != "code":
        return set()
    source = _source(cell)
    if DISPLAY_ONLY.fullmatch(source):
        return {"remove-input"}
    draws = any(VEGALITE in output.get("data", {}) for output in cell.get("outputs", []))
    if draws or TABLE_ONLY.fullmatch(source):
        return {"hide-input"}
    return set()


def fold_tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", [])) & {"remove-input", "hide-input"}
