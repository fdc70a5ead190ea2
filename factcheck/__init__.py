"""Shared code of the Chongzuo education fact-check book, in three layers.

- ``factcheck.data``: the article, the numbers in it, the claim registry, the
  table of parts, the references, the verdict scale and the recorded derived
  values. It reads ``data/`` and knows nothing of HTML or charts.
- ``factcheck.render``: what a chapter shows: claim boxes, verdict cards, the
  highlighted article (Jinja2 templates in ``render/templates/``), charts and
  tables. It reads the data layer and writes nothing.
- ``factcheck.book``: what makes and publishes the book: the Sphinx extension,
  ``claims.json`` and ClaimReview, executing the notebooks, recording derived
  values (``make derived``) and the bench. (Not named ``build``: that name is
  taken for generated output by common ignore files and tools.)

Imports run one way, book -> render -> data; ``tests/test_layers.py`` fails on
an arrow the other way. Everything a reader needs to follow a verdict stays in
the notebooks.
"""
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
