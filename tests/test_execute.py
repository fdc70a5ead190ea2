"""factcheck.tools.execute: how executed outputs are normalised before they are stored.

That two executions give the same outputs is not tested here: strict nbval
(`make test`) re-executes every notebook and compares it with the stored outputs.
"""
import nbformat
import pytest
from nbformat.v4 import new_output

from factcheck import PROJECT_ROOT
from factcheck.tools.execute import merge_streams

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))


def test_split_and_joined_prints_merge_to_the_same_output():
    # Whether two print() calls arrive as one message or two is kernel timing,
    # not a difference in what was printed.
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
