"""What every chart a chapter shows must carry, read from its executed Vega-Lite spec.

A chart needs data (inline values, or a named dataset that is not empty), a title, a
description (the text screen readers read) and a title on every x or y axis it draws.
Layers, concatenations and facets are walked; a child view inherits its parent's data
and encoding, as Vega-Lite resolves them.
"""
from __future__ import annotations

import json
import re

VEGALITE = "application/vnd.vegalite.v5+json"
POSITION = ("x", "y")
COMPOSITIONS = ("layer", "hconcat", "vconcat", "concat")


def _text(value) -> str:
    if isinstance(value, dict):
        value = value.get("text")
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return (value or "").strip() if isinstance(value, str) else ""


def _rows(data, datasets: dict) -> int:
    """How many rows a `data` entry gives, or 0 when it gives none (or none is known)."""
    if not isinstance(data, dict):
        return 0
    if "values" in data:
        return len(data["values"] or [])
    if "name" in data:
        return len(datasets.get(data["name"]) or [])
    return 0


def _views(spec: dict, data=None, encoding=None):
    """Every unit view (a spec with a mark), with the data and encoding it resolves to."""
    data = spec.get("data", data)
    encoding = {**(encoding or {}), **spec.get("encoding", {})}
    if "facet" in spec and "spec" in spec:
        yield from _views(spec["spec"], data, encoding)
    if "repeat" in spec and "spec" in spec:
        yield from _views(spec["spec"], data, encoding)
    for key in COMPOSITIONS:
        for child in spec.get(key, []):
            yield from _views(child, data, encoding)
    if "mark" in spec:
        yield spec, data, encoding


CATEGORIES = ("nominal", "ordinal")


def _axis_title(channel: dict) -> str | None:
    """The title of the axis a position channel draws, "" when untitled, None when it needs none:
    it draws no axis (a constant, or axis=None), or it is a category axis whose title the
    chart's author removed on purpose (title=None: the labels name the categories)."""
    if not isinstance(channel, dict) or not ({"field", "aggregate", "datum"} & channel.keys()):
        return None
    axis = channel.get("axis", {})
    if axis is None:
        return None
    title = _text(axis.get("title")) or _text(channel.get("title"))
    suppressed = ("title" in channel and channel["title"] is None) or \
        ("title" in axis and axis["title"] is None)
    if not title and suppressed and channel.get("type") in CATEGORIES:
        return None
    return title


def _layer_titles(spec: dict, encoding=None) -> dict[int, dict[str, bool]]:
    """For each view inside a layer: whether a sibling layer settles each axis's title (layers share axes)."""
    shared = {}
    encoding = {**(encoding or {}), **spec.get("encoding", {})}
    for key in ("spec", *COMPOSITIONS):
        children = [spec[key]] if key == "spec" and isinstance(spec.get(key), dict) else spec.get(key, [])
        if not isinstance(children, list):
            continue
        for child in children:
            shared.update(_layer_titles(child, encoding))
    if "layer" in spec:
        views = list(_views(spec, None, encoding))
        # A layer titles (or, for categories, deliberately leaves untitled) the axis for all.
        titles = {name: any(name in e and _axis_title(e[name]) != "" for _, _, e in views)
                  for name in POSITION}
        shared.update({id(view): titles for view, _, _ in views})
    return shared


def chart_problems(spec: dict) -> list[str]:
    """What the chart lacks; an empty list when it has everything."""
    problems = []
    if not _text(spec.get("title")):
        problems.append("no title")
    if not _text(spec.get("description")):
        problems.append("no description")
    views = list(_views(spec))
    if not views:
        problems.append("no view with a mark")
    datasets = spec.get("datasets", {})
    shared = _layer_titles(spec)
    for index, (view, data, encoding) in enumerate(views):
        if _rows(data, datasets) == 0:
            problems.append(f"view {index} has no data")
        for name in POSITION:
            if name in encoding and _axis_title(encoding[name]) == "" \
                    and not shared.get(id(view), {}).get(name):
                problems.append(f"view {index}: the {name} axis has no title")
        tooltips = encoding.get("tooltip", [])
        for channel in tooltips if isinstance(tooltips, list) else [tooltips]:
            if _data_name(channel):
                problems.append(f"view {index}: a tooltip shows the column name {channel['field']!r}")
    return problems


def _data_name(channel) -> bool:
    """Whether a tooltip channel would show a column's name in the data as its title (a name
    charts.TOOLTIP_TITLES words for readers, or one written with underscores)."""
    from factcheck.render.charts import TOOLTIP_TITLES
    if not isinstance(channel, dict) or "field" not in channel or _text(channel.get("title")):
        return False
    return channel["field"] in TOOLTIP_TITLES or "_" in channel["field"]


def charts_in(cells: list[dict]) -> list[dict]:
    """The Vega-Lite specs among the stored outputs of `cells`, in order."""
    return [output["data"][VEGALITE]
            for cell in cells if cell["cell_type"] == "code"
            for output in cell.get("outputs", []) if VEGALITE in output.get("data", {})]


def data_tables_in(cells: list[dict]) -> int:
    """How many outputs show the numbers behind a chart (a factcheck-data block with a table)."""
    count = 0
    for cell in cells:
        for output in cell.get("outputs", []) if cell["cell_type"] == "code" else []:
            html = output.get("data", {}).get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            if 'class="factcheck-data"' in html and "<table" in html:
                count += 1
    return count


def stored_specs() -> list[tuple[str, dict]]:
    """Every chart spec stored in the chapters, with the notebook it is in."""
    import json

    from factcheck import PROJECT_ROOT
    return [(path.name, spec)
            for path in sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))
            for spec in charts_in(json.loads(path.read_text(encoding="utf-8"))["cells"])]


def _data_rows(data, datasets: dict) -> list[dict]:
    if not isinstance(data, dict):
        return []
    if "values" in data:
        return list(data["values"] or [])
    return list(datasets.get(data.get("name"), []) or [])


def drawn_values(spec: dict) -> list[float]:
    """The numbers a chart draws from its data: each quantitative x or y field, row by row, once
    per dataset and field however many layers draw it (an aggregate Vega computes, such as
    count(), is not in the data and is left out)."""
    columns = {}
    for _, data, encoding in _views(spec):
        for name in POSITION:
            channel = encoding.get(name)
            if (isinstance(channel, dict) and channel.get("type") == "quantitative"
                    and "field" in channel and "aggregate" not in channel):
                field = channel["field"].replace("\\", "")
                rows = _data_rows(data, spec.get("datasets", {}))
                columns[(json.dumps(data, sort_keys=True), field)] = [
                    row[field] for row in rows
                    if isinstance(row.get(field), (int, float)) and not isinstance(row.get(field), bool)]
    return [value for column in columns.values() for value in column]


NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def numbers_in(text: str) -> list[str]:
    """The numbers written in `text`, as written (thousands separators dropped)."""
    return [match.replace(",", "") for match in NUMBER.findall(text)]


def shown_as(value: float, written: list[str]) -> bool:
    """`value` is one of the `written` numbers, at the precision it is written to."""
    return any(round(value, len(number.partition(".")[2])) == float(number) for number in written)


def not_written(values: list[float], written: list[str]) -> list[float]:
    """The `values` left over once each is matched to a `written` number of its own (a table row
    per value: two bars of 8 need two 8s)."""
    pool, left = list(written), []
    for value in values:
        match = next((number for number in pool if shown_as(value, [number])), None)
        if match is None:
            left.append(value)
        else:
            pool.remove(match)
    return left


def charts_and_tables(cells: list[dict]) -> list[tuple[dict, str]]:
    """Each chart's spec with the data table shown after it (before the next chart)."""
    pairs, chart = [], None
    for cell in cells:
        for output in cell.get("outputs", []) if cell["cell_type"] == "code" else []:
            data = output.get("data", {})
            if VEGALITE in data:
                chart = data[VEGALITE]
                continue
            html = data.get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            if chart is not None and 'class="factcheck-data"' in html and "<table" in html:
                pairs.append((chart, html))
                chart = None
    return pairs
