"""Re-execute notebooks in place, so their committed outputs are current.

    python -m factcheck.tools.execute notebooks/*.ipynb

`make notebooks` runs this; `make derived` runs it after recording the chapters'
computed values (factcheck.tools.derive).
"""
from __future__ import annotations

import copy
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from ..book.kernels import UnixSocketKernelManager
from ..render import language
from .normalise import normalise


def merge_streams(outputs: list) -> list:
    """Join consecutive stdout (or stderr) outputs into one.

    The kernel may deliver two print() calls as one stream message or as two,
    depending on timing; merged, the outputs are the same on every run. nbval
    merges the same way before it compares.
    """
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream"
                and previous.get("name") == output.get("name")):
            previous["text"] = _text(previous["text"]) + _text(output["text"])
        else:
            merged.append(copy.copy(output))  # merging must not edit the caller's outputs
    return merged


def _text(text) -> str:
    return "".join(text) if isinstance(text, list) else text


def execute_notebook(path: Path, *, allow_errors: bool = False):
    """Execute a copy of the notebook at `path` and return it, streams merged.

    With `allow_errors`, a cell that raises leaves its error in its outputs and
    the following cells still run.
    """
    notebook = nbformat.read(path, as_version=4)
    # record_timing=False: no clock times in the committed notebooks.
    NotebookClient(notebook, kernel_manager_class=UnixSocketKernelManager, timeout=600,
                   kernel_name="python3", record_timing=False,
                   allow_errors=allow_errors,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    normalise(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.metadata.pop("execution", None)  # times recorded by an earlier run
            cell.outputs = merge_streams(cell.outputs)
    return notebook


def execute(path: Path) -> None:
    nbformat.write(execute_notebook(path), path)


def main(paths: list[str]) -> int:
    # The stored outputs are the English edition's, whatever the shell has set.
    language.use("en")
    for name in paths:
        execute(Path(name))
        print(f"executed {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
