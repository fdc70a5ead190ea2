"""Shared code of the Chongzuo education fact-check book, in four layers.

- ``factcheck.data``: the article, the numbers in it, the claim registry, the
  table of parts, the references, the verdict scale and the recorded derived
  values. It reads ``data/`` and knows nothing of HTML or charts.
- ``factcheck.render``: what a chapter shows: claim boxes, verdict cards, the
  highlighted article (Jinja2 templates in ``render/templates/``), charts and
  tables, in the language being run (``render/language.py``). It reads the data
  layer and writes nothing.
- ``factcheck.book``: the Sphinx extension that publishes the book: charts drawn at
  build time, ``claims.json`` and ClaimReview, the directives, the Chinese edition.
  (Not named ``build``: that name is taken for generated output by common ignore
  files and tools.)
- ``factcheck.tools``: the developer's commands: executing and normalising the
  notebooks, recording derived values (``make derived``), ``make translations``,
  verifying the built book, the bench.

Imports run one way, tools -> book -> render -> data; ``tests/test_layers.py`` fails
on an arrow the other way. Everything a reader needs to follow a verdict stays in
the notebooks.
"""
import os
from pathlib import Path

ROOT_VARIABLE = "FACTCHECK_ROOT"


def find_project_root(environ: dict, package_dir: Path, working_dir: Path) -> Path:
    """The folder that holds data/datapackage.json.

    FACTCHECK_ROOT if it is set (and then it must be right); else the checkout the package
    lives in (an editable install, or the source tree); else the working folder or one above
    it (a non-editable install run from the project, or a notebook run from notebooks/).
    """
    def holds_data(folder: Path) -> bool:
        return (folder / "data" / "datapackage.json").is_file()

    if environ.get(ROOT_VARIABLE):
        root = Path(environ[ROOT_VARIABLE]).resolve()
        if not holds_data(root):
            raise RuntimeError(f"{ROOT_VARIABLE}={root} has no data/datapackage.json: point it at the "
                               "project's folder (the one with data/ and notebooks/).")
        return root
    for folder in (package_dir.parent, working_dir, *working_dir.parents):
        if holds_data(folder):
            return folder
    raise RuntimeError(f"factcheck cannot find the project's data/ folder from {working_dir}: run it "
                       f"from the project's folder, set {ROOT_VARIABLE} to that folder, or install the "
                       "package from it with `pip install -e .`.")


PROJECT_ROOT = find_project_root(os.environ, Path(__file__).resolve().parent, Path.cwd().resolve())
DATA_DIR = PROJECT_ROOT / "data"
