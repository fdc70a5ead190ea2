"""`make derived`: record the values the chapters compute into data/derived.csv.

    python -m factcheck.tools.derive                    # every chapter data/parts.csv names
    python -m factcheck.tools.derive notebooks/02_lead.ipynb

Run it after a reviewed change to data/. Each chapter is executed with errors
allowed; a verdict whose computed values differ from the table shows them (an
output of type factcheck.render.chapter.DERIVED_MIME_TYPE) and fails with
DerivedValuesChanged. This command collects those values and rewrites the
changed claims' rows. Any other error stops it, naming the notebook and cell,
and nothing is written. The chapters themselves never write.
"""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

from .. import PROJECT_ROOT
from ..data.derived import write_derived
from ..data.parts import chapter_notebooks
from ..data.verdicts import load_verdicts
from ..render import language
from ..render.chapter import DERIVED_MIME_TYPE, WITHOUT_A_VERDICT, DerivedValuesChanged
from .execute import execute_notebook


class NotebookFailed(RuntimeError):
    pass


def _only_the_changed_left_without_a_verdict(output: dict, changes: dict) -> bool:
    """The chapter's ending (Chapter.finish) fails for the claims whose verdict cell stopped on
    changed values: a consequence of them, not another error."""
    found = re.fullmatch(rf"{re.escape(WITHOUT_A_VERDICT)}(\[.*\])", output["evalue"])
    return (output["ename"] == "AssertionError" and found is not None
            and set(ast.literal_eval(found.group(1))) <= set(changes))


def changed_values(notebook, name: str) -> dict[str, dict]:
    """The values a notebook's verdicts computed where they differ from the table."""
    changes: dict[str, dict] = {}
    for number, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if (output.get("output_type") == "error" and output["ename"] != DerivedValuesChanged.__name__
                    and not _only_the_changed_left_without_a_verdict(output, changes)):
                raise NotebookFailed(f"{name}, cell {number}: {output['ename']}: {output['evalue']}")
            payload = output.get("data", {}).get(DERIVED_MIME_TYPE)
            if payload is not None:
                changes[payload["claim_id"]] = payload["values"]
    return changes


def main(paths: list[str]) -> int:
    # The stored outputs and derived values are the English run's, whatever the shell has set.
    language.use("en")
    changes: dict[str, dict] = {}
    for name in paths or [str(PROJECT_ROOT / notebook) for notebook in chapter_notebooks()]:
        notebook = execute_notebook(Path(name), allow_errors=True)
        found = changed_values(notebook, name)
        changes.update(found)
        print(f"{name}: {len(found)} verdict(s) with changed values: {sorted(found) or 'none'}")
    if changes:
        write_derived(changes, list(load_verdicts()["claim_id"]))
        print(f"data/derived.csv: rewrote the values of {len(changes)} claim(s); review the diff")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except NotebookFailed as failure:
        print(f"make derived: nothing written. {failure}", file=sys.stderr)
        sys.exit(1)
