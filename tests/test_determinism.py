"""Executing every notebook twice gives identical outputs (apart from the nbval sanitize patterns)."""
import configparser
import re

import nbformat
import pytest
from nbclient import NotebookClient

from factcheck import PROJECT_ROOT

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))
SANITIZE = PROJECT_ROOT / "tests" / "nbval_sanitize.cfg"


def _patterns():
    config = configparser.ConfigParser()
    config.read(SANITIZE)
    return [(re.compile(config[s]["regex"]), config[s]["replace"]) for s in config.sections()]


def _outputs(notebook) -> list[str]:
    patterns = _patterns()
    texts = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        text = repr(cell.outputs)
        for regex, replace in patterns:
            text = regex.sub(replace, text)
        texts.append(text)
    return texts


def _execute(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return notebook


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_two_executions_give_identical_outputs(path):
    first, second = _outputs(_execute(path)), _outputs(_execute(path))
    assert len(first) == len(second) and first, path.name
    for index, (a, b) in enumerate(zip(first, second)):
        assert a == b, f"{path.name}: code cell {index} differs between two runs"
