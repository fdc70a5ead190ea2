"""HTML that notebooks display and the book prints: the templated boxes.

Every box (a claim, a verdict, the highlighted article) comes from one Jinja2
template in ``factcheck/render/templates/``, named after it. Values are escaped
with ``html.escape`` on the way in, so a quote or a URL can never break the page.
"""
from __future__ import annotations

import html
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..data.tables import is_missing

TEMPLATES = Path(__file__).parent / "templates"


class HTMLBlock:
    """A piece of HTML that notebooks display and the book prints: a data table, a claim box."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        # The default repr holds a memory address, which would differ on every run.
        return f"<HTML: {len(self.markup)} characters>"


def format_number(value) -> str:
    """A value as a reader reads it: thousands separated, no trailing zeros; empty if missing."""
    if is_missing(value):
        return ""
    number = Decimal(str(value))
    text = f"{number:,f}"
    return text.rstrip("0").rstrip(".") if "." in f"{number:f}" else text


def format_float(value: float) -> str:
    """A float in a table: thousands separated, at most six decimals, no trailing zeros."""
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _escape(value) -> Markup:
    """Every value printed by a template: escaped once, as html.escape does it."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape("" if value is None else str(value), quote=True))


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             finalize=_escape, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=False)
    env.filters["number"] = format_number
    # An empty cell may reach a template as None, NaN or "": none of them is shown.
    env.tests["present"] = lambda value: not is_missing(value) and value != ""
    return env


# The badge's symbol repeats the rating in a shape, so colour never carries it alone.
RATING_SYMBOLS = {"matches-official": "✔", "corroborated": "✓", "adds-up": "=", "misleading": "!",
                  "inconsistent": "≠", "contradicted": "✗", "unverifiable": "?"}
GRADE_LABELS = {"official": "official", "official-repost": "official repost", "aggregator": "copy"}
GRADE_LABELS_ZH = {"official": "官方", "official-repost": "官方转载", "aggregator": "第三方转载"}


def render(template: str, **context) -> str:
    """One template of templates/, filled in."""
    return environment().get_template(template).render(**context)
