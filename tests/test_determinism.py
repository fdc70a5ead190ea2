"""Executing every notebook twice gives identical outputs (apart from the nbval sanitize patterns)."""
import configparser
import re

import nbformat
import pytest

from factcheck import PROJECT_ROOT
from factcheck.build.execute import execute_notebook, merge_streams

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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_two_executions_give_identical_outputs(path):
    # execute_notebook merges stream outputs: whether two print() calls arrive as
    # one message or two is kernel timing, not a difference in what was printed.
    first, second = _outputs(execute_notebook(path)), _outputs(execute_notebook(path))
    assert len(first) == len(second) and first, path.name
    for index, (a, b) in enumerate(zip(first, second)):
        assert a == b, f"{path.name}: code cell {index} differs between two runs"


def test_split_and_joined_prints_merge_to_the_same_output():
    from nbformat.v4 import new_output
    split = [new_output("stream", name="stdout", text="135 mentions\n"),
             new_output("stream", name="stdout", text="accounted for: 100%\n")]
    joined = [new_output("stream", name="stdout", text="135 mentions\naccounted for: 100%\n")]
    assert merge_streams(split) == merge_streams(joined)
    # Different streams, or a stream after another output, stay apart.
    mixed = [new_output("stream", name="stdout", text="a\n"),
             new_output("stream", name="stderr", text="b\n"),
             new_output("execute_result", data={"text/plain": "1"}, execution_count=1),
             new_output("stream", name="stderr", text="c\n")]
    assert [o.get("name") for o in merge_streams(mixed)] == ["stdout", "stderr", None, "stderr"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_committed_notebooks_carry_no_clock_times(path):
    notebook = nbformat.read(path, as_version=4)
    timed = [index for index, cell in enumerate(notebook.cells) if "execution" in cell.metadata]
    assert timed == [], f"{path.name}: cells {timed} record execution times; run `make notebooks`"
