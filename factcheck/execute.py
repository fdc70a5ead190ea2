"""Re-execute notebooks in place, so their committed outputs are current.

    python -m factcheck.execute notebooks/*.ipynb

`make notebooks` runs this; `make derived` runs it with FACTCHECK_RECORD_DERIVED=1,
which makes each chapter write its computed values into data/verdicts.csv
instead of asserting them (do that only after reviewing a changed input).
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    nbformat.write(notebook, path)


def main(paths: list[str]) -> int:
    for name in paths:
        execute(Path(name))
        print(f"executed {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
