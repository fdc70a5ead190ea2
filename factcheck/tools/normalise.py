"""The notebooks as the repository keeps them, whatever JupyterLab adds when it saves them.

JupyterLab's Vega renderer adds a PNG of every chart it draws to the output (unless
the output already has one), and a notebook saved from a server whose kernel has another
display name changes its metadata. Neither is part of the chapter. This is the git
"clean" filter for notebooks (`.gitattributes`), so `git diff` and `git add` see a chapter
opened and saved in JupyterLab exactly as committed:

    python -m factcheck.tools.normalise < saved.ipynb > committed.ipynb
    python -m factcheck.tools.normalise --install   # in a checkout: configure the filter

`make venv` runs `--install`. The stored outputs never hold a PNG of their own (the book
draws the Vega-Lite spec), so removing one beside a Vega-Lite spec loses nothing.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat

from ..render.charts import VEGALITE_MIME_TYPE

FILTER_NAME = "notebook-outputs"
# The kernel every chapter runs on, as ipykernel names it (JupyterLab writes this name).
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def normalise(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook without JupyterLab's chart PNGs, on the project's kernel (edited in place)."""
    notebook.metadata["kernelspec"] = nbformat.from_dict(KERNELSPEC)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if VEGALITE_MIME_TYPE in data:
                data.pop("image/png", None)
    return notebook


def normalise_text(text: str) -> str:
    return nbformat.writes(normalise(nbformat.reads(text, as_version=nbformat.NO_CONVERT))) + "\n"


def install(checkout: Path) -> None:
    """Configure the clean filter in the git checkout at `checkout` (its .git/config)."""
    command = f"'{sys.executable}' -m factcheck.tools.normalise"
    subprocess.run(["git", "config", f"filter.{FILTER_NAME}.clean", command],
                   cwd=checkout, check=True)


def main(argv: list[str]) -> int:
    if argv == ["--install"]:
        install(Path.cwd())
        return 0
    sys.stdout.write(normalise_text(sys.stdin.read()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
