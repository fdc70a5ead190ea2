"""The rule for what a chapter's page shows of its code (a helper of tests/test_cell_tags.py).

- A cell that only displays a claim box, a verdict, the opening of the claims without a figure,
  the chapter's ending, the highlighted article, or a table of a frame made before, shows its
  output alone: `remove-input`. A verdict given values computed before (`gap=gap`), or one card
  for the figures of one sentence given theirs, is display too: its card's working lists each
  value, and the cell that computed it folds its code.
- A cell that draws a chart, or computes something and ends by showing a data table or a
  verdict, folds its code behind a toggle and shows what it draws: `hide-input`.
  Such a cell prints nothing: printed working would show, in English, in both editions.
- A cell that only sets the chapter up (imports, the chart theme, the chapter's data or the
  article's text) and shows nothing is no working a reader could want: it leaves the page,
  `remove-cell`.
- Everything else is working: its code and what it prints fold together behind one toggle,
  `hide-cell`, one click away.
The notebooks keep every cell, and JupyterLab shows them all; only the rendered page follows the
tags.
"""
from __future__ import annotations

import ast
import re

VEGALITE = "application/vnd.vegalite.v5+json"
DISPLAY_ONLY = re.compile(r"""chapter\.(?:claim|verdict)\(\s*["'][a-z0-9-]+["'](?:,\s*discussed=True)?\s*\)"""
                          r"""|chapter\.without_figure\((?:\s*["'][a-z0-9-]+["'],?)+\s*\)"""
                          r"|chapter\.ending\([^()]*\)|article_html\(source\)")
FOLD_TAGS = {"remove-cell", "remove-input", "hide-input", "hide-cell"}
# What a cell's last statement shows to the reader, with its code folded.
SHOWN_LAST = ("data_table", "verdict", "verdicts_of_one_sentence")


def _source(cell) -> str:
    source = cell["source"]
    return ("".join(source) if isinstance(source, list) else source).strip()


def _last_call(source: str) -> str | None:
    """The name of the function the cell's last statement calls (`charts.data_table` -> data_table)."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return None
    last = body[-1] if body else None
    if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call):
        function = last.value.func
        return getattr(function, "attr", getattr(function, "id", None))
    return None


def _is_setup(cell) -> bool:
    """Imports, `charts.setup()` and names bound to the chapter or its tables, showing nothing."""
    try:
        body = ast.parse(_source(cell)).body
    except SyntaxError:
        return False

    def setting_up(statement) -> bool:
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            return True
        if isinstance(statement, ast.Expr):
            return ast.unparse(statement.value) == "charts.setup()"
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call):
            called = ast.unparse(statement.value.func)
            return called in ("Chapter", "load_source") or called.startswith("chapter.references.")
        return False
    return bool(body) and not cell.get("outputs") and all(map(setting_up, body))


def _made_before(value) -> bool:
    """A name, a string, or a name's columns picked by a list of strings (`frame[["a", "b"]]`)."""
    if isinstance(value, ast.Name) or (isinstance(value, ast.Constant) and isinstance(value.value, str)):
        return True
    return (isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name)
            and isinstance(value.slice, ast.List)
            and all(isinstance(item, ast.Constant) and isinstance(item.value, str)
                    for item in value.slice.elts))


def _shows_what_was_made_before(source: str) -> bool:
    """One call of chapter.verdict or charts.data_table whose arguments are names and strings (or
    columns of a named frame): it computes nothing, so its code is no working a reader could want."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    if len(body) != 1 or not isinstance(body[0], ast.Expr) or not isinstance(body[0].value, ast.Call):
        return False
    call = body[0].value
    called = ast.unparse(call.func)
    values = [*call.args, *(keyword.value for keyword in call.keywords)]
    if called == "chapter.verdicts_of_one_sentence" and len(values) == 1 and isinstance(values[0], ast.Dict):
        # {"claim": dict(name=value, ...), ...}: each figure's values, each made before.
        figures = values[0]
        return all(isinstance(key, ast.Constant) and isinstance(value, ast.Call)
                   and ast.unparse(value.func) == "dict" and not value.args
                   and all(_made_before(keyword.value) for keyword in value.keywords)
                   for key, value in zip(figures.keys, figures.values, strict=True))
    plain = all(map(_made_before, values))
    return called in ("chapter.verdict", "charts.data_table") and plain


def expected_tags(cell) -> set[str]:
    if cell["cell_type"] != "code":
        return set()
    source = _source(cell)
    if _is_setup(cell):
        return {"remove-cell"}
    if DISPLAY_ONLY.fullmatch(source) or _shows_what_was_made_before(source):
        return {"remove-input"}
    draws = any(VEGALITE in output.get("data", {}) for output in cell.get("outputs", []))
    if draws or _last_call(source) in SHOWN_LAST:
        return {"hide-input"}
    return {"hide-cell"}


def prints(cell) -> bool:
    return any(output.get("output_type") == "stream" for output in cell.get("outputs", []))


def fold_tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", [])) & FOLD_TAGS
