"""One look for every chart, drawn offline in the book and natively in JupyterLab.

:func:`setup` (a chapter's first cell calls it) registers and enables two things in
Altair, and nothing is changed by importing this module:

- the theme ``factcheck``: a font stack that covers Chinese, readable sizes and
  the Okabe-Ito colour-blind safe palette;
- the renderer ``factcheck``. A chart's output holds only its Vega-Lite spec, in the
  language outputs are made in (:mod:`factcheck.render.language`; in Chinese the spec's
  words are translated, :func:`translate_spec`), under the Vega-Lite mimetype that
  JupyterLab draws natively and offline, and a ``text/plain`` line. There is
  deliberately no ``text/html``: JupyterLab ranks ``text/html`` above its Vega
  renderer, and an HTML output would hide the chart there. The output holds no id,
  counter, clock or random number, so a rerun gives byte-identical outputs and nbval
  compares them strictly.

In the book, ``factcheck.book.drawing`` draws that Vega-Lite spec as SVG at build time (with the
pinned Vega-Lite and vl-convert), which the page shows with no script; ``factcheck.book.vega``
puts it in a ``<div class="factcheck-chart">`` that carries the chart's ``description`` as its
``aria-label``, and makes a chart with a selection live when the reader presses it. The div's
id is the chart's number on the page and a short sha256 of its Vega-Lite spec.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
from typing import Any

import altair as alt
import pandas as pd

from .blocks import HTMLBlock
from .i18n import gettext_zh, localised, needs_translation, to_chinese, translation
from .language import is_chinese
from .numbers import format_float, format_float_zh, format_number

__all__ = ["bars", "data_table", "describe", "fit", "localised", "setup", "translate_spec"]

THEME = "factcheck"
RENDERER = "factcheck"

# WenQuanYi Micro Hei first: it is the font the book is built and tested with (the Makefile installs
# it), so a chart is laid out the same whether or not the machine also has Noto CJK, whose Latin
# letters are wider. A reader without it gets the next CJK font they have.
FONT = ("WenQuanYi Micro Hei, Noto Sans CJK SC, Source Han Sans SC, PingFang SC, "
        "Microsoft YaHei, sans-serif")

# Okabe & Ito (2008), "Color Universal Design": distinguishable under the common
# forms of colour blindness. Black is left out; it reads as text.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
           "#F0E442"]
PRIMARY = PALETTE[0]
# Sequential ramp for ordered data, light to dark in the palette's blue.
RAMP = ["#deebf7", "#9ecae1", "#4292c6", "#08519c"]
# The narrowest page the book is read on is a phone's, 390 px wide with about 340 px
# for a chart: an axis label may take half of it, a legend label most of it.
LABEL_LIMIT = 170
LEGEND_LABEL_LIMIT = 240
# Vega never wraps an axis label: a long one was cut to "Registered (hukou) popula…". Each is
# broken into lines well inside LABEL_LIMIT at 13 px, with room for a browser's font being wider
# than the one the drawing measured: Chinese after 11 characters (fewer, rather than split a
# number such as 99.13%), other text at a space within 20 characters (a longer word is cut at 20).
# label_lines() counts the lines the same way, so a bar chart can give each label the height it
# needs.
# The characters that break anywhere, for axis labels here and for titles in factcheck.book.drawing.
CJK_CHARACTERS = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f"
_CJK_LABEL = f"[{CJK_CHARACTERS}]"
_CJK_LINE = r"(.{1,11})(?![0-9.%])(?!.$)|(.{1,11})"
_LATIN_LINE = r"(.{1,20})(\s+|$)|(\S{20})"
# In a Vega string a backslash is itself escaped: the Latin pattern's \\s is written \\\\s.
_LATIN_LINE_IN_VEGA = _LATIN_LINE.replace("\\", "\\\\")
WRAPPED_LABEL = (f"test(regexp('{_CJK_LABEL}'), datum.label)"
                 f" ? split(trim(replace(datum.label, regexp('{_CJK_LINE}', 'g'), '$1$2\\n')), '\\n')"
                 f" : split(trim(replace(datum.label, regexp('{_LATIN_LINE_IN_VEGA}', 'g'),"
                 f" '$1$3\\n')), '\\n')")
LABEL_LINE_HEIGHT = 15


def label_lines(label: str) -> int:
    """How many lines WRAPPED_LABEL breaks an axis label into."""
    text = str(label)
    chinese = re.search(_CJK_LABEL, text)
    pattern = re.compile(_CJK_LINE if chinese else _LATIN_LINE)
    return max(1, len([match for match in pattern.finditer(text) if match.group(0).strip()]))


FIT_WIDTH = "container"


def fit(chart):
    """A unit or layer chart that takes its container's width (see the theme's autosize)."""
    return chart.properties(width=FIT_WIDTH)


def factcheck_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "background": "white",
            "padding": 8,
            # Every chart takes the width of its container (a phone's or a desktop's page):
            # unit and layer charts say width "container" (`bars`, `fit`), and the plot
            # shrinks so that axes, labels and legends fit inside that width too. The height
            # stays the plot's own ("fit-x"), so a legend below never squeezes the plot.
            # Concatenated and faceted charts cannot fit in Vega-Lite: the book sizes their
            # views (factcheck.book.drawing).
            "autosize": {"type": "fit-x", "contains": "padding"},
            "view": {"continuousWidth": 480, "continuousHeight": 300, "stroke": None},
            "title": {"fontSize": 16, "fontWeight": "bold", "anchor": "start",
                      "subtitleFontSize": 13, "subtitleColor": "#444444",
                      "offset": 12},
            "axis": {"labelFontSize": 13, "titleFontSize": 13, "titleFontWeight": "normal",
                     "labelColor": "#222222", "titleColor": "#222222",
                     "gridColor": "#e5e5e5", "domainColor": "#888888",
                     "tickColor": "#888888", "labelLimit": LABEL_LIMIT,
                     "labelExpr": WRAPPED_LABEL, "labelLineHeight": LABEL_LINE_HEIGHT,
                     # An axis drops a label that would come within 4 px of another (a
                     # narrow chart has room for fewer labels than its ticks).
                     "labelOverlap": True, "labelSeparation": 4},
            # Legends go below the plot, one entry a line, so a narrow screen keeps the
            # plot's width and shows every entry.
            "legend": {"labelFontSize": 13, "titleFontSize": 13, "orient": "bottom",
                       "direction": "vertical", "titleFontWeight": "normal",
                       "labelLimit": LEGEND_LABEL_LIMIT},
            "header": {"labelFontSize": 13, "titleFontSize": 14},
            "text": {"fontSize": 13},
            "mark": {"color": PRIMARY},
            "bar": {"color": PRIMARY},
            "line": {"color": PRIMARY, "strokeWidth": 2},
            "point": {"color": PRIMARY, "size": 60, "filled": True},
            "rule": {"color": "#444444"},
            "range": {"category": PALETTE, "ordinal": RAMP, "ramp": RAMP,
                      "heatmap": RAMP},
        }
    }


# ---------------------------------------------------------------- renderer

# Altair 6's own Vega-Lite mimetype is "application/vnd.vegalite.v6.json". It ends
# in ".json", not "+json", so nbformat refuses its JSON object: a notebook that
# holds it fails validation (nbclient stops the build). Stock JupyterLab 4 draws
# the "+json" Vega-Lite 5 type with its bundled Vega-Lite 5, which reads the
# specs Altair 6 writes; the book draws them with Vega-Lite 6 (factcheck.book.vega).
VEGALITE_MIME_TYPE = "application/vnd.vegalite.v5+json"


def canonical_json(spec: dict) -> str:
    """The spec as JSON with sorted keys and no spaces: equal specs, equal text."""
    return json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chart_id(spec: dict, number: int) -> str:
    """``chart-<number on the page>-<12 hex digits of the spec's sha256>``."""
    digest = hashlib.sha256(canonical_json(spec).encode("utf-8")).hexdigest()[:12]
    return f"chart-{number}-{digest}"


def label(spec: dict) -> str:
    """What a screen reader says for the chart: its description, else its title."""
    description = spec.get("description")
    if isinstance(description, str) and description.strip():
        return description.strip()
    return title_label(spec)


def title_label(spec: dict) -> str:
    """The chart named by its title: "Chart: <title>", or "Chart"."""
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(str(t) for t in title)
    if isinstance(title, str) and title.strip():
        return f"Chart: {title.strip()}"
    return "Chart"


# A view of a faceted, repeated or side-by-side chart cannot take its container's width in
# Vega-Lite (a vertical stack, vconcat, can): it is stored at this width, and the book draws it
# narrower or wider until the whole chart fits the page (factcheck.book.drawing).
COMPOSITE_KEYS = ("hconcat", "concat", "facet", "repeat")
COMPOSITE_VIEW_WIDTH = 300


def is_composite(spec: dict) -> bool:
    return any(key in spec for key in COMPOSITE_KEYS)


# A notebook output draws at this width in JupyterLab (its usual column is wider). The
# book fits the same chart to its page: the paths of the widths that were "container" are
# kept in the spec's usermeta, and `book_spec` restores them.
NOTEBOOK_WIDTH = 560
_NOTEBOOK_META = "factcheck"


def _whole_numbers(node):
    """Floats that are whole as ints: JupyterLab saves 1493.0 as 1493, so a stored 1493.0
    would change on every save."""
    if isinstance(node, float) and node.is_integer():
        return int(node)
    if isinstance(node, dict):
        return {key: _whole_numbers(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_whole_numbers(item) for item in node]
    return node


def _paths(node, wanted, path=()) -> list[list]:
    """The paths of the dicts in `node` for which `wanted(dict)` holds."""
    found = []
    if isinstance(node, dict):
        if wanted(node):
            found.append(list(path))
        for key, value in node.items():
            found += _paths(value, wanted, path + (key,))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _paths(item, wanted, path + (index,))
    return found


def _at(node, path: list):
    for key in path:
        node = node[key]
    return node


def notebook_spec(spec: dict) -> dict:
    """The spec as a notebook stores it, for JupyterLab's own Vega-Lite renderer.

    - No "width": "container": in JupyterLab's output area, a chart that takes its
      container's width widens the container, which widens the chart, and the page hangs
      (a faceted chart fitted to a width hangs it too).
    - No link encodings (``href``): JupyterLab's renderer turns a relative link into a
      file download address, so a claim link there would replace JupyterLab with a 404.
    - No "$schema": JupyterLab's Vega-Lite 5 warns about Altair's v6 schema on every chart;
      the book compiles with the pinned Vega-Lite 6 whatever the spec says.
    - Whole floats as ints (see `_whole_numbers`).
    What the book needs back is kept in the spec's usermeta, for `book_spec`.
    """
    stored = _whole_numbers({key: value for key, value in spec.items() if key != "$schema"})
    composite = is_composite(stored)
    widths = _paths(stored, lambda node: node.get("width") == FIT_WIDTH)
    for path in widths:
        _at(stored, path)["width"] = COMPOSITE_VIEW_WIDTH if composite else NOTEBOOK_WIDTH
    links = [[path, _at(stored, path).pop("href")]
             for path in _paths(stored, lambda node: "href" in node and isinstance(node["href"], dict))]
    if composite:
        # Sized by its views: the book's page fits them to its width.
        stored["autosize"] = {"type": "pad"}
    if widths or links:
        stored["usermeta"] = {**stored.get("usermeta", {}),
                              _NOTEBOOK_META: {"container_widths": widths, "links": links}}
    return stored


def book_spec(stored: dict) -> dict:
    """The spec the book draws: a stored notebook spec with its widths and links restored."""
    spec = json.loads(json.dumps(stored))
    meta = spec.get("usermeta", {}).pop(_NOTEBOOK_META, {})
    if "usermeta" in spec and not spec["usermeta"]:
        del spec["usermeta"]
    for path in meta.get("container_widths", []):
        _at(spec, path)["width"] = FIT_WIDTH
    for path, link in meta.get("links", []):
        _at(spec, path)["href"] = link
    return spec


# ---------------------------------------------------------------- the Chinese spec

# Keys whose string values are Vega-Lite's own words (mark types, operations, orientations,
# names of datasets and parameters, colours, formats), never text a reader reads: a column
# named "count" must not turn the aggregate "count" into Chinese.
STRUCTURAL_KEYS = frozenset({
    "$schema", "type", "mark", "aggregate", "op", "orient", "align", "baseline", "anchor",
    "labelAlign", "labelAnchor", "labelOrient", "labelBaseline", "fontWeight", "labelFontWeight",
    "titleFontWeight", "subtitleFontWeight", "fontStyle", "cursor", "stack", "timeUnit", "direction",
    "contains", "interpolate", "format", "formatType", "name", "param", "font", "color", "fill",
    "stroke", "range", "scheme", "shape", "strokeCap", "strokeJoin", "bind", "clear", "on",
    "encodings", "resolve", "background", "padding", "autosize", "config", "href",
})
# Keys whose strings are Vega expressions: their string literals and the fields they read
# (datum.name, datum['name']) are translated; the expression itself is not.
EXPRESSION_KEYS = frozenset({"test", "expr", "filter", "calculate", "labelExpr"})
_EXPRESSION_PARTS = re.compile(r"""datum\.([A-Za-z_$][\w$]*)|datum\[(["'])(.*?)\2\]|(["'])(.*?)\4""")


def _quoted(text: str, quote: str) -> str:
    return quote + text.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote


def _translate_expression(expression: str, fields: bool = True) -> str:
    def replace(match: re.Match) -> str:
        if match.group(1) is not None:
            chinese = translation(match.group(1)) if fields else None
            return f"datum[{_quoted(chinese, chr(39))}]" if chinese else match.group(0)
        if match.group(3) is not None:
            chinese = translation(match.group(3)) if fields else None
            return f"datum[{_quoted(chinese, match.group(2))}]" if chinese else match.group(0)
        chinese = translation(match.group(5))
        return _quoted(chinese, match.group(4)) if chinese else match.group(0)
    return _EXPRESSION_PARTS.sub(replace, expression)


def _translate_row(row):
    """A row of inline data: its field names (the keys) and its text values. Two fields that
    would get the same Chinese name are refused: the Chinese chart would merge them."""
    if not isinstance(row, dict):
        return _translate(row, None)
    translated = {to_chinese(key): to_chinese(value) for key, value in row.items()}
    if len(translated) != len(row):
        names = [to_chinese(key) for key in row]
        raise ValueError(f"fields of a chart's data share a Chinese name: "
                         f"{[key for key in row if names.count(to_chinese(key)) > 1]}")
    return translated


def _translate(node, key):
    if isinstance(node, dict):
        out = {}
        for name, value in node.items():
            if name == "datasets" and isinstance(value, dict):
                out[name] = {dataset: [_translate_row(row) for row in rows]
                             for dataset, rows in value.items()}
            elif name in ("values", "value") and isinstance(value, list):
                # Inline data rows, or the rows a selection starts with: keys are field names.
                out[name] = [_translate_row(row) for row in value]
            else:
                out[name] = _translate(value, name)
        return out
    if isinstance(node, list):
        return [_translate(item, key) for item in node]
    if isinstance(node, str):
        if key in STRUCTURAL_KEYS:
            return node
        if key in EXPRESSION_KEYS:
            # In a label expression datum.label and datum.value are the axis's, not fields.
            return _translate_expression(node, fields=key != "labelExpr")
        return to_chinese(node)
    return node


def translate_spec(spec: dict) -> dict:
    """The chart in Chinese: every string of `spec` that has a Chinese translation
    (:func:`factcheck.render.i18n.translation`) replaced by it, nothing else changed.

    Text values are translated wherever a reader sees them or a field is named: titles,
    descriptions, data values, and the field names in the data rows' keys, in encodings,
    sort lists, scale domains and selections alike, so the Chinese chart reads the same
    fields as the English one. Vega-Lite's own words (:data:`STRUCTURAL_KEYS`) are kept.
    """
    return _translate(spec, None)


def factcheck_renderer(spec: dict, **metadata) -> tuple[dict, dict]:
    """Altair renderer: the spec, in the current language, under the Vega-Lite mimetype, and a
    line of text."""
    spec = translate_spec(spec) if is_chinese() else spec
    bundle = {
        VEGALITE_MIME_TYPE: notebook_spec(spec),
        # The title only: the description is in the spec, and would be stored twice.
        "text/plain": f"<factcheck chart: {title_label(spec)}>",
    }
    return bundle, {}


def setup(shell=None) -> None:
    """Make a chapter's charts and tables look the book's way; a chapter's first cell calls it.

    Registers and enables the theme and the renderer, writes a table's numbers as the data
    tables do (never "21.0" for a count), and, in a running IPython kernel, shows a DataFrame
    in the current language (:func:`translate_frame`)."""
    alt.theme.register(THEME, enable=True)(factcheck_theme)
    alt.renderers.register(RENDERER, factcheck_renderer)
    alt.renderers.enable(RENDERER)
    pd.set_option("display.float_format", format_float)
    _show_frames_in_the_current_language(shell)


# ---------------------------------------------------------------- tables

# Columns that hold the English rendering of the Chinese beside them: the Chinese table leaves
# them out, as the Chinese claim box leaves out the English of its quote.
ENGLISH_ONLY_COLUMNS = ("english", "gloss")


def _translate_labels(index: pd.Index, *, strict: bool = False) -> pd.Index:
    renamed = index.map(lambda value: to_chinese(value, strict=strict) if isinstance(value, str)
                        else value)
    return renamed.set_names([to_chinese(name) for name in index.names])


def translate_frame(df: pd.DataFrame, *, strict_columns: bool = False) -> pd.DataFrame:
    """The frame in Chinese: column names, index labels and text cells translated where a
    translation is known (:func:`factcheck.render.i18n.to_chinese`); numbers unchanged;
    the English-only columns left out. With `strict_columns`, a column without Chinese raises
    MissingTranslation, naming it."""
    frame = df.drop(columns=[c for c in ENGLISH_ONLY_COLUMNS if c in df.columns])
    frame = frame.copy()
    for position in range(frame.shape[1]):
        cells = frame.iloc[:, position]
        if cells.dtype == bool:
            frame.isetitem(position, cells.map(lambda value: gettext_zh(str(value))))
        elif pd.api.types.is_object_dtype(cells) or pd.api.types.is_string_dtype(cells):
            frame.isetitem(position, cells.map(lambda value: to_chinese(value) if isinstance(value, str)
                                               else value))
    frame.columns = _translate_labels(frame.columns, strict=strict_columns)
    frame.index = _translate_labels(frame.index)
    return frame


def _frame_html(frame: pd.DataFrame) -> str:
    """A frame a cell shows, in the book's table markup, cut to pandas' display limits: pandas'
    own notebook HTML carries a <style scoped>, which HTML does not allow."""
    limits = {"max_rows": pd.get_option("display.max_rows"),
              "max_cols": pd.get_option("display.max_columns"),
              "show_dimensions": pd.get_option("display.show_dimensions")}
    # pandas' row numbers (0, 1, 2...) mean nothing to a reader; an index that names rows is kept.
    numbered = isinstance(frame.index, pd.RangeIndex) and frame.index.name is None
    return _table(translate_frame(frame) if is_chinese() else frame, None, not numbered, None, **limits)


# The space pandas indents its HTML with, between two tags: it means nothing to a browser, and
# would be a third of a stored table's bytes.
_BETWEEN_TAGS = re.compile(r">\s+<")


def compact(markup: str) -> str:
    """HTML without the whitespace between its tags."""
    return _BETWEEN_TAGS.sub("><", markup)


def _show_frames_in_the_current_language(shell=None) -> None:
    """In a running IPython kernel, a DataFrame a cell shows is drawn as a book table in the current
    language; outside IPython, nothing is done."""
    from IPython import get_ipython

    shell = shell or get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, _frame_html)


def data_table(df: pd.DataFrame, caption: str | None = None, *, index: bool = False,
               summary: str | None = None) -> HTMLBlock:
    """The numbers behind a chart, as a small HTML table, for readers who do not read charts;
    in the current language (in Chinese: :func:`translate_frame`, caption and summary translated).

    ``summary`` wraps the table in a ``<details>`` element that is closed by default.
    The markup is plain ``DataFrame.to_html``: deterministic, no generated ids.
    """
    if is_chinese():
        # A table readers are shown names its columns in Chinese, or the run stops, naming one.
        return HTMLBlock(_table(translate_frame(df, strict_columns=True), to_chinese(caption), index,
                                to_chinese(summary)))
    return HTMLBlock(_table(df, caption, index, summary))


def _table(df: pd.DataFrame, caption: str | None, index: bool, summary: str | None,
           **limits) -> str:
    markup = compact(df.to_html(index=index, border=0, classes="factcheck-table", escape=True,
                                na_rep="–", float_format=format_float_zh if is_chinese() else format_float,
                                **limits))
    # A table wider than the page scrolls on its own (factcheck.css): focusable, so a keyboard
    # can scroll it too.
    markup = markup.replace("<table ", '<table tabindex="0" ', 1)
    if caption:
        opening_end = markup.index(">") + 1
        markup = (markup[:opening_end] + f"<caption>{html.escape(caption)}</caption>"
                  + markup[opening_end:])
    if summary:
        markup = (f"<details class=\"factcheck-data\">\n<summary>{html.escape(summary)}</summary>\n"
                  f"{markup}\n</details>")
    return markup


# ---------------------------------------------------------------- descriptions

def _number(value, format: str | None = None) -> str:
    """A value as the chart's labels show it: a d3 format with a precision ('.2f', ',.0f')
    reads the same in Python; without one, thousands separated and no trailing zeros."""
    if format and "." in format:
        return f"{value:{format}}"
    return format_number(value)


def describe(frame: pd.DataFrame, label: str | list[str], value: str, *, kind: str = "Bar chart",
             of: str | None = None, unit: str = "", units: str | None = None,
             format: str | None = None, note: str | None = None) -> str:
    """The screen-reader text of a chart, written from the rows the chart draws.

    ``"<kind> of <of>: <label> <value><unit>; ... . <note>"``: one item a row of
    ``frame``, in its order; ``label`` is a column or several (joined by spaces);
    ``unit`` is the values' unit, or ``units`` a column that holds each row's.
    Since the items come from the chart's own data, the text cannot say other
    numbers than the chart shows. ``note`` is the sentence that says what the
    numbers mean.

    In Chinese, ``kind``, ``of``, ``note``, labels and units are translated where the
    catalog (or the data) has their Chinese, and an id stays as it is. What has none stays
    English in the Chinese description, which tests/test_editions.py refuses in every chart
    of the Chinese edition.
    """
    columns = [label] if isinstance(label, str) else list(label)
    rows = frame.to_dict("records")

    def suffix(text: str, chinese: bool) -> str:
        if not text:
            return ""
        joined = text.startswith("%") or (chinese and not needs_translation(text))
        return text if joined else f" {text}"

    def items(chinese: bool) -> str:
        words = to_chinese if chinese else str
        return ("；" if chinese else "; ").join(
            " ".join(str(words(str(row[c]))) for c in columns) + " " + _number(row[value], format)
            + suffix(words(str(row[units]) if units else unit), chinese)
            for row in rows)

    pattern = "{kind} of {of}: {items}." if of else "{kind}: {items}."
    if not is_chinese():
        english = pattern.format(kind=kind, of=of, items=items(False))
        return f"{english} {note}" if note else english
    chinese = gettext_zh(pattern).format(kind=to_chinese(kind), of=to_chinese(of), items=items(True))
    return chinese + to_chinese(note) if note else chinese


# ---------------------------------------------------------------- bars

LABEL_COLOUR = "#222222"


# What a tooltip calls a column whose name is a programmer's word. Other columns are named in
# words already ("year", "schools"), and their tooltips show that name, as the Chinese chart
# shows its translation.
TOOLTIP_TITLES = {"subject": "Claim", "verdict name": "Verdict", "part title": "Part of the article",
                  "unverifiable_kind": "Why it is unverifiable"}


def titled_tooltips(fields: list) -> list:
    """Tooltip channels a reader can read: a column in :data:`TOOLTIP_TITLES` is titled in
    words, never by its name in the data ("unverifiable_kind"). Any other channel is kept."""
    return [alt.Tooltip(field, title=TOOLTIP_TITLES[field.split(":")[0]])
            if isinstance(field, str) and field.split(":")[0] in TOOLTIP_TITLES else field
            for field in fields]


def bars(frame: pd.DataFrame, category: str, value: str, *, title: str | None = None,
         subtitle: str | list[str] | None = None, of: str | None = None, unit: str = "",
         units: str | None = None, note: str | None = None, value_title: str,
         category_title: str | None = None,
         format: str | None = None, labels: bool = True, label_style: dict | None = None,
         colour: Any = alt.Undefined, scale: Any = alt.Undefined, axis: Any = alt.Undefined,
         tooltip: list | None = None, vertical: bool = False, layers: tuple = (),
         sort: list | None = None, label: str | list[str] | None = None, encode: dict | None = None,
         kind: str = "Bar chart", height: Any = None) -> alt.Chart | alt.LayerChart:
    """A bar a row of ``frame``, in the frame's order, with its value written beside it.

    ``category`` names the bars, ``value`` is their length (``vertical`` stands them
    up); rows that share a category stack, in ``sort`` order if given. The value labels
    and the description (:func:`describe`, with ``label``, default the category, ``of``,
    ``unit`` and ``note``) use one ``format``. ``encode`` adds channels to the bars.
    ``colour`` is the bars' colour encoding; ``scale`` and ``axis`` go to the value axis;
    ``layers`` are drawn on top (a rule, say). The chart takes its container's width
    (:func:`fit`). With ``title=None`` the chart carries neither title nor
    description, for a chart that is faceted and titled after.
    """
    order = list(dict.fromkeys(frame[category])) if sort is None else sort
    value_channel, category_channel = (alt.Y, alt.X) if vertical else (alt.X, alt.Y)
    position = {
        "x" if vertical else "y": category_channel(f"{category}:N", sort=order, title=category_title),
        "y" if vertical else "x": value_channel(f"{value}:Q", title=value_title, scale=scale, axis=axis),
    }
    bar = alt.Chart().mark_bar().encode(
        **position, color=colour,
        tooltip=titled_tooltips(list(frame.columns) if tooltip is None else tooltip),
        **(encode or {}))
    drawn = [bar]
    if labels:
        style = ({"dy": -8} if vertical else {"align": "left", "dx": 4}) | {"color": LABEL_COLOUR}
        text = alt.Text(f"{value}:Q", format=format) if format else alt.Text(f"{value}:Q")
        drawn.append(alt.Chart().mark_text(**(style | (label_style or {}))).encode(**position, text=text))
    drawn.extend(layers)
    if len(drawn) == 1:
        bar.data = frame
        chart = bar
    else:
        chart = alt.layer(*drawn, data=frame)
    if title is not None:
        chart = chart.properties(
            title=alt.Title(title, subtitle=subtitle) if subtitle else title,
            description=describe(frame, category if label is None else label, value, kind=kind, of=of,
                                 unit=unit, units=units, format=format, note=note))
    if not vertical:
        # Each bar as tall as its wrapped label, in either edition: a taller label than its band
        # would overlap the next one, and Vega would drop every other label.
        lines = max(max(label_lines(name), label_lines(to_chinese(str(name))))
                    for name in order)
        step = lines * LABEL_LINE_HEIGHT + 8
        if isinstance(height, alt.Step):
            # A step (a faceted chart's bars) is a band's own height: the same floor per bar.
            height = alt.Step(max(height.step, step))
        elif height is None or (isinstance(height, (int, float)) and height < len(order) * step):
            height = len(order) * step
    chart = chart if height is None else chart.properties(height=height)
    if labels and not vertical and title is not None:
        # Room on the right for the label of the longest bar, which Vega's fit leaves out, and on
        # the left for a category label that a reader's font draws a little wider than measured.
        chart = chart.properties(padding={"left": 16, "top": 8, "bottom": 8, "right": 40})
    return fit(chart)
