"""Every chapter page reads as an argument: display calls vanish, chart and verdict code folds,
and the working (code and what it prints) folds behind one toggle (the rule is in
tests/cell_tags.py)."""
import json

import pytest
from cell_tags import expected_tags, fold_tags, prints

from factcheck import PROJECT_ROOT

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_code_cell_is_tagged_by_the_rule(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    wrong = [(number, sorted(fold_tags(cell)), sorted(expected_tags(cell)))
             for number, cell in enumerate(cells) if fold_tags(cell) != expected_tags(cell)]
    assert wrong == [], f"cell, tags, expected: {wrong}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_cell_whose_output_shows_prints_its_working(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    shown = [number for number, cell in enumerate(cells)
             if fold_tags(cell) & {"remove-input", "hide-input"} and prints(cell)]
    assert shown == [], f"cells that print beside what they show: {shown}"


@pytest.mark.parametrize("source, outputs, tags", [
    ('chapter.claim("s2-preschool-gap")', [], {"remove-input"}),
    ('chapter.verdict("lead-satisfaction")', [], {"remove-input"}),
    ('chapter.ending("Verdicts in section 2")', [], {"remove-input"}),
    ('chapter.verdict("s2-preschool-gap", reported_minus_implied_pp=gap)', [], {"remove-input"}),
    ('chapter.verdict("s2-preschool-gap", gap=a - b)', [], {"hide-input"}),
    ('chapter.verdicts_of_one_sentence({"a": dict(gap=gap), "b": dict(x=y)})', [], {"remove-input"}),
    ('chapter.verdicts_of_one_sentence({"a": dict(gap=a - b), "b": dict(x=y)})', [], {"hide-input"}),
    ("gap = chapter.value('a') - chapter.value('b')\ngap", [], {"hide-cell"}),
    ("chart", [{"data": {"application/vnd.vegalite.v5+json": {}}}], {"hide-input"}),
    ('charts.data_table(frame, "Caption", summary="The numbers")', [], {"remove-input"}),
    ('charts.data_table(frame.head(3), "Caption")', [], {"hide-input"}),
    ('frame = make()\ncharts.data_table(frame, "Caption")', [], {"hide-input"}),
    ("gap = 1\nchapter.verdict('s2-senior-gap', gap=gap)", [], {"hide-input"}),
    ("article_html(source)", [], {"remove-input"}),
    ("print(gap)", [], {"hide-cell"}),
    ('charts.data_table(frame[["a", "b"]], "Caption")', [], {"remove-input"}),
    ('charts.data_table(frame[frame["a"] > 1], "Caption")', [], {"hide-input"}),
    ('import pandas as pd\nfrom factcheck.render import charts\ncharts.setup()\nchapter = Chapter("s2")', [],
     {"remove-cell"}),
    ('import pandas as pd\nchapter = Chapter("s2")\nrate = chapter.value("s2-a")', [], {"hide-cell"}),
    ("import pandas as pd", [{"output_type": "stream", "text": "x"}], {"hide-cell"}),
])
def test_the_rule(source, outputs, tags):
    assert expected_tags({"cell_type": "code", "source": source, "outputs": outputs}) == tags
