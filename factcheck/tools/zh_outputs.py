"""What is still English in the Chinese run of the notebooks (a developer's tool).

    python -m factcheck.tools.zh_outputs            # the run the Chinese edition made
    python -m factcheck.tools.zh_outputs --run notebooks/*.ipynb

The Chinese edition executes the notebooks with the language set to Chinese
(factcheck.render.language) and keeps them in _build/zh/jupyter_execute. The first form
reads those and lists, most frequent first, the texts of their outputs that still have
English words in them (``factcheck.data.translation.latin_words``: ids, code and URLs do
not count). Each listed text is a msgid to add to ``locales/zh_CN/LC_MESSAGES/ui.po``, or a
data cell whose ``_zh`` column is missing.

``--run`` executes a copy of each notebook in Chinese first (nothing is written) with a
lenient catalog: a msgid the catalog lacks is used as it is instead of stopping the
notebook, and is listed, so one run shows everything that is missing.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from ..book.editions import CHINESE_EXECUTED
from ..book.kernels import UnixSocketKernelManager
from ..data.translation import latin_words
from ..render import language
from ..render.charts import VEGALITE_MIME_TYPE

# A link inside the book (a chart's href field): an address, not text.
LINK = re.compile(r"[\w./-]+\.html(?:#[\w-]+)?")
# Attributes a reader meets: a tooltip, a screen reader's label, an image's text.
READ_ATTRIBUTES = ("title", "aria-label", "alt")
# Elements whose text is not prose: code (ids, names of derived values) and scripts.
NOT_PROSE = ("code", "script", "style")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in NOT_PROSE:
            self._skip += 1
        self.texts.extend(value for name, value in attrs if name in READ_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if tag in NOT_PROSE and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(data.strip())


def html_texts(markup: str) -> list[str]:
    """The texts a reader of `markup` reads (and hears): its text and read attributes, not code."""
    parser = _Text()
    parser.feed(markup)
    return parser.texts


def _title_texts(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    if isinstance(value, dict):
        return _title_texts(value.get("text")) + _title_texts(value.get("subtitle"))
    return []


def chart_titles(spec) -> list[str]:
    """The chart's own words: titles and subtitles (of the chart, its views, axes, legends,
    headers) and its description, wherever they are in the spec."""
    found: list[str] = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in ("title", "description"):
                found.extend(_title_texts(value))
            elif key not in ("datasets", "data", "config"):
                found.extend(chart_titles(value))
    elif isinstance(spec, list):
        for item in spec:
            found.extend(chart_titles(item))
    return found


def chart_data_texts(spec: dict) -> list[str]:
    """The texts of a chart's inline data: its field names (tooltips show them) and its text
    values (axis labels, legend entries, tooltips)."""
    found: list[str] = []
    rows = [row for rows in spec.get("datasets", {}).values() for row in rows]

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("values"), list):
                rows.extend(node["values"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
    walk({key: value for key, value in spec.items() if key != "datasets"})
    for row in rows:
        if isinstance(row, dict):
            found.extend(str(key) for key in row)
            found.extend(value for value in row.values() if isinstance(value, str))
    return found


def _data(output, mime):
    value = output.get("data", {}).get(mime)
    return "".join(value) if isinstance(value, list) else value


def outputs(notebook) -> list[tuple[int, dict]]:
    return [(index, output) for index, cell in enumerate(notebook.cells) if cell.cell_type == "code"
            for output in cell.get("outputs", [])]


def leftovers(notebook) -> Counter:
    """English texts left in the outputs of a notebook run in Chinese, counted."""
    english: Counter = Counter()
    for _, output in outputs(notebook):
        texts: list[str] = []
        if _data(output, VEGALITE_MIME_TYPE) is not None:
            spec = output["data"][VEGALITE_MIME_TYPE]
            texts = chart_titles(spec) + chart_data_texts(spec)
        elif _data(output, "text/html") is not None:
            texts = html_texts(_data(output, "text/html"))
        english.update(text for text in texts if latin_words(text) and not LINK.fullmatch(text))
    return english


# Run before the notebook's own cells by --run: a msgid missing from the catalog is kept in
# English and listed, instead of stopping the notebook.
LENIENT = """\
import factcheck.render.i18n as _i18n
_missing = []
def _lenient(function):
    def lenient(text, *args, **kwargs):
        try:
            return function(text, *args, **kwargs)
        except _i18n.MissingTranslation as error:
            _missing.append(error.msgid)
            return text
    return lenient
_i18n.gettext_zh = _lenient(_i18n.gettext_zh)
_i18n.to_chinese = _lenient(_i18n.to_chinese)
"""
REPORT = "import json; print('MISSING-MSGIDS ' + json.dumps(sorted(set(_missing)), ensure_ascii=False))"


def run_lenient(path: Path) -> tuple[nbformat.NotebookNode, list[str], list[str]]:
    """A copy of the notebook executed in Chinese with the lenient catalog; the msgids it missed;
    errors."""
    language.use("zh")
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(LENIENT))
    notebook.cells.append(nbformat.v4.new_code_cell(REPORT))
    NotebookClient(notebook, kernel_manager_class=UnixSocketKernelManager, timeout=600,
                   kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    report = "".join(output.get("text", "") for output in notebook.cells[-1].outputs)
    missing = json.loads(report.split("MISSING-MSGIDS ", 1)[1]) if "MISSING-MSGIDS " in report else []
    errors = [f"cell {index}: {output['ename']}: {output['evalue'][:200]}"
              for index, output in outputs(notebook) if output.get("output_type") == "error"]
    notebook.cells = notebook.cells[1:-1]
    return notebook, missing, errors


def main(arguments: list[str]) -> int:
    run = "--run" in arguments
    paths = [Path(argument) for argument in arguments if argument != "--run"]
    if not run and not paths:
        paths = sorted(CHINESE_EXECUTED.rglob("*.ipynb"))
        if not paths:
            print(f"{CHINESE_EXECUTED} holds no notebooks: run `make book` first.", file=sys.stderr)
            return 1
    total: Counter = Counter()
    all_missing: set[str] = set()
    for path in paths:
        if run:
            notebook, missing, errors = run_lenient(path)
            all_missing.update(missing)
            for error in errors:
                print(f"{path.name}: ERROR {error}")
        else:
            notebook = nbformat.read(path, as_version=4)
        total.update(leftovers(notebook))
    for msgid in sorted(all_missing):
        print(f"MISSING {json.dumps(msgid, ensure_ascii=False)}")
    for text, count in total.most_common():
        print(f"ENGLISH {count:3d} {json.dumps(text, ensure_ascii=False)}")
    print(f"{len(all_missing)} missing msgids, {len(total)} English texts in the Chinese outputs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
