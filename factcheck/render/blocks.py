"""HTML that notebooks display and the book prints: the templated boxes.

Every box (a claim, a verdict, the highlighted article) comes from one Jinja2
template in ``factcheck/render/templates/``, named after it. Values are escaped
with ``html.escape`` on the way in, so a quote or a URL can never break the page.

Every box is written in English and in Chinese. A template is rendered once per
language with Jinja's i18n extension: its labels are ``{% trans %}`` blocks and
``_()`` calls, identity in English and the catalog's Chinese in Chinese
(:mod:`factcheck.render.i18n`), where a label missing from the catalog raises
``MissingTranslation`` naming it. Data text is picked with the ``local`` filter
(``{{ verdict|local("conclusion") }}`` is ``conclusion`` or ``conclusion_zh``), and a
context value given as ``Both(english, chinese)`` is the one of the language rendered.
"""
from __future__ import annotations

import html
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..data.tables import is_missing
from .i18n import LANGUAGES, field_in, gettext_zh

TEMPLATES = Path(__file__).parent / "templates"

# The Chinese twin of an HTML output. JupyterLab shows text/html; the book's Chinese
# edition shows this one instead (factcheck.book).
ZH_HTML_MIME_TYPE = "application/vnd.factcheck.zh+html"


class HTMLBlock:
    """A piece of HTML that notebooks display and the book prints: a data table, a claim box;
    with its Chinese, when it has one, as a second output of the same cell."""

    def __init__(self, markup: str, zh: str | None = None):
        self.markup = markup
        self.zh = zh

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        bundle = {"text/html": self.markup}
        if self.zh is not None:
            bundle[ZH_HTML_MIME_TYPE] = self.zh
        return bundle

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


def _local(language: str):
    """The `local` filter: a data field in the language rendered (`name`, or `name_zh`)."""
    return lambda item, name: field_in(item, name, chinese=language != "en")


def _ngettext_zh(singular: str, plural: str, n: int) -> str:
    return gettext_zh(singular if n == 1 else plural)


CJK = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=2)
def environment(language: str = "en") -> jinja2.Environment:
    if language not in LANGUAGES:
        raise ValueError(f"no language {language!r}; the book has {LANGUAGES}")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             finalize=_escape, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=False, extensions=["jinja2.ext.i18n"])
    # {% trans %} blocks are read with their whitespace collapsed: a label is one line.
    env.policies["ext.i18n.trimmed"] = True
    if language == "en":
        env.install_null_translations(newstyle=True)
    else:
        env.install_gettext_callables(gettext_zh, _ngettext_zh, newstyle=True)
    env.filters["number"] = format_number
    env.filters["local"] = _local(language)
    # A source's own words are marked with their language: most are Chinese, a few English.
    env.filters["language_of"] = lambda text: "zh-Hans" if CJK.search(str(text)) else "en"
    # A value put into a {% trans %} block is not finalized: the `text` filter escapes it as
    # every other value is, and writes a missing one as "".
    env.filters["text"] = lambda value: _escape("" if is_missing(value) else value)
    # An empty cell may reach a template as None, NaN or "": none of them is shown.
    env.tests["present"] = lambda value: not is_missing(value) and value != ""
    return env


# The badge's symbol repeats the rating in a shape, so colour never carries it alone.
RATING_SYMBOLS = {"matches-official": "✔", "corroborated": "✓", "adds-up": "=", "misleading": "!",
                  "inconsistent": "≠", "contradicted": "✗", "unverifiable": "?"}
GRADE_LABELS = {"official": "official", "official-repost": "official repost", "aggregator": "copy"}
GRADE_LABELS_ZH = {"official": "官方", "official-repost": "官方转载", "aggregator": "第三方转载"}


class Both:
    """A context value that differs by language: the English one and the Chinese one."""

    def __init__(self, en, zh):
        self.en, self.zh = en, zh


def render(template: str, language: str = "en", **context) -> str:
    """One template of templates/, filled in, in one language: "en", or Chinese ("zh", or a
    tag such as "zh-Hans", which the template receives as `language`)."""
    edition = "zh" if language.startswith("zh") else language
    context = {name: getattr(value, edition) if isinstance(value, Both) else value
               for name, value in context.items()}
    return environment(edition).get_template(template).render(language=language, **context)


def render_block(template: str, **context) -> HTMLBlock:
    """One template rendered in English and in Chinese, as one block."""
    return HTMLBlock(render(template, "en", **context), render(template, "zh", **context))
