"""The chart helpers: a description written from the chart's own rows, labelled bars."""
import json

import altair as alt
import pandas as pd

from chart_specs import stored_specs
from factcheck.render import charts

FRAME = pd.DataFrame({"area": ["Chongzuo", "Guangxi"], "kind": ["stated", "reported"],
                      "pupils": [1588.0, 289.1], "unit": ["posts", "people"]})


def test_describe_lists_every_row_in_order_with_its_value_as_labelled():
    text = charts.describe(FRAME, "area", "pupils", of="pupils", format=",.2f", unit="people",
                           note="They differ.")
    assert text == "Bar chart of pupils: Chongzuo 1,588.00 people; Guangxi 289.10 people. They differ."


def test_describe_without_a_precision_drops_trailing_zeros_and_reads_units_per_row():
    text = charts.describe(FRAME, ["area", "kind"], "pupils", kind="Dot chart", units="unit")
    assert text == "Dot chart: Chongzuo stated 1,588 posts; Guangxi reported 289.1 people."


def test_describe_puts_a_percent_sign_right_after_the_number():
    assert charts.describe(FRAME.head(1), "area", "pupils", unit="%") == "Bar chart: Chongzuo 1,588%."


def _spec(chart):
    return chart.to_dict()


def test_bars_carry_the_description_of_their_own_data_and_a_label_per_bar():
    chart = charts.bars(FRAME, "area", "pupils", title="Pupils", subtitle="per school", of="pupils",
                        value_title="Pupils", format=".1f")
    spec = _spec(chart)
    assert spec["description"] == charts.describe(FRAME, "area", "pupils", of="pupils", format=".1f")
    bar, text = spec["layer"]
    assert bar["mark"]["type"] == "bar" and text["mark"]["type"] == "text"
    assert text["encoding"]["text"] == {"field": "pupils", "format": ".1f", "type": "quantitative"}
    assert bar["encoding"]["y"]["sort"] == ["Chongzuo", "Guangxi"]  # the frame's order
    assert bar["encoding"]["x"]["title"] == "Pupils"
    assert spec["title"] == {"text": "Pupils", "subtitle": "per school"}


def test_bars_without_labels_are_one_bar_chart_and_vertical_bars_stand_up():
    plain = _spec(charts.bars(FRAME, "area", "pupils", title="T", value_title="V", labels=False))
    assert plain["mark"]["type"] == "bar" and "layer" not in plain
    upright = _spec(charts.bars(FRAME, "area", "pupils", title="T", value_title="V", vertical=True))
    bar, text = upright["layer"]
    assert bar["encoding"]["x"]["field"] == "area" and bar["encoding"]["y"]["field"] == "pupils"
    assert text["mark"]["dy"] == -8


def test_bars_stack_rows_that_share_a_category_in_the_given_order():
    frame = pd.DataFrame({"part": ["b", "a", "b"], "verdict": ["x", "y", "y"], "claims": [1, 2, 3]})
    spec = _spec(charts.bars(frame, "part", "claims", title="T", value_title="V", labels=False,
                             sort=["a", "b"], encode={"order": alt.Order("verdict:N")}))
    assert spec["encoding"]["y"]["sort"] == ["a", "b"]
    assert spec["encoding"]["order"]["field"] == "verdict"
    unsorted = _spec(charts.bars(frame, "part", "claims", title="T", value_title="V", labels=False))
    assert unsorted["encoding"]["y"]["sort"] == ["b", "a"]


def test_untitled_bars_can_be_faceted_and_titled_after():
    chart = charts.bars(FRAME, "area", "pupils", value_title="V").facet(row="kind:N", title="T")
    spec = _spec(chart)
    assert "description" not in spec["spec"] and spec["title"] == "T"


def test_a_bar_is_never_shorter_than_its_wrapped_label_even_when_a_step_is_asked():
    """A label on two lines in a 22 px band overlapped the next, and Vega dropped both."""
    frame = pd.DataFrame({"who": ["Chongzuo, year not given (article)", "Guangxi 2021"],
                          "percent": [54.99, 52.37]})
    assert charts.label_lines(frame["who"][0]) == 2
    for asked in (alt.Step(22), 22, None):
        spec = _spec(charts.bars(frame, "who", "percent", value_title="V", height=asked))
        height = spec["height"]["step"] if isinstance(asked, alt.Step) else spec["height"] / len(frame)
        assert height >= 2 * charts.LABEL_LINE_HEIGHT, (asked, spec["height"])
    roomy = _spec(charts.bars(frame, "who", "percent", value_title="V", height=alt.Step(60)))
    assert roomy["height"] == {"step": 60}


# ---------------------------------------------------------------- stored for JupyterLab

def _stored_chart_specs():
    return stored_specs()


def test_a_stored_chart_is_one_jupyterlab_draws_and_saves_unchanged():
    """No container width (JupyterLab hangs), no link (a 404 there), no $schema (a version
    warning), no whole float (JupyterLab saves 1493.0 as 1493)."""
    def walk(node, where):
        if isinstance(node, dict):
            assert node.get("width") != charts.FIT_WIDTH, f"container width in {where}"
            assert not isinstance(node.get("href"), dict), f"link encoding in {where}"
            for value in node.values():
                walk(value, where)
        elif isinstance(node, list):
            for item in node:
                walk(item, where)
        else:
            assert not (isinstance(node, float) and node.is_integer()), f"{node!r} in {where}"

    specs = _stored_chart_specs()
    assert specs
    for where, spec in specs:
        assert "$schema" not in spec, where
        walk(spec, where)


def test_the_book_gets_back_what_the_notebook_set_aside():
    specs = _stored_chart_specs()
    restored = 0
    for where, stored in specs:
        book = charts.book_spec(stored)
        assert "factcheck" not in book.get("usermeta", {}), where
        assert charts.notebook_spec(book) == stored, where
        restored += json.dumps(book).count('"container"')
    # The unit and layer charts fit the page again, and the scorecard's links are back.
    assert restored >= len(specs) // 2
    assert any('"href"' in json.dumps(charts.book_spec(stored)) for _, stored in specs)
