"""The package's layers: imports run tools -> book -> render -> data, and only the book layer
and the tools write.

Read from the source with `ast`, so a test fails as soon as an arrow the other
way is written, whether or not the code path runs.
"""
import ast
from pathlib import Path

import pytest

from factcheck import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "factcheck"
RANK = {"data": 0, "render": 1, "book": 2, "tools": 3}
# Libraries that belong to one layer and above: no HTML, charts or notebook
# machinery in the data layer; no Sphinx below the book layer; executing notebooks and driving a
# browser are the developer tools' trades, not the Sphinx extension's.
LIBRARY_LAYER = {"altair": "render", "jinja2": "render", "markupsafe": "render", "IPython": "render",
                 "sphinx": "book", "docutils": "book", "nbformat": "book", "vl_convert": "book",
                 "nbclient": "tools", "playwright": "tools"}
WRITERS = {"write_text", "write_bytes", "write_derived", "to_csv", "unlink", "mkdir"}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
        yield path, [p for p in parts if p != "__init__"]


def _layer(module: list[str]) -> str | None:
    return module[1] if len(module) > 1 and module[0] == "factcheck" else None


def _imports(path: Path, module: list[str]):
    """Every module `path` imports, as dotted parts (relative imports resolved)."""
    package = module if path.name == "__init__.py" else module[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split("."), node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = base + (node.module.split(".") if node.module else [])
            if node.module is None:  # from . import x: x may be a module
                for alias in node.names:
                    yield target + [alias.name], node.lineno
            else:
                yield target, node.lineno


def layer_violations(package: Path = PACKAGE) -> list[str]:
    found = []
    for path, module in _modules():
        here = _layer(module)
        if here is None:
            continue
        for target, line in _imports(path, module):
            there = _layer(target) if target[0] == "factcheck" else LIBRARY_LAYER.get(target[0])
            if there in RANK and RANK[there] > RANK[here]:
                found.append(f"{path.relative_to(PROJECT_ROOT)}:{line}: the {here} layer imports "
                             f"{'.'.join(target)} ({there} layer)")
    return found


def test_every_module_sits_in_a_layer():
    loose = [".".join(m) for _, m in _modules() if m != ["factcheck"] and _layer(m) not in RANK]
    assert loose == []


def test_imports_run_from_tools_to_book_to_render_to_data():
    assert layer_violations() == []


def test_an_upward_import_is_caught(tmp_path, monkeypatch):
    """The check itself can fail: a data module that imports the renderer is reported."""
    copy = tmp_path / "factcheck"
    for path, _ in _modules():
        target = copy / path.relative_to(PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    bad = copy / "data" / "parts.py"
    bad.write_text(bad.read_text(encoding="utf-8") + "\nfrom ..render.charts import PALETTE\nimport altair\n",
                   encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", copy)
    monkeypatch.setattr(__import__(__name__), "PROJECT_ROOT", tmp_path)
    found = layer_violations()
    assert any("factcheck.render.charts" in f for f in found), found
    assert any("imports altair" in f for f in found), found


@pytest.mark.parametrize("layer", ["data", "render"])
def test_only_the_book_layer_and_the_derived_table_write_files(layer):
    """Code that displays never writes: no file-writing call in the render layer, and in the
    data layer only data/derived.py's writer, which `make derived` calls."""
    calls = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                mode = [a.value for a in node.args[1:2] if isinstance(a, ast.Constant)]
                if name in WRITERS or (name == "open" and any("w" in m or "a" in m for m in mode)):
                    calls.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}: {name}")
    allowed = {"data": {"factcheck/data/derived.py"}, "render": set()}[layer]
    assert [c for c in calls if c.split(":")[0] not in allowed] == []
